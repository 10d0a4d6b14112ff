"""Labelled facts a posting states of itself: a job board's metadata block read into fields."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from careers.model import Run
from careers.posting.clean.line import Document, Line
from careers.posting.clean.runs import normalize_runs, split_runs
from careers.posting.clean.thresholds import LIMITS

# fmt: off
# The labels boards print above a description, by the field each fills.
FACT_LABELS: dict[str, tuple[str, ...]] = {
    "location": (
        "location", "locations", "job location", "work location", "location/base", "location/trust", "base",
        "location name",
        "based at", "site", "city", "office location", "workplace",
    ),
    "employment_type": (
        "time type", "employment type", "job type", "contract type", "type of contract", "position type",
        "work type", "employment", "contract",
    ),
    "salary": (
        "pay range", "salary", "salary range", "pay", "pay rate", "rate of pay", "band/pay rate", "base pay",
        "hourly rate", "wage", "compensation", "salary/grade", "pay scale",
    ),
    "reference": (
        "job requisition id", "requisition id", "req id", "requisition number", "job requisition number",
        "job id", "job ref", "job reference", "reference", "ref", "reference number", "placement ref",
        "vacancy reference", "vacancy number", "job number", "posting id", "job code",
    ),
    "date_posted": (
        "posted on", "date posted", "posted", "posting date", "opening date", "published", "date",
    ),
    "valid_through": (
        "closing date", "apply by", "deadline", "application deadline", "closes", "closing", "valid through",
        "expiry date", "end date",
    ),
    "title": ("job title", "title", "position title", "role title", "job posting title", "posting title"),
    # Labels boards print that no field takes: kept as details, as they were written.
    "details": (
        "hours", "hours per week", "expected hours", "working hours", "schedule", "work schedule", "shift",
        "shift pattern", "department", "division", "directorate", "grade", "band", "job category",
        "job family", "travel", "remote", "work arrangement", "workplace type",
    ),
    "company": (
        "company", "employer", "organization", "organisation", "hiring organization", "business unit",
    ),
}
# fmt: on
# The fields only a board's metadata states ("Job title" also heads a contact's details).
_BOARD_FIELDS = frozenset(
    {"location", "employment_type", "salary", "reference", "date_posted", "valid_through"}
)
_FIELD_OF = {label: name for name, labels in FACT_LABELS.items() for label in labels}
_LONGEST_LABEL = max(map(len, _FIELD_OF)) + 4
_LABELLED = re.compile(r"^(?P<label>[A-Za-z][\w /&().'’#-]{0,40}?)\s*+[:：]\s*+(?P<value>\S.*)$")
_NUMBER_LABEL = re.compile(r"^(?P<label>[A-Za-z][\w /&'’-]{0,40}?)\s*+#\s*+(?P<value>[\w-]++)$")


@dataclass(frozen=True)
class Facts:
    """What a posting states of itself in labelled fields; ``details`` are the other labels."""

    title: str | None = None
    company: str | None = None
    location: str | None = None
    employment_type: str | None = None
    salary: str | None = None
    reference: str | None = None
    date_posted: str | None = None
    valid_through: str | None = None
    apply_url: str | None = None
    details: tuple[tuple[str, str], ...] = ()

    def merged(self, other: Facts) -> Facts:
        """These facts, with ``other``'s where these have none."""
        values = {f.name: getattr(self, f.name) or getattr(other, f.name) for f in dataclasses.fields(self)}
        values["details"] = self.details + tuple(d for d in other.details if d not in self.details)
        return Facts(**values)


def field_of(label: str) -> str | None:
    """The posting field a board's label names ("Time type" → employment_type), if any."""
    if len(label) > _LONGEST_LABEL:
        return None
    name = _FIELD_OF.get(" ".join(label.casefold().strip(" :：#").split()))
    if name not in (None, "reference") and label.rstrip(" :：").endswith("#"):
        return "details"  # "Location #: 1034" numbers a place: it is not one
    return name


def board_facts(lines: list[Line], doc: Document) -> list[Line]:
    """A board's metadata blocks taken out of the lines, their labels and values kept as facts.

    A block is labelled lines in a row ("Location: Boston", or a label on its own line and
    its value on the next) that ``_is_block`` says are a board's.
    """
    out: list[Line] = []
    stated = doc.stated
    i = 0
    while i < len(lines):
        pairs, end = _block_at(lines, i)
        if _is_block(pairs, opening=i == 0):
            stated.extend(pairs)
            i = end
        else:
            out.append(lines[i])
            i += 1
    return out


def _is_block(pairs: list[tuple[str, str]], opening: bool) -> bool:
    """Labelled lines that are a board's metadata: a field's label and another board label, or
    a field's label among three short labelled lines, or a field's label opening the body."""
    names = [field_of(label) for label, _ in pairs]
    fields = sum(1 for name in names if name in _BOARD_FIELDS)
    if not fields:
        return False
    short = all(len(value.split()) <= LIMITS.fact_short_value for _, value in pairs)
    return (
        sum(1 for name in names if name) >= 2
        or (len(pairs) >= LIMITS.fact_block and short)
        or (opening and len(pairs) == 1)
    )


def _block_at(lines: list[Line], i: int) -> tuple[list[tuple[str, str]], int]:
    pairs: list[tuple[str, str]] = []
    while i < len(lines):
        line = lines[i]
        if line.kind not in ("para", "item", "heading"):
            break
        pair = labelled(line.text)
        if pair:
            pairs.append(pair)
            i += 1
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if field_of(line.text) and nxt is not None and nxt.kind in ("para", "item") and _is_value(nxt.text):
            pairs.append((line.text.rstrip(" :"), nxt.text))
            i += 2
            continue
        break
    return pairs, i


def labelled(text: str) -> tuple[str, str] | None:
    """A "Label: value" line's label and value ("Job Requisition ID # R123" too)."""
    if ":" not in text and "：" not in text and "#" not in text:
        return None
    match = _LABELLED.match(text) or _NUMBER_LABEL.match(text)
    if not match:
        return None
    label, value = match.group("label").strip(), match.group("value").strip()
    if len(label.split()) > LIMITS.fact_label or not _is_value(value):
        return None
    return label, value


def _is_value(text: str) -> bool:
    return 0 < len(text.split()) <= LIMITS.fact_value and not re.search(r"[.!?] [A-Z]|!$", text)


def facts_of(pairs: list[tuple[str, str]]) -> Facts:
    """The facts a board's labels and values state (the other labels as ``details``)."""
    values: dict[str, str] = {}
    details: list[tuple[str, str]] = []
    for label, value in pairs:
        name = field_of(label)
        if name and name != "details" and name not in values:
            values[name] = value
        else:
            details.append((label, value))
    return Facts(**values, details=tuple(details))


# A contact block whose labels and values lost the space between them (NHS Jobs' exports):
# "NameJane DoeJob titleEstates officerEmail addressjane@nhs.net".
CONTACT_LABELS = ("Name", "Job title", "Email address", "Telephone number", "Additional contact information")
_GLUED_LABEL = re.compile("|".join(re.escape(label) for label in CONTACT_LABELS))


def glued_contact(line: Line) -> list[Line] | None:
    """A contact block whose labels were glued to their values, as one item per label."""
    items = split_contact(line.runs)
    if items is None:
        return None
    return [dataclasses.replace(line, kind="item", runs=runs, list_id=0) for runs in items]


def split_contact(runs: tuple[Run, ...]) -> list[tuple[Run, ...]] | None:
    """A glued contact line as one "Label: value" item per label, or ``None`` if it is not one."""
    text = "".join(r.text for r in runs)
    if not text.startswith(CONTACT_LABELS[0]):
        return None
    starts = [m for m in _GLUED_LABEL.finditer(text) if m.start() == 0 or not text[m.start() - 1].isspace()]
    if len(starts) < 3 or starts[0].start() != 0:
        return None
    items: list[tuple[Run, ...]] = []
    rest, offset = runs, 0
    for match, following in zip(starts, [*starts[1:], None], strict=True):
        _, rest = split_runs(rest, match.end() - offset)
        end = following.start() if following else len(text)
        value, rest = split_runs(rest, end - match.end())
        offset = end
        items.append(normalize_runs([Run(match.group() + ": "), *value]))
    return items
