"""Assembling the site: stable unique slugs, order, taxonomies, related postings."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from careers.engine.cache.related import RelatedMemo
from careers.model import Posting, SkillTag
from careers.pages.site import assemble_site


def posting(
    source: str, title: str = "Account Manager", date: dt.date | None = None, skills: tuple[str, ...] = ()
) -> Posting:
    tags = tuple(SkillTag(s.title(), s, "Sales", True, s) for s in skills)
    return Posting(
        source=source,
        slug="account-manager",
        title=title,
        sections=(),
        summary="",
        skills=tags,
        date_posted=date,
    )


def test_colliding_slugs_are_unique_and_stable() -> None:
    a, b, c = posting("content/jobs/a.html"), posting("content/jobs/b.html"), posting("content/jobs/c.html")
    site, notes = assemble_site([a, b, c])
    slugs = {p.source: p.slug for p in site.postings}
    assert slugs["content/jobs/a.html"] == "account-manager"
    assert len(set(slugs.values())) == 3
    # Adding a newer posting, or reading them in another order, renames none of the others.
    site2, _ = assemble_site([posting("content/jobs/0.html", date=dt.date(2030, 1, 1)), c, b, a])
    slugs2 = {p.source: p.slug for p in site2.postings}
    assert all(slugs2[k] == v for k, v in slugs.items())
    assert len(notes) == 2 and all(n.level == "info" for n in notes)


def test_oldest_posting_keeps_the_plain_slug() -> None:
    old = posting("content/jobs/z.html", date=dt.date(2026, 1, 1))
    new = posting("content/jobs/a.html", date=dt.date(2026, 6, 1))
    site, _ = assemble_site([new, old])
    assert {p.source: p.slug for p in site.postings}["content/jobs/z.html"] == "account-manager"


def test_newest_first_then_undated() -> None:
    site, _ = assemble_site(
        [
            posting("a", "B", None),
            posting("b", "A", dt.date(2026, 1, 1)),
            posting("c", "C", dt.date(2026, 5, 1)),
        ]
    )
    assert [p.title for p in site.postings] == ["C", "A", "B"]


def test_taxonomies_and_related() -> None:
    p1 = posting("a", "One", skills=("crm", "sql"))
    p2 = posting("b", "Two", skills=("crm", "sql", "excel"))
    p3 = posting("c", "Three", skills=("excel",))
    site, _ = assemble_site([p1, p2, p3])
    assert [(t.slug, len(t.postings)) for t in site.skills] == [("crm", 2), ("excel", 2), ("sql", 2)]
    one = next(p for p in site.postings if p.title == "One")
    assert [p.title for p in site.related[one.slug]] == ["Two"]


def test_most_shared_matches_a_full_sort() -> None:
    import random
    from collections import Counter

    from careers.pages.site import _most_shared

    rng = random.Random(3)
    for _ in range(200):
        counts = Counter({rng.randrange(50): rng.randrange(1, 5) for _ in range(rng.randrange(0, 30))})
        expected = [i for i, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]
        assert _most_shared(counts, 3) == expected


class DictMemo(RelatedMemo):
    """The engine's kept related lists, in memory, counting the lists it had to work out."""

    def __init__(self) -> None:
        super().__init__(None)
        self.puts = 0

    def put(self, key: str, related: dict[str, list[str]]) -> None:
        self.puts += 1
        super().put(key, related)


def test_related_lists_are_reused_while_order_slugs_and_skills_hold() -> None:
    postings = [
        posting(f"p{i}", f"Role {i}", dt.date(2026, 1, 1 + i), skills=("crm", "sql", "excel")[: 1 + i % 3])
        for i in range(12)
    ]
    expected, _ = assemble_site(postings)
    memo = DictMemo()
    first, _ = assemble_site(postings, relate=memo.relate)
    assert first.related == expected.related and memo.puts == 1
    # A new summary (any text edit) changes no related list: they come from the memo, and
    # they hold the edited posting, not the one the lists were computed with.
    edited = [replace(p, summary="New") for p in postings]
    again, _ = assemble_site(edited, relate=memo.relate)
    assert memo.puts == 1
    assert again.related == assemble_site(edited)[0].related
    assert all(p.summary == "New" for others in again.related.values() for p in others)
    assert any(again.related.values())
    # Another skill on one posting: computed afresh, as a site without a memo computes it.
    changed = [
        replace(p, skills=posting("x", skills=("excel",)).skills) if p.source == "p5" else p for p in postings
    ]
    fresh, _ = assemble_site(changed, relate=memo.relate)
    assert memo.puts == 2
    assert fresh.related == assemble_site(changed)[0].related
