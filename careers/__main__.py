"""``python -m careers``: the same command line as ``build.py`` and ``careers``."""

import sys

from careers.shell.cli import main

sys.exit(main())
