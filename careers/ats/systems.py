"""The applicant tracking systems ``careers import`` reads, and how a saved file of each is read.

Each system's module says what its payloads look like (``shape``) and reads them into a
``Board`` (``read``). A file is read whole before anything is written: a file that cannot be
read, was cut short, or holds another system's payload is an error naming it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from lxml import etree

from careers.ats import ashby, greenhouse, lever, personio, recruitee, smartrecruiters, teamtailor, workable
from careers.ats.job import Board, PayloadError
from careers.errors import CareersError, closest, printable


@dataclass(frozen=True)
class System:
    name: str
    title: str  # as the system writes its own name
    module: ModuleType
    xml: bool = False

    def shape(self, data: Any) -> str | None:
        found: str | None = self.module.shape(data)
        return found

    def read(self, payloads: list[Any], board: str | None = None) -> Board:
        read: Callable[..., Board] = self.module.read
        return read(payloads, board) if self.name == "personio" else read(payloads)


SYSTEMS = {
    s.name: s
    for s in (
        System("greenhouse", "Greenhouse", greenhouse),
        System("lever", "Lever", lever),
        System("ashby", "Ashby", ashby),
        System("workable", "Workable", workable),
        System("smartrecruiters", "SmartRecruiters", smartrecruiters),
        System("personio", "Personio", personio, xml=True),
        System("recruitee", "Recruitee", recruitee),
        System("teamtailor", "Teamtailor", teamtailor),
    )
}


class ImportFailed(CareersError):
    """A file or board that cannot be imported: ``path: error: message``."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{printable(where)}: error: {message}")


def system_named(name: str) -> System:
    """The system called ``name`` (any case), or an error listing them with a "did you mean"."""
    found = SYSTEMS.get(name.lower())
    if found is None:
        guess = closest(name.lower(), SYSTEMS)
        hint = f"; did you mean '{guess}'?" if guess else ""
        raise CareersError(
            f"careers import: unknown system '{printable(name)}'{hint} (known: {', '.join(SYSTEMS)})"
        )
    return found


def parse(data: bytes, system: System, where: str) -> Any:
    """A payload's bytes as JSON (or, for Personio, XML), with an error naming ``where``."""
    if not data.strip():
        raise ImportFailed(where, f"the file is empty: save the {system.title} export again")
    return _xml(data, system, where) if system.xml else _json(data, system, where)


def _json(data: bytes, system: System, where: str) -> Any:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed(where, f"not UTF-8 (byte {exc.start}): not {a(system)} export") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()) or _cut_short(text):
            raise ImportFailed(
                where, f"ends in the middle (line {exc.lineno}): the download was cut short; save it again"
            ) from None
        raise ImportFailed(
            where, f"not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}): not {a(system)} export"
        ) from None
    except RecursionError:
        raise ImportFailed(where, "nested too deeply to be an export") from None


def _cut_short(text: str) -> bool:
    """Whether ``text`` ends inside a string or with brackets still open: a JSON download cut off."""
    depth, in_string, escaped = 0, False, False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
    return in_string or depth > 0


_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _xml(data: bytes, system: System, where: str) -> Any:
    try:
        return etree.fromstring(data, _XML)
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else 0
        if line >= data.rstrip().count(b"\n") + 1 and data.lstrip().startswith(b"<"):
            raise ImportFailed(
                where, f"ends in the middle (line {line}): the download was cut short; save it again"
            ) from None
        raise ImportFailed(where, f"not XML (line {line}: {exc.msg}): not {a(system)} feed") from None


def check_shape(data: Any, system: System, where: str) -> None:
    """An error naming the system whose payload ``data`` is, when it is not ``system``'s."""
    if system.shape(data) is not None:
        return
    other = next((s for s in SYSTEMS.values() if s is not system and s.shape(data) is not None), None)
    if other is not None:
        run = f"careers import {other.name} {where}"
        raise ImportFailed(where, f"this is {a(other)} export, not {a(system)} one: run '{run}'")
    raise ImportFailed(where, f"not {a(system)} export: expected {system.module.EXPECTED}")


def a(system: System) -> str:
    """ "a Lever", "an Ashby"."""
    return ("an " if system.title[0] in "AEIOU" else "a ") + system.title


def read_files(system: System, paths: list[Path], shown: list[str], board: str | None = None) -> Board:
    """Every file read, checked and then read together into one board (nothing is written yet)."""
    payloads = []
    for path, where in zip(paths, shown, strict=True):
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ImportFailed(where, f"cannot read: {exc.strerror}") from None
        payload = parse(data, system, where)
        check_shape(payload, system, where)
        payloads.append(payload)
    return read_board(system, payloads, shown[0] if len(shown) == 1 else ", ".join(shown), board)


def read_board(system: System, payloads: list[Any], where: str, board: str | None = None) -> Board:
    """The board the payloads (each checked to be the system's) make together."""
    try:
        return system.read(payloads, board)
    except (PayloadError, KeyError, TypeError, AttributeError, ValueError) as exc:
        raise ImportFailed(where, f"{a(system)} export with a job that cannot be read: {exc}") from None
