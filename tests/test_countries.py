"""Countries (service/countries.py): the other names news uses for a country's government."""

from __future__ import annotations

import pytest

from service.countries import country_of, names_of


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Kyiv", "Ukraine"),  # a capital
        ("Tehran", "Iran"),
        ("Washington", "United States"),  # "Washington D.C." in the data
        ("the Kremlin", "Russia"),  # a seat of government
        ("White House", "United States"),
        ("Brussels", "European Union"),  # a seat outranks the capital of Belgium
        ("U.S.", "United States"),  # dots dropped
        ("Russian Federation", "Russia"),  # an official name
        ("Azerbaijani", "Azerbaijan"),  # a demonym
        ("Armenians", "Armenia"),  # and its plural
        ("American", "United States"),  # not the outlying islands: the more populous country
        ("Ukraine", "Ukraine"),
    ],
)
def test_a_name_stands_for_its_country(name: str, country: str) -> None:
    assert country_of(name) == country


@pytest.mark.parametrize("name", ["Corvale", "Union", "Local 17", "Hamas", "", "UKR", "RU"])
def test_other_names_and_codes_stand_for_no_country(name: str) -> None:
    # ISO codes are no copy's spelling of a country (only US and UK are).
    assert country_of(name) is None


def test_a_country_s_names_all_lead_back_to_it() -> None:
    names = names_of("Russia")
    assert {"Moscow", "Kremlin", "Russian", "Russian Federation"} <= set(names)
    assert "Russia" not in names and "RUS" not in names
    assert all(country_of(n) == "Russia" for n in names)
    assert names_of("Atlantis") == []
