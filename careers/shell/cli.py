"""The command line: the one place that turns errors into messages and exit codes."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NoReturn

from careers import __version__
from careers.config import Config, load_config
from careers.engine.engine import Engine, Options, Report, Target, build
from careers.errors import CareersError
from careers.posting.tagging.report import tag_lines, tags_record
from careers.shell.failure import EXIT_INTERNAL, internal_error
from careers.shell.progress import Meter

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="careers",
        description="Build a static careers site from job postings in content/jobs/.",
        epilog="Run 'careers COMMAND --help' for a command's options. With no command, 'build' runs.",
    )
    parser.add_argument("--version", action="version", version=f"careers {__version__}")
    parser.add_argument(
        "-C",
        "--root",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="the project folder holding careers.toml, content/ and templates/ (default: .)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build_cmd = commands.add_parser(
        "build",
        help="build content/ into site/ (the default)",
        description="Build every posting into the output folder.",
    )
    _add_build_options(build_cmd)

    serve_cmd = commands.add_parser(
        "serve",
        help="build, serve on http://127.0.0.1:8000 and reload the browser on every save",
        description="Build, serve the site locally, rebuild on every save and reload the browser.",
    )
    _add_build_options(serve_cmd)
    serve_cmd.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)"
    )
    serve_cmd.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    serve_cmd.add_argument("--open", action="store_true", help="open the site in a web browser")
    serve_cmd.add_argument(
        "--no-drafts", dest="drafts", action="store_false", help="leave out postings marked 'draft: true'"
    )
    serve_cmd.set_defaults(drafts=True)

    check_cmd = commands.add_parser(
        "check",
        help="lint the postings and the built site as Google for Jobs and an editor would",
        description="Lint every posting (JobPosting fields, titles, dates, locations) and every "
        "internal link of the built site. Exit 1 on errors (with --strict, on warnings too).",
    )
    _add_build_options(check_cmd)
    check_cmd.add_argument("--strict", action="store_true", help="fail on warnings too")

    tags_cmd = commands.add_parser(
        "tags",
        help="print every posting's skill, experience and education tags with the phrase behind each",
        description="Print each posting's tags and the phrase that produced each one; writes nothing.",
    )
    _add_build_options(tags_cmd)
    tags_cmd.add_argument("--json", action="store_true", help="print JSON (one object per posting) for tools")
    return parser


def _add_build_options(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--drafts", action="store_true", help="include postings marked 'draft: true'")
    cmd.add_argument(
        "--base-url",
        metavar="URL",
        help="the URL the site is published at, e.g. https://acme.github.io/careers/",
    )
    cmd.add_argument(
        "--output", metavar="DIR", help="output folder (default: output_dir in careers.toml, or site)"
    )
    cmd.add_argument(
        "--now",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="the day postings close against (default: SOURCE_DATE_EPOCH if set, else today)",
    )
    cmd.add_argument(
        "-j",
        "--jobs",
        type=int,
        metavar="N",
        help="processes for processing and rendering (default: one per core; 1: no pool)",
    )
    cmd.add_argument(
        "--no-cache", action="store_true", help="neither read nor write the per-posting cache (.cache/)"
    )
    cmd.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    cmd.add_argument("-v", "--verbose", action="store_true", help="print every warning and page count")


def _iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date written YYYY-MM-DD: {value!r}") from None


def today(now: dt.date | None, environ: Mapping[str, str]) -> dt.date:
    """The build's "now": ``--now``, else ``SOURCE_DATE_EPOCH`` (reproducible builds), else today."""
    if now is not None:
        return now
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise CareersError(f"SOURCE_DATE_EPOCH must be seconds since 1970, not {epoch!r}") from None
    return dt.date.today()


COMMANDS = ("build", "serve", "check", "tags")


def with_default_command(argv: Sequence[str]) -> list[str]:
    """Insert ``build`` after the global options when no command is named."""
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in COMMANDS or arg in ("-h", "--help", "--version"):
            return args
        if arg in ("-C", "--root"):
            i += 2
        elif arg.startswith("--root=") or (arg.startswith("-C") and len(arg) > 2):
            i += 1
        else:
            break
    return [*args[:i], "build", *args[i:]]


def run() -> NoReturn:
    """The command line's entry point: ``main``, then exit without tearing the heap down.

    After a build of 10,000 postings, freeing its millions of objects one by one took
    longer than many rebuilds do; the operating system takes the whole heap back at once.
    Output is flushed first, and by then every file, pool and temporary folder is closed.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """The command line; any exception it did not mean to raise is told apart as an internal error."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:
        print(internal_error(exc), file=sys.stderr)
        return EXIT_INTERNAL


def _main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(with_default_command(sys.argv[1:] if argv is None else argv))
    try:
        overrides = {"base_url": args.base_url, "output_dir": args.output}
        config = load_config(args.root, overrides)
        options = Options(
            drafts=args.drafts,
            now=today(args.now, os.environ),
            jobs=args.jobs,
            cache=not args.no_cache,
        )
        if args.command == "serve":
            from careers.shell.serve import serve

            return serve(
                lambda: load_config(args.root, overrides),
                host=args.host,
                port=args.port,
                open_browser=args.open,
                options=options,
                quiet=args.quiet,
                verbose=args.verbose,
            )
        if args.command == "tags":
            return print_tags(config, options, as_json=args.json)
        if args.command == "check":
            return run_check(config, options, strict=args.strict, quiet=args.quiet, verbose=args.verbose)
        meter = Meter.for_terminal(sys.stderr, quiet=args.quiet, verbose=args.verbose)
        report = build(config, options, meter)
        meter.finish()
    except CareersError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    print_report(report, config, quiet=args.quiet, verbose=args.verbose)
    return EXIT_CONTENT if report.failed else EXIT_OK


def print_tags(config: Config, options: Options, as_json: bool = False) -> int:
    """The ``tags`` command: every posting's tags and why, in site order."""
    engine = Engine(config, options, Target(config.output_path, persist=False))
    site = engine.assemble()
    found = engine.diagnostics
    for diagnostic in found:
        if diagnostic.level != "info":
            print(diagnostic, file=sys.stderr)
    if as_json:
        records = [tags_record(p) for p in site.postings]
        text = json.dumps(records, ensure_ascii=False, indent=1, sort_keys=True)
    else:
        text = "\n\n".join("\n".join(tag_lines(p)) for p in site.postings)
    try:
        print(text, flush=True)
    except BrokenPipeError:  # the reader (``| head``) stopped early: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_CONTENT if any(d.level == "error" for d in found) else EXIT_OK


def run_check(config: Config, options: Options, strict: bool, quiet: bool, verbose: bool) -> int:
    from careers.shell.check import check_site

    found = check_site(config, options)
    shown = [d for d in found if {"error": True, "warning": not quiet, "info": verbose}[d.level]]
    try:
        if shown:
            print("\n".join(map(str, shown)), flush=True)
    except BrokenPipeError:  # the reader (``| head``) stopped early: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    errors = sum(1 for d in found if d.level == "error")
    warnings = sum(1 for d in found if d.level == "warning")
    if not quiet:
        print(f"check: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return EXIT_CONTENT if errors or (strict and warnings) else EXIT_OK


def print_report(report: Report, config: Config, quiet: bool = False, verbose: bool = False) -> None:
    for diagnostic in report.diagnostics:
        shown = {"error": True, "warning": not quiet, "info": verbose}[diagnostic.level]
        if shown:
            print(diagnostic, file=sys.stderr)
    if quiet:
        return
    errors = sum(1 for d in report.diagnostics if d.level == "error")
    warnings = sum(1 for d in report.diagnostics if d.level == "warning")
    stats = report.stats
    print(
        f"built {report.postings} postings into {config.output_dir}/: {report.pages} pages; "
        f"{stats.written} files written, {stats.unchanged} unchanged, {stats.removed} removed; "
        f"{errors} error(s), {warnings} warning(s) in {report.seconds:.2f}s"
    )
