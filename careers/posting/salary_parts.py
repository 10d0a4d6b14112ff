"""The one salary model built from structured parts: front matter, an ATS payload, a saved page's JSON-LD.

``salary_from_parts`` is what an importer calls with what a system gives (Greenhouse cents,
Lever's ``per-year-salary``, Ashby's ``1 YEAR``, Recruitee's amounts as strings); front
matter's ``{min, max, currency, unit}`` and JSON-LD's ``baseSalary`` go through it too, so
every source yields the same value. A part that cannot be pay raises ``ValueError`` saying why.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from careers.model import PayRange, Salary
from careers.posting.salary import (
    CURRENCY_CODES,
    CURRENCY_SYMBOLS,
    MAX_AMOUNT,
    MULTIPLIERS,
    SALARY_UNITS,
    format_salary,
    parse_salary,
    read_number,
)

# How systems spell a pay period beyond the words people write ("per-hour-wage", "1 YEAR", "PER_MONTH").
_UNIT_SPELLINGS = {"salary": "YEAR", "wage": "HOUR", "annum": "YEAR", "biweekly": "WEEK"}
_NUMBER_TEXT = re.compile(r"\s*+[^\d\s]{0,4}\s*+(\d[\d,.]*+)\s*+([kKmM])?\s*+[A-Z]{0,3}\s*+")


def salary_from_parts(
    min_value: Any = None,
    max_value: Any = None,
    currency: Any = None,
    unit: Any = None,
    text: Any = None,
    *,
    cents: bool = False,
    places: tuple[PayRange, ...] = (),
) -> Salary | None:
    """One salary from separate parts; ``None`` when they state neither an amount nor words.

    Amounts may be numbers or text ("60000", "60,000", "$60k"); ``cents`` divides them by 100
    (Greenhouse's ``min_cents``). ``currency`` is a code or symbol (default: the text's, else
    USD); ``unit`` any spelling of hour, day, week, month or year (default: the text's, else a
    year). Only a minimum is "from" it, only a maximum "up to" it, both equal a fixed figure.
    ``text`` is kept as written; with no amounts given, the amounts are read from it.
    """
    lo, hi = read_amount(min_value, cents), read_amount(max_value, cents)
    words = " ".join(str(text).split()) if isinstance(text, str) else ""
    if lo is None and hi is None:
        if not words:
            return None
        read = parse_salary(words)
        code = read_currency(currency) if currency else read.currency
        period = read_unit(unit) if unit else read.unit
        return Salary(code, read.min_value, read.max_value, period, words, places)
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    from_text = parse_salary(words) if words else None
    code = read_currency(currency) if currency else (from_text.currency if from_text else "USD")
    period = read_unit(unit) if unit else (from_text.unit if from_text and from_text.known else "YEAR")
    return Salary(code, lo, hi, period, words or format_salary(code, lo, hi, period), places)


def read_amount(value: Any, cents: bool = False) -> float | None:
    """A number, or text of one ("60,000", "$60k", "4.200"), as a finite amount of pay."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError("min and max must be numbers, like 60000 or 25.50")
    if isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError:  # an integer of hundreds of digits
            raise ValueError("must hold finite amounts, not .nan, .inf or hundreds of digits") from None
    elif isinstance(value, str) and (found := _NUMBER_TEXT.fullmatch(value)):
        number = read_number(found.group(1)) * MULTIPLIERS.get((found.group(2) or "").lower(), 1)
    else:
        raise ValueError("min and max must be numbers, like 60000 or 25.50")
    if not math.isfinite(number):
        raise ValueError("must hold finite amounts, not .nan, .inf or hundreds of digits")
    number = number / 100 if cents else number
    if not 0 <= number <= MAX_AMOUNT:
        raise ValueError(f"amount {number:,.0f} is not pay: amounts are from 0 to {MAX_AMOUNT:,.0f}")
    return number


def read_currency(value: Any) -> str:
    """A currency code or symbol ("usd", "US$", "€") as its ISO code."""
    text = str(value).strip()
    code = CURRENCY_SYMBOLS.get(text) or text.upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        known = ", ".join(sorted(CURRENCY_CODES)[:6])
        raise ValueError(f"currency must be a three-letter code such as {known}, not {text!r}")
    return code


def read_unit(value: Any) -> str:
    """Any spelling of a pay period ("hourly", "per-year-salary", "1 YEAR", "PER_MONTH") as its unitText."""
    words = re.findall(r"[a-z]+", str(value).lower())
    for word in words:
        if word in ("per", "paid"):
            continue
        unit = SALARY_UNITS.get(word) or SALARY_UNITS.get(word.removesuffix("s")) or _UNIT_SPELLINGS.get(word)
        if unit:
            return unit
    raise ValueError("unit must be hour, day, week, month or year")


def salary_from_mapping(value: Mapping[Any, Any]) -> Salary | None:
    """Front matter's ``{min, max, currency, unit}`` (each optional)."""
    unknown = set(value) - {"min", "max", "currency", "unit"}
    if unknown:
        names = ", ".join(sorted(str(key) for key in unknown))
        raise ValueError(f"unknown salary key(s) {names}; use min, max, currency, unit")
    if value.get("min") is None and value.get("max") is None:
        raise ValueError("needs a min, a max or both (or write the pay as text)")
    for key in ("min", "max"):
        amount = value.get(key)
        if amount is not None and (isinstance(amount, bool) or not isinstance(amount, (int, float))):
            raise ValueError("min and max must be numbers, like 60000 or 25.50")
    return salary_from_parts(
        value.get("min"), value.get("max"), value.get("currency") or "USD", value.get("unit") or "year"
    )


def salary_from_jsonld(value: Any) -> Salary | None:
    """A schema.org ``baseSalary`` (a ``MonetaryAmount``, a number or text) as the salary model."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, (int, float, str)) and not isinstance(value, bool):
        return salary_from_parts(text=str(value))
    if not isinstance(value, dict):
        return None
    currency = value.get("currency") if isinstance(value.get("currency"), str) else None
    amount = value.get("value")
    try:
        if isinstance(amount, dict):
            lo = amount.get("minValue", amount.get("value"))
            hi = amount.get("maxValue", amount.get("value") if "minValue" not in amount else None)
            unit = amount.get("unitText") or "YEAR"
            return salary_from_parts(lo, hi, currency or "USD", unit)
        if isinstance(amount, (int, float, str)) and not isinstance(amount, bool):
            return salary_from_parts(amount, amount, currency or "USD", value.get("unitText") or "YEAR")
    except ValueError:
        return None
    return None
