"""The real machine-translated wire story of 27 March 2016 (read from ../shared when it exists)."""

from pathlib import Path

import pytest

from conflictatlas.api import process_paths

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "samples" / "palmyra-2016-03-27.txt"
PALMYRA = (34.5624, 38.2840)

pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason=f"the shared sample is not here ({SAMPLE})")


@pytest.fixture(scope="module")
def events():
    from datetime import date

    [(article, found)] = list(process_paths([SAMPLE], published=date(2016, 3, 27)))
    return article, [e.to_record() for e in found]


def test_recapture_of_palmyra(events):
    _, records = events
    [recapture] = [r for r in records if r["sub_event_type"] == "Government regains territory"]
    assert recapture["event_type"] == "Battles"
    assert recapture["event_date"] == "2016-03-27" and recapture["time_precision"] == 1
    assert recapture["country"] == "Syria" and recapture["admin1"] == "Homs"
    assert abs(recapture["latitude"] - PALMYRA[0]) < 0.09 and abs(recapture["longitude"] - PALMYRA[1]) < 0.11
    assert recapture["actor1"] == "Military Forces of Syria"
    assert recapture["actor2"] == "Islamic State"
    assert set(recapture["assoc_actor_1"].split("; ")) == {"Military Forces of Russia", "Hezbollah"}
    assert recapture["fatalities"] == 0  # the 20-day campaign toll is context, not this day's toll
    assert {e["field"] for e in recapture["evidence"]} >= {
        "sub_event_type",
        "actor1",
        "event_date",
        "location",
    }


def test_nothing_from_the_author_biography(events):
    article, records = events
    assert "Sorbonne" not in article.text
    for record in records:
        for evidence in record["evidence"]:
            assert "Krakow" not in evidence["sentence"] and "Sorbonne" not in evidence["sentence"]


def test_intentions_and_hopes_are_not_events(events):
    _, records = events
    sentences = " ".join(e["sentence"] for r in records for e in r["evidence"])
    assert "hopes a second round" not in sentences
    assert "expand military operations" not in sentences
    assert not any(r["location"] in {"Deir ez-Zor", "Ar Raqqah", "Mosul"} for r in records)


def test_back_referenced_brussels_bombings(events):
    _, records = events
    [brussels] = [r for r in records if r["location"] == "Brussels"]
    assert brussels["event_date"] == "2016-03-22"
    assert brussels["fatalities"] == 31 and brussels["injuries"] == 340
    assert brussels["confidence"] < max(r["confidence"] for r in records)
