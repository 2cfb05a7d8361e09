"""Toponym recognition: which spans of a parsed text are place names.

The small English model labels places noisily (a town as GPE in one sentence, FAC, ORG or PERSON in the
next) and misses rare transliterations, so every GPE/LOC/FAC/ORG entity is only a candidate that the
gazetteer must confirm, with a stricter test for the labels that are more often not places; NORP
entities count when they are a country's demonym ("Syrian"); proper nouns the model left unlabelled count
when they are unambiguous names of sizeable places.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from conflictatlas.geo.cues import read_cues
from conflictatlas.geo.fold import fold, rules
from conflictatlas.geo.gazetteer import ALTERNATE, DERIVED, FUZZY, Gazetteer, Match, get_gazetteer
from conflictatlas.nlp import doc_text

if TYPE_CHECKING:  # spaCy is needed for parsing, not for resolving given spans
    from spacy.tokens import Doc, Span, Token

PLACE_LABELS = frozenset({"GPE", "LOC"})
OTHER_LABELS = frozenset({"FAC", "ORG", "MISC"})  # MISC: the French model's label for many towns
PERSON_LABELS = frozenset({"PERSON", "PER"})
#: other labels the model gives place names it does not know ("the town of Afgoi" as a PRODUCT); like a
#: 'person', such an entity counts where only a place can stand, but only by a place's own or alternate
#: name: a spelling variant is too loose for them ("homes lost in Katrina" is no Kateríni)
THING_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT"})
#: ...and labels of words that are seldom names of any kind ("in Omdurman" as NORP, "in Manbij on Monday"
#: as DATE): where only a place can stand, they too count by a place's own or alternate name only
STRAY_LABELS = frozenset({"NORP", "DATE", "LANGUAGE"})
POSITION_LABELS = PERSON_LABELS | THING_LABELS | STRAY_LABELS
#: `_accept`'s label for a name after a place preposition or noun ("in Tessalit", "the town of Baga"):
#: there any town counts, even one whose population GeoNames leaves at 0
PLACE_POSITION = "PLACE_POSITION"
CANDIDATE_LABELS = PLACE_LABELS | OTHER_LABELS | {"NORP"}
#: a fuzzy (transliteration) match is believed only this similar
MIN_FUZZY_SIMILARITY = 80
#: ORG/FAC entities and unlabelled words must name at least this big a town (or any country/admin area)
MIN_POPULATION_OTHER = 10000
MIN_POPULATION_UNLABELLED = 50000
_LEADING = ("the ", "The ")


def find_toponyms(doc: Doc, gazetteer: Gazetteer | None = None) -> list[tuple[int, int]]:
    """Character spans (start, end) of the place names in `doc`, in text order, never overlapping."""
    gaz = gazetteer or get_gazetteer()
    spans: list[tuple[int, int]] = []
    covered: set[int] = set()
    for ent in doc.ents:
        covered.update(range(ent.start, ent.end))
        if (
            ent.label_ in POSITION_LABELS
            and (name := _proper_part(ent)) is not None
            and (position := _place_position(name, spans)) is not None
            and _accept(_named(gaz.lookup(name.text), ent.label_), position, name.text)
        ):
            spans.append((name.start_char, name.end_char))
            continue
        if ent.label_ not in CANDIDATE_LABELS:
            continue
        span = _trim(ent)
        if span is None:
            continue
        span = _extend(span, gaz)
        covered.update(range(span.start, span.end))
        if _accept(gaz.lookup(span.text), ent.label_, span.text):
            spans.append((span.start_char, span.end_char))
        elif ent.label_ in OTHER_LABELS and (inner := _inner_place(span, gaz)) is not None:
            spans.append((inner.start_char, inner.end_char))
    for token in doc:
        if token.i not in covered and _unlabelled_candidate(token):
            span = _extend(doc[token.i : token.i + 1], gaz)
            if _accept(gaz.lookup(span.text), "", span.text):
                spans.append((span.start_char, span.end_char))
                covered.update(range(span.start, span.end))
    text = doc_text(doc)
    # "Turkish-backed", "the Mosul-Kirkuk road": the model's entity may keep the hyphen
    spans = [(start, end - 1 if text[end - 1] == "-" else end) for start, end in spans]
    return sorted(
        {
            (start, end)
            for start, end in spans
            # "the rise in metro fares": a place name has a capital letter
            if any(c.isupper() for c in text[start:end]) and not _inside_not_place(text, start, end)
        }
    )


#: words either side of a candidate read to see whether it is part of a longer name that is no place
NOT_PLACE_CONTEXT_WORDS = 2


def _inside_not_place(text: str, start: int, end: int) -> bool:
    """Is text[start:end] part of a name that is no place ("Boko" of "Boko Haram", "Shabaab" of
    "al-Shabaab"), whichever part the model labelled?"""
    before = text[max(0, start - 40) : start].split()[-NOT_PLACE_CONTEXT_WORDS:]
    after = text[end : end + 40].split()[:NOT_PLACE_CONTEXT_WORDS]
    names = rules()["not_places"]
    return any(
        fold(" ".join([*before[len(before) - i :], text[start:end], *after[:j]])) in names
        for i in range(len(before) + 1)
        for j in range(len(after) + 1)
        if i or j
    )


#: capitalised word runs ("San Juan de Pasto"): place-name candidates where no entity recogniser exists
CAPITALISED = re.compile(
    r"\b[A-ZÁÉÍÓÚÑÇÈÊ][\w'’-]+(?:\s+(?:(?:de|del|la|las|los|el|al|do|da|dos)\s+)?[A-ZÁÉÍÓÚÑÇÈÊ][\w'’-]+)*"
)


def _split_lines(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """A name never runs across a line break (an entity like "Mali\n\nMOPTI" is two names)."""
    pieces, start = [], span[0]
    for part in text[span[0] : span[1]].split("\n"):
        stripped = part.strip()
        if stripped:
            begin = start + part.index(stripped)
            pieces.append((begin, begin + len(stripped)))
        start += len(part) + 1
    return pieces


def toponym_spans(doc: Doc, gazetteer: Gazetteer | None = None) -> list[tuple[int, int]]:
    """Place-name candidates: the geo stage's recogniser, plus, for pipelines without entity
    recognition (blank tokenizers), capitalised word runs that do not open a sentence."""
    text = doc_text(doc)
    spans = [piece for span in find_toponyms(doc, gazetteer) for piece in _split_lines(text, span)]
    if doc.has_annotation("ENT_IOB"):
        return spans
    starts = {sentence.start_char for sentence in doc.sents}
    taken = [range(start, end) for start, end in spans]
    for match in CAPITALISED.finditer(text):
        if match.start() in starts or any(match.start() in r for r in taken):
            continue
        if doc.vocab[match.group().lower()].is_stop:
            continue  # "La policía", "El Ejército": an article or a pronoun after a dateline
        spans.append((match.start(), match.end()))
    return sorted(spans)


def _named(matches: tuple[Match, ...], label: str) -> tuple[Match, ...]:
    """The matches by own or alternate name only, for an entity the model took for a thing, a group or
    a date."""
    loose_ok = label not in THING_LABELS | STRAY_LABELS
    return matches if loose_ok else tuple(m for m in matches if m.quality <= ALTERNATE)


#: words that may continue a place name after the entity the model saw: "Dayr" + "az Zawr"
EXTEND_TOKENS = 2
SURE_EXTENSION = 90  # ...or a close transliteration of it ("Deir Ezzor")


def _extend(span: Span, gaz: Gazetteer) -> Span:
    """The span grown over the next words when the gazetteer knows the longer name: the model often cuts
    transliterated names at their inner article ("Dayr | az Zawr", "Ras | al-Ain")."""
    doc = span.doc
    best = span
    for end in range(span.end + 1, min(len(doc), span.end + EXTEND_TOKENS) + 1):
        last = doc[end - 1]
        if not (last.is_title or last.lower_ in rules()["articles"] or last.text == "-"):
            break
        longer = doc[span.start : end]
        if any(m.quality <= ALTERNATE or m.similarity >= SURE_EXTENSION for m in gaz.lookup(longer.text)):
            best = longer
    return best


#: the longest 'person' read as a place name by its position ("in Khan Younis", "near Ras al-Ain")
MAX_PLACE_TOKENS = 3


def _proper_part(ent: Span) -> Span | None:
    """The entity without the lower-case words the model ran into it ("Zaporizhzhia overnight"); None for
    a date that is one ("March 2016", not the "Manbij" of "in Manbij on Monday")."""
    if ent.label_ == "DATE" and not all(t.pos_ == "PROPN" for t in ent):
        return None
    end = ent.end
    while end > ent.start and not ent.doc[end - 1].text[:1].isupper():
        end -= 1
    return ent.doc[ent.start : end] if end > ent.start else None


def _place_position(ent: Span, places: list[tuple[int, int]]) -> str | None:
    """Is the 'person', 'product', 'group' or 'date' where only a place can stand? PLACE_POSITION after a
    place preposition or noun: "near Gao", "in Khan Younis", "in northern Mali", "60 km south of Gao", "the
    city of Palmyra", "Tadmor, the modern town"; "ORG" (a sizeable place only) as the object of a verb
    that takes places: "troops raided Jenin". None elsewhere. The small model takes many African and
    Asian place names for people. `places`: the spans found so far."""
    if len(ent) > MAX_PLACE_TOKENS or ent.start == 0:
        return None
    if ent.end < len(ent.doc) and ent.doc[ent.end].text in ("'s", "’s"):
        return None  # "in Ahmed's house"
    before = ent.doc[ent.start - 1].lower_
    if before in rules()["place_prepositions"]:
        return PLACE_POSITION  # "near Gao"
    if before in rules()["sizeable_place_prepositions"]:
        return "ORG"  # "between Douentza and Hombori"
    if before == "," and ent.start >= 2 and any(s <= ent.doc[ent.start - 2].idx < e for s, e in places):
        return "ORG"  # "in Kidal, Mali": the country or province of the place before
    cues = read_cues(doc_text(ent.doc), ent.start_char, ent.end_char)
    if cues.near or cues.admin_level:
        return PLACE_POSITION  # "60 km south of Gao", "the Khan Younis governorate"
    # "the Syrian city of Palmyra", "la ville de Gao"
    noun = ent.doc[ent.start - 2].lower_ if ent.start >= 2 else ""
    if (before in {"of", "de", "d'"} and noun in rules()["place_nouns"]) or _place_apposition(ent):
        return PLACE_POSITION
    root = ent.root
    if root.dep_ in {"dobj", "obj"} and root.head.lemma_.lower() in rules()["place_verbs"]:
        return "ORG"  # "raided Jenin"
    return None


#: words between a name's comma and the place noun of its apposition: "Gao, a town", "Tadmor, the modern town"
APPOSITION_WORDS = 3


def _place_apposition(ent: Span) -> bool:
    """A name followed by an apposition that says it is a place: "Tadmor, the modern town beside...",
    "Mora, une ville du nord"."""
    tokens = ent.doc[ent.end : ent.end + APPOSITION_WORDS + 3]
    if len(tokens) < 3 or tokens[0].text != "," or tokens[1].lower_ not in rules()["apposition_determiners"]:
        return False
    # the noun heads the apposition: "Smith, the town mayor" is a person
    return any(t.lower_ in rules()["place_nouns"] and t.dep_ != "compound" for t in tokens[2:])


def _inner_place(span: Span, gaz: Gazetteer) -> Span | None:
    """A place name that an organisation or facility is named after: its leading proper nouns ("Butler
    County Sheriff's Office", "Indiana State Police") or those after its last "of" ("University of
    Florida"), when the gazetteer confirms them as a country, an admin area or a sizeable town."""
    tokens = list(span)
    lead = 0
    while lead < len(tokens) - 1 and tokens[lead].pos_ == "PROPN" and tokens[lead].is_title:
        lead += 1
    # a leading place modifies the proper nouns after it; "Temple of Baalshamin" is no town of Temple
    candidates = [span[:size] for size in range(lead, 0, -1) if tokens[size].pos_ == "PROPN"]
    ofs = [i for i, t in enumerate(tokens) if t.lower_ == "of"]
    if ofs and ofs[-1] + 1 < len(tokens) and all(t.pos_ == "PROPN" for t in tokens[ofs[-1] + 1 :]):
        candidates.append(span[ofs[-1] + 1 :])
    generic = set(rules()["generic_words"]) | set(rules()["not_places"])
    for sub in candidates:
        if sub.text.isupper() or generic.issuperset(fold(sub.text).split()):
            continue
        if _accept(gaz.lookup(sub.text), "ORG", sub.text):
            return sub
    return None


def _trim(ent: Span) -> Span | None:
    """The entity without a leading article or trailing possessive: 'the Gaza Strip's' -> 'Gaza Strip'."""
    start, end = ent.start, ent.end
    doc = ent.doc
    if start < end and doc[start].lower_ == "the":
        start += 1
    if start < end and doc[end - 1].text in ("'s", "’s"):
        end -= 1
    return doc[start:end] if start < end else None


def _unlabelled_candidate(token: Token) -> bool:
    return (
        token.pos_ == "PROPN"
        and token.is_title
        and not token.is_stop
        and len(token.text) > 2
        and fold(token.text) not in rules()["not_places"]
    )


def _accept(matches: tuple[Match, ...], label: str, text: str) -> bool:
    """Does the gazetteer confirm this candidate as a place name?"""
    if label == "NORP":
        return any(m.entry.fcode == "PCLI" and m.quality <= DERIVED for m in matches)
    if fold(text) in rules()["not_places"]:
        return False
    if label in PLACE_LABELS:
        return any(m.quality < FUZZY or m.similarity >= MIN_FUZZY_SIMILARITY for m in matches)
    if label == PLACE_POSITION:
        minimum = 0
    else:
        minimum = MIN_POPULATION_OTHER if label in OTHER_LABELS else MIN_POPULATION_UNLABELLED
    if not label and text.isupper():
        return False
    # a word that is exactly the name of a small place is that place or none: a big place it merely
    # resembles does not vouch for it ("Basin" of "Chad Basin Reporter" is no Pathein)
    spelled = any(m.quality <= ALTERNATE for m in matches)
    loose_ok = not spelled
    return any(
        (m.quality <= ALTERNATE or (loose_ok and m.quality == FUZZY and m.similarity >= MIN_FUZZY_SIMILARITY))
        and (m.entry.population >= minimum or not m.entry.fcode.startswith("PPL"))
        for m in matches
    )
