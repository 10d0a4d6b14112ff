"""Stage 2: sanitize and restructure one HTML body into sections of our own model.

The body is parsed by lxml's HTML parser (libxml2) into a flat list of events, which is
walked once into a stream of raw
blocks (headings, paragraphs holding ``<br>`` marks, lists), the paragraphs are split
into lines where the ``<br>`` marks mean a break (and joined where they are line-wrap
artifacts), every line is classified, and the lines are grouped into sections. Nothing
of the input's markup survives except what the model can express.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import etree

from careers.model import ListBlock, Paragraph, Run, Section, SectionKind
from careers.posting.sections import (
    BULLET,
    EEO_TEXT,
    HASHTAG_LINE,
    NOT_APPLICABLE,
    clean_heading,
    heading_kind,
    looks_like_heading,
    same_words,
)

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
DROP_TAGS = frozenset(
    [
        "script", "style", "template", "noscript", "iframe", "frame", "frameset", "object", "embed",
        "applet", "svg", "math", "head", "title", "meta", "link", "base", "button", "select", "option",
        "textarea", "input", "form", "canvas", "audio", "video", "source", "track", "picture", "img",
        "map", "area", "noembed", "noframes", "xmp", "plaintext", "param", "dialog",
    ]
)
# fmt: on
# Void in HTML5 but not to lxml's HTML4 parser, which would nest what follows inside them: their
# "children" are really their siblings, so they are walked through, never dropped with them.
VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "col",
        "embed",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
STRONG_TAGS = frozenset({"b", "strong"})
EM_TAGS = frozenset({"i", "em"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Parsing costs a few microseconds per element; real postings have a few hundred.
MAX_TAGS = 150_000
_TAG = re.compile(r"<[A-Za-z]")
_SPACE = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_WRAP_ENDINGS = re.compile(
    r"(,|-|\b(and|or|the|of|to|a|an|with|by|for|in|on|at|as|our|your|their|is|are|be))$",
    re.IGNORECASE,
)


class _Break:
    """A ``<br>`` inside a paragraph: whether it breaks is decided later."""


BREAK = _Break()
Token = Run | _Break


@dataclass(frozen=True)
class _RawHeading:
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class _RawPara:
    tokens: tuple[Token, ...]


@dataclass(frozen=True)
class _RawList:
    items: tuple[tuple[Run, ...], ...]
    ordered: bool


_RawBlock = _RawHeading | _RawPara | _RawList


@dataclass(frozen=True)
class Cleaned:
    """A cleaned body: the title found in it (if any) and its sections."""

    title: str | None
    sections: tuple[Section, ...]
    depth: int = 0  # how deep the markup was nested: past a few hundred, a paste went wrong


@dataclass
class _Style:
    strong: bool = False
    em: bool = False
    href: str | None = None


@dataclass
class _Walker:
    """Turns a parsed tree into raw blocks; iterative, so no depth can overflow it."""

    plain_text: bool
    blocks: list[_RawBlock] = field(default_factory=list)
    buffer: list[Token] = field(default_factory=list)
    list_items: list[tuple[Run, ...]] | None = None
    list_ordered: bool = False
    list_depth: int = 0
    heading_depth: int = 0

    def text(self, text: str, style: _Style) -> None:
        text = _INVISIBLE.sub("", text)
        if self.plain_text and self.list_depth == 0:
            for i, piece in enumerate(text.split("\n")):
                if i:
                    self.buffer.append(BREAK)
                if piece:
                    self.buffer.append(Run(piece, style.strong, style.em, style.href))
        elif text:
            self.buffer.append(Run(text, style.strong, style.em, style.href))

    def line_break(self) -> None:
        if self.list_depth or self.heading_depth:
            self.buffer.append(Run(" "))
        else:
            self.buffer.append(BREAK)

    def flush(self) -> None:
        """End the current paragraph, list item or heading text."""
        tokens, self.buffer = self.buffer, []
        runs = normalize_runs(t for t in tokens if isinstance(t, Run))
        if self.list_items is not None:
            if runs:
                self.list_items.append(runs)
        elif any(isinstance(t, Run) and t.text.strip() for t in tokens):
            self.blocks.append(_RawPara(tuple(tokens)))

    def open_list(self, ordered: bool) -> None:
        self.flush()
        if self.list_depth == 0:
            self.list_items, self.list_ordered = [], ordered
        self.list_depth += 1

    def close_list(self) -> None:
        self.flush()
        self.list_depth -= 1
        if self.list_depth == 0 and self.list_items is not None:
            if self.list_items:
                self.blocks.append(_RawList(tuple(self.list_items), self.list_ordered))
            self.list_items = None

    def open_heading(self) -> None:
        self.flush()
        self.heading_depth += 1

    def close_heading(self) -> None:
        self.heading_depth -= 1
        if self.heading_depth or self.list_items is not None:
            return
        runs = normalize_runs(t for t in self.buffer if isinstance(t, Run))
        self.buffer = []
        if runs:
            self.blocks.append(_RawHeading(runs))


def clean_html(html: str, title: str | None = None) -> Cleaned:
    """Clean one posting body. ``title`` is the known title (from front matter).

    Without one, a leading ``<h1>``/``<h2>`` is taken as the title and left out of the body.
    """
    events = parse_events(html)
    blocks, depth = walk(events.events, events.plain)
    if title is None and blocks and isinstance(blocks[0], _RawHeading):
        title = _text(blocks[0].runs)
        blocks = blocks[1:]
    lines = [line for block in blocks for line in split_block(block)]
    return Cleaned(title, assemble(lines, title), depth)


def count_tags(html: str) -> int:
    """How many start tags ``html`` holds, counted without parsing it."""
    return sum(1 for _ in _TAG.finditer(html))


# A start tag is (name, href); an end tag is None; text is a str.
Event = tuple[str, str | None] | None | str
# Any of these anywhere means the body is marked up; without them its newlines are breaks.
_MARKUP_TAGS = (BLOCK_TAGS - {"html", "body"}) | {"br"}
# Text inside these is not a posting's text (ruby annotations; the rest are dropped anyway).
_NOT_TEXT_TAGS = frozenset({"rt", "rp", "script", "style", "template"})
_KEEP_SPACE_TAGS = frozenset({"pre", "textarea"})
_ASCII_SPACE = re.compile(r"[ \n\t\f\r]*")


class _Events:
    """An lxml parser target that records the body as a flat list of events.

    No tree is built: libxml2 parses and calls back, and the cleaner walks the list. Text is
    gathered the way BeautifulSoup gathers it from the same parser (the cleaner's tests pin
    that behaviour): a comment, processing instruction or doctype ends a string; a string of
    ASCII whitespace alone becomes one newline or space (except inside ``<pre>``); text
    inside ruby annotations is not text.
    """

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self.events: list[Event] = []
        self.plain = True
        self._data: list[str] = []
        self._not_text = 0
        self._keep_space = 0

    def start(self, tag: str, attrib: dict[str, str], nsmap: object = None) -> None:
        if self._data:
            self._end_data()
        name = tag.lower()
        if name in _MARKUP_TAGS:
            self.plain = False
        if name in _NOT_TEXT_TAGS:
            self._not_text += 1
        if name in _KEEP_SPACE_TAGS:
            self._keep_space += 1
        self.events.append((name, attrib.get("href") if name == "a" else None))

    def end(self, tag: str) -> None:
        if self._data:
            self._end_data()
        name = tag.lower()
        if name in _NOT_TEXT_TAGS:
            self._not_text -= 1
        if name in _KEEP_SPACE_TAGS:
            self._keep_space -= 1
        self.events.append(None)

    def data(self, data: str) -> None:
        self._data.append(data)

    def comment(self, text: str) -> None:
        if self._data:
            self._end_data()

    def pi(self, target: str, data: str | None = None) -> None:
        if self._data:
            self._end_data()

    def doctype(self, *args: object) -> None:
        if self._data:
            self._end_data()

    def close(self) -> _Events:
        """The events of the document just parsed; the target is then ready for the next."""
        if self._data:
            self._end_data()
        done = _Events()
        done.events, done.plain = self.events, self.plain
        self._reset()
        return done

    def _end_data(self) -> None:
        text = "".join(self._data)
        self._data = []
        if not self._keep_space and _ASCII_SPACE.fullmatch(text):
            text = "\n" if "\n" in text else " "
        if not self._not_text:
            self.events.append(text)


def parse_events(html: str) -> _Events:
    """Parse ``html`` with libxml2's forgiving HTML parser into a list of events."""
    if html.startswith("\ufeff"):
        html = html[1:]
    try:
        return _parse(html, None)
    except (UnicodeDecodeError, LookupError, etree.ParserError):
        # What a str cannot go through, its UTF-8 bytes can.
        return _parse(html.encode("utf-8"), "utf-8")


# One parser per thread and encoding, reused: making one costs a third of a parse, since lxml
# inspects the target's methods each time.
_parsers = threading.local()


def _parse(markup: str | bytes, encoding: str | None) -> _Events:
    idle = _parsers.__dict__  # this thread's parsers, by encoding
    # Taken out while in use: one that fails half-way is not used again.
    parser = idle.pop(encoding or "", None)
    if parser is None:
        parser = etree.HTMLParser(target=_Events(), recover=True, encoding=encoding)
    parser.feed(markup)
    result: _Events = parser.close()
    idle[encoding or ""] = parser
    return result


def walk(events: list[Event], plain_text: bool) -> tuple[list[_RawBlock], int]:
    """The raw blocks of a body's events and the deepest nesting met on the way."""
    walker = _Walker(plain_text)
    depth = 0
    # Each frame: the style inside an open element and what closing it does.
    stack: list[tuple[_Style, str]] = [(_Style(), "")]
    skipping = 0  # inside a dropped element: how many of its elements are open
    for event in events:
        if skipping:
            if event is None:
                skipping -= 1
            elif type(event) is tuple:
                skipping += 1
        elif type(event) is str:
            walker.text(event, stack[-1][0])
        elif event is None:
            _close(walker, stack.pop()[1])
        else:
            frame = _open(walker, event[0], event[1], stack[-1][0])
            if frame is None:
                skipping = 1
            else:
                stack.append(frame)
                depth = max(depth, len(stack))
    walker.flush()
    return walker.blocks, depth


def _open(walker: _Walker, name: str, href: str | None, style: _Style) -> tuple[_Style, str] | None:
    """Act on entering element ``name``; return the style and closing action for its children."""
    if name in VOID_TAGS:
        return style, ""
    if name in DROP_TAGS:
        return None
    if name == "br":
        walker.line_break()
        return None
    if name in HEADING_TAGS:
        walker.open_heading()
        return style, "heading"
    if name in LIST_TAGS:
        walker.open_list(ordered=name == "ol")
        return style, "list"
    if name in ITEM_TAGS or (name in BLOCK_TAGS and not walker.list_depth):
        walker.flush()
        return style, "block"
    if name in BLOCK_TAGS or name in CELL_TAGS:
        walker.buffer.append(Run(" "))
        return style, "space"
    if name in STRONG_TAGS:
        return _Style(True, style.em, style.href), ""
    if name in EM_TAGS:
        return _Style(style.strong, True, style.href), ""
    if name == "a":
        return _Style(style.strong, style.em, safe_href(href) or style.href), ""
    return style, ""


def _close(walker: _Walker, closing: str) -> None:
    if closing == "heading":
        walker.close_heading()
    elif closing == "list":
        walker.close_list()
    elif closing == "block":
        walker.flush()
    elif closing == "space":
        walker.buffer.append(Run(" "))


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


def normalize_runs(runs: Iterator[Run] | list[Run]) -> tuple[Run, ...]:
    """Collapse white space across runs, trim the ends, merge runs of one style."""
    out: list[Run] = []
    for run in runs:
        text = _SPACE.sub(" ", run.text)
        if not out or out[-1].text.endswith(" "):
            text = text.lstrip(" ")
        if not text:
            continue
        style = (False, False, None) if text == " " else (run.strong, run.em, run.href)
        last = out[-1] if out else None
        if last and (last.strong, last.em, last.href) == style:
            out[-1] = Run(last.text + text, *style)
        else:
            out.append(Run(text, *style))
    if out:
        last = out.pop()
        if last.text.rstrip():
            out.append(Run(last.text.rstrip(), last.strong, last.em, last.href))
    return tuple(out)


@dataclass(frozen=True)
class _Line:
    """One classified line: ``kind`` is heading, item, para, na or list."""

    kind: str
    runs: tuple[Run, ...] = ()
    items: tuple[tuple[Run, ...], ...] = ()
    ordered: bool = False


def split_block(block: _RawBlock) -> list[_Line]:
    if isinstance(block, _RawList):
        return [_Line("list", items=block.items, ordered=block.ordered)]
    if isinstance(block, _RawHeading):
        text = _text(block.runs)
        if len(text.split()) > 15:
            return [_Line("para", block.runs)]
        return [_Line("heading", block.runs)]
    return [classify(runs) for runs in join_wrapped(block.tokens) if _text(runs)]


def join_wrapped(tokens: tuple[Token, ...]) -> list[tuple[Run, ...]]:
    """Split a paragraph at its breaks; a lone ``<br>`` inside a sentence is joined."""
    segments: list[tuple[int, tuple[Run, ...]]] = []
    breaks, current = 0, list[Run]()
    for token in tokens:
        if isinstance(token, _Break):
            if _text(normalize_runs(current)):
                segments.append((breaks, normalize_runs(current)))
                breaks, current = 0, list[Run]()
            breaks += 1
        else:
            current.append(token)
    if _text(normalize_runs(current)):
        segments.append((breaks, normalize_runs(current)))
    lines: list[tuple[Run, ...]] = []
    for breaks, runs in segments:
        if lines and breaks == 1 and is_wrap(lines[-1], runs):
            lines[-1] = normalize_runs([*lines[-1], Run(" "), *runs])
        else:
            lines.append(runs)
    return lines


def is_wrap(before: tuple[Run, ...], after: tuple[Run, ...]) -> bool:
    """Whether a single break between two pieces of text is a line-wrap artifact."""
    prev, nxt = _text(before), _text(after)
    if not prev or not nxt or prev[-1] in ".!?:;" or BULLET.match(nxt):
        return False
    if _all_strong(before) or _all_strong(after):
        return False
    return nxt[0].islower() or bool(_WRAP_ENDINGS.search(prev))


def classify(runs: tuple[Run, ...]) -> _Line:
    text = _text(runs)
    if HASHTAG_LINE.match(text):
        return _Line("drop")
    if NOT_APPLICABLE.match(text):
        return _Line("na", runs)
    if looks_like_heading(text, _all_strong(runs)):
        return _Line("heading", runs)
    bullet = BULLET.match(text)
    if bullet:
        return _Line("item", _strip_prefix(runs, bullet.end()))
    return _Line("para", runs)


def assemble(lines: list[_Line], title: str | None) -> tuple[Section, ...]:
    """Group lines into sections; drop title repeats, "N/A" sections and empty openings."""
    drafts: list[tuple[str | None, SectionKind, list[_Line]]] = [(None, "summary", [])]
    for line in lines:
        if line.kind == "drop":
            continue
        if line.kind == "heading":
            text = clean_heading(_text(line.runs))
            if not text or (title and same_words(text, title)):
                continue
            drafts.append((text, heading_kind(text), []))
            continue
        eeo = line.kind == "para" and bool(EEO_TEXT.search(_text(line.runs)))
        if eeo and drafts[-1][1] != "equal_opportunity":
            drafts.append((None, "equal_opportunity", []))
        drafts[-1][2].append(line)
    sections = []
    for heading, kind, body in drafts:
        blocks = _blocks(body)
        if heading is None and not blocks:
            continue
        if body and all(line.kind == "na" for line in body):
            continue
        sections.append(Section(heading, kind, blocks))
    return tuple(sections)


def _blocks(lines: list[_Line]) -> tuple[Paragraph | ListBlock, ...]:
    blocks: list[Paragraph | ListBlock] = []
    items: list[tuple[Run, ...]] = []
    for line in lines:
        if line.kind == "item":
            items.append(line.runs)
            continue
        if items:
            blocks.append(ListBlock(tuple(items)))
            items = []
        if line.kind == "list":
            blocks.append(ListBlock(line.items, line.ordered))
        else:
            blocks.append(Paragraph(line.runs))
    if items:
        blocks.append(ListBlock(tuple(items)))
    return tuple(blocks)


def _text(runs: tuple[Run, ...] | list[Run]) -> str:
    return "".join(r.text for r in runs).strip()


def _all_strong(runs: tuple[Run, ...]) -> bool:
    visible = [r for r in runs if r.text.strip()]
    return bool(visible) and all(r.strong for r in visible)


def _strip_prefix(runs: tuple[Run, ...], count: int) -> tuple[Run, ...]:
    out, left = [], count
    for run in runs:
        if left >= len(run.text):
            left -= len(run.text)
            continue
        out.append(Run(run.text[left:], run.strong, run.em, run.href))
        left = 0
    return normalize_runs(out)


def section_text(section: Section) -> str:
    """The plain text of a section's blocks, one line per paragraph or list item."""
    lines = []
    for block in section.blocks:
        if isinstance(block, Paragraph):
            lines.append(_text(block.runs))
        else:
            lines.extend(_text(item) for item in block.items)
    return "\n".join(lines)
