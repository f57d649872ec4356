"""Tests for kg.extract.rules.agent_nouns: an agent noun beside a name, its object in a compound or list."""
from __future__ import annotations

import pytest
from conftest import triples

pytestmark = pytest.mark.slow


def test_a_list_of_competitions_before_champion_are_all_won_by_the_name_after(extract):
    found = triples(extract("Wimbledon and US Open champion Maria Sharapova lost early in Rome on Tuesday."))
    assert ("Maria Sharapova", "wins", "Wimbledon") in found
    assert ("Maria Sharapova", "wins", "US Open") in found


def test_a_champion_with_no_competition_named_wins_nothing(extract):
    found = triples(extract("Spanish champion Rafael Nadal lost early in Rome on Tuesday."))
    assert not any(p == "wins" for _, p, _ in found)


def test_a_champion_with_no_name_after_is_no_one_named(extract):
    found = triples(extract("Andy Murray beat the US Open champion in Rome on Tuesday."))
    assert ("Andy Murray", "wins", "US Open") not in found
