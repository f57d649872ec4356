"""Tests for kg.rdf.ontology_graph: kg.ttl parsed once per folder, shared by the RDF stage and validation."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from rdflib import OWL, RDF, URIRef

from kg.config import ONTOLOGY_DIR
from kg.errors import OntologyError
from kg.ontology import KG, load_ontology
from kg.rdf.ontology_graph import load_ontology_graph

SCHEMA_PERSON = URIRef("https://schema.org/Person")


@pytest.fixture()
def ontology_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY_DIR, folder)
    return folder


def test_kg_ttl_and_its_alignment_are_one_graph() -> None:
    graph = load_ontology_graph(ONTOLOGY_DIR)
    assert (KG.Person, RDF.type, OWL.Class) in graph  # kg.ttl
    assert (KG.Person, OWL.equivalentClass, SCHEMA_PERSON) in graph  # alignment.ttl


def test_a_folder_is_parsed_once_and_shared(monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.sparql import validate

    first = load_ontology_graph(ONTOLOGY_DIR)
    assert load_ontology_graph(ONTOLOGY_DIR / ".." / ONTOLOGY_DIR.name) is first  # the same folder, spelt otherwise
    seen = []
    monkeypatch.setattr(validate, "shapes_for", lambda ontology: seen.append(ontology) or validate.Graph())
    validate.load_shapes(ONTOLOGY_DIR)
    assert seen == [first]
    assert not hasattr(validate, "load_ontology")  # one loader of the ontology graph, not two of one name


def test_an_edited_file_is_read_again(ontology_copy: Path) -> None:
    before = load_ontology_graph(ontology_copy)
    alignment = ontology_copy / "alignment.ttl"
    alignment.write_text(alignment.read_text(encoding="utf-8") + "\nkg:Person owl:sameAs kg:Human .\n",
                         encoding="utf-8")
    stat = alignment.stat()
    os.utime(alignment, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    after = load_ontology_graph(ontology_copy)
    assert after is not before and len(after) == len(before) + 1


def test_the_alignment_is_optional(ontology_copy: Path) -> None:
    (ontology_copy / "alignment.ttl").unlink()
    graph = load_ontology_graph(ontology_copy)
    assert (KG.Person, RDF.type, OWL.Class) in graph and (KG.Person, OWL.equivalentClass, SCHEMA_PERSON) not in graph


def test_a_missing_kg_ttl_is_an_ontology_error(tmp_path: Path) -> None:
    with pytest.raises(OntologyError, match=r"^file not found: .*kg\.ttl$"):
        load_ontology_graph(tmp_path)


def test_a_broken_kg_ttl_is_an_ontology_error(ontology_copy: Path) -> None:
    (ontology_copy / "kg.ttl").write_text("kg:Person a owl:Class", encoding="utf-8")
    with pytest.raises(OntologyError, match=r"^cannot parse .*kg\.ttl: "):
        load_ontology_graph(ontology_copy)


def test_the_typed_ontology_reads_the_shared_graph(ontology_copy: Path) -> None:
    # extraction's Ontology is built from the graph the RDF stage and validation use: kg.ttl parsed once
    assert load_ontology(ontology_copy).graph is load_ontology_graph(ontology_copy)
    assert load_ontology(ontology_copy).inverses.get("authorOf") != "author"  # schema:author is not ours


def test_a_broken_kg_ttl_is_an_ontology_error_for_the_typed_ontology_too(ontology_copy: Path) -> None:
    (ontology_copy / "kg.ttl").write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(OntologyError, match=r"^cannot parse .*kg\.ttl: "):
        load_ontology(ontology_copy)
