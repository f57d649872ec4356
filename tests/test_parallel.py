"""Parsing in several processes (--jobs), or parsing and extracting on Dask, gives the same graph."""
from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from conftest import SEED_CORPUS, run_kg
from kg.run.engines import chunk_size
from kg.errors import ModelError


def _graph(path) -> Graph:
    return Graph().parse(path, format="turtle")


def test_chunks_keep_every_worker_busy_within_one_batch():
    assert chunk_size(6, 2, 32) == 1
    assert chunk_size(2000, 2, 32) == 32
    assert chunk_size(100, 2, 32) == 13
    assert chunk_size(0, 0, 32) == 1


@pytest.mark.slow
def test_two_processes_give_the_same_graph(tmp_path, seed_build):
    proc = run_kg("build", str(SEED_CORPUS), "--out", str(tmp_path), "--no-view", "--quiet", "--jobs", "2",
                  "--no-cache")
    assert proc.returncode == 0, proc.stderr
    assert isomorphic(_graph(tmp_path / "graph.ttl"), _graph(seed_build))


@pytest.mark.slow
def test_dask_engine_gives_the_same_graph(tmp_path, seed_build):
    psutil = pytest.importorskip("psutil")
    pytest.importorskip("distributed")
    from kg.config import Settings
    from kg.pipeline import build_corpus

    from kg.run.shards import read_shards

    before = {p.pid for p in psutil.Process().children(recursive=True)}
    out, shards = tmp_path / "out", tmp_path / "shards"
    shards.mkdir()
    (shards / "shard-00099.nt").write_text("stale shard of an earlier, larger build\n")
    summary = build_corpus(SEED_CORPUS, out, Settings(progress=False), with_views=False, engine="dask",
                           use_cache=False, shards_dir=shards)
    assert summary.parsed == summary.articles
    # Extraction ran on the workers, shard by shard; the graph is byte for byte the local one.
    assert (out / "graph.ttl").read_bytes() == seed_build.read_bytes()
    names = sorted(p.name for p in shards.iterdir())
    assert names == [f"shard-{k:05d}.nt" for k in range(len(names))] and len(names) > 1
    doc_ids = [x.article.doc_id for x in read_shards(shards, len(names))]
    assert len(doc_ids) == summary.articles and doc_ids == sorted(doc_ids)  # the articles' order
    # The local cluster is closed: no worker or nanny process outlives the build.
    # (multiprocessing's resource tracker is shared by the whole test session and stays.)
    left = [" ".join(p.cmdline()) for p in psutil.Process().children(recursive=True)
            if p.pid not in before and p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert not [cmd for cmd in left if "resource_tracker" not in cmd], left


@pytest.mark.slow
def test_scheduler_needs_the_dask_engine(tmp_path):
    proc = run_kg("build", str(SEED_CORPUS), "--out", str(tmp_path), "--scheduler", "tcp://127.0.0.1:1")
    assert proc.returncode == 2
    assert "--scheduler needs --engine dask" in proc.stderr
    proc = run_kg("build", str(SEED_CORPUS), "--out", str(tmp_path), "--shards", str(tmp_path / "shards"))
    assert proc.returncode == 2
    assert "--shards needs --engine dask" in proc.stderr


@pytest.mark.slow
def test_corpus_names_merge_chunk_by_chunk(nlp, ontology):
    """What lets extraction run on the workers: the corpus names are a merge of per-chunk names."""
    from kg.config import Settings
    from kg.extract import chunk_names, corpus_names, merge_names
    from kg.extract.mentions import find_mentions
    from kg.ingest import load_articles
    from kg.nlp import parse_articles
    from kg.pipeline import with_captions

    articles, _ = load_articles(SEED_CORPUS, Settings().max_doc_chars)
    docs = parse_articles(nlp, [with_captions(a) for a in articles])
    found = [find_mentions(doc, ontology) for doc in docs]
    whole = corpus_names(found)
    assert whole
    for size in (1, 2, 4):
        parts = [chunk_names(found[i:i + size]) for i in range(0, len(found), size)]
        merged = merge_names(parts)
        assert merged == whole and list(merged) == list(whole)


@pytest.mark.slow
def test_a_worker_with_another_pipeline_is_an_error(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    import kg.run.engines
    from kg.config import Settings
    from kg.pipeline import build_corpus

    # The workers compute the real fingerprint; this process is made to expect another one.
    monkeypatch.setattr(kg.run.engines, "pipeline_fingerprint", lambda *args: "another pipeline")
    with pytest.raises(ModelError, match="different model"):
        build_corpus(SEED_CORPUS, tmp_path / "out", Settings(progress=False), with_views=False, engine="dask",
                     use_cache=False)
