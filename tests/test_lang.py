"""Language identification: ISO 639-1 codes for text, None for what is too short or not language."""

from __future__ import annotations

import time

import pytest

from conflictatlas.lang import detect_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Government troops entered the town on Sunday after a ten-day siege.", "en"),
        ("Les forces gouvernementales sont entrées dans la ville dimanche après dix jours de siège.", "fr"),
        ("Las tropas del gobierno entraron en la ciudad el domingo tras un asedio de diez días.", "es"),
        ("Regierungstruppen rückten am Sonntag nach zehntägiger Belagerung in die Stadt ein.", "de"),
        ("دخلت القوات الحكومية المدينة يوم الأحد بعد حصار دام عشرة أيام", "ar"),
        ("Правительственные войска вошли в город в воскресенье после десятидневной осады.", "ru"),
    ],
)
def test_languages(text, code):
    assert detect_language(text) == code


@pytest.mark.parametrize(
    "text", ["", "ok", "   \n ", "12 345 678 — 2016", "asdkjh qwe zxcm plok", "!!!???..."]
)
def test_too_short_or_garbage_is_none(text):
    assert detect_language(text) is None


def test_long_text_and_newlines():
    text = "Government troops entered the town.\n\nResidents returned to the market.\n" * 500
    assert detect_language(text) == "en"


def test_fast_after_first_load():
    detect_language("warm up the model once")
    start = time.perf_counter()
    for _ in range(1000):
        detect_language("Government troops entered the town on Sunday after a ten-day siege.")
    assert time.perf_counter() - start < 1.0
