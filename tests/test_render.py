"""Tests for kg.views.render: the offline interactive page, its filters and its determinism."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDFS, Graph, Literal, URIRef

from kg.cli import main
from kg.errors import InputError
from kg.views.graphview import load_graph
from kg.views.render import build_page, render_html

DATA = Path(__file__).parent / "data" / "small_graph.ttl"
ENT = "https://w3id.org/newskg/entity/"
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


@pytest.fixture(scope="module")
def g() -> Graph:
    return load_graph(DATA)


@pytest.fixture(scope="module")
def page(g) -> str:
    return build_page(g)


def payload(html: str) -> dict:
    """The nodes, edges and options the page hands to its canvas renderer."""
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    assert match, "no embedded graph data"
    return json.loads(match.group(1))


def node_ids(html: str) -> set[str]:
    return {n["id"] for n in payload(html)["nodes"]}


def edge(html: str, label: str, source: str) -> dict:
    return next(e for e in payload(html)["edges"] if e["label"] == label and e["from"] == ENT + source)


def test_page_loads_nothing_from_the_network(page):
    assert not EXTERNAL.findall(page)
    assert "<link" not in page  # stylesheets are inline
    assert not re.search(r"<script[^>]*\bsrc=", page)
    assert "sourceMappingURL" not in page
    assert "new KGNetwork(" in page and "window.kgExplore" in page  # the renderer itself is inlined
    assert len(page) < 200_000  # no 800 KB graph library: the renderer is a few hundred lines


def test_every_entity_is_a_node(g, page):
    data = payload(page)
    assert len(data["nodes"]) == 14
    assert len(data["edges"]) == 15
    assert data["options"]["hideEdgesOnMove"] is False  # a small graph keeps its links while moving
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])


def test_dashes_follow_the_modality(page):
    planned = edge(page, "sends troops to", "united-kingdom")
    attributed = edge(page, "uses", "russia")  # stated by Zelensky: reported
    assert planned["modality"] == "planned" and planned["dashes"] == [8, 5]
    assert attributed["modality"] == "reported" and attributed["dashes"] == [10, 4, 2, 4]
    assert attributed["by"] == ["Volodymyr Zelensky"]
    assert edge(page, "supplies", "united-kingdom")["dashes"] is False
    assert edge(page, "uses", "ukraine")["dashes"] is False


def test_parallel_edges_fan_out(page):
    pair = [e for e in payload(page)["edges"]
            if e["from"] == ENT + "united-kingdom" and e["to"] == ENT + "ukraine"]
    assert len(pair) == 2
    assert sorted(bool(e["smooth"]) for e in pair) == [False, True]


def test_sentences_and_documents_are_stored_once(page):
    data = payload(page)
    troops = edge(page, "sends troops to", "united-kingdom")
    sentence, doc, modality, confidence, by = data["statements"][troops["st"][0]]
    assert data["texts"][sentence] == "I want to send British troops to Ukraine once a ceasefire is agreed."
    assert modality == "planned" and by == []
    assert data["documents"][doc]["title"] == "Healey: I want to send British troops to Ukraine"
    assert data["documents"][doc]["publisher"] == "The Telegraph"
    assert len(data["texts"]) == len(set(data["texts"]))
    uk = next(n for n in data["nodes"] if n["id"] == ENT + "united-kingdom")
    assert uk["aliases"] == ["Britain", "UK"] and uk["classes"] == ["Country", "Place"]
    assert uk["wd"] == ["http://www.wikidata.org/entity/Q145"]
    assert uk["deg"] == 5 and uk["facts"] == 7 and uk["comm"] >= 0


def test_every_class_has_its_own_colour(page):
    colours = payload(page)["meta"]["classColours"]
    assert len(set(colours.values())) == len(colours) == 8


def test_colour_legend_and_search(page):
    assert 'data-class="Person"' in page and 'data-class="Country"' in page
    assert 'class="kg-search"' in page
    assert '<option value="Ukraine Defence Contact Group">' in page


def test_focus_by_alias_and_depth(g):
    one = node_ids(build_page(g, focus="Healey", depth=1))
    assert one == {ENT + n for n in ("john-healey", "united-kingdom", "ukraine-defence-contact-group",
                                     "ministry-of-defence")}
    two = node_ids(build_page(g, focus="Healey", depth=2))
    assert one < two and ENT + "ukraine" in two and ENT + "russia" not in two
    assert node_ids(build_page(g, focus="uk", depth=0)) == {ENT + "united-kingdom"}
    focused = build_page(g, focus="John Healey", depth=1)
    assert "John Healey (depth 1)" in focused
    assert payload(focused)["meta"]["centre"] == ENT + "john-healey"  # drawn with a thick outline


def test_unknown_focus_lists_close_matches(g):
    with pytest.raises(InputError) as err:
        build_page(g, focus="John Heeley")
    message = str(err.value)
    assert "no entity named 'John Heeley'" in message and "John Healey" in message
    assert "\n" not in message


def test_class_filter_counts_superclasses(g):
    assert len(node_ids(build_page(g, classes={"Person"}))) == 5
    places = node_ids(build_page(g, classes={"Place"}))
    assert places == {ENT + n for n in ("united-kingdom", "ukraine", "russia", "london")}
    assert len(node_ids(build_page(g, classes={"weapon", "Organization"}))) == 5
    with pytest.raises(InputError, match="classes in this graph"):
        build_page(g, classes={"Persn"})


def test_min_degree_drops_weakly_linked_entities(g):
    kept = node_ids(build_page(g, min_degree=2))
    assert len(kept) == 7
    assert ENT + "sabrina-miller" not in kept and ENT + "london" not in kept


def test_max_nodes_keeps_the_most_important_and_says_so(g, page):
    small = build_page(g, max_nodes=5)
    assert "showing the 5 most important of 14 entities" in small
    assert node_ids(small) == {ENT + n for n in ("united-kingdom", "ukraine", "russia", "john-healey",
                                                 "ministry-of-defence")}
    assert "most important of" not in page


def test_two_renders_are_byte_identical(g, tmp_path):
    first = render_html(g, tmp_path / "a.html")
    second = render_html(load_graph(DATA), tmp_path / "b.html")
    assert first.read_bytes() == second.read_bytes()
    # and in another process, whose str hashes are salted differently
    code = ("import sys; from kg.views.graphview import load_graph; from kg.views.render import render_html; "
            "render_html(load_graph(sys.argv[1]), sys.argv[2])")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", code, str(DATA), str(tmp_path / "c.html")], check=True, env=env)
    assert (tmp_path / "c.html").read_bytes() == first.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "b.html", "c.html"]


def test_labels_cannot_break_out_of_the_script(g):
    hostile = Graph()
    for triple in g:
        hostile.add(triple)
    node = URIRef(ENT + "nato")
    hostile.remove((node, RDFS.label, None))
    hostile.add((node, RDFS.label, Literal("</script><script>alert(1)</script>")))
    html = build_page(hostile)
    assert "<script>alert(1)" not in html
    assert "</script><script>alert" not in html
    assert any(n["label"] == "</script><script>alert(1)</script>" for n in payload(html)["nodes"])


def test_empty_graph_renders_an_empty_view():
    html = build_page(Graph())
    assert payload(html)["nodes"] == [] and "No entities to show." in html


def test_bad_arguments(g):
    with pytest.raises(InputError, match="depth"):
        build_page(g, depth=-1)
    with pytest.raises(InputError, match="max-nodes"):
        build_page(g, max_nodes=0)


def test_cli_render(tmp_path):
    out = tmp_path / "view.html"
    runner = CliRunner()
    result = runner.invoke(main, ["render", str(DATA), "-o", str(out), "--focus", "Zelensky", "--depth", "1",
                                  "--class", "Person,Country"])
    assert result.exit_code == 0, result.output
    assert node_ids(out.read_text()) == {ENT + n for n in ("volodymyr-zelensky", "ukraine", "keir-starmer")}
    result = runner.invoke(main, ["render", str(DATA), "-o", str(out), "--focus", "Zelenskyy"])
    assert result.exit_code == 2
    assert result.output.startswith("kg: error: no entity named 'Zelenskyy'; close matches: Zelensky")


@pytest.mark.parametrize("command", ["stats", "render", "report"])
def test_cli_help_has_an_example(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "Example:" in result.output and f"kg {command} " in result.output


def chain_graph(n: int) -> Graph:
    """`n` people in one component: a ring with hubs every tenth person, big enough for the numpy layout."""
    kg = "https://w3id.org/newskg/ontology#"
    lines = [f"@prefix kg: <{kg}> .", f"@prefix ent: <{ENT}> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ."]
    for i in range(n):
        lines.append(f'ent:p{i} a kg:Person ; rdfs:label "Person {i}" ; '
                     f'kg:knows ent:p{(i + 1) % n}, ent:p{i - i % 10} .')
    return Graph().parse(data="\n".join(lines), format="turtle")


def test_big_component_layout_is_deterministic_and_truncated():
    g = chain_graph(600)
    first, second = build_page(g, max_nodes=550), build_page(g, max_nodes=550)
    assert first == second
    assert "showing the 550 most important of 600 entities" in first
    nodes = payload(first)["nodes"]
    assert len(nodes) == 550
    assert len({(n["x"], n["y"]) for n in nodes}) == 550  # no two entities on the same spot


def test_a_links_modality_is_that_of_most_of_its_sentences():
    # two sentences plan the visit, one imagines it: planned, whatever the modalities' alphabetical order
    rows = [f'<https://w3id.org/newskg/statement/v{i}> a rdf:Statement ; rdf:subject ent:ida ; '
            f'rdf:predicate kg:visits ; rdf:object ent:oslo ; kg:modality "{m}" ; '
            f'kg:sentence "Ida Berg may visit Oslo, {i}." .'
            for i, m in enumerate(("planned", "hypothetical", "planned"))]
    g = Graph().parse(data="\n".join([
        "@prefix kg: <https://w3id.org/newskg/ontology#> .", f"@prefix ent: <{ENT}> .",
        "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        'ent:ida a kg:Person ; rdfs:label "Ida Berg" ; kg:visits ent:oslo .',
        'ent:oslo a kg:City ; rdfs:label "Oslo" .',
        *rows]), format="turtle")
    visit = edge(build_page(g), "visits", "ida")
    assert visit["modality"] == "planned" and visit["dashes"] == [8, 5]
