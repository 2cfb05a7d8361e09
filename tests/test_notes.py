"""The notes line, written from an event's fields in ACLED's style."""

from __future__ import annotations

from datetime import date

from conflictatlas.extraction.notes import is_near_town, notes_line
from conflictatlas.model import Place


def test_a_line_names_date_actors_place_and_toll():
    line = notes_line(
        "Government regains territory", date(2016, 3, 27), "Military Forces of Syria", "Islamic State",
        "Military Forces of Russia; Hezbollah", "Tadmur", 0,
    )  # fmt: skip
    assert line == (
        "On 27 March 2016, Military Forces of Syria (supported by Military Forces of Russia and Hezbollah) "
        "regained control of Tadmur from Islamic State."
    )


def test_a_place_near_a_town_is_near_it():
    line = notes_line(
        "Abduction/forced disappearance", date(2021, 9, 6), "Unidentified Armed Group (Mali)",
        "Civilians (Mali)", None, "Bankass", 0, near=True,
    )  # fmt: skip
    assert line.endswith("abducted Civilians (Mali) near Bankass.")


def test_an_undated_event_with_a_toll():
    line = notes_line("Armed clash", None, "Military Forces of Mali", "JNIM", None, "Niono", 13)
    assert line == "Military Forces of Mali clashed with JNIM in Niono. 13 reported fatalities."


def test_near_is_said_of_towns_not_of_districts():
    town = Place("Bankass", 14.08, -3.52, "Mali", 466, "ML", feature_code="PPL", geo_precision=2)
    assert is_near_town(town)
    district = Place("Chibok", 10.9, 12.8, "Nigeria", 566, "NG", feature_code="ADM2", geo_precision=2)
    assert not is_near_town(district)
    assert not is_near_town(None)
