"""Helpers for the import tests: a fresh site, the fixtures, the CLI, and what a page says."""

from __future__ import annotations

import collections
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from careers.config import load_config
from careers.engine import Options, build
from careers.shell import cli

from .conftest import DATA, scorer

words = scorer().words  # the corpus scorer's, so an import loses words as the corpus measures

ATS = DATA / "ats"
DAY = dt.date(2026, 8, 20)
CONFIG = """title = "Careers at Acme"
company = "Acme"
base_url = "https://jobs.acme.example/"
apply_email = "jobs@acme.example"
max_age_days = 0  # the board says when a job closes: the import closes it the day it leaves
"""


def new_site(root: Path) -> Path:
    (root / "content" / "jobs").mkdir(parents=True)
    (root / "careers.toml").write_text(CONFIG)
    return root


def run_import(
    root: Path, capsys: pytest.CaptureFixture[str], *args: str | Path, day: dt.date = DAY
) -> tuple[int, str, str]:
    code = cli.main(["-C", str(root), "import", *map(str, args), "--now", day.isoformat()])
    out, err = capsys.readouterr()
    return code, out, err


def build_site(root: Path, day: dt.date = DAY) -> Path:
    report = build(load_config(root), Options(now=day, cache=False))
    assert not [d for d in report.diagnostics if d.level == "error"], report.diagnostics
    return root / "site"


def content_bytes(root: Path) -> dict[str, bytes]:
    folder = root / "content"
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def load(relpath: str) -> Any:
    return json.loads((ATS / relpath).read_text(encoding="utf-8"))


def save(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def job_postings(site: Path) -> dict[str, dict[str, Any]]:
    """Each open posting page's JobPosting, by its title."""
    found = {}
    for page in sorted((site / "jobs").glob("*/index.html")):
        match = re.search(
            r'<script type="application/ld\+json">\s*(.*?)\s*</script>', page.read_text(encoding="utf-8")
        )
        if match:
            data = json.loads(match.group(1))
            found[data["title"]] = {**data, "_page": page}
    return found


# Inline elements split no word in a browser ("behavioral d<span>atasets</span>" reads "datasets"),
# where the scorer's reader breaks words at every tag.
_INLINE = re.compile(r"</?(?:span|strong|b|em|i|u|a|font)\b[^>]*>", re.IGNORECASE)


def lost_words(description: str, page: Path) -> list[str]:
    """The words of ``description`` (HTML) that the page does not show (the corpus scorer's check)."""
    need = collections.Counter(words(_INLINE.sub("", description)))
    have = collections.Counter(words(_INLINE.sub("", page.read_text(encoding="utf-8"))))
    return sorted((need - have).elements())
