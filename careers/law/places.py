"""Where a posting's work is, as the laws' table names places: country, state or province, city.

"Boston, MA, US" is in the US, in MA, in Boston; "Denver, Colorado" in the US and CO; "Remote
(US)" is work anywhere in the US; "reports_to: New York, NY" is where the job reports to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from careers.posting.location import CA_PROVINCES, US_STATES, parse_address, parse_location

# State and province names as people write them → their codes.
REGION_NAMES = {
    name: code
    for code, name in (
        ("AL", "alabama"), ("AK", "alaska"), ("AZ", "arizona"), ("AR", "arkansas"), ("CA", "california"),
        ("CO", "colorado"), ("CT", "connecticut"), ("DE", "delaware"), ("DC", "district of columbia"),
        ("DC", "washington, d.c."), ("DC", "washington dc"), ("FL", "florida"), ("GA", "georgia"),
        ("HI", "hawaii"), ("ID", "idaho"), ("IL", "illinois"), ("IN", "indiana"), ("IA", "iowa"),
        ("KS", "kansas"), ("KY", "kentucky"), ("LA", "louisiana"), ("ME", "maine"), ("MD", "maryland"),
        ("MA", "massachusetts"), ("MI", "michigan"), ("MN", "minnesota"), ("MS", "mississippi"),
        ("MO", "missouri"), ("MT", "montana"), ("NE", "nebraska"), ("NV", "nevada"), ("NH", "new hampshire"),
        ("NJ", "new jersey"), ("NM", "new mexico"), ("NY", "new york"), ("NC", "north carolina"),
        ("ND", "north dakota"), ("OH", "ohio"), ("OK", "oklahoma"), ("OR", "oregon"), ("PA", "pennsylvania"),
        ("RI", "rhode island"), ("SC", "south carolina"), ("SD", "south dakota"), ("TN", "tennessee"),
        ("TX", "texas"), ("UT", "utah"), ("VT", "vermont"), ("VA", "virginia"), ("WA", "washington"),
        ("WV", "west virginia"), ("WI", "wisconsin"), ("WY", "wyoming"), ("PR", "puerto rico"),
        ("AB", "alberta"), ("BC", "british columbia"), ("MB", "manitoba"), ("NB", "new brunswick"),
        ("NL", "newfoundland and labrador"), ("NS", "nova scotia"), ("ON", "ontario"),
        ("PE", "prince edward island"), ("QC", "quebec"), ("SK", "saskatchewan"), ("YT", "yukon"),
    )
}  # fmt: skip


_COUNTRY_REGION_CITY = re.compile(r"(?P<country>US|CA)-(?P<region>[A-Z]{2})-(?P<city>[^,]{1,80})")
_ZIP = re.compile(r"\b([A-Z]{2}) \d{5}(?:-\d{4})?\b")  # "New York, NY 10004": the state, not the ZIP code


@dataclass(frozen=True)
class Place:
    """One place the work is (or reports to): any part may be unknown."""

    country: str | None
    region: str | None = None
    locality: str | None = None


@dataclass(frozen=True)
class Where:
    """Where a posting's work is: a place, or (remote) the countries it may be done in."""

    place: Place | None
    remote_countries: tuple[str, ...] = ()
    reports_to: Place | None = None

    def describe(self) -> str:
        """How ``--jurisdiction`` says where the work is."""
        parts = []
        if self.place:
            parts.append(
                "work in "
                + ", ".join(p for p in (self.place.locality, self.place.region, self.place.country) if p)
            )
        if self.remote_countries:
            parts.append("remote work open to " + ", ".join(self.remote_countries))
        if self.reports_to:
            parts.append(
                "reporting to "
                + ", ".join(p for p in (self.reports_to.locality, self.reports_to.region) if p)
            )
        return "; ".join(parts) or "no location"


def read_place(text: str | None) -> Place | None:
    """ "Boston, MA, US", "Denver, Colorado", "Toronto, ON", "Berlin, Germany" as a place."""
    if not text:
        return None
    coded = _COUNTRY_REGION_CITY.fullmatch(text.strip())  # Workday's "US-IL-Yorkville"
    if coded:
        text = f"{coded['city']}, {coded['region']}, {coded['country']}"
    address = parse_address(_ZIP.sub(r"\1", text))
    if address is None:
        return None
    region = _region(address.region) or _region(address.locality if not address.region else None)
    country = address.country or _country_of(region)
    if region and not address.region:  # "Colorado" alone names a state, not a town
        return Place(country, region, None)
    return Place(country, region, (address.locality or "").strip() or None)


def _region(text: str | None) -> str | None:
    if not text:
        return None
    key = " ".join(text.strip().lower().split())
    if key.upper() in US_STATES or key.upper() in CA_PROVINCES:
        return key.upper()
    return REGION_NAMES.get(key)


def _country_of(region: str | None) -> str | None:
    if region in US_STATES:
        return "US"
    return "CA" if region in CA_PROVINCES else None


def where_of(location: str | None, remote: bool, reports_to: str | None = None) -> Where:
    """Where a posting's work is, from its ``location``, ``remote`` flag and ``reports_to``."""
    read = parse_location(location, remote)
    place = read_place(location) if read.address else None
    countries = read.applicant_countries if read.remote else ()
    if read.remote and not countries and place and place.country:
        countries = (place.country,)
    return Where(place, tuple(countries), read_place(reports_to))
