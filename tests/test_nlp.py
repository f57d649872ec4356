"""Tests for kg.nlp: the model with the gazetteer ruler, batch parsing, and a missing model."""
from __future__ import annotations

import pytest

from kg.errors import ModelError
from kg.models import Article
from spacy.tokens import Span

from kg.nlp import doc_text, load_pipeline, paragraph_entities, parse_articles, ruler_patterns


def test_ruler_patterns_cover_names_aliases_and_demonyms(ontology):
    patterns = {(p["label"], p["pattern"] if isinstance(p["pattern"], str) else None, p["id"])
                for p in ruler_patterns(ontology)}
    assert ("GPE", "Kiev", "Kyiv") in patterns
    assert ("GPE", "Britain", "United Kingdom") in patterns
    assert ("NORP", "Polish", "Poland") in patterns
    assert ("PERSON", "Zelenskyy", "Volodymyr Zelensky") in patterns


def test_missing_model_is_a_model_error(ontology):
    with pytest.raises(ModelError, match="not installed"):
        load_pipeline("xx_no_such_model_kg_test", ontology)


@pytest.mark.slow
def test_gazetteer_ruler_runs_before_the_statistical_ner(nlp):
    names = nlp.pipe_names
    assert names.index("gazetteer_ruler") < names.index("ner") < names.index("event_ruler")


@pytest.mark.slow
def test_parse_articles_keeps_order_and_attaches_the_article(nlp):
    articles = [Article("a1", "a1.txt", "Polish Prime Minister Donald Tusk visited Kiev."),
                Article("a2", "a2.txt", "Leaders gathered at the Munich Security Conference on Friday.")]
    docs = list(parse_articles(nlp, articles, batch_size=1))
    assert [d._.article.doc_id for d in docs] == ["a1", "a2"]
    assert [d.text for d in docs] == [a.text for a in articles]
    ents = {(e.text, e.label_, e.ent_id_) for e in docs[0].ents}
    assert ("Kiev", "GPE", "Kyiv") in ents and ("Polish", "NORP", "Poland") in ents
    assert ("Munich Security Conference", "EVENT") in {(e.text, e.label_) for e in docs[1].ents}


@pytest.mark.slow
def test_sentences_are_split(nlp):
    doc = nlp("Mark Rutte arrived in Vilnius on Tuesday. He met Lithuanian President Gitanas Nauseda.")
    assert len(list(doc.sents)) == 2


@pytest.mark.slow
def test_doc_text_is_the_parsed_text_without_rebuilding_it(nlp):
    text = "  Kyiv, 3 March.\n\nJohn Healey met  Rustem Umerov in London. "
    [doc] = parse_articles(nlp, [Article(doc_id="t", source="t.txt", text=text)])
    assert doc_text(doc) == doc.text == text
    # a Doc whose article is not the text it holds is read from its tokens
    other = nlp("Paris is far.")
    other._.article = Article(doc_id="u", source="u.txt", text="a different text")
    assert doc_text(other) == "Paris is far."
    empty = nlp("")
    empty._.article = Article(doc_id="v", source="v.txt", text="")
    assert doc_text(empty) == ""


@pytest.mark.slow
def test_a_blank_line_ends_a_sentence(nlp):
    text = "Flood warning issued for the Rhine valley\n\nKOBLENZ, Germany — Rescue crews worked through the night."
    (doc,) = parse_articles(nlp, [Article("p1", "p1.txt", text)])
    firsts = [s.text.strip() for s in doc.sents]
    assert firsts[0] == "Flood warning issued for the Rhine valley"  # the headline is its own sentence
    assert all("\n\n" not in s for s in firsts)


@pytest.mark.slow
def test_no_name_runs_over_a_blank_line(nlp):
    doc = nlp("She posted the message on X.\n\nOnce Anna Berg had landed in Oslo, she spoke.")
    assert all("\n" not in e.text for e in doc.ents)
    made = nlp.make_doc("Talks in Nordvik\n\nHarbour began.")
    made.ents = [Span(made, 2, 5, label="GPE")]  # 'Nordvik \n\n Harbour' as one name
    assert [e.text for e in paragraph_entities(made).ents] == ["Nordvik"]
