"""Tests for kg.rdf.turtle: the build's Turtle writer gives rdflib's TurtleSerializer bytes, on awkward graphs too."""
from __future__ import annotations

import io
import random
from collections.abc import Callable
from decimal import Decimal

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef

from kg.rdf.turtle import IndexedTurtleSerializer, subject_index, turtle

EX = Namespace("https://example.org/ent/")
VOC = Namespace("https://example.org/voc#")
# an open namespace: pytest reads every module global, and rdflib's closed XSD warns at unknown names
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
ELSEWHERE = Namespace("https://unbound.example.net/terms/")  # no prefix bound: rdflib makes one (ns1)


def _graph(triples: list[tuple], store: str = "SimpleMemory") -> Graph:
    g = Graph(store=store)
    g.bind("ex", EX)
    g.bind("voc", VOC)
    for triple in triples:
        g.add(triple)
    return g


def _rdflib_bytes(make: Callable[[], Graph]) -> bytes:
    # a graph of its own: serialising binds generated prefixes in the graph it writes
    return make().serialize(format="turtle", encoding="utf-8")


AWKWARD_LITERALS = [
    Literal('He said "no" and left'), Literal("it's"), Literal('three """ quotes'), Literal("line\nbreak"),
    Literal("tab\there\r\n"), Literal("back\\slash"), Literal("Zürich – 東京 🙂"), Literal("\u2028 odd \x1c space"),
    Literal("word " * 200), Literal(""), Literal("colour", lang="en-GB"), Literal("Colour", lang="EN"),
    Literal("Farbe", lang="de"), Literal(7), Literal(-7), Literal("007", datatype=XSD.integer),
    Literal(Decimal("1.50")), Literal("1.5", datatype=XSD.decimal), Literal("2.0E3", datatype=XSD.double),
    Literal(2.5), Literal(True), Literal("2025-08-01", datatype=XSD.date), Literal("2025-08", datatype=XSD.gYearMonth),
    Literal("2025", datatype=XSD.gYear), Literal("abc", datatype=XSD.string), Literal("x", datatype=ELSEWHERE.kind),
    Literal("not a number", datatype=XSD.integer), Literal("12", datatype=VOC.code),
]


def _awkward_triples() -> list[tuple]:
    triples: list[tuple] = [(EX[f"e{k}"], VOC.value, lit) for k, lit in enumerate(AWKWARD_LITERALS)]
    triples += [(EX.many, VOC.value, lit) for lit in AWKWARD_LITERALS]  # one object list of every kind
    triples += [(EX.plain, RDFS.label, Literal(t)) for t in ("b", "a", "B", "é", "a b", "10", "9")]
    triples += [(EX.nums, VOC.n, Literal(Decimal(v))) for v in ("1.0", "1.00", "0.5", "10")]
    triples += [(EX.links, VOC.rel, EX[n]) for n in ("b", "a", "c", "e1", "e10", "e2")]
    triples += [(EX.mixed, VOC.rel, o) for o in (EX.a, Literal("a"), URIRef("https://other.example/x"))]
    triples += [(EX.Thing, RDF.type, RDFS.Class), (EX.Other, RDF.type, RDFS.Class), (EX.Thing, RDF.type, OWL.Class),
                (EX.a, RDF.type, EX.Thing), (EX.b, RDF.type, EX.Thing), (EX.b, RDF.type, EX.Other),
                (EX.nil, VOC.rest, RDF.nil), (EX.a, RDFS.label, Literal("A")), (EX.a, RDFS.comment, Literal("a"))]
    # IRIs no prefixed name can write: a local name ending in '.', brackets, '%', no namespace bound
    triples += [(EX["dot."], VOC.rel, EX["paren(1)"]), (EX["pct%zz"], VOC.rel, EX["pct%41"]),
                (URIRef("https://news.example/a?b=c&d"), VOC.url, URIRef("http://x.example/"))]
    # an IRI of an unbound namespace met as an object before that namespace's predicate gets ns1
    triples += [(EX.early, VOC.rel, ELSEWHERE.thing), (EX.late, ELSEWHERE.prop, Literal("v")),
                (ELSEWHERE.thing, ELSEWHERE.prop, EX.early)]
    return triples


def test_the_indexed_writer_gives_rdflib_s_bytes_on_awkward_terms() -> None:
    def make() -> Graph:
        return _graph(_awkward_triples())

    g = make()
    assert subject_index(g) is not None  # the fast path, not rdflib's fallback, is what is compared
    ours = turtle(g)
    assert ours == _rdflib_bytes(make)
    assert b"@prefix ns1: <https://unbound.example.net/terms/>" in ours and b'"""' in ours


def test_a_graph_with_blank_nodes_or_another_store_is_left_to_rdflib() -> None:
    bnode_triples = [(EX.a, VOC.rel, BNode("b1")), (BNode("b1"), RDFS.label, Literal("inner")),
                     (BNode("b2"), VOC.rel, EX.a)]
    for make in (lambda: _graph(bnode_triples), lambda: _graph(_awkward_triples(), store="default")):
        assert subject_index(make()) is None
        assert turtle(make()) == _rdflib_bytes(make)


def test_a_removed_triple_leaves_no_trace_in_the_turtle() -> None:
    def make() -> Graph:
        g = _graph([(EX.a, VOC.rel, EX.b), (EX.c, VOC.rel, EX.b), (EX.a, RDFS.label, Literal("A"))])
        g.remove((EX.c, VOC.rel, EX.b))  # SimpleMemory keeps EX.c's emptied entry
        return g

    assert turtle(make()) == _rdflib_bytes(make)
    assert b"ex:c" not in turtle(make())


def test_the_indexed_writer_matches_rdflib_on_random_graphs() -> None:
    rng = random.Random(13)
    subjects = [EX[f"s{k}"] for k in range(25)]
    predicates = [RDF.type, RDFS.label, VOC.p, VOC.q, ELSEWHERE.r, OWL.sameAs]
    objects = subjects + AWKWARD_LITERALS + [EX.Thing, RDFS.Class, XSD.date]
    for _ in range(20):
        triples = [(rng.choice(subjects), rng.choice(predicates), rng.choice(objects)) for _ in range(120)]
        assert turtle(_graph(triples)) == _rdflib_bytes(lambda: _graph(triples))


def test_an_empty_graph_is_written_as_rdflib_writes_it() -> None:
    assert turtle(_graph([])) == _rdflib_bytes(lambda: _graph([]))


@pytest.mark.parametrize("option", [{"base": "https://example.org/ent/"}, {"spacious": True}])
def test_a_base_or_spacious_layout_is_rdflib_s_own(option: dict) -> None:
    def make() -> Graph:
        return _graph([(EX.a, VOC.rel, EX.b), (EX.b, RDFS.label, Literal("B"))])

    stream = io.BytesIO()
    IndexedTurtleSerializer(make()).serialize(stream, **option)
    assert stream.getvalue() == make().serialize(format="turtle", encoding="utf-8", **option)


def test_the_build_s_graphs_take_the_indexed_path() -> None:
    from kg.rdf.graph import IRIs, new_graph

    g = new_graph(IRIs("https://w3id.org/newskg/"))
    g.add((EX.a, RDFS.label, Literal("A")))
    assert type(g) is rdflib.Graph and subject_index(g) is not None
