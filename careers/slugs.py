"""URL slugs: short, lowercase ASCII, safe as a single path segment on every filesystem."""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_SLUG = 60
# Names Windows refuses as files or folders, whatever the extension.
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(10)] + [f"lpt{i}" for i in range(10)]
)


def slugify(text: str, fallback: str = "posting") -> str:
    """``"Sr. C++ Engineer (Remote)"`` → ``"sr-c-plus-plus-engineer-remote"``."""
    text = text.replace("C++", "C plus plus").replace("c++", "c plus plus").replace("C#", "C sharp")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0] or slug[:MAX_SLUG]
    if not slug:
        slug = fallback
    if slug in _RESERVED:
        slug += "-job"
    return slug


def short_hash(text: str, length: int = 6) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def is_slug(text: str) -> bool:
    """Whether ``text`` is a slug as ``slugify`` makes them: safe as one URL and path segment."""
    return len(text) <= 200 and _SLUG.fullmatch(text) is not None
