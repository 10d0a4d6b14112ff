"""Compiled templates kept under ``.cache/templates/``, each behind this user's signature."""

from __future__ import annotations

import contextlib
from pathlib import Path

import jinja2

from careers.engine.cache.trust import signature
from careers.engine.files import read_all, write_quietly


class SignedBytecode(jinja2.BytecodeCache):
    """Compiled templates kept between runs (compiling a theme costs a one-posting rebuild a
    fifth of its time), each behind this user's signature: loading compiled code is running
    it, so code this user's runs did not write is compiled afresh instead. Jinja keys each by
    the template's name and file and checks its source and the Python version."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = read_all(str(self.folder / f"{bucket.key}.bc"))
        if data is not None:
            mark, _, code = data.partition(b"\n")
            if mark == signature(code):
                with contextlib.suppress(ValueError, EOFError, TypeError):  # compiled afresh
                    bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = bucket.bytecode_to_string()
        write_quietly(self.folder / f"{bucket.key}.bc", signature(code) + b"\n" + code)
