"""What a page tells search engines and link previews: description, canonical URL, robots, JSON-LD."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from careers.config import Config
from careers.model import Posting, Term
from careers.pages.jsonld import absolute_url, job_posting, script_json
from careers.pages.plan import REDIRECT, Pager
from careers.pages.taxonomies import TAXONOMIES, Taxonomy


@dataclass(frozen=True)
class Seo:
    """The ``<head>`` values of one page; ``None`` leaves a tag out."""

    title: str
    description: str
    canonical: str | None = None
    robots: str | None = None
    og_type: str = "website"
    image: str | None = None
    jsonld: Markup | None = None
    feed: bool = False


def page_seo(path: str, template: str, context: dict[str, Any], config: Config) -> Seo:
    """The head values for the page at ``path`` planned with ``template`` and ``context``."""
    image = absolute_url(config, config.logo) if config.logo else None
    feed = absolute_url(config, "") is not None
    if template == "posting.html":
        return posting_seo(context["posting"], bool(context.get("closed")), config, image, feed)
    owner = config.company or config.title
    if template == "404.html":
        return Seo("Page not found", f"Page not found. See the open positions at {owner}.", robots="noindex")
    if template == REDIRECT:  # the posting's own URL is the one to index
        posting = context["posting"]
        canonical = absolute_url(config, f"jobs/{posting.slug}/")
        return Seo(posting.title, f"{posting.title} has moved.", canonical, "noindex")
    title, description = _listing(template, context, owner, config)
    target = path.removesuffix("index.html")
    taxonomy, pager = context.get("taxonomy"), context.get("pager")
    rare = (
        isinstance(taxonomy, Taxonomy) and taxonomy.rare_unindexed and isinstance(pager, Pager)
    ) and is_rare(pager, config)
    return Seo(
        title, description, absolute_url(config, target), "noindex" if rare else None, image=image, feed=feed
    )


def is_rare(pager: Pager, config: Config) -> bool:
    """A term of one posting (a skill only one posting asks for, ``pager`` its listing): its page
    exists (a link from the posting leads there), but search engines are not asked to index it
    unless the site says so (``index_rare_skills``)."""
    return pager.published <= 1 and not config.index_rare_skills


def posting_seo(posting: Posting, closed: bool, config: Config, image: str | None, feed: bool) -> Seo:
    """A posting's page: JSON-LD only while it is open and published."""
    hidden = closed or posting.draft
    return Seo(
        title=posting.title,
        description=posting.summary or posting.title,
        canonical=absolute_url(config, f"jobs/{posting.slug}/"),
        robots="noindex" if hidden else None,
        og_type="article",
        image=image,
        jsonld=None if hidden else Markup(script_json(job_posting(posting, config))),
        feed=feed,
    )


def _listing(template: str, context: dict[str, Any], owner: str, config: Config) -> tuple[str, str]:
    """(title, description) of a listing page."""
    for taxonomy in TAXONOMIES:
        if template == taxonomy.index_template:
            return taxonomy.title, f"Open positions at {owner} by {taxonomy.noun}."
    term, pager = context.get("term"), context.get("pager")
    if isinstance(term, Term) and isinstance(pager, Pager):
        count = pager.total  # a term's page names it: its postings are the pager's to count
        noun = "position" if count == 1 else "positions"
        return term.name, f"{count} open {term.name} {noun} at {owner}."
    return config.title, config.intro or f"Open positions at {owner}."
