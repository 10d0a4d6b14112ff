"""Files for machines: ``sitemap.xml``, ``feed.xml`` (Atom) and ``robots.txt``.

The sitemap and the feed need absolute URLs, so they are written only when ``base_url`` is
one. Dates come from the postings, never from the clock, so the same content gives the same
bytes: a page's ``lastmod`` is the last change of the postings on it (the last commit that
changed a posting's file, or the day it was posted).
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from xml.sax.saxutils import escape

from careers.config import Config
from careers.model import Posting, Site
from careers.pages.jsonld import absolute_url, description_html
from careers.pages.taxonomies import browsable
from careers.posting.salary import pay_label

FEED_SIZE = 50
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
ATOM_NS = "http://www.w3.org/2005/Atom"
# The feed's date when no posting has one: a fixed instant, not the build's clock.
EPOCH = dt.date(1970, 1, 1)


def published(site: Site) -> tuple[Posting, ...]:
    """The postings a search engine or feed reader should hear about: open and not drafts."""
    return tuple(p for p in site.postings if not p.draft)


def last_change(posting: Posting) -> dt.date | None:
    """The day a posting last changed: its file's last commit, or the day it was posted if later."""
    return max((d for d in (posting.updated, posting.date_posted) if d), default=None)


def newest(postings: Iterable[Posting]) -> dt.date | None:
    """The latest change among ``postings``: what a page listing them last changed with."""
    return max((d for p in postings if (d := last_change(p))), default=None)


def sitemap_entries(site: Site, config: Config | None = None) -> Iterator[tuple[str, dt.date | None]]:
    """Every indexable page (a site path, "" for the index) with the date it last changed:
    the first page of each listing (its next pages are linked from it), and no page of a
    skill only one posting asks for (unless ``index_rare_skills``)."""
    postings = published(site)
    # Each published posting's last change, worked out once (not once for every term it is under).
    changes = {p.source: last_change(p) for p in postings}
    yield "", _newest(changes.values())
    for posting in postings:
        yield f"jobs/{posting.slug}/", changes[posting.source]
    for taxonomy in browsable(site):
        terms, prefix = taxonomy.of(site), f"{taxonomy.folder}/"
        yield prefix, _newest(changes.get(p.source) for t in terms for p in t.postings)
        for term in terms:
            shown = [
                changes.get(p.source) for p in term.postings if not p.draft
            ]  # a page of drafts only is not published
            rare = taxonomy.rare_unindexed and len(shown) <= 1 and not (config and config.index_rare_skills)
            if shown and not rare:
                yield f"{prefix}{term.slug}/", _newest(shown)


def _newest(days: Iterable[dt.date | None]) -> dt.date | None:
    return max((d for d in days if d), default=None)


def sitemap_xml(site: Site, config: Config) -> bytes | None:
    """One ``<url>`` per indexable page, written as text: it has one for every posting, and
    building 10,000 elements to serialize them cost ten times as long."""
    if absolute_url(config, "") is None:
        return None
    parts = ['<?xml version="1.0" encoding="utf-8"?>\n', f'<urlset xmlns="{SITEMAP_NS}">\n']
    for path, lastmod in sitemap_entries(site, config):
        url = absolute_url(config, path)
        parts.append(f" <url>\n  <loc>{escape(url or '')}</loc>\n")
        if lastmod:
            parts.append(f"  <lastmod>{lastmod.isoformat()}</lastmod>\n")
        parts.append(" </url>\n")
    parts.append("</urlset>\n")
    return "".join(parts).encode("utf-8")


def feed_xml(site: Site, config: Config) -> bytes | None:
    """An Atom feed of the newest open postings."""
    home = absolute_url(config, "")
    if home is None:
        return None
    postings = published(site)[:FEED_SIZE]
    updated = newest(postings) or EPOCH
    root = ET.Element("feed", xmlns=ATOM_NS)
    ET.SubElement(root, "title").text = config.title
    ET.SubElement(root, "id").text = home
    ET.SubElement(root, "link", rel="self", href=f"{home}feed.xml")
    ET.SubElement(root, "link", rel="alternate", type="text/html", href=home)
    ET.SubElement(root, "updated").text = _instant(updated)
    author = ET.SubElement(root, "author")
    ET.SubElement(author, "name").text = config.company or config.title
    for posting in postings:
        root.append(feed_entry(posting, config, updated))
    return _xml(root)


def feed_entry(posting: Posting, config: Config, fallback: dt.date) -> ET.Element:
    url = absolute_url(config, f"jobs/{posting.slug}/") or ""
    entry = ET.Element("entry")
    ET.SubElement(entry, "title").text = posting.title
    ET.SubElement(entry, "id").text = url
    ET.SubElement(entry, "link", rel="alternate", type="text/html", href=url)
    ET.SubElement(entry, "updated").text = _instant(last_change(posting) or fallback)
    if posting.date_posted:
        ET.SubElement(entry, "published").text = _instant(posting.date_posted)
    if posting.company and posting.company != config.company:
        ET.SubElement(ET.SubElement(entry, "author"), "name").text = posting.company
    if posting.summary:
        ET.SubElement(entry, "summary").text = posting.summary
    pay = pay_label(posting.salary) if posting.salary and posting.salary.known else ""
    # Atom has no element for pay: the entry's text opens with it, as the page's details show it.
    lead = f"<p><strong>Salary:</strong> {escape(pay)}</p>\n" if pay else ""
    ET.SubElement(entry, "content", type="html").text = lead + description_html(posting)
    return entry


def robots_txt(config: Config) -> bytes:
    lines = ["User-agent: *", "Allow: /"]
    sitemap = absolute_url(config, "sitemap.xml")
    if sitemap:
        lines.append(f"Sitemap: {sitemap}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _instant(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _xml(root: ET.Element) -> bytes:
    ET.indent(root, space=" ")
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'.encode()
