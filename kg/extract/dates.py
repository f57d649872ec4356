"""Dates stated in a sentence, as ISO 8601 text: '8 August 2025' -> '2025-08-08', 'August 2025' -> '2025-08'.

A date without a year takes the article's year; a weekday, 'yesterday' or 'today' is counted back from
the article's date. Without an article date these give None: a guess would put a fact in the wrong year.
"""
from __future__ import annotations

import datetime as dt
import re

MONTHS = {name: i + 1 for i, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"))}
MONTHS.update({name[:3]: number for name, number in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE_DAYS = {"today": 0, "yesterday": 1}

_WORDS = re.compile(r"[a-z]+|\d+")


def article_day(article_date: str | None) -> dt.date | None:
    """The article's date when it is a complete YYYY-MM-DD, else None."""
    try:
        return dt.date.fromisoformat(article_date) if article_date else None
    except ValueError:
        return None


def parse_date(text: str, article_date: str | None = None) -> str | None:
    """'8 August 2025', 'August 8, 2025', 'August 2025', '2025', 'Tuesday' (with an article date) as ISO text."""
    words = _WORDS.findall(text.lower().replace("the ", " ").replace(" of ", " "))
    # "8th" is read as "8" and "th"; "on"/"in" come with a preposition the parser kept inside the entity
    words = [w for w in words if w not in ("st", "nd", "rd", "th", "on", "in", "last")]
    day_of_article = article_day(article_date)
    if len(words) == 1 and day_of_article is not None:
        relative = _relative(words[0], day_of_article)
        if relative is not None:
            return relative
    # "Tuesday, 8 August": the weekday adds nothing to a stated day
    return _absolute([w for w in words if w not in WEEKDAYS], day_of_article)


def _relative(word: str, day: dt.date) -> str | None:
    """A weekday is the last such day on or before the article's date; 'yesterday' the day before it."""
    if word in _RELATIVE_DAYS:
        return (day - dt.timedelta(days=_RELATIVE_DAYS[word])).isoformat()
    if word in WEEKDAYS:
        back = (day.weekday() - WEEKDAYS.index(word)) % 7
        return (day - dt.timedelta(days=back)).isoformat()
    return None


def _absolute(words: list[str], article: dt.date | None) -> str | None:
    """Day month year, month day year, month year, or year; a missing year is the article's."""
    months = [w for w in words if w in MONTHS]
    numbers = [int(w) for w in words if w.isdigit()]
    if len(months) > 1 or len(months) + len(numbers) != len(words):
        return None  # words that are not a date: "the first week of August", "two months"
    years = [n for n in numbers if 1000 <= n <= 2999]
    days = [n for n in numbers if 1 <= n <= 31]
    if len(years) > 1 or len(years) + len(days) != len(numbers) or len(days) > 1:
        return None
    year = years[0] if years else (article.year if article is not None else None)
    if year is None:
        return None
    if not months:
        return f"{year:04d}" if not days and years else None
    month = MONTHS[months[0]]
    if not days:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, days[0]).isoformat()
    except ValueError:
        return None  # "31 February"
