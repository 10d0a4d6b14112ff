"""Text without the characters no web page or feed may hold: what every posting's text is made of."""

from __future__ import annotations

import re

from careers.errors import Diagnostic, printable

# What XML 1.0 forbids (C0 controls but tab and newline; the decoder made every CR a
# newline) and HTML calls a parse error (DEL, C1 controls, noncharacters): no page, feed or
# JSON-LD may carry them, so no text does from here on.
_IN_BMP = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff"
_ABOVE_BMP = "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
UNSHOWABLE = re.compile(f"[{_IN_BMP}{_ABOVE_BMP}]")
# The same in two: a class holding characters above U+FFFF makes the search a dozen times
# slower, and only text that holds such characters (emoji, rare scripts) can hold those.
_UNSHOWABLE_IN_BMP = re.compile(f"[{_IN_BMP}]")
# A numeric character reference (&#7;, &#x1b;) the HTML parser would turn into one of them.
_REFERENCE = re.compile(r"&#(?:[xX]0*([0-9a-fA-F]{1,6})(?![0-9a-fA-F])|0*([0-9]{1,7})(?![0-9]));?")
# What the parser makes of these itself: &#0; and surrogates U+FFFD, &#11; and &#12; spaces,
# &#128;-&#159; the Windows-1252 characters they stand for.
_PARSER_REPLACES = frozenset({0, 0x0B, 0x0C, *range(0x80, 0xA0)})


def control_characters(text: str) -> list[tuple[int, str]]:
    """Where ``text`` holds a character no page may hold, and each as a message shows it."""
    pattern = UNSHOWABLE if _above_bmp(text) else _UNSHOWABLE_IN_BMP
    return [(m.start(), printable(m.group())) for m in pattern.finditer(text)]


def control_references(markup: str) -> list[tuple[int, str]]:
    """Where HTML ``markup`` holds a reference the parser would make one of them, as written."""
    if "&#" not in markup:
        return []
    return [(m.start(), m.group()) for m in _REFERENCE.finditer(markup) if _is_unshowable_reference(m)]


def first_unshowable(text: str) -> str | None:
    found = (UNSHOWABLE if _above_bmp(text) else _UNSHOWABLE_IN_BMP).search(text)
    return found.group() if found else None


def without_unshowable(text: str) -> str:
    return (UNSHOWABLE if _above_bmp(text) else _UNSHOWABLE_IN_BMP).sub(_blank, text)


def _above_bmp(text: str) -> bool:
    """Whether ``text`` holds a character above U+FFFF (UTF-16 spends two units on it): fast."""
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


def without_control_references(markup: str) -> str:
    return _REFERENCE.sub(lambda m: "" if _is_unshowable_reference(m) else m.group(), markup)


def removal_warning(relpath: str, line: int, removed: list[str]) -> Diagnostic:
    """The one warning for a file's removed characters (as written), at the line of the first."""
    distinct = list(dict.fromkeys(removed))
    shown = ", ".join(distinct[:5]) + (", …" if len(distinct) > 5 else "")
    message = (
        f"removed {len(removed):,} control character(s) that no web page or feed may hold "
        f"({shown}); the first is on this line"
    )
    return Diagnostic(relpath, line, "warning", message)


def _is_unshowable_reference(match: re.Match[str]) -> bool:
    code = int(match[1], 16) if match[1] is not None else int(match[2])
    return code <= 0x10FFFF and code not in _PARSER_REPLACES and UNSHOWABLE.match(chr(code)) is not None


def _blank(match: re.Match[str]) -> str:
    return " " if match.group() in "\x0b\x0c" else ""  # vertical tab and form feed separate words
