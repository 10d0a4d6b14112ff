"""Text without the characters no web page or feed may hold: what every posting's text is made of."""

from __future__ import annotations

import re

from careers.errors import Diagnostic, printable

# What XML 1.0 forbids (C0 controls but tab and newline; the decoder made every CR a
# newline) and HTML calls a parse error (DEL, C1 controls, noncharacters): no page, feed or
# JSON-LD may carry them, so no text does from here on.
UNSHOWABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
    + "]"
)
# A numeric character reference (&#7;, &#x1b;) the HTML parser would turn into one of them.
_REFERENCE = re.compile(r"&#(?:[xX]0*([0-9a-fA-F]{1,6})(?![0-9a-fA-F])|0*([0-9]{1,7})(?![0-9]));?")
# What the parser makes of these itself: &#0; and surrogates U+FFFD, &#11; and &#12; spaces,
# &#128;-&#159; the Windows-1252 characters they stand for.
_PARSER_REPLACES = frozenset({0, 0x0B, 0x0C, *range(0x80, 0xA0)})


def showable_text(text: str, relpath: str) -> tuple[str, Diagnostic | None]:
    """``text`` without the control characters no page or feed may hold, and a warning if it had some."""
    removed: list[tuple[int, str]] = [(m.start(), printable(m.group())) for m in UNSHOWABLE.finditer(text)]
    if "&#" in text:
        removed += [(m.start(), m.group()) for m in _REFERENCE.finditer(text) if _is_unshowable_reference(m)]
    if not removed:
        return text, None
    removed.sort()
    line = text.count("\n", 0, removed[0][0]) + 1
    text = UNSHOWABLE.sub(_blank, text)
    if "&#" in text:
        text = _REFERENCE.sub(lambda m: "" if _is_unshowable_reference(m) else m.group(), text)
    shown = ", ".join(list(dict.fromkeys(written for _, written in removed))[:5])
    message = (
        f"removed {len(removed):,} control character(s) that no web page or feed may hold "
        f"({shown}); the first is on this line"
    )
    return text, Diagnostic(relpath, line, "warning", message)


def _is_unshowable_reference(match: re.Match[str]) -> bool:
    code = int(match[1], 16) if match[1] is not None else int(match[2])
    return code <= 0x10FFFF and code not in _PARSER_REPLACES and UNSHOWABLE.match(chr(code)) is not None


def _blank(match: re.Match[str]) -> str:
    return " " if match.group() in "\x0b\x0c" else ""  # vertical tab and form feed separate words
