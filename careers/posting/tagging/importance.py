"""The order a posting's skills are shown in: most important first.

Required before nice to have; then a skill named where the posting lists what it asks (a
requirements section, "What you'll bring") before one named only in the duties or the summary;
then a specific skill (a language, a product, a method: Python, PostgreSQL, Kubernetes, HACCP)
before a generic one (Software Development, Data Analysis, Customer Service); then the order the
posting names them in. The page shows them all in this order, the card its first few.
"""

from __future__ import annotations

from careers.model import SkillTag

# The head words of broad skills: "Software Development", "Data Analysis", "Project Management".
GENERIC_HEADS = frozenset(
    """
    development analysis analytics management service services support skills programming design
    planning operations engineering administration testing reporting research maintenance strategy
    communication relations improvement assurance coordination science sciences studies
    """.split()
)
# Broad skills named in one word.
GENERIC_WORDS = frozenset(
    """
    programming troubleshooting reporting scheduling filing logistics accounting sales marketing
    communication leadership management budgeting forecasting negotiation research statistics
    analytics teaching training cleaning packing procurement purchasing onboarding recruitment
    """.split()
)


def is_generic(name: str) -> bool:
    """Whether a skill's name is a broad one ("Software Development", "Logistics")."""
    words = name.lower().split()
    if len(words) == 1:
        return words[0] in GENERIC_WORDS
    return words[-1] in GENERIC_HEADS


def by_importance(tags: list[SkillTag], asked: set[str], order: dict[str, int]) -> tuple[SkillTag, ...]:
    """``tags`` most important first; ``asked`` holds the slugs named where the posting lists what
    it asks, ``order`` each slug's first place in the text."""
    return tuple(
        sorted(
            tags,
            key=lambda t: (not t.required, t.slug not in asked, is_generic(t.name), order.get(t.slug, 0)),
        )
    )
