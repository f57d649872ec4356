"""Relative clauses (kg/extract/rules/relatives.py, and the trigger rules through 'who'/'which'), each with a
near miss."""
from __future__ import annotations

import pytest
from conftest import triples

pytestmark = pytest.mark.slow


def test_whose_brands_include_names_what_the_antecedent_owns(extract):
    found = triples(extract("Halvorsen Energy, whose brands include Velo Motors and Zeta Robotics, reported a loss."))
    assert ("Halvorsen Energy", "owns", "Velo Motors") in found
    assert ("Halvorsen Energy", "owns", "Zeta Robotics") in found


def test_whose_members_include_makes_the_listed_members(extract):
    found = triples(extract("The Nordic Council, whose members include Finland, met in Oslo."))
    assert ("Finland", "memberOf", "Nordic Council") in found


def test_whose_with_an_unlisted_noun_states_nothing(extract):
    found = triples(extract("Halvorsen Energy, whose chief executive praised Zeta Robotics, grew fast."))
    assert not any(s == "Halvorsen Energy" and o == "Zeta Robotics" for s, _, o in found)


def test_which_neighbours_borders(extract):
    found = triples(extract("Kenya, which neighbours Tanzania to the south, reported new cases."))
    assert ("Kenya", "borders", "Tanzania") in found
