"""Tagging, first version: skills from the vocabulary, experience years mapped to levels."""

from __future__ import annotations

import pytest

from careers.posting.clean import clean_html
from careers.posting.tagging import decide_level, extract_experience, extract_skills, load_vocabulary

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
    ("seed", "level"), list(zip(SEEDS, SEED_LEVELS, strict=True)), ids=lambda v: getattr(v, "name", v)
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


def test_programming_language_marks_and_dots() -> None:
    found = skills("<p>Experience with C++, C#, .NET, ASP.NET MVC and Node.js required.</p>")
    assert set(found) == {"C++", "C#", ".NET", "ASP.NET", "Node.js"}


def test_ambiguous_terms_need_context() -> None:
    assert "Go" not in skills("<p>Go above and beyond for our customers. Go-to-market plans.</p>")
    assert "Go" in skills("<p>Backend services in Go and Python.</p>")
    assert "Computer Networking" in skills("<p>Networking skills: TCP/IP, routing and switching.</p>")
    assert "Leadership" not in skills("<p>Report to the leadership team.</p>")


def test_normalized_text_is_matched() -> None:
    found = skills(
        "<p>3\u20135 years\u2019 experience with Microsoft\u00a0Excel and e\u2011mail marketing</p>"
    )
    assert "Microsoft Excel" in found


def test_each_skill_keeps_its_words_and_phrase() -> None:
    sections = clean_html("<ul><li>Experience with SFDC; Python is a plus.</li></ul>", "T").sections
    tags = {t.name: t for t in extract_skills(sections, VOCAB)}
    assert (tags["Salesforce"].term, tags["Salesforce"].phrase) == ("SFDC", "Experience with SFDC")
    assert tags["Salesforce"].required and not tags["Python"].required


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_seed_tags_a_recruiter_would_not_call_wrong(seed) -> None:
    cleaned = clean_html(seed.read_text(encoding="utf-8"))
    tags = extract_skills(cleaned.sections, VOCAB)
    by_name = {t.name: t for t in tags}
    assert all("excel at" not in t.term.lower() for t in tags)
    if "Microsoft Excel" in by_name:
        assert "excel at" not in by_name["Microsoft Excel"].phrase.lower()
    networking = by_name.get("Computer Networking")
    assert networking is None or "networking events" not in networking.phrase
    assert "Leadership" not in by_name or "leadership team" not in by_name["Leadership"].phrase
