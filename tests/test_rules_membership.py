"""Membership (kg/extract/rules/membership.py): a person 'of' an organisation belongs to it."""
from __future__ import annotations

import pytest
from conftest import relations, triples

pytestmark = pytest.mark.slow


def test_a_soldier_of_a_regiment_is_its_member(extract):
    found = extract("L/Cpl George Hooley of the Parachute Regiment died in Ukraine.")
    assert ("George Hooley", "memberOf", "Parachute Regiment") in triples(found)
    assert relations(found, "memberOf")[0].provenance.rule == "person-of-org"


def test_a_person_of_a_place_is_no_member_of_it(extract):
    assert relations(extract("George Hooley of Manchester died in Ukraine."), "memberOf") == []



def test_a_member_of_a_named_party(extract):
    found = extract("Tom Haas won. Haas, of the ruling Patria party, thanked voters.")
    assert ("Tom Haas", "memberOf", "Patria party") in triples(found)
    assert all(r.object.cls == "PoliticalParty" for r in relations(found, "memberOf"))


def test_a_unit_within_an_organisation_is_part_of_it(extract):
    found = triples(extract("Congress added money for the Fusion Plasma Sciences program within the FAA's Office of Safety."))
    assert ("Fusion Plasma Sciences", "memberOf", "Office of Safety") in found


def test_a_force_within_a_country_is_no_unit_of_it(extract):
    found = triples(extract("The Wagner Group within Russia stopped its advance."))
    assert not any(p == "memberOf" and o == "Russia" for _, p, o in found)


@pytest.mark.parametrize("text, person, org", [
    ("Anna Lindqvist of Halvorsen University's School of Law said the ruling was sound.",
     "Anna Lindqvist", "Halvorsen University"),
    # NER ran the person's name, and a word for what she is, into the organisation after 'of'
    ("Linguist Tom Reyes of Halvorsen University in Providence was quoted as saying the bone tells us nothing.",
     "Tom Reyes", "Halvorsen University"),
])
def test_a_person_of_a_part_of_an_organisation_belongs_to_the_organisation(extract, text, person, org):
    assert (person, "memberOf", org) in triples(extract(text))


def test_a_person_of_a_countrys_body_is_no_member_of_the_country(extract):
    found = triples(extract("Anna Lindqvist of Britain's Royal Navy said the ship sank."))
    assert ("Anna Lindqvist", "memberOf", "Royal Navy") in found
    assert not any(p == "memberOf" and o in ("Britain", "United Kingdom") for _, p, o in found), found


def test_a_school_of_a_university_is_an_organisation_a_person_belongs_to(build_kg):
    from conftest import facts, one

    kg = build_kg("Tom Brandt and David A. Kessler of Halvorsen University's John F. Kennedy School of Government "
                  "say the order held.")
    school, person = one(kg, "John F. Kennedy School of Government"), one(kg, "David A. Kessler")
    assert school.cls == "University", school  # no person's name, for all its given name
    assert (person.key, "memberOf", school.key) in facts(kg), sorted(facts(kg))
