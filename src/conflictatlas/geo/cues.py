"""Cues in the words around a place name that say what kind of place it is and how precise the location is.

"Homs province" and "the province of Homs" name the admin area (geo_precision 3); "near Homs", "the
outskirts of Homs" and "60 km south of Homs" locate something around the town (geo_precision 2, anchored
at the town); "Gainesville, Ga." ties a town to the admin1 or country written after it; "the city of
Raqqa" and "Raqqa city" are the town.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from conflictatlas.geo.fold import fold, rules

#: characters of context read before and after a name
WINDOW = 48


@dataclass(frozen=True)
class Cues:
    """What the text around one place name says about it."""

    admin_level: str | None = None  # "ADM1"/"ADM2" when an admin word follows or ends the name
    near: bool = False  # "near X", "outskirts of X", "N km south of X"
    qualifier: str | None = None  # the name after a comma: "Ga." in "Gainesville, Ga."
    settlement: bool = False  # "the city of X", "X city", "la ville de X": the town, not its province


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    words = "|".join(sorted(rules()["admin_words"], key=len, reverse=True))
    phrases = "|".join(re.escape(p) for p in sorted(rules()["near_phrases"], key=len, reverse=True))
    admin_after = re.compile(rf"^\s*(?:'s\s+)?({words})s?\b", re.IGNORECASE)
    place_noun = r"(?:the\s+)?(?:(?:town|city|village|province|region|area|district)\s+of\s+)?"
    near_before = re.compile(
        rf"(?:\b(?:{phrases})\s+{place_noun}"
        rf"|\b(?:\d[\d,.]*|[a-z]+)\s*-?\s*(?:km|kms|kilomet(?:er|re)s?|kilomètres|kilómetros|miles?|mi)\b"
        rf"(?:\s+[a-z-]+){{0,2}}\s+(?:of|from|de|d')\s*"
        rf"{place_noun})$",
        re.IGNORECASE,
    )
    # "Gainesville, Ga.", "Tripoli, northern Lebanon"
    qualifier_after = re.compile(
        r"^,\s*(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+|central\s+)?"
        r"((?:[A-Z][A-Za-z]*\.?)(?:\s+[A-Z][A-Za-z]*\.?)?)"
    )
    nouns = "|".join(re.escape(n) for n in rules()["settlement_nouns"])
    settlement_before = re.compile(rf"\b(?:{nouns})\s+(?:of|de|d')\s*$", re.IGNORECASE)
    after_nouns = "|".join(re.escape(n) for n in rules()["settlement_nouns_after"])
    # in lower case only: "San Fernando City Council" names a council, not where San Fernando lies; "the
    # Idlib town of Saraqib" is a town in Idlib province
    settlement_after = re.compile(rf"^\s+(?:{after_nouns})\b(?!\s+(?:of|de)\b)")
    # "in a small Texas town": the name only says where the town is
    indefinite_before = re.compile(r"\b(?:a|an)\s+(?:[a-z-]+\s+)?$", re.IGNORECASE)
    before_words = "|".join(sorted(rules()["admin_words_before"], key=len, reverse=True))
    admin_before = re.compile(rf"\b({before_words})\s+(?:of|de|du|d')\s*(?:the\s+)?$", re.IGNORECASE)
    return (
        admin_after,
        near_before,
        qualifier_after,
        settlement_before,
        settlement_after,
        indefinite_before,
        admin_before,
    )


def _ends_in_settlement_noun(name: str) -> bool:
    """ "Gaza City", "Kansas City": the town, never a province named like it."""
    words = fold(name).split()
    return len(words) > 1 and words[-1] in rules()["settlement_nouns_after"]


def read_cues(text: str, start: int, end: int) -> Cues:
    """The cues around text[start:end]."""
    patterns = _patterns()
    admin_after, near_before, qualifier_after, settlement_before, settlement_after, indefinite = patterns[:6]
    admin_before = patterns[6]
    after = text[end : end + WINDOW]
    before = text[max(0, start - WINDOW) : start]
    admin_words = rules()["admin_words"]
    level = None
    if match := admin_after.match(after):
        level = admin_words[match.group(1).lower()]
        # "the Raqqa district of al-Badu" is a quarter of the town (but "the Idlib province of Syria"
        # is the province)
        if level == "ADM2" and re.match(r"\s+of\b", after[match.end() :]):
            level = None
    elif match := admin_before.search(before):
        level = rules()["admin_words_before"][match.group(1).lower()]  # "the province of Idlib"
    else:
        last_word = fold(text[start:end]).rsplit(" ", 1)[-1]
        level = admin_words.get(last_word) if " " in fold(text[start:end]) else None
    qualifier = match.group(1) if (match := qualifier_after.match(after)) else None
    return Cues(
        admin_level=level,
        near=bool(near_before.search(before)),
        qualifier=qualifier,
        settlement=bool(
            settlement_before.search(before)
            or (settlement_after.match(after) and not indefinite.search(before))
            or _ends_in_settlement_noun(text[start:end])
        ),
    )
