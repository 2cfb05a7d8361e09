"""Event mentions of a whole article: each sentence's event, with what the article says elsewhere
about who fought alongside whom and who claimed the attack."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from conflictatlas.extraction import actors as actor_rules
from conflictatlas.extraction.context import BACK_REFERENCE_DAYS, ArticleContext, article_context
from conflictatlas.extraction.dates import names_a_date
from conflictatlas.extraction.hedges import is_campaign, sentence_hedge
from conflictatlas.extraction.numbers import find_counts
from conflictatlas.extraction.roles import find_allies
from conflictatlas.extraction.sentence import evidence_at, sentence_event
from conflictatlas.knowledge import cues
from conflictatlas.model import Actor, Article, Event, Toponym
from conflictatlas.nlp import doc_text

#: event types whose perpetrator a claim of responsibility names
CLAIMABLE = frozenset({"Explosions/Remote violence", "Violence against civilians", "Battles"})


def article_alliances(doc: Doc, ctx: ArticleContext) -> dict[str, tuple[str, ...]]:
    """Who fights alongside whom anywhere in the article ("supported by Russian forces and Hezbollah,
    soldiers launched ..."): an alliance stated once holds for the article's current events."""
    alliances: dict[str, dict[str, None]] = {}
    for sentence in doc.sents:
        mentions = [
            m for m in actor_rules.find_actors(sentence.text, sentence.start_char) if not m.source_only
        ]
        for index, anchor in find_allies(doc_text(doc), mentions).items():
            if anchor is None:
                continue
            supported = actor_rules.name_actor(anchor, ctx.main_country, ctx.main_armed).name
            ally = actor_rules.name_actor(mentions[index], ctx.main_country, ctx.main_armed).name
            if ally != supported:
                alliances.setdefault(supported, {})[ally] = None
    return {actor: tuple(allies) for actor, allies in alliances.items()}


def _is_current(event: Event, ctx: ArticleContext) -> bool:
    """An event of the article's own news, not a back-reference to an older one."""
    anchor = ctx.anchor.day if ctx.anchor else None
    return bool(event.event_date and anchor and abs((anchor - event.event_date).days) <= BACK_REFERENCE_DAYS)


def _with_alliances(event: Event, alliances: dict[str, tuple[str, ...]], ctx: ArticleContext) -> Event:
    """Add the article's stated allies to a current (not back-referenced) event's sides."""
    if not _is_current(event, ctx):
        return event

    def joined(current: str | None, actor: str | None) -> str | None:
        names = [n for n in (current or "").split("; ") if n] + list(alliances.get(actor or "", ()))
        return "; ".join(dict.fromkeys(n for n in names if n not in (event.actor1, event.actor2))) or None

    return replace(
        event,
        assoc_actor_1=joined(event.assoc_actor_1, event.actor1),
        assoc_actor_2=joined(event.assoc_actor_2, event.actor2),
    )


def claimant(doc: Doc, ctx: ArticleContext) -> Actor | None:
    """The armed group an article says claimed its attack: "the attack was claimed by ISGS",
    "al-Shabaab said one of its fighters had carried out the attack", "IS claimed the bombing"."""
    claims = cues(ctx.language)["claims"]
    for sentence in doc.sents:
        lowered = sentence.text.lower()
        if sentence_hedge(sentence.text, ctx.language) != "attribution" and not any(
            p.search(lowered) for p in claims
        ):
            continue
        for mention in actor_rules.find_actors(sentence.text, sentence.start_char):
            if mention.kind == "named" and mention.inter in {2, 3, 4}:
                return actor_rules.name_actor(mention, ctx.main_country, ctx.main_armed)
    return None


def _with_claimant(event: Event, claimed_by: Actor | None, ctx: ArticleContext) -> Event:
    """An unidentified perpetrator of a current attack becomes the group that claimed it."""
    unnamed = event.actor1 is None or event.actor1.startswith("Unidentified Armed Group")
    if claimed_by is None or not unnamed or event.actor2 == claimed_by.name:
        return event
    if event.event_type not in CLAIMABLE or not _is_current(event, ctx):
        return event
    return replace(
        event,
        actor1=claimed_by.name,
        inter1=claimed_by.inter,
        interaction=actor_rules.interaction(claimed_by.inter, event.inter2),
    )


def extract_mentions(
    article: Article, doc: Doc, toponyms: list[Toponym], language: str = "en"
) -> list[Event]:
    """Every event mention of an article, in text order (not yet merged)."""
    ctx = article_context(article, doc, toponyms, language)
    alliances = article_alliances(doc, ctx)
    claimed_by = claimant(doc, ctx)
    found: list[Event] = []
    for sentence in doc.sents:
        event = sentence_event(sentence, ctx)
        if event is not None:
            found.append(_with_claimant(_with_alliances(event, alliances, ctx), claimed_by, ctx))
        elif found:
            found[-1] = _with_follow_up_injuries(found[-1], sentence, ctx)
    return found


def _names_another_town(sentence: Span, event: Event, ctx: ArticleContext) -> bool:
    own = event.place.geonameid if event.place else None
    return any(
        sentence.start_char <= t.start < sentence.end_char
        and t.place is not None
        and t.place.geo_precision < 3
        and t.place.geonameid != own
        for t in ctx.toponyms
    )


def _with_follow_up_injuries(event: Event, sentence: Span, ctx: ArticleContext) -> Event:
    """The injured told in a sentence of their own after the event ("Dozens of people were injured, a
    doctor said."): the event's injuries, when it has none yet and the sentence names one count, no
    other day, no event, no other town and does not open on another story ("Separately, …")."""
    if event.injuries is not None or not _is_current(event, ctx):
        return event
    text = sentence.text
    if sentence_hedge(text, ctx.language) or is_campaign(text, ctx.language) or names_a_date(text):
        return event
    if any(p.search(text) for p in cues(ctx.language)["other_story"]) or _names_another_town(
        sentence, event, ctx
    ):
        return event
    counts = find_counts(text, "injuries", ctx.language)
    if len(counts) != 1:
        return event
    (count,) = counts
    offset = sentence.start_char
    evidence = evidence_at("injuries", sentence, offset + count.start, offset + count.end, event.article_id)
    return replace(event, injuries=count.best, evidence=(*event.evidence, evidence))
