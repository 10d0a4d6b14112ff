"""The data model: frozen values that flow between the pipeline stages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

from careers.errors import Diagnostic
from careers.kinds import (
    EDUCATION_LEVELS as EDUCATION_LEVELS,
    EMPLOYMENT_TYPES as EMPLOYMENT_TYPES,
    FRONT_MATTER as FRONT_MATTER,
    LEVEL_NAMES as LEVEL_NAMES,
    LEVELS as LEVELS,
    PUBLISHED as PUBLISHED,
    SALARY_UNITS as SALARY_UNITS,
    Amount as Amount,
    Checked as Checked,
    EducationLevel as EducationLevel,
    EmploymentType as EmploymentType,
    Html as Html,
    LevelName as LevelName,
    Months as Months,
    SalaryUnit as SalaryUnit,
    Slug as Slug,
    Url as Url,
    declare as declare,
)

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

Format = Literal["html", "markdown", "text"]


@dataclass(frozen=True, slots=True)
class Source:
    """One posting file as read from disk: front matter split from body.

    ``body`` is always HTML (Markdown is converted when the file is read); ``body_line`` is the
    1-based line of the file where the body starts, so later stages can point at a line of it.
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
    html: Html


@dataclass(frozen=True, slots=True)
class SkillTag:
    """A skill on a posting: required or preferred, the words matched, the phrase around them,
    and why the tagger kept it ("named in 'Requirements'", "asked for ('skills')")."""

    name: str
    slug: Slug
    category: str
    required: bool
    phrase: str
    term: str = ""
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Experience:
    """The binding experience requirement; ``level`` may be set with no months."""

    min_months: Months | None
    max_months: Months | None
    required: bool
    level: LevelName | None
    phrase: str
    level_reason: str = ""


@dataclass(frozen=True, slots=True)
class Education:
    """The education asked for; ``preferred_level`` is a higher wish ("Master's preferred")."""

    level: EducationLevel
    required: bool
    equivalent_experience: bool
    phrase: str
    equivalent_months: Months | None = None
    preferred_level: EducationLevel | None = None


PayKind = Literal["range", "fixed", "from", "up_to", "words"]


@dataclass(frozen=True, slots=True)
class PayRange:
    """Pay stated for one place of several ("Portland, OR pay range: $165,000 – $195,000")."""

    place: str
    currency: str
    min_value: Amount | None
    max_value: Amount | None
    unit: SalaryUnit


@dataclass(frozen=True, slots=True)
class Salary:
    """Pay as a posting states it: the one value every page, JSON-LD record and feed shows.

    A fixed figure has ``min_value == max_value``; "up to $30" only a maximum; "from $18",
    "$15/hour and up" and "$1,500+" only a minimum; words alone ("Competitive", "DOE") neither.
    ``text`` is what the posting wrote; ``places`` the ranges it gives per place, if several.
    """

    currency: str
    min_value: Amount | None
    max_value: Amount | None
    unit: SalaryUnit
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
    """One cleaned, tagged posting: everything the site needs to know of it.

    Each field is declared once, here: a new one with a front matter ``key`` is read (by its
    type: ``careers.posting.fields``), stored, published in ``jobs.json`` and offered to every
    template with no other change; only showing it on a page is the template's.
    """

    source: str = declare()
    slug: Slug = declare(key="slug")  # ``explicit_slug`` says whether front matter set it
    title: str = declare(key="title")
    sections: tuple[Part, ...] = declare()
    summary: str = declare(key="summary")
    skills: tuple[SkillTag, ...] = declare((), key="skills")
    # Soft skills ("Teamwork") are kept apart unless the site asks for their pages
    # (``soft_skill_pages``): every posting asks for them, so they would fill every listing.
    soft_skills: tuple[SkillTag, ...] = declare(())
    experience: Experience | None = declare(None)  # front matter's ``level`` sets its level
    education: Education | None = declare(None)
    company: str | None = declare(None, key="company")
    location: str | None = declare(None, key="location")
    employment_type: EmploymentType | None = declare(None, key="employment_type")
    department: str | None = declare(None, key="department")
    team: str | None = declare(None, key="team")
    remote: bool = declare(False, key="remote")
    date_posted: dt.date | None = declare(None, key="date")
    valid_through: dt.date | None = declare(None, key="valid_through")
    apply_url: Url | None = declare(None, key="apply_url", published=False)
    salary: Salary | None = declare(None, key="salary")
    draft: bool = declare(False, key="draft", published=False)
    # ``slug`` was set in front matter (it wins over any other claim)
    explicit_slug: bool = declare(False, published=False)
    # the employer's own reference for the job (a requisition id)
    reference: str | None = declare(None, key="reference", published=False)
    # Other labelled facts the posting states ("Hours per week", "37"), shown as they were written.
    details: tuple[tuple[str, str], ...] = declare((), published=False)
    # The further places the job is at, after ``location`` (a second office, another country):
    # front matter's ``location`` may list several; ``jobs.json`` publishes them as ``locations``.
    other_locations: tuple[str, ...] = declare((), published=False)
    # The day the posting's file last changed (its last commit), the sitemap's ``lastmod``.
    updated: dt.date | None = declare(None, published=False)
    # Disclosures pay-transparency laws ask for (Ontario): ``None`` when the posting does not say.
    # False: hiring for a pool or a future need, not a vacancy
    existing_vacancy: bool | None = declare(None, key="existing_vacancy")
    # whether artificial intelligence screens or assesses applicants
    ai_screening: bool | None = declare(None, key="ai_screening")
    # EU: pay is told to applicants before any interview
    pay_shared_before_interview: bool = declare(False, key="pay_shared_before_interview", published=False)
    # a public page stating the pay scale and benefits (Illinois allows a link)
    pay_url: Url | None = declare(None, key="pay_url", published=False)
    # where the supervisor or office the job reports to is
    reports_to: str | None = declare(None, key="reports_to", published=False)
    # The applicant tracking system an imported posting comes from ("greenhouse"): its board, not
    # the posting's age, says when it closes (the next ``careers import`` closes a job it dropped).
    board: str | None = declare(None, published=False)

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
    # Every way to browse (``careers.pages.taxonomies.TAXONOMIES``) by its folder: its terms.
    terms: dict[str, tuple[Term, ...]] = field(default_factory=dict)
    moved: dict[str, Posting] = field(default_factory=dict)  # a URL's slug given up → its posting now


@dataclass(frozen=True)
class Result:
    """What processing one source gave: a posting (unless it failed) and the findings."""

    posting: Posting | None
    diagnostics: tuple[Diagnostic, ...]
    # Where things are in the file, for findings: each front matter key's line, "body" the body's.
    lines: dict[str, int] = field(default_factory=dict)
