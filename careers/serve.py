"""Stage 7: build, serve ``site/`` locally and reload the browser when a source changes."""

from __future__ import annotations

import contextlib
import sys

from livereload import Server

from .builder import BuildOptions, build
from .config import CONFIG_NAME, Config
from .errors import CareersError


def serve(config: Config, host: str, port: int, open_browser: bool, options: BuildOptions) -> int:
    def rebuild() -> None:
        try:
            report = build(config, options)
        except CareersError as exc:
            print(exc, file=sys.stderr)
            return
        for diagnostic in report.diagnostics:
            print(diagnostic, file=sys.stderr)
        print(f"rebuilt {report.postings} postings in {report.seconds:.2f}s")

    rebuild()
    server = Server()
    for path in (config.content_path, config.templates_path, config.root / CONFIG_NAME):
        server.watch(str(path), rebuild)
    print(f"serving {config.output_dir}/ on http://{host}:{port}/ (Ctrl-C to stop)")
    with contextlib.suppress(KeyboardInterrupt):
        server.serve(
            root=str(config.output_path), host=host, port=port, open_url_delay=1 if open_browser else None
        )
    return 0
