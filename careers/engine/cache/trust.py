"""Which cache files this user's own runs wrote: a keyed hash with a secret kept outside the project.

The cache is input like any other: it can arrive in a clone, be restored by a CI service, or
be edited by hand. What a run of this user wrote is signed with a secret of this user's
(``~/.cache/careers/secret``), so a later run can use it as it is; anything else is not used
at all (posting entries, kept cards, compiled templates, the state: a value the pipeline
could have made, another Apply link among them, is no proof it did). Without a place for the
secret, nothing is trusted: everything is made again.
"""

from __future__ import annotations

import contextlib
import os
from functools import cache
from pathlib import Path

from blake3 import blake3

SECRET_BYTES = 32


@cache
def secret() -> bytes:
    """This user's secret, made the first time it is needed (a fresh one per process if it
    cannot be kept, so that nothing written by another process is trusted)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "careers" / "secret"
    with contextlib.suppress(OSError):
        data = path.read_bytes()
        if len(data) == SECRET_BYTES:
            return data
    data = os.urandom(SECRET_BYTES)
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        return data
    with contextlib.suppress(OSError):  # another process made it first
        kept = path.read_bytes()
        if len(kept) == SECRET_BYTES:
            return kept
    return data


def signature(data: bytes) -> bytes:
    """A keyed hash of ``data`` (16 hex digits as bytes; BLAKE3's keyed mode): made here, or by
    this user before."""
    return blake3(data, key=secret()).hexdigest(length=8).encode()
