"""Precision where the sentence says otherwise: refusal and failure, reporting and quoting, interviews,
acts that are ended or averted, a verb whose preposition introduces a setting, and places that qualify
something else. Each sentence names two entities that a careless rule would join."""
from __future__ import annotations

import pytest
from conftest import relations, triples

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text", [
    "Most Danes oppose sending their soldiers to Mali.",  # the parser reads "oppose" as an auxiliary
    "The Dutch government failed to send troops to Mali.",  # lexicon modality.negating: fail
    "The Dutch government declined to send troops to Mali.",  # ... decline
])
def test_opposing_failing_or_declining_to_act_states_no_act(extract, text):
    assert relations(extract(text), "deploysTo") == []


def test_declining_to_acquire_is_no_acquisition(extract):
    assert relations(extract("Aldon Motors declined to acquire Brenta Steel."), "acquires") == []
    assert ("Aldon Motors", "acquires", "Brenta Steel") in triples(extract("Aldon Motors acquired Brenta Steel."))


def test_an_interview_with_a_news_agency_is_not_writing_for_it(extract):
    found = extract("In an interview with Reuters, Finnish Prime Minister Petteri Orpo said the alliance was ready.")
    assert relations(found, "writesFor") == []
    assert ("Petteri Orpo", "leads", "Finland") in triples(found)


def test_ending_a_war_does_not_make_its_subjects_attackers(extract):
    found = extract("Peru and Chile agreed to work toward ending the war in Bolivia.")
    assert relations(found, "attacks") == []
    assert ("Peru", "agreesWith", "Chile") in triples(found) or ("Chile", "agreesWith", "Peru") in triples(found)


def test_presiding_over_sales_at_a_company_does_not_chair_it(extract):
    assert relations(extract("Maria Lopez presided over record profits at Aldon Motors."), "chairs") == []


def test_reported_speech_has_modality_reported_and_keeps_its_speaker(extract):
    said, = relations(extract("Maria Lopez said that Aldon Motors had acquired Brenta Steel."), "acquires")
    assert said.provenance.modality == "reported"
    assert said.provenance.stated_by.name == "Maria Lopez"
    plain, = relations(extract("Aldon Motors acquired Brenta Steel."), "acquires")
    assert plain.provenance.modality == "asserted" and plain.provenance.stated_by is None


def test_a_quotation_is_reported_by_its_speaker(extract):
    quoted, = relations(extract('"We have bought Brenta Steel," Aldon Motors chief executive Maria Lopez said.'),
                        "acquires")
    assert quoted.provenance.modality == "reported"
    assert quoted.provenance.stated_by.name == "Maria Lopez"


def test_according_to_names_who_states_it(extract):
    found = extract("According to the Kremlin, Russia attacked Kharkiv on Sunday.")
    attack, = relations(found, "attacks")
    assert attack.provenance.modality == "reported"
    assert attack.provenance.stated_by.name == "Kremlin"


def test_a_place_after_a_comma_that_qualifies_a_title_is_not_a_wider_place(extract):
    found = triples(extract("As the White House put it, US President Barack Obama phoned Angela Merkel."))
    assert not any(p == "locatedIn" for _, p, _ in found)
    owner = triples(extract("The news was conveyed by the Chilean embassy in Lisbon, Peru's representative there."))
    assert ("Lisbon", "locatedIn", "Peru") not in owner
    city = triples(extract("The flood hit Porto, Portugal's second-largest city, on Monday."))
    assert ("Porto", "locatedIn", "Portugal") in city
    assert ("Austin", "locatedIn", "Texas") in triples(extract("The storm hit Austin, Texas, on Monday."))


def test_talks_of_an_organisation_in_a_place_do_not_locate_the_organisation(extract):
    found = triples(extract("A deal was reached at UN talks in Egypt."))
    assert ("UN", "locatedIn", "Egypt") not in found
    assert ("United Nations", "locatedIn", "Egypt") not in found


@pytest.mark.parametrize("text", [
    "Aldon Motors called off its acquisition of Brenta Steel.",  # "call off": a negating verb with its particle
    "Aldon Motors dropped its bid to acquire Brenta Steel.",  # an infinitive on a noun of intent
    "Aldon Motors abandoned its plan to acquire Brenta Steel.",
])
def test_an_abandoned_or_cancelled_deal_states_no_acquisition(extract, text):
    assert relations(extract(text), "acquires") == []


def test_ruling_out_a_deployment_states_none(extract):
    assert relations(extract("Britain ruled out sending troops to Ukraine."), "deploysTo") == []


@pytest.mark.parametrize("text, modality", [
    ("Aldon Motors is in talks over a possible takeover of Brenta Steel.", "hypothetical"),
    ("Aldon Motors confirmed a proposed acquisition of Brenta Steel.", "planned"),
])
def test_an_adjective_of_possibility_or_plan_on_a_nominalisation_sets_its_modality(extract, text, modality):
    deal, = relations(extract(text), "acquires")
    assert deal.provenance.modality == modality


def test_a_news_agency_reporting_a_fact_states_it(extract):
    deal, = relations(extract("Reuters reported that Aldon Motors had acquired Brenta Steel."), "acquires")
    assert deal.provenance.modality == "reported" and deal.provenance.stated_by.name == "Reuters"


def test_what_an_accusation_says_is_reported_by_the_accuser(extract):
    found = extract("Lithuanian Defence Minister Rasa Kalnina accused Minsk of helping Moscow.")
    help_, = relations(found, "supports")
    assert (help_.subject.name, help_.object.name) == ("Belarus", "Russia")
    assert help_.provenance.modality == "reported"
    assert help_.provenance.stated_by.name == "Rasa Kalnina"
