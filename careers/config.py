"""Site configuration: ``careers.toml`` read into a typed, validated ``Config``."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import SplitResult, urlsplit

from careers.config_clean import CleanRules, read_clean_rules
from careers.config_employer import Employer, read_employer
from careers.employment import read_employment_type
from careers.errors import ConfigError, printable, unknown_key
from careers.showable import first_unshowable

CONFIG_NAME = "careers.toml"
_HEX_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
# No posting is a gigabyte; and a size past what an index can hold cannot even be read up to.
MAX_FILE_MB = 1000.0
MAX_POSTING_SECONDS = 3600.0


_NO_RULES = CleanRules()
_NO_EMPLOYER = Employer()


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
    department: str = ""  # for postings that name none
    departments: tuple[str, ...] = ()  # the index's order of departments (the rest follow, A-Z)
    listing_page_size: int = 50  # postings on a listing page (and per department on the index); 0: all
    index_rare_skills: bool = False  # let search engines index a skill page of a single posting
    content_dir: str = "content"
    output_dir: str = "site"
    templates_dir: str = "templates"
    theme_dir: str = ""
    cache_dir: str = ".cache"
    max_file_mb: float = 5.0
    # CPU seconds one posting may take to read and tag (a real one takes milliseconds).
    max_posting_seconds: float = 20.0
    # Soft skills get tag pages, index chips and filters like any skill only when this is on.
    soft_skill_pages: bool = False
    # Job feeds for machines besides the Atom feed: each needs an absolute base_url.
    json_feed: bool = True  # feed.json: JSON Feed 1.1, each item with its JobPosting
    indeed_feed: bool = True  # indeed.xml: Indeed's XML job feed
    # linkedin.xml: LinkedIn's Basic Jobs XML feed, read only once a LinkedIn partner contact agrees to
    linkedin_feed: bool = False
    clean: CleanRules = _NO_RULES
    # Pay transparency: check applies the laws' table (careers/data/pay_laws.toml) to every posting,
    # counting the employer's people as [employer] states them (none stated: every threshold met).
    pay_transparency: bool = True
    employer: Employer = _NO_EMPLOYER
    # A posting with no valid_through closes this many days after it was posted (0: never).
    max_age_days: int = 60

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
        """Where templates and ``static/`` files are looked up, in order: ``theme_dir`` (if set),
        the site's ``templates_dir`` (if there is one), then the theme built into the package."""
        site = [self.root / self.theme_dir] if self.theme_dir else []
        site += [self.templates_path] if self.templates_path.is_dir() else []
        builtin = builtin_theme()
        return (*(p for p in site if p.resolve() != builtin), builtin)

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


def builtin_theme() -> Path:
    """The package's own theme: ``careers/theme/`` when installed from a wheel, or the
    checkout's ``templates/`` (the same files) when run from source."""
    package = Path(__file__).resolve().parent
    installed = package / "theme"
    return installed if installed.is_dir() else package.parent / "templates"


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
    return Config(root=root, **validate(data, root))


def validate(data: dict[str, Any], root: Path | None = None) -> dict[str, Any]:
    """Check every key and value (and, given ``root``, the files they name); collect all
    problems, then raise them together."""
    problems: list[str] = []
    clean: dict[str, Any] = {}
    for key, value in data.items():
        field = _FIELDS.get(key)
        if field is None:
            problems.append(unknown_key(key, _FIELDS))
            continue
        if key in ("clean", "employer"):
            read, found = (read_clean_rules if key == "clean" else read_employer)(value)
            problems.extend(found)
            if read is not None:
                clean[key] = read
            continue
        expected = type(field.default)
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if expected is tuple:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems.append(f'\'{key}\' must be a list of names, like ["Engineering", "Sales"]')
                continue
            value = tuple(value)
        if not isinstance(value, expected) or isinstance(value, bool) != (expected is bool):
            problems.append(f"'{key}' must be a {expected.__name__}, not {type(value).__name__} ({value!r})")
            continue
        clean[key] = value
    problems.extend(_check_values(clean))
    if root is not None:
        problems.extend(_check_files(clean, root))
    if problems:
        raise ConfigError(CONFIG_NAME, problems)
    return clean


def _check_values(clean: dict[str, Any]) -> list[str]:
    problems = _check_urls(clean)
    for key in ("accent_color", "accent_color_dark"):
        color = clean.get(key)
        if color and not _HEX_COLOR.fullmatch(color):
            problems.append(f"'{key}' must be a hex colour like '#0b5cad' or '#07c', not {color!r}")
    size = clean.get("max_file_mb")
    if size is not None and not 0 < size <= MAX_FILE_MB:  # NaN fails both comparisons
        problems.append(
            f"'max_file_mb' must be a number of megabytes above 0, at most {MAX_FILE_MB:,.0f}, not {size!r}"
        )
    seconds = clean.get("max_posting_seconds")
    if seconds is not None and not 0 < seconds <= MAX_POSTING_SECONDS:
        problems.append(
            f"'max_posting_seconds' must be a number of seconds above 0, at most {MAX_POSTING_SECONDS:,.0f}, "
            f"not {seconds!r}"
        )
    if not 0 <= clean.get("max_age_days", 0) <= 3650:
        problems.append("'max_age_days' must be a number of days up to 3650, or 0 for postings not to age")
    if not 0 <= clean.get("listing_page_size", 0) <= 100_000:
        problems.append("'listing_page_size' must be a number of postings, or 0 for all on one page")
    if clean.get("employment_type"):
        try:
            read_employment_type(clean["employment_type"])
        except ValueError as exc:
            problems.append(f"'employment_type': {exc}")
    for key, value in clean.items():
        found = first_unshowable(value) if isinstance(value, str) else None
        if found:
            char = printable(found)
            problems.append(
                f"'{key}' holds a control character ({char}) that no web page or feed may hold: delete it"
            )
    return problems


def _check_urls(clean: dict[str, Any]) -> list[str]:
    problems = []
    for key in ("base_url", "apply_url", "company_url"):
        url = clean.get(key)
        if url and _split(url) is None:
            problems.append(
                f"'{key}' is not a URL that can be read: {url!r}; write it like 'https://jobs.example.com/'"
            )
    base_url = clean.get("base_url")
    base = _split(base_url) if base_url else None
    if base and (base.scheme not in ("", "http", "https") or (base.scheme and not base.netloc)):
        problems.append(f"'base_url' must be an http(s) URL or a path, not {base_url!r}")
    for key in ("apply_url", "company_url"):
        url = clean.get(key)
        if url and (parts := _split(url)) and parts.scheme not in ("http", "https", "mailto"):
            problems.append(f"'{key}' must be an http(s) or mailto URL, not {url!r}")
    return problems


def _shown(folder: Path, root: Path) -> str:
    try:
        return folder.relative_to(root).as_posix()
    except ValueError:
        return folder.as_posix()


def _split(url: str) -> SplitResult | None:
    """``url``'s parts, or ``None`` if it does not parse (``http://[::1``, a port of 99999)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (reading it checks it)
    except ValueError:
        return None
    return parts


def _check_files(clean: dict[str, Any], root: Path) -> list[str]:
    """``theme_dir`` and a ``logo`` in ``static/`` must be there: every page would link to them."""
    problems = []
    folders = [str(root / clean.get("templates_dir", Config.templates_dir)), str(builtin_theme())]
    theme = clean.get("theme_dir")
    if theme:
        if (root / theme).is_dir():
            folders.insert(0, str(root / theme))
        else:
            problems.append(f"'theme_dir' is {theme!r}, which is not a folder: create it or remove the key")
    logo = clean.get("logo")
    problem = _logo_problem(logo, root, folders) if logo else None
    return [*problems, problem] if problem else problems


def _logo_problem(logo: str, root: Path, folders: list[str]) -> str | None:
    if "://" in logo:
        parts = _split(logo)
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
            return f"'logo' must be a file in static/ like 'static/logo.svg' or an http(s) URL, not {logo!r}"
        return None
    name = logo.removeprefix("static/")
    if name == logo or any(part.startswith(".") or not part for part in name.split("/")):
        return f"'logo' must be a file in static/ like 'static/logo.svg' or an http(s) URL, not {logo!r}"
    if not any((Path(folder) / "static" / name).is_file() for folder in folders):
        where = " or ".join(f"{_shown(Path(folder), root)}/static/" for folder in folders[:-1])
        return f"'logo' is {logo!r}, but there is no {name} in {where}: add the file or fix the name"
    return None
