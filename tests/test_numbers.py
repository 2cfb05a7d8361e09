"""Fatalities and injuries: digits, words, vague amounts and ranges, ACLED's conservative reading."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conflictatlas.extraction.numbers import find_counts, nearest, parse_number


@pytest.mark.parametrize(
    ("text", "best", "low", "high"),
    [
        ("At least 14 villagers were killed.", 14, 14, None),
        ("The blast killed twenty-three people.", 23, None, None),
        ("Dozens of people died in the raid.", 12, 12, None),
        ("Hundreds were killed in the massacre.", 100, 100, None),
        ("Several soldiers were killed.", 3, 3, None),
        ("between 8 and 11 people were killed", 8, 8, 11),
        ("10 to 15 people were killed", 10, 10, 15),
        ("up to 40 people may have died", 40, None, 40),
        ("the strike killed no more than three people", 3, None, 3),
        ("no fewer than 10 people were killed", 10, 10, None),
        ("the death toll rose to 45", 45, None, None),
        ("a car bomb killed a dozen shoppers", 12, 12, None),
        ("une dizaine de morts", 10, 10, None),
        ("trente morts", 30, None, None),
    ],
)
def test_fatalities(text, best, low, high):
    count = find_counts(text, "fatalities", "fr" if "morts" in text else "en")[0]
    assert (count.best, count.low, count.high) == (best, low, high)


def test_injuries_and_deaths_are_kept_apart():
    text = "The attack killed two and wounded five."
    assert [c.best for c in find_counts(text, "fatalities")] == [2]
    assert [c.best for c in find_counts(text, "injuries")] == [5]


@pytest.mark.parametrize(
    "text",
    [
        "Engineers defused dozens of bombs.",
        "In 2015 the group seized the town.",
        "The army deployed 300 troops.",
        "No one was hurt in the fire drill.",
    ],
)
def test_no_toll_without_a_word_of_death(text):
    assert find_counts(text, "fatalities") == []


@pytest.mark.parametrize(
    ("text", "kind", "language"),
    [
        ("No one was hurt.", "injuries", "en"),
        ("No one was killed in the attack.", "fatalities", "en"),
        ("Not one soldier was wounded.", "injuries", "en"),
        ("Pas un seul civil n'a été tué.", "fatalities", "fr"),
    ],
)
def test_no_one_is_no_count(text, kind, language):
    assert find_counts(text, kind, language) == []
    one = "One soldier was killed and no one else was hurt."
    assert [c.best for c in find_counts(one, "fatalities")] == [1] and find_counts(one, "injuries") == []


def test_year_is_never_a_toll():
    assert [c.best for c in find_counts("In 2015 the attack killed 4 people", "fatalities")] == [4]


def test_nearest_count_belongs_to_the_trigger():
    text = "The bombing in the capital (31 dead) came months after the one in the north (130 dead)."
    counts = find_counts(text, "fatalities")
    assert nearest(counts, text.index("bombing")).best == 31


@given(st.integers(min_value=0, max_value=999_999))
def test_digits_round_trip(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


@given(st.integers(min_value=1, max_value=9999))
def test_counts_in_sentences_round_trip(n):
    count = find_counts(f"Officials said {n} people were killed on Monday.", "fatalities")
    assert [c.best for c in count] == ([] if 1900 <= n <= 2099 else [n])


@given(st.text(max_size=200))
def test_any_text_never_raises(text):
    for kind in ("fatalities", "injuries"):
        for count in find_counts(text, kind):
            assert count.best >= 0
