"""A legislator's chamber (kg/extract/rules/legislators.py): a person titled a senator or a representative is a
member of the chamber of that title named in the same sentence; near misses name another chamber or none."""
from __future__ import annotations

import pytest
from conftest import triples

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text, person, body", [
    ("Sen. Martha Quillen, D-Ore., said the Senate would vote on the bill next week.", "Martha Quillen", "Senate"),
    ("Senator Martha Quillen said the Senate would not pass the budget.", "Martha Quillen", "Senate"),
    ("Rep. Dale Whitcomb, R-Kan., chairman of the House Agriculture Committee, opposed the plan.",
     "Dale Whitcomb", "House Agriculture Committee"),
    ('"Voters expect the Congress to act," said former Sen. Martha Quillen.', "Martha Quillen", "Congress"),
])
def test_a_legislator_sits_in_the_chamber_named(extract, text, person, body):
    found = triples(extract(text))
    assert (person, "memberOf", body) in found, found


@pytest.mark.parametrize("text, person, body", [
    ("Sen. Martha Quillen criticised the House for delaying the vote.", "Martha Quillen", "House"),
    ("Rep. Dale Whitcomb said the Senate had ignored the farmers.", "Dale Whitcomb", "Senate"),
    ("Martha Quillen told the Senate that the plant was safe.", "Martha Quillen", "Senate"),
])
def test_no_chamber_another_title_or_no_title_sits_in(extract, text, person, body):
    found = triples(extract(text))
    assert (person, "memberOf", body) not in found, found
