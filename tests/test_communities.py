"""Communities: networkx's Louvain on small graphs, the bounded Louvain on big ones."""
from __future__ import annotations

import networkx as nx
import pytest

from kg.views import communities as comm


def _planted(groups: int, size: int, seed: int = 3) -> nx.Graph:
    g = nx.planted_partition_graph(groups, size, 0.4, 0.01, seed=seed)
    return nx.relabel_nodes(g, {n: f"e{n:04d}" for n in g})


def _partition(found: list) -> set[frozenset[str]]:
    return {frozenset(c) for c in found}


def test_bounded_louvain_finds_planted_groups() -> None:
    g = _planted(5, 40)
    found = comm.bounded_louvain(g)
    planted = {frozenset(f"e{n:04d}" for n in range(i * 40, (i + 1) * 40)) for i in range(5)}
    assert _partition(found) == planted


def test_bounded_louvain_is_deterministic_and_covers_every_node_once() -> None:
    g = _planted(8, 60, seed=11)
    first, second = comm.bounded_louvain(g), comm.bounded_louvain(g.copy())
    assert _partition(first) == _partition(second)
    members = [n for c in first for n in c]
    assert sorted(members) == sorted(g.nodes)


def test_bounded_louvain_modularity_close_to_networkx() -> None:
    g = _planted(10, 50, seed=5)
    ours = nx.community.modularity(g, comm.bounded_louvain(g))
    theirs = nx.community.modularity(g, nx.community.louvain_communities(g, seed=42))
    assert ours >= theirs - 0.02


def test_isolated_nodes_and_empty_graph() -> None:
    g = nx.Graph()
    g.add_nodes_from(["b", "a"])
    assert comm.communities(g) == [["a"], ["b"]]
    assert sorted(comm.bounded_louvain(g), key=min) == [{"a"}, {"b"}]
    assert comm.communities(nx.Graph()) == []


def test_small_graphs_keep_networkx_louvain(monkeypatch: pytest.MonkeyPatch) -> None:
    g = _planted(4, 30, seed=2)
    expected = sorted((sorted(c) for c in nx.community.louvain_communities(g, weight="weight", seed=42)),
                      key=lambda m: (-len(m), m[0]))
    assert comm.communities(g) == expected
    # past the link threshold the bounded method runs instead, with the same output shape
    monkeypatch.setattr(comm, "EXACT_MAX_LINKS", 10)
    bounded = comm.communities(g)
    assert sorted(n for c in bounded for n in c) == sorted(g.nodes)
    assert [len(c) for c in bounded] == sorted((len(c) for c in bounded), reverse=True)
