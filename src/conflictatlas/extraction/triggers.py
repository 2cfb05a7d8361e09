"""Triggers: the words of a sentence that name an event, and the sub-event type they point to.

The rules are data (data/event_rules.json). A sentence may hold several triggers; the caller
drops the hedged ones and keeps the best of the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from conflictatlas.knowledge import Rule, rules


@dataclass(frozen=True)
class Trigger:
    """A rule's match in a sentence; offsets are relative to the sentence text."""

    rule: Rule
    start: int
    end: int
    text: str

    @property
    def score(self) -> float:
        return self.rule.score


def find_triggers(sentence: str, language: str = "en") -> list[Trigger]:
    """All triggers of a sentence, best-scoring first (ties: earliest first)."""
    lowered = sentence.lower()
    found = []
    for rule in rules(language):
        if any(p.search(lowered) for p in rule.unless):
            continue
        if not all(p.search(lowered) for p in rule.requires):
            continue
        for pattern in rule.patterns:
            for m in pattern.finditer(lowered):
                found.append(Trigger(rule, m.start(), m.end(), sentence[m.start() : m.end()]))
    found.sort(key=lambda t: (-t.score, t.start))
    return found
