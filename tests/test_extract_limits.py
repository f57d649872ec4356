"""Tests for kg.extract.limits: relations from run-on "sentences" are dropped, their mentions kept."""
from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import Graph, URIRef

from kg.extract.limits import drop_overlong, token_count
from kg.models import Article, Extraction, Mention, Provenance, Relation

SHORT = "France sanctions Iran."
LONG = "Spain supports Chile, " + ", ".join(f"item {i}" for i in range(300)) + "."


def mention(text: str, start: int) -> Mention:
    return Mention("900", start, start + len(text), text, text, "Country")


def relation(sentence: str, subject: str, obj: str) -> Relation:
    return Relation(mention(subject, 0), "sanctions", mention(obj, 0),
                    Provenance("900", sentence, 0, len(sentence), "svo", 0.8))


def test_token_count_splits_words_and_punctuation():
    assert token_count("Mr Healey's £200m, today.") == 9  # Mr Healey ' s £ 200m , today .


def test_relations_from_overlong_sentences_are_dropped_and_counted():
    kept, gone = relation(SHORT, "France", "Iran"), relation(LONG, "Spain", "Chile")
    extraction = Extraction(Article("900", "900_x.txt", SHORT + " " + LONG), (kept.subject, gone.subject),
                            (kept, gone))
    result, dropped = drop_overlong(extraction, max_tokens=200)
    assert dropped == 1 and result.relations == (kept,)
    assert result.mentions == extraction.mentions
    assert drop_overlong(extraction, max_tokens=10_000) == (extraction, 0)


@pytest.mark.slow
def test_build_option_limits_sentence_length(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "900_sanctions.txt").write_text(
        "EU widens sanctions\n\nFrance sanctioned Iran on Monday, the foreign ministry said.\n", encoding="utf-8")
    triples = {}
    for limit in ("200", "4"):
        out = tmp_path / f"out{limit}"
        subprocess.run([sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out), "--no-view",
                        "--no-cache", "--quiet", "--max-sentence-tokens", limit], check=True, capture_output=True)
        graph = Graph().parse(out / "graph.ttl")
        triples[limit] = set(graph.subject_objects(URIRef("https://w3id.org/newskg/ontology#sanctions")))
    assert triples["200"] and not triples["4"]
