"""Framed places (kg/extract/rules/frames.py): a sentence opening with a state or country sets the places it then
puts something in, at or near inside it."""
from __future__ import annotations

import pytest
from conftest import relations, triples

pytestmark = pytest.mark.slow


def test_a_town_in_a_sentence_opened_by_its_state(extract):
    found = extract("In Colorado, heavy snow in Greeley closed schools on Monday.")
    assert ("Greeley", "locatedIn", "Colorado") in triples(found)
    assert relations(found, "locatedIn")[0].provenance.rule == "place-frame"


def test_a_state_and_a_colon_frame_the_sentence_too(extract):
    assert ("Bitterroot Mountains", "locatedIn", "Montana") in triples(
        extract("Montana: Crews west of the Bitterroot Mountains fought two fires on Tuesday."))


def test_a_city_the_gazetteer_places_in_another_country_stays_there(extract):
    found = triples(extract("In Britain, officials said the attack in Paris was planned for months."))
    assert ("Paris", "locatedIn", "United Kingdom") not in found


def test_a_place_struck_is_not_placed_by_the_frame(extract):
    found = triples(extract("In Ukraine, Russian drones struck Belgorod overnight."))
    assert not any(p == "locatedIn" and o == "Ukraine" for _, p, o in found)


def test_places_written_with_their_own_state_keep_it(extract):
    found = triples(extract("In Texas, the storm dumped rain over Lawton and Altus, Okla., forecasters said."))
    assert ("Lawton", "locatedIn", "Texas") not in found and ("Altus", "locatedIn", "Texas") not in found
