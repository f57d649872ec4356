"""Borders named as a pair (kg/extract/rules/frontiers.py): 'the X-Y border'."""
from __future__ import annotations

import pytest
from conftest import triples

pytestmark = pytest.mark.slow


def test_two_countries_joined_before_border_border_each_other(extract):
    found = triples(extract("Shelling on the Armenia-Azerbaijan border could spark a wider war."))
    assert ("Armenia", "borders", "Azerbaijan") in found


def test_a_hyphenated_pair_before_another_noun_borders_nothing(extract):
    found = triples(extract("The France-Germany summit in Berlin ended without a deal."))
    assert not any(p == "borders" for _, p, _ in found)
