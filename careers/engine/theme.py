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
from careers.engine.cards import KeptCards
from careers.engine.context import build_context
from careers.pages.assets import Assets, load_assets
from careers.pages.render import install_cards, make_environment
from careers.posting.tagging import Vocabulary


@dataclass(frozen=True)
class Theme:
    fingerprint: str  # of the theme's files (``careers.engine.context.theme_fingerprint``)
    env: jinja2.Environment
    assets: Assets
    context: str  # the build context: code, settings, vocabulary, theme, options
    cards: KeptCards


def load_theme(
    config: Config, vocab: Vocabulary, fingerprint: str, options: tuple[object, ...], log: Path | None
) -> Theme:
    """The theme whose files hash to ``fingerprint``; its cards are kept in ``log`` (if any)."""
    env = make_environment(config)
    fingerprinted = bool(options[0])
    assets = load_assets(*(folder / "static" for folder in config.template_paths), fingerprint=fingerprinted)
    context = build_context(config, vocab, fingerprint, *options)
    cards = KeptCards(env, config, log, context)
    install_cards(env, cards)
    return Theme(fingerprint, env, assets, context, cards)
