"""Internal errors: a bug of ours, told apart from anything wrong with the content or settings.

The traceback goes to a file in the system's temporary folder (it helps a bug report; it is
no help to a careers team), and the message says where it is.
"""

from __future__ import annotations

import os
import tempfile
import traceback

from careers import __version__

EXIT_INTERNAL = 70  # EX_SOFTWARE: not the content's fault, nor the configuration's


def internal_error(exc: BaseException) -> str:
    """Write ``exc``'s traceback to a file; the one-line message that names it."""
    details = "".join(traceback.format_exception(exc))
    try:
        fd, path = tempfile.mkstemp(prefix="careers-internal-error-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(f"careers {__version__}\n{details}")
        where = f"details are in {path}"
    except OSError:
        where = "no file could be written for the details"
    summary = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
    return f"internal error (a bug in careers, not in your files): {summary}; {where}; please report it"
