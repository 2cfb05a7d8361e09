"""Toponym resolution in context: which of the gazetteer's places of a name does this article mean?

Each name's candidates get a prior (population, kind of place, how well the spelling matched), then the
article's context is added in two rounds, each built from the previous round's picks:
1. country focus: the share of the article's places that lie in each country ("Palmyra" in a story about
   Syria is Tadmur, in a story about New York State it is Palmyra, NY);
2. admin1 focus: towns in a state or province the article names ("Richmond" beside "Kentucky");
3. proximity: towns near the article's other towns (local news names neighbours);
4. cues in the words around the name: "Homs province", "near Homs", "Gainesville, Ga." (see cues.py).
The weights are module constants, tuned on development splits of news geoparsing corpora (bench/geo.py).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from rapidfuzz.fuzz import ratio

from conflictatlas.geo.cues import Cues, read_cues
from conflictatlas.geo.fold import fold, rules, skeleton, strip_article, strip_suffix
from conflictatlas.geo.gazetteer import (
    ALTERNATE,
    DERIVED,
    FUZZY,
    PRIMARY,
    Entry,
    Gazetteer,
    Match,
    get_gazetteer,
)
from conflictatlas.geo.recognize import find_toponyms
from conflictatlas.geo.sources import read_tsv
from conflictatlas.model import Toponym

__all__ = ["find_toponyms", "resolve_toponyms"]

#: prior by kind of place: a bare "Georgia" is the country or the state before it is a town
FEATURE_PRIOR = {"PCLI": 1.5, "ADM1": 0.8, "ADM2": 0.0, "PPLC": 0.3, "PPL": 0.0, "CONT": 1.5}
OTHER_FEATURE_PRIOR = 1.5  # seas, oceans, regions: a bare "Atlantic" is the ocean
POPULATION_WEIGHT = 0.7  # times log10(population)/7
QUALITY_PENALTY = (0.0, 0.3, 0.45, 0.6, 0.6)  # primary, alternate, derived, fuzzy, embedded in a longer name
EMBEDDED = 4  # match quality of a place named inside a longer name
EMBEDDED_MIN_PROXIMITY = 0.3  # ...which, when a town, must lie within 150 km of the article's other towns
#: ...unless a city this big, which may also be named by an alternate name ("New York Auto Show")
EMBEDDED_CITY_POPULATION = 1_000_000
FOCUS_WEIGHT = 1.2  # times the country's share of the article's places
ADMIN1_WEIGHT = 0.8  # times the admin1's share of the article's places
ADMIN_CUE_BONUS = 1.5  # "X province" and an admin area of that level; "the city of X" and a town
QUALIFIER_BONUS = 2.0  # "Gainesville, Ga." and a Gainesville in Georgia
#: (km, bonus): towns close to the article's other towns
PROXIMITY = ((50.0, 0.5), (150.0, 0.3), (400.0, 0.1))
#: a town vouches for its neighbours only in a country at least this much of the article is about
MIN_PROXIMITY_FOCUS = 0.2
#: an admin area named like a real city inside it ("Homs", "Mosul") means the city unless a cue names the area
CITY_INSIDE_MIN_POPULATION = 20000
#: ...and a district named like its seat town means the town, even a small one ("Gwoza")
SEAT_INSIDE_MIN_POPULATION = 5000
CITY_INSIDE_PENALTY = 1.0
#: ...and that city takes the area's standing: "Gaza" is Gaza City before Mozambique's Gaza province
NAMESAKE_CITY_BONUS = 0.8
PREFERRED_BONUS = 0.8  # the usual sense of a name in news (data/geo_preferred.tsv)
CONTEXT_ROUNDS = 2
#: a loose transliteration match (similarity below this) counts only inside a country the article is about
SURE_FUZZY_SIMILARITY = 80
MIN_FOCUS_FOR_LOOSE_MATCH = 0.2
#: ...and only for a name of at least this many letters
MIN_LOOSE_LETTERS = 6
#: candidates per name that proximity is computed for (the rest are far behind on priors anyway)
PROXIMITY_CANDIDATES = 15


@dataclass
class Mention:
    """One place name in the text, its candidates and its cues."""

    start: int
    end: int
    name: str
    key: str  # folded name
    matches: tuple[Match, ...]
    cues: Cues
    qualifier_codes: frozenset[str] = frozenset()  # admin1 codes or countries of "X, <qualifier>"
    priors: list[float] = field(default_factory=list)
    alone: bool = False  # no other name of the text has a candidate of its own
    areas: frozenset[str | None] = frozenset()  # admin1 codes of the candidates that are admin1 areas
    own_areas: frozenset[tuple] = frozenset()  # `_area_key`s of the areas it is the own (primary) name of
    group: str = ""  # the name without admin word or article: mentions of one name count once in the context


@dataclass
class Context:
    """What the article as a whole says: weights of countries and admin1 areas, and its towns.

    Each distinct name adds its weight once, and is left out when its own candidates are scored, so that
    a name repeated ten times cannot vote for its own first guess."""

    countries: dict[str, float] = field(default_factory=dict)
    admin1: dict[str, float] = field(default_factory=dict)
    towns: list[tuple[float, float, str, str]] = field(default_factory=list)  # lat, lon, folded name, cc
    own: dict[str, tuple[str, str, float, float]] = field(default_factory=dict)  # key -> cc, admin1, weights

    def shares(self, key: str) -> tuple[dict[str, float], dict[str, float]]:
        """Country and admin1 shares of the article's other names."""
        cc, code, country_weight, admin_weight = self.own.get(key, ("", "", 0.0, 0.0))
        return _leave_out(self.countries, cc, country_weight), _leave_out(self.admin1, code, admin_weight)


def _leave_out(weights: dict[str, float], own: str, own_weight: float) -> dict[str, float]:
    total = sum(weights.values()) - own_weight
    if total <= 0:
        return {}
    return {k: (w - own_weight if k == own else w) / total for k, w in weights.items()}


def resolve_toponyms(
    text: str,
    spans: Iterable[tuple[int, int]],
    *,
    focus_country: str | None = None,
    gazetteer: Gazetteer | None = None,
    fallback: bool = True,
) -> list[Toponym]:
    """A `Toponym` for every (start, end) span of `text`; `place` is None when no gazetteer entry fits.

    `focus_country` (ISO alpha-2) adds weight to places in that country, e.g. from a source's metadata.
    A name the gazetteer does not know is located by a place name inside it ("Manila Cathedral"), or
    with `fallback` by the closest resolved name of the text, at geo_precision 2."""
    gaz = gazetteer or get_gazetteer()
    mentions = [_mention(gaz, text or "", start, end) for start, end in spans]
    own = [bool(m.matches) and m.matches[0].quality != EMBEDDED for m in mentions]
    for mention, has_own in zip(mentions, own, strict=True):
        mention.alone = sum(own) - has_own == 0
    picks = [_pick(m, Context()) for m in mentions]
    for _ in range(CONTEXT_ROUNDS):
        context = _context(mentions, picks, focus_country)
        picks = [_pick(m, context) for m in mentions]
    precisions = [_precision(pick, m.cues) if pick else 0 for m, pick in zip(mentions, picks, strict=True)]
    if fallback:
        resolved = list(picks)
        for i, pick in enumerate(resolved):
            if (
                pick is None
                and mentions[i].name
                and (near := _nearest_pick(i, mentions, resolved)) is not None
            ):
                picks[i], precisions[i] = near, 2
    return [
        Toponym(m.start, m.end, m.name, gaz.place(pick, precision) if pick else None)
        for m, pick, precision in zip(mentions, picks, precisions, strict=True)
    ]


def _nearest_pick(i: int, mentions: Sequence[Mention], picks: Sequence[Entry | None]) -> Entry | None:
    """For a name that no gazetteer entry fits ("Barclays Center", "Cavan Institute"): the place of the
    closest other name in the text, a town before a larger area. Given spans are places by definition,
    and a building or a venue lies where the story is."""
    ranked = sorted(
        (j for j, pick in enumerate(picks) if pick is not None and j != i),
        key=lambda j: (not _is_town(picks[j]), abs(mentions[j].start - mentions[i].start)),
    )
    return picks[ranked[0]] if ranked else None


def _is_town(entry: Entry | None) -> bool:
    return entry is not None and entry.fcode.startswith(("PPL", "ADM2"))


def _mention(gaz: Gazetteer, text: str, start: int, end: int) -> Mention:
    start, end = max(0, int(start)), min(len(text), int(end))
    name = text[start:end].strip() if start < end else ""
    cues = read_cues(text, start, end) if name else Cues()
    key = fold(name)
    matches = gaz.lookup(name) if name else ()
    if key in _common_words():
        # "the Valley", "the Capitol", "Kurdish": a region or area by that name (or demonym), never a town
        # that happens to be called so (Valley, Alabama; Capitola by its spelling)
        matches = tuple(
            m for m in matches if m.quality < FUZZY and not m.entry.fcode.startswith(("PPL", "ADM2"))
        )
    if name and not any(m.quality < FUZZY for m in matches) and (rest := _without_direction(name)):
        # "Western US", "Central Anatolia": the place named after the direction word
        matches = tuple(m._replace(quality=max(m.quality, DERIVED)) for m in gaz.lookup(rest)) or matches
    if name and not matches:
        matches = _embedded(gaz, name)
    codes: frozenset[str] = frozenset()
    if cues.qualifier:
        codes = frozenset(
            m.entry.admin1_code or m.entry.cc
            for m in gaz.lookup(cues.qualifier)
            if m.entry.fcode in ("ADM1", "PCLI") and m.quality < 3
        )
    # "Suffolk", "Suffolk County" and "Suffolk City" are one name: they must not vouch for each other
    mention = Mention(start, end, name, key, matches, cues, codes, group=strip_suffix(strip_article(key)))
    mention.areas = frozenset(
        m.entry.admin1_code for m in matches if m.entry.fcode == "ADM1" and m.quality <= ALTERNATE
    )
    mention.own_areas = frozenset(
        _area_key(m.entry.fcode, m.entry.admin1_code, m.entry.name)
        for m in matches
        if m.entry.fcode in ("ADM1", "ADM2") and m.quality == PRIMARY
    )
    mention.priors = [_prior(m, mention) for m in matches]
    return mention


#: words of direction before a name that the gazetteer does not know as a whole ("Western US")
DIRECTIONS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "north-east",
        "north-west",
        "south-east",
        "south-west",
        "north-eastern",
        "north-western",
        "south-eastern",
        "south-western",
    ]
)


@cache
def _common_words() -> frozenset[str]:
    """Single words that are no town's name in news, though towns bear them (data/geo_folding.json)."""
    return frozenset(rules()["not_places"]) | frozenset(rules()["generic_words"])


def _without_direction(name: str) -> str | None:
    """'Western US' -> 'US', 'South East Asia' -> 'East Asia'; None without a leading direction word."""
    first, _, rest = name.strip().partition(" ")
    return rest.strip() if rest.strip() and first.lower() in DIRECTIONS else None


_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][\w.\u00c0-\u024f-]*")


def _embedded(gaz: Gazetteer, name: str) -> tuple[Match, ...]:
    """Candidates of the place names inside a longer name the gazetteer does not know: "Colorado State
    University" -> Colorado, "Manila Cathedral" -> Manila, "Bank of Mexico" -> Mexico. Every run of
    capitalised words that names a country, an area by any of its names, or a town by its own name (a
    town's alternate names are too loose here: "Old Town", "Grants"); they count only inside a country
    the article is about, and a town only near the article's other towns (see `_pick`): "Brands Hatch"
    is no Hatch, New Mexico."""
    words = _WORD.findall(name)
    not_places = rules()["not_places"]
    generic = frozenset(rules()["generic_words"])
    found: dict[int, Match] = {}
    covered: set[int] = set()  # words inside a longer run that named a place: "York" in "New York Auto Show"
    for size in range(len(words) - 1, 0, -1):
        for i in range(len(words) - size + 1):
            run = words[i : i + size]
            key = fold(" ".join(run))
            if (
                covered.isdisjoint(range(i, i + size))
                and run[0][:1].isupper()
                and run[-1][:1].isupper()
                and len(key) >= 3
                and key not in not_places
                and not generic.issuperset(key.split())
            ):
                for m in gaz.lookup(" ".join(run), fuzzy=False):
                    if m.quality == DERIVED and not m.entry.fcode.startswith("ADM"):
                        continue  # a demonym: "Percy French Hotel" is not in France
                    if (
                        m.quality == PRIMARY
                        or (m.quality < FUZZY and not m.entry.fcode.startswith("PPL"))
                        or (m.quality == ALTERNATE and m.entry.population >= EMBEDDED_CITY_POPULATION)
                    ):
                        found.setdefault(m.entry.id, m._replace(quality=EMBEDDED))
                        covered.update(range(i, i + size))
    return tuple(found.values())


def _prior(match: Match, mention: Mention) -> float:
    """Context-free score of one candidate."""
    entry = match.entry
    score = POPULATION_WEIGHT * math.log10(entry.population + 1) / 7
    score += FEATURE_PRIOR.get(entry.fcode, OTHER_FEATURE_PRIOR)
    score -= QUALITY_PENALTY[match.quality] + (100.0 - match.similarity) / 50
    level = mention.cues.admin_level
    if level:
        # Palestine's governorates are districts here, but "governorate" names them
        fits = entry.fcode == level or (entry.fcode == "ADM2" and entry.cc in _admin1_above_iso())
        score += ADMIN_CUE_BONUS if fits else (-0.5 if entry.fcode.startswith("PPL") else 0.0)
    elif mention.cues.settlement:
        score += ADMIN_CUE_BONUS if entry.fcode.startswith("PPL") else 0.0
    elif entry.fcode in ("ADM1", "ADM2") and _has_city_inside(entry, match.quality, mention):
        score -= CITY_INSIDE_PENALTY
    elif (match.quality == PRIMARY and _is_namesake_city(entry, mention.areas)) or _spelled_namesake(
        entry, mention
    ):
        score += NAMESAKE_CITY_BONUS
    if entry.geonameid is not None and _preferred().get(mention.key) == entry.geonameid:
        score += PREFERRED_BONUS
    if mention.qualifier_codes:
        inside = entry.admin1_code in mention.qualifier_codes or entry.cc in mention.qualifier_codes
        score += QUALIFIER_BONUS if inside else -0.5
    return score


@cache
def _admin1_above_iso() -> frozenset[str]:
    return frozenset(rules()["admin1_above_iso_subdivisions"])


@cache
def _preferred() -> dict[str, int]:
    return {fold(name): int(gid) for name, gid in read_tsv("geo_preferred.tsv")}


def _is_namesake_city(entry: Entry, areas: frozenset[str | None]) -> bool:
    """A big town inside a province of the same name among the candidates (Gaza City in Gaza)."""
    return (
        entry.fcode.startswith("PPL")
        and entry.population >= CITY_INSIDE_MIN_POPULATION
        and entry.admin1_code in areas
    )


def _has_city_inside(area: Entry, quality: int, mention: Mention) -> bool:
    """A big town inside the area that the name fits at least as well ("Homs"; "Quebec City"), or, for an
    area that the name is the own name of, whose own name it spells ("Raqqa" and Ar Raqqah, whose
    province we call Raqqa; that town then gets the namesake bonus, `_spelled_namesake`). Not a town that
    the name fits only by an alternate name ("New York" is New York City's alternate name, the state's
    own: it is the state; the canton of Fribourg is "Freiburg" only by an alternate name)."""
    spelled_area = quality == PRIMARY
    minimum = CITY_INSIDE_MIN_POPULATION if area.fcode == "ADM1" else SEAT_INSIDE_MIN_POPULATION
    return any(
        m.entry.fcode.startswith("PPL")
        and m.entry.admin1_code == area.admin1_code
        and m.entry.population >= minimum
        and (area.fcode == "ADM1" or m.entry.admin2 == area.name)
        and (m.quality <= quality or (spelled_area and _spells(mention.key, m.entry.name)))
        for m in mention.matches
    )


def _area_key(fcode: str, admin1_code: str | None, name: str | None) -> tuple:
    return (fcode, admin1_code) if fcode == "ADM1" else (fcode, admin1_code, name)


def _spelled_namesake(entry: Entry, mention: Mention) -> bool:
    """A big town whose own name the mention spells, inside an area that the mention is the own name of
    ("Raqqa": Ar Raqqah in the province of Raqqa; "Duhok": Dihok in the district of Duhok)."""
    return (
        bool(mention.own_areas)
        and entry.fcode.startswith("PPL")
        and entry.population >= CITY_INSIDE_MIN_POPULATION
        and (
            _area_key("ADM1", entry.admin1_code, None) in mention.own_areas
            or _area_key("ADM2", entry.admin1_code, entry.admin2) in mention.own_areas
        )
        and _spells(mention.key, entry.name)
    )


@lru_cache(maxsize=65536)
def _spells(key: str, name: str) -> bool:
    """Is the folded `key` a spelling of `name` itself, up to the article and transliteration ('raqqa'
    and 'Ar Raqqah', 'hama' and 'Hamah'; not 'new york' and 'New York City')?"""
    own = strip_article(fold(name))
    key = strip_article(key)
    return skeleton(key) == skeleton(own) and ratio(key, own) >= SURE_FUZZY_SIMILARITY


def _pick(mention: Mention, context: Context) -> Entry | None:
    """The best candidate of a mention given the context (None when it has no candidates)."""
    if not mention.matches:
        return None
    countries, admin1 = context.shares(mention.group)
    order = sorted(range(len(mention.matches)), key=lambda i: -mention.priors[i])
    best, best_score = None, -math.inf
    for rank, i in enumerate(order):
        match = mention.matches[i]
        entry = match.entry
        focus = countries.get(entry.cc, 0.0)
        # a loose transliteration always needs the article's support; any other transliteration, and a
        # town inside a longer name, need it when the article names any other place ("Portroe" in a story
        # about Tipperary is no Portree in Scotland); a country or region inside one ("Bank of Mexico")
        # does not
        loose = match.similarity < SURE_FUZZY_SIMILARITY or (
            not mention.alone
            and (
                match.quality == FUZZY
                or (match.quality == EMBEDDED and entry.fcode.startswith(("PPL", "ADM2")))
            )
        )
        if loose and focus < MIN_FOCUS_FOR_LOOSE_MATCH:
            continue
        if match.similarity < SURE_FUZZY_SIMILARITY and len(mention.key) < MIN_LOOSE_LETTERS:
            continue  # "Nile" is no Nyala, whatever the article's country: too few letters to tell
        score = mention.priors[i] + FOCUS_WEIGHT * focus
        if not entry.fcode.startswith(("PCLI", "ADM1", "CONT")):
            score += ADMIN1_WEIGHT * admin1.get(entry.admin1_code or "", 0.0)
            embedded = match.quality == EMBEDDED and not mention.alone
            near = 0.0
            if context.towns and (rank < PROXIMITY_CANDIDATES or embedded):
                near = _proximity(entry, context.towns, mention.group, countries)
            # a town inside a longer name ("Patriot High" -> Point, Texas) must lie among the story's towns
            if embedded and near < EMBEDDED_MIN_PROXIMITY and entry.population < EMBEDDED_CITY_POPULATION:
                continue
            score += near
        if score > best_score:
            best, best_score = entry, score
    return best


def _proximity(
    entry: Entry, towns: list[tuple[float, float, str, str]], key: str, countries: dict[str, float]
) -> float:
    """Bonus for lying near the article's other towns, counting only towns of the article's focus
    countries: two stray picks in a minor country must not vouch for each other."""
    nearest = min(
        (
            distance_km(entry.lat, entry.lon, lat, lon)
            for lat, lon, other, cc in towns
            if other != key and countries.get(cc, 0.0) >= MIN_PROXIMITY_FOCUS
        ),
        default=math.inf,
    )
    return next((bonus for km, bonus in PROXIMITY if nearest <= km), 0.0)


def _context(mentions: Sequence[Mention], picks: Sequence[Entry | None], focus: str | None) -> Context:
    context = Context(countries=defaultdict(float), admin1=defaultdict(float))
    for mention, pick in zip(mentions, picks, strict=True):
        if pick is None or mention.group in context.own:
            continue
        is_area = pick.fcode in ("PCLI", "ADM1")
        country_weight = 1.0 if is_area else 0.6
        admin_weight = 0.0 if pick.fcode == "PCLI" or not pick.admin1_code else (1.0 if is_area else 0.5)
        context.own[mention.group] = (pick.cc, pick.admin1_code or "", country_weight, admin_weight)
        context.countries[pick.cc] += country_weight
        if admin_weight:
            context.admin1[pick.admin1_code] += admin_weight
        if pick.fcode.startswith("PPL") or pick.fcode == "ADM2":
            context.towns.append((pick.lat, pick.lon, mention.group, pick.cc))
    if focus:
        context.countries[focus.upper()] += max(2.0, sum(context.countries.values()))
    return context


def _precision(entry: Entry, cues: Cues) -> int:
    """ACLED geo_precision: 1 the town itself, 2 near a town or a district, 3 a province or larger."""
    if not entry.fcode.startswith(("PPL", "ADM2")):
        return 3
    if cues.near or entry.fcode == "ADM2":
        return 2
    return 1


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlon = math.radians(lon2 - lon1)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))
