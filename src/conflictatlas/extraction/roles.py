"""Who did what to whom: the initiator (actor1), the target (actor2) and the allies of an event.

The dependency parse decides first: the subject of the trigger's verb is the initiator (the
antecedent of "which"/"who" for a relative clause, the agent of a passive), its object the target.
Word order is the fallback where the parse gives no actor: first mention before the trigger
initiates, the next one is the target; "by X"/"to X" after the trigger names the initiator.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from conflictatlas.extraction.actors import ActorMention, allies_marked
from conflictatlas.extraction.hedges import token_at
from conflictatlas.nlp import doc_text

SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "nsubj:pass"})
OBJECTS = frozenset({"dobj", "obj", "dative", "pobj", "attr"})
#: from a trigger to the verb whose subject acted: gerunds, complements, coordinated verbs
CLIMB = frozenset(
    {"pcomp", "prep", "xcomp", "advcl", "conj", "acl", "pobj", "dobj", "obj", "compound", "amod"}
    | {"obl", "obl:mod", "obl:arg"}  # French: "pris en embuscade", "tué dans une attaque"
)
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "qui", "que"})
#: between two allies: "supported by aviation and Russian forces", "backed by warplanes and by Hezbollah"
CHAIN_GAP = re.compile(r"\s*(?:,|and|et|as well as|&)?\s*(?:by|par)?\s*(?:the|les?|la|l')?\s*", re.IGNORECASE)
BETWEEN = re.compile(r"\b(?:between|entre|opposed|opposant|opposé)\b", re.IGNORECASE)
PASSIVE_AGENT = re.compile(r"\b(?:by|par|fell to|fallen to)\s+(?:the\s+|les?\s+|la\s+)?[^.;]{0,30}$")


def _covering(mentions: list[ActorMention], token: Token) -> ActorMention | None:
    """The mention inside the subtree of `token` that comes first."""
    start = token.left_edge.idx
    end = token.right_edge.idx + len(token.right_edge.text)
    inside = [m for m in mentions if start <= m.start < end]
    return min(inside, key=lambda m: m.start) if inside else None


def _parse_roles(
    trigger: Token, mentions: list[ActorMention]
) -> tuple[ActorMention | None, ActorMention | None]:
    verb = trigger
    for _ in range(6):
        initiator = target = None
        for child in verb.children:
            if child.dep_ in SUBJECTS and initiator is None:
                subject = verb.head if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" else child
                initiator = (
                    _covering(mentions, subject)
                    if subject is child
                    else next((m for m in mentions if m.start <= subject.idx < m.end), None)
                )
            elif child.dep_ == "agent":
                initiator = _covering(mentions, child)
            elif child.dep_ in PASSIVE_SUBJECTS or child.dep_ in OBJECTS:
                target = target or _covering(mentions, child)
        if initiator is not None:
            return initiator, target
        if verb.dep_ not in CLIMB or verb.head.i == verb.i:
            return None, target
        verb = verb.head
    return None, None


def _order_roles(text: str, trigger_start: int, mentions: list[ActorMention]):
    """Roles from word order: the initiator comes before an active verb; after the trigger, only
    "by X" (passive) or "between X and Y" name an initiator."""
    before = [m for m in mentions if m.start <= trigger_start]  # "a suicide bomber" may be the trigger too
    after = [m for m in mentions if m.start > trigger_start]
    passive = [m for m in after if PASSIVE_AGENT.search(text[trigger_start : m.start])]
    if passive:
        initiator = passive[0]
        return initiator, (before[0] if before else next((m for m in after if m is not initiator), None))
    if before:
        return before[0], (after[0] if after else (before[1] if len(before) > 1 else None))
    if after and BETWEEN.search(text[trigger_start : after[0].start]):
        return after[0], (after[1] if len(after) > 1 else None)
    return None, (after[0] if after else None)


def find_allies(text: str, mentions: list[ActorMention]) -> dict[int, ActorMention | None]:
    """Allies (by index in `mentions`) and the mention each one supports.

    An ally follows a marker ("supported by X") or an earlier ally through a short "and"/"," gap
    ("supported by aviation and Russian forces and the Lebanese Hezbollah"). It supports the nearest
    mention before the marker, or, when the marker opens the sentence, the first mention after the list.
    """
    allies: dict[int, ActorMention | None] = {}
    for i, mention in enumerate(mentions):
        previous = mentions[i - 1] if i else None
        chained = (
            previous is not None
            and (i - 1) in allies
            and CHAIN_GAP.fullmatch(text[previous.end : mention.start]) is not None
        )
        if chained or allies_marked(text, mention):
            allies[i] = None
    for i in allies:
        before = [m for j, m in enumerate(mentions[:i]) if j not in allies]
        after = [m for j, m in enumerate(mentions[i:], start=i) if j not in allies]
        allies[i] = before[-1] if before else (after[0] if after else None)
    return allies


def assign_roles(sentence: Span, trigger_start: int, mentions: list[ActorMention]):
    """(initiator, target, allies of the initiator, allies of the target), document offsets."""
    text = doc_text(sentence.doc)
    allies = find_allies(text, mentions)
    main = [m for i, m in enumerate(mentions) if i not in allies]
    if not main:
        return None, None, [], []
    initiator, target = _parse_roles(token_at(sentence, trigger_start), main)
    # passive subjects ("a convoy was ambushed", "soldiers were killed by a blast") suffer the action
    # ("a convoy of the Malian army was ambushed": the army too, inside the subject's phrase)
    subjects = [(t.left_edge.idx, t.right_edge.idx) for t in sentence if t.dep_ in PASSIVE_SUBJECTS]
    patients = [m for m in main if any(start <= m.start <= end for start, end in subjects)]
    if target is None and patients:
        target = patients[0]
    others = [m for m in main if m is not target and m not in patients]
    fallback_initiator, fallback_target = (
        _order_roles(text, trigger_start, others) if others else (None, None)
    )
    initiator = initiator or fallback_initiator
    if initiator is None and patients:
        # "ten policemen were killed in a Taliban assault": the agent of a passive comes after the verb
        initiator = next((m for m in others if m.start > trigger_start and m.inter != 7), None)
    if target is None or target is initiator:
        others = [m for m in (fallback_target, fallback_initiator) if m is not None and m is not initiator]
        target = others[0] if others else None
    allies1 = [mentions[i] for i, anchor in allies.items() if anchor is initiator]
    allies2 = [mentions[i] for i, anchor in allies.items() if anchor is target and target is not None]
    return initiator, target, allies1, allies2
