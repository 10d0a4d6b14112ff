"""Stage 5a: the page plan, every output file of a site with what it is made from.

A page is a path, the template (or machine file) that draws it and the values it is drawn
from; nothing else goes into it, which is what lets the engine tell an unchanged page by
its values alone. The plan comes in parts, each drawn from one thing (the index, a way to
browse, one term's listing, the 404 page, one posting, one machine file): ``plan_pages``
is every part in order, and ``Planner.pages`` plans one part on its own, the same pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from careers.config import Config
from careers.model import Posting, Site, Term
from careers.pages.feeds import FEED_SIZE, published
from careers.pages.filters import index_filters
from careers.pages.jsonld import absolute_url
from careers.pages.taxonomies import Taxonomy, browsable

REDIRECT = "redirect.html"  # the page at a URL a posting had before (``careers.pages.urls``)
# Files for machines, drawn by code rather than a template (see ``careers.pages.render``).
MACHINE_FILES = (
    *("jobs.json", "postings.js", "robots.txt", "sitemap.xml", "feed.xml"),
    *("feed.json", "indeed.xml", "linkedin.xml"),
)
# The job feeds besides the Atom feed, each on when its setting is.
JOB_FEEDS = (("feed.json", "json_feed"), ("indeed.xml", "indeed_feed"), ("linkedin.xml", "linkedin_feed"))

# One part of the plan: its kind ("index", "taxonomy", "term", "404", "posting", "closed",
# "moved", "file"), the taxonomy's folder or the file's name, and which term, posting, closed
# posting or URL given up (``Site.moved``, in its order).
Part = tuple[str, str, int]


@dataclass(frozen=True)
class Page:
    """One output file: where it goes, which template draws it, and with what."""

    path: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Pager:
    """Where one page of a listing is among its pages (``base`` is the first page's folder)."""

    number: int
    count: int
    base: str
    total: int  # postings in the whole listing
    published: int = 0  # of them, those that are not drafts

    def path(self, number: int) -> str:
        """The site path of page ``number`` ("" for the index's first)."""
        return self.base if number == 1 else f"{self.base}page/{number}/"


@dataclass(frozen=True)
class Group:
    """A run of a listing shown under a heading: a department on the index."""

    term: Term | None
    postings: tuple[Posting, ...]  # the ones shown here
    total: int  # all of them (the rest are on the term's own pages)


class Planner:
    """A site's pages, part by part."""

    def __init__(self, site: Site, config: Config) -> None:
        self.site, self.config = site, config
        self.browse = browsable(site)  # every page's navigation
        self.taxonomies = {taxonomy.folder: taxonomy for taxonomy in self.browse}
        self._shown: tuple[set[str], set[str]] | None = None
        self.moved = list(site.moved.items())

    def parts(self) -> list[Part]:
        """Every part of the plan, in the order of its pages: listings, postings, then files."""
        site = self.site
        parts: list[Part] = [("index", "", 0)]
        for taxonomy in self.browse:
            parts.append(("taxonomy", taxonomy.folder, 0))
            parts.extend(("term", taxonomy.folder, i) for i in range(len(taxonomy.of(site))))
        parts.append(("404", "", 0))
        parts.extend(("posting", "", i) for i in range(len(site.postings)))
        parts.extend(("closed", "", i) for i in range(len(site.closed)))
        # A URL a published posting had before answers with a redirect to where it is now.
        parts.extend(("moved", "", i) for i in range(len(self.moved)))
        parts.extend(("file", name, 0) for name in self.files())
        return parts

    def files(self) -> list[str]:
        """The machine files this site has."""
        config = self.config
        names = ["jobs.json", *(["postings.js"] if self.site.postings else []), "robots.txt"]
        if absolute_url(config, "") is not None:  # the sitemap and the feeds need absolute URLs
            names += ["sitemap.xml", "feed.xml"]
            names += [name for name, setting in JOB_FEEDS if getattr(config, setting)]
        return names

    def pages(self, part: Part) -> list[Page]:
        """The pages of one part (those a template draws get the navigation, ``browse``)."""
        kind, name, number = part
        site, size = self.site, self.config.listing_page_size
        if kind == "file":
            return [Page(name, name, self._file_context(name))]
        if kind == "index":
            pages = index_pages(site, size)
        elif kind == "taxonomy":
            taxonomy = self.taxonomies[name]
            pages = [Page(f"{name}/index.html", taxonomy.index_template, {"terms": taxonomy.of(site)})]
        elif kind == "term":
            taxonomy = self.taxonomies[name]
            term = taxonomy.of(site)[number]
            # A term's pages name it and show their own postings: holding all of the term's
            # would redraw every page of a long listing for an edit to one card.
            named = {"term": replace(term, postings=()), "taxonomy": taxonomy}
            pages = listing_pages(f"{name}/{term.slug}/", taxonomy.term_template, term.postings, size, named)
        elif kind == "404":
            pages = [Page("404.html", "404.html", {"postings": site.postings[:10]})]
        elif kind == "posting":
            pages = [posting_page(site.postings[number], site)]
        elif kind == "moved":
            old, posting = self.moved[number]
            pages = [Page(f"jobs/{old}/index.html", REDIRECT, {"posting": posting})]
        else:
            posting = site.closed[number]
            pages = [Page(posting_path(posting), "posting.html", self._closed_context(posting))]
        for page in pages:
            page.context["browse"] = self.browse
        return pages

    def _file_context(self, name: str) -> dict[str, Any]:
        site = self.site
        if name in ("jobs.json", "postings.js"):
            return {"postings": site.postings}
        if name == "sitemap.xml":
            return {"site": site}
        if name == "feed.xml":
            return {"postings": published(site)[:FEED_SIZE]}
        return {"postings": published(site)} if name != "robots.txt" else {}

    def _closed_context(self, posting: Posting) -> dict[str, Any]:
        if self._shown is None:  # the tags that have pages: once, not once a closed posting
            self._shown = ({t.slug for t in self.site.skills}, {t.slug for t in self.site.levels})
        return closed_context(posting, *self._shown)


def plan_pages(site: Site, config: Config) -> list[Page]:
    """Every page of the site, in a fixed order: listings first, then postings, then files."""
    planner = Planner(site, config)
    return [page for part in planner.parts() for page in planner.pages(part)]


def posting_page(posting: Posting, site: Site, browse: tuple[Taxonomy, ...] | None = None) -> Page:
    """An open posting's page: the posting, the postings related to it (and, given ``browse``,
    the navigation, which ``plan_pages`` gives every page)."""
    context: dict[str, Any] = {"posting": posting, "related": site.related.get(posting.slug, ())}
    if browse is not None:
        context["browse"] = browse
    return Page(posting_path(posting), "posting.html", context)


def index_pages(site: Site, size: int) -> list[Page]:
    """The index: a group per department (each as long as a listing page, the rest on the
    department's pages), or, with no departments, the postings in pages of their own."""
    filters = index_filters(site)
    if not site.departments:
        return listing_pages("", "index.html", site.postings, size, {"groups": None, "filters": filters})
    groups = [Group(t, t.postings[:size] if size else t.postings, len(t.postings)) for t in site.departments]
    pager = Pager(1, 1, "", len(site.postings), _published(site.postings))
    context = {"postings": site.postings, "groups": groups, "pager": pager, "filters": filters}
    return [Page("index.html", "index.html", context)]


def listing_pages(
    base: str, template: str, postings: tuple[Posting, ...], size: int, context: dict[str, Any]
) -> list[Page]:
    """A listing in pages of ``size`` postings (one page when ``size`` is 0): ``base``, then
    ``base``page/2/, ... each with its ``postings`` and ``pager``."""
    count = max(1, -(-len(postings) // size)) if size else 1
    pages, shown = [], _published(postings)
    for number in range(1, count + 1):
        pager = Pager(number, count, base, len(postings), shown)
        on_page = postings[(number - 1) * size : number * size] if size else postings
        path = pager.path(number) + "index.html"
        pages.append(Page(path, template, {**context, "postings": on_page, "pager": pager}))
    return pages


def _published(postings: tuple[Posting, ...]) -> int:
    return sum(1 for p in postings if not p.draft)


def closed_context(posting: Posting, skills: set[str], levels: set[str]) -> dict[str, Any]:
    """A closed posting's page: tags only where their pages (built from open postings: the
    ``skills`` and ``levels`` that have one) exist."""
    experience = posting.experience
    if experience and experience.level not in levels:
        experience = replace(experience, level=None)
    shown = replace(
        posting, skills=tuple(t for t in posting.skills if t.slug in skills), experience=experience
    )
    # ``shown`` is told apart from other versions by the file it came from, which says nothing
    # of the tags left out: ``shown_tags`` puts them in the page's values, so the page follows
    # the site's tags.
    shown_tags = (tuple(t.slug for t in shown.skills), experience.level if experience else None)
    return {"posting": shown, "related": (), "closed": True, "shown_tags": shown_tags}


def posting_path(posting: Posting) -> str:
    return f"jobs/{posting.slug}/index.html"


def group_by_category(terms: tuple[Term, ...]) -> list[tuple[str, list[Term]]]:
    groups: dict[str, list[Term]] = {}
    for term in terms:
        groups.setdefault(term.category, []).append(term)
    return sorted(groups.items(), key=lambda kv: kv[0].casefold())
