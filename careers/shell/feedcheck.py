"""``check`` on the built feeds: each parsed back and held to its reader's rules, and to the pages.

Indeed's, LinkedIn's and the JSON Feed must parse; Indeed's holds no HTML entity, one unique
``referencenumber`` per posting and place, and every open posting; LinkedIn's ``partnerJobId``
is at most 40 characters, its description at least 100, its apply link https; every item's
title, date, salary and places are what the posting's page shows (its JobPosting and "Job
details"); a closed posting is in no feed and no sitemap while its page is still there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree, html as lxml_html

from careers.config import Config
from careers.errors import Diagnostic, Level
from careers.model import Site
from careers.pages.aggregators import MIN_DESCRIPTION, PARTNER_ID, linkedin_ready
from careers.pages.feeds import published
from careers.pages.jsonfeed import VERSION
from careers.pages.jsonld import absolute_url
from careers.pages.plan import JOB_FEEDS

_ENTITY = re.compile(rb"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class Pages:
    """What each built posting page shows, by its absolute URL: its JobPosting and Job details."""

    def __init__(self, out: Path, site: Site, config: Config) -> None:
        self.out, self.config = out, config
        self.urls = {absolute_url(config, f"jobs/{p.slug}/") or "": p.slug for p in published(site)}
        self._seen: dict[str, tuple[dict[str, Any], dict[str, str]]] = {}

    def shown(self, url: str) -> tuple[dict[str, Any], dict[str, str]]:
        if url not in self._seen:
            page = lxml_html.fromstring((self.out / "jobs" / self.urls[url] / "index.html").read_bytes())
            scripts = page.xpath('//script[@type="application/ld+json"]/text()')
            details = {dt.text_content().strip(): dd.text_content().strip() for dt, dd in _pairs(page)}
            self._seen[url] = (json.loads(scripts[0]) if scripts else {}, details)
        return self._seen[url]


def _pairs(page: Any) -> Iterator[tuple[Any, Any]]:
    for dl in page.xpath('//section[@class="details"]//dl'):
        terms = dl.xpath("./dt")
        yield from zip(terms, dl.xpath("./dd"), strict=False)


def feed_findings(out: Path, site: Site, config: Config) -> list[Diagnostic]:
    """Every broken rule of the feeds built into ``out`` (none without an absolute base_url)."""
    if absolute_url(config, "") is None:
        return []
    pages = Pages(out, site, config)
    found: list[Diagnostic] = []
    closed = {absolute_url(config, f"jobs/{p.slug}/") for p in site.closed if not p.draft}
    for name, setting in (*JOB_FEEDS, ("sitemap.xml", ""), ("feed.xml", "")):
        if setting and not getattr(config, setting):
            continue
        path = out / name
        where = f"{config.output_dir}/{name}"

        def finding(line: int | None, level: Level, message: str, where: str = where) -> None:
            found.append(Diagnostic(where, line or 1, level, message))

        if not path.is_file():
            finding(None, "error", "is switched on but was not built")
            continue
        data = path.read_bytes()
        check = CHECKS.get(name)
        if check is not None:
            check(data, pages, site, config, finding)
        for url in sorted(u for u in closed if u and u.encode() in data):
            finding(None, "error", f"lists {url}, a closed posting: a closed posting is in no feed")
    for posting in site.closed:
        if not posting.draft and not (out / "jobs" / posting.slug / "index.html").is_file():
            found.append(
                Diagnostic(posting.source, None, "error", "closed, and its page is gone: it must stay")
            )
    return found


def _parse_xml(data: bytes, finding: Any) -> Any:
    try:
        return etree.fromstring(data, _XML)
    except etree.XMLSyntaxError as exc:
        finding(exc.position[0] if exc.position else None, "error", f"does not parse as XML: {exc.msg}")
        return None


def check_indeed(data: bytes, pages: Pages, site: Site, config: Config, finding: Any) -> None:
    root = _parse_xml(data, finding)
    if root is None:
        return
    for match in _ENTITY.finditer(data):
        line = data.count(b"\n", 0, match.start()) + 1
        finding(line, "error", f"holds the HTML entity {match.group().decode()}: Indeed reads no entity")
        break
    seen: dict[str, int] = {}
    listed: set[str] = set()
    for job in root.iter("job"):
        line = job.sourceline

        def field(name: str, job: Any = job) -> str:
            return (job.findtext(name) or "").strip()

        # (No date or no text is an error about the posting itself: Google requires them too.)
        for name in ("title", "referencenumber", "requisitionid", "url", "company"):
            if not field(name):
                finding(line, "error", f"a job has no <{name}>")
        reference = field("referencenumber")
        if reference in seen:
            finding(line, "error", f"referencenumber {reference!r} is also on line {seen[reference]}")
        seen.setdefault(reference, line)
        url = field("url")
        listed.add(url)
        if url not in pages.urls:
            finding(line, "error", f"{url} is no open posting's page")
            continue
        data_ld, details = pages.shown(url)
        _agree(finding, line, "title", field("title"), data_ld.get("title"))
        _agree(finding, line, "date", field("date") or None, data_ld.get("datePosted"))
        shown = details.get("Salary")  # the label, then what the posting wrote when it says more
        salary = field("salary") or None
        if (salary is None) != (shown is None) or (salary and shown and not shown.startswith(salary)):
            finding(line, "error", f"salary {salary!r} is not the page's {shown!r}")
        _agree_place(finding, line, field("country"), field("city"), data_ld)
    for url in sorted(set(pages.urls) - listed):
        finding(None, "error", f"leaves out {url}: Indeed wants every open posting")


def check_linkedin(data: bytes, pages: Pages, site: Site, config: Config, finding: Any) -> None:
    root = _parse_xml(data, finding)
    if root is None:
        return
    seen: set[str] = set()
    for job in root.iter("job"):
        line = job.sourceline
        partner = (job.findtext("partnerJobId") or "").strip()
        if not partner or len(partner) > PARTNER_ID or partner in seen:
            finding(line, "error", f"partnerJobId {partner!r} must be unique, 1 to {PARTNER_ID} characters")
        seen.add(partner)
        if len((job.findtext("description") or "").strip()) < MIN_DESCRIPTION:
            finding(line, "error", f"a description under {MIN_DESCRIPTION} characters")
        if not (job.findtext("applyUrl") or "").startswith("https://"):
            finding(line, "error", "an applyUrl that is not https")
        for name in ("title", "company", "location"):
            if not (job.findtext(name) or "").strip():
                finding(line, "error", f"a job has no <{name}>")
    for posting in published(site):
        why = linkedin_ready(posting, config)
        if why:
            found = f"{posting.title!r} is left out of linkedin.xml: {why}"
            finding(None, "warning", found, posting.source)


def check_json_feed(data: bytes, pages: Pages, site: Site, config: Config, finding: Any) -> None:
    try:
        feed = json.loads(data)
    except ValueError as exc:
        finding(None, "error", f"does not parse as JSON: {exc}")
        return
    if feed.get("version") != VERSION or not isinstance(feed.get("items"), list):
        finding(None, "error", f"is not a JSON Feed 1.1 (version {VERSION}, items)")
        return
    listed: set[str] = set()
    for index, item in enumerate(feed["items"]):
        url = str(item.get("url"))
        listed.add(url)
        if not (item.get("id") and item.get("title") and "content_html" in item) or url not in pages.urls:
            finding(
                None, "error", f"item {index + 1} lacks an id, title or content_html, or is no open posting"
            )
            continue
        data_ld, _ = pages.shown(url)
        shown = {**(item.get("_jobposting") or {}), "description": item.get("content_html")}
        if shown != data_ld:
            finding(
                None,
                "error",
                f"item {index + 1}'s _jobposting (and content_html) is not the JobPosting on {url}",
            )
        posted = (item.get("date_published") or "")[:10] or None
        _agree(finding, None, "date_published", posted, data_ld.get("datePosted"))
    for url in sorted(set(pages.urls) - listed):
        finding(None, "error", f"leaves out {url}")


def check_sitemap(data: bytes, pages: Pages, site: Site, config: Config, finding: Any) -> None:
    root = _parse_xml(data, finding)
    if root is None:
        return
    for lastmod in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}lastmod"):
        if not ISO_DAY.fullmatch((lastmod.text or "").strip()):
            finding(lastmod.sourceline, "error", f"lastmod {lastmod.text!r} is not a date")


def _agree(finding: Any, line: int | None, what: str, feed: str | None, page: Any) -> None:
    if feed != page:
        finding(line, "error", f"{what} {feed!r} is not the page's {page!r}")


def _agree_place(finding: Any, line: int | None, country: str, city: str, data_ld: dict[str, Any]) -> None:
    places = data_ld.get("jobLocation") or []
    addresses = [p.get("address", {}) for p in (places if isinstance(places, list) else [places])]
    countries = {a.get("addressCountry") for a in addresses}
    countries |= {c.get("name") for c in data_ld.get("applicantLocationRequirements", [])}
    if (country or None) not in countries | ({None} if not countries else set()):
        finding(
            line, "error", f"country {country!r} is none of the page's {sorted(c for c in countries if c)}"
        )
    if city and city not in {a.get("addressLocality") for a in addresses}:
        finding(line, "error", f"city {city!r} is none of the page's places")


CHECKS = {
    "indeed.xml": check_indeed,
    "linkedin.xml": check_linkedin,
    "feed.json": check_json_feed,
    "sitemap.xml": check_sitemap,
}
