"""Stage 2: sanitize and restructure one posting body into sections of our own model."""

from __future__ import annotations

from dataclasses import dataclass

from careers.config_clean import CleanRules
from careers.model import Paragraph, Section
from careers.posting.clean.assemble import assemble
from careers.posting.clean.facts import Facts, facts_of
from careers.posting.clean.headings import heading_kind
from careers.posting.clean.lines import segment_lines
from careers.posting.clean.markup import parse_body, safe_href, unescape_markup
from careers.posting.clean.page import read_page, without_http_head
from careers.posting.clean.registry import read_lines
from careers.posting.clean.runs import normalize_runs, text_of
from careers.posting.clean.walk import MAX_LINE, MAX_TEXT, walk
from careers.posting.deadline import check_time

__all__ = [
    "MAX_LINE",
    "MAX_TEXT",
    "Cleaned",
    "Facts",
    "clean_html",
    "heading_kind",
    "normalize_runs",
    "safe_href",
    "section_text",
]


NO_FACTS = Facts()
NO_RULES = CleanRules()


@dataclass(frozen=True)
class Cleaned:
    """A cleaned body: the title found in it (if any), its sections and the facts it states."""

    title: str | None
    sections: tuple[Section, ...]
    depth: int = 0  # how deep the markup was nested: past a few hundred, a paste went wrong
    facts: Facts = NO_FACTS
    text: int = 0  # characters of text in the body
    left_out: int = 0  # characters of text past ``MAX_TEXT``, not read
    long_lines: int = 0  # lines over ``MAX_LINE`` characters, read in pieces


def clean_html(html: str, title: str | None = None, rules: CleanRules = NO_RULES) -> Cleaned:
    """Clean one posting body. ``title`` is the known title (from front matter).

    The body is parsed into a BeautifulSoup tree; a whole saved page is narrowed to its
    posting; the tree is walked into segments, read as lines however they were broken, the
    lines read by the rules of ``registry`` (its metadata blocks taken out as facts), and
    grouped into sections. Nothing
    of the input's markup survives except what the model can express. Without a known
    title, a leading ``<h1>``/``<h2>`` (or the page's own title) is the title.
    """
    html = without_http_head(html)
    soup = parse_body(html)
    check_time()
    unescape_markup(soup, html)
    page = read_page(soup, html, rules)
    check_time()
    walked = walk(page.root)
    lines = segment_lines(walked.segments)
    check_time()
    doc = read_lines(lines, title or page.title or page.facts.title)
    check_time()
    facts = facts_of(doc.stated)
    title = doc.title or facts.title or page.head_title
    merged = page.facts.merged(facts)
    sections = assemble(doc.lines)
    return Cleaned(title, sections, walked.depth, merged, walked.text, walked.left_out, walked.long_lines)


def section_text(section: Section) -> str:
    """The plain text of a section's blocks, one line per paragraph or list item."""
    lines = []
    for block in section.blocks:
        if isinstance(block, Paragraph):
            lines.append(text_of(block.runs))
        else:
            lines.extend(text_of(item) for item in block.items)
    return "\n".join(lines)
