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
