"""admin2 for towns the sources leave without one: seats found by name, nearest seat within an admin1."""

from __future__ import annotations

import pytest

from conflictatlas.geo import districts, sources
from conflictatlas.geo.districts import fill_admin2, find_seats, seat_key
from conflictatlas.geo.fold import fold
from conflictatlas.geo.sources import Area

# a made-up admin1 "XX.01" of four districts, and a second admin1 "XX.02" where only one of three
# districts has a seat town in the gazetteer


def district(name: str, code: str = "XX.01", geonameid: int | None = None) -> Area:
    return Area(name=name, fcode="ADM2", cc="XX", admin1_code=code, geonameid=geonameid, names={name})


def town(name: str, lat: float, lon: float, code: str = "XX.01", population: int = 1000, **kw) -> Area:
    return Area(
        name=name,
        fcode="PPL",
        cc="XX",
        lat=lat,
        lon=lon,
        population=population,
        admin1_code=code,
        names={name},
        **kw,
    )


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Tadmur District", "tadmur"),
        ("Degmada Baraawe", "baraawe"),
        ("Cercle de Macina", "macina"),
        ("Al-Bab District", "bab"),
        ("Gedaref North Rural Council", "gedaref north"),
        ("Kismaayo", "kismaayo"),
        ("Caza de Bécharré", "becharre"),
        ("Mezam Division", "mezam"),
    ],
)
def test_seat_key_drops_district_words_and_article(name, key):
    assert seat_key(name) == key


def test_seat_is_the_most_populous_namesake_in_the_same_admin1():
    areas = [district("Tadmur District")]
    towns = [
        town("Tadmur", 34.5, 38.2, population=50000),
        town("Tadmur", 34.9, 38.9, population=200),
        town("Tadmur", 30.0, 30.0, code="XX.02", population=900000),
    ]
    seats = find_seats(areas, towns)
    assert seats.pairs["XX.01"] == [(areas[0], towns[0])]


def test_seat_spelled_as_a_transliteration_variant_is_found():
    areas = [district("Jarabulus District")]
    towns = [town("Jarablus", 36.8, 38.0), town("Jarjanaz", 35.0, 36.0)]
    assert find_seats(areas, towns).pairs["XX.01"][0][1] is towns[0]


def test_data_file_names_a_seat_that_does_not_bear_the_district_name():
    # Mount Simeon District's seat is Aleppo (geo_district_seats.tsv); the town is found in its admin1
    areas = [Area(name="Mount Simeon District", fcode="ADM2", cc="SY", admin1_code="SY.09", names=set())]
    towns = [
        Area(name="Aleppo", fcode="PPL", cc="SY", lat=36.2, lon=37.16, admin1_code="SY.09", names={"Aleppo"}),
        Area(name="Simeon", fcode="PPL", cc="SY", lat=36.3, lon=37.0, admin1_code="SY.09", names={"Simeon"}),
    ]
    assert find_seats(areas, towns).pairs["SY.09"][0][1] is towns[0]


def test_every_seat_of_the_data_file_is_found_in_its_district_admin1():
    countries = sources.load_countries()
    subdivisions = sources.load_subdivisions(countries)
    rows = list(sources.read_tsv("geo_district_seats.tsv"))
    ccs = {cc for cc, *_ in rows}
    areas = [a for a in subdivisions if a and a.fcode == "ADM2" and a.cc in ccs]
    towns = [t for t in sources.load_cities(subdivisions, countries) if t.cc in ccs]
    seats = {fold(d.name): s for pairs in find_seats(areas, towns).pairs.values() for d, s in pairs}
    for cc, district, seat in rows:
        assert fold(district) in seats, f"{cc} {district}: no such district, or its seat is not found"
        found = seats[fold(district)]
        assert found.cc == cc and fold(seat) in {fold(n) for n in found.names}, (district, found.name)


def four_districts() -> tuple[list[Area], dict[str, Area]]:
    areas = [district(n) for n in ("North District", "South District", "East District", "West District")]
    towns = {
        "North": town("North", 10.0, 0.0),
        "South": town("South", -10.0, 0.0),
        "East": town("East", 0.0, 10.0),
        "West": town("West", 0.0, -10.0),
        "near north": town("Hamlet A", 8.0, 1.0),
        "near east": town("Hamlet B", 1.0, 7.0),
        "tied": town("Hamlet C", 4.0, 0.0, admin2="Somewhere Else"),
    }
    return areas, towns


def test_towns_take_the_district_of_the_nearest_seat():
    areas, towns = four_districts()
    assert fill_admin2(areas, list(towns.values())) == 6
    assert towns["near north"].admin2 == "North District"
    assert towns["near east"].admin2 == "East District"
    assert towns["South"].admin2 == "South District"


def test_a_town_that_geonames_ties_keeps_its_district():
    areas, towns = four_districts()
    fill_admin2(areas, list(towns.values()))
    assert towns["tied"].admin2 == "Somewhere Else"


def test_where_most_districts_have_no_seat_only_seat_towns_get_theirs():
    areas = [district(n, code="XX.02") for n in ("Alpha District", "Beta District", "Gamma District")]
    alpha = town("Alpha", 5.0, 5.0, code="XX.02")
    stray = town("Stray", 5.1, 5.1, code="XX.02")
    seats = find_seats(areas, [alpha, stray])
    assert "XX.02" not in seats.complete
    assert seats.district_of(alpha) is areas[0]
    assert seats.district_of(stray) is None


def test_share_of_seated_districts_decides_completeness():
    needed = districts.MIN_SEATED_SHARE
    areas = [district(f"D{i} District") for i in range(10)]
    seated = round(needed * 10)
    towns = [town(f"D{i}", float(i), 0.0) for i in range(seated)]
    assert "XX.01" in find_seats(areas, towns).complete
    assert "XX.01" not in find_seats(areas, towns[:-1]).complete
