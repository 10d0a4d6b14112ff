#!/usr/bin/env python3
"""Learn the line classifier's weights from the labelled headings (``tools/line_classifier.py``).

    python tools/train_lines.py                  # trained on tests/data/postings: the weights
    python tools/train_lines.py --variant stacked --out weights.json

Every labelled posting is read by the cleaner up to where the classifier decides; each short
line (``classifier.is_candidate``) is an example, labelled a heading when its text is one of the
headings its label keeps (equal-opportunity headings, which labels never keep, are left out).
A logistic model is fitted by gradient descent (Adagrad, L2) in plain Python: a few thousand
examples, a few dozen features. ``bench/corpus.py --learned`` trains it once per source family,
without that family, to measure what a source never seen gets; the product uses the hand rules.

Variants: ``learned`` decides every candidate from the line's own features, in place of the
hand rules that say a line is a heading (``heading``, ``item-labels``, ``headings-in-context``);
``stacked`` keeps every hand rule and lets the model correct their decision (which it sees).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import line_classifier as classifier  # noqa: E402

from careers.config_clean import CleanRules  # noqa: E402
from careers.posting.clean.headings import clean_heading, heading_kind  # noqa: E402
from careers.posting.clean.line import Document, Line  # noqa: E402
from careers.posting.clean.lines import segment_lines  # noqa: E402
from careers.posting.clean.markup import parse_body, unescape_markup  # noqa: E402
from careers.posting.clean.page import read_page, without_http_head  # noqa: E402
from careers.posting.clean.registry import read_lines  # noqa: E402
from careers.posting.clean.walk import walk  # noqa: E402
from careers.sources.source import parse_source  # noqa: E402

POSTINGS = ROOT / "tests" / "data" / "postings"
EPOCHS, RATE, L2 = 150, 0.5, 1e-3


def _norm() -> Any:
    spec = importlib.util.spec_from_file_location(
        "score_postings", ROOT / "tests" / "tools" / "score_postings.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.norm


def candidates(source_path: Path, name: str) -> list[tuple[list[str], str]]:
    """The features and text of every line the classifier would decide in one posting."""
    source = parse_source(source_path.read_bytes(), source_path, source_path.name)
    html = without_http_head(source.body)
    soup = parse_body(html)
    unescape_markup(soup, html)
    page = read_page(soup, html, CleanRules())
    segments = walk(page.root).segments
    found: list[tuple[list[str], str]] = []

    def capture(lines: list[Line], doc: Document) -> list[Line]:
        for i, line in enumerate(lines):
            if classifier.is_candidate(line):
                prev, nxt = lines[i - 1] if i else None, lines[i + 1] if i + 1 < len(lines) else None
                found.append((classifier.features(line, prev, nxt, i, name == "stacked"), line.text))
        return lines

    with classifier.variant(name, capture):
        read_lines(segment_lines(segments), source.meta.get("title") or page.title or page.facts.title)
    return found


def examples(
    postings: Path, gold: list[dict[str, Any]], name: str = "learned"
) -> list[tuple[list[str], int]]:
    """Labelled examples from the postings ``gold`` labels (1: a heading the label keeps)."""
    norm = _norm()
    out = []
    for label in gold:
        path = postings / label["file"]
        if not path.is_file():
            continue
        wanted = {norm(h) for h in label.get("sections", [])}
        for found, text in candidates(path, name):
            if heading_kind(clean_heading(text)) == "equal_opportunity":
                continue  # labels never keep these headings, nor say they are not headings
            out.append((found, int(norm(clean_heading(text)) in wanted)))
    return out


def train(data: list[tuple[list[str], int]]) -> dict[str, float]:
    """Logistic regression by full-batch gradient descent with Adagrad and L2."""
    weights: dict[str, float] = {}
    squares: dict[str, float] = {}
    for _ in range(EPOCHS):
        grad: dict[str, float] = {}
        for found, label in data:
            error = classifier.probability(found, weights) - label
            for f in found:
                grad[f] = grad.get(f, 0.0) + error
        for f, g in grad.items():
            g = g / len(data) + L2 * weights.get(f, 0.0)
            squares[f] = squares.get(f, 0.0) + g * g
            weights[f] = weights.get(f, 0.0) - RATE * g / (math.sqrt(squares[f]) + 1e-8)
    return {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) >= 1e-4}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=Path, default=POSTINGS)
    parser.add_argument("--variant", choices=sorted(classifier.REPLACED), default="learned")
    parser.add_argument("--out", type=Path, help="write the weights here (JSON)")
    args = parser.parse_args()
    gold = json.loads((args.postings / "gold.json").read_text(encoding="utf-8"))
    data = examples(args.postings, gold, args.variant)
    weights = train(data)
    positives = sum(label for _, label in data)
    print(f"{len(weights)} weights from {len(data)} lines ({positives} headings); the strongest:")
    for name, weight in sorted(weights.items(), key=lambda w: -abs(w[1]))[:15]:
        print(f"  {weight:+.2f}  {name}")
    if args.out:
        made = {"variant": args.variant, "examples": len(data), "weights": weights}
        args.out.write_text(json.dumps(made, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
