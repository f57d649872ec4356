"""Killing said around a gerund, a penalty noun or a mistagged verb (kg/extract/arguments.py, naming.people_killed,
kg/extract/rules/killing.py), each with a near miss that must state no killing."""
from __future__ import annotations

import pytest
from conftest import triples

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text, killer, victim", [
    # a gerund after a preposition on a passive: its passive subject did it
    ("Victor Marlow was arrested an hour after shooting Dunbar near the station.", "Victor Marlow", "Dunbar"),
    ("Ingrid Hale was detained two days after stabbing Tom Redding to death.", "Ingrid Hale", "Tom Redding"),
    # a penalty noun: whoever serves or faces it is held to have done the gerund
    ("Victor Marlow is serving a life sentence for assassinating Dunbar in Leeds.", "Victor Marlow", "Dunbar"),
    ("Ingrid Hale faces two counts of murdering Tom Redding.", "Ingrid Hale", "Tom Redding"),
    # 'shot' taken for a noun: the coordinated verb keeps its subject
    ("Victor Marlow shot and mortally wounded Edwin Dunbar in the lobby.", "Victor Marlow", "Edwin Dunbar"),
    # a passive coordination whose agent the parser hangs on the second verb
    ("Edwin Dunbar was shot and fatally wounded by Victor Marlow at the hotel.", "Victor Marlow", "Edwin Dunbar"),
    # 'of' hung on the name the jury convicted
    ("A jury convicted sniper Tom Reyes of killing Ann Fry.", "Tom Reyes", "Ann Fry"),
])
def test_the_one_held_to_have_killed_is_found_around_a_gerund(extract, text, killer, victim):
    assert (killer, "kills", victim) in triples(extract(text))


@pytest.mark.parametrize("text, killer, victim", [
    ("Dunbar's assassin, Victor Marlow, died in prison last year.", "Victor Marlow", "Dunbar"),
    ("Historians still argue over the murder of Dunbar by Victor Marlow.", "Victor Marlow", "Dunbar"),
])
def test_a_one_word_name_killed_is_a_person(extract, text, killer, victim):
    assert (killer, "kills", victim) in triples(extract(text))


@pytest.mark.parametrize("text", [
    "Victor Marlow was acquitted two years after shooting Edwin Dunbar.",   # cleared: no one here did it
    "Victor Marlow was praised by Edwin Dunbar after visiting the ward.",    # no killing at all
    "Victor Marlow read a long sentence about killing Edwin Dunbar off in the novel.",
    "Edwin Dunbar was shot and wounded by Victor Marlow at the hotel.",           # wounded, not killed
    "The jury acquitted sniper Tom Reyes of killing Ann Fry.",
])
def test_no_killing_where_the_clause_clears_or_says_none(extract, text):
    assert not any(p == "kills" for _, p, _ in triples(extract(text)))


def test_an_organisation_eliminated_in_a_contest_stays_an_organisation(extract):
    (ex,) = extract("Arsenal eliminated Sevilla in the final.")
    assert not any(m.cls == "Person" for m in ex.mentions)


@pytest.mark.parametrize("text", [
    "Detective Ann Fry led the investigation into the murder of Tom Reyes.",
    "Ann Fry wrote a book about the assassination of Tom Reyes.",
    "Ann Fry witnessed the killing of Tom Reyes.",
    "Ann Fry, who reported on the murder of Tom Reyes, retired.",
])
def test_a_noun_of_killing_under_another_verb_kills_no_one(extract, text):
    assert not any(p == "kills" for _, p, _ in triples(extract(text)))


@pytest.mark.parametrize("text", [
    "Ann Fry pleaded guilty to the murder of Tom Reyes.",
    "Ann Fry committed the murder of Tom Reyes.",
    "Ann Fry is serving a life sentence for the murder of Tom Reyes.",
    "Police arrested Ann Fry in the killing of Tom Reyes.",
    "The murder of Tom Reyes by Ann Fry shocked the town.",
    "Ann Fry's killing of Tom Reyes shocked the town.",
])
def test_a_noun_of_killing_has_its_doer_where_the_clause_holds_one_to_it(extract, text):
    assert ("Ann Fry", "kills", "Tom Reyes") in triples(extract(text))


@pytest.mark.parametrize("text, fact", [
    ("Police arrested Victor Marlow in the Kennedy killing.", ("Victor Marlow", "kills", "Kennedy")),
    ("Victor Marlow was convicted in the Kennedy murder.", ("Victor Marlow", "kills", "Kennedy")),
])
def test_a_name_compounded_on_a_noun_of_killing_is_the_victim(extract, text, fact):
    assert fact in triples(extract(text))


@pytest.mark.parametrize("text", [
    "Victor Marlow investigated the Tom Reyes murder.",
    "Victor Marlow was questioned after the Kennedy murder.",
    "The Granville killings shocked the town.",
])
def test_no_killer_for_a_compounded_victim_where_the_clause_holds_none(extract, text):
    assert not any(p == "kills" for _, p, _ in triples(extract(text)))


def test_a_pronoun_victim_resolved_to_the_killer_is_the_person_named_before(extract):
    text = ("Crowds gathered to remember Senator Tom Reyes at the building where Victor Marlow fired the bullets "
            "that killed him.")
    assert ("Victor Marlow", "kills", "Tom Reyes") in triples(extract(text))


def test_no_one_else_is_killed_where_the_killer_killed_himself(extract):
    assert not any(p == "kills" for _, p, _ in triples(extract("Victor Marlow fired the shot that killed himself.")))


@pytest.mark.parametrize("text", [
    "In 1950, nightclub owner Tom Barlow shot and mortally wounded Ed Hensley, the accused killer of Mayor Joe Marsh.",
    "Tom Barlow shot and mortally wounded Ed Hensley in Paris on May 3, 1938.",
])
def test_shot_and_mortally_wounded_kills_the_name_after_the_verb(extract, text):
    assert ("Tom Barlow", "kills", "Ed Hensley") in triples(extract(text))


def test_shot_and_wounded_without_a_lethal_word_kills_no_one(extract):
    found = triples(extract("Tom Barlow shot and wounded Ed Hensley in Paris."))
    assert ("Tom Barlow", "kills", "Ed Hensley") not in found
