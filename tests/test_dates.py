"""Event dates against the publication date, with ACLED's time_precision."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conflictatlas.extraction.dates import find_dates, names_a_date

SUNDAY = date(2016, 3, 27)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("Troops entered the town on Sunday.", date(2016, 3, 27), 1),  # a Sunday story: the same day
        ("The bombings of last Tuesday shocked the city.", date(2016, 3, 22), 1),
        ("Fighting broke out on Monday.", date(2016, 3, 21), 1),
        ("The offensive began March 7.", date(2016, 3, 7), 1),
        ("It began on 7 March 2016.", date(2016, 3, 7), 1),
        ("The group seized it in May 2015.", date(2015, 5, 1), 3),
        ("A truce took effect a month ago.", date(2016, 2, 27), 3),
        ("Gunmen struck yesterday.", date(2016, 3, 26), 1),
        ("Clashes erupted earlier this week.", date(2016, 3, 21), 2),
        ("Protests were held last week.", date(2016, 3, 14), 2),
        ("The town fell in 2013.", date(2013, 1, 1), 3),
        ("Des combats ont éclaté dimanche.", date(2016, 3, 27), 1),
        ("L'attaque de mardi dernier.", date(2016, 3, 22), 1),
        ("L'offensive lancée le 7 mars.", date(2016, 3, 7), 1),
        ("Le groupe l'avait prise en mai 2015.", date(2015, 5, 1), 3),
    ],
)
def test_resolved_against_publication(text, expected, precision):
    found = find_dates(text, SUNDAY)
    assert (found[0].day, found[0].precision) == (expected, precision)


def test_future_dates_are_plans_not_event_dates():
    assert find_dates("A second round is hoped for around April 30.", date(2016, 3, 27))[0].day.year == 2015
    assert find_dates("Talks will resume on 9 April 2016.", SUNDAY) == []


def test_relative_expressions_need_a_publication_date():
    assert find_dates("Gunmen struck on Sunday.", None) == []
    assert find_dates("It happened on 7 March 2016.", None)[0].day == date(2016, 3, 7)


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]),
)
def test_weekday_is_within_the_last_seven_days(published, weekday):
    found = find_dates(f"Attackers struck on {weekday}.", published)[0]
    assert published - timedelta(days=6) <= found.day <= published
    assert found.day.strftime("%A") == weekday


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)))
def test_explicit_full_dates_round_trip(day):
    text = f"The attack took place on {day.day} {day:%B} {day.year}."
    assert find_dates(text, None)[0].day == day


@given(st.text(max_size=200), st.dates())
def test_any_text_never_raises(text, published):
    for found in find_dates(text, published):
        assert found.day <= published
    assert names_a_date(text) in (True, False)


@pytest.mark.parametrize(("text", "named"), [
    ("militants killed 12 people last night", True),
    ("on Jan. 5", True),
    ("ont tué dix personnes lundi", True),
    ("the fort was built in 1857", True),
    ("in which 58 people were killed", False),
    ("hundreds of soldiers died there", False),
])  # fmt: skip
def test_names_a_date_whatever_it_resolves_to(text, named):
    assert names_a_date(text) is named
