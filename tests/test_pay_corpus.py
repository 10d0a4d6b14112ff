"""The labelled real postings linted by the pay-transparency rules and the advice: a snapshot.

Each posting is checked where it says it is and as if it were posted fully remote in the US, in
Canada, and in Berlin (most state no place of their own), with no headcount stated, on
2026-12-01. ``tests/data/pay_laws/corpus_snapshot.json`` records which rules each fails and
which advice it gets; a change in the rules, the salary reader or the cleaner shows as a diff.
Regenerate on purpose, from ``../shared/corpus/postings`` when it is beside this checkout, with
``python -m pytest tests/test_pay_corpus.py --update-golden``, and read the diff.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from careers.advice.advise import posting_advice
from careers.config import Config
from careers.law.report import law_findings
from careers.posting.process import process_source
from careers.posting.tagging.vocabulary_files import load_vocabulary
from careers.sources.source import parse_source

from .conftest import DATA, ROOT

SNAPSHOT = DATA / "pay_laws" / "corpus_snapshot.json"
SHARED = ROOT.parent / "shared" / "corpus" / "postings"
TODAY = dt.date(2026, 12, 1)
# Where each posting is linted: as it says, and as if posted in these places.
PLACES = {
    "own": None,
    "remote_us": "Remote (US)",
    "remote_ca": "Remote (Canada)",
    "berlin": "Berlin, Germany",
}
# What each piece of advice is called in the snapshot, by how its line starts or what it holds.
ADVICE = (
    ("coded", "coded wording"),
    ("requirements", "requirements ("),
    ("years", "asks for"),
    ("location", "no location"),
    ("pay", "no pay"),
    ("length", "words:"),
    ("grade", "reads at"),
)


def lint(path: Path, vocab: Any) -> dict[str, list[str]] | None:
    """Which rules the posting at ``path`` fails in each place, and which advice it gets."""
    source = parse_source(path.read_bytes(), path, path.name)
    result = process_source(source, vocab, Config())
    if result.posting is None:
        return None
    posting = result.posting
    found: dict[str, list[str]] = {}
    for name, place in PLACES.items():
        moved = (
            posting if place is None else replace(posting, location=place, remote=place.startswith("Remote"))
        )
        found[name] = sorted({b.rule for b in law_findings(moved, Config(), TODAY)[0]})
    found["advice"] = sorted(
        {kind for _, text in posting_advice(posting) for kind, cue in ADVICE if cue in text}
    )
    return found


def summary(postings: dict[str, dict[str, list[str]] | None]) -> dict[str, dict[str, int]]:
    """How many postings fail each rule in each place, and get each piece of advice."""
    counts: dict[str, Counter[str]] = {name: Counter() for name in (*PLACES, "advice")}
    for found in postings.values():
        for name, rules in (found or {}).items():
            counts[name].update(rules)
    return {name: dict(sorted(count.items())) for name, count in counts.items()}


def postings_here() -> list[Path]:
    return sorted(p for p in (DATA / "postings").glob("[0-9]*.*"))


def test_the_corpus_snapshot_holds(update_golden: bool) -> None:
    vocab = load_vocabulary()
    if update_golden:
        folder = SHARED if SHARED.is_dir() else DATA / "postings"
        postings = {p.name: lint(p, vocab) for p in sorted(folder.glob("[0-9]*.*"))}
        data = {"today": str(TODAY), "places": PLACES, "summary": summary(postings), "postings": postings}
        SNAPSHOT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    snapshot = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    here = [p for p in postings_here() if p.name in snapshot["postings"]]
    assert len(here) >= 80  # the corpus copied into tests/data/postings
    now = {p.name: lint(p, vocab) for p in here}
    changed = {name: found for name, found in now.items() if found != snapshot["postings"][name]}
    assert changed == {}, "rerun with --update-golden and read the diff"
    if len(here) == len(snapshot["postings"]):
        assert summary({p.name: snapshot["postings"][p.name] for p in here}) == snapshot["summary"]


def test_the_snapshot_shows_the_rules_at_work() -> None:
    counts = json.loads(SNAPSHOT.read_text(encoding="utf-8"))["summary"]
    # Most real postings state no pay: as US-remote jobs, California's rule fails for most of them.
    postings = json.loads(SNAPSHOT.read_text(encoding="utf-8"))["postings"]
    assert counts["remote_us"]["CA.pay"] > len(postings) / 2
    assert counts["remote_ca"]["ON.existing_vacancy"] > 0 and counts["berlin"]["EU.pay_info"] > 0


@pytest.mark.parametrize("posting", ["038_behavior-technician-rbt.html"])
def test_a_posting_with_a_range_passes_the_pay_rules(posting: str) -> None:
    found = lint(DATA / "postings" / posting, load_vocabulary())
    assert found is not None
    assert not [rule for rule in found["remote_us"] if rule.endswith((".pay", ".open_end"))]
