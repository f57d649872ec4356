"""Possessives between two names (kg/extract/rules/possessives.py), each with a near miss."""
from __future__ import annotations

import pytest
from conftest import relations, triples

pytestmark = pytest.mark.slow


def test_a_teams_person_plays_for_it(extract):
    found = triples(extract("McLaren's Lando Norris won the race in Monaco."))
    # a team plays for it; an organisation not known as a team is belonged to
    assert ("Lando Norris", "playsFor", "McLaren") in found or ("Lando Norris", "memberOf", "McLaren") in found


def test_a_countrys_person_is_its_citizen(extract):
    found = triples(extract("Spain's Carlos Alcaraz lost the final on Sunday."))
    assert ("Carlos Alcaraz", "citizenOf", "Spain") in found


def test_a_countrys_state_owned_company_is_owned(extract):
    found = triples(extract("The rifles will be made by Brazil's state-owned defense company Imbel."))
    assert ("Brazil", "owns", "Imbel") in found


def test_a_countrys_company_without_an_ownership_word_is_not_owned(extract):
    found = triples(extract("Poland's largest defense company PGZ reported record sales."))
    assert ("Brazil", "owns", "Imbel") not in found


def test_a_government_bodys_office_is_part_of_it(extract):
    found = triples(extract("Congress backed more money for the Energy Department's Office of Science."))
    assert ("Office of Science", "memberOf", "Energy Department") in found


def test_a_name_modifying_a_nominalisation_is_not_possessed(extract):
    found = triples(extract("Microsoft's Activision takeover closed on Friday."))
    assert ("Microsoft", "owns", "Activision") not in found


def test_a_title_between_is_a_role_not_membership(extract):
    found = triples(extract("Apple's chief executive Tim Cook unveiled the headset."))
    assert ("Tim Cook", "memberOf", "Apple") not in found
    assert ("Tim Cook", "leads", "Apple") in found


def test_a_companys_supplier_is_not_owned(extract):
    found = triples(extract("Siemens's supplier Baltic Castings cut 200 jobs."))
    assert ("Siemens", "owns", "Baltic Castings") not in found
    assert ("Siemens", "reliesOn", "Baltic Castings") in found


def test_a_name_before_a_possessive_apposition_is_what_it_names(extract):
    found = triples(extract("The crew trained in Texas at the Marshall Test Center, Boeing's main flight base."))
    assert ("Boeing", "owns", "Marshall Test Center") in found


def test_a_name_before_a_rivals_apposition_is_not_owned(extract):
    found = triples(extract("Analysts compared Vantor Labs, Siemens's main rival, with Orbis Holdings."))
    assert ("Siemens", "owns", "Vantor Labs") not in found


def test_a_states_person_lives_there(extract):
    found = triples(extract("Nebraska's Lyle Brandt chaired the panel."))
    assert ("Lyle Brandt", "livesIn", "Nebraska") in found


@pytest.mark.parametrize("text, triple", [
    # the hyphen the tokenizer splits off 'state-owned' ended the phrase after the comma
    ("Halden Power signed a deal with Brenta, Moldova's state-owned gas company, on Monday.",
     ("Moldova", "owns", "Brenta")),
    # the name in apposition after the possessive phrase
    ("The plan was approved by Moldova's energy regulator, the National Energy Agency, in May.",
     ("National Energy Agency", "locatedIn", "Moldova")),
    ("Shares of Moldova's largest broker Brenta Capital rose.", ("Brenta Capital", "locatedIn", "Moldova")),
])
def test_a_countrys_described_organisation_is_its_own(extract, text, triple):
    assert triple in triples(extract(text))


def test_a_countrys_bare_name_places_nothing(extract):
    # 'Algeria's Z party' may be a party in exile: without a noun saying what it is, no place is read
    assert relations(extract("Moldova's Brenta Capital said profits rose."), "locatedIn") == []
