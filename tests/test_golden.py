"""Golden files: the cleaned form of every seed and of a dozen real postings, reviewed as diffs.

Regenerate only on purpose, with ``python -m pytest tests/test_golden.py --update-golden``,
and read the diff before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from careers.posting.clean import clean_html
from careers.posting.html import blocks_html
from careers.sources.source import parse_source

from .conftest import DATA, SEEDS

GOLDEN = Path(__file__).resolve().parent / "golden"
# Real postings (tests/data/postings/, see its README and SOURCES.md), one or two of each shape.
CORPUS = [
    DATA / "postings" / name
    for name in (
        "008_ambulance-driver.html",  # NHS: bold headings, a person specification
        "030_porter.html",  # NHS: a metadata block, lead-ins without colons, a list that swallowed the rest
        "031_occupational-therapist.html",  # NHS: labels as list items, a heading glued to an item
        "038_behavior-technician-rbt.html",  # Ashby: a bold <br> metadata block, sections in bold
        "050_director-treasury.html",  # Ashby: nested lists whose bold items label groups
        "070_senior-quality-engineer.html",  # Workday: flattened text, inline bullets
        "072_intern-software-development-engineer-pset-idl-en.html",  # Workday: flattened, a requisition id
        "087_mayflower-desk-clerk-lead-mayflower-ui-student-w.html",  # university: text lines after <h2>s
        "100_human-resources-manager.md",  # Markdown with backslash line breaks and bold sub-headings
        "107_business-intelligence-officer.html",  # LinkedIn: Markdown marks in text, a metadata list
        "111_lead-certified-clinical-laboratory-scientist-sat.html",  # Glassdoor: lines without bullets
        "114_data-scientist.html",  # Glassdoor: inline "- " and "?" bullets after lead-ins
    )
]


def render_cleaned(html: str, title: str | None = None) -> str:
    cleaned = clean_html(html, title)
    lines = [f"title: {cleaned.title}"]
    facts = {k: v for k, v in vars(cleaned.facts).items() if v}
    if facts:
        lines.append(f"facts: {facts}")
    for section in cleaned.sections:
        lines.append(f"\n## {section.heading or '(untitled)'} [{section.kind}]")
        lines.append(blocks_html(section))
    return "\n".join(lines) + "\n"


def check(golden: Path, got: str, update: bool) -> None:
    if update:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(got, encoding="utf-8")
        pytest.skip("golden file rewritten")
    assert golden.is_file(), f"no golden file: run pytest {__file__} --update-golden"
    assert got == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_cleaned_seed_matches_golden(seed: Path, update_golden: bool) -> None:
    check(GOLDEN / (seed.stem + ".txt"), render_cleaned(seed.read_text(encoding="utf-8")), update_golden)


@pytest.mark.parametrize("posting", CORPUS, ids=lambda p: p.stem[:3])
def test_cleaned_real_posting_matches_golden(posting: Path, update_golden: bool) -> None:
    source = parse_source(posting.read_bytes(), posting, posting.name)
    title = source.meta.get("title")
    got = render_cleaned(source.body, title if isinstance(title, str) else None)
    check(GOLDEN / "postings" / (posting.stem + ".txt"), got, update_golden)
