"""Tests for kg.views.report: the HTML and Markdown report, the static pictures and the embeddable view."""
from __future__ import annotations

import csv
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.cli import main
from kg.views.figure import STATIC_LABELS, STATIC_MAX_NODES, drawn_nodes, static_figure
from kg.views.graphview import load_graph
from kg.views.model import as_model
from kg.views.report import draw_static, embed, embeds, show, write_report

DATA = Path(__file__).parent / "data" / "small_graph.ttl"
BENCH_VIEWS = Path(__file__).resolve().parent.parent / "bench" / "bench_views.py"
EXTERNAL_RESOURCE = re.compile(
    r"""<(?:script|link|img|iframe)\b[^>]*(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)


@pytest.fixture(scope="module")
def g() -> Graph:
    return load_graph(DATA)


@pytest.fixture(scope="module")
def report(g, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report")
    html_path, md_path = write_report(g, out)
    assert (html_path, md_path) == (out / "report.html", out / "report.md")
    return out


def test_report_files(report):
    names = sorted(p.name for p in report.iterdir())
    assert names == ["entities.csv", "facts.csv", "graph.html", "graph.png", "graph.svg", "report.html", "report.md",
                     "sources.csv"]


def test_html_sections_and_contents(report):
    html = (report / "report.html").read_text()
    for section in ("corpus", "key-players", "entities", "relations", "communities", "picture", "interactive",
                    "facts", "sources"):
        assert f'<section id="{section}">' in html
        assert f'<li><a href="#{section}">' in html  # the table of contents
    assert "2026-02-21" in html and "The Telegraph" in html and "Sabrina Miller" in html
    assert ('<td>1</td><td><a href="graph.html#entity=united-kingdom">United Kingdom</a></td><td>Country</td>'
            '<td class="num">7</td><td class="num">5</td>') in html.replace('<td class="num">1</td>', "<td>1</td>")


def test_sources_carry_title_date_publisher_and_url(report):
    html = (report / "report.html").read_text()
    sources = html[html.index('<section id="sources">'):]
    assert ('<a href="https://www.example.org/news/healey-troops">Healey: I want to send British troops to '
            'Ukraine</a></td><td>2026-02-21</td><td>The Telegraph</td>') in sources


def test_facts_are_grouped_by_entity_with_each_sentence_once(report):
    html = (report / "report.html").read_text()
    facts = html[html.index('<section id="facts">'):html.index('<section id="sources">')]
    uk = facts[facts.index('entity=united-kingdom">United Kingdom</a> <small>'):facts.index('entity=ukraine">')]
    # the sentence stating two facts about the United Kingdom appears once, with both facts
    sentence = "I want to send British troops to Ukraine once a ceasefire is agreed."
    assert uk.count(sentence) == 1
    assert "(planned)" in uk
    assert '<a href="https://www.example.org/news/healey-troops">' in uk
    assert "(reported; according to Volodymyr Zelensky)" in facts


def test_communities_have_two_or_more_members(report):
    html = (report / "report.html").read_text()
    communities = html[html.index('<section id="communities">'):html.index('<section id="picture">')]
    assert "(1)" not in communities and "Sabrina Miller" not in communities
    assert "Entities without relations, not drawn:" in html and 'entity=sabrina-miller">Sabrina Miller' in html


def test_html_is_self_contained(report):
    html = (report / "report.html").read_text()
    assert not EXTERNAL_RESOURCE.search(html)
    assert "<svg" in html and "<?xml" not in html  # the picture is inline
    assert '<div class="kg-root kg-view"' in html  # a small graph's view is inline


def test_markdown(report):
    md = (report / "report.md").read_text()
    for heading in ("## Corpus", "## Entities by class", "## Relations by property", "## Key players",
                    "## Communities", "## Facts by entity", "## Sources", "## Entities without relations"):
        assert heading in md
    assert "[Open the interactive view](graph.html)" in md and "![The entity graph](graph.png)" in md
    assert "| 1 | [United Kingdom](graph.html#entity=united-kingdom) | Country | 7 | 5 |" in md
    assert "1. (6) United Kingdom, Ukraine" in md
    assert "- **United Kingdom** sends troops to **Ukraine** (planned)" in md


def test_markdown_escapes_article_text(g, tmp_path):
    hostile = Graph()
    for triple in g:
        hostile.add(triple)
    doc = URIRef("https://w3id.org/newskg/document/000")
    hostile.remove((doc, DCTERMS.title, None))
    hostile.add((doc, DCTERMS.title, Literal("<script>x</script> | **bold** [link](http://evil)")))
    md = write_report(hostile, tmp_path)[1].read_text()
    assert "<script>" not in md and "**bold**" not in md and "[link](http://evil)" not in md
    assert "\\<script\\>x\\</script\\> \\| \\*\\*bold\\*\\*" in md


def test_csv_full_lists(report):
    facts = list(csv.reader((report / "facts.csv").open()))
    assert facts[0][:3] == ["subject", "relation", "object"] and len(facts) == 17
    entities = list(csv.reader((report / "entities.csv").open()))
    assert len(entities) == 15 and entities[1][1] == "United Kingdom"
    sources = list(csv.reader((report / "sources.csv").open()))
    assert [row[0] for row in sources[1:]] == ["000", "001"] or len(sources) == 3


def test_static_pictures(report):
    svg = (report / "graph.svg").read_text()
    assert (report / "graph.svg").stat().st_size > 10_000
    assert (report / "graph.png").stat().st_size > 20_000
    assert (report / "graph.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "United Kingdom" in texts  # the top entity by PageRank, as real text


def test_static_pictures_are_reproducible(g, tmp_path):
    first = [p.read_bytes() for p in draw_static(g, tmp_path / "a")]
    second = [p.read_bytes() for p in draw_static(g, tmp_path / "b")]
    assert first == second


def test_embed_accepts_a_graph_or_a_path(g):
    fragment = embed(g, focus="Nato", depth=1, height=400)
    assert fragment.startswith("<style>") and fragment.endswith("</script>")
    assert "height:400px" in fragment
    assert not EXTERNAL_RESOURCE.search(fragment)
    assert embed(DATA, focus="Nato", depth=1, height=400) == fragment
    assert embed(str(DATA), focus="Nato", depth=1, height=400) == fragment


def test_several_embeds_share_one_library(g):
    one = embed(g)
    two = embeds([g, (DATA, {"focus": "Putin", "depth": 1})])
    library_size = len(one) - len(embed(g, with_library=False))
    assert library_size > 20_000  # the renderer and the explorer script
    assert len(two) < len(one) * 2 - library_size * 0.9
    assert two.count("window.KGNetwork = KGNetwork") == one.count("window.KGNetwork = KGNetwork") == 1
    assert two.count('class="kg-root kg-view"') == 2


def test_show_displays_in_a_notebook(g, tmp_path):
    view = show(g, focus="Putin", depth=1)
    assert view._repr_html_() == embed(g, focus="Putin", depth=1)
    assert view.save(tmp_path / "putin.html").is_file()


def test_empty_graph_report(tmp_path):
    html_path, md_path = write_report(Graph(), tmp_path)
    assert "0 documents, 0 entities" in md_path.read_text()
    assert "No entities" in (tmp_path / "graph.svg").read_text()
    assert '<section id="facts">' in html_path.read_text()


def test_cli_report(tmp_path):
    result = CliRunner().invoke(main, ["report", str(DATA), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "report.html").is_file() and (tmp_path / "report.md").is_file()


def _render_all_under_seed(seed: str, source: Path, out: Path) -> None:
    code = ("import sys; from pathlib import Path; from kg.views.report import write_report; "
            "write_report(Path(sys.argv[1]), Path(sys.argv[2]))")
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-c", code, str(source), str(out)], check=True, env=env)


def test_every_view_file_is_identical_across_hash_seeds(tmp_path):
    # str hashes are salted per process; set or subgraph order leaking into a layout would show here
    source = tmp_path / "mixed.ttl"
    source.write_text(DATA.read_text() + "\n" + ring_turtle(320), encoding="utf-8")
    _render_all_under_seed("1", source, tmp_path / "a")
    _render_all_under_seed("2", source, tmp_path / "b")
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert {"graph.html", "graph.svg", "graph.png", "report.html", "report.md"} <= set(names)
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def ring_turtle(n: int) -> str:
    """`n` organisations in a ring with a hub every tenth one: one component big enough for a spring layout."""
    lines = ["@prefix kg: <https://w3id.org/newskg/ontology#> .",
             "@prefix ent: <https://w3id.org/newskg/entity/> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ."]
    for i in range(n):
        lines.append(f'ent:o{i} a kg:Organization ; rdfs:label "Org {i}" ; '
                     f'kg:partners ent:o{(i + 1) % n}, ent:o{i - i % 10} .')
    return "\n".join(lines) + "\n"


def test_static_picture_has_arrows_relation_labels_and_no_isolated_entities(report):
    svg = (report / "graph.svg").read_text()
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "sends troops to" in texts or "supplies" in texts  # the main links are named
    assert "Sabrina Miller" not in texts  # no relation: listed in the report, not drawn
    assert "1 entities without relations listed in the report, not drawn" in texts
    assert svg.count('id="patch_') > 15  # matplotlib draws each arrow head as a patch


def _text_boxes(source: Graph) -> list[tuple[float, float, float, float, str]]:
    """Where each piece of text of the static figure of `source` lies, in pixels."""
    fig = static_figure(as_model(source))
    try:
        renderer = fig.canvas.get_renderer()
        return [(*(b := t.get_window_extent(renderer)).min, *b.max, t.get_text()) for t in fig.axes[0].texts]
    finally:
        plt.close(fig)


@pytest.mark.parametrize("ring", [0, 120])
def test_static_picture_text_never_overlaps(g, ring):
    # the test graph, and a crowded one: 120 organisations in a ring with hubs, more than can be named
    source = g if not ring else Graph().parse(data=DATA.read_text() + "\n" + ring_turtle(ring), format="turtle")
    boxes = _text_boxes(source)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]), (a[4], b[4])
    names = {t[4] for t in boxes}
    if not ring:  # room for every linked entity's name and the main links'
        assert {"John Healey", "Vladimir Putin", "Nato"} <= names and names & {"sends troops to", "supplies"}
    else:
        assert 10 < len([n for n in names if n.startswith("Org ")]) <= STATIC_LABELS


def _bench():
    spec = importlib.util.spec_from_file_location("bench_views", BENCH_VIEWS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow  # a minute on a busy machine: 1,500 articles through the whole report
def test_report_of_a_large_corpus_stays_small(tmp_path):
    source = tmp_path / "big.nt"
    _bench().write_graph(source, entities=1500, links=6000, articles=1500)
    html_path, md_path = write_report(source, tmp_path / "out")
    html = html_path.read_text()
    assert len(html.encode()) < 1_000_000
    assert '<nav id="contents">' in html
    assert "The 30 leading entities of" in html and "The 60 most recent of 1,500 documents" in html
    assert '<div class="kg-root kg-view"' not in html  # too big to embed: a link to graph.html instead
    assert 'href="graph.html"' in html
    # report.md and the CSVs hold everything
    assert len(list(csv.reader((tmp_path / "out" / "sources.csv").open()))) == 1501
    assert md_path.stat().st_size > len(html)


def test_key_players_weigh_links_by_their_sentences_and_untitled_sources_are_named(tmp_path):
    # the hub's link to 'Zora Vale' is stated ten times, its link to 'Abel Ash' once: Zora ranks first,
    # although the two hold one link each and Abel's IRI sorts first
    lines = ["@prefix kg: <https://w3id.org/newskg/ontology#> .",
             "@prefix ent: <https://w3id.org/newskg/entity/> .",
             "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
             "@prefix prov: <http://www.w3.org/ns/prov#> .",
             "@prefix doc: <https://w3id.org/newskg/document/> .", "doc:d1 a kg:Article .",
             'ent:hub a kg:Person ; rdfs:label "Hub Holm" ; kg:meets ent:a-abel, ent:z-zora .',
             'ent:a-abel a kg:Person ; rdfs:label "Abel Ash" .',
             'ent:z-zora a kg:Person ; rdfs:label "Zora Vale" .']
    for i, other in enumerate(["a-abel"] + ["z-zora"] * 10):
        lines.append(f"<https://w3id.org/newskg/statement/m{i}> a rdf:Statement ; rdf:subject ent:hub ; "
                     f"rdf:predicate kg:meets ; rdf:object ent:{other} ; prov:wasDerivedFrom doc:d1 ; "
                     f'kg:sentence "Hub Holm met them, time {i}." .')
    source = tmp_path / "meetings.ttl"
    source.write_text("\n".join(lines) + "\n")
    html_path, md_path = write_report(source, tmp_path / "out")
    page = html_path.read_text()
    players = page[page.index('<section id="key-players">'):page.index('<section id="entities">')]
    assert players.index("Zora Vale") < players.index("Abel Ash")
    assert "Untitled document d1" in page and "<h3></h3>" not in page and "<h4></h4>" not in page


def test_static_picture_of_a_big_graph_draws_linked_entities_only():
    # 400 organisations: more than the picture holds; each one drawn has a drawn neighbour
    model = as_model(Graph().parse(data=ring_turtle(400), format="turtle"))
    drawn, isolated = drawn_nodes(model)
    assert 0 < len(drawn) <= STATIC_MAX_NODES and isolated == []
    kept = set(drawn)
    assert all(any(m in kept for m in model.simple.neighbors(n)) for n in drawn)
