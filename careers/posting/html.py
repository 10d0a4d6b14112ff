"""Model to HTML: the only place posting content becomes markup, with nh3 as the last word."""

from __future__ import annotations

import re
from html import escape, unescape

import nh3

from careers.model import Block, Paragraph, Run, Section

# What the model can express, and nothing else.
ALLOWED_TAGS = frozenset({"p", "ul", "ol", "li", "strong", "em", "a"})
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def runs_html(runs: tuple[Run, ...]) -> str:
    parts = []
    for run in runs:
        html = escape(run.text, quote=False)
        if run.em:
            html = f"<em>{html}</em>"
        if run.strong:
            html = f"<strong>{html}</strong>"
        if run.href:
            html = f'<a href="{escape(run.href)}">{html}</a>'
        parts.append(html)
    return "".join(parts)


def block_html(block: Block) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{runs_html(block.runs)}</p>"
    tag = "ol" if block.ordered else "ul"
    items = "\n".join(f"<li>{runs_html(item)}</li>" for item in block.items)
    return f"<{tag}>\n{items}\n</{tag}>"


def blocks_html(section: Section) -> str:
    """A section's blocks as sanitized HTML (its heading is the template's to render)."""
    return sanitize("\n".join(block_html(b) for b in section.blocks))


def sanitize(html: str) -> str:
    return _CLEANER.clean(html)


# Set up once: a Cleaner built per call cost a third of each call.
_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
    url_schemes=set(ALLOWED_SCHEMES),
    link_rel="nofollow noopener noreferrer",
    strip_comments=True,
)


_TAG = re.compile(r"<[^<>]*+>")


def html_text(html: str) -> str:
    """The text of HTML this module emitted (sanitized: every ``<`` in text is escaped)."""
    return unescape(_TAG.sub(" ", html))
