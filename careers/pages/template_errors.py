"""A template's failure as a template error at its file and line: whatever a template raises
while it renders (it is the site's code) names the template, not the page being drawn."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

import jinja2

from careers.config import Config
from careers.errors import TemplateError, printable


def template_error(exc: BaseException, config: Config, name: str) -> TemplateError:
    """A template's failure, at its file and line where there is one."""
    here = f"{config.templates_dir}/{name}"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = _template_name(config, exc.filename or name)
        return TemplateError(where, exc.lineno, exc.message or "syntax error")
    if isinstance(exc, jinja2.TemplateNotFound):
        return TemplateError(f"{config.templates_dir}/{exc.name}", None, "template not found")
    if isinstance(exc, UnicodeDecodeError):
        return TemplateError(here, None, "not valid UTF-8: save the template as UTF-8")
    if isinstance(exc, OSError):
        where = _template_name(config, exc.filename) if exc.filename else here
        return TemplateError(where, None, f"cannot read template: {exc.strerror}")
    if isinstance(exc, RecursionError):
        return TemplateError(here, None, "templates include or extend each other in a loop")
    path, line = _template_location(exc.__traceback__, config, name)
    said = (
        str(exc)
        if isinstance(exc, jinja2.TemplateError | ValueError | TypeError)
        else f"{type(exc).__name__}: {exc}"
    )
    return TemplateError(path, line, f"while rendering: {printable(said[:300])}")


def _template_name(config: Config, filename: str) -> str:
    try:
        return Path(filename).resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:
        return filename


def _template_location(tb: TracebackType | None, config: Config, name: str) -> tuple[str, int | None]:
    """The innermost template frame of a rendering error (Jinja maps them to template lines)."""
    where: tuple[str, int | None] = (f"{config.templates_dir}/{name}", None)
    folders = tuple(str(path.resolve()) for path in config.template_paths)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith(folders):
            where = (_template_name(config, filename), tb.tb_lineno)
        tb = tb.tb_next
    return where
