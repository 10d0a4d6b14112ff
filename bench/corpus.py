"""The labelled corpus built and scored per source family, and what a source never seen gets.

    python bench/corpus.py                      # tests/data/postings, this checkout's code
    python bench/corpus.py --postings tests/data/heldout             # the 52 held-out postings
    python bench/corpus.py --postings ../shared/corpus/postings -v   # every miss too
    python bench/corpus.py --postings DIR --gold LABELS.json         # any labelled set
    python bench/corpus.py --learned learned    # the learned line classifier, trained per family
    python bench/corpus.py --learned stacked    # the classifier correcting the hand rules

It builds every labelled posting with ``--now 2000-01-01`` (none is left out as closed), scores
the site with ``tests/tools/score_postings.py`` and prints:

1. each measure per source family (the ``repository`` column of ``SOURCES.md``), worst headings
   first, and ``hprec``: the share of the headings the site shows that the labels keep too
   (equal-opportunity sections aside), which the scorer does not measure: a cleaner that made
   every line a heading would find every labelled one;
2. the scorer's summary line for the whole corpus;
3. leave-one-source-out: for every family, the figures on that family alone, read as "what a
   new source gets". Hand rules learn nothing from the corpus, so their row is the family's
   own; with ``--learned`` the line classifier (``tools/train_lines.py``) is trained on every
   other family first, then the family is built with those weights. The last lines name the
   families under the issue's floors (85% headings, 65% skills found).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import importlib.util
import json
import shutil
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from careers.config import load_config  # noqa: E402
from careers.engine import Options, build  # noqa: E402

POSTINGS = ROOT / "tests" / "data" / "postings"
SUFFIXES = (".html", ".htm", ".md", ".txt")
FLOORS = {"head": 85.0, "skill": 65.0}
COLUMNS = ("head", "hprec", "exp", "level", "edu", "skill", "right")


def scorer() -> ModuleType:
    """``tests/tools/score_postings.py``, the project's copy of the corpus scorer."""
    spec = importlib.util.spec_from_file_location(
        "score_postings", ROOT / "tests" / "tools" / "score_postings.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_site(postings: Path, names: list[str], out: Path) -> Path:
    """A project holding ``names`` of ``postings``, built in this process; its site folder."""
    jobs = out / "content" / "jobs"
    jobs.mkdir(parents=True)
    for name in names:
        shutil.copy(postings / name, jobs / name)
    shutil.copy(ROOT / "careers.toml", out / "careers.toml")
    config = load_config(out, {"output_dir": str(out / "site")})
    build(config, Options(cache=False, now=dt.date(2000, 1, 1), jobs=1))
    return out / "site"


def heading_precision(site: Path, gold: list[dict[str, Any]], norm: Any) -> tuple[int, int]:
    """(headings shown that a label keeps, headings shown), equal-opportunity sections aside."""
    data = json.loads((site / "jobs.json").read_text(encoding="utf-8"))
    kept = shown = 0
    for label in gold:
        stem = Path(label["file"]).stem
        record = next((r for r in data if stem in str(r.get("source", ""))), None)
        if record is None:
            continue
        wanted = {norm(h) for h in label.get("sections", [])}
        for section in record.get("sections", []):
            if section.get("heading") and section.get("kind") != "equal_opportunity":
                shown += 1
                kept += norm(section["heading"]) in wanted
    return kept, shown


def figures(site: Path, gold: list[dict[str, Any]], score: ModuleType) -> dict[str, float]:
    """Each measure, as a percentage, for ``gold`` scored against ``site``."""
    with tempfile.TemporaryDirectory() as tmp:
        part = Path(tmp) / "gold.json"
        part.write_text(json.dumps(gold), encoding="utf-8")
        c, _, _ = score.score(site, part, None)
    kept, shown = heading_precision(site, gold, score.norm)
    n = c["postings"] - c["missing"]

    def pct(a: float, b: float) -> float:
        return 100 * a / b if b else float("nan")

    return {
        "n": len(gold),
        "counts": {**c, "kept": kept, "shown": shown},  # type: ignore[dict-item]
        "head": pct(c["head_hit"], c["head_n"]),
        "hprec": pct(kept, shown),
        "exp": pct(c["exp_ok"], n),
        "level": pct(c["level_ok"], c["level_n"]),
        "edu": pct(c["edu_ok"], n),
        "skill": pct(c["skill_hit"], c["skill_n"]),
        "right": pct(c["tags_right"], c["tags"]),
    }


# Each column as the share of two counts, so families are pooled as the scorer pools postings.
SHARES = {
    "head": ("head_hit", "head_n"), "hprec": ("kept", "shown"), "exp": ("exp_ok", "postings"),
    "level": ("level_ok", "level_n"), "edu": ("edu_ok", "postings"), "skill": ("skill_hit", "skill_n"),
    "right": ("tags_right", "tags"),
}  # fmt: skip


def pooled(rows: dict[str, dict[str, Any]]) -> str:
    """Every family of a table together: each measure over the pooled counts."""
    total: collections.Counter[str] = collections.Counter()
    for row in rows.values():
        total.update(row["counts"])
    return ", ".join(f"{k} {100 * total[a] / total[b]:.0f}%" for k, (a, b) in SHARES.items() if total[b])


def table(title: str, rows: dict[str, dict[str, Any]]) -> None:
    print(f"\n{title}")
    print(f"{'source family':44} {'n':>3} " + " ".join(f"{c:>5}" for c in COLUMNS))
    for name, row in sorted(rows.items(), key=lambda r: (_key(r[1]["head"]), _key(r[1]["skill"]), r[0])):
        cells = " ".join("  n/a" if row[c] != row[c] else f"{row[c]:5.0f}" for c in COLUMNS)
        print(f"{name[:44]:44} {int(row['n']):3d} {cells}")


def _key(value: float) -> float:
    return 101.0 if value != value else value


def learned_loso(
    variant: str, by_family: dict[str, list[dict[str, Any]]], postings: Path, tmp: Path, score: ModuleType
) -> dict[str, dict[str, Any]]:
    """Each family built with the classifier trained on every other family's examples."""
    sys.path.insert(0, str(ROOT / "tools"))
    import line_classifier  # type: ignore[import-not-found]
    import train_lines  # type: ignore[import-not-found]

    examples = {name: train_lines.examples(postings, items, variant) for name, items in by_family.items()}
    rows = {}
    for i, (family, items) in enumerate(sorted(by_family.items())):
        print(f"\r  leaving out {i + 1}/{len(by_family)}: {family[:50]:50}", end="", file=sys.stderr)
        weights = train_lines.train([e for name, found in examples.items() if name != family for e in found])
        files = [g["file"] for g in items if (postings / g["file"]).is_file()]
        with line_classifier.classifying(variant, weights):
            held = build_site(postings, files, tmp / f"loso{i}")
        rows[family] = figures(held, items, score)
    print(file=sys.stderr)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--postings", type=Path, default=POSTINGS, help="labelled postings (gold.json, SOURCES.md)"
    )
    parser.add_argument(
        "--gold", type=Path, help="the labels (default: gold.json in --postings); SOURCES.md beside them"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="print every miss of the whole corpus")
    parser.add_argument(
        "--learned",
        choices=("learned", "stacked"),
        help="leave-one-source-out with the line classifier retrained",
    )
    args = parser.parse_args()
    score = scorer()
    labels = args.gold or args.postings / "gold.json"
    gold = json.loads(labels.read_text(encoding="utf-8"))
    sources = labels.parent / "SOURCES.md"
    family_of = score.families(sources if sources.is_file() else args.postings / "SOURCES.md")
    by_family: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for label in gold:
        by_family[family_of.get(label["file"], "?")].append(label)
    names = sorted(p.name for p in args.postings.iterdir() if p.suffix in SUFFIXES and p.name[:1].isdigit())
    with tempfile.TemporaryDirectory() as tmp:
        site = build_site(args.postings, names, Path(tmp) / "all")
        rows = {name: figures(site, items, score) for name, items in by_family.items()}
        table("Per source family (the whole corpus built as it is):", rows)
        c, misses, _ = score.score(site, labels, args.postings)
        if args.verbose:
            print("\n" + "\n".join(misses))
        print("\n" + summary(c, figures(site, gold, score)))
        loso = rows
        if args.learned:
            loso = learned_loso(args.learned, by_family, args.postings, Path(tmp), score)
        how = (
            f"{args.learned}, trained without the family"
            if args.learned
            else "hand rules: each family's own row"
        )
        table(f"Leave one source out ({how}):", loso)
        print("the families together: " + pooled(loso))
        for column, floor in FLOORS.items():
            under = sorted(f"{name} {row[column]:.0f}%" for name, row in loso.items() if row[column] < floor)
            print(
                f"families under {floor:.0f}% {column}: {len(under)}"
                + (f" ({'; '.join(under)})" if under else "")
            )


def summary(c: collections.Counter[str], whole: dict[str, float]) -> str:
    """The scorer's last line, and the heading precision beside it."""
    n = c["postings"] - c["missing"]

    def pct(a: float, b: float) -> str:
        return f"{100 * a / b:.0f}%" if b else "n/a"

    return (
        f"postings {n}/{c['postings']}; experience {pct(c['exp_ok'], n)}; "
        f"level {pct(c['level_ok'], c['level_n'])}; "
        f"education {pct(c['edu_ok'], n)}; skills found {pct(c['skill_hit'], c['skill_n'])}, "
        f"tags right {pct(c['tags_right'], c['tags'])}; headings {pct(c['head_hit'], c['head_n'])}; "
        f"words lost {c['words_lost']}  (headings shown that labels keep: {whole['hprec']:.0f}%)"
    )


if __name__ == "__main__":
    main()
