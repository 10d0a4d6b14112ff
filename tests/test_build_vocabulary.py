"""tools/build_vocabulary.py on a tiny copy of the shared taxonomies (tests/data/vocab/)."""

from __future__ import annotations

import hashlib
import json
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from careers.posting.tagging.vocabulary import check_spellings, read_skills

from .conftest import DATA, ROOT

sys.path.insert(0, str(ROOT / "tools"))
import build_vocabulary

FIXTURE = DATA / "vocab"
SHARED = ROOT.parent / "shared" / "vocab"


@pytest.fixture(scope="module")
def built() -> dict[str, str]:
    return build_vocabulary.build(FIXTURE)


@pytest.fixture(scope="module")
def skills(built: dict[str, str]) -> dict[str, dict[str, Any]]:
    return {s["name"]: s for s in tomllib.loads(built["skills.toml"])["skill"]}


def test_output_is_what_the_package_reads(built: dict[str, str]) -> None:
    text = built["skills.toml"]
    data = tomllib.loads(text)
    check_spellings(read_skills(data["skill"], "skills.toml", text), "skills.toml", text)
    compiled = json.loads(built["skills.json"])
    assert compiled["toml_sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert sorted(row[0] for row in compiled["skills"]) == sorted(s["name"] for s in data["skill"])
    assert build_vocabulary.build(FIXTURE) == built  # the same inputs give the same bytes


def test_every_source_is_credited_as_its_licence_asks(built: dict[str, str]) -> None:
    notice, header = built["NOTICE"], built["skills.toml"][:2000]
    for credit in ("O*NET 29.2 Database", "CC BY 4.0", "ESCO classification of the European Commission"):
        assert credit in notice and credit in header
    assert "Copyright (c) 2017 GitHub, Inc." in notice and "Permission is hereby granted" in notice


def test_vendor_style_names_become_what_a_recruiter_writes(skills: dict[str, dict[str, Any]]) -> None:
    # "Autodesk AutoCAD", "Atlassian JIRA": the curated names win, the vendor form is a spelling.
    assert "Autodesk AutoCAD" in skills["AutoCAD"]["aliases"]
    assert "Atlassian JIRA" in skills["Jira"]["aliases"] or "Atlassian Jira" in skills["Jira"]["aliases"]
    assert "Structured query language SQL" in skills["SQL"]["aliases"]
    assert skills["Oscilloscope"] == {
        "name": "Oscilloscope",
        "category": "Trades & maintenance",
        "source": "onet",
        "aliases": ["Oscilloscopes"],
    }


def test_categories_rare_products_and_everyday_tools_are_left_out(skills: dict[str, dict[str, Any]]) -> None:
    # "Spreadsheet software" is a kind of software; two occupations name Fox Meadows' product;
    # a claw hammer is a tool, not a skill to tag on.
    assert not {"Spreadsheet", "Spreadsheet software", "Fox Meadows Accent Data Manager"} & set(skills)
    assert not any("hammer" in name.lower() for name in skills)


def test_esco_knowledge_is_taken_and_its_competences_are_not(skills: dict[str, dict[str, Any]]) -> None:
    assert skills["Vascular surgery"]["category"] == "Healthcare"
    assert skills["Contract Law"]["source"] == "curated"  # the overlay already had it
    assert not {"Manage staff", "Types of fuels", "Logic"} & set(skills)


def test_a_language_or_an_everyday_word_needs_its_context(skills: dict[str, dict[str, Any]]) -> None:
    assert skills["Hungarian"]["ambiguous"] == ["Hungarian"] and "fluen" in skills["Hungarian"]["context"]
    assert skills["Scheme"]["exact"] == ["Scheme"] and "programming" in skills["Scheme"]["context"]
    assert "Brainfuck" not in skills


def test_check_fails_on_stale_output_and_passes_on_fresh(tmp_path: Path) -> None:
    out = tmp_path / "data"
    assert build_vocabulary.main([str(FIXTURE), "--out", str(out), "--check"]) == 1
    assert build_vocabulary.main([str(FIXTURE), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["NOTICE", "skills.json", "skills.toml"]
    assert build_vocabulary.main([str(FIXTURE), "--out", str(out), "--check"]) == 0


def test_a_folder_that_is_not_a_vocabulary_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build_vocabulary.main([str(tmp_path)]) == 2
    assert "not a vocabulary folder" in capsys.readouterr().err


@pytest.mark.skipif(not (SHARED / "onet").is_dir(), reason="no shared taxonomies next to this checkout")
def test_committed_vocabulary_is_what_the_shared_taxonomies_give() -> None:
    assert build_vocabulary.main([str(SHARED), "--check"]) == 0


def test_a_name_carries_the_acronym_it_is_known_by(skills: dict[str, dict[str, Any]]) -> None:
    # One name a job seeker reads either way; the skill's address and old name stay.
    bls = skills["Basic Life Support (BLS)"]
    assert bls["slug"] == "basic-life-support" and "Basic Life Support" in bls["aliases"]
    assert "Search Engine Optimization (SEO)" in skills
    # Two letters say little beside the name and often mean something else ("QA", "CI").
    assert "Quality Assurance" in skills and "Quality Assurance (QA)" not in skills
    # An acronym that is not the name's initials is no gloss of it.
    assert not any(name.startswith("Google Analytics (") for name in skills)


def test_an_acronym_another_skill_owns_does_not_pull_a_different_thing_into_it() -> None:
    # O*NET's "Property management system PMS" is not Post-Market Surveillance (which owns "PMS");
    # "Computer numerical control CNC" is CNC Machining, named by the acronym itself.
    from vocabulary.merge import Registry
    from vocabulary.sources import Candidate

    registry = Registry([])
    registry.add_curated(Candidate("Post-Market Surveillance", "Quality", "curated", exact=["PMS"]))
    registry.add_curated(Candidate("CNC Machining", "Manufacturing", "curated", exact=["CNC"]))
    registry.offer(Candidate("PMS", "Software", "onet", ["Property management system PMS software"]))
    registry.offer(Candidate("CNC", "Software", "onet", ["Computer numerical control"]))
    names = {e.name: e for e in registry.entries()}
    assert "Property management system" in names
    assert names["Post-Market Surveillance"].aliases == []
    assert "Computer numerical control" in names["CNC Machining"].aliases


def test_a_spelling_pair_where_one_extends_the_other_changes_whole_words_only() -> None:
    from vocabulary.merge import spelling_variants

    variants = spelling_variants([["programme", "program"]])
    assert variants("EHS programs") == ["EHS programmes"]
    assert variants("CNC programming") == []  # not "CNC programmeming"


def test_a_company_then_its_product_in_capitals_is_the_product() -> None:
    # "Scientific Software International HLM" was a skill named "International", which then took
    # ESCO's "International law" in; the product is HLM, and the law is its own skill.
    from vocabulary.sources import onet_name

    rules = build_vocabulary.load_rules()["onet"]
    found = onet_name("Scientific Software International HLM", rules)
    assert found is not None and found.name == "HLM"
    assert found.aliases == ["Scientific Software International HLM"]
    other = onet_name("Structured query language SQL", rules)
    assert other is not None and other.name == "SQL"
