"""Broken input: one tiny project per failure, one clear line for it, the rest still built.

Each scenario adds one bad thing to a project that also holds one good posting, builds it
in-process, and checks what the user sees: exactly one ``path[:line]: level: message``
line naming the file, the exit status (1 for an error, 0 for a warning), the good posting
published, and ``content/`` byte-for-byte as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from careers.shell.cli import main

from .conftest import GOOD


def content_digest(root: Path) -> dict[str, str]:
    """Every entry of ``content/`` without following links or opening pipes."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in [*dirnames, *filenames]:
            path = Path(dirpath) / name
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                kind = "link:" + os.readlink(path)
            elif stat.S_ISREG(info.st_mode):
                kind = hashlib.sha256(path.read_bytes()).hexdigest() + f":{stat.S_IMODE(info.st_mode):o}"
            else:
                kind = f"mode:{stat.S_IFMT(info.st_mode):o}"
            found[path.relative_to(root).as_posix()] = kind
    return found


def build(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["-C", str(root), "build", *args])
    return code, capsys.readouterr().err


def published(root: Path) -> list[str]:
    return [r["source"] for r in json.loads((root / "site" / "jobs.json").read_text())]


def write(name: str, data: bytes | str) -> Callable[[Path], None]:
    def setup(jobs: Path) -> None:
        path = jobs / name
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)

    return setup


def nested_html(depth: int) -> str:
    return "<h1>Deep</h1>" + "<div>" * depth + "text at the bottom" + "</div>" * depth


def nested_markdown_list(depth: int) -> str:
    return "---\ntitle: Deep list\n---\n" + "".join("    " * i + "- item\n" for i in range(depth))


def big_file(jobs: Path) -> None:
    with (jobs / "big.html").open("wb") as f:
        f.write(b"<h1>Big</h1>")
        f.truncate(50 * 1024 * 1024)  # sparse: refused by size before a byte is read


def bytes_name(name: bytes) -> Callable[[Path], None]:
    """A posting whose file name is bytes that are not UTF-8 (a Latin-1 "café.md" from a zip)."""

    def setup(jobs: Path) -> None:
        with open(os.fsencode(jobs) + b"/" + name, "wb") as f:
            f.write(b"---\ntitle: Cafe manager\n---\nRun the cafe every morning.\n")

    return setup


def symlink(name: str, target: str) -> Callable[[Path], None]:
    return lambda jobs: (jobs / name).symlink_to(target)


def symlink_loop(jobs: Path) -> None:
    (jobs / "loop-a.md").symlink_to("loop-b.md")
    (jobs / "loop-b.md").symlink_to("loop-a.md")


def outside_link(jobs: Path) -> None:
    secret = jobs.parent.parent / "secret.html"
    secret.write_text("<h1>Private notes</h1><p>Not for publishing.</p>")
    (jobs / "linked.html").symlink_to(secret)


def fifo(jobs: Path) -> None:
    os.mkfifo(jobs / "pipe.md")


def unix_socket(jobs: Path) -> None:
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(jobs / "sock.html"))


@dataclass(frozen=True)
class Scenario:
    id: str
    setup: Callable[[Path], None]
    line: str  # a regular expression for the one line naming the file
    code: int = 1
    args: tuple[str, ...] = ()


FM = "---\ntitle: {title}\n---\nA posting with enough words in it to have a summary line.\n"
SCENARIOS = [
    Scenario(
        "windows-1252",
        write("cp1252.html", "<h1>Café manager</h1><p>Crème brûlée</p>".encode("cp1252")),
        r"content/jobs/cp1252\.html:1: warning: file is Windows-1252, not UTF-8 \(byte 0xe9\); it was read, "
        r"but save it as UTF-8",
        code=0,
    ),
    Scenario(
        "utf16-bom",
        write("utf16.html", "<h1>Nurse</h1><p>Night shifts.</p>".encode("utf-16")),
        r"content/jobs/utf16\.html: warning: file is UTF-16; it was read, but save it as UTF-8",
        code=0,
    ),
    Scenario("empty", write("empty.md", b""), r"content/jobs/empty\.md: error: file is empty"),
    Scenario("blank", write("blank.md", b" \n\t\n"), r"content/jobs/blank\.md: error: file is empty"),
    Scenario(
        "binary",
        write("logo.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
        r"content/jobs/logo\.html: error: file holds NUL bytes: it is binary, not a posting",
    ),
    Scenario(
        "binary-without-nul",
        write("noise.html", bytes([0x81, 0x8D, 0xC0, 0xFF]) * 64),
        r"content/jobs/noise\.html:1: error: not valid UTF-8 \(byte 0x81\): the file looks binary",
    ),
    Scenario(
        "50mb",
        big_file,
        r"content/jobs/big\.html: error: file is 52\.4 MB, over the 3\.0 MB limit \(raise max_file_mb",
    ),
    Scenario(
        "html-nested-15k",
        write("deep.html", nested_html(15_000)),
        r"content/jobs/deep\.html:1: warning: posting is nested 15,00\d levels deep: its text was kept",
        code=0,
    ),
    Scenario(
        "too-many-tags",
        write("tags.html", "<h1>Tags</h1>" + "<b>x</b>" * 20_001),
        r"content/jobs/tags\.html:1: error: posting has 20,002 HTML tags, more than any posting needs "
        r"\(20,000\); it was not built",
    ),
    Scenario(
        "markdown-nested-lists",
        write("deep.md", nested_markdown_list(400)),
        r"content/jobs/deep\.md:4: error: Markdown nested too deeply to read: flatten its lists and quotes",
    ),
    Scenario(
        "no-title",
        write("untitled.html", "<p>Just a paragraph, no heading.</p>"),
        r"content/jobs/untitled\.html:1: error: posting has no title: add 'title:' front matter",
    ),
    Scenario(
        "malformed-yaml",
        write("yaml.md", "---\ntitle: [Driver\nlocation: Boston\n---\nBody.\n"),
        r"content/jobs/yaml\.md:\d: error: front matter is not valid YAML: ",
    ),
    Scenario(
        "unclosed-front-matter",
        write("open.md", "---\ntitle: Driver\nBody.\n"),
        r"content/jobs/open\.md:1: error: front matter opened with '---' is never closed",
    ),
    Scenario(
        "skills-not-a-list",
        write("skills.md", "---\ntitle: Driver\nskills: 5\n---\nBody.\n"),
        r"content/jobs/skills\.md:3: error: front matter 'skills' must be a list of skill names, "
        r"e\.g\. \[Python, SQL\]",
    ),
    Scenario(
        "date-yesterday",
        write("date.md", "---\ntitle: Driver\ndate: yesterday\n---\nBody.\n"),
        r"content/jobs/date\.md:3: error: front matter 'date' must be a date written YYYY-MM-DD, "
        r"not 'yesterday'",
    ),
    Scenario(
        "unknown-key",
        write("typo.md", "---\ntitle: Driver\nloaction: Boston\n---\nBody text.\n"),
        r"content/jobs/typo\.md:3: warning: unknown front matter key 'loaction' is ignored; "
        r"did you mean 'location'\?",
        code=0,
    ),
    Scenario(
        "duplicate-slug",
        write("zz-again.md", GOOD),
        r"content/jobs/zz-again\.md: info: slug 'good-posting' is taken by content/jobs/good\.md; "
        r"published as 'good-posting-[0-9a-f]{6}'",
        code=0,
        args=("-v",),
    ),
    Scenario(
        "escaped-half-emoji",
        write("surrogate.md", '---\ntitle: "Rocket \\ud83d"\n---\nBody.\n'),
        r"content/jobs/surrogate\.md:2: error: front matter 'title' holds an escaped half of a character",
    ),
    Scenario(
        "yaml-nested-deeply",
        write("nest.md", "---\ntitle: " + "[" * 50_000 + "]" * 50_000 + "\n---\nBody.\n"),
        r"content/jobs/nest\.md:1: error: front matter nested too deeply",
    ),
    Scenario(
        "yaml-alias-cycle",
        write("cycle.md", "---\ntitle: Driver\nskills: &s [*s]\n---\nBody.\n"),
        r"content/jobs/cycle\.md:3: error: front matter 'skills' ",
    ),
    Scenario(
        "symlink-loop",
        symlink_loop,
        r"content/jobs/loop-a\.md: error: symbolic link loop: point the link at a posting file or delete it",
    ),
    Scenario(
        "symlink-outside",
        outside_link,
        r"content/jobs/linked\.html: error: symbolic link to '.*secret\.html', outside content/: "
        r"copy the posting into the folder",
    ),
    Scenario(
        "symlink-dangling",
        symlink("gone.md", "../nowhere.md"),
        r"content/jobs/gone\.md: error: symbolic link to '\.\./nowhere\.md', which does not exist",
    ),
    Scenario(
        "file-name-not-utf8",
        bytes_name(b"caf\xe9.md"),
        r"content/jobs/caf\\xe9\.md: error: file name is not valid UTF-8 \(the bytes that are not are shown "
        r"as \\xNN\): rename it$",
    ),
    Scenario(
        "folder-name-not-utf8",
        lambda jobs: (os.mkdir(os.fsencode(jobs) + b"/\xff"), bytes_name(b"\xff/ok.md")(jobs)),
        r"content/jobs/\\xff/ok\.md: error: file name is not valid UTF-8",
    ),
    Scenario(
        "control-characters",
        write("bell.html", "<h1>Bell\x07 ringer</h1>\n<p>Ring &#x1b;[2J the\x0cbell\x7f now.</p>"),
        r"content/jobs/bell\.html:1: warning: removed 4 control character\(s\) that no web page or feed may "
        r"hold \(\\x07, \\x0c, \\x7f, &#x1b;\); the first is on this line$",
        code=0,
    ),
    Scenario(
        "fifo",
        fifo,
        r"content/jobs/pipe\.md: error: not a regular file \(a pipe, socket or device\)",
    ),
    Scenario(
        "socket",
        unix_socket,
        r"content/jobs/sock\.html: error: not a regular file \(a pipe, socket or device\)",
    ),
]

# Values YAML parses but PyYAML cannot make (Python's date, int, float or bool refuses them).
DATE = r"must be a real date, not '{}': write YYYY-MM-DD with a month 01-12, a day that month has"
LONG = r"holds a number of more than 4,300 digits: put it in quotes to keep it as text"
BAD_VALUES = {
    "feb-30": ("date: 2024-02-30", "date", DATE.format("2024-02-30")),
    "month-13": ("date: 2024-13-01", "date", DATE.format("2024-13-01")),
    "year-0": ("date: 0000-01-01", "date", DATE.format("0000-01-01")),
    "hour-25": ("date: 2024-01-01 25:00:00", "date", DATE.format("2024-01-01 25:00:00")),
    "offset-25h": (
        "valid_through: 2024-01-01 10:00:00+25:00",
        "valid_through",
        DATE.format(r"2024-01-01 10:00:00\+25:00"),
    ),
    "timestamp-tag": ("date: !!timestamp soon", "date", DATE.format("soon")),
    "int-tag": (
        "remote: !!int abc",
        "remote",
        r"must be a whole number, not 'abc': write digits, like 42, or drop the '!!int' tag",
    ),
    "float-tag": (
        "level: !!float x",
        "level",
        r"must be a number, not 'x': write digits, like 4\.5, or drop the '!!float' tag",
    ),
    "bool-tag": (
        "draft: !!bool maybe",
        "draft",
        r"must be true or false, not 'maybe': write true or false, or drop the '!!bool' tag",
    ),
    "4301-digits": ("title: " + "7" * 4301, "title", LONG),
    "4301-digits-unknown-key": ("ref: " + "7" * 4301, "ref", LONG),
    "hex-of-5000-digits": ("ref: 0x" + "f" * 5000, "ref", LONG),
    "4301-digits-in-a-list": ("skills:\n  - SQL\n  - " + "7" * 4301, "skills", LONG),
    "salary-beyond-float": (
        "salary: {min: 1, max: 1" + "0" * 400 + "}",
        "salary",
        r"must hold finite amounts",
    ),
    "salary-text-beyond-float": ("salary: 1" + "0" * 400, "salary", r"must hold finite amounts"),
}
SCENARIOS += [
    Scenario(
        f"yaml-{name}",
        write("value.md", f"---\ntitle: Driver\n{text}\n---\nBody.\n"),
        rf"content/jobs/value\.md:{3 + text.count(chr(10))}: error: front matter '{key}' {message}",
    )
    for name, (text, key, message) in BAD_VALUES.items()
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_broken_file_gets_one_clear_line(
    tiny: Path, capsys: pytest.CaptureFixture[str], scenario: Scenario
) -> None:
    jobs = tiny / "content" / "jobs"
    scenario.setup(jobs)
    before = content_digest(tiny / "content")
    code, err = build(tiny, capsys, *scenario.args)
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err
    matching = [line for line in lines if re.match(scenario.line, line)]
    assert len(matching) == 1, err
    bad_name = matching[0].split(":")[0]
    assert [line for line in lines if line.startswith(bad_name + ":")] == matching
    assert code == scenario.code, err
    assert "content/jobs/good.md" in published(tiny)
    assert content_digest(tiny / "content") == before


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root reads a chmod 000 file anyway (FIFO and socket cases cover this)"
)
def test_unreadable_file(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tiny / "content" / "jobs" / "locked.md"
    path.write_text(GOOD)
    path.chmod(0)
    code, err = build(tiny, capsys)
    assert code == 1
    assert "content/jobs/locked.md: error: cannot read file: Permission denied: make it readable" in err
    assert published(tiny) == ["content/jobs/good.md"]


TITLES = {
    "../../etc/passwd": "etc-passwd",
    "..": "dots",
    "CON": "con-job",
    "a" * 300: "a" * 60,
    "🚀 🚀": "emoji",
    "<script>alert(1)</script>": "script-alert-1-script",
}


@pytest.mark.parametrize(
    "title", list(TITLES), ids=["traversal", "dotdot", "con", "300-chars", "emoji", "markup"]
)
def test_titles_never_make_paths(tiny: Path, capsys: pytest.CaptureFixture[str], title: str) -> None:
    name = {"🚀 🚀": "emoji", "..": "dots"}.get(title, "odd")
    (tiny / "content" / "jobs" / f"{name}.md").write_text(
        FM.format(title=json.dumps(title, ensure_ascii=False))
    )
    code, err = build(tiny, capsys)
    assert code == 0, err
    slug = TITLES[title]
    page = tiny / "site" / "jobs" / slug / "index.html"
    assert page.is_file(), sorted(p.name for p in (tiny / "site" / "jobs").iterdir())
    # .cache holds the per-posting cache: nothing is written anywhere else.
    assert sorted(p.name for p in tiny.iterdir()) == [
        ".cache",
        "careers.toml",
        "content",
        "site",
        "templates",
    ]
    assert not (tiny.parent / "etc").exists()


@pytest.mark.parametrize(
    "name",
    ["with spaces.md", "über straße.md", "職位.md", unicodedata.normalize("NFD", "Ünïcödé decomposed.md")],
    ids=["spaces", "latin", "cjk", "nfd"],
)
def test_file_names_with_spaces_and_letters(
    tiny: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    (tiny / "content" / "jobs" / name).write_text(FM.format(title="Forklift Driver"))
    code, err = build(tiny, capsys)
    assert code == 0, err
    assert f"content/jobs/{name}" in published(tiny)
    assert (tiny / "site" / "jobs" / "forklift-driver" / "index.html").is_file()


def test_template_syntax_error_keeps_the_previous_site(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build(tiny, capsys)[0] == 0
    site_before = content_digest(tiny / "site")
    (tiny / "templates" / "posting.html").write_text("{% extends 'base.html' %}\n{% block main %}{% if %}\n")
    code, err = build(tiny, capsys)
    assert code == 2
    assert re.fullmatch(r"templates/posting\.html:2: error: .+\n", err), err
    assert content_digest(tiny / "site") == site_before


@pytest.mark.parametrize(
    "toml, message",
    [
        ('title = "Tiny\n', r"careers\.toml: error: not valid TOML: .+ \(at line 1, column \d+\)"),
        ("max_file_mb = 'big'\n", r"careers\.toml: error: 'max_file_mb' must be a float, not str \('big'\)"),
        (
            b"\xff\xfe\x00t".decode("latin-1"),
            r"careers\.toml: error: not valid UTF-8 \(byte 0\): save it as UTF-8",
        ),
        (
            'base_url = "http://[::1"\n',
            r"careers\.toml: error: 'base_url' is not a URL that can be read: 'http://\[::1'; write it like "
            r"'https://jobs\.example\.com/'",
        ),
        (
            "max_file_mb = nan\n",
            r"careers\.toml: error: 'max_file_mb' must be a number of megabytes .+, not nan",
        ),
        ("max_file_mb = 1e300\n", r"careers\.toml: error: 'max_file_mb' must be a number of megabytes .+"),
        (
            'employment_type = "gig"\n',
            r"careers\.toml: error: 'employment_type': unknown employment type 'gig' \(use one of: .+\)",
        ),
        (
            'logo = "static/logo.png"\ntheme_dir = "theme"\n',
            r"careers\.toml: error: 'theme_dir' is 'theme', which is not a folder: create it or remove "
            r"the key\ncareers\.toml: error: 'logo' is 'static/logo\.png', but there is no logo\.png in "
            r"templates/static/: add the file or fix the name",
        ),
    ],
    ids=["unclosed-string", "wrong-type", "garbage", "url", "nan-mb", "huge-mb", "employment-type", "files"],
)
def test_broken_config(tiny: Path, capsys: pytest.CaptureFixture[str], toml: str, message: str) -> None:
    (tiny / "careers.toml").write_text(toml, encoding="latin-1")
    code, err = build(tiny, capsys)
    assert code == 2
    assert re.fullmatch(message + r"\n", err), err
    assert not (tiny / "site").exists()


def test_a_file_name_that_is_not_utf8_in_check_and_preview(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from careers.config import load_config
    from careers.engine import Options
    from careers.shell.preview import Preview

    bytes_name(b"caf\xe9.md")(tiny / "content" / "jobs")
    assert main(["-C", str(tiny), "check"]) == 1
    out = capsys.readouterr().out
    assert "content/jobs/caf\\xe9.md: error: file name is not valid UTF-8" in out
    preview = Preview(lambda: load_config(tiny), Options())
    update = preview.rebuild()
    assert [str(d) for d in update.diagnostics if d.level == "error"] == [
        "content/jobs/caf\\xe9.md: error: file name is not valid UTF-8 "
        "(the bytes that are not are shown as \\xNN): rename it"
    ]
    assert (preview.output / "jobs" / "good-posting" / "index.html").is_file()


def test_control_characters_never_reach_pages_or_the_feed(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import xml.etree.ElementTree as ET

    (tiny / "careers.toml").write_text('title = "Tiny"\nbase_url = "https://jobs.example/"\n')
    jobs = tiny / "content" / "jobs"
    (jobs / "bell.md").write_text(
        "---\ntitle: Bell\x07 ringer\nsummary: Rings \x1b[1mloud\x1b[0m\n---\n"
        "Ring the\x0bbell &#7;&#x08;&#127; every &#xFFFE;hour.\n",
        encoding="utf-8",
    )
    (jobs / "scraped.html").write_text(
        "<h1>Scraped\x02</h1><p>Text\x85 &#x1F; \ufdd0here.</p>", encoding="utf-8"
    )
    code, err = build(tiny, capsys)
    assert code == 0, err
    assert len([line for line in err.splitlines() if "removed" in line]) == 2, err
    site = tiny / "site"
    feed = ET.parse(site / "feed.xml").getroot()
    titles = sorted(e.text or "" for e in feed.iter("{http://www.w3.org/2005/Atom}title"))
    assert titles == ["Bell ringer", "Good Posting", "Scraped", "Tiny"]
    unshowable = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
    for path in site.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".txt"):
            text = path.read_text(encoding="utf-8")
            assert not unshowable.search(text), path
            assert not re.search(
                r"&#(x0*[0-8bcef]|x0*1[0-9a-f]|0*[1-8]|0*1[4-9]|0*2\d|0*3[01]|0*127);", text
            ), path
