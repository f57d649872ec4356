"""Where a title is held (kg/extract/rules/roles.py, titles.py): a title ending in a word that is also an honorific
('professor', 'officer'), an abbreviated rank after an organisation's name, an unnamed part of a named organisation;
each with a near miss that must name no employer."""
from __future__ import annotations

import pytest
from conftest import triples

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text, person, org", [
    # the title's last word is also an honorific before names ('Professor Ann Fry'): here it is the title
    ("Tom Reyes, a former Halvorsen University professor, said the results were clear.",
     "Tom Reyes", "Halvorsen University"),
    ("Tom Reyes, chief financial officer for Brandt Industries, said the plant would close.",
     "Tom Reyes", "Brandt Industries"),
    ("A Halvorsen University law professor, Tom Reyes helped draft the bill.", "Tom Reyes", "Halvorsen University"),
    # an abbreviated rank whose dot the tokenizer splits off
    ("The ferry sank within minutes, said Coast Guard Lt. Tom Reyes.", "Tom Reyes", "Coast Guard"),
    ("Tom Reyes, publisher of the Granville Herald-Press, said the paper would close.",
     "Tom Reyes", "Granville Herald-Press"),
    # an unnamed part of a named organisation
    ("Tom Reyes, a plant physiologist with the Agriculture Department's research service, said yields fell.",
     "Tom Reyes", "Agriculture Department"),
])
def test_the_organisation_a_title_is_held_at(extract, text, person, org):
    found = triples(extract(text))
    assert any(s == person and o == org and p in ("serves", "leads", "worksFor") for s, p, o in found), found


@pytest.mark.parametrize("text", [
    "Professor Ann Fry said the results were clear.",                   # an honorific, no organisation
    "Lt. Tom Reyes said the ferry sank within minutes.",
    "Tom Reyes, a plant physiologist, studied his brother's research service.",
])
def test_no_employer_where_none_is_named(extract, text):
    assert not any(p in ("serves", "leads", "worksFor") for _, p, _ in triples(extract(text)))


def test_an_honorific_before_a_title_is_still_left_out_of_it(extract):
    found = triples(extract("Foreign Minister Dr Ravi Menon met the delegation."))
    assert ("Ravi Menon", "role", "Foreign Minister") in found, found


@pytest.mark.parametrize("text, fact", [
    # a relative clause on the name gives the person its title
    ("Ann Fry, who was a reporter for the Granville Gazette, wrote the story.", ("Ann Fry", "serves", "Granville Gazette")),
    ("Ann Fry, who became chief executive of Brandt Industries in 2001, retired.",
     ("Ann Fry", "leads", "Brandt Industries")),
    # a seat on a board or council
    ("Tom Reyes, who has served on the Granville City Council since 1990, voted against the plan.",
     ("Tom Reyes", "memberOf", "Granville City Council")),
])
def test_a_clause_on_the_name_says_where_the_person_works(extract, text, fact):
    assert fact in triples(extract(text))


@pytest.mark.parametrize("text", [
    "Tom Reyes, who is not a member of the Reform Party, voted.",
    "Ann Fry, who met a reporter for the Granville Gazette, wrote the story.",
])
def test_no_title_from_a_negated_or_other_clause(extract, text):
    assert not any(p in ("serves", "memberOf", "leads") and s in ("Tom Reyes", "Ann Fry")
                   for s, p, _ in triples(extract(text)))


@pytest.mark.parametrize("text, fact", [
    # a title after the party-and-state tag, which the parser hangs on the state
    ("Another plan, first proposed by Sen. Tom Reyes, D-Ohio, chairman of the Senate Finance Committee, failed.",
     ("Tom Reyes", "leads", "Senate Finance Committee")),
    ("It would help, said Rep. Ann Fry, R-Texas, chairman of the House Budget Committee.",
     ("Ann Fry", "leads", "House Budget Committee")),
    # a title before the name whose 'of' phrase the parser hangs the name on
    ("The chairman of the Granville Workers Front, Tom Reyes, was arrested at his home.",
     ("Tom Reyes", "leads", "Granville Workers Front")),
    # an organisation and its bracketed other name before the title
    ("Civic Progress Rally (CPR) candidate Ann Fry won the seat.", ("Ann Fry", "memberOf", "Civic Progress Rally")),
    ("CPR (Civic Progress Rally) leader Tom Reyes said the vote was rigged.",
     ("Tom Reyes", "leads", "Civic Progress Rally")),
])
def test_the_organisation_of_a_title_set_apart_from_the_name(extract, text, fact):
    assert fact in triples(extract(text))


@pytest.mark.parametrize("text", [
    "Senator Tom Reyes, D-Ohio, said the plan would fail.",
    "Ohio (Reuters) - Tom Reyes said the plan would fail.",
])
def test_no_organisation_where_the_tag_or_bracket_names_none(extract, text):
    assert not any(p in ("serves", "leads", "memberOf") for _, p, _ in triples(extract(text)))


def test_a_company_called_the_publisher_stays_a_company(extract):
    (ex,) = extract("Brandt, the publisher, said sales rose.")
    assert not any(m.cls == "Person" for m in ex.mentions), ex.mentions


def test_a_one_word_name_before_a_company_title_is_the_company(extract):
    (ex,) = extract("Healy president George Malina said the accident could not have been foreseen.")
    assert any(m.name == "Healy" and m.cls != "Place" for m in ex.mentions), ex.mentions
    found = triples(extract("Healy president George Malina said the accident could not have been foreseen."))
    assert ("George Malina", "leads", "Healy") in found, found


def test_a_place_before_a_town_office_stays_a_place(extract):
    (ex,) = extract("Leeds mayor Ann Fry said the bridge would close.")  # a mayor's office is no company's
    assert any(m.name == "Leeds" and m.cls != "Organization" for m in ex.mentions), ex.mentions
