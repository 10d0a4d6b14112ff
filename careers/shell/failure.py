"""Internal errors: a bug of ours, told apart from anything wrong with the content or settings.

The traceback goes to a file in the system's temporary folder (it helps a bug report; it is
no help to a careers team), and the one-line message says where it is.
"""

from __future__ import annotations

import sys
import tempfile
import traceback

from careers import __version__
from careers.shell.output import escaped

EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug of ours, never a problem with the content


def internal_error(exc: BaseException) -> str:
    """Keep ``exc``'s traceback in a file; the message that names it."""
    details = (
        f"careers {__version__} on Python {sys.version.split()[0]} ({sys.platform})\n"
        f"command: {' '.join(sys.argv)}\n\n{''.join(traceback.format_exception(exc))}"
    )
    try:
        fd, name = tempfile.mkstemp(prefix="careers-internal-error-", suffix=".txt")
        with open(fd, "w", encoding="utf-8", errors="backslashreplace") as f:
            f.write(details)
    except OSError:
        print(escaped(details), file=sys.stderr)  # nowhere else to keep it
        where = "above"
    else:
        where = f"in {name}"
    return (
        f"internal error ({type(exc).__name__}): a bug in careers, not a problem with your content "
        f"or settings. The details are {where}; please include them when you report it."
    )
