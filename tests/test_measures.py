"""kg.views.measures: betweenness from sampled sources in numpy gives networkx's figures."""
from __future__ import annotations

import random

import networkx as nx
import pytest

from kg.views.measures import sampled_betweenness


@pytest.mark.parametrize("graph", [nx.gnm_random_graph(400, 1200, seed=3),
                                   nx.barabasi_albert_graph(300, 2, seed=1),
                                   nx.path_graph(6), nx.complete_graph(5)])
def test_sampled_betweenness_matches_networkx(graph):
    graph = nx.relabel_nodes(graph, {v: f"n{v:03d}" for v in graph})
    graph.add_nodes_from(["isolated", "also isolated"])
    k = min(len(graph), 70)
    expected = nx.betweenness_centrality(graph, k=k, seed=42)
    found = sampled_betweenness(graph, random.Random(42).sample(list(graph.nodes()), k))
    assert list(found) == list(expected)
    assert all(found[v] == pytest.approx(expected[v], abs=1e-12) for v in graph)


def test_every_node_as_a_source_gives_exact_betweenness():
    graph = nx.les_miserables_graph()
    exact = nx.betweenness_centrality(graph)
    found = sampled_betweenness(graph, list(graph.nodes()))
    # every node a source: each is scaled by 1/((n-1)(n-2)), as the exact measure scales every node
    assert all(found[v] == pytest.approx(exact[v], abs=1e-12) for v in graph)
    assert max(found, key=found.get) == "Valjean"


def test_tiny_graphs():
    assert sampled_betweenness(nx.Graph(), []) == {}
    assert sampled_betweenness(nx.path_graph(2), [0]) == {0: 0.0, 1: 0.0}
