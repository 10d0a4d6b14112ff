"""``careers import`` of each system's saved export into a fresh site, built and read back.

For every system: every job is a posting (or rightly skipped), no word of a description is lost
on its page (the corpus scorer's word check), the salary and places in its JobPosting are the
board's, a second import changes no byte, and a file edited by hand is kept.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .importing import (
    ATS,
    build_site,
    content_bytes,
    job_postings,
    load,
    lost_words,
    new_site,
    run_import,
    save,
)


def _lever_text(posting: dict[str, Any]) -> str:
    lists = "".join(f"{item['text']} {item['content']}" for item in posting.get("lists", []))
    description = posting.get("description") or posting.get("descriptionPlain")
    return f"{description} {lists} {posting.get('additional', '')}"


def _personio_text(path: Path) -> str:
    from lxml import etree

    sections = etree.fromstring(path.read_bytes()).iterfind(".//jobDescription")
    return " ".join(f"{s.findtext('name')} {s.findtext('value')}" for s in sections)


def _smartrecruiters_detail(tmp: Path) -> list[Path]:
    """The list, and the saved details given the list's posting id (the fixture is trimmed to jobAd)."""
    listed = load("smartrecruiters/careerkit_postings_list.json")
    detail = {**listed["content"][0], **load("smartrecruiters/jobagent_posting_detail.json")}
    return [ATS / "smartrecruiters/careerkit_postings_list.json", save(tmp / "detail.json", detail)]


def _ashby_variants(tmp: Path) -> list[Path]:
    """The board with a third, unlisted job, and pay on the job that chose not to show it."""
    board = load("ashby/careerkit_job_board.json")
    hidden = board["jobs"][1]["compensation"]
    board["jobs"][0]["compensation"] = hidden  # returned by the API, never to be published
    board["jobs"].append({**board["jobs"][1], "id": "unlisted-1", "title": "Secret Role", "isListed": False})
    return [save(tmp / "ashby.json", board)]


# system → (files to import, jobs expected: title → (places in the JobPosting, salary), skipped titles)
Expected = dict[str, tuple[list[str], dict[str, Any] | None]]
CASES: dict[str, tuple[Callable[[Path], list[Path]], Expected]] = {
    "greenhouse": (
        lambda tmp: [ATS / "greenhouse/careerkit_jobs_content.json"],
        {
            "Customer Data Scientist - Experimentation": (["London GB"], None),
            "Emerging Account Executive (India)": (["Bangalore IN"], None),
        },
    ),
    "lever": (
        lambda tmp: [ATS / "lever/careerkit_postings.json"],
        {
            "(1099 Contract) Nonprofit Salesforce Consultant: Enterprise Project Manager": (
                ["remote US"],
                None,
            ),
            "(1099 Contract) Salesforce for Nonprofits: Solution Architect": (["remote US"], None),
        },
    ),
    "ashby": (
        _ashby_variants,
        {
            "Senior Technical Recruiter": (["remote CA"], None),
            "Senior Site Reliability Engineer": (
                ["Toronto CA"],
                {"currency": "CAD", "minValue": 102800, "maxValue": 137000, "unitText": "YEAR"},
            ),
        },
    ),
    "workable": (
        lambda tmp: [ATS / "workable/careerkit_widget.json"],
        {"Business Analyst - Spanish Speaking": (["remote ES", "remote PT"], None)},
    ),
    "smartrecruiters": (
        _smartrecruiters_detail,
        {"CNA / LPN - Consistent Hours. Start Next Week.": (["St. Louis US"], None)},
    ),
    "personio": (
        lambda tmp: [
            ATS / "personio/careerkit_feed.xml",
            ATS / "personio/cyberjobradar_feed_with_descriptions.xml",
        ],
        {
            "Staff Software Engineer, Data Platform": (["Munich -", "Berlin -"], None),
            "Security Tester (m/f/d)": (["Berlin DE"], None),
        },
    ),
    "recruitee": (
        lambda tmp: [ATS / "recruitee/careerkit_offers.json"],
        {
            "(Senior) Financial Accountant (f/m/d) - Berlin/Brandenburg Region, Germany": (
                ["Berlin DE"],
                {"currency": "EUR", "minValue": 60000, "maxValue": 75000, "unitText": "YEAR"},
            ),
            "Partner Development Representative (f/m/d) - Berlin, Germany": (
                ["Berlin DE"],
                {"currency": "EUR", "minValue": 75000, "maxValue": 90000, "unitText": "YEAR"},
            ),
        },
    ),
    "teamtailor": (
        lambda tmp: [ATS / "teamtailor/careerkit_jobs_jsonfeed.json"],
        {
            "Account Executive - Italy (Madrid based)": (["Madrid ES"], None),
            "Mid-Market Account Executive - Copenhagen": (["Stockholm SE", "København DK"], None),
        },
    ),
}


def _places(data: dict[str, Any]) -> list[str]:
    if data.get("jobLocationType") == "TELECOMMUTE":
        return [f"remote {c['name']}" for c in data.get("applicantLocationRequirements", [])]
    places = data.get("jobLocation", [])
    places = places if isinstance(places, list) else [places]
    return [
        f"{p['address'].get('addressLocality')} {p['address'].get('addressCountry', '-')}" for p in places
    ]


def _salary(data: dict[str, Any]) -> dict[str, Any] | None:
    salary = data.get("baseSalary")
    return (
        {"currency": salary["currency"], **{k: v for k, v in salary["value"].items() if k != "@type"}}
        if salary
        else None
    )


@pytest.mark.parametrize("system", sorted(CASES))
def test_each_system_imports_into_a_site_that_builds(
    system: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_files, expected = CASES[system]
    root = new_site(tmp_path / "site")
    files = make_files(tmp_path)
    code, _, err = run_import(root, capsys, system, *files)
    assert code == 0, err
    postings = job_postings(build_site(root))
    assert sorted(postings) == sorted(expected)
    for title, (places, salary) in expected.items():
        assert (_places(postings[title]), _salary(postings[title])) == (places, salary), title
    first = content_bytes(root)
    assert run_import(root, capsys, system, *files)[0] == 0
    assert content_bytes(root) == first  # a second import changes no byte
    edited = sorted((root / "content" / "jobs").iterdir())[0]
    edited.write_text(edited.read_text().replace("\n---\n", "\n---\n<p>Our own note.</p>\n", 1))
    mine = edited.read_bytes()
    code, _, err = run_import(root, capsys, system, *files)
    assert code == 0 and edited.read_bytes() == mine and "edited by hand since it was imported" in err


def test_no_word_of_a_description_is_lost(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each description as the system gives it, against the built page (the corpus scorer's check)."""
    sources: dict[str, tuple[list[Path], dict[str, str]]] = {}
    greenhouse = load("greenhouse/careerkit_jobs_content.json")["jobs"]
    sources["greenhouse"] = (
        [ATS / "greenhouse/careerkit_jobs_content.json"],
        {j["title"]: html.unescape(j["content"]) for j in greenhouse},
    )
    sources["lever"] = (
        [ATS / "lever/careerkit_postings.json"],
        {p["text"]: _lever_text(p) for p in load("lever/careerkit_postings.json")},
    )
    # A link to a social network is page furniture the cleaner drops from any posting (docs/content.md).
    social = "<u>HighlightTA on LinkedIn</u>"
    sources["ashby"] = (
        [ATS / "ashby/careerkit_job_board.json"],
        {
            j["title"].strip(): j["descriptionHtml"].replace(social, "")
            for j in load("ashby/careerkit_job_board.json")["jobs"]
        },
    )
    offers = load("recruitee/careerkit_offers.json")["offers"]
    sources["recruitee"] = (
        [ATS / "recruitee/careerkit_offers.json"],
        {o["title"]: o["description"] + o["requirements"] for o in offers},
    )
    sections = load("smartrecruiters/jobagent_posting_detail.json")["jobAd"]["sections"]
    sources["smartrecruiters"] = (
        _smartrecruiters_detail(tmp_path),
        {
            "CNA / LPN - Consistent Hours. Start Next Week.": " ".join(
                f"{s['title']} {s['text']}" for s in sections.values() if s["text"]
            )
        },
    )
    sources["personio"] = (
        [ATS / "personio/cyberjobradar_feed_with_descriptions.xml"],
        {
            "Security Tester (m/f/d)": _personio_text(
                ATS / "personio/cyberjobradar_feed_with_descriptions.xml"
            )
        },
    )
    for system, (files, descriptions) in sources.items():
        root = new_site(tmp_path / system)
        assert run_import(root, capsys, system, *files)[0] == 0
        postings = job_postings(build_site(root))
        for title, description in descriptions.items():
            assert lost_words(description, postings[" ".join(title.split())]["_page"]) == [], (system, title)


def test_greenhouse_board_text_is_one_block_for_the_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = new_site(tmp_path / "site")
    run_import(root, capsys, "greenhouse", ATS / "greenhouse/careerkit_jobs_content.json")
    intro = "Amplitude is the leading AI analytics platform"
    fraud = "Protect Yourself From Recruitment Fraud"
    for posting in (root / "content" / "jobs").iterdir():
        text = posting.read_text(encoding="utf-8")
        assert intro not in text and fraud not in text and "content-intro" not in text
    assert intro in (root / "content" / "posting-intro.html").read_text(encoding="utf-8")
    assert fraud in (root / "content" / "posting-conclusion.html").read_text(encoding="utf-8")
    for data in job_postings(build_site(root)).values():
        page = data["_page"].read_text(encoding="utf-8")
        assert page.count(intro) == 1 and page.count(fraud) == 1  # shown once on each page
        assert intro not in data["description"]  # the JobPosting is the posting's own text


def test_greenhouse_content_is_unescaped_exactly_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = new_site(tmp_path / "site")
    run_import(root, capsys, "greenhouse", ATS / "greenhouse/careerkit_jobs_content.json")
    text = (root / "content" / "jobs" / "greenhouse-8651132002.html").read_text(encoding="utf-8")
    assert "<h2>" in text and "&lt;h2&gt;" not in text  # the markup, as the author wrote it
    assert "About&nbsp;" in text and "&amp;nbsp;" not in text  # the author's entity, once
    assert "first_published" not in text and "date: 2026-07-27" in text  # not updated_at (07-27 05:04)


def test_lever_lists_are_lists_under_their_headings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = new_site(tmp_path / "site")
    run_import(root, capsys, "lever", ATS / "lever/careerkit_postings.json")
    postings = job_postings(build_site(root))
    page = postings["(1099 Contract) Salesforce for Nonprofits: Solution Architect"]["_page"].read_text()
    assert "How You&#39;ll Contribute</h2>" in page
    assert "<li>Plan sprints and support data mapping</li>" in page
    assert (
        postings["(1099 Contract) Salesforce for Nonprofits: Solution Architect"]["datePosted"]
        == "2023-01-29"
    )


def test_a_wrapped_lever_export_unwrapped_imports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wrapped = load("lever/cyberjobradar_postings_wrapped.json")
    root = new_site(tmp_path / "site")
    code, _, err = run_import(root, capsys, "lever", save(tmp_path / "l.json", wrapped["sites"]["secureco"]))
    assert code == 0, err
    text = (root / "content/jobs/lever-lever-1.html").read_text()
    assert "location: 'Berlin, Germany'" in text and "employment_type: Full-time" in text
    assert "<p>Conduct web and API penetration testing" in text and "<ul><li>2+ years" in text


def test_ashby_unlisted_jobs_and_hidden_pay_are_never_published(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = new_site(tmp_path / "site")
    code, _, err = run_import(root, capsys, "ashby", *_ashby_variants(tmp_path))
    assert code == 0 and "skipped 'Secret Role': not listed on the board" in err
    files = {p.name: p.read_text() for p in (root / "content/jobs").iterdir()}
    assert len(files) == 2 and not any("Secret Role" in t for t in files.values())
    recruiter = files["ashby-90fb3621-899e-4b59-925d-25080ec91e18.html"]
    assert "salary" not in recruiter and "102800" not in recruiter
    assert (
        "title: Senior Site Reliability Engineer\n"
        in files["ashby-fc2f1f85-46a0-4a31-b165-683e39c07c04.html"]
    )


def test_workable_rows_of_one_job_are_one_posting_at_every_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = new_site(tmp_path / "site")
    _, _, err = run_import(root, capsys, "workable", ATS / "workable/careerkit_widget.json")
    assert "no description: save the list with ?details=true" in err
    (posting,) = (root / "content/jobs").iterdir()
    assert posting.name == "workable-dd136dd7e7.html"
    assert "location: [Spain, Portugal]\nremote: true\n" in posting.read_text()
    site = build_site(root)
    assert {p.name for p in (site / "locations").iterdir() if p.is_dir()} == {"spain", "portugal", "remote"}


def test_pay_from_every_shape_is_the_one_salary_model() -> None:
    """Each system's pay fields (as its documentation gives them where no fixture has them)."""
    from careers.ats import greenhouse, lever, recruitee, teamtailor, workable

    posting = {**load("lever/careerkit_postings.json")[0]}
    posting["salaryRange"] = {"currency": "USD", "interval": "per-hour-wage", "min": 28, "max": 34.5}
    (job,) = lever.read([[posting]]).jobs
    assert job.salary and (job.salary.min_value, job.salary.max_value, job.salary.unit) == (28, 34.5, "HOUR")
    detail = load("greenhouse/ghdocs_job_detail_questions_pay_transparency.json")
    detail["pay_input_ranges"].append({"min_cents": 4500000, "max_cents": 9000000, "currency_type": "USD"})
    (job,) = greenhouse.read([detail]).jobs
    assert job.salary and (job.salary.min_value, job.salary.max_value) == (45000, 90000)  # the zones' span
    offers = load("recruitee/careerkit_offers.json")
    offers["offers"][0]["salary"] = {"min": "", "max": "4,200", "period": "month", "currency": "EUR"}
    job = recruitee.read([offers]).jobs[0]
    assert job.salary and (job.salary.min_value, job.salary.max_value, job.salary.unit) == (
        None,
        4200,
        "MONTH",
    )
    feed = load("teamtailor/careerkit_jobs_jsonfeed.json")
    feed["items"][0]["_jobposting"]["baseSalary"] = {
        "@type": "MonetaryAmount",
        "currency": "SEK",
        "value": {"@type": "QuantitativeValue", "minValue": 40000, "maxValue": 50000, "unitText": "MONTH"},
    }
    job = teamtailor.read([feed]).jobs[0]
    assert job.salary and (job.salary.currency, job.salary.min_value, job.salary.unit) == (
        "SEK",
        40000,
        "MONTH",
    )
    widget = load("workable/careerkit_widget.json")
    widget["jobs"][0]["salary"] = {"salary_from": 30000, "salary_to": 40000, "salary_currency": "eur"}
    (job,) = workable.read([widget]).jobs
    assert job.salary and (job.salary.currency, job.salary.max_value) == ("EUR", 40000)
    widget["jobs"][0]["salary"] = {"salary_from": 1e30, "salary_currency": "EUR"}  # no pay: left out
    assert workable.read([widget]).jobs[0].salary is None
