"""Parsing in several processes (--jobs) or on a Dask cluster gives the same graph as one process."""
from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from conftest import SEED_CORPUS, run_kg
from kg.engines import chunk_size


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

    before = {p.pid for p in psutil.Process().children(recursive=True)}
    summary = build_corpus(SEED_CORPUS, tmp_path, Settings(progress=False), with_views=False, engine="dask",
                           use_cache=False)
    assert summary.parsed == summary.articles
    assert isomorphic(_graph(tmp_path / "graph.ttl"), _graph(seed_build))
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
