"""Tests for kg.extract.rules.awards: award categories and who won them."""
from __future__ import annotations

import pytest
from conftest import triples

pytestmark = pytest.mark.slow


def test_a_category_for_a_name_is_won_by_it(extract):
    found = triples(extract("The academy heaped awards on the movie, among them best actor for Tom Hale "
                            "and best director for Greta Gerwig."))
    assert ("Tom Hale", "winsAward", "best actor") in found
    assert ("Greta Gerwig", "winsAward", "best director") in found


def test_named_and_won_categories(extract):
    found = triples(extract("Emma Stone won best actress on Sunday. Greta Gerwig was named best director."))
    assert ("Emma Stone", "winsAward", "best actress") in found
    assert ("Greta Gerwig", "winsAward", "best director") in found


def test_best_before_a_word_that_is_no_category_is_no_award(extract):
    found = triples(extract("Ukraine got the best deal for Volodymyr Zelensky in years."))
    assert not any(p == "winsAward" for _, p, _ in found)


def test_a_work_named_best_at_a_ceremony_wins_it(extract):
    found = triples(extract('"Barbie" was named best picture at the Academy Awards on Sunday.'))
    assert ("Barbie", "winsAward", "best picture") in found
    assert ("Barbie", "wins", "Academy Awards") in found


def test_a_category_whose_best_hangs_on_another_word(extract):
    found = triples(extract("The academy gave seven awards to the movie, among them best actor for Tom Haas, best "
                            "supporting actor for Mark Ruffalo and best director for Anna Berg."))
    assert ("Mark Ruffalo", "winsAward", "best supporting actor") in found
    assert ("Tom Haas", "role", "best supporting actor") not in found
