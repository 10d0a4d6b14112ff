"""``[employer]`` in careers.toml: how many people the employer has, and where pay laws count them."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from careers.errors import printable, unknown_key

# The most people any employer has: a larger number is a typo.
MAX_EMPLOYEES = 10_000_000


class Employer(NamedTuple):
    """Headcount: ``employees`` everywhere (``None``: not stated), and per place a law counts them in
    (``employees_in``: a state, province or city code such as ``CO``, ``ON``, ``NYC``).

    A tuple of plain values, so the cache's fingerprint of the config serialises it as it does
    the rest. A place ``employees_in`` leaves out, once it names any, has no one there.
    """

    employees: int | None = None
    employees_in: tuple[tuple[str, int], ...] | None = None

    @property
    def stated(self) -> bool:
        return self.employees is not None or self.employees_in is not None

    def count_in(self, place: str) -> int | None:
        """People in ``place`` (``None``: not stated, so any threshold there is assumed met)."""
        if self.employees_in is None:
            return None
        return dict(self.employees_in).get(place.upper(), 0)


_KEYS = Employer._fields


def read_employer(value: Any) -> tuple[Employer | None, list[str]]:
    """``[employer]`` read and checked: whole numbers of people, places written as codes."""
    if isinstance(value, Employer):
        return value, []
    if not isinstance(value, dict):
        return None, [f"'employer' must be a table ([employer]), not {type(value).__name__} ({value!r})"]
    problems = [
        unknown_key(f"employer.{key}", (f"employer.{k}" for k in _KEYS)) for key in value if key not in _KEYS
    ]
    employees = value.get("employees")
    if employees is not None and not _count(employees):
        problems.append(f"'employer.employees' must be a number of people, like 120, not {employees!r}")
    places = value.get("employees_in")
    counts: list[tuple[str, int]] = []
    if places is not None and not isinstance(places, dict):
        problems.append("'employer.employees_in' must be a table of places and counts: {CO = 3, NYC = 40}")
    for place, count in (places or {}).items() if isinstance(places, dict) else ():
        if not re.fullmatch(r"[A-Za-z]{2,3}", str(place)):
            problems.append(
                f"'employer.employees_in' names {printable(str(place))!r}: write a state, province or "
                "city code (CO, NY, NYC, ON, BC)"
            )
        elif not _count(count):
            problems.append(f"'employer.employees_in.{place}' must be a number of people, not {count!r}")
        else:
            counts.append((str(place).upper(), count))
    if problems:
        return None, problems
    return Employer(employees, tuple(sorted(counts)) if places is not None else None), []


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_EMPLOYEES
