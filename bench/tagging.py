"""Tagging throughput: skills, experience and education on 1,000 generated postings.

    PYTHONPATH=. python bench/tagging.py            # 1,000 postings, median of 5 runs
    PYTHONPATH=. python bench/tagging.py --count 200 --runs 3

Postings come from ``bench/generate.py`` (same seed, same files) and are read and cleaned
before the clock starts: the figure is tagging alone, in CPU seconds of one core. The matcher
table times finding every vocabulary spelling in each posting's text with three engines: the
Aho-Corasick automata the package uses (pyahocorasick), a trie-compiled regex, and a flat regex
alternation of the same spellings.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from careers.model import Section
from careers.posting.clean import clean_html
from careers.posting.tagging.matcher import compile_matcher
from careers.posting.tagging.tag import Vocabulary, load_vocabulary, tag_posting
from careers.posting.tagging.text import read_posting
from careers.sources.scan import scan_postings
from careers.sources.source import read_source

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate


def cleaned_postings(count: int) -> list[tuple[str, tuple[Section, ...]]]:
    """(title, sections) of ``count`` generated postings, read and cleaned."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(count, root)
        out = []
        for found in scan_postings(str(root / "content" / "jobs"), str(root / "content"), str(root)):
            source = read_source(Path(found.path), root, 10_000_000)
            cleaned = clean_html(source.body, str(source.meta.get("title") or "") or None)
            out.append((cleaned.title or str(source.meta.get("title", "")), cleaned.sections))
        return out


def median_seconds(work: Callable[[], object], runs: int) -> float:
    """Median CPU seconds of ``runs`` runs: CPU time, since other processes share the cores."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    start = time.perf_counter()
    vocab = load_vocabulary()
    load_seconds = time.perf_counter() - start
    postings = cleaned_postings(args.count)

    def tag_all() -> None:
        for title, sections in postings:
            tag_posting(title, sections, vocab)

    seconds = median_seconds(tag_all, args.runs)
    terms = len(vocab.folded) + len(vocab.exact) + len(vocab.ignored)
    print(f"vocabulary: {len(vocab.skills)} skills, {terms} spellings; compiled in {load_seconds:.2f} s")
    print(
        f"tagging: {len(postings)} postings in {seconds:.3f} CPU s (median of {args.runs}) = "
        f"{len(postings) / seconds:,.0f} postings/s on one core"
    )
    texts = [read_posting(sections).text for _, sections in postings]
    print(f"matchers, finding every spelling in each posting's text ({sum(map(len, texts)) / 1e6:.1f} MB):")
    for name, find in matchers(vocab).items():
        took = median_seconds(lambda find=find: [find(t) for t in texts], args.runs)
        print(f"  {name:<28} {took * 1000:8.1f} ms  {len(postings) / took:10,.0f} postings/s")


# The regex engines compared with the package's automata; a term must not continue a word.
LEFT_EDGE = r"(?<![\w+#@-])"
RIGHT_EDGE = r"(?![\w+#])"


def matchers(vocab: Vocabulary) -> dict[str, Callable[[str], object]]:
    """Three ways to find every spelling in a text, each returning its hits."""
    folded = sorted({t.lower() for t in [*vocab.folded, *vocab.ignored]})
    exact = sorted(vocab.exact)
    used = compile_matcher(folded, exact)
    trie_folded = re.compile(f"{LEFT_EDGE}(?:{trie_pattern(folded)}){RIGHT_EDGE}")
    trie_exact = re.compile(f"{LEFT_EDGE}(?:{trie_pattern(exact)}){RIGHT_EDGE}")
    flat_folded = re.compile(f"{LEFT_EDGE}(?:{flat_pattern(folded)}){RIGHT_EDGE}")
    flat_exact = re.compile(f"{LEFT_EDGE}(?:{flat_pattern(exact)}){RIGHT_EDGE}")
    return {
        "pyahocorasick (used)": used.find,
        "trie-compiled regex": lambda t: [*trie_folded.finditer(t.lower()), *trie_exact.finditer(t)],
        "flat alternation regex": lambda t: [*flat_folded.finditer(t.lower()), *flat_exact.finditer(t)],
    }


def trie_pattern(terms: Iterable[str]) -> str:
    """A regex matching exactly ``terms``, longest first, with common prefixes factored out."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for term in terms:
        node = trie
        for char in term:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    ends_here = "" in node
    branches = [re.escape(char) + _node_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    if len(branches) == 1:
        body = branches[0]
        grouped = f"(?:{body})" if ends_here and len(body) > 1 else body
    elif all(len(b) == 1 or (len(b) == 2 and b[0] == "\\") for b in branches):
        grouped = f"[{''.join(branches)}]"
    else:
        grouped = f"(?:{'|'.join(branches)})"
    # Greedy "?" tries the longer term first, and falls back to the shorter one.
    return f"{grouped}?" if ends_here else grouped


def flat_pattern(terms: Iterable[str]) -> str:
    """The naive alternation of ``terms``, longest first (kept for the benchmark)."""
    return "|".join(re.escape(t) for t in sorted(terms, key=lambda t: (-len(t), t)))


if __name__ == "__main__":
    main()
