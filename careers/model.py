"""The data model: frozen values that flow between the pipeline stages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

from careers.errors import Diagnostic

SectionKind = Literal[
    "summary",
    "responsibilities",
    "requirements",
    "preferred",
    "benefits",
    "company",
    "equal_opportunity",
    "other",
]

SECTION_KINDS: tuple[SectionKind, ...] = get_args(SectionKind)

Format = Literal["html", "markdown"]

# The six levels job seekers know from LinkedIn, in order.
LEVELS = ("internship", "entry", "associate", "mid_senior", "director", "executive")
LEVEL_NAMES = {
    "internship": "Internship",
    "entry": "Entry level",
    "associate": "Associate",
    "mid_senior": "Mid-Senior level",
    "director": "Director",
    "executive": "Executive",
}


@dataclass(frozen=True, slots=True)
class Source:
    """One posting file as read from disk: front matter split from body.

    ``body`` is always HTML (Markdown is converted when the file is read); ``body_line``
    is the 1-based line of the file where the body starts, so later stages can point
    at a line of the original file.
    """

    path: Path
    relpath: str
    meta: dict[str, object]
    meta_lines: dict[str, int]
    body: str
    body_line: int
    format: Format
    digest: str
    notes: tuple[Diagnostic, ...] = ()  # warnings from reading it (e.g. not UTF-8)


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of inline text with one style; ``href`` makes it a link."""

    text: str
    strong: bool = False
    em: bool = False
    href: str | None = None


@dataclass(frozen=True, slots=True)
class Paragraph:
    runs: tuple[Run, ...]


@dataclass(frozen=True, slots=True)
class ListBlock:
    items: tuple[tuple[Run, ...], ...]
    ordered: bool = False


Block = Paragraph | ListBlock


@dataclass(frozen=True, slots=True)
class Section:
    """A heading (``None`` for the untitled opening) and the blocks under it."""

    heading: str | None
    kind: SectionKind
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Part:
    """A section as a posting publishes it: its heading, kind and sanitized HTML."""

    heading: str | None
    kind: SectionKind
    html: str


@dataclass(frozen=True, slots=True)
class SkillTag:
    """A skill on a posting: required or preferred, the words matched, the phrase around them,
    and why the tagger kept it ("named in 'Requirements'", "asked for ('skills')")."""

    name: str
    slug: str
    category: str
    required: bool
    phrase: str
    term: str = ""
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Experience:
    """The binding experience requirement; ``level`` may be set with no months."""

    min_months: int | None
    max_months: int | None
    required: bool
    level: str | None
    phrase: str
    level_reason: str = ""


@dataclass(frozen=True, slots=True)
class Education:
    """The education asked for; ``preferred_level`` is a higher wish ("Master's preferred")."""

    level: str
    required: bool
    equivalent_experience: bool
    phrase: str
    equivalent_months: int | None = None
    preferred_level: str | None = None


PayKind = Literal["range", "fixed", "from", "up_to", "words"]


@dataclass(frozen=True, slots=True)
class PayRange:
    """Pay stated for one place of several ("Portland, OR pay range: $165,000 – $195,000")."""

    place: str
    currency: str
    min_value: float | None
    max_value: float | None
    unit: str


@dataclass(frozen=True, slots=True)
class Salary:
    """Pay as a posting states it: the one value every page, JSON-LD record and feed shows.

    A fixed figure has ``min_value == max_value``; "up to $30" only a maximum; "from $18",
    "$15/hour and up" and "$1,500+" only a minimum; words alone ("Competitive", "DOE") neither.
    ``text`` is what the posting wrote; ``places`` the ranges it gives per place, if several.
    """

    currency: str
    min_value: float | None
    max_value: float | None
    unit: str  # HOUR, DAY, WEEK, MONTH, YEAR
    text: str
    places: tuple[PayRange, ...] = ()

    @property
    def kind(self) -> PayKind:
        """What the amounts say: a range, a fixed figure, one open end, or only words."""
        lo, hi = self.min_value, self.max_value
        if lo is None and hi is None:
            return "words"
        if lo is None:
            return "up_to"
        if hi is None:
            return "from"
        return "fixed" if lo == hi else "range"

    @property
    def known(self) -> bool:
        """Whether any amount is stated (words alone are not pay a job seeker can weigh)."""
        return self.min_value is not None or self.max_value is not None


@dataclass(frozen=True, slots=True)
class Posting:
    """One cleaned, tagged posting: everything the site needs to know of it."""

    source: str
    slug: str
    title: str
    sections: tuple[Part, ...]
    summary: str
    skills: tuple[SkillTag, ...] = ()
    # Soft skills ("Teamwork") are kept apart unless the site asks for their pages
    # (``soft_skill_pages``): every posting asks for them, so they would fill every listing.
    soft_skills: tuple[SkillTag, ...] = ()
    experience: Experience | None = None
    education: Education | None = None
    company: str | None = None
    location: str | None = None
    employment_type: str | None = None
    department: str | None = None
    team: str | None = None
    remote: bool = False
    date_posted: dt.date | None = None
    valid_through: dt.date | None = None
    apply_url: str | None = None
    salary: Salary | None = None
    draft: bool = False
    explicit_slug: bool = False  # ``slug`` was set in front matter (it wins over any other claim)
    reference: str | None = None  # the employer's own reference for the job (a requisition id)
    # Other labelled facts the posting states ("Hours per week", "37"), shown as they were written.
    details: tuple[tuple[str, str], ...] = ()
    # The further places the job is at, after ``location`` (a second office, another country).
    other_locations: tuple[str, ...] = ()
    # The day the posting's file last changed (its last commit), the sitemap's ``lastmod``.
    updated: dt.date | None = None
    # Disclosures pay-transparency laws ask for (Ontario): ``None`` when the posting does not say.
    existing_vacancy: bool | None = None  # False: hiring for a pool or a future need, not a vacancy
    ai_screening: bool | None = None  # whether artificial intelligence screens or assesses applicants
    pay_shared_before_interview: bool = False  # EU: pay is told to applicants before any interview
    pay_url: str | None = None  # a public page stating the pay scale and benefits (Illinois allows a link)
    reports_to: str | None = None  # where the supervisor or office the job reports to is

    @property
    def level(self) -> str | None:
        return self.experience.level if self.experience else None

    @property
    def locations(self) -> tuple[str, ...]:
        """Every place the job is at: ``location``, then the ``other_locations``."""
        return (self.location, *self.other_locations) if self.location else self.other_locations


@dataclass(frozen=True, slots=True)
class Term:
    """One entry of a taxonomy (a skill or a level) and the postings under it."""

    slug: str
    name: str
    category: str
    postings: tuple[Posting, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Site:
    """All open postings, sorted newest first, and the taxonomies built from them.

    ``closed`` holds the postings whose closing date has passed: they keep their page
    (which says so) but appear in no listing, feed or sitemap.
    """

    postings: tuple[Posting, ...]
    skills: tuple[Term, ...]
    levels: tuple[Term, ...]
    related: dict[str, tuple[Posting, ...]]
    closed: tuple[Posting, ...] = ()
    departments: tuple[Term, ...] = ()
    locations: tuple[Term, ...] = ()


@dataclass(frozen=True)
class Result:
    """What processing one source gave: a posting (unless it failed) and the findings."""

    posting: Posting | None
    diagnostics: tuple[Diagnostic, ...]
    # Where things are in the file, for findings about them: each front matter key's line,
    # and "body" for the line the body starts on.
    lines: dict[str, int] = field(default_factory=dict)
