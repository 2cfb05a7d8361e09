"""Actors: canonical names from the alias file, their inter codes, and their roles in an event.

Actor names are resolved in two steps. Matching finds every alias in a sentence (named groups,
a state's forces, unnamed actors such as "gunmen"). Naming happens once the event's country is
known, since "the army" or "protesters" are named after it ("Military Forces of Syria",
"Protesters (Nigeria)"), and a state's forces acting abroad are external forces (inter 8).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from conflictatlas.knowledge import countries, country_name, demonym_index, load_json
from conflictatlas.model import Actor

# Roles of a mention relative to the event's trigger
INITIATOR, TARGET, ALLY = "actor1", "actor2", "assoc"


@dataclass(frozen=True)
class ActorMention:
    """An actor named in a sentence, before it is given its final name."""

    start: int
    end: int
    text: str
    kind: str  # "named", "state", "generic", "armed" (unnamed fighters: "jihadists", "militants")
    template: str  # canonical name, or a template with {country}
    inter: int
    country: str | None = None  # ISO alpha-2 named next to it ("Syrian army")
    source_only: bool = False  # a monitor or an agency: a source, never an actor


def _alias_regex(aliases: list[str], ignore_case: bool = True) -> str:
    """An alternation of literal aliases as a prefix tree ("sudan(?:ese)?|syrian?"): Python's regex
    engine tries every branch of a flat alternation at every word, and we have hundreds. Longer
    aliases are tried first, as in a longest-first alternation. For a pattern that ignores case the
    tree is built on lower-cased aliases, so that "Al Qaeda" and "al Qaeda in ..." share a branch."""
    tree: dict = {}
    for alias in {a.lower() if ignore_case else a for a in aliases}:
        node = tree
        for char in alias:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: dict) -> str:
    branches = [re.escape(char) + _branches(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _is_acronym(alias: str) -> bool:
    return 2 <= len(alias) <= 4 and alias.isupper()


@cache
def _matchers() -> tuple[list[tuple[re.Pattern, dict]], re.Pattern, re.Pattern]:
    """Compiled patterns: one per named actor, one for state forces, one for unnamed actors."""
    data = load_json("actors.json")
    named = []
    for entry in data["named"]:
        exact = [a for a in entry["aliases"] if _is_acronym(a)]
        loose = [a for a in entry["aliases"] if not _is_acronym(a)]
        parts = []
        if exact:
            parts.append(rf"(?-i:\b(?:{_alias_regex(exact, ignore_case=False)})\b)")
        if loose:
            parts.append(rf"\b(?:{_alias_regex(loose)})\b")
        named.append((re.compile("|".join(parts), re.IGNORECASE), entry))
    demonyms = _alias_regex(list(demonym_index()))
    states = data["state_forces"]
    plain = _alias_regex([t for s in states for t in s["terms"]])
    weak = _alias_regex([t for s in states for t in s.get("terms_with_demonym", [])] or ["(?!x)x"])
    state = re.compile(
        rf"\b(?:(?P<dem>{demonyms})\s+(?:\w+\s+)?(?P<weak>{weak})|(?:(?P<dem2>{demonyms})\s+)?(?P<term>{plain})"
        rf"(?:\s+(?:of|de|du|de la)\s+(?P<of>{demonyms}))?)\b",
        re.IGNORECASE,
    )
    generic_terms = [t for g in data["generic"] for t in g["terms"]] + data["generic_armed"]
    generic = re.compile(rf"\b(?:{_alias_regex(generic_terms)})\b", re.IGNORECASE)
    return named, state, generic


def _adjectives() -> str:
    names = {entry["name"].lower() for entry in countries().values()}
    return _alias_regex([w for w in demonym_index() if w not in names and len(w) > 3])


#: alternation of countries' adjectives, e.g. "Russian" in "Russian air strikes", "russes"
ADJECTIVES = _adjectives()


@cache
def _generic_entry(term: str) -> tuple[str, str, int]:
    """(kind, template, inter) of an unnamed-actor term."""
    data = load_json("actors.json")
    for entry in data["generic"]:
        if term in (t.lower() for t in entry["terms"]):
            return "generic", entry["name"], entry["inter"]
    return "armed", "Unidentified Armed Group ({country})", 3


def _state_template(term: str) -> tuple[str, int]:
    for entry in load_json("actors.json")["state_forces"]:
        if term in (t.lower() for t in entry["terms"] + entry.get("terms_with_demonym", [])):
            return entry["name"], entry["inter"]
    return "Military Forces of {country}", 1


def find_actors(text: str, offset: int = 0) -> list[ActorMention]:
    """Every actor mention in `text` (offsets shifted by `offset`), longest first where they overlap.
    A sentence is read once: the context, the roles and the alliances all ask for its actors."""
    found = _actors_in(text)
    return [replace(m, start=m.start + offset, end=m.end + offset) for m in found] if offset else list(found)


def reload() -> None:
    """Read the actor file again (after changing $CONFLICTATLAS_ACTORS in a running process): it is
    otherwise read once, and every sentence's actors are remembered."""
    load_json.cache_clear()
    for cached in (_matchers, _generic_entry, _actors_in):
        cached.cache_clear()


@lru_cache(maxsize=4096)
def _actors_in(text: str) -> tuple[ActorMention, ...]:
    """The mentions of one text, offsets within it (immutable: cached and shared)."""
    named, state, generic = _matchers()
    found: list[ActorMention] = []
    for pattern, entry in named:
        for m in pattern.finditer(text):
            found.append(
                ActorMention(
                    m.start(),
                    m.end(),
                    m.group(0),
                    "named",
                    entry["name"],
                    entry["inter"],
                    entry.get("country"),
                    entry.get("source_only", False),
                )
            )
    for m in state.finditer(text):
        term = (m.group("weak") or m.group("term")).lower()
        demonym = m.group("dem") or m.group("dem2") or m.group("of")
        template, inter = _state_template(term)
        code = demonym_index().get(demonym.lower()) if demonym else None
        found.append(ActorMention(m.start(), m.end(), m.group(0), "state", template, inter, code))
    for m in generic.finditer(text):
        kind, template, inter = _generic_entry(m.group(0).lower())
        found.append(ActorMention(m.start(), m.end(), m.group(0), kind, template, inter))
    found.sort(key=lambda a: (a.start, -(a.end - a.start)))
    kept: list[ActorMention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        if SOURCE_AFTER.match(text, mention.end):
            mention = replace(mention, source_only=True)
        kept.append(mention)
    return tuple(_drop_members_of_named(text, kept))


#: "a military source said", "police spokesman": who told the news, not who took part
SOURCE_AFTER = re.compile(r"\s+(?:sources?|spokes(?:man|woman|person))\b", re.IGNORECASE)


#: "fighters of the Islamic State", "fighters loyal to Lebanon's Hezbollah"
MEMBER_OF = re.compile(
    r"\s+(?:of|from|linked to|loyal to|belonging to|affiliated with)\s+(?:the\s+)?(?:[A-Z][\w-]*['’]s\s+)?$",
    re.IGNORECASE,
)


def _drop_members_of_named(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """ "Fighters of the Islamic State" and "Islamic State fighters" are the Islamic State (the mention
    then spans the whole phrase, so that a list of allies runs on through it)."""
    kept: list[ActorMention] = []
    member_start: int | None = None
    for mention, following in zip(mentions, [*mentions[1:], None], strict=False):
        previous = kept[-1] if kept else None
        right_after_named = previous is not None and previous.kind == "named"
        if mention.kind == "armed" and right_after_named and not text[previous.end : mention.start].strip():
            continue  # "Islamic State fighters"
        gap = text[mention.end : following.start] if following else ""
        if (
            mention.kind == "armed"
            and following is not None
            and following.kind == "named"
            and MEMBER_OF.match(gap)
        ):
            member_start = mention.start
            continue
        if member_start is not None:
            mention = replace(mention, start=member_start, text=text[member_start : mention.end])
            member_start = None
        kept.append(mention)
    return kept


def allies_marked(text: str, mention: ActorMention, offset: int = 0) -> bool:
    """True when a mention follows an ally marker ("supported by Russian forces and Hezbollah")."""
    before = text[max(0, mention.start - offset - 120) : mention.start - offset].lower()
    markers = load_json("actors.json")["allies_markers"]
    return any(re.search(rf"\b{re.escape(m)}(?:[\s,]+[\w'’-]+){{0,3}}[\s,]*$", before) for m in markers)


def name_actor(mention: ActorMention, event_country: str | None, main_armed: Actor | None) -> Actor:
    """The canonical actor for a mention, given the event's country (ISO alpha-2)."""
    if mention.kind == "named":
        return Actor(mention.template, mention.inter, mention.country)
    if mention.kind == "armed" and main_armed is not None:
        return main_armed
    code = mention.country or event_country
    country = country_name(code) or "Unknown"
    inter = mention.inter
    if mention.kind == "state" and event_country and code and code != event_country:
        inter = 8
    return Actor(mention.template.format(country=country), inter, code)


@cache
def civilian_target_regex() -> re.Pattern:
    words = load_json("actors.json")["civilian_targets"]
    return re.compile(rf"\b(?:{_alias_regex(words)})\b", re.IGNORECASE)


@cache
def armed_target_regex() -> re.Pattern:
    words = load_json("actors.json")["armed_targets"]
    return re.compile(rf"\b(?:{_alias_regex(words)})\b", re.IGNORECASE)


def is_vague_target(word: str) -> bool:
    """Does this victim word say nothing of who the victims were ("people")? Copies of actors.json
    written before the list existed have none."""
    return word.lower() in load_json("actors.json").get("vague_targets", ())


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: both inter codes, lower first ("12"), or the sole actor's code × 10."""
    if not inter1:
        return None
    if not inter2:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high
