"""Tests for kg.pipeline: the whole build on small articles and on the seed corpus, scored by the eval."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from conftest import ARTICLES, REPO

from kg.config import BASE_IRI, Settings
from kg.errors import InputError
from kg.ontology import KG
from kg.pipeline import build_corpus, owned_outputs

SCORER = REPO.parent / "shared" / "eval" / "score.py"
GOLD = REPO.parent / "shared" / "eval" / "gold" / "seeds.yaml"
FLOOR = {"entity_f1": (">=", 0.90), "fact_recall_typed": (">=", 0.60), "relation_precision": (">=", 0.70),
         "duplicates": ("<=", 2)}


def test_missing_corpus_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="corpus folder not found"):
        build_corpus(tmp_path / "nowhere", tmp_path / "out", Settings(progress=False))
    assert not (tmp_path / "out" / "graph.ttl").exists()


@pytest.mark.slow
def test_build_of_small_articles(tmp_path):
    summary = build_corpus(ARTICLES, tmp_path, Settings(progress=False), with_views=False)
    assert summary.articles == 2 and not summary.skipped
    assert summary.entities >= 10 and summary.facts >= 8
    assert {p.name for p in summary.outputs} == {"graph.ttl", "low-confidence.ttl"}
    text = (tmp_path / "graph.ttl").read_text(encoding="utf-8")
    for fragment in ("ent:friedrich-merz", "kg:leads ent:germany", "ent:angela-smith", "kg:serves ent:ireland",
                     "rdf:Statement", "kg:statedBy ent:mette-frederiksen"):
        assert fragment in text, fragment
    assert "built 2 articles" in summary.describe()


@pytest.mark.slow
def test_build_with_views_writes_every_artefact(tmp_path):
    summary = build_corpus(ARTICLES, tmp_path, Settings(progress=False))
    for name in ("graph.ttl", "low-confidence.ttl", "stats.json", "graph.html", "report.html", "report.md"):
        assert (tmp_path / name).stat().st_size > 0, name
    assert set(summary.seconds) >= {"read", "nlp", "extract", "resolve", "rdf", "analyse", "render"}
    written = {p.name for p in tmp_path.iterdir() if not p.name.startswith(".")}
    assert written <= set(owned_outputs())  # else a later build could leave this file behind, stale


@pytest.mark.slow
def test_a_build_without_views_or_a_format_removes_the_older_ones(tmp_path):
    build_corpus(ARTICLES, tmp_path, Settings(progress=False, formats=("ttl", "nt")))
    assert (tmp_path / "graph.html").exists() and (tmp_path / "graph.nt").exists()
    summary = build_corpus(ARTICLES, tmp_path, Settings(progress=False), with_views=False)
    left = {p.name for p in tmp_path.iterdir() if not p.name.startswith(".")}
    assert left == {"graph.ttl", "low-confidence.ttl"} == {p.name for p in summary.outputs}


def parse_summary(stdout: str) -> dict[str, float]:
    line = next(ln for ln in stdout.splitlines() if ln.startswith("summary:"))
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", line)}


@pytest.mark.slow
@pytest.mark.skipif(not SCORER.exists(), reason=f"the shared scorer is not beside the repository ({SCORER})")
def test_seed_build_scores_above_the_floor(seed_build):
    proc = subprocess.run([sys.executable, str(SCORER), str(seed_build), str(GOLD)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    scores = parse_summary(proc.stdout)
    for name, (op, bound) in FLOOR.items():
        ok = scores[name] >= bound if op == ">=" else scores[name] <= bound
        assert ok, f"{name}={scores[name]} not {op} {bound}: {proc.stdout.splitlines()[-1]}"


@pytest.mark.slow
def test_a_build_under_another_base_iri_mints_no_iri_of_the_default_base(tmp_path):
    base = "https://example.org/news/"
    build_corpus(ARTICLES, tmp_path, Settings(progress=False, base_iri=base), with_views=False)
    graph = rdflib.Graph().parse(tmp_path / "graph.ttl")
    iris = {str(t) for triple in graph for t in triple if isinstance(t, rdflib.URIRef)}
    # only the vocabulary (kg.ttl's own IRIs) is under the default base
    assert {iri for iri in iris if iri.startswith(BASE_IRI)} == {
        iri for iri in iris if iri.startswith(str(KG)) or iri == str(KG).rstrip("#")}
    assert any(iri.startswith(base + "entity/") for iri in iris)
    assert any(iri.startswith(base + "statement/") for iri in iris)
    assert dict(graph.namespaces())["ent"] == rdflib.URIRef(base + "entity/")


def test_parse_summary():
    out = "x\nsummary: entity_recall=0.95 entity_f1=0.95 fact_recall_typed=0.82 duplicates=1\n"
    assert parse_summary(out) == {"entity_recall": 0.95, "entity_f1": 0.95, "fact_recall_typed": 0.82,
                                  "duplicates": 1.0}


def test_scorer_path_is_beside_the_repository():
    assert SCORER.parent.parent.name == "shared" and Path(REPO / "corpus").is_dir()


def test_a_headline_is_read_as_the_first_paragraph():
    from kg.models import Article
    from kg.pipeline import with_headline

    article = Article("t0", "t0.txt", "The deal closed on Friday.", title="Orbis buys Vantor Labs for $2 billion")
    assert with_headline(article).text == "Orbis buys Vantor Labs for $2 billion.\n\nThe deal closed on Friday."
    assert with_headline(with_headline(article)).text == with_headline(article).text
    assert with_headline(Article("t1", "t1.txt", "No headline here.")).text == "No headline here."


def test_a_fact_only_the_headline_states_is_in_the_graph(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "001_deal.txt").write_text("Orbis Holdings buys Vantor Labs\n\nThe companies said the deal would close "
                                         "in March. Analysts expect job cuts.\n", encoding="utf-8")
    build_corpus(corpus, tmp_path / "out", Settings(), with_views=False)
    g = rdflib.Graph().parse(tmp_path / "out" / "graph.ttl")
    assert any(p == KG.acquires for p in g.predicates())
