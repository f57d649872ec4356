"""Tests for kg.rdf.serializers: every format parses back to the same graph; TriG has one graph per article."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, Namespace
from rdflib.compare import isomorphic

from kg.errors import InputError
from kg.ontology import KG
from kg.sparql.query import term_text
from kg.rdf.serializers import FORMATS, by_document, rdf_format, serialize, write_formats

DATA = Path(__file__).parent / "data"
TEST_GRAPH = DATA / "query_graph.ttl"
DOC = Namespace("https://w3id.org/newskg/document/")
ENT = Namespace("https://w3id.org/newskg/entity/")
STMT = Namespace("https://w3id.org/newskg/statement/")


@pytest.fixture()
def graph() -> rdflib.Graph:
    return rdflib.Graph().parse(TEST_GRAPH)


def _same_values(graph: rdflib.Graph) -> rdflib.Graph:
    # rdflib's Turtle-family writers print "200000000"^^xsd:decimal as 200000000.0: equal value,
    # other lexical form. Compare numbers by value.
    out = rdflib.Graph()
    for s, p, o in graph:
        if isinstance(o, rdflib.Literal) and o.datatype is not None:
            o = rdflib.Literal(term_text(o), datatype=o.datatype)
        out.add((s, p, o))
    return out


def _union(dataset: rdflib.Dataset) -> rdflib.Graph:
    union = rdflib.Graph()
    for s, p, o, _ctx in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def test_every_format_parses_back(graph: rdflib.Graph, tmp_path: Path) -> None:
    written = write_formats(graph, tmp_path, ["nt", "jsonld", "trig", "ttl"])
    assert {fmt: path.name for fmt, path in written.items()} == {
        "nt": "graph.nt", "jsonld": "graph.jsonld", "trig": "graph.trig", "ttl": "graph.ttl"}
    assert isomorphic(rdflib.Graph().parse(written["nt"], format="nt"), graph)
    assert isomorphic(rdflib.Graph().parse(written["jsonld"], format="json-ld"), graph)
    assert isomorphic(_same_values(rdflib.Graph().parse(written["ttl"])), _same_values(graph))
    dataset = rdflib.Dataset()
    dataset.parse(written["trig"], format="trig")
    assert isomorphic(_same_values(_union(dataset)), _same_values(graph))
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*"))


def test_ntriples_are_sorted_and_deterministic(graph: rdflib.Graph, tmp_path: Path) -> None:
    first = write_formats(graph, tmp_path / "a", ["nt", "trig"])
    shuffled = rdflib.Graph()
    for prefix, namespace in graph.namespaces():
        shuffled.bind(prefix, namespace, override=True)
    for triple in sorted(graph, reverse=True):
        shuffled.add(triple)
    second = write_formats(shuffled, tmp_path / "b", ["nt", "trig"])
    lines = first["nt"].read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == len(graph)
    assert first["nt"].read_bytes() == second["nt"].read_bytes()
    assert first["trig"].read_bytes() == second["trig"].read_bytes()


def test_blank_nodes_get_stable_labels(tmp_path: Path) -> None:
    turtle = "@prefix kg: <https://w3id.org/newskg/ontology#> . kg:x kg:y [ kg:z 1 ] ."
    runs = [write_formats(rdflib.Graph().parse(data=turtle, format="turtle"), tmp_path / str(i), ["nt"])["nt"]
            for i in range(2)]
    assert runs[0].read_bytes() == runs[1].read_bytes()


def test_trig_has_one_named_graph_per_article(graph: rdflib.Graph, tmp_path: Path) -> None:
    path = write_formats(graph, tmp_path, ["trig"])["trig"]
    dataset = rdflib.Dataset()
    dataset.parse(path, format="trig")
    named = {g.identifier for g in dataset.graphs() if g.identifier != rdflib.graph.DATASET_DEFAULT_GRAPH_ID}
    assert named == set(graph.subjects(RDF.type, KG.Article)) == {DOC["000"], DOC["001"]}
    doc0 = dataset.graph(DOC["000"])
    assert (ENT["john-healey"], KG.chairs, ENT["ukraine-defence-contact-group"]) in doc0
    assert (STMT.s01, KG.sentence, None) in doc0
    assert (DOC["000-c1"], KG.commentOn, DOC["000"]) in doc0
    assert (ENT.russia, KG.attacks, ENT.kharkiv) not in doc0
    default = dataset.graph(rdflib.graph.DATASET_DEFAULT_GRAPH_ID)
    assert (ENT.ukraine, rdflib.RDFS.label, rdflib.Literal("Ukraine")) in default
    assert (ENT["john-healey"], KG.chairs, None) not in default


def test_a_fact_from_two_articles_is_in_both_graphs(graph: rdflib.Graph) -> None:
    second = STMT.s99
    for p, o in graph.predicate_objects(STMT.s06):
        graph.add((second, p, o))
    graph.set((second, rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), DOC["000"]))
    dataset = by_document(graph)
    for document in (DOC["000"], DOC["001"]):
        assert (ENT.russia, KG.attacks, ENT.kharkiv) in dataset.graph(document)


def test_a_dataset_is_flattened(graph: rdflib.Graph, tmp_path: Path) -> None:
    dataset = rdflib.Dataset()
    for triple in graph:
        dataset.graph(rdflib.URIRef("urn:x:one")).add(triple)
    path = write_formats(dataset, tmp_path, ["nt"])["nt"]
    assert isomorphic(rdflib.Graph().parse(path, format="nt"), graph)


def test_unknown_format_is_an_input_error(graph: rdflib.Graph, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^unknown RDF format rdfxml"):
        write_formats(graph, tmp_path, ["nt", "rdfxml"])
    assert not list(tmp_path.iterdir())


def test_every_format_is_the_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    # rdflib orders JSON-LD nodes and TriG graphs by sets, whose order follows the per-process
    # string hash: write the formats in processes with different seeds and compare the bytes.
    script = ("import sys, rdflib; from kg.rdf.serializers import write_formats; "
              f"write_formats(rdflib.Graph().parse({str(TEST_GRAPH)!r}), sys.argv[1], ['nt', 'jsonld', 'trig', 'ttl'])")
    runs = []
    for seed in ("1", "2", "3"):
        out = tmp_path / seed
        out.mkdir()
        subprocess.run([sys.executable, "-c", script, str(out)], check=True, env={**os.environ, "PYTHONHASHSEED": seed})
        runs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert len(runs[0]) == 4 and runs[0] == runs[1] == runs[2]


def test_jsonld_context_names_only_the_vocabularies_the_graph_uses(graph: rdflib.Graph, tmp_path: Path) -> None:
    context = json.loads(write_formats(graph, tmp_path, ["jsonld"])["jsonld"].read_text(encoding="utf-8"))["@context"]
    assert {"kg", "ent", "rdf", "rdfs"} <= set(context)
    assert "brick" not in context and "doap" not in context  # bound by rdflib to every graph, used by none here


def test_the_registry_names_each_format_once_with_its_media_type() -> None:
    assert list(FORMATS) == ["nt", "jsonld", "trig", "ttl"]
    assert len({f.extension for f in FORMATS.values()}) == len({f.media_type for f in FORMATS.values()}) == 4
    assert all(name == fmt.name and fmt.extension == "." + name for name, fmt in FORMATS.items())
    assert rdf_format("ttl").path(Path("out"), "low-confidence") == Path("out/low-confidence.ttl")


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_registered_format_parses_back_by_its_media_type(graph: rdflib.Graph, name: str) -> None:
    fmt = FORMATS[name]
    data = serialize(graph, name)
    if name == "trig":
        dataset = rdflib.Dataset()
        dataset.parse(data=data, format=fmt.media_type)
        back = _union(dataset)
    else:
        back = rdflib.Graph().parse(data=data, format=fmt.media_type)
    assert isomorphic(_same_values(back), _same_values(graph))


def test_the_registered_turtle_writer_is_the_build_s(graph: rdflib.Graph) -> None:
    # one Turtle writer: rdflib's bytes, made by the build's own writer (kg.rdf.turtle)
    from kg.rdf.turtle import turtle

    assert FORMATS["ttl"].serialize is turtle
    assert turtle(graph) == graph.serialize(format="turtle", encoding="utf-8")


def test_an_unknown_format_name_is_an_input_error(graph: rdflib.Graph) -> None:
    with pytest.raises(InputError, match=r"^unknown RDF format xml; choose from nt, jsonld, trig, ttl$"):
        serialize(graph, "xml")


def test_the_command_line_offers_the_registered_formats() -> None:
    from kg.cli import build

    option = next(p for p in build.params if p.name == "formats")
    assert list(option.type.choices) == list(FORMATS)
