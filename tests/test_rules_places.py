"""Places (kg/extract/rules/places.py): where a named thing is, from a preposition, a comma or the noun
describing an organisation."""
from __future__ import annotations

import pytest
from conftest import relations, triples

pytestmark = pytest.mark.slow


def test_a_place_after_in_locates_the_thing(extract):
    found = extract("The Rubin Observatory in Chile released its first images.")
    assert ("Rubin Observatory", "locatedIn", "Chile") in triples(found)
    assert relations(found, "locatedIn")[0].provenance.rule == "place-of"


def test_a_place_comma_a_wider_place(extract):
    found = extract("Kestrel Robotics, which is based in Austin, Texas, raised $40m from Sequoia Capital.")
    assert ("Austin", "locatedIn", "Texas") in triples(found)


def test_a_place_in_an_organisations_descriptor(extract):
    assert ("Meridian Motors", "locatedIn", "Detroit") in triples(
        extract("Meridian Motors, the Detroit carmaker, cut 2,000 jobs."))


def test_a_list_of_places_is_no_place_comma(extract):
    assert relations(extract("Leaders from Paris, London and Berlin met on Friday."), "locatedIn") == []


def test_a_company_epithet_with_a_place_puts_the_company_there(extract):
    found = triples(extract("Halcrow Energy posted a record profit on Tuesday. The Ohio steel company also "
                            "raised its dividend."))
    assert ("Halcrow Energy", "locatedIn", "Ohio") in found


def test_a_city_state_based_company_is_in_the_city(extract):
    found = triples(extract("Halcrow Energy posted a record profit on Tuesday. The Boulder, Colo.-based firm's "
                            "shares rose 3%."))
    assert ("Halcrow Energy", "locatedIn", "Boulder") in found
    assert ("Halcrow Energy", "locatedIn", "Colorado") not in found
