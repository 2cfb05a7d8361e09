"""Event mentions from an analysed article: one per factual trigger sentence, every field with evidence.

The steps for each sentence, in order:
  1. triggers (rules from data) → drop hedged ones (intentions, plans, denials) → the best one;
  2. campaign sentences ("20 days of fighting killed 400") give context, not an event;
  3. actors and their roles around the trigger; the sub-type decided where it depends on them;
  4. place: a toponym of the sentence, else the article's main place;
  5. date: the expression nearest to the trigger, else the article's anchor date;
  6. fatalities and injuries nearest to the trigger;
  7. notes line and confidence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta

from spacy.tokens import Doc, Span

from conflictatlas.extraction import actors as actor_rules
from conflictatlas.extraction.dates import ResolvedDate, find_dates
from conflictatlas.extraction.hedges import (
    hedge_reason,
    is_campaign,
    is_generic,
    is_residue,
    sentence_hedge,
    token_at,
)
from conflictatlas.extraction.notes import notes_line
from conflictatlas.extraction.numbers import find_counts, nearest
from conflictatlas.extraction.roles import assign_roles, find_allies
from conflictatlas.extraction.triggers import Trigger, find_triggers
from conflictatlas.knowledge import country_name, taxonomy
from conflictatlas.model import Actor, Article, Event, Evidence, Place, Toponym

#: a date further back than this from publication makes a back-reference (lower confidence)
BACK_REFERENCE_DAYS = 7
#: phrases that put an event near, not in, the place named
NEAR = re.compile(
    r"\b(?:near|outside|outskirts|around|close to|vicinity|area of|km|kilomet(?:er|re)s?|miles|"
    r"(?:north|south|east|west)(?:east|west)?(?:ern)? of|près de|aux abords)\b",
    re.IGNORECASE,
)
#: "DAMASCUS, March 28 (AFP) – ": the date of a dateline is the report's, not the event's
DATELINE = re.compile(r"\s*[A-Z][A-Za-z .'-]{1,40},[^.\n]{0,45}?(?:\([\w .-]+\)\s*)?[–—-]\s")
#: mentions of a place in the first LEAD_CHARS characters weigh LEAD_WEIGHT times in the main place
LEAD_CHARS, LEAD_WEIGHT = 400, 3
#: any word that dates a sentence, resolvable or not (snippets come without a publication date)
DATE_WORDS = re.compile(
    r"\b(?:yesterday|today|tonight|overnight|(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|"
    r"april|may|june|july|august|september|october|november|december|(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
ARMED = frozenset({1, 2, 3, 4, 8})
PROTEST_TYPES = frozenset(
    {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}
)
DEFAULT_ACTORS: dict[str, tuple[str | None, str | None]] = {
    # sub-event type -> (template of actor1, template of actor2) when the text names none
    "Peaceful protest": ("Protesters ({country})", None),
    "Protest with intervention": ("Protesters ({country})", "Police Forces of {country}"),
    "Excessive force against protesters": ("Police Forces of {country}", "Protesters ({country})"),
    "Violent demonstration": ("Rioters ({country})", None),
    "Mob violence": ("Rioters ({country})", "Civilians ({country})"),
    "Arrests": ("Police Forces of {country}", None),
    "Attack": ("Unidentified Armed Group ({country})", "Civilians ({country})"),
    "Abduction/forced disappearance": ("Unidentified Armed Group ({country})", "Civilians ({country})"),
    "Sexual violence": ("Unidentified Armed Group ({country})", "Civilians ({country})"),
    "Suicide bomb": ("Unidentified Armed Group ({country})", None),
    "Remote explosive/landmine/IED": ("Unidentified Armed Group ({country})", None),
    "Grenade": ("Unidentified Armed Group ({country})", None),
}
INTER_OF_DEFAULT = {
    "Protesters": 6,
    "Police Forces of": 1,
    "Rioters": 5,
    "Civilians": 7,
    "Unidentified Armed Group": 3,
}


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


def _main_place(toponyms: tuple[Toponym, ...]) -> tuple[Place | None, str | None]:
    """The article's main town and country: most mentioned, a mention in the headline or lead
    counting LEAD_WEIGHT times (the lead says where the news happened)."""
    resolved = [t for t in toponyms if t.place is not None]
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


def _main_armed(text: str) -> Actor | None:
    """The named armed group the article speaks of most: what "the jihadists" refers to."""
    named = [m for m in actor_rules.find_actors(text) if m.kind == "named" and m.inter in {2, 3, 4}]
    if not named:
        return None
    name, inter = Counter((m.template, m.inter) for m in named).most_common(1)[0][0]
    return Actor(name, inter)


def sentence_dates(sentence: Span, published: date | None) -> list[ResolvedDate]:
    """Date expressions of a sentence (offsets within it), without those of its paragraph's dateline."""
    text = sentence.doc.text
    line_start = text.rfind("\n", 0, sentence.start_char) + 1
    dateline = DATELINE.match(text, line_start)
    skip_until = dateline.end() - sentence.start_char if dateline else 0
    return [d for d in find_dates(sentence.text, published) if d.start >= skip_until]


def _anchor(doc: Doc, published: date | None) -> ResolvedDate | None:
    """The date of the article's lead: what undated sentences of a wire story usually mean."""
    for sentence in list(doc.sents)[:4]:
        for found in sentence_dates(sentence, published):
            if published is None or (published - found.day).days <= BACK_REFERENCE_DAYS:
                return found
    if published is None:
        return None
    return ResolvedDate(published, 2, -1, -1, "")


def article_context(article: Article, doc: Doc, toponyms: list[Toponym], language: str) -> ArticleContext:
    main_place, main_country = _main_place(tuple(toponyms))
    return ArticleContext(
        article,
        language,
        tuple(toponyms),
        main_place,
        main_country,
        _main_armed(article.text),
        _anchor(doc, article.published),
    )


def _evidence(field: str, sentence: Span, start: int, end: int, article_id: str) -> Evidence:
    return Evidence(
        field, sentence.doc.text[start:end], start, end, sentence.text, sentence.start_char, article_id
    )


def _is_generic(token, sentence: Span, ctx: ArticleContext) -> bool:
    """A kind of event, not one ("kidnappings have become more frequent"): no date and no toll either."""
    return (
        is_generic(token, ctx.language)
        and not DATE_WORDS.search(sentence.text)
        and not find_counts(sentence.text, "fatalities", ctx.language)
    )


def _best_trigger(sentence: Span, ctx: ArticleContext) -> Trigger | None:
    for trigger in find_triggers(sentence.text, ctx.language):
        token = token_at(sentence, sentence.start_char + trigger.start)
        if hedge_reason(token, ctx.language) is None and not _is_generic(token, sentence, ctx):
            return trigger
    return None


def _place(
    sentence: Span, ctx: ArticleContext, actor_spans: list[tuple[int, int]]
) -> tuple[Place | None, Toponym | None]:
    """A town named in the sentence, else the article's main place, else a region/country named."""
    text = sentence.doc.text
    inside = [
        t
        for t in ctx.toponyms
        if t.place is not None
        and sentence.start_char <= t.start < sentence.end_char
        and not any(s <= t.start < e for s, e in actor_spans)
        and not text.startswith("-based", t.end)
    ]
    towns = [t for t in inside if t.place.geo_precision < 3]
    if towns:
        return towns[0].place, towns[0]
    regions = [t for t in inside if t.place.geo_precision >= 3]
    main = ctx.main_place
    if main is not None and (not regions or any(r.place.country_code == main.country_code for r in regions)):
        near = NEAR.search(sentence.text) is not None
        return (replace(main, geo_precision=2) if near else main), None
    return (regions[0].place, regions[0]) if regions else (None, None)


def _decide_sub_type(
    trigger: Trigger, sentence: str, trigger_start: int, actor1: Actor | None, actor2: Actor | None
) -> str:
    """Resolve the sub-types that depend on who acted against whom (@territory, @violence)."""
    kind = trigger.rule.sub_event_type
    if kind == "@territory":
        return (
            "Government regains territory"
            if actor1 and actor1.inter == 1
            else "Non-state actor overtakes territory"
        )
    if kind != "@violence":
        return kind
    if actor2 is not None and actor2.inter == 7:
        return "Attack"
    if actor1 and actor2 and actor1.inter in ARMED and actor2.inter in ARMED:
        return "Armed clash"
    after = sentence[trigger_start : trigger_start + 80]
    civilian = actor_rules.civilian_target_regex().search(after)
    armed = actor_rules.armed_target_regex().search(after)
    if armed and (not civilian or armed.start() < civilian.start()):
        return "Armed clash"
    return "Attack"


def _default_actor(template: str | None, country: str | None) -> Actor | None:
    if template is None:
        return None
    inter = next(v for k, v in INTER_OF_DEFAULT.items() if template.startswith(k))
    return Actor(template.format(country=country_name(country) or "Unknown"), inter, country)


def _assoc(allies: list, named, main: Actor | None) -> str:
    """The allies' canonical names, "; "-joined as in ACLED, without the actor they support."""
    names = (named(m).name for m in allies)
    return "; ".join(dict.fromkeys(n for n in names if n != (main.name if main else None)))


def _date_for(sentence: Span, trigger_start: int, ctx: ArticleContext) -> ResolvedDate | None:
    found = sentence_dates(sentence, ctx.article.published)
    if not found:
        return ctx.anchor
    offset = sentence.start_char
    shifted = [replace(d, start=d.start + offset, end=d.end + offset) for d in found]
    return min(shifted, key=lambda d: abs(d.start - trigger_start))


def sentence_event(sentence: Span, ctx: ArticleContext) -> Event | None:
    """The event a sentence reports, or None (no trigger, only hedged triggers, residue, campaign)."""
    language, article = ctx.language, ctx.article
    if is_residue(sentence.text, language) or is_campaign(sentence.text, language):
        return None
    if sentence_hedge(sentence.text, language):
        return None
    trigger = _best_trigger(sentence, ctx)
    if trigger is None:
        return None
    offset = sentence.start_char
    trigger_start = offset + trigger.start
    mentions = [m for m in actor_rules.find_actors(sentence.text, offset) if not m.source_only]
    deaths = find_counts(sentence.text, "fatalities", language)
    if not trigger.rule.strong and not mentions and not deaths:
        return None
    place, toponym = _place(sentence, ctx, [(m.start, m.end) for m in mentions])
    country = place.country_code if place else ctx.main_country
    initiator, target, allies1, allies2 = assign_roles(sentence, trigger_start, mentions)

    def named(mention):
        return actor_rules.name_actor(mention, country, ctx.main_armed) if mention else None

    actor1, actor2 = named(initiator), named(target)
    if actor1 is not None and actor1.inter == 7 and trigger.rule.sub_event_type not in PROTEST_TYPES:
        # civilians are the victims of violence, never its initiators
        actor1, actor2, initiator, target = None, actor2 or actor1, None, target or initiator
    if actor1 and actor2 and actor1.name == actor2.name:
        actor2 = None
    sub_type = _decide_sub_type(trigger, sentence.text, trigger.start, actor1, actor2)
    if sub_type in PROTEST_TYPES or sub_type == "Violent demonstration":
        defaults = DEFAULT_ACTORS[sub_type]
        actor1, actor2 = _default_actor(defaults[0], country), _default_actor(defaults[1], country)
        initiator = target = None
    else:
        defaults = DEFAULT_ACTORS.get(sub_type, (None, None))
        actor1 = actor1 or _default_actor(defaults[0], country)
        actor2 = actor2 or (_default_actor(defaults[1], country) if actor1 is not None else None)
    if actor1 and actor2 and actor1.name == actor2.name:
        actor2 = None
    assoc_names = _assoc(allies1, named, actor1)
    assoc2_names = _assoc(allies2, named, actor2)
    event_type, disorder_type = taxonomy(sub_type)

    when = _date_for(sentence, trigger_start, ctx)
    death = nearest(deaths, trigger.start)
    injury = nearest(find_counts(sentence.text, "injuries", language), trigger.start)

    aid = article.id
    evidence = [_evidence("sub_event_type", sentence, trigger_start, offset + trigger.end, aid)]
    for field, mention in (("actor1", initiator), ("actor2", target)):
        if mention is not None:
            evidence.append(_evidence(field, sentence, mention.start, mention.end, aid))
    evidence += [_evidence("assoc_actor_1", sentence, m.start, m.end, aid) for m in allies1]
    evidence += [_evidence("assoc_actor_2", sentence, m.start, m.end, aid) for m in allies2]
    if toponym is not None:
        evidence.append(_evidence("location", sentence, toponym.start, toponym.end, aid))
    if when is not None and when.start >= 0 and offset <= when.start < sentence.end_char:
        evidence.append(_evidence("event_date", sentence, when.start, when.end, aid))
    for field, count in (("fatalities", death), ("injuries", injury)):
        if count is not None:
            evidence.append(_evidence(field, sentence, offset + count.start, offset + count.end, aid))

    back_reference = bool(
        when and article.published and article.published - when.day > timedelta(days=BACK_REFERENCE_DAYS)
    )
    confidence = 0.35 + 0.045 * trigger.score
    confidence += (
        0.05 * bool(initiator) + 0.05 * bool(toponym) + 0.05 * any(e.field == "event_date" for e in evidence)
    )
    confidence -= 0.25 * back_reference + 0.15 * (not trigger.rule.strong)
    civilian = "Civilian targeting" if actor2 is not None and actor2.inter == 7 else ""
    fatalities = death.best if death else 0
    return Event(
        event_id="",
        article_id=aid,
        event_date=when.day if when else None,
        time_precision=when.precision if when else None,
        disorder_type=disorder_type,
        event_type=event_type,
        sub_event_type=sub_type,
        actor1=actor1.name if actor1 else None,
        assoc_actor_1=assoc_names or None,
        inter1=actor1.inter if actor1 else None,
        actor2=actor2.name if actor2 else None,
        assoc_actor_2=assoc2_names or None,
        inter2=actor2.inter if actor2 else None,
        interaction=actor_rules.interaction(
            actor1.inter if actor1 else None, actor2.inter if actor2 else None
        ),
        civilian_targeting=civilian,
        place=place,
        fatalities=fatalities,
        fatalities_low=death.low if death else None,
        fatalities_high=death.high if death else None,
        injuries=injury.best if injury else None,
        source=article.source or "",
        notes=notes_line(
            sub_type,
            when.day if when else None,
            actor1.name if actor1 else None,
            actor2.name if actor2 else None,
            assoc_names or None,
            place.location if place else None,
            fatalities,
        ),
        confidence=max(0.05, min(0.95, confidence)),
        evidence=tuple(evidence),
        article_ids=(aid,),
    )


def article_alliances(doc: Doc, ctx: ArticleContext) -> dict[str, tuple[str, ...]]:
    """Who fights alongside whom anywhere in the article ("supported by Russian forces and Hezbollah,
    soldiers launched ..."): an alliance stated once holds for the article's current events."""
    alliances: dict[str, dict[str, None]] = {}
    for sentence in doc.sents:
        mentions = [
            m for m in actor_rules.find_actors(sentence.text, sentence.start_char) if not m.source_only
        ]
        for index, anchor in find_allies(doc.text, mentions).items():
            if anchor is None:
                continue
            supported = actor_rules.name_actor(anchor, ctx.main_country, ctx.main_armed).name
            ally = actor_rules.name_actor(mentions[index], ctx.main_country, ctx.main_armed).name
            if ally != supported:
                alliances.setdefault(supported, {})[ally] = None
    return {actor: tuple(allies) for actor, allies in alliances.items()}


def _with_alliances(event: Event, alliances: dict[str, tuple[str, ...]], ctx: ArticleContext) -> Event:
    """Add the article's stated allies to a current (not back-referenced) event's sides."""
    anchor = ctx.anchor.day if ctx.anchor else None
    if (
        event.event_date is None
        or anchor is None
        or abs((anchor - event.event_date).days) > BACK_REFERENCE_DAYS
    ):
        return event

    def joined(current: str | None, actor: str | None) -> str | None:
        names = [n for n in (current or "").split("; ") if n] + list(alliances.get(actor or "", ()))
        return "; ".join(dict.fromkeys(n for n in names if n not in (event.actor1, event.actor2))) or None

    return replace(
        event,
        assoc_actor_1=joined(event.assoc_actor_1, event.actor1),
        assoc_actor_2=joined(event.assoc_actor_2, event.actor2),
    )


def extract_mentions(
    article: Article, doc: Doc, toponyms: list[Toponym], language: str = "en"
) -> list[Event]:
    """Every event mention of an article, in text order (not yet merged)."""
    ctx = article_context(article, doc, toponyms, language)
    alliances = article_alliances(doc, ctx)
    found = []
    for sentence in doc.sents:
        event = sentence_event(sentence, ctx)
        if event is not None:
            found.append(_with_alliances(event, alliances, ctx))
    return found
