"""Sitemap, feed, robots and fingerprints: pure functions of the site and the config."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import replace

from careers.config import Config
from careers.model import Posting, Salary, SkillTag
from careers.pages.assets import fingerprinted as fingerprint
from careers.pages.feeds import feed_xml, robots_txt, sitemap_entries, sitemap_xml
from careers.pages.site import assemble_site
from careers.posting.salary import parse_salary

CONFIG = Config(title="Jobs", company="Acme", base_url="https://acme.example/careers/")
ATOM = "{http://www.w3.org/2005/Atom}"


def posting(slug: str, date: dt.date | None = None, **fields: object) -> Posting:
    tag = SkillTag("SQL", "sql", "Data", True, "SQL")
    base = Posting(source=f"content/jobs/{slug}.md", slug=slug, title=slug.title(), sections=(), summary="")
    return replace(base, date_posted=date, skills=(tag,), **fields)  # type: ignore[arg-type]


def test_sitemap_leaves_out_drafts_and_closed_postings() -> None:
    site, _ = assemble_site(
        [
            posting("a", dt.date(2026, 5, 1)),
            posting("b", dt.date(2026, 6, 1), draft=True),
            posting("c", dt.date(2026, 7, 1), valid_through=dt.date(2026, 7, 31)),
        ],
        today=dt.date(2026, 8, 1),
    )
    entries = dict(sitemap_entries(site))
    assert entries == {  # a skill page of one posting exists, but is not offered to search engines
        "": dt.date(2026, 5, 1),
        "jobs/a/": dt.date(2026, 5, 1),
        "locations/": None,
        "skills/": dt.date(2026, 5, 1),
        "experience/": None,
    }
    offered = dict(sitemap_entries(site, replace(CONFIG, index_rare_skills=True)))
    assert offered["skills/sql/"] == dt.date(2026, 5, 1)
    locs = [e.text for e in ET.fromstring(sitemap_xml(site, CONFIG) or b"").iter() if e.tag.endswith("loc")]
    assert locs[:2] == ["https://acme.example/careers/", "https://acme.example/careers/jobs/a/"]


def test_feed_dates_come_from_postings_never_the_clock() -> None:
    undated, _ = assemble_site([posting("a")])
    feed = ET.fromstring(feed_xml(undated, CONFIG) or b"")
    assert feed.findtext(f"{ATOM}updated") == "1970-01-01T00:00:00Z"
    dated, _ = assemble_site([posting("a"), posting("b", dt.date(2026, 5, 1))])
    feed = ET.fromstring(feed_xml(dated, CONFIG) or b"")
    assert [e.findtext(f"{ATOM}updated") for e in feed.iter(f"{ATOM}entry")] == [
        "2026-05-01T00:00:00Z",
        "2026-05-01T00:00:00Z",  # the undated one takes the feed's date
    ]


def test_a_path_only_base_url_has_no_absolute_urls() -> None:
    site, _ = assemble_site([posting("a")])
    local = replace(CONFIG, base_url="/careers/")
    assert sitemap_xml(site, local) is None and feed_xml(site, local) is None
    assert robots_txt(local) == b"User-agent: *\nAllow: /\n"
    assert robots_txt(CONFIG).endswith(b"Sitemap: https://acme.example/careers/sitemap.xml\n")


def test_fingerprints_follow_content() -> None:
    assert fingerprint("style.css", b"a") != fingerprint("style.css", b"b")
    assert fingerprint("js/app.js", b"a").startswith("js/app.") and fingerprint("js/app.js", b"a").endswith(
        ".js"
    )
    assert fingerprint("fonts/x.woff2", b"a") == "fonts/x.woff2"  # stylesheets refer to it by name


def test_absolute_urls_are_what_joining_to_base_url_gives() -> None:
    from urllib.parse import urljoin, urlsplit

    from careers.pages.jsonld import absolute_url

    bases = [
        "https://acme.example/careers/",
        "https://acme.example/",
        "http://acme.example/a/b/",
        "https://acme.example/careers",  # no slash: the last segment is replaced
        "https://acme.example/x/?ref=1/",  # a query: dropped by joining
        "/careers/",
        "",
    ]
    targets = ["", "jobs/data-engineer/", "skills/sql/", "sitemap.xml", "jobs/Ünïcode/", "../up/"]
    for base in bases:
        for target in targets:
            joined = urljoin(base, target)
            expected = joined if urlsplit(joined).scheme in ("http", "https") else None
            assert absolute_url(replace(CONFIG, base_url=base), target) == expected, (base, target)


def test_the_feed_entry_states_the_pay_the_page_shows() -> None:
    paid = posting("paid", dt.date(2026, 11, 2), salary=parse_salary("$60k–80k"))
    unpaid = posting("unpaid", dt.date(2026, 11, 1), salary=Salary("USD", None, None, "YEAR", "Competitive"))
    site, _ = assemble_site([paid, unpaid])
    feed = ET.fromstring(feed_xml(site, CONFIG) or b"")
    contents = [e.findtext(f"{ATOM}content") or "" for e in feed.iter(f"{ATOM}entry")]
    assert contents[0].startswith("<p><strong>Salary:</strong> $60,000 – $80,000 per year</p>\n")
    assert "Salary:" not in contents[1]  # words alone are no pay a reader can weigh
