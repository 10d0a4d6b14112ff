"""Shared fixtures: the sample project, copied so that tests never touch the real one."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEEDS = sorted((ROOT / "content" / "jobs").glob("0*.html"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from the current cleaner instead of comparing against it",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the sample project (config, content, templates) in a temporary folder."""
    dest = tmp_path / "project"
    dest.mkdir()
    shutil.copy(ROOT / "careers.toml", dest / "careers.toml")
    shutil.copytree(ROOT / "content", dest / "content")
    shutil.copytree(ROOT / "templates", dest / "templates")
    return dest


GOOD = "---\ntitle: Good Posting\n---\nThis posting is fine and must always be published.\n"


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A project with the sample templates and a single good posting (``content/jobs/good.md``)."""
    root = tmp_path / "tiny"
    (root / "content" / "jobs").mkdir(parents=True)
    shutil.copytree(ROOT / "templates", root / "templates")
    (root / "careers.toml").write_text('title = "Tiny"\nmax_file_mb = 3\n')
    (root / "content" / "jobs" / "good.md").write_text(GOOD)
    return root


def read_tsv(name: str) -> list[dict[str, str]]:
    lines = (DATA / "spec" / name).read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        if line.strip():
            cells = line.split("\t")
            rows.append(dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True)))
    return rows


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Missing is a skip locally, a failure in CI."""
    import os

    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def h1_line(project: Path) -> int:
    """The line of ``templates/posting.html`` that holds the title's ``<h1>``."""
    lines = (project / "templates" / "posting.html").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if "<h1>{{ posting.title }" in line)


def edit(project: Path, relpath: str, old: str, new: str) -> None:
    """Replace ``old`` (which must be there) by ``new`` in one file of ``project``."""
    path = project / relpath
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by its relative path."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def cold_build(project: Path, out: Path, drafts: bool = False, jobs: int | None = 1) -> dict[str, bytes]:
    """What a build from nothing writes into ``out``: no state, posting store, cards or compiled
    templates, only the record of what was published (an input of every build, not a speed-up)."""
    from careers.config import load_config
    from careers.engine import Options, build
    from careers.engine.cache.published import PUBLISHED_FILE

    cache = out.with_name(out.name + "-cache")
    cache.mkdir(parents=True)
    record = load_config(project).cache_path / PUBLISHED_FILE
    if record.exists():
        shutil.copy(record, cache / PUBLISHED_FILE)
    config = load_config(project, {"output_dir": str(out), "cache_dir": str(cache)})
    build(config, Options(drafts=drafts, jobs=jobs))
    shutil.rmtree(cache)
    return tree_bytes(out)


def preview_reference(project: Path, out: Path) -> dict[str, bytes]:
    """What a cold ``build --drafts`` writes, with static files under their own names as the
    preview has them: what the preview must show once it has caught up."""
    from careers.config import load_config

    return unfingerprinted(cold_build(project, out, drafts=True), load_config(project).template_paths)


def unfingerprinted(files: dict[str, bytes], template_paths: list[Path]) -> dict[str, bytes]:
    """``files`` with static files under their own names, as the preview writes them."""
    from careers.pages.assets import load_assets

    folders = [folder / "static" for folder in template_paths]
    renamed = {published: "static/" + name for name, published in load_assets(*folders).names.items()}
    for published, plain in renamed.items():
        if published in files:
            files[plain] = files.pop(published)
    for path, data in files.items():
        for published, plain in renamed.items():
            data = data.replace(published.split("/", 1)[1].encode(), plain.split("/", 1)[1].encode())
        files[path] = data
    return files


def scorer() -> Any:
    """``tests/tools/score_postings.py``, the project's verbatim copy of the corpus scorer."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "score_postings", ROOT / "tests" / "tools" / "score_postings.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generate(count: int, dest: Path, seed: int) -> None:
    """A generated board of ``count`` postings in ``dest`` (``bench/generate.py``)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(count, dest, seed=seed)
