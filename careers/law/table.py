"""The pay-transparency table (``careers/data/pay_laws.toml``) read into ``Law`` rows, every row checked."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from careers.errors import Level

# What a posting may be asked to hold (careers/law/items.py tests each one).
ITEMS = (
    "pay",
    "benefits",
    "close_date",
    "description",
    "tipped",
    "ai_screening",
    "existing_vacancy",
    "neutral_title",
    "pay_info",
)


@dataclass(frozen=True)
class Law:
    """One jurisdiction's rules for a job posting: who they cover, what a posting must hold, the source."""

    id: str
    name: str
    citation: str
    url: str
    effective: dt.date
    countries: tuple[str, ...]
    requires: tuple[str, ...]
    guidance: str = ""
    regions: tuple[str, ...] = ()
    localities: tuple[str, ...] = ()
    min_employees: int = 0
    min_employees_here: int = 0
    remote: bool = False
    reports_to: bool = False
    open_ends: bool = False
    max_width: float = 0
    exempt_above: float = 0
    link_ok: bool = False
    commission_ok: bool = False
    currency: str = "USD"
    level: Level = "error"
    since: dict[str, dt.date] = field(default_factory=dict)

    def in_force(self, item: str, today: dt.date) -> bool:
        """Whether ``item`` of this law is in force on ``today``."""
        return today >= max(self.effective, self.since.get(item, self.effective))

    @property
    def source(self) -> str:
        """The citation and link every message about this law ends with."""
        return f"{self.citation}; {self.url}"


_TYPES: dict[str, type | tuple[type, ...]] = {
    "id": str, "name": str, "citation": str, "url": str, "guidance": str, "effective": dt.date,
    "countries": list, "regions": list, "localities": list, "requires": list, "min_employees": int,
    "min_employees_here": int, "remote": bool, "reports_to": bool, "open_ends": bool,
    "max_width": (int, float), "exempt_above": (int, float), "link_ok": bool, "commission_ok": bool,
    "currency": str, "level": str, "since": dict,
}  # fmt: skip


def read_law(row: dict[str, Any]) -> Law:
    """One ``[[law]]`` row; ``ValueError`` naming the row and key for anything it cannot be."""
    where = f"pay law {row.get('id', '?')!r}"
    for key, value in row.items():
        expected = _TYPES.get(key)
        if expected is None:
            raise ValueError(f"{where}: unknown key {key!r}")
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ValueError(f"{where}: {key!r} must be a {expected}, not {value!r}")
    unknown = [item for item in [*row.get("requires", []), *row.get("since", {})] if item not in ITEMS]
    if unknown:
        raise ValueError(f"{where}: unknown requirement(s) {unknown}; known: {', '.join(ITEMS)}")
    if row.get("level", "error") not in ("error", "warning"):
        raise ValueError(f"{where}: level must be error or warning")
    if not str(row.get("url", "")).startswith("https://"):
        raise ValueError(f"{where}: every law links its source (an https URL)")
    values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in row.items()}
    return Law(**values)


def read_laws(text: str) -> tuple[Law, ...]:
    """Every row of a laws table; ids are unique."""
    laws = tuple(read_law(row) for row in tomllib.loads(text).get("law", []))
    ids = [law.id for law in laws]
    if len(set(ids)) != len(ids):
        raise ValueError(f"pay laws: an id is used twice in {ids}")
    return laws


@cache
def pay_laws() -> tuple[Law, ...]:
    """The table the package ships."""
    return read_laws(resources.files("careers").joinpath("data/pay_laws.toml").read_text(encoding="utf-8"))
