"""Related lists kept: they depend only on the postings' order, slugs and skills.

The lists ``careers.pages.site.related_postings`` worked out last are kept under a key made of
those, in memory and in ``.cache/related.json``; an edit that changes no title, date or skill
(most edits) reuses them.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import orjson

from careers.engine.files import read_all, write_quietly
from careers.model import Posting
from careers.pages.site import Related, related_postings

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

    def relate(self, postings: tuple[Posting, ...]) -> Related:
        """``related_postings`` of ``postings``: the kept lists when they are for the same."""
        digest = hashlib.sha256()
        for posting in postings:
            digest.update(f"{posting.slug}\0{' '.join(t.slug for t in posting.skills)}\n".encode())
        key = digest.hexdigest()
        by_slug = {posting.slug: posting for posting in postings}
        known = self.get(key)
        if known is not None and known.keys() == by_slug.keys():
            try:
                return {slug: tuple(by_slug[other] for other in others) for slug, others in known.items()}
            except (KeyError, TypeError):
                pass  # not lists of this site's slugs: worked out afresh below
        related = related_postings(postings)
        self.put(key, {slug: [p.slug for p in others] for slug, others in related.items()})
        return related
