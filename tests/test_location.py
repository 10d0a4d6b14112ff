"""Locations as written in front matter, read into address parts and remote countries."""

from __future__ import annotations

import pytest

from careers.posting.location import Address, parse_location


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
