"""Machine files drawn from the items of the file the last run wrote, where their postings did not change.

A machine file of one item per posting (``careers.pages.layout``) is drawn by joining its
items; an item depends on its posting and the layout's key alone. The engine keeps where each
item lies in the file it wrote (``Items``: by the posting's token), so the next run takes an
unchanged posting's item from that file, when the file is still as written and the key the
same, and draws only the items of postings that changed: a one-posting edit rewrites
``jobs.json`` and the feeds without drawing their other 10,000 items again. Kept items that
lie one after the other in the old file as in the new are copied as one stretch.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from pathlib import Path

from careers.engine.cache.snapshot import Items
from careers.engine.cache.state import Written, content_hash
from careers.engine.files import OutStamp, read_all
from careers.pages.layout import Layout


class KeptItems:
    """The machine files' items as the last run wrote them, and where this run's lie."""

    def __init__(
        self,
        out: Path,
        last: Mapping[str, Items],
        records: Mapping[str, Written],
        current: Mapping[str, OutStamp],
        tokens: Mapping[str, str],
        contexts: tuple[str, str],
    ) -> None:
        self.out, self.last, self.records, self.current = out, last, records, current
        self.tokens = tokens  # posting source → token, this run's
        # What every item depends on besides its posting: the code, settings and vocabulary
        # (``careers.engine.context.data_context``), and the theme too for a themed layout.
        self.contexts = contexts
        self.written: dict[str, Items] = {}  # what this run wrote, by file

    def draw(self, path: str, layout: Layout) -> bytes:
        """The file at ``path`` as ``layout`` draws it, with every item kept that can be."""
        key = f"{self.contexts[layout.themed]}:{layout.key}"
        kept, old = self._old(path, key)
        view = memoryview(old)
        tokens = list(map(self.tokens.__getitem__, [posting.source for posting in layout.postings]))
        # Each item as a span of the old file (start, end) or its new bytes.
        spans: list[tuple[int, int] | bytes] = [
            kept.get(token) or layout.item(posting).encode()
            for posting, token in zip(layout.postings, tokens, strict=True)
        ]
        lengths = [len(span) if isinstance(span, bytes) else span[1] - span[0] for span in spans]
        head, separator, tail = layout.frame(lengths)
        pieces: list[bytes | memoryview] = [head]
        run: tuple[int, int] | None = None  # kept items, one after the other in the old file too
        gap = len(separator)
        for n, span in enumerate(spans):
            follows = isinstance(span, tuple) and run is not None and span[0] == run[1] + gap
            if follows and run is not None and view[run[1] : span[0]] == separator:
                run = (run[0], span[1])
                continue
            if run is not None:
                pieces.append(view[run[0] : run[1]])
                run = None
            if n:
                pieces.append(separator)
            if isinstance(span, tuple):
                run = span
            else:
                pieces.append(span)
        if run is not None:
            pieces.append(view[run[0] : run[1]])
        pieces.append(tail)
        ends = list(itertools.accumulate((length + gap for length in lengths), initial=len(head)))
        starts = ends[:-1]
        self.written[path] = Items(key, tokens, starts, [s + n for s, n in zip(starts, lengths, strict=True)])
        return b"".join(pieces)

    def _old(self, path: str, key: str) -> tuple[dict[str, tuple[int, int]], bytes]:
        """Where each kept item lies (by token) in the file as last written, and its bytes."""
        last, record, now = self.last.get(path), self.records.get(path), self.current.get(path)
        if last is None or record is None or now is None or last.key != key:
            return {}, b""
        data = read_all(str(self.out / path))
        if data is None or len(data) != now[0] or now[:2] != record[1][:2]:
            return {}, b""
        if now[2] != record[1][2] and content_hash(data) != record[2]:  # a copy, not as written
            return {}, b""
        spans = zip(last.tokens, last.starts, last.ends, strict=True)
        return {token: (start, end) for token, start, end in spans if end <= len(data)}, data
