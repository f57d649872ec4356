"""The static picture of the entity graph (graph.svg, graph.png): arrows, main links named, no text overlaps.

Labels are placed greedily, most important first: an entity's name goes below its dot, else
above, right or left of it or at a corner, and is left out when every place would cover another label, another
dot or the legend; a main link's name sits at its middle under the same rule. The interactive view
has every name; the picture stays legible.
"""
from __future__ import annotations

import io
import math
from collections.abc import Iterator
from pathlib import Path

import matplotlib
import networkx as nx

matplotlib.use("Agg")  # files only: never open a window, whatever display the machine has
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from kg.views.graphview import write_atomic  # noqa: E402
from kg.views.layout import layout  # noqa: E402
from kg.views.model import ViewModel  # noqa: E402
from kg.views.style import class_colours  # noqa: E402

__all__ = ["drawn_nodes", "static_figure", "write_static"]

STATIC_LABELS = 40  # entities named in the static picture, at most
STATIC_EDGE_LABELS = 25  # relations named in it, at most: those stated by the most sentences
STATIC_MAX_NODES = 150  # beyond this the static picture is a smudge; the interactive view has the rest
EDGE_CURVE = 0.06  # matplotlib's arc3 bend of every link, so two opposite links do not coincide
GAP = 2.0  # pixels kept free around every label

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in display pixels


def drawn_nodes(model: ViewModel) -> tuple[list[str], list[str]]:
    """The entities the picture draws and the isolated ones.

    Drawn: the most important linked entities (capped) that are linked to another of them; on a
    big graph the rest of the top would be a field of unconnected dots that says nothing.
    """
    graph, pr, simple = model.graph, model.pagerank, model.simple
    isolated = sorted((n for n in graph.nodes if simple.degree(n) == 0),
                      key=lambda n: graph.nodes[n]["label"].casefold())
    top = set(sorted((n for n in graph.nodes if simple.degree(n) > 0),
                     key=lambda n: (-pr.get(n, 0.0), n))[:STATIC_MAX_NODES])
    return sorted(n for n in top if any(m in top and m != n for m in simple.neighbors(n))), isolated


def _clashes(box: Box, taken: list[Box]) -> bool:
    return any(box[0] < t[2] and box[2] > t[0] and box[1] < t[3] and box[3] > t[1] for t in taken)


def _box(text: Text, renderer) -> Box:
    b = text.get_window_extent(renderer)
    return b.x0 - GAP, b.y0 - GAP, b.x1 + GAP, b.y1 + GAP


class _Placer:
    """Puts text where it covers no text, dot or legend already placed, or leaves it out."""

    def __init__(self, fig: plt.Figure, ax: plt.Axes, discs: dict[str, tuple[float, float, float]]) -> None:
        self.fig, self.ax, self.discs = fig, ax, discs
        self.renderer = fig.canvas.get_renderer()
        legend = ax.get_legend()
        self.taken: list[Box] = []
        if legend:
            b = legend.get_window_extent(self.renderer)
            self.taken.append((b.x0, b.y0, b.x1, b.y1))

    def _free(self, box: Box, own: tuple[str, ...]) -> bool:
        if _clashes(box, self.taken):
            return False
        # a dot counts as its inscribed square's box: text may graze a dot's rim, never its middle
        return not any(_clashes(box, [(x - r * 0.7, y - r * 0.7, x + r * 0.7, y + r * 0.7)])
                       for v, (x, y, r) in self.discs.items() if v not in own)

    def place(self, spots: list[tuple[float, float, str, str]], text: str, own: tuple[str, ...],
              **style) -> bool:
        """Try each (x, y, ha, va) in display pixels in turn; keep the first that is free."""
        to_data = self.ax.transData.inverted()
        for x, y, ha, va in spots:
            label = self.ax.text(*to_data.transform((x, y)), text, ha=ha, va=va, clip_on=False, **style)
            box = _box(label, self.renderer)
            if self._free(box, own):
                self.taken.append(box)
                return True
            label.remove()
        return False


def _node_spots(x: float, y: float, r: float) -> list[tuple[float, float, str, str]]:
    """Below the dot, above it, to its right, to its left, then at its corners (display y grows upwards)."""
    d = r * 0.75 + GAP
    return [(x, y - r - GAP, "center", "top"), (x, y + r + GAP, "center", "bottom"),
            (x + r + GAP, y, "left", "center"), (x - r - GAP, y, "right", "center"),
            (x + d, y - d, "left", "top"), (x - d, y - d, "right", "top"),
            (x + d, y + d, "left", "bottom"), (x - d, y + d, "right", "bottom")]


def _edge_middle(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """The middle of an arc3 curve from a to b: half the bend away from the chord's middle."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    return (a[0] + b[0]) / 2 + EDGE_CURVE * dy / 2, (a[1] + b[1]) / 2 - EDGE_CURVE * dx / 2


def _main_links(model: ViewModel, sub: nx.MultiDiGraph) -> Iterator[tuple[str, str, str]]:
    """(subject, object, relation label) of the links stated by the most sentences, one per pair."""
    main = sorted(((u, v, d) for u, v, d in sub.edges(data=True) if u != v),
                  key=lambda e: (-len(e[2]["statements"]), e[0], e[1], e[2]["predicate"]))
    seen: set[frozenset[str]] = set()
    for u, v, d in main:
        if frozenset((u, v)) not in seen:
            seen.add(frozenset((u, v)))
            yield u, v, d["label"]


def _label(model: ViewModel, fig: plt.Figure, ax: plt.Axes, sub: nx.MultiDiGraph,
           pos: dict[str, tuple[float, float]], sizes: dict[str, float]) -> None:
    """Name the most important entities, then the main links, wherever they fit."""
    ax.set_xlim(ax.get_xlim())  # freeze the view: text placed from now on must not move it
    ax.set_ylim(ax.get_ylim())
    px_per_pt = fig.dpi / 72
    discs = {v: (*ax.transData.transform(pos[v]), math.sqrt(sizes[v]) / 2 * px_per_pt) for v in pos}
    placer = _Placer(fig, ax, discs)
    ranked = sorted(pos, key=lambda n: (-model.pagerank.get(n, 0.0), n))
    named = 0
    for v in ranked:
        if named < STATIC_LABELS:
            named += placer.place(_node_spots(*discs[v]), model.graph.nodes[v]["label"], (v,), fontsize=9)
    edge_style = {"fontsize": 7, "color": "#444",
                  "bbox": {"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 0.5}}
    named = 0
    for u, v, text in _main_links(model, sub):
        if named < STATIC_EDGE_LABELS:
            x, y = _edge_middle(discs[u][:2], discs[v][:2])
            named += placer.place([(x, y, "center", "center")], text, (u, v), **edge_style)


def _draw_graph(model: ViewModel, ax: plt.Axes, nodes: list[str]) -> tuple[nx.MultiDiGraph, dict, dict, dict]:
    """Links with arrow heads, then dots sized by PageRank and coloured by class."""
    graph, pr = model.graph, model.pagerank
    sub = nx.MultiDiGraph(graph.subgraph(nodes))
    directed = nx.DiGraph()
    directed.add_nodes_from(nodes)
    directed.add_edges_from(sorted({(u, v) for u, v, _ in sub.edges(keys=True) if u != v}))
    # the interactive view's layout, so both pictures agree; screen y grows downwards, plot y upwards
    pos = {v: (x, -y) for v, (x, y) in layout(sub).items()}
    top = max(pr.get(v, 0.0) for v in nodes) or 1.0
    # dots shrink as there are more of them, so a full picture is not a wall of discs
    room = min(1.0, 50 / len(nodes))
    sizes = {v: 40 + (20 + 1400 * (pr.get(v, 0.0) / top)) * room for v in nodes}
    # every class of the graph coloured together, as the report's table and the page colour them
    everywhere = class_colours(graph.nodes[v]["cls"] for v in graph.nodes)
    colours = {cls: everywhere[cls] for cls in sorted({graph.nodes[v]["cls"] for v in nodes})}
    nx.draw_networkx_edges(directed, pos, ax=ax, edge_color="#9aa1aa", width=0.9, alpha=0.85, arrows=True,
                           arrowstyle="-|>", arrowsize=9, node_size=[sizes[v] for v in nodes],
                           connectionstyle=f"arc3,rad={EDGE_CURVE}")
    nx.draw_networkx_nodes(directed, pos, nodelist=nodes, ax=ax, linewidths=0.5, edgecolors="#555",
                           node_color=[colours[graph.nodes[v]["cls"]] for v in nodes],
                           node_size=[sizes[v] for v in nodes])
    return sub, pos, sizes, colours


def _notes(model: ViewModel, ax: plt.Axes, nodes: list[str], isolated: list[str]) -> None:
    hidden = len(model.graph) - len(nodes) - len(isolated)
    notes = []
    if hidden:
        notes.append(f"{hidden:,} less central linked entities not drawn")
    if isolated:
        notes.append(f"{len(isolated):,} entities without relations listed in the report, not drawn")
    if notes:
        ax.text(0.0, -0.02, "; ".join(notes), transform=ax.transAxes, fontsize=9, color="#555", va="top")


def static_figure(model: ViewModel) -> plt.Figure:
    """The picture as a matplotlib Figure (the caller closes it)."""
    nodes, isolated = drawn_nodes(model)
    fig, ax = plt.subplots(figsize=(14, 10), dpi=100)
    ax.set_axis_off()
    if not nodes:
        ax.text(0.5, 0.5, "No entities" if not isolated else "No relations between entities", ha="center",
                va="center", fontsize=16, color="#777")
        return fig
    sub, pos, sizes, colours = _draw_graph(model, ax, nodes)
    handles = [plt.Line2D([], [], marker="o", linestyle="", markersize=9, markeredgecolor="#555",
                          markerfacecolor=colour, label=cls) for cls, colour in colours.items()]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=10,
              title="Class")
    ax.margins(0.08)
    _label(model, fig, ax, sub, pos, sizes)
    _notes(model, ax, nodes, isolated)
    return fig


def write_static(model: ViewModel, out_dir: Path) -> tuple[Path, Path]:
    """Write graph.svg and graph.png into `out_dir`."""
    # real <text> in the SVG (searchable, selectable); fixed ids and no date so rebuilds are identical
    with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": "newskg"}):
        fig = static_figure(model)
        try:
            svg, png = io.BytesIO(), io.BytesIO()
            fig.savefig(svg, format="svg", bbox_inches="tight", metadata={"Date": None})
            fig.savefig(png, format="png", bbox_inches="tight", metadata={"Software": None})
        finally:
            plt.close(fig)
    return (write_atomic(out_dir / "graph.svg", svg.getvalue()),
            write_atomic(out_dir / "graph.png", png.getvalue()))
