"""What every result of a build depends on besides its own file: code, settings, vocabulary, theme.

Each is hashed into a fingerprint; a stored result or page made under another fingerprint is
never used. Theme files are found by ``careers.pages.assets.theme_files`` (the one place that
decides which files of a theme folder count), which leaves out what editors leave behind.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from functools import cache
from pathlib import Path

from careers.config import Config
from careers.pages.assets import theme_files
from careers.posting.tagging.vocabulary import Vocabulary

FORMAT = 4


PACKAGE = Path(__file__).resolve().parent.parent
# The code a processed posting depends on (stages 1-3, their data, and how results are
# stored): a change anywhere else (the engine, the pages) leaves every stored result good.
STAGES = (
    *("sources", "posting", "data", "model.py", "config.py", "errors.py", "slugs.py"),
    "engine/cache/codec.py",
)


@cache
def pipeline_fingerprint(parts: tuple[str, ...] = ()) -> str:
    """A hash of the package's code and data (only ``parts`` of it, if given)."""
    digest = hashlib.sha256(f"format {FORMAT}".encode())
    for path in sorted(PACKAGE.rglob("*")):
        name = path.relative_to(PACKAGE).as_posix()
        if parts and not any(name == part or name.startswith(part + "/") for part in parts):
            continue
        if path.suffix in (".py", ".toml", ".json") and "__pycache__" not in path.parts:
            digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def vocabulary_fingerprint(vocab: Vocabulary) -> str:
    own = getattr(vocab, "fingerprint", None)
    if isinstance(own, str) and own:
        return own
    return hashlib.sha256(repr(vocab.skills).encode()).hexdigest()


def config_fingerprint(config: Config) -> str:
    values = {f.name: getattr(config, f.name) for f in dataclasses.fields(config) if f.name != "root"}
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=repr).encode()).hexdigest()


def theme_fingerprint(folders: tuple[Path, ...]) -> str:
    """A hash of every theme file's name and bytes, folder by folder (a theme before the built-in)."""
    digest = hashlib.sha256()
    for index, folder in enumerate(folders):
        for name, path in theme_files(folder):
            try:
                data = path.read_bytes()
            except OSError as exc:  # a page using it reports it; here it only counts as changed
                data = f"unreadable: {exc.strerror}".encode()
            digest.update(f"{index}/{name}\0".encode() + hashlib.sha256(data).digest())
    return digest.hexdigest()


def build_context(config: Config, vocab: Vocabulary, theme: str, *options: object) -> str:
    """One fingerprint of everything a page depends on besides its own values (``theme`` is
    ``theme_fingerprint`` of the theme's folders)."""
    parts = (
        *(pipeline_fingerprint(), config_fingerprint(config), vocabulary_fingerprint(vocab)),
        *(theme, repr(options)),
    )
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def data_context(config: Config, vocab: Vocabulary) -> str:
    """What a machine file's item depends on besides its posting: code, settings, vocabulary."""
    return build_context(config, vocab, "")


def posting_context(config: Config, vocab: Vocabulary) -> str:
    """What a processed posting depends on besides its file: code, settings, vocabulary."""
    code = pipeline_fingerprint(STAGES)
    return "\0".join((code, vocabulary_fingerprint(vocab), config_fingerprint(config)))
