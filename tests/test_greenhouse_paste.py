"""A Greenhouse posting pasted as it is, as the user in issue 21 pasted one, built and read as a
job seeker reads it: every required skill shown (the ones the requirements name first), none made
from teams, people or the work's objects, the board's links gone, the notice not a benefit."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup

from careers.config import load_config
from careers.engine import build

PASTED = """<h1>Senior Backend Engineer, Routing</h1>
<p><a href="https://boards.greenhouse.io/acmefreight">Back to jobs</a> ·
<a href="https://twitter.com/intent/tweet?text=Senior+Backend+Engineer">Share on Twitter</a></p>
<p><strong>About Acme Freight</strong></p>
<p>Acme Freight plans 300 delivery routes a night for grocers across the Pacific Northwest, from
two depots in Portland and Seattle.</p>
<p><strong>What you'll do</strong></p>
<ul>
<li>Build and run the routing services that plan every truck's night</li>
<li>You will work closely with our dispatchers and our data science team</li>
<li>Keep the APIs fast and the on-call quiet</li>
</ul>
<p><strong>What you'll bring</strong></p>
<ul>
<li>5+ years building backend services in production</li>
<li>Python, PostgreSQL, Go and Kubernetes</li>
<li>Experience with message queues such as RabbitMQ or Kafka</li>
</ul>
<p><strong>Nice to have</strong></p>
<ul><li>Terraform</li></ul>
<p><strong>Benefits</strong></p>
<ul>
<li>Health, dental and vision insurance</li>
<li>401(k) with a 4% match</li>
</ul>
<p>Acme Freight is an equal opportunity employer. We do not discriminate on the basis of race,
religion, color, national origin, sex, age or disability.</p>
<p><strong>Portland, OR pay range</strong></p>
<p>$165,000—$195,000 USD</p>
<p>Powered by <a href="https://www.greenhouse.io">Greenhouse</a></p>
"""
NOT_SKILLS = ("Dispatching", "Delivery Driving", "Data Science")


def built(tiny: Path) -> tuple[BeautifulSoup, dict[str, object]]:
    (tiny / "content" / "jobs" / "good.md").unlink()
    (tiny / "content" / "jobs" / "routing.html").write_text(PASTED, encoding="utf-8")
    build(load_config(tiny))
    site = tiny / "site"
    page = BeautifulSoup(
        (site / "jobs" / "senior-backend-engineer-routing" / "index.html").read_text(), "lxml"
    )
    (record,) = json.loads((site / "jobs.json").read_text(encoding="utf-8"))
    return page, record


def test_every_required_skill_is_shown_the_requirements_first_and_none_from_teams(tiny: Path) -> None:
    page, record = built(tiny)
    side = page.select_one(".posting-side")
    required, preferred = ([a.get_text() for a in ul.select("a")] for ul in side.select("ul.chips"))
    assert required[:4] == ["Python", "PostgreSQL", "Go", "Kubernetes"]
    assert {"RabbitMQ", "Apache Kafka"} <= set(required)
    assert preferred == ["Terraform"]
    assert not set(NOT_SKILLS) & set(record["skills"])  # type: ignore[arg-type]
    (posting,) = [
        json.loads(s.get_text())
        for s in page.select('script[type="application/ld+json"]')
        if "JobPosting" in s.get_text()
    ]
    assert posting["skills"] == [*required, *preferred]


def test_the_card_shows_the_first_skills_of_that_order(tiny: Path) -> None:
    built(tiny)
    index = BeautifulSoup((tiny / "site" / "index.html").read_text(), "lxml")
    chips = [a.get_text() for a in index.select(".card .chip")]
    assert chips[:4] == ["Python", "PostgreSQL", "Go", "Kubernetes"]


def test_the_boards_links_are_gone_and_the_notice_is_no_benefit(tiny: Path) -> None:
    page, record = built(tiny)
    text = page.select_one("article").get_text(" ")
    for furniture in ("Back to jobs", "Share on Twitter", "Powered by"):
        assert furniture not in text
    assert not page.select('article a[href*="greenhouse.io"], article a[href*="twitter.com"]')
    kinds = {s["heading"]: s["kind"] for s in record["sections"]}  # type: ignore[index, union-attr]
    assert kinds["Benefits"] == "benefits"
    benefits = next(h for h in page.select("article h2") if h.get_text() == "Benefits")
    listed = benefits.find_next_sibling()
    assert listed is not None and "equal opportunity" not in listed.get_text()
    assert "equal opportunity employer" in text  # kept on the page, in a section of its own
