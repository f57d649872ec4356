"""The rule context (kg/extract/rules/context.py): how every rule's finding becomes a Relation, with its
modality, negation, speaker, metonymy, domain and range check, and its confidence from ontology/rules.yaml."""
from __future__ import annotations

import pytest
from conftest import relations, triples

pytestmark = pytest.mark.slow


def _one(extractions, predicate):
    found = relations(extractions, predicate)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, modality", [
    ("Britain will deploy troops to Estonia next year.", "planned"),  # lexicon.yaml modality.future
    ("Britain would deploy troops to Estonia if asked.", "hypothetical"),
    ("Britain deployed troops to Estonia last year.", "asserted"),
])
def test_modality_comes_from_the_auxiliary(extract, text, modality):
    assert _one(extract(text), "deploysTo").provenance.modality == modality


@pytest.mark.parametrize("text", [
    "France never deployed troops to Estonia.",  # modality.negators
    "The UK refused to send troops to Ukraine.",  # modality.negating
])
def test_a_negated_statement_states_nothing(extract, text):
    assert relations(extract(text), "deploysTo") == []


def test_the_speaker_of_a_quotation_and_of_reported_speech(extract):
    quoted = _one(extract('"We will send more troops to Estonia," Defence Secretary John Healey said.'),
                  "deploysTo")
    reported = _one(extract("John Healey said that Britain had sent troops to Estonia."), "deploysTo")
    assert quoted.provenance.stated_by.name == reported.provenance.stated_by.name == "John Healey"


def test_a_capital_in_an_actors_slot_is_its_country(extract):
    rel = _one(extract("Washington supports Kyiv."), "supports")
    assert (rel.subject.name, rel.object.name) == ("United States", "Ukraine")
    assert rel.subject.source == rel.object.source == "metonymy"


def test_a_relation_of_a_thing_to_itself_is_dropped(extract):
    assert relations(extract("Britain sent troops to Britain."), "deploysTo") == []


def test_confidence_is_the_rules_from_rules_yaml_times_the_argument_factors(extract, ontology):
    confidence = ontology.rules.confidence
    direct, = relations(extract("Britain deployed troops to Estonia."), "deploysTo")
    assert direct.provenance.confidence == confidence["prep"]
    found = extract("John Healey visited Kyiv. He deployed troops to Estonia.")
    by_pronoun = _one(found, "deploysTo")
    assert by_pronoun.subject.source == "coref-pronoun"
    factor = ontology.rules.argument_confidence.coref
    assert by_pronoun.provenance.confidence == round(confidence["prep"] * factor, 2)
    assert ("John Healey", "visits", "Kyiv") in triples(found)


def test_the_date_the_sentence_gives_the_event_is_on_the_statement(extract):
    # "the contract" names no entity, so the agreement is named: both signatories' statements are dated
    signs = relations(extract("Poland and South Korea signed the Gdansk Agreement on 1 August 2025."), "signs")
    assert [r.provenance.date for r in signs] == ["2025-08-01", "2025-08-01"]


def test_a_weekday_is_dated_from_the_article_and_no_date_is_none(extract):
    from kg.models import Article
    text = "Angela Smith met Marta Kowalczyk on Tuesday."
    dated = extract(Article("900", "900.txt", text, date="2024-05-06"))  # a Monday
    assert _one(dated, "meets").provenance.date == "2024-04-30"
    assert _one(extract(text), "meets").provenance.date is None  # no article date: no guess
    assert _one(extract("Angela Smith met Marta Kowalczyk."), "meets").provenance.date is None
