"""The notes line: one sentence in ACLED's style, generated from the record itself."""

from __future__ import annotations

import re
from datetime import date

from conflictatlas.knowledge import load_json
from conflictatlas.model import Event, Place


def _clean(sentence: str) -> str:
    """Drop clauses about an absent second actor ("targeting unidentified actors")."""
    unknown = load_json("notes.json")["unknown_actor"]
    sentence = re.sub(rf"\s+(?:from|with|at|on|against|targeting|by) {unknown}", "", sentence)
    return re.sub(rf",? clashing with {unknown}", "", sentence)


def notes_line(
    sub_event_type: str,
    event_date: date | None,
    actor1: str | None,
    actor2: str | None,
    assoc: str | None,
    location: str | None,
    fatalities: int,
    *,
    near: bool = False,
) -> str:
    """ "On 27 March 2016, Military Forces of Syria regained control of Tadmur from Islamic State."
    `near`: the place is only near the town (geo_precision 2), "near Bankass" rather than "in Bankass"."""
    data = load_json("notes.json")
    first = actor1 or data["unknown_actor"]
    if assoc:
        first = f"{first} (supported by {assoc.replace('; ', ' and ')})"
    body = data["templates"][sub_event_type].format(
        actor1=first, actor2=actor2 or data["unknown_actor"], location=location or data["unknown_place"]
    )
    body = _clean(body)
    if near and location:
        body = body.replace(f" in {location}", f" near {location}", 1)
    prefix = f"On {event_date.day} {event_date:%B %Y}, " if event_date else ""
    line = prefix + body
    line = line[0].upper() + line[1:] + "."
    if fatalities:
        line += f" {fatalities} reported fatalities."
    return line


def is_near_town(place: Place | None) -> bool:
    """Near a town ("20 km north of Bankass"), not a district (also geo_precision 2)."""
    return place is not None and place.geo_precision == 2 and (place.feature_code or "").startswith("PPL")


def event_notes(event: Event) -> str:
    """The notes line of an event as it stands, e.g. after its mentions were folded into it: the line
    of any one mention could name another toll or actor than the event has."""
    return notes_line(
        event.sub_event_type,
        event.event_date,
        event.actor1,
        event.actor2,
        event.assoc_actor_1,
        event.place.location if event.place else None,
        event.fatalities,
        near=is_near_town(event.place),
    )
