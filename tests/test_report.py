"""Tests for kg.views.report: the HTML and Markdown report, the static pictures and the embeddable view."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import main
from kg.views.graphview import load_graph
from kg.views.report import draw_static, embed, show, write_report

DATA = Path(__file__).parent / "data" / "small_graph.ttl"
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
    assert names == ["graph.html", "graph.png", "graph.svg", "report.html", "report.md"]


def test_html_sections(report):
    html = (report / "report.html").read_text()
    for section in ("corpus", "entities", "relations", "key-players", "communities", "picture", "interactive",
                    "facts"):
        assert f'<section id="{section}">' in html
    assert "Healey: I want to send British troops to Ukraine" in html
    assert "2026-02-21" in html and "The Telegraph" in html and "Sabrina Miller" in html
    assert "<td>United Kingdom</td><td>Country</td><td>5</td>" in html


def test_html_facts_carry_their_sentences(report):
    html = (report / "report.html").read_text()
    facts = html[html.index('<section id="facts">'):]
    assert "<h3>000: Healey: I want to send British troops to Ukraine</h3>" in facts
    assert "I want to send British troops to Ukraine once a ceasefire is agreed." in facts
    assert "(planned)" in facts
    assert "(reported; according to Volodymyr Zelensky)" in facts
    # text order inside a document: the sentence at offset 0 comes before the one at 400
    assert facts.index("serves the United Kingdom.") < facts.index("send British troops to Ukraine once")


def test_html_is_self_contained(report):
    html = (report / "report.html").read_text()
    assert not EXTERNAL_RESOURCE.search(html)
    assert "<svg" in html and "<?xml" not in html  # the picture is inline
    assert '<iframe class="kg-view"' in html and 'sandbox="allow-scripts"' in html


def test_markdown(report):
    md = (report / "report.md").read_text()
    for heading in ("## Corpus", "## Entities by class", "## Relations by property", "## Key players",
                    "## Communities", "## Facts by document"):
        assert heading in md
    assert "[Open the interactive view](graph.html)" in md and "![The entity graph](graph.png)" in md
    assert "| 1 | United Kingdom | Country | 5 |" in md
    assert "1. (6) United Kingdom, Ukraine" in md
    assert "- **United Kingdom** sends troops to **Ukraine** (planned)" in md


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


def test_embed_is_a_sandboxed_frame(g):
    fragment = embed(g, focus="Nato", depth=1, height=400)
    assert fragment.startswith('<iframe class="kg-view"') and fragment.endswith("</iframe>")
    assert "height:400px" in fragment
    assert "srcdoc=\"&lt;!DOCTYPE html&gt;" in fragment
    assert not EXTERNAL_RESOURCE.search(fragment)


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
