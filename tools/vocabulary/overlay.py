"""The hand-curated overlay: skills as a recruiter names them, one per line, by category.

A file in ``curated/`` reads::

    ## Healthcare                              every skill below is in this category
    Phlebotomy | venepuncture; blood draws     a name, then its other spellings
    Chef | =Chef | @devops                     "=" matched only as written, then context words
    Swift | ~swift | @programming              "~" matched ignoring case, needs a context word
    ignore: the leadership team; access to     phrases that hold a skill's spelling, never a skill

A context word matches any word starting with it; ``@group`` names a list in ``rules.toml``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from vocabulary.sources import Candidate


class OverlayError(ValueError):
    """A curated line that cannot be read, with its file and line."""


@dataclass
class Overlay:
    skills: list[Candidate] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)


def read_overlay(files: Iterable[Path], contexts: Mapping[str, list[str]]) -> Overlay:
    """Every curated skill and ignore phrase, in file order."""
    overlay = Overlay()
    for path in sorted(files):
        category = ""
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.strip()
            where = f"{path.name}:{number}"
            if not line or line.startswith("# "):
                continue
            if line.startswith("## "):
                category = line[3:].strip()
            elif line.startswith("ignore:"):
                overlay.ignore.extend(part.strip() for part in line[7:].split(";") if part.strip())
            elif not category:
                raise OverlayError(f"{where}: a skill before any '## Category' line")
            else:
                overlay.skills.append(read_line(line, category, contexts, where))
    return overlay


def read_line(line: str, category: str, contexts: Mapping[str, list[str]], where: str) -> Candidate:
    """One ``Name | spellings | context`` line."""
    parts = [part.strip() for part in line.split(" | ")]
    if len(parts) > 3 or not parts[0]:
        raise OverlayError(f"{where}: expected 'Name | spellings | context', got {line!r}")
    skill = Candidate(parts[0], category, "curated")
    for spelling in _items(parts[1] if len(parts) > 1 else ""):
        if spelling.startswith("="):
            skill.exact.append(spelling[1:])
        elif spelling.startswith("~"):
            skill.ambiguous.append(spelling[1:])
        else:
            skill.aliases.append(spelling)
    skill.context = expand_context(_items(parts[2] if len(parts) > 2 else ""), contexts, where)
    if skill.ambiguous and not skill.context:
        raise OverlayError(f"{where}: '~' spellings need context words")
    return skill


def expand_context(words: list[str], contexts: Mapping[str, list[str]], where: str) -> list[str]:
    """Context words with every ``@group`` replaced by its words (order kept, no repeats)."""
    out: list[str] = []
    for word in words:
        if word.startswith("@"):
            if word[1:] not in contexts:
                raise OverlayError(f"{where}: no context group {word!r} in rules.toml")
            out.extend(contexts[word[1:]])
        else:
            out.append(word)
    return list(dict.fromkeys(out))


def _items(text: str) -> list[str]:
    return [item.strip() for item in text.split(";") if item.strip()]
