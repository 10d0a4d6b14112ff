"""Related lists kept: they depend only on the postings' order, slugs and skills.

``careers.pages.site.related_postings`` asks for the lists it computed last under a key
made of those; an edit that changes no title, date or skill (most edits) reuses them. The
last lists are kept in memory and in ``.cache/related.json``.
"""

from __future__ import annotations

from pathlib import Path

import orjson

from careers.engine.files import read_all, write_quietly

FORMAT = 1
RELATED_FILE = "related.json"


class RelatedMemo:
    """The last related lists computed, by the key they were computed under."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.path = cache_dir / RELATED_FILE if cache_dir is not None else None
        self.key = ""
        self.related: dict[str, list[str]] = {}

    def get(self, key: str) -> dict[str, list[str]] | None:
        if key == self.key:
            return self.related
        if self.path is None or (data := read_all(str(self.path))) is None:
            return None
        try:
            stored = orjson.loads(data)
            if stored["format"] != FORMAT or stored["key"] != key or not isinstance(stored["related"], dict):
                return None
        except (ValueError, KeyError, TypeError):
            return None
        self.key, self.related = key, stored["related"]
        return self.related

    def put(self, key: str, related: dict[str, list[str]]) -> None:
        self.key, self.related = key, related
        if self.path is not None:
            write_quietly(self.path, orjson.dumps({"format": FORMAT, "key": key, "related": related}))
