"""Site configuration: ``careers.toml`` read into a typed, validated ``Config``."""

from __future__ import annotations

import dataclasses
import difflib
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import soupsieve

from careers.errors import ConfigError

CONFIG_NAME = "careers.toml"
_HEX_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")


class CleanRules(NamedTuple):
    """The site's own cleaning rules, ``[clean]`` in careers.toml: CSS selectors.

    ``drop``: elements to remove from every posting (a board's share buttons, similar jobs);
    ``description``: the element that holds a posting's text on a saved page. A tuple of
    plain values, so the cache's fingerprint of the config serialises it as it does the rest.
    """

    drop: tuple[str, ...] = ()
    description: str = ""


_CLEAN_KEYS = CleanRules._fields
_NO_RULES = CleanRules()


@dataclass(frozen=True)
class Config:
    """Every setting with its default; paths are resolved against ``root``."""

    root: Path = Path(".")
    title: str = "Careers"
    company: str = ""
    company_url: str = ""
    logo: str = ""
    accent_color: str = ""
    accent_color_dark: str = ""
    intro: str = ""
    base_url: str = "/"
    language: str = "en"
    apply_url: str = ""
    apply_email: str = ""
    location: str = ""
    employment_type: str = ""
    content_dir: str = "content"
    output_dir: str = "site"
    templates_dir: str = "templates"
    theme_dir: str = ""
    cache_dir: str = ".cache"
    max_file_mb: float = 5.0
    # Soft skills get tag pages, index chips and filters like any skill only when this is on.
    soft_skill_pages: bool = False
    clean: CleanRules = _NO_RULES

    @property
    def content_path(self) -> Path:
        return self.root / self.content_dir

    @property
    def jobs_path(self) -> Path:
        return self.content_path / "jobs"

    @property
    def output_path(self) -> Path:
        return self.root / self.output_dir

    @property
    def templates_path(self) -> Path:
        return self.root / self.templates_dir

    @property
    def template_paths(self) -> tuple[Path, ...]:
        """Where templates and ``static/`` files are looked up: ``theme_dir`` first, if set."""
        theme = (self.root / self.theme_dir,) if self.theme_dir else ()
        return (*theme, self.templates_path)

    @property
    def cache_path(self) -> Path:
        return self.root / self.cache_dir

    @property
    def base_path(self) -> str:
        """The path part of ``base_url``, always starting and ending with ``/``."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def apply_default(self) -> str:
        if self.apply_url:
            return self.apply_url
        return f"mailto:{self.apply_email}" if self.apply_email else ""


_FIELDS = {f.name: f for f in dataclasses.fields(Config) if f.name != "root"}


def load_config(root: Path, overrides: dict[str, Any] | None = None) -> Config:
    """Read ``root/careers.toml`` (if there is one) and apply ``overrides`` on top."""
    path = root / CONFIG_NAME
    data: dict[str, Any] = {}
    if path.is_file():
        try:
            with path.open("rb") as f:
                data = tomllib.load(f)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(CONFIG_NAME, [f"not valid TOML: {exc}"]) from None
        except UnicodeDecodeError as exc:
            problem = f"not valid UTF-8 (byte {exc.start}): save it as UTF-8"
            raise ConfigError(CONFIG_NAME, [problem]) from None
        except OSError as exc:
            raise ConfigError(CONFIG_NAME, [f"cannot read: {exc.strerror}"]) from None
    data.update({k: v for k, v in (overrides or {}).items() if v is not None})
    return Config(root=root, **validate(data))


def validate(data: dict[str, Any]) -> dict[str, Any]:
    """Check every key and value; collect all problems, then raise them together."""
    problems: list[str] = []
    clean: dict[str, Any] = {}
    for key, value in data.items():
        field = _FIELDS.get(key)
        if field is None:
            problems.append(_unknown_key(key, _FIELDS))
            continue
        if key == "clean":
            rules, found = _clean_rules(value)
            problems.extend(found)
            if rules is not None:
                clean[key] = rules
            continue
        expected = type(field.default)
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or isinstance(value, bool) != (expected is bool):
            problems.append(f"'{key}' must be a {expected.__name__}, not {type(value).__name__} ({value!r})")
            continue
        clean[key] = value
    problems.extend(_check_values(clean))
    if problems:
        raise ConfigError(CONFIG_NAME, problems)
    return clean


def _unknown_key(key: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(key, list(known), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown key '{key}'{hint}"


def _clean_rules(value: Any) -> tuple[CleanRules | None, list[str]]:
    """``[clean]`` read and its selectors compiled, so a typo is reported before any build."""
    if isinstance(value, CleanRules):
        return value, []
    if not isinstance(value, dict):
        return None, [f"'clean' must be a table ([clean]), not {type(value).__name__} ({value!r})"]
    problems = [
        _unknown_key(f"clean.{key}", (f"clean.{k}" for k in _CLEAN_KEYS))
        for key in value
        if key not in _CLEAN_KEYS
    ]
    drop = value.get("drop", [])
    if isinstance(drop, str):
        drop = [drop]
    if not isinstance(drop, list) or not all(isinstance(s, str) for s in drop):
        problems.append(f"'clean.drop' must be a list of CSS selectors, not {drop!r}")
        drop = []
    description = value.get("description", "")
    if not isinstance(description, str):
        problems.append(f"'clean.description' must be a CSS selector (a str), not {description!r}")
        description = ""
    for key, selector in [*(("clean.drop", s) for s in drop), ("clean.description", description)]:
        problem = _selector_problem(selector)
        if selector and problem:
            problems.append(f"'{key}': {selector!r} is not a CSS selector: {problem}")
    return (None if problems else CleanRules(tuple(drop), description)), problems


def _selector_problem(selector: str) -> str | None:
    try:
        soupsieve.compile(selector)
    except soupsieve.SelectorSyntaxError as exc:
        return str(exc).splitlines()[0]
    return None


def _check_values(clean: dict[str, Any]) -> list[str]:
    problems = []
    base_url = clean.get("base_url")
    if base_url is not None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("", "http", "https") or (parts.scheme and not parts.netloc):
            problems.append(f"'base_url' must be an http(s) URL or a path, not {base_url!r}")
    for key in ("apply_url", "company_url"):
        url = clean.get(key)
        if url and urlsplit(url).scheme not in ("http", "https", "mailto"):
            problems.append(f"'{key}' must be an http(s) or mailto URL, not {url!r}")
    for key in ("accent_color", "accent_color_dark"):
        color = clean.get(key)
        if color and not _HEX_COLOR.fullmatch(color):
            problems.append(f"'{key}' must be a hex colour like '#0b5cad' or '#07c', not {color!r}")
    if clean.get("max_file_mb", 1.0) <= 0:
        problems.append("'max_file_mb' must be greater than 0")
    return problems
