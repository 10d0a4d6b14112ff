"""Markup in: a body parsed into a BeautifulSoup tree (lxml), escaped markup read as markup."""

from __future__ import annotations

import re
import warnings
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, Tag
from bs4.element import NavigableString

HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
LIST_TAGS = frozenset({"ul", "ol", "dl"})
ITEM_TAGS = frozenset({"li", "dt", "dd"})
# fmt: off
BLOCK_TAGS = frozenset([
    "p", "div", "section", "article", "header", "footer", "main", "aside", "blockquote",
    "pre", "hr", "center", "address", "nav", "details", "summary", "figure", "figcaption",
    "table", "thead", "tbody", "tfoot", "tr", "caption", "fieldset", "body", "html",
]) | HEADING_TAGS | LIST_TAGS | ITEM_TAGS
CELL_TAGS = frozenset({"td", "th"})
# Elements whose content is never visible text of a posting: dropped with everything inside.
DROP_TAGS = frozenset([
    "script", "style", "template", "noscript", "iframe", "frame", "frameset", "object", "embed",
    "applet", "svg", "math", "head", "title", "meta", "link", "base", "button", "select", "option",
    "textarea", "input", "form", "canvas", "audio", "video", "source", "track", "picture", "img",
    "map", "area", "noembed", "noframes", "xmp", "plaintext", "param", "dialog",
])
# Void in HTML5 but not to lxml's HTML4 parser, which would nest what follows inside them: their
# "children" are really their siblings, so they are walked through, never dropped with them.
VOID_TAGS = frozenset([
    "area", "base", "col", "embed", "img", "input", "keygen", "link", "meta", "param", "source",
    "track", "wbr",
])
# fmt: on
STRONG_TAGS = frozenset({"b", "strong"})
EM_TAGS = frozenset({"i", "em"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Markup that a source escaped once more (``&lt;p&gt;``): the tags a posting is written in.
_ESCAPED_TAG = re.compile(
    r"</?(p|div|br|li|ul|ol|h[1-6]|strong|b|em|i|u|span|a|table|tr|td|th|tbody|section|blockquote)\b[^<>]{0,300}>",
    re.IGNORECASE,
)


_ESCAPED_LT = re.compile(r"&(lt|#0*60|#x0*3c);?", re.IGNORECASE)


def parse_body(html: str) -> BeautifulSoup:
    """Parse ``html`` with lxml's forgiving HTML parser into a BeautifulSoup tree."""
    with warnings.catch_warnings():
        # A body that is only "apply at careers.html" is text to us, not a file name.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return BeautifulSoup(html.removeprefix("\ufeff"), "lxml")


def unescape_markup(soup: BeautifulSoup, html: str) -> None:
    """Read escaped markup (text holding ``<p>…</p>`` once its entities are decoded) as markup.

    A text that holds at least two tags of the kinds postings are written in is escaped
    HTML, not prose about HTML: it is parsed, and its elements take its place.
    """
    if not _ESCAPED_LT.search(html):
        return  # no "&lt;" in the source: no text can hold a tag
    for string in list(soup.find_all(string=_ESCAPED_TAG)):
        if type(string) is not NavigableString or len(_ESCAPED_TAG.findall(string)) < 2:
            continue
        fragment = parse_body(str(string))
        root = fragment.body or fragment
        string.replace_with(*list(root.contents))


def safe_href(value: object) -> str | None:
    """An absolute http(s), mailto or tel URL, or ``None``: anything else is not a link."""
    if not isinstance(value, str):
        return None
    url = "".join(ch for ch in value.strip() if ch.isprintable() and not ch.isspace())
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES:
        return None
    if parts.scheme.lower() in ("http", "https") and not parts.netloc:
        return None
    return url


def tag_name(node: Tag) -> str:
    return node.name.lower() if node.name else ""
