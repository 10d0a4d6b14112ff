"""The index page's search, filters and sort in a real browser: what shows, the count, the URL."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from careers.config import load_config
from careers.engine import build

from .browsing import add_extra_postings, serve_folder
from .conftest import ROOT

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("filters") / "project"
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copy(ROOT / "careers.toml", project / "careers.toml")
    add_extra_postings(project)
    build(load_config(project))
    return project / "site"


@pytest.fixture(scope="module")
def jobs(built: Path) -> list[dict[str, Any]]:
    return list(json.loads((built / "jobs.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def site_url(built: Path) -> Iterator[str]:
    with serve_folder(built) as url:
        yield url


@pytest.fixture
def page(browser, site_url: str):
    page = browser.new_page()
    page.goto(site_url + "index.html")
    yield page
    page.close()


def visible_titles(page: Any) -> list[str]:
    """The titles of the cards a visitor sees (the listing's, or the filtered results')."""
    return list(page.locator(".card .card-title:visible").all_text_contents())


def count_text(page: Any) -> str:
    return str(page.locator("#result-count").text_content())


def titles(records: list[dict[str, Any]]) -> list[str]:
    return [r["title"] for r in records]


def wait_for_count(page: Any, text: str) -> None:
    page.wait_for_function(
        "text => document.getElementById('result-count').textContent === text", arg=text, timeout=5000
    )


def test_typing_narrows_the_list_and_the_url_and_reload_restore_it(
    page: Any, jobs: list[dict[str, Any]]
) -> None:
    total = len(jobs)
    page.get_by_label("Search").press_sequentially("data engineer")
    assert visible_titles(page) == ["Senior Data Engineer"]
    wait_for_count(page, f"1 of {total} open positions matches")
    assert page.evaluate("location.search") == "?q=data+engineer"
    page.reload()
    assert page.get_by_label("Search").input_value() == "data engineer"
    assert visible_titles(page) == ["Senior Data Engineer"]
    wait_for_count(page, f"1 of {total} open positions matches")


def test_search_matches_any_visible_text_regardless_of_case(page: Any, jobs: list[dict[str, Any]]) -> None:
    page.get_by_label("Search").fill("AUSTIN")
    assert visible_titles(page) == ["Customer Support Specialist"]
    page.get_by_label("Search").fill("account manager")
    assert visible_titles(page) == [t for t in titles(jobs) if "Account Manager" in t]


def test_facets_combine_and_show_the_right_postings(page: Any, jobs: list[dict[str, Any]]) -> None:
    page.get_by_label("Skill").select_option("python")
    python = [r for r in jobs if "Python" in r["skills"]]
    assert visible_titles(page) == titles(python) and len(python) >= 2
    page.get_by_label("Location").select_option("Remote")
    remote_python = [r for r in python if r["remote"]]
    assert visible_titles(page) == titles(remote_python)
    wait_for_count(page, f"{len(remote_python)} of {len(jobs)} open positions match")
    assert page.evaluate("location.search") == "?location=Remote&skill=python"

    page.get_by_label("Location").select_option("")
    page.get_by_label("Skill").select_option("")
    page.get_by_label("Department").select_option("Engineering")
    assert visible_titles(page) == titles([r for r in jobs if r["department"] == "Engineering"])
    page.get_by_label("Department").select_option("")
    page.get_by_label("Experience").select_option("associate")
    assert visible_titles(page) == titles([r for r in jobs if r["experience"]["level"] == "associate"])
    page.get_by_label("Experience").select_option("")
    page.get_by_label("Employment type").select_option("PART_TIME")
    assert visible_titles(page) == ["Customer Support Specialist"]
    page.get_by_label("Employment type").select_option("")
    page.get_by_label("Location").select_option("Boston, MA, US")
    assert visible_titles(page) == titles([r for r in jobs if r["location"] == "Boston, MA, US"])


def yearly_top(record: dict[str, Any]) -> float:
    """The most a posting's pay reaches in a year (as the filter counts it)."""
    pay = record["salary"]
    per_year = {"HOUR": 2080, "DAY": 260, "WEEK": 52, "MONTH": 12, "YEAR": 1}[pay["unit"]]
    return float(pay["max"] if pay["max"] is not None else pay["min"]) * per_year


def test_pay_is_on_every_card_that_states_it_and_filters_by_a_yearly_minimum(
    page: Any, jobs: list[dict[str, Any]]
) -> None:
    paid = [r for r in jobs if r["salary"] and r["salary"]["kind"] != "words"]
    assert len(paid) >= 2 and len(paid) < len(jobs)  # the sample has pay on some postings, not all
    for record in paid:
        card = page.locator(".card", has=page.get_by_role("link", name=record["title"], exact=True)).first
        assert card.locator(".meta-salary").text_content() == record["salary"]["label"]

    page.get_by_label("Pay").select_option("100000")
    reaching = [r for r in paid if yearly_top(r) >= 100_000]
    unstated = [r for r in jobs if r not in paid]
    assert reaching and len(reaching) < len(paid)  # the hourly intern ($25 an hour: $52,000) is out
    # Those that reach it first, then those that state no pay: no posting is hidden for saying nothing.
    assert visible_titles(page) == titles(reaching) + titles(unstated)
    wait_for_count(
        page,
        f"{len(reaching)} of {len(jobs)} open position{'s' if len(jobs) > 1 else ''} "
        f"match{'es' if len(reaching) == 1 else ''}, and {len(unstated)} more do not state their pay",
    )
    assert page.evaluate("location.search") == "?pay=100000"
    drawn = page.locator("#results .card", has=page.get_by_role("link", name=reaching[0]["title"]))
    assert drawn.locator(".meta-salary").text_content() == reaching[0]["salary"]["label"]
    page.get_by_label("Pay").select_option("20000")
    assert visible_titles(page)[: len(paid)] == titles(paid)


def test_back_button_steps_through_filter_changes(page: Any, jobs: list[dict[str, Any]]) -> None:
    page.get_by_label("Skill").select_option("python")
    page.get_by_label("Location").select_option("Remote")
    page.go_back()
    assert page.evaluate("location.search") == "?skill=python"
    assert page.get_by_label("Location").input_value() == ""
    assert visible_titles(page) == titles([r for r in jobs if "Python" in r["skills"]])
    page.go_back()
    assert page.get_by_label("Skill").input_value() == ""
    assert len(visible_titles(page)) == len(jobs)


def test_sort_by_title_level_and_date(page: Any, jobs: list[dict[str, Any]]) -> None:
    page.get_by_label("Sort by").select_option("title")
    assert visible_titles(page) == sorted(titles(jobs))
    page.get_by_label("Sort by").select_option("level")
    order = ["internship", "entry", "associate", "mid_senior", "director", "executive"]
    rank = {level: i for i, level in enumerate(order)}
    by_level = sorted(range(len(jobs)), key=lambda i: (rank.get(jobs[i]["experience"]["level"], 99), i))
    assert visible_titles(page) == [jobs[i]["title"] for i in by_level]
    assert page.evaluate("location.search") == "?sort=level"
    page.get_by_label("Sort by").select_option("newest")
    assert visible_titles(page) == titles(jobs)


def test_clear_shows_everything_and_empties_the_url(page: Any, jobs: list[dict[str, Any]]) -> None:
    page.goto(page.url + "?q=zzzz&level=entry")
    assert visible_titles(page) == []
    assert page.locator("#no-results").is_visible()
    wait_for_count(page, f"0 of {len(jobs)} open positions match")
    page.get_by_role("button", name="Clear filters").click()
    assert len(visible_titles(page)) == len(jobs)
    assert page.evaluate("location.search") == ""
    wait_for_count(page, f"{len(jobs)} open positions")
    assert page.evaluate("document.activeElement.id") == "f-q"


def test_result_count_is_announced(page: Any) -> None:
    status = page.locator("#result-count")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"


def test_filters_work_from_disk(browser, built: Path, jobs: list[dict[str, Any]]) -> None:
    page = browser.new_page()
    page.goto((built / "index.html").as_uri() + "?skill=python")
    assert visible_titles(page) == titles([r for r in jobs if "Python" in r["skills"]])
    page.get_by_label("Search").fill("(EU)")
    assert visible_titles(page) == ["Platform Engineer"]
    assert "q=%28EU%29" in page.url
    page.close()


def test_without_javascript_every_posting_is_listed(
    browser, site_url: str, jobs: list[dict[str, Any]]
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "index.html?q=zzzz")
    assert sorted(visible_titles(page)) == sorted(titles(jobs))  # by department, then title
    assert not page.locator("#filters").is_visible()
    assert page.get_by_role("link", name="skill", exact=True).get_attribute("href") == "skills/index.html"
    context.close()


def test_on_a_phone_the_facets_fold_behind_a_button(browser, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(site_url + "index.html")
    toggle = page.get_by_role("button", name="Filters", exact=True)
    assert page.get_by_label("Search").is_visible() and not page.get_by_label("Skill").is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert page.get_by_label("Skill").is_visible() and toggle.get_attribute("aria-expanded") == "true"
    page.get_by_label("Skill").select_option("python")
    page.get_by_label("Location").select_option("Remote")
    assert page.locator("#filters-toggle").text_content() == "Filters (2)"
    page.reload()
    assert page.get_by_label("Skill").is_visible(), "a link with filters opens with the filters shown"
    page.close()


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """120 generated postings: more than a listing page, and more than a page of results."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    project = tmp_path_factory.mktemp("big") / "project"
    module.generate(120, project, seed=3)
    build(load_config(project))
    jobs = list(json.loads((project / "site" / "jobs.json").read_text(encoding="utf-8")))
    with serve_folder(project / "site") as url:
        yield url, jobs


def test_results_come_a_page_at_a_time(browser, big: tuple[str, list[dict[str, Any]]]) -> None:
    url, jobs = big
    page = browser.new_page()
    page.goto(url + "index.html?sort=newest")
    first = visible_titles(page)
    page.get_by_role("button", name="Show more").click()
    second = visible_titles(page)
    page.get_by_role("button", name="Show more").click()
    assert (
        visible_titles(page) == titles(jobs) and second == titles(jobs)[:100] and first == titles(jobs)[:50]
    )
    assert not page.get_by_role("button", name="Show more").is_visible()
    wait_for_count(page, "120 of 120 open positions match")
    page.close()


def test_a_posting_says_how_many_days_ago_it_was_posted(
    browser, site_url: str, jobs: list[dict[str, Any]]
) -> None:
    import datetime as dt

    record = next(r for r in jobs if r["date_posted"])
    days = (dt.date.today() - dt.date.fromisoformat(record["date_posted"])).days
    expected = "today" if days == 0 else "yesterday" if days == 1 else f"{days:,} days ago"
    page = browser.new_page()
    page.goto(site_url + f"jobs/{record['slug']}/index.html")
    posted = page.locator(".posting-head .meta time")
    page.wait_for_function("() => document.querySelector('.posting-head .meta time').title !== ''")
    assert posted.text_content() == expected
    assert posted.get_attribute("title") == dt.date.fromisoformat(record["date_posted"]).strftime(
        "%B %-d, %Y"
    )
    assert page.locator(".details time[data-age]").first.text_content() == expected
    page.close()
