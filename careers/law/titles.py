"""Gender-neutral job titles: a marker "(m/w/d)" where titles are gendered nouns, no "salesman" anywhere."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from typing import NamedTuple


class TitleWords(NamedTuple):
    markers: tuple[str, ...]
    endings: tuple[str, ...]
    marker_countries: dict[str, str]
    words: dict[str, str]


@cache
def title_words() -> TitleWords:
    """The shipped lists (``careers/data/neutral_titles.toml``)."""
    text = resources.files("careers").joinpath("data/neutral_titles.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    words = {key.replace("_", " "): value for key, value in data["words"].items()}
    return TitleWords(tuple(data["markers"]), tuple(data["neutral_endings"]), data["marker_countries"], words)


def neutral_title_problem(title: str, country: str | None) -> str | None:
    """What makes ``title`` not gender-neutral, with the fix (``None``: it is neutral)."""
    lists = title_words()
    folded = re.sub(r"\s+", "", title.casefold())
    if any(marker.replace(" ", "") in folded for marker in lists.markers):
        return None
    for word, neutral in lists.words.items():
        found = re.search(rf"\b{re.escape(word)}\b", title, re.IGNORECASE)
        if found:
            return f"'{found.group()}' names one gender: write '{neutral}'"
    words = title.split()
    if any(w.endswith(ending) for w in words for ending in lists.endings[:-1]) or any(
        re.search(r"[a-zäöü]Innen\b|[a-zäöü]In\b", w) for w in words
    ):
        return None
    marker = lists.marker_countries.get(country or "")
    if marker:
        return f"job titles there name every gender: write '{title} {marker}'"
    return None
