"""The engine's file primitives: one atomic write, one whole-file read, the folders it may write.

Every file the engine writes (pages, cache entries, its state) goes through ``write_atomically``:
the bytes go to a temporary file beside the target, which is then renamed over it, so a reader
(or a build killed half-way) sees the old file or the new one, never half of one. No write
follows a link: a folder the engine writes or deletes in is checked to be a real folder
(``real_folders``), and the temporary file is never opened through one.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from careers.config import Config
from careers.errors import CareersError

# An output file as a later run can check it: size, mtime_ns, inode.
OutStamp = tuple[int, int, int]


def write_atomically(path: Path, data: bytes) -> None:
    """Put ``data`` at ``path`` through a temporary file and a rename; raises ``OSError``."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)  # a killed run's, or a link planted there: never written through
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o644)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def remove_leftovers(folder: Path) -> int:
    """Delete the temporary files ``write_atomically`` and the writer leave when a run is
    killed half-way (``.<name>.<pid>.tmp``) anywhere under ``folder``, never following a
    link; how many went."""
    removed = 0
    folders = [str(folder)]
    while folders:
        with contextlib.suppress(OSError), os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif is_temporary(entry.name):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
                        removed += 1
    return removed


def is_temporary(name: str) -> bool:
    """Whether ``name`` is one ``write_atomically`` gives a file before renaming it."""
    stem, _, pid = name.removesuffix(".tmp").rpartition(".")
    return name.startswith(".") and name.endswith(".tmp") and len(stem) > 1 and pid.isdigit()


def write_quietly(path: Path, data: bytes) -> bool:
    """``write_atomically`` for the cache: into a real folder only (made if missing under a
    real one, never a link), and a failure only returns False (the cache only saves time)."""
    if not real_folder(path.parent):
        return False
    try:
        write_atomically(path, data)
        return True
    except OSError:
        return False


def append_quietly(path: Path, data: bytes) -> bool:
    """Append ``data`` to the file at ``path`` (never through a link); False if it cannot be."""
    if not real_folder(path.parent, make=False):
        return False
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | _NOFOLLOW | _CLOEXEC)
    except OSError:
        return False
    try:
        os.write(fd, data)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def real_folder(folder: Path, make: bool = True) -> bool:
    """Whether ``folder`` is a real folder, not a link (made, when ``make``, under a parent
    checked the same way). Only its own entry is looked at: ``real_folders`` checks a path."""
    try:
        st = os.lstat(folder)
    except FileNotFoundError:
        if not make or folder.parent == folder or not real_folder(folder.parent):
            return False
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder)
        return real_folder(folder, make=False)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode)


def real_folders(root: Path, folder: Path, make: bool = True) -> Path | None:
    """The first part of ``folder`` (``root`` itself, or one under it) that is a link or no
    folder, or ``None`` when every part is a real folder (those missing made, if ``make``)."""
    current = root
    for part in ("", *folder.relative_to(root).parts):
        current = current / part if part else current
        if not real_folder(current, make) and (make or current.exists() or current.is_symlink()):
            return current
    return None


def read_all(path: str) -> bytes | None:
    """A regular file's bytes in one read, or ``None`` if it cannot be read."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _CLOEXEC)
    except OSError:
        return None
    try:
        size = os.fstat(fd).st_size
        data = os.read(fd, size + 1)
        if len(data) > size:  # it grew since: read on to its end
            parts = [data]
            while chunk := os.read(fd, 1 << 16):
                parts.append(chunk)
            data = b"".join(parts)
        return data
    except OSError:
        return None
    finally:
        os.close(fd)


def check_output_dir(out: Path, root: Path, protected: tuple[Path, ...]) -> None:
    """Refuse an output folder that would replace the project, its content or templates."""
    if out.is_symlink():
        # The swap would replace the link itself with a folder, not write through it.
        raise CareersError(
            f"output folder '{out}' is a symbolic link: set output_dir to the folder it points to"
        )
    target = out.resolve()
    if target == root.resolve() or target in root.resolve().parents:
        raise CareersError(
            f"output folder '{out}' would replace the project folder: choose another output_dir"
        )
    for path in protected:
        p = path.resolve()
        if target == p or target in p.parents or p in target.parents:
            raise CareersError(f"output folder '{out}' overlaps '{path}': choose another output_dir")


def check_cache_folders(cache: Path, folders: tuple[str, ...], output: Path, make: bool) -> None:
    """Refuse a cache whose folder, or one of the ``folders`` in it (and ``output``, the
    preview's site, when it is there), is a link or no folder: writing there would write (and
    pruning delete) wherever the link leads."""
    if output.is_relative_to(cache):
        folders = (*folders, output.relative_to(cache).as_posix())
    for name in ("", *folders):
        bad = real_folders(cache, cache / name if name else cache, make)
        if bad is not None:
            what = "a symbolic link" if bad.is_symlink() else "not a folder"
            raise CareersError(
                f"'{bad}' is {what}: the cache is written only in real folders; delete it "
                "(the cache only makes builds faster) and build again"
            )


def check_cache_dir(cache: Path, config: Config) -> None:
    """Refuse a cache folder that is the project, or overlaps its content, theme or output:
    the cache holds machine paths and stale pages, and pruning it deletes files."""
    root = config.root
    others = [("content folder", config.content_path), ("output folder", config.output_path)]
    others += [("templates folder", path) for path in config.template_paths]
    target = cache.resolve()
    if target == root.resolve() or target in root.resolve().parents:
        raise CareersError(f"cache folder '{cache}' would be the project folder: choose another cache_dir")
    for name, path in others:
        p = path.resolve()
        if target == p or target in p.parents or p in target.parents:
            raise CareersError(
                f"cache folder '{cache}' overlaps the {name} '{path}': choose another cache_dir"
            )


def out_stamp(st: os.stat_result) -> OutStamp:
    return st.st_size, st.st_mtime_ns, st.st_ino


def site_files(root: Path, links: list[str] | None = None, inodes_only: bool = False) -> dict[str, OutStamp]:
    """Every regular file under ``root`` with its stamp (with ``inodes_only``, only the inode,
    which the folder listing gives without a call per file). Links are never followed; with
    ``links``, their paths are put there."""
    found: dict[str, OutStamp] = {}
    folders = [(str(root), "")]
    while folders:
        folder, prefix = folders.pop()
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_symlink():
                    if links is not None:
                        links.append(entry.path)
                elif entry.is_dir(follow_symlinks=False):
                    folders.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.is_file(follow_symlinks=False):
                    stamp = (
                        (0, 0, entry.inode()) if inodes_only else out_stamp(entry.stat(follow_symlinks=False))
                    )
                    found[prefix + entry.name] = stamp
    return found


def known_files(out: Path, known: Iterable[str]) -> dict[str, OutStamp]:
    """The stamps of the ``known`` files that are regular files under ``out``, never through a link."""
    found: dict[str, OutStamp] = {}
    if out.is_symlink() or not out.is_dir():
        return found
    real = {""}  # folders (relative to ``out``) found to be real folders, not links
    for key in known:
        folder = key.rpartition("/")[0]
        if folder not in real:
            parts = folder.split("/")
            for n in range(1, len(parts) + 1):
                part = "/".join(parts[:n])
                if part not in real:
                    try:
                        if not stat.S_ISDIR(os.lstat(f"{out}/{part}").st_mode):
                            break
                    except OSError:
                        break
                    real.add(part)
            if folder not in real:
                continue
        try:
            st = os.lstat(f"{out}/{key}")
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode):
            found[key] = out_stamp(st)
    return found
