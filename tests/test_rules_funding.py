"""Tests for kg.extract.rules.funding beyond those in test_extract.py."""
from __future__ import annotations

import pytest
from conftest import quantities, triples

pytestmark = pytest.mark.slow


def test_backing_received_with_from_is_funding(extract):
    assert ("Sequoia", "funds", "Kestrel Labs") in triples(
        extract("Kestrel Labs was founded in 2019 with backing from Sequoia."))


def test_a_priced_deal_from_a_buyer_is_not_funding(extract):
    exs = extract("By holding out, Mary Dunn ended up with a $12 billion purchase agreement from Chevron.")
    assert not any(p == "funds" for _, p, _ in triples(exs))
    assert ("Chevron", 12000000000) in {(name, int(q.value)) for name, q in quantities(exs)}
