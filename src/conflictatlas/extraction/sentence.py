"""The event one sentence reports, every field with its evidence.

The steps, in order:
  1. triggers (rules from data) → drop hedged ones (intentions, plans, denials) → the best one;
  2. in campaign sentences ("20 days of fighting killed 400") only a decisive action, without the toll;
  3. actors and their roles around the trigger; the sub-type decided where it depends on them;
  4. place: the toponym of the sentence nearest the trigger, else the article's main place;
  5. date: the expression nearest to the trigger, else the article's anchor date (history over a year
     before the report is context, not an event);
  6. fatalities and injuries nearest to the trigger;
  7. notes line and confidence.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

from spacy.tokens import Span

from conflictatlas.extraction import actors as actor_rules
from conflictatlas.extraction.context import (
    BACK_REFERENCE_DAYS,
    ArticleContext,
    cue_before,
    dateline_end,
    is_demonym,
    is_report_place,
    sentence_dates,
)
from conflictatlas.extraction.dates import ResolvedDate, names_a_date
from conflictatlas.extraction.hedges import (
    hedge_reason,
    is_campaign,
    is_generic,
    is_residue,
    sentence_hedge,
    token_at,
)
from conflictatlas.extraction.learned import MIN_PROBABILITY, classify
from conflictatlas.extraction.notes import is_near_town, notes_line
from conflictatlas.extraction.numbers import find_counts, nearest
from conflictatlas.extraction.roles import assign_roles
from conflictatlas.extraction.triggers import Trigger, find_triggers
from conflictatlas.knowledge import country_name, cues, demonym_index, taxonomy
from conflictatlas.model import Actor, Event, Evidence, Place, Toponym
from conflictatlas.nlp import doc_text

#: phrases that put an event near, not in, the place named
NEAR = re.compile(
    r"\b(?:near|outside|outskirts|around|close to|vicinity|area of|km|kilomet(?:er|re)s?|miles|"
    r"(?:north|south|east|west)(?:east|west)?(?:ern)? of|près de|aux abords)\b",
    re.IGNORECASE,
)
#: events a crowd carries out, which a people noun ("rioters") alone may trigger
CROWD_ACTIONS = frozenset({"Violent demonstration", "Peaceful protest", "Mob violence"})
#: triggers that in a campaign sentence describe the campaign itself
CAMPAIGN_WORDS = frozenset({"@violence", "Armed clash"})
#: event types whose unnamed initiator may be named by a demonym next to the trigger ("Russian air strikes")
DEMONYM_INITIATED = frozenset({"Explosions/Remote violence", "Battles"})
#: a place named as an agent ("supported by Washington") is not where the event happened
AGENT_BEFORE = re.compile(r"\b(?:by|par|with|avec)\s+(?:the\s+)?$", re.IGNORECASE)
ADJECTIVE_BEFORE = re.compile(rf"\b(?P<adj>{actor_rules.ADJECTIVES})\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
ADJECTIVE_AFTER = re.compile(rf"\s+(?:[\w-]+\s+)?(?P<adj>{actor_rules.ADJECTIVES})\b", re.IGNORECASE)
#: verbs of saying: a date on them dates the report
SPEECH_VERBS = frozenset(
    {
        "say",
        "said",
        "tell",
        "told",
        "announce",
        "announced",
        "report",
        "reported",
        "state",
        "stated",
        "add",
        "added",
        "confirm",
        "confirmed",
        "statement",
        "declare",
        "declared",
        "annoncer",
        "déclarer",
        "indiquer",
        "affirmer",
        "decir",
        "informar",
        "afirmar",
    }
)
#: a toponym followed by another capitalised word is part of a longer name ("Chad Basin Reporter")
LONGER_NAME = re.compile(r"\s+[A-Z][a-z]")
ARMED = frozenset({1, 2, 3, 4, 8})
#: events dated more than this many days before the report are its history, not news to code
HISTORY_DAYS = 365
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


def evidence_at(field: str, sentence: Span, start: int, end: int, article_id: str) -> Evidence:
    """The evidence of a field: the text at document offsets [start, end) and its sentence."""
    return Evidence(
        field, doc_text(sentence.doc)[start:end], start, end, sentence.text, sentence.start_char, article_id
    )


def _is_generic(token, sentence: Span, ctx: ArticleContext) -> bool:
    """A kind of event, not one ("kidnappings have become more frequent"): no date and no toll either."""
    return (
        is_generic(token, ctx.language)
        and not names_a_date(sentence.text)
        and not find_counts(sentence.text, "fatalities", ctx.language)
    )


def _is_present_perfect(token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in {"have", "has", "'ve"} for c in token.children)


def _best_trigger(sentence: Span, ctx: ArticleContext, campaign: bool) -> Trigger | None:
    """The best factual trigger; in a campaign sentence only a decisive one (a recapture, a strike),
    never the campaign's own fighting and killing."""
    triggers = find_triggers(sentence.text, ctx.language)
    for trigger in triggers:
        if campaign and trigger.rule.sub_event_type in CAMPAIGN_WORDS:
            continue
        token = token_at(sentence, sentence.start_char + trigger.start)
        if campaign and ctx.language == "en" and _is_present_perfect(token):
            continue  # "have captured a third of the city since June": the campaign's progress, no one day
        if _acted_upon(trigger, token, sentence, triggers, ctx.language):
            continue  # "police arrested 63 rioters": the arrest is the event, the rioters its object
        if hedge_reason(token, ctx.language) is None and not _is_generic(token, sentence, ctx):
            return trigger
    return None


def _acted_upon(trigger: Trigger, token, sentence: Span, triggers: list[Trigger], language: str) -> bool:
    """A crowd noun ("rioters") that is the object of an arrest that happened names who was arrested,
    not a riot of its own. (Force used on protesters keeps its codebook sub-types: "arrested 20
    protesters" is a Protest with intervention; "fought rioters" stays a riot.)"""
    if trigger.rule.sub_event_type not in CROWD_ACTIONS or token.dep_ not in {"dobj", "obj"}:
        return False
    if token.lower_ not in cues(language)["people_nouns"]:
        return False
    verb = token.head
    at = verb.idx - sentence.start_char
    arrested = any(t.start <= at < t.end and t.rule.sub_event_type == "Arrests" for t in triggers)
    return arrested and hedge_reason(verb, language) is None


def _place(
    sentence: Span, ctx: ArticleContext, actor_spans: list[tuple[int, int]], trigger_start: int
) -> tuple[Place | None, Toponym | None]:
    """A town named in the sentence (the nearest to the trigger), else the
    article's main place, else a region or country named. Datelines, actors' names, demonyms ("Russian
    drones"), where a report was made ("said in Kabul") and the targets of threats are no places."""
    text = doc_text(sentence.doc)
    begin = dateline_end(sentence)
    inside = [
        t
        for t in ctx.toponyms
        if t.place is not None
        and begin <= t.start < sentence.end_char
        and not any(s <= t.start < e for s, e in actor_spans)
        and not text.startswith("-based", t.end)
        and not AGENT_BEFORE.search(text[max(0, t.start - 20) : t.start])
        and not (t.place.geo_precision >= 3 and LONGER_NAME.match(text, t.end))
        and not is_demonym(t)
        and not is_report_place(text, t, ctx.language)
        and not _threatened(sentence, t.start, trigger_start, ctx.language)
        # "the Zeitoun district of Gaza City": the town named next is the place
        and not any(p.match(text, t.end) for p in cues(ctx.language)["quarter_after"])
    ]
    towns = [t for t in inside if t.place.geo_precision < 3]
    # a town of the article's own country before a look-alike abroad ("al-Joura" is not Jora, India)
    towns = [t for t in towns if t.place.country_code == ctx.main_country] or towns
    # "in Omdurman, across the Nile from Khartoum", "the bridge to Khartoum": a point of reference or a
    # destination is not where it happened ("20 km from Djibo" is near it: geo_precision 2)
    towns = [
        t
        for t in towns
        if t.place.geo_precision == 2 or not cue_before(text, t.start, "elsewhere_before", ctx.language)
    ]
    if towns:
        town = min(
            towns,
            key=lambda t: t.start - trigger_start if t.start >= trigger_start else trigger_start - t.end,
        )
        return town.place, town
    regions = [t for t in inside if t.place.geo_precision >= 3]
    main = ctx.main_place
    # "a village in Sagaing region": the province the sentence names, unless the article's town lies in it
    areas = [r for r in regions if r.place.feature_code in ("ADM1", "ADM2")]
    if main is not None and areas and all(a.place.admin1 != main.admin1 for a in areas):
        return areas[0].place, areas[0]
    if main is not None and (not regions or any(r.place.country_code == main.country_code for r in regions)):
        # "near the town" when the article names its town; a country or province stays what it is
        near = NEAR.search(sentence.text) is not None and main.geo_precision < 3
        return (replace(main, geo_precision=2) if near else main), None
    return (regions[0].place, regions[0]) if regions else (None, None)


def _threatened(sentence: Span, start: int, trigger_start: int, language: str) -> bool:
    """Is the place only the target of a threat or plan that the event is not part of ("Al-Shabaab,
    which has threatened to attack Mogadishu, killed ten soldiers in Jowhar"; "Al-Shabaab threatened to
    attack Mogadishu after it killed ten soldiers in Jowhar")? It is when it lies in what an intent word
    governs (the branch under "threatened" that holds the place) and the trigger lies outside it."""
    heads = cues(language)["intent_heads"]
    trigger = token_at(sentence, trigger_start)
    place = token_at(sentence, start)
    # the verb the place belongs to ("attack" of "attack Mogadishu"), when another than the trigger's,
    # under an intent word (whatever the parser hung the trigger's clause on)
    verb = next((a for a in place.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is not None and verb.i != trigger.i and any(a.lemma_.lower() in heads for a in verb.ancestors):
        return True
    branch = place
    for ancestor in place.ancestors:
        if ancestor.lemma_.lower() in heads and trigger not in branch.subtree:
            return True
        branch = ancestor
    return False


def _demonym_forces(sentence: Span, trigger: Trigger, mentions: list) -> actor_rules.ActorMention | None:
    """ "Russian air strikes", "frappes aériennes russes": a demonym next to the trigger names the state
    whose forces acted, when no actor is named as the subject."""
    if trigger.rule.sub_event_type.startswith("@territory") or (
        not trigger.rule.sub_event_type.startswith("@")
        and taxonomy(trigger.rule.sub_event_type)[0] not in DEMONYM_INITIATED
    ):
        return None
    text = sentence.text
    before = ADJECTIVE_BEFORE.search(text[: trigger.start])
    after = ADJECTIVE_AFTER.match(text[trigger.end :])
    for match, start in ((before, 0), (after, trigger.end)):
        code = demonym_index().get(match.group("adj").lower()) if match else None
        if code:
            begin = sentence.start_char + start + match.start("adj")
            end = sentence.start_char + start + match.end("adj")
            if not any(m.start <= begin < m.end for m in mentions):
                return actor_rules.ActorMention(
                    begin, end, match.group("adj"), "state", "Military Forces of {country}", 1, code
                )
    return None


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


def _reports_date(sentence: Span, found: ResolvedDate, trigger_start: int) -> bool:
    """ "The army said on Wednesday that its jets struck ...": a date on the verb of saying is the
    report's, not the action's (when the trigger is not that verb's own word)."""
    token = token_at(sentence, sentence.start_char + found.start)
    head = token.head
    for _ in range(3):
        if head.lemma_.lower() in SPEECH_VERBS or head.lower_ in SPEECH_VERBS:
            return not (head.idx <= trigger_start < head.idx + len(head.text))
        if head.i == head.head.i:
            return False
        head = head.head
    return False


def _date_for(sentence: Span, trigger_start: int, ctx: ArticleContext) -> ResolvedDate | None:
    found = [
        d
        for d in sentence_dates(sentence, ctx.article.published)
        if not _reports_date(sentence, d, trigger_start)
    ]
    if not found:
        return ctx.anchor
    offset = sentence.start_char
    shifted = [replace(d, start=d.start + offset, end=d.end + offset) for d in found]
    return min(shifted, key=lambda d: abs(d.start - trigger_start))


def sentence_event(sentence: Span, ctx: ArticleContext) -> Event | None:
    """The event a sentence reports, or None (no trigger, only hedged triggers, residue, campaign)."""
    language, article = ctx.language, ctx.article
    if is_residue(sentence.text, language) or sentence_hedge(sentence.text, language):
        return None
    campaign = is_campaign(sentence.text, language)
    trigger = _best_trigger(sentence, ctx, campaign)
    if trigger is None:
        return None
    offset = sentence.start_char
    trigger_start = offset + trigger.start
    mentions = [m for m in actor_rules.find_actors(sentence.text, offset) if not m.source_only]
    # a campaign's toll ("after 20 days of fighting that killed 400") is context, not this event's toll
    deaths = [] if campaign else find_counts(sentence.text, "fatalities", language)
    if not trigger.rule.strong and not mentions and not deaths:
        return None
    place, toponym = _place(sentence, ctx, [(m.start, m.end) for m in mentions], trigger_start)
    country = place.country_code if place else ctx.main_country
    initiator, target, allies1, allies2 = assign_roles(sentence, trigger_start, mentions)

    def named(mention):
        return actor_rules.name_actor(mention, country, ctx.main_armed) if mention else None

    if initiator is not None and initiator.inter == 7 and trigger.rule.sub_event_type not in PROTEST_TYPES:
        # civilians are the victims of violence, never its initiators
        initiator, target = None, target or initiator
    initiator = initiator or _demonym_forces(sentence, trigger, mentions)
    actor1, actor2 = named(initiator), named(target)
    if actor1 and actor2 and actor1.name == actor2.name:
        actor2 = None
    sub_type = _decide_sub_type(trigger, sentence.text, trigger.start, actor1, actor2)
    learned = classify(sentence.text)
    if learned is not None and learned[1] >= MIN_PROBABILITY:
        sub_type = learned[0]
    if sub_type in PROTEST_TYPES or sub_type == "Violent demonstration":
        defaults = DEFAULT_ACTORS[sub_type]
        actor1, actor2 = _default_actor(defaults[0], country), _default_actor(defaults[1], country)
        initiator = target = None
    else:
        defaults = DEFAULT_ACTORS.get(sub_type, (None, None))
        actor1 = actor1 or _default_actor(defaults[0], country)
        actor2 = actor2 or (_default_actor(defaults[1], country) if actor1 is not None else None)
        if actor2 is not None and actor2.inter == INTER_OF_DEFAULT["Protesters"]:
            # activists arrested in a raid on a meeting are civilians: protesters only at a demonstration
            actor2 = _default_actor("Civilians ({country})", actor2.country or country)
    if actor1 and actor2 and actor1.name == actor2.name:
        actor2 = None
    assoc_names = _assoc(allies1, named, actor1)
    assoc2_names = _assoc(allies2, named, actor2)
    event_type, disorder_type = taxonomy(sub_type)

    when = _date_for(sentence, trigger_start, ctx)
    if when and article.published and (article.published - when.day).days > HISTORY_DAYS:
        return None  # "the 1969 riots killed 5,000": history told as context, not an event of this report
    death = nearest(deaths, trigger.start)
    injury = nearest(find_counts(sentence.text, "injuries", language), trigger.start)

    aid = article.id
    evidence = [evidence_at("sub_event_type", sentence, trigger_start, offset + trigger.end, aid)]
    for field, mention in (("actor1", initiator), ("actor2", target)):
        if mention is not None:
            evidence.append(evidence_at(field, sentence, mention.start, mention.end, aid))
    evidence += [evidence_at("assoc_actor_1", sentence, m.start, m.end, aid) for m in allies1]
    evidence += [evidence_at("assoc_actor_2", sentence, m.start, m.end, aid) for m in allies2]
    if toponym is not None:
        evidence.append(evidence_at("location", sentence, toponym.start, toponym.end, aid))
    if when is not None and when.start >= 0 and offset <= when.start < sentence.end_char:
        evidence.append(evidence_at("event_date", sentence, when.start, when.end, aid))
    for field, count in (("fatalities", death), ("injuries", injury)):
        if count is not None:
            evidence.append(evidence_at(field, sentence, offset + count.start, offset + count.end, aid))

    back_reference = bool(
        when and article.published and article.published - when.day > timedelta(days=BACK_REFERENCE_DAYS)
    )
    confidence = 0.35 + 0.045 * trigger.score
    confidence += (
        0.05 * bool(initiator) + 0.05 * bool(toponym) + 0.05 * any(e.field == "event_date" for e in evidence)
    )
    confidence -= 0.25 * back_reference + 0.15 * (not trigger.rule.strong)
    # political violence aimed at civilians; arrests and looting are strategic developments, not violence
    targeted = actor2 is not None and actor2.inter == 7 and disorder_type.startswith("Political violence")
    civilian = "Civilian targeting" if targeted else ""
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
            near=is_near_town(place),
        ),
        confidence=max(0.05, min(0.95, confidence)),
        evidence=tuple(evidence),
        article_ids=(aid,),
    )
