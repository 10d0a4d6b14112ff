"""What the model's values are beyond their Python types, and how a posting field is declared.

The value lists (levels, education, employment types, pay units), the ``Checked`` kinds a
stored value is checked against (``careers.engine.cache.codec``), and ``declare``, with which
``careers.model.Posting`` declares each of its fields once.
"""

from __future__ import annotations

from dataclasses import MISSING, field
from typing import Annotated, Any, NamedTuple

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


# The education a posting asks for, lowest first.
EDUCATION_LEVELS = (
    "none", "high_school", "some_college", "certificate", "associate", "bachelor", "master", "doctorate",
)  # fmt: skip
# schema.org's employmentType values, and the units its salaries are paid by.
EMPLOYMENT_TYPES = (
    *("FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY"),
    *("INTERN", "VOLUNTEER", "PER_DIEM", "OTHER"),
)
SALARY_UNITS = ("HOUR", "DAY", "WEEK", "MONTH", "YEAR")


class Checked(NamedTuple):
    """What a value is beyond its Python type. The pipeline only ever makes such values; one
    read back from elsewhere (a stored posting) is checked to be one (``careers.engine.cache.codec``)."""

    kind: str  # "slug", "html", "url", "amount", "months" or "choice" (one of ``choices``)
    choices: tuple[str, ...] = ()


Slug = Annotated[str, Checked("slug")]  # a URL path segment as ``careers.slugs`` makes them
Html = Annotated[str, Checked("html")]  # markup the sanitizer lets through unchanged
Url = Annotated[str, Checked("url")]  # an http(s) or mailto link
Amount = Annotated[float, Checked("amount")]  # a finite number
Months = Annotated[int, Checked("months")]  # a count of months, never negative
LevelName = Annotated[str, Checked("choice", LEVELS)]
EducationLevel = Annotated[str, Checked("choice", EDUCATION_LEVELS)]
EmploymentType = Annotated[str, Checked("choice", EMPLOYMENT_TYPES)]
SalaryUnit = Annotated[str, Checked("choice", SALARY_UNITS)]


# A posting field's declaration (``declare``): the front matter key that sets it, and whether
# ``jobs.json`` publishes it. Readers, the store, ``jobs.json`` and the tests follow from it.
FRONT_MATTER = "front_matter"
PUBLISHED = "published"


def declare(default: Any = MISSING, *, key: str | None = None, published: bool = True) -> Any:
    """A posting field: its default, the front matter ``key`` that sets it (none: the pipeline
    works it out), and whether ``jobs.json`` publishes it."""
    return field(default=default, metadata={FRONT_MATTER: key, PUBLISHED: published})
