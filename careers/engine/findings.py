"""What a run finds wrong with the project as a whole, not with one posting file."""

from __future__ import annotations

from careers.config import Config
from careers.errors import Diagnostic


def postings_folder(config: Config) -> str:
    """The postings' folder relative to the project (as git names the files in it)."""
    try:
        return config.jobs_path.relative_to(config.root).as_posix()
    except ValueError:
        return config.jobs_path.as_posix()


def nothing_found(config: Config) -> Diagnostic:
    where = config.jobs_path.as_posix()
    if config.jobs_path.is_dir():
        message = "no postings here: add .md or .html posting files (nothing was built)"
    else:
        message = "no such folder: postings go in content/jobs/ (nothing was built)"
    return Diagnostic(where, None, "error", message)


def shallow_clone(config: Config) -> Diagnostic:
    message = (
        "the project is a shallow git clone: postings without a 'date' are undated and new URLs"
        " are given by date and file name, not by first commit (clone the whole history; in GitHub"
        " Actions, actions/checkout with fetch-depth: 0)"
    )
    return Diagnostic(postings_folder(config) or ".", None, "warning", message)
