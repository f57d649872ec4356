"""Seeded node positions in pixels, computed in Python so pages and pictures need no physics.

Every step iterates nodes and edges in sorted order, never in set or hash order, so the same graph
gives the same positions whatever PYTHONHASHSEED a process runs with.
"""
from __future__ import annotations

import math

import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

from kg.views.model import simple_graph

__all__ = ["layout"]

SEED = 42
SMALL_COMPONENT = 500  # below this networkx's own spring layout is fast enough
KAMADA_KAWAI_MAX = 150  # its all-pairs distances cost seconds past this
DENSE_MAX = 2500  # all-pairs repulsion holds n^2 floats: past this only the nearest nodes repel
NEAREST = 24  # nodes that repel each other in the approximate layout
NODE_SPACING = 180.0  # pixels from a node to its nearest neighbour, median
CELL_MARGIN = 160.0  # pixels around each packed component, room for labels


def ordered_subgraph(simple: nx.Graph, nodes: list[str]) -> nx.Graph:
    """A copy of the subgraph on `nodes` whose nodes and edges were inserted in sorted order.

    A subgraph view iterates its node set in hash order, which would change the layouts (they
    depend on node order) from one process to the next.
    """
    wanted = set(nodes)
    sub = nx.Graph()
    sub.add_nodes_from(sorted(nodes))
    sub.add_edges_from((u, v, dict(simple[u][v])) for u, v in sorted(
        (min(u, v), max(u, v)) for u in sorted(nodes) for v in simple[u] if v in wanted and u < v))
    return sub


def _forces(pos: np.ndarray, src: np.ndarray, dst: np.ndarray, k: float) -> np.ndarray:
    """Fruchterman-Reingold displacement: repulsion from every node (or the nearest), pull along edges."""
    n = len(pos)
    if n <= DENSE_MAX:
        x, y = pos[:, 0].astype(np.float32), pos[:, 1].astype(np.float32)
        dx, dy = x[:, None] - x[None, :], y[:, None] - y[None, :]
        push = np.float32(k * k) / np.maximum(dx * dx + dy * dy, np.float32(1e-4))
        disp = np.stack([(dx * push).sum(axis=1), (dy * push).sum(axis=1)], axis=1).astype(np.float64)
    else:
        # a big component: repulsion from the nearest nodes only (kd-tree), plus a pull to the centre
        # standing in for the far-away mass, so the layout costs O(n log n) per step, not O(n^2)
        _, idx = cKDTree(pos).query(pos, k=min(NEAREST, n))
        delta = pos[:, None, :] - pos[idx]
        dist2 = np.maximum((delta ** 2).sum(axis=2), 1e-8)
        disp = (delta * (k * k / dist2)[:, :, None]).sum(axis=1)
        disp -= pos * (k * math.sqrt(n) * 0.05)
    edge = pos[src] - pos[dst]
    pull = edge * np.hypot(edge[:, 0], edge[:, 1])[:, None] / k
    np.add.at(disp, src, -pull)
    np.add.at(disp, dst, pull)
    return disp


def _vectorised_spring(sub: nx.Graph, k: float, iterations: int) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold in numpy arrays, seeded; nodes in sorted order.

    networkx lays out graphs of 500 nodes or more with a Python loop per node and iteration, which
    takes minutes at 2,000 nodes; this takes seconds.
    """
    order = sorted(sub.nodes)
    index = {v: i for i, v in enumerate(order)}
    edges = sorted((index[u], index[v]) for u, v in sub.edges)
    src = np.array([u for u, _ in edges], dtype=np.intp)
    dst = np.array([v for _, v in edges], dtype=np.intp)
    pos = np.random.default_rng(SEED).random((len(order), 2))
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        disp = _forces(pos, src, dst, k)
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 0.01)
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    pos -= pos.mean(axis=0)
    return {v: (float(pos[i, 0]), float(pos[i, 1])) for i, v in enumerate(order)}


def _spread(pos: dict[str, tuple[float, float]], spacing: float) -> dict[str, tuple[float, float]]:
    """Scale positions so the median distance from a node to its nearest neighbour is `spacing` pixels.

    Scaling by the nearest-neighbour distance rather than the outermost node keeps a dense core
    readable when one long chain hangs off it.
    """
    nodes = sorted(pos)
    xy = np.array([pos[v] for v in nodes], dtype=float)
    xy -= xy.mean(axis=0)
    if len(nodes) > 1:
        nearest = cKDTree(xy).query(xy, k=2)[0][:, 1]
        scale = spacing / (float(np.median(nearest)) or 1.0)
        xy *= scale
    return {v: (float(x), float(y)) for v, (x, y) in zip(nodes, xy)}


def _component_layout(simple: nx.Graph, comp: list[str]) -> dict[str, tuple[float, float]]:
    """Positions of one connected component in pixels, centred on 0.

    Small components get Kamada-Kawai (deterministic; edge lengths follow graph distance, so hubs
    do not swallow their neighbours); big ones a seeded spring layout, which scales further.
    """
    if len(comp) == 1:
        return {comp[0]: (0.0, 0.0)}
    sub = ordered_subgraph(simple, comp)
    if len(comp) <= KAMADA_KAWAI_MAX:
        pos = nx.kamada_kawai_layout(sub, weight=None)
    elif len(comp) < SMALL_COMPONENT:
        pos = nx.spring_layout(sub, k=1.8 / math.sqrt(len(comp)), iterations=200, seed=SEED, weight=None)
    else:
        steps = 80 if len(comp) <= DENSE_MAX else 60
        pos = _vectorised_spring(sub, 1.8 / math.sqrt(len(comp)), iterations=steps)
    return _spread({v: (float(x), float(y)) for v, (x, y) in pos.items()}, NODE_SPACING)


def layout(graph: nx.MultiDiGraph | nx.Graph) -> dict[str, tuple[int, int]]:
    """Seeded positions in pixels, the same in every process for the same graph.

    Each connected component is laid out on its own and the components are packed in rows, biggest
    first: laid out together, an isolated entity would be flung to the edge and squash the rest.

    Examples
    --------
    >>> import networkx as nx
    >>> layout(nx.MultiDiGraph())
    {}
    """
    simple = graph if isinstance(graph, nx.Graph) and not graph.is_directed() and not graph.is_multigraph() \
        else simple_graph(graph)
    comps = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    if not comps:
        return {}
    cells = []
    for comp in comps:
        pos = _component_layout(simple, comp)
        extent = max(max(abs(x), abs(y)) for x, y in pos.values())
        cells.append((pos, 2 * extent + CELL_MARGIN))
    row_width = max(cells[0][1], 1.3 * math.sqrt(sum(size * size for _, size in cells)))
    result: dict[str, tuple[int, int]] = {}
    x = y = row_height = 0.0
    for pos, size in cells:
        if x > 0 and x + size > row_width:  # start a new row below the tallest cell of this one
            x, y, row_height = 0.0, y + row_height, 0.0
        for v in sorted(pos):
            px, py = pos[v]
            result[v] = (round(x + size / 2 + px), round(y + size / 2 + py))
        x += size
        row_height = max(row_height, size)
    return {v: result[v] for v in sorted(result)}
