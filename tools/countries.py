"""Write careers/data/countries.tsv: every ISO 3166-1 alpha-2 code with the name a careers page shows.

The codes and names come from the time zone database's ``iso3166.tab`` (public domain; Debian
ships it as /usr/share/zoneinfo/iso3166.tab, and so does the ``tzdata`` package on PyPI). Its
names are the usual English ones, sometimes sorted for a picker ("Samoa (American)"); the few a
job seeker would not write are replaced below, and the other spellings people use are kept as
aliases the location reader also knows.

    python tools/countries.py [/usr/share/zoneinfo/iso3166.tab]
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "careers" / "data" / "countries.tsv"
# The name to show instead of the table's, and the table's own name kept as an alias.
SHOWN = {
    "AS": "American Samoa",
    "CD": "DR Congo",
    "CG": "Republic of the Congo",
    "GB": "United Kingdom",
    "KP": "North Korea",
    "KR": "South Korea",
    "MF": "Saint Martin",
    "MM": "Myanmar",
    "SX": "Sint Maarten",
    "SZ": "Eswatini",
    "TC": "Turks and Caicos Islands",
    "VG": "British Virgin Islands",
    "VI": "U.S. Virgin Islands",
    "WS": "Samoa",
}
ALIASES = {
    "AE": ["UAE"],
    "AT": ["Österreich"],
    "BE": ["Belgique", "België"],
    "BR": ["Brasil"],
    "CH": ["Schweiz", "Suisse", "Svizzera"],
    "CZ": ["Czechia", "Česko"],
    "DE": ["Deutschland"],
    "DK": ["Danmark"],
    "EE": ["Eesti"],
    "ES": ["España"],
    "FI": ["Suomi"],
    "HR": ["Hrvatska"],
    "IT": ["Italia"],
    "MX": ["México"],
    "NO": ["Norge"],
    "RO": ["România"],
    "SE": ["Sverige"],
    "PL": ["Polska"],
    "GB": ["UK", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland"],
    "KR": ["Korea", "Republic of Korea"],
    "NL": ["The Netherlands", "Holland", "Nederland"],
    "RU": ["Russian Federation"],
    "TR": ["Türkiye", "Turkiye"],
    "US": ["USA", "U.S.", "U.S.A.", "United States of America", "America"],
    "VN": ["Viet Nam"],
}


def main(argv: list[str]) -> int:
    source = Path(argv[1] if len(argv) > 1 else "/usr/share/zoneinfo/iso3166.tab")
    rows = ["# code\tname shown\tother names (;): written by tools/countries.py from tz's iso3166.tab"]
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, name = line.split("\t")[:2]
        shown = SHOWN.get(code, name)
        others = [n for n in (name, *ALIASES.get(code, [])) if n != shown]
        rows.append(f"{code}\t{shown}\t{';'.join(others)}")
    OUT.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(rows) - 1} countries)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
