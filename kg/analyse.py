"""Network statistics of the entity graph: counts, centralities, communities and key players."""
from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import networkx as nx
from rdflib import Graph

from kg.views.graphview import write_atomic
from kg.views.measures import sampled_betweenness
from kg.views.model import ViewModel, as_model, simple_graph
from kg.ontology.vocabulary import OPEN

__all__ = ["analyse", "entity_graph", "key_players", "pagerank", "write_stats"]

SEED = 42
TOP_N = 10
# Exact betweenness is O(n*m); past this many nodes it is estimated from a seeded sample of sources.
EXACT_BETWEENNESS_MAX_NODES = 1000
BETWEENNESS_SAMPLE = 300
BETWEENNESS_LINK_BUDGET = 3_000_000  # sampled sources x links
_DIGITS = 6  # rounding keeps stats.json identical across platforms' last-bit float differences


def entity_graph(source: ViewModel | Graph) -> nx.MultiDiGraph:
    """The entity graph of a model, an rdflib Graph or a graph file (see kg.views.model.ViewModel)."""
    return as_model(source).graph


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
    # each sampled source costs a traversal of every link: fewer of them on a graph with many links
    sample = max(50, min(BETWEENNESS_SAMPLE, BETWEENNESS_LINK_BUDGET // max(1, simple.number_of_edges())))
    if n <= EXACT_BETWEENNESS_MAX_NODES:
        return dict(nx.betweenness_centrality(simple, seed=SEED))
    # the sources networkx would sample with this seed, walked all at once in numpy (kg.views.measures)
    return sampled_betweenness(simple, random.Random(SEED).sample(list(simple.nodes()), min(n, sample)))


def _member_list(graph: nx.MultiDiGraph, members: list[str], pr: dict[str, float]) -> list[dict]:
    ordered = sorted(members, key=lambda n: (-round(pr.get(n, 0.0), _DIGITS), n))
    return [{"iri": n, "label": graph.nodes[n]["label"], "class": graph.nodes[n]["cls"]} for n in ordered]


def _groups(graph: nx.MultiDiGraph, groups: list[list[str]], pr: dict[str, float]) -> list[dict]:
    # biggest group first; within a size, the one holding the alphabetically first IRI
    ordered = sorted((sorted(m) for m in groups), key=lambda m: (-len(m), m[0]))
    return [{"id": i, "size": len(m), "members": _member_list(graph, m, pr)} for i, m in enumerate(ordered)]


def key_players(model: ViewModel | nx.MultiDiGraph, pr: dict[str, float] | None = None,
                n: int = TOP_N) -> list[dict]:
    """The `n` entities with the highest PageRank, with label, class, degree, relations, facts and PageRank.

    PageRank runs on the projection weighted by the number of relations between two entities, so an
    actor linked by many facts outranks one with a single mention.
    """
    model = model if isinstance(model, ViewModel) else ViewModel(model, [], {}, {})
    graph = model.graph
    pr = model.pagerank if pr is None else pr
    ranked = sorted(graph.nodes, key=lambda v: (-round(pr.get(v, 0.0), _DIGITS), v))[:n]
    return [{
        "iri": v,
        "label": graph.nodes[v]["label"],
        "class": graph.nodes[v]["cls"],
        "degree": model.simple.degree(v),
        "relations": graph.degree(v),
        "facts": model.facts.get(v, 0),
        "pagerank": round(pr.get(v, 0.0), _DIGITS),
    } for v in ranked]


def analyse(source: ViewModel | Graph | Path) -> dict:
    """Statistics and network measures of the entity graph in `source`, as a JSON-ready dict.

    `source` is a ViewModel, an rdflib Graph or the path of a graph file. Keys: ``counts``
    (entities, relations, statements, documents, comments), ``entities_by_class``,
    ``relations_by_predicate`` (by property label), ``degree`` (distinct neighbours),
    ``betweenness``, ``pagerank``, ``communities`` (Louvain, seeded), ``components`` (weakly
    connected) and ``key_players`` (top 10 by PageRank). Every mapping is sorted by key and every
    list has a fixed order, so the same graph always gives the same dict. A graph without entities
    gives zero counts and empty measures rather than an error.

    Examples
    --------
    >>> from rdflib import Graph
    >>> analyse(Graph())["counts"]["entities"]
    0
    """
    model = as_model(source)
    graph = model.graph
    pr = model.pagerank
    if graph.number_of_nodes() == 0:
        components: list[list[str]] = []
        betweenness: dict[str, float] = {}
    else:
        components = [sorted(c) for c in nx.weakly_connected_components(graph)]
        betweenness = _betweenness(model.simple)
    return {
        "counts": model.counts,
        "entities_by_class": _sorted_counts(Counter(d["cls"] for _, d in graph.nodes(data=True))),
        "relations_by_predicate": _sorted_counts(Counter(d["label"] for _, _, d in graph.edges(data=True))),
        "open_phrases": open_phrases(model),
        "degree": model.degree,
        "betweenness": _rounded(betweenness),
        "pagerank": _rounded(pr),
        "communities": _groups(graph, model.communities, pr),
        "components": _groups(graph, components, pr),
        "key_players": key_players(model),
    }


def open_phrases(*models: ViewModel, top: int = 25) -> list[dict]:
    """The most frequent phrases of open relations (links no lexicon entry types) in the models, with
    their counts: what the lexicon could learn next. Sorted by count, then phrase."""
    counts = Counter(model.property_labels.get(st.predicate, st.predicate) for model in models
                     for st in model.statements if st.predicate.startswith(str(OPEN)))
    return [{"phrase": phrase, "statements": n}
            for phrase, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]]


def write_stats(source: ViewModel | Graph, path: Path, stats: dict | None = None) -> Path:
    """Write `analyse(source)` (or `stats` already computed from it) as JSON to `path`, atomically."""
    stats = analyse(source) if stats is None else stats
    return write_atomic(Path(path), json.dumps(stats, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
