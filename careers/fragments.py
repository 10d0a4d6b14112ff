"""``{% cache key, ... %}…{% endcache %}``: render a template fragment once per build per key.

A card that lists one posting is the same on the index, on each of its skill pages and
under every related posting at the same depth; with the card macro's body wrapped in
``{% cache "card", posting, url("") %}`` it is rendered once and reused. The keys must name
everything the fragment shows (here: the posting, and the link to the root, which says
how deep the page is); postings are keyed by file, content and slug. Fragments live as
long as the Jinja environment, which a build makes afresh.
"""

from __future__ import annotations

from collections.abc import Callable

import jinja2
from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.parser import Parser
from markupsafe import Markup

from .manifest import Unfingerprintable, fingerprint


class FragmentCache(Extension):
    tags = {"cache"}  # noqa: RUF012 (Jinja's own class attribute)

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        self.fragments: dict[str, Markup] = {}

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        keys = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            keys.append(parser.parse_expression())
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        call = self.call_method("_fragment", [nodes.List(keys)])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _fragment(self, keys: list[object], caller: Callable[[], str]) -> Markup:
        try:
            key = fingerprint(*keys)
        except Unfingerprintable:
            return Markup(caller())  # a key it cannot tell apart: render every time
        found = self.fragments.get(key)
        if found is None:
            found = self.fragments[key] = Markup(caller())
        return found
