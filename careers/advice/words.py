"""Gender-coded words (Gaucher, Friesen & Kay 2011, as gender-decoder lists their stems), found in a text."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from functools import cache
from importlib import resources
from typing import NamedTuple


class CodedWords(NamedTuple):
    feminine: tuple[str, ...]
    masculine: tuple[str, ...]
    hyphenated: tuple[str, ...]
    exceptions: frozenset[str]


@cache
def coded_words() -> CodedWords:
    """The shipped stems (``careers/data/gender_coded_words.toml``)."""
    text = resources.files("careers").joinpath("data/gender_coded_words.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return CodedWords(
        tuple(data["feminine"]), tuple(data["masculine"]), tuple(data["hyphenated"]),
        frozenset(data["non_coded_exceptions"]),
    )  # fmt: skip


def text_words(text: str) -> list[str]:
    """The words of ``text`` as gender-decoder reads them: lower case, a hyphenated word split
    unless its start is a coded stem ("co-operative" stays one word, "fast-paced" is two)."""
    hyphenated = coded_words().hyphenated
    words = []
    for word in re.findall(r"[a-z]+(?:-[a-z]+)*", text.lower()):
        if "-" in word and not word.startswith(hyphenated):
            words.extend(word.split("-"))
        else:
            words.append(word)
    return words


def coded_in(text: str) -> tuple[Counter[str], Counter[str]]:
    """The feminine- and masculine-coded words of ``text``, each with how often it occurs."""
    lists = coded_words()
    feminine: Counter[str] = Counter()
    masculine: Counter[str] = Counter()
    for word in text_words(text):
        if word in lists.exceptions:
            continue
        if word.startswith(lists.feminine):
            feminine[word] += 1
        if word.startswith(lists.masculine):
            masculine[word] += 1
    return feminine, masculine
