"""The theme as a run uses it: compiled templates, static files, and the build context they make.

It is made again (with a fresh Jinja environment, so no compiled template outlives its file)
whenever a template or static file changes; its kept cards go with it, since a card is
drawn by the theme's ``card`` macro.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from careers.config import Config
from careers.engine.cache.cards import KeptCards
from careers.engine.cache.templates import SignedBytecode
from careers.engine.context import build_context
from careers.pages.assets import Assets, load_assets
from careers.pages.render import install_blocks, make_environment
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
    context = build_context(config, vocab, fingerprint, *options)
    cards = KeptCards(config, log, context)
    env = make_environment(config, cards.wrap)
    install_blocks(env, blocks or Blocks())
    if compiled is not None:
        env.bytecode_cache = SignedBytecode(compiled)
    fingerprinted = bool(options[0])
    assets = load_assets(*(folder / "static" for folder in config.template_paths), fingerprint=fingerprinted)
    return Theme(fingerprint, env, assets, context, cards)
