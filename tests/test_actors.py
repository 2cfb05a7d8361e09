"""Actors: aliases in every language, a state's forces named after their country, inter codes."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conflictatlas.extraction.actors import find_actors, interaction, name_actor


def _names(text, country="SY"):
    return [name_actor(m, country, None).name for m in find_actors(text)]


@pytest.mark.parametrize("alias", ["Islamic State", "ISIS", "ISIL", "Daesh", "EI", "État islamique", "IS"])
def test_islamic_state_aliases(alias):
    assert _names(f"Fighters of {alias} withdrew.") == ["Islamic State"]


def test_acronyms_are_case_sensitive():
    assert _names("This is where it is.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Syrian army advanced.", "Military Forces of Syria"),
        ("Pro-regime forces advanced.", "Military Forces of Syria"),
        ("Les forces prorégime avancent.", "Military Forces of Syria"),
        ("Nigerian troops advanced.", "Military Forces of Nigeria"),
        ("Riot police advanced.", "Police Forces of Syria"),
    ],
)
def test_state_forces(text, expected):
    assert _names(text) == [expected]


def test_forces_abroad_are_external():
    [mention] = find_actors("Russian special forces took part.")
    actor = name_actor(mention, "SY", None)
    assert (actor.name, actor.inter) == ("Military Forces of Russia", 8)


def test_unnamed_actors_take_the_event_country():
    assert _names("Gunmen attacked villagers.", "ML") == [
        "Unidentified Armed Group (Mali)",
        "Civilians (Mali)",
    ]


def test_monitors_are_sources_not_actors():
    [mention] = find_actors("according to the OSDH")
    assert mention.source_only
    [military] = find_actors("two soldiers died, a military source said")[1:]
    assert military.source_only


def test_interaction_codes():
    assert interaction(1, 2) == 12
    assert interaction(7, 3) == 37
    assert interaction(6, None) == 60
    assert interaction(None, None) is None


@given(
    st.lists(st.text(alphabet="abcAB .", min_size=1, max_size=6), min_size=1, max_size=12),
    st.text(alphabet="abcAB .", max_size=60),
)
def test_alias_tree_matches_what_a_longest_first_alternation_matches(aliases, text):
    from conflictatlas.extraction.actors import _alias_regex

    flat = "|".join(re.escape(a) for a in sorted(set(aliases), key=len, reverse=True))
    tree = re.compile(rf"\b(?:{_alias_regex(aliases)})\b", re.IGNORECASE)
    assert [m.span() for m in tree.finditer(text)] == [
        m.span() for m in re.finditer(rf"\b(?:{flat})\b", text, re.IGNORECASE)
    ]


def test_fighters_of_a_named_group_are_the_group_and_a_list_of_allies_runs_on():
    from conflictatlas.extraction.roles import find_allies

    text = "Army units backed by Russian warplanes and by fighters of Lebanon's Hezbollah entered the town."
    mentions = find_actors(text)
    assert [m.text for m in mentions] == ["Army", "Russian warplanes", "fighters of Lebanon's Hezbollah"]
    allies = find_allies(text, mentions)
    assert sorted(allies) == [1, 2] and all(supported.text == "Army" for supported in allies.values())
