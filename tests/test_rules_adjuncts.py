"""Tests for kg.extract.rules.adjuncts: 'at the invitation of X' names who invited the clause's subject."""
from __future__ import annotations

import pytest
from conftest import triples

pytestmark = pytest.mark.slow


def test_an_invitation_in_an_adjunct_invites_the_clause_subject(extract):
    found = triples(extract("Prime Minister Shehbaz Sharif is on an official visit to China at the invitation of "
                            "Premier Li Qiang."))
    assert ("Li Qiang", "invites", "Shehbaz Sharif") in found
    assert ("Shehbaz Sharif", "invites", "Li Qiang") not in found


def test_a_possessive_invitation(extract):
    found = triples(extract("Olaf Scholz travelled to Paris at Emmanuel Macron's invitation."))
    assert ("Emmanuel Macron", "invites", "Olaf Scholz") in found


def test_an_invitation_that_is_not_an_adjunct_invites_no_one(extract):
    found = triples(extract("Olaf Scholz declined the invitation of Emmanuel Macron."))
    assert not any(p == "invites" for _, p, _ in found)
