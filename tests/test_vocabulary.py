"""Tests for kg.ontology.vocabulary: the closed KG namespace and the Cls enum agree with ontology/kg.ttl."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
import rdflib
from rdflib import OWL, RDF

from kg.config import ONTOLOGY_DIR
from kg.ontology.vocabulary import CLASSES, KG, NAMESPACE, PROPERTIES, Cls

KG_DIR = Path(__file__).resolve().parent.parent / "kg"
# kg/views reads any graph by local name, with or without an ontology; tests/test_analyse.py checks its
# list of entity class names against kg.ttl.
NOT_CHECKED = {KG_DIR / "ontology" / "vocabulary.py"}


@pytest.fixture(scope="module")
def kg_ttl() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_DIR / "kg.ttl", format="turtle")


def test_every_term_of_kg_ttl_is_in_the_namespace_and_nothing_else(kg_ttl):
    named = {str(t) for triple in kg_ttl for t in triple
             if isinstance(t, rdflib.URIRef) and str(t).startswith(NAMESPACE) and str(t) != NAMESPACE}
    terms = {str(KG[name]) for name in (*CLASSES, *PROPERTIES)}
    assert terms == named
    assert all(t in KG for t in named)


def test_inverse_properties_named_in_kg_ttl_are_terms(kg_ttl):
    inverses = {str(o) for o in kg_ttl.objects(None, OWL.inverseOf)}
    assert str(KG.ledBy) in inverses and "ledBy" in PROPERTIES


def test_a_misspelt_term_raises():
    with pytest.raises(AttributeError, match="Persn"):
        KG.Persn  # noqa: B018
    with pytest.raises(AttributeError):
        KG["fundz"]
    with pytest.raises(AttributeError):
        Cls.Persn  # noqa: B018


def test_cls_holds_the_classes_of_kg_ttl_as_their_names(kg_ttl):
    declared = {str(c)[len(NAMESPACE):] for c in kg_ttl.subjects(RDF.type, OWL.Class)}
    assert {c.value for c in Cls} == declared == set(CLASSES)
    assert Cls.Person == "Person" and f"{Cls.Person}" == "Person" and {"Person": 1}[Cls.Person] == 1
    assert KG[Cls.Person] == KG.Person


def _class_name_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    exported = {id(elt) for node in ast.walk(tree) if isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
                for elt in ast.walk(node.value)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and node.value in CLASSES and id(node) not in exported]


def test_class_names_are_written_through_the_vocabulary():
    found = {f"{path.relative_to(KG_DIR.parent)}:{line}": name for path in sorted(KG_DIR.rglob("*.py"))
             if path not in NOT_CHECKED for line, name in _class_name_literals(path)}
    assert found == {}, "write Cls.<Name> (kg.ontology.vocabulary), not the class name as a string"
