"""Stage 5a: the page plan, every output file of a site with what it is made from.

A page is a path, the template (or machine file) that draws it and the values it is drawn
from; nothing else goes into it, which is what lets the engine tell an unchanged page by
its values alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from careers.config import Config
from careers.model import Posting, Site, Term
from careers.pages.feeds import FEED_SIZE, published
from careers.pages.jsonld import absolute_url

# Files for machines, drawn by code rather than a template (see ``careers.pages.render``).
MACHINE_FILES = ("jobs.json", "robots.txt", "sitemap.xml", "feed.xml")


@dataclass(frozen=True)
class Page:
    """One output file: where it goes, which template draws it, and with what."""

    path: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


def plan_pages(site: Site, config: Config) -> list[Page]:
    """Every page of the site, in a fixed order: listings first, then postings, then files."""
    pages = [Page("index.html", "index.html", {"postings": site.postings})]
    pages.append(Page("skills/index.html", "skills.html", {"categories": group_by_category(site.skills)}))
    pages.extend(Page(f"skills/{t.slug}/index.html", "skill.html", {"term": t}) for t in site.skills)
    pages.append(Page("experience/index.html", "levels.html", {"levels": site.levels}))
    pages.extend(Page(f"experience/{t.slug}/index.html", "level.html", {"term": t}) for t in site.levels)
    pages.append(Page("404.html", "404.html", {"postings": site.postings[:10]}))
    for posting in site.postings:
        related = site.related.get(posting.slug, ())
        pages.append(Page(posting_path(posting), "posting.html", {"posting": posting, "related": related}))
    pages.extend(Page(posting_path(p), "posting.html", closed_context(p, site)) for p in site.closed)
    pages.append(Page("jobs.json", "jobs.json", {"postings": site.postings}))
    pages.append(Page("robots.txt", "robots.txt"))
    if absolute_url(config, "") is not None:  # both need absolute URLs
        pages.append(Page("sitemap.xml", "sitemap.xml", {"site": site}))
        pages.append(Page("feed.xml", "feed.xml", {"postings": published(site)[:FEED_SIZE]}))
    return pages


def closed_context(posting: Posting, site: Site) -> dict[str, Any]:
    """A closed posting's page: tags only where their pages (built from open postings) exist."""
    skills = {t.slug for t in site.skills}
    levels = {t.slug for t in site.levels}
    experience = posting.experience
    if experience and experience.level not in levels:
        experience = replace(experience, level=None)
    shown = replace(
        posting, skills=tuple(t for t in posting.skills if t.slug in skills), experience=experience
    )
    # ``shown`` is known to page fingerprints as the posting it came from, which says nothing
    # of the tags left out: ``shown_tags`` puts them in, so the page follows the site's tags.
    shown_tags = (tuple(t.slug for t in shown.skills), experience.level if experience else None)
    return {"posting": shown, "related": (), "closed": True, "shown_tags": shown_tags}


def posting_path(posting: Posting) -> str:
    return f"jobs/{posting.slug}/index.html"


def group_by_category(terms: tuple[Term, ...]) -> list[tuple[str, list[Term]]]:
    groups: dict[str, list[Term]] = {}
    for term in terms:
        groups.setdefault(term.category, []).append(term)
    return sorted(groups.items(), key=lambda kv: kv[0].casefold())
