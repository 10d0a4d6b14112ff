"""A run that patches the last run's site (``careers.engine.patch``) writes what a cold build writes.

Every shortcut is held here to the rule that a cached build equals ``--no-cache``: an edit that
keeps every posting's place patches the site (the site is not put together again) and draws a
few pages; one that moves a posting (its title, its skills, a rename, a delete, a draft), or
changes the template, the settings or the day, puts the whole site together again; damaged or
missing kept state (the snapshot, a machine file, a stored posting, a page) never shows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import careers.engine.assembly as engine_module
from careers.config import load_config
from careers.engine import Options, Report, build
from careers.engine.cache.lazy import LONG, short_row, stored_posting
from careers.engine.cache.published import PUBLISHED_FILE
from careers.engine.engine import Engine
from careers.engine.options import Target
from careers.engine.process import file_digest
from careers.model import Experience, Posting, SkillTag
from careers.pages.site import assemble_site, placement

from .conftest import generate, tree_bytes

NOW = dt.date(2026, 12, 1)
CACHED = Options(now=NOW, jobs=1)
_names = itertools.count()


@pytest.fixture
def board(tmp_path: Path) -> Path:
    """A generated board of 40 postings (both shapes, shared titles and skills), built once."""
    project = tmp_path / "board"
    generate(40, project, seed=3)
    build(load_config(project), CACHED)
    return project


@pytest.fixture
def assembled(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many times the next builds put a site together (none: they patched the last one)."""
    calls: list[int] = []
    real = engine_module.assemble_site

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine_module, "assemble_site", counting)
    _counted.append(calls)
    yield calls
    _counted.remove(calls)


_counted: list[list[int]] = []


def cold(project: Path, said: Report | None = None) -> dict[str, bytes]:
    """What a build with no cache but the published-URL record the last cached build read
    writes (its own putting together is not counted); it says what ``said`` (a cached
    build's report), if given."""
    out = f"cold-{next(_names)}"
    cache = project.parent / f"{out}-cache"
    cache.mkdir()
    record = _read.get(project)
    if record is not None:
        (cache / PUBLISHED_FILE).write_bytes(record)
    counts = [len(calls) for calls in _counted]
    config = load_config(project, {"output_dir": out, "cache_dir": str(cache)})
    report = build(config, Options(now=NOW, jobs=1))
    for calls, count in zip(_counted, counts, strict=True):
        del calls[count:]
    if said is not None:
        assert said.diagnostics == report.diagnostics
    return tree_bytes(project / out)


_read: dict[Path, bytes | None] = {}  # the record each project's last cached build read


def rebuild(project: Path) -> tuple[Report, dict[str, bytes]]:
    record = project / ".cache" / PUBLISHED_FILE
    _read[project] = record.read_bytes() if record.exists() else None
    report = build(load_config(project), CACHED)
    return report, tree_bytes(project / "site")


def jobs(project: Path) -> list[Path]:
    return sorted((project / "content" / "jobs").iterdir())


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip() + f"\n\n{text}\n", encoding="utf-8")


def test_a_body_edit_patches_the_site_and_draws_a_few_pages(board: Path, assembled: list[int]) -> None:
    append(jobs(board)[7], "We also offer a bicycle to every new hire.")
    report, site = rebuild(board)
    assert assembled == [] and report.processed == (jobs(board)[7].relative_to(board).as_posix(),)
    assert 0 < report.rendered < report.pages // 4  # its page, its listings, the machine files
    assert site == cold(board, report)


def test_patched_runs_in_a_row_and_a_whole_run_between_stay_equal_to_cold(
    board: Path, assembled: list[int]
) -> None:
    for n, posting in enumerate(jobs(board)[:3]):
        append(posting, f"Edit number {n}.")
        report, site = rebuild(board)
        assert site == cold(board, report)
    assert assembled == []
    path = board / "templates" / "posting.html"
    path.write_text(path.read_text(encoding="utf-8") + "<!-- a theme edit -->\n", encoding="utf-8")
    assert rebuild(board)[1] == cold(board) and assembled == [1]  # another context: the whole site
    append(jobs(board)[4], "And one more.")
    assert rebuild(board)[1] == cold(board) and assembled == [1]  # patched again


@pytest.mark.parametrize(
    ("what", "edit"),
    [
        (
            "pay",
            lambda text: re.sub(
                r"^(title: .*)$", r"\1\nsalary: 91,000 - 99,000 USD a year", text, count=1, flags=re.M
            ),
        ),
        (
            "employment type",
            lambda text: re.sub(
                r"^(title: .*)$", r"\1\nemployment_type: Part-time", text, count=1, flags=re.M
            ),
        ),
        (
            "apply link",
            lambda text: re.sub(
                r"^(title: .*)$",
                r"\1\napply_url: https://jobs.example.com/apply/9",
                text,
                count=1,
                flags=re.M,
            ),
        ),
        (
            "summary",
            lambda text: re.sub(
                r"^(title: .*)$", r"\1\nsummary: A short, new summary of the job.", text, count=1, flags=re.M
            ),
        ),
    ],
)
def test_an_edit_to_a_card_its_pay_or_its_filters_keeps_its_place_and_patches(
    board: Path, assembled: list[int], what: str, edit: object
) -> None:
    markdown = next(p for p in jobs(board) if p.suffix == ".md")
    markdown.write_text(edit(markdown.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    report, site = rebuild(board)
    assert assembled == [], what
    assert site == cold(board, report), what


@pytest.mark.parametrize(
    "change",
    ["title", "skills", "rename", "delete", "new", "draft", "date", "location", "slug", "closing"],
)
def test_an_edit_that_moves_a_posting_puts_the_site_together_again(
    board: Path, assembled: list[int], change: str
) -> None:
    markdown = next(p for p in jobs(board) if p.suffix == ".md")
    text = markdown.read_text(encoding="utf-8")
    front = {
        "title": "title: A Brand New Title",
        "draft": "draft: true",
        "date": "date: 2026-11-30",
        "location": "location: Lisbon, PT",
        "slug": "slug: a-slug-of-its-own",
        "closing": "valid_through: 2026-11-15",
    }
    if change in front:
        key = front[change].split(":")[0]
        text = re.sub(rf"^{key}: .*\n", "", text, flags=re.M)
        markdown.write_text(text.replace("---\n", f"---\n{front[change]}\n", 1), encoding="utf-8")
    elif change == "skills":
        append(markdown, "You will also use Kubernetes and Terraform every day.")
    elif change == "rename":
        markdown.rename(markdown.with_name("renamed-posting.md"))
    elif change == "delete":
        markdown.unlink()
    else:
        (board / "content" / "jobs" / "brand-new.md").write_text(
            "---\ntitle: Brand New Role\ndate: 2026-11-20\n---\nA role that is new today.\n", encoding="utf-8"
        )
    report, site = rebuild(board)
    assert assembled == [1], change
    assert site == cold(board, report), change


def front_matter(path: Path, line: str) -> None:
    """Set one front matter ``key: value`` line of a Markdown posting."""
    key, text = line.split(":")[0], path.read_text(encoding="utf-8")
    text = re.sub(rf"^{key}: .*\n", "", text, flags=re.M)
    path.write_text(text.replace("---\n", f"---\n{line}\n", 1), encoding="utf-8")


def test_a_title_edit_keeps_the_published_url_and_the_next_body_edit_patches(
    board: Path, assembled: list[int]
) -> None:
    markdown = next(p for p in jobs(board) if p.suffix == ".md")
    before = {path for path in tree_bytes(board / "site") if path.startswith("jobs/")}
    front_matter(markdown, "title: A Brand New Title")
    report, site = rebuild(board)
    assert assembled == [1] and site == cold(board, report)
    assert {path for path in site if path.startswith("jobs/")} == before  # no URL moved
    assert any("keeps the URL it was published at" in d.message for d in report.diagnostics)
    append(markdown, "A body edit after the title's.")
    report, site = rebuild(board)
    assert assembled == [1] and site == cold(board, report)  # patched, and says what it said


def test_a_slug_change_leaves_a_redirect_that_a_patched_run_keeps(board: Path, assembled: list[int]) -> None:
    markdown = next(p for p in jobs(board) if p.suffix == ".md")
    front_matter(markdown, "slug: a-slug-of-its-own")
    report, site = rebuild(board)
    assert assembled == [1] and site == cold(board, report)
    moved = [d.message for d in report.diagnostics if "moves to jobs/a-slug-of-its-own/" in d.message]
    old = re.findall(r"published URL jobs/([^/]+)/", moved[0])[0]
    redirect = site[f"jobs/{old}/index.html"]
    assert b"a-slug-of-its-own" in redirect and b"noindex" in redirect
    for n, posting in enumerate((markdown, next(p for p in jobs(board) if p != markdown))):
        append(posting, f"Body edit {n} after the move.")
        report, site = rebuild(board)
        assert assembled == [1], n  # patched: the move was told once, by the build that made it
        assert site == cold(board, report) and f"jobs/{old}/index.html" in site, n
    front_matter(markdown, "title: Yet Another Title")
    report, site = rebuild(board)
    assert assembled == [1, 1] and site == cold(board, report)
    assert b"Yet Another Title" in site[f"jobs/{old}/index.html"]  # the redirect names it


def test_a_settings_edit_or_a_new_day_puts_the_site_together_again(board: Path, assembled: list[int]) -> None:
    config = board / "careers.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("Careers at Northwind", "Jobs at Northwind"))
    assert rebuild(board)[1] == cold(board) and assembled == [1]
    later = Options(now=NOW + dt.timedelta(days=40), jobs=1)
    build(load_config(board), later)
    assert assembled == [1, 1]
    out = board / "cold-later"
    build(load_config(board, {"output_dir": str(out)}), dataclasses.replace(later, cache=False))
    assert tree_bytes(board / "site") == tree_bytes(out)


def test_a_machine_file_or_a_page_changed_by_hand_is_drawn_again(board: Path, assembled: list[int]) -> None:
    site = board / "site"
    (site / "jobs.json").write_bytes((site / "jobs.json").read_bytes().replace(b"Northwind", b"Southwind"))
    page = next((site / "jobs").glob("*/index.html"))
    page.write_text("planted", encoding="utf-8")
    append(jobs(board)[2], "A line to patch for.")
    assert rebuild(board)[1] == cold(board) and assembled == []


def test_damaged_or_missing_kept_state_never_shows(board: Path, assembled: list[int]) -> None:
    snapshot = next((board / ".cache" / "state").glob("*.site"))
    data = snapshot.read_bytes()
    snapshot.write_bytes(data.replace(b'"open":', b'"open":1', 1))  # its signature no longer checks out
    append(jobs(board)[1], "First edit.")
    assert rebuild(board)[1] == cold(board) and assembled == [1]
    # Every stored posting but the one edited next (its last version tells whether it moved):
    # the patched site reads the others again from their files where a page drawn shows them.
    edited = jobs(board)[1]
    store = Engine(load_config(board), CACHED, Target(board / "site")).store
    assert store is not None
    keep = store._file(store.key(edited.relative_to(board).as_posix(), file_digest(edited.read_bytes())))
    for entry in (board / ".cache" / "postings").rglob("*.json"):
        if str(entry) != keep:
            entry.unlink()
    append(edited, "Second edit.")
    assert rebuild(board)[1] == cold(board) and assembled == [1]


def test_a_stored_posting_reads_its_long_fields_once_and_equals_the_posting() -> None:
    skill = SkillTag("Python", "python", "Programming", True, "Python")
    experience = Experience(24, None, True, "mid_senior", "2 years")
    posting = Posting(
        source="content/jobs/a.md", slug="a", title="A", sections=(), summary="Sum",
        skills=(skill,), experience=experience,
    )  # fmt: skip
    loads: list[int] = []
    stored = stored_posting(short_row(posting), lambda: loads.append(1) or posting)  # type: ignore[func-returns-value]
    assert stored.title == "A" and loads == []
    assert (
        stored.summary == "Sum"
        and stored.level == "mid_senior"
        and stored.skills == (skill,)
        and loads == [1]
    )
    assert stored == posting and posting == stored and hash(stored) == hash(posting)
    assert dataclasses.replace(stored, slug="b").slug == "b" and loads == [1]


class _Guarded(Posting):
    """A posting whose fields besides its placement cannot be read (``test_…_placement``)."""

    __slots__ = ()

    def __getattribute__(self, name: str) -> object:
        if name in _UNPLACED:
            raise AssertionError(f"putting the site together read {name}")
        return object.__getattribute__(self, name)


_PLACED = {"source", "slug", "explicit_slug", "title", "draft", "date_posted", "valid_through", "updated"}
_PLACED |= {"board"}  # an imported posting closes when its board drops it, not by age
_PLACED |= {
    "department",
    "location",
    "other_locations",
    "remote",
    "skills",
    "experience",
    "level",
    "locations",
}
_UNPLACED = {f.name for f in dataclasses.fields(Posting)} - _PLACED


def _guarded(posting: Posting) -> Posting:
    guarded = object.__new__(_Guarded)
    for field in dataclasses.fields(Posting):
        object.__setattr__(guarded, field.name, getattr(posting, field.name))
    return guarded


def test_putting_the_site_together_reads_nothing_of_a_posting_but_its_placement(board: Path) -> None:
    """What ``placement`` compares is all a site's shape depends on (else an edit to another
    field would leave a patched site out of date): assembling postings whose other fields
    cannot be read gives the same site."""
    config = load_config(board)
    engine = Engine(config, Options(now=NOW, cache=False), Target(board / "out", persist=False))
    site = engine.assemble()
    everyone = [*site.postings, *site.closed]
    guarded = [_guarded(dataclasses.replace(p, slug=p.slug)) for p in everyone]
    again, _ = assemble_site(guarded, NOW, None, {}, None, config.departments, config.max_age_days)
    assert [p.slug for p in again.postings] == [p.slug for p in site.postings]
    assert [placement(p) for p in again.closed] == [placement(p) for p in site.closed]
    assert {k: [t.slug for t in v] for k, v in again.terms.items()} == {
        k: [t.slug for t in v] for k, v in site.terms.items()
    }
    assert set(LONG) - {"skills", "experience"} <= _UNPLACED  # the long fields are not read either


def test_a_theme_edit_keeps_the_machine_files_items_but_the_cards(
    board: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """jobs.json and the feeds' items do not depend on the theme: a template edit draws every
    page again but takes them from the files the last run wrote; postings.js holds the index's
    cards, so its rows are drawn again."""
    from careers.pages import records, render

    drawn: list[str] = []
    real_record, real_filtered = render.posting_json, dict(records.FILTERED)
    monkeypatch.setattr(render, "posting_json", lambda p, c: drawn.append("record") or real_record(p, c))
    monkeypatch.setitem(records.FILTERED, "slug", lambda p: drawn.append("row") or real_filtered["slug"](p))
    path = board / "templates" / "_card.html"
    path.write_text(path.read_text(encoding="utf-8") + "\n{# a theme edit #}\n", encoding="utf-8")
    report, site = rebuild(board)
    assert "record" not in drawn and drawn.count("row") == report.postings
    assert site == cold(board)


def test_a_patched_run_says_what_a_cold_build_says_of_a_broken_and_a_mended_posting(
    board: Path, assembled: list[int]
) -> None:
    """The findings of the changed files replace theirs in the last run's: a posting that breaks
    (no posting: its place goes) and one whose findings change (it stays) are said as cold."""
    markdown = next(p for p in jobs(board) if p.suffix == ".md")
    markdown.write_text(markdown.read_text(encoding="utf-8").replace("---\n", "---\nlevel: wizard\n", 1))
    report, site = rebuild(board)
    assert site == cold(board, report)
    (board / "content" / "jobs" / "broken.md").write_text("---\ntitle: [unclosed\n---\nText.\n")
    report, site = rebuild(board)
    assert site == cold(board, report) and report.failed
    (board / "content" / "jobs" / "broken.md").unlink()
    report, site = rebuild(board)
    assert site == cold(board, report)  # the wizard's error stays; the broken file's findings go
    assert not any(d.path.endswith("broken.md") for d in report.diagnostics)
