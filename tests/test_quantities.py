"""Tests for kg.extract.quantities: money and counts read as typed values."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.quantities import parse_count, parse_money, parse_number


@pytest.mark.parametrize("text, value, unit", [
    ("£200m", Decimal("200000000"), "GBP"),
    ("$35bn", Decimal("35000000000"), "USD"),
    ("$2.4-billion", Decimal("2400000000"), "USD"),  # a hyphenated multiplier, as some papers write it
    ("€1.5 billion", Decimal("1500000000"), "EUR"),
    ("a further £2.5bn for air defence", Decimal("2500000000"), "GBP"),
    ("$750,000", Decimal("750000"), "USD"),
    ("300 million euros", Decimal("300000000"), "EUR"),
    ("40bn pounds", Decimal("40000000000"), "GBP"),
])
def test_parse_money(text, value, unit):
    q = parse_money(text)
    assert q is not None and (q.value, q.unit) == (value, unit)


def test_parse_money_keeps_the_surface_form():
    assert parse_money("Norway will give £200m this year").text == "£200m"


@pytest.mark.parametrize("text", ["17,000 soldiers", "no money at all", "2025"])
def test_parse_money_without_currency_is_none(text):
    assert parse_money(text) is None


@pytest.mark.parametrize("text, mult, value", [
    ("17,000", None, Decimal("17000")), ("1.5", "bn", Decimal("1500000000")), ("ten", None, Decimal("10")),
    ("2.75", None, Decimal("2.75")), ("many", None, None),
])
def test_parse_number(text, mult, value):
    assert parse_number(text, mult) == value


@given(st.integers(min_value=0, max_value=10**12))
def test_parse_number_reads_thousands_separators(n):
    assert parse_number(f"{n:,}") == n


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["m", "bn", "million", "billion"]))
def test_parse_money_multipliers(n, mult):
    factor = {"m": 10**6, "million": 10**6, "bn": 10**9, "billion": 10**9}[mult]
    q = parse_money(f"£{n}{' ' if len(mult) > 2 else ''}{mult}")
    assert q is not None and q.value == n * factor and q.unit == "GBP"


@pytest.mark.slow
@pytest.mark.parametrize("text, value, unit", [
    ("North Korea has sent 17,000 North Korean soldiers to Russia.", Decimal("17000"), "soldier"),
    ("Sweden sent 500 troops to Latvia.", Decimal("500"), "troop"),
])
def test_parse_count_reads_the_counted_noun(nlp, text, value, unit):
    doc = nlp(text)
    (card,) = [e for e in doc.ents if e.label_ == "CARDINAL"]
    q = parse_count(card)
    assert q is not None and (q.value, q.unit) == (value, unit)
