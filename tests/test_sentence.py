"""The event a sentence reports: here, the place it happened, among all the places the sentence names."""

from __future__ import annotations

import pytest

from conflictatlas import extract


def _places(text: str) -> list[tuple[str | None, int | None]]:
    return [
        (e.place.location, e.place.geo_precision) if e.place else (None, None)
        for e in extract(text, published="2024-05-01")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a demonym names who acted, not where
        ("Russian drones attacked Zaporizhzhia overnight, killing two people, police said.", "Zaporizhzhya"),
        ("Turkish-backed fighters shelled Kurdish positions near Manbij on Monday, killing three.", "Manbij"),
        # where a report was made is not where the event happened
        ("The interior ministry in Kabul said a bomb killed four soldiers in Kunduz on Friday.", "Kunduz"),
        ("Speaking to reporters in Baghdad, a police officer said a bomb killed two men in Tarmiyah.", None),
        # the target of a threat the event is not part of
        (
            "Al-Shabaab, which has threatened to attack Mogadishu, killed 10 soldiers in Jowhar on Sunday.",
            "Jawhar",
        ),
        # a point of reference or a destination is not where it happened
        (
            "Five people were killed in Omdurman, across the Nile from Khartoum, when police fired on them.",
            "Omdurman",
        ),
        ("Al-Shabaab threatened to attack Mogadishu after it killed ten soldiers in Jowhar.", "Jawhar"),
        # a quarter of a town is placed at the town; "Gaza City" is the town, not Mozambique's Gaza province
        ("Shelling hit the Zeitoun district of Gaza City on Monday, killing four civilians.", "Gaza"),
        ("An Israeli strike on a school in Gaza City killed 12 people on Monday, officials said.", "Gaza"),
        # names the small model takes for people, languages or dates
        ("Rebels attacked an army camp in Kidal on Monday, killing four soldiers.", "Kidal"),
        ("An air strike hit a house in Khan Younis on Tuesday, killing five people.", "Khan Yunis"),
    ],
)
def test_the_event_happened_where_the_action_was(text: str, expected: str | None):
    (location, _), *_ = _places(text)
    if expected is None:  # Tarmiyah: any place but Baghdad
        assert location not in (None, "Baghdad")
    else:
        assert location == expected


@pytest.mark.parametrize(
    ("text", "location", "precision"),
    [
        ("Government airstrikes killed eight civilians in the province of Idlib on Monday.", "Idlib", 3),
        ("Des affrontements ont eu lieu mardi dans la région de Mopti, faisant cinq morts.", "Mopti", 3),
        ("An army convoy was ambushed on the road between Douentza and Hombori on Tuesday.", "Douentza", 2),
        ("Gunmen killed five villagers some 30 km north of Gao on Sunday.", "Gao", 2),
        ("Military airstrikes on a village in Sagaing region killed 12 civilians on Monday.", "Sagaing", 3),
    ],
)
def test_admin_words_and_distances_set_the_precision(text: str, location: str, precision: int):
    assert _places(text)[0] == (location, precision)


def test_near_the_article_town_is_precision_2_but_a_province_stays_3():
    text = (
        "Fighting has spread across South Kivu province this month. "
        "On Monday, rebels shelled an army post near a village, killing two soldiers."
    )
    assert _places(text)[-1] == ("South Kivu", 3)


def test_close_to_retaking_is_no_recapture():
    assert _places("Government forces were close to retaking the whole of eastern Aleppo on Sunday.") == []


def test_a_province_the_sentence_names_beats_the_article_town_outside_it():
    text = (
        "MOPTI, Mali - Gunmen killed five villagers near Mopti on Monday. "
        "On Tuesday, soldiers clashed with jihadists in the Segou region, killing three."
    )
    assert _places(text) == [("Mopti", 2), ("Segou", 3)]


def test_activists_arrested_away_from_a_demonstration_are_civilians_not_targeted_by_violence():
    text = "Police arrested eight activists at a meeting in Goma on Monday."
    [arrests] = extract(text, published="2019-11-05")
    assert (arrests.sub_event_type, arrests.actor2, arrests.civilian_targeting) == (
        "Arrests", "Civilians (Democratic Republic of the Congo)", ""
    )  # fmt: skip
    [attack] = extract("Gunmen killed five villagers near Goma on Monday.", published="2019-11-05")
    assert attack.civilian_targeting == "Civilian targeting"


@pytest.mark.parametrize(
    "text",
    [
        "Israel targeted Nasrallah in a strike on Monday, killing 5 people.",  # Nasralla, Tunisia
        "Gunmen killed three men on Monday. The victims were Aliyu Musa, Bello Kano and Garba Sani.",
    ],
)
def test_people_s_names_are_no_places_abroad(text: str):
    events = extract(text, published="2024-05-01")
    assert all(e.place is None or e.place.country_code in ("IL", "NG") for e in events)
