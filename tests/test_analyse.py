"""Tests for kg.analyse and the rdflib -> networkx loader in kg.views.graphview, on a hand-written graph."""
from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, Graph, Literal, Namespace

import kg.analyse
import kg.views.graphview
from kg.analyse import analyse, write_stats
from kg.cli import main
from kg.errors import InputError
from kg.views.graphview import KNOWN_ENTITY_NAMES, entity_graph, load_graph
from kg.ontology.vocabulary import NAMESPACE

# open, not kg.ontology.vocabulary.KG: the fixture graphs use terms kg.ttl does not declare
KG = Namespace(NAMESPACE)

DATA = Path(__file__).parent / "data" / "small_graph.ttl"
ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology" / "kg.ttl"
ENT = "https://w3id.org/newskg/entity/"


@pytest.fixture(scope="module")
def g() -> Graph:
    return load_graph(DATA)


def entity_subjects(g: Graph) -> set[str]:
    """The entities of the test graph counted independently of kg.views.graphview: typed ent: IRIs."""
    return {str(s) for s in g.subjects(RDF.type, None) if str(s).startswith(ENT)}


def test_nodes_are_exactly_the_typed_entities(g):
    graph = entity_graph(g)
    assert set(graph.nodes) == entity_subjects(g)
    assert graph.number_of_nodes() == 14
    assert not any("/document/" in n or "/quantity/" in n or "/statement/" in n for n in graph.nodes)


def test_node_attributes(g):
    graph = entity_graph(g)
    uk = graph.nodes[ENT + "united-kingdom"]
    assert uk["label"] == "United Kingdom"
    assert uk["cls"] == "Country"
    assert uk["classes"] == ["Country", "Place"]
    assert uk["aliases"] == ["Britain", "UK"]
    assert uk["documents"] == ["000", "001"]
    # declared only through rdfs:subClassOf in the graph, and still an entity class
    udcg = graph.nodes[ENT + "ukraine-defence-contact-group"]
    assert udcg["classes"] == ["MilitaryAlliance", "Organization"]


def test_edges_join_their_reified_statements(g):
    graph = entity_graph(g)
    assert graph.number_of_edges() == 15
    uk, ukraine = ENT + "united-kingdom", ENT + "ukraine"
    assert graph.number_of_edges(uk, ukraine) == 2  # supplies and sendsTroopsTo, kept apart
    supplies = graph.edges[uk, ukraine, str(KG.supplies)]
    assert supplies["label"] == "supplies"
    assert [doc for doc, _ in supplies["sentences"]] == ["000", "001"]
    assert supplies["modality"] == "asserted" and not supplies["hedged"]
    troops = graph.edges[uk, ukraine, str(KG.sendsTroopsTo)]
    assert troops["label"] == "sends troops to"  # rdfs:label of the declared property
    assert troops["modality"] == "planned" and troops["hedged"]
    drones = graph.edges[ENT + "russia", ENT + "shahed-136", str(KG.uses)]
    assert drones["stated_by"] == [ENT + "volodymyr-zelensky"] and drones["hedged"]
    works_for = graph.edges[ENT + "john-healey", ENT + "ministry-of-defence", str(KG.worksFor)]
    assert works_for["label"] == "worksFor"  # no rdfs:label declared: the local name


def test_vocabulary_and_bookkeeping_are_not_relations(g):
    labels = {d["label"] for _, _, d in entity_graph(g).edges(data=True)}
    assert not labels & {"mentionedIn", "altLabel", "sameAs", "label", "type", "amount", "author"}


def test_class_hierarchy_is_read_from_the_graph():
    g = Graph()
    frigate, sloop = KG.Frigate, KG.Sloop
    g.add((frigate, RDFS.subClassOf, KG.Weapon))
    g.add((KG["x/hms-a"], RDF.type, frigate))
    g.add((KG["x/hms-b"], RDF.type, sloop))  # neither declared nor a known name: not an entity
    g.add((KG["x/hms-a"], RDFS.label, Literal("HMS A")))
    assert set(entity_graph(g).nodes) == {str(KG["x/hms-a"])}


def test_known_names_mirror_the_ontology():
    if not ONTOLOGY.is_file():
        pytest.skip("ontology/kg.ttl not present")
    onto = Graph().parse(ONTOLOGY)
    classes = kg.views.graphview.entity_classes(
        onto + Graph().parse(data="@prefix kg: <https://w3id.org/newskg/ontology#> .\n"
                                  + "".join(f"[] a <{c}> .\n" for c in onto.subjects(RDFS.subClassOf, None))))
    missing = {names[0] for names in classes.values()} - KNOWN_ENTITY_NAMES
    assert not missing, f"add to KNOWN_ENTITY_NAMES: {sorted(missing)}"


def test_analyse_counts(g):
    stats = analyse(g)
    assert stats["counts"] == {"entities": 14, "relations": 15, "statements": 16, "documents": 2,
                               "comments": 1}
    assert sum(stats["entities_by_class"].values()) == len(entity_subjects(g))
    assert stats["entities_by_class"]["Person"] == 5
    assert stats["relations_by_predicate"]["leads"] == 3
    assert list(stats["entities_by_class"]) == sorted(stats["entities_by_class"])


def test_pagerank_and_key_players(g):
    stats = analyse(g)
    top = max(stats["pagerank"], key=stats["pagerank"].get)
    assert top == ENT + "united-kingdom"
    assert stats["key_players"][0] == {"iri": top, "label": "United Kingdom", "class": "Country", "degree": 5,
                                       "facts": 7, "relations": 6, "pagerank": stats["pagerank"][top]}
    assert len(stats["key_players"]) == 10
    assert sum(stats["pagerank"].values()) == pytest.approx(1.0, abs=1e-5)
    assert stats["degree"][ENT + "sabrina-miller"] == 0
    assert stats["betweenness"][top] == max(stats["betweenness"].values())


def test_communities_partition_the_nodes(g):
    stats = analyse(g)
    members = [m["iri"] for com in stats["communities"] for m in com["members"]]
    assert sorted(members) == sorted(entity_subjects(g))  # every node in exactly one community
    assert [c["size"] for c in stats["communities"]] == sorted((c["size"] for c in stats["communities"]),
                                                               reverse=True)
    assert [c["size"] for c in stats["components"]] == [13, 1]
    assert stats["components"][1]["members"][0]["label"] == "Sabrina Miller"


def test_analyse_is_deterministic(g):
    first = json.dumps(analyse(g), sort_keys=False)
    assert json.dumps(analyse(load_graph(DATA)), sort_keys=False) == first


def test_empty_graph_has_a_defined_answer():
    stats = analyse(Graph())
    assert stats["counts"] == {"entities": 0, "relations": 0, "statements": 0, "documents": 0, "comments": 0}
    assert stats["communities"] == [] and stats["components"] == [] and stats["key_players"] == []
    assert stats["pagerank"] == {} and stats["betweenness"] == {} and stats["degree"] == {}


def test_write_stats_is_atomic_json(g, tmp_path):
    path = write_stats(g, tmp_path / "stats.json")
    assert json.loads(path.read_text())["counts"]["entities"] == 14
    assert [p.name for p in tmp_path.iterdir()] == ["stats.json"]  # no temporary file left behind


def test_load_graph_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_graph(tmp_path / "missing.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix x: <http://x/> .\nx:a x:b .\n")
    with pytest.raises(InputError, match=r"not valid Turtle at line 2") as err:
        load_graph(bad)
    assert "\n" not in str(err.value)


def test_cli_stats_summary_and_json():
    runner = CliRunner()
    result = runner.invoke(main, ["stats", str(DATA)])
    assert result.exit_code == 0, result.output
    assert "14 entities, 15 relations" in result.output
    assert " 1  United Kingdom" in result.output
    assert "communities:" in result.output
    result = runner.invoke(main, ["stats", str(DATA), "--json"])
    assert json.loads(result.output)["key_players"][0]["label"] == "United Kingdom"


def test_cli_stats_missing_file_is_one_line_error(tmp_path):
    result = CliRunner().invoke(main, ["stats", str(tmp_path / "nope.ttl")])
    assert result.exit_code == 2
    assert result.output.strip().startswith("kg: error:") and result.output.count("\n") == 1


@pytest.mark.parametrize("module", [kg.analyse, kg.views.graphview])
def test_doctests(module):
    assert doctest.testmod(module).failed == 0
