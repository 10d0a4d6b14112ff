"""Locations as written in front matter, read into address parts and remote countries."""

from __future__ import annotations

import pytest

from careers.posting.location import Address, country_code, parse_address, parse_location


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Boston, MA, US", Address("Boston", "MA", "US")),
        ("Boston, MA", Address("Boston", "MA", "US")),
        ("Indianapolis, IN", Address("Indianapolis", "IN", "US")),  # Indiana, not India
        ("Toronto, ON", Address("Toronto", "ON", "CA")),
        ("London, United Kingdom", Address("London", None, "GB")),
        ("New York, NY, USA", Address("New York", "NY", "US")),
        ("Paris, Île-de-France, France", Address("Paris", "Île-de-France", "FR")),
        ("Germany", Address(None, None, "DE")),
        ("Springfield", Address("Springfield", None, None)),
        ("Springfield, Nowhere", Address("Springfield", "Nowhere", None)),
    ],
)
def test_addresses(text: str, address: Address) -> None:
    location = parse_location(text, remote=False)
    assert location.address == address and not location.remote


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("Remote (US)", ("US",)),
        ("Remote - US or Canada", ("US", "CA")),
        ("Remote (United States, UK)", ("US", "GB")),
        ("Remote", ()),
        ("Work from home", ()),
    ],
)
def test_remote_locations_name_applicant_countries(text: str, countries: tuple[str, ...]) -> None:
    location = parse_location(text, remote=False)
    assert location.remote and location.address is None
    assert location.applicant_countries == countries


def test_a_remote_posting_with_an_address_takes_its_country() -> None:
    location = parse_location("Austin, TX", remote=True)
    assert location.remote and location.applicant_countries == ("US",)
    assert parse_location(None, remote=True).applicant_countries == ()


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Copenhagen, Denmark", "DK"),
        ("København, DK", "DK"),
        ("Lisbon, Portugal", "PT"),
        ("Seoul, South Korea", "KR"),
        ("Port of Spain, Trinidad and Tobago", "TT"),
        ("Port of Spain, Trinidad & Tobago", "TT"),
        ("Toronto, Ontario, Canada", "CA"),
        ("London, UK", "GB"),
    ],
)
def test_every_country_is_known_by_its_code_and_its_names(text: str, country: str) -> None:
    """Every ISO 3166-1 country (careers/data/countries.tsv), not only a few dozen: a board's
    "Copenhagen, Denmark" is an address in Denmark, not a place with no country."""
    address = parse_address(text)
    assert address is not None and address.country == country


def test_each_code_has_the_name_a_page_shows() -> None:
    from careers.posting.location import COUNTRY_NAMES, country_name

    assert len(COUNTRY_NAMES) == 249
    assert (country_name("es"), country_name("GB"), country_name("KR")) == (
        "Spain",
        "United Kingdom",
        "South Korea",
    )
    assert all("," not in name for name in COUNTRY_NAMES.values())  # "City, Country" stays two parts
    assert all(country_code(name) == code for code, name in COUNTRY_NAMES.items())
