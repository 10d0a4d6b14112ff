"""Tagging, first version: skills from the vocabulary, experience years mapped to levels."""

from __future__ import annotations

import pytest

from careers.clean import clean_html
from careers.tagging import decide_level, extract_experience, extract_skills, load_vocabulary

from .conftest import SEEDS

VOCAB = load_vocabulary()


def skills(html: str) -> dict[str, bool]:
    return {t.name: t.required for t in extract_skills(clean_html(html, "T").sections, VOCAB)}


def test_aliases_are_one_tag_and_longest_match_wins() -> None:
    found = skills("<ul><li>Salesforce.com and SFDC</li><li>Salesforce CRM daily</li></ul>")
    assert found == {"Salesforce": True}


def test_case_sensitive_product_names() -> None:
    assert skills("<p>You excel at traveling and word of mouth.</p>") == {}
    assert skills("<p>Proficient with Microsoft Word, Excel and Outlook.</p>") == {
        "Microsoft Excel": True,
        "Microsoft Outlook": True,
        "Microsoft Word": True,
    }


def test_preferred_by_section_or_clause() -> None:
    found = skills(
        "<p><b>Requirements</b></p><ul><li>SQL</li><li>Python a plus</li></ul>"
        "<p><b>Nice to have</b></p><ul><li>Salesforce</li></ul>"
    )
    assert found == {"SQL": True, "Python": False, "Salesforce": False}


def test_networking_events_are_not_computer_networking() -> None:
    assert "Computer Networking" not in skills("<p>Attending networking events and conferences.</p>")


SEED_LEVELS = ["associate", "entry", "associate", "associate", "associate"]


@pytest.mark.parametrize(
    ("seed", "level"), zip(SEEDS, SEED_LEVELS, strict=True), ids=lambda v: getattr(v, "name", v)
)
def test_seed_levels(seed, level: str) -> None:
    cleaned = clean_html(seed.read_text(encoding="utf-8"))
    assert extract_experience(cleaned.title or "", cleaned.sections).level == level


@pytest.mark.parametrize(
    ("title", "months", "level"),
    [
        ("Sales Intern", 0, "internship"),
        ("Director of Sales", 36, "director"),
        ("Senior Account Manager", 24, "mid_senior"),
        ("Account Manager", None, None),
        ("Lead Generation Specialist", 12, "entry"),
        ("Funeral Director", 24, "associate"),
    ],
)
def test_level_from_title_and_months(title: str, months: int | None, level: str | None) -> None:
    assert decide_level(title, months) == level
