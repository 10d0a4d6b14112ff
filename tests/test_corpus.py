"""The real postings in every shape, built as a site and scored against their labels.

``tests/data/postings/`` is a copy of the labelled corpus (187 real postings from 25 source
families, labelled by the conventions in its README) and ``tests/tools/score_postings.py`` a
copy of its scorer. The floors sit a little under what the cleaner and tagger reach today, so
a change that loses headings, experience, levels, education or skills on real postings fails
here, whichever posting it loses them on. ``bench/corpus.py`` prints the same figures per
source family and what a family never seen gets.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from types import ModuleType
from typing import Any

import pytest

from careers.config import load_config
from careers.engine import Options, build

from .conftest import DATA, ROOT

POSTINGS = DATA / "postings"
# A page saved whole: its navigation and the board's chrome are not the posting's words.
WHOLE_PAGE = re.compile(r"<html[\s>]", re.IGNORECASE)
FLOORS = {  # measure → the least share the corpus may score
    "experience months exact": 0.93,
    "level": 0.96,
    "education required": 0.97,
    "skills found": 0.65,
    "tags that match a label": 0.61,
    "headings found": 0.93,
}


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "score_postings", ROOT / "tests" / "tools" / "score_postings.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], list[str]]:
    project = tmp_path_factory.mktemp("corpus")
    jobs = project / "content" / "jobs"
    jobs.mkdir(parents=True)
    for source in POSTINGS.iterdir():
        if source.suffix in (".html", ".md", ".txt"):
            shutil.copy(source, jobs / source.name)
    shutil.copy(ROOT / "careers.toml", project / "careers.toml")
    report = build(load_config(project, {"output_dir": str(project / "site")}), Options(cache=False))
    assert report.postings >= 187
    counts, misses, per = _scorer().score(project / "site", POSTINGS / "gold.json", POSTINGS)
    saved_pages = {p.name for p in POSTINGS.iterdir() if WHOLE_PAGE.search(p.read_text(errors="replace"))}
    counts["words_lost"] = sum(row.get("words_lost", 0) for row in per if row["file"] not in saved_pages)
    return counts, misses


def _shares(c: dict[str, Any]) -> dict[str, float]:
    n = c["postings"] - c["missing"]
    return {
        "experience months exact": c["exp_ok"] / n,
        "level": c["level_ok"] / c["level_n"],
        "education required": c["edu_ok"] / n,
        "skills found": c["skill_hit"] / c["skill_n"],
        "tags that match a label": c["tags_right"] / c["tags"],
        "headings found": c["head_hit"] / c["head_n"],
    }


@pytest.mark.parametrize("measure", FLOORS)
def test_real_postings_keep_their_score(scores: tuple[dict[str, Any], list[str]], measure: str) -> None:
    counts, misses = scores
    share = _shares(counts)[measure]
    related = [m for m in misses if measure.split()[0][:5] in m]
    assert share >= FLOORS[measure], f"{measure}: {share:.0%}; misses:\n" + "\n".join(related[:30])


def test_every_labelled_posting_is_published(scores: tuple[dict[str, Any], list[str]]) -> None:
    counts, _ = scores
    assert counts["missing"] == 0


def test_no_posting_loses_its_words(scores: tuple[dict[str, Any], list[str]]) -> None:
    """Every word of a source is still on its page (pages saved whole, whose furniture goes, aside).

    The scorer counts as lost what the page shows otherwise: the numbers of a numbered list read
    as one (``<ol>``), labels glued to their values ("NameJane Doe" shown as "Name: Jane Doe").
    """
    counts, misses = scores
    assert counts["words_lost"] <= counts["words"] // 300, [m for m in misses if "source words" in m][:20]
