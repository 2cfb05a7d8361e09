"""Non-events on the dependency parse: intentions, plans, threats, hopes, denials, conditions, habits."""

import pytest

from conflictatlas.extraction.hedges import hedge_reason, is_campaign, is_generic, is_residue, token_at


def _reason(nlp, sentence: str, word: str):
    doc = nlp(sentence)
    span = doc[:]
    return hedge_reason(token_at(span, sentence.index(word)), "en")


@pytest.mark.parametrize(("sentence", "word", "reason"), [
    ("The army vowed to retake the town within a week.", "retake", "intention"),
    ("Rebels threatened to attack the airport.", "attack", "intention"),
    ("The coalition will bomb the bridges.", "bomb", "hypothetical"),
    ("The governor hopes the ceasefire will hold.", "ceasefire", "hypothetical"),
    ("The governor hopes for a ceasefire.", "ceasefire", "intention"),
    ("The ministry denied that its jets struck the market.", "struck", "intention"),
    ("Police did not arrest anyone.", "arrest", "negated"),
    ("Militants could storm the prison if guards leave.", "storm", "hypothetical"),
    ("Fighters frequently abduct travellers on this road.", "abduct", "habitual"),
    ("The group claimed responsibility for the bombing.", "bombing", "attribution"),
    ("Troops launched an offensive to recapture the port.", "recapture", "intention"),
    ("Police will be able to arrest the suspects.", "arrest", "intention"),
    ("Police were not able to arrest the suspects.", "arrest", "negated"),
    ("Police have been able to arrest 30 suspects since January.", "arrest", "intention"),
    ("Pilgrims visited the old fort in which hundreds of soldiers were killed.", "killed", "background"),
    ("Elders visited the train in which 58 passengers were killed.", "killed", "background"),
    ("Elders returned to the district captured by the rebels.", "captured", "background"),
])
def test_hedged_actions(nlp, sentence, word, reason):
    assert _reason(nlp, sentence, word) == reason


@pytest.mark.parametrize(("sentence", "word"), [
    ("Government troops retook the town on Sunday.", "retook"),
    ("Having conquered the town, the army will advance south.", "conquered"),
    ("Officials said gunmen killed four farmers.", "killed"),
    ("Soldiers managed to repel the assault.", "repel"),
    ("Police were able to arrest the suspects on Monday.", "arrest"),  # a past ability happened
    # relative clauses narrate unless set in their noun ("in which") without a time of their own
    ("Elders returned to the village that militants burned.", "burned"),
    ("A convoy which was ambushed by militants near Kidal lost two vehicles.", "ambushed"),
    ("Troops were deployed to Kidal, where gunmen killed 12 civilians.", "killed"),
    ("Residents fled the village in which militants killed 12 people last night.", "killed"),
    # a complement clause the parser took for a relative one: its "that" fills no gap
    ("Sources informed the observatory that Turkish forces have set up a new post near Afrin.", "set"),
    ("The rebels said in a statement they had overrun two posts near the city.", "overrun"),
    # the noun acts in its relative clause: the clause narrates
    ("The city police, which arrested 63 rioters, could not identify their leaders.", "arrested"),
    # "appeared to be" describes what was found; it is no purpose
    ("Packages containing what appeared to be explosive devices were found at the station.", "explosive"),
])
def test_facts_are_not_hedged(nlp, sentence, word):
    assert _reason(nlp, sentence, word) is None


def test_generic_plural_nouns(nlp):
    doc = nlp("Kidnappings have become more frequent on the roads.")
    assert is_generic(doc[0])
    doc = nlp("Three missiles hit the port.")
    assert not is_generic(doc[1])


@pytest.mark.parametrize("text", [
    "Twenty days of fighting killed 400 fighters.",
    "The war has killed more than 300,000 people since 2011.",
    "Over the past three weeks, about 180 soldiers died.",
])
def test_campaign_totals(text):
    assert is_campaign(text)


def test_one_day_toll_is_not_a_campaign():
    assert not is_campaign("A car bomb killed 12 people in the market on Friday.")


def test_residue_lines():
    assert is_residue("Share this article on Facebook")
    assert not is_residue("Protesters shared water with the injured.")


def test_a_dated_french_relative_clause_is_news():
    from conflictatlas.nlp import get_nlp

    sentence = "Les habitants ont fui le village où les rebelles ont tué dix personnes lundi."
    doc = get_nlp("fr")(sentence)
    assert hedge_reason(token_at(doc[:], sentence.index("tué")), "fr") is None
