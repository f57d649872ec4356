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


def test_a_quoted_title_before_star_is_the_film_the_person_appears_in(extract):
    found = triples(extract('The studio fought a legal battle with "Night Harbor" star Lena Ortiz in 2021.'))
    assert ("Lena Ortiz", "appearsIn", "Night Harbor") in found


def test_a_star_beside_a_place_appears_in_nothing(extract):
    found = triples(extract("Tennis star Lena Ortiz flew to Geneva on Monday."))
    assert not any(p == "appearsIn" for _, p, _ in found)


def test_a_companys_contract_maker_is_relied_on(extract):
    found = triples(extract("Baltic Castings, Siemens's contract chipmaker, plans to expand its plant."))
    assert ("Siemens", "reliesOn", "Baltic Castings") in found


def test_a_nationality_before_contractor_is_no_customer(extract):
    found = triples(extract("The tanks are built by South Korean defense contractor Baltic Castings."))
    assert not any(p == "reliesOn" for _, p, _ in found)


def test_an_agent_noun_coordinated_in_an_apposition_describes_the_name(extract):
    found = triples(extract("The court heard Owen Pryce, a welder and a Tulsa native, on Monday."))
    assert ("Owen Pryce", "bornIn", "Tulsa") in found


@pytest.mark.parametrize("text, owner, place", [
    ("Police said Dallas nightclub owner Jack Rudman was questioned on Monday.", "Jack Rudman", "Dallas"),
    ("The Boston restaurant owner Maria Lentz said the rent had doubled.", "Maria Lentz", "Boston"),
])
def test_a_place_before_another_noun_is_where_that_noun_is_not_what_is_owned(extract, text, owner, place):
    assert (owner, "owns", place) not in triples(extract(text))


def test_a_place_right_before_the_agent_noun_still_fills_its_slot(extract):
    found = triples(extract("Carla Brent, a Modesto native, opened a bakery in Fresno last spring."))
    assert ("Carla Brent", "bornIn", "Modesto") in found


@pytest.mark.parametrize("text", [
    "Ann Ray led the 2021 purchase of Brenta Steel, Aldon Motors' largest acquisition.",
    "Brenta Steel, Aldon Motors' biggest purchase, makes pipes for oil rigs.",
])
def test_a_name_described_as_a_companys_acquisition_is_the_one_acquired(extract, text):
    # an act noun, unlike an agent noun ('X, Acme's supplier'), describes the one the act is done to
    found = triples(extract(text))
    assert ("Aldon Motors", "acquires", "Brenta Steel") in found
    assert ("Brenta Steel", "acquires", "Aldon Motors") not in found


def test_a_name_described_as_a_companys_supplier_still_supplies_it(extract):
    assert ("Brenta Steel", "supplies", "Aldon Motors") in triples(
        extract("Brenta Steel, Aldon Motors' supplier, makes pipes."))
