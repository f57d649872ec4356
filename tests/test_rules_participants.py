"""Tests for kg.extract.rules.participants: coordinated parties of a symmetric verb, and where the
participants of an event were."""
from __future__ import annotations

import pytest
from conftest import triples

pytestmark = pytest.mark.slow


def test_coordinated_subjects_of_a_symmetric_verb_relate_to_each_other(extract):
    found = triples(extract("Friedrich Merz and Donald Tusk met in Warsaw on Tuesday."))
    assert ("Friedrich Merz", "meets", "Donald Tusk") in found
    assert ("Friedrich Merz", "presentIn", "Warsaw") in found
    assert ("Donald Tusk", "presentIn", "Warsaw") in found


def test_coordinated_subjects_agree(extract):
    found = triples(extract("Canada and Mexico agreed to cut tariffs on steel."))
    assert ("Canada", "agreesWith", "Mexico") in found or ("Mexico", "agreesWith", "Canada") in found


def test_a_lone_subject_of_a_symmetric_verb_relates_to_no_one(extract):
    found = triples(extract("Canada agreed to cut tariffs on steel."))
    assert not any(p == "agreesWith" for _, p, _ in found)


def test_both_sides_of_a_meeting_were_at_its_venue(extract):
    found = triples(extract("Keir Starmer met Emmanuel Macron at the Elysee Palace in Paris."))
    assert ("Keir Starmer", "presentIn", "Elysee Palace") in found
    assert ("Emmanuel Macron", "presentIn", "Elysee Palace") in found


def test_a_place_named_after_a_non_presence_verb_places_no_one(extract):
    found = triples(extract("Keir Starmer praised the factory workers in Sheffield."))
    assert not any(p == "presentIn" for _, p, _ in found)


def test_the_copula_puts_a_person_in_a_place(extract):
    found = triples(extract("Health Minister Maria Lopes was in Geneva at the time."))
    assert ("Maria Lopes", "presentIn", "Geneva") in found


def test_a_copula_with_a_complement_says_more_than_where(extract):
    found = triples(extract("Officials said Fuad Shukr was behind the attack in Majdal Shams."))
    assert not any(p == "presentIn" for _, p, _ in found)


def test_attendees_were_where_the_event_they_attended_was_held(extract):
    found = triples(extract("The signing ceremony, held in Tartu in southern Estonia, was attended by "
                            "Defence Minister Anna Nowak."))
    assert ("Anna Nowak", "presentIn", "Tartu") in found
    assert ("Anna Nowak", "presentIn", "Estonia") not in found  # the city is said; the country holds it


def test_a_place_of_something_else_in_the_event_phrase_is_not_where_it_was(extract):
    found = triples(extract("The ceremony for tanks built in Korea was attended by Anna Nowak."))
    assert not any(p == "presentIn" for _, p, _ in found)
