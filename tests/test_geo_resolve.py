"""Toponym resolution in context."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictatlas.geo.gazetteer import Gazetteer
from conflictatlas.geo.resolve import resolve_toponyms
from conflictatlas.model import Toponym


def spans_of(text: str, *names: str) -> list[tuple[int, int]]:
    """The span of the first occurrence of each name (at or after the previous one)."""
    spans, cursor = [], 0
    for name in names:
        start = text.index(name, cursor)
        spans.append((start, start + len(name)))
        cursor = start + len(name)
    return spans


def resolve(gaz: Gazetteer, text: str, *names: str, **kwargs) -> dict[str, Toponym]:
    return {t.name: t for t in resolve_toponyms(text, spans_of(text, *names), gazetteer=gaz, **kwargs)}


SYRIA_STORY = (
    "Syrian troops pushed east from Palmyra toward Sokhné on Tuesday, while Kurdish fighters held Kobanî. "
    "Jets struck Raqa and Deir Ezzor, and shelling was reported around Tadmur."
)


@pytest.mark.parametrize(
    ("name", "geonameid"),
    [
        ("Palmyra", 163808),
        ("Tadmur", 163808),
        ("Sokhné", 172425),
        ("Kobanî", 172256),
        ("Raqa", 172955),
        ("Deir Ezzor", 170794),
    ],
)
def test_transliterations_resolve_in_a_syrian_story(gaz: Gazetteer, name: str, geonameid: int):
    found = resolve(gaz, SYRIA_STORY, "Syrian", "Palmyra", "Sokhné", "Kobanî", "Raqa", "Deir Ezzor", "Tadmur")
    place = found[name].place
    assert place is not None and place.geonameid == geonameid and place.country == "Syria"


def test_tadmur_place_fields(gaz: Gazetteer):
    place = resolve(gaz, SYRIA_STORY, "Tadmur")["Tadmur"].place
    assert place is not None
    assert (round(place.latitude, 2), round(place.longitude, 2)) == (34.56, 38.28)
    assert place.admin1 == "Homs" and place.geo_precision == 2  # "around Tadmur"


def test_country_focus_picks_the_american_palmyra(gaz: Gazetteer):
    text = (
        "The county fair in Palmyra drew visitors from Rochester, Syracuse and Buffalo in upstate New York."
    )
    place = resolve(gaz, text, "Palmyra", "Rochester", "Syracuse", "Buffalo", "New York")["Palmyra"].place
    assert place is not None and place.country_code == "US" and place.admin1 == "New York"


def test_focus_country_argument_decides_a_lone_name(gaz: Gazetteer):
    text = "Residents of Palmyra reported a power cut."
    assert resolve(gaz, text, "Palmyra", focus_country="US")["Palmyra"].place.country_code == "US"
    assert resolve(gaz, text, "Palmyra", focus_country="SY")["Palmyra"].place.country_code == "SY"


def test_province_is_the_admin1_with_precision_3(gaz: Gazetteer):
    text = "Two villages in Homs province were shelled overnight."
    place = resolve(gaz, text, "Homs")["Homs"].place
    assert place is not None and place.feature_code == "ADM1" and place.geo_precision == 3
    assert place.location == "Homs" and place.country == "Syria"


@pytest.mark.parametrize("name", ["Homs", "Raqqa", "Hama", "Aleppo"])
def test_bare_name_of_city_and_province_is_the_city(gaz: Gazetteer, name: str):
    # Raqqa and Hama are spellings of the towns' own names (Ar Raqqah, Hamah), their provinces' English
    # names: the town all the same
    place = resolve(gaz, f"A market in {name} was hit.", name)[name].place
    assert place is not None and place.feature_code.startswith("PPL") and place.geo_precision == 1


def test_name_of_a_state_that_is_only_an_alternate_name_of_its_city_is_the_state(gaz: Gazetteer):
    place = resolve(gaz, "Lawmakers in New York passed the bill.", "New York")["New York"].place
    assert place is not None and place.feature_code == "ADM1"


@pytest.mark.parametrize(
    ("text", "name", "cc", "fcode"),
    [
        # Sevilla's alternate name and its province's own: the city, not a Seville in Ohio
        ("Protests in Seville drew thousands.", "Seville", "ES", "PPL"),
        # the district's own name, and a spelling of its town Dihok: the town
        ("Airstrikes hit Duhok on Monday.", "Duhok", "IQ", "PPL"),
        # the canton of Fribourg is "Freiburg" only by an alternate name: Freiburg im Breisgau
        ("A fire broke out in Freiburg.", "Freiburg", "DE", "PPL"),
    ],
)
def test_spelling_a_town_own_name_counts_only_for_a_province_of_that_own_name(gaz, text, name, cc, fcode):
    place = resolve(gaz, text, name)[name].place
    assert place.country_code == cc and place.feature_code.startswith(fcode)


@pytest.mark.parametrize("phrase", ["60 km south of", "near", "on the outskirts of", "12 miles east of"])
def test_distance_and_near_give_precision_2_at_the_town(gaz: Gazetteer, phrase: str):
    text = f"An ambush took place {phrase} Aleppo, Syria, on Monday."
    place = resolve(gaz, text, "Aleppo", "Syria")["Aleppo"].place
    assert place is not None and place.geo_precision == 2 and place.location == "Aleppo"
    assert abs(place.latitude - 36.2) < 0.2 and abs(place.longitude - 37.16) < 0.2


def test_country_alone_is_precision_3_and_town_is_1(gaz: Gazetteer):
    found = resolve(gaz, "Protesters gathered in Mosul, Iraq.", "Mosul", "Iraq")
    assert found["Iraq"].place.geo_precision == 3 and found["Iraq"].place.feature_code == "PCLI"
    assert found["Mosul"].place.geo_precision == 1 and found["Mosul"].place.country_code == "IQ"


@pytest.mark.parametrize(
    ("word", "cc"), [("Syrian", "SY"), ("Iraqi", "IQ"), ("Nigerian", "NG"), ("French", "FR")]
)
def test_demonyms_resolve_to_countries(gaz: Gazetteer, word: str, cc: str):
    text = f"The {word} delegation arrived late."
    place = resolve(gaz, text, word)[word].place
    assert place is not None and place.country_code == cc and place.geo_precision == 3


def test_us_town_with_state_abbreviation(gaz: Gazetteer):
    text = "Police in Gainesville, Ga., arrested two men."
    assert resolve(gaz, text, "Gainesville")["Gainesville"].place.admin1 == "Georgia"


def test_unknown_names_resolve_to_none(gaz: Gazetteer):
    found = resolve(
        gaz, "They met in Qwxzvillebrook near Al-Alianiyé in Syria.", "Qwxzvillebrook", "Al-Alianiyé"
    )
    assert found["Qwxzvillebrook"].place is None
    alianiye = found["Al-Alianiyé"].place
    assert (
        alianiye is None or alianiye.country_code == "SY"
    )  # may stay unresolved, never a far-off look-alike


def test_bad_spans_and_empty_text_never_raise(gaz: Gazetteer):
    assert resolve_toponyms("", [(0, 5)], gazetteer=gaz)[0].place is None
    assert resolve_toponyms("Paris", [(3, 1), (-4, 99)], gazetteer=gaz)[1].name == "Paris"
    assert resolve_toponyms("abc", [], gazetteer=gaz) == []


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=60), a=st.integers(-5, 70), b=st.integers(-5, 70))
def test_any_text_and_span_never_raises(gaz: Gazetteer, text: str, a: int, b: int):
    assert len(resolve_toponyms(text, [(a, b)], gazetteer=gaz)) == 1


def test_unknown_name_falls_back_to_the_closest_place_or_stays_unresolved(gaz: Gazetteer):
    text = "Police cleared the Zzqx Arena in Aleppo."
    spans = [(19, 28), (33, 39)]
    arena, aleppo = resolve_toponyms(text, spans, gazetteer=gaz)
    assert arena.place is not None and arena.place.geonameid == aleppo.place.geonameid
    assert arena.place.geo_precision == 2
    assert resolve_toponyms(text, spans, gazetteer=gaz, fallback=False)[0].place is None


def test_place_inside_a_longer_name(gaz: Gazetteer):
    (university,) = resolve_toponyms("Students at Colorado State University.", [(12, 37)], gazetteer=gaz)
    assert university.place.country_code == "US" and university.place.feature_code == "ADM1"
    text = "Pilgrims at Manila Cathedral, in the Philippines."
    cathedral, _ = resolve_toponyms(text, [(12, 28), (37, 48)], gazetteer=gaz)
    assert cathedral.place.country_code == "PH"


def test_acronyms_of_organisations_are_not_towns(gaz: Gazetteer):
    for acronym in ("UN", "UNESCO", "LUCHA", "IU", "EI", "NATO", "CIA", "ISIS"):
        assert gaz.lookup(acronym) == (), acronym
    for abbreviation, cc in (("US", "US"), ("U.S.", "US"), ("UK", "GB"), ("DRC", "CD"), ("UAE", "AE")):
        assert {m.entry.cc for m in gaz.lookup(abbreviation)} == {cc}, abbreviation
    assert gaz.lookup("NYC")[0].entry.geonameid == 5128581
    assert gaz.lookup("GAZA")[0].entry.cc == "PS"  # a capitalised dateline is still a place


def test_regional_demonyms_and_admin_points(gaz: Gazetteer):
    from conflictatlas.geo.resolve import distance_km

    assert gaz.lookup("Texans")[0].entry.name == "Texas"
    assert gaz.lookup("Ohioans")[0].entry.name == "Ohio"
    assert gaz.lookup("Asian")[0].entry.fcode == "CONT"
    hawaii = next(m.entry for m in gaz.lookup("Hawaii") if m.entry.fcode == "ADM1")
    assert distance_km(hawaii.lat, hawaii.lon, 20.75, -156.5) < 161  # GeoNames' point


def test_namesake_city_before_a_foreign_province(gaz: Gazetteer):
    text = "An air strike hit Gaza on Monday."
    (gaza,) = resolve_toponyms(text, [(18, 22)], gazetteer=gaz)
    assert gaza.place.country_code == "PS"


def test_capital_is_the_biggest_town_of_its_name(gaz: Gazetteer):
    capitals = [m.entry for m in gaz.lookup("Washington") if m.entry.fcode == "PPLC"]
    assert [(c.cc, c.admin1) for c in capitals] == [("US", "District of Columbia")]


def test_forms_of_one_name_do_not_vouch_for_each_other(gaz: Gazetteer):
    # "Suffolk County" and "Suffolk" are one name: the town Southold, not the other form, decides which
    text = (
        "Police in Suffolk said the body was found in Southold. Suffolk County detectives are investigating."
    )
    found = resolve(gaz, text, "Suffolk", "Southold", "Suffolk County")
    assert found["Suffolk County"].place.admin1 == "New York"


def test_whole_name_before_towns_named_like_its_short_form(gaz: Gazetteer):
    text = "Trudeau spoke in Quebec City after talks in Washington and New York on trade with the US."
    found = resolve(gaz, text, "Quebec City", "Washington", "New York", "US")
    assert found["Quebec City"].place.geonameid == 6325494


def test_demonyms_of_regions_and_admin_areas(gaz: Gazetteer):
    text = "Turkish forces pressed into a Kurdish enclave as Tamil and Basque politicians watched."
    found = resolve(gaz, text, "Kurdish", "Tamil", "Basque")
    assert found["Kurdish"].place.location == "Kurdistan"
    assert found["Tamil"].place.admin1 == "Tamil Nadu"
    assert found["Basque"].place.country_code == "ES"
    arab = resolve(gaz, "Saudi Arabia led an Arab intervention in Yemen.", "Saudi Arabia", "Arab", "Yemen")
    assert arab["Arab"].place.feature_code == "PEN"  # the Arabian Peninsula, not Arab, Alabama


def test_direction_word_before_an_unknown_name(gaz: Gazetteer):
    text = "Hiring in the Western US rose, and rain fell on Southern California and Northern Europe."
    found = resolve(gaz, text, "Western US", "Southern California", "Northern Europe")
    assert found["Western US"].place.country_code == "US"
    assert found["Western US"].place.feature_code == "PCLI"
    assert found["Southern California"].place.feature_code == "RGN"
    assert found["Northern Europe"].place.location == "Northern Europe"


def test_common_words_are_no_towns(gaz: Gazetteer):
    text = "Teachers from Tulsa marched on the Capitol in Oklahoma City on Monday."
    found = resolve(gaz, text, "Tulsa", "Capitol", "Oklahoma City")
    assert found["Capitol"].place.location == "Oklahoma City"  # the story's town, at precision 2
    assert found["Capitol"].place.geo_precision == 2


def test_places_inside_longer_names(gaz: Gazetteer):
    text = "Cadillac's president spoke at the New York Auto Show about plants in Bowling Green, Kentucky."
    found = resolve(gaz, text, "New York Auto Show", "Bowling Green", "Kentucky")
    assert found["New York Auto Show"].place.geonameid == 5128581  # the city, not York or the state
    text = "Meetings were held at the Percy French Hotel in Ballyjamesduff, County Cavan."
    found = resolve(gaz, text, "Percy French Hotel", "Ballyjamesduff", "County Cavan")
    assert found["Percy French Hotel"].place.country_code == "IE"  # no demonym inside: not France


def test_former_counties_and_regions(gaz: Gazetteer):
    text = "Races at Rockingham, Northamptonshire, then Croft, Yorkshire, and a rally in central Anatolia."
    found = resolve(gaz, text, "Northamptonshire", "Yorkshire", "Anatolia")
    assert [found[n].place.country_code for n in ("Northamptonshire", "Yorkshire", "Anatolia")] == [
        "GB",
        "GB",
        "TR",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "An air strike killed nine civilians in the Syrian city of Raqqa on Thursday.",
        "A missile struck a residential district of Marib city on Wednesday.",
        "Clashes broke out in Marib town overnight.",
    ],
)
def test_city_of_a_name_is_the_town_not_its_province(gaz: Gazetteer, text: str):
    name = "Raqqa" if "Raqqa" in text else "Marib"
    place = resolve(gaz, text, name)[name].place
    assert place.feature_code.startswith("PPL") and place.geo_precision == 1


def test_arabic_article_names_stay_in_countries_that_use_the_article(gaz: Gazetteer):
    text = "The strike hit a building in the al-Badu district of Raqqa."
    badu = resolve(gaz, text, "al-Badu", "Raqqa")["al-Badu"]
    assert badu.place is None or badu.place.country_code == "SY"


def test_congo_alone_may_be_the_larger_congo_and_spanish_articles_are_kept(gaz: Gazetteer):
    text = "Protesters stormed a UN compound in Beni, eastern Congo, on Monday."
    found = resolve(gaz, text, "Beni", "Congo")
    assert found["Beni"].place.country_code == "CD"
    # a Spanish article is part of the name: "Paso" is not El Paso
    assert not any((m.entry.name, m.entry.cc) == ("El Paso", "US") for m in gaz.lookup("Paso"))


def test_a_district_named_like_its_small_seat_town_is_the_town(gaz: Gazetteer):
    # Gwoza town (15,000 people) in Gwoza district: a bare name means the town, "Gwoza LGA" the district
    text = "A health worker in Gwoza said six wounded people had been brought to the town's clinic."
    assert resolve(gaz, text, "Gwoza")["Gwoza"].place.feature_code.startswith("PPL")
    text = "Fighting was reported across Gwoza local government area on Tuesday."
    assert resolve(gaz, text, "Gwoza")["Gwoza"].place.feature_code == "ADM2"


def test_a_short_name_never_takes_a_loose_spelling(gaz: Gazetteer):
    # "Nyle" is 67 % like Nyala, a Sudanese city, in a story about Sudan; the river is no place at all
    text = "Protesters marched in Omdurman and Khartoum, and in Nyle, on both banks of the Nile, in Sudan."
    found = resolve(gaz, text, "Omdurman", "Khartoum", "Nyle", "Nile", "Sudan", fallback=False)
    assert found["Nyle"].place is None and found["Nile"].place is None
    assert found["Omdurman"].place.country_code == "SD"
