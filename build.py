#!/usr/bin/env python3
"""Build the careers site (``python build.py``) or preview it (``python build.py serve``)."""

from careers.shell.cli import run

if __name__ == "__main__":
    run()
