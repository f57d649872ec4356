"""Constructions of the culture, courts, markets and energy beats, each read from sentences written for these
tests (different names and wording for one construction), through the real pipeline."""
from __future__ import annotations

import pytest
from conftest import triples

pytestmark = pytest.mark.slow


# ------------------------------------------------------------------ culture: film credits and subjects

@pytest.mark.parametrize("text, fact", [
    ('The film "Past Lives", directed by Celine Song, won the top prize in Berlin.',
     ("Celine Song", "directs", "Past Lives")),
    ('Greta Gerwig directed "Little Women" in 2019.', ("Greta Gerwig", "directs", "Little Women")),
    ('Jane Campion\'s film "The Power of the Dog" won the Silver Lion.',
     ("Jane Campion", "directs", "The Power of the Dog")),
    ('Ang Lee\'s new movie "Harbor Lights" opens in Taipei next week.', ("Ang Lee", "directs", "Harbor Lights")),
])
def test_a_director_and_the_film(extract, text, fact):
    assert fact in triples(extract(text))


@pytest.mark.parametrize("text, fact", [
    ('The new thriller "Red Sky", starring Tom Hale, opens on Friday.', ("Tom Hale", "appearsIn", "Red Sky")),
    ('Netflix released "Cold Water", which stars Dwayne Johnson.', ("Dwayne Johnson", "appearsIn", "Cold Water")),
])
def test_a_work_starring_an_actor(extract, text, fact):
    assert fact in triples(extract(text))


@pytest.mark.parametrize("text, fact", [
    ('The biopic "Maestro" is about Leonard Bernstein.', ("Maestro", "about", "Leonard Bernstein")),
    ('"Tidewater," a sombre drama about Juan Perez, swept the awards.', ("Tidewater", "about", "Juan Perez")),
    ('"Lincoln" drew crowds with a long film about Abraham Lincoln.', ("Lincoln", "about", "Abraham Lincoln")),
])
def test_a_work_about_someone(extract, text, fact):
    assert fact in triples(extract(text))


def test_a_director_who_makes_a_film_about_someone_is_not_its_subject(extract):
    found = triples(extract("Oliver Stone made a documentary about Fidel Castro."))
    assert not any(p == "about" for _, p, _ in found)


def test_a_film_titled_with_a_surname_is_not_the_person(extract):
    found = triples(extract('"Lincoln," a long historical drama, was named best picture. "Lincoln" drew crowds '
                            "with a film about Abraham Lincoln. Critics said Lincoln's world felt real."))
    assert ("Lincoln", "winsAward", "best picture") in found
    assert ("Abraham Lincoln", "winsAward", "best picture") not in found


def test_a_possessed_product_without_a_film_noun_is_not_directed(extract):
    found = triples(extract("Elon Musk's rocket Starship exploded over Texas."))
    assert not any(p == "directs" for _, p, _ in found)
