"""Places inside places (kg/extract/rules/containment.py): an apposition naming a kind of place, and a
place's possessive."""
from __future__ import annotations

import pytest
from conftest import relations, triples

pytestmark = pytest.mark.slow


def test_a_capital_of_a_country_in_apposition(extract):
    found = extract("The report came from Tbilisi, the capital of Georgia, on Monday.")
    assert ("Tbilisi", "locatedIn", "Georgia") in triples(found)
    assert relations(found, "locatedIn")[0].provenance.rule == "place-apposition"


def test_a_possessive_capital_before_its_name(extract):
    assert ("Suva", "locatedIn", "Fiji") in triples(extract("Fiji's capital, Suva, was flooded."))


def test_a_city_in_a_country_in_apposition(extract):
    assert ("Quito", "locatedIn", "Ecuador") in triples(
        extract("The summit in Quito, the second city in Ecuador, was cancelled."))


def test_a_places_possessive_holds_what_it_names(extract):
    assert ("Tana River", "locatedIn", "Kenya") in triples(
        extract("Crocodiles in Kenya's Tana River have killed two people."))


def test_a_county_is_not_inside_the_city_that_owns_it_in_words(extract):
    assert relations(extract("Likewise in Tampa's Hillsborough County, teachers agreed."), "locatedIn") == []


def test_an_organisations_headquarters_in_a_city_and_state(extract):
    found = triples(extract("At a briefing at FDA headquarters in nearby Silver Spring, Md., officials said the "
                            "drug was safe."))
    assert {("FDA", "headquarteredIn", "Silver Spring"), ("FDA", "headquarteredIn", "Md")} <= found


def test_a_place_before_an_organisations_headquarters(extract):
    assert ("FDA", "headquarteredIn", "Silver Spring") in triples(
        extract("In a briefing at the FDA's Silver Spring headquarters, officials spoke."))


def test_a_seat_written_with_its_town_and_state(extract):
    found = triples(extract("Reporters met at Brazos Freight Inc.'s Abilene, Texas, headquarters on Monday."))
    assert {("Brazos Freight", "headquarteredIn", "Abilene"), ("Brazos Freight", "headquarteredIn", "Texas")} <= found
