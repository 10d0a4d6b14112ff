"""The engine's fast paths (cache, process pool, kept pages and cards) give a cold serial build's bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from careers.config import load_config
from careers.engine import Options, Report, build, process, rendering
from careers.engine.cache import store
from careers.engine.cache.cards import KeptCards
from careers.pages import render
from careers.shell.progress import Meter
from careers.sources import scan

from .conftest import cold_build, generate

PARALLEL = Options(jobs=2)
SERIAL_CACHED = Options(jobs=1)


def digest_tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def big_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough generated postings (both shapes) for the build to use a process pool."""
    project = tmp_path_factory.mktemp("big")
    generate(120, project, seed=7)
    return project


def serial_site(project: Path) -> dict[str, str]:
    """What a cold, serial build writes (with the record of what was published, an input)."""
    shutil.rmtree(project / "serial-site", ignore_errors=True)
    cold_build(project, project / "serial-site", jobs=1)
    return digest_tree(project / "serial-site")


def test_cached_parallel_builds_match_a_cold_serial_one(big_project: Path) -> None:
    expected = serial_site(big_project)
    assert not (big_project / ".cache").exists()
    config = load_config(big_project)
    cold = build(config, PARALLEL)
    assert digest_tree(big_project / "site") == expected
    assert cold.stats.written == len(expected)
    assert len(list((big_project / ".cache" / "postings").rglob("*.json"))) == 120
    warm = build(config, PARALLEL)
    assert digest_tree(big_project / "site") == expected
    assert (warm.stats.written, warm.stats.unchanged) == (0, len(expected))
    assert warm.diagnostics == cold.diagnostics


def test_a_corrupt_cache_entry_is_rebuilt(big_project: Path) -> None:
    config = load_config(big_project)
    build(config, PARALLEL)
    expected = digest_tree(big_project / "site")
    entries = sorted((big_project / ".cache" / "postings").rglob("*.json"))
    entries[0].write_text('{"format": 1, "key": "x", "result": {"posting": 3}}')
    entries[1].write_bytes(entries[1].read_bytes()[:100])
    assert build(config, PARALLEL).stats.written == 0  # nothing changed: the cache is not even read
    (big_project / "site" / "index.html").unlink()
    for snapshot in (big_project / ".cache" / "state").glob("*.site"):
        snapshot.unlink()  # no site to patch: now every posting's result is looked up again
    report = build(config, PARALLEL)
    assert digest_tree(big_project / "site") == expected
    assert report.stats.written == 1 and report.processed == ()
    assert json.loads(entries[1].read_text().split("\n")[0])["format"] == store.FORMAT  # written again, whole


def rebuild_edited(project: Path, name: str, edit: Callable[[str], str]) -> tuple[Report, dict[str, str]]:
    """Build, edit one posting, build again (cached, parallel); return that build's report and
    what a cold, serial build of the edited project writes. The posting is put back after."""
    config = load_config(project)
    build(config, PARALLEL)
    posting = project / "content" / "jobs" / name
    original = posting.read_text()
    try:
        posting.write_text(edit(original))
        return build(config, PARALLEL), serial_site(project)
    finally:
        posting.write_text(original)


def test_a_changed_posting_shows_and_the_rest_is_left_alone(big_project: Path) -> None:
    report, expected = rebuild_edited(
        big_project, "posting-00011.md", lambda text: text.replace("title: ", "title: Changed ", 1)
    )
    assert digest_tree(big_project / "site") == expected
    assert 0 < report.stats.written < report.pages / 2
    assert not any("changed-" in name for name in expected)  # a published posting keeps its URL
    pages = [big_project / "site" / name for name in report.changed if name.startswith("jobs/")]
    assert any(b"<h1>Changed " in page.read_bytes() for page in pages)


def test_progress_is_drawn_on_a_terminal_only() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    clock = iter(float(t) for t in range(100))
    shown = Terminal()
    meter = Meter(shown, draw=True, clock=lambda: next(clock))
    meter.start("processing postings", 3)
    meter.advance()
    meter.advance(2)
    meter.finish()
    assert "processing postings: 3/3" in shown.getvalue()
    assert shown.getvalue().endswith("\r")  # the line is cleared for the summary
    piped = io.StringIO()
    quiet = Meter.for_terminal(piped, quiet=False, verbose=False)
    quiet.start("processing postings", 3)
    quiet.advance(3)
    quiet.finish()
    assert piped.getvalue() == ""


def test_a_site_edited_by_hand_is_put_right(project: Path) -> None:
    config = load_config(project)
    build(config)
    expected = digest_tree(project / "site")
    page = next((project / "site" / "jobs").iterdir()) / "index.html"
    page.write_text("edited by hand")
    (project / "site" / "stray.html").write_text("not ours")
    report = build(config)
    assert digest_tree(project / "site") == expected
    # The stray file goes with the site it was in; only files the last run wrote are looked
    # at one by one (a walk of 10,000 folders cost a quarter of a one-posting build).
    assert (report.stats.written, report.stats.removed) == (1, 0)


def test_a_template_change_renders_every_page_again(project: Path) -> None:
    config = load_config(project)
    build(config)
    base = project / "templates" / "base.html"
    base.write_text(base.read_text().replace("</body>", "<p>new footer</p>\n</body>"))
    report = build(config)
    assert report.stats.written == len(list((project / "site").rglob("*.html")))  # every page
    assert "new footer" in (project / "site" / "index.html").read_text()


def test_a_page_whose_template_comes_to_read_the_site_follows_every_later_change(project: Path) -> None:
    config = load_config(project)
    build(config)
    build(config)  # what templates read is now known, and kept for the next build
    page = project / "templates" / "posting.html"
    page.write_text(
        page.read_text().replace(
            "{% block main %}", "{% block main %}<p>{{ site.postings|length }} open</p>", 1
        )
    )
    build(config)
    other = project / "site" / "jobs" / "senior-data-engineer" / "index.html"
    assert "<p>7 open</p>" in other.read_text()
    (project / "content" / "jobs" / "new-role.md").write_text("---\ntitle: New Role\n---\nWork on things.\n")
    build(config)  # another posting's page did not change, but the site it reads did
    assert "<p>8 open</p>" in other.read_text()


def test_a_new_day_renders_only_what_closing_changed(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "content" / "jobs" / "closing-role.md").write_text(
        "---\ntitle: Closing Role\ndate: 2026-01-02\nvalid_through: 2026-01-10\n---\nWork on things.\n"
    )
    config = load_config(project)
    rendered: list[str] = []
    real_render = rendering.render_page

    def counting_render(page: rendering.Page, *args: object, **kwargs: object) -> bytes:
        rendered.append(page.path)
        return real_render(page, *args, **kwargs)  # type: ignore[arg-type]

    def on(day: int) -> Options:
        return Options(now=dt.date(2026, 1, day), jobs=1)

    def cold(day: int) -> dict[str, str]:
        elsewhere = load_config(project, {"output_dir": str(tmp_path / f"cold-{day}")})
        build(elsewhere, replace(on(day), jobs=1, cache=False))
        return digest_tree(tmp_path / f"cold-{day}")

    build(config, on(9))
    monkeypatch.setattr(rendering, "render_page", counting_render)
    build(config, on(10))  # a new day, and the posting still open on its last day
    assert rendered == []
    assert digest_tree(project / "site") == cold(10)
    rendered.clear()
    build(config, on(11))  # now it has closed: its page and the lists change, no more
    closing = list(rendered)
    assert digest_tree(project / "site") == cold(11)
    assert "jobs/closing-role/index.html" in closing and "index.html" in closing
    assert "jobs/senior-data-engineer/index.html" not in closing
    assert "Closing Role" not in (project / "site" / "index.html").read_text()


@pytest.mark.parametrize("goes_by", ["an edit", "a new day"])
def test_a_closed_posting_stops_linking_a_skill_page_that_goes(
    project: Path, tmp_path: Path, goes_by: str
) -> None:
    jobs = project / "content" / "jobs"
    (jobs / "open-role.md").write_text(
        "---\ntitle: Open Role\nvalid_through: 2026-01-10\nskills: [Kubernetes]\n---\nWork on things.\n"
    )
    (jobs / "closed-role.md").write_text(
        "---\ntitle: Closed Role\nvalid_through: 2026-01-05\nskills: [Kubernetes]\n---\nWork on things.\n"
    )
    config = load_config(project)
    closed_page = project / "site" / "jobs" / "closed-role" / "index.html"
    build(config, Options(now=dt.date(2026, 1, 9)))
    assert "skills/kubernetes/" in closed_page.read_text()  # an open posting still has the skill
    day = 9
    if goes_by == "an edit":  # the open posting drops the skill
        (jobs / "open-role.md").write_text((jobs / "open-role.md").read_text().replace("Kubernetes", "SQL"))
    else:  # the open posting closes
        day = 11
    build(config, Options(now=dt.date(2026, 1, day)))
    assert not (project / "site" / "skills" / "kubernetes").exists()
    assert "skills/kubernetes/" not in closed_page.read_text()
    elsewhere = load_config(project, {"output_dir": str(tmp_path / "cold")})
    build(elsewhere, Options(now=dt.date(2026, 1, day), jobs=1, cache=False))
    assert digest_tree(project / "site") == digest_tree(tmp_path / "cold")


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The posting files the build reads from now on, by relative path."""
    reads: list[str] = []
    real_read = process.read_regular_file

    def counting_read(path: Path, relpath: str, max_bytes: int) -> bytes:
        reads.append(relpath)
        return real_read(path, relpath, max_bytes)

    monkeypatch.setattr(process, "read_regular_file", counting_read)
    return reads


def test_posting_files_unchanged_since_the_last_build_are_not_read_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scan, "RACY_NS", 0)  # the sample files are fresh: trust their stamps now
    config = load_config(project)
    build(config)
    reads = count_reads(monkeypatch)
    assert build(config).stats.written == 0
    assert reads == []
    # The same size and modification time, new bytes: the change time still tells.
    posting = project / "content" / "jobs" / "senior-data-engineer.md"
    before = posting.stat()
    posting.write_text(posting.read_text().replace("Senior", "Seniør", 1).replace("Data", "Dat", 1))
    os.utime(posting, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert posting.stat().st_size == before.st_size
    report = build(config)
    assert reads == ["content/jobs/senior-data-engineer.md"]
    assert report.stats.written > 0
    assert "Seniør" in (project / "site" / "jobs.json").read_text()


def test_a_posting_saved_just_before_a_build_is_read_again_by_the_next(project: Path) -> None:
    # A save within the clock tick of the build's read could keep size and times: such files
    # get no trusted stamp, so the next build reads them whatever their stamp says.
    config = load_config(project)
    build(config)
    (state,) = (project / ".cache" / "state").glob("*.json")
    files = json.loads(state.read_text().split("\n", 1)[1])["files"]
    assert all(stamp is None for stamp, _ in files.values())  # every sample file was written a moment ago


def test_a_changed_card_template_is_never_served_from_kept_cards(project: Path) -> None:
    config = load_config(project)
    build(config)
    assert card_log(project).exists()
    macros = project / "templates" / "_card.html"
    macros.write_text(macros.read_text().replace('<li class="card"', '<li class="card new-card"', 1))
    build(config)
    index = (project / "site" / "index.html").read_text()
    assert 'class="card"' not in index
    assert index.count('class="card new-card"') == 7  # every posting's card, none kept from before


def test_a_theme_card_that_names_no_key_cannot_make_pages_stale(project: Path) -> None:
    config = load_config(project)
    build(config)
    macros = project / "templates" / "_card.html"
    macros.write_text(
        macros.read_text().replace(
            "{{ posting.title }}</a>", "{{ posting.title }} ({{ posting.company }})</a>", 1
        )
    )
    build(config)
    posting = project / "content" / "jobs" / "senior-data-engineer.md"
    posting.write_text(posting.read_text().replace("company: Northwind Networks", "company: Contoso"))
    build(config)
    assert "Senior Data Engineer (Contoso)" in (project / "site" / "index.html").read_text()


def card_log(project: Path) -> Path:
    """The log of the kept cards of the site in ``site/`` (beside its state)."""
    (log,) = (project / ".cache" / "state").glob("*.cards")
    return log


def kept_lines(project: Path) -> list[list[str]]:
    """The card log's entries, [key, token, text] each, as the file holds them."""
    lines = card_log(project).read_text().splitlines()[1:]
    entries = [line.split(" ", 1)[1].split("\t", 1) for line in lines]
    return [[json.loads(key), *json.loads(rest)] for key, rest in entries]


def test_an_edit_appends_its_cards_and_the_log_is_written_afresh_once_mostly_dead(project: Path) -> None:
    config = load_config(project)
    build(config)
    first = kept_lines(project)
    posting = project / "content" / "jobs" / "senior-data-engineer.md"
    posting.write_text(posting.read_text().replace("Senior Data Engineer", "Staff Data Engineer"))
    build(config)
    after = kept_lines(project)
    assert after[: len(first)] == first  # appended, not rewritten
    assert all("senior-data-engineer.md" in key for key, _, _ in after[len(first) :])
    assert "Staff Data Engineer" in (project / "site" / "index.html").read_text()
    for edit in ("One more line.", "And another.", "And a third."):  # every posting changes
        for job in (project / "content" / "jobs").iterdir():
            job.write_text(job.read_text() + f"\n{edit}\n")
        build(config)
        assert len(kept_lines(project)) <= 2 * len(first) + 7  # never mostly dead for long


def test_a_log_of_another_context_is_started_afresh_not_appended_to(project: Path) -> None:
    config = load_config(project)
    build(config)
    cards = len(kept_lines(project))
    macros = project / "templates" / "_card.html"
    macros.write_text(macros.read_text().replace('<li class="card"', '<li class="card new-card"', 1))
    build(config)
    assert len(kept_lines(project)) == cards  # the old theme's cards are gone, not kept beside
    assert all("new-card" in text for key, _, text in kept_lines(project) if key.startswith("c"))


def test_a_card_log_cut_short_by_a_killed_build_keeps_what_checks_out(project: Path) -> None:
    config = load_config(project)
    build(config)
    expected = digest_tree(project / "site")
    cards = card_log(project)
    with open(cards, "ab") as f:
        f.write(b'0123456789abcdef ["c\\u0000half')  # appended, and killed mid-line
    (project / "site" / "index.html").unlink()
    build(config)
    assert digest_tree(project / "site") == expected


@pytest.mark.parametrize("damage", [b'{"format": 1, "context": ', b"", b"\n{}", None])
def test_damaged_kept_cards_are_ignored(project: Path, damage: bytes | None) -> None:
    config = load_config(project)
    build(config)
    expected = digest_tree(project / "site")
    cards = card_log(project)
    if damage is None:  # a flipped byte inside a card: still JSON, not what was written
        data = bytearray(cards.read_bytes())
        data[data.index(b'class=\\"card') + 9] ^= 0x01
        damage = bytes(data)
    cards.write_bytes(damage)
    (project / "site" / "index.html").unlink()
    build(config)
    assert digest_tree(project / "site") == expected


def count_made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The keys of every card and record made (not found kept) from now on."""
    made: list[str] = []
    real_keep = KeptCards._keep

    def counting_keep(self: KeptCards, key: str, token: str, text: str) -> tuple[str, str]:
        made.append(key)
        return real_keep(self, key, token, text)

    monkeypatch.setattr(KeptCards, "_keep", counting_keep)
    return made


def test_one_changed_posting_renders_its_own_cards_and_record_only(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = load_config(project)
    build(config, SERIAL_CACHED)
    made = count_made(monkeypatch)
    records: list[str] = []
    real_record = render.posting_json
    monkeypatch.setattr(render, "posting_json", lambda p, c: records.append(p.source) or real_record(p, c))
    posting = project / "content" / "jobs" / "senior-data-engineer.md"
    posting.write_text(posting.read_text().replace("Senior Data Engineer", "Staff Data Engineer"))
    build(config, SERIAL_CACHED)
    # Its cards (under its department on the index; on its skill, department and location
    # pages; under related postings and on the experience page, each with a smaller heading)
    # and its jobs.json record; the other six postings' come from what was kept (the records
    # from the jobs.json the last build wrote).
    assert sorted(key[0] for key in made) == ["c", "c", "c", "c"]
    assert all("senior-data-engineer.md" in key for key in made)
    assert records == ["content/jobs/senior-data-engineer.md"]
    assert "Staff Data Engineer" in (project / "site" / "index.html").read_text()


def test_a_no_change_build_remembers_stamps_it_can_now_trust(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = load_config(project)
    build(config)  # the sample files are seconds old: no stamp is trusted yet
    monkeypatch.setattr(scan, "RACY_NS", 0)  # ...and now they are old enough
    assert build(config).stats.written == 0
    reads = count_reads(monkeypatch)
    assert build(config).stats.written == 0
    assert reads == []


def test_a_text_edit_reuses_kept_related_lists_and_cards_and_matches_a_cold_build(big_project: Path) -> None:
    report, expected = rebuild_edited(
        big_project,
        "posting-00013.md",
        lambda text: text.rstrip() + "\n\nOne more sentence about the team.\n",
    )
    assert (big_project / ".cache" / "related.json").exists()
    assert digest_tree(big_project / "site") == expected
    assert 0 < report.stats.written < report.pages / 2


def test_new_file_times_with_the_same_bytes_are_no_change(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fresh checkout with the cache (and site) restored: every file is read once, nothing
    else is done, and the next build does not read them again."""
    monkeypatch.setattr(scan, "RACY_NS", 0)
    config = load_config(project)
    build(config)
    for path in (project / "content" / "jobs").iterdir():
        path.write_bytes(path.read_bytes())  # new times, same bytes
    rendered = count_rendered(monkeypatch)
    reads = count_reads(monkeypatch)
    report = build(config)
    assert report.stats.written == 0 and rendered == [] and len(reads) == 7
    reads.clear()
    build(config)
    assert reads == []


def test_a_site_restored_with_new_inodes_is_kept_where_unchanged(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CI cache gives the site back with its times but new inodes: an edit then redraws only
    the pages that show it, not every page."""
    config = load_config(project)
    build(config)
    site = project / "site"
    restored = project / "restored"
    shutil.copytree(site, restored, copy_function=shutil.copy2)  # times kept, new inodes
    shutil.rmtree(site)
    shutil.rmtree(project / ".site.new", ignore_errors=True)
    restored.rename(site)
    posting = project / "content" / "jobs" / "senior-data-engineer.md"
    posting.write_text(posting.read_text() + "\nOne more line.\n")
    rendered = count_rendered(monkeypatch)
    report = build(config)
    assert 0 < len(rendered) < report.pages / 2, rendered
    assert "One more line." in (site / "jobs" / "senior-data-engineer" / "index.html").read_text()


def test_a_restored_staging_folder_is_brought_up_to_date_not_made_again(project: Path) -> None:
    """A CI cache restores the site and the folder the next site is assembled in as copies
    (times kept, new inodes): the next build links each unchanged page over its staged copy
    (never reading it), so the two folders share every unchanged page again."""
    config = load_config(project)
    build(config)
    posting = project / "content" / "jobs" / "senior-data-engineer.md"
    posting.write_text(posting.read_text() + "\nOne more line.\n")
    build(config)  # the staging folder now holds the previous site
    for name in ("site", ".site.new"):
        shutil.copytree(project / name, project / "restored", copy_function=shutil.copy2)
        shutil.rmtree(project / name)
        (project / "restored").rename(project / name)
    unchanged = "skills/salesforce/index.html"
    current = (project / "site" / unchanged).stat()
    posting.write_text(posting.read_text() + "\nAnd another.\n")
    build(config)
    assert (project / "site" / unchanged).stat().st_ino == current.st_ino  # linked, not made again
    assert (project / ".site.new" / unchanged).stat().st_ino == current.st_ino
    assert "And another." in (project / "site" / "jobs" / "senior-data-engineer" / "index.html").read_text()


def count_rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    rendered: list[str] = []
    real_render = rendering.render_page

    def counting_render(page: rendering.Page, *args: object, **kwargs: object) -> bytes:
        rendered.append(page.path)
        return real_render(page, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(rendering, "render_page", counting_render)
    return rendered
