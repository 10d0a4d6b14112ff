"""run-together-labels: fields in capitals run together with their values, one line each."""

from __future__ import annotations

from careers.posting.clean.glued import run_together_labels

from . import kinds, para


def test_labels_in_capitals_run_together_are_one_line_each() -> None:
    made = run_together_labels(para("JOB TITLE: Coder DEPARTMENT: Claims Review REPORTS TO: The Supervisor"))
    assert made is not None and kinds(made) == [
        ("para", "JOB TITLE: Coder"),
        ("para", "DEPARTMENT: Claims Review"),
        ("para", "REPORTS TO: The Supervisor"),
    ]


def test_one_label_or_labels_not_in_capitals_are_left_alone() -> None:
    assert run_together_labels(para("JOB TITLE: Coder, reporting to: the supervisor")) is None
    assert run_together_labels(para("Note: we ask for: a licence")) is None
