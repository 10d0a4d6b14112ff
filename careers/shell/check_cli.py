"""``careers check``'s output: the findings and a summary, or (``--jurisdiction``) the laws that apply."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import PurePosixPath

from careers.config import Config
from careers.engine.options import Options
from careers.shell.output import print_out, say, shown


def add_check_options(check: argparse.ArgumentParser) -> None:
    """The options only ``check`` has."""
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument(
        "--jurisdiction",
        nargs="*",
        metavar="POSTING",
        help="list the pay-transparency laws that cover each posting (or the ones named), why, and what "
        "each asks that it holds or lacks; nothing else is checked",
    )
    check.add_argument(
        "--advice",
        action="store_true",
        help="also suggest, per posting, clearer and more inclusive wording (suggestions, never errors)",
    )


def run_check(config: Config, options: Options, args: argparse.Namespace) -> bool:
    """Print ``check``'s findings and a summary (``args``: its options); whether the check failed."""
    if args.jurisdiction is not None:
        return run_jurisdiction(config, options, args.jurisdiction)
    from careers.shell.check import check_site  # the laws and advice load for check only, not every command

    strict, quiet, verbose, advice = args.strict, args.quiet, args.verbose, args.advice
    found = check_site(config, options, advice)
    lines = [str(d) for d in found if d.level == "advice" or shown(d, quiet, verbose)]
    if lines:
        print_out("\n".join(lines))
    errors = sum(1 for d in found if d.level == "error")
    warnings = sum(1 for d in found if d.level == "warning")
    if not quiet:
        suggestions = sum(1 for d in found if d.level == "advice")
        more = f", {suggestions} suggestion(s)" if advice else ""
        say(f"check: {errors} error(s), {warnings} warning(s){more}")
    return bool(errors or (strict and warnings))


def run_jurisdiction(config: Config, options: Options, names: list[str]) -> bool:
    """Print which pay-transparency laws cover each posting (or the ones ``names`` names) and why."""
    from careers.law.report import NOT_LEGAL_ADVICE, jurisdiction_report
    from careers.shell.check import built_site

    engine, found = built_site(config, options)
    postings = engine.site.postings
    wanted = [p for p in postings if not names or any(_names(p.source, n) for n in names)]
    unknown = [n for n in names if not any(_names(p.source, n) for p in postings)]
    today = options.now or dt.date.today()
    report = [line for posting in wanted for line in (*jurisdiction_report(posting, config, today), "")]
    if not config.pay_transparency:
        report.insert(0, "pay_transparency = false in careers.toml: check applies none of these laws")
    print_out("\n".join([*report, NOT_LEGAL_ADVICE]))
    errors = [d for d in found if d.level == "error"]
    for problem in errors:
        say(problem)
    for name in unknown:
        say(f"check: no open posting {name!r} (give its file, like content/jobs/x.md)")
    return bool(errors or unknown)


def _names(source: str, name: str) -> bool:
    """Whether ``name`` (a path as typed, or a file name) names the posting file ``source``."""
    given = PurePosixPath(name.replace("\\", "/"))
    path = PurePosixPath(source)
    return (
        path == given or (path.name == given.name and len(given.parts) == 1) or str(path).endswith(str(given))
    )
