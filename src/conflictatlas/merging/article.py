"""Within one article: mentions of the same event fold into one event, and the event's stable id.

Sentences that report the same event (the lead, a later "having conquered the town", the headline) fold
into one event that keeps all their evidence. The event id is a hash of the event's key (day, event type,
place, initiator): the store uses it as the id of the merged event this mention represents (see
`conflictatlas.merging`), so a single-source event keeps it.
"""

from __future__ import annotations

from dataclasses import replace

from conflictatlas.extraction.actors import interaction, is_vague_target
from conflictatlas.extraction.notes import event_notes
from conflictatlas.model import Event, Place, stable_hash


def event_key(event: Event) -> tuple:
    """What identifies a real event: one day, one type, one place, one initiator (ACLED's unit)."""
    place = event.place
    where = (place.geonameid or place.location) if place else None
    return (event.event_date.isoformat() if event.event_date else None, event.event_type, where, event.actor1)


def event_id(event: Event) -> str:
    """Stable id from the key; undated events also carry their article, as nothing else ties them."""
    key = event_key(event)
    return stable_hash(*key, "" if event.event_date else event.article_id)


#: sub-types that already include the arrests made at them (ACLED codes one protest event)
INCLUDES_ARRESTS = frozenset({"Protest with intervention", "Excessive force against protesters"})


def _same_event(a: Event, b: Event) -> bool:
    """Within one article, one type on one day at one place is one event, whoever each sentence
    names first: the sentences describe the same action from different sides. Arrests made at a
    protest that was broken up are part of that protest."""
    a_place = a.place.geonameid if a.place else None
    b_place = b.place.geonameid if b.place else None
    if a.event_date != b.event_date or a_place != b_place:
        return False
    if {a.sub_event_type, b.sub_event_type} & INCLUDES_ARRESTS and "Arrests" in {
        a.sub_event_type,
        b.sub_event_type,
    }:
        return True
    return a.event_type == b.event_type


def _fold(kept: Event, other: Event) -> Event:
    """One event from two mentions: the more confident one's type, every field either one knows (a
    target named by the other when this one's are only "people"), and the notes line written anew.
    Arrests folded into the protest they broke up (or the reverse) face the other way: the arresting
    police are the protest's second actor, and the arrested people are no civilians targeted."""
    first, second = (kept, other) if kept.confidence >= other.confidence else (other, kept)
    crossed = first.event_type != second.event_type
    if crossed:
        second = replace(
            second,
            actor1=second.actor2,
            inter1=second.inter2,
            actor2=second.actor1,
            inter2=second.inter1,
            civilian_targeting="",
        )
    if first.actor2 and second.actor2 and _vague_target(first) and not _vague_target(second):
        # "killing nine people" and "as soldiers stepped forward": the soldiers were the target
        first = replace(
            first, actor2=second.actor2, inter2=second.inter2, civilian_targeting=second.civilian_targeting
        )
    evidence = first.evidence + tuple(e for e in second.evidence if e not in first.evidence)
    place = _place_of(first, second)
    inter1, inter2 = first.inter1 or second.inter1, first.inter2 or second.inter2
    folded = replace(
        first,
        actor1=first.actor1 or second.actor1,
        inter1=inter1,
        actor2=first.actor2 or second.actor2,
        inter2=inter2,
        interaction=interaction(inter1, inter2),
        assoc_actor_1="; ".join(
            dict.fromkeys(
                a for a in f"{first.assoc_actor_1 or ''}; {second.assoc_actor_1 or ''}".split("; ") if a
            )
        )
        or None,
        place=place,
        fatalities=max(first.fatalities, second.fatalities),
        injuries=max(first.injuries or 0, second.injuries or 0) or None,
        confidence=min(0.99, max(first.confidence, second.confidence) + 0.05),
        evidence=evidence,
        civilian_targeting=first.civilian_targeting or second.civilian_targeting,
    )
    return replace(folded, notes=event_notes(folded))


def _vague_target(mention: Event) -> bool:
    """Is the mention's target named only by a word like "people"?"""
    word = next((e.text for e in mention.evidence if e.field == "actor2"), None)
    return word is not None and is_vague_target(word)


def _names_place(mention: Event) -> bool:
    return mention.place is not None and any(e.field == "location" for e in mention.evidence)


def _place_of(first: Event, second: Event) -> Place | None:
    """The place of the mention that names it in its own sentence ("20 km north of Bankass", geo_precision
    2) over the article's main town that a headline without a place falls back to (geo_precision 1); of
    two mentions alike in that, the more precise place."""
    alike = [m for m in (first, second) if _names_place(m)] or [first, second]
    placed = [m.place for m in alike if m.place is not None]
    return min(placed, key=lambda place: place.geo_precision, default=None)


def merge_article_mentions(mentions: list[Event]) -> list[Event]:
    """Fold the mentions of one article into events, in order of first mention, with their ids."""
    events: list[Event] = []
    for mention in mentions:
        for index, event in enumerate(events):
            if _same_event(event, mention):
                events[index] = _fold(event, mention)
                break
        else:
            events.append(mention)
    return [replace(e, event_id=event_id(e)) for e in events]
