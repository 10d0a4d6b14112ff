"""``check`` with the pay-transparency rules on: findings at their lines, the headcount note,
``--jurisdiction`` and ``--advice`` as a careers team runs them."""

from __future__ import annotations

from pathlib import Path

from .test_build import run
from .test_check import FINDING, check, commit_all, only

CO = (
    "---\ntitle: Support Engineer\nlocation: Denver, CO, US\ndate: 2026-11-01\n"
    "employment_type: Full-time\nsalary: From $30 per hour\n---\n"
    "## About\n\nHelp customers run our network every day, answer their questions and fix what breaks.\n"
)
COLORADO = "(C.R.S. 8-5-201; https://leg.colorado.gov/sites/default/files/2023a_105_signed.pdf)"


def employ(project: Path, line: str) -> Path:
    """The project with its careers.toml's ``employer`` line replaced by ``line`` ("" for none)."""
    config = project / "careers.toml"
    kept = [x for x in config.read_text().splitlines() if not x.startswith("employer")]
    config.write_text("\n".join([*kept, line]) + "\n")
    return project


def in_colorado(project: Path) -> Path:
    return only(employ(project, "employer = { employees = 45, employees_in = { MA = 22, CO = 3 } }"), CO)


def test_each_missing_item_is_an_error_at_its_line_with_the_law_and_its_link(project: Path) -> None:
    code, lines = check(in_colorado(project))
    assert code == 1
    open_end = "Colorado requires a pay range with both ends, not an open one ('From $30 per hour')"
    benefits = "Colorado requires a general description of the benefits and other compensation"
    assert f"content/jobs/job.md:6: error: {open_end} {COLORADO}" in lines  # the salary line
    assert f"content/jobs/job.md:8: error: {benefits} {COLORADO}" in lines
    # No valid_through, but the site closes it 60 days after its date and its page says when.
    assert not [line for line in lines if "close_date" in line or "applications close" in line]
    # The sample's careers.toml states its headcount: no note, and no law counting people elsewhere.
    assert not [line for line in lines if line.startswith("careers.toml")]


def test_with_no_headcount_every_threshold_is_assumed_and_said_once(project: Path) -> None:
    config = project / "careers.toml"
    config.write_text(
        "\n".join(line for line in config.read_text().splitlines() if not line.startswith("employer"))
    )
    posting = CO.replace("Denver, CO, US", "Remote (US)")
    code, lines = check(only(project, posting))
    assert code == 1
    notes = [line for line in lines if line.startswith("careers.toml:1: warning: no [employer] headcount")]
    assert len(notes) == 1
    laws = {line.split(": error: ")[1].split(" requires")[0] for line in lines if ": error: " in line}
    assert {"Colorado", "California", "Hawaii", "New York City", "Washington, D.C."} <= laws


def test_pay_transparency_off_reports_none_of_it(project: Path) -> None:
    (project / "careers.toml").write_text(
        (project / "careers.toml").read_text() + "pay_transparency = false\n"
    )
    _, lines = check(in_colorado(project))
    assert not [line for line in lines if "requires" in line]


def test_the_sample_passes_check_with_the_rules_on(project: Path) -> None:
    commit_all(project)
    code, lines = check(project, "--strict")
    assert code == 0, lines
    jurisdiction = run(project, "check", "--now", "2026-12-01", "--jurisdiction")
    assert jurisdiction.returncode == 0, jurisdiction.stderr
    out = jurisdiction.stdout
    # The remote data engineer is covered where the sample's 45 people reach the thresholds ...
    assert "  Illinois (820 ILCS 112/10(b-25)): applies: remote work that may be done in Illinois" in out
    assert "    a description of benefits: holds" in out
    # ... and the Boston seeds are not covered by Massachusetts' law: 22 people there, not 25.
    assert "employers with 25+ people in Massachusetts and [employer] employees_in has 22 there" in out
    assert out.rstrip().endswith("Not legal advice: the laws linked decide; check them with counsel.")


def test_jurisdiction_names_one_posting_and_refuses_an_unknown_name(project: Path) -> None:
    in_colorado(project)
    named = run(project, "check", "--now", "2026-12-01", "--jurisdiction", "content/jobs/job.md")
    assert named.returncode == 0
    assert named.stdout.startswith("content/jobs/job.md: Support Engineer (work in Denver, CO, US)\n")
    assert "    the pay or its range: MISSING (CO.open_end): a pay range with both ends" in named.stdout
    unknown = run(project, "check", "--now", "2026-12-01", "--jurisdiction", "nope.md")
    assert unknown.returncode == 1 and "check: no open posting 'nope.md'" in unknown.stderr


def test_advice_is_printed_but_never_fails_a_check(project: Path) -> None:
    good = (
        "---\ntitle: Support Engineer\nlocation: Austin, TX, US\ndate: 2026-11-01\n"
        "valid_through: 2027-03-01\nemployment_type: Full-time\n---\n## About\n\n"
        "An aggressive, competitive, dominant and decisive leader who leads with confidence and ambition.\n"
    )
    code, lines = check(only(project, good), "--strict", "--advice")
    advice = [line for line in lines if ": advice: " in line]
    assert code == 0 and advice
    assert all(FINDING.match(line) for line in lines)
    assert any("strongly masculine-coded wording" in line for line in advice)
    assert any("no pay stated" in line for line in advice)
    assert check(project, "--strict")[1] == []  # without --advice, no advice
