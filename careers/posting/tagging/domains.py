"""A name two fields use for different skills, read in the posting's field: "GCP" is Good Clinical
Practice in a clinical posting and Google Cloud Platform in a software one."""

from __future__ import annotations

from careers.posting.tagging.vocabulary import Skill, Vocabulary

# Each name: the skills it may be, each with words of its field. The clause's words decide first,
# then the whole posting's; with no word of either field, the name makes no tag.
# fmt: off
DOMAIN_READINGS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "GCP": (
        ("Good Clinical Practice", ("clinical", "trial", "ich", "patient", "gxp", "pharma", "protocol",
                                    "investigat", "sponsor", "medical", "drug", "glp", "gmp")),
        ("Google Cloud Platform", ("cloud", "aws", "azure", "kubernetes", "bigquery", "google", "deploy",
                                   "infrastructure", "devops", "terraform", "software", "engineer", "gke")),
    ),
}
# fmt: on


def read_in_domain(name: str, clause: str, posting: str, vocab: Vocabulary) -> Skill | None:
    """The skill ``name`` means in this clause (lowercased), else in this posting; ``None`` when
    neither names a word of any of its fields."""
    readings = DOMAIN_READINGS[name]
    for text in (clause, posting):
        scores = [sum(text.count(word) for word in words) for _, words in readings]
        best = max(scores)
        if best and scores.count(best) == 1:
            return vocab.get(readings[scores.index(best)][0])
    return None
