"""Mojibake repaired: text that was UTF-8, read once as Windows-1252 and saved again ("donâ€™t",
"CafÃ©", "Â£30"), given back its characters by ftfy, with a warning naming the first line."""

from __future__ import annotations

import re

from careers.errors import Diagnostic

# A lead byte of UTF-8 read as Windows-1252 (Â, Ã, â, …) followed by what a continuation byte
# reads as: only lines holding one go through ftfy.
_SUSPECT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122 ]"
)


def repair_mojibake(text: str, relpath: str) -> tuple[str, Diagnostic | None]:
    """``text`` with its mojibake repaired, and a warning naming the first line repaired."""
    if text.isascii() or not _SUSPECT.search(text):
        return text, None
    import ftfy  # only a file holding a suspect pair needs it

    config = ftfy.TextFixerConfig(
        unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False,
        fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
        remove_control_chars=False, normalization=None, explain=False,
    )  # fmt: skip
    lines = text.split("\n")
    repaired = []
    for number, line in enumerate(lines, 1):
        if _SUSPECT.search(line):
            fixed = ftfy.fix_text(line, config)
            if fixed != line:
                lines[number - 1] = fixed
                repaired.append((number, line, fixed))
    if not repaired:
        return text, None
    number, before, after = repaired[0]
    sample = next((b for b, a in zip(before.split(), after.split(), strict=False) if b != a), before.strip())
    more = (
        f" and {len(repaired) - 1} more line{'s' if len(repaired) > 2 else ''}" if len(repaired) > 1 else ""
    )
    message = (
        f"text garbled by a double decoding ({sample[:30]!r}) was repaired here{more}: "
        "save the file as UTF-8 from its source"
    )
    return "\n".join(lines), Diagnostic(relpath, number, "warning", message)
