"""Tests for kg.extract.rules.nationality (and the coreference of nationality descriptions it reads):
'Brazilian X', 'the Russian', 'the Japanese Sauber driver'."""
from __future__ import annotations

import pytest
from conftest import triples

pytestmark = pytest.mark.slow


def test_a_demonym_before_a_name_is_citizenship(extract):
    found = triples(extract("Brazilian Gabriel Bortoleto finished ahead of the field in Monza."))
    assert ("Gabriel Bortoleto", "citizenOf", "Brazil") in found


def test_a_demonym_inside_a_name_is_not_citizenship(extract):
    found = triples(extract("Australian Open champion Jannik Sinner won again in Rome."))
    found |= triples(extract("The judge had worked for Attorney General John English Walker until 1990."))
    assert not any(p == "citizenOf" for _, p, _ in found)


def test_the_demonym_noun_is_the_subject_named_just_before(extract):
    found = triples(extract("Daniil Medvedev beat Casper Ruud in Madrid on Friday. "
                            "The Russian had lost their previous meeting in straight sets."))
    assert ("Daniil Medvedev", "citizenOf", "Russia") in found
    assert ("Casper Ruud", "citizenOf", "Russia") not in found


def test_the_subject_of_the_clause_above_is_not_the_one_described(extract):
    found = triples(extract("Andy Murray took the first set against Taylor Fritz. "
                            "Taylor Fritz pounced in the second, racing to a lead before the Briton "
                            "found his rhythm."))
    assert ("Andy Murray", "citizenOf", "United Kingdom") in found
    assert ("Taylor Fritz", "citizenOf", "United Kingdom") not in found


def test_a_described_driver_is_the_object_of_the_clause_and_drives_for_the_team(extract):
    found = triples(extract("The race was stopped after Esteban Ocon clipped Yuki Tsunoda, sending the "
                            "Japanese Red Bull driver into the barrier."))
    assert ("Yuki Tsunoda", "citizenOf", "Japan") in found
    assert ("Yuki Tsunoda", "playsFor", "Red Bull") in found
    assert ("Esteban Ocon", "citizenOf", "Japan") not in found


def test_a_person_with_another_nationality_is_not_the_one_described(extract):
    found = triples(extract("Alexander Albon led early on. Australian Jack Doohan pitted on lap ten, letting "
                            "Albon take the lead, and the Thai driver never looked back."))
    assert ("Jack Doohan", "citizenOf", "Australia") in found
    assert ("Alexander Albon", "citizenOf", "Thailand") in found
    assert ("Jack Doohan", "citizenOf", "Thailand") not in found


def test_a_described_driver_with_a_name_of_his_own_is_not_a_reference(extract):
    found = triples(extract("Oliver Bearman praised the team. The British driver Lewis Hamilton came fifth."))
    assert ("Oliver Bearman", "citizenOf", "United Kingdom") not in found


def test_an_untagged_surname_is_the_person_named_in_full(extract):
    [ex] = extract("Max Verstappen won in Austria. Verstappen started from pole and led every lap.")
    names = [m.name for m in ex.mentions if m.text == "Verstappen"]
    assert names and all(n == "Max Verstappen" for n in names)


def test_the_team_before_a_player_noun_is_the_one_played_for(extract):
    found = triples(extract("Lando Norris finished second, ahead of his McLaren teammate Oscar Piastri."))
    assert ("Oscar Piastri", "playsFor", "McLaren") in found


def test_the_team_before_a_staff_noun_is_not_played_for(extract):
    found = triples(extract("The crash was reviewed by Ferrari mechanic Luca Baldisserri on Sunday."))
    assert not any(p == "playsFor" for _, p, _ in found)
