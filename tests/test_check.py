"""``check``: one finding per line, in the compiler's format, and the right exit code."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from .test_build import digest_tree, run

FINDING = re.compile(r"^[^:\s]+:\d+: (error|warning|info|advice): \S.*$")
GOOD = (
    "---\ntitle: Support Engineer\nlocation: Austin, TX, US\ndate: 2026-11-01\nvalid_through: 2027-03-01\n"
    "employment_type: Full-time\n---\n## About\n\nHelp customers run our network every day.\n"
)


def check(project: Path, *args: str) -> tuple[int, list[str]]:
    result = run(project, "check", "--now", "2026-12-01", *args)
    lines = result.stdout.splitlines()
    assert all(FINDING.match(line) for line in lines), lines
    assert "Traceback" not in result.stderr
    return result.returncode, lines


def only(project: Path, text: str) -> Path:
    """A project whose only posting is ``text``."""
    jobs = project / "content" / "jobs"
    for path in jobs.iterdir():
        path.unlink()
    (jobs / "job.md").write_text(text)
    return project


def commit_all(project: Path, date: str = "2026-11-15T09:00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    for command in (["init", "-q"], ["add", "."], ["commit", "-qm", "postings"]):
        git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *command]
        subprocess.run(git, cwd=project, env=env, check=True, capture_output=True)


def test_the_sample_in_git_passes_and_its_seeds_are_dated_by_their_first_commit(project: Path) -> None:
    commit_all(project)
    before = digest_tree(project)
    code, lines = check(project)
    assert code == 0 and not any(": error: " in line for line in lines), lines
    assert digest_tree(project) == before  # check writes nothing into the project
    tags = run(project, "tags", "--now", "2026-12-01").stdout
    assert "date posted 2026-11-15" in tags and "first commit in git history" in tags


def test_the_sample_outside_git_cannot_be_dated(project: Path) -> None:
    code, lines = check(project)
    # The scraped seeds say nothing of when: outside git history nothing dates them.
    assert code == 1
    assert "content/jobs/000_f2c0b775a53e4e23.html:1: error: no 'date:' (date posted)" in "\n".join(lines)


def test_a_clean_posting_has_no_findings(project: Path) -> None:
    assert check(only(project, GOOD), "--strict") == (0, [])


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("title: Support Engineer", "title: Support Engineer - Northwind Networks"),
            "job.md:2: warning: title names the company 'Northwind Networks'",
        ),
        (
            ("title: Support Engineer", "title: Support Engineer (Austin)"),
            "job.md:2: warning: title names the location 'Austin'",
        ),
        (
            ("title: Support Engineer", "title: Support Engineer $90k"),
            "job.md:2: warning: title holds a salary",
        ),
        (
            ("title: Support Engineer", "title: Support Engineer REQ-20931"),
            "job.md:2: warning: title holds a code or number",
        ),
        (
            ("title: Support Engineer", "title: Support Engineer (Remote)"),
            "job.md:2: warning: title says where the work is done",
        ),
        (
            ("valid_through: 2027-03-01", "valid_through: 2026-11-30"),
            "job.md:5: warning: closing date 2026-11-30 has passed",
        ),
        (
            ("---\n## About", "skills: [Python, Basket Weaving]\n---\n## About"),
            "job.md:7: warning: skill 'Basket Weaving' is not in the vocabulary",
        ),
        (
            ("---\n## About", 'skills: [Python, "Basket\\e[31mWeaving"]\n---\n## About'),
            "job.md:7: warning: skill 'Basket[31mWeaving' is not in the vocabulary",
        ),
        (
            ("---\n## About", "skills: [Teamwork, Leadership, Communication Skills, Python]\n---\n## About"),
            # as front matter lists them
            "job.md:7: warning: 3 of its 4 skill tags are soft skills (Teamwork, Leadership, "
            "Communication Skills)",
        ),
        (
            (
                "Help customers run our network every day.",
                "- Excellent communication skills\n"
                "- A real team player with strong leadership skills\n- Linux",
            ),
            "job.md:8: warning: 3 of its 4 skill tags are soft skills",
        ),
    ],
)
def test_warnings(project: Path, change: tuple[str, str], expected: str) -> None:
    code, lines = check(only(project, GOOD.replace(*change)))
    assert code == 0
    assert any(line.startswith(f"content/jobs/{expected}") for line in lines), lines
    assert check(project, "--strict")[0] == 1


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("location: Austin, TX, US", "location: Remote"),
            "job.md:3: error: fully remote (TELECOMMUTE) without the countries applicants may live in",
        ),
        (
            ("location: Austin, TX, US", "location: Springfield"),
            "job.md:3: error: location 'Springfield' has no country: write it as 'Springfield, Country'",
        ),
        (
            ("location: Austin, TX, US", "location: Berlin"),
            "job.md:3: error: location 'Berlin' has no country: write it as 'Berlin, Country' with the name",
        ),
        (("date: 2026-11-01\n", ""), "job.md:1: error: no 'date:' (date posted)"),
        (
            ("valid_through: 2027-03-01", "valid_through: 2026-10-01"),
            "job.md:5: error: closing date 2026-10-01 is before the date posted 2026-11-01",
        ),
        (
            ("## About\n\nHelp customers run our network every day.\n", "Support engineer!\n"),
            "job.md:8: error: the description only repeats the title",
        ),
        (
            ("## About\n\nHelp customers run our network every day.\n", ""),
            "job.md:8: error: posting has no sections",
        ),
        (
            ("---\n## About", "level: wizard\n---\n## About"),
            "job.md:7: error: front matter 'level' unknown level",
        ),
    ],
)
def test_errors(project: Path, change: tuple[str, str], expected: str) -> None:
    code, lines = check(only(project, GOOD.replace(*change)))
    assert code == 1
    assert any(line.startswith(f"content/jobs/{expected}") for line in lines), lines


@pytest.mark.parametrize(("key", "expected"), [("location", "no 'location:'"), ("company", "no 'company:'")])
def test_no_location_or_company_anywhere_is_an_error(project: Path, key: str, expected: str) -> None:
    only(project, GOOD.replace("location: Austin, TX, US\n", ""))
    config = project / "careers.toml"
    config.write_text("\n".join(line for line in config.read_text().splitlines() if not line.startswith(key)))
    code, lines = check(project)
    assert code == 1 and any(
        f"job.md:1: error: {expected} here or in careers.toml" in line for line in lines
    ), lines


def test_a_broken_link_in_the_built_site(project: Path) -> None:
    only(project, GOOD)
    base = project / "templates" / "base.html"
    base.write_text(
        base.read_text().replace("</footer>", "<a href=\"{{ url('about/') }}#team\">About</a></footer>")
    )
    code, lines = check(project)
    assert code == 1
    assert any(
        re.match(r"site/index\.html:\d+: error: broken link to 'about/index\.html#team': no such file", line)
        for line in lines
    ), lines


def test_a_broken_anchor_in_the_built_site(project: Path) -> None:
    only(project, GOOD)
    base = project / "templates" / "base.html"
    base.write_text(base.read_text().replace('href="#main"', 'href="#nowhere"'))
    code, lines = check(project)
    assert code == 1
    assert any(
        re.match(
            r"site/jobs/support-engineer/index\.html:\d+: error: broken link to '#nowhere': no element", line
        )
        for line in lines
    ), lines


@pytest.mark.parametrize("written", ["Berlin", "Springfield, XY", "Leeds"])
def test_every_place_check_suggests_is_read_with_its_country(written: str) -> None:
    """The forms check suggests for a location with no country are read with the country they
    name ('Berlin, DE' would be Delaware: two letters after a city are a state first)."""
    from careers.posting.location import parse_address
    from careers.shell.check import _with_country

    hint = _with_country(written)
    examples = [e for e in re.findall(r"'([^']+)'", hint) if "Country" not in e]
    assert examples, hint
    wanted = {
        "Berlin, Germany": "DE",
        "Leeds, United Kingdom": "GB",
        "Austin, TX, US": "US",
        "Springfield, XY, US": "US",
    }
    for example in examples:
        address = parse_address(example)
        assert address is not None and address.country == wanted[example], (example, address)
