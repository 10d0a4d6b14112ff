"""The job feeds (Indeed, LinkedIn, JSON Feed): parsed back, held to their rules by ``check``,
and in agreement with the pages, on the sample site and an imported one."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from careers.config import Config, load_config
from careers.engine import Options, build
from careers.model import Part, Posting, Salary
from careers.pages.aggregators import feed_places, indeed_xml, linkedin_xml, partner_id
from careers.pages.layout import Layout
from careers.pages.site import assemble_site
from careers.shell.check import check_site
from careers.shell.feedcheck import Pages, check_indeed

from .importing import new_site, run_import
from .test_import import CASES

SAMPLE_DAY = dt.date(2026, 12, 1)
FEEDS = ("feed.json", "indeed.xml", "linkedin.xml")


def _feed_findings(root: Path, day: dt.date) -> list[str]:
    found = check_site(load_config(root), Options(now=day, cache=False))
    return [
        str(d) for d in found if d.path.startswith("site/") or "feed" in d.message or "linkedin" in d.message
    ]


def _with_linkedin(root: Path) -> Path:
    (root / "careers.toml").write_text((root / "careers.toml").read_text() + "linkedin_feed = true\n")
    return root


def test_the_sample_sites_feeds_parse_pass_their_rules_and_agree_with_the_pages(project: Path) -> None:
    assert _feed_findings(_with_linkedin(project), SAMPLE_DAY) == []
    build(load_config(project), Options(now=SAMPLE_DAY, cache=False))
    site = project / "site"
    jobs = etree.parse(str(site / "indeed.xml")).getroot().findall("job")
    feed = json.loads((site / "feed.json").read_text())
    postings = json.loads((site / "jobs.json").read_text())
    assert len(jobs) == len(feed["items"]) == len(postings) > 0
    assert {j.findtext("url") for j in jobs} == {p["url"] for p in postings}
    assert b"&amp;" not in (site / "indeed.xml").read_bytes()
    # check_site held every item's _jobposting to the JobPosting on its page, equal value for value


@pytest.mark.parametrize("system", sorted(CASES))
def test_an_imported_sites_feeds_pass_their_rules(
    system: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _with_linkedin(new_site(tmp_path / "site"))
    assert run_import(root, capsys, system, *CASES[system][0](tmp_path))[0] == 0
    findings = _feed_findings(root, dt.date(2026, 8, 20))
    assert [f for f in findings if ": error:" in f] == []


def test_check_finds_a_feed_that_breaks_its_rules_or_disagrees_with_a_page(
    project: Path, tmp_path: Path
) -> None:
    config = load_config(project, {"output_dir": str(tmp_path / "out")})
    site = _built(config)
    pages = Pages(tmp_path / "out", site, config)
    data = (tmp_path / "out" / "indeed.xml").read_bytes()
    first = etree.fromstring(data).find("job")
    reference, title = first.findtext("referencenumber").encode(), first.findtext("title").encode()

    def findings(feed: bytes) -> list[str]:
        found: list[str] = []
        check_indeed(feed, pages, site, config, lambda line, level, message, *_: found.append(message))
        return found

    assert findings(data) == []
    assert "holds the HTML entity &amp;: Indeed reads no entity" in findings(
        data.replace(b" & ", b" &amp; ", 1)
    )
    second = etree.fromstring(data).findall("job")[1].findtext("referencenumber").encode()
    twice = data.replace(b"[" + second + b"]", b"[" + reference + b"]", 1)
    assert any(
        f.startswith(f"referencenumber '{reference.decode()}' is also on line") for f in findings(twice)
    )
    renamed = findings(data.replace(b"[" + title + b"]", b"[Senior " + title + b"]", 1))
    assert f"title 'Senior {title.decode()}' is not the page's '{title.decode()}'" in renamed
    cut = data[: data.rindex(b" <job>")] + b"</source>\n"
    assert any(f.startswith("leaves out https://") for f in findings(cut))


def _built(config: Config):  # type: ignore[no-untyped-def]
    from careers.engine.engine import Engine
    from careers.engine.options import Target

    engine = Engine(config, Options(now=SAMPLE_DAY, cache=False), Target(config.output_path, persist=False))
    engine.run()
    return engine.site


def test_each_feed_is_a_setting(project: Path) -> None:
    (project / "careers.toml").write_text(
        (project / "careers.toml").read_text()
        + "json_feed = false\nindeed_feed = false\nlinkedin_feed = false\n"
    )
    build(load_config(project), Options(now=SAMPLE_DAY, cache=False))
    assert not any((project / "site" / name).exists() for name in FEEDS)
    assert (project / "site" / "feed.xml").exists()
    assert _feed_findings(project, SAMPLE_DAY) == []


POSTING = Posting(
    source="content/jobs/a.md",
    slug="a-very-long-job-title-for-a-staff-platform-engineer-in-data",
    title="Engineer ]]> <b>not markup</b> & co",
    sections=(Part("About", "summary", "<p>" + "Build things &amp; ship them. " * 5 + "</p>"),),
    summary="",
    company="Acme",
    location="Munich, Germany",
    other_locations=("Berlin, Germany",),
    date_posted=dt.date(2026, 5, 1),
    salary=Salary("EUR", 60000, 75000, "YEAR", "€60,000 – €75,000 per year"),
    employment_type="FULL_TIME",
)
CONFIG = Config(
    title="Jobs", company="Acme", base_url="https://jobs.acme.example/", apply_email="j@acme.example"
)


def encoded(layout: Layout | None) -> bytes:
    assert layout is not None
    return layout.encode()


def test_one_job_per_place_with_a_reference_that_never_changes() -> None:
    site, _ = assemble_site([POSTING])
    jobs = etree.fromstring(encoded(indeed_xml(site, CONFIG))).findall("job")
    assert [(j.findtext("city"), j.findtext("country")) for j in jobs] == [("Munich", "DE"), ("Berlin", "DE")]
    references = [j.findtext("referencenumber") for j in jobs]
    assert references[0] == POSTING.slug and references[1].startswith(POSTING.slug + "-")
    assert references == [p.reference for p in feed_places(replace(POSTING, title="Renamed"))]
    assert (
        jobs[0].findtext("title") == POSTING.title
    )  # "]]>" split across two CDATA sections, read back whole
    assert (
        jobs[0].findtext("salary") == "€60,000 – €75,000 per year"
        and jobs[0].findtext("date") == "2026-05-01"
    )
    assert "&amp;" not in jobs[0].findtext("description") and "Build things & ship them." in jobs[0].findtext(
        "description"
    )


def test_linkedin_ids_fit_40_characters_and_apply_is_https() -> None:
    site, _ = assemble_site([POSTING])
    jobs = etree.fromstring(encoded(linkedin_xml(site, CONFIG))).findall("job")
    ids = [j.findtext("partnerJobId") for j in jobs]
    assert all(len(i) <= 40 for i in ids) and len(set(ids)) == 2
    assert partner_id("x" * 60) != partner_id("x" * 59 + "y") and len(partner_id("x" * 60)) == 40
    assert jobs[0].findtext("applyUrl") == f"https://jobs.acme.example/jobs/{POSTING.slug}/"
    assert jobs[0].findtext("location") == "Munich, Germany"
    salary = jobs[0].find("salaries/salary")
    assert (salary.findtext("lowEnd/amount"), salary.findtext("highEnd/currencyCode")) == ("60000", "EUR")
    assert salary.findtext("period") == "YEARLY"
    short = replace(POSTING, sections=(Part(None, "summary", "<p>Too short.</p>"),))
    site, _ = assemble_site([short])
    assert etree.fromstring(encoded(linkedin_xml(site, CONFIG))).findall("job") == []
