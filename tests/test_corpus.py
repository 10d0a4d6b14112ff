"""The real postings in every shape, built as a site and scored against their labels.

``tests/data/postings/`` is a copy of the labelled corpus (86 real postings from public
sources, labelled by the conventions in its README) and ``tests/tools/score_postings.py`` a
copy of its scorer. The floors sit a little under what the cleaner and tagger reach today, so
a change that loses headings, experience, levels, education or skills on real postings fails
here, whichever posting it loses them on.
"""

from __future__ import annotations

import importlib.util
import shutil
from types import ModuleType
from typing import Any

import pytest

from careers.config import load_config
from careers.engine import Options, build

from .conftest import DATA, ROOT

POSTINGS = DATA / "postings"
FLOORS = {  # measure → the least share the corpus may score
    "experience months exact": 0.92,
    "level": 0.70,
    "education required": 0.74,
    "skills found": 0.72,
    "tags that match a label": 0.58,
    "headings found": 0.96,
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
    assert report.postings >= 86
    counts, misses, _ = _scorer().score(project / "site", POSTINGS / "gold.json", POSTINGS)
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
    """Every word of a source is still on its page (the furniture a board adds aside)."""
    counts, misses = scores
    assert counts["words_lost"] <= counts["words"] // 500, [m for m in misses if "source words" in m][:20]
