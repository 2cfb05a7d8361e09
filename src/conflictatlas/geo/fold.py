"""Name folding: one spelling-insensitive key per place name, shared by the index and the look-ups.

News spells the same place many ways ("Deir Ezzor", "Deir ez-Zor", "Dayr az Zawr"; "Sokhné", "As Sukhnah").
Three keys of decreasing strictness absorb that: `fold` (case, accents, punctuation), `strip_article`
(the Arabic article "al-/el-/ar-/as-…") and `skeleton` (a consonant skeleton that survives vowel
transliteration). The rules are data: conflictatlas/data/geo_folding.json.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from unidecode import unidecode

_DOTS = re.compile(r"(?<=\w)\.(?=\w|$|\s)")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['`’‘ʿʾ´]")
_REPEATS = re.compile(r"(.)\1+")


@cache
def rules() -> dict:
    """The folding rules shipped with the package (loaded once)."""
    text = resources.files("conflictatlas.data").joinpath("geo_folding.json").read_text(encoding="utf-8")
    return json.loads(text)


@cache
def _article_prefix() -> re.Pattern[str]:
    return re.compile(r"^(?:" + "|".join(sorted(rules()["articles"], key=len, reverse=True)) + r") (?=\w{3})")


@cache
def _name_suffix() -> re.Pattern[str]:
    return re.compile(r"(?<=\w{3}) (?:" + "|".join(rules()["name_suffixes"]) + r")$")


def fold(name: str) -> str:
    """Lower-case ASCII words separated by single spaces: 'Deir ez-Zor' -> 'deir ez zor', 'U.S.' -> 'us'."""
    text = unidecode(name or "")
    text = _APOSTROPHES.sub("", text)
    text = _DOTS.sub("", text).lower()
    return _NON_ALNUM.sub(" ", text).strip()


def strip_article(key: str) -> str:
    """A folded key without a leading Arabic-style article: 'ar raqqah' -> 'raqqah'."""
    return _article_prefix().sub("", key, count=1)


def strip_suffix(key: str) -> str:
    """A folded key without a trailing administrative word: 'homs governorate' -> 'homs'."""
    return _name_suffix().sub("", key, count=1)


def skeleton(key: str) -> str:
    """Consonant skeleton of a folded key, for transliteration variants: 'sokhne' and 'sukhnah' -> 'skhn'.

    Word-final 'h' after a vowel is dropped first (Raqqah/Raqqa), then vowels (and y/w, which transliterate
    vowels in Arabic names) and doubled letters; spaces go too, so 'Deir Ezzor' meets 'Deir ez-Zor'."""
    text = " ".join(w[:-1] if len(w) > 2 and w.endswith("h") and w[-2] in "aeiou" else w for w in key.split())
    for old, new in rules()["skeleton_replacements"]:
        text = text.replace(old, new)
    vowels = rules()["skeleton_vowels"]
    head, rest = text[:1], text[1:]
    consonants = head + "".join(ch for ch in rest if ch not in vowels and ch != " ")
    return _REPEATS.sub(r"\1", consonants)
