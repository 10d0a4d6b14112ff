"""Pay text read into the one salary model (``careers.model.Salary``), and the model written back as text.

Only amounts that are money count: beside a currency ("$60k", "25 EUR"), before a pay period
("25 per hour"), or all the text there is ("60000"). "401k match" and "2 shifts" are not pay;
text with no money in it ("Competitive", "DOE") keeps its words and no amounts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from careers.model import PayRange, Salary

# Longest first: "CA$" is Canadian dollars, not "$" after the letters "CA".
CURRENCY_SYMBOLS = {
    "US$": "USD",
    "CA$": "CAD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "Rs.": "INR",
    "C$": "CAD",
    "A$": "AUD",
    "S$": "SGD",
    "R$": "BRL",
    "Rs": "INR",
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
}
# Codes written beside an amount ("USD 25", "25 EUR"); any other three capitals ("REQ 1234") are not money.
CURRENCY_CODES = frozenset(
    "USD CAD AUD NZD GBP EUR CHF SEK NOK DKK ISK PLN CZK HUF RON BGN JPY CNY HKD SGD KRW TWD INR "
    "PHP IDR MYR THB VND BRL MXN ARS CLP COP PEN ZAR NGN KES EGP AED SAR QAR ILS TRY".split()
)
# Pay periods as people write them (English, German, French, Spanish) → schema.org unitText.
SALARY_UNITS = {
    **dict.fromkeys(("hour", "hourly", "hr", "hrs", "stunde", "std", "heure", "hora"), "HOUR"),
    **dict.fromkeys(("day", "daily", "tag", "jour", "día", "dia"), "DAY"),
    **dict.fromkeys(("week", "weekly", "wk", "woche", "semaine", "semana"), "WEEK"),
    **dict.fromkeys(("month", "monthly", "mo", "mth", "monat", "mois", "mes", "mensual"), "MONTH"),
    **dict.fromkeys(("year", "yearly", "yr", "annum", "annual", "annually", "jahr", "année", "año"), "YEAR"),
}
UNIT_WORDS = {"HOUR": "hour", "DAY": "day", "WEEK": "week", "MONTH": "month", "YEAR": "year"}
MULTIPLIERS = {"k": 1e3, "m": 1e6}
# No pay is more than this in any currency's unit (a trillion dong is forty million dollars);
# hundreds of digits, or a figure of "$260M Series C" as a salary, are not pay.
MAX_AMOUNT = 1e10
# Below this (with no period stated) an amount is read as hourly: "£9.21", "$16.50" are not a year's pay.
HOURLY_BELOW = 500

_SYMBOL = "|".join(
    (r"\b" if s[0].isalpha() else "") + re.escape(s) for s in sorted(CURRENCY_SYMBOLS, key=len, reverse=True)
)
_NUMBER = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?"  # 1,234,567.89
    r"|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?"  # 1,00,00,000.00 (Indian grouping)
    r"|\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?"  # 1.234.567,89 (and "€4.200": a dot and three digits group)
    r"|\d{1,15}(?:[.,]\d{1,2})?"  # 1234, 25.50, 25,50
)
# The lookahead first: a digit within the next five characters, or no amount starts here (most
# positions of a posting's text; trying every currency there made this the pay reader's cost).
_AMOUNT = re.compile(
    r"(?=\D{0,4}\d)"
    rf"(?P<pre>(?:{_SYMBOL})\s?|\b[A-Z]{{3}}\s?)?"
    rf"(?<![\d.,])(?P<num>{_NUMBER})(?![\d]|[.,]\d)"
    r"(?:\s?(?P<mult>[kKmM])(?![A-Za-z]))?"
    r"(?P<plus>\+)?"
    r"(?:\s?(?P<post>[A-Z]{3}\b|€|£)(?!\s?\d))?"  # "25 EUR", "4,50 €"; not "1 £8.83"
)
_UNIT_WORD = "|".join(sorted(SALARY_UNITS, key=len, reverse=True))
# A period right after an amount: "per hour", "an hour", "/hr", "/h", "pa", "annually", "brutto/Monat".
_CODE = "|".join(sorted(CURRENCY_CODES))
_PER_UNIT = re.compile(
    rf"[\s,]*(?:\(?(?:(?-i:{_CODE})|gross|brutto|net|netto|base)\)?\s*)?"
    rf"(?:(?:/|\bper\b|\ban?\b|\beach\b|\bpro\b|\bpar\b|\bim\b|\bal\b|\bpaid\b)\s*(?P<unit>{_UNIT_WORD}|h)s?\b"
    r"|(?P<adverb>hourly|daily|weekly|monthly|yearly|annually|annual|p\.?a\.?|ph)(?![\w]))",
    re.IGNORECASE,
)
# A period said before the amount in the same clause: "annual salary of £18,135", "hourly rate: $23".
_UNIT_BEFORE = re.compile(r"\b(hourly|daily|weekly|monthly|annual|yearly)\b", re.IGNORECASE)
_RANGE = re.compile(r"\s*(?:\\?-|–|—|‑|to|through|bis|à)\s*", re.IGNORECASE)
# "between $50k and $60k" is a range; "$60k and 401k" is not.
_BETWEEN = re.compile(r"\bbetween\s*$", re.IGNORECASE)
_AND = re.compile(r"\s*and\s*", re.IGNORECASE)
_UP_TO = re.compile(
    r"\b(?:up\s+to|max(?:imum)?(?:\s+of)?|no\s+more\s+than|less\s+than|under|not\s+to\s+exceed"
    r"|ranges?\s+to|bis\s+zu|jusqu'à)\W*$",
    re.IGNORECASE,
)
_FROM = re.compile(
    r"\b(?:from|starting\s+(?:at|from)|starts?\s+at|start(?:ing)?\s+(?:pay|salary|wage|rate)\s+(?:is|of)"
    r"|min(?:imum)?(?:\s+of)?|at\s+least|ab|à\s+partir\s+de)\W*$",
    re.IGNORECASE,
)
_AND_UP = re.compile(r"\s*(?:and\s+up|and\s+above|or\s+more|or\s+higher|\+)", re.IGNORECASE)


@dataclass(frozen=True)
class Amount:
    """A number written as money might be, where it is in the text, and what stands beside it."""

    start: int
    end: int
    number: float  # as written, before a multiplier
    multiplier: float | None
    currency: str | None
    plus: bool  # "$1,500+"

    @property
    def value(self) -> float:
        return self.number * (self.multiplier or 1)


def parse_salary(text: str) -> Salary:
    """Read "$60,000 – $80,000 a year", "Up to £25 per hour", "€4.200 brutto/Monat"; keep the text."""
    amounts = find_amounts(text)
    group = first_money(text, amounts)
    if not group:
        return Salary(_any_currency(amounts) or "USD", None, None, _any_unit(text) or "YEAR", text)
    return salary_of_group(text, group, _any_currency(amounts))


def find_amounts(text: str) -> list[Amount]:
    """Every number in ``text`` with the currency and multiplier written beside it."""
    found = []
    for match in _AMOUNT.finditer(text):
        pre = (match["pre"] or "").strip()
        post = match["post"]
        currency = CURRENCY_SYMBOLS.get(pre) or (pre if pre in CURRENCY_CODES else None)
        currency = currency or CURRENCY_SYMBOLS.get(post or "") or (post if post in CURRENCY_CODES else None)
        multiplier = MULTIPLIERS.get((match["mult"] or "").lower())
        number = read_number(match["num"])
        found.append(Amount(match.start(), match.end(), number, multiplier, currency, bool(match["plus"])))
    return found


def read_number(text: str) -> float:
    """ "1,234.50", "1.234,50", "4.200", "1,00,000", "25,50" as a number."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?", text):
        return float(text.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+,\d{1,2}", text):
        return float(text.replace(",", "."))
    return float(text.replace(",", ""))


def is_money(text: str, amount: Amount) -> bool:
    """An amount with a currency beside it, or a pay period after it; never zero, never absurd."""
    if not 0 < amount.value <= MAX_AMOUNT:
        return False
    return bool(amount.currency or _PER_UNIT.match(text, amount.end))


def first_money(text: str, amounts: list[Amount]) -> tuple[Amount, ...]:
    """The first amount that is money, with the other end of its range if it has one."""
    for pair in _groups(text, amounts):
        if not all(0 < a.value <= MAX_AMOUNT for a in pair):
            continue  # "$0.00 - $1,00,00,000.00" is no range anyone will be paid in
        if any(is_money(text, a) for a in pair):
            return pair
        if not text[: pair[0].start].strip() and not text[pair[-1].end :].strip():
            return pair  # the amount (or range) is all the text says: "60000", "60k-80k"
    return ()


def _groups(text: str, amounts: list[Amount]) -> Iterator[tuple[Amount, ...]]:
    """The amounts, each alone or with the other end of its range."""
    i = 0
    while i < len(amounts):
        after = amounts[i + 1] if i + 1 < len(amounts) else None
        pair = (amounts[i], after) if after and is_range(text, amounts[i], after) else (amounts[i],)
        yield pair
        i += len(pair)


def money_groups(text: str) -> Iterator[tuple[Amount, ...]]:
    """Every amount (or range of two) in ``text`` that is money, in order."""
    for pair in _groups(text, find_amounts(text)):
        if all(0 < a.value <= MAX_AMOUNT for a in pair) and any(is_money(text, a) for a in pair):
            yield pair


def is_range(text: str, lo: Amount, hi: Amount) -> bool:
    """Two amounts written as one range: "$20-$22", "£25,000 to £30,000", "$60k/year - $80k/year"."""
    gap = _PER_UNIT.match(text, lo.end)
    start = gap.end() if gap and gap.end() <= hi.start else lo.end
    if _RANGE.fullmatch(text, start, hi.start):
        return True
    return bool(_AND.fullmatch(text, lo.end, hi.start) and _BETWEEN.search(text, 0, lo.start))


def salary_of_group(text: str, group: tuple[Amount, ...], currency: str | None) -> Salary:
    """The salary a money amount (or range) in ``text`` states."""
    currency = next((a.currency for a in group if a.currency), None) or currency or "USD"
    values = [a.value for a in group]
    if len(group) == 2:
        values = sorted(_shared_multiplier(*group))
    unit = unit_after(text, group[-1].end) or unit_before(text, group[0].start)
    unit = unit or ("HOUR" if max(values) < HOURLY_BELOW else "YEAR")
    if len(group) == 2:
        return Salary(currency, values[0], values[1], unit, text)
    value = values[0]
    if _UP_TO.search(text, max(0, group[0].start - 40), group[0].start):
        return Salary(currency, None, value, unit, text)
    opening = max(0, group[0].start - 40)
    if group[0].plus or _FROM.search(text, opening, group[0].start) or _and_up(text, group[0]):
        return Salary(currency, value, None, unit, text)
    return Salary(currency, value, value, unit, text)


def _and_up(text: str, amount: Amount) -> bool:
    period = _PER_UNIT.match(text, amount.end)
    return bool(_AND_UP.match(text, period.end() if period else amount.end))


def _shared_multiplier(lo: Amount, hi: Amount) -> tuple[float, float]:
    """ "$60-80k" is 60,000 to 80,000: the bare end takes the other's multiplier when it is smaller."""
    if hi.multiplier and not lo.multiplier and lo.number < hi.number:
        return lo.number * hi.multiplier, hi.value
    return lo.value, hi.value


def _any_currency(amounts: list[Amount]) -> str | None:
    return next((a.currency for a in amounts if a.currency), None)


def unit_after(text: str, end: int) -> str | None:
    """The pay period written right after an amount ("per hour", "/yr", "pa"), if any."""
    found = _PER_UNIT.match(text, end)
    if not found:
        return None
    word = (found["unit"] or found["adverb"]).lower().replace(".", "")
    return {"h": "HOUR", "pa": "YEAR", "ph": "HOUR"}.get(word) or SALARY_UNITS.get(word.removesuffix("s"))


def unit_before(text: str, start: int) -> str | None:
    """A period said earlier in the amount's clause: "annual salary of £18,135"."""
    clause = re.split(r"[.;!?]\s", text[max(0, start - 120) : start])[-1]
    found = [m.group(1).lower() for m in _UNIT_BEFORE.finditer(clause)]
    return SALARY_UNITS[found[-1]] if found else None


def _any_unit(text: str) -> str | None:
    """A pay period said anywhere ("Competitive, paid monthly"), if any."""
    found = re.search(rf"\b({_UNIT_WORD})s?\b", text, re.IGNORECASE)
    if not found or found.group(1).lower() in ("mo", "tag", "a", "al"):
        return None
    return SALARY_UNITS.get(found.group(1).lower())


def format_salary(currency: str, lo: float | None, hi: float | None, unit: str, cents: bool = False) -> str:
    """ "$60,000 – $80,000 per year", "$25 per hour", "From $18 per hour", "Up to $30 per hour";
    ``cents``: every amount with its cents ("$18.00"), as a posting that writes them does."""
    period = f" per {UNIT_WORDS.get(unit, unit.lower())}"
    if lo is None and hi is None:
        return ""
    if lo is None:
        return f"Up to {money(currency, hi, cents)}{period}"
    if hi is None:
        return f"From {money(currency, lo, cents)}{period}"
    if lo == hi:
        return money(currency, lo, cents) + period
    return f"{money(currency, lo, cents)} – {money(currency, hi, cents)}{period}"


def money(currency: str, value: float | None, cents: bool = False) -> str:
    """One amount with its currency: "$60,000", "€25.50", "CHF 90,000" ("$18.00" with ``cents``)."""
    symbol = _SYMBOL_OF.get(currency, currency + " ")
    text = f"{symbol}{value or 0:,.2f}"
    return text if cents else text.removesuffix(".00")


_SYMBOL_OF = {"USD": "$", "CAD": "CA$", "AUD": "A$", "NZD": "NZ$", "HKD": "HK$", "SGD": "S$", "BRL": "R$"}
_SYMBOL_OF |= {"GBP": "£", "EUR": "€", "JPY": "¥", "INR": "₹"}


def pay_label(salary: Salary | PayRange | None) -> str:
    """What a card, a page and every feed show of a posting's pay ("" when it states none)."""
    if salary is None:
        return ""
    if isinstance(salary, Salary) and not salary.known:
        return " ".join(salary.text.split())[:120]
    cents = isinstance(salary, Salary) and bool(_CENTS.search(salary.text))
    return format_salary(salary.currency, salary.min_value, salary.max_value, salary.unit, cents)


_CENTS = re.compile(r"\d\.\d\d(?!\d)")  # "$18.00", "$14.50": a posting that writes cents
