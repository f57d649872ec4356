"""Titles a clause gives (kg/extract/rules/appointments.py): 'appointed X as', 'came back as', 'is the'."""
from __future__ import annotations

import pytest
from conftest import relations, triples

pytestmark = pytest.mark.slow


def test_appointed_as_is_a_role_held_at_whoever_appointed(extract):
    found = extract("Halvorsen Energy appointed Ingrid Solberg as chief executive on Monday.")
    assert {("Ingrid Solberg", "role", "chief executive"), ("Ingrid Solberg", "leads", "Halvorsen Energy")} \
        <= triples(found)
    assert {r.provenance.rule for r in relations(found, "role")} == {"appointed-as"}


@pytest.mark.parametrize("text", ["Lars Mikkelsen came back as chief executive of Vestby Wind in 2020.",
                                  "Lars Mikkelsen is the chief executive of Vestby Wind."])
def test_a_title_the_clause_gives_its_subject(extract, text):
    found = extract(text)
    assert ("Lars Mikkelsen", "leads", "Vestby Wind") in triples(found)
    assert relations(found, "leads")[0].provenance.rule == "predicate-role"


def test_a_negated_appointment_gives_no_role(extract):
    assert relations(extract("Ingrid Solberg was not named chief executive of Halvorsen Energy."), "role") == []
