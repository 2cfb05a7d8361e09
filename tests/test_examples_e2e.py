"""End to end on the project's own example articles: the exact events each one yields."""

from datetime import date
from pathlib import Path

import pytest

from conflictatlas.api import RunStats, process_paths

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# (sub_event_type, event_date, location, geo_precision, actor1, actor2, fatalities) of every event, per
# example: the answer keys of docs/examples.md
EXPECTED = {
    "recapture-tadmur.html": {
        # the engineers sweeping for booby traps are part of the recapture, no event of their own
        (
            "Government regains territory",
            "2016-03-27",
            "Tadmur",
            1,
            "Military Forces of Syria",
            "Islamic State",
            0,
        ),
        ("Looting/property destruction", "2015-08-23", "Tadmur", 1, "Islamic State", None, 0),
    },
    "suicide-bombing.txt": {
        # "killing at least 9 people" says nothing of who they were; the bomber struck as soldiers came up
        ("Suicide bomb", "2019-06-16", "Afgooye", 1, "Al Shabaab", "Military Forces of Somalia", 9),
    },
    "abduction.txt": {
        # "some 20 km north of Bankass": near the town, though the headline names no place
        (
            "Abduction/forced disappearance",
            "2021-09-06",
            "Bankass",
            2,
            "Unidentified Armed Group (Mali)",
            "Civilians (Mali)",
            0,
        ),
    },
    "air-strike.txt": {
        # Ngoshe is not in the gazetteer: "about 15 km south of Gwoza", the town
        (
            "Air/drone strike",
            "2021-04-13",
            "Gwoza",
            2,
            "Military Forces of Nigeria",
            "Civilians (Nigeria)",
            8,
        ),
    },
    "protest-dispersed.html": {
        # the city of Basra (GeoNames: Basrah), not the province of its name
        (
            "Protest with intervention",
            "2018-07-15",
            "Basrah",
            1,
            "Protesters (Iraq)",
            "Police Forces of Iraq",
            0,
        ),
    },
    "residue-only.html": set(),
}


@pytest.fixture(scope="module")
def results():
    stats = RunStats()
    found = {}
    for article, events in process_paths([EXAMPLES], stats=stats):
        found[article.path] = events
    return found, stats


def _key(event):
    r = event.to_record()
    return (
        r["sub_event_type"],
        r["event_date"],
        r["location"],
        r["geo_precision"],
        r["actor1"],
        r["actor2"],
        r["fatalities"],
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_yields_exactly_its_events(results, name):
    found, _ = results
    path = str(EXAMPLES / name)
    assert {_key(e) for e in found.get(path, [])} == EXPECTED[name]


def test_injuries_as_the_answer_keys_give_them(results):
    found, _ = results
    injuries = {
        Path(path).name: sorted(e.injuries or 0 for e in events) for path, events in found.items() if events
    }
    # air strike: "six wounded people had been brought to the clinic", a sentence after the event's;
    # protest: "Dozens of people were injured"; Goma: "No one was hurt"
    assert injuries == {
        "recapture-tadmur.html": [0, 0],
        "suicide-bombing.txt": [14],
        "abduction.txt": [0],
        "air-strike.txt": [6],
        "protest-dispersed.html": [12],
        "batch.jsonl:1": [5],  # "cinq blessés"
        "batch.jsonl:2": [0],
    }


def test_allies_as_the_answer_key_gives_them(results):
    found, _ = results
    recapture = next(e for e in found[str(EXAMPLES / "recapture-tadmur.html")] if e.event_type == "Battles")
    # "backed by Russian warplanes and by fighters of Lebanon's Hezbollah"
    assert recapture.assoc_actor_1 == "Military Forces of Russia; Hezbollah"


def test_ranges_keep_their_high_estimate(results):
    found, _ = results
    [strike] = found[str(EXAMPLES / "air-strike.txt")]
    assert (strike.fatalities, strike.fatalities_low, strike.fatalities_high) == (8, 8, 11)


def test_residue_only_page_is_read_but_has_no_event(results):
    found, stats = results
    assert found[str(EXAMPLES / "residue-only.html")] == []
    assert stats.failed == 0


def test_every_event_carries_its_article_id_and_evidence(results):
    found, _ = results
    for events in found.values():
        for event in events:
            record = event.to_record()
            assert record["article_id"]
            assert record["evidence"], record
            for evidence in event.evidence:
                assert (
                    evidence.sentence[
                        evidence.start - evidence.sentence_start : evidence.end - evidence.sentence_start
                    ]
                    == evidence.text
                )


def test_jsonl_articles_keep_their_ids(results):
    found, _ = results
    batch = [e for path, events in found.items() if "batch.jsonl" in path for e in events]
    assert {e.article_id for e in batch} == {"sahel-fr-2022-03-09-niono", "kivu-en-2019-11-05-lucha"}
    by_id = {e.article_id: _key(e) for e in batch}
    assert by_id["kivu-en-2019-11-05-lucha"] == (
        "Arrests",
        "2019-11-04",
        "Goma",
        1,
        "Police Forces of Democratic Republic of the Congo",
        # activists arrested in a raid on their meeting, not at a demonstration
        "Civilians (Democratic Republic of the Congo)",
        0,
    )
    (goma,) = [e for e in batch if e.article_id.startswith("kivu")]
    assert goma.civilian_targeting == ""  # arrests are no violence against civilians
    french = [e for e in batch if e.article_id.startswith("sahel-fr")]
    # "à une quinzaine de kilomètres au nord de la ville": near Niono
    assert [(e.sub_event_type, e.event_date, e.place.location, e.place.geo_precision) for e in french] == [
        ("Armed clash", date(2022, 3, 8), "Niono", 2)
    ]
