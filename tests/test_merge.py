"""Merging across articles, with hand-built events: what becomes one event, what stays apart, and that
the result does not depend on the order articles arrive in."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from itertools import permutations

import pytest

from conflictatlas.merge import merge_article_mentions
from conflictatlas.merging.mention import Mention
from conflictatlas.merging.score import THRESHOLD, score
from conflictatlas.model import Evidence, Place
from conflictatlas.store import open_store
from store_factories import MOSUL, make_article, make_event, snapshot

DEIR = Place("Deir ez-Zor", 35.336, 40.141, "Syria", 760, "SY", admin1="Deir ez-Zor", region="Middle East")
DEIR_SPELT = replace(DEIR, location="Deir Ezzor", latitude=35.33, longitude=40.15)  # another gazetteer point
MAYADIN = replace(DEIR, location="Al Mayadin", latitude=35.02, longitude=40.45)  # 44 km away, same day
DAY = date(2017, 9, 10)


def shelling(key: str, article_id: str, **fields):
    """IS shelling Deir ez-Zor on DAY, as one article reports it."""
    values = {
        "event_date": DAY, "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack", "actor1": "Islamic State",
        "assoc_actor_1": None, "inter1": 2, "actor2": "Civilians (Syria)", "inter2": 7, "interaction": 27,
        "place": DEIR, "fatalities": 12, "fatalities_low": None, "fatalities_high": None,
    }  # fmt: skip
    return make_event(key, article_id, **{**values, **fields})


def reports() -> list[tuple]:
    """Three reports of one shelling (spelling, date expression resolved to one day, tolls "at least 12",
    "14", "a dozen"), the same place two days later, and a town 44 km away on the same day."""

    def report(key: str, days_later: int, **fields) -> tuple:
        article = make_article(key, published=DAY + timedelta(days_later))
        return article, [shelling(key, article.id, **fields)]

    return [
        report("a", 0),
        report("b", 1, place=DEIR_SPELT, fatalities=14),
        report("c", 2, actor1=None),
        report("later", 3, event_date=DAY + timedelta(2)),
        report("town", 1, place=MAYADIN),
    ]


@pytest.fixture
def store(tmp_path):
    with open_store(str(tmp_path / "atlas.db")) as store:
        yield store


def ingest_all(store, items) -> None:
    for article, events in items:
        assert store.ingest(article, events)


def test_three_reports_become_one_event_with_a_conservative_toll(store):
    ingest_all(store, reports()[:3])
    assert store.counts() == {"articles": 3, "events": 1}
    record = store.event("evt-a")  # the earliest report represents the event and gives its id
    assert record["article_ids"] == ["art-a", "art-b", "art-c"]
    assert (record["fatalities_low"], record["fatalities"], record["fatalities_high"]) == (12, 12, 14)
    assert record["location"] == "Deir ez-Zor" and record["actor1"] == "Islamic State"
    assert {e["article_id"] for e in record["evidence"]} == {"art-a", "art-b", "art-c"}
    assert record["confidence"] == pytest.approx(0.9)  # 0.8 and two more sources


def test_same_place_on_another_day_and_another_town_on_the_same_day_stay_apart(store):
    ingest_all(store, reports())
    assert store.counts() == {"articles": 5, "events": 3}
    assert {r["event_id"]: r["article_ids"] for r in store.iter_events()} == {
        "evt-a": ["art-a", "art-b", "art-c"],
        "evt-later": ["art-later"],
        "evt-town": ["art-town"],
    }


def test_any_order_of_ingestion_gives_the_same_events(store_url, tmp_path):
    items = reports()
    expected = None
    for number, order in enumerate(permutations(range(len(items)))):
        if number % 12:  # 10 of the 120 orders, every article first at least once
            continue
        url = store_url if expected is None else f"sqlite:///{tmp_path / f'order-{number}.db'}"
        with open_store(url) as store:
            ingest_all(store, [items[i] for i in order])
        expected = expected or snapshot(url)
        assert snapshot(url) == expected, order


def test_a_new_report_joins_the_stored_event_and_an_earlier_one_rekeys_it(store):
    ingest_all(store, reports()[1:3])
    assert [r["event_id"] for r in store.iter_events()] == ["evt-b"]
    ingest_all(store, reports()[:1])  # published first: it now represents the event
    assert [r["event_id"] for r in store.iter_events()] == ["evt-a"]
    assert store.event("evt-b") is None
    assert store.event("evt-a")["article_ids"] == ["art-a", "art-b", "art-c"]
    assert [r["event_id"] for r in store.article_events("art-c")] == ["evt-a"]


def test_two_events_of_one_article_never_merge(store):
    twins = [shelling("x", "art-x"), shelling("y", "art-x", fatalities=13)]
    assert store.ingest(make_article("x"), twins)
    assert store.ingest(make_article("z"), [shelling("z", "art-z")])
    assert store.counts() == {"articles": 2, "events": 2}


def test_explain_shows_members_and_pair_scores(store):
    ingest_all(store, reports())
    explained = store.explain("evt-a")
    assert [m["article_id"] for m in explained["members"]] == ["art-a", "art-b", "art-c"]
    assert all(m["score"] >= THRESHOLD and m["partner"] for m in explained["members"])
    assert len(explained["pairs"]) == 3 and all(p["links"] for p in explained["pairs"])
    assert set(explained["pairs"][0]["features"]) == {"date", "place", "type", "actors", "fatalities", "text"}
    alone = store.explain("evt-later")["members"][0]
    assert alone["score"] is None and alone["partner"] is None
    assert store.explain("evt-missing") is None


def mention(event, published=DAY):
    return Mention.from_event(event, event.article_id, published)


def test_score_is_symmetric_and_gated():
    a, b = mention(shelling("a", "art-a")), mention(shelling("b", "art-b", fatalities=14))
    assert score(a, b) == score(b, a) and score(a, b).links
    other_day = mention(shelling("d", "art-d", event_date=DAY + timedelta(1)))
    assert score(a, other_day).features["date"] < 0.5 and not score(a, other_day).links
    other_type = mention(shelling("t", "art-t", event_type="Battles", sub_event_type="Armed clash"))
    assert not score(a, other_type).links  # one type per event, however alike the rest
    protest = mention(shelling("p", "art-p", event_type="Protests", sub_event_type="Peaceful protest"))
    assert score(a, protest) is None  # another family: not even a candidate
    assert score(a, mention(shelling("m", "art-m", place=MOSUL))) is None  # another country


def test_actors_compare_side_by_side_in_either_orientation():
    a = mention(shelling("a", "art-a"))
    swapped = mention(shelling("s", "art-s", actor1="Civilians (Syria)", actor2="Islamic State"))
    unnamed = mention(shelling("u", "art-u", actor1="Unidentified Armed Group (Syria)"))
    missing = mention(shelling("n", "art-n", actor1=None, actor2=None))
    assert score(a, swapped).features["actors"] == 1.0
    assert 0.5 < score(a, unnamed).features["actors"] < 1.0
    assert score(a, missing).features["actors"] == 0.5


def test_within_article_merging_is_still_importable_from_merge():
    folded = merge_article_mentions([shelling("a", "art-a"), shelling("b", "art-a", fatalities=14)])
    assert len(folded) == 1 and folded[0].fatalities == 14


def test_one_extraction_key_in_two_articles_is_one_event(store):
    # The id contract: a key (hash of day, type, place, initiator, or a caller's id) names one event.
    ingest_all(store, reports()[:1])
    later = make_article("k", published=DAY + timedelta(6))
    assert store.ingest(later, [shelling("a", "art-k", event_date=DAY + timedelta(5))])
    assert store.event("evt-a")["article_ids"] == ["art-a", "art-k"]
    assert store.event("evt-a")["event_date"] == DAY.isoformat()  # the earlier report's, on a tie


def test_merged_notes_are_written_from_the_merged_fields(store):
    # report "c" names no initiator and gives its own notes; the event's line names the voted actor, the
    # merged place and the conservative toll
    ingest_all(store, reports()[:3])
    notes = store.event("evt-a")["notes"]
    assert notes.startswith("On 10 September 2017, Islamic State")
    assert "Deir ez-Zor" in notes and notes.endswith("12 reported fatalities.")


def test_folded_mentions_of_one_article_get_a_notes_line_of_the_folded_event():
    lead = shelling("lead", "art-1", fatalities=3, confidence=0.9)
    update = shelling("update", "art-1", fatalities=13, actor1=None, inter1=None, confidence=0.5)
    (event,) = merge_article_mentions([lead, update])
    assert event.fatalities == 13
    assert event.notes.endswith("13 reported fatalities.") and "Islamic State" in event.notes


def test_arrests_folded_into_a_protest_do_not_make_it_civilian_targeting():
    protest = shelling(
        "protest", "art-1", event_type="Protests", sub_event_type="Protest with intervention",
        actor1="Protesters (Syria)", inter1=6, actor2="Police Forces of Syria", inter2=3, fatalities=0,
        civilian_targeting="", confidence=0.9,
    )  # fmt: skip
    arrests = shelling(
        "arrests", "art-1", event_type="Strategic developments", sub_event_type="Arrests",
        actor1="Police Forces of Syria", inter1=3, actor2="Civilians (Syria)", inter2=7, fatalities=0,
        civilian_targeting="Civilian targeting", confidence=0.6,
    )  # fmt: skip
    (event,) = merge_article_mentions([protest, arrests])
    assert event.sub_event_type == "Protest with intervention" and event.civilian_targeting == ""
    # a protest report that names no intervening force: the arresting police are it, not the arrested
    (event,) = merge_article_mentions([replace(protest, actor2=None, inter2=None, interaction=60), arrests])
    assert (event.actor2, event.inter2, event.interaction) == ("Police Forces of Syria", 3, 36)
    assert "dispersed by Police Forces of Syria" in event.notes


def test_civilians_targeted_in_a_folded_mention_of_the_same_event_type_stay_targeted():
    abduction = shelling(
        "abduction", "art-1", event_type="Violence against civilians",
        sub_event_type="Abduction/forced disappearance", actor2=None, inter2=None, civilian_targeting="",
        confidence=0.9,
    )  # fmt: skip
    attack = shelling(
        "attack", "art-1", event_type="Violence against civilians", sub_event_type="Attack",
        civilian_targeting="Civilian targeting", confidence=0.5,
    )  # fmt: skip
    (event,) = merge_article_mentions([abduction, attack])
    assert event.actor2 == "Civilians (Syria)" and event.civilian_targeting == "Civilian targeting"


def _evidence(field: str, text: str, sentence: str) -> Evidence:
    return Evidence(field, text, sentence.index(text), sentence.index(text) + len(text), sentence, 0, "art-1")


def test_a_place_named_near_a_town_wins_over_a_headline_that_names_none():
    # the headline falls back to the article's town (geo_precision 1); the lead says "20 km north of" it
    headline = shelling("headline", "art-1", confidence=0.9)
    lead_sentence = "Islamic State shelled a village 20 km north of Deir ez-Zor on Sunday."
    lead = shelling(
        "lead", "art-1", place=replace(DEIR, geo_precision=2, feature_code="PPL"), confidence=0.6,
        evidence=(_evidence("location", "Deir ez-Zor", lead_sentence),),
    )  # fmt: skip
    for order in ([headline, lead], [lead, headline]):
        (event,) = merge_article_mentions(order)
        assert event.place.geo_precision == 2
        assert event.notes.startswith("On 10 September 2017,") and "near Deir ez-Zor" in event.notes
    # two mentions that both name the town: the more precise one
    in_town = replace(headline, evidence=(_evidence("location", "Deir ez-Zor", "Shelling hit Deir ez-Zor."),))
    (event,) = merge_article_mentions([lead, in_town])
    assert event.place.geo_precision == 1


def test_a_target_named_in_one_report_wins_over_people_in_another():
    sentence = "A suicide bomber blew himself up at a checkpoint, killing at least 9 people."
    toll = shelling(
        "toll", "art-1", sub_event_type="Suicide bomb", confidence=0.9,
        civilian_targeting="Civilian targeting", evidence=(_evidence("actor2", "people", sentence),),
    )  # fmt: skip
    detail = "He detonated his vest as soldiers stepped forward."
    target = shelling(
        "target", "art-1", sub_event_type="Suicide bomb", actor2="Military Forces of Syria", inter2=1,
        confidence=0.5, civilian_targeting="", evidence=(_evidence("actor2", "soldiers", detail),),
    )  # fmt: skip
    (event,) = merge_article_mentions([toll, target])
    assert (event.actor2, event.inter2, event.interaction, event.civilian_targeting) == (
        "Military Forces of Syria", 1, 12, ""
    )  # fmt: skip
    # named victims ("villagers") are no vague target: they stay
    villagers = replace(toll, evidence=(_evidence("actor2", "villagers", "It killed 9 villagers."),))
    (event,) = merge_article_mentions([villagers, target])
    assert event.actor2 == "Civilians (Syria)" and event.civilian_targeting == "Civilian targeting"
