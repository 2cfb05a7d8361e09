"""Trigger rules: the best trigger of a sentence names its sub-event type."""

import pytest

from conflictatlas.extraction.triggers import find_triggers


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A suicide bomber blew himself up at the gate.", "Suicide bomb"),
        ("Warplanes struck the village at dawn.", "Air/drone strike"),
        ("Mortar shells landed on the market.", "Shelling/artillery/missile attack"),
        ("A roadside bomb hit a patrol.", "Remote explosive/landmine/IED"),
        ("An attacker threw a grenade into the bar.", "Grenade"),
        ("Engineers defused a bomb under the bridge.", "Disrupted weapons use"),
        ("Police seized 40 rifles and ammunition.", "Disrupted weapons use"),
        ("Rioters torched cars in the city centre.", "Violent demonstration"),
        ("A mob lynched a man accused of theft.", "Mob violence"),
        ("The two sides signed a ceasefire agreement.", "Agreement"),
        ("Troops established a new base near the border.", "Headquarters or base established"),
        ("The insurgents pledged allegiance to the group.", "Change to group/activity"),
        ("Chlorine gas was dropped on the town.", "Chemical weapon"),
    ],
)
def test_best_trigger(sentence, expected):
    assert find_triggers(sentence)[0].rule.sub_event_type == expected


def test_decided_in_context_types():
    assert find_triggers("The army recaptured the town.")[0].rule.sub_event_type == "@territory"
    assert find_triggers("Gunmen killed three farmers.")[0].rule.sub_event_type == "@violence"


@pytest.mark.parametrize(
    "sentence",
    [
        "A bus crashed on the highway, killing ten passengers.",
        "The volcano erupted and killed five hikers.",
        "The football match ended in a fight between fans of both sides at the tournament.",
        "Riot police stood by as the crowd sang.",
    ],
)
def test_non_conflict_words_block_triggers(sentence):
    assert all(
        t.rule.sub_event_type not in {"@violence", "Armed clash", "Violent demonstration"}
        for t in find_triggers(sentence)
    )


def test_french_rules():
    assert (
        find_triggers("Des affrontements ont éclaté dimanche.", "fr")[0].rule.sub_event_type == "Armed clash"
    )
    assert find_triggers("Un kamikaze s'est fait exploser.", "fr")[0].rule.sub_event_type == "Suicide bomb"
