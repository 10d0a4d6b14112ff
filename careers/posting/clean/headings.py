"""Headings: which lines read as one, the phrases postings title their sections with, and each kind."""

from __future__ import annotations

import re

from careers.model import SectionKind
from careers.posting.clean.thresholds import LIMITS
from careers.posting.clean.vocabulary import FIRST_WORDS, HEADING_KINDS, MODIFIERS, NOUNS, PHRASES, TAILS

_KIND_PATTERNS = tuple((kind, re.compile("|".join(words), re.IGNORECASE)) for kind, words in HEADING_KINDS)
_MOD = "(?:" + "|".join(MODIFIERS) + ")"
_NOUN = "(?:" + "|".join(NOUNS) + ")"
_HEAD = rf"(?:{_MOD}[ -]){{0,3}}{_NOUN}"
KNOWN_HEADING = re.compile(
    rf"(?:{_HEAD}(?:\s*+(?:,|and|&|/|or)\s*+{_HEAD})*(?: (?:{'|'.join(TAILS)}))?|{'|'.join(PHRASES)})",
    re.IGNORECASE,
)
HEADING_PHRASE = re.compile("|".join(PHRASES), re.IGNORECASE)
_STARTS = re.compile(rf"(?:{_MOD}|{_NOUN}|{'|'.join(FIRST_WORDS)})[:.]?", re.IGNORECASE)

HASHTAG_LINE = re.compile(r"^(#[\w-]+[\s,;]*)+$")
NOT_APPLICABLE = re.compile(r"^(n/?a|none|not applicable)\.?$", re.IGNORECASE)
_LABEL_VALUE = re.compile(r"\w[:：]\s+\S")
# Money, times and dates: "$25 an hour", "8:00am", "16th November": a fact, not a title.
AMOUNT = re.compile(
    r"[$£€¥₹]\s?\d|\d\s?(%|k\b)|\b\d{1,2}[:.]\d{2}\s?([ap]\.?m\b)?|"
    r"\b\d{1,2}(st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    re.IGNORECASE,
)
# Trailing runs are matched from their first character only (the lookbehind): tried again from
# every character of a long run of spaces, they took time growing with its square.
_TRAILING_ELLIPSIS = re.compile(r"(?<!\s)\s*(\.\.\.|…)$")
_HEADING_TAIL = re.compile(r"(?<![\s:：\-–—•*_\\])[\s:：\-–—•*_\\]+$")
BULLET = re.compile(r"^([•·▪‣◦●○■□➢➤►✓✔\-–—*+]|\d{1,2}[.)])\s+")
# fmt: off
_SMALL_WORDS = frozenset(
    "a an and as at by for from in of on or the to with your our you we & / - – — is are be".split()
)
# fmt: on


def heading_kind(heading: str) -> SectionKind:
    """What a section is, from its heading ("What You'll Bring" → requirements)."""
    heading = heading.replace("’", "'")
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(heading):
            return kind
    return "other"


def clean_heading(text: str) -> str:
    """A heading as shown: no trailing colons, dashes, bullets or emphasis marks."""
    return _HEADING_TAIL.sub("", text).strip()


def is_known_heading(text: str) -> bool:
    """Whether ``text`` is a heading phrase postings use, whole ("Key Responsibilities:")."""
    phrase = clean_heading(text).rstrip("?!. ").replace("’", "'")
    return (
        0 < len(phrase.split()) <= LIMITS.heading
        and phrase[:1].isupper()
        and bool(KNOWN_HEADING.fullmatch(phrase))
    )


def starts_heading(word: str) -> bool:
    """Whether a heading phrase can start with ``word`` (or its first part: "Education/Experience")."""
    word = word.replace("’", "'")
    return bool(_STARTS.fullmatch(word) or ("/" in word and _STARTS.fullmatch(word.split("/", 1)[0])))


def looks_like_heading(text: str, all_bold: bool) -> bool:
    """Whether a line on its own reads as a heading, whatever comes around it.

    Bold lines are headings when short (a question, a tagline in title case, or a label
    naming a section may be longer); plain lines when they are a known heading phrase, end
    in a colon and are written in title case, or are in capitals. Sentences are never headings.
    """
    text = _TRAILING_ELLIPSIS.sub("", text)
    words = text.split()
    if not words or len(words) > LIMITS.heading or not (text[0].isupper() or text[0].isdigit()):
        return False
    if sum(c.isalpha() for c in text[:8]) < 2:
        return False  # a lone letter or a garbled character ("Â"), a number: never a title
    if all_bold:
        return _bold_heading(text, words)
    if text[-1] in ".!;," or (text.endswith("?") and not is_known_heading(text)):
        return False
    low, high = LIMITS.capitals
    if is_capitals(text) and low <= len(words) <= high:
        return True
    if is_known_heading(text):
        return True
    if (
        not text.endswith((":", "："))
        or len(words) > LIMITS.colon_title
        or "." in text.rstrip(":").replace("U.S.", "")
    ):
        return False
    return title_case(words)


def _bold_heading(text: str, words: list[str]) -> bool:
    if _LABEL_VALUE.search(text) or (AMOUNT.search(text) and not is_known_heading(text)):
        return False  # "Wage: $25 an hour", "Starting pay is $18.00 per hour": facts, not titles
    if text.endswith("?"):
        return len(words) <= LIMITS.bold_question
    if text.endswith("."):  # a tagline ("High Standards. No Apologies."), not a sentence
        return len(words) <= LIMITS.bold_tagline and all(
            w[0].isupper() or w.lower() in _SMALL_WORDS for w in words
        )
    if text[-1] in "!;,":
        return False
    if text.endswith((":", "：")) or len(words) <= LIMITS.bold_short or is_known_heading(text):
        return True
    return len(words) <= LIMITS.bold_kind and heading_kind(text) != "other"


def is_capitals(text: str) -> bool:
    if not text.isupper():
        return False  # one lowercase letter, or none with a case: most text stops here
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= LIMITS.capital_letters and all(c.isupper() for c in letters)


def title_case(words: list[str]) -> bool:
    """Whether most words that matter start with a capital ("Skills and Abilities Required")."""
    significant = [w for w in words if w.lower().strip(":?") not in _SMALL_WORDS]
    if not significant:
        return False
    capitals = sum(1 for w in significant if w[0].isupper() or not w[0].isalpha())
    return capitals / len(significant) >= LIMITS.title_share


def same_words(a: str, b: str) -> bool:
    """Whether two strings say the same words, ignoring case and punctuation."""
    return words_of(a) == words_of(b)


def words_of(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())
