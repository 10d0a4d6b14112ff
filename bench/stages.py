"""CPU per posting for each stage of a cold build, and what it makes at 10,000 on every core.

    python bench/stages.py              # 1,000 generated postings (both shapes)
    python bench/stages.py --count 2000

Each stage runs over every generated posting in this one process, with no profiler (whose
own cost per call would swell the small stages), and is timed with ``time.process_time``,
best of ``--runs``. The last column divides the stage's cost for 10,000 postings by this
machine's cores: the least wall time that stage can take in a cold build of 10,000 postings,
however well the build spreads its work. The rows for the required ``markdown`` and
``jinja2`` packages say how much of a cold build's time is theirs alone.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

from careers.config import load_config
from careers.engine import SKILLS_FILE
from careers.pages.plan import plan_pages
from careers.pages.render import make_environment, render_page
from careers.pages.site import assemble_site
from careers.posting.clean import clean_html
from careers.posting.fields import read_fields
from careers.posting.process import process_source
from careers.posting.tagging.tag import load_vocabulary, tag_posting
from careers.sources.decode import decode
from careers.sources.frontmatter import split_front_matter
from careers.sources.scan import scan_postings
from careers.sources.source import markdown_to_html, parse_source

TARGET = 10_000


def best(runs: int, work: Callable[[], object]) -> float:
    """The least CPU seconds ``work`` took over ``runs`` runs."""
    times = []
    for _ in range(runs):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="postings to generate and time")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    project = Path(tempfile.mkdtemp(prefix="careers-stages-"))
    generate(args.count, project, args.seed)
    config = load_config(project)
    vocab = load_vocabulary(config.content_path / SKILLS_FILE)
    found = scan_postings(str(config.jobs_path), str(config.content_path), str(project))
    files = [(Path(f.path), Path(f.path).read_bytes(), f.relpath) for f in found]
    texts = [split_front_matter(decode(data, rel)[0], rel) for _, data, rel in files]
    markdown = [
        (body, rel, line)
        for (path, _, rel), (_, _, body, line, _) in zip(files, texts, strict=True)
        if path.suffix == ".md"
    ]
    sources = [parse_source(data, path, rel) for path, data, rel in files]
    read = [read_fields(source)[0] for source in sources]
    cleaned = [clean_html(source.body, fields.title) for source, fields in zip(sources, read, strict=True)]
    results = [process_source(source, vocab, config) for source in sources]
    site, _ = assemble_site([r.posting for r in results if r.posting], None)
    env = make_environment(config)
    pages = [page for page in plan_pages(site, config) if page.template == "posting.html"]
    for page in pages:  # cards of related postings rendered once, as in a build
        render_page(page, site, config, env)

    n, md = len(files), len(markdown)
    stages = [
        (
            "decode and split front matter (PyYAML)",
            n,
            lambda: [split_front_matter(decode(d, r)[0], r) for _, d, r in files],
        ),
        (
            "Markdown to HTML (markdown), per Markdown posting",
            md,
            lambda: [markdown_to_html(*m) for m in markdown],
        ),
        (
            "clean and restructure the HTML",
            n,
            lambda: [clean_html(s.body, f.title) for s, f in zip(sources, read, strict=True)],
        ),
        (
            "tag skills, experience, education",
            n,
            lambda: [
                tag_posting(f.title or c.title or "", c.sections, vocab, f.level)
                for f, c in zip(read, cleaned, strict=True)
            ],
        ),
        (
            "whole stages 1-3 (read to tagged posting)",
            n,
            lambda: [process_source(parse_source(d, p, r), vocab, config) for p, d, r in files],
        ),
        (
            "render a posting page (jinja2, JSON-LD, nh3)",
            len(pages),
            lambda: [render_page(p, site, config, env) for p in pages],
        ),
    ]
    cores = os.cpu_count() or 1
    print(f"{n:,} postings ({md:,} Markdown), best of {args.runs}; {cores} cores")
    print(f"| stage | ms per posting | {TARGET:,} postings, one core | on {cores} cores, at best |")
    print("| --- | ---: | ---: | ---: |")
    for name, count, work in stages:
        per = best(args.runs, work) / max(count, 1)
        share = per * TARGET * (md / n if "Markdown posting" in name else 1)
        print(f"| {name} | {per * 1000:.2f} | {share:.1f} s | {share / cores:.1f} s |")
    print(
        f"(The Markdown row is for {TARGET:,} postings in this mix of shapes;"
        f" the issue's peers built {TARGET:,} Markdown postings.)"
    )


if __name__ == "__main__":
    main()
