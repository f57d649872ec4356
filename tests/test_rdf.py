"""Tests for kg.rdf: plain triples, one reified statement per fact, readable IRIs, deterministic output."""
from __future__ import annotations

from decimal import Decimal

import pytest
import rdflib
import rdflib.collection
from conftest import SEED_CORPUS, run_kg
from rdflib import RDF, RDFS, XSD, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.config import BASE_IRI, ONTOLOGY_DIR, Settings, data_namespaces
from kg.errors import InputError
from kg.models import Article, Entity, Fact, KnowledgeGraph, Provenance, Quantity
from kg.rdf.graph import build_graphs
from kg.rdf.ontology_graph import load_ontology_graph
from kg.rdf.serializers import turtle
from kg.sparql.validate import validate

KG = Namespace("https://w3id.org/newskg/ontology#")
ENT = Namespace(BASE_IRI + "entity/")
DOC = Namespace(BASE_IRI + "document/")
PROV = Namespace("http://www.w3.org/ns/prov#")
XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
ENTITY_PREDICATES_SKIPPED = {KG.mentionedIn, KG.authorOf}

SENTENCE = "Angela Smith, the Irish Foreign Minister, met Marta Kowalczyk in Lisbon."


def small_kg() -> KnowledgeGraph:
    prov = Provenance("100", SENTENCE, 10, 10 + len(SENTENCE), "apposition-role", 0.9)
    low = Provenance("100", SENTENCE, 10, 10 + len(SENTENCE), "svo", 0.3)
    said = Provenance("100", SENTENCE, 10, 10 + len(SENTENCE), "svo", 0.85, "reported", date="2026-01-03")
    return KnowledgeGraph(
        articles=(Article("100", "100_lisbon.txt", "x" * 100, title="Irish minister in Lisbon", date="2026-01-05"),),
        entities=(Entity("angela-smith", "Angela Smith", "Person", ("Smith", "Ms Smith"), docs=("100",)),
                  Entity("marta-kowalczyk", "Marta Kowalczyk", "Person", docs=("100",)),
                  Entity("ireland", "Ireland", "Country", wikidata="Q27", docs=("100",)),
                  Entity("lisbon", "Lisbon", "City", docs=("100",))),
        facts=(Fact("angela-smith", "serves", "ireland", True, prov),
               Fact("angela-smith", "role", "Irish Foreign Minister", False, prov),
               Fact("angela-smith", "meets", "marta-kowalczyk", True, said, stated_by="marta-kowalczyk"),
               Fact("ireland", "amount", Quantity(Decimal("200000000"), "GBP", "£200m"), False, prov),
               Fact("angela-smith", "visits", "lisbon", True, low)),
        authors=(("100", "marta-kowalczyk"),))


@pytest.fixture(scope="module")
def graphs():
    return build_graphs(small_kg(), load_ontology_graph(ONTOLOGY_DIR), BASE_IRI, 0.5)


def test_entities_have_readable_iris_type_label_and_aliases(graphs):
    g, _ = graphs
    smith = ENT["angela-smith"]
    assert str(smith) == "https://w3id.org/newskg/entity/angela-smith"
    assert (smith, RDF.type, KG.Person) in g
    assert list(g.objects(smith, RDFS.label)) == [Literal("Angela Smith")]
    assert set(g.objects(smith, SKOS.altLabel)) == {Literal("Smith"), Literal("Ms Smith")}
    assert (ENT.ireland, URIRef("http://www.w3.org/2002/07/owl#sameAs"),
            URIRef("http://www.wikidata.org/entity/Q27")) in g


def test_relations_are_plain_triples(graphs):
    g, _ = graphs
    assert (ENT["angela-smith"], KG.serves, ENT.ireland) in g
    assert (ENT["angela-smith"], KG.role, Literal("Irish Foreign Minister")) in g
    assert (ENT["angela-smith"], KG.meets, ENT["marta-kowalczyk"]) in g


def test_every_relation_triple_has_a_reified_statement_with_provenance(graphs):
    g, _ = graphs
    relation_triples = [(s, p, o) for s, p, o in g
                        if str(s).startswith(str(ENT)) and str(p).startswith(str(KG))
                        and p not in ENTITY_PREDICATES_SKIPPED]
    assert len(relation_triples) == 4
    for s, p, o in relation_triples:
        stmts = [st for st in g.subjects(RDF.subject, s)
                 if (st, RDF.predicate, p) in g and (st, RDF.object, o) in g]
        assert len(stmts) == 1, (s, p, o)
        st = stmts[0]
        assert (st, RDF.type, RDF.Statement) in g
        assert g.value(st, PROV.wasDerivedFrom) == DOC["100"]
        assert str(g.value(st, KG.sentence)) == SENTENCE
        assert g.value(st, KG.charStart).toPython() == 10
        assert g.value(st, KG.charEnd).toPython() == 10 + len(SENTENCE)
        assert g.value(st, KG.rule) is not None
        conf = g.value(st, KG.confidence)
        assert conf.datatype == XSD_DECIMAL and 0 < conf.toPython() <= 1
        assert str(g.value(st, KG.modality)) in {"asserted", "planned", "hypothetical", "reported"}


def test_quotation_speaker_is_on_the_statement(graphs):
    g, _ = graphs
    (st,) = [s for s in g.subjects(RDF.predicate, KG.meets)]
    assert g.value(st, KG.statedBy) == ENT["marta-kowalczyk"]
    assert str(g.value(st, KG.modality)) == "reported"


def test_the_event_date_is_on_the_statement_typed_by_how_much_is_known(graphs):
    g, _ = graphs
    (met,) = [s for s in g.subjects(RDF.predicate, KG.meets)]
    (served,) = [s for s in g.subjects(RDF.predicate, KG.serves)]
    assert g.value(met, KG.date) == Literal("2026-01-03", datatype=XSD.date)
    assert g.value(served, KG.date) is None  # the sentence gave no date


@pytest.mark.parametrize("date, datatype", [("2025", "gYear"), ("2025-08", "gYearMonth")])
def test_a_partial_date_is_a_year_or_a_year_and_month(date, datatype):
    prov = Provenance("100", SENTENCE, 10, 10 + len(SENTENCE), "svo", 0.9, date=date)
    kg = KnowledgeGraph(articles=(Article("100", "100.txt", "x" * 100),),
                        entities=(Entity("ireland", "Ireland", "Country", docs=("100",)),
                                  Entity("lisbon", "Lisbon", "City", docs=("100",))),
                        facts=(Fact("ireland", "visits", "lisbon", True, prov),))
    g, _ = build_graphs(kg, load_ontology_graph(ONTOLOGY_DIR), BASE_IRI, 0.5)
    (st,) = g.subjects(RDF.predicate, KG.visits)
    assert g.value(st, KG.date) == Literal(date, datatype=XSD[datatype])


def test_money_is_a_quantity_node_with_decimal_value_and_currency(graphs):
    g, _ = graphs
    (qty,) = g.objects(ENT.ireland, KG.amount)
    assert (qty, RDF.type, KG.MonetaryAmount) in g
    value = g.value(qty, KG.value)
    assert value.datatype == XSD_DECIMAL and value.toPython() == Decimal("200000000")
    assert str(g.value(qty, KG.unit)) == "GBP"


def test_low_confidence_facts_go_to_the_other_graph(graphs):
    g, low = graphs
    assert (ENT["angela-smith"], KG.visits, ENT.lisbon) not in g
    assert (ENT["angela-smith"], KG.visits, ENT.lisbon) in low


def test_the_low_confidence_graph_describes_what_its_facts_name(graphs):
    g, low = graphs
    for node in (ENT["angela-smith"], ENT.lisbon):
        assert low.value(node, RDF.type) == g.value(node, RDF.type) is not None
        assert low.value(node, RDFS.label) == g.value(node, RDFS.label)
    assert (DOC["100"], RDF.type, KG.Article) in low and low.value(DOC["100"], DCTERMS.title) is not None
    assert (ENT.ireland, RDFS.label, None) not in low  # named by no low-confidence fact
    as_file = rdflib.Graph().parse(data=turtle(low), format="turtle")
    assert validate(as_file, ONTOLOGY_DIR).conforms  # low-confidence.ttl is read on its own


def test_documents_and_authors(graphs):
    g, _ = graphs
    doc = DOC["100"]
    assert (doc, RDF.type, KG.Article) in g
    assert str(g.value(doc, KG.sourceFile)) == "100_lisbon.txt"
    assert (ENT["marta-kowalczyk"], KG.authorOf, doc) in g


def test_the_ontology_travels_with_the_graph(graphs):
    g, _ = graphs
    assert (KG.Country, RDFS.subClassOf, KG.Place) in g


def test_another_base_iri_mints_every_iri_under_it():
    base = "https://example.org/news/"
    graph, low = build_graphs(small_kg(), load_ontology_graph(ONTOLOGY_DIR), base, 0.5)
    for g in (graph, low):
        iris = {str(t) for triple in g for t in triple if isinstance(t, URIRef)}
        vocabulary = {iri for iri in iris if iri.startswith(str(KG)) or iri == str(KG).rstrip("#")}
        assert {iri for iri in iris if iri.startswith(BASE_IRI)} == vocabulary  # kg.ttl's own IRIs only
        assert {prefix: str(ns) for prefix, ns in g.namespaces() if prefix in data_namespaces()} == \
            data_namespaces(base)
    assert (URIRef(base + "entity/angela-smith"), RDF.type, KG.Person) in graph
    assert (URIRef(base + "entity/angela-smith"), KG.visits, URIRef(base + "entity/lisbon")) in low


def test_a_base_iri_must_end_a_path_or_a_fragment():
    with pytest.raises(InputError, match="must end with '/' or '#'"):
        Settings(base_iri="https://example.org/news")


def test_serialisation_round_trips_and_is_stable():
    a = turtle(build_graphs(small_kg(), load_ontology_graph(ONTOLOGY_DIR), BASE_IRI, 0.5)[0])
    b = turtle(build_graphs(small_kg(), load_ontology_graph(ONTOLOGY_DIR), BASE_IRI, 0.5)[0])
    assert a == b
    from rdflib.compare import isomorphic
    # Compared as graphs, never as strings. One parse first: Turtle writes the decimal "200000000"
    # as 200000000.0, the same value under another lexical form, which isomorphic() would count as a change.
    g = rdflib.Graph().parse(data=a, format="turtle")
    assert len(g) == len(build_graphs(small_kg(), load_ontology_graph(ONTOLOGY_DIR), BASE_IRI, 0.5)[0])
    assert isomorphic(g, rdflib.Graph().parse(data=turtle(g), format="turtle"))


@pytest.mark.slow
def test_two_builds_of_the_seed_corpus_are_byte_identical(seed_build, tmp_path):
    proc = run_kg("build", str(SEED_CORPUS), "--out", str(tmp_path), "--no-view", "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "graph.ttl").read_bytes() == seed_build.read_bytes()


@pytest.mark.slow
def test_seed_graph_reifies_every_relation(seed_build):
    g = rdflib.Graph().parse(seed_build, format="turtle")
    entities = {s for s in g.subjects(RDFS.label) if str(s).startswith(str(ENT))}
    relation_triples = [(s, p, o) for s, p, o in g if s in entities and str(p).startswith(str(KG))
                        and p not in ENTITY_PREDICATES_SKIPPED and (o in entities or isinstance(o, Literal))]
    assert relation_triples
    stated = {(g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object))
              for st in g.subjects(RDF.type, RDF.Statement)}
    assert [t for t in relation_triples if t not in stated] == []
    assert (ENT["john-healey"], RDF.type, KG.Person) in g


def _awkward_graph() -> rdflib.Graph:
    """Terms the remembering serialiser must still write as rdflib does: tags differing in case,
    decimals differing in form, blank nodes (inline and shared), a list, a predicate in an
    unbound namespace (a generated prefix), a local name ending in a dot, escapes."""
    ex, unbound = Namespace("http://example.org/"), Namespace("http://unbound.example/ns/")
    g = rdflib.Graph()
    g.bind("ex", ex)
    inline, shared, items = rdflib.BNode(), rdflib.BNode(), rdflib.BNode()
    for triple in [(ex.s, RDF.type, ex.C), (ex.s, RDFS.label, Literal("x", lang="en")),
                   (ex.t, RDFS.label, Literal("x", lang="EN")),
                   (ex.s, ex.p, Literal("1.0", datatype=XSD_DECIMAL)),
                   (ex.s, ex.p, Literal("1.00", datatype=XSD_DECIMAL)),
                   (ex.s, ex.p, Literal(200000000, datatype=XSD_DECIMAL)), (ex.s, ex.p, Literal(1.5)),
                   (ex.s, ex.q, inline), (inline, ex.r, Literal("in a blank node")),
                   (ex.s, ex.q, shared), (ex.t, ex.q, shared), (shared, ex.r, ex.s),
                   (ex.s, ex.list, items), (ex.s, unbound.pred, ex.o),
                   (ex["x."], ex.p, Literal("a local name ending in a dot")),
                   (URIRef("http://example.org/a(b)"), ex.p, Literal('line\n"quoted" \u00e9'))]:
        g.add(triple)
    rdflib.collection.Collection(g, items, [Literal(1), ex.x, Literal("two")])
    return g


def _copy(g: rdflib.Graph) -> rdflib.Graph:
    """The same triples and prefixes in a graph of its own: serialising may bind a generated prefix."""
    copy = rdflib.Graph()
    for prefix, ns in g.namespaces():
        copy.bind(prefix, ns, override=True, replace=True)
    for triple in g:
        copy.add(triple)
    return copy


def _small_kg_graph() -> rdflib.Graph:
    return build_graphs(small_kg(), load_ontology_graph(ONTOLOGY_DIR), BASE_IRI, 0.5)[0]


@pytest.mark.parametrize("make", [_awkward_graph, _small_kg_graph])
def test_turtle_is_byte_for_byte_rdflibs_own(make):
    g = make()
    assert turtle(_copy(g)) == _copy(g).serialize(format="turtle", encoding="utf-8")


def test_an_open_relation_is_a_minted_subproperty_of_related_to_with_its_phrase_as_label():
    from kg.models import open_predicate
    from kg.ontology.vocabulary import OPEN

    prov = Provenance("100", SENTENCE, 10, 10 + len(SENTENCE), "open", 0.45)
    kg = KnowledgeGraph(articles=small_kg().articles, entities=small_kg().entities,
                        facts=(Fact("ireland", open_predicate("lift restriction on"), "lisbon", True, prov),))
    main, low = build_graphs(kg, load_ontology_graph(ONTOLOGY_DIR), BASE_IRI, 0.5)
    p = OPEN.liftRestrictionOn
    assert (ENT.ireland, p, ENT.lisbon) in low and (ENT.ireland, p, ENT.lisbon) not in main
    assert (p, RDFS.subPropertyOf, KG.relatedTo) in low
    assert (p, RDFS.label, Literal("lift restriction on")) in low
    stmt = next(low.subjects(RDF.predicate, p))
    assert (stmt, KG.rule, Literal("open")) in low
    assert (KG.relatedTo, RDFS.label, Literal("related to")) in main  # declared by the ontology
