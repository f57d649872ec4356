"""What a title says (kg/extract/rules/titles.py): the role literal, the property by which the holder
holds it (lexicon.yaml titles and occupations), and the office the gazetteer knows."""
from __future__ import annotations

import pytest
from conftest import relations, triples

pytestmark = pytest.mark.slow


def test_a_title_naming_a_country_serves_it(extract):
    found = triples(extract("UK Defence Secretary John Healey visited Kyiv."))
    assert {("John Healey", "role", "UK Defence Secretary"), ("John Healey", "serves", "UK")} <= found


def test_a_leaders_title_leads(extract):
    found = triples(extract("The meeting was chaired by British Prime Minister Keir Starmer."))
    assert ("Keir Starmer", "leads", "United Kingdom") in found


def test_an_occupation_at_an_organisation_serves_it(extract):
    found = triples(extract("Dr Samuel Otieno, a plant pathologist at Makerere University, was not involved."))
    assert {("Samuel Otieno", "role", "plant pathologist"), ("Samuel Otieno", "serves", "Makerere University")} \
        <= found


def test_the_gazetteer_knows_whom_an_office_holder_leads(extract):
    found = extract("Keir Starmer, the Prime Minister, visited Kyiv.")
    led = [r for r in relations(found, "leads") if r.provenance.rule == "gazetteer-office"]
    assert [(r.subject.name, r.object.name) for r in led] == [("Keir Starmer", "United Kingdom")]


def test_an_event_noun_in_a_title_is_the_event_the_article_named_before(extract):
    found = triples(extract("Talks at the Blue Economy Summit ran late. Delegates cheered when summit President "
                            "Manuel Pulgar closed the session."))
    assert ("Manuel Pulgar", "chairs", "Blue Economy Summit") in found


def test_an_event_noun_in_a_title_with_no_event_named_before_chairs_nothing(extract):
    found = triples(extract("Delegates cheered when summit President Manuel Pulgar closed the session."))
    assert not any(p == "chairs" for _, p, _ in found)


def test_a_staff_title_naming_a_person_serves_that_person(extract):
    found = triples(extract("Newsom spokeswoman Erin Mellon said Governor Gavin Newsom would sign the bill."))
    assert ("Erin Mellon", "serves", "Gavin Newsom") in found


def test_a_leading_title_naming_a_person_serves_no_one(extract):
    found = triples(extract("Former Obama chief of staff Rahm Emanuel said the bill would pass."))
    assert not any(s == "Rahm Emanuel" and p == "serves" and o.endswith("Obama") for s, p, o in found
                   if isinstance(o, str))


@pytest.mark.parametrize("text, person, place", [
    ("Nebraska Gov. Lyle Brandt vetoed the bill on Friday.", "Lyle Brandt", "Nebraska"),
    ("The bill angered Nebraska's governor, Lyle Brandt.", "Lyle Brandt", "Nebraska"),
    ("Fresno architect Dora Quill drew the plans.", "Dora Quill", "Fresno"),
])
def test_the_holder_of_a_town_or_state_title_lives_there(extract, text, person, place):
    assert (person, "livesIn", place) in triples(extract(text))


@pytest.mark.parametrize("text", [
    "Former Nebraska Gov. Lyle Brandt vetoed the bill in 1991.",  # a past holder may live anywhere now
    "Fresno County Judge Dora Quill set a hearing date.",  # a court's title names its jurisdiction
])
def test_a_past_holder_or_a_judge_is_not_placed_by_the_title(extract, text):
    assert not [t for t in triples(extract(text)) if t[1] == "livesIn"]


def test_an_occupation_does_not_represent_the_town_it_is_named_after(extract):
    found = triples(extract("Fresno architect Dora Quill drew the plans."))
    assert not [t for t in found if t[1] in ("represents", "serves", "governs")]


def test_a_city_attorney_names_a_jurisdiction_not_a_home(extract):
    assert not [t for t in triples(extract("Tulsa City Attorney Ann Ray said nothing.")) if t[1] == "livesIn"]
