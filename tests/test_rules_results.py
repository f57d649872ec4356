"""Tests for kg.extract.rules.results and the contest triggers: beating a rival in a final wins the competition."""
from __future__ import annotations

import pytest
from conftest import triples

pytestmark = pytest.mark.slow


def test_beating_a_rival_in_a_named_final_wins_the_competition(extract):
    found = triples(extract("Italy beat Spain in the final of the Davis Cup on Sunday."))
    assert ("Italy", "defeats", "Spain") in found
    assert ("Italy", "wins", "Davis Cup") in found
    assert ("Spain", "wins", "Davis Cup") not in found


def test_losing_a_final_to_a_rival_gives_the_rival_the_competition(extract):
    found = triples(extract("France lost the World Cup final to Argentina in Qatar."))
    assert ("Argentina", "defeats", "France") in found
    assert ("Argentina", "wins", "World Cup") in found


def test_a_win_in_an_earlier_round_wins_nothing(extract):
    found = triples(extract("Rafael Nadal beat Roger Federer in the third round of Wimbledon."))
    assert ("Rafael Nadal", "defeats", "Roger Federer") in found
    assert not any(p == "wins" for _, p, _ in found)


def test_a_loss_to_a_rival_is_the_rival_s_win(extract):
    found = triples(extract("Jannik Sinner's loss to Casper Ruud in Paris ended his run."))
    assert ("Casper Ruud", "defeats", "Jannik Sinner") in found
    assert ("Jannik Sinner", "defeats", "Casper Ruud") not in found


def test_a_possessed_title_is_won_by_the_possessor(extract):
    found = triples(extract("Jannik Sinner arrived in London a year after Daniil Medvedev's US Open title."))
    assert ("Daniil Medvedev", "wins", "US Open") in found
    assert ("Jannik Sinner", "wins", "US Open") not in found


def test_a_victory_at_a_race_is_winning_it(extract):
    found = triples(extract("Oscar Piastri beat Charles Leclerc in a surprise win at the Singapore Grand Prix."))
    assert ("Oscar Piastri", "wins", "Singapore Grand Prix") in found
    assert ("Charles Leclerc", "wins", "Singapore Grand Prix") not in found


def test_the_rival_who_conceded_was_beaten_by_whom_the_clause_is_about(extract):
    found = triples(extract("Gustavo Petro is set to become the next president after rival candidate Rodolfo Hernandez "
                            "conceded Sunday's runoff."))
    assert ("Gustavo Petro", "defeats", "Rodolfo Hernandez") in found
    assert ("Rodolfo Hernandez", "defeats", "Gustavo Petro") not in found


def test_conceding_to_a_rival(extract):
    assert ("Gustavo Petro", "defeats", "Rodolfo Hernandez") in triples(
        extract("Rodolfo Hernandez conceded defeat to Gustavo Petro on Sunday."))


def test_conceding_a_point_beats_no_one(extract):
    found = triples(extract("Keir Starmer said the plan had failed and conceded that errors were made."))
    assert not any(p == "defeats" for _, p, _ in found)


def test_winning_far_ahead_of_a_rival_beats_the_rival(extract):
    found = triples(extract("Lucia Moreno won 52% of the vote, well ahead of her main rival, Tomas Vidal, who "
                            "received 31%."))
    assert ("Lucia Moreno", "defeats", "Tomas Vidal") in found
    assert ("Tomas Vidal", "defeats", "Lucia Moreno") not in found


def test_finishing_ahead_of_a_forecast_beats_no_one(extract):
    found = triples(extract("Halvorsen Energy finished well ahead of the forecast of Tomas Vidal."))
    assert not any(p == "defeats" for _, p, _ in found)
