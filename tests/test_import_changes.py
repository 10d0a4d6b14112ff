"""Importing again: files keyed by the job's id, hand edits kept, jobs that left the board closed,
and a bad input stopping the import before anything is written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from careers.ats.files import stamped

from .importing import ATS, DAY, build_site, content_bytes, job_postings, load, new_site, run_import, save

RECRUITEE = ATS / "recruitee/careerkit_offers.json"
ACCOUNTANT = "content/jobs/recruitee-2700825.html"


@pytest.fixture
def imported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    root = new_site(tmp_path / "site")
    assert run_import(root, capsys, "recruitee", RECRUITEE)[0] == 0
    return root


def test_a_file_edited_by_hand_is_kept_and_force_takes_the_boards_version(
    imported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = imported / ACCOUNTANT
    board = path.read_text()
    edited = board.replace("department: Finance", "department: Accounting")
    path.write_text(edited)
    code, _, err = run_import(imported, capsys, "recruitee", RECRUITEE)
    assert code == 0 and path.read_text() == edited
    assert f"{ACCOUNTANT}: warning: edited by hand since it was imported: kept as it is" in err
    assert (
        "to take the board's version: careers import recruitee " in err and f"--force {ACCOUNTANT}\n" in err
    )
    code, out, _ = run_import(imported, capsys, "recruitee", RECRUITEE, "--force", path)
    assert code == 0 and path.read_text() == board and f"{ACCOUNTANT}: updated" in out


def test_force_names_only_an_imported_file(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = content_bytes(imported)
    code, _, err = run_import(imported, capsys, "recruitee", RECRUITEE, "--force", imported / "careers.toml")
    assert code == 2 and "careers.toml: error: --force names no file imported from Recruitee" in err
    assert content_bytes(imported) == before


def test_a_title_change_keeps_the_file_and_a_moved_file_is_found(
    imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    moved = imported / "content/jobs/finance/accountant.html"
    moved.parent.mkdir()
    (imported / ACCOUNTANT).rename(moved)
    offers = load("recruitee/careerkit_offers.json")
    offers["offers"][0]["title"] = "Financial Accountant (f/m/d)"
    code, out, _ = run_import(imported, capsys, "recruitee", save(tmp_path / "o.json", offers))
    assert code == 0 and "content/jobs/finance/accountant.html: updated" in out
    assert not (imported / ACCOUNTANT).exists()
    assert "title: Financial Accountant (f/m/d)\n" in moved.read_text()


def test_a_job_that_left_the_board_is_closed_never_deleted(
    imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    offers = load("recruitee/careerkit_offers.json")
    offers["offers"] = offers["offers"][1:]
    smaller = save(tmp_path / "o.json", offers)
    code, out, _ = run_import(imported, capsys, "recruitee", smaller)
    assert code == 0 and f"{ACCOUNTANT}: closed (no longer on the board)" in out
    text = (imported / ACCOUNTANT).read_text()
    assert f"valid_through: {DAY.isoformat()}\n" in text and stamped(text) == text  # still the import's
    again = content_bytes(imported)
    later = DAY + dt.timedelta(days=3)
    assert run_import(imported, capsys, "recruitee", smaller, day=later)[0] == 0
    assert content_bytes(imported) == again  # closed on the first day it was missed, not moved on
    site = build_site(imported, later)
    page = (site / "jobs/senior-financial-accountant-f-m-d-berlin-brandenburg-region/index.html").read_text()
    assert '<meta name="robots" content="noindex">' in page and "application/ld+json" not in page
    assert list(job_postings(site)) == ["Partner Development Representative (f/m/d) - Berlin, Germany"]
    for feed in ("sitemap.xml", "feed.xml", "feed.json", "indeed.xml"):
        if (site / feed).exists():
            assert "senior-financial-accountant" not in (site / feed).read_text(), feed
    assert run_import(imported, capsys, "recruitee", RECRUITEE, day=later)[0] == 0
    assert "valid_through" not in (imported / ACCOUNTANT).read_text()  # back on the board: open again


def test_a_single_jobs_details_close_no_other_job(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A job's own payload says nothing of the others: only a board's list closes what it lacks."""
    root = new_site(imported.parent / "gh")
    assert (
        run_import(root, capsys, "greenhouse", ATS / "greenhouse/greenhouse_io_jobs_with_content_2013.json")[
            0
        ]
        == 0
    )
    before = content_bytes(root)
    detail = ATS / "greenhouse/ghdocs_job_detail_questions_pay_transparency.json"
    code, out, _ = run_import(root, capsys, "greenhouse", detail)
    assert code == 0 and "closed" not in out.replace("0 closed", "")
    assert {k: v for k, v in content_bytes(root).items() if k in before} == before
    assert (
        "salary: {min: 50000, max: 75000, currency: USD, unit: year}"
        in (root / "content/jobs/greenhouse-44444.html").read_text()
    )


@pytest.mark.parametrize(
    ("system", "make", "message"),
    [
        (
            "greenhouse",
            lambda tmp: tmp / "missing.json",
            "missing.json: error: cannot read: No such file or directory",
        ),
        (
            "lever",
            lambda tmp: RECRUITEE,
            "error: this is a Recruitee export, not a Lever one: run 'careers import recruitee",
        ),
        (
            "recruitee",
            lambda tmp: _cut(tmp, RECRUITEE),
            "cut.json: error: ends in the middle (line 165): the download was cut short",
        ),
        ("personio", lambda tmp: _cut(tmp, ATS / "personio/careerkit_feed.xml"), "error: ends in the middle"),
        (
            "ashby",
            lambda tmp: _write(tmp, "[1, 2]"),
            "x.json: error: not an Ashby export: expected the answer of",
        ),
        ("teamtailor", lambda tmp: _write(tmp, "<html>"), "x.json: error: not JSON (line 1, column 1"),
        (
            "workable",
            lambda tmp: _write(tmp, ""),
            "x.json: error: the file is empty: save the Workable export again",
        ),
    ],
)
def test_a_bad_file_is_one_error_naming_it_and_nothing_is_written(
    imported: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    system: str,
    make: object,
    message: str,
) -> None:
    before = content_bytes(imported)
    bad = make(tmp_path)  # type: ignore[operator]
    code, out, err = run_import(imported, capsys, system, RECRUITEE if system == "recruitee" else bad, bad)
    assert code == 1 and message in err and "nothing was imported" in err and out == ""
    assert content_bytes(imported) == before


def test_an_unknown_system_says_which_it_meant(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_import(imported, capsys, "grenhouse", RECRUITEE)
    assert code == 2 and "unknown system 'grenhouse'; did you mean 'greenhouse'?" in err


def _cut(tmp: Path, source: Path) -> Path:
    data = source.read_bytes()
    path = tmp / ("cut" + source.suffix)
    path.write_bytes(data[: len(data) // 2])
    return path


def _write(tmp: Path, text: str) -> Path:
    path = tmp / "x.json"
    path.write_text(text)
    return path
