"""The skills vocabulary: the built-in file, a site's file merged over it, and its errors."""

from __future__ import annotations

import itertools
import pickle
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careers.posting.clean import clean_html
from careers.posting.tagging import VocabularyError, extract_skills, load_vocabulary, skills_from_names

BUILTIN = load_vocabulary()
CATEGORIES = {
    "Sales & account management", "Software & data", "IT & networking", "Cloud", "Security", "Healthcare",
    "Finance & accounting", "Marketing", "Design", "Operations & logistics", "Retail & customer service",
    "Languages", "Certifications & licences", "Soft skills",
}  # fmt: skip


def names(vocab: object, html: str) -> set[str]:
    return {t.name for t in extract_skills(clean_html(html, "T").sections, vocab)}  # type: ignore[arg-type]


def site(tmp_path: Path, text: str, name: str = "skills.toml") -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path / "skills.toml"


def test_builtin_vocabulary_covers_every_field_a_careers_site_needs() -> None:
    counts = Counter(s.category for s in BUILTIN.skills)
    assert len(BUILTIN.skills) >= 400
    assert set(counts) >= CATEGORIES
    assert all(counts[c] >= 10 for c in CATEGORIES), counts
    assert len({s.slug for s in BUILTIN.skills}) == len(BUILTIN.skills)


def test_fingerprint_is_stable_and_follows_the_data(tmp_path: Path) -> None:
    assert load_vocabulary().fingerprint == BUILTIN.fingerprint
    assert len(BUILTIN.fingerprint) == 64
    changed = load_vocabulary(site(tmp_path, 'suppress = ["Go"]\n'))
    assert changed.fingerprint != BUILTIN.fingerprint


def test_site_adds_renames_aliases_suppresses_and_ignores(tmp_path: Path) -> None:
    vocab = load_vocabulary(
        site(
            tmp_path,
            'suppress = ["Cold Calling"]\nignore = ["python team"]\n'
            '[rename]\n"Microsoft Excel" = "Excel"\n'
            '[aliases]\n"Salesforce" = ["SF.com"]\n'
            '[[skill]]\nname = "Procore"\ncategory = "Construction software"\n'
            'aliases = ["Procore Technologies"]\n',
        )
    )
    found = names(vocab, "<p>Procore, SF.com, Microsoft Excel, cold calling and the Python team.</p>")
    assert found == {"Procore", "Salesforce", "Excel"}
    assert vocab.get("Microsoft Excel").name == "Excel"  # type: ignore[union-attr]
    assert vocab.get("Procore").category == "Construction software"  # type: ignore[union-attr]


def test_site_file_may_be_yaml(tmp_path: Path) -> None:
    extra = site(
        tmp_path, "skill:\n  - name: Procore\n    category: Construction\nsuppress: [Python]\n", "skills.yml"
    )
    vocab = load_vocabulary(extra)
    assert names(vocab, "<p>Procore and Python</p>") == {"Procore"}


def test_unknown_references_are_errors_with_their_line(tmp_path: Path) -> None:
    extra = site(tmp_path, 'suppress = ["Cobol Wizardry"]\n\n[rename]\n"Exel" = "Excel"\n')
    with pytest.raises(VocabularyError) as caught:
        load_vocabulary(extra)
    lines = str(caught.value).splitlines()
    assert lines == [
        f"{extra.as_posix()}:1: error: suppress: no skill named 'Cobol Wizardry'",
        f"{extra.as_posix()}:4: error: rename: no skill named 'Exel'",
    ]


def test_a_spelling_may_not_mean_two_skills(tmp_path: Path) -> None:
    extra = site(tmp_path, '[[skill]]\nname = "Sales Cloud"\naliases = ["SFDC"]\n')
    with pytest.raises(VocabularyError, match="'sfdc' is a spelling of both"):
        load_vocabulary(extra)


def test_malformed_entries_are_reported_together(tmp_path: Path) -> None:
    extra = site(tmp_path, '[[skill]]\ncategory = "X"\n\n[[skill]]\nname = "Y"\naliase = ["y"]\n')
    with pytest.raises(VocabularyError) as caught:
        load_vocabulary(extra)
    assert len(caught.value.diagnostics) == 2
    assert "unknown key 'aliase'" in str(caught.value)


def test_front_matter_names_find_skills_by_any_spelling() -> None:
    tags, unknown = skills_from_names(["sfdc", "python", "Underwater Basket Weaving"], BUILTIN)
    assert [t.name for t in tags] == ["Python", "Salesforce", "Underwater Basket Weaving"]
    assert unknown == ["Underwater Basket Weaving"]


def test_vocabulary_survives_pickling_for_worker_processes() -> None:
    copy = pickle.loads(pickle.dumps(BUILTIN))
    assert copy.fingerprint == BUILTIN.fingerprint
    assert names(copy, "<p>SFDC and C++</p>") == {"Salesforce", "C++"}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcSQLExcel+#.-/ \u0130\u00e9C")), max_size=60))
def test_matches_are_whole_words_without_overlap(text: str) -> None:
    hits = BUILTIN.matcher.find(text)
    for before, after in itertools.pairwise(hits):
        assert before.end <= after.start
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text
        assert hit.start == 0 or not (text[hit.start - 1].isalnum() or text[hit.start - 1] in "_+#@-")
        assert hit.end == len(text) or not (text[hit.end].isalnum() or text[hit.end] in "_+#")
