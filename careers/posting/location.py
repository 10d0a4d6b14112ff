"""Locations as people write them ("Boston, MA, US", "Remote (US)") read into address parts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "countries.tsv"


def _country_table() -> tuple[dict[str, str], dict[str, str]]:
    """(every name and code people write, lowercased → ISO 3166-1 alpha-2; code → the name shown),
    from ``careers/data/countries.tsv`` (see ``tools/countries.py``)."""
    codes: dict[str, str] = {"eu": "EU"}  # not a country, but "Remote (EU)" names where applicants live
    names: dict[str, str] = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, shown, others = [*line.split("\t"), "", ""][:3]
        names[code] = shown
        for name in (code, shown, *others.split(";")):
            for spelling in {name, name.replace("&", "and"), name.replace("St ", "Saint ")}:
                if spelling.strip():
                    codes.setdefault(" ".join(spelling.lower().split()), code)
    return codes, names


# Country names and codes people write → ISO 3166-1 alpha-2, and each code's name.
COUNTRIES, COUNTRY_NAMES = _country_table()
US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR".split()
)
CA_PROVINCES = frozenset("AB BC MB NB NL NS NT NU ON PE QC SK YT".split())
_REMOTE = re.compile(r"^\s*(remote|work from home|telecommute|anywhere)\b[\s:–-]*(.*)$", re.IGNORECASE)
# Where the work is done, noted after the place: "Portland, OR (hybrid)", "Leeds, UK - Remote",
# "Austin, TX | on-site". It says how the job is worked, not where the place is.
_WORK = r"hybrid|remote|on[- ]?site|in[- ](?:the[- ])?office|office[- ]based|flexible|wfh"
_WORKPLACE_NOTE = re.compile(
    rf"(?<!\s)\s*(?:[(\[]\s*(?P<paren>{_WORK})\b[^()\[\]]{{0,40}}[)\]]|\s[-–—|]\s*(?P<dash>{_WORK}))\s*$",
    re.IGNORECASE,
)
_WORKPLACES = {"onsite": "on-site", "on site": "on-site", "wfh": "remote", "in office": "on-site",
               "in the office": "on-site", "office based": "on-site"}  # fmt: skip


@dataclass(frozen=True)
class Address:
    """A postal address as far as the location text tells it; any part may be missing."""

    locality: str | None = None
    region: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Location:
    """Where the work happens: an address, or (when remote) the countries applicants may live in."""

    address: Address | None
    remote: bool
    applicant_countries: tuple[str, ...] = ()
    place: str | None = None  # the place as written, without a workplace note ("Portland, OR")
    workplace: str | None = None  # the note: "hybrid", "remote", "on-site", "flexible"


def country_code(text: str) -> str | None:
    """The ISO code of a country name or code ("United States", "USA", "US" → ``US``), else ``None``."""
    return COUNTRIES.get(" ".join(text.strip().lower().split()))


def country_name(code: str) -> str:
    """The name a page shows for an ISO country code ("ES" → "Spain"); the code if it is none."""
    return COUNTRY_NAMES.get(code.upper(), code)


def parse_address(text: str) -> Address | None:
    """Read "City, ST, US", "City, ST" (a US state or Canadian province), "City, Country", "Country"."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        return None
    if len(parts) == 1:
        country = country_code(parts[0])
        return Address(country=country) if country else Address(locality=parts[0])
    if len(parts) == 2:
        region = parts[1].upper()
        # Two letters after a city are a state or province before they are a country ("IN", "DE").
        if region in US_STATES or region in CA_PROVINCES:
            return Address(parts[0], parts[1], "US" if region in US_STATES else "CA")
        country = country_code(parts[1])
        return Address(parts[0], None, country) if country else Address(parts[0], parts[1], None)
    country = country_code(parts[-1])
    if country is None:
        return Address(", ".join(parts[:-1]), parts[-1], None)
    return Address(", ".join(parts[:-2]), parts[-2], country)


def parse_location(text: str | None, remote: bool) -> Location:
    """Read a posting's location; ``remote`` is the posting's own (front matter or inferred) flag."""
    if not text:
        return Location(None, remote)
    match = _REMOTE.match(text)
    if match:
        countries = _countries_in(match.group(2))
        return Location(None, True, countries)
    place, workplace = split_workplace(text)
    address = parse_address(place)
    countries = (address.country,) if remote and address and address.country else ()
    return Location(address, remote, countries, place if address else None, workplace)


def split_workplace(text: str) -> tuple[str, str | None]:
    """A location and the workplace note after it: ("Portland, OR", "hybrid") for
    "Portland, OR (hybrid)"; the text as it is, and None, when it has none."""
    note = _WORKPLACE_NOTE.search(text)
    if note is None or not text[: note.start()].strip():
        return text, None
    work = " ".join((note["paren"] or note["dash"]).lower().replace("-", " ").split())
    return text[: note.start()].strip(" ,"), _WORKPLACES.get(work, work.replace("on site", "on-site"))


def _countries_in(text: str) -> tuple[str, ...]:
    """The countries named in "(US)", "- US or Canada", "(US, CA)"."""
    inner = text.strip().strip("()[] ")
    found: list[str] = []
    for part in re.split(r",|/|\bor\b|\band\b|&", inner):
        code = country_code(part)
        if code and code not in found:
            found.append(code)
    return tuple(found)
