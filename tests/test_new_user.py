"""What a new user tripped on: ``check``'s findings as its documentation says them (a test
keeps the two together), and a workplace note after a place read as one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from careers.posting.location import parse_location
from careers.shell.cli import main

from .conftest import ROOT

# A posting missing one thing, a phrase of the documentation's row about it, and a phrase of
# what check says: the row's level must be the level check gives.
MISSING = {
    "date": ("---\ntitle: Welder\nlocation: Leeds, GB\ncompany: Acme\nvalid_through: 2099-01-01\n---\n",
             "no `date` (Google", "no 'date:' (date posted)"),
    "location": ("---\ntitle: Welder\ndate: 2024-01-01\ncompany: Acme\nvalid_through: 2099-01-01\n---\n",
                 "no `location` here", "no 'location:' here or in careers.toml"),
    "company": ("---\ntitle: Welder\ndate: 2024-01-01\nlocation: Leeds, GB\nvalid_through: 2099-01-01\n---\n",
                "no `company` here", "no 'company:' here or in careers.toml"),
    "valid_through": ("---\ntitle: Welder\ndate: 2024-01-01\nlocation: Leeds, GB\ncompany: Acme\n---\n",
                      "no `valid_through` when", "no 'valid_through:'"),
    "country": ("---\ntitle: Welder\ndate: 2024-01-01\nlocation: Leeds\ncompany: Acme\n"
                "valid_through: 2099-01-01\n---\n", "a `location` with no country", "'Leeds' has no"),
}  # fmt: skip
BODY = "Weld steel frames for bridges and cut plate to drawings, on a day shift.\n"


def documented_level(phrase: str) -> str:
    """The level of the row of ``check``'s table in docs/commands.md that holds ``phrase``."""
    text = (ROOT / "docs" / "commands.md").read_text()
    section = text.split("## `check`", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith(("| error |", "| warning |"))]
    (row,) = [r for r in rows if phrase in r]
    return row.split("|")[1].strip()


@pytest.mark.parametrize("missing", MISSING, ids=str)
def test_check_says_what_its_documentation_says(
    tiny: Path, capsys: pytest.CaptureFixture[str], missing: str
) -> None:
    """The docs called a missing date, location or company a warning; check exits 1 on them."""
    front, documented, said = MISSING[missing]
    (tiny / "careers.toml").write_text('title = "Tiny"\nmax_age_days = 0\n')  # no closing by age
    (tiny / "content" / "jobs" / "good.md").unlink()
    (tiny / "content" / "jobs" / "welder.md").write_text(front + BODY)
    code = main(["-C", str(tiny), "check", "--now", "2025-01-01"])
    out = capsys.readouterr().out
    (line,) = [line for line in out.splitlines() if said in line]
    level = re.match(r"content/jobs/welder\.md:\d+: (\w+): ", line)
    assert level is not None, line
    assert level[1] == documented_level(documented), line
    assert code == (1 if level[1] == "error" else 0), out


@pytest.mark.parametrize(
    "text, place, workplace",
    [
        ("Portland, OR (hybrid)", "Portland, OR", "hybrid"),
        ("Portland, OR (Hybrid - 3 days in the office)", "Portland, OR", "hybrid"),
        ("Leeds, GB - Remote", "Leeds, GB", "remote"),
        ("Austin, TX | on-site", "Austin, TX", "on-site"),
        ("Boston, MA [In Office]", "Boston, MA", "on-site"),
        ("Winston-Salem, NC", "Winston-Salem, NC", None),
        ("Stratford-upon-Avon, GB", "Stratford-upon-Avon, GB", None),
    ],
)
def test_a_workplace_note_is_read_as_one(text: str, place: str, workplace: str | None) -> None:
    location = parse_location(text, remote=False)
    assert (location.place, location.workplace) == (place, workplace)
    assert location.address is not None and location.address.country in ("US", "GB")


def test_a_place_with_a_workplace_note_checks_clean_and_is_listed_by_its_place(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "Portland, OR (hybrid)" got the hint "Portland, XX" and a location page of its own."""
    front = "---\ntitle: Welder\ndate: 2024-01-01\ncompany: Acme\nvalid_through: 2099-01-01\n"
    jobs = tiny / "content" / "jobs"
    (jobs / "good.md").unlink()
    (jobs / "a.md").write_text(front + "location: Portland, OR (hybrid)\n---\n" + BODY)
    (jobs / "b.md").write_text(front.replace("Welder", "Fitter") + "location: Portland, OR\n---\n" + BODY)
    assert main(["-C", str(tiny), "check", "--now", "2025-01-01"]) == 0
    out = capsys.readouterr().out
    assert "location" not in out, out
    assert main(["-C", str(tiny), "build", "--now", "2025-01-01"]) == 0
    assert sorted(p.name for p in (tiny / "site" / "locations").iterdir() if p.is_dir()) == ["portland-or"]
