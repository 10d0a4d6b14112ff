"""schema.org ``JobPosting`` for Google for Jobs, built from the model (never from templates)."""

from __future__ import annotations

import html
import json
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from careers.config import Config
from careers.model import Posting, SkillTag
from careers.posting.closing import closes_on
from careers.posting.location import Location, parse_location

# Our education levels → Google's credentialCategory values.
CREDENTIAL_CATEGORIES = {
    "high_school": "high school",
    "associate": "associate degree",
    "bachelor": "bachelor degree",
    "master": "postgraduate degree",
    "doctorate": "postgraduate degree",
    "certificate": "professional certificate",
    "professional_certificate": "professional certificate",
}
# Characters that could end the <script> element or start an HTML comment inside it.
# A relative site path of slug-like segments ending in "/", or the empty path.
_PLAIN_PATH = re.compile(r"[a-z0-9-]+(/[a-z0-9-]+)*/|")
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def absolute_url(config: Config, target: str) -> str | None:
    """``target`` (a site path) as an absolute URL, or ``None`` when ``base_url`` is only a path."""
    base = config.base_url
    if base.endswith("/") and "?" not in base and "#" not in base and _PLAIN_PATH.fullmatch(target):
        # What urljoin gives for a plain relative path (the sitemap asks 10,000 times).
        return base + target if urlsplit(base).scheme in ("http", "https") else None
    url = urljoin(base, target)
    return url if urlsplit(url).scheme in ("http", "https") else None


def description_html(posting: Posting) -> str:
    """The whole cleaned posting as HTML: section headings and their blocks."""
    parts = []
    for section in posting.sections:
        if section.heading:
            parts.append(f"<h2>{html.escape(section.heading, quote=False)}</h2>")
        parts.append(section.html)
    return "\n".join(parts)


def shown_skills(posting: Posting) -> tuple[list[SkillTag], list[SkillTag]]:
    """The skills a posting's page shows: (required, nice to have), every one, most important
    first (the tagger's order: named in the requirements, specific before generic)."""
    required = [tag for tag in posting.skills if tag.required]
    preferred = [tag for tag in posting.skills if not tag.required]
    return required, preferred


def posting_location(posting: Posting) -> Location:
    return parse_location(posting.location, posting.remote)


def posting_locations(posting: Posting) -> tuple[Location, ...]:
    """Every place a posting names, read (one, with no address, for a posting that names none)."""
    if not posting.other_locations:
        return (posting_location(posting),)
    return tuple(parse_location(place, posting.remote) for place in posting.locations)


def job_posting(posting: Posting, config: Config) -> dict[str, Any]:
    """The ``JobPosting`` object for one posting; every value is one the page shows."""
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": posting.title,
        "description": description_html(posting),
        "identifier": {
            "@type": "PropertyValue",
            "name": posting.company or config.title,
            "value": posting.reference or posting.slug,
        },
    }
    url = absolute_url(config, f"jobs/{posting.slug}/")
    if url:
        data["url"] = url
    if posting.date_posted:
        data["datePosted"] = posting.date_posted.isoformat()
    closes = closes_on(posting, config.max_age_days)  # stated, or when the site will close it
    if closes:
        data["validThrough"] = closes.isoformat()
    if posting.employment_type:
        data["employmentType"] = posting.employment_type
    if posting.company:
        data["hiringOrganization"] = organization(posting.company, config)
    data.update(places(posting_locations(posting)))
    data.update(requirements(posting))
    if posting.salary and posting.salary.known:
        data["baseSalary"] = base_salary(posting)
    apply = posting.apply_url or config.apply_default
    if apply:
        data["directApply"] = is_direct_apply(apply, config)
    required, preferred = shown_skills(posting)
    if required or preferred:
        data["skills"] = [tag.name for tag in (*required, *preferred)]
    return data


def organization(name: str, config: Config) -> dict[str, Any]:
    """The hiring organization; the site's own URL and logo only when it is the site's company."""
    org: dict[str, Any] = {"@type": "Organization", "name": name}
    if name == config.company:
        if config.company_url:
            org["sameAs"] = config.company_url
        logo = absolute_url(config, config.logo) if config.logo else None
        if logo:
            org["logo"] = logo
    return org


def place(location: Location) -> dict[str, Any]:
    """``jobLocation``, or ``jobLocationType: TELECOMMUTE`` with the countries applicants may be in."""
    out: dict[str, Any] = {}
    if location.remote:
        out["jobLocationType"] = "TELECOMMUTE"
        if location.applicant_countries:
            out["applicantLocationRequirements"] = [
                {"@type": "Country", "name": code} for code in location.applicant_countries
            ]
    address = location.address
    if address and not location.remote:
        postal: dict[str, Any] = {"@type": "PostalAddress"}
        for key, value in (
            ("addressLocality", address.locality),
            ("addressRegion", address.region),
            ("addressCountry", address.country),
        ):
            if value:
                postal[key] = value
        out["jobLocation"] = {"@type": "Place", "address": postal}
    return out


def places(locations: tuple[Location, ...]) -> dict[str, Any]:
    """``place`` for one location; for several, every address as a ``jobLocation`` list, or (fully
    remote) the countries of them all."""
    if len(locations) == 1:
        return place(locations[0])
    remote = any(location.remote for location in locations)
    countries = tuple(dict.fromkeys(c for location in locations for c in location.applicant_countries))
    found = [place(Location(location.address, remote, countries)) for location in locations]
    if remote:
        return found[0]
    addresses = [entry["jobLocation"] for entry in found if "jobLocation" in entry]
    return {"jobLocation": addresses} if addresses else {}


def requirements(posting: Posting) -> dict[str, Any]:
    """Experience in months and education as Google reads them."""
    out: dict[str, Any] = {}
    experience = posting.experience
    if experience and experience.min_months is not None:
        out["experienceRequirements"] = {
            "@type": "OccupationalExperienceRequirements",
            "monthsOfExperience": experience.min_months,
        }
    education = posting.education
    # Only a requirement is one: "Bachelor's degree preferred" is no educationRequirements.
    if education and education.required and education.level in CREDENTIAL_CATEGORIES:
        out["educationRequirements"] = {
            "@type": "EducationalOccupationalCredential",
            "credentialCategory": CREDENTIAL_CATEGORIES[education.level],
        }
        out["experienceInPlaceOfEducation"] = education.equivalent_experience
    return out


def base_salary(posting: Posting) -> dict[str, Any]:
    """The posting's pay as a ``MonetaryAmount``: a fixed figure as ``value``, a range (or one
    open end of one: "up to", "from") as ``minValue``/``maxValue``, never an end as the pay."""
    salary = posting.salary
    assert salary is not None
    value: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": salary.unit}
    if salary.kind == "fixed":
        value["value"] = _number(salary.min_value)
    else:
        if salary.min_value is not None:
            value["minValue"] = _number(salary.min_value)
        if salary.max_value is not None:
            value["maxValue"] = _number(salary.max_value)
    return {"@type": "MonetaryAmount", "currency": salary.currency, "value": value}


def _number(value: float | None) -> int | float | None:
    return int(value) if value is not None and float(value).is_integer() else value


def is_direct_apply(apply: str, config: Config) -> bool:
    """Applying happens on the company's own site (not by email, not on a job board)."""
    host = urlsplit(apply).netloc.lower()
    if not host:
        return False
    own = {urlsplit(u).netloc.lower() for u in (config.company_url, config.base_url) if u}
    return host in own or any(host.endswith("." + h) for h in own if h)


def script_json(data: dict[str, Any]) -> str:
    """JSON for a ``<script>`` element: ``<``, ``>`` and ``&`` escaped so no field can close it."""
    text = json.dumps(data, ensure_ascii=False)  # no indent: json's C encoder writes it
    for char, escape in _SCRIPT_ESCAPES.items():
        text = text.replace(char, escape)
    return text
