"""How alike two mentions are: blocking, then a score in 0..1 from a few named features.

Blocking (cheap, also done in SQL by the store) keeps pairs of one event-type family whose dates fall
within each other's window. Two articles whose extraction gave an event the same key (a hash of day,
type, place and initiator, or an id a caller chose) report one event: that pair always links.

Each feature is 0..1; the score is their weighted mean. Other pairs may merge only when the score
reaches THRESHOLD and every gate holds: ACLED's unit is one day, one place, one type, so two exact dates
that differ, two towns more than a few km apart, or two event types are each enough to keep reports
apart whatever else they share.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rapidfuzz.fuzz import token_set_ratio

from conflictatlas.merging.mention import DATE_WINDOW, Mention

THRESHOLD = 0.7
WEIGHTS = {"date": 0.2, "place": 0.3, "type": 0.2, "actors": 0.15, "fatalities": 0.05, "text": 0.1}
GATES = {"date": 0.5, "place": 0.1, "type": 0.6}
# Radius (km) within which two geocoded places may be one event's: towns themselves (precision 1)
# are tight; "near X" (precision 2) is looser. Closer than SAME_PLACE_KM is the same place.
RADIUS_KM = {1: 20.0, 2: 50.0}
SAME_PLACE_KM = 3.0
UNKNOWN = 0.5  # a feature one side does not report: neither for nor against
NO_PLACE = 0.3  # an unlocated mention may join only on everything else
UNNAMED_ARMED = "Unidentified Armed Group"


@dataclass(frozen=True)
class PairScore:
    score: float
    features: dict[str, float]
    same_key: bool = False  # both extractions gave the event one key: one event, as the id contract says

    @property
    def links(self) -> bool:
        """Whether the two mentions may be one event."""
        gates = all(self.features[k] >= g for k, g in GATES.items())
        return self.same_key or (self.score >= THRESHOLD and gates)


def blocked(a: Mention, b: Mention) -> bool:
    """True when the pair is not even a candidate (never scored)."""
    if a.article_id == b.article_id or a.family != b.family:
        return True
    if a.event_date is None or b.event_date is None:
        return True
    window = max(DATE_WINDOW[a.time_precision], DATE_WINDOW[b.time_precision])
    return abs((a.event_date - b.event_date).days) > window or (
        a.country is not None and b.country is not None and a.country != b.country
    )


def score(a: Mention, b: Mention) -> PairScore | None:
    """The pair's score and features, or None when blocking keeps them apart. Symmetric: the pair is
    scored in the mentions' total order, so that no feature can depend on which one came first."""
    if b.order < a.order:
        a, b = b, a
    same_key = a.key == b.key and a.article_id != b.article_id
    if blocked(a, b) and not same_key:
        return None
    features = {
        "date": date_feature(a, b) if a.event_date and b.event_date else UNKNOWN,
        "place": place_feature(a, b),
        "type": type_feature(a, b),
        "actors": actors_feature(a, b),
        "fatalities": fatalities_feature(a, b),
        "text": token_set_ratio(a.text, b.text) / 100 if a.text and b.text else UNKNOWN,
    }
    features = {k: round(v, 3) for k, v in features.items()}
    total = 1.0 if same_key else round(sum(WEIGHTS[k] * v for k, v in features.items()), 3)
    return PairScore(total, features, same_key)


def date_feature(a: Mention, b: Mention) -> float:
    days = abs((a.event_date - b.event_date).days)  # type: ignore[operator]  # blocking ruled out None
    if a.time_precision == b.time_precision == 1:
        return {0: 1.0, 1: 0.3}.get(days, 0.1)
    coarse = max(a.time_precision, b.time_precision)
    return 0.8 if coarse == 2 else 0.6  # inside the window of the vaguer date (blocking checked it)


def place_feature(a: Mention, b: Mention) -> float:
    if a.latitude is None or b.latitude is None or a.longitude is None or b.longitude is None:
        return NO_PLACE
    if a.location == b.location and a.admin1 == b.admin1:
        return 1.0
    if max(a.geo_precision, b.geo_precision) >= 3:
        # Only a region (or the country) is known on one side: the same region is all we can ask.
        if a.admin1 is None or b.admin1 is None:
            return 0.4
        return 0.7 if a.admin1 == b.admin1 else 0.0
    km = distance_km(a.latitude, a.longitude, b.latitude, b.longitude)
    if km <= SAME_PLACE_KM:
        return 1.0
    radius = RADIUS_KM[max(a.geo_precision, b.geo_precision)]
    return max(0.0, 1 - km / radius) ** 2


def type_feature(a: Mention, b: Mention) -> float:
    if a.sub_event_type == b.sub_event_type:
        return 1.0
    return 0.6 if a.event_type == b.event_type else 0.0


def actors_feature(a: Mention, b: Mention) -> float:
    """Side by side, in either orientation (one outlet's initiator is another's target); a side one
    report leaves open neither helps nor hurts."""
    straight = (_side(a.actor1, b.actor1) + _side(a.actor2, b.actor2)) / 2
    crossed = (_side(a.actor1, b.actor2) + _side(a.actor2, b.actor1)) / 2
    return max(straight, crossed)


def _side(x: str | None, y: str | None) -> float:
    if x is None or y is None:
        return UNKNOWN
    if x == y:
        return 1.0
    base_x, base_y = _base(x), _base(y)
    if base_x == base_y:  # "Civilians (Unknown)" beside "Civilians (Iraq)"
        return 0.8
    if UNNAMED_ARMED in (base_x, base_y) and not {base_x, base_y} & {"Civilians", "Protesters"}:
        return 0.6  # "gunmen" in one report, the group's name in another
    return 0.0


def _base(actor: str) -> str:
    return actor.split(" (", 1)[0]


def fatalities_feature(a: Mention, b: Mention) -> float:
    if a.fatalities <= 0 or b.fatalities <= 0:
        return UNKNOWN
    return min(a.fatalities, b.fatalities) / max(a.fatalities, b.fatalities)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))
