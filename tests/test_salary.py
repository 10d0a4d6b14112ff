"""One salary model: pay from text, a body, an importer's parts or a saved page's JSON-LD reads as one value.

The table (``tests/data/salary/phrasings.tsv``) holds real phrasings, each with the value it
must read as, including those that must stay unknown.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from careers.config import Config
from careers.model import PayRange, Salary
from careers.pages.jsonld import job_posting
from careers.posting.fields import read_fields
from careers.posting.process import process_source
from careers.posting.salary import parse_salary, pay_label
from careers.posting.salary_parts import read_unit, salary_from_jsonld, salary_from_parts
from careers.posting.tagging.vocabulary_files import load_vocabulary
from careers.sources.source import parse_source

from .test_jsonld import CONFIG, posting

TABLE = Path(__file__).parent / "data" / "salary" / "phrasings.tsv"


def rows() -> list[tuple[str, str, tuple[Any, ...], str]]:
    found = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        how, text, currency, lo, hi, unit, kind, source = line.split("\t")
        expected = (currency, _number(lo), _number(hi), unit, kind)
        found.append((how, text.replace("\\n", "\n"), expected, source))
    return found


def _number(text: str) -> float | None:
    return None if text == "-" else float(text)


ROWS = rows()


def read(how: str, text: str) -> Salary | None:
    if how == "text":
        return parse_salary(text)
    if how in ("body", "html"):
        name = "x.md" if how == "body" else "x.html"
        data = f"---\ntitle: Job\n---\n{text}".encode()
        result = process_source(parse_source(data, Path(name), name), load_vocabulary(), Config())
        assert result.posting is not None
        return result.posting.salary
    if how == "parts":
        return salary_from_parts(**json.loads(text))
    return salary_from_jsonld(json.loads(text))


def test_the_table_has_forty_real_phrasings_and_the_ones_that_stay_unknown() -> None:
    assert len(ROWS) >= 40
    assert sum(1 for how, *_ in ROWS if how == "text") >= 40
    assert sum(1 for *_, expected, _ in ROWS if expected[4] in ("words", "none")) >= 8
    assert {how for how, *_ in ROWS} == {"text", "body", "html", "parts", "jsonld"}


@pytest.mark.parametrize(
    ("how", "text", "expected", "source"), ROWS, ids=[f"{r[0]}:{r[1][:50]}" for r in ROWS]
)
def test_each_phrasing_reads_as_its_value(
    how: str, text: str, expected: tuple[Any, ...], source: str
) -> None:
    salary = read(how, text)
    if expected[4] == "none":
        assert salary is None, source
        return
    assert salary is not None, source
    assert (salary.currency, salary.min_value, salary.max_value, salary.unit, salary.kind) == expected, source


def test_the_text_is_kept_as_written() -> None:
    assert parse_salary("Up to $25 per hour, 2 shifts").text == "Up to $25 per hour, 2 shifts"


def test_amounts_are_finite_and_bounded_however_many_digits() -> None:
    started = time.perf_counter()
    for text in ("$" + "9" * 5000 + " per hour", "1," * 5000 + "000", "$1.2" + ".3" * 3000, "9" * 20_000):
        salary = parse_salary(text)
        assert not salary.known
    assert time.perf_counter() - started < 2  # no backtracking over long runs of digits
    with pytest.raises(ValueError, match="not pay"):
        salary_from_parts(min_value=1e12)
    with pytest.raises(ValueError, match="finite"):
        salary_from_parts(max_value=float("inf"))
    with pytest.raises(ValueError, match="finite"):
        salary_from_parts(max_value=10**400)


@pytest.mark.parametrize(
    ("spelling", "unit"),
    [
        ("per-hour-wage", "HOUR"),
        ("1 YEAR", "YEAR"),
        ("PER_MONTH", "MONTH"),
        ("weekly", "WEEK"),
        ("Tag", "DAY"),
    ],
)
def test_every_system_spelling_of_a_period(spelling: str, unit: str) -> None:
    assert read_unit(spelling) == unit


def test_an_unknown_period_or_currency_is_refused() -> None:
    with pytest.raises(ValueError, match="unit must be"):
        salary_from_parts(1, 2, unit="fortnight")
    with pytest.raises(ValueError, match="three-letter code"):
        salary_from_parts(1, 2, currency="dollars")
    assert salary_from_parts() is None


def test_ranges_per_place_are_kept_and_the_national_one_is_the_value() -> None:
    text = dict((r[1][:40], r) for r in ROWS if r[0] == "body")
    vetcove = next(r for k, r in text.items() if "typical base pay" in r[1])
    salary = read("body", vetcove[1])
    assert salary is not None
    assert salary.places == (
        PayRange("U.S.", "USD", 60000, 80000, "YEAR"),
        PayRange("Colorado", "USD", 60000, 80000, "YEAR"),
    )
    greenhouse = read("html", next(r[1] for r in ROWS if "Portland" in r[1]))
    assert greenhouse is not None
    assert [p.place for p in greenhouse.places] == ["Portland, OR", "Seattle, WA"]


def test_labels_say_what_the_value_is() -> None:
    assert pay_label(parse_salary("$60k–80k")) == "$60,000 – $80,000 per year"
    assert pay_label(parse_salary("$15/hour and up")) == "From $15 per hour"
    assert pay_label(parse_salary("up to $30/h")) == "Up to $30 per hour"
    assert pay_label(parse_salary("€4.200 brutto/Monat")) == "€4,200 per month"
    assert pay_label(parse_salary("Competitive")) == "Competitive"
    assert pay_label(None) == ""


def salary_of(front_matter: str) -> Salary | None:
    data = f"---\ntitle: Driver\nsalary: {front_matter}\n---\nBody.\n".encode()
    fields, found = read_fields(parse_source(data, Path("x.md"), "x.md"))
    assert found == []
    return fields.salary


def test_a_number_or_mapping_is_money() -> None:
    assert salary_of("60000") == Salary("USD", 60_000, 60_000, "YEAR", "60000")
    assert salary_of("{min: 20.5, max: 25, unit: hourly, currency: EUR}") == Salary(
        "EUR", 20.5, 25, "HOUR", "€20.50 – €25 per hour"
    )
    assert salary_of("{min: 145000}") == Salary("USD", 145_000, None, "YEAR", "From $145,000 per year")


def test_front_matter_wins_then_a_labelled_amount_then_the_body() -> None:
    body = "Pay range: Competitive\n\n## Compensation\n\nThe salary range is $50,000 - $60,000.\n"

    def salary(front: str) -> Salary | None:
        data = f"---\ntitle: Driver\n{front}---\n{body}".encode()
        result = process_source(parse_source(data, Path("x.md"), "x.md"), load_vocabulary(), Config())
        assert result.posting is not None
        return result.posting.salary

    assert salary("salary: $40 per hour\n") == parse_salary("$40 per hour")
    found = salary("")
    assert found is not None and (found.min_value, found.max_value) == (50_000, 60_000)


def test_json_ld_says_what_the_value_says() -> None:
    def base_salary(text: str) -> object:
        return job_posting(posting(salary=parse_salary(text)), CONFIG).get("baseSalary")

    def value(text: str) -> object:
        found = base_salary(text)
        assert isinstance(found, dict)
        return found["value"]

    assert value("Up to $25 per hour, 2 shifts") == {
        "@type": "QuantitativeValue",
        "unitText": "HOUR",
        "maxValue": 25,
    }
    assert value("$15/hour and up") == {"@type": "QuantitativeValue", "unitText": "HOUR", "minValue": 15}
    assert value("$60,000 plus 401k match") == {
        "@type": "QuantitativeValue",
        "unitText": "YEAR",
        "value": 60_000,
    }
    assert base_salary("£25,000 - £30,000 per annum") == {
        "@type": "MonetaryAmount",
        "currency": "GBP",
        "value": {"@type": "QuantitativeValue", "unitText": "YEAR", "minValue": 25_000, "maxValue": 30_000},
    }
    assert base_salary("401k match") is None
    assert base_salary("Competitive") is None


@pytest.mark.parametrize("how", ["text", "jsonld"])
def test_a_value_survives_a_round_trip_through_json_ld(how: str) -> None:
    for row in ROWS:
        if row[0] != how or row[2][4] in ("words", "none"):
            continue
        salary = read(how, row[1])
        assert salary is not None
        data = job_posting(posting(salary=salary), CONFIG)["baseSalary"]
        again = salary_from_jsonld(data)
        assert again is not None
        assert (again.currency, again.min_value, again.max_value, again.unit) == (
            salary.currency,
            salary.min_value,
            salary.max_value,
            salary.unit,
        ), row[1]


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
        ("{currency: EUR}", "front matter 'salary' needs a min, a max or both"),
        ("{max: 100000000000000}", "front matter 'salary' amount 100,000,000,000,000 is not pay"),
    ],
)
def test_a_salary_mapping_that_cannot_be_read_is_an_error(front_matter: str, message: str) -> None:
    data = f"---\ntitle: Driver\nsalary: {front_matter}\n---\nBody.\n".encode()
    _, found = read_fields(parse_source(data, Path("x.md"), "x.md"))
    assert [(d.line, d.level) for d in found] == [(3, "error")]
    assert found[0].message.startswith(message)


def test_an_amount_opening_its_line_takes_its_pay_word_from_the_line_before() -> None:
    # The line before has no amount (most lines are read no further): its last clause still
    # says what the next line's amount is; an earlier clause of it does not.
    from careers.model import Paragraph, Run, Section
    from careers.posting.salary_body import pay_in_sections

    def body(first: str) -> Salary | None:
        lines = (Paragraph((Run(first),)), Paragraph((Run("$50,000"),)))
        return pay_in_sections((Section("Details", "other", lines),))

    found = body("We hire all year. The starting salary for this role")
    assert found is not None and found.min_value == 50_000
    assert body("The salary is set by the board. We sell parts") is None
