"""The per-posting cache: faithful round trips, misses for anything stale or corrupt."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest

from careers.config import Config, load_config
from careers.engine.builder import build
from careers.engine.cache import PostingCache, content_digest, open_cache
from careers.engine.codec import decode_result, encode_result
from careers.errors import CareersError, Diagnostic
from careers.model import Education, Experience, ListBlock, Paragraph, Posting, Run, Salary, Section, SkillTag
from careers.posting.process import Result, process_source
from careers.posting.tagging import load_vocabulary
from careers.sources.source import read_source

from .conftest import ROOT

FULL = Posting(
    source="content/jobs/x.md",
    slug="x",
    title="Senior <Engineer>",
    sections=(
        Section(None, "summary", (Paragraph((Run("Hi "), Run("bold", strong=True), Run(" é", em=True))),)),
        Section(
            "Apply",
            "other",
            (ListBlock(((Run("mail", href="mailto:a@b.c"),), (Run("two"),)), ordered=True),),
        ),
    ),
    summary="Hi bold é",
    skills=(
        SkillTag("SQL", "sql", "Data", True, "SQL", "sql"),
        SkillTag("Go", "go", "Languages", False, "go"),
    ),
    experience=Experience(24, 60, False, "associate", "2-5 years", "2 years asked for"),
    education=Education("bachelor", True, True, "BS or equivalent experience", 48, "master"),
    company="Acme",
    location="Remote (US)",
    employment_type="FULL_TIME",
    remote=True,
    date_posted=dt.date(2026, 1, 2),
    valid_through=dt.date(2026, 2, 3),
    apply_url="https://acme.example/apply",
    salary=Salary("USD", 60000, 80000.5, "YEAR", "$60,000 – $80,000"),
    draft=True,
    digest="abc",
    reference="R-1234",
    details=(("Hours per week", "37"), ("Department", "Estates")),
)


def sample_results() -> list[Result]:
    config = load_config(ROOT)
    vocab = load_vocabulary()
    paths = sorted((ROOT / "content" / "jobs").iterdir())
    return [process_source(read_source(p, ROOT, 10**7), vocab, config) for p in paths]


def through_json(result: Result) -> Result:
    return decode_result(json.loads(json.dumps(encode_result(result))))


def test_every_field_survives_a_round_trip() -> None:
    result = Result(FULL, (Diagnostic("content/jobs/x.md", 3, "warning", "careful"),))
    assert through_json(result) == result
    assert through_json(Result(None, (Diagnostic("a.md", None, "error", "bad"),))) == Result(
        None, (Diagnostic("a.md", None, "error", "bad"),)
    )


def test_sample_postings_survive_a_round_trip() -> None:
    for result in sample_results():
        assert through_json(result) == result


def make_cache(tmp_path: Path) -> PostingCache:
    return open_cache(Config(root=tmp_path), load_vocabulary())


def test_store_then_load(tmp_path: Path) -> None:
    cache = make_cache(tmp_path)
    key = cache.key("content/jobs/x.md", content_digest(b"hello"))
    assert cache.load(key) is None
    cache.store(key, Result(FULL, ()))
    assert cache.load(key) == Result(FULL, ())
    assert cache.path(key).is_relative_to(tmp_path / ".cache")


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b"[]",
        b'{"format": 1}',
        b"\xff\xfe",
    ],
)
def test_a_corrupt_entry_is_a_miss(tmp_path: Path, damage: bytes) -> None:
    cache = make_cache(tmp_path)
    key = cache.key("content/jobs/x.md", content_digest(b"hello"))
    cache.store(key, Result(FULL, ()))
    cache.path(key).write_bytes(damage)
    assert cache.load(key) is None


def stored_entry(tmp_path: Path) -> tuple[PostingCache, str, str, str]:
    """A cache holding FULL, its key, and the entry's two lines (head, sections)."""
    cache = make_cache(tmp_path)
    key = cache.key("content/jobs/x.md", content_digest(b"hello"))
    cache.store(key, Result(FULL, ()))
    head, sections = cache.path(key).read_text().split("\n", 1)
    return cache, key, head, sections


def test_an_entry_with_a_wrong_shape_is_a_miss(tmp_path: Path) -> None:
    cache, key, head, sections = stored_entry(tmp_path)
    entry = json.loads(head)
    entry["result"]["posting"]["outline"][0][1] = "nonsense-kind"
    cache.path(key).write_text(json.dumps(entry) + "\n" + sections)
    assert cache.load(key) is None
    entry = json.loads(head)
    entry["key"] = "someone else's"
    cache.path(key).write_text(json.dumps(entry) + "\n" + sections)
    assert cache.load(key) is None


def test_damaged_sections_behind_a_sound_head_name_the_posting(tmp_path: Path) -> None:
    # The sections line is read only when a page shows them: damage there is an error that
    # says which posting and what to do, not a wrong page.
    cache, key, head, sections = stored_entry(tmp_path)
    cache.path(key).write_text(head + "\n" + sections[: len(sections) // 2])
    loaded = cache.load(key)
    assert loaded is not None and loaded.posting is not None
    assert len(loaded.posting.sections) == len(FULL.sections)  # from the outline, unparsed
    with pytest.raises(CareersError, match=r"content/jobs/x.md: its entry in the build cache is damaged"):
        list(loaded.posting.sections)


def test_entries_keep_sections_on_a_line_of_their_own(tmp_path: Path) -> None:
    cache, key, head, sections = stored_entry(tmp_path)
    assert "\n" not in sections
    assert "sections" not in json.loads(head)["result"]["posting"]
    assert [[h, k] for h, k, _ in json.loads(sections)] == json.loads(head)["result"]["posting"]["outline"]
    assert cache.load(key) == Result(FULL, ())


def test_keys_change_with_content_path_config_and_vocabulary(tmp_path: Path) -> None:
    cache = make_cache(tmp_path)
    key = cache.key("content/jobs/x.md", content_digest(b"hello"))
    assert cache.key("content/jobs/x.md", content_digest(b"hello")) == key
    assert cache.key("content/jobs/x.md", content_digest(b"hello!")) != key
    assert cache.key("content/jobs/y.md", content_digest(b"hello")) != key
    other_config = open_cache(Config(root=tmp_path, location="Boston"), load_vocabulary())
    assert other_config.key("content/jobs/x.md", content_digest(b"hello")) != key
    extra = tmp_path / "skills.toml"
    extra.write_text('[[skill]]\nname = "Cobol"\n')
    other_vocab = open_cache(Config(root=tmp_path), load_vocabulary(extra))
    assert other_vocab.key("content/jobs/x.md", content_digest(b"hello")) != key


def test_an_unwritable_cache_only_costs_speed(tmp_path: Path) -> None:
    (tmp_path / ".cache").write_text("a file where the folder should be")
    cache = make_cache(tmp_path)
    key = cache.key("a", content_digest(b"b"))
    cache.store(key, Result(replace(FULL, slug="y"), ()))
    assert cache.load(key) is None


def test_a_build_under_new_settings_drops_the_old_settings_entries(project: Path) -> None:
    config = load_config(project)

    def entries() -> set[str]:
        return {p.name for p in (project / ".cache" / "postings").glob("*/*.json")}

    build(config)
    first = entries()
    assert len(first) == 7  # one per posting
    posting = project / "content" / "jobs" / "senior-data-engineer.md"
    posting.write_text(posting.read_text() + "\nOne more line.\n")
    build(config)
    assert len(entries()) == 8  # the old version's entry stays: only new code, settings or templates prune
    with (project / "careers.toml").open("a") as f:
        f.write('location = "Boston, MA"\n')  # every posting's entry is for the old settings now
    build(load_config(project))
    assert len(entries()) == 7 and not entries() & first


def test_a_build_under_new_settings_drops_what_a_killed_build_left_half_written(project: Path) -> None:
    config = load_config(project)
    build(config)
    folder = next(p for p in (project / ".cache" / "postings").iterdir() if p.is_dir())
    leftover = folder / ".0123.json.4242.tmp"  # as write_quietly names a file it has not renamed yet
    leftover.write_text('{"format"')
    with (project / "careers.toml").open("a") as f:
        f.write('location = "Boston, MA"\n')
    build(load_config(project))
    assert not leftover.exists()
