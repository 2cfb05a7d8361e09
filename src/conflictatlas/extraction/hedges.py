"""Non-events: actions that are only intended, threatened, hoped for, forecast, denied or negated.

The test is made on the dependency parse around the trigger, not on the whole sentence, because a
sentence often holds both a fact and a plan: "the army retook the town and vowed to expel the
group from its strongholds" is one event (retook) and one intention (expel).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from conflictatlas.extraction.dates import names_a_date
from conflictatlas.knowledge import cues

#: dependencies through which a trigger's factuality is inherited from its head
CLIMB = frozenset(
    {
        "xcomp",
        "conj",
        "dobj",
        "obj",
        "pobj",
        "prep",
        "pcomp",
        "acl",
        "compound",
        "amod",
        "nmod",
        "appos",
        "attr",
        "nsubj",
        "nsubjpass",
        "agent",
        "dative",
        "npadvmod",
        "oprd",
        "acomp",
        "obl",
        "nsubj:pass",
        "case",
        "det",
        "fixed",
        "flat",
        "nummod",
    }
)
#: clause boundaries: the head is checked for intention or denial only, then the walk stops
BOUNDARY = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "acl:relcl"})
RELATIVE = frozenset({"relcl", "acl:relcl"})


def _forms(token: Token) -> set[str]:
    """The lemma and crude stems of a word: the small model's lemmatizer errs ("hopes" → "hop")."""
    word = token.lower_
    stems = {word[: -len(suffix)] for suffix in ("s", "es", "ed", "d", "ing") if word.endswith(suffix)}
    return {token.lemma_.lower(), word, *stems}


def _is_infinitive(token: Token, language: str) -> bool:
    """An action in the infinitive ("to retake") is a purpose or a plan unless its head says it happened."""
    if language == "en":
        marked = any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        infinitive = marked and token.tag_ == "VB"
    else:
        infinitive = token.morph.get("VerbForm") == ["Inf"] and token.dep_ != "ROOT"
    head = token.head
    happened = head.lemma_.lower() in cues(language)["infinitive_ok"] or _past_ability(head, language)
    return infinitive and not happened


def _past_ability(token: Token, language: str) -> bool:
    """ "was able to arrest", "had been able to" happened; "is able to", "will be able to" only could,
    and "have been able to arrest 30 since January" is a running total."""
    copula = token.head
    past = copula.tag_ == "VBD" or (
        copula.lower_ == "been" and any(c.lower_ == "had" and c.dep_ == "aux" for c in copula.children)
    )
    return token.lemma_.lower() in cues(language)["past_ability"] and token.dep_ == "acomp" and past


def _local_hedge(token: Token, language: str) -> str | None:
    cue = cues(language)
    for child in token.children:
        if child.dep_ in {"aux", "aux:pass", "aux:tense"} and child.lower_ in cue["modal_aux"]:
            return "hypothetical"
        if child.dep_ in {"neg", "advmod"} and child.lower_ in cue["negation"]:
            return "negated"
        if child.dep_ == "advmod" and child.lower_ in cue["habitual"]:
            return "habitual"
        # "The goal is to retake ...": a copula whose subject names an intention
        if child.dep_ in {"nsubj", "nsubjpass"} and _forms(child) & cue["intent_heads"]:
            return "intention"
    return None


def _is_background(token: Token, language: str) -> bool:
    """A participle describing a noun ("a district captured by the SDF", "the town, destroyed in
    2015") or a relative clause set in it ("the monument in which hundreds were killed") tells the
    noun's history, not today's news, unless it names a time of its own. Other relative clauses
    narrate ("a convoy which was ambushed near Kidal", "Kidal, where gunmen killed 12"), and today's
    event told around such a noun has a trigger of its own ("the attack, in which 12 were killed")."""
    describing = (token.tag_ == "VBN" and token.dep_ == "acl") or (
        token.dep_ in RELATIVE and _is_set_in_its_noun(token, language)
    )
    if not describing:
        return False
    clause = token.doc[token.left_edge.i : token.right_edge.i + 1]
    return not names_a_date(clause.text)


def _is_set_in_its_noun(clause: Token, language: str) -> bool:
    """A relative clause whose relative pronoun follows a preposition: "in which", "during which",
    "dans lequel" (English parses hang the pronoun under the preposition, French ones the reverse)."""
    pronouns = cues(language)["relative_pronouns"]
    for child in clause.children:
        if child.dep_ == "prep" and any(g.lower_ in pronouns and g.dep_ == "pobj" for g in child.children):
            return True
        if child.lower_ in pronouns and any(g.dep_ == "case" for g in child.children):
            return True
    return False


def hedge_reason(token: Token, language: str = "en") -> str | None:
    """Why the action at `token` is not a fact, or None.

    The reasons: "intention", "hypothetical", "negated", "habitual", "attribution", "background"."""
    cue = cues(language)
    if _is_background(token, language):
        return "background"
    current = token
    for _ in range(8):
        if (
            current is not token
            and _forms(current) & cue["intent_heads"]
            and not _past_ability(current, language)
        ):
            return "intention"
        if current is not token and current.lower_ in cue["attribution_heads"]:
            return "attribution"
        # "to retake the port" is a purpose; "tear gas to disperse demonstrators" still had demonstrators
        if (
            token.pos_ not in {"NOUN", "PROPN"}
            and current.pos_ in {"VERB", "AUX"}
            and _is_infinitive(current, language)
        ):
            return "intention"
        reason = _local_hedge(current, language)
        if reason:
            return reason
        if current.dep_ in BOUNDARY:
            if any(c.dep_ == "mark" and c.lower_ in cue["conditional_marks"] for c in current.children):
                return "hypothetical"
            head = current.head
            return "intention" if _forms(head) & cue["intent_heads"] else None
        if current.dep_ not in CLIMB or current.head.i == current.i:
            return None
        current = current.head
    return None


def is_generic(token: Token, language: str = "en") -> bool:
    """A plural event noun that names a kind of event rather than one: "frequent kidnappings",
    "abductions have cut villages off". Counted ("three missiles") or told in the simple past
    ("rioters fought police") it is one event."""
    if token.pos_ != "NOUN" or token.morph.get("Number") != ["Plur"]:
        return False
    if any(c.dep_ == "nummod" for c in token.children):
        return False
    if any(c.dep_ == "amod" and c.lower_ in cues(language)["frequency_modifiers"] for c in token.children):
        return True
    if token.dep_ != "nsubj":
        return False  # only a plural subject of a present or perfect verb states a trend
    verb = token.head
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    return perfect or verb.tag_ in {"VBP", "VBZ"}


def token_at(sentence: Span, char_offset: int) -> Token:
    """The token of `sentence` that covers a character offset of the document."""
    for token in sentence:
        if token.idx <= char_offset < token.idx + len(token.text) + 1:
            return token
    return sentence[-1]


def is_campaign(text: str, language: str = "en") -> bool:
    """True when a sentence speaks of a long period ("20 days of fighting", "in five years"):
    its tolls are context for an event, never one day's fatalities."""
    lowered = text.lower()
    return any(p.search(lowered) for p in cues(language)["campaign"])


def sentence_hedge(text: str, language: str = "en") -> str | None:
    """Why a whole sentence reports no political event: crime, disaster, or a claim about who did it."""
    lowered = text.lower()
    if any(p.search(lowered) for p in cues(language)["non_political"]):
        return "non-political"
    if any(p.search(lowered) for p in cues(language)["attribution"]):
        return "attribution"
    return None


def is_residue(text: str, language: str = "en") -> bool:
    """Page residue that survived reading (share buttons, bylines, subscription prompts)."""
    lowered = text.lower()
    return len(lowered) < 400 and any(p.search(lowered) for p in cues(language)["residue"])
