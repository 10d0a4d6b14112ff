"""What a line of a posting is: a heading (and of which kind), boilerplate, or text."""

from __future__ import annotations

import re

from careers.model import SectionKind

# Tried in order, first match wins: "Preferred Job Qualifications" is preferred before it
# is a qualification, "Position benefits" is benefits before it is about the position.
# fmt: off
HEADING_KINDS: tuple[tuple[SectionKind, tuple[str, ...]], ...] = (
    ("equal_opportunity", (r"equal (employment )?opportunit", r"\beeo\b", "affirmative action",
                           "non-?discrimination")),
    ("preferred", ("prefer", "desir", "nice[ -]to[ -]have", "bonus", "stand out", r"\bplus\b",
                   "would be great", "extra credit")),
    ("benefits", ("benefit", "perks", "we offer", "compensation", "salary", r"\bpay\b", "rewards",
                  "why (join|work)")),
    ("summary", ("about (the|this) (role|job|position|opportunity)",
                 "(role|job|position) (summary|overview|description)", "summary", "overview", "at a glance")),
    ("company", ("about (us|the company|our company)", "our (company|mission|culture|story|team)",
                 "who we are", "company")),
    ("requirements", ("require", "qualifica", "must[ -]have", "skills", "criteria",
                      "what you (will )?(bring|need)", "you('ll| will) need", "who you are", "about you",
                      "keys? (to|for) success", "candidate", "education", "experience", "competenc",
                      "eligib")),
    ("responsibilities", ("responsib", "dut(y|ies)", "what you('ll| will) do", "day[ -]to[ -]day",
                          "accountab", "your impact", "tasks", "functions", "the work", "your role")),
    ("summary", ("highlights", "introduction", "the (role|opportunity|position)", "description")),
)
# fmt: on
_KIND_PATTERNS = tuple((kind, re.compile("|".join(words), re.IGNORECASE)) for kind, words in HEADING_KINDS)

EEO_TEXT = re.compile(
    r"equal (employment )?opportunity|affirmative action employer|"
    r"without regard to (race|color|religion|sex|age|national origin)|"
    r"\bEEO\b|Minorities/Females/Disabled/Veterans",
    re.IGNORECASE,
)
HASHTAG_LINE = re.compile(r"^(#[\w-]+[\s,;]*)+$")
NOT_APPLICABLE = re.compile(r"^(n/?a|none|not applicable)\.?$", re.IGNORECASE)
_HEADING_TAIL = re.compile(r"[\s:：\-–—•]+$")
BULLET = re.compile(r"^[•·▪‣◦●○■□➢➤►✓✔\-–—*]\s+")
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "your",
        "our",
        "you",
        "we",
    ]
)

MAX_HEADING_WORDS = 12


def heading_kind(heading: str) -> SectionKind:
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(heading):
            return kind
    return "other"


def clean_heading(text: str) -> str:
    """A heading as shown: no trailing colons, dashes or bullets (however many, spaced or not)."""
    return _HEADING_TAIL.sub("", text).strip()


def looks_like_heading(text: str, all_bold: bool) -> bool:
    """Whether a line on its own reads as a heading.

    Bold lines are headings when short; plain lines only when they end in a colon and
    are written in title case, or are in capitals. Sentences are never headings.
    """
    words = text.split()
    if not words or len(words) > MAX_HEADING_WORDS or text[-1] in ".!?;,":
        return False
    if not text[0].isupper() and not text[0].isdigit():
        return False
    ends_colon = text.endswith((":", "："))
    known = heading_kind(text) != "other"
    if all_bold:
        return ends_colon or known or len(words) <= 6
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters) and len(words) <= 8:
        return True
    return ends_colon and len(words) <= 8 and "." not in text.rstrip(":") and _title_case(words)


def _title_case(words: list[str]) -> bool:
    significant = [w for w in words if w.lower().strip(":") not in _SMALL_WORDS]
    if not significant:
        return False
    capitals = sum(1 for w in significant if w[0].isupper() or not w[0].isalpha())
    return capitals / len(significant) >= 0.6


def same_words(a: str, b: str) -> bool:
    """Whether two strings say the same words, ignoring case and punctuation."""
    return _words(a) == _words(b)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())
