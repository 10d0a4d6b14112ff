"""Stage 5a: the page plan, every output file of a site with what it is made from.

A page is a path, the template (or machine file) that draws it and the values it is drawn
from; nothing else goes into it, which is what lets the engine tell an unchanged page by
its values alone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from careers.config import Config
from careers.model import Posting, Site, Term
from careers.pages.feeds import FEED_SIZE, published
from careers.pages.jsonld import absolute_url
from careers.pages.taxonomies import Taxonomy, browsable
from careers.posting.salary import money
from careers.posting.salary_shown import yearly_top

# Files for machines, drawn by code rather than a template (see ``careers.pages.render``).
MACHINE_FILES = (
    *("jobs.json", "postings.js", "robots.txt", "sitemap.xml", "feed.xml"),
    *("feed.json", "indeed.xml", "linkedin.xml"),
)
# The job feeds besides the Atom feed, each on when its setting is.
JOB_FEEDS = (("feed.json", "json_feed"), ("indeed.xml", "indeed_feed"), ("linkedin.xml", "linkedin_feed"))


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

    def path(self, number: int) -> str:
        """The site path of page ``number`` ("" for the index's first)."""
        return self.base if number == 1 else f"{self.base}page/{number}/"


@dataclass(frozen=True)
class Group:
    """A run of a listing shown under a heading: a department on the index."""

    term: Term | None
    postings: tuple[Posting, ...]  # the ones shown here
    total: int  # all of them (the rest are on the term's own pages)


class Option(NamedTuple):
    """One choice of an index filter: the value filters.js matches, what it says, how many."""

    value: str
    label: str
    total: int


@dataclass(frozen=True)
class Filters:
    """What the index's filters offer. Plain names and counts, not postings: an edit that
    changes no count leaves every page of the index as it was."""

    departments: tuple[Option, ...]
    locations: tuple[Option, ...]
    levels: tuple[Option, ...]
    skills: tuple[Option, ...]
    types: tuple[Option, ...]  # employment type codes (the employment_label filter names them)
    pay: tuple[Option, ...] = ()  # yearly minimums in ``pay_currency`` some posting reaches
    pay_currency: str = ""


# The minimums the pay filter offers (a year's pay in the site's main currency).
PAY_STEPS = (20_000, 30_000, 40_000, 50_000, 60_000, 80_000, 100_000, 120_000, 150_000, 200_000, 250_000)


def pay_options(postings: tuple[Posting, ...]) -> tuple[str, tuple[Option, ...]]:
    """The currency most postings pay in, and each step of ``PAY_STEPS`` some posting reaches."""
    paid = [(p.salary.currency, yearly_top(p.salary)) for p in postings if p.salary and p.salary.known]
    if not paid:
        return "", ()
    currency = Counter(c for c, _ in paid).most_common(1)[0][0]
    tops = [top or 0 for c, top in paid if c == currency]
    options = []
    for step in PAY_STEPS:
        reach = sum(1 for top in tops if top >= step)
        if reach:
            options.append(Option(str(step), f"{money(currency, step)}+ a year", reach))
    return currency, tuple(options)


def index_filters(site: Site) -> Filters:
    def options(terms: tuple[Term, ...], by_slug: bool) -> tuple[Option, ...]:
        return tuple(Option(t.slug if by_slug else t.name, t.name, len(t.postings)) for t in terms)

    types = Counter(p.employment_type for p in site.postings if p.employment_type)
    pay = pay_options(site.postings)
    return Filters(
        departments=options(site.departments, False),
        locations=options(site.locations, False),
        levels=options(site.levels, True),
        skills=options(site.skills, True),
        types=tuple(Option(code, code, n) for code, n in sorted(types.items())),
        pay=pay[1],
        pay_currency=pay[0],
    )


def plan_pages(site: Site, config: Config) -> list[Page]:
    """Every page of the site, in a fixed order: listings first, then postings, then files."""
    size = config.listing_page_size
    pages = index_pages(site, size)
    browse = browsable(site)  # every page's navigation
    for taxonomy in browse:
        terms, folder = taxonomy.of(site), taxonomy.folder
        pages.append(Page(f"{folder}/index.html", taxonomy.index_template, {"terms": terms}))
        for term in terms:
            # A term's pages name it and show their own postings: holding all of the term's
            # would redraw every page of a long listing for an edit to one card.
            named = {"term": replace(term, postings=()), "taxonomy": taxonomy}
            base, template = f"{folder}/{term.slug}/", taxonomy.term_template
            pages.extend(listing_pages(base, template, term.postings, size, named))
    pages.append(Page("404.html", "404.html", {"postings": site.postings[:10]}))
    pages.extend(posting_page(posting, site) for posting in site.postings)
    pages.extend(Page(posting_path(p), "posting.html", closed_context(p, site)) for p in site.closed)
    pages.append(Page("jobs.json", "jobs.json", {"postings": site.postings}))
    if site.postings:
        pages.append(Page("postings.js", "postings.js", {"postings": site.postings}))
    pages.append(Page("robots.txt", "robots.txt"))
    if absolute_url(config, "") is not None:  # both need absolute URLs
        pages.append(Page("sitemap.xml", "sitemap.xml", {"site": site}))
        pages.append(Page("feed.xml", "feed.xml", {"postings": published(site)[:FEED_SIZE]}))
        for name, setting in JOB_FEEDS:
            if getattr(config, setting):
                pages.append(Page(name, name, {"postings": published(site)}))
    for page in pages:
        if page.template not in MACHINE_FILES:
            page.context["browse"] = browse
    return pages


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
    pager = Pager(1, 1, "", len(site.postings))
    context = {"postings": site.postings, "groups": groups, "pager": pager, "filters": filters}
    return [Page("index.html", "index.html", context)]


def listing_pages(
    base: str, template: str, postings: tuple[Posting, ...], size: int, context: dict[str, Any]
) -> list[Page]:
    """A listing in pages of ``size`` postings (one page when ``size`` is 0): ``base``, then
    ``base``page/2/, ... each with its ``postings`` and ``pager``."""
    count = max(1, -(-len(postings) // size)) if size else 1
    pages = []
    for number in range(1, count + 1):
        pager = Pager(number, count, base, len(postings))
        shown = postings[(number - 1) * size : number * size] if size else postings
        path = pager.path(number) + "index.html"
        pages.append(Page(path, template, {**context, "postings": shown, "pager": pager}))
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
