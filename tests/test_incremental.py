"""Incremental equals cold: any sequence of edits, then a build, writes what a cold build writes.

A hypothesis state machine edits a small project as a careers team would (new postings, body
and title edits, renames, re-extensions ``.md`` → ``.html`` → ``.htm``, deletes and re-adds,
drafts toggled, dates moved, duplicate titles, explicit slugs added and removed, templates,
static files and settings changed, a new day) and, between edits, builds the site and runs the
preview. Every build must write byte for byte what a cold build of the same files writes, and
the preview what a cold ``build --drafts`` writes. "Cold" is a fresh output folder and a fresh
cache: no state, posting store, cards, compiled templates or related lists, only the record of
what was published (``published.json``), which is an input of a build, not a speed-up.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import (
    Bundle,
    MultipleResults,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
)

from careers.config import load_config
from careers.engine import Options, build
from careers.engine.cache.published import PUBLISHED_FILE
from careers.engine.writer import SiteWriter
from careers.errors import CareersError, TemplateError
from careers.shell.preview import Preview

from .conftest import ROOT, cold_build, tree_bytes, unfingerprinted

TITLES = ("Account Manager", "Data Engineer", "Staff Nurse", "Account  Manager", "Data Engineer II")
PLACES = ("Boston, MA", "Remote", "Lyon, France", "")
BODIES = (
    "We need SQL and Python.\n\n## Requirements\n\n- 3 years of Excel\n- A bachelor's degree\n",
    "Join the night team.\n\nYou will use Salesforce every day.\n",
    "<p>Build data pipelines with <b>Airflow</b> and AWS.</p><h2>Nice to have</h2><ul><li>Kafka</li></ul>",
)
DAYS = (dt.date(2026, 1, 5), dt.date(2026, 3, 1), dt.date(2026, 6, 30))
SUFFIXES = (".md", ".html", ".htm", ".markdown")
START = dt.date(2026, 5, 1)
HUGE = "9" * 400
SUB_PATH = 'title = "Careers"\nbase_url = "https://example.com/jobs/"\nlisting_page_size = 2\n'
KINDS = (TITLES, PLACES, BODIES, SUFFIXES)
CONFIGS = (
    SUB_PATH,
    'title = "Careers at Acme"\nbase_url = "https://example.com/"\ncompany = "Acme"\n',
    SUB_PATH + 'departments = ["Sales"]\n',
)
VOCABULARIES = (
    None,
    'suppress = ["Microsoft Excel"]\n',
    '[[skill]]\nname = "Night Baking"\ncategory = "Food"\naliases = ["night team"]\n',
)


def posting_text(title: str, place: str, body: str, extra: dict[str, str]) -> str:
    front = [f"title: {title}"] + ([f"location: {place}"] if place else [])
    front += [f"{key}: {value}" for key, value in sorted(extra.items())]
    return "---\n" + "\n".join(front) + "\n---\n" + body


class Posting:
    """What the machine knows of one posting file, to write it again with one thing changed."""

    def __init__(self, name: str, title: str, place: str, body: str) -> None:
        self.name, self.title, self.place, self.body = name, title, place, body
        self.extra: dict[str, str] = {}

    def text(self) -> str:
        return posting_text(self.title, self.place, self.body, self.extra)


class IncrementalIsCold(RuleBasedStateMachine):
    """A project edited step by step, built incrementally and compared with cold builds."""

    postings = Bundle("postings")

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="careers-incremental-"))
        self.project = self.root / "project"
        (self.project / "content" / "jobs").mkdir(parents=True)
        (self.project / "templates").mkdir()
        (self.project / "careers.toml").write_text(CONFIGS[0])
        self.now = START
        self.count = 0
        self.gone: list[Posting] = []
        self.preview: Preview | None = None
        self.cold_runs = 0
        self.commits = 0
        git(self.project, "init", "-q")

    def teardown(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    # Edits ---------------------------------------------------------------------------------

    @initialize(
        target=postings,
        first=st.lists(st.tuples(*(st.sampled_from(v) for v in KINDS)), min_size=2, max_size=5),
    )
    def start(self, first: list[tuple[str, str, str, str]]) -> MultipleResults[Posting]:
        """A few postings to begin with, built once (so there is a site, and a record of it)."""
        made = [self.add(title, place, body, suffix) for title, place, body, suffix in first]
        build(load_config(self.project), Options(now=self.now, jobs=1))
        return multiple(*made)

    def _write(self, posting: Posting) -> None:
        (self.project / "content" / "jobs" / posting.name).write_text(posting.text(), encoding="utf-8")

    @rule(
        target=postings,
        title=st.sampled_from(TITLES),
        place=st.sampled_from(PLACES),
        body=st.sampled_from(BODIES),
        suffix=st.sampled_from(SUFFIXES),
    )
    def add(self, title: str, place: str, body: str, suffix: str) -> Posting:
        self.count += 1
        posting = Posting(f"p{self.count}{suffix}", title, place, body)
        self._write(posting)
        return posting

    @precondition(lambda self: bool(self.gone))
    @rule(target=postings, data=st.data())
    def add_again(self, data: st.DataObject) -> Posting:
        """A deleted posting comes back under its old name (an undo, a ``git checkout``)."""
        posting = self.gone.pop(data.draw(st.integers(0, len(self.gone) - 1)))
        if (self.project / "content" / "jobs" / posting.name).exists():
            posting.name = f"back-{posting.name}"
        self._write(posting)
        return posting

    @rule(posting=consumes(postings))
    def delete(self, posting: Posting) -> None:
        (self.project / "content" / "jobs" / posting.name).unlink()
        self.gone.append(posting)

    @rule(posting=postings, title=st.sampled_from(TITLES))
    def retitle(self, posting: Posting, title: str) -> None:
        posting.title = title
        self._write(posting)

    @rule(posting=postings, body=st.sampled_from(BODIES), more=st.booleans())
    def edit_body(self, posting: Posting, body: str, more: bool) -> None:
        posting.body = body + ("\nAlso 5 years of Java.\n" if more else "")
        self._write(posting)

    @rule(posting=postings, place=st.sampled_from(PLACES))
    def move_place(self, posting: Posting, place: str) -> None:
        posting.place = place
        self._write(posting)

    @rule(posting=postings, day=st.sampled_from((None, *DAYS)))
    def move_date(self, posting: Posting, day: dt.date | None) -> None:
        self._set(posting, "date", day.isoformat() if day else None)

    @rule(posting=postings, day=st.sampled_from((None, *DAYS)))
    def move_closing(self, posting: Posting, day: dt.date | None) -> None:
        self._set(posting, "valid_through", day.isoformat() if day else None)

    @rule(posting=postings)
    def toggle_draft(self, posting: Posting) -> None:
        self._set(posting, "draft", None if posting.extra.get("draft") else "true")

    @rule(posting=postings, slug=st.sampled_from((None, "account-manager", "nurse", "data-engineer")))
    def set_slug(self, posting: Posting, slug: str | None) -> None:
        self._set(posting, "slug", slug)

    @rule(posting=postings, department=st.sampled_from((None, "Sales", "Engineering")))
    def set_department(self, posting: Posting, department: str | None) -> None:
        self._set(posting, "department", department)

    def _set(self, posting: Posting, key: str, value: str | None) -> None:
        if value is None:
            posting.extra.pop(key, None)
        else:
            posting.extra[key] = value
        self._write(posting)

    @rule(posting=postings, suffix=st.sampled_from(SUFFIXES), stem=st.booleans())
    def rename(self, posting: Posting, suffix: str, stem: bool) -> None:
        """A new extension (``.md`` → ``.html``), or a new name as well."""
        old = self.project / "content" / "jobs" / posting.name
        self.count += 1
        name = (Path(posting.name).stem if stem else f"r{self.count}") + suffix
        if (old.parent / name).exists():
            return
        old.rename(old.parent / name)
        posting.name = name

    @rule(posting=postings, broken=st.booleans())
    def break_or_mend(self, posting: Posting, broken: bool) -> None:
        """A save that breaks a posting (an impossible date), or the one that mends it."""
        self._set(posting, "valid_through", "2026-02-30" if broken else None)

    @rule(posting=postings)
    def legacy_encoding(self, posting: Posting) -> None:
        """The same text saved as Windows-1252, with a character UTF-8 would spell otherwise."""
        posting.body = posting.body.replace("night", "night’s")
        path = self.project / "content" / "jobs" / posting.name
        path.write_bytes(posting.text().encode("cp1252", errors="replace"))

    @rule(posting=postings)
    def huge_salary(self, posting: Posting) -> None:
        """A pay range of hundreds of digits (read as an infinite amount, which JSON cannot hold)."""
        posting.body += f"\n<p>Pay: ${HUGE}.00 - ${HUGE}9 per year</p>\n"
        self._write(posting)

    @rule(message=st.sampled_from(("postings", "more")))
    def commit(self, message: str) -> None:
        """Everything committed, a day later than the last commit (dates undated postings)."""
        self.commits += 1
        git(self.project, "add", "-A", "content")
        day = f"2026-02-{self.commits % 28 + 1:02d}T10:00:00"
        git(self.project, "commit", "-qm", message, "--allow-empty", date=day)

    @rule(kind=st.sampled_from(("card", "posting", "css", "none", "broken", "raising")))
    def edit_theme(self, kind: str) -> None:
        templates = self.project / "templates"
        for path in list(templates.rglob("*")):
            if path.is_file():
                path.unlink()
        if kind == "card":
            text = (ROOT / "templates" / "_card.html").read_text()
            (templates / "_card.html").write_text(text.replace('class="card"', 'class="card theirs"'))
        elif kind == "posting":
            text = (ROOT / "templates" / "posting.html").read_text()
            (templates / "posting.html").write_text(text.replace("<h1>", '<h1 class="theirs">', 1))
        elif kind == "broken":
            (templates / "posting.html").write_text("{# broken #}{% extends 'base.html' %}{{ posting.title }")
        elif kind == "raising":
            text = (ROOT / "templates" / "posting.html").read_text()
            raising = text.replace("<h1>", "<h1>{{ posting.nonesuch.title }}", 1)
            (templates / "posting.html").write_text("{# broken #}" + raising)
        elif kind == "css":
            (templates / "static").mkdir(exist_ok=True)
            css = (ROOT / "templates" / "static" / "style.css").read_text()
            (templates / "static" / "style.css").write_text(css + "\n.theirs { color: red; }\n")

    @rule(vocabulary=st.sampled_from(VOCABULARIES))
    def edit_vocabulary(self, vocabulary: str | None) -> None:
        """The site's own skills (a new skill the postings name, one never tagged), or none."""
        path = self.project / "content" / "skills.toml"
        if vocabulary is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(vocabulary)

    @rule(config=st.sampled_from(CONFIGS))
    def edit_config(self, config: str) -> None:
        (self.project / "careers.toml").write_text(config)

    @rule(days=st.sampled_from((1, 30, 90)))
    def new_day(self, days: int) -> None:
        self.now += dt.timedelta(days=days)

    # Builds --------------------------------------------------------------------------------

    def theme_broken(self) -> bool:
        posting = self.project / "templates" / "posting.html"
        return posting.exists() and posting.read_text().startswith("{# broken #}")

    @rule(drafts=st.booleans())
    def build_and_compare(self, drafts: bool) -> None:
        """A build writes what a cold build writes, or fails as a cold build fails (the site as it was)."""
        published = self.published()
        before = self.site()
        try:
            report = build(load_config(self.project), Options(drafts=drafts, now=self.now, jobs=1))
        except TemplateError as exc:
            assert self.theme_broken(), exc
            assert self.site() == before and self.no_leftovers()
            with pytest.raises(TemplateError):
                self.cold(published, drafts=drafts)
            return
        site = self.site()
        assert self.no_leftovers()
        if report.pages == 0:  # nothing to build (no posting file): the previous site stays
            assert site == before
            return
        assert_same(site, self.cold(published, drafts=drafts), "an incremental build")

    @rule(after=st.integers(0, 12), signal=st.sampled_from((KeyboardInterrupt, OSError, RuntimeError)))
    def interrupted_build(self, after: int, signal: type[BaseException]) -> None:
        """A build stopped after ``after`` pages (Ctrl-C, a full disk, a bug of ours)."""
        before = self.site()
        real = SiteWriter.put
        calls = [0]

        def put(writer: SiteWriter, relpath: str, data: bytes) -> bool:
            calls[0] += 1
            if calls[0] > after:
                raise signal("stopped")
            return real(writer, relpath, data)

        SiteWriter.put = put  # type: ignore[method-assign]
        try:
            build(load_config(self.project), Options(now=self.now, jobs=1))
        except (KeyboardInterrupt, OSError, RuntimeError, CareersError):
            assert self.site() == before
        finally:
            SiteWriter.put = real  # type: ignore[method-assign]
        assert self.no_leftovers()

    @rule(data=st.data())
    def edit_the_output(self, data: st.DataObject) -> None:
        """A page of the built site changed or deleted by hand (the next build puts it right)."""
        files = sorted(self.site())
        if files:
            path = self.project / "site" / data.draw(st.sampled_from(files))
            if data.draw(st.booleans()):
                path.unlink()
            else:
                path.write_bytes(path.read_bytes() + b"<!-- by hand -->")

    @rule(stop_after=st.sampled_from((None, 0, 3)))
    def preview_and_compare(self, stop_after: int | None) -> None:
        """The preview, rebuilt (or stopped after a few pages for a newer save, then rebuilt)."""
        if self.preview is None or self.preview.options.now != self.now:  # a new day: restarted
            self.preview = Preview(lambda: load_config(self.project), Options(drafts=True, now=self.now))
        published = self.published()
        if stop_after is not None:
            drawn = [0]

            def stop() -> bool:
                drawn[0] += 1
                return drawn[0] > stop_after

            self.preview.rebuild(stop=stop)
        update = self.preview.rebuild()
        if update.problem is not None:  # a template error (what it drew so far stays)
            assert self.theme_broken(), update.problem
            with pytest.raises(TemplateError):
                self.cold(published, drafts=True)
            return
        if any(d.level == "error" for d in update.diagnostics):
            return  # a broken posting keeps its last good page in the preview, which no build has
        shown = tree_bytes(self.preview.output)
        assert_same(shown, self.cold(published, drafts=True, plain_assets=True), "the preview")

    def published(self) -> bytes | None:
        record = self.project / ".cache" / PUBLISHED_FILE
        return record.read_bytes() if record.exists() else None

    def site(self) -> dict[str, bytes]:
        return tree_bytes(self.project / "site") if (self.project / "site").exists() else {}

    def no_leftovers(self) -> bool:
        """No staging folder without a site, no temporary file anywhere in the project."""
        staging = (self.project / ".site.new").exists()
        temporary = [p for p in self.project.rglob("*.tmp") if ".git" not in p.parts]
        assert not temporary, temporary
        return (self.project / "site").exists() or not staging

    def cold(self, published: bytes | None, drafts: bool, plain_assets: bool = False) -> dict[str, bytes]:
        """What a build from nothing writes (with the same record of what was published)."""
        self.cold_runs += 1
        where = self.root / f"cold{self.cold_runs}"
        cache = where / "cache"
        cache.mkdir(parents=True)
        if published is not None:
            (cache / PUBLISHED_FILE).write_bytes(published)
        config = load_config(self.project, {"output_dir": str(where / "site"), "cache_dir": str(cache)})
        report = build(config, Options(drafts=drafts, now=self.now, jobs=1))
        assert report.pages, "a cold build of something built"
        files = tree_bytes(where / "site")
        shutil.rmtree(where)
        return unfingerprinted(files, config.template_paths) if plain_assets else files

    @invariant()
    def content_is_never_written(self) -> None:
        names = sorted(p.name for p in (self.project / "content" / "jobs").iterdir())
        assert all(not name.endswith(".tmp") for name in names)


def git(project: Path, *args: str, date: str = "2026-01-01T00:00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    command = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args]
    subprocess.run(command, cwd=project, env=env, check=True, capture_output=True)


def assert_same(found: dict[str, bytes], cold: dict[str, bytes], what: str) -> None:
    """``found`` is ``cold``, or the message names the files that differ, and how."""
    if found == cold:
        return
    extra, missing = sorted(found.keys() - cold.keys()), sorted(cold.keys() - found.keys())
    differ = sorted(k for k in found.keys() & cold.keys() if found[k] != cold[k])
    detail = ""
    if differ:
        import difflib

        a, b = cold[differ[0]].decode(errors="replace"), found[differ[0]].decode(errors="replace")
        lines = difflib.unified_diff(a.splitlines(), b.splitlines(), "cold", what, n=1, lineterm="")
        detail = "\n".join(list(lines)[:30])
    raise AssertionError(
        f"{what} differs from a cold build: extra {extra}, missing {missing}, differing {differ}\n{detail}"
    )


IncrementalIsCold.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_incremental_builds_equal_cold_ones = IncrementalIsCold.TestCase


def test_a_posting_of_huge_numbers_builds_from_the_store_as_cold(tmp_path: Path) -> None:
    """An infinite salary was stored as null, so the next cached build lost it (issue 20). The
    salary model now bounds amounts, and the codec refuses what JSON cannot give back exactly
    (``tests/test_codec.py``): a build from the store still writes what a cold one writes."""
    project = tmp_path / "project"
    (project / "content" / "jobs").mkdir(parents=True)
    (project / "careers.toml").write_text('title = "T"\nbase_url = "https://example.com/"\n')
    page = f"<h1>Nurse</h1><p>Pay: ${HUGE}.00 - ${HUGE}9 per year</p>"
    (project / "content" / "jobs" / "nurse.html").write_text(page)
    (project / "content" / "jobs" / "clerk.md").write_text("---\ntitle: Clerk\n---\nFile things.\n")
    build(load_config(project), Options(jobs=1))
    (project / "templates").mkdir()  # a theme change: every page drawn again, postings from the store
    text = (ROOT / "templates" / "posting.html").read_text()
    (project / "templates" / "posting.html").write_text(text + "\n")
    build(load_config(project), Options(jobs=1))
    assert_same(tree_bytes(project / "site"), cold_build(project, tmp_path / "cold"), "a cached build")
    assert len(list((project / ".cache" / "postings").rglob("*.json"))) == 2  # both kept


def test_a_commit_alone_dates_an_undated_posting(tmp_path: Path) -> None:
    """Nothing but git history changed: the next build reads it, as a cold build does."""
    project = tmp_path / "project"
    (project / "content" / "jobs").mkdir(parents=True)
    (project / "careers.toml").write_text('title = "T"\n')
    (project / "content" / "jobs" / "a.md").write_text("---\ntitle: Clerk\n---\nFile things.\n")
    git(project, "init", "-q")
    build(load_config(project), Options(jobs=1))
    assert '"date_posted": null' in (project / "site" / "jobs.json").read_text()
    git(project, "add", "content")
    git(project, "commit", "-qm", "a posting", date="2026-01-05T10:00:00")
    build(load_config(project), Options(jobs=1))
    assert '"date_posted": "2026-01-05"' in (project / "site" / "jobs.json").read_text()
    assert_same(
        tree_bytes(project / "site"), cold_build(project, tmp_path / "cold"), "a build after a commit"
    )
