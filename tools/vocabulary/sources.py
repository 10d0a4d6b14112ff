"""Candidate skills read from the openly licensed taxonomies in ``../shared/vocab/``.

Each reader turns one source's rows into ``Candidate`` skills by rules kept in ``rules.toml``
(which rows to take, how a vendor-style name becomes the name a recruiter writes, which
category it belongs to); ``build_vocabulary.py`` merges them under the hand-curated overlay.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ONET_TECHNOLOGY = Path("onet/Technology Skills.txt")
ONET_TOOLS = Path("onet/Tools Used.txt")
ESCO_SKILLS = Path("esco/skills_en_preferred_labels.csv")
ESCO_OCCUPATIONS = Path("esco/occupations_en.csv")
ESCO_LANGUAGES = Path("esco/languageSkillsCollection_en.csv")
LINGUIST = Path("linguist/languages.yml")

# "Structured query language SQL": a phrase, then its capitals (letters, digits, &, /, +).
_TRAILING_ACRONYM = re.compile(r"^(?P<phrase>.+?)\s+(?P<acronym>[A-Z][A-Z0-9&/+-]*[A-Z0-9+])$")
_PARENTHESIS = re.compile(r"\s*\(([^)]*)\)\s*$")


@dataclass
class Candidate:
    """One skill as a source gives it: a recruiter's name, its spellings, where it came from."""

    name: str
    category: str
    source: str
    aliases: list[str] = field(default_factory=list)
    exact: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    slug: str = ""  # set when the name changes after the skill got its address

    def spellings(self) -> list[str]:
        return [self.name, *self.aliases, *self.exact, *self.ambiguous]


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def capitalized(text: str) -> str:
    """First letter up, the rest as written ("3D modelling", "cash handling" → "Cash handling")."""
    return text[:1].upper() + text[1:]


def is_generic(name: str) -> bool:
    """A category rather than a product: lower-case words only ("Spreadsheet", "Web browser")."""
    rest = name[1:]
    return not any(c.isupper() or c.isdigit() for c in rest) and not name[:1].isdigit() and " " in name


def split_acronym(name: str) -> tuple[str, str | None]:
    """("Structured query language", "SQL") when a name ends in the capitals of its words."""
    found = _TRAILING_ACRONYM.match(name)
    if not found:
        return name, None
    phrase, acronym = found["phrase"], found["acronym"]
    initials = "".join(w[0] for w in re.split(r"[\s/-]+", phrase) if w and w[0].isalnum()).upper()
    letters = re.sub(r"[^A-Z]", "", acronym)
    if len(letters) >= 2 and (initials.startswith(letters[:2]) or letters in initials or len(acronym) >= 3):
        return phrase, acronym
    return name, None


def onet_name(example: str, rules: Mapping[str, Any]) -> Candidate | None:
    """The recruiter's name for an O*NET example, or None for a category-like row."""
    name = re.sub(r"\s+software(\s+applications?)?$", "", example.strip())
    name = re.sub(r"\s+", " ", name)
    aliases: list[str] = []
    exact: list[str] = []
    if name in rules["rename"] or example in rules["rename"]:
        renamed = rules["rename"].get(example) or rules["rename"][name]
        aliases = [n for n in (name, example) if n != renamed]
        return Candidate(renamed, "", "onet", aliases)
    phrase, acronym = split_acronym(name)
    company_words = tuple(f" {w}" for w in rules["company_words"])
    if acronym:
        if is_generic(phrase):
            name, aliases = acronym, [phrase]
        elif phrase.endswith(company_words):
            # "Scientific Software International HLM", "Aptech Systems GAUSS": a company, then
            # its product's name in capitals (not "International", the company's last word)
            name = acronym  # the company alone is no spelling of it; the full example is
        else:
            name, exact = phrase, [acronym]
    name = strip_vendor(name, rules, aliases)
    name = re.sub(rf"\s+(?:{'|'.join(rules['generic_tails'])})$", "", name)
    plain = name in rules["vendors"] or name.lower() in rules["vendor_rest_too_plain"]
    if plain or is_generic(name) or len(name) < 2:
        return None
    if example != name and example not in aliases:
        aliases.append(example)
    return Candidate(name, "", "onet", aliases, exact)


def strip_vendor(name: str, rules: Mapping[str, Any], aliases: list[str]) -> str:
    """ "Autodesk AutoCAD" → "AutoCAD" (the full name stays a spelling); kept vendors stay."""
    words = "|".join(rules["company_words"])
    company = re.match(rf"^(?:[A-Z][\w&'.-]*\s+){{0,3}}?(?:{words})\s+(?=[A-Z])", name)
    if company and len(name) - company.end() >= 3:
        aliases.append(name)
        return name[company.end() :]
    for vendor in sorted(rules["vendors"], key=len, reverse=True):
        if name.startswith(vendor + " ") and vendor not in rules["keep_vendor"]:
            rest = name[len(vendor) + 1 :].strip()
            if len(rest) >= 3 and not is_generic(rest) and rest.lower() not in rules["vendor_rest_too_plain"]:
                aliases.append(name)
                return rest
    return name


def common_words(root: Path, rules: Mapping[str, Any]) -> frozenset[str]:
    """Everyday words, from the sources' own prose: a product named by one needs context."""
    words: set[str] = set()
    for row in read_csv(root / ESCO_SKILLS):
        words.update(re.findall(r"[a-z]+", row["preferred_label"]))
    for row in read_csv(root / ESCO_OCCUPATIONS):
        words.update(re.findall(r"[a-z]+", row["preferred_label"]))
    for row in read_tsv(root / ONET_TOOLS):
        words.update(re.findall(r"[a-z]+", row["Commodity Title"].lower()))
    for row in read_tsv(root / ONET_TECHNOLOGY):
        words.update(re.findall(r"[a-z]+", row["Commodity Title"].lower()))
    return frozenset(words | {w.casefold() for w in rules["linguist"]["settings"]["common_words"]})


def onet_technology(root: Path, rules: Mapping[str, Any], common: frozenset[str]) -> Iterator[Candidate]:
    """Technology examples used by enough occupations (or marked hot or in demand)."""
    occupations: dict[str, set[str]] = defaultdict(set)
    wanted: set[str] = set()
    titles: dict[str, str] = {}
    for row in read_tsv(root / ONET_TECHNOLOGY):
        example = row["Example"].strip()
        occupations[example].add(row["O*NET-SOC Code"])
        titles[example] = row["Commodity Title"]
        if row["Hot Technology"] == "Y" or row["In Demand"] == "Y":
            wanted.add(example)
    drop = set(rules["drop"])
    for example in sorted(occupations):
        if len(occupations[example]) < rules["min_occupations"] and example not in wanted:
            continue
        category = rules["categories"].get(titles[example])
        candidate = onet_name(example, rules) if category else None
        if candidate is None or candidate.name in drop or example in drop:
            continue
        candidate.category = category or ""
        if " " not in candidate.name and candidate.name.casefold() in common:
            if example.endswith("software"):
                continue  # "Accounting software": a kind of software, not a product
            group = "devops" if category == "Cloud" else "software"
            candidate.exact.append(candidate.name)
            candidate.context = list(rules["contexts"][group])
        yield candidate


def onet_tools(root: Path, rules: Mapping[str, Any]) -> Iterator[Candidate]:
    """The physical tools and equipment named in ``rules.toml`` (most rows are not skills)."""
    keep: Mapping[str, str] = rules["keep"]
    renamed: Mapping[str, str] = rules.get("rename", {})
    seen = {row["Example"].strip() for row in read_tsv(root / ONET_TOOLS)}
    for example, category in sorted(keep.items()):
        if example not in seen:
            continue  # rules.toml names a row this release does not have
        phrase, acronym = split_acronym(example)
        name = renamed.get(example) or singular(phrase)
        aliases = sorted({phrase, example} - {name})
        yield Candidate(capitalized(name), category, "onet", aliases, [acronym] if acronym else [])


def singular(phrase: str) -> str:
    """ "Pallet jacks" → "Pallet jack"; only the last word, only plain plurals."""
    head, _, last = phrase.rpartition(" ")
    if last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith(("ches", "shes", "sses", "xes")):
        last = last[:-2]
    elif last.endswith("s") and not last.endswith(("ss", "us", "is")) and len(last) > 3:
        last = last[:-1]
    return f"{head} {last}" if head else last


def esco_knowledge(root: Path, rules: Mapping[str, Any]) -> Iterator[Candidate]:
    """ESCO knowledge concepts (noun phrases, not "manage staff"), placed by their words."""
    verbs = set(rules["verbs"])
    drop_words = set(rules["drop_words"])
    placed = [(re.compile(pattern, re.IGNORECASE), category) for pattern, category in rules["keywords"]]
    for row in read_csv(root / ESCO_SKILLS):
        label = _PARENTHESIS.sub("", row["preferred_label"]).strip()
        words = label.split()
        if not words or words[0] in verbs or not 2 <= len(words) <= rules["max_words"]:
            continue
        if drop_words & {w.lower() for w in words} or label.lower().startswith(tuple(rules["drop_prefixes"])):
            continue
        if not re.fullmatch(r"[\w' /+-]+", label) or label.split()[0].lower() in verbs:
            continue
        category = next((c for pattern, c in placed if pattern.search(label)), None)
        if category is not None:
            yield Candidate(capitalized(label), category, "esco")


def esco_languages(root: Path, rules: Mapping[str, Any]) -> Iterator[Candidate]:
    """Human languages (the collection's knowledge concepts): a language needs a word about it."""
    for row in read_csv(root / ESCO_LANGUAGES):
        if row["skillType"] != "knowledge" or row["preferredLabel"] in rules["skip"]:
            continue
        name = row["preferredLabel"].strip()
        yield Candidate(name, "Languages", "esco", ambiguous=[name], context=list(rules["context"]))


def linguist_languages(root: Path, rules: Mapping[str, Any]) -> Iterator[Candidate]:
    """Programming, markup and data languages with editor support (a proxy for being in use)."""
    data = yaml.safe_load((root / LINGUIST).read_text(encoding="utf-8"))
    common = {w.casefold() for w in rules["common_words"]}
    skipped = {w.casefold() for w in rules["skip_aliases"]}
    for name, info in sorted(data.items()):
        kind = info.get("type")
        if kind not in rules["types"] or "group" in info or name in rules["skip"]:
            continue
        if not (info.get("codemirror_mode") or info.get("ace_mode", "text") != "text"):
            continue
        category = rules["categories"][kind]
        aliases = [
            a for a in info.get("aliases", [])
            if len(a) >= 4 and a.casefold() not in common | skipped and a.casefold() != name.casefold()
        ]  # fmt: skip
        if name.casefold() in common or len(name) <= 2:
            yield Candidate(name, category, "linguist", aliases, [name], context=list(rules["context"]))
        else:
            yield Candidate(name, category, "linguist", aliases)
