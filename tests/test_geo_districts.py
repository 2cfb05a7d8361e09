"""admin2 for towns the sources leave without one: district seats and tied towns as anchors, the nearest
anchor within an admin1."""

from __future__ import annotations

import pytest

from conflictatlas.geo import districts, sources
from conflictatlas.geo.districts import fill_admin2, find_anchors, seat_key
from conflictatlas.geo.fold import fold
from conflictatlas.geo.sources import Area

# made-up admin1 areas "XX.01" and "XX.02" with made-up districts and towns


def district(name: str, code: str = "XX.01", *aliases: str) -> Area:
    return Area(name=name, fcode="ADM2", cc="XX", admin1_code=code, names={name, *aliases})


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
        ("Ville de Niamey", "niamey"),
        ("Shahrestān-e Pīrānshahr", "piranshahr"),
        ("Markaz Mīt Ghamr", "mit ghamr"),
    ],
)
def test_seat_key_drops_district_words_and_article(name, key):
    assert seat_key(name) == key


def seat_of(areas: list[Area], towns: list[Area]) -> Area | None:
    anchors = find_anchors(areas, towns)
    return next((t for t in towns if anchors.seats.get(id(t)) is areas[0]), None)


def test_seat_is_the_most_populous_namesake_in_the_same_admin1():
    areas = [district("Tadmur District")]
    towns = [
        town("Tadmur", 34.5, 38.2, population=50000),
        town("Tadmur", 34.9, 38.9, population=200),
        town("Tadmur", 30.0, 30.0, code="XX.02", population=900000),
    ]
    assert seat_of(areas, towns) is towns[0]


def test_seat_spelled_as_a_transliteration_variant_is_found_for_long_names_only():
    assert seat_of([district("Jarabulus District")], [town("Jarablus", 36.8, 38.0)]) is not None
    assert seat_of([district("Bale")], [town("Babile", 9.2, 42.3)]) is None


def test_a_town_geonames_ties_to_another_district_is_not_this_one_seat():
    towns = [town("Adrian", 38.4, -94.4, admin2="Bates County")]
    assert seat_of([district("Adrian County")], towns) is None


def test_data_file_names_a_seat_that_does_not_bear_the_district_name():
    # Mount Simeon District's seat is Aleppo (geo_district_seats.tsv); the town is found in its admin1
    areas = [Area(name="Mount Simeon District", fcode="ADM2", cc="SY", admin1_code="SY.09", names=set())]
    towns = [
        Area(name="Aleppo", fcode="PPL", cc="SY", lat=36.2, lon=37.16, admin1_code="SY.09", names={"Aleppo"}),
        Area(name="Simeon", fcode="PPL", cc="SY", lat=36.3, lon=37.0, admin1_code="SY.09", names={"Simeon"}),
    ]
    assert seat_of(areas, towns) is towns[0]


def test_every_row_of_the_data_file_names_a_district_and_a_seat_found_in_its_admin1():
    countries = sources.load_countries()
    subdivisions = sources.load_subdivisions(countries)
    rows = list(sources.read_tsv("geo_district_seats.tsv"))
    codes = {code for code, *_ in rows}
    areas = [a for a in subdivisions if a and a.fcode == "ADM2" and a.admin1_code in codes]
    towns = [t for t in sources.load_cities(subdivisions, countries) if t.admin1_code in codes]
    anchors = find_anchors(areas, towns)
    seats = {
        (d.admin1_code, fold(name)) for t in towns if (d := anchors.seats.get(id(t))) for name in t.names
    }
    for code, district, seat in rows:
        assert any(a.admin1_code == code and fold(district) in {fold(n) for n in a.names} for a in areas), (
            district
        )
        assert (code, fold(seat)) in seats, f"{district}: seat {seat} not found in {code}"


def test_a_district_listed_twice_counts_once_under_the_name_geonames_gives_its_seat():
    areas = [district("Keserwan"), district("Keserwan District"), district("Caza de Baabda")]
    towns = [
        town("Keserwan", 34.0, 35.6, admin2="Keserwan District"),
        town("Baabda", 33.8, 35.5),
        town("Hamlet", 34.01, 35.61),
    ]
    anchors = find_anchors(areas, towns)
    assert anchors.seats[id(towns[0])] is areas[1]
    assert anchors.district_of(towns[2]) is areas[1]
    assert "XX.01" in anchors.complete  # 2 of 2 distinct districts anchored


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


def test_towns_geonames_ties_are_anchors_of_their_district():
    # the seat of "East District" is far east; a tied town of it lies right beside the untied hamlet
    areas, towns = four_districts()
    beside = town("Tied East", 7.5, 1.5, admin2="East District")
    fill_admin2(areas, [*towns.values(), beside])
    assert towns["near north"].admin2 == "East District"


def test_where_few_districts_have_an_anchor_only_seat_towns_get_theirs():
    areas = [district(n, "XX.02") for n in ("Alpha District", "Beta District", "Gamma District")]
    alpha = town("Alpha", 5.0, 5.0, code="XX.02")
    stray = town("Stray", 5.1, 5.1, code="XX.02")
    anchors = find_anchors(areas, [alpha, stray])
    assert "XX.02" not in anchors.complete
    assert anchors.district_of(alpha) is areas[0]
    assert anchors.district_of(stray) is None


def test_share_of_anchored_districts_decides_completeness():
    needed = districts.MIN_ANCHORED_SHARE
    areas = [district(f"Dist{i} District") for i in range(10)]
    anchored = round(needed * 10)
    towns = [town(f"Dist{i}", float(i), 0.0) for i in range(anchored)]
    assert "XX.01" in find_anchors(areas, towns).complete
    assert "XX.01" not in find_anchors(areas, towns[:-1]).complete


def test_a_district_that_loses_its_seat_but_has_tied_towns_is_one_of_its_own():
    # the county around a city shares the city's name ("Lublin County" / the city county "Lublin")
    areas = [district("Lublin County"), district("Lublin"), district("Pulawy County")]
    towns = [
        town("Lublin", 51.25, 22.57, admin2="Lublin"),
        town("Swidnik", 51.22, 22.70, admin2="Lublin County"),
        town("Pulawy", 51.42, 21.97),
        town("Hamlet", 51.20, 22.75),
    ]
    anchors = find_anchors(areas, towns)
    assert anchors.seats[id(towns[0])] is areas[1]
    assert anchors.district_of(towns[3]) is areas[0]  # nearest anchor: Swidnik, tied to Lublin County


def test_a_smaller_namesake_is_the_seat_when_the_bigger_one_is_tied_elsewhere():
    towns = [
        town("Adrian", 38.4, -94.4, population=9000, admin2="Bates County"),
        town("Adrian", 39.1, -91.9, population=500),
    ]
    assert seat_of([district("Adrian County")], towns) is towns[1]
