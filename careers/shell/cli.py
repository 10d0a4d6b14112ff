"""The command line: the one place that turns errors into messages and exit codes."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NoReturn

from careers import __version__
from careers.config import CONFIG_NAME, Config, load_config
from careers.engine.engine import build
from careers.engine.options import Options
from careers.errors import CareersError
from careers.shell.argv import command_first
from careers.shell.check_cli import add_check_options
from careers.shell.failure import EXIT_INTERNAL, internal_error, interrupted, stop_on_sigterm
from careers.shell.init import init_site
from careers.shell.output import print_out, print_report, say
from careers.shell.progress import Meter
from careers.shell.tags import print_tags

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="careers",
        description="Build a static careers site from job postings in content/jobs/.",
        epilog="Run 'careers COMMAND --help' for a command's options. With no command, 'build' runs.",
    )
    parser.add_argument("--version", action="version", version=f"careers {__version__}")
    _add_root(parser, Path("."))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    build_cmd = commands.add_parser(
        "build",
        help="build content/ into site/ (the default)",
        description="Build every posting into the output folder.",
    )
    _add_options(build_cmd, "drafts", "base_url", "output", "now", "jobs", "no_cache", "quiet", "verbose")
    serve_cmd = commands.add_parser(
        "serve",
        help="preview on http://127.0.0.1:8000, rebuilt and reloaded on every save",
        description="Build a preview (drafts included) into .cache/preview/, serve it, and rebuild it "
        "and reload the browser on every save. The output folder build publishes is never written.",
    )
    _add_options(serve_cmd, "base_url", "now", "jobs", "no_cache", "quiet", "verbose")
    serve_cmd.add_argument(
        "--no-drafts", dest="drafts", action="store_false", help="leave out postings marked 'draft: true'"
    )
    serve_cmd.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)"
    )
    serve_cmd.add_argument(
        "--port", type=int, default=8000, help="port to listen on (default: 8000, else the next free one)"
    )
    serve_cmd.add_argument("--open", action="store_true", help="open the site in a web browser")
    check_cmd = commands.add_parser(
        "check",
        help="lint the postings and the built site as Google for Jobs and an editor would",
        description="Build the site into a temporary folder and lint every posting (JobPosting fields, "
        "titles, dates, locations) and every internal link. Exit 1 on errors (--strict: on warnings too).",
    )
    _add_options(check_cmd, "drafts", "base_url", "now", "jobs", "no_cache", "quiet", "verbose")
    add_check_options(check_cmd)
    tags_cmd = commands.add_parser(
        "tags",
        help="print every posting's skill, experience and education tags with the phrase behind each",
        description="Print each posting's tags and the phrase that produced each one; writes nothing.",
    )
    _add_options(tags_cmd, "drafts", "now", "jobs", "no_cache", "quiet")
    tags_cmd.add_argument("--json", action="store_true", help="print JSON (one object per posting) for tools")
    import_cmd = commands.add_parser(
        "import",
        help="write postings from an applicant tracking system's export or public board",
        description="Write one posting file per job into content/jobs/ from a saved export (FILE...) or "
        "the public board (--board NAME) of Greenhouse, Lever, Ashby, Workable, SmartRecruiters, "
        "Personio, Recruitee or Teamtailor. Re-running it updates the files: a job that left the board "
        "is closed, a file edited by hand is kept.",
    )
    import_cmd.add_argument(
        "system",
        metavar="SYSTEM",
        help="greenhouse, lever, ashby, workable, smartrecruiters, personio, recruitee or teamtailor",
    )
    import_cmd.add_argument(
        "files", nargs="*", type=Path, metavar="FILE", help="a saved export (JSON; Personio: XML)"
    )
    import_cmd.add_argument("--board", metavar="NAME", help="fetch the board called NAME over HTTPS instead")
    import_cmd.add_argument(
        "--force",
        action="append",
        type=Path,
        default=[],
        metavar="FILE",
        help="take the board's version of FILE, an imported posting edited by hand since (repeatable)",
    )
    _add_options(import_cmd, "now", "quiet")
    init_cmd = commands.add_parser(
        "init",
        help="start a new site in a new or empty folder",
        description="Write a new site into DIR: careers.toml, two example postings and a README.",
    )
    init_cmd.add_argument(
        "folder", type=Path, metavar="DIR", help="the folder for the new site (new or empty)"
    )
    return parser


def _add_root(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "-C",
        "--root",
        type=Path,
        default=default,
        metavar="DIR",
        help="the site's folder, holding careers.toml and content/ (default: .)",
    )


def _iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date written YYYY-MM-DD: {value!r}") from None


# Each option once: (flags, settings). A command offers only those that do something for it.
OPTIONS: dict[str, tuple[tuple[str, ...], dict[str, object]]] = {
    "drafts": (("--drafts",), {"action": "store_true", "help": "include postings marked 'draft: true'"}),
    "base_url": (
        ("--base-url",),
        {"metavar": "URL", "help": "where the site is published, e.g. https://acme.github.io/careers/"},
    ),
    "output": (
        ("--output",),
        {"metavar": "DIR", "help": "output folder (default: output_dir in careers.toml, or site)"},
    ),
    "now": (
        ("--now",),
        {
            "type": _iso_date,
            "metavar": "YYYY-MM-DD",
            "help": "the day postings close against (default: SOURCE_DATE_EPOCH if set, else today)",
        },
    ),
    "jobs": (
        ("-j", "--jobs"),
        {"type": int, "metavar": "N", "help": "processes to use (default: one per core; 1: no pool)"},
    ),
    "no_cache": (
        ("--no-cache",),
        {
            "action": "store_true",
            "help": "neither read nor write the cache (.cache/): everything from scratch",
        },
    ),
    "quiet": (("-q", "--quiet"), {"action": "store_true", "help": "print errors only"}),
    "verbose": (
        ("-v", "--verbose"),
        {
            "action": "store_true",
            "help": "also print notes (how slug collisions were resolved) and stage times",
        },
    ),
}


def _add_options(cmd: argparse.ArgumentParser, *names: str) -> None:
    """The options that do something for ``cmd``, and ``-C`` (after the command, too)."""
    _add_root(cmd, argparse.SUPPRESS)
    for name in names:
        flags, settings = OPTIONS[name]
        cmd.add_argument(*flags, **settings)  # type: ignore[arg-type]


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


COMMANDS = ("build", "serve", "check", "tags", "import", "init")


def with_default_command(argv: Sequence[str]) -> list[str]:
    """The command line with the command first (``careers -v build``); ``build`` when none is named."""
    return command_first(argv, make_parser())


def run() -> NoReturn:
    """The command line's entry point: ``main``, then exit without tearing the heap down.

    After a build of 10,000 postings, freeing its millions of objects one by one took
    longer than many rebuilds do; the operating system takes the whole heap back at once.
    Output is flushed first, and by then every file, pool and temporary folder is closed.
    """
    stop_on_sigterm()
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """The command line; any exception it did not mean to raise is told apart as an internal error."""
    reports: list[Path | None] = [None]  # where an internal error's details go, once known
    try:
        return _main(argv, reports)
    except KeyboardInterrupt as exc:
        return interrupted(exc)
    except Exception as exc:
        say(internal_error(exc, reports[0]))
        return EXIT_INTERNAL


def _main(argv: Sequence[str] | None, reports: list[Path | None]) -> int:
    args = make_parser().parse_args(with_default_command(sys.argv[1:] if argv is None else argv))
    try:
        if args.command == "init":
            return init_command(args.folder)
        find_site(args.root)
        # The project's cache folder keeps an internal error's details (printed with --no-cache).
        no_cache = getattr(args, "no_cache", False)
        reports[0] = None if no_cache else args.root / Config.cache_dir
        overrides = {"base_url": getattr(args, "base_url", None), "output_dir": getattr(args, "output", None)}
        config = load_config(args.root, overrides)
        reports[0] = None if no_cache else config.cache_path
        if args.command == "import":
            from careers.shell.importing import import_postings

            day = today(args.now, os.environ)
            failed = import_postings(config, args.system, args.files, args.board, args.force, day, args.quiet)
            return EXIT_CONTENT if failed else EXIT_OK
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
            failed = print_tags(config, options, as_json=args.json, quiet=args.quiet)
            return EXIT_CONTENT if failed else EXIT_OK
        if args.command == "check":
            from careers.shell.check_cli import run_check

            failed = run_check(config, options, args)
            return EXIT_CONTENT if failed else EXIT_OK
        meter = Meter.for_terminal(sys.stderr, quiet=args.quiet, verbose=args.verbose)
        report = build(config, options, meter)
        meter.finish()
    except CareersError as exc:
        say(exc)
        return EXIT_USAGE
    except KeyboardInterrupt as exc:
        return interrupted(exc)
    print_report(report, config, quiet=args.quiet, verbose=args.verbose)
    return EXIT_CONTENT if report.failed else EXIT_OK


def find_site(root: Path) -> None:
    """Refuse to work outside a site: a folder with ``careers.toml`` or a ``content/`` folder."""
    if not (root / CONFIG_NAME).is_file() and not (root / "content").is_dir():
        where = "here" if str(root) in (".", "") else f"in {root}"
        raise CareersError(
            f"no {CONFIG_NAME} {where}, and no content/ folder: this is not a careers site. "
            "Run 'careers init DIR' to start one, or give a site's folder with -C DIR"
        )


def init_command(folder: Path) -> int:
    written = init_site(folder, dt.date.today().isoformat())
    for path in written:
        print_out(f"wrote {path}")
    print_out(f"a new site is ready: cd {folder} && careers serve (or careers build)")
    return EXIT_OK
