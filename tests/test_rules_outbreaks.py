"""Tests for kg.extract.rules.outbreaks: where a disease breaks out, and the disease and region names it reads."""
from __future__ import annotations

import pytest
from conftest import triples

pytestmark = pytest.mark.slow


def test_a_disease_outbreak_in_a_place(extract):
    found = triples(extract("A cholera outbreak in Zambia has killed dozens of people."))
    assert ("cholera", "locatedIn", "Zambia") in found


def test_a_place_that_records_a_case_of_a_disease_has_it_there(extract):
    found = triples(extract("Rwanda has confirmed one case of Marburg virus in the Kigali region, officials said."))
    assert ("Marburg virus", "locatedIn", "Rwanda") in found


def test_a_place_battling_an_outbreak(extract):
    found = triples(extract("Nigeria, which borders Niger, is battling an outbreak of Lassa fever."))
    assert ("Lassa fever", "locatedIn", "Nigeria") in found
    assert ("Lassa fever", "locatedIn", "Niger") not in found


def test_cases_with_no_disease_named_are_the_article_s_one_disease(extract):
    found = triples(extract("Health officials are tracking a mpox outbreak. Six new cases were confirmed "
                            "in Kenya."))
    assert ("mpox", "locatedIn", "Kenya") in found


def test_cases_in_an_article_of_two_diseases_name_neither(extract):
    found = triples(extract("Officials are tracking mpox and cholera. Six new cases were confirmed in Kenya."))
    assert not any(p == "locatedIn" and o == "Kenya" for _, p, o in found)


def test_a_place_fearing_an_outbreak_does_not_have_it(extract):
    found = triples(extract("Kenya fears an outbreak of cholera after the floods."))
    assert ("cholera", "locatedIn", "Kenya") not in found


def test_a_compass_word_before_a_known_place_names_a_region_of_its_own(extract):
    [ex] = extract("A measles outbreak in South Texas has spread. Texas officials are worried.")
    names = {m.name for m in ex.mentions}
    assert "South Texas" in names and "Texas" in names
    assert ("measles", "locatedIn", "South Texas") in triples([ex])
    assert not any(m.name == "South Texas" and m.canonical == "Texas" for m in ex.mentions)
