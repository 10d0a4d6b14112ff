"""Hostile postings: every XSS and mXSS payload of tests/data/xss.json, in every input shape.

``tests/data/xss.json`` is a copy of the shared corpus (payloads from the test suites of
DOMPurify, bleach, loofah and sanitize, and PayloadsAllTheThings). Each payload is checked
alone through the cleaner, then all of them at once through one real build: in raw HTML
postings, in Markdown postings as raw HTML and as link targets, and in front matter. The
built pages are scanned for anything active, then loaded in Chromium, which must run
nothing and ask no host for anything.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Iterator
from html import escape
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from careers.posting.clean import clean_html, section_text
from careers.posting.fields import read_fields
from careers.posting.html import blocks_html
from careers.shell.cli import main
from careers.sources.source import parse_source

from .conftest import DATA, ROOT, free_port

PAYLOADS: list[dict[str, str]] = json.loads((DATA / "xss.json").read_text(encoding="utf-8"))
PER_POSTING = 20
FRONT_MATTER_FIELDS = ("title", "location", "company", "summary", "salary")

# Elements that must never come from a posting (the theme's own are subtracted, see below).
ACTIVE_TAGS = frozenset(
    "script iframe frame frameset object embed applet form base style "
    "portal noscript template svg math".split()
)
URL_ATTRIBUTES = frozenset(
    "href src action formaction xlink:href data poster background srcset ping cite manifest "
    "codebase archive dynsrc lowsrc".split()
)
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f-\xa0\u1680\u180e\u2000-\u200f\u2028\u2029\u205f\u3000\ufeff]")
BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:", "mocha:")


class _Scanner(HTMLParser):
    """Lists active markup the way a browser would see it (entities decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script: tuple[str, dict[str, str]] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…> event handler")
            if name in URL_ATTRIBUTES:
                url = _IGNORED_IN_URL.sub("", value).lower()
                if any(scheme in url for scheme in BAD_SCHEMES):
                    self.found.append(f"<{tag} {name}={value[:60]!r}> dangerous URL")
            if name == "style" and re.search(r"url\(|expression|javascript|behavio", value, re.I):
                self.found.append(f"<{tag} style={value[:60]!r}> active style")
        if tag == "meta" and "http-equiv" in values:
            self.found.append("<meta http-equiv> " + json.dumps(values, sort_keys=True))
        if tag == "script":
            self._script, self._text = (tag, values), []
        elif tag in ACTIVE_TAGS:
            self.found.append(f"<{tag}> " + json.dumps(values, sort_keys=True))

    def handle_data(self, data: str) -> None:
        if self._script:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script:
            values, text = self._script[1], "".join(self._text)
            self._script = None
            if values.get("type") == "application/ld+json":
                try:
                    json.loads(text)
                except ValueError:
                    self.found.append("<script type=application/ld+json> that is not JSON: " + text[:80])
            else:
                digest = hashlib.sha256(text.encode()).hexdigest()[:12]
                self.found.append(f"<script> {json.dumps(values, sort_keys=True)} text:{digest}")


def active_markup(html: str) -> list[str]:
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.found


def emitted(body: str) -> str:
    """A body as the posting page would show it: cleaned, rebuilt, sanitized."""
    cleaned = clean_html(body, "Title")
    return "\n".join(f"<h2>{escape(s.heading or '')}</h2>" + blocks_html(s) for s in cleaned.sections)


def markdown_shapes(payload: str, n: int) -> str:
    """The payload as a raw HTML block and as inline, angle-bracket and reference link targets."""
    target = payload.replace("\n", " ")
    return (
        f"Raw block {n}:\n\n{payload}\n\n"
        f"An [inline link {n}]({target}) and [angle link {n}](<{target}>) and [reference {n}][r{n}].\n\n"
        f"[r{n}]: {target}\n\n"
    )


def yaml_quote(text: str) -> str:
    """A YAML double-quoted scalar holding exactly ``text``."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 0x20 <= code < 0x7F:
            out.append(ch)
        else:
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def test_the_scanner_sees_active_markup() -> None:
    found = active_markup(
        '<p onmouseover="x">a</p><a href=" j&#x61;vascript:alert(1)">b</a><iframe src="x"></iframe>'
        '<meta http-equiv="refresh" content="0;url=data:text/html,x"><script>alert(1)</script>'
        '<form action="https://e.example"></form><img src="data:image/svg+xml,x">'
    )
    kinds = [f.split(">")[0] for f in found]
    assert kinds == [
        "<p onmouseover=…",
        "<a href=' javascript:alert(1)'",
        "<iframe",
        "<meta http-equiv",
        "<script",
        "<form",
        "<img src='data:image/svg+xml,x'",
    ]


@pytest.mark.parametrize("shape", ["html", "markdown"])
def test_no_payload_survives_the_cleaner_alone(shape: str) -> None:
    failures = {}
    for item in PAYLOADS:
        if shape == "html":
            body = "<h1>Title</h1><p>Before.</p>" + item["payload"] + "<p>After.</p>"
            source = parse_source(body.encode(), Path("x.html"), "x.html")
        else:
            source = parse_source(markdown_shapes(item["payload"], 1).encode(), Path("x.md"), "x.md")
        found = active_markup(emitted(source.body))
        if found:
            failures[item["id"]] = found
    assert failures == {}


def hides_what_follows(payload: str) -> bool:
    """Whether a payload (an unclosed <svg>, <style>, ...) makes the cleaner drop the rest."""
    cleaned = clean_html(f"<p>Before.</p>{payload}<p>Marker after.</p>", "T")
    return "Marker after." not in "\n".join(section_text(s) for s in cleaned.sections)


def payload_groups() -> list[list[dict[str, str]]]:
    """Payloads by posting: up to PER_POSTING that hide nothing, and each one that does alone,
    so that no payload is hidden from the browser by another."""
    hiding = [item for item in PAYLOADS if hides_what_follows(item["payload"])]
    plain = [item for item in PAYLOADS if item not in hiding]
    return [plain[i : i + PER_POSTING] for i in range(0, len(plain), PER_POSTING)] + [[h] for h in hiding]


def hostile_postings() -> Iterator[tuple[str, str]]:
    """(file name, text): every payload in an HTML posting and in a Markdown posting."""
    groups = payload_groups()
    for g, group in enumerate(groups):
        html = "".join(f"<p>Payload {item['id']}:</p>\n{item['payload']}\n" for item in group)
        yield f"html-{g:03d}.html", f"<h1>Hostile HTML {g}</h1>\n<p>Opening text of posting {g}.</p>\n{html}"
        meta = {"title": f"Hostile Markdown {g}"}
        for k, name in enumerate(FRONT_MATTER_FIELDS):
            meta[name] = (
                f"{name} {g} " + PAYLOADS[(g * len(FRONT_MATTER_FIELDS) + k) % len(PAYLOADS)]["payload"]
            )
        front = "".join(f"{key}: {yaml_quote(value)}\n" for key, value in meta.items())
        front += f"skills: [{yaml_quote(group[-1]['payload'])}, Python]\n"
        body = "".join(markdown_shapes(item["payload"], n) for n, item in enumerate(group))
        yield f"md-{g:03d}.md", f"---\n{front}---\nOpening text of posting {g}.\n\n{body}"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One build of every payload; returns the site folder and what the build printed."""
    import shutil

    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(ROOT / "templates", root / "templates")
    jobs = root / "content" / "jobs"
    jobs.mkdir(parents=True)
    count = 0
    for name, text in hostile_postings():
        (jobs / name).write_text(text, encoding="utf-8")
        count += 1
    (root / "careers.toml").write_text('title = "Hostile"\n')
    with pytest.MonkeyPatch.context() as mp:
        err: list[str] = []
        mp.setattr("sys.stderr", _Collect(err))
        code = main(["-C", str(root), "build", "-q"])
    errors = [line for line in "".join(err).splitlines() if ": error: " in line]
    assert code == 0 and errors == [], "\n".join(errors)
    published = json.loads((root / "site" / "jobs.json").read_text())
    assert len(published) == count
    return root / "site", "".join(err)


class _Collect:
    def __init__(self, into: list[str]) -> None:
        self.into = into

    def write(self, text: str) -> int:
        self.into.append(text)
        return len(text)

    def flush(self) -> None:
        pass


def theme_markup(tmp_path: Path) -> set[str]:
    """Active markup the theme itself puts on pages (a benign build of the same templates)."""
    import shutil

    root = tmp_path / "benign"
    shutil.copytree(ROOT / "templates", root / "templates")
    (root / "content" / "jobs").mkdir(parents=True)
    for n in range(60):  # more than a listing page holds: pages at every depth
        (root / "content" / "jobs" / f"a{n}.md").write_text(
            f"---\ntitle: Benign {n}\nskills: [Python]\n---\nText.\n"
        )
    (root / "careers.toml").write_text('title = "Hostile"\n')
    assert main(["-C", str(root), "build", "-q"]) == 0
    return {found for page in (root / "site").rglob("*.html") for found in active_markup(page.read_text())}


def test_built_pages_hold_nothing_active(hostile_site: tuple[Path, str], tmp_path: Path) -> None:
    site, _ = hostile_site
    theme = theme_markup(tmp_path)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 2 * len(PAYLOADS) // PER_POSTING
    failures = {}
    for page in pages:
        found = [f for f in active_markup(page.read_text(encoding="utf-8")) if f not in theme]
        if found:
            failures[page.relative_to(site).as_posix()] = found
    assert failures == {}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def test_front_matter_markup_is_shown_as_text(hostile_site: tuple[Path, str]) -> None:
    """Markup in front matter is escaped: the page shows it as the very characters written."""
    site, _ = hostile_site
    slugs = {r["source"]: r["slug"] for r in json.loads((site / "jobs.json").read_text())}
    shown = 0
    for name, text in hostile_postings():
        if not name.startswith("md-"):
            continue
        page = (site / "jobs" / slugs[f"content/jobs/{name}"] / "index.html").read_text()
        location = next(line for line in text.splitlines() if line.startswith("location: "))
        value = json.loads(location.removeprefix("location: ").replace("\\U000", "\\u"))
        if "<" in value and value.isprintable():
            assert " ".join(value.split()) in visible_text(page)
            shown += 1
    assert shown >= 5


def test_json_ld_cannot_be_closed_from_a_field(hostile_site: tuple[Path, str]) -> None:
    site, _ = hostile_site
    titles = []
    for page in site.glob("jobs/*/index.html"):
        html = page.read_text()
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
            data = json.loads(block)  # a field that closed the script would leave broken JSON
            assert "</" not in block.lower()
            titles.append(data.get("title", ""))
    if not titles:
        pytest.skip("the templates have no JSON-LD yet (issue 5 adds it); this test applies once they do")
    # The hostile front matter titles reached the JSON-LD whole, markup and all.
    assert sum("</script>" in title.lower() for title in titles) >= 3


@pytest.mark.browser
def test_chromium_runs_nothing_and_requests_nothing(hostile_site: tuple[Path, str], browser) -> None:
    site, _ = hostile_site
    context = browser.new_context(java_script_enabled=True)
    events: list[str] = []
    server, origin = serve_folder(site)

    def refuse(route, request) -> None:  # type: ignore[no-untyped-def]
        events.append(f"request to {request.url[:100]}")
        route.abort()

    # Only requests that leave the test server reach Python (keeps 400 page loads cheap).
    context.route(lambda url: not url.startswith(origin), refuse)
    page = context.new_page()
    page.on("dialog", lambda d: (events.append(f"dialog {d.type}: {d.message[:60]}"), d.dismiss()))
    page.on("console", lambda m: m.type == "error" and events.append(f"console error: {m.text[:100]}"))
    page.on("pageerror", lambda e: events.append(f"page error: {e}"))
    live_dom_check = """() => {
        const bad = [];
        for (const el of document.querySelectorAll('*')) {
            for (const attr of el.attributes) {
                if (attr.name.startsWith('on')) bad.push(el.tagName + ' ' + attr.name);
                const v = attr.value.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
                if (/^(javascript|vbscript|data):/.test(v)) bad.push(el.tagName + ' ' + attr.name + '=' + v);
            }
        }
        // The theme's own search forms (index filters, the 404 page's search) are expected.
        const own = 'form#filters,form.search-404';
        for (const el of document.querySelectorAll('iframe,object,embed,form,base,frame,portal'))
            if (!el.matches(own)) bad.push(el.tagName);
        return bad;
    }"""
    canary = '<img src="https://example.com/x.png"><script>alert(1)</script><p onclick="x">y</p>'
    page.set_content(canary)  # the listeners must see what the site must not do
    page.wait_for_timeout(100)
    assert sorted(events) == [
        "console error: Failed to load resource: net::ERR_FAILED",
        "dialog alert: 1",
        "request to https://example.com/x.png",
    ]
    assert page.evaluate(live_dom_check) == ["P onclick"]
    events.clear()
    pages = sorted(site.rglob("*.html"))
    for path in pages:
        before = len(events)
        page.goto(origin + path.relative_to(site).as_posix(), wait_until="load")
        page.wait_for_timeout(20)  # let timers and autofocus handlers fire
        events.extend(f"live DOM: {bad}" for bad in page.evaluate(live_dom_check))
        events[before:] = [f"{path.relative_to(site)}: {event}" for event in events[before:]]
    context.close()
    server.shutdown()
    server.server_close()
    assert events == []


def serve_folder(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    """A quiet static server for ``folder`` on a free loopback port, in a thread."""

    class Quiet(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*args, directory=str(folder), **kwargs)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "javascript:alert(1)//@example.com",
        "//evil.example/apply",
        "ftp://example.com/apply",
    ],
)
def test_apply_url_must_be_http_or_email(url: str) -> None:
    source = parse_source(f"---\napply_url: {yaml_quote(url)}\n---\nBody.\n".encode(), Path("x.md"), "x.md")
    fields, found = read_fields(source)
    assert fields.apply_url is None
    assert [(d.line, d.level) for d in found] == [(2, "error")]
    assert found[0].message.startswith("front matter 'apply_url' must be an http(s) URL or an email address")
