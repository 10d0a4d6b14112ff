"""The learned line classifier the bench weighs against the hand rules (``tools/``): it learns,
from labelled postings, what a heading looks like, and leaves the registry as it found it."""

from __future__ import annotations

import json
import sys

from careers.model import Run
from careers.posting.clean.line import Line
from careers.posting.clean.registry import CONTEXT_RULES, LINE_RULES

from .conftest import DATA, ROOT

sys.path.insert(0, str(ROOT / "tools"))
import line_classifier
import train_lines


def test_trained_on_labelled_postings_it_tells_a_heading_from_a_sentence() -> None:
    gold = json.loads((DATA / "postings" / "gold.json").read_text(encoding="utf-8"))[:40]
    data = train_lines.examples(DATA / "postings", gold)
    assert sum(label for _, label in data) > 50 and len(data) > 200
    weights = train_lines.train(data)
    heading = Line("para", (Run("Key Responsibilities", True),))
    sentence = Line("para", (Run("You will keep the warehouse clean and safe."),))
    after = Line("item", (Run("Load the vans"),))
    assert line_classifier.probability(line_classifier.features(heading, None, after, 3), weights) > 0.5
    assert line_classifier.probability(line_classifier.features(sentence, None, after, 3), weights) < 0.5


def test_the_variants_leave_the_registry_as_they_found_it() -> None:
    before = [r.name for r in (*LINE_RULES, *CONTEXT_RULES)]
    with line_classifier.classifying("learned", {}):
        names = [r.name for r in (*LINE_RULES, *CONTEXT_RULES)]
        assert "learned-headings" in names and "headings-in-context" not in names
    assert [r.name for r in (*LINE_RULES, *CONTEXT_RULES)] == before
