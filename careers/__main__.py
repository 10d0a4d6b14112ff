"""``python -m careers``: the same command line as ``build.py`` and ``careers``."""

import sys

from .cli import main

sys.exit(main())
