"""Whether a run has nothing to do: nothing it reads changed, and its output is as it was left."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from careers.engine.cache.state import Known, State, save_state
from careers.engine.draw import same_file
from careers.engine.files import OutStamp, site_files
from careers.engine.process import Identified


def up_to_date(
    state: State, inputs: str, out: Path, found: Sequence[Identified], state_file: Path | None
) -> bool:
    """Whether nothing the last run read has changed (``inputs``), and its output is as it left it
    (the very files, or copies of them whose bytes are the ones written)."""
    if state.inputs != inputs:
        return False
    pages = state.pages
    links: list[str] = []  # a link planted in the site: a build writes none, so it must go
    now = site_files(out, links)
    if links or now.keys() != pages.keys():
        return False
    if not all(same_file(out, path, stamp, pages[path]) for path, stamp in now.items()):
        return False
    _trust_new_stamps(state, found, now, state_file)
    return True


def _trust_new_stamps(
    state: State, found: Sequence[Identified], site: dict[str, OutStamp], state_file: Path | None
) -> None:
    """Keep the stamps a no-change run found: a file read (a posting) or hashed (a page)
    only because its stamp was new (a fresh checkout, a restored site) or too new to trust
    last time need not be by the next run."""
    files, pages = state.files, state.pages
    fresh = {
        item.found.relpath: item.found.stamp
        for item in found
        if item.digest and item.found.stamp != files[item.found.relpath].stamp
    }
    moved = {path: stamp for path, stamp in site.items() if stamp != pages[path][1]}
    if (fresh or moved) and state_file is not None:
        for name, stamp in fresh.items():
            files[name] = Known(stamp, files[name].digest, files[name].result)
        for path, out_stamp in moved.items():
            pages[path] = (pages[path][0], out_stamp, pages[path][2])
        save_state(state_file, state)
