"""The JobPosting built from the model: Google's shapes, and safe inside a <script>."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from careers.config import Config
from careers.model import Education, Experience, Part, Posting, Salary, SkillTag
from careers.pages.jsonld import job_posting, script_json

CONFIG = Config(
    company="Acme",
    company_url="https://acme.example/",
    logo="static/logo.png",
    base_url="https://jobs.acme.example/careers/",
)


def posting(**fields: object) -> Posting:
    base: dict[str, object] = {
        "source": "content/jobs/x.md",
        "slug": "engineer",
        "title": "Engineer",
        "sections": (Part("About", "summary", "<p>Build things.</p>"),),
        "summary": "Build things.",
        "company": "Acme",
    }
    return Posting(**{**base, **fields})  # type: ignore[arg-type]


def test_full_posting() -> None:
    data = job_posting(
        posting(
            location="Boston, MA, US",
            employment_type="FULL_TIME",
            date_posted=dt.date(2026, 11, 2),
            valid_through=dt.date(2027, 1, 31),
            apply_url="https://jobs.acme.example/apply/1",
            salary=Salary("USD", 145000.0, 175000.0, "YEAR", "$145,000 – $175,000 per year"),
            experience=Experience(60, None, True, "mid_senior", "5+ years"),
            education=Education("bachelor", True, True, "Bachelor's or equivalent experience"),
            skills=(SkillTag("Python", "python", "Languages", True, "Python"),),
        ),
        CONFIG,
    )
    assert data["@type"] == "JobPosting" and data["title"] == "Engineer"
    assert data["description"] == "<h2>About</h2>\n<p>Build things.</p>"
    assert data["url"] == "https://jobs.acme.example/careers/jobs/engineer/"
    assert (data["datePosted"], data["validThrough"]) == ("2026-11-02", "2027-01-31")
    assert data["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Acme",
        "sameAs": "https://acme.example/",
        "logo": "https://jobs.acme.example/careers/static/logo.png",
    }
    assert data["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Boston",
        "addressRegion": "MA",
        "addressCountry": "US",
    }
    assert "jobLocationType" not in data and "applicantLocationRequirements" not in data
    assert data["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "unitText": "YEAR",
        "minValue": 145000,
        "maxValue": 175000,
    }
    assert data["experienceRequirements"]["monthsOfExperience"] == 60
    assert data["educationRequirements"]["credentialCategory"] == "bachelor degree"
    assert data["experienceInPlaceOfEducation"] is True
    assert data["directApply"] is True and data["skills"] == ["Python"]
    assert data["identifier"] == {"@type": "PropertyValue", "name": "Acme", "value": "engineer"}


def test_telecommute_only_for_fully_remote_postings() -> None:
    remote = job_posting(posting(location="Remote (US, Canada)", remote=True), CONFIG)
    assert remote["jobLocationType"] == "TELECOMMUTE" and "jobLocation" not in remote
    assert remote["applicantLocationRequirements"] == [
        {"@type": "Country", "name": "US"},
        {"@type": "Country", "name": "CA"},
    ]
    onsite = job_posting(posting(location="Austin, TX", remote=False), CONFIG)
    assert "jobLocationType" not in onsite and onsite["jobLocation"]["address"]["addressCountry"] == "US"


def test_another_company_gets_no_site_url_or_logo() -> None:
    data = job_posting(posting(company="Globex"), CONFIG)
    assert data["hiringOrganization"] == {"@type": "Organization", "name": "Globex"}


@pytest.mark.parametrize(
    ("apply", "direct"),
    [
        ("https://acme.example/apply", True),
        ("https://jobs.acme.example/careers/apply", True),
        ("https://boards.example/acme/1", False),
        ("mailto:jobs@acme.example", False),
    ],
)
def test_direct_apply_means_on_the_company_site(apply: str, direct: bool) -> None:
    assert job_posting(posting(apply_url=apply), CONFIG)["directApply"] is direct


def test_single_salary_and_unknown_amounts() -> None:
    one = job_posting(posting(salary=Salary("EUR", 25.5, 25.5, "HOUR", "€25.50 per hour")), CONFIG)
    assert one["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {"@type": "QuantitativeValue", "unitText": "HOUR", "value": 25.5},
    }
    text_only = job_posting(posting(salary=Salary("USD", None, None, "YEAR", "Competitive")), CONFIG)
    assert "baseSalary" not in text_only


def test_no_field_can_close_the_script_element() -> None:
    hostile = "</script><script>alert(1)</script><!-- & -->"
    text = script_json(job_posting(posting(title=hostile, summary=hostile), CONFIG))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["title"] == hostile


def test_several_locations_are_each_a_job_location() -> None:
    data = job_posting(
        posting(location="Munich, Germany", other_locations=("Berlin, Germany", "Vienna, Austria")), CONFIG
    )
    assert [place["address"]["addressLocality"] for place in data["jobLocation"]] == [
        "Munich",
        "Berlin",
        "Vienna",
    ]
    assert {place["address"]["addressCountry"] for place in data["jobLocation"]} == {"DE", "AT"}


def test_a_remote_posting_in_several_countries_lets_applicants_live_in_each() -> None:
    data = job_posting(posting(location="Spain", other_locations=("Portugal",), remote=True), CONFIG)
    assert data["jobLocationType"] == "TELECOMMUTE" and "jobLocation" not in data
    assert [c["name"] for c in data["applicantLocationRequirements"]] == ["ES", "PT"]
