"""Network statistics of the entity graph: counts, centralities, communities and key players."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import networkx as nx
from rdflib import RDF, Graph

from kg.views.graphview import entity_graph, simple_graph, write_atomic
from kg.ontology import KG

__all__ = ["analyse", "entity_graph", "key_players", "pagerank", "write_stats"]

SEED = 42
TOP_N = 10
# Exact betweenness is O(n*m); past this many nodes it is estimated from a seeded sample of sources.
EXACT_BETWEENNESS_MAX_NODES = 1000
BETWEENNESS_SAMPLE = 300
_DIGITS = 6  # rounding keeps stats.json identical across platforms' last-bit float differences


def _sorted_counts(counter: Counter) -> dict[str, int]:
    return {k: counter[k] for k in sorted(counter)}


def _rounded(values: dict[str, float]) -> dict[str, float]:
    return {k: round(values[k], _DIGITS) for k in sorted(values)}


def pagerank(graph: nx.MultiDiGraph) -> dict[str, float]:
    """PageRank of each entity on the undirected projection, weighted by the number of relations.

    Undirected because an actor's importance in news comes from taking part in relations, whichever
    side of the verb it stands. An empty graph gives an empty dict.
    """
    simple = simple_graph(graph)
    if simple.number_of_nodes() == 0:
        return {}
    return dict(nx.pagerank(simple, weight="weight"))


def _betweenness(simple: nx.Graph) -> dict[str, float]:
    n = simple.number_of_nodes()
    k = None if n <= EXACT_BETWEENNESS_MAX_NODES else BETWEENNESS_SAMPLE
    return dict(nx.betweenness_centrality(simple, k=k, seed=SEED))


def _member_list(graph: nx.MultiDiGraph, members: set[str], pr: dict[str, float]) -> list[dict]:
    ordered = sorted(members, key=lambda n: (-round(pr.get(n, 0.0), _DIGITS), n))
    return [{"iri": n, "label": graph.nodes[n]["label"], "class": graph.nodes[n]["cls"]} for n in ordered]


def _groups(graph: nx.MultiDiGraph, groups: list[set[str]], pr: dict[str, float]) -> list[dict]:
    # biggest group first; within a size, the one holding the alphabetically first IRI
    ordered = sorted(groups, key=lambda m: (-len(m), min(m)))
    return [{"id": i, "size": len(m), "members": _member_list(graph, m, pr)} for i, m in enumerate(ordered)]


def key_players(graph: nx.MultiDiGraph, pr: dict[str, float], n: int = TOP_N) -> list[dict]:
    """The `n` entities with the highest PageRank, with label, class, degree and PageRank."""
    simple = simple_graph(graph)
    ranked = sorted(graph.nodes, key=lambda v: (-round(pr.get(v, 0.0), _DIGITS), v))[:n]
    return [{
        "iri": v,
        "label": graph.nodes[v]["label"],
        "class": graph.nodes[v]["cls"],
        "degree": simple.degree(v),
        "relations": graph.degree(v),
        "pagerank": round(pr.get(v, 0.0), _DIGITS),
    } for v in ranked]


def analyse(g: Graph) -> dict:
    """Statistics and network measures of the entity graph in `g`, as a JSON-ready dict.

    Keys: ``counts`` (entities, relations, statements, documents, comments), ``entities_by_class``,
    ``relations_by_predicate`` (by property label), ``degree`` (distinct neighbours), ``betweenness``,
    ``pagerank``, ``communities`` (Louvain, seeded), ``components`` (weakly connected) and
    ``key_players`` (top 10 by PageRank). Every mapping is sorted by key and every list has a fixed
    order, so the same graph always gives the same dict. A graph without entities gives zero counts
    and empty measures rather than an error.

    Examples
    --------
    >>> from rdflib import Graph
    >>> analyse(Graph())["counts"]["entities"]
    0
    """
    graph = entity_graph(g)
    simple = simple_graph(graph)
    pr = pagerank(graph)
    counts = {
        "entities": graph.number_of_nodes(),
        "relations": graph.number_of_edges(),
        "statements": len(set(g.subjects(RDF.type, RDF.Statement))),
        "documents": len(set(g.subjects(RDF.type, KG.Article))),
        "comments": len(set(g.subjects(RDF.type, KG.Comment))),
    }
    if graph.number_of_nodes() == 0:
        communities: list[set[str]] = []
        components: list[set[str]] = []
        betweenness: dict[str, float] = {}
    else:
        communities = [set(c) for c in nx.community.louvain_communities(simple, weight="weight", seed=SEED)]
        components = [set(c) for c in nx.weakly_connected_components(graph)]
        betweenness = _betweenness(simple)
    return {
        "counts": counts,
        "entities_by_class": _sorted_counts(Counter(d["cls"] for _, d in graph.nodes(data=True))),
        "relations_by_predicate": _sorted_counts(Counter(d["label"] for _, _, d in graph.edges(data=True))),
        "degree": {v: simple.degree(v) for v in sorted(simple.nodes)},
        "betweenness": _rounded(betweenness),
        "pagerank": _rounded(pr),
        "communities": _groups(graph, communities, pr),
        "components": _groups(graph, components, pr),
        "key_players": key_players(graph, pr),
    }


def write_stats(g: Graph, path: Path, stats: dict | None = None) -> Path:
    """Write `analyse(g)` (or `stats` already computed from it) as JSON to `path` (stats.json), atomically."""
    stats = analyse(g) if stats is None else stats
    return write_atomic(Path(path), json.dumps(stats, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
