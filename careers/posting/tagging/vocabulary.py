"""The skills vocabulary: the built-in data file, a site's additions merged over it, the matcher."""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from careers.errors import CareersError, Diagnostic
from careers.posting.tagging.matcher import Matcher, compile_matcher
from careers.slugs import slugify

# Bumped whenever matching or extraction rules change, so caches keyed on the fingerprint expire.
RULES_VERSION = "tagging-2"
SITE_FILES = ("skills.toml", "skills.yml", "skills.yaml")
_SKILL_KEYS = {"name", "slug", "category", "aliases", "exact", "ambiguous", "context"}
_SITE_KEYS = {"skill", "aliases", "exact", "rename", "suppress", "ignore"}


@dataclass(frozen=True)
class Skill:
    """One vocabulary entry (see the header of ``careers/data/skills.toml``)."""

    name: str
    slug: str
    category: str
    aliases: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    context: tuple[str, ...] = ()


class VocabularyError(CareersError):
    """A skills file that cannot be used: every problem found, each with its place."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics

    def __str__(self) -> str:
        return "\n".join(str(d) for d in self.diagnostics)


@dataclass(frozen=True)
class Vocabulary:
    """The skills a posting can be tagged with, the compiled matcher, and a stable fingerprint."""

    skills: tuple[Skill, ...]
    matcher: Matcher
    folded: dict[str, Skill]
    exact: dict[str, Skill]
    guarded: frozenset[tuple[str, bool]]
    contexts: dict[str, re.Pattern[str]]
    names: dict[str, Skill]
    ignored: frozenset[str] = frozenset()
    fingerprint: str = field(default="")

    def get(self, name: str) -> Skill | None:
        """The skill a front matter name means: its name, slug or any spelling, ignoring case."""
        return self.names.get(name.casefold()) or self.names.get(slugify(name))


def load_vocabulary(extra: Path | None = None) -> Vocabulary:
    """The built-in vocabulary, with a site's ``content/skills.toml`` (or ``.yml``) merged over it.

    ``extra`` names the site file; a ``.yml``/``.yaml`` sibling is used when the ``.toml`` is absent.
    """
    builtin = resources.files("careers").joinpath("data/skills.toml").read_text("utf-8")
    data = tomllib.loads(builtin)
    skills = read_skills(data.get("skill", []), "careers/data/skills.toml", builtin)
    ignore = [str(phrase) for phrase in data.get("ignore", [])]
    site = _site_file(extra)
    if site is None:
        check_spellings(skills, "careers/data/skills.toml", builtin)
    else:
        text = site.read_text("utf-8")
        site_data = _parse_site(site, text)
        skills = merge_site(skills, site_data, site.as_posix(), text)
        ignore += [str(phrase) for phrase in _as_list(site_data.get("ignore", []))]
    return build_vocabulary(skills, tuple(ignore))


def _site_file(extra: Path | None) -> Path | None:
    if extra is None:
        return None
    found = [extra.with_name(name) for name in SITE_FILES if extra.with_name(name).is_file()]
    if len(found) > 1:
        names = " and ".join(p.name for p in found)
        raise VocabularyError(
            [Diagnostic(found[0].as_posix(), None, "error", f"use one of {names}, not both")]
        )
    return found[0] if found else None


def _parse_site(path: Path, text: str) -> dict[str, Any]:
    try:
        data = tomllib.loads(text) if path.suffix == ".toml" else yaml.safe_load(text)
    except (tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise VocabularyError(
            [
                Diagnostic(
                    path.as_posix(), line + 1 if line is not None else None, "error", f"cannot be read: {exc}"
                )
            ]
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise VocabularyError([Diagnostic(path.as_posix(), 1, "error", "expected a table of skills")])
    return data


def line_of(text: str, needle: str) -> int | None:
    """The first line of ``text`` holding ``needle`` (quoted if possible), for error messages."""
    lines = text.splitlines()
    for wanted in (f'"{needle}"', f"'{needle}'", needle):
        for number, line in enumerate(lines, 1):
            if wanted in line:
                return number
    return None


def read_skills(entries: object, path: str, text: str) -> tuple[Skill, ...]:
    """``[[skill]]`` tables as skills; every malformed entry reported at once."""
    problems: list[Diagnostic] = []
    skills: list[Skill] = []
    if not isinstance(entries, list):
        entries = [entries]
    for entry in entries:
        skill = _read_skill(entry, path, text, problems)
        if skill is not None:
            skills.append(skill)
    if problems:
        raise VocabularyError(problems)
    return tuple(skills)


def _read_skill(entry: object, path: str, text: str, problems: list[Diagnostic]) -> Skill | None:
    def fail(message: str, near: str) -> None:
        problems.append(Diagnostic(path, line_of(text, near), "error", message))

    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
        fail("every [[skill]] needs a 'name' (text)", "[[skill]]" if path.endswith("toml") else "skill")
        return None
    name = entry["name"].strip()
    for key in sorted(set(entry) - _SKILL_KEYS):
        fail(f"skill '{name}': unknown key '{key}' (known: {', '.join(sorted(_SKILL_KEYS))})", key)
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("aliases", "exact", "ambiguous", "context"):
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            fail(f"skill '{name}': '{key}' must be a list of non-empty texts", name)
            value = []
        lists[key] = tuple(v.strip() for v in value)
    if lists["ambiguous"] and not lists["context"]:
        fail(f"skill '{name}': 'ambiguous' spellings need 'context' words", name)
    slug = entry.get("slug") or slugify(name)
    return Skill(name, str(slug), str(entry.get("category", "Other")), **lists)


def merge_site(builtin: tuple[Skill, ...], data: dict[str, Any], path: str, text: str) -> tuple[Skill, ...]:
    """Apply a site's skills file: suppress, rename, add spellings, then add or redefine skills."""
    problems = [
        Diagnostic(
            path, line_of(text, key), "error", f"unknown key '{key}' (known: {', '.join(sorted(_SITE_KEYS))})"
        )
        for key in sorted(set(data) - _SITE_KEYS)
    ]
    by_name = {s.name.casefold(): s for s in builtin}

    def known(name: object, what: str) -> Skill | None:
        skill = by_name.get(str(name).casefold()) if isinstance(name, str) else None
        if skill is None:
            problems.append(
                Diagnostic(path, line_of(text, str(name)), "error", f"{what}: no skill named '{name}'")
            )
        return skill

    for name in _as_list(data.get("suppress", [])):
        if (skill := known(name, "suppress")) is not None:
            del by_name[skill.name.casefold()]
    for old, new in _as_table(data.get("rename", {})).items():
        if (skill := known(old, "rename")) is not None and isinstance(new, str) and new.strip():
            del by_name[skill.name.casefold()]
            renamed = Skill(
                new.strip(), slugify(new), skill.category, (skill.name, *skill.aliases), *_rest(skill)
            )
            by_name[renamed.name.casefold()] = renamed
    for key in ("aliases", "exact"):
        for name, extra in _as_table(data.get(key, {})).items():
            if (skill := known(name, key)) is not None:
                spellings = tuple(str(v) for v in _as_list(extra))
                by_name[skill.name.casefold()] = _with_spellings(skill, key, spellings)
    if problems:
        raise VocabularyError(problems)
    for skill in read_skills(data.get("skill", []), path, text):
        by_name[skill.name.casefold()] = skill
    merged = tuple(by_name.values())
    check_spellings(merged, path, text)
    return merged


def _rest(skill: Skill) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    return skill.exact, skill.ambiguous, skill.context


def _with_spellings(skill: Skill, key: str, spellings: tuple[str, ...]) -> Skill:
    if key == "aliases":
        return Skill(skill.name, skill.slug, skill.category, skill.aliases + spellings, *_rest(skill))
    return Skill(
        skill.name,
        skill.slug,
        skill.category,
        skill.aliases,
        skill.exact + spellings,
        skill.ambiguous,
        skill.context,
    )


def _as_list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else [value]


def _as_table(value: object) -> dict[str, object]:
    return {str(k): v for k, v in value.items()} if isinstance(value, dict) else {}


def check_spellings(skills: tuple[Skill, ...], path: str, text: str) -> None:
    """No spelling may mean two skills (ignoring case), and no two skills may share a slug."""
    problems: list[Diagnostic] = []
    owner: dict[str, Skill] = {}
    slugs: dict[str, Skill] = {}
    for skill in skills:
        if (other := slugs.setdefault(skill.slug, skill)) is not skill:
            message = f"skills '{other.name}' and '{skill.name}' have the same slug '{skill.slug}'"
            problems.append(Diagnostic(path, line_of(text, skill.name), "error", message))
        spellings = (skill.name, *skill.aliases, *skill.exact, *skill.ambiguous)
        for spelling in sorted({s.casefold() for s in spellings}):
            if (other := owner.setdefault(spelling, skill)) is not skill:
                message = f"'{spelling}' is a spelling of both '{other.name}' and '{skill.name}'"
                line = line_of(text, spelling) or line_of(text, skill.name)
                problems.append(Diagnostic(path, line, "error", message))
    if problems:
        raise VocabularyError(problems)


def build_vocabulary(skills: tuple[Skill, ...], ignore: tuple[str, ...] = ()) -> Vocabulary:
    """Index every spelling and compile the matcher; the fingerprint covers all of it."""
    ignored = frozenset(phrase.lower() for phrase in ignore)
    skills = tuple(sorted(skills, key=lambda s: s.name.casefold()))
    folded: dict[str, Skill] = {}
    exact: dict[str, Skill] = {}
    guarded: set[tuple[str, bool]] = set()
    contexts: dict[str, re.Pattern[str]] = {}
    names: dict[str, Skill] = {}
    for skill in skills:
        plain = (skill.name, *skill.aliases) if skill.name not in skill.exact else skill.aliases
        for term in (*plain, *skill.ambiguous):
            folded.setdefault(term.lower(), skill)
        for term in skill.exact:
            exact.setdefault(term, skill)
        if skill.context:
            guarded.update((t.lower(), False) for t in skill.ambiguous)
            guarded.update((t, True) for t in skill.exact)
            words = "|".join(re.escape(w) for w in sorted(skill.context, key=len, reverse=True))
            contexts[skill.slug] = re.compile(rf"(?<!\w)(?:{words})", re.IGNORECASE)
        for spelling in (skill.name, skill.slug, *skill.aliases, *skill.exact, *skill.ambiguous):
            names.setdefault(spelling.casefold(), skill)
    digest = hashlib.sha256(
        json.dumps([RULES_VERSION, [asdict(s) for s in skills], sorted(ignored)], sort_keys=True).encode(
            "utf-8"
        )
    ).hexdigest()
    matcher = compile_matcher([*folded, *ignored], exact)
    return Vocabulary(skills, matcher, folded, exact, frozenset(guarded), contexts, names, ignored, digest)
