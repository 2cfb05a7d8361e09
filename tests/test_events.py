"""Article-level extraction: what one sentence says about another's event (claims, alliances)."""

import pytest

from conflictatlas import extract


def test_a_claim_in_another_sentence_names_an_unidentified_attacker():
    text = (
        "A suicide bomber blew up a car near an army checkpoint in Mogadishu on Monday, killing eight "
        "people. The al-Shabaab militants, who are linked to al-Qaeda, claimed the bombing on their radio."
    )
    [event] = extract(text, published="2022-04-12")
    assert (event.sub_event_type, event.actor1) == ("Suicide bomb", "Al Shabaab")


@pytest.mark.parametrize("text", [
    "The bombing in Kabul on Monday, in which 20 people were killed, was the deadliest this year.",
    "Gunmen stormed a bus station in Kano on Sunday, an attack in which 20 people were killed, police said.",
])  # fmt: skip
def test_a_toll_told_in_a_relative_clause_belongs_to_the_event_it_describes(text):
    """A relative clause is background when it describes a thing; describing today's attack, its toll
    is the attack's."""
    events = extract(text, published="2020-03-03")
    assert [e.fatalities for e in events] == [20]


def test_the_injured_told_in_a_sentence_of_their_own_are_the_event_s():
    text = (
        "Police fired tear gas at protesters in Basra on Sunday. "
        "Dozens of people were injured, a doctor at the city hospital said."
    )
    [event] = extract(text, published="2018-07-16")
    assert event.injuries == 12
    assert any(e.field == "injuries" and e.text == "Dozens of people were injured" for e in event.evidence)
    # not from a sentence that tells of another day, and "no one was hurt" is no count
    for follow_up in ("Dozens were injured in clashes there in 2015.", "No one was hurt, police said."):
        [event] = extract(f"{text.split('. ')[0]}. {follow_up}", published="2018-07-16")
        assert event.injuries is None


@pytest.mark.parametrize(
    "follow_up",
    [
        "Separately, 30 people were hurt in a stampede at a football stadium.",
        "A bus accident near Kayes left 15 passengers injured.",
    ],
)
def test_the_injured_of_another_story_are_not_the_event_s(follow_up):
    [event] = extract(f"Militants killed 12 soldiers near Gao on Monday. {follow_up}", published="2024-05-01")
    assert event.injuries is None
