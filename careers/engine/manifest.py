"""What the last build wrote and from what, so that unchanged pages are neither rendered nor read.

The state (``.cache/build.json``) holds a fingerprint of all the build's inputs (posting
files, templates, configuration, vocabulary, options, the pipeline's code) and, for every
output file, a fingerprint of what its page was rendered from, with the file's size,
modification time and inode. A page with the same fingerprint whose file is untouched is
hard-linked into the new site as it is; when no input changed and the site is as it was
left, there is nothing to do at all. A missing, corrupt or foreign state only means that
everything is rendered (and compared) again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import orjson
from jinja2 import meta

from careers.config import Config
from careers.engine.cache import (
    config_fingerprint,
    pipeline_fingerprint,
    vocabulary_fingerprint,
    write_quietly,
)
from careers.errors import Diagnostic
from careers.model import Posting, Site, Term
from careers.posting.tagging import Vocabulary

if TYPE_CHECKING:
    from careers.pages.render import Page

FORMAT = 3
STATE_FILE = "build.json"
Stamp = tuple[int, int, int]  # size, mtime_ns, inode


@dataclass(frozen=True)
class BuildState:
    output: str
    inputs: str
    files: dict[str, tuple[str, Stamp]]  # relative path → (page fingerprint, stamp)
    postings: int
    pages: int
    diagnostics: tuple[Diagnostic, ...]
    # posting file → (its stamp, its content digest) when it was read
    sources: dict[str, tuple[tuple[int, int, int, int], str]] = dataclasses.field(default_factory=dict)
    context: str = ""  # the build context (``build_context``) the next two were found under
    reads_site: dict[str, bool] = dataclasses.field(default_factory=dict)  # template → reads ``site``


def stamp(path: Path | str) -> Stamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


def load_state(config: Config) -> BuildState | None:
    """The last build's state for this output folder, or ``None``."""
    try:
        data = orjson.loads((config.cache_path / STATE_FILE).read_bytes())
        if data["format"] != FORMAT or data["output"] != str(config.output_path.resolve()):
            return None
        return BuildState(
            output=data["output"],
            inputs=data["inputs"],
            files={path: (fp, (size, mtime, ino)) for path, (fp, size, mtime, ino) in data["files"].items()},
            postings=int(data["postings"]),
            pages=int(data["pages"]),
            diagnostics=tuple(Diagnostic(*d) for d in data["diagnostics"]),
            sources={path: (tuple(st), content) for path, (st, content) in data["sources"].items()},
            context=str(data["context"]),
            reads_site={str(name): bool(reads) for name, reads in data["reads_site"].items()},
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_state(config: Config, state: BuildState) -> None:
    """Write the state atomically; failing to only costs the next build some speed."""
    data = {
        "format": FORMAT,
        "output": state.output,
        "inputs": state.inputs,
        "files": {path: [fp, *st] for path, (fp, st) in state.files.items()},
        "postings": state.postings,
        "pages": state.pages,
        "diagnostics": [[d.path, d.line, d.level, d.message] for d in state.diagnostics],
        "sources": {path: [list(st), content] for path, (st, content) in state.sources.items()},
        "context": state.context,
        "reads_site": state.reads_site,
    }
    write_quietly(config.cache_path / STATE_FILE, orjson.dumps(data))


RELATED_FILE = "related.json"


@dataclass(frozen=True)
class RelatedFile:
    """The last related lists computed, and the key they were computed for (``site.RelatedMemo``)."""

    path: Path

    def get(self, key: str) -> dict[str, list[str]] | None:
        try:
            data = orjson.loads(self.path.read_bytes())
            if data["format"] != FORMAT or data["key"] != key or not isinstance(data["related"], dict):
                return None
            related: dict[str, list[str]] = data["related"]
            return related
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, related: dict[str, list[str]]) -> None:
        write_quietly(self.path, orjson.dumps({"format": FORMAT, "key": key, "related": related}))


def site_is_intact(out: Path, state: BuildState) -> bool:
    """Whether ``out`` holds exactly the files the state describes, none touched since."""
    seen = 0
    folders = [(str(out), "")]
    while folders:
        folder, prefix = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return False
        for entry in entries:
            relpath = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                folders.append((entry.path, relpath + "/"))
                continue
            record = state.files.get(relpath)
            st = entry.stat(follow_symlinks=False)
            if record is None or (st.st_size, st.st_mtime_ns, st.st_ino) != record[1]:
                return False
            seen += 1
    return seen == len(state.files)


def build_context(config: Config, vocab: Vocabulary, options: object, env: jinja2.Environment) -> str:
    """Everything every page depends on besides its own values: code, settings, templates.

    Templates are read through the environment's loader too, so every folder it searches
    (not only ``templates_dir``) counts.
    """
    digest = hashlib.sha256()
    for part in (pipeline_fingerprint(), config_fingerprint(config), vocabulary_fingerprint(vocab)):
        digest.update(part.encode() + b"\0")
    digest.update(repr(options).encode() + b"\0")
    templates = config.templates_path
    for dirpath, dirnames, filenames in os.walk(templates):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            digest.update(path.relative_to(templates).as_posix().encode() + b"\0" + path.read_bytes())
    if env.loader is not None:
        for name in env.loader.list_templates():
            try:
                source = env.loader.get_source(env, name)[0]
            except (UnicodeDecodeError, jinja2.TemplateNotFound):
                continue  # a binary static file, hashed above
            digest.update(f"{name}\0{source}\0".encode())
    return digest.hexdigest()


def inputs_fingerprint(context: str, sources: Iterable[str]) -> str:
    """One fingerprint of the build context and every posting file's key, in order."""
    digest = hashlib.sha256(context.encode())
    for key in sources:
        digest.update(key.encode() + b"\0")
    return digest.hexdigest()


def templates_reading(env: jinja2.Environment, names: Iterable[str]) -> dict[str, set[str]]:
    """For each template, the context names it reads, with every template it extends,
    includes or imports (each template is parsed once)."""
    assert env.loader is not None
    own: dict[str, tuple[set[str], list[str | None]]] = {}

    def parse(name: str) -> tuple[set[str], list[str | None]]:
        if name not in own:
            assert env.loader is not None
            try:
                tree = env.parse(env.loader.get_source(env, name)[0])
            except jinja2.TemplateError:
                # Rendering reports it, with the file and line; here, assume the worst.
                own[name] = ({"site"}, [])
                return own[name]
            own[name] = (meta.find_undeclared_variables(tree), list(meta.find_referenced_templates(tree)))
        return own[name]

    found = {}
    for name in names:
        reads: set[str] = set()
        todo, seen = [name], set()
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            variables, others = parse(current)
            reads |= variables
            for other in others:
                if other is None:  # a name computed at render time: assume the worst
                    reads.add("site")
                else:
                    todo.append(other)
        found[name] = reads
    return found


class Unfingerprintable(Exception):
    """A page value of a type the fingerprint does not know: such a page is always rendered."""


def page_fingerprint(context: str, page: Page, site: str | None) -> str:
    """A hash of everything ``page`` is rendered from: its values, and ``site_fingerprint``
    of the site when its templates read ``site``."""
    parts = [f"{context}\0{page.path}\0{page.template}\0{site or ''}\0"]
    try:
        _feed(parts, page.context)
    except Unfingerprintable:
        return ""
    return _digest(parts)


def site_fingerprint(site: Site) -> str:
    """A hash of the whole site as templates can read it (computed once, for every page that does)."""
    return fingerprint([site.postings, site.skills, site.levels, site.closed])


def fingerprint(*values: object) -> str:
    """A hash of ``values`` as page fingerprints see them (postings by file and slug)."""
    parts: list[str] = []
    _feed(parts, values)
    return _digest(parts)


def postings_fingerprint(context: str, name: str, postings: Iterable[Posting]) -> str:
    parts = [f"{context}\0{name}\0"]
    _feed(parts, list(postings))
    return _digest(parts)


def _digest(parts: list[str]) -> str:
    return hashlib.sha256("".join(parts).encode()).hexdigest()


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _feed(parts: list[str], value: object) -> None:
    """Add ``value`` to the text a fingerprint hashes (hashed once, at the end: one update
    for a whole page is much cheaper than one per value)."""
    # A posting is a pure function of its file (digest, path) and the build context, but
    # for the slug, which the site assigns.
    if isinstance(value, Posting):
        parts.append(f"P{value.identity}\0")
    elif isinstance(value, Term):
        parts.append(f"T{value.slug}\0{value.name}\0{value.category}\0")
        _feed(parts, value.postings)
    elif isinstance(value, (list, tuple)):
        parts.append("[")
        if value and set(map(type, value)) == {Posting}:
            # Listings hold thousands: "P<identity>\0" each, joined in one go.
            parts.append("P" + "\0P".join([p.identity for p in value]) + "\0")
        else:
            for item in value:
                _feed(parts, item)
        parts.append("]")
    elif isinstance(value, dict):
        parts.append("{")
        for key in sorted(value, key=repr):
            _feed(parts, key)
            _feed(parts, value[key])
        parts.append("}")
    elif value is None or isinstance(value, (str, int, float, dt.date)):
        parts.append(f"{type(value).__name__}:{value!r}\0")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        parts.append(f"D{type(value).__qualname__}\0")
        for name in _field_names(type(value)):
            _feed(parts, getattr(value, name))
    else:
        raise Unfingerprintable(type(value).__name__)
