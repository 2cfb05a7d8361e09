"""Toponym recognition: which spans of a parsed text are place names."""

from __future__ import annotations

from conflictatlas.geo.gazetteer import Gazetteer
from conflictatlas.geo.recognize import find_toponyms, toponym_spans
from conflictatlas.nlp import get_nlp


def test_find_toponyms_keeps_places_and_demonyms(gaz: Gazetteer, nlp):
    text = (
        "Iraqi forces entered Mosul on Sunday, officials in Baghdad said, as John Smith watched from London."
    )
    found = {text[s:e] for s, e in find_toponyms(nlp(text), gaz)}
    assert {"Iraqi", "Mosul", "Baghdad", "London"} <= found
    assert "John Smith" not in found and "Sunday" not in found


def test_find_toponyms_on_empty_or_odd_text(gaz: Gazetteer, nlp):
    assert find_toponyms(nlp(""), gaz) == []
    assert isinstance(find_toponyms(nlp("\u200b\x00 🔥🔥 ..."), gaz), list)


def test_places_inside_organisation_names_and_mislabelled_people_are_found(gaz: Gazetteer, nlp):
    def found(text: str) -> set[str]:
        return {text[s:e] for s, e in find_toponyms(nlp(text), gaz)}

    assert "Clark County" in found("A spokesman for the Clark County School District declined to comment.")
    assert "Florida" in found("She studied at the University of Florida before moving.")
    assert "Temple" not in found("Militants blew up the Temple of Baalshamin in August.")
    # the small model calls both people; "near"/"in northern" say they are places
    assert {"Gao", "Mali"} <= found("Gunmen killed five villagers near Gao, in northern Mali, on Monday.")
    assert "Palmyra" in found("Islamic State fighters retook the Syrian city of Palmyra on Sunday.")


def test_a_place_the_model_takes_for_a_thing_counts_only_where_a_place_must_stand(gaz: Gazetteer, nlp):
    def found(text: str) -> set[str]:
        return {text[s:e] for s, e in find_toponyms(nlp(text), gaz)}

    # the small model labels "Afgoi" PRODUCT here, and "Katrina" EVENT
    assert "Afgoi" in found("Fighters were seen in the town of Afgoi.")
    assert "Afgoi" in found("Four soldiers were killed when a bomb exploded near the town of Afgoi.")
    # a thing's name is a place only by a place's own or alternate name, not by a spelling variant
    assert not found("Thousands lost their homes in Katrina.")


def test_names_the_model_cuts_or_mislabels_are_found(gaz: Gazetteer, nlp):
    def found(text: str, model=nlp) -> set[str]:
        return {text[s:e] for s, e in find_toponyms(model(text), gaz)}

    assert "Dayr az Zawr" in found("Shells fell on a residential area of Dayr az Zawr held by the army.")
    assert "Mora" in found("A mine went off at about ten kilometres from Mora on Thursday.")
    french = get_nlp("fr")
    assert "Hajine" in found("Des combats ont eu lieu samedi aux abords de Hajine, selon l'OSDH.", french)
    assert "Ramadi" in found("Les jihadistes se sont emparés dimanche de Ramadi, selon la police.", french)


def test_a_name_with_a_place_apposition_is_a_place(gaz: Gazetteer, nlp):
    text = "Militants have seized Tadmor, the modern town beside the ancient ruins, on Sunday."
    assert "Tadmor" in {text[s:e] for s, e in find_toponyms(nlp(text), gaz)}
    person = "The council heard Smith, the town mayor, on Monday."
    assert "Smith" not in {person[s:e] for s, e in find_toponyms(nlp(person), gaz)}


def test_parts_of_names_that_are_no_places_are_not_found(gaz: Gazetteer, nlp):
    def found(text: str) -> set[str]:
        return {text[s:e] for s, e in find_toponyms(nlp(text), gaz)}

    # "Boko" (a village in Congo) of "Boko Haram", the Malian army's acronym "FAMa" (Fama, a small town)
    text = 'The air force said it struck "a gathering of Boko Haram terrorists" near Gwoza.'
    assert found(text) == {"Gwoza"}
    assert "FAMa" not in found("Les FAMa ont repoussé une attaque près de Niono, selon l'armée.")
    # a word that is exactly a small town's name ("Basin", Montana) is that town or nothing: a big town it
    # merely resembles (Pathein) does not make it a place name
    assert "Basin" not in found("Source: Chad Basin Reporter, a news site based in Maiduguri.")
    # organisations named like towns: Hamm (alias "Hamas"), Wagner, Bahia
    assert not found("Hamas fighters fired rockets as Wagner mercenaries watched.") & {"Hamas", "Wagner"}


def test_toponym_spans_never_cross_a_line_break(gaz: Gazetteer, nlp):
    text = "Gunmen abduct bus passengers in central Mali\n\nMOPTI, Mali - Armed men stopped a bus."
    spans = [text[s:e] for s, e in toponym_spans(nlp(text), gaz)]
    assert all("\n" not in name for name in spans) and "Mali" in spans


def test_names_the_model_takes_for_people_are_places_where_only_a_place_can_stand(gaz: Gazetteer, nlp):
    def found(text: str) -> set[str]:
        return {text[s:e] for s, e in find_toponyms(nlp(text), gaz)}

    # the small model labels both PERSON here: a two-word name after "in", the object of "raided"
    text = "An air strike hit a house in Khan Younis on Tuesday, and troops raided Jenin at dawn."
    assert {"Khan Younis", "Jenin"} <= found(text)
    assert not found("Mr Khan Younis said he had met Jenin Ahmed, the mayor, on Monday.")


def test_spans_lose_what_the_model_ran_into_them(gaz: Gazetteer, nlp):
    def found(text: str) -> set[str]:
        return {text[s:e] for s, e in find_toponyms(nlp(text), gaz)}

    assert "Turkish" in found("Turkish-backed fighters shelled positions near Manbij on Monday.")
    # the model's PERSON "Zaporizhzhia overnight"
    assert "Zaporizhzhia" in found("Russian drones attacked Zaporizhzhia overnight, the governor said.")
    assert "Kidal" in found("Fighting was reported in Kidal on Monday.")  # labelled LANGUAGE


def test_a_possessive_or_a_pair_of_people_is_no_place(gaz: Gazetteer, nlp):
    def found(text: str) -> set[str]:
        return {text[s:e] for s, e in find_toponyms(nlp(text), gaz)}

    assert not found("Police searched in Ahmed's house on Monday.") & {"Ahmed", "Ahmed's"}
    assert "Douentza" in found("A convoy was ambushed on the road between Douentza and Hombori.")


def test_a_place_name_has_a_capital_letter_and_an_article_is_none(gaz: Gazetteer, nlp):
    text = "Police dispersed thousands marching through Santiago against the rise in metro fares."
    assert {text[s:e] for s, e in toponym_spans(nlp(text), gaz)} == {"Santiago"}
    spanish = get_nlp("es")  # a blank tokenizer: capitalised words are the candidates
    text = "SANTIAGO, 21 de octubre - La policía dispersó a miles de manifestantes en Santiago."
    assert "La" not in {text[s:e] for s, e in toponym_spans(spanish(text), gaz)}


def test_a_name_the_model_calls_a_date_is_a_place_only_when_all_proper_nouns(gaz: Gazetteer, nlp):
    def found(text: str) -> set[str]:
        return {text[s:e] for s, e in find_toponyms(nlp(text), gaz)}

    assert "Manbij" in found("Fighting broke out in Manbij on Monday.")  # labelled DATE
    assert not found("Fighting broke out in March 2016 near the border.")
