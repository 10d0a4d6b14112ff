"""The line rules, in one ordered registry, as Python-Markdown's block processors are.

Each rule is a small named function with a priority; higher priorities run first. Two kinds:

- a **line rule** reads one line on its own and returns what it makes of it (the line cut in
  pieces, or given a kind), or ``None`` when it does not apply; each piece goes on to the rules
  after it. Line rules read lines of text (``para``); ``empty`` reads every line.
- a **context rule** reads the lines around each line (lists without bullets, headings only
  what follows shows, a board's metadata block) and returns the lines it makes.

The thresholds every rule decides by are named in ``thresholds``; ``python -m
careers.posting.clean.registry`` prints the rules in the order they run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from careers.posting.clean.context import headings_in_context, lists_without_bullets
from careers.posting.clean.facts import board_facts, glued_contact
from careers.posting.clean.flattened import flattened_headings, glued_items, inline_bullets
from careers.posting.clean.glued import glued_headings, inline_labels, run_in_label, run_together_labels
from careers.posting.clean.items import item_blocks, item_labels
from careers.posting.clean.line import Document, Line, LineKind
from careers.posting.clean.lines import (
    bullet_item,
    definition_terms,
    empty_line,
    heading_alone,
    pay_heading,
    title_repeats,
)
from careers.posting.clean.place import stated_place
from careers.posting.clean.runin import run_in_headings
from careers.posting.deadline import check_time

LineRun = Callable[[Line], "list[Line] | None"]
ContextRun = Callable[[list[Line], Document], list[Line]]
F = TypeVar("F", LineRun, ContextRun)
ALL_KINDS: tuple[LineKind, ...] = ("heading", "item", "para", "na", "drop")


@dataclass(frozen=True)
class Rule(Generic[F]):
    """One rule: its name, its priority (higher runs first), what it does, and the kinds it reads."""

    name: str
    priority: int
    run: F
    kinds: tuple[LineKind, ...] = ("para",)

    @property
    def doc(self) -> str:
        return (self.run.__doc__ or "").strip().split("\n")[0]


class Registry(Generic[F]):
    """Rules by name, iterated highest priority first (a name registered again replaces its rule)."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule[F]] = {}
        self._ordered: list[Rule[F]] = []
        self.steps: tuple[tuple[F, tuple[LineKind, ...]], ...] = ()  # (run, kinds), in order

    def register(self, rule: Rule[F]) -> None:
        self._rules[rule.name] = rule
        self._order()

    def deregister(self, name: str) -> None:
        del self._rules[name]
        self._order()

    def _order(self) -> None:
        self._ordered = sorted(self._rules.values(), key=lambda r: -r.priority)
        self.steps = tuple((rule.run, rule.kinds) for rule in self._ordered)

    def __iter__(self) -> Iterator[Rule[F]]:
        return iter(self._ordered)

    def __contains__(self, name: object) -> bool:
        return name in self._rules


def line_rules() -> Registry[LineRun]:
    """What a line is on its own: cut at inline headings and bullets, then given a kind."""
    rules: Registry[LineRun] = Registry()
    rules.register(Rule("glued-headings", 110, glued_headings))
    rules.register(Rule("run-together-labels", 105, run_together_labels))
    rules.register(Rule("flattened-headings", 100, flattened_headings))
    rules.register(Rule("inline-labels", 95, inline_labels))
    rules.register(Rule("inline-bullets", 90, inline_bullets))
    rules.register(Rule("glued-contact", 85, glued_contact))
    rules.register(Rule("glued-items", 80, glued_items))
    rules.register(Rule("run-in-label", 82, run_in_label))
    rules.register(Rule("pay-heading", 72, pay_heading, ("heading",)))
    rules.register(Rule("empty", 70, empty_line, ALL_KINDS))
    rules.register(Rule("heading", 60, heading_alone))
    rules.register(Rule("bullet", 50, bullet_item))
    return rules


def context_rules() -> Registry[ContextRun]:
    """What lines are by their neighbours, in order; "each-line" runs the line rules."""
    rules: Registry[ContextRun] = Registry()
    rules.register(Rule("definition-terms", 100, definition_terms))
    rules.register(Rule("each-line", 95, _each_line))
    rules.register(Rule("title-repeats", 90, title_repeats))
    rules.register(Rule("item-blocks", 80, item_blocks))
    rules.register(Rule("item-labels", 75, item_labels))
    rules.register(Rule("lists-without-bullets", 70, lists_without_bullets))
    rules.register(Rule("headings-in-context", 60, headings_in_context))
    rules.register(Rule("board-facts", 50, board_facts))
    rules.register(Rule("stated-place", 45, stated_place))
    rules.register(Rule("run-in-headings", 40, run_in_headings))
    return rules


def _each_line(lines: list[Line], doc: Document) -> list[Line]:
    """Every line read on its own by the line rules."""
    return [piece for line in lines for piece in doc.read_line(line)]


LINE_RULES = line_rules()
CONTEXT_RULES = context_rules()


def read_line(line: Line, rules: Registry[LineRun] = LINE_RULES) -> list[Line]:
    """One line read by the line rules: each rule in turn, on every piece the ones before made."""
    check_time()
    steps = rules.steps
    piece = line
    for at, (run, kinds) in enumerate(steps):  # most lines stay whole: no list to build
        if piece.kind not in kinds:
            continue
        made = run(piece)
        if made is None:
            continue
        if len(made) == 1:
            piece = made[0]
            continue
        pieces = made
        for later, later_kinds in steps[at + 1 :]:
            out: list[Line] = []
            for one in pieces:
                found = later(one) if one.kind in later_kinds else None
                out.extend([one] if found is None else found)
            pieces = out
        return pieces
    return [piece]


def read_lines(
    lines: list[Line],
    title: str | None,
    rules: Registry[ContextRun] = CONTEXT_RULES,
    line_rules: Registry[LineRun] = LINE_RULES,
) -> Document:
    """The lines read by every context rule in turn; the document holds them, the title and the facts."""
    doc = Document(title, lambda line: read_line(line, line_rules))
    for rule in rules:
        check_time()
        lines = rule.run(lines, doc)
    doc.lines = lines
    return doc


if __name__ == "__main__":
    for name, registry in (("line rules", LINE_RULES), ("context rules", CONTEXT_RULES)):
        print(f"{name}:")
        for rule in registry:
            print(f"  {rule.priority:4d}  {rule.name:24} {rule.doc}")
