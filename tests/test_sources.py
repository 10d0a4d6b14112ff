"""Reading posting files: encodings, front matter and its line numbers, Markdown."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from careers.errors import ContentError
from careers.posting.clean import clean_html, section_text
from careers.sources.scan import scan_postings
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


def test_mojibake_is_repaired_with_a_warning_naming_the_first_line() -> None:
    # UTF-8 read once as Windows-1252 and saved again as UTF-8: "don’t" became "donâ€™t".
    garbled = "<h1>Barista</h1>\n<p>We serve coffee.</p>\n<p>We donâ€™t mind: CafÃ© work, Â£9 an hour.</p>\n"
    source = parse((garbled + "<p>Ã©tÃ© shifts</p>\n").encode(), "x.html")
    assert "We don’t mind: Café work, £9 an hour." in source.body and "été shifts" in source.body
    assert [str(n) for n in source.notes] == [
        "content/jobs/x.html:3: warning: text garbled by a double decoding ('donâ€™t') was repaired here "
        "and 1 more line: save the file as UTF-8 from its source"
    ]


def test_text_that_only_looks_like_mojibake_is_left_alone() -> None:
    for text in ("Crème brûlée à la carte, Señor Müller", "Â is a letter too: Âge", "Straße, Ærø, Øresund"):
        source = parse(f"<p>{text}</p>".encode(), "x.html")
        assert text in source.body and source.notes == ()


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
    assert info.value.line == 3  # where the '[' left open is, not where YAML gave up
    assert "not valid YAML: a '[' opened here is never closed" in info.value.message


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


def scanned(tmp_path: Path) -> list[tuple[str, str | None]]:
    jobs = tmp_path / "content" / "jobs"
    found = scan_postings(str(jobs), str(tmp_path / "content"), str(tmp_path))
    return [(f.relpath, f.problem.message if f.problem else None) for f in found]


def test_the_scanner_skips_hidden_and_temp_files_in_path_order(tmp_path: Path) -> None:
    jobs = tmp_path / "content" / "jobs"
    (jobs / "sub").mkdir(parents=True)
    (jobs / "a-b").mkdir()
    names = ("a.md", "b.html", ".#a.md", "a.md~", ".hidden.md", "notes.docx", "_draft.md", "#a.md#", "e.txt")
    for name in (*names, "sub/c.htm", "a-b/d.md"):
        (jobs / name).write_text("x")
    (jobs / "_drafts").mkdir()
    (jobs / "_drafts" / "e.md").write_text("x")
    assert [name for name, _ in scanned(tmp_path)] == [
        "content/jobs/a-b/d.md",
        "content/jobs/a.md",
        "content/jobs/b.html",
        "content/jobs/e.txt",  # a plain-text posting is one (issue 21), never skipped in silence
        "content/jobs/sub/c.htm",
    ]


def test_the_one_link_policy(tmp_path: Path) -> None:
    """A link to a posting inside content/ counts; outside, dangling or looping is an error;
    a link to a folder is never followed, and said so."""
    jobs = tmp_path / "content" / "jobs"
    (jobs / "real").mkdir(parents=True)
    (jobs / "real" / "a.md").write_text("x")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "secret.md").write_text("x")
    (jobs / "inside.md").symlink_to(jobs / "real" / "a.md")
    (jobs / "outside.md").symlink_to(tmp_path / "elsewhere" / "secret.md")
    (jobs / "dangling.md").symlink_to(jobs / "gone.md")
    (jobs / "loop.md").symlink_to(jobs / "loop.md")
    (jobs / "folder").symlink_to(tmp_path / "elsewhere")
    found = dict(scanned(tmp_path))
    assert found["content/jobs/inside.md"] is None and found["content/jobs/real/a.md"] is None
    assert "outside content/" in (found["content/jobs/outside.md"] or "")
    assert "does not exist" in (found["content/jobs/dangling.md"] or "")
    assert "loop" in (found["content/jobs/loop.md"] or "")
    assert "not followed" in (found["content/jobs/folder"] or "")
    assert not any("secret" in name for name in found)


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


def test_control_characters_are_removed_where_text_enters_with_a_warning_at_the_first() -> None:
    source = parse(
        "---\ntitle: Bell\x07 ringer\n---\nLine one.\n\nRing\x1b[31m the &#7;bell&#x1B; &#128;5\x0cnow.\n"
    )
    assert source.meta == {"title": "Bell ringer"}
    assert source.body == "<p>Line one.</p>\n<p>Ring[31m the bell &#128;5 now.</p>"  # &#128; is €
    assert [str(n) for n in source.notes] == [
        "content/jobs/x.md:2: warning: removed 5 control character(s) that no web page or feed may hold "
        "(\\x07, \\x1b, \\x0c, &#7;, &#x1B;); the first is on this line"
    ]


@pytest.mark.parametrize(
    "kept",
    ["Tab\there", "&#9; &#10; &#13; &#32;", "&#128; &#x9F; &#0; &#xD800; &#11;", "&#1114112; &#77777777;"],
)
def test_text_and_references_the_parser_makes_showable_are_kept(kept: str) -> None:
    source = parse(f"<h1>T</h1><p>{kept}</p>", "x.html")
    assert source.body == f"<h1>T</h1><p>{kept}</p>" and source.notes == ()


def test_a_control_character_a_yaml_escape_makes_is_removed_too() -> None:
    source = parse(
        '---\ntitle: X\nskills: [Python, "Ring\\a", &s "form\\ffeed", *s]\n"\\x1b[2Jkey": 1\n---\nbody'
    )
    assert source.meta == {"title": "X", "skills": ["Python", "Ring", "form feed", "form feed"], "[2Jkey": 1}
    assert source.meta_lines["[2Jkey"] == 4
    assert [str(n) for n in source.notes] == [
        "content/jobs/x.md:3: warning: removed 3 control character(s) that no web page or feed may hold "
        "(\\x07, \\x0c, \\x1b); the first is on this line"
    ]


def test_a_reference_in_front_matter_is_text_and_kept_as_written() -> None:
    source = parse("---\ntitle: Ring &#7; twice\n---\n<p>Ring &#7; once</p>\n", "x.html")
    assert source.meta == {"title": "Ring &#7; twice"}
    assert source.body == "<p>Ring  once</p>\n"
    assert [n.line for n in source.notes] == [4]


def test_a_text_file_is_read_as_text_its_first_line_the_title() -> None:
    source = parse(b"Night Porter\n\nGuard the <front door> & greet guests.\nDUTIES\n- Lock up", "x.txt")
    cleaned = clean_html(source.body, source.meta.get("title"))
    assert cleaned.title == "Night Porter"
    assert [s.heading for s in cleaned.sections] == [None, "DUTIES"]
    assert section_text(cleaned.sections[0]) == "Guard the <front door> & greet guests."


def test_a_text_file_with_front_matter_does_not_repeat_its_title() -> None:
    source = parse(b"---\ntitle: Night Porter\n---\nNIGHT PORTER\nGuard the door and greet guests.", "x.txt")
    cleaned = clean_html(source.body, "Night Porter")
    assert [section_text(s) for s in cleaned.sections] == ["Guard the door and greet guests."]
