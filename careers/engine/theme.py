"""The theme as a run uses it: compiled templates, static files, and the build context they make.

It is made again (with a fresh Jinja environment, so no compiled template outlives its file)
whenever a template or static file changes; its kept cards go with it, since a card is
drawn by the theme's ``card`` macro.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

import jinja2

from careers.config import Config
from careers.engine.cache.cards import KeptCards
from careers.engine.cache.trust import signature
from careers.engine.context import build_context
from careers.engine.files import read_all, write_quietly
from careers.pages.assets import Assets, load_assets
from careers.pages.render import install_blocks, install_cards, make_environment
from careers.posting.blocks import Blocks
from careers.posting.tagging.vocabulary import Vocabulary


@dataclass(frozen=True)
class Theme:
    fingerprint: str  # of the theme's files (``careers.engine.context.theme_fingerprint``)
    env: jinja2.Environment
    assets: Assets
    context: str  # the build context: code, settings, vocabulary, theme, options
    cards: KeptCards


def load_theme(
    config: Config,
    vocab: Vocabulary,
    fingerprint: str,
    options: tuple[object, ...],
    log: Path | None,
    compiled: Path | None = None,
    blocks: Blocks | None = None,
) -> Theme:
    """The theme whose files hash to ``fingerprint``; its cards are kept in ``log`` and its
    compiled templates in the folder ``compiled`` (either may be None: not kept). ``blocks``
    (the site's posting intro and conclusion) are part of every posting page, as the theme is."""
    env = make_environment(config)
    install_blocks(env, blocks or Blocks())
    if compiled is not None:
        env.bytecode_cache = SignedBytecode(compiled)
    fingerprinted = bool(options[0])
    assets = load_assets(*(folder / "static" for folder in config.template_paths), fingerprint=fingerprinted)
    context = build_context(config, vocab, fingerprint, *options)
    cards = KeptCards(env, config, log, context)
    install_cards(env, cards)
    return Theme(fingerprint, env, assets, context, cards)


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
