"""Tests for kg.sparql.validate: shapes generated from the ontology, the static shapes, the report and the CLI."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib import RDF, RDFS, SH, Literal, Namespace, URIRef

from kg.cli import main
from kg.config import BASE_IRI, ONTOLOGY_DIR
from kg.errors import InputError, OntologyError, ValidationError
from kg.ontology.vocabulary import NAMESPACE
from kg.sparql.validate import (
    ValidationResult, Violation, base_iri_of, format_report, shapes_for, validate, validate_file,
)

DATA = Path(__file__).parent / "data"
TEST_GRAPH = DATA / "query_graph.ttl"
ENT = Namespace("https://w3id.org/newskg/entity/")
STMT = Namespace("https://w3id.org/newskg/statement/")
QTY = Namespace("https://w3id.org/newskg/quantity/")
KGSH = Namespace("https://w3id.org/newskg/shapes#")
# open, not kg.ontology.vocabulary.KG: the fixture ontologies and graphs use terms kg.ttl does not declare
KG = Namespace(NAMESPACE)
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # a plain Namespace: pytest probes module globals, and the closed XSD warns

MINI_ONTOLOGY = """
@prefix kg: <https://w3id.org/newskg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
kg:Entity a owl:Class .
kg:Agent a owl:Class ; rdfs:subClassOf kg:Entity .
kg:Person a owl:Class ; rdfs:subClassOf kg:Agent .
kg:Place a owl:Class ; rdfs:subClassOf kg:Entity .
kg:Country a owl:Class ; rdfs:subClassOf kg:Place, kg:Agent .
kg:Document a owl:Class ; rdfs:subClassOf kg:Entity .
kg:Article a owl:Class ; rdfs:subClassOf kg:Document .
kg:Treaty a owl:Class ; rdfs:subClassOf kg:Document .
kg:serves a owl:ObjectProperty ; rdfs:domain kg:Person ; rdfs:range kg:Agent .
kg:visits a owl:ObjectProperty ; rdfs:domain kg:Agent ;
    rdfs:range [ owl:unionOf ( kg:Place kg:Person ) ] .
kg:role a owl:DatatypeProperty ; rdfs:domain kg:Person ; rdfs:range xsd:string .
kg:charStart a owl:DatatypeProperty ; rdfs:range xsd:integer .
"""


@pytest.fixture()
def mini_ontology_dir(tmp_path: Path) -> Path:
    (tmp_path / "kg.ttl").write_text(MINI_ONTOLOGY)
    shutil.copy(ONTOLOGY_DIR / "shapes.ttl", tmp_path / "shapes.ttl")
    return tmp_path


@pytest.fixture()
def graph() -> rdflib.Graph:
    return rdflib.Graph().parse(TEST_GRAPH)


def _faults(result: ValidationResult) -> set[tuple[str, str]]:
    return {(v.focus, v.message) for v in result.violations}


def test_shapes_for_derives_domain_and_range_shapes() -> None:
    shapes = shapes_for(rdflib.Graph().parse(data=MINI_ONTOLOGY, format="turtle"))
    assert (KGSH["domain-serves"], SH.targetSubjectsOf, KG.serves) in shapes
    assert (KGSH["domain-serves"], SH["class"], KG.Person) in shapes
    range_property = shapes.value(KGSH["range-serves"], SH.property)
    assert (range_property, SH["class"], KG.Agent) in shapes
    role_property = shapes.value(KGSH["range-role"], SH.property)
    assert shapes.value(role_property, SH["or"]) is not None  # xsd:string or a language-tagged string
    start_property = shapes.value(KGSH["range-charStart"], SH.property)
    assert (start_property, SH.datatype, XSD.integer) in shapes
    union = rdflib.collection.Collection(shapes, shapes.value(shapes.value(KGSH["range-visits"], SH.property), SH["or"]))
    assert {shapes.value(alternative, SH["class"]) for alternative in union} == {KG.Place, KG.Person}


def test_label_rule_targets_entity_classes_but_not_articles() -> None:
    shapes = shapes_for(rdflib.Graph().parse(data=MINI_ONTOLOGY, format="turtle"))
    targets = set(shapes.objects(KGSH["entity-label"], SH.targetClass))
    assert {KG.Person, KG.Country, KG.Treaty} <= targets
    assert not targets & {KG.Article, KG.Document, KG.Entity}


def test_the_test_graph_conforms_to_the_real_ontology(graph: rdflib.Graph) -> None:
    result = validate(graph, ONTOLOGY_DIR)
    assert result == ValidationResult(conforms=True, violations=[])
    assert format_report(result) == "conforms: no violations\n"


def test_domain_and_range_violations(graph: rdflib.Graph, mini_ontology_dir: Path) -> None:
    graph.add((ENT.kharkiv, KG.serves, ENT.ukraine))  # a city is not a person
    graph.add((ENT["john-healey"], KG.visits, STMT.s01))  # a statement is neither place nor person
    result = validate(graph, mini_ontology_dir)
    assert not result.conforms
    assert (str(ENT.kharkiv), "the subject of kg:serves must be a kg:Person") in _faults(result)
    assert (str(ENT["john-healey"]), "the value of kg:visits must be a kg:Place or kg:Person") in _faults(result)


def test_a_country_satisfies_an_agent_range_through_subclasses(graph: rdflib.Graph) -> None:
    graph.add((ENT["sabrina-miller"], KG.serves, ENT.ukraine))
    assert validate(graph, ONTOLOGY_DIR).conforms


def test_entities_need_one_label_and_a_class(graph: rdflib.Graph) -> None:
    graph.add((ENT.ukraine, RDFS.label, Literal("Ukraina")))
    graph.remove((ENT["shahed-136"], RDF.type, None))
    faults = _faults(validate(graph, ONTOLOGY_DIR))
    assert (str(ENT.ukraine), "an entity needs exactly one rdfs:label") in faults
    assert (str(ENT["shahed-136"]), "an entity needs a class (rdf:type)") in faults


def _rebased(graph: rdflib.Graph, base: str) -> rdflib.Graph:
    """The graph with every IRI of the default base but the vocabulary's moved under `base`."""
    def move(term):
        text = str(term)
        if isinstance(term, URIRef) and text.startswith(BASE_IRI) and not text.startswith(str(KG)) \
                and not text.startswith(BASE_IRI + "ontology"):
            return URIRef(base + text[len(BASE_IRI):])
        return term

    moved = rdflib.Graph()
    for prefix, namespace in graph.namespaces():
        moved.bind(prefix, move(namespace), override=True, replace=True)
    for triple in graph:
        moved.add(tuple(move(t) for t in triple))
    return moved


def test_entities_under_another_base_iri_are_checked_as_entities(graph: rdflib.Graph) -> None:
    base = "https://example.org/news/"
    graph.remove((ENT["shahed-136"], RDF.type, None))  # an entity found by its IRI alone
    moved = _rebased(graph, base)
    assert base_iri_of(moved) == base and base_iri_of(graph) == BASE_IRI
    expected = (base + "entity/shahed-136", "an entity needs a class (rdf:type)")
    assert expected in _faults(validate(moved, ONTOLOGY_DIR))  # the base the graph's ent: prefix names
    assert expected in _faults(validate(moved, ONTOLOGY_DIR, base_iri=base))
    assert expected not in _faults(validate(moved, ONTOLOGY_DIR, base_iri=BASE_IRI))


def test_statement_provenance_rules(graph: rdflib.Graph) -> None:
    graph.set((STMT.s01, KG.confidence, Literal(1.5)))
    graph.set((STMT.s02, KG.charStart, Literal("0")))
    graph.set((STMT.s03, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"),
               URIRef("https://w3id.org/newskg/document/000-c1")))  # a comment is never a source
    graph.remove((STMT.s04, KG.sentence, None))
    graph.set((STMT.s05, KG.modality, Literal("rumoured")))
    graph.set((STMT.s06, KG.charEnd, Literal(0)))  # ends before it starts
    graph.set((QTY["uk-200m"], KG.value, Literal("lots")))
    faults = {(focus.rsplit("/", 1)[-1], message) for focus, message in _faults(validate(graph, ONTOLOGY_DIR))}
    assert ("s01", "a statement has one kg:confidence, an xsd:decimal or xsd:double in [0, 1]") in faults
    assert ("s02", "a statement has one xsd:integer kg:charStart >= 0, before its kg:charEnd") in faults
    assert ("s03", "a statement is derived from a kg:Article (never a comment)") in faults
    assert ("s04", "a statement has exactly one kg:sentence string") in faults
    assert ("s05", "kg:modality is one of asserted, planned, hypothetical, reported") in faults
    assert ("s06", "a statement has one xsd:integer kg:charStart >= 0, before its kg:charEnd") in faults
    assert ("uk-200m", "kg:value is a typed number (xsd:decimal, integer, double or float)") in faults


def test_double_confidence_and_integer_value_are_accepted(graph: rdflib.Graph) -> None:
    graph.set((STMT.s01, KG.confidence, Literal(0.85, datatype=XSD.double)))
    graph.set((QTY["uk-200m"], KG.value, Literal(200000000)))
    assert validate(graph, ONTOLOGY_DIR).conforms


def test_report_groups_by_property_with_counts_and_labels() -> None:
    violations = [
        Violation(str(ENT.nato), str(KG.serves), "bad subject", "Violation", focus_label="NATO"),
        Violation(str(ENT.ukraine), str(KG.serves), "bad subject", "Violation", focus_label="Ukraine"),
        Violation(str(STMT.s01), str(KG.confidence), "out of range", "Violation", value="1.5"),
    ]
    report = format_report(ValidationResult(conforms=False, violations=violations))
    assert report.splitlines() == [
        "does not conform: 3 violations in 2 groups",
        "",
        "Violation kg:serves: bad subject (2)",
        "  NATO (ent:nato)",
        "  Ukraine (ent:ukraine)",
        "",
        "Violation kg:confidence: out of range (1)",
        "  stmt:s01 -> 1.5",
    ]


def test_missing_files_are_named_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^file not found: "):
        validate_file(tmp_path / "nope.ttl", ONTOLOGY_DIR)
    with pytest.raises(OntologyError, match=r"^file not found: .*kg\.ttl"):
        validate_file(TEST_GRAPH, tmp_path)


def test_cli_validate(tmp_path: Path) -> None:
    runner = CliRunner()
    good = runner.invoke(main, ["validate", str(TEST_GRAPH)])
    assert good.exit_code == 0 and good.output == "conforms: no violations\n"
    broken = tmp_path / "broken.ttl"
    broken.write_text(TEST_GRAPH.read_text().replace('kg:confidence 0.85', 'kg:confidence 1.85', 1))
    bad = runner.invoke(main, ["validate", str(broken)])
    # The brief asks for exit status 4: kg.errors.ValidationError must carry exit_code = 4.
    assert bad.exit_code == ValidationError.exit_code
    assert "stmt:s01 -> 1.85" in bad.output
    assert f"kg: error: {broken} does not conform to the shapes: 1 violation" in bad.output
