"""Countries: the other names news uses for a country's government.

A report says "Moscow", "the Kremlin" or "Russian officials" for Russia, and "Washington" or
"the White House" for the United States. A profile drafted from articles (`service.draft`)
files all of them under one party, as a person writing the profile by hand would. The country
names, alternative spellings, capitals and demonyms come from countryinfo's data; the seats of
government, which no such dataset lists, are below.
"""

from __future__ import annotations

import re
from functools import cache

from countryinfo import CountryInfo

# Seats of government that stand for it in news copy ("the Kremlin said"). Brussels stands for
# the European Union more often than for Belgium.
_SEATS = {
    "Russia": ["Kremlin"],
    "United States": ["White House", "Pentagon", "State Department", "Washington"],
    "United Kingdom": ["Britain", "Downing Street", "Whitehall"],
    "France": ["Élysée", "Elysee", "Élysée Palace", "Elysee Palace", "Quai d'Orsay"],
    "Ukraine": ["Bankova"],
    "China": ["Zhongnanhai"],
    "European Union": ["EU", "Brussels"],
}
# A name as English copy writes it: not in another script ("Россия"); ISO codes are left out apart.
_LATIN = re.compile(r"[A-Z][A-Za-z'’. -]+")


@cache
def _names() -> dict[str, str]:
    """Every name of a country (lower-cased, dots dropped) -> the country's common English name."""
    out: dict[str, str] = {}
    # Where two share a name ("American": the United States and its outlying islands), the more
    # populous is meant.
    for info in sorted(CountryInfo.all().values(), key=lambda i: -(i.get("population") or 0)):
        country = info.get("name")
        if not country:
            continue
        iso = info.get("ISO") or {}
        codes = {str(iso.get("alpha2") or ""), str(iso.get("alpha3") or "")} - {"US", "UK", "USA"}
        for name in [country, *_others(info)]:
            if name and name not in codes and _LATIN.fullmatch(name):
                out.setdefault(_key(name), country)
    for country, seats in _SEATS.items():
        for seat in seats:
            out[_key(seat)] = country  # a seat outranks a capital ("Brussels")
    return out


def _others(info: dict) -> list[str]:
    """A country's spellings, capital(s) ("Washington" for "Washington D.C.") and demonym."""
    capitals = info.get("capital") or []
    capitals = [capitals] if isinstance(capitals, str) else capitals
    capitals = [re.sub(r"\s+D\.?C\.?$", "", c) for c in capitals]
    return [*info.get("altSpellings", []), *capitals, info.get("demonym") or ""]


def _key(name: str) -> str:
    return name.replace(".", "").casefold()


def country_of(name: str) -> str | None:
    """The country a name stands for ("Kremlin", "Kyiv", "U.S.", "Ukrainian"); None when none."""
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    return _names().get(_key(name)) or _names().get(_key(re.sub(r"s$", "", name)))


def names_of(country: str) -> list[str]:
    """Every name that stands for `country`, as written (country, spellings, capital, demonym, seats)."""
    info = next((i for i in CountryInfo.all().values() if i.get("name") == country), None)
    out = [*(_others(info) if info else []), *_SEATS.get(country, [])]
    return [n for n in dict.fromkeys(out) if n and country_of(n) == country]
