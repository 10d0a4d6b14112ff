#!/usr/bin/env python3
"""Build the careers site (``python build.py``) or preview it (``python build.py serve``)."""

import sys

from careers.cli import main

if __name__ == "__main__":
    sys.exit(main())
