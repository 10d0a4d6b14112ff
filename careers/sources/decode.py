"""Posting files' bytes to text: UTF-8, or what BeautifulSoup's encoding tools show the file is."""

from __future__ import annotations

import codecs
import re

from careers.errors import ContentError, Diagnostic, printable

# A character UTF-8 spells in two to four bytes: a file holding some was written as UTF-8.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Browsers read a page declared Latin-1 or ASCII as Windows-1252 (the WHATWG encoding standard).
_AS_WINDOWS_1252 = frozenset({"latin-1", "iso8859-1", "ascii"})
# Python codecs that decode bytes to text but are no encoding a page is written in: escapes that
# make any character (a lone surrogate too), transforms, and what browsers refuse to read (UTF-7)
# or read as UTF-8 when a page declares it (UTF-16 and UTF-32 without a byte-order mark).
_NOT_A_CHARSET = frozenset({
    "undefined", "unicode-escape", "raw-unicode-escape", "idna", "punycode", "utf-7",
    "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be",
})  # fmt: skip
_SURROGATE = re.compile("[\ud800-\udfff]")


def decode(data: bytes, relpath: str) -> tuple[str, tuple[Diagnostic, ...]]:
    """UTF-8, with or without a byte-order mark; anything else is read with a warning when it can be.

    UTF-16 with a byte-order mark, a ``<meta charset>`` (or XML) declaration, Windows-1252,
    and UTF-8 with Windows-1252 mixed in (pasted from two places) are read with a warning.
    Bytes that are none of these are an error naming the line, not a guess: a wrong guess
    would publish garbled text.
    """
    if not data.strip():
        raise ContentError(relpath, None, "file is empty: write a posting or delete the file")
    notes: tuple[Diagnostic, ...]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_utf16(data, relpath)
        notes = (Diagnostic(relpath, None, "warning", "file is UTF-16; it was read, but save it as UTF-8"),)
    elif b"\x00" in data:
        raise ContentError(relpath, None, "file holds NUL bytes: it is binary, not a posting")
    else:
        text, notes = _decode_8bit(data.removeprefix(codecs.BOM_UTF8), relpath)
    if "\x00" in text:
        raise ContentError(relpath, None, "file holds NUL characters: it is binary, not a posting")
    if not text.strip():
        raise ContentError(relpath, None, "file is empty: write a posting or delete the file")
    if _SURROGATE.search(text):  # no codec used above makes one: text never carries one past here
        raise ContentError(relpath, None, "file holds half of a character (a surrogate): save it as UTF-8")
    return text.replace("\r\n", "\n").replace("\r", "\n"), notes


def _decode_8bit(data: bytes, relpath: str) -> tuple[str, tuple[Diagnostic, ...]]:
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError as exc:
        line, byte = data[: exc.start].count(b"\n") + 1, data[exc.start]

    def read(how: str) -> tuple[Diagnostic, ...]:
        return (Diagnostic(relpath, line, "warning", f"file is {how}; it was read, but save it as UTF-8"),)

    declared = _declared(data, relpath, line)
    if declared:
        try:
            return data.decode(declared), read(f"{declared}, as it declares (byte 0x{byte:02x} is not UTF-8)")
        except UnicodeDecodeError:
            pass
    if _UTF8_SEQUENCE.search(data):
        try:
            # detwingle mends Windows-1252's quotes and dashes; its letters, byte by byte.
            from bs4.dammit import UnicodeDammit  # only a file that is not UTF-8 needs it

            mixed = UnicodeDammit.detwingle(data).decode("utf-8", errors=_AS_CP1252)
            return mixed, read(f"UTF-8 with Windows-1252 mixed in (byte 0x{byte:02x})")
        except UnicodeDecodeError:
            pass
    else:
        try:
            return data.decode("cp1252"), read(f"Windows-1252, not UTF-8 (byte 0x{byte:02x})")
        except UnicodeDecodeError:
            pass
    message = (
        f"not valid UTF-8 (byte 0x{byte:02x}): the file looks binary; if it is a posting, save it as UTF-8"
    )
    raise ContentError(relpath, line, message)


def _cp1252_bytes(error: UnicodeError) -> tuple[str, int]:
    """A decoding error handler: the bytes UTF-8 cannot read, read as Windows-1252 (or the error)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("cp1252"), error.end


_AS_CP1252 = "careers-cp1252"
codecs.register_error(_AS_CP1252, _cp1252_bytes)


def _declared(data: bytes, relpath: str, line: int) -> str | None:
    """The encoding a file's ``<meta charset>`` or XML declaration names, if Python knows it as
    one a page can be written in (a declared ``base64`` or ``unicode_escape`` is the file's error)."""
    from bs4.dammit import EncodingDetector  # only a file that is not UTF-8 needs it

    name = EncodingDetector.find_declared_encoding(data, is_html=True)
    if not name:
        return None
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if not info._is_text_encoding or info.name in _NOT_A_CHARSET:
        message = (
            f"file declares the encoding {printable(name)!r}, which no page is written in, and is not UTF-8: "
            "save it as UTF-8"
        )
        raise ContentError(relpath, line, message)
    if info.name in _AS_WINDOWS_1252:
        return "windows-1252"
    return None if info.name == "utf-8" else name  # as the file spells it, for the warning


def _decode_utf16(data: bytes, relpath: str) -> str:
    try:
        return data.decode("utf-16")  # the byte-order mark says which order
    except UnicodeDecodeError:
        raise ContentError(
            relpath, None, "starts like UTF-16 but is not valid UTF-16: save the file as UTF-8"
        ) from None
