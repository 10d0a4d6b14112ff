"""Posting files' bytes to text: UTF-8, or UTF-16 with a byte-order mark; never a guess."""

from __future__ import annotations

import codecs

from careers.errors import ContentError, Diagnostic


def decode(data: bytes, relpath: str) -> tuple[str, tuple[Diagnostic, ...]]:
    """UTF-8, with or without a byte-order mark; UTF-16 with a BOM is read with a warning.

    Anything else is an error, not a guess: a wrong guess would publish garbled text.
    """
    if not data.strip():
        raise ContentError(relpath, None, "file is empty: write a posting or delete the file")
    notes: tuple[Diagnostic, ...] = ()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_utf16(data, relpath)
        notes = (Diagnostic(relpath, None, "warning", "file is UTF-16; it was read, but save it as UTF-8"),)
    elif b"\x00" in data:
        raise ContentError(relpath, None, "file holds NUL bytes: it is binary, not a posting")
    else:
        text = _decode_utf8(data.removeprefix(codecs.BOM_UTF8), relpath)
    if "\x00" in text:
        raise ContentError(relpath, None, "file holds NUL characters: it is binary, not a posting")
    if not text.strip():
        raise ContentError(relpath, None, "file is empty: write a posting or delete the file")
    return text.replace("\r\n", "\n").replace("\r", "\n"), notes


def _decode_utf8(data: bytes, relpath: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        try:
            data.decode("cp1252")
            hint = "save the file as UTF-8 (it looks like Windows-1252; most editors can convert it)"
        except UnicodeDecodeError:
            hint = "the file looks binary; if it is a posting, save it as UTF-8"
        raise ContentError(relpath, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x}): {hint}") from None


def _decode_utf16(data: bytes, relpath: str) -> str:
    try:
        return data.decode("utf-16")  # the byte-order mark says which order
    except UnicodeDecodeError:
        raise ContentError(
            relpath, None, "starts like UTF-16 but is not valid UTF-16: save the file as UTF-8"
        ) from None
