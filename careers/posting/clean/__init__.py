"""Stage 2: sanitize and restructure one posting body into sections of our own model."""

from __future__ import annotations

from dataclasses import dataclass

from careers.config_clean import CleanRules
from careers.model import Paragraph, Section
from careers.posting.clean.assemble import assemble
from careers.posting.clean.context import read_in_context, shape_lines
from careers.posting.clean.facts import Facts, take_facts
from careers.posting.clean.headings import clean_heading, heading_kind, same_words
from careers.posting.clean.lines import segment_lines
from careers.posting.clean.markup import MAX_TAGS, count_tags, parse_body, safe_href, unescape_markup
from careers.posting.clean.page import read_page
from careers.posting.clean.runs import normalize_runs, text_of
from careers.posting.clean.walk import MAX_LINE, MAX_TEXT, walk
from careers.posting.deadline import check_time

__all__ = [
    "MAX_LINE",
    "MAX_TAGS",
    "MAX_TEXT",
    "Cleaned",
    "Facts",
    "clean_html",
    "count_tags",
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
    posting; the tree is walked into segments, read as lines however they were broken,
    its metadata blocks taken out as facts, and the lines grouped into sections. Nothing
    of the input's markup survives except what the model can express. Without a known
    title, a leading ``<h1>``/``<h2>`` (or the page's own title) is the title.
    """
    soup = parse_body(html)
    check_time()
    unescape_markup(soup, html)
    page = read_page(soup, html, rules)
    check_time()
    walked = walk(page.root)
    lines = segment_lines(walked.segments)
    title = title or page.title or page.facts.title
    if title is None and lines and lines[0].origin == "heading":
        title = lines[0].text
    lines = [line for line in lines if not (line.kind == "heading" and repeats(line.text, title))]
    check_time()
    lines, facts = take_facts(read_in_context(lines))
    check_time()
    lines = shape_lines(lines)
    check_time()
    return Cleaned(
        title,
        assemble(lines),
        walked.depth,
        page.facts.merged(facts),
        walked.text,
        walked.left_out,
        walked.long_lines,
    )


def repeats(heading: str, title: str | None) -> bool:
    """Whether a heading only repeats the title (or is empty once cleaned)."""
    text = clean_heading(heading)
    return not text or (title is not None and same_words(text, title))


def section_text(section: Section) -> str:
    """The plain text of a section's blocks, one line per paragraph or list item."""
    lines = []
    for block in section.blocks:
        if isinstance(block, Paragraph):
            lines.append(text_of(block.runs))
        else:
            lines.extend(text_of(item) for item in block.items)
    return "\n".join(lines)
