"""Fatalities and injuries from numbers, number words and vague amounts, ACLED-style.

ACLED is conservative: "dozens" counts 12, "hundreds" 100, "several" 3, a range "10 to 15" is
10 with 15 as the high estimate, and "more than 30" is 30. The patterns below find counts that
stand next to a word of death or injury; any other number ("dozens of bombs") is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

#: qualifiers that make a count a lower bound
LOWER_BOUNDS = frozenset(
    {"at least", "more than", "over", "no fewer than", "no less than", "not less than", "au moins", "plus de",
     "al menos", "más de"}
)  # fmt: skip
UPPER_BOUNDS = frozenset({"up to", "as many as", "no more than", "not more than", "jusqu'à"})
#: vague amounts and the conservative count ACLED's coders give them
VAGUE_AMOUNTS: dict[str, int] = {
    "a dozen": 12,
    "dozen": 12,
    "dozens": 12,
    "several dozen": 12,
    "scores": 20,
    "tens": 10,
    "hundreds": 100,
    "thousands": 1000,
    "several": 3,
    "a few": 3,
    "few": 3,
    "a handful": 3,
    "handful": 3,
    "a number": 3,
    "multiple": 3,
    "many": 3,
    "numerous": 3,
    "some": 3,
    "a couple": 2,
    "une dizaine": 10,
    "des dizaines": 12,
    "dizaines": 12,
    "une vingtaine": 20,
    "une trentaine": 30,
    "une quarantaine": 40,
    "une cinquantaine": 50,
    "une centaine": 100,
    "des centaines": 100,
    "centaines": 100,
    "plusieurs": 3,
    "quelques": 3,
    "des milliers": 1000,
    "una decena": 10,
    "decenas": 12,
    "una veintena": 20,
    "una treintena": 30,
    "centenares": 100,
    "cientos": 100,
    "varios": 3,
    "varias": 3,
    "miles": 1000,
}

_WORD_NUMBERS = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    r"thousand|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|"
    r"seize|vingt|trente|quarante|cinquante|soixante|(?<!per )cents?|mille|"
    r"uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|veinte|"
    r"treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa|cien|ciento|mil)"
)
_VAGUE = "|".join(sorted((re.escape(k) for k in VAGUE_AMOUNTS), key=len, reverse=True))
NUMBER = (
    rf"(?:\d{{1,3}}(?:[,.\u202f ]\d{{3}})+|\d+|(?:{_VAGUE})|"
    rf"{_WORD_NUMBERS}(?:(?:[- ]|\s+and\s+|\s+et\s+|\s+y\s+){_WORD_NUMBERS})*)"
)
QUALIFIER = (
    r"(?:no more than|not more than|no fewer than|no less than|not less than|"
    r"at least|more than|over|nearly|almost|about|around|some|approximately|up to|as many as|"
    r"an estimated|roughly|a total of|au moins|plus de|près de|environ|quelque|jusqu'à|"
    r"al menos|más de|cerca de|unos|unas|alrededor de|hasta)"
)
RANGE = (
    rf"(?:(?:between|entre)\s+(?P<low>{NUMBER})\s+(?:and|et|y)\s+(?P<high>{NUMBER})"
    rf"|(?P<low2>{NUMBER})\s+(?:to|or|à)\s+(?P<high2>{NUMBER})"
    rf"|(?P<low3>\d+)\s*[-–]\s*(?P<high3>\d+)"
    rf"|(?P<single>{NUMBER}))"
)

DEATH = (
    r"(?:killed|dead|died|deaths?|perished|slain|lives|bodies|fatalities|casualties|massacred|"
    r"executed|shot dead|beheaded|lost (?:their|his|her) lives|morts?|tués?|tuées?|décès|victimes|ont péri|"
    r"ont été tués|"
    r"muert(?:o|os|a|as)|murieron|fallecid(?:o|os|a|as)|asesinad(?:o|os|a|as)|víctimas mortales"
    r"|perdieron la vida)"
)
INJURY = (
    r"(?:wounded|injured|hurt|injuries|wounding|injuring|hospitali[sz]ed|(?:still )?in hospital"
    r"|blessés?|blessées?|herid(?:o|os|a|as))"
)
DEATH_VERB = (
    r"(?:killing|killed|left|leaving|beheaded|executed|shot dead|massacred|claimed the lives of|"
    r"claiming the lives of|"
    r"(?:death )?toll(?:\s+(?:rose|climbed|reached|stood|stands|is|was|has risen|rises))?(?:\s+(?:to|at))?|"
    r"faisant|tuant|a tué|ont tué|bilan (?:est )?de|dejando|dejó|matando a"
    r"|(?:asesin(?:aron|ó)|mat(?:aron|ó))(?:\s+[\w]+){0,3}?\s+a)"
)
INJURY_VERB = r"(?:wounding|injuring|wounded|injured|blessant)"
#: a number followed by a unit counts money, distance or time, not people: "1 lakh for those who died",
#: "on 10 February killed four"
UNITS = (
    r"(?:lakhs?|crores?|rupees|rs|dollars|euros|pounds|francs|percent|per|%|km|kilomet(?:er|re)s?|miles|"
    r"metres|meters|years?|months?|weeks?|days?|hours?|minutes?|ans|mois|jours|heures|años|meses|días|horas|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)"
)
# words that may stand between a count and its verb: "12 civilians were killed", "31 dead"
FILLER = (
    rf"(?!\s+{UNITS}(?![\w-]))"
    r"(?:\s+(?!(?:and|et|but|y)\b)[\w'’-]+){0,4}?(?:,[^,.;]{1,40},)?\s+"
    r"(?:(?:were|was|have been|had been|are|is|reportedly|been|ont été|sont|fueron|resultaron)\s+)*"
)


#: "killed a farmer": a singular victim counts one
ONE = r"(?:an?(?=\s+(?!number|dozen|few|handful|couple|total|series|string)[\w-]+))"
#: "two soldiers and at least ten militants were killed": counts of nouns joined by "and" share the verb
_NOT_A_NOUN = rf"(?!{DEATH}|{INJURY}|(?:were|was|are|is|have|had|others?|more|people died)\b)"
AND_BEFORE = re.compile(rf"\b(?P<n>{NUMBER})\s+{_NOT_A_NOUN}[\w-]+\s+and\s+$", re.IGNORECASE)
AND_AFTER = re.compile(
    rf"^(?:\s+[\w-]+){{0,2}}?\s+and\s+(?:(?:his|her|their|the|at least|another)\s+)?(?P<n>{NUMBER})\s+"
    rf"{_NOT_A_NOUN}[\w-]+",
    re.IGNORECASE,
)


def _pattern(count_first_target: str, verb_first: str) -> re.Pattern:
    count = rf"(?:(?P<q1>{QUALIFIER})\s+)?{RANGE}"
    return re.compile(
        rf"\b(?:{count}{FILLER}{count_first_target}\b"
        rf"|{verb_first}\s+(?:(?P<q2>{QUALIFIER})\s+)?(?:(?:between\s+|entre\s+)?(?P<vlow>{NUMBER})\s+(?:and|to|et|y|à)\s+"
        rf"(?P<vhigh>{NUMBER})|(?P<vcount>{NUMBER}|{ONE})))\b",
        re.IGNORECASE,
    )


DEATH_RE = _pattern(DEATH, DEATH_VERB)
INJURY_RE = _pattern(INJURY, INJURY_VERB)
_YEAR = re.compile(r"^(?:19|20)\d\d$")


@dataclass(frozen=True)
class Count:
    """A count found in text: best estimate, optional low/high, and the span it came from."""

    best: int
    low: int | None
    high: int | None
    start: int
    end: int


def parse_number(phrase: str, language: str = "en") -> int | None:
    """An integer from digits, number words or a vague amount; None when it is not a number."""
    text = phrase.strip().lower()
    if not text:
        return None
    if text in VAGUE_AMOUNTS:
        return VAGUE_AMOUNTS[text]
    digits = re.sub(r"[,.\u202f ]", "", text)
    if digits.isdigit():
        return int(digits)
    words = re.sub(r"\s+and\s+", " ", text).replace("-", " ")
    for lang in (language, "en", "fr", "es"):
        try:
            return int(text2num(words, lang))
        except (ValueError, KeyError):
            continue
    return None


def _count_from(match: re.Match, language: str) -> Count | None:
    qualifier = (match.group("q1") or match.group("q2") or "").lower()
    if match.group("vcount"):
        low_text = high_text = None
        single = match.group("vcount")
        if single.lower() in {"a", "an"}:
            single = "one"
    else:
        low_text = match.group("low") or match.group("low2") or match.group("low3") or match.group("vlow")
        high_text = (
            match.group("high") or match.group("high2") or match.group("high3") or match.group("vhigh")
        )
        single = match.group("single")
    if single:
        if _YEAR.match(single.strip()):
            return None
        best = parse_number(single, language)
        if best is None:
            return None
        high = best if qualifier in UPPER_BOUNDS else None
        vague = single.strip().lower() in VAGUE_AMOUNTS  # "dozens": at least twelve
        low = best if vague or qualifier in LOWER_BOUNDS else None
        return Count(best, low, high, match.start(), match.end())
    low = parse_number(low_text or "", language)
    high = parse_number(high_text or "", language)
    if low is None or high is None or high < low:
        return None
    return Count(low, low, high, match.start(), match.end())


#: a count word after these is none at all: "no one was hurt", "pas un seul blessé"
NEGATED = re.compile(r"\b(?:no|not|pas|sin|ni)\s+$", re.IGNORECASE)


def find_counts(text: str, kind: str, language: str = "en") -> list[Count]:
    """Every count of `kind` ("fatalities" or "injuries") in `text`, in order of appearance."""
    pattern = DEATH_RE if kind == "fatalities" else INJURY_RE
    counts = []
    position = 0
    while (match := pattern.search(text, position)) is not None:
        count = _count_from(match, language)
        if count is None or NEGATED.search(text[max(0, match.start() - 8) : match.start()]):
            # a year or a non-number, or "no one was hurt": look again just after its start
            position = match.start() + 1
            continue
        count_first = match.group("vcount") is None and match.group("vlow") is None
        counts.append(_with_joined(text, count, language, count_first=count_first))
        position = match.end()
    return counts


def _with_joined(text: str, count: Count, language: str, count_first: bool) -> Count:
    """Add the counts joined to this one by "and" ("a woman and her two children", "two soldiers and
    at least ten militants were killed"): one toll of one event."""
    extra, start, end = 0, count.start, count.end
    before = AND_BEFORE.search(text[max(0, count.start - 60) : count.start]) if count_first else None
    if before and (value := parse_number(before.group("n"), language)) is not None:
        extra += value
        start = count.start - (len(text[max(0, count.start - 60) : count.start]) - before.start())
    after = AND_AFTER.match(text[count.end : count.end + 60])
    if (
        after
        and (value := parse_number(after.group("n"), language)) is not None
        and not _YEAR.match(after.group("n"))
    ):
        extra += value
        end = count.end + after.end()
    if not extra:
        return count
    return Count(
        count.best + extra,
        count.low + extra if count.low is not None else None,
        count.high + extra if count.high is not None else None,
        start,
        end,
    )


def nearest(counts: list[Count], position: int) -> Count | None:
    """The count closest to a trigger at `position`: tolls belong to the action they stand beside."""
    if not counts:
        return None
    return min(
        counts,
        key=lambda c: (
            0 if c.start <= position <= c.end else min(abs(c.start - position), abs(c.end - position))
        ),
    )
