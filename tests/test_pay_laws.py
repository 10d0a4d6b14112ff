"""Pay-transparency rules as data: the table is sound, and each case reports exactly its rule ids."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from careers.config import Config
from careers.config_employer import Employer
from careers.law.apply import breaches, coverages
from careers.law.table import ITEMS, pay_laws, read_laws
from careers.model import Posting
from careers.posting.closing import closes_on
from careers.posting.process import process_source
from careers.posting.tagging.vocabulary_files import load_vocabulary
from careers.sources.source import parse_source

CASES = Path(__file__).parent / "data" / "pay_laws" / "cases.tsv"
JURISDICTIONS = {"CO", "CA", "WA", "NY", "NYC", "IL", "HI", "MD", "MA", "MN", "VT", "NJ", "DC", "BC", "ON"}


def cases() -> list[list[str]]:
    rows = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def employer_of(text: str) -> Employer:
    if text == "-":
        return Employer()
    total, _, places = text.partition(";")
    counts = tuple(
        sorted((k.strip(), int(v)) for k, v in (p.split("=") for p in places.split(",") if p.strip()))
    )
    return Employer(int(total) if total.strip() else None, counts if places.strip() else None)


def posting_of(title: str, location: str, front: str, body: str) -> Posting:
    front = front.replace("\\n", "\n")
    text = f"---\ntitle: {title}\nlocation: {location}\ndate: 2026-11-20\n{front}\n---\n" + body.replace(
        "\\n", "\n"
    )
    source = parse_source(text.encode(), Path("job.md"), "content/jobs/job.md")
    result = process_source(source, load_vocabulary(), Config())
    assert result.posting is not None, result.diagnostics
    assert not [d for d in result.diagnostics if d.level == "error"], result.diagnostics
    return result.posting


def rules(row: list[str]) -> list[str]:
    title, location, employer, front, body, today, _, _ = row
    posting = posting_of(title, location, front, body)
    day = dt.date.fromisoformat(today)
    found = breaches(posting, pay_laws(), employer_of(employer), day, closes_on(posting, 0))
    return sorted(breach.rule for _, breach in found)


ROWS = cases()


@pytest.mark.parametrize("row", ROWS, ids=[f"{r[1]}|{r[7][:40]}" for r in ROWS])
def test_each_case_reports_its_rules(row: list[str]) -> None:
    expected = [] if row[6] == "-" else row[6].split()
    assert rules(row) == expected, row[7]


def test_the_cases_cover_every_jurisdiction_and_the_named_examples() -> None:
    assert len(ROWS) >= 30
    reported = {rule.split(".")[0] for row in ROWS if row[6] != "-" for rule in row[6].split()}
    assert reported >= JURISDICTIONS
    notes = " ".join(row[7] for row in ROWS)
    for example in (
        "'$15/hour and up'",
        "'$20/h and up'",
        "$200,000",
        "at most $50,000",
        "a link to a public page",
    ):
        assert example in notes
    assert {law.id for law in pay_laws()} == JURISDICTIONS | {"EU", "PL"}


def test_every_law_cites_its_source_and_every_message_links_it() -> None:
    for law in pay_laws():
        assert law.url.startswith("https://") and law.citation and law.effective.year >= 2021
        assert set(law.requires) <= set(ITEMS)
    posting = posting_of("Support Engineer", "Denver, CO, US", "", "## About\\n\\nSupport.")
    found = list(breaches(posting, pay_laws(), Employer(), dt.date(2026, 12, 1), None))
    assert found
    for _, breach in found:
        assert breach.message.endswith(
            "(C.R.S. 8-5-201; https://leg.colorado.gov/sites/default/files/2023a_105_signed.pdf)"
        )
    assert [b.message for _, b in found if b.rule == "CO.close_date"] == [
        "Colorado requires the date applications close ('valid_through:') (C.R.S. 8-5-201; "
        "https://leg.colorado.gov/sites/default/files/2023a_105_signed.pdf)"
    ]


def test_coverage_says_why() -> None:
    posting = posting_of("Support Engineer", "Remote (US)", "", "## About\\n\\nSupport.")
    said = {
        c.law.id: c.why
        for c in coverages(posting, pay_laws(), Employer(12, (("CO", 2),)), dt.date(2026, 12, 1))
    }
    assert said["CO"] == "remote work that may be done in Colorado"
    assert said["CA"] == (
        "remote work that may be done in California, but it covers employers of 15+ people "
        "and [employer] has 12"
    )
    assert said["MA"].endswith("[employer] employees_in has 0 there")
    assert said["ON"] == "the work is not there"


ROW = '[[law]]\nid = "X"\nname = "X"\ncitation = "c"\nurl = "https://x"\neffective = 2024-01-01\n'
ROW += 'countries = ["US"]\nrequires = ["pay"]\n'


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (('url = "https://x"', 'url = "http://x"'), "https URL"),
        (('requires = ["pay"]', 'requires = ["wage"]'), "unknown requirement"),
        (("effective = 2024-01-01", 'effective = "soon"'), "'effective' must be"),
        (('requires = ["pay"]', 'requires = ["pay"]\nsize = 1'), "unknown key"),
    ],
)
def test_a_table_row_that_cannot_be_read_is_refused(change: tuple[str, str], problem: str) -> None:
    assert read_laws(ROW)[0].id == "X"
    with pytest.raises(ValueError, match=problem):
        read_laws(ROW.replace(*change))


def test_the_docs_table_is_the_packages_table() -> None:
    """Each row of docs/pay-transparency.md's table says what the data says: id, law, link, date, level."""
    text = (Path(__file__).parent.parent / "docs" / "pay-transparency.md").read_text(encoding="utf-8")
    rows = {
        line.split("|")[1].strip(): line
        for line in text.splitlines()
        if line.startswith("| ") and "](http" in line
    }
    assert set(rows) == {law.id for law in pay_laws()}
    for law in pay_laws():
        row = rows[law.id]
        assert (
            f"[{law.citation}]({law.url})" in row
            and str(law.effective) in row
            and row.endswith(f"| {law.level} |")
        )
    assert "Nothing here is legal advice" in text


@pytest.mark.parametrize(
    ("location", "laws"),
    [
        ("US-IL-Yorkville", {"IL"}),  # Workday's country-state-city
        ("2 Broadway, New York, NY 10004", {"NY", "NYC"}),  # a street address with a ZIP code
        ("Denver, Colorado", {"CO"}),
        ("Toronto, Ontario, Canada", {"ON"}),
        ("Wallingford, CT", set()),  # Connecticut asks on request, not in the posting
    ],
)
def test_places_are_read_as_postings_write_them(location: str, laws: set[str]) -> None:
    posting = posting_of("Support Engineer", location, "", "## About\\n\\nSupport.")
    found = {c.law.id for c in coverages(posting, pay_laws(), Employer(), dt.date(2026, 12, 1)) if c.applies}
    assert found == laws
