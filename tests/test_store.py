"""The posting store: faithful round trips; a miss for anything stale, damaged or not ours."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import replace
from pathlib import Path

import pytest

from careers.config import Config, load_config
from careers.engine import build
from careers.engine.cache.codec import decode_result, encode_result
from careers.engine.cache.store import PostingStore
from careers.engine.context import posting_context
from careers.errors import Diagnostic
from careers.model import Education, Experience, Part, Posting, Salary, SkillTag
from careers.posting.process import Result, process_source
from careers.posting.tagging.vocabulary_files import load_vocabulary
from careers.sources.source import read_source

from .conftest import ROOT

FULL = Posting(
    source="content/jobs/x.md",
    slug="x",
    title="Senior <Engineer>",
    sections=(
        Part(None, "summary", "<p>Hi <strong>bold</strong><em> é</em> &lt;x&gt;</p>"),
        Part(
            "Apply",
            "other",
            '<ol>\n<li><a href="mailto:a@b.c" rel="nofollow noopener noreferrer">mail</a></li>\n'
            "<li>two</li>\n</ol>",
        ),
    ),
    summary="Hi bold é",
    skills=(
        SkillTag("SQL", "sql", "Data", True, "SQL", "sql", "named in 'Requirements'"),
        SkillTag("Go", "go", "Languages", False, "go"),
    ),
    soft_skills=(SkillTag("Teamwork", "teamwork", "Soft skills", True, "work as a team", "team"),),
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
    department="Engineering",
    team="Data",
    explicit_slug=True,
    reference="R-1234",
    details=(("Hours per week", "37"), ("Department", "Estates")),
)


def sample_results() -> list[Result]:
    config = load_config(ROOT)
    vocab = load_vocabulary()
    paths = sorted((ROOT / "content" / "jobs").iterdir())
    return [process_source(read_source(p, ROOT, 10**7), vocab, config) for p in paths]


def through_json(result: Result) -> Result:
    return decode_result(encode_result(result))


def test_every_field_survives_a_round_trip() -> None:
    result = Result(
        FULL, (Diagnostic("content/jobs/x.md", 3, "warning", "careful"),), {"title": 2, "body": 5}
    )
    assert through_json(result) == result
    assert through_json(Result(None, (Diagnostic("a.md", None, "error", "bad"),))) == Result(
        None, (Diagnostic("a.md", None, "error", "bad"),)
    )


def test_sample_postings_survive_a_round_trip() -> None:
    for result in sample_results():
        assert through_json(result) == result


def make_store(tmp_path: Path) -> PostingStore:
    return PostingStore(
        tmp_path / ".cache" / "postings", posting_context(Config(root=tmp_path), load_vocabulary())
    )


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def entry_file(store: PostingStore, key: str) -> Path:
    return store.folder / key[:2] / f"{key[2:]}.json"


def test_store_then_load(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    key = store.key("content/jobs/x.md", digest(b"hello"))
    assert store.load(key) is None
    store.save(key, Result(FULL, ()))
    assert store.load(key) == Result(FULL, ())
    assert entry_file(store, key).is_relative_to(tmp_path / ".cache")


@pytest.mark.parametrize("damage", [b"", b"{not json", b"[]", b'{"format": 1}', b"\xff\xfe"])
def test_a_corrupt_entry_is_a_miss(tmp_path: Path, damage: bytes) -> None:
    store = make_store(tmp_path)
    key = store.key("content/jobs/x.md", digest(b"hello"))
    store.save(key, Result(FULL, ()))
    entry_file(store, key).write_bytes(damage)
    assert store.load(key) is None


def rewritten(store: PostingStore, key: str, change) -> Result | None:  # type: ignore[no-untyped-def]
    """Load the entry for ``key`` after ``change`` edited its values (what a hand edit, another
    program or another user's cache could leave: sound JSON, not this user's signature)."""
    file = entry_file(store, key)
    head, body = file.read_bytes().split(b"\n", 1)
    data = json.loads(body)
    change(data)
    body = json.dumps(data).encode()
    file.write_bytes(head + b"\n" + body)  # the header as it was: the signature no longer matches
    return store.load(key)


def test_a_flipped_byte_is_a_miss(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    key = store.key("content/jobs/x.md", digest(b"hello"))
    store.save(key, Result(FULL, ()))
    file = entry_file(store, key)
    data = bytearray(file.read_bytes())
    data[data.index(b"Senior")] ^= 0x20  # "senior": still valid JSON, but not what was written
    file.write_bytes(bytes(data))
    assert store.load(key) is None


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["posting"].update(apply_url="javascript:alert(1)"),
        lambda d: d["posting"].update(slug="../../etc"),
        lambda d: d["posting"]["sections"][0].update(html="<script>alert(1)</script>"),
        lambda d: d["posting"]["sections"][0].update(
            html='<a href="javascript:x" rel="nofollow noopener noreferrer">'
        ),
        lambda d: d["posting"]["sections"][0].update(kind="nonsense-kind"),
        lambda d: d["posting"].update(remote="yes"),
        lambda d: d["posting"].update(date_posted="2026-02-30"),
        lambda d: d["posting"]["skills"][0].update(slug="Not A Slug"),
        lambda d: d["posting"].update(employment_type="WHENEVER"),
        lambda d: d["posting"]["salary"].update(min_value="lots"),
        lambda d: d["posting"]["salary"].update(unit="FORTNIGHT"),
        lambda d: d["posting"]["experience"].update(min_months=-3),
        lambda d: d["posting"]["education"].update(level="wizard"),
        lambda d: d["posting"].pop("title"),
        lambda d: d["diagnostics"].append({"path": "a.md", "line": "x", "level": "error", "message": "bad"}),
        lambda d: d.update(lines=[1, 2]),
    ],
)
def test_an_entry_holding_what_the_pipeline_never_writes_is_a_miss(tmp_path: Path, change) -> None:  # type: ignore[no-untyped-def]
    store = make_store(tmp_path)
    key = store.key("content/jobs/x.md", digest(b"hello"))
    store.save(key, Result(FULL, ()))
    assert rewritten(store, key, change) is None
    with pytest.raises(ValueError):  # and the codec itself refuses it, signed or not
        file = entry_file(store, key)
        decode_result(file.read_bytes().split(b"\n", 1)[1])


def test_an_entry_this_users_runs_did_not_sign_is_a_miss_however_sound(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    key = store.key("content/jobs/x.md", digest(b"hello"))
    store.save(key, Result(FULL, ()))
    assert store.load(key) == Result(FULL, ())
    assert rewritten(store, key, lambda d: None) is None  # the same values, unsigned
    # What a restored cache did once: another site's Apply link, a sound value, unsigned.
    elsewhere = "https://elsewhere.example/"
    assert rewritten(store, key, lambda d: d["posting"].update(apply_url=elsewhere)) is None


def test_an_entry_for_another_key_is_a_miss(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    key = store.key("content/jobs/x.md", digest(b"hello"))
    other = store.key("content/jobs/y.md", digest(b"hello"))
    store.save(key, Result(FULL, ()))
    entry_file(store, other).parent.mkdir(parents=True, exist_ok=True)
    entry_file(store, other).write_bytes(entry_file(store, key).read_bytes())
    assert store.load(other) is None


def test_keys_change_with_content_path_config_and_vocabulary(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    key = store.key("content/jobs/x.md", digest(b"hello"))
    assert store.key("content/jobs/x.md", digest(b"hello")) == key
    assert store.key("content/jobs/x.md", digest(b"hello!")) != key
    assert store.key("content/jobs/y.md", digest(b"hello")) != key
    other_config = PostingStore(
        store.folder, posting_context(Config(root=tmp_path, location="Boston"), load_vocabulary())
    )
    assert other_config.key("content/jobs/x.md", digest(b"hello")) != key
    extra = tmp_path / "skills.toml"
    extra.write_text('[[skill]]\nname = "Cobol"\ncategory = "Software"\n')
    other_vocab = PostingStore(store.folder, posting_context(Config(root=tmp_path), load_vocabulary(extra)))
    assert other_vocab.key("content/jobs/x.md", digest(b"hello")) != key


def test_an_unwritable_cache_only_costs_speed(tmp_path: Path) -> None:
    (tmp_path / ".cache").write_text("a file where the folder should be")
    store = make_store(tmp_path)
    key = store.key("a", digest(b"b"))
    store.save(key, Result(replace(FULL, slug="y"), ()))
    assert store.load(key) is None


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
        f.write('language = "en-GB"\n')  # every posting's entry is for the old settings now
    build(load_config(project))
    assert len(entries()) == 7 and not entries() & first


def test_a_build_under_new_settings_drops_what_a_killed_build_left_half_written(project: Path) -> None:
    config = load_config(project)
    build(config)
    folder = next(p for p in (project / ".cache" / "postings").iterdir() if p.is_dir())
    leftover = folder / ".0123.json.4242.tmp"  # as write_quietly names a file it has not renamed yet
    leftover.write_text('{"format"')
    with (project / "careers.toml").open("a") as f:
        f.write('language = "en-GB"\n')
    build(load_config(project))
    assert not leftover.exists()


def test_stored_results_outlive_changes_to_code_they_do_not_depend_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from careers.engine import context

    copy = tmp_path / "careers"
    shutil.copytree(context.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(context, "PACKAGE", copy)

    def fingerprints() -> tuple[str, str]:
        fingerprint = context.pipeline_fingerprint.__wrapped__
        return fingerprint(context.STAGES), fingerprint()

    before = fingerprints()
    (copy / "engine" / "draw.py").write_text((copy / "engine" / "draw.py").read_text() + "\n# edited\n")
    drawn = fingerprints()
    assert drawn[0] == before[0] and drawn[1] != before[1]  # results stay; pages are drawn again
    process = copy / "posting" / "process.py"
    process.write_text(process.read_text() + "\n# edited\n")
    processed = fingerprints()
    assert processed[0] != drawn[0] and processed[1] != drawn[1]
