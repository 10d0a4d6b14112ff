"""Stage 5b: render one planned page: Jinja2 for pages, code for the files machines read.

Every internal link is relative to the page it is on, so ``site/`` works under any
sub-path and straight from disk; only ``404.html`` (served at any depth by a host) uses
links rooted at ``base_url``'s path.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

import jinja2
from markupsafe import Markup

from careers.config import Config, builtin_theme
from careers.employment import EMPLOYMENT_LABELS
from careers.errors import CareersError
from careers.model import LEVEL_NAMES, Posting, Site
from careers.pages.aggregators import indeed_xml, linkedin_xml
from careers.pages.feeds import feed_xml, robots_txt, sitemap_xml
from careers.pages.jsonfeed import json_feed
from careers.pages.jsonld import CREDENTIAL_CATEGORIES, posting_location, posting_locations, shown_skills
from careers.pages.labels import apply_link, education_label, human_date, months_label
from careers.pages.layout import Layout
from careers.pages.plan import Page, group_by_category
from careers.pages.records import jobs_json, posting_json, postings_js
from careers.pages.seo import page_seo
from careers.pages.template_errors import template_error
from careers.pages.theme import theme_css
from careers.posting.blocks import Blocks
from careers.posting.closing import closes_on
from careers.posting.salary_shown import pay_as_written, pay_label

Url = Callable[[str], str]
# One posting's card in a listing, at the page's depth (``url``) under a heading level.
Card = Callable[[Posting, Url, str], Markup]
CARD_TEMPLATE = "_card.html"  # the theme's ``card`` macro, on its own


def make_environment(
    config: Config, cards: Callable[[jinja2.Environment, Card], Card] | None = None
) -> jinja2.Environment:
    """The theme's Jinja environment. Templates draw a posting's card with the global ``card``:
    the ``card`` macro of ``_card.html``, or what ``cards`` makes of it (the same cards,
    drawn once: the engine's)."""
    env = jinja2.Environment(
        loader=template_loader(config),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["level_name"] = lambda level: LEVEL_NAMES.get(level, level) if level else ""
    env.filters["employment_label"] = lambda value: EMPLOYMENT_LABELS.get(value, value) if value else ""
    env.filters["human_date"] = human_date
    env.filters["months"] = months_label
    env.filters["apply_link"] = apply_link
    env.filters["shown_skills"] = shown_skills
    env.filters["education_label"] = education_label
    env.filters["by_category"] = group_by_category
    env.filters.update(pay_label=pay_label, pay_as_written=pay_as_written)
    env.filters["closes_on"] = lambda posting: closes_on(posting, config.max_age_days)
    install_blocks(env, Blocks())
    draw: Card = partial(draw_card, env, config)
    env.globals["card"] = cards(env, draw) if cards is not None else draw
    return env


def install_blocks(env: jinja2.Environment, blocks: Blocks) -> None:
    """The site's posting intro and conclusion, for every posting page (``posting_intro``,
    ``posting_conclusion``: sections as a posting's are)."""
    env.globals["posting_intro"] = blocks.intro
    env.globals["posting_conclusion"] = blocks.conclusion


def draw_card(
    env: jinja2.Environment, config: Config, posting: Posting, url: Url, heading: str = "h2"
) -> Markup:
    """One posting's card, as the theme's ``card`` macro draws it."""
    try:
        try:
            macro: Callable[..., Markup] = env.get_template(CARD_TEMPLATE).module.card  # type: ignore[attr-defined]
            return macro(posting, url, heading)
        except Exception:
            env.handle_exception()  # its traceback at template lines, as render() gives them
    except CareersError:
        raise
    except Exception as exc:  # a template is the site's code: whatever it raises is its error
        raise template_error(exc, config, CARD_TEMPLATE) from None


def index_card(env: jinja2.Environment) -> Callable[[Posting], Markup]:
    """A posting's card as the index shows it (where ``postings.js`` cards go)."""
    card: Card = env.globals["card"]  # type: ignore[assignment]
    return lambda posting: card(posting, partial(relative_url, "index.html"), "h3")


def template_loader(config: Config) -> jinja2.BaseLoader:
    """Templates from ``theme_dir`` first, then ``templates_dir``.

    ``default/x.html`` always names the built-in one, so a theme's ``base.html`` can extend
    the ``base.html`` it replaces.
    """
    builtin = jinja2.FileSystemLoader(str(builtin_theme()))
    return jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader([str(path.resolve()) for path in config.template_paths]),
            jinja2.PrefixLoader({"default": builtin}),
        ]
    )


def details(posting: Posting) -> dict[str, Any]:
    """The facts a posting page lists, read the same way its JSON-LD reads them."""
    education = posting.education
    location = posting_location(posting)
    shown = []
    for text, place in zip(posting.locations, posting_locations(posting), strict=False):
        country = place.address.country if place.address and not place.remote else None
        written = [part.strip().upper() for part in text.split(",")]
        # A country read from a state ("Boston, MA") is shown, as every JSON-LD value is.
        shown.append((text, country if country and country not in written else None))
    return {
        "closed": False,
        "location": location,
        "places": shown,
        "credential": CREDENTIAL_CATEGORIES.get(education.level) if education else None,
    }


# A path with no leading, doubled or trailing "/" and no "." or ".." part: as it is, it is safe.
_NOT_PLAIN = re.compile(r"^/|//|(^|/)\.\.?(/|$)|^$|/$")


def is_plain(path: str) -> bool:
    """A relative path with no empty, "." or ".." segment."""
    return _NOT_PLAIN.search(path) is None


def relative_url(from_path: str, target: str) -> str:
    """The link from the page at ``from_path`` to ``target`` (a site path; "" is the index).

    Links go up to the site's root, then down to the target, so every page at one depth
    links to a target with the same text (which lets a rendered card be reused from page
    to page). Folders get an explicit ``index.html`` so that links also work from ``file://``.
    """
    if target == "" or target.endswith("/"):
        target += "index.html"
    start = posixpath.dirname(from_path)
    if not is_plain(target) or (start and not is_plain(start)):
        return posixpath.relpath(target, start or ".")
    return "../" * (start.count("/") + 1 if start else 0) + target


def rooted_url(base_path: str, _from_path: str, target: str) -> str:
    return base_path + target


def page_url(page_path: str, config: Config) -> Url:
    if page_path == "404.html":
        return partial(rooted_url, config.base_path, page_path)
    return partial(relative_url, page_path)


def asset_url(assets: Mapping[str, str] | None, url: Url, name: str) -> str:
    """The link to a static file by its name in ``templates/static/`` (renamed after its
    content when published)."""
    if assets is None:
        return url(f"static/{name}")
    if name not in assets:
        raise ValueError(f"asset({name!r}): no such file in templates/static/")
    return url(assets[name])


def render_page(
    page: Page,
    site: Site,
    config: Config,
    env: jinja2.Environment,
    assets: Mapping[str, str] | None = None,
    record: Record | None = None,
) -> bytes:
    """The bytes of one planned page; ``record`` stands in for ``posting_json`` (the same
    records, made once: the engine's)."""
    if page.template in LAYOUTS:
        layout = page_layout(page, site, config, env, record)
        return layout.encode() if layout is not None else b""
    machine = MACHINE.get(page.template)
    if machine is not None:
        return machine(page, site, config, env)
    url = page_url(page.path, config)
    context = {
        "config": config,
        "site": site,
        "now": None,
        "theme_css": Markup(theme_css(config)),
        **(details(page.context["posting"]) if page.template == "posting.html" else {}),
        **page.context,
        "page": page,
        "url": url,
        "asset": partial(asset_url, assets, url),
        "seo": page_seo(page.path, page.template, page.context, config),
    }
    return render_template(env, page.template, context, config)


Record = Callable[[Posting], str]  # one posting's line of jobs.json
MachineFile = Callable[[Page, Site, Config, jinja2.Environment], bytes]
MACHINE: dict[str, MachineFile] = {
    "robots.txt": lambda page, site, config, env: robots_txt(config),
    "sitemap.xml": lambda page, site, config, env: sitemap_xml(site, config) or b"",
    "feed.xml": lambda page, site, config, env: feed_xml(site, config) or b"",
}
# The machine files made of one item per posting (``careers.pages.layout``).
LaidOut = Callable[[Page, Site, Config, jinja2.Environment, Record], Layout | None]
LAYOUTS: dict[str, LaidOut] = {
    "jobs.json": lambda page, site, config, env, record: jobs_json(page.context["postings"], record),
    "postings.js": lambda page, site, config, env, record: postings_js(site, index_card(env)),
    "feed.json": lambda page, site, config, env, record: json_feed(site, config),
    "indeed.xml": lambda page, site, config, env, record: indeed_xml(site, config),
    "linkedin.xml": lambda page, site, config, env, record: linkedin_xml(site, config),
}


def page_layout(
    page: Page, site: Site, config: Config, env: jinja2.Environment, record: Record | None = None
) -> Layout | None:
    """The layout of a machine file made of one item per posting (``None`` for any other page)."""
    laid_out = LAYOUTS.get(page.template)
    return laid_out(page, site, config, env, record or partial(_record, config)) if laid_out else None


def _record(config: Config, posting: Posting) -> str:
    return posting_json(posting, config)


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any], config: Config) -> bytes:
    try:
        return env.get_template(name).render(context).encode("utf-8")
    except CareersError:
        raise  # already said where (a card's template, inside a page's)
    except Exception as exc:  # a template is the site's code: whatever it raises is its error
        raise template_error(exc, config, name) from None
