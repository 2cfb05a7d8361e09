"""Cues around a place name: admin words, nearness, a qualifier after a comma, a town noun."""

from __future__ import annotations

import pytest

from conflictatlas.geo.cues import read_cues


def cues_of(text: str, name: str):
    start = text.index(name)
    return read_cues(text, start, start + len(name))


@pytest.mark.parametrize(
    ("text", "level"),
    [("Villages in Homs province were shelled.", "ADM1"), ("Fighting in Tadmur district.", "ADM2")],
)
def test_admin_word_after_the_name_gives_its_level(text, level):
    name = "Homs" if "Homs" in text else "Tadmur"
    assert cues_of(text, name).admin_level == level


@pytest.mark.parametrize(
    "text", ["Clashes near Gao.", "A blast 60 km south of Gao.", "On the outskirts of Gao."]
)
def test_near_and_distance_phrases(text):
    assert cues_of(text, "Gao").near


def test_qualifier_after_a_comma():
    assert cues_of("A fire in Gainesville, Ga. on Monday.", "Gainesville").qualifier == "Ga."
    assert cues_of("Clashes in Tripoli, northern Lebanon, on Sunday.", "Tripoli").qualifier == "Lebanon"


@pytest.mark.parametrize(
    ("text", "name", "level"),
    [
        ("Airstrikes hit the province of Idlib.", "Idlib", "ADM1"),
        ("Des combats dans la région de Mopti.", "Mopti", "ADM1"),
        ("Une attaque dans le cercle de Bankass.", "Bankass", "ADM2"),
        ("Shells hit the Karrada district of Baghdad.", "Baghdad", None),  # a quarter of the town
    ],
)
def test_admin_word_before_the_name_gives_its_level(text, name, level):
    assert cues_of(text, name).admin_level == level


@pytest.mark.parametrize(
    "text",
    [
        "Jets struck the city of Raqqa.",
        "Des tirs dans la ville de Raqqa.",
        "A missile hit Raqqa city.",
        "Gunmen entered Raqqa town at dawn.",
    ],
)
def test_a_town_noun_before_or_after_says_the_name_is_the_town(text):
    assert cues_of(text, "Raqqa").settlement


@pytest.mark.parametrize(
    "text",
    [
        "San Fernando City Council met.",
        "Jets struck Raqqa on Monday.",
        "Jets struck the Raqqa town of Tabqa.",  # a town in Raqqa province
        "The shooting happened in a small Raqqa town.",  # the name says where the town is
    ],
)
def test_a_capitalised_city_is_part_of_a_longer_name(text):
    name = "San Fernando" if "San" in text else "Raqqa"
    assert not cues_of(text, name).settlement


def test_a_district_word_followed_by_of_names_a_quarter_not_the_area():
    assert cues_of("A raid on the Raqqa district of al-Badu killed 11.", "Raqqa").admin_level is None
    assert cues_of("Shelling hit the Idlib province of Syria.", "Idlib").admin_level == "ADM1"
    assert cues_of("Shelling hit the Donetsk region of eastern Ukraine.", "Donetsk").admin_level == "ADM1"
