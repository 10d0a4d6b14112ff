"""What the built pages say: apply links, skill chips, cards' filter data, empty and helpful pages."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from bs4 import BeautifulSoup

from careers.config import load_config
from careers.engine import Options, build


def soup_of(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "lxml")


def write_posting(project: Path, name: str, front: str, body: str = "We build networks for people.") -> None:
    (project / "content" / "jobs" / name).write_text(f"---\n{front}\n---\n{body}\n", encoding="utf-8")


def test_apply_button_uses_the_posting_link_else_the_site_default(project: Path) -> None:
    write_posting(project, "own.md", "title: Own Link\napply_url: https://jobs.example.com/own")
    write_posting(project, "default.md", "title: Site Default")
    build(load_config(project))
    own = soup_of(project / "site", "jobs/own-link/index.html").select(".posting-head a.button")
    assert [a["href"] for a in own] == ["https://jobs.example.com/own"]
    default = soup_of(project / "site", "jobs/site-default/index.html")
    assert [a["href"] for a in default.select("a.button")] == [  # one button, a subject naming the job
        "mailto:jobs@northwind.example.com?subject=Application%3A%20Site%20Default%20%28site-default%29"
    ]
    assert "by email to jobs@northwind.example.com" in default.select_one(".posting-head").get_text()
    assert default.select_one(".apply-end a")["href"] == default.select_one("a.button")["href"]


def test_no_apply_button_when_there_is_nowhere_to_apply(project: Path) -> None:
    config = (
        (project / "careers.toml").read_text().replace('apply_email = "jobs@northwind.example.com"\n', "")
    )
    (project / "careers.toml").write_text(config)
    build(load_config(project))
    assert soup_of(project / "site", "jobs/territory-account-manager/index.html").select("a.button") == []


def test_skills_are_split_into_required_and_nice_to_have(project: Path) -> None:
    build(load_config(project))
    side = soup_of(project / "site", "jobs/territory-account-manager/index.html").select_one(".posting-side")
    headings = [h.get_text() for h in side.find_all("h2")]
    assert headings == ["Experience level", "Skills", "Nice to have", "Also asked for"]
    required, preferred, soft = (ul.get_text(" ", strip=True) for ul in side.select("ul.chips"))
    assert "Salesforce" in required and "Microsoft Office" in preferred
    assert side.select_one('a[href="../../skills/salesforce/index.html"]') is not None
    # Soft skills are shown apart, as plain chips: they have no pages of their own.
    assert "Teamwork" in soft and "Teamwork" not in required + preferred
    assert side.select_one("ul.chips-soft a") is None


def test_breadcrumb_and_related_postings(project: Path) -> None:
    build(load_config(project))
    page = soup_of(project / "site", "jobs/territory-account-manager/index.html")
    crumbs = page.select("nav.breadcrumb li")
    assert (
        crumbs[0].a["href"] == "../../index.html"
        and crumbs[-1].get_text(strip=True) == "Territory Account Manager"
    )
    assert crumbs[-1].select_one('[aria-current="page"]') is not None
    assert len(page.select(".related .card")) == 3


def test_postings_js_holds_what_the_filters_search_and_the_index_card(project: Path) -> None:
    import json

    build(load_config(project))
    text = (project / "site" / "postings.js").read_text()
    assert text.startswith("window.careersPostings=") and text.endswith(";\n")
    data = json.loads(text.removeprefix("window.careersPostings=").removesuffix(";\n"))
    rows = {row["slug"]: row for row in data["rows"]}
    assert len(rows) == 7
    row = rows["senior-data-engineer"]
    wanted = ("title", "department", "places", "location", "type", "level", "date")
    assert tuple(row[key] for key in wanted) == (
        "Senior Data Engineer",
        "Engineering",
        ["Remote"],
        "Remote (US)",
        "FULL_TIME",
        "mid_senior",
        "2026-11-02",
    )
    assert sorted(data["skills"][n][1] for n in row["skills"]) == [
        "AWS",
        "Apache Airflow",
        "Python",
        "SQL",
    ]
    assert row["summary"].startswith("Our network telemetry platform")
    assert row["pay"] == ["USD", 175_000, "$145,000 – $175,000 per year"]
    # 25 x 2,080 hours
    assert rows["sales-development-intern"]["pay"] == ["USD", 52_000, "$22 – $25 per hour"]
    assert rows["territory-account-manager"]["pay"] == 0  # states no pay
    # The filters show the very card the index shows: one card template, never a second copy.
    index = (project / "site" / "index.html").read_text()
    assert row["card"].startswith('<li class="card">') and row["card"] in index


def test_cards_show_where_and_how_but_say_remote_once(project: Path) -> None:
    build(load_config(project))
    card = soup_of(project / "site", "index.html").select(".group")[-1].select_one("li.card")
    assert card.select_one(".card-title a").get_text() == "Senior Data Engineer"
    meta = [li.get_text() for li in card.select(".meta li")]
    assert meta[:2] == ["Remote (US)", "Full-time"]
    assert meta.count("Remote") == 0  # "Remote (US)" already says remote


def test_index_without_open_postings_says_so_and_loads_no_script(project: Path) -> None:
    for path in (project / "content" / "jobs").iterdir():
        path.write_text("---\ntitle: Filled\nvalid_through: 2020-01-31\n---\nNo longer open.\n")
    build(load_config(project), Options(now=dt.date(2026, 1, 1)))
    index = soup_of(project / "site", "index.html")
    assert "no open positions right now" in index.get_text()
    assert index.find("script") is None and index.find("form") is None


def test_skills_index_groups_by_category_with_counts(project: Path) -> None:
    import json

    build(load_config(project))
    page = soup_of(project / "site", "skills/index.html")
    categories = [h.contents[0].strip() for h in page.select("section.category h2")]
    assert len(categories) > 1 and categories == sorted(categories, key=str.casefold)
    jobs = json.loads((project / "site" / "jobs.json").read_text())
    count = sum("Salesforce" in job["skills"] for job in jobs)
    link = page.select_one('section.category a[href$="/salesforce/index.html"]')
    assert link.parent.get_text(" ", strip=True) == f"Salesforce {count} positions" and count > 1
    jump = [a["href"] for a in page.select("nav.jump a")]
    assert jump == [f"#c{i}" for i in range(1, len(categories) + 1)]


def test_not_found_page_searches_and_lists_open_postings(project: Path) -> None:
    build(load_config(project, {"base_url": "https://acme.github.io/careers/"}))
    page = soup_of(project / "site", "404.html")
    form = page.select_one("form[role=search]")
    assert form["action"] == "/careers/" and form.select_one("input")["name"] == "q"
    assert page.select_one(".card-title a")["href"] == "/careers/jobs/senior-data-engineer/"


def test_soft_skills_get_no_pages_chips_or_filters_by_default(project: Path) -> None:
    build(load_config(project))
    site = project / "site"
    assert not (site / "skills" / "teamwork").exists()
    index = soup_of(site, "skills/index.html")
    assert "Soft skills" not in index.get_text() and "Teamwork" not in index.get_text()
    cards = soup_of(site, "index.html").select("#postings > li.card")
    assert all("teamwork" not in card["data-skills"].split() for card in cards)
    side = soup_of(site, "jobs/territory-account-manager/index.html").select_one(".posting-side")
    assert "Teamwork" in side.select_one("ul.chips-soft").get_text()


def test_a_site_may_give_soft_skills_pages(project: Path) -> None:
    config = project / "careers.toml"
    config.write_text(config.read_text() + "soft_skill_pages = true\n")
    build(load_config(project))
    site = project / "site"
    assert (site / "skills" / "teamwork" / "index.html").is_file()
    assert "Soft skills" in soup_of(site, "skills/index.html").get_text()
    side = soup_of(site, "jobs/territory-account-manager/index.html").select_one(".posting-side")
    assert side.select_one('a[href="../../skills/teamwork/index.html"]') is not None
    assert side.select_one("ul.chips-soft") is None


def test_front_matter_may_mark_preferred_skills(project: Path) -> None:
    skills = "skills: {required: [SQL, python], preferred: [Tableau, SQL]}"
    write_posting(project, "data.md", f"title: Data Analyst\n{skills}")
    build(load_config(project))
    side = soup_of(project / "site", "jobs/data-analyst/index.html").select_one(".posting-side")
    required, preferred = (ul.get_text(" ", strip=True) for ul in side.select("ul.chips"))
    # As the author listed them; a name in both lists is required.
    assert (required, preferred) == ("SQL Python", "Tableau")


def test_education_says_what_is_preferred(project: Path) -> None:
    write_posting(project, "analyst.md", "title: Analyst", "## Requirements\n\n- Bachelor's degree preferred")
    build(load_config(project))
    page = soup_of(project / "site", "jobs/analyst/index.html")
    details = {dt.get_text(): dt.find_next("dd").get_text() for dt in page.select(".details dt")}
    assert details["Education"] == "Bachelor's degree (preferred)"
    assert "educationRequirements" not in page.select_one('script[type="application/ld+json"]').get_text()


def test_the_page_shows_pay_per_place_and_the_postings_disclosures(project: Path) -> None:
    body = (
        "We build networks for people.\n\n## Pay\n\n"
        "The typical base pay range for this role across the U.S. is $60,000 - $80,000. "
        "For Colorado, the salary range is $62,000 - $78,000.\n"
    )
    front = "title: Network Planner\nexisting_vacancy: false\nai_screening: true"
    write_posting(project, "planner.md", front, body)
    write_posting(
        project,
        "later.md",
        "title: Field Lead\npay_shared_before_interview: true\npay_url: https://x.example/pay",
    )
    build(load_config(project))
    details = soup_of(project / "site", "jobs/network-planner/index.html").select_one(".details")
    assert details is not None
    shown = {
        dt.get_text(): dd.get_text(" ", strip=True)
        for dt, dd in zip(details("dt"), details("dd"), strict=True)
    }
    assert shown["Salary"] == (
        "$60,000 – $80,000 per year U.S.: $60,000 – $80,000 per year Colorado: $62,000 – $78,000 per year"
    )
    assert shown["Existing vacancy"] == "No: applications are gathered for a future need"
    assert shown["Artificial intelligence"] == "Used to screen, assess or select applicants"
    later = soup_of(project / "site", "jobs/field-lead/index.html").select_one(".details")
    assert later is not None and "Told to every applicant before any interview" in later.get_text()
    assert later.select_one('a[href="https://x.example/pay"]') is not None
    records = {r["slug"]: r for r in json.loads((project / "site" / "jobs.json").read_text())}
    assert (records["network-planner"]["existing_vacancy"], records["network-planner"]["ai_screening"]) == (
        False,
        True,
    )
    assert [p["place"] for p in records["network-planner"]["salary"]["places"]] == ["U.S.", "Colorado"]


def test_the_pay_a_board_labelled_keeps_its_words_on_the_page(project: Path) -> None:
    body = "**Pay Rate:** $14.50 - $16.00/HR dependent upon experience.\n\n## About\n\nFill and cap bottles."
    write_posting(project, "filler.md", "title: Filling Operator", body)
    write_posting(
        project, "porter.md", "title: Porter", "Salary: £9.00 per hour\n\n## About\n\nMove patients safely."
    )
    build(load_config(project))

    def salary(slug: str) -> str:
        page = soup_of(project / "site", f"jobs/{slug}/index.html")
        pairs = zip(page.select(".details dt"), page.select(".details dd"), strict=True)
        shown = {dt.get_text(): dd.get_text(" ", strip=True) for dt, dd in pairs}
        return shown["Salary"]

    assert (
        salary("filling-operator")
        == "$14.50 – $16.00 per hour ($14.50 - $16.00/HR dependent upon experience.)"
    )
    assert salary("porter") == "£9.00 per hour"  # the label says all it said: no repeat
