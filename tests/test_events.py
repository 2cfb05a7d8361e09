"""Article-level extraction: what one sentence says about another's event (claims, alliances)."""

from conflictatlas import extract


def test_a_claim_in_another_sentence_names_an_unidentified_attacker():
    text = (
        "A suicide bomber blew up a car near an army checkpoint in Mogadishu on Monday, killing eight "
        "people. The al-Shabaab militants, who are linked to al-Qaeda, claimed the bombing on their radio."
    )
    [event] = extract(text, published="2022-04-12")
    assert (event.sub_event_type, event.actor1) == ("Suicide bomb", "Al Shabaab")

