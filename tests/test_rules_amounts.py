"""Amounts and counts (kg/extract/rules/amounts.py): a number belongs to the money's giver, the counted
agent, the clause's actor or the nearest entity."""
from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import quantities, relations, triples

pytestmark = pytest.mark.slow


def test_money_belongs_to_the_clauses_actor(extract):
    [(owner, qty)] = quantities(extract("The British government allocated £200 million to the programme."))
    assert (owner, qty.value, qty.unit) == ("United Kingdom", Decimal(200_000_000), "GBP")


def test_a_count_belongs_to_the_agent_it_counts(extract):
    found = extract("Russia has deployed 17,000 North Korean soldiers in Kursk.")
    assert [(o, q.value, q.unit) for o, q in quantities(found)] == [("North Korea", Decimal(17000), "soldier")]
    assert relations(found, "amount")[0].provenance.rule == "count"


def test_money_raised_from_a_source_is_the_givers(extract):
    found = extract("Kestrel Robotics raised $40m from Sequoia Capital.")
    assert [(o, q.value, q.unit) for o, q in quantities(found)] == [("Sequoia Capital", Decimal(40_000_000), "USD")]


def test_a_number_with_no_owner_in_reach_states_nothing(extract):
    assert quantities(extract("He said that it would cost £3m.")) == []


def test_a_share_of_the_vote_belongs_to_who_took_it(extract):
    found = quantities(extract("Lucia Moreno took about 52% of the vote, while Tomas Vidal got just over 47%."))
    assert ("Lucia Moreno", Decimal(52), "percent") in {(s, q.value, q.unit) for s, q in found}
    assert ("Tomas Vidal", Decimal(47), "percent") in {(s, q.value, q.unit) for s, q in found}


def test_an_age_belongs_to_the_person_it_describes(extract):
    found = {(s, q.value, q.unit) for s, q in quantities(extract("The 70-year-old Tomas Vidal won on Sunday."))}
    assert ("Tomas Vidal", Decimal(70), "years of age") in found


def test_an_age_is_never_a_company_s(extract):
    assert quantities(extract("The 40-year-old company Acme Corp collapsed.")) == []


def test_the_age_of_a_nationality_description_is_the_person_it_means(extract):
    found = quantities(extract("Daniil Medvedev beat Casper Ruud in Madrid on Friday. The 27-year-old Russian had "
                               "lost their previous meeting."))
    assert any(name == "Daniil Medvedev" and q.value == 27 for name, q in found)
    assert not any(name in ("Russia", "Casper Ruud") and q.value == 27 for name, q in found)


def test_a_numeral_ordinal_is_a_value_and_a_word_ordinal_is_not(extract):
    found = quantities(extract("In his 200th race for Ferrari, Charles Leclerc beat Lando Norris."))
    assert any(name == "Charles Leclerc" and q.value == 200 for name, q in found)
    assert quantities(extract("Charles Leclerc finished first in Monza, ahead of Lando Norris.")) == []


def test_a_number_inside_a_name_is_no_amount_of_it(extract):
    found = triples(extract("A magnitude 5.9 earthquake shook eastern Albania on Tuesday, damaging dozens of homes."))
    amounts = {(s, o.unit, float(o.value)) for s, p, o in found if p == "amount"}
    assert ("magnitude 5.9 earthquake", "magnitude", 5.9) in amounts
    assert not any(unit == "earthquake" for _, unit, _ in amounts)
