"""Job feeds for the aggregators: Indeed's XML (``indeed.xml``) and LinkedIn's (``linkedin.xml``).

Both list every open posting with the facts its page shows: the title, the date posted, the
salary as the page writes it, the places (one ``<job>`` for each, with a reference that never
changes: the posting's URL slug, and for each further place a suffix made from that place), the
whole description. Every value is CDATA, and Indeed's description has its text as characters,
not entities (Indeed reads none). Dates come from the postings, never from the clock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from careers.config import Config
from careers.model import Posting, Site
from careers.pages.feeds import published
from careers.pages.jsonld import absolute_url, description_html, posting_locations
from careers.pages.layout import Layout, fixed
from careers.posting.location import Location, country_name
from careers.posting.salary import pay_label

PARTNER_ID = 40  # LinkedIn's partnerJobId: at most 40 characters
MIN_DESCRIPTION = 100  # LinkedIn's description: at least 100 characters
INDEED_TYPES = {
    "FULL_TIME": "fulltime",
    "PART_TIME": "parttime",
    "CONTRACTOR": "contract",
    "TEMPORARY": "temporary",
    "INTERN": "internship",
    "VOLUNTEER": "volunteer",
    "PER_DIEM": "per diem",
}
LINKEDIN_TYPES = {
    "FULL_TIME": "FULL_TIME",
    "PART_TIME": "PART_TIME",
    "CONTRACTOR": "CONTRACT",
    "TEMPORARY": "TEMPORARY",
    "INTERN": "INTERNSHIP",
    "VOLUNTEER": "VOLUNTEER",
}
LINKEDIN_LEVELS = {
    "internship": "INTERNSHIP",
    "entry": "ENTRY_LEVEL",
    "associate": "ASSOCIATE",
    "mid_senior": "MID_SENIOR_LEVEL",
    "director": "DIRECTOR",
    "executive": "EXECUTIVE",
}
LINKEDIN_PERIODS = {"HOUR": "HOURLY", "DAY": "DAILY", "WEEK": "WEEKLY", "MONTH": "MONTHLY", "YEAR": "YEARLY"}


@dataclass(frozen=True)
class Place:
    """One place a posting is listed at in a feed: its reference there, and where it is."""

    reference: str
    text: str
    location: Location


def feed_places(posting: Posting) -> list[Place]:
    """Each place of ``posting`` with its reference: the slug for the first, the slug and a hash
    of the place for each further one (so a reference never changes while its place does not)."""
    texts = posting.locations or ("",)
    found = []
    for index, (text, location) in enumerate(zip(texts, posting_locations(posting), strict=False)):
        suffix = "" if index == 0 else "-" + hashlib.sha1(text.encode()).hexdigest()[:8]
        found.append(Place(posting.slug + suffix, text, location))
    return found


def partner_id(reference: str) -> str:
    """``reference`` in at most 40 characters: as it is, or cut with a hash of the whole."""
    if len(reference) <= PARTNER_ID:
        return reference
    return reference[: PARTNER_ID - 9].rstrip("-") + "-" + hashlib.sha1(reference.encode()).hexdigest()[:8]


def linkedin_apply_url(posting: Posting, config: Config) -> str | None:
    """An https link where a job seeker applies: the posting's own, else its page (which has the button)."""
    for url in (posting.apply_url or config.apply_url, absolute_url(config, f"jobs/{posting.slug}/")):
        if url and url.startswith("https://"):
            return url
    return None


def indeed_xml(site: Site, config: Config) -> Layout | None:
    """Every open posting at every place, as Indeed reads a feed."""
    if absolute_url(config, "") is None:
        return None
    head = b'<?xml version="1.0" encoding="utf-8"?>\n<source>\n'
    return Layout(
        published(site),
        lambda posting: _indeed_jobs(posting, config),
        fixed(head, b"", b"</source>\n", head + b"</source>\n"),
    )


def _indeed_jobs(posting: Posting, config: Config) -> str:
    return "".join(
        " <job>\n" + "".join(_indeed_job(posting, place, config)) + " </job>\n"
        for place in feed_places(posting)
    )


def _indeed_job(posting: Posting, place: Place, config: Config) -> Iterator[str]:
    yield _tag("title", posting.title)
    yield _tag("date", posting.date_posted.isoformat() if posting.date_posted else None)
    yield _tag("referencenumber", place.reference)
    yield _tag("requisitionid", posting.reference or posting.slug)
    yield _tag("url", absolute_url(config, f"jobs/{posting.slug}/"))
    yield _tag("company", posting.company or config.company or config.title)
    address = place.location.address
    if address and not place.location.remote:
        yield _tag("city", address.locality)
        yield _tag("state", address.region)
    countries = place.location.applicant_countries if place.location.remote else ()
    yield _tag("country", countries[0] if countries else address.country if address else None)
    if place.location.remote:
        yield _tag("remotetype", "Fully remote")
    apply = posting.apply_url or config.apply_default
    if apply.startswith("mailto:"):
        yield _tag("email", apply.removeprefix("mailto:").split("?")[0])
    # Indeed reads no HTML entity, anywhere: the markup with its text as literal characters.
    yield _tag("description", html.unescape(description_html(posting)))
    yield _tag("salary", pay_label(posting.salary) or None)  # as the page shows it
    yield _tag("jobtype", INDEED_TYPES.get(posting.employment_type or ""))
    yield _tag("expirationdate", posting.valid_through.isoformat() if posting.valid_through else None)


def linkedin_xml(site: Site, config: Config) -> Layout | None:
    """Every open posting LinkedIn can take (an https apply link, a description of 100 characters
    or more) at every place, as LinkedIn's Basic Jobs feed reads it."""
    if absolute_url(config, "") is None:
        return None
    postings = published(site)

    def frame(lengths: Sequence[int]) -> tuple[bytes, bytes, bytes]:
        taken = [posting for posting, length in zip(postings, lengths, strict=True) if length]
        out = ['<?xml version="1.0" encoding="utf-8"?>\n<source>\n']
        out.append(_tag("lastBuildDate", _newest(taken), 1))
        out.append(_tag("publisherUrl", absolute_url(config, "") or "", 1))
        out.append(_tag("publisher", config.company or config.title, 1))
        out.append(f"  <expectedJobCount>{sum(len(feed_places(p)) for p in taken)}</expectedJobCount>\n")
        return "".join(out).encode(), b"", b"</source>\n"

    return Layout(postings, lambda posting: _linkedin_jobs(posting, config), frame)


def _linkedin_jobs(posting: Posting, config: Config) -> str:
    """The posting's jobs, one a place ("" if LinkedIn cannot take it)."""
    if linkedin_ready(posting, config) is not None:
        return ""
    jobs = (
        " <job>\n" + "".join(_linkedin_job(posting, place, config)) + " </job>\n"
        for place in feed_places(posting)
    )
    return "".join(jobs)


def linkedin_ready(posting: Posting, config: Config) -> str | None:
    """Why LinkedIn cannot take ``posting`` (then the feed leaves it out), or ``None``."""
    if linkedin_apply_url(posting, config) is None:
        return "it has no https apply link, and the site no https URL (base_url)"
    if len(description_html(posting)) < MIN_DESCRIPTION:
        return f"its description is under {MIN_DESCRIPTION} characters"
    if not posting.locations:
        return "it has no location"
    return None


def _linkedin_job(posting: Posting, place: Place, config: Config) -> Iterator[str]:
    yield _tag("partnerJobId", partner_id(place.reference))
    yield _tag("company", posting.company or config.company or config.title)
    yield _tag("title", posting.title)
    yield _tag("description", description_html(posting))
    yield _tag("applyUrl", linkedin_apply_url(posting, config))
    yield _tag("location", linkedin_location(place.location) or place.text)
    address = place.location.address
    if address and not place.location.remote:
        yield _tag("city", address.locality)
        yield _tag("state", address.region)
    countries = place.location.applicant_countries if place.location.remote else ()
    yield _tag("country", countries[0] if countries else address.country if address else None)
    yield _tag("workplaceTypes", "Remote" if place.location.remote else None)
    yield _tag("jobtype", LINKEDIN_TYPES.get(posting.employment_type or ""))
    yield _tag("experienceLevel", LINKEDIN_LEVELS.get(posting.level or ""))
    salary = posting.salary
    if salary and (salary.min_value is not None or salary.max_value is not None):
        ends = "".join(
            f"<{end}><amount>{_number(value)}</amount><currencyCode>{salary.currency}</currencyCode></{end}>"
            for end, value in (("highEnd", salary.max_value), ("lowEnd", salary.min_value))
            if value is not None
        )
        period = f"<period>{LINKEDIN_PERIODS.get(salary.unit, 'YEARLY')}</period><type>BASE_SALARY</type>"
        yield f"  <salaries><salary>{ends}{period}</salary></salaries>\n"


def linkedin_location(location: Location) -> str | None:
    """ "City, ST" in the US, "City, Country" elsewhere; a remote job's country."""
    if location.remote:
        countries = location.applicant_countries
        return country_name(countries[0]) if countries else None
    address = location.address
    if address is None or not address.country:
        return None
    if address.country == "US":
        return ", ".join(p for p in (address.locality, address.region) if p) or "United States"
    return ", ".join(p for p in (address.locality, country_name(address.country)) if p)


def _newest(postings: tuple[Posting, ...] | list[Posting]) -> str:
    """The newest change among ``postings`` (their own dates, never the clock)."""
    days = [d for p in postings for d in (p.updated, p.date_posted) if d]
    return max(days, default=dt.date(1970, 1, 1)).isoformat()


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _tag(name: str, value: str | None, depth: int = 2) -> str:
    """``<name><![CDATA[value]]></name>`` (nothing for no value); a ``]]>`` in it is split."""
    if value is None or value == "":
        return ""
    return f"{' ' * depth}<{name}><![CDATA[{value.replace(']]>', ']]]]><![CDATA[>')}]]></{name}>\n"
