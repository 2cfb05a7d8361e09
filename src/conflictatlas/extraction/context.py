"""What a sentence may borrow from the rest of its article: main place and country, the armed group
it speaks of most, the date of its lead, and where its datelines end."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span

from conflictatlas.extraction import actors as actor_rules
from conflictatlas.extraction.dates import ResolvedDate, find_dates
from conflictatlas.knowledge import cues, demonyms
from conflictatlas.model import Actor, Article, Place, Toponym
from conflictatlas.nlp import doc_text

BACK_REFERENCE_DAYS = 7
#: "MOPTI, Mali -", "KYIV/MOSCOW, May 1 (Reuters) –", "Bamako (AFP) -": the place and date of a dateline
#: are the report's, not the event's. Without a comma, one or two capitalised words and an agency in
#: brackets ("The Islamic State (IS) -" is no dateline)
DATELINE = re.compile(
    r"\s*(?:[A-ZÀ-Ý][\w .'’/-]{1,40},[^.\n]{0,45}?(?:\([\w .-]+\)\s*)?"
    r"|(?!(?:The|Le|La|Les|El|Los|Las)\b)[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+)?\s*"
    r"\((?:[A-Z]{2,6}|Reuters|Xinhua|Anadolu)\)\s*)[–—-]\s"
)
DATELINE_LINE = re.compile(r"(?m)^" + DATELINE.pattern)
#: mentions of a place in the first LEAD_CHARS characters weigh LEAD_WEIGHT times in the main place
LEAD_CHARS, LEAD_WEIGHT = 400, 3


@dataclass(frozen=True)
class ArticleContext:
    """What a sentence may borrow from the rest of its article."""

    article: Article
    language: str
    toponyms: tuple[Toponym, ...]
    main_place: Place | None
    main_country: str | None
    main_armed: Actor | None
    anchor: ResolvedDate | None


def _main_place(
    toponyms: tuple[Toponym, ...], datelines: list[tuple[int, int]], text: str, language: str
) -> tuple[Place | None, str | None]:
    """The article's main town and country: most mentioned, a mention in the headline or lead
    counting LEAD_WEIGHT times (the lead says where the news happened). A dateline's city is where
    the report was filed, as is a town someone "said in", and a demonym names who acted: each counts
    only when the article names no other place."""
    resolved = [t for t in toponyms if t.place is not None]
    outside = [t for t in resolved if not any(start <= t.start < end for start, end in datelines)]
    resolved = outside or resolved
    resolved = [
        t for t in resolved if not is_demonym(t) and not is_report_place(text, t, language)
    ] or resolved
    if not resolved:
        return None, None
    weight = {id(t): LEAD_WEIGHT if t.start < LEAD_CHARS else 1 for t in resolved}
    countries: Counter = Counter()
    for t in resolved:
        countries[t.place.country_code] += weight[id(t)]
    country = countries.most_common(1)[0][0]
    towns = [t for t in resolved if t.place.geo_precision < 3 and t.place.country_code == country]
    if not towns:
        return next(t.place for t in resolved if t.place.country_code == country), country
    counts: Counter = Counter()
    for t in towns:
        counts[t.place.geonameid or t.place.location] += weight[id(t)]
    best = max(towns, key=lambda t: counts[t.place.geonameid or t.place.location])
    return replace(best.place, geo_precision=1), country


#: characters around a place name read for the words that say what part it plays ("said in", "from")
REPORT_WINDOW = 60


def cue_before(text: str, start: int, cue: str, language: str) -> bool:
    """Do the words just before text[start] match one of the language's `cue` patterns (data/cues.json)?"""
    before = text[max(0, start - REPORT_WINDOW) : start]
    return any(p.search(before) for p in cues(language)[cue])


def is_report_place(text: str, toponym: Toponym, language: str) -> bool:
    """ "said in Kabul", "based in Damascus", "the ministry in Kabul said", "a déclaré à Bamako": where the
    report was made, not where the event happened."""
    after = text[toponym.end : toponym.end + REPORT_WINDOW]
    return cue_before(text, toponym.start, "report_place", language) or any(
        p.match(after) for p in cues(language)["report_place_after"]
    )


def is_demonym(toponym: Toponym) -> bool:
    """A demonym ("Russian drones", "Syrian troops") says who acted, not where: it places an event only
    when the article names no place at all."""
    return toponym.name.lower() in demonyms()


def _main_armed(doc: Doc) -> Actor | None:
    """The named armed group the article speaks of most: what "the jihadists" refers to."""
    named = [
        m
        for sentence in doc.sents
        for m in actor_rules.find_actors(sentence.text)
        if m.kind == "named" and m.inter in {2, 3, 4}
    ]
    if not named:
        return None
    name, inter = Counter((m.template, m.inter) for m in named).most_common(1)[0][0]
    return Actor(name, inter)


def dateline_end(sentence: Span) -> int:
    """Document offset where the dateline of the sentence's paragraph ends ("DAMASCUS, March 28 (AFP) – "),
    or the sentence's start when there is none: the dateline's place and date are the report's."""
    text = doc_text(sentence.doc)
    line_start = text.rfind("\n", 0, sentence.start_char) + 1
    dateline = DATELINE.match(text, line_start)
    return max(dateline.end(), sentence.start_char) if dateline else sentence.start_char


def sentence_dates(sentence: Span, published: date | None) -> list[ResolvedDate]:
    """Date expressions of a sentence (offsets within it), without those of its paragraph's dateline."""
    skip_until = dateline_end(sentence) - sentence.start_char
    return [d for d in find_dates(sentence.text, published) if d.start >= skip_until]


def _anchor(doc: Doc, published: date | None) -> ResolvedDate | None:
    """The date of the article's lead: what undated sentences of a wire story usually mean
    (offsets in the document, so that no other sentence claims it as its own evidence)."""
    for sentence in list(doc.sents)[:4]:
        for found in sentence_dates(sentence, published):
            if published is None or (published - found.day).days <= BACK_REFERENCE_DAYS:
                shift = sentence.start_char
                return replace(found, start=found.start + shift, end=found.end + shift)
    if published is None:
        return None
    return ResolvedDate(published, 2, -1, -1, "")


def article_context(article: Article, doc: Doc, toponyms: list[Toponym], language: str) -> ArticleContext:
    datelines = [(m.start(), m.end()) for m in DATELINE_LINE.finditer(doc_text(doc))]
    main_place, main_country = _main_place(tuple(toponyms), datelines, doc_text(doc), language)
    return ArticleContext(
        article,
        language,
        tuple(toponyms),
        main_place,
        main_country,
        _main_armed(doc),
        _anchor(doc, article.published),
    )
