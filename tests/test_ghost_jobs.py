"""Ghost jobs: a posting with no closing date closes by age: its page kept, noindexed, listed nowhere."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from careers.config import load_config
from careers.engine import build
from careers.engine.options import Options

from .test_check import check, only
from .test_pages import soup_of

AGED = (
    "---\ntitle: Night Porter\nlocation: Austin, TX, US\ndate: 2026-10-01\nsalary: $18 - $20 per hour\n---\n"
    "## About\n\nKeep the building safe and welcoming through the night.\n"
)


def built(project: Path, now: dt.date) -> Path:
    only(project, AGED)
    build(load_config(project), Options(now=now))
    return project / "site"


def test_a_posting_closes_max_age_days_after_it_was_posted_and_says_so(project: Path) -> None:
    site = built(project, dt.date(2026, 11, 30))  # 60 days after 2026-10-01: its last open day
    page = soup_of(site, "jobs/night-porter/index.html")
    details = dict(
        zip((d.get_text() for d in page.select(".details dt")), page.select(".details dd"), strict=True)
    )
    assert details["Apply by"].get_text(" ", strip=True) == "November 30, 2026 (60 days after it was posted)"
    (data,) = [json.loads(s.get_text()) for s in page.select('script[type="application/ld+json"]')]
    assert data["validThrough"] == "2026-11-30"
    assert [r["slug"] for r in json.loads((site / "jobs.json").read_text())] == ["night-porter"]


def test_once_closed_its_page_stays_noindexed_without_json_ld_and_it_leaves_everything_else(
    project: Path,
) -> None:
    site = built(project, dt.date(2026, 12, 1))
    page = soup_of(site, "jobs/night-porter/index.html")
    assert "This position is closed." in page.get_text() and "November 30, 2026" in page.get_text()
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.select('script[type="application/ld+json"]') == []
    assert page.select(".posting-head a.button") == []  # no apply button
    assert json.loads((site / "jobs.json").read_text()) == []
    for machine in ("sitemap.xml", "feed.xml"):
        assert "night-porter" not in (site / machine).read_text(), machine
    assert not (site / "postings.js").exists()  # no open posting: the index loads no search
    assert "night-porter" not in (site / "index.html").read_text()


def test_check_warns_a_week_before_a_posting_closes_by_age(project: Path) -> None:
    only(project, AGED)
    closed = check(project)[1]  # check() runs on 2026-12-01: it closed after 2026-11-30
    assert not [line for line in closed if "closes on" in line]
    (project / "content" / "jobs" / "job.md").write_text(AGED.replace("2026-10-01", "2026-10-05"))
    _, lines = check(project)  # closes 2026-12-04, three days after --now
    assert (
        "content/jobs/job.md:4: warning: closes on 2026-12-04, 60 days after it was posted (max_age_days), "
        "as it states no 'valid_through:': if the job is still open, give it the 'valid_through:' "
        "it will close on"
    ) in lines
    (project / "content" / "jobs" / "job.md").write_text(AGED.replace("2026-10-01", "2026-11-20"))
    assert not [line for line in check(project)[1] if "closes on" in line]  # weeks away: nothing yet


def test_max_age_zero_keeps_a_posting_open_until_its_own_closing_date(project: Path) -> None:
    (project / "careers.toml").write_text((project / "careers.toml").read_text() + "max_age_days = 0\n")
    site = built(project, dt.date(2027, 6, 1))
    assert [r["slug"] for r in json.loads((site / "jobs.json").read_text())] == ["night-porter"]
    _, lines = check(project)
    assert (
        "content/jobs/job.md:1: warning: no 'valid_through:': the posting will never close by itself" in lines
    )


def test_an_imported_posting_stays_open_while_its_board_lists_it(project: Path) -> None:
    """The board decides when an imported job closes (the next import closes a job it dropped),
    not its age: a job first published months ago and still on the board is open."""
    only(project, AGED.replace("---\n## About", "imported: greenhouse 4012 0123456789abcdef\n---\n## About"))
    build(load_config(project), Options(now=dt.date(2027, 6, 1)))
    site = project / "site"
    assert [r["slug"] for r in json.loads((site / "jobs.json").read_text())] == ["night-porter"]
    assert "night-porter" in (site / "index.html").read_text()
    _, lines = check(project)
    assert not [line for line in lines if "valid_through" in line or "closes on" in line]


def test_existing_vacancy_is_shown_and_published(project: Path) -> None:
    only(project, AGED.replace("---\n## About", "existing_vacancy: false\n---\n## About"))
    build(load_config(project), Options(now=dt.date(2026, 11, 1)))
    page = soup_of(project / "site", "jobs/night-porter/index.html")
    assert "Existing vacancy No: applications are gathered for a future need" in page.select_one(
        ".details"
    ).get_text(" ", strip=True)
    (record,) = json.loads((project / "site" / "jobs.json").read_text())
    assert record["existing_vacancy"] is False
