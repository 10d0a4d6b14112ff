"""Stage 5: plan every output page and render it with Jinja2.

Every internal link is relative to the page it is on, so ``site/`` works under any
sub-path and straight from disk; only ``404.html`` (served at any depth by a host) uses
links rooted at ``base_url``'s path.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import posixpath
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urljoin

import jinja2
from markupsafe import Markup

from careers.config import Config
from careers.engine.fragments import Entry, FragmentCache, fragment_cache, runs
from careers.engine.output import Placed, Staging, is_plain
from careers.engine.parallel import can_fork, map_beside
from careers.errors import TemplateError
from careers.model import LEVEL_NAMES, Education, Posting, Section, Site, Term
from careers.pages.feeds import feed_xml, robots_txt, sitemap_xml
from careers.pages.html import blocks_html
from careers.pages.jsonld import CREDENTIAL_CATEGORIES, posting_location
from careers.pages.seo import page_seo
from careers.pages.theme import theme_css
from careers.posting.fields import EMPLOYMENT_LABELS
from careers.posting.tagging.report import education_record, experience_record, skill_record


@dataclass(frozen=True)
class Page:
    """One output file: where it goes, which template draws it, and with what."""

    path: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


def make_environment(config: Config) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=template_loader(config),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=[FragmentCache],
    )
    env.filters["blocks_html"] = lambda section: Markup(blocks_html(section))
    env.filters["level_name"] = lambda level: LEVEL_NAMES.get(level, level) if level else ""
    env.filters["employment_label"] = lambda value: EMPLOYMENT_LABELS.get(value, value) if value else ""
    env.filters["human_date"] = human_date
    env.filters["months"] = months_label
    env.filters["education_label"] = education_label
    env.filters["runs"] = runs
    return env


def template_loader(config: Config) -> jinja2.BaseLoader:
    """Templates from ``theme_dir`` first, then ``templates_dir``.

    ``default/x.html`` always names the built-in one, so a theme's ``base.html`` can extend
    the ``base.html`` it replaces.
    """
    builtin = jinja2.FileSystemLoader(str(config.templates_path.resolve()))
    return jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader([str(path.resolve()) for path in config.template_paths]),
            jinja2.PrefixLoader({"default": builtin}),
        ]
    )


def human_date(value: dt.date | None) -> str:
    return f"{value:%B} {value.day}, {value.year}" if value else ""


def months_label(months: int | None) -> str:
    if months is None:
        return ""
    if months % 12 == 0:
        years = months // 12
        return f"{years} year{'s' if years != 1 else ''}"
    return f"{months} month{'s' if months != 1 else ''}"


EDUCATION_NAMES = {
    "high_school": "High school diploma",
    "some_college": "Some college",
    "certificate": "Certificate or vocational qualification",
    "associate": "Associate degree",
    "bachelor": "Bachelor's degree",
    "master": "Master's degree",
    "doctorate": "Doctorate",
}


def education_label(education: Education | None) -> str:
    """The education a posting asks for, as a job seeker reads it: "Bachelor's degree (preferred)",
    "High school diploma; bachelor's degree preferred"; "" for none asked."""
    if education is None or education.level not in EDUCATION_NAMES:
        return ""
    label = EDUCATION_NAMES[education.level]
    if education.equivalent_experience:
        label += ", or equivalent experience"
    if not education.required:
        return label + " (preferred)"
    if education.preferred_level in EDUCATION_NAMES:
        label += f"; {EDUCATION_NAMES[education.preferred_level].lower()} preferred"
    return label


def plan_pages(site: Site, config: Config) -> list[Page]:
    """Every page of the site, in a fixed order."""
    pages = [Page("index.html", "index.html", {"postings": site.postings})]
    for posting in site.postings:
        pages.append(
            Page(
                posting_path(posting),
                "posting.html",
                {"posting": posting, "related": site.related.get(posting.slug, ())},
            )
        )
    for posting in site.closed:
        pages.append(Page(posting_path(posting), "posting.html", closed_context(posting, site)))
    pages.append(Page("skills/index.html", "skills.html", {"categories": group_by_category(site.skills)}))
    for term in site.skills:
        pages.append(Page(f"skills/{term.slug}/index.html", "skill.html", {"term": term}))
    pages.append(Page("experience/index.html", "levels.html", {"levels": site.levels}))
    for term in site.levels:
        pages.append(Page(f"experience/{term.slug}/index.html", "level.html", {"term": term}))
    pages.append(Page("404.html", "404.html", {"postings": site.postings[:10]}))
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
    # ``shown`` is known by the posting's identity, which says nothing of the tags left out:
    # ``shown_tags`` puts them in the page's fingerprint, so the page follows the site's tags.
    shown_tags = (tuple(t.slug for t in shown.skills), experience.level if experience else None)
    return {"posting": shown, "related": (), "closed": True, "shown_tags": shown_tags}


def details(posting: Posting) -> dict[str, Any]:
    """The facts a posting page lists, read the same way its JSON-LD reads them.

    They are a function of the posting alone, so a page's plan (and its fingerprint) holds
    the posting only, and they are worked out when the page is rendered.
    """
    education = posting.education
    location = posting_location(posting)
    country = location.address.country if location.address and not location.remote else None
    written = [part.strip().upper() for part in (posting.location or "").split(",")]
    return {
        "closed": False,
        "location": location,
        # A country read from a state ("Boston, MA") is shown, as every JSON-LD value is.
        "country": country if country and country not in written else None,
        "credential": CREDENTIAL_CATEGORIES.get(education.level) if education else None,
    }


def posting_path(posting: Posting) -> str:
    return f"jobs/{posting.slug}/index.html"


def group_by_category(terms: tuple[Term, ...]) -> list[tuple[str, list[Term]]]:
    groups: dict[str, list[Term]] = {}
    for term in terms:
        groups.setdefault(term.category, []).append(term)
    return sorted(groups.items(), key=lambda kv: kv[0].casefold())


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


def render_pages(
    site: Site, config: Config, env: jinja2.Environment, assets: Mapping[str, str] | None = None
) -> Iterator[tuple[str, bytes]]:
    """Render every planned page, then ``jobs.json``, the feed, the sitemap and ``robots.txt``.

    ``assets`` maps a static file's name to its published (fingerprinted) path.
    """
    for page in plan_pages(site, config):
        yield page.path, render_page(page, site, config, env, assets)
    yield "jobs.json", jobs_json(site, config)
    yield from machine_files(site, config)


def machine_files(site: Site, config: Config) -> Iterator[tuple[str, bytes]]:
    """``robots.txt``, the sitemap and the feed."""
    yield "robots.txt", robots_txt(config)
    for name, data in (("sitemap.xml", sitemap_xml(site, config)), ("feed.xml", feed_xml(site, config))):
        if data is not None:
            yield name, data


def asset_url(assets: Mapping[str, str] | None, url: Callable[[str], str], name: str) -> str:
    """The link to a static file by its name in ``templates/static/`` (fingerprinted when published)."""
    if assets is None:
        return url(f"static/{name}")
    if name not in assets:
        raise ValueError(f"asset({name!r}): no such file in templates/static/")
    return url(assets[name])


def render_page(
    page: Page, site: Site, config: Config, env: jinja2.Environment, assets: Mapping[str, str] | None = None
) -> bytes:
    url: Callable[[str], str]
    if page.path == "404.html":
        url = partial(rooted_url, config.base_path, page.path)
    else:
        url = partial(relative_url, page.path)
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


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any], config: Config) -> bytes:
    try:
        return env.get_template(name).render(context).encode("utf-8")
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            _template_name(config, exc.filename or name), exc.lineno, exc.message or "syntax error"
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"{config.templates_dir}/{exc.name}", None, "template not found") from None
    except (jinja2.UndefinedError, TypeError, AttributeError, ValueError) as exc:
        path, line = _template_location(exc.__traceback__, config, name)
        raise TemplateError(path, line, f"while rendering: {exc}") from None


def _template_name(config: Config, filename: str) -> str:
    try:
        return Path(filename).resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:
        return filename


def _template_location(tb: TracebackType | None, config: Config, name: str) -> tuple[str, int | None]:
    """The innermost template frame of a rendering error (Jinja maps them to template lines)."""
    where: tuple[str, int | None] = (f"{config.templates_dir}/{name}", None)
    folders = tuple(str(path.resolve()) for path in config.template_paths)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith(folders):
            where = (_template_name(config, filename), tb.tb_lineno)
        tb = tb.tb_next
    return where


def site_files(
    site: Site, config: Config, record_json: Callable[[Posting], str] | None = None
) -> Iterator[tuple[str, bytes]]:
    """``jobs.json`` and the machine files, as ``render_pages`` ends with them.

    ``record_json`` may stand in for ``posting_json`` (the preview server remembers them).
    """
    lines = None if record_json is None else (lambda postings: ",\n".join(map(record_json, postings)))
    yield "jobs.json", jobs_json(site, config, lines)
    yield from machine_files(site, config)


def jobs_json(site: Site, config: Config, lines: Callable[[Sequence[Posting]], str] | None = None) -> bytes:
    """The postings as a JSON array, one record per line (so a diff shows which postings changed).

    ``lines`` may stand in for the records of a list of postings, one a line (joined by ",\n"),
    for a caller that keeps them.
    """
    if not site.postings:
        return b"[]\n"
    body = lines(site.postings) if lines else ",\n".join(posting_json(p, config) for p in site.postings)
    return ("[\n" + body + "\n]\n").encode("utf-8")


def posting_json(posting: Posting, config: Config) -> str:
    """One posting's record on one line (no indent, so Python's C encoder writes it)."""
    return json.dumps(posting_record(posting, config), ensure_ascii=False, sort_keys=True)


def posting_record(posting: Posting, config: Config) -> dict[str, Any]:
    """One posting as documented in the README's ``jobs.json`` schema."""
    return {
        "slug": posting.slug,
        "url": urljoin(config.base_url, f"jobs/{posting.slug}/"),
        "source": posting.source,
        "title": posting.title,
        "summary": posting.summary,
        "company": posting.company,
        "location": posting.location,
        "employment_type": posting.employment_type,
        "remote": posting.remote,
        "date_posted": posting.date_posted.isoformat() if posting.date_posted else None,
        "valid_through": posting.valid_through.isoformat() if posting.valid_through else None,
        "sections": [section_record(s) for s in posting.sections],
        "skills": [tag.name for tag in posting.skills],
        "soft_skills": [tag.name for tag in posting.soft_skills],
        "skill_tags": [skill_record(tag) for tag in (*posting.skills, *posting.soft_skills)],
        "experience": experience_record(posting.experience),
        "education": education_record(posting.education),
    }


def section_record(section: Section) -> dict[str, Any]:
    return {"heading": section.heading, "kind": section.kind}


def render_many(
    pages: Sequence[Page],
    site: Site,
    config: Config,
    env: jinja2.Environment,
    assets: Mapping[str, str] | None,
    workers: int,
    staging: Staging | None = None,
) -> Iterator[tuple[int, bytes | Placed]]:
    """Each of ``pages`` rendered, as (its index, its bytes), over ``workers`` processes
    (this one and forked workers), in the order they finish. With ``staging``, each page
    is put there by the process that rendered it, and ``Placed`` stands for its bytes.

    This process renders the pages that list postings by the thousand (the index, tag
    pages: they share their cards, so one process renders each card once), then joins
    ``workers - 1`` forked workers on the posting pages, which every process takes in
    batches from one counter until none is left. A forked worker's memory is a copy of
    this process's (copied page by page as objects are touched), so each worker counts:
    on two cores, this process and one worker. Workers inherit the site and the compiled
    templates instead of receiving them, and hand back the fragments they rendered.
    """
    if not can_fork():
        workers = 1
    posting_pages = [i for i, page in enumerate(pages) if page.path.startswith("jobs/")]
    listings = sorted(set(range(len(pages))) - set(posting_pages))
    batches = [posting_pages[i : i + POSTING_BATCH] for i in range(0, len(posting_pages), POSTING_BATCH)]
    claims = _Claims(len(batches), multiprocessing.get_context("fork") if workers > 1 else None)
    inputs = (pages, site, config, env, assets, staging, batches, claims)
    fragments = fragment_cache(env)

    def here() -> Iterator[tuple[list[tuple[int, bytes | Placed]], dict[str, Entry]]]:
        for index in listings:  # one at a time, so progress shows as each is written
            yield _render_unit([index])
        while (batch := claims.next()) is not None:
            yield _render_unit(batches[batch])

    slots = range(len(batches)) if workers > 1 else range(0)
    global _owner
    _owner = os.getpid()
    fragments.fork_safe()
    for rendered, new in map_beside(_render_claimed, slots, workers - 1, _set_render_inputs, inputs, here):
        fragments.record(new)
        yield from rendered


POSTING_BATCH = 64


class _Claims:
    """A counter shared by forked processes: each batch goes to whoever asks first."""

    def __init__(self, count: int, context: Any) -> None:
        self.count = count
        self.value = context.Value("i", 0) if context is not None else None
        self.local = 0

    def next(self) -> int | None:
        if self.value is None:
            taken, self.local = self.local, self.local + 1
        else:
            with self.value.get_lock():
                taken = self.value.value
                self.value.value = taken + 1
        return taken if taken < self.count else None


_RenderInputs = tuple[
    Sequence[Page],
    Site,
    Config,
    jinja2.Environment,
    Mapping[str, str] | None,
    Staging | None,
    list[list[int]],
    _Claims,
]
_render_inputs: _RenderInputs | None = None


_owner = 0  # the build process, whose fragment cache writes the store


def _set_render_inputs(*inputs: object) -> None:
    global _render_inputs
    _render_inputs = inputs  # type: ignore[assignment]  # exactly what render_many passes
    if os.getpid() != _owner:
        env = inputs[3]
        assert isinstance(env, jinja2.Environment)
        fragment_cache(env).in_worker()


def _render_claimed(_slot: int) -> tuple[list[tuple[int, bytes | Placed]], dict[str, Entry]]:
    """One batch of posting pages: the next one nobody has taken, if any is left."""
    assert _render_inputs is not None, "_set_render_inputs() runs first"
    batches, claims = _render_inputs[6], _render_inputs[7]
    batch = claims.next()
    return _render_unit(batches[batch]) if batch is not None else ([], {})


def _render_unit(unit: list[int]) -> tuple[list[tuple[int, bytes | Placed]], dict[str, Entry]]:
    assert _render_inputs is not None, "_set_render_inputs() runs first"
    pages, site, config, env, assets, staging = _render_inputs[:6]
    rendered: list[tuple[int, bytes | Placed]] = []
    for index in unit:
        data = render_page(pages[index], site, config, env, assets)
        rendered.append((index, Placed(staging.place(pages[index].path, data)) if staging else data))
    return rendered, fragment_cache(env).take_new()
