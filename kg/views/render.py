"""The interactive graph page: a self-contained vis-network view built with pyvis, working offline."""
from __future__ import annotations

import difflib
import html
import json
import math
import re
import zlib
from pathlib import Path

import networkx as nx
import pyvis
from pyvis.network import Network
from rdflib import Graph

from kg.errors import InputError
from kg.views.graphview import write_atomic
from kg.views.layout import layout
from kg.views.model import ViewModel, as_model, short_id, simple_graph

__all__ = ["DEFAULT_TITLE", "build_page", "class_colour", "layout", "render_html", "resolve_focus",
           "select_nodes"]

DEFAULT_TITLE = "News knowledge graph"
SEED = 42
VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
# Fixed colours for the classes of the ontology, so a class looks the same in every build.
CLASS_COLOURS = {
    "Person": "#4e79a7", "Organization": "#f28e2b", "GovernmentBody": "#e15759", "Company": "#ff9d9a",
    "MilitaryUnit": "#b07aa1", "MilitaryAlliance": "#9c755f", "PoliticalParty": "#d37295",
    "Place": "#59a14f", "Country": "#59a14f", "City": "#8cd17d", "Region": "#86bcb6",
    "Weapon": "#bab0ac", "Missile": "#79706e", "Drone": "#a0a0a0", "Event": "#edc948",
    "Document": "#76b7b2",
}
_PALETTE = ("#17becf", "#bcbd22", "#7f7f7f", "#8c564b", "#e377c2", "#9467bd", "#d62728", "#2ca02c")
MAX_TOOLTIP_RELATIONS = 8
LEADING_LABELS = 25  # entities whose labels stay readable when a big graph is zoomed out
MAX_TOOLTIP_SENTENCES = 4


def class_colour(cls: str) -> str:
    """The colour of a class: fixed for the ontology's classes, a stable palette pick for others."""
    # crc32, not hash(): Python salts str hashes per process, which would recolour every build
    return CLASS_COLOURS.get(cls) or _PALETTE[zlib.crc32(cls.encode("utf-8")) % len(_PALETTE)]


def _names(graph: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Every label and alias, lower-cased, with the entities that carry it (labels first)."""
    names: dict[str, list[str]] = {}
    for node in sorted(graph.nodes):
        names.setdefault(graph.nodes[node]["label"].casefold(), []).append(node)
    for node in sorted(graph.nodes):
        for alias in graph.nodes[node]["aliases"]:
            names.setdefault(alias.casefold(), []).append(node)
    return names


def resolve_focus(graph: nx.MultiDiGraph, name: str, pr: dict[str, float] | None = None) -> str:
    """The entity IRI that `name` (a label, an alias, an IRI or its slug) refers to.

    When a name is shared, a label beats an alias and then the higher PageRank wins. An unknown
    name raises InputError listing the closest names.
    """
    if name in graph:
        return name
    by_slug = [n for n in graph.nodes if short_id(n) == name]
    if by_slug:
        return sorted(by_slug)[0]
    names = _names(graph)
    found = names.get(name.casefold())
    if found:
        labelled = [n for n in found if graph.nodes[n]["label"].casefold() == name.casefold()]
        candidates = labelled or found
        pr = pr or {}
        return sorted(candidates, key=lambda n: (-pr.get(n, 0.0), n))[0]
    display = {}
    for node in sorted(graph.nodes):
        for shown in (graph.nodes[node]["label"], *graph.nodes[node]["aliases"]):
            display.setdefault(shown.casefold(), shown)
    close = difflib.get_close_matches(name.casefold(), sorted(display), n=5, cutoff=0.5)
    hint = ", ".join(display[c] for c in close) if close else f"none among {len(display)} names"
    raise InputError(f"no entity named {name!r}; close matches: {hint}")


def select_nodes(graph: nx.MultiDiGraph, pr: dict[str, float], *, focus: str | None = None, depth: int = 2,
                 classes: set[str] | None = None, min_degree: int = 0) -> list[str]:
    """The entities to draw, sorted: the focus's neighbourhood, of the given classes, with enough links.

    The focus entity itself is kept whatever the class and degree filters say, so a focused view
    is never empty.
    """
    simple = simple_graph(graph)
    keep = set(graph.nodes)
    centre = None
    if focus is not None:
        centre = resolve_focus(graph, focus, pr)
        keep = set(nx.ego_graph(simple, centre, radius=depth))
    if classes:
        wanted = {c.casefold() for c in classes}
        known = {c.casefold() for _, d in graph.nodes(data=True) for c in d["classes"]}
        if not wanted & known:
            raise InputError(f"no entity of class {', '.join(sorted(classes))}; "
                             f"classes in this graph: {', '.join(sorted(known)) or 'none'}")
        keep = {n for n in keep if wanted & {c.casefold() for c in graph.nodes[n]["classes"]}}
    if min_degree > 0:
        keep = {n for n in keep if simple.degree(n) >= min_degree}
    if centre is not None:
        keep.add(centre)
    return sorted(keep)


def _truncate(nodes: list[str], pr: dict[str, float], max_nodes: int, focus: str | None) -> list[str]:
    if len(nodes) <= max_nodes:
        return nodes
    ranked = sorted(nodes, key=lambda n: (-pr.get(n, 0.0), n))
    top = ranked[:max_nodes]
    if focus is not None and focus not in top:  # the entity asked for stays visible
        top = [focus, *ranked[: max_nodes - 1]]
    return sorted(top)


def _node_tooltip(graph: nx.MultiDiGraph, node: str, pr: dict[str, float]) -> str:
    data = graph.nodes[node]
    lines = [data["label"], " / ".join(data["classes"])]
    if data["aliases"]:
        lines.append("also: " + ", ".join(data["aliases"]))
    if data["documents"]:
        lines.append("in documents: " + ", ".join(data["documents"]))
    relations = []
    for u, v, d in graph.out_edges(node, data=True):
        relations.append((-pr.get(v, 0.0), f"→ {d['label']} → {graph.nodes[v]['label']}"))
    for u, v, d in graph.in_edges(node, data=True):
        relations.append((-pr.get(u, 0.0), f"← {graph.nodes[u]['label']} {d['label']}"))
    relations.sort()
    if relations:
        lines.append(f"relations ({len(relations)}):")
        lines.extend("  " + text for _, text in relations[:MAX_TOOLTIP_RELATIONS])
        if len(relations) > MAX_TOOLTIP_RELATIONS:
            lines.append(f"  … and {len(relations) - MAX_TOOLTIP_RELATIONS} more")
    return "\n".join(lines)


def _edge_tooltip(graph: nx.MultiDiGraph, u: str, v: str, d: dict) -> str:
    lines = [f"{graph.nodes[u]['label']} — {d['label']} → {graph.nodes[v]['label']}"]
    if d["modality"] != "asserted":
        lines.append(f"modality: {d['modality']}")
    if d["stated_by"]:
        speakers = [graph.nodes[s]["label"] if s in graph else short_id(s) for s in d["stated_by"]]
        lines.append("stated by: " + ", ".join(speakers))
    for doc, sentence in d["sentences"][:MAX_TOOLTIP_SENTENCES]:
        lines.append(f"[{doc}] {sentence}")
    if len(d["sentences"]) > MAX_TOOLTIP_SENTENCES:
        lines.append(f"… and {len(d['sentences']) - MAX_TOOLTIP_SENTENCES} more sentences")
    return "\n".join(lines)


def _options(n_nodes: int) -> dict:
    return {
        "physics": {"enabled": False},
        "layout": {"randomSeed": SEED, "improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 120, "keyboard": True, "multiselect": True,
                        "hideEdgesOnDrag": n_nodes > 500, "hideEdgesOnZoom": n_nodes > 1000},
        "nodes": {"shape": "dot", "borderWidth": 1,
                  "font": {"size": 16, "face": "Helvetica, Arial, sans-serif", "color": "#222",
                           "strokeWidth": 4, "strokeColor": "#ffffff"},
                  "scaling": {"label": {"drawThreshold": 5, "maxVisible": 30}}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.55}}, "width": 1.3,
                  "color": {"color": "#a3a9b1", "highlight": "#d62728", "hover": "#555555",
                            "opacity": 1.0 if n_nodes <= 300 else 0.35},
                  "font": {"size": 12, "color": "#444", "strokeWidth": 4, "strokeColor": "#ffffff",
                           "align": "horizontal"},
                  "scaling": {"label": {"drawThreshold": 6}}, "smooth": False},
    }


def _network(graph: nx.MultiDiGraph, nodes: list[str], pr: dict[str, float], centre: str | None = None) -> Network:
    """The pyvis network of `nodes`: positions, colours, sizes and tooltips fixed here, not in the browser."""
    sub = graph.subgraph(nodes)
    pos = layout(sub)
    top = max((pr.get(n, 0.0) for n in nodes), default=0.0) or 1.0
    # On a big graph the whole view is zoomed far out and vis hides small labels; the leading entities
    # get labels (and dots) large enough to read there. vis caps them on screen when zoomed in.
    span = max((max(abs(x), abs(y)) for x, y in pos.values()), default=0) * 2
    zoom_out = min(max(1.0, span / 2400), 12.0)
    ranked = sorted(nodes, key=lambda n: (-pr.get(n, 0.0), n))
    leaders = set(ranked[:LEADING_LABELS]) if zoom_out > 1 else set()
    net = Network(directed=True, cdn_resources="remote")
    for node in nodes:
        data = graph.nodes[node]
        x, y = pos[node]
        size = 10 + 34 * math.sqrt(pr.get(node, 0.0) / top)
        extra: dict = {"font": {"size": round(16 * zoom_out)}} if node in leaders else {}
        colour: str | dict = class_colour(data["cls"])
        if node == centre:  # the entity asked for stands out from its neighbourhood
            colour = {"background": colour, "border": "#111111"}
            extra["borderWidth"] = 4
        net.add_node(node, label=data["label"], title=_node_tooltip(graph, node, pr), x=x, y=y,
                     size=round(size * (math.sqrt(zoom_out) if node in leaders else 1.0), 1),
                     color=colour, cls=data["cls"], classes=data["classes"],
                     aliases=data["aliases"], **extra)
    pair_count: dict[frozenset, int] = {}
    for u, v, key, d in sorted(sub.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        pair = frozenset((u, v))
        index = pair_count.get(pair, 0)
        pair_count[pair] = index + 1
        # parallel relations fan out as curves so each label stays readable
        smooth = {"enabled": True, "type": "curvedCW", "roundness": 0.25 * index} if index else False
        net.add_edge(u, v, id=f"{u} {key} {v}", label=d["label"], title=_edge_tooltip(graph, u, v, d),
                     dashes=bool(d["hedged"]), smooth=smooth, modality=d["modality"],
                     predicate=d["predicate"])
    return net


def _json_for_script(value: object) -> str:
    # inside <script>, "</script>" or "<!--" in a label would end the element: escape <, > and &
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _vis_assets() -> tuple[str, str]:
    """The vis-network JS and CSS that pyvis ships, minus the source-map pointer (a file we lack)."""
    js = (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    css = (VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    js = re.sub(r"//# sourceMappingURL=\S+", "", js)
    css = re.sub(r"/\*# sourceMappingURL=\S+ \*/", "", css)
    return js, css


_PAGE_CSS = """
html, body { margin: 0; height: 100%; font-family: Helvetica, Arial, sans-serif; color: #222; }
body { display: flex; flex-direction: column; }
#kg-header { display: flex; flex-wrap: wrap; align-items: center; gap: 12px; padding: 8px 14px;
  border-bottom: 1px solid #ddd; background: #fafafa; }
#kg-header h1 { font-size: 18px; margin: 0; font-weight: 600; }
#kg-header .kg-counts { color: #555; font-size: 13px; }
#kg-note { color: #8a4b00; background: #fff4e0; border: 1px solid #f0c36d; border-radius: 3px;
  padding: 2px 8px; font-size: 13px; }
#kg-search { font-size: 14px; padding: 4px 8px; width: 240px; }
#kg-search-status { font-size: 12px; color: #a00; min-width: 80px; }
#kg-header button { font-size: 13px; }
#kg-main { display: flex; flex: 1; min-height: 300px; }
#kg-stage { position: relative; flex: 1; }
#kg-network { position: absolute; inset: 0; }
#kg-legend { flex: 0 0 auto; border-right: 1px solid #ddd; background: #fcfcfc; padding: 10px 12px;
  font-size: 13px; overflow-y: auto; }
#kg-legend h2 { font-size: 13px; margin: 0 0 6px 0; }
#kg-legend label { display: flex; align-items: center; gap: 6px; margin: 2px 0; cursor: pointer; }
#kg-legend .kg-swatch { display: inline-block; width: 12px; height: 12px; border-radius: 50%;
  border: 1px solid #666; }
#kg-legend .kg-key { margin-top: 6px; border-top: 1px solid #eee; padding-top: 6px; color: #555; }
#kg-legend .kg-line { display: inline-block; width: 26px; border-top: 2px solid #888;
  vertical-align: middle; }
#kg-legend .kg-dashed { border-top-style: dashed; }
#kg-empty { position: absolute; top: 40%; width: 100%; text-align: center; color: #777; font-size: 16px; }
div.vis-tooltip { white-space: pre-wrap; max-width: 520px; font-family: Helvetica, Arial, sans-serif;
  font-size: 13px; line-height: 1.35; }
"""

# Our own glue: build the network, then wire the search box and the class checkboxes to it.
_PAGE_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
  window.kgNetwork = network;
  document.body.setAttribute("data-node-count", String(network.body.nodeIndices.length));
  document.body.setAttribute("data-edge-count", String(network.body.edgeIndices.length));
  network.once("afterDrawing", function () { document.body.setAttribute("data-drawn", "true"); });
  // an embedding page (report.html) cannot read into a sandboxed srcdoc frame, so tell it; not on
  // afterDrawing, which a browser may never fire for a frame scrolled out of sight
  if (window.parent !== window) {
    window.parent.postMessage({kgNodeCount: network.body.nodeIndices.length}, "*");
  }

  var names = [];
  nodes.forEach(function (n) {
    names.push([n.label.toLowerCase(), n.id]);
    (n.aliases || []).forEach(function (a) { names.push([a.toLowerCase(), n.id]); });
  });
  function find(text) {
    var q = text.trim().toLowerCase(), i;
    if (!q) { return null; }
    for (i = 0; i < names.length; i++) { if (names[i][0] === q) { return names[i][1]; } }
    for (i = 0; i < names.length; i++) { if (names[i][0].indexOf(q) === 0) { return names[i][1]; } }
    for (i = 0; i < names.length; i++) { if (names[i][0].indexOf(q) >= 0) { return names[i][1]; } }
    return null;
  }
  var search = document.getElementById("kg-search");
  var status = document.getElementById("kg-search-status");
  function go() {
    var id = find(search.value);
    if (id === null) { status.textContent = search.value.trim() ? "no match" : ""; return; }
    var node = nodes.get(id);
    if (node.hidden) { setClass(node.cls, true); }
    status.textContent = "";
    network.selectNodes([id]);
    network.focus(id, {scale: 1.4, animation: {duration: 400, easingFunction: "easeInOutQuad"}});
    document.body.setAttribute("data-selected", id);
  }
  search.addEventListener("change", go);
  search.addEventListener("keydown", function (e) { if (e.key === "Enter") { go(); } });

  function setClass(cls, visible) {
    var box = document.querySelector('#kg-legend input[data-class="' + CSS.escape(cls) + '"]');
    if (box) { box.checked = visible; }
    applyFilter();
  }
  function applyFilter() {
    var shown = {};
    document.querySelectorAll("#kg-legend input[data-class]").forEach(function (box) {
      shown[box.getAttribute("data-class")] = box.checked;
    });
    var updates = [];
    nodes.forEach(function (n) { updates.push({id: n.id, hidden: shown[n.cls] === false}); });
    nodes.update(updates);
    document.body.setAttribute("data-visible-count",
      String(updates.filter(function (u) { return !u.hidden; }).length));
  }
  document.querySelectorAll("#kg-legend input[data-class]").forEach(function (box) {
    box.addEventListener("change", applyFilter);
  });
  // graph.html#search=Name opens with that entity selected: a link can point at one actor
  var hash = decodeURIComponent(window.location.hash || "");
  if (hash.indexOf("#search=") === 0) { search.value = hash.slice(8); go(); }
  document.getElementById("kg-fit").addEventListener("click", function () {
    network.fit({animation: {duration: 300}});
  });
})();
"""


def _legend(graph: nx.MultiDiGraph, nodes: list[str]) -> str:
    counts: dict[str, int] = {}
    for node in nodes:
        cls = graph.nodes[node]["cls"]
        counts[cls] = counts.get(cls, 0) + 1
    rows = []
    for cls in sorted(counts, key=lambda c: (-counts[c], c)):
        esc = html.escape(cls, quote=True)
        rows.append(f'<label><input type="checkbox" checked data-class="{esc}">'
                    f'<span class="kg-swatch" style="background:{class_colour(cls)}"></span>'
                    f'{esc} <span class="kg-counts">({counts[cls]})</span></label>')
    key = ('<div class="kg-key"><span class="kg-line"></span> stated as fact<br>'
           '<span class="kg-line kg-dashed"></span> planned, hypothetical or reported</div>')
    return f'<div id="kg-legend"><h2>Classes</h2>{"".join(rows)}{key}</div>'


def build_page(g: ViewModel | Graph | Path, *, focus: str | None = None, depth: int = 2, classes: set[str] | None = None,
               min_degree: int = 0, max_nodes: int = 2000, title: str = DEFAULT_TITLE) -> str:
    """The HTML of the interactive view of `g`, with every script and style inline (see render_html)."""
    if depth < 0:
        raise InputError(f"depth must be 0 or more, not {depth}")
    if max_nodes < 1:
        raise InputError(f"max-nodes must be at least 1, not {max_nodes}")
    model = as_model(g)
    graph, pr = model.graph, model.pagerank
    selected = select_nodes(graph, pr, focus=focus, depth=depth, classes=classes, min_degree=min_degree)
    centre = resolve_focus(graph, focus, pr) if focus is not None else None
    shown = _truncate(selected, pr, max_nodes, centre)
    net = _network(graph, shown, pr, centre)
    payload = {"nodes": net.nodes, "edges": net.edges, "options": _options(len(shown))}
    note = ""
    if len(shown) < len(selected):
        note = (f'<span id="kg-note">showing the {len(shown):,} most important of '
                f'{len(selected):,} entities</span>')
    heading = title if centre is None else f"{title}: {graph.nodes[centre]['label']} (depth {depth})"
    options = "".join(f'<option value="{html.escape(graph.nodes[n]["label"], quote=True)}"></option>'
                      for n in sorted(shown, key=lambda n: graph.nodes[n]["label"].casefold()))
    empty = '<div id="kg-empty">No entities to show.</div>' if not shown else ""
    js, css = _vis_assets()
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(heading)}</title>
<style>{css}</style>
<style>{_PAGE_CSS}</style>
</head>
<body>
<div id="kg-header">
<h1>{html.escape(heading)}</h1>
<span class="kg-counts">{len(shown):,} entities, {len(net.edges):,} relations</span>
{note}
<input id="kg-search" type="search" list="kg-names" placeholder="Find an entity…"
  aria-label="Find an entity">
<datalist id="kg-names">{options}</datalist>
<span id="kg-search-status"></span>
<button id="kg-fit" type="button">Fit view</button>
</div>
<div id="kg-main">
{_legend(graph, shown)}
<div id="kg-stage"><div id="kg-network"></div>{empty}</div>
</div>
<script type="application/json" id="kg-data">{_json_for_script(payload)}</script>
<script>{js}</script>
<script>{_PAGE_JS}</script>
</body>
</html>
"""


def render_html(g: ViewModel | Graph | Path, out: Path, *, focus: str | None = None, depth: int = 2,
                classes: set[str] | None = None, min_degree: int = 0, max_nodes: int = 2000,
                title: str = DEFAULT_TITLE) -> Path:
    """Write the interactive view of `g` to `out` (atomically) and return the path.

    The page opens from file:// with no network: the vis-network library that pyvis ships is inlined,
    the layout is computed here with a seeded spring layout (physics off), so two renders of the same
    graph are byte-identical. `focus` (label, alias or IRI) limits the view to the entities within
    `depth` links of it; `classes` keeps entities whose class or a superclass is named; `min_degree`
    drops entities with fewer distinct neighbours; beyond `max_nodes` the entities with the highest
    PageRank are kept and the page says so. An unknown focus raises InputError.
    """
    page = build_page(g, focus=focus, depth=depth, classes=classes, min_degree=min_degree,
                      max_nodes=max_nodes, title=title)
    return write_atomic(Path(out), page)
