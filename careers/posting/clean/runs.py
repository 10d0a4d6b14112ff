"""Inline runs: white space collapsed, styles merged, and Markdown's marks in plain text read."""

from __future__ import annotations

import re
from collections.abc import Iterable

from careers.model import Run

_SPACE = re.compile(r"\s+")
# A Markdown backslash escape ("well\-informed", "37\.00", "B\&Q") left in exported text. A
# backslash next to another is kept as it is, so reading text twice changes nothing more.
_ESCAPE = re.compile(r"(?<!\\)\\([-`*_{}\[\]()#+.!&<>|~])")
# Bold written with Markdown's marks in text that was never converted: "**Benefits:**",
# "****What you'll do****", and the lopsided "*Minimum Qualifications**" some exports make.
_STRONG_MARKS = re.compile(r"(?<![*\w])(\*{2,}|_{2,})(?=\S)([^*_]+?)(?<=\S)\1(?![*\w])")
_MARK = re.compile(r"[\\*_]")
_EM_MARKS = re.compile(r"(?<![\w_*])_(?=[^\s_])([^_*]+?)(?<=[^\s_])_(?![\w_*])")
_LINE_MARKS = re.compile(r"^\s*[*_]{1,4}(?=[^\s*_])([^*_]+?)(?<=[^\s*_])[*_]{1,4}(?=\s|:|$)")


def normalize_runs(runs: Iterable[Run]) -> tuple[Run, ...]:
    """Collapse white space across runs, trim the ends, merge runs of one style."""
    out: list[Run] = []
    for run in runs:
        text = run.text
        if not (text.isascii() and text.isprintable()) or "  " in text:  # the regex only when it can matter
            text = _SPACE.sub(" ", text)
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


def text_of(runs: Iterable[Run]) -> str:
    return "".join(r.text for r in runs).strip()


def all_strong(runs: tuple[Run, ...]) -> bool:
    visible = [r for r in runs if r.text.strip()]
    return bool(visible) and all(r.strong for r in visible)


def strip_prefix(runs: tuple[Run, ...], count: int) -> tuple[Run, ...]:
    """``runs`` without their first ``count`` characters."""
    out, left = [], count
    for run in runs:
        if left >= len(run.text):
            left -= len(run.text)
            continue
        out.append(Run(run.text[left:], run.strong, run.em, run.href))
        left = 0
    return normalize_runs(out)


def split_runs(runs: tuple[Run, ...], at: int) -> tuple[tuple[Run, ...], tuple[Run, ...]]:
    """``runs`` cut into two at character ``at`` of their text, white space left as it was."""
    before: list[Run] = []
    after: list[Run] = []
    seen = 0
    for run in runs:
        end = seen + len(run.text)
        if end <= at:
            before.append(run)
        elif seen >= at:
            after.append(run)
        else:
            cut = at - seen
            before.append(Run(run.text[:cut], run.strong, run.em, run.href))
            after.append(Run(run.text[cut:], run.strong, run.em, run.href))
        seen = end
    return tuple(before), tuple(after)


def read_marks(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """Plain text's Markdown left-overs read: escapes and hard breaks dropped, ``**bold**`` made bold."""
    if not _MARK.search("".join(run.text for run in runs)):
        return runs  # most lines have none: they go through untouched
    runs = _without_hard_break(runs)
    out: list[Run] = []
    for i, run in enumerate(runs):
        text = _ESCAPE.sub(r"\1", run.text)
        if run.strong or run.href:  # already bold, or a link's text: its marks only go
            text = _STRONG_MARKS.sub(r"\2", text) if run.strong else text
            out.append(Run(text, run.strong, run.em, run.href))
            continue
        if i == 0:
            line = _LINE_MARKS.match(text)
            if line:
                out.append(Run(line.group(1), True, run.em))
                text = text[line.end() :]
        out.extend(_strong_marks(text, run.em))
    return normalize_runs(out)


def _without_hard_break(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """``runs`` without the backslashes that end them (Markdown's hard line break, "…to grow.\\")."""
    kept = list(runs)
    while kept and kept[-1].text.rstrip().endswith("\\"):
        last = kept.pop()
        text = last.text.rstrip().rstrip("\\")
        if text.strip():
            kept.append(Run(text, last.strong, last.em, last.href))
            break
    return tuple(kept)


def _strong_marks(text: str, em: bool) -> list[Run]:
    out: list[Run] = []
    last = 0
    for match in _STRONG_MARKS.finditer(text):
        out.extend(_em_marks(text[last : match.start()], em))
        out.append(Run(match.group(2), True, em))
        last = match.end()
    out.extend(_em_marks(text[last:], em))
    return out


def _em_marks(text: str, em: bool) -> list[Run]:
    """``_emphasis_`` with underscores (a single ``*`` is more often a bullet or a footnote)."""
    if em:
        return [Run(text, em=True)]
    out: list[Run] = []
    last = 0
    for match in _EM_MARKS.finditer(text):
        out.append(Run(text[last : match.start()]))
        out.append(Run(match.group(1), em=True))
        last = match.end()
    out.append(Run(text[last:]))
    return out
