"""What a body states of itself (a board's metadata, a saved page's JSON-LD) fills a posting's fields.

Front matter always wins; what no field takes is shown in "Job details" as it was written.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from careers.config import Config, load_config
from careers.engine import build
from careers.errors import ConfigError
from careers.model import Salary
from careers.posting.process import process_source
from careers.posting.stated import read_date
from careers.posting.tagging.vocabulary_files import load_vocabulary
from careers.sources.source import parse_source

from .test_pages import soup_of, write_posting

BOARD = """<h2>Warehouse Lead</h2><div>locations
Dayton, OH
time type
Full time
job requisition id
R-5521
Posted on
2026-11-02
Closing date: 15 January 2027
Pay range: $22 - $25 per hour
Hours per week: 40</div>
<h3>What you'll do</h3><ul><li>Run the night shift with a team of eight.</li></ul>"""


def posting_of(body: str, front: str = "", name: str = "lead.html"):
    data = (f"---\n{front}---\n" if front else "") + body
    source = parse_source(data.encode(), Path(name), f"content/jobs/{name}")
    result = process_source(source, load_vocabulary(), Config())
    assert result.posting is not None, result.diagnostics
    return result.posting


def test_a_boards_metadata_fills_the_fields_front_matter_leaves_unset() -> None:
    posting = posting_of(BOARD)
    assert (posting.location, posting.employment_type, posting.reference) == (
        "Dayton, OH",
        "FULL_TIME",
        "R-5521",
    )
    assert (posting.date_posted, posting.valid_through) == (dt.date(2026, 11, 2), dt.date(2027, 1, 15))
    assert posting.salary == Salary("USD", 22.0, 25.0, "HOUR", "$22 - $25 per hour")
    assert posting.details == (("Hours per week", "40"),)
    assert [s.heading for s in posting.sections] == ["What you'll do"]


def test_front_matter_wins_over_what_the_body_states() -> None:
    front = "location: Austin, TX, US\nemployment_type: Part-time\ndate: 2026-10-01\nsalary: $30 per hour\n"
    posting = posting_of(BOARD, front)
    assert (posting.location, posting.employment_type, posting.date_posted) == (
        "Austin, TX, US", "PART_TIME", dt.date(2026, 10, 1),
    )  # fmt: skip
    assert posting.salary is not None and posting.salary.text == "$30 per hour"
    assert posting.reference == "R-5521"  # front matter has no reference: the board's stays


def test_what_no_field_can_read_is_kept_as_a_detail() -> None:
    body = "<div>Location: Leeds\nContract type: Fixed term\nClosing date: 06/07/2027</div><p>Cook.</p>"
    posting = posting_of(body, "title: Cook\n")
    assert posting.location == "Leeds" and posting.employment_type is None and posting.valid_through is None
    assert posting.details == (("Employment type", "Fixed term"), ("Closing date", "06/07/2027"))


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-11-02", dt.date(2026, 11, 2)),
        ("2026-11-02T09:30:00Z", dt.date(2026, 11, 2)),
        ("30 June 2026", dt.date(2026, 6, 30)),
        ("Jun 30, 2026", dt.date(2026, 6, 30)),
        ("30/06/2026", dt.date(2026, 6, 30)),
        ("06/30/2026", dt.date(2026, 6, 30)),
    ],
)
def test_stated_dates_in_the_ways_boards_write_them(text: str, day: dt.date) -> None:
    assert read_date(text) == day


@pytest.mark.parametrize("text", ["06/07/2026", "Posted 30+ Days Ago", "ASAP"])
def test_a_date_that_could_be_two_days_or_none_is_not_read(text: str) -> None:
    with pytest.raises(ValueError):
        read_date(text)


def test_the_page_shows_the_facts_as_job_details_not_as_bullets(project: Path) -> None:
    (project / "content" / "jobs" / "lead.html").write_text(BOARD, encoding="utf-8")
    build(load_config(project))
    soup = soup_of(project / "site", "jobs/warehouse-lead/index.html")
    details = dict(
        zip(
            [dt_.get_text(" ", strip=True) for dt_ in soup.select(".details dt")],
            [dd.get_text(" ", strip=True) for dd in soup.select(".details dd")],
            strict=True,
        )
    )
    assert details["Location"].startswith("Dayton, OH")
    assert (details["Salary"], details["Hours per week"], details["Reference"]) == (
        "$22 – $25 per hour",  # the one salary value, as every card and feed shows it
        "40",
        "R-5521",
    )
    assert "Full time" not in soup.select_one(".posting-text").get_text(" ").split("Job details")[0]
    data = json.loads(soup.select_one('script[type="application/ld+json"]').get_text())
    assert data["identifier"]["value"] == "R-5521" and data["employmentType"] == "FULL_TIME"


def test_the_sites_clean_rules_apply_to_every_posting(project: Path) -> None:
    config = (project / "careers.toml").read_text()
    (project / "careers.toml").write_text(config + '\n[clean]\ndrop = [".share", "#similar-jobs"]\n')
    write_posting(
        project, "welder.md", "title: Welder",
        '<div class="share">Share on Facebook</div>\n\nWeld frames.\n\n<div id="similar-jobs">Painter</div>',
    )  # fmt: skip
    build(load_config(project))
    text = soup_of(project / "site", "jobs/welder/index.html").select_one(".posting-text").get_text(" ")
    assert "Weld frames." in text and "Facebook" not in text and "Painter" not in text


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ('[clean]\ndrop = [".share", "div[class="]\n', "'clean.drop': 'div[class=' is not a CSS selector: "),
        ('[clean]\ndescription = "#job >> p"\n', "'clean.description': '#job >> p' is not a CSS selector: "),
        ("[clean]\ndrop = 3\n", "'clean.drop' must be a list of CSS selectors, not 3"),
        (
            '[clean]\ndescripton = "#job"\n',
            "unknown key 'clean.descripton' (did you mean 'clean.description'?)",
        ),
        ('clean = "x"\n', "'clean' must be a table ([clean]), not str ('x')"),
    ],
)
def test_clean_rules_are_checked_when_the_config_loads(tmp_path: Path, table: str, problem: str) -> None:
    (tmp_path / "careers.toml").write_text(table)
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert [p for p in info.value.problems if p.startswith(problem)], info.value.problems


def test_clean_rules_load_into_the_config(tmp_path: Path) -> None:
    (tmp_path / "careers.toml").write_text(
        '[clean]\ndrop = [".share"]\ndescription = "#jobDescriptionText"\n'
    )
    rules = load_config(tmp_path).clean
    assert (rules.drop, rules.description) == ((".share",), "#jobDescriptionText")
    assert json.loads(json.dumps(rules)) == [[".share"], "#jobDescriptionText"]  # the cache fingerprints it


def test_a_saved_pages_json_ld_cannot_smuggle_a_link_or_markup(project: Path) -> None:
    data = {
        "@type": "JobPosting",
        "title": "<script>alert(1)</script>Nurse",
        "url": "javascript:alert(2)",
        "description": "<p onclick='x()'>Care for patients.</p><script>alert(3)</script>",
    }
    ld = json.dumps(data).replace("</", "<\\/")  # as pages write it, so the <script> holds it all
    page = f'<html><head><script type="application/ld+json">{ld}</script></head><body></body></html>'
    posting = posting_of(page, name="nurse.html")
    assert posting.apply_url is None and ("Apply", "javascript:alert(2)") in posting.details
    (project / "content" / "jobs" / "nurse.html").write_text(page, encoding="utf-8")
    build(load_config(project))
    html = next((project / "site" / "jobs").glob("*nurse*/index.html")).read_text(encoding="utf-8")
    assert "<script>alert" not in html and "javascript:" not in html.split("Job details")[0]
    assert 'href="javascript' not in html and "onclick" not in html


def test_front_matter_location_may_be_a_list_of_places() -> None:
    from careers.config import Config
    from careers.posting.process import process_source
    from careers.posting.tagging.vocabulary_files import load_vocabulary
    from careers.sources.source import parse_source

    places = '["Munich, Germany", "Berlin, Germany", "Munich, Germany"]'
    text = f"---\ntitle: Engineer\nlocation: {places}\n---\nBuild.\n"
    source = parse_source(text.encode(), Path("content/jobs/x.md"), "content/jobs/x.md")
    posting = process_source(source, load_vocabulary(None), Config()).posting
    assert posting is not None
    assert (posting.location, posting.other_locations) == ("Munich, Germany", ("Berlin, Germany",))
    assert posting.locations == ("Munich, Germany", "Berlin, Germany")
