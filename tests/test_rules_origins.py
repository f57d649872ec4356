"""Where people and organisations are from (kg/extract/rules/origins.py): 'X, 54, of Tulsa', 'Acme Co. of Tulsa'."""
from __future__ import annotations

import pytest
from conftest import triples

pytestmark = pytest.mark.slow


def test_an_of_place_after_a_name_in_apposition_to_a_noun_is_the_names(extract):
    # the parser hangs "of Tulsa" on "husband", the noun the name is in apposition to
    found = triples(extract("Ann Ray, 52, and her husband, Tom Ray, 54, of Tulsa, were hurt."))
    assert ("Tom Ray", "livesIn", "Tulsa") in found


def test_an_of_place_before_the_name_is_no_residence(extract):
    # "the mayor of Tulsa" is the title's place (roles.py), not an 'of' after the name
    found = triples(extract("The city's lawyer, Tom Ray, 54, spoke for the mayor of Tulsa."))
    assert ("Tom Ray", "livesIn", "Tulsa") not in found
