"""The offline gazetteer: folding rules, the built file, and look-ups of the spellings news uses."""

from __future__ import annotations

import time

import pytest

from conflictatlas.geo.fold import fold, skeleton, strip_article, strip_suffix
from conflictatlas.geo.gazetteer import FILE_NAME, SCHEMA_VERSION, Gazetteer, cache_dir

TADMUR, RAQQA, DEIR_EZ_ZOR, SUKHNAH, KOBANI = 163808, 172955, 170794, 172425, 172256


def top(gaz: Gazetteer, name: str) -> list[int | None]:
    return [m.entry.geonameid for m in gaz.lookup(name)]


def test_fold_lowercases_strips_accents_and_punctuation():
    assert fold("Deir ez-Zor") == "deir ez zor"
    assert fold("Sokhné") == "sokhne"
    assert fold("U.S.") == "us"
    assert fold("Dar'ā") == "dara"
    assert fold("") == ""


def test_article_and_admin_word_are_dropped():
    assert strip_article(fold("Ar-Raqqah")) == "raqqah"
    assert strip_article(fold("el Obeid")) == "obeid"
    assert strip_article("al") == "al"  # a bare article is left alone
    assert strip_suffix(fold("Homs Governorate")) == "homs"


def test_skeleton_joins_transliterations():
    assert skeleton(strip_article(fold("Deir Ezzor"))) == skeleton(strip_article(fold("Dayr az-Zawr")))
    assert skeleton(fold("Raqa")) == skeleton(strip_article(fold("Ar Raqqah")))
    assert skeleton(fold("Sokhne")) == skeleton(strip_article(fold("As Sukhnah")))


def test_cache_file_is_versioned_and_complete(gaz: Gazetteer):
    assert gaz.path.name == FILE_NAME and f"v{SCHEMA_VERSION}" in FILE_NAME
    assert gaz.path.parent == cache_dir()
    assert not list(gaz.path.parent.glob(".gazetteer-*.tmp"))  # built under a temporary name, renamed


def test_opening_a_built_gazetteer_is_fast(gaz: Gazetteer):
    started = time.perf_counter()
    Gazetteer(gaz.path).lookup("Homs")
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    ("name", "geonameid"),
    [
        ("Tadmur", TADMUR),
        ("Palmyra", TADMUR),
        ("Tadmor", TADMUR),
        ("Deir ez-Zor", DEIR_EZ_ZOR),
        ("Kobanî", KOBANI),
        ("Ayn al-Arab", KOBANI),
        ("Raqqa", RAQQA),
        ("Ar-Raqqah", RAQQA),
    ],
)
def test_spellings_find_the_place(gaz: Gazetteer, name: str, geonameid: int):
    assert geonameid in top(gaz, name)


@pytest.mark.parametrize(
    ("name", "geonameid"), [("Deir Ezzor", DEIR_EZ_ZOR), ("Raqa", RAQQA), ("Sokhné", SUKHNAH)]
)
def test_transliterations_are_found_fuzzily(gaz: Gazetteer, name: str, geonameid: int):
    assert geonameid in top(gaz, name)


def test_town_place_has_coordinates_and_english_admin1(gaz: Gazetteer):
    match = next(m for m in gaz.lookup("Tadmur") if m.entry.geonameid == TADMUR)
    place = gaz.place(match.entry)
    assert (round(place.latitude, 2), round(place.longitude, 2)) == (34.56, 38.28)
    assert place.country == "Syria" and place.country_code == "SY" and place.iso == 760
    assert place.admin1 == "Homs"


@pytest.mark.parametrize(
    ("name", "cc", "admin2"),
    [
        ("Tadmur", "SY", "Tadmur District"),  # the seat of its district
        ("As Sukhnah", "SY", "Tadmur District"),  # nearest seat: Tadmur
        ("Aleppo", "SY", "Mount Simeon District"),  # seat named in geo_district_seats.tsv
        ("Mogadishu", "SO", "Banadir"),
        ("Gao", "ML", "Gao Cercle"),  # tied to its district by GeoNames itself
        ("Beit Hanoun", "PS", "North Gaza"),  # the governorates of Palestine are districts...
        ("Jenin", "PS", "Jenin"),
    ],
)
def test_towns_have_their_district(gaz: Gazetteer, name: str, cc: str, admin2: str):
    entry = next(m.entry for m in gaz.lookup(name) if m.entry.cc == cc and m.entry.fcode.startswith("PPL"))
    assert gaz.place(entry).admin2 == admin2


@pytest.mark.parametrize(("name", "admin1"), [("Khan Yunis", "Gaza Strip"), ("Nablus", "West Bank")])
def test_palestinian_towns_lie_in_the_gaza_strip_or_the_west_bank(gaz: Gazetteer, name: str, admin1: str):
    # ...of the Gaza Strip and the West Bank, as ACLED codes them
    entries = [m.entry for m in gaz.lookup(name) if m.entry.cc == "PS"]
    town = next(e for e in entries if e.fcode.startswith("PPL"))
    assert gaz.place(town).admin1 == admin1
    assert {e.fcode for e in entries if not e.fcode.startswith("PPL")} == {"ADM2"}


def test_admin1_has_common_english_name_and_derived_point(gaz: Gazetteer):
    homs = next(m.entry for m in gaz.lookup("Homs Governorate") if m.entry.fcode == "ADM1")
    assert homs.name == "Homs" and homs.cc == "SY"
    assert 33.5 < homs.lat < 35.5 and 36.0 < homs.lon < 40.0


@pytest.mark.parametrize(("name", "cc"), [("Syria", "SY"), ("Iraq", "IQ"), ("Belgium", "BE"), ("U.S.", "US")])
def test_countries_have_points(gaz: Gazetteer, name: str, cc: str):
    country = next(m.entry for m in gaz.lookup(name) if m.entry.fcode == "PCLI")
    assert country.cc == cc
    assert -90 <= country.lat <= 90 and -180 <= country.lon <= 180


@pytest.mark.parametrize(
    ("demonym", "cc"),
    [("Syrian", "SY"), ("Iraqi", "IQ"), ("Nigerian", "NG"), ("French", "FR"), ("Syrians", "SY")],
)
def test_demonyms_name_their_country(gaz: Gazetteer, demonym: str, cc: str):
    assert any(m.entry.fcode == "PCLI" and m.entry.cc == cc for m in gaz.lookup(demonym))


@pytest.mark.parametrize("name", ["", "   ", "\x00", "💥🔥", "Xqzvbnwk Plorf", "-'-"])
def test_unknown_or_odd_names_give_nothing(gaz: Gazetteer, name: str):
    assert gaz.lookup(name) == ()


def test_place_names_are_plain_latin_letters_as_acled_writes_them(gaz: Gazetteer):
    town = next(m.entry for m in gaz.lookup("Khan Yunis") if m.entry.fcode.startswith("PPL"))
    assert town.name == "Khān Yūnis"  # GeoNames' own spelling stays in the gazetteer
    place = gaz.place(town)
    assert (place.location, place.admin1, place.admin2) == ("Khan Yunis", "Gaza Strip", "Khan Yunis")


@pytest.mark.parametrize(
    ("cc", "region"),
    [
        ("ML", "Western Africa"),  # UN: Sub-Saharan Africa
        ("CD", "Middle Africa"),
        ("SY", "Middle East"),  # UN: Western Asia
        ("IR", "Middle East"),  # UN: Southern Asia
        ("GE", "Caucasus and Central Asia"),
        ("MX", "Central America"),
        ("HT", "Caribbean"),
        ("AF", "South Asia"),
        ("UA", "Europe"),
    ],
)
def test_countries_lie_in_acled_regions(gaz: Gazetteer, cc: str, region: str):
    assert gaz.countries[cc][2] == region
