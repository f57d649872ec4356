"""Where a person is from (kg/extract/rules/homes.py): a home noun the person owns, and 'from' a place said of
the person, each with a near miss that must state nothing."""
from __future__ import annotations

import pytest
from conftest import triples

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text, fact", [
    ("Maria Lopez won easily in her native Ohio.", ("Maria Lopez", "bornIn", "Ohio")),
    ("Paul Dorsey is returning to his Toledo hometown to get married.", ("Paul Dorsey", "livesIn", "Toledo")),
    ("The tour took Paul Dorsey to his hometown of Dayton.", ("Paul Dorsey", "livesIn", "Dayton")),
    ("Ann Ray commutes to the capital from her Toledo home.", ("Ann Ray", "livesIn", "Toledo")),
    ("Voters honored Harold Benton's Dunmore birthplace.", ("Harold Benton", "bornIn", "Dunmore")),
])
def test_a_home_noun_a_person_owns_says_where_they_live_or_were_born(extract, text, fact):
    assert fact in triples(extract(text))


@pytest.mark.parametrize("text, fact", [
    ("Paul Dorsey, a welder from Toledo, was injured in the blast.", ("Paul Dorsey", "livesIn", "Toledo")),
    ("Maria Lopez is from Toledo.", ("Maria Lopez", "livesIn", "Toledo")),
])
def test_from_a_place_said_of_a_person_is_where_they_live(extract, text, fact):
    assert fact in triples(extract(text))


@pytest.mark.parametrize("text", [
    "Ann Ray flew in from Paris on Monday.",  # a journey's start, on the verb
    "Maria Lopez is not from Toledo.",
    "Acme's Toledo home was sold to Ann Ray.",  # an organisation's home is no one's residence
])
def test_no_residence_from_a_journey_a_denial_or_an_organisation(extract, text):
    assert not {(s, p, o) for s, p, o in triples(extract(text)) if p in ("livesIn", "bornIn")}


@pytest.mark.parametrize("text, fact", [
    ("Ann Ray campaigned in her home state of Ohio on Monday.", ("Ann Ray", "livesIn", "Ohio")),
    ("Ann Ray campaigned in Ohio, her home state, on Monday.", ("Ann Ray", "livesIn", "Ohio")),
    ("The senator won Ohio, the home state of her husband, Tom Ray.", ("Tom Ray", "livesIn", "Ohio")),
])
def test_a_place_noun_with_home_on_it_is_where_its_owner_lives(extract, text, fact):
    assert fact in triples(extract(text))


def test_a_home_state_named_for_no_person_places_no_one(extract):
    found = triples(extract("Ann Ray said Ohio is a home state for many carmakers."))
    assert not [t for t in found if t[1] == "livesIn"]


@pytest.mark.parametrize("text", [
    "Ohio-born Ann Ray won the prize.",
    "The Ohio born actress Ann Ray won the prize.",
])
def test_a_place_before_born_is_the_birthplace_of_the_person_described(extract, text):
    found = triples(extract(text))
    assert ("Ann Ray", "bornIn", "Ohio") in found
    assert ("Ann Ray", "livesIn", "Ohio") not in found  # a birthplace in a title is no home


def test_born_after_a_place_describing_no_person_states_nothing(extract):
    assert not [t for t in triples(extract("The Ohio-born company Acme Corp. grew fast.")) if t[1] == "bornIn"]


@pytest.mark.parametrize("text, fact", [
    ("The roof collapsed, said Dana Pruitt, a schoolteacher in Harlowe.", ("Dana Pruitt", "livesIn", "Harlowe")),
    ("Carla Ngata, a nurse on Fox Island, treated the injured.", ("Carla Ngata", "livesIn", "Fox Island")),
    ("Mark Delaney, an emergency medical technician in Tulsa, said two people died.",
     ("Mark Delaney", "livesIn", "Tulsa")),
])
def test_an_occupation_in_a_town_said_of_a_person_is_where_they_live(extract, text, fact):
    assert fact in triples(extract(text))


@pytest.mark.parametrize("text", [
    "Dana Pruitt, a former schoolteacher in Harlowe, moved away.",  # a past occupation
    "Dana Pruitt, a tourist in Harlowe, was injured.",  # no work done there
    "Dana Pruitt, a reporter in France, covered the vote.",  # a country: posted there
])
def test_no_residence_from_a_past_occupation_a_visit_or_a_country(extract, text):
    assert not [t for t in triples(extract(text)) if t[1] == "livesIn"]


@pytest.mark.parametrize("text, fact", [
    # a heading names the person, its bracket a title the dateline reader must not take for a news agency
    ("Harold B. Tenney (12th Governor): Born March 3, 1822, in a farmhouse in Dover, Del.",
     ("Harold B. Tenney", "bornIn", "Dover")),
    ("Ansel Brody (first Chancellor): Born at dawn, leaving the date in doubt, Feb. 22,1732, in a log cabin in "
     "Pike County.", ("Ansel Brody", "bornIn", "Pike County")),
])
def test_born_after_a_heading_that_names_a_person_is_their_birth(extract, text, fact):
    assert fact in triples(extract(text))


@pytest.mark.parametrize("text", [
    "Ann Fry's career highlights: Born to act, she moved to Dover in 1950.",  # the heading does not start with her
    "BRUSSELS (Reuters): Born in a farmhouse in Dover, the idea spread.",  # a dateline heads the text
])
def test_no_birth_where_the_heading_names_no_person_first(extract, text):
    assert not {(s, p, o) for s, p, o in triples(extract(text)) if p == "bornIn"}
