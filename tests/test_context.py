"""What an article says about all its sentences: datelines, its main place, the report's own places."""

from __future__ import annotations

import pytest

from conflictatlas.extraction.context import DATELINE, is_demonym, is_report_place
from conflictatlas.model import Toponym


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("MOPTI, Mali - Armed men stopped a bus.", "MOPTI, Mali - "),
        ("DAMASCUS, March 28 (LWS) – Syrian troops entered the town.", "DAMASCUS, March 28 (LWS) – "),
        ("Bamako (AFP) - Des jihadistes ont tué douze soldats.", "Bamako (AFP) - "),
        ("MÉNAKA, 3 mai (AFP) - Des hommes armés ont attaqué.", "MÉNAKA, 3 mai (AFP) - "),
        ("KYIV/MOSCOW, May 1 (Reuters) - Russian drones hit.", "KYIV/MOSCOW, May 1 (Reuters) - "),
    ],
)
def test_datelines_with_or_without_a_comma(text: str, dateline: str):
    match = DATELINE.match(text)
    assert match is not None and text[: match.end()] == dateline


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed (at least) - five people.",
        "The army said - nothing more.",
        "Gunmen killed 5 villagers in Tsafe (Zamfara) - the latest attack in the state - on Sunday.",
        "The Islamic State (IS) - which claimed the attack - said so.",
    ],
)
def test_a_dash_in_a_sentence_is_no_dateline(text: str):
    assert DATELINE.match(text) is None


def _toponym(text: str, name: str) -> Toponym:
    start = text.index(name)
    return Toponym(start, start + len(name), name)


@pytest.mark.parametrize(
    ("text", "name", "language"),
    [
        ("A police officer said in Kabul that a bomb went off.", "Kabul", "en"),
        ("The monitor, based in London, said ten were killed.", "London", "en"),
        ("The interior ministry in Kabul said a bomb killed four.", "Kabul", "en"),
        ("Le porte-parole a déclaré à Bamako que l'attaque a fait dix morts.", "Bamako", "fr"),
    ],
)
def test_where_a_report_was_made(text: str, name: str, language: str):
    assert is_report_place(text, _toponym(text, name), language)


def test_where_an_event_happened_is_no_report_place():
    text = "Police said a bomb killed four soldiers in Kunduz on Friday."
    assert not is_report_place(text, _toponym(text, "Kunduz"), "en")


def test_demonyms_are_told_from_country_names():
    assert is_demonym(Toponym(0, 7, "Russian")) and is_demonym(Toponym(0, 7, "syrien"))
    assert not is_demonym(Toponym(0, 4, "Mali")) and not is_demonym(Toponym(0, 6, "Russia"))
