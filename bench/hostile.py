"""Random whole projects written by an adversary, with other habits than ``bench/projects.py``.

``projects.py`` writes what a careers team gets wrong. This writes what the issue's reviewer
tried: files in every codec Python knows (text or not) and every byte order, lone surrogates
in JSON escapes, character references and file names, JSON-LD and markup nested far too deep,
numbers of hundreds of digits, YAML aliases that expand exponentially, user templates that
raise, ``[clean]`` selectors soupsieve refuses, symbolic links planted in every folder the
engine reads or writes (``content/``, ``templates/``, ``.cache/*``, the output and staging
folders, the preview's), terminal escapes in names and titles, and, between builds, renames,
re-extensions, files swapped for folders or links, and edits that keep a file's size and time.
Link targets are in an ``outside/`` folder beside the project, so a run can tell whether
anything was written through them. Everything is drawn from one ``random.Random``: a seed
reproduces a project and its edits exactly.
"""

from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HALF = "\\ud83d"  # half an emoji, as a JSON or YAML escape writes it
TITLES = ["Night Porter", "Welder", "Data Analyst", f"Pilot {HALF}", "Nurse \u202eesruN", "Cook\x1b]0;x\x07"]
# fmt: off
CODECS = ["utf-16", "utf-16-be", "utf-32", "utf-8-sig", "cp1252", "latin-1", "koi8-r", "shift_jis",
          "iso-8859-2", "cp037", "utf-7", "base64", "rot13", "unicode_escape", "raw_unicode_escape", "hex",
          "zlib", "uu", "quopri", "undefined", "idna", "punycode"]
SELECTORS = ["", " ", "p::before", "::selection", ":has()", "p:first-line", "p:contains(Share)", "ns|p",
             ".share", "#similar-jobs", "div > p:nth-child(2n+1 of p)", ":is(" * 50 + "p" + ")" * 50,
             "[data-x='\x07']", "p, ", "a[href^='javascript:']"]
TEMPLATE_BREAKS = ["{{ 1 / 0 }}", "{{ {}['x'] }}", "{{ [][3] }}", "{{ posting.nope.deeper }}",
                   "{% include 'nowhere.html' %}", "{{ '%d' % 'x' }}", "{{ none.attr }}", "{% if %}",
                   "{% for x in 5 %}{% endfor %}", "{{ x|nofilter }}", "{% include 'posting.html' %}",
                   "{{ ''.join(1) }}", "{{ range(3)|sum / 0 }}"]
NAMES = ["{n}.md", "{n}.html", "{n}.htm", "sub/{n}.markdown", "name\x1b]52;c;eA==\x07{n}.md",
         "rtl\u202e{n}.html", "{n}" + "x" * 200 + ".md", "NFD-e\u0301{n}.md", "tab\t{n}.md"]
KEYS = ["date", "valid_through", "salary", "skills", "location", "draft", "Draft", "drafts", "level",
        "company", "<<", "summary"]
ANCHORS = ["&a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"] + [
    f"&a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
VALUES = ["&x [*x]", "{unit: [&u [a, b], *u, *u]}", f'"{HALF}"', "1" + "0" * 400, "1e400", ".nan",
          "2024-02-30", "true", "Portland, OR (hybrid)", "{min: 1, max: 1" + "0" * 400 + "}",
          "[" * 60 + "]" * 60, "!!binary AAAA", "*undefined", "2024-01-01"]
ENGINE_FOLDERS = ["content", "content/jobs", "templates", "templates/static", ".cache", ".cache/postings",
                  ".cache/state", ".cache/templates", ".cache/preview", "site", ".site.new", ".site.old"]
# fmt: on


def make_project(rng: random.Random, dest: Path, postings: int | None = None) -> Path:
    """A hostile project in ``dest``, with ``outside/`` beside it holding the links' targets."""
    dest.mkdir(parents=True, exist_ok=True)
    outside = dest.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.md").write_text("---\ntitle: Secret plans\n---\nNot for publishing.\n")
    (outside / "keep.txt").write_text("must stay as it is\n")
    (outside / "folder").mkdir(exist_ok=True)
    shutil.copytree(ROOT / "templates", dest / "templates", dirs_exist_ok=True)
    _config(rng, dest)
    jobs = dest / "content" / "jobs"
    jobs.mkdir(parents=True, exist_ok=True)
    for n in range(postings if postings is not None else rng.choice([1, 3, 8, 20, rng.randint(1, 130)])):
        write_posting(rng, jobs, n)
    if rng.random() < 0.25:
        break_template(rng, dest)
    for _ in range(rng.choice([0, 0, 1, 2, 4])):
        plant_link(rng, dest, outside)
    return dest


def _config(rng: random.Random, dest: Path) -> None:
    lines = ['title = "Hostile"'] if rng.random() < 0.5 else []
    if rng.random() < 0.3:
        drop = json.dumps(rng.sample(SELECTORS, rng.randint(1, 2)), ensure_ascii=False)
        lines.append(f"[clean]\ndrop = {drop}")
        if rng.random() < 0.3:
            lines.append(f"description = {json.dumps(rng.choice(SELECTORS), ensure_ascii=False)}")
    (dest / "careers.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_posting(rng: random.Random, jobs: Path, n: int) -> Path:
    """One posting with a hostile name, and a body or bytes drawn from the habits above."""
    name = rng.choice(NAMES)
    path = jobs / name.format(n=n)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(posting_bytes(rng, n))
    if rng.random() < 0.03:
        raw = os.fsencode(str(path.parent)) + b"/surrogate-\xed\xa0\xbd" + str(n).encode() + b".md"
        with open(raw, "wb") as f:
            f.write(b"---\ntitle: Bytes\n---\nA name of half a character.\n")
    return path


def posting_bytes(rng: random.Random, n: int) -> bytes:
    title = rng.choice(TITLES)
    kind = rng.choice(["codec", "json-ld", "yaml", "deep", "numbers", "references", "plain", "plain"])
    text = {
        "codec": lambda: f"<meta charset='{rng.choice(CODECS)}'><h1>Café {n}</h1><p>Crème \\ud83d +2D0-</p>",
        "json-ld": lambda: saved_page(rng, title),
        "yaml": lambda: f"---\n{front_matter(rng, title)}---\n{body(rng, title)}",
        "deep": lambda: deep(rng, title),
        "numbers": lambda: (
            f"---\ntitle: Welder\n---\nWeld. Salary: ${'9' * rng.choice([20, 310, 400])} per year."
            f"\n\n{rng.choice(['Up to', 'Between'])} {'1' * 400} and {'2' * 400} years of experience.\n"
        ),
        "references": lambda: (
            f"<h1>{title}</h1><p>&#xD83D; &#55357; &#0; &#x110000; &#xFFFE; \u2028\x85 text</p>"
        ),
        "plain": lambda: f"---\ntitle: {json.dumps(title)}\n---\n{body(rng, title)}",
    }[kind]()
    if kind != "codec":
        return encode(rng, text)
    codec = text.split("'")[1]
    try:
        return text.encode(
            codec if codec in ("cp1252", "latin-1", "koi8-r", "iso-8859-2") else "latin-1", "replace"
        )
    except (LookupError, UnicodeError):
        return text.encode("latin-1", "replace")


def encode(rng: random.Random, text: str) -> bytes:
    """``text`` in UTF-8, mostly; else with a byte-order mark, another byte order, CR line ends."""
    roll = rng.random()
    if roll < 0.06:
        return text.encode(rng.choice(["utf-16", "utf-32", "utf-8-sig"]))
    if roll < 0.08:
        return text.encode("utf-16-be")  # no byte-order mark: not UTF-8, full of NULs
    if roll < 0.12:
        return text.replace("\n", rng.choice(["\r\n", "\r"])).encode("utf-8", "surrogatepass")
    return text.encode("utf-8", "surrogatepass")


def front_matter(rng: random.Random, title: str) -> str:
    lines = [f"title: {json.dumps(title)}"]
    for _ in range(rng.randint(0, 3)):
        laughs = f"[{', '.join(ANCHORS[: rng.randint(1, 9)])}]"
        lines.append(f"{rng.choice(KEYS)}: {rng.choice([laughs, *VALUES])}")
    return "\n".join(lines) + "\n"


def body(rng: random.Random, title: str) -> str:
    return rng.choice(
        [
            "Collaborate with " + "A& " * rng.randint(10, 40) + "x Leadership.",
            "<ul><li>Python" + "-" * 60 + "</li></ul>" * 3,
            "5+ years of experience " * rng.randint(1, 300),
            "Partner with Finance, Accounting and Product teams.",
            "<p>Salary: £" + "9" * 350 + " a year</p>",
            f"## About\n\nThe {title} keeps things running.\n\n## Requirements\n\n- SQL\n- Go and Python\n",
            "<table>" + "<tr><td>x</td></tr>" * rng.randint(1, 400) + "</table>",
            "\u200b" * 50 + "Zero width.",
        ]
    )


def saved_page(rng: random.Random, title: str) -> str:
    posting: object = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": title,
        "hiringOrganization": {"name": f"Acme {HALF}"},
        "datePosted": f"2024-01-0{HALF}",
        "identifier": {"value": f"REF-{HALF}"},
        "description": f"<p>Lobby {HALF} at night.</p>",
        "baseSalary": {
            "currency": "USD",
            "value": {"minValue": int("9" * rng.choice([3, 400])), "maxValue": 1e300},
        },
        "jobLocation": {"address": {"addressLocality": f"Leeds {HALF}", "addressCountry": "GB"}},
    }
    depth = rng.choice([0, 0, 10, 70, 1000, 5000])
    data = json.dumps(posting).replace("\\\\ud83d", HALF).replace("1e+300", rng.choice(["1e+300", "1e400"]))
    data = "[" * depth + data + "]" * depth
    return (
        f'<!doctype html><html><head><script type="application/ld+json">{data}</script></head>'
        f"<body><main><h1>{title}</h1><p>Keep the lobby safe at night, and greet guests.</p></main>"
        "</body></html>"
    )


def deep(rng: random.Random, title: str) -> str:
    depth = rng.choice([50, 500, 3000, 20_000])
    if rng.random() < 0.5:
        return f"<h1>{title}</h1>" + "<div><b>" * depth + "text" + "</b></div>" * depth
    return f"---\ntitle: {json.dumps(title)}\n---\n" + "".join(
        "  " * i + "- item\n" for i in range(depth // 40)
    )


def break_template(rng: random.Random, dest: Path) -> None:
    """A user template that raises, or cannot be read, at a random line."""
    name = rng.choice(["posting.html", "index.html", "_card.html", "base.html", "skill.html"])
    path = dest / "templates" / name
    if path.is_symlink() or not path.is_file():
        return
    lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    at = rng.randrange(len(lines))
    if rng.random() < 0.1:
        path.write_bytes(path.read_bytes() + b"\n\xff\xfe broken bytes\n")
        return
    lines.insert(at, rng.choice(TEMPLATE_BREAKS))
    path.write_text("\n".join(lines), encoding="utf-8")


def plant_link(rng: random.Random, dest: Path, outside: Path) -> None:
    """A symbolic link to ``outside`` (or a file there) in one of the folders the engine touches."""
    folder = dest / rng.choice(ENGINE_FOLDERS)
    target = rng.choice(
        [outside, outside / "folder", outside / "secret.md", outside / "keep.txt", outside / "nope"]
    )
    ancestors = [folder, *folder.relative_to(dest).parents]
    if any((dest / a).is_symlink() for a in ancestors[1:]) or folder.is_symlink():
        return  # a link planted there, or above it, already
    if folder.exists() and not folder.is_dir():
        return
    if rng.random() < 0.4 and folder.parent.is_dir() and not folder.exists():
        folder.symlink_to(target)  # the folder itself is the link
        return
    folder.mkdir(parents=True, exist_ok=True)
    name = rng.choice(["linked.md", "ab", "index.html", "style.css", "posting.html", "cd", "lock", "jobs"])
    link = folder / name
    if not link.exists() and not link.is_symlink():
        link.symlink_to(target)


def edit_project(rng: random.Random, dest: Path) -> None:
    """One change between builds: renames, re-extensions, swaps, same-size edits, new links."""
    jobs = dest / "content" / "jobs"
    files = sorted(p for p in jobs.rglob("*") if p.is_file() and not p.is_symlink()) if jobs.is_dir() else []
    roll = rng.random()
    if not files or roll < 0.15:
        if jobs.is_dir():
            write_posting(rng, jobs, rng.randrange(1000, 2000))
        return
    path = rng.choice(files)
    if roll < 0.35:  # renamed, or given another extension
        new = path.with_name(
            rng.choice([f"renamed-{path.stem}", path.stem.upper()])
            + rng.choice([".md", ".html", ".htm", ".markdown", ".txt"])
        )
        if not new.exists():
            path.rename(new)
    elif roll < 0.45:  # two files swap names
        other = rng.choice(files)
        if other != path:
            temp = path.with_name(".swap")
            path.rename(temp)
            other.rename(path)
            temp.rename(other)
    elif roll < 0.6:  # the same size and time, other bytes: a stamp cannot tell
        data, info = path.read_bytes(), path.stat()
        flipped = data[:-1] + (b"." if data[-1:] != b"." else b"!")
        path.write_bytes(flipped)
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    elif roll < 0.7:  # a file becomes a folder of the same name, or a link
        path.unlink()
        if rng.random() < 0.5:
            path.mkdir()
            (path / "inner.md").write_text("---\ntitle: Inner\n---\nIn a folder named like a file.\n")
        else:
            path.symlink_to(dest.parent / "outside" / "secret.md")
    elif roll < 0.85:
        path.write_bytes(posting_bytes(rng, rng.randrange(1000)))
    elif roll < 0.93:
        plant_link(rng, dest, dest.parent / "outside")
    else:
        break_template(rng, dest)
