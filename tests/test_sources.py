"""Reading posting files: encodings, front matter and its line numbers, Markdown."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from careers.errors import ContentError
from careers.sources.files import find_sources
from careers.sources.source import parse_source, read_source


def parse(text: str | bytes, name: str = "x.md"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_source(data, Path(name), f"content/jobs/{name}")


def test_front_matter_is_split_with_key_lines() -> None:
    source = parse("---\ntitle: Driver\n\nlocation: Boston\n---\nHello *there*.\n")
    assert source.meta == {"title": "Driver", "location": "Boston"}
    assert source.meta_lines == {"title": 2, "location": 4}
    assert source.body_line == 6
    assert source.body.strip() == "<p>Hello <em>there</em>.</p>"
    assert source.format == "markdown"


def test_html_file_may_carry_front_matter_too() -> None:
    source = parse("---\ntitle: X\n---\n<p>Body</p>", "x.html")
    assert source.meta == {"title": "X"} and source.body == "<p>Body</p>"


def test_byte_order_mark_is_accepted() -> None:
    source = parse(codecs.BOM_UTF8 + b"---\ntitle: X\n---\nbody\n")
    assert source.meta == {"title": "X"}


def test_windows_line_endings_are_normalized() -> None:
    source = parse(b"---\r\ntitle: X\r\n---\r\nbody\r\n")
    assert source.meta == {"title": "X"}


def test_windows_1252_is_read_with_a_warning_naming_the_line() -> None:
    source = parse("---\ntitle: Café\n---\nCrème “brûlée”\n".encode("cp1252"))
    assert source.meta == {"title": "Café"} and "Crème “brûlée”" in source.body
    assert [str(n) for n in source.notes] == [
        "content/jobs/x.md:2: warning: file is Windows-1252, not UTF-8 (byte 0xe9); it was read, "
        "but save it as UTF-8"
    ]


def test_a_declared_charset_is_read_with_a_warning() -> None:
    source = parse(b'<meta charset="iso-8859-15"><h1>Chef</h1><p>\xa4 12 an hour, caf\xe9</p>', "x.html")
    assert "€ 12 an hour, café" in source.body
    assert [n.message for n in source.notes] == [
        "file is iso-8859-15, as it declares (byte 0xa4 is not UTF-8); it was read, but save it as UTF-8"
    ]


def test_latin_1_declared_is_read_as_windows_1252_as_browsers_do() -> None:
    source = parse(b'<meta charset="ISO-8859-1"><p>\x93quoted\x94</p>', "x.html")
    assert "“quoted”" in source.body


def test_utf8_with_windows_1252_pasted_in_is_mended_with_a_warning() -> None:
    # Smart quotes, dashes and letters from a Windows program, pasted into a UTF-8 file.
    data = "<h1>Café</h1>\n<p>Crème ".encode() + "“brulée” – to go".encode("cp1252")[:-2] + b"go</p>"
    source = parse(data, "x.html")
    assert source.body == "<h1>Café</h1>\n<p>Crème “brulée” – to go</p>"
    assert [str(n) for n in source.notes] == [
        "content/jobs/x.html:2: warning: file is UTF-8 with Windows-1252 mixed in (byte 0x93); it was "
        "read, but save it as UTF-8"
    ]


def test_bytes_no_encoding_explains_are_an_error_naming_the_line() -> None:
    with pytest.raises(ContentError) as info:
        parse(b"---\ntitle: X\n---\nok\n\x81\x8d\x90\n")
    assert str(info.value).startswith("content/jobs/x.md:5: error: not valid UTF-8 (byte 0x81)")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_read_with_a_warning(codec: str) -> None:
    source = parse(
        codecs.BOM_UTF16_LE.decode("utf-16-le").encode(codec) + "---\ntitle: Zoë\n---\nbody\n".encode(codec)
    )
    assert source.meta == {"title": "Zoë"}
    assert [str(n) for n in source.notes] == [
        "content/jobs/x.md: warning: file is UTF-16; it was read, but save it as UTF-8"
    ]


def test_nul_bytes_mean_binary() -> None:
    with pytest.raises(ContentError, match="binary"):
        parse(b"<h1>Title</h1>\x00\x01\x02")


def test_front_matter_may_not_hold_half_a_character() -> None:
    with pytest.raises(ContentError) as info:
        parse('---\nskills: [Python, "\\udc00"]\n---\nbody')
    assert info.value.line == 2
    assert "front matter 'skills' holds an escaped half of a character" in info.value.message


def test_empty_file_is_an_error() -> None:
    with pytest.raises(ContentError, match="file is empty"):
        parse(b"  \n")


def test_malformed_yaml_points_at_its_line() -> None:
    with pytest.raises(ContentError) as info:
        parse("---\ntitle: X\nskills: [a, b\nlevel: entry\n---\nbody")
    assert info.value.line in (4, 5)
    assert "not valid YAML" in info.value.message


def test_unclosed_front_matter_is_an_error() -> None:
    with pytest.raises(ContentError, match="never closed"):
        parse("---\ntitle: X\nbody")


def test_front_matter_must_be_a_mapping() -> None:
    with pytest.raises(ContentError, match="mapping"):
        parse("---\n- a\n- b\n---\nbody")


def test_oversized_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_bytes(b"<p>" + b"x" * 2000 + b"</p>")
    with pytest.raises(ContentError, match="over the"):
        read_source(path, tmp_path, max_bytes=1000)


def test_find_sources_skips_hidden_and_temp_files(tmp_path: Path) -> None:
    for name in ("a.md", "b.html", ".#a.md", "a.md~", ".hidden.md", "notes.txt", "_draft.md"):
        (tmp_path / name).write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.htm").write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in find_sources(tmp_path)] == [
        "a.md",
        "b.html",
        "sub/c.htm",
    ]


def test_one_postings_markdown_does_not_leak_into_the_next() -> None:
    # The converter is reused between postings: abbreviations and footnotes are per posting.
    first = "---\ntitle: A\n---\nWe use SQL.[^1]\n\n*[SQL]: Structured Query Language\n\n[^1]: Mostly.\n"
    second = "---\ntitle: B\n---\nWe use SQL daily.\n"
    parse_source(first.encode(), Path("a.md"), "a.md")
    body = parse_source(second.encode(), Path("b.md"), "b.md").body
    assert body == "<p>We use SQL daily.</p>"


def test_markdown_too_deep_to_read_is_an_error_and_the_next_posting_still_converts() -> None:
    deep = "---\ntitle: Deep\n---\n" + "".join("    " * i + "- item\n" for i in range(400))
    with pytest.raises(ContentError, match="Markdown nested too deeply"):
        parse_source(deep.encode(), Path("deep.md"), "deep.md")
    body = parse_source(b"---\ntitle: Fine\n---\n- one\n- two\n", Path("f.md"), "f.md").body
    assert body == "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"
