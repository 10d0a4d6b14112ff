"""Country names as postings write them, in English and in their own languages, to ISO 3166-1 codes."""

from __future__ import annotations

# fmt: off
_NAMES = {
    "AE": "united arab emirates; uae", "AR": "argentina", "AT": "austria; österreich", "AU": "australia",
    "BE": "belgium; belgië; belgique", "BG": "bulgaria", "BR": "brazil; brasil", "CA": "canada",
    "CH": "switzerland; schweiz; suisse; svizzera", "CL": "chile", "CN": "china", "CO": "colombia",
    "CY": "cyprus", "CZ": "czech republic; czechia; česko", "DE": "germany; deutschland",
    "DK": "denmark; danmark", "EE": "estonia; eesti", "EG": "egypt", "ES": "spain; españa",
    "FI": "finland; suomi", "FR": "france", "GB": "united kingdom; great britain; england; scotland; wales; "
    "northern ireland; uk", "GR": "greece", "HK": "hong kong", "HR": "croatia; hrvatska", "HU": "hungary",
    "ID": "indonesia", "IE": "ireland", "IL": "israel", "IN": "india", "IS": "iceland", "IT": "italy; italia",
    "JP": "japan", "KE": "kenya", "KR": "south korea; korea", "LT": "lithuania", "LU": "luxembourg",
    "LV": "latvia", "MA": "morocco", "MX": "mexico; méxico", "MY": "malaysia", "NG": "nigeria",
    "NL": "netherlands; the netherlands; nederland; holland", "NO": "norway; norge", "NZ": "new zealand",
    "PE": "peru", "PH": "philippines", "PK": "pakistan", "PL": "poland; polska", "PT": "portugal",
    "RO": "romania; românia", "RS": "serbia", "SA": "saudi arabia", "SE": "sweden; sverige",
    "SG": "singapore", "SI": "slovenia", "SK": "slovakia", "TH": "thailand", "TR": "turkey; türkiye",
    "TW": "taiwan", "UA": "ukraine", "US": "united states; united states of america; usa; u.s.; u.s.a.; us",
    "VN": "vietnam; viet nam", "ZA": "south africa", "AM": "armenia", "GE": "georgia (country)",
}
# fmt: on
COUNTRY_NAMES: dict[str, str] = {
    name.strip(): code for code, names in _NAMES.items() for name in names.split(";") if name.strip()
}
