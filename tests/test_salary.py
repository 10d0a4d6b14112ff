"""Salary front matter: only amounts that are money are read, and JSON-LD says no more than the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from careers.model import Salary
from careers.pages.jsonld import job_posting
from careers.posting.fields import read_fields
from careers.posting.salary import parse_salary
from careers.sources.source import parse_source

from .test_jsonld import CONFIG, posting

# text → (currency, min, max, unit); no amounts where the text names no money.
TEXTS: list[tuple[str, tuple[str, float | None, float | None, str]]] = [
    ("$60,000 plus 401k match", ("USD", 60_000, None, "YEAR")),
    ("$60,000 and 401k", ("USD", 60_000, None, "YEAR")),
    ("Up to $25 per hour, 2 shifts", ("USD", None, 25, "HOUR")),
    ("up to USD 30/hr", ("USD", None, 30, "HOUR")),
    ("$60k–80k", ("USD", 60_000, 80_000, "YEAR")),
    ("$60-80k", ("USD", 60_000, 80_000, "YEAR")),
    ("$45,000-60k", ("USD", 45_000, 60_000, "YEAR")),
    ("£25,000 - £30,000 per annum", ("GBP", 25_000, 30_000, "YEAR")),
    ("USD 25/hour", ("USD", 25, None, "HOUR")),
    ("25 EUR hourly", ("EUR", 25, None, "HOUR")),
    ("€25.50 per hour", ("EUR", 25.5, None, "HOUR")),
    ("CA$90,000 a year", ("CAD", 90_000, None, "YEAR")),
    ("$1.2M", ("USD", 1_200_000, None, "YEAR")),
    ("Between $50,000 and $70,000", ("USD", 50_000, 70_000, "YEAR")),
    ("$80,000 - $60,000", ("USD", 60_000, 80_000, "YEAR")),
    ("60,000 – 80,000 per year", ("USD", 60_000, 80_000, "YEAR")),
    ("5 days a week, $25 per hour", ("USD", 25, None, "HOUR")),
    ("60000", ("USD", 60_000, None, "YEAR")),
    ("60k-80k", ("USD", 60_000, 80_000, "YEAR")),
    ("Competitive", ("USD", None, None, "YEAR")),
    ("401k match", ("USD", None, None, "YEAR")),
    ("2 shifts", ("USD", None, None, "YEAR")),
    ("REQ 1234, DOE", ("USD", None, None, "YEAR")),
    ("Competitive, paid monthly", ("USD", None, None, "MONTH")),
]


@pytest.mark.parametrize(("text", "expected"), TEXTS, ids=[t for t, _ in TEXTS])
def test_only_money_is_read(text: str, expected: tuple[str, float | None, float | None, str]) -> None:
    assert parse_salary(text) == Salary(*expected, text)


def salary_of(front_matter: str) -> Salary | None:
    data = f"---\ntitle: Driver\nsalary: {front_matter}\n---\nBody.\n".encode()
    fields, found = read_fields(parse_source(data, Path("x.md"), "x.md"))
    assert found == []
    return fields.salary


def test_a_number_or_mapping_is_money() -> None:
    assert salary_of("60000") == Salary("USD", 60_000, None, "YEAR", "60000")
    assert salary_of("{min: 20.5, max: 25, unit: hourly, currency: EUR}") == Salary(
        "EUR", 20.5, 25, "HOUR", "€20.50 – €25 per hour"
    )


def test_json_ld_says_what_the_text_says() -> None:
    def base_salary(text: str) -> object:
        return job_posting(posting(salary=parse_salary(text)), CONFIG).get("baseSalary")

    assert base_salary("Up to $25 per hour, 2 shifts") == {
        "@type": "MonetaryAmount",
        "currency": "USD",
        "value": {"@type": "QuantitativeValue", "unitText": "HOUR", "maxValue": 25},
    }
    assert base_salary("$60,000 plus 401k match") == {
        "@type": "MonetaryAmount",
        "currency": "USD",
        "value": {"@type": "QuantitativeValue", "unitText": "YEAR", "value": 60_000},
    }
    assert base_salary("£25,000 - £30,000 per annum") == {
        "@type": "MonetaryAmount",
        "currency": "GBP",
        "value": {"@type": "QuantitativeValue", "unitText": "YEAR", "minValue": 25_000, "maxValue": 30_000},
    }
    assert base_salary("401k match") is None
    assert base_salary("Competitive") is None


@pytest.mark.parametrize(
    ("front_matter", "message"),
    [
        ("{min: 1e308}", "front matter 'salary' min and max must be numbers, like 60000 or 25.50"),
        ("{min: 1, unit: fortnight}", "front matter 'salary' unit must be hour, day, week, month or year"),
        (
            "{min: 1, bonus: 2}",
            "front matter 'salary' unknown salary key(s) bonus; use min, max, currency, unit",
        ),
        ("{max: 1" + "0" * 400 + "}", "front matter 'salary' must hold finite amounts"),
    ],
)
def test_a_salary_mapping_that_cannot_be_read_is_an_error(front_matter: str, message: str) -> None:
    data = f"---\ntitle: Driver\nsalary: {front_matter}\n---\nBody.\n".encode()
    _, found = read_fields(parse_source(data, Path("x.md"), "x.md"))
    assert [(d.line, d.level) for d in found] == [(3, "error")]
    assert found[0].message.startswith(message)
