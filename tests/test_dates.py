"""Dates stated in a sentence (kg/extract/dates.py): ISO text as far as the words say, the article's date
filling in a missing year and anchoring weekdays."""
from __future__ import annotations

import pytest

from kg.extract.dates import parse_date


@pytest.mark.parametrize("text, article_date, iso", [
    ("8 August 2025", None, "2025-08-08"),
    ("August 8, 2025", None, "2025-08-08"),
    ("the 8th of August 2025", None, "2025-08-08"),
    ("Tuesday, 8 Aug 2025", None, "2025-08-08"),
    ("August 2025", None, "2025-08"),
    ("2025", None, "2025"),
    ("8 August", "2024-05-06", "2024-08-08"),  # no year: the article's
    ("August", "2024-05-06", "2024-08"),
    ("Tuesday", "2024-05-06", "2024-04-30"),  # 2024-05-06 is a Monday: the Tuesday before it
    ("Monday", "2024-05-06", "2024-05-06"),
    ("yesterday", "2024-05-06", "2024-05-05"),
    ("today", "2024-05-06", "2024-05-06"),
])
def test_a_date_as_far_as_it_is_known(text, article_date, iso):
    assert parse_date(text, article_date) == iso


@pytest.mark.parametrize("text, article_date", [
    ("8 August", None),  # no year and no article date
    ("Tuesday", None),
    ("yesterday", "2024-05"),  # an incomplete article date anchors nothing
    ("last month", "2024-05-06"),
    ("two years", None),
    ("31 February 2024", None),
    ("8 August 2024 and 9 August 2025", None),
])
def test_what_is_not_a_date_gives_none(text, article_date):
    assert parse_date(text, article_date) is None
