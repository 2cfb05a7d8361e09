"""A keyword pre-filter: articles with no conflict vocabulary skip the expensive NLP.

In a news crawl most pages are sport, business or culture; parsing them costs as much as parsing war
reports and yields nothing. One regular-expression pass over the text (well under a millisecond) decides
whether the spaCy pipeline runs at all. It is tuned for recall: a false "keep" only costs time, a false
"drop" loses an event. The word lists are data (`data/prefilter_<lang>.json`), edited without code:

- one `strong` entry ("killed", "militants", "protesters") keeps the article;
- `weak` entries ("attack", "battle", "shot") are common in sport and business news too: `min_weak`
  different ones keep it, unless `offtopic_veto` different `offtopic` entries ("striker", "dividend",
  "premiere") say it is sport, business or culture news, where such words are figures of speech.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from conflictatlas.knowledge import load_json
from conflictatlas.model import Article

LANGUAGES = ("en", "fr")
DROPPED = "no_conflict_words"


@dataclass(frozen=True)
class _WordList:
    """Entries of one list as one trie-shaped regex: one left-to-right pass, whatever the list's length."""

    pattern: re.Pattern[str]
    stems: tuple[str, ...]  # longest first, to tell which entry a match came from

    @classmethod
    def of(cls, words: list[str]) -> _WordList:
        entries = {fold(w.rstrip("*")): w.endswith("*") for w in words}
        trie: dict = {}
        for stem, prefix in entries.items():
            node = trie
            for char in stem:
                node = node.setdefault(char, {})
            node[""] = prefix
        body = _trie_regex(trie) if trie else "(?!)"
        return cls(re.compile(r"\b" + body), tuple(sorted(entries, key=len, reverse=True)))

    def distinct(self, text: str, enough: int) -> int:
        """How many different entries occur in `text` ("attack" and "attacked" are one), up to `enough`."""
        found: set[str] = set()
        for match in self.pattern.finditer(text):
            word = " ".join(match.group(0).split())
            found.add(next((s for s in self.stems if word.startswith(s)), word))
            if len(found) >= enough:
                break
        return len(found)


def _trie_regex(node: dict) -> str:
    """A regex for the words of a trie; an end of word is `\\w*` for a stem ("kill*"), else `\\b`."""
    branches = []
    for char, child in sorted(node.items()):
        if char == "":
            branches.append(r"\w*" if child else r"\b")
        else:
            branches.append((r"\s+" if char == " " else re.escape(char)) + _trie_regex(child))
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


@dataclass(frozen=True)
class _Vocabulary:
    strong: _WordList
    weak: _WordList
    offtopic: _WordList
    min_weak: int
    offtopic_veto: int


def fold(text: str) -> str:
    """Lower case without accents, so "tués", "Tues" and "TUÉS" match one list entry."""
    text = text.lower().replace("\u2019", "'")
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@cache
def _vocabulary(language: str) -> _Vocabulary:
    data = load_json(f"prefilter_{language}.json")
    return _Vocabulary(
        _WordList.of(data["strong"]),
        _WordList.of(data["weak"]),
        _WordList.of(data.get("offtopic", [])),
        int(data["min_weak"]),
        int(data.get("offtopic_veto", 0)) or 10**9,
    )


def drop_reason(text: str, language: str | None = None) -> str | None:
    """None when the text may report a conflict event, else why it is dropped (`DROPPED`).

    A language we have no list for is never dropped: the pre-filter must not decide what it cannot read.
    Unknown language (None) checks every list."""
    if language is not None and language not in LANGUAGES:
        return None
    folded = fold(text)
    for lang in (language,) if language else LANGUAGES:
        vocabulary = _vocabulary(lang)
        if vocabulary.strong.pattern.search(folded):
            return None
        if vocabulary.weak.distinct(folded, vocabulary.min_weak) >= vocabulary.min_weak and (
            vocabulary.offtopic.distinct(folded, vocabulary.offtopic_veto) < vocabulary.offtopic_veto
        ):
            return None
    return DROPPED


def keep_article(article: Article, language: str | None = None) -> bool:
    """Whether `article` (title and text) goes on to the NLP stages."""
    return drop_reason(f"{article.title or ''}\n{article.text}", language or article.language) is None
