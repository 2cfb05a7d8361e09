"""Event dates from the expressions in a sentence, resolved against the publication date.

time_precision follows ACLED: 1 = the exact day, 2 = a week or an approximate day, 3 = a month or
vaguer. Wire copy says "on Sunday" for the publication day itself when it is a Sunday, so a bare
weekday is the most recent such day *including* the publication day; "last Tuesday" excludes it.
Explicit days without a year ("March 7") are the most recent past one. Expressions we cannot
place (a future date, "four months after" something) yield nothing rather than a wrong day.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from conflictatlas.extraction.numbers import parse_number

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
    "janvier": 1,
    "février": 2,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    "decembre": 12,
    "enero": 1,
    "febrero": 2,
    "marzo": 3,
    "abril": 4,
    "mayo": 5,
    "junio": 6,
    "julio": 7,
    "agosto": 8,
    "septiembre": 9,
    "setiembre": 9,
    "octubre": 10,
    "noviembre": 11,
    "diciembre": 12,
}
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "lundi": 0,
    "mardi": 1,
    "mercredi": 2,
    "jeudi": 3,
    "vendredi": 4,
    "samedi": 5,
    "dimanche": 6,
    "lunes": 0,
    "martes": 1,
    "miércoles": 2,
    "miercoles": 2,
    "jueves": 3,
    "viernes": 4,
    "sábado": 5,
    "sabado": 5,
    "domingo": 6,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(WEEKDAYS)
_COUNT = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|un|une|deux|trois|quatre|cinq|six"
    r"|una|uno|dos|tres|cuatro|cinco|seis)"
)
_YEAR = r"(?:19|20)\d\d"

PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        (
            "day_month_year",
            rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th|er)?\s+(?:de\s+)?(?P<month>{_MONTH})\.?,?\s+(?:de\s+)?(?P<year>{_YEAR})\b",
        ),
        (
            "month_day_year",
            rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>{_YEAR})\b",
        ),
        ("iso", rf"\b(?P<year>{_YEAR})-(?P<month>\d\d)-(?P<day>\d\d)\b"),
        ("month_year", rf"\b(?P<month>{_MONTH})\s+(?:of\s+|de\s+)?(?P<year>{_YEAR})\b"),
        (
            "day_month",
            rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th|er)?\s+(?:de\s+)?(?P<month>{_MONTH})\b(?![-–]\d)",
        ),
        ("month_day", rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?![-–]\d)"),
        (
            "last_weekday",
            rf"\b(?:last\s+(?P<wd1>{_WEEKDAY})|(?P<wd2>{_WEEKDAY})\s+(?:dernier|pasado)"
            rf"|(?:el\s+)?pasado\s+(?P<wd3>{_WEEKDAY}))\b",
        ),
        ("weekday", rf"\b(?P<weekday>{_WEEKDAY})(?:\s+(?:night|morning|evening|afternoon|soir|matin))?\b"),
        ("yesterday", r"\b(?:yesterday|hier(?:\s+soir)?|ayer)\b"),
        ("last_night", r"\b(?:last night|overnight|dans la nuit|anoche)\b"),
        (
            "today",
            r"\b(?:today|this morning|this afternoon|this evening|tonight|aujourd'hui|ce matin|hoy"
            r"|esta mañana)\b",
        ),
        ("this_week", r"\b(?:earlier this week|this week|cette semaine|en début de semaine|esta semana)\b"),
        ("last_week", r"\b(?:last week|la semaine dernière|la semana pasada)\b"),
        (
            "ago",
            rf"\b(?:(?P<n1>{_COUNT})\s+(?P<unit1>days?|weeks?|months?|years?)\s+ago"
            rf"|(?:il y a|hace)\s+(?P<n2>{_COUNT})\s+"
            rf"(?P<unit2>jours?|semaines?|mois|ans?|días?|semanas?|mes|meses|años?))\b",
        ),
        ("since_ago", rf"\bthere is (?P<n3>{_COUNT}) (?P<unit3>days?|weeks?|months?|years?)\b"),
        ("last_month", r"\b(?:last month|le mois dernier|el mes pasado)\b"),
        ("in_year", rf"\b(?:in|en|since|depuis|desde)\s+(?P<year>{_YEAR})\b"),
    )
)
#: unit word (singular or plural, English, French, Spanish) -> (days, time_precision)
UNITS = {
    **dict.fromkeys(("day", "days", "jour", "jours", "día", "días", "dia", "dias"), (1, 1)),
    **dict.fromkeys(("week", "weeks", "semaine", "semaines", "semana", "semanas"), (7, 2)),
    **dict.fromkeys(("month", "months", "mois", "mes", "meses"), (30, 3)),
    **dict.fromkeys(("year", "years", "an", "ans", "año", "años"), (365, 3)),
}


@dataclass(frozen=True)
class ResolvedDate:
    """A date expression found in text and the day it stands for."""

    day: date
    precision: int
    start: int
    end: int
    text: str


def _most_recent(published: date, month: int, day: int) -> date | None:
    for year in (published.year, published.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if candidate <= published:
            return candidate
    return None


def _month(value: str) -> int:
    return int(value) if value.isdigit() else MONTHS[value.lower().rstrip(".")]


def _ago(count: str | None, unit: str, published: date) -> tuple[date, int] | None:
    n = 1 if (count or "").lower() in {"a", "an", "un", "une", "una"} else parse_number(count or "")
    if n is None or unit.lower() not in UNITS:
        return None
    return shift(published, -n, unit)


def shift(day: date, n: int, unit: str) -> tuple[date, int]:
    """`day` moved by `n` units (months and years by the calendar: "a month ago" is the same day of
    the previous month), with the precision the unit allows."""
    days, precision = UNITS[unit.lower()]
    if days < 30:
        return day + timedelta(days=days * n), precision
    months = n * (12 if days == 365 else 1)
    year, month = divmod(day.month - 1 + months, 12)
    last = calendar.monthrange(day.year + year, month + 1)[1]
    return date(day.year + year, month + 1, min(day.day, last)), precision


def _resolve(name: str, m: re.Match, published: date | None) -> tuple[date, int] | None:
    """(day, precision) of one matched expression; None when it cannot be placed."""
    groups = m.groupdict()
    if name in {"day_month_year", "month_day_year", "iso"}:
        try:
            return date(int(groups["year"]), _month(groups["month"]), int(groups["day"])), 1
        except ValueError:
            return None
    if name == "month_year":
        return date(int(groups["year"]), _month(groups["month"]), 1), 3
    if name == "in_year":
        return date(int(groups["year"]), 1, 1), 3
    if published is None:
        return None
    if name in {"day_month", "month_day"}:
        found = _most_recent(published, _month(groups["month"]), int(groups["day"]))
        return (found, 1) if found else None
    if name == "last_weekday":
        weekday = WEEKDAYS[(groups["wd1"] or groups["wd2"] or groups["wd3"]).lower()]
        back = (published.weekday() - weekday) % 7 or 7
        return published - timedelta(days=back), 1
    if name == "weekday":
        back = (published.weekday() - WEEKDAYS[groups["weekday"].lower()]) % 7
        return published - timedelta(days=back), 1
    if name == "yesterday":
        return published - timedelta(days=1), 1
    if name == "last_night":  # the night before the report: which side of midnight is unknown
        return published - timedelta(days=1), 2
    if name == "today":
        return published, 1
    if name == "this_week":  # the Monday of the week, as ACLED codes a week
        return published - timedelta(days=published.weekday()), 2
    if name == "last_week":
        return published - timedelta(days=published.weekday() + 7), 2
    if name == "last_month":
        first = published.replace(day=1) - timedelta(days=1)
        return first.replace(day=1), 3
    if name == "ago":
        return _ago(groups["n1"] or groups["n2"], groups["unit1"] or groups["unit2"], published)
    if name == "since_ago":
        return _ago(groups["n3"], groups["unit3"], published)
    return None


def find_dates(text: str, published: date | None) -> list[ResolvedDate]:
    """Every date expression of `text` that can be placed, in order, without overlaps.

    Patterns are tried from the most specific to the vaguest, and a span already claimed by a more
    specific expression ("7 March 2016") is not claimed again by a vaguer one ("7 March").
    """
    found: list[ResolvedDate] = []
    taken: list[tuple[int, int]] = []
    for name, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            resolved = _resolve(name, m, published)
            if resolved is None:
                continue
            day, precision = resolved
            taken.append((m.start(), m.end()))
            if published is not None and day > published:
                continue  # a future date is a plan or a forecast, not an event's date
            found.append(ResolvedDate(day, precision, m.start(), m.end(), m.group(0)))
    return sorted((_after(text, d, published) for d in found), key=lambda d: d.start)


_A_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
# Every explicit date lies before it, so `find_dates` keeps them all when only presence matters.
_FAR_FUTURE = date(9000, 1, 1)


def names_a_date(text: str) -> bool:
    """Whether `text` names a time of its own ("last night", "on Jan. 5", "lundi", "in 1857")."""
    return bool(_A_YEAR.search(text) or find_dates(text, _FAR_FUTURE))


AFTER = re.compile(
    rf"\b(?P<n>{_COUNT})\s+(?P<unit>days?|weeks?|months?|years?|jours|semaines|mois|ans|días|semanas|meses|años)"
    rf"\s+(?:after|later than|après|después de)\b[^.;]{{0,60}}$",
    re.IGNORECASE,
)


def _after(text: str, found: ResolvedDate, published: date | None) -> ResolvedDate:
    """ "Four months after March 7, 2016" is July 2016: a span counted from an explicit date."""
    match = AFTER.search(text[max(0, found.start - 80) : found.start])
    if match is None:
        return found
    n = 1 if match.group("n").lower() in {"a", "an", "un", "une", "una"} else parse_number(match.group("n"))
    if n is None:
        return found
    day, precision = shift(found.day, n, match.group("unit"))
    if published is not None and day > published:
        return found
    start = found.start - (min(found.start, 80) - match.start())
    return ResolvedDate(day, max(precision, found.precision), start, found.end, text[start : found.end])
