#!/usr/bin/env python3
"""Regenerate ``careers/data/`` (the shipped skills vocabulary) from the shared taxonomies.

    python tools/build_vocabulary.py [VOCAB_DIR] [--out careers/data] [--check]

VOCAB_DIR (default ``../shared/vocab``) holds O*NET, ESCO and GitHub Linguist files (see its
README for their licences). The hand-curated overlay in ``tools/vocabulary/`` (``curated/*.txt``
and ``rules.toml``) decides names, categories and ambiguity, and wins over every source. The
output is ``skills.toml`` (reviewed as a diff and committed), ``skills.json`` (the same skills
compiled for a fast load, keyed by the TOML's hash) and ``NOTICE`` (the credits the licences ask
for). ``--check`` writes nothing and fails when the committed files are not what the sources
and overlay give.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from vocabulary import sources  # noqa: E402
from vocabulary.merge import MergeError, Registry, spelling_variants  # noqa: E402
from vocabulary.output import render_json, render_notice, render_toml  # noqa: E402
from vocabulary.overlay import expand_context, read_overlay  # noqa: E402

from careers.posting.tagging.vocabulary import check_spellings, read_skills  # noqa: E402

OVERLAY = HERE / "vocabulary"


def load_rules(folder: Path = OVERLAY) -> dict[str, Any]:
    with (folder / "rules.toml").open("rb") as handle:
        return tomllib.load(handle)


def candidates(vocab: Path, rules: dict[str, Any]) -> Iterable[sources.Candidate]:
    """Every source's candidates, most trusted first (a spelling goes to the first that claims it)."""
    contexts = rules["contexts"]
    linguist = {**rules["linguist"], **rules["linguist"]["settings"]}
    linguist["context"] = expand_context(linguist["context"], contexts, "rules.toml [linguist]")
    languages = dict(rules["esco_languages"])
    languages["context"] = expand_context(languages["context"], contexts, "rules.toml [esco_languages]")
    common = sources.common_words(vocab, rules)
    yield from sources.linguist_languages(vocab, linguist)
    yield from sources.onet_technology(vocab, {**rules["onet"], "contexts": contexts}, common)
    yield from sources.onet_tools(vocab, rules["onet_tools"])
    yield from sources.esco_languages(vocab, languages)
    yield from sources.esco_knowledge(vocab, rules["esco"])


def build(vocab: Path, overlay: Path = OVERLAY) -> dict[str, str]:
    """The generated files, by name: the same sources and overlay always give the same bytes."""
    rules = load_rules(overlay)
    curated = read_overlay((overlay / "curated").glob("*.txt"), rules["contexts"])
    registry = Registry(rules.get("ignore", []) + curated.ignore)
    problems = []
    for skill in curated.skills:
        try:
            registry.add_curated(skill)
        except MergeError as exc:
            problems.append(str(exc))
    if problems:
        raise MergeError("curated skills disagree:\n  " + "\n  ".join(problems))
    for candidate in candidates(vocab, rules):
        registry.offer(candidate)
    registry.add_variants(spelling_variants(rules["spellings"]))
    registry.name_acronyms()
    toml_text = render_toml(registry.entries(), registry.ignore, counts=registry.counts())
    # The package's own reader is the judge: what it refuses is never written.
    data = tomllib.loads(toml_text)
    check_spellings(read_skills(data["skill"], "skills.toml", toml_text), "skills.toml", toml_text)
    license_text = (vocab / "linguist" / "LICENSE").read_text(encoding="utf-8")
    return {
        "skills.toml": toml_text,
        "skills.json": render_json(toml_text, data),
        "NOTICE": render_notice(license_text),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("vocab", nargs="?", type=Path, default=ROOT.parent / "shared" / "vocab")
    parser.add_argument("--out", type=Path, default=ROOT / "careers" / "data")
    parser.add_argument("--check", action="store_true", help="fail if the committed files are stale")
    args = parser.parse_args(argv)
    if not (args.vocab / "onet").is_dir():
        print(f"{args.vocab}: not a vocabulary folder (no onet/ in it)", file=sys.stderr)
        return 2
    files = build(args.vocab)
    stale = [n for n, text in files.items() if _read(args.out / n) != text]
    if args.check:
        for name in stale:
            print(f"{args.out / name}: out of date; run tools/build_vocabulary.py", file=sys.stderr)
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name in stale:
        (args.out / name).write_text(files[name], encoding="utf-8", newline="\n")
    data = tomllib.loads(files["skills.toml"])
    print(f"{len(data['skill'])} skills written to {args.out} ({len(stale)} files changed)")
    return 0


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None


if __name__ == "__main__":
    sys.exit(main())
