"""Salary text read for the amounts in it that are money; a salary mapping written back as text."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from careers.model import Salary

# Longest first: "CA$" is Canadian dollars, not "$" after the letters "CA".
CURRENCY_SYMBOLS = {
    "US$": "USD",
    "CA$": "CAD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "C$": "CAD",
    "A$": "AUD",
    "S$": "SGD",
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
SALARY_UNITS = {
    "hour": "HOUR",
    "hourly": "HOUR",
    "hr": "HOUR",
    "day": "DAY",
    "daily": "DAY",
    "week": "WEEK",
    "weekly": "WEEK",
    "month": "MONTH",
    "monthly": "MONTH",
    "year": "YEAR",
    "yearly": "YEAR",
    "yr": "YEAR",
    "annum": "YEAR",
    "annual": "YEAR",
    "annually": "YEAR",
}
MULTIPLIERS = {"k": 1e3, "m": 1e6}

_SYMBOL = "|".join(re.escape(s) for s in CURRENCY_SYMBOLS)
_AMOUNT = re.compile(
    rf"(?P<pre>(?:{_SYMBOL})\s?|\b[A-Z]{{3}}\s?)?"
    r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?"
    r"(?:\s?(?P<mult>[kKmM])(?![A-Za-z]))?"
    r"(?:\s?(?P<post>[A-Z]{3})\b)?"
)
_UNIT = re.compile(r"\b(" + "|".join(SALARY_UNITS) + r")s?\b", re.IGNORECASE)
_PER_UNIT = re.compile(r"\s*(?:/|\bper\b|\ban?\b|\beach\b)\s*" + _UNIT.pattern, re.IGNORECASE)
_RANGE = re.compile(r"\s*(?:-|–|—|to)\s*", re.IGNORECASE)
# "between $50k and $60k" is a range; "$60k and 401k" is not.
_BETWEEN = re.compile(r"\bbetween\s*$", re.IGNORECASE)
_AND = re.compile(r"\s*and\s*", re.IGNORECASE)
_UP_TO = re.compile(r"\b(?:up\s+to|max(?:imum)?|no\s+more\s+than|less\s+than|under)\W*$", re.IGNORECASE)


@dataclass(frozen=True)
class _Amount:
    start: int
    end: int
    number: float  # as written, before a multiplier
    multiplier: float | None
    currency: str | None

    @property
    def value(self) -> float:
        return self.number * (self.multiplier or 1)


def parse_salary(text: str) -> Salary:
    """Read "$60,000 – $80,000 a year", "Up to £25 per hour" or "USD 25/hour"; keep the text as written.

    Only amounts that are money count: beside a currency ("$60k", "25 EUR"), before a unit
    ("25 per hour"), at one end of a range with one, or all the text there is ("60000").
    "401k match" or "2 shifts" are not pay, and text with no money in it ("Competitive")
    keeps no amounts.
    """
    # An amount of hundreds of digits is infinite as a float: no pay, and no JSON can hold it.
    amounts = [a for m in _AMOUNT.finditer(text) if math.isfinite((a := _amount(m)).value)]
    group = _first_money(text, amounts)
    if not group:
        return Salary(_any_currency(amounts) or "USD", None, None, _unit(text, 0), text)
    currency = next((a.currency for a in group if a.currency), None) or _any_currency(amounts) or "USD"
    unit = _unit(text, group[-1].end)
    if len(group) == 2:
        lo, hi = sorted(_shared_multiplier(*group))
        if not math.isfinite(hi):  # a multiplier took an end past a float
            return Salary(currency, None, None, unit, text)
        return Salary(currency, lo, hi, unit, text)
    if _UP_TO.search(text, 0, group[0].start):
        return Salary(currency, None, group[0].value, unit, text)
    return Salary(currency, group[0].value, None, unit, text)


def beyond_float(text: str) -> bool:
    """Whether ``text`` writes an amount no float holds (hundreds of digits): ``parse_salary``
    reads it as no amount; front matter, written on purpose, is told."""
    return any(not math.isfinite(_amount(m).value) for m in _AMOUNT.finditer(text))


def _amount(match: re.Match[str]) -> _Amount:
    pre = (match["pre"] or "").strip()
    post = match["post"]
    currency = CURRENCY_SYMBOLS.get(pre) or (pre if pre in CURRENCY_CODES else None)
    currency = currency or (post if post in CURRENCY_CODES else None)
    number = float(match["num"].replace(",", "") + (match["frac"] or ""))
    multiplier = MULTIPLIERS.get((match["mult"] or "").lower())
    return _Amount(match.start(), match.end(), number, multiplier, currency)


def _first_money(text: str, amounts: list[_Amount]) -> tuple[_Amount, ...]:
    """The first amount that is money, with the other end of its range if it has one."""
    for i, amount in enumerate(amounts):
        after = amounts[i + 1] if i + 1 < len(amounts) else None
        pair = (amount, after) if after and _is_range(text, amount, after) else (amount,)
        if any(a.currency or _PER_UNIT.match(text, a.end) for a in pair):
            return pair
        if not text[: pair[0].start].strip() and not text[pair[-1].end :].strip():
            return pair  # the amount (or range) is all the text says: "60000", "60k-80k"
    return ()


def _is_range(text: str, lo: _Amount, hi: _Amount) -> bool:
    if _RANGE.fullmatch(text, lo.end, hi.start):
        return True
    return bool(_AND.fullmatch(text, lo.end, hi.start) and _BETWEEN.search(text, 0, lo.start))


def _shared_multiplier(lo: _Amount, hi: _Amount) -> tuple[float, float]:
    """ "$60-80k" is 60,000 to 80,000: the bare end takes the other's multiplier when it is smaller."""
    if hi.multiplier and not lo.multiplier and lo.number < hi.number:
        return lo.number * hi.multiplier, hi.value
    return lo.value, hi.value


def _any_currency(amounts: list[_Amount]) -> str | None:
    return next((a.currency for a in amounts if a.currency), None)


def _unit(text: str, start: int) -> str:
    """The pay period said after the amount (or anywhere, if not after it); a year if none is."""
    found = _UNIT.search(text, start) or _UNIT.search(text)
    return SALARY_UNITS[found.group(1).lower()] if found else "YEAR"


def format_salary(currency: str, lo: float | None, hi: float | None, unit: str) -> str:
    symbol = {v: k for k, v in CURRENCY_SYMBOLS.items()}.get(currency, currency + " ")
    amounts = [f"{symbol}{v:,.2f}".removesuffix(".00") for v in (lo, hi) if v is not None]
    return " – ".join(amounts) + f" per {unit.lower()}"
