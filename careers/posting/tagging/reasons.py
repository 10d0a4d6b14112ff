"""Why a mention of a skill counts: named in the posting, asked for, with a context word."""

from __future__ import annotations

import functools
import re

from careers.posting.tagging.matcher import Hit
from careers.posting.tagging.text import Clause
from careers.posting.tagging.vocabulary import Skill, Vocabulary

# Sections whose every line is something asked of the candidate: by kind, or by a heading the
# cleaner files as "other" ("What We're Looking For", "Person Specification").
ASKING_KINDS = frozenset({"requirements", "preferred"})
_ASKING_HEADING = re.compile(
    r"looking\s+for|who\s+you\s+are|about\s+you|you\s+(?:have|bring|need)|you'll\s+(?:have|bring|need)|"
    r"skills|qualifications?|requirements?|essential|desirable|person\s+spec|ideal\s+candidate|competenc"
)  # searched in the lowercased heading
# A heading this short names the topic of what follows ("Languages", "Computer knowledge").
TOPIC_WORDS = 3
# Words that make a clause elsewhere ask for something: "skills", "ability to", "must", "you have".
_ASKS = re.compile(
    r"\b(skills?|abilit(?:y|ies)|able to|must|required|requirements?|essential|desirable|preferred|"
    r"experienced?|proven|strong|excellent|good|great|demonstrat\w*|evidence of|need(?:s|ed)?|"
    r"you(?:'ll| will)? (?:are|have|be|need|bring)|you're|candidates?|applicants?|looking for|seeking|"
    r"ideal(?:ly)?|should|competenc\w*|qualit(?:y|ies)|attributes?|a plus)\b"
)  # searched in the lowercased clause


def asking(clause: Clause) -> bool:
    """Whether a clause sits in a list of what the posting asks ("Requirements", "What you'll bring")."""
    return clause.kind in ASKING_KINDS or asking_heading(clause.heading)


@functools.lru_cache(maxsize=1024)
def asking_heading(heading: str) -> bool:
    """Whether a heading introduces what is asked of the candidate (headings repeat: cached)."""
    return bool(_ASKING_HEADING.search(heading.lower()))


def _only_the_name(text: str, hit: Hit) -> bool:
    """Whether a clause is the mention alone (a list item naming just the skill)."""
    return not text[: hit.start].strip() and not text[hit.end :].strip(" .;:")


def _names_a_topic(heading: str) -> bool:
    """Whether a heading is a short label of what follows ("Languages", "Asset languages")."""
    return 0 < len(heading.split()) <= TOPIC_WORDS


def _where(clause: Clause) -> str:
    return f"'{clause.heading}'" if clause.heading else "the text"


class ClauseReading:
    """What the mentions in one clause ask of the whole clause, read once: a clause naming a
    skill thousands of times is read in time linear in its length, not in its square."""

    def __init__(self, vocab: Vocabulary, clause: Clause) -> None:
        self.vocab, self.clause = vocab, clause
        self.contexts: dict[str, list[tuple[int, int, str]]] = {}
        self._asks: list[str] = []

    def context_word(self, slug: str, hit: Hit) -> str | None:
        found = self.contexts.get(slug)
        if found is None:
            found = self.contexts[slug] = self.vocab.context_words(slug, self.clause.lower)
        return self.vocab.context_word(slug, self.clause.lower, hit.start, hit.end, found)

    def asks(self) -> str:
        """The clause's first word that asks for something ("skills", "must"), or ""."""
        if not self._asks:
            asked = _ASKS.search(self.clause.lower)
            self._asks.append(asked.group().lower() if asked else "")
        return self._asks[0]


def reason_for(
    clause: Clause, skill: Skill, hit: Hit, vocab: Vocabulary, read: ClauseReading | None = None
) -> str:
    """Why a mention counts ("" when it does not)."""
    read = read or ClauseReading(vocab, clause)
    context = ""
    if (hit.key, hit.exact) in vocab.guarded:
        found = read.context_word(skill.slug, hit)
        if found is None and (asking(clause) or _names_a_topic(clause.heading)):
            # "Sales acumen" listed under "Key Skills", "English" under "Languages": the
            # heading says what the text under it is; a sentence ("What a typical day in
            # this role looks like") does not
            found = vocab.context_word(skill.slug, clause.heading.lower(), -1, -1)
        if found is not None:
            context = f", with {found!r}"
        elif asking(clause) and _only_the_name(clause.text, hit):
            context = ", as an item of its own"  # "Electronics" alone under "Required skills"
        else:
            return ""
    if not skill.soft:
        return f"named in {_where(clause)}{context}"
    if asking(clause):
        return f"asked for in {_where(clause)}{context}"
    asked = read.asks()
    return f"asked for ({asked!r}){context}" if asked else ""
