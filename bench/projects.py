"""Random whole projects, valid and not, for the property test and ``bench/fuzz.py``.

Everything is drawn from one ``random.Random``, so a seed (or hypothesis's controlled
randoms) reproduces a project exactly. Projects mix good postings with the ways real ones go
wrong: broken or odd front matter, values YAML cannot build, duplicate titles and slugs,
sub-folders and odd file names, plain text, empty and huge bodies, markup soup, and a
``careers.toml`` that may be wrong too.
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TITLES = ["Account Manager", "Registered Nurse", "Software Engineer", "Forklift Operator", "Café Barista"]
KEYS = ["title", "date", "valid_through", "location", "employment_type", "salary", "skills", "level",
        "draft", "slug", "summary", "company", "remote", "apply_url"]  # fmt: skip
ODD_VALUES = [
    "2024-02-30", "2024-13-01", "0000-01-01", "2024-01-01 25:00:00", "2024-01-01T10:00:00+25:00",
    "!!timestamp soon", "!!int abc", "!!float x", "!!bool maybe", "9" * 5000, "yesterday", "[1, 2",
    "{a: 1}", ".nan", ".inf", "-.inf", "~", "''", "'\\u0007bell'", '"\\ud83d"', "&a [*a]", "!!binary AAAA",
    "99999999999999999999999999999999999999999999", "javascript:alert(1)", "Remote", "full time",
    "Senior", "x" * 300, "日本語", "\"multi\\nline\"",
]  # fmt: skip
BODIES = [
    "<h2>{title}</h2><p><b>Responsibilities</b></p><ul><li>Do the work well.</li></ul>",
    "About us:\nWe make things.\n\nRequirements:\n• 3+ years of experience\n• Forklift licence",
    "Overview: The team owns the platform. Minimum Qualifications Associate degree in a field.",
    "&lt;p&gt;Escaped &lt;b&gt;markup&lt;/b&gt;&lt;/p&gt;",
    "<div><div><div><p>nested</div></span></table><script>alert(1)</script>",
    "<html><head><title>x</title></head><body><nav>Home</nav><main><h1>{title}</h1><p>Text.</p></main></body></html>",
    "", " ", "\n\n\n", "#hashtag #another", "N/A", "<p>" + "word " * 3000 + "</p>",
    "<ul>" + "<li>item</li>" * 500 + "</ul>", "<" * 200, "\x07 bell \x1b[31m escape",
    "- one\n- two\n1. three\n2) four", "<p>Equal opportunity employer.</p>",
]  # fmt: skip
NAMES = ["{n}.md", "{n}.html", "sub/{n}.md", "deep/er/{n}.htm", "with space {n}.md", "ünï{n}.md",
         "{n}.markdown", "_hidden{n}.md", ".{n}.md", "{n}.md~", "#{n}.md#", "{n}.txt"]  # fmt: skip
CONFIG_LINES = [
    'title = "Careers"', 'base_url = "https://example.com/careers/"', 'base_url = "/"',
    'base_url = "http://[::1"', "max_file_mb = 0.01", "max_file_mb = nan", "max_file_mb = inf",
    'employment_type = "Full-time"', 'employment_type = "whenever"', 'location = "Boston, MA"',
    'company = "Acme"', 'accent_color = "#c2185b"', 'accent_color = "pink"', 'logo = "static/missing.png"',
    'theme_dir = "nowhere"', 'unknown_key = 1', 'cache_dir = "content"', 'language = "fr"',
    'apply_email = "jobs@example.com"', 'apply_url = "javascript:x"', "title = 3",
]  # fmt: skip


def make_project(rng: random.Random, dest: Path, postings: int | None = None) -> Path:
    """A random project in ``dest`` (created): ``careers.toml``, the templates, postings."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "templates", dest / "templates", dirs_exist_ok=True)
    lines = rng.sample(CONFIG_LINES, rng.randint(0, 3)) if rng.random() < 0.5 else []
    (dest / "careers.toml").write_text("\n".join(_unique_keys(lines)) + "\n", encoding="utf-8")
    jobs = dest / "content" / "jobs"
    jobs.mkdir(parents=True, exist_ok=True)
    count = postings if postings is not None else rng.choice([1, 2, 5, 12, 30, rng.randint(1, 200)])
    for n in range(count):
        write_posting(rng, jobs, n)
    if rng.random() < 0.05:
        odd = os.fsencode(str(jobs)) + b"/caf\xe9-" + str(rng.randrange(99)).encode() + b".md"
        with open(odd, "wb") as f:
            f.write(b"---\ntitle: Latin-1 name\n---\nText.\n")
    return dest


def write_posting(rng: random.Random, jobs: Path, n: int) -> Path:
    """One posting file with a random name, front matter and body."""
    path = jobs / rng.choice(NAMES).format(n=n)
    path.parent.mkdir(parents=True, exist_ok=True)
    title = rng.choice(TITLES)
    body = rng.choice(BODIES).format(title=title)
    text = f"---\n{front_matter(rng, title)}---\n{body}\n" if rng.random() < 0.7 else body
    data = text.encode("utf-8")
    roll = rng.random()
    if roll < 0.03:
        data = b"\xff\xfe" + text.encode("utf-16-le")
    elif roll < 0.05:
        data = text.encode("cp1252", "replace")
    elif roll < 0.06:
        data = b"\x00\x01binary"
    path.write_bytes(data)
    return path


def front_matter(rng: random.Random, title: str) -> str:
    lines = [f"title: {title}"] if rng.random() < 0.9 else []
    for key in rng.sample(KEYS, rng.randint(0, 5)):
        value = rng.choice(ODD_VALUES) if rng.random() < 0.4 else _good_value(rng, key, title)
        lines.append(f"{key}: {value}")
    if rng.random() < 0.05:
        lines.append(rng.choice(["yes: 1", "1: x", "? [a]\n: b", "unknown: key", "title:\n  - a"]))
    if rng.random() < 0.03:
        lines.append("bad: [unclosed")
    return "\n".join(lines) + "\n"


def _good_value(rng: random.Random, key: str, title: str) -> str:
    return {
        "title": title,
        "date": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "valid_through": f"202{rng.randint(5, 7)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "location": rng.choice(["Boston, MA, US", "Remote (US)", "London, GB", "Berlin"]),
        "employment_type": rng.choice(["Full-time", "Part-time", "Contract", "Internship"]),
        "salary": rng.choice(["$60,000 - $80,000 a year", "{min: 20, max: 25, unit: hour}", "Competitive"]),
        "skills": rng.choice(["[Python, SQL]", "[Forklift]", "[]", "{required: [Excel], preferred: [SQL]}"]),
        "level": rng.choice(["entry", "mid_senior", "internship"]),
        "draft": rng.choice(["true", "false"]),
        "slug": rng.choice(["same-slug", "account-manager", f"job-{rng.randrange(9)}"]),
        "summary": "A short summary.",
        "company": rng.choice(["Acme", "Globex"]),
        "remote": rng.choice(["true", "false"]),
        "apply_url": rng.choice(["https://example.com/apply", "jobs@example.com"]),
    }[key]


def _unique_keys(lines: list[str]) -> list[str]:
    seen, out = set(), []
    for line in lines:
        key = line.split("=", 1)[0].strip()
        if key not in seen:
            seen.add(key)
            out.append(line)
    return out


def edit_project(rng: random.Random, dest: Path) -> None:
    """One random change, as an editor or a ``git pull`` would make it."""
    jobs = dest / "content" / "jobs"
    files = sorted(p for p in jobs.rglob("*") if p.is_file())
    roll = rng.random()
    if roll < 0.3 or not files:
        write_posting(rng, jobs, rng.randrange(1000, 2000))
    elif roll < 0.5:
        rng.choice(files).unlink()
    elif roll < 0.9:
        target = rng.choice(files)
        with open(target, "ab") as f:
            f.write(rng.choice([b"\nOne more line.\n", b"\n- 2 years of SQL\n", b"\xff", b"\n---\n"]))
    else:
        path = dest / "templates" / "posting.html"
        path.write_text(path.read_text() + "\n<!-- edited -->\n")
