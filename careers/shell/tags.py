"""The ``tags`` command: every posting's tags and why each was kept, as text or JSON."""

from __future__ import annotations

from careers.config import Config
from careers.engine.engine import Engine
from careers.engine.options import Options, Target
from careers.model import Posting
from careers.posting.tagging.report import tag_lines, tags_record
from careers.shell.output import json_text, print_out, say, shown


def print_tags(config: Config, options: Options, as_json: bool = False, quiet: bool = False) -> bool:
    """Print every posting's tags and why, in site order; whether any posting has an error."""
    engine = Engine(config, options, Target(config.output_path, persist=False))
    site = engine.assemble()
    found = engine.diagnostics
    for diagnostic in found:
        if shown(diagnostic, quiet):
            say(diagnostic)
    # What the site gave a posting besides its tags: a date from git history.
    dated = {
        p.source
        for p in site.postings
        if (r := engine.results.get(p.source)) and r.posting and not r.posting.date_posted
    }
    if as_json:
        records = [{**tags_record(p), "dated_by_git": p.source in dated} for p in site.postings]
        text = json_text(records)
    else:
        text = "\n\n".join("\n".join(_tag_lines(p, p.source in dated)) for p in site.postings)
    print_out(text)
    return any(d.level == "error" for d in found)


def _tag_lines(posting: Posting, dated_by_git: bool) -> list[str]:
    lines = tag_lines(posting)
    if dated_by_git and posting.date_posted:
        lines.insert(
            1, f"  date posted {posting.date_posted.isoformat():<28} ← its first commit in git history"
        )
    return lines
