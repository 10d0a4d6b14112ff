"""Golden files: the cleaned form of every seed, reviewed as diffs.

Regenerate only on purpose, with ``python -m pytest tests/test_golden.py --update-golden``,
and read the diff before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from careers.posting.clean import clean_html
from careers.posting.html import blocks_html

from .conftest import SEEDS

GOLDEN = Path(__file__).resolve().parent / "golden"


def render_cleaned(html: str) -> str:
    cleaned = clean_html(html)
    lines = [f"title: {cleaned.title}"]
    for section in cleaned.sections:
        lines.append(f"\n## {section.heading or '(untitled)'} [{section.kind}]")
        lines.append(blocks_html(section))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_cleaned_seed_matches_golden(seed: Path, update_golden: bool) -> None:
    golden = GOLDEN / (seed.stem + ".txt")
    got = render_cleaned(seed.read_text(encoding="utf-8"))
    if update_golden:
        golden.write_text(got, encoding="utf-8")
        pytest.skip("golden file rewritten")
    assert golden.is_file(), f"no golden file: run pytest {__file__} --update-golden"
    assert got == golden.read_text(encoding="utf-8")
