"""The preview's rebuilds: the engine after every save, into its own folder, equal to a full build."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from careers.config import load_config
from careers.engine import Options
from careers.shell.cli import main
from careers.shell.preview import Preview, Update

from .conftest import edit, h1_line, preview_reference

MARKDOWN = "content/jobs/senior-data-engineer.md"
PAGE = "jobs/senior-data-engineer/index.html"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        (Path(d) / name).relative_to(folder).as_posix(): (Path(d) / name).read_bytes()
        for d, _, names in os.walk(folder)
        for name in names
    }


@pytest.fixture
def preview(project: Path) -> Preview:
    p = Preview(lambda: load_config(project), Options(drafts=True))
    assert p.rebuild().errors == ()
    return p


def shown(preview: Preview) -> dict[str, bytes]:
    return snapshot(preview.output)


def test_first_rebuild_is_a_full_build_and_never_touches_the_published_folder(
    preview: Preview, project: Path, tmp_path: Path
) -> None:
    assert shown(preview) == preview_reference(project, tmp_path / "reference")
    assert preview.output.is_relative_to(project / ".cache") and not (project / "site").exists()


def test_body_edit_reprocesses_one_posting_and_writes_what_shows_it(preview: Preview, project: Path) -> None:
    edit(project, MARKDOWN, "Mentor two data engineers", "Mentor three data engineers")
    update = preview.rebuild()
    assert update.report is not None and update.report.processed == (MARKDOWN,)
    feeds = {"jobs.json", "feed.xml", "sitemap.xml", "feed.json", "indeed.xml"}  # the feeds carry the text
    assert set(update.changed) <= {PAGE, *feeds} and PAGE in update.changed


def test_skill_change_rewrites_exactly_the_pages_whose_bytes_change(
    preview: Preview, project: Path, tmp_path: Path
) -> None:
    before = shown(preview)
    edit(project, MARKDOWN, "required: [Python, SQL]", "required: [Rust, SQL]")
    update = preview.rebuild()
    after = shown(preview)
    assert after == preview_reference(project, tmp_path / "reference")
    differing = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
    assert set(update.changed) == differing
    assert {"skills/rust/index.html", PAGE, "jobs.json"} <= differing
    assert "jobs/territory-account-manager/index.html" not in differing


def test_the_open_page_and_the_saved_posting_come_first(preview: Preview, project: Path) -> None:
    edit(project, MARKDOWN, "required: [Python, SQL]", "required: [Rust, SQL]")
    first: list[list[str]] = []
    update = preview.rebuild({"skills/index.html"}, on_first=lambda paths, errors: first.append(paths))
    assert first and set(first[0]) == {PAGE, "skills/index.html"}
    assert set(first[0]) < set(update.changed)


def test_template_edit_rerenders_without_rereading(preview: Preview, project: Path, tmp_path: Path) -> None:
    edit(
        project,
        "templates/posting.html",
        "<h1>{{ posting.title }}</h1>",
        "<h1>Join: {{ posting.title }}</h1>",
    )
    update = preview.rebuild()
    assert update.report is not None and update.report.processed == ()
    assert PAGE in update.changed and "index.html" not in update.changed
    assert shown(preview) == preview_reference(project, tmp_path / "reference")


def test_new_deleted_and_renamed_postings(preview: Preview, project: Path, tmp_path: Path) -> None:
    jobs = project / "content" / "jobs"
    (jobs / "night-baker.md").write_text("---\ntitle: Night Baker\n---\nBake bread at night.\n")
    assert "jobs/night-baker/index.html" in preview.rebuild().changed
    (jobs / "night-baker.md").unlink()
    (jobs / "senior-data-engineer.md").rename(jobs / "data-engineer.md")
    edit(project, "content/jobs/data-engineer.md", "slug: senior-data-engineer", "slug: data-engineer")
    preview.rebuild()
    assert not (preview.output / "jobs" / "night-baker").exists()
    assert not (preview.output / "jobs" / "senior-data-engineer").exists()
    assert (preview.output / "jobs" / "data-engineer" / "index.html").is_file()
    assert shown(preview) == preview_reference(project, tmp_path / "reference")


def test_a_broken_posting_keeps_its_last_good_page_until_fixed(preview: Preview, project: Path) -> None:
    page = preview.output / PAGE
    good = page.read_bytes()
    edit(project, MARKDOWN, "date: 2026-11-02", "date: yesterday")
    update = preview.rebuild({PAGE})
    assert any(line.startswith(f"{MARKDOWN}:8: error:") for line in update.errors)
    assert page.read_bytes() == good  # the open page keeps its content under the error panel
    edit(project, MARKDOWN, "date: yesterday", "date: 2026-11-02")
    assert preview.rebuild().errors == ()


def test_template_error_keeps_the_pages(preview: Preview, project: Path) -> None:
    page = preview.output / PAGE
    before = page.read_bytes()
    edit(project, "templates/posting.html", "<h1>{{ posting.title }}</h1>", "<h1>{{ posting.title }</h1>")
    update = preview.rebuild({PAGE})
    assert update.problem is not None
    assert update.errors[0].startswith(f"templates/posting.html:{h1_line(project)}: error:")
    assert page.read_bytes() == before


def test_config_and_vocabulary_changes_start_afresh(preview: Preview, project: Path, tmp_path: Path) -> None:
    (project / "content" / "skills.toml").write_text(
        '[[skill]]\nname = "Arcserve Suite"\ncategory = "Software"\naliases = ["arcserve"]\n'
    )
    assert preview.rebuild().errors == ()
    assert (preview.output / "skills" / "arcserve-suite" / "index.html").is_file()
    edit(project, "careers.toml", "Every open role is below.", "Come build with us.")
    assert preview.rebuild().errors == ()
    assert b"Come build with us." in (preview.output / "index.html").read_bytes()
    assert shown(preview) == preview_reference(project, tmp_path / "reference")


def test_config_error_is_reported_and_fixed(preview: Preview, project: Path) -> None:
    edit(project, "careers.toml", "intro =", "intro_text =")
    update = preview.rebuild()
    assert update.problem is not None and "careers.toml: error: unknown key 'intro_text'" in update.errors[0]
    edit(project, "careers.toml", "intro_text =", "intro =")
    assert preview.rebuild().errors == ()


def test_a_rebuild_stopped_for_a_newer_save_is_finished_by_the_next(
    preview: Preview, project: Path, tmp_path: Path
) -> None:
    edit(project, MARKDOWN, "required: [Python, SQL]", "required: [Rust, SQL]")
    stopped = preview.rebuild(stop=lambda: True)  # asked before it draws: nothing drawn
    assert stopped.report is not None and stopped.report.stopped and stopped.report.rendered == 0
    page = preview.output / PAGE
    stopped = preview.rebuild(stop=lambda: b"Rust" in page.read_bytes())  # once its page is drawn
    assert stopped.report is not None and stopped.report.stopped and stopped.report.rendered == 1
    assert not preview.rebuild().report.stopped  # type: ignore[union-attr]
    assert shown(preview) == preview_reference(project, tmp_path / "reference")


def test_a_bug_in_a_rebuild_is_an_internal_error_and_the_next_save_builds(
    preview: Preview, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = preview._engine()

    def broken(*args: object, **kwargs: object) -> object:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(engine, "run", broken)
    update: Update = preview.rebuild()
    assert update.problem is not None and update.problem.startswith("internal error")
    (report,) = (project / ".cache" / "internal-errors").iterdir()
    said = (
        "internal error (ZeroDivisionError): a bug in careers, not a problem with your content or settings."
    )
    assert update.problem.startswith(f"{said} The details are in {report};")
    monkeypatch.undo()
    edit(project, MARKDOWN, "Mentor two data engineers", "Mentor five data engineers")
    assert preview.rebuild().errors == ()
    assert shown(preview) == preview_reference(project, tmp_path / "reference")


def test_without_the_cache_the_preview_has_a_temporary_folder(project: Path) -> None:
    p = Preview(lambda: load_config(project), Options(drafts=True, cache=False))
    p.rebuild()
    folder = p.output
    assert (folder / "index.html").is_file() and not folder.is_relative_to(project)
    p.close()
    assert not folder.exists()


def test_a_saved_postings_page_is_drawn_before_the_site_is_put_together(
    preview: Preview, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import careers.engine.assembly as engine

    events: list[object] = []
    real_assemble = engine.assemble_site

    def assemble(*args: object, **kwargs: object) -> object:
        events.append("assembled")
        return real_assemble(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "assemble_site", assemble)
    edit(project, MARKDOWN, "Mentor two data engineers", "Mentor three data engineers")
    saved = [str((project / MARKDOWN).resolve())]
    update = preview.rebuild(on_first=lambda paths, errors: events.append(list(paths)), saved=saved)
    # The page first, its work independent of the site's size; then the run patches the last
    # site (the edit left every posting's place as it was): the site is not put together again.
    assert events[0] == [PAGE] and "assembled" not in events
    assert b"Mentor three data engineers" in (preview.output / PAGE).read_bytes()
    assert shown(preview) == preview_reference(project, tmp_path / "reference")  # and all as a build
    assert update.report is not None and PAGE not in update.changed  # drawn once, not twice
    # A title edit moves the posting in the site: the whole run draws it, nothing before.
    events.clear()
    edit(project, MARKDOWN, "title: Senior Data Engineer", "title: Senior Data Engineer II")
    preview.rebuild(on_first=lambda paths, errors: events.append(list(paths)), saved=saved)
    assert events[0] == "assembled"
    assert shown(preview) == preview_reference(project, tmp_path / "reference2")


def test_a_posting_that_moves_is_followed_and_a_published_one_never_moves(
    preview: Preview, project: Path
) -> None:
    jobs = project / "content" / "jobs"
    new = jobs / "night-baker.md"  # being written: no build has published it
    new.write_text("---\ntitle: Night Baker\n---\nBake bread for the early shift.\n")
    preview.rebuild()
    assert preview.moved == {}
    before = "jobs/night-baker/index.html"
    for title, slug in (("Night Baker II", "night-baker-ii"), ("Head Night Baker", "head-night-baker")):
        new.write_text(new.read_text().replace(new.read_text().split("\n")[1], f"title: {title}"))
        update = preview.rebuild()
        assert before in update.changed  # removed: the browsers showing it reload, and are sent on
        assert preview.moved == {before: f"jobs/{slug}/index.html"}
        before = f"jobs/{slug}/index.html"
    assert (preview.output / "jobs" / "head-night-baker" / "index.html").is_file()
    # A new posting takes the old URL: it is a page again, not a way to the moved one.
    (jobs / "baker.md").write_text("---\ntitle: Night Baker II\n---\nBake cakes.\n")
    preview.rebuild()
    assert "jobs/night-baker-ii/index.html" not in preview.moved
    # Once a build has published a posting, a new title keeps its URL, in the preview as well.
    assert main(["-C", str(project), "build", "-q"]) == 0
    new.write_text(new.read_text().replace("title: Head Night Baker", "title: Chief Baker"))
    update = preview.rebuild()
    assert not any(path.startswith("jobs/chief-baker") for path in update.changed)
    assert "Chief Baker" in (preview.output / "jobs" / "head-night-baker" / "index.html").read_text()


def test_a_long_session_leaves_no_garbage_behind(preview: Preview, project: Path) -> None:
    """Each save's processing leaves cycles behind (a parsed page's tree): they are collected,
    not frozen into the oldest generation to pile up save after save (issue 20: 56 -> 94 MB)."""
    html = project / "content" / "jobs" / "003_2595a3ad57c9d7f4.html"
    original = html.read_text()

    def tracked_after(edits: range) -> int:
        for n in edits:
            html.write_text(original + f"<p>Edit {n}: also 3 years of SQL.</p>")
            assert preview.rebuild().errors == ()
        return len(gc.get_objects())  # garbage still tracked counts: no collection is forced here

    warm = tracked_after(range(20))
    later = tracked_after(range(20, 120))
    assert later < warm * 1.05, (warm, later)
    assert len(preview.engine.theme.cards.entries) < 200  # kept cards of dead versions go too


def test_a_theme_let_go_of_is_collected(preview: Preview, project: Path) -> None:
    """Every template edit made a new theme, and the old one (compiled templates, kept cards:
    cycles) stayed until a collection of the oldest generation, which never came."""
    template = project / "templates" / "posting.html"
    original = template.read_text()

    def tracked_after(edits: range) -> int:
        for n in edits:
            template.write_text(original + f"\n<!-- edit {n} -->\n")
            assert preview.rebuild().errors == ()
        return len(gc.get_objects())

    warm = tracked_after(range(3))
    assert tracked_after(range(3, 15)) < warm * 1.02
