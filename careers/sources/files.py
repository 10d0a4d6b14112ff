"""Find posting files under the content folder and read their bytes: one link policy, no blocking."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from careers.errors import ContentError, printable
from careers.model import Format

# What tells a file's version without reading it: size, modification and change time (ns), inode.
Stamp = tuple[int, int, int, int]
# A stamp is only trusted for files last changed this long before the build looked at them:
# a save in the same clock tick as the build's read could keep size and times (as git's index).
RACY_NS = 2_000_000_000


def stamp_of(st: os.stat_result) -> Stamp:
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


def file_stamp(path: str) -> Stamp | None:
    """The stamp of the regular file at ``path`` (not a link), or ``None``."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return stamp_of(st) if stat.S_ISREG(st.st_mode) else None


def trusted(stamp: Stamp, before_ns: int) -> bool:
    """Whether a file with ``stamp`` last changed early enough for its stamp to mean its bytes."""
    return max(stamp[1], stamp[2]) < before_ns


SUFFIXES: dict[str, Format] = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
}


def is_posting_name(name: str) -> bool:
    if name.startswith((".", "_", "#")) or name.endswith("~"):
        return False
    return os.path.splitext(name)[1].lower() in SUFFIXES


def check_path(path: Path, relpath: str, within: Path) -> None:
    """Refuse a name that is not text, and a symbolic link that loops, dangles or leads outside ``within``."""
    # ``relpath`` may be escaped already; and only names inside ``within`` are the user's to fix.
    if not is_text_name(str(path)) and not is_text_name(_relative(path, within)):
        raise ContentError(
            printable(relpath),
            None,
            "file name is not valid UTF-8 (the bytes that are not are shown as \\xNN): rename it",
        )
    if not path.is_symlink():
        return
    target = os.readlink(path)
    try:
        real = Path(os.path.realpath(path, strict=True))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ContentError(
                relpath, None, "symbolic link loop: point the link at a posting file or delete it"
            ) from None
        raise ContentError(
            relpath,
            None,
            f"symbolic link to '{printable(target)}', which does not exist: fix the link or delete it",
        ) from None
    if not real.is_relative_to(os.path.realpath(within)):
        raise ContentError(
            relpath,
            None,
            f"symbolic link to '{printable(target)}', outside {within.name}/: "
            "copy the posting into the folder instead of linking to it",
        )


def read_regular_file(path: Path, relpath: str, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; never blocks on a FIFO."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # opening a socket fails; a FIFO could block
            raise ContentError(relpath, None, _NOT_REGULAR)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ContentError(relpath, None, f"cannot read file: {_reason(exc)}") from None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for something else meanwhile
            raise ContentError(relpath, None, _NOT_REGULAR)
        size = os.fstat(fd).st_size
        if size > max_bytes:
            raise ContentError(relpath, None, _too_big(size, max_bytes))
        try:
            data = f.read(max_bytes + 1)
        except OSError as exc:
            raise ContentError(relpath, None, f"cannot read file: {_reason(exc)}") from None
    if len(data) > max_bytes:  # it grew after we looked
        raise ContentError(relpath, None, _too_big(len(data), max_bytes))
    return data


_NOT_REGULAR = "not a regular file (a pipe, socket or device): move it out of content/"


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"{exc.strerror}: make it readable (chmod a+r) or move it out of content/"
    return exc.strerror or str(exc)


def _too_big(size: int, max_bytes: int) -> str:
    return (
        f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit "
        "(raise max_file_mb in careers.toml if it is really a posting)"
    )


def is_text_name(name: str) -> bool:
    """Whether a name from the file system is text (not bytes Python kept as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def relative_name(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` (``/``-separated), as text: undecodable bytes shown as ``\\xe9``."""
    name = _relative(path, root)
    return name if is_text_name(name) else printable(name)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
