"""The registry: rules in one place, run by priority, each with a test module of its own."""

from __future__ import annotations

from pathlib import Path

from careers.posting.clean.registry import CONTEXT_RULES, LINE_RULES, Registry, Rule, read_line

from . import para


def test_rules_run_highest_priority_first_and_a_name_registered_again_replaces_its_rule() -> None:
    rules = Registry[object]()
    rules.register(Rule("low", 1, lambda line: None))  # type: ignore[arg-type]
    rules.register(Rule("high", 9, lambda line: None))  # type: ignore[arg-type]
    rules.register(Rule("low", 10, lambda line: None))  # type: ignore[arg-type]
    assert [(r.name, r.priority) for r in rules] == [("low", 10), ("high", 9)]
    rules.deregister("high")
    assert "high" not in rules and "low" in rules


def test_each_piece_a_rule_makes_goes_on_to_the_rules_after_it() -> None:
    # inline bullets cut the line; the empty rule drops the piece that is only a rule of dashes,
    # and the lead-in reads as a heading on its own
    pieces = read_line(para("Duties: • Sell cars • ----- • Serve tea"))
    assert [(p.kind, p.text) for p in pieces] == [
        ("heading", "Duties:"),
        ("item", "Sell cars"),
        ("drop", "-----"),
        ("item", "Serve tea"),
    ]


def test_every_rule_has_a_test_module_and_a_one_line_doc() -> None:
    here = Path(__file__).parent
    for rule in [*LINE_RULES, *CONTEXT_RULES]:
        assert rule.doc.endswith("."), rule.name
        if rule.name != "each-line":  # the line rules' runner: tested above
            assert (here / f"test_{rule.name.replace('-', '_')}.py").is_file(), rule.name
