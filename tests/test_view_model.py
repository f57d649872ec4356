"""Tests for kg.views.model: one view model from Turtle, N-Triples or an rdflib Graph."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from rdflib import Graph

from kg.errors import InputError
from kg.views.model import ViewModel, as_model, from_graph, load_model
from kg.views.report import embed, show

DATA = Path(__file__).parent / "data" / "small_graph.ttl"
BENCH_VIEWS = Path(__file__).resolve().parent.parent / "bench" / "bench_views.py"
KG = "https://w3id.org/newskg/ontology#"
ENT = "https://w3id.org/newskg/entity/"
DOC = "https://w3id.org/newskg/document/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def snapshot(model: ViewModel) -> tuple:
    """Everything a view reads from the model, in the model's own order."""
    return (list(model.graph.nodes(data=True)), list(model.graph.edges(keys=True, data=True)),
            model.statements, model.documents, model.property_labels)


def _as_ntriples(source: Path, target: Path, reverse: bool = False) -> Path:
    lines = sorted(Graph().parse(source).serialize(format="nt").splitlines())
    target.write_text("\n".join(reversed(lines) if reverse else lines) + "\n", encoding="utf-8")
    return target


def test_turtle_ntriples_and_rdflib_give_the_same_model(tmp_path):
    from_ttl = load_model(DATA)
    assert from_ttl.graph.number_of_nodes() == 14 and len(from_ttl.statements) == 16
    expected = snapshot(from_ttl)
    assert snapshot(load_model(_as_ntriples(DATA, tmp_path / "g.nt"))) == expected
    # the model does not depend on the order of the file's triples
    assert snapshot(load_model(_as_ntriples(DATA, tmp_path / "reversed.nt", reverse=True))) == expected
    assert snapshot(from_graph(Graph().parse(DATA))) == expected


def test_a_synthetic_graph_reads_the_same_from_ntriples_and_turtle(tmp_path):
    spec = importlib.util.spec_from_file_location("bench_views", BENCH_VIEWS)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    nt = tmp_path / "graph.nt"
    bench.write_graph(nt, entities=300, links=900, articles=40)
    ttl = tmp_path / "graph.ttl"
    Graph().parse(nt).serialize(ttl, format="turtle")
    from_nt, from_ttl = load_model(nt), load_model(ttl)
    assert from_nt.graph.number_of_nodes() == 300 and from_nt.graph.number_of_edges() == 900
    assert snapshot(from_nt) == snapshot(from_ttl)
    assert from_nt.communities == from_ttl.communities and from_nt.pagerank == from_ttl.pagerank


STATEMENT = f"""
<{ENT}a> a <{KG}Person> ; <http://www.w3.org/2000/01/rdf-schema#label> "Ann Aster" .
<{ENT}b> a <{KG}Country> ; <http://www.w3.org/2000/01/rdf-schema#label> "Borduria" .
<{ENT}a> <{KG}visits> <{ENT}b> .
<{DOC}d1> a <{KG}Article> ; <http://purl.org/dc/terms/title> "A visit" .
"""


def _reading(name: str, confidence: str, modality: str = "asserted", extra: str = "") -> str:
    return (f"<{ENT}s-{name}> a <{RDF}Statement> ; <{RDF}subject> <{ENT}a> ; <{RDF}predicate> <{KG}visits> ; "
            f"<{RDF}object> <{ENT}b> ; <http://www.w3.org/ns/prov#wasDerivedFrom> <{DOC}d1> ; "
            f'<{KG}sentence> "Ann Aster visited Borduria." ; <{KG}charStart> "0" ; '
            f'<{KG}confidence> "{confidence}" ; <{KG}modality> "{modality}" {extra}.\n')


def test_two_readings_of_one_sentence_sort_the_same_in_any_file_order(tmp_path):
    first, second = _reading("x", "0.8"), _reading("y", "0.9")
    one, two = tmp_path / "one.ttl", tmp_path / "two.ttl"
    one.write_text(STATEMENT + first + second)
    two.write_text(second + STATEMENT + first)
    models = load_model(one), load_model(two)
    assert [st.confidence for st in models[0].statements] == [0.9, 0.8]  # the more confident first
    assert snapshot(models[0]) == snapshot(models[1])
    assert models[0].graph.edges[ENT + "a", ENT + "b", KG + "visits"]["confidence"] == 0.9


def test_a_property_given_twice_takes_the_least_value_and_every_speaker(tmp_path):
    speakers = f"; <{KG}statedBy> <{ENT}b> ; <{KG}statedBy> <{ENT}a> "
    path = tmp_path / "twice.ttl"
    path.write_text(STATEMENT + _reading("x", "0.8", extra=f'; <{KG}modality> "planned" {speakers}'))
    model = load_model(path)
    st, = model.statements
    assert st.modality == "asserted" and st.stated_by == (ENT + "a", ENT + "b")
    assert model.documents["d1"].title == "A visit"
    assert snapshot(model) == snapshot(from_graph(Graph().parse(path)))


def test_show_and_embed_accept_a_path_a_graph_or_a_model(tmp_path):
    nt = _as_ntriples(DATA, tmp_path / "g.nt")
    fragment = embed(DATA, focus="Nato", depth=1)
    assert embed(nt, focus="Nato", depth=1) == fragment
    assert embed(as_model(Graph().parse(DATA)), focus="Nato", depth=1) == fragment
    assert show(nt, focus="Nato", depth=1)._repr_html_() == fragment
    assert show(str(DATA), focus="Nato", depth=1)._repr_html_() == fragment


def test_a_malformed_ntriples_file_is_one_line_error(tmp_path):
    bad = tmp_path / "bad.nt"
    bad.write_text(f"<{ENT}a> <{KG}visits> .\n")
    with pytest.raises(InputError, match=r"not valid N-Triples at line 1"):
        load_model(bad)
    with pytest.raises(TypeError, match="expected a ViewModel, an rdflib Graph or a path"):
        as_model(42)
