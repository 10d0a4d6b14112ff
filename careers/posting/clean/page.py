"""Page shapes: a whole saved job page narrowed to its posting (JSON-LD, description container)."""

from __future__ import annotations

import functools
import json
import math
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import soupsieve
from bs4 import BeautifulSoup, Tag

from careers.config_clean import CleanRules
from careers.posting.clean.facts import Facts
from careers.posting.clean.furniture import forms_with_prose, page_furniture
from careers.posting.clean.markup import parse_body, unescape_markup

_JSON_LD = re.compile(r"application/ld\+json", re.I)
# JSON-LD nests a few levels (a posting, its organization, its address); far deeper is no posting.
MAX_JSON_DEPTH = 64
_SURROGATE = re.compile("[\ud800-\udfff]")
_WHOLE_PAGE = re.compile(r"<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
# A page saved with the server's response before it: a status line, header lines, a blank line.
_HTTP_HEAD = re.compile(r"\AHTTP/\d(?:\.\d)? \d{3}\b[^\n]*\n(?:[\w-]{1,80}:[^\n]*\n){0,200}\r?\n")
# Where the common job boards keep a posting's description on its page.
BOARD_CONTAINERS = (
    "#jobDescriptionText",  # Indeed
    "[data-automation-id=jobPostingDescription]",  # Workday
    ".show-more-less-html__markup",  # LinkedIn
    ".description__text",  # LinkedIn
    ".job__description",  # Greenhouse
    "#content .job-post",  # Greenhouse (older boards)
    "[data-qa=job-description]",  # Lever
    "[data-ui=job-description]",  # Workable
    "[itemprop=description]",  # schema.org microdata (SmartRecruiters and others)
    "#job-description, #jobDescription, .job-description, .jobDescription, .job-details, #job-details",
    "main article, article, main, [role=main]",
)
# A whole page's furniture by the names it gives its boxes (landmarks and link lists are told
# by structure, in ``furniture``): cookie notices, share, breadcrumb and similar-job boxes.
PAGE_FURNITURE = ", ".join(
    (
        "[id*=cookie i], [class*=cookie i], [id*=consent i], [class*=consent i]",
        "[class*=share i], [id*=share i], [class*=social i], [class*=breadcrumb i]",
        "[class*=similar i], [id*=similar i], [class*=related-jobs i]",
    )
)


@dataclass(frozen=True)
class Page:
    """Where a body's posting is: the element holding its text, the page's title, what JSON-LD
    said, and the ``<title>`` element's text (a site's name as often as the job's: the last resort)."""

    root: Tag
    title: str | None
    facts: Facts
    head_title: str | None = None


@functools.lru_cache(maxsize=256)
def compiled(selector: str) -> soupsieve.SoupSieve:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a site's ":contains" works, with a FutureWarning
        return soupsieve.compile(selector)


def without_http_head(html: str) -> str:
    """``html`` without the HTTP status line and headers a page was saved with, if any."""
    return _HTTP_HEAD.sub("", html, count=1) if html.startswith("HTTP/") else html


def read_page(soup: BeautifulSoup, html: str, rules: CleanRules) -> Page:
    """The posting in ``soup``: a fragment as it is; a whole page's JSON-LD or description container."""
    for selector in rules.drop:
        _decompose(compiled(selector).select(soup))
    if "<form" in html or "<FORM" in html:
        for form in forms_with_prose(soup):
            form.unwrap()  # an ASP.NET page holds the whole page in one form
    posting = job_posting_data(soup) if "ld+json" in html else None
    facts = json_ld_facts(posting) if posting else Facts()
    description = posting.get("description") if posting else None
    if isinstance(description, str) and description.strip():
        text = parse_body(description)
        unescape_markup(text, description)
        title = posting.get("title") if posting else None
        return Page(text.body or text, title if isinstance(title, str) else None, facts)
    whole = bool(_WHOLE_PAGE.search(html))
    container = compiled(rules.description).select_one(soup) if rules.description else None
    if container is None and whole:
        container = _board_container(soup)
    if whole:
        marked = compiled(PAGE_FURNITURE)
        _decompose(page_furniture(container or soup.body or soup, marked.match))
    title = _page_title(soup, container) if container is not None or whole else None
    head = soup.find("title") if whole else None
    head_title = " ".join(head.get_text(" ").split()) or None if head else None
    root = container if container is not None else (soup.body or soup)
    return Page(root, title, facts, head_title)


def _board_container(soup: BeautifulSoup) -> Tag | None:
    for selector in BOARD_CONTAINERS:
        for found in compiled(selector).select(soup):
            if len(found.get_text(" ").split()) >= 30:
                return found
    return None


def _page_title(soup: BeautifulSoup, container: Tag | None) -> str | None:
    """The page's first ``<h1>`` (its main heading, wherever it is), else its first ``<h2>``
    outside the description."""
    for name in ("h1", "h2"):
        for heading in soup.find_all(name):
            if name == "h1" or container is None or container not in heading.parents:
                text = " ".join(heading.get_text(" ").split())
                if text:
                    return text
    return None


def _decompose(found: list[Tag]) -> None:
    for tag in found:
        if not tag.decomposed:
            tag.decompose()


def job_posting_data(soup: BeautifulSoup) -> dict[str, Any] | None:
    """The first schema.org ``JobPosting`` in the page's JSON-LD, if any."""
    for script in soup.find_all("script", attrs={"type": _JSON_LD}):
        try:
            data = read_json(script.get_text())
        except ValueError:
            continue
        for item in _items(data):
            kind = item.get("@type")
            if kind == "JobPosting" or (isinstance(kind, list) and "JobPosting" in kind):
                return item
    return None


def read_json(text: str) -> Any:
    """A page's JSON, as values the rest of the reader can hold: nested at most ``MAX_JSON_DEPTH``
    deep (a ``ValueError`` otherwise), a number past a float's range (``1e400``, ``NaN``) as
    none, and every lone surrogate (an escape such as ``"\\ud83d"``) replaced by U+FFFD."""
    try:
        data = json.loads(text, parse_float=_finite, parse_constant=lambda name: None)
    except RecursionError:
        raise ValueError("nested too deeply") from None
    todo: list[tuple[Any, int]] = [(data, 0)]
    while todo:
        item, depth = todo.pop()
        if depth > MAX_JSON_DEPTH:
            raise ValueError("nested too deeply")
        if isinstance(item, dict):
            for key, value in list(item.items()):
                if isinstance(key, str) and _SURROGATE.search(key):
                    del item[key]
                    key = _SURROGATE.sub("\ufffd", key)
                item[key] = _SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value
                todo.append((value, depth + 1))
        elif isinstance(item, list):
            for i, value in enumerate(item):
                item[i] = _SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value
                todo.append((value, depth + 1))
    return _SURROGATE.sub("\ufffd", data) if isinstance(data, str) else data


def _finite(text: str) -> float | None:
    number = float(text)
    return number if math.isfinite(number) else None


def _items(data: Any) -> Iterator[dict[str, Any]]:
    """Every object of the JSON, in document order, an object's ``@graph`` right after it."""
    todo = [data]
    while todo:
        item = todo.pop()
        if isinstance(item, list):
            todo.extend(reversed(item))
        elif isinstance(item, dict):
            yield item
            todo.append(item.get("@graph"))


def json_ld_facts(posting: dict[str, Any]) -> Facts:
    """What a ``JobPosting`` says besides its description, as text fields."""
    return Facts(
        title=_text(posting.get("title")),
        company=_text(_name(posting.get("hiringOrganization"))),
        location=_location(posting.get("jobLocation"), posting.get("jobLocationType")),
        employment_type=_text(_first(posting.get("employmentType"))),
        salary=_salary(posting.get("baseSalary")),
        reference=_text(_value(posting.get("identifier"))),
        date_posted=_text(posting.get("datePosted")),
        valid_through=_text(posting.get("validThrough")),
        apply_url=_text(posting.get("url")),
    )


def _text(value: Any) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _name(value: Any) -> Any:
    value = _first(value)
    return value.get("name") if isinstance(value, dict) else value


def _value(value: Any) -> Any:
    value = _first(value)
    return value.get("value") if isinstance(value, dict) else value


def _location(value: Any, kind: Any) -> str | None:
    place = _first(value)
    address = place.get("address") if isinstance(place, dict) else None
    if isinstance(address, dict):
        keys = ("addressLocality", "addressRegion", "addressCountry")
        parts = [_text(_name(address.get(key))) for key in keys]
        return ", ".join(p for p in parts if p) or None
    if kind == "TELECOMMUTE":
        return "Remote"
    return _text(address) or _text(place)


def _number(value: Any) -> str:
    """An amount as written in the page's JSON ("60,000"); an integer past a float's range as
    its digits (it is no salary, and the reader of the text will say so)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return f"{value:,.0f}" if isinstance(value, float) else str(value)


def _salary(value: Any) -> str | None:
    if not isinstance(value, dict):
        return _text(value)
    amount = value.get("value")
    currency = _text(value.get("currency")) or ""
    if not isinstance(amount, dict):
        return f"{currency} {amount}".strip() if isinstance(amount, (int, float, str)) else None
    low, high = amount.get("minValue", amount.get("value")), amount.get("maxValue")
    numbers = [_number(n) for n in (low, high) if n is not None]
    if not numbers:
        return None
    unit = _text(amount.get("unitText")) or "YEAR"
    return f"{currency} {' – '.join(numbers)} per {unit.lower()}".strip()
