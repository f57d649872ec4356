"""The interactive graph page (the explorer): self-contained, working offline, drawn by kg/views/static."""
from __future__ import annotations

import difflib
import html
import json
import math
import re
from pathlib import Path

import networkx as nx
from rdflib import Graph

from kg.errors import InputError
from kg.views.communities import communities
from kg.views.graphview import write_atomic
from kg.views.layout import layout, ordered_subgraph
from kg.views.model import MODALITIES, ViewModel, as_model, short_id, simple_graph
from kg.views.style import COMMUNITY_COLOURS, OTHER_COMMUNITY, class_colour, class_colours

__all__ = ["DEFAULT_TITLE", "build_page", "class_colour", "fragment", "layout", "library", "payload",
           "render_html", "resolve_focus", "select_nodes"]

DEFAULT_TITLE = "News knowledge graph"
SEED = 42
STATIC = Path(__file__).parent / "static"
BIG_VIEW = 1500  # past this many relations links hide while the view moves
DASHES = {"planned": [8, 5], "hypothetical": [2, 5], "reported": [10, 4, 2, 4]}


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
                 classes: set[str] | None = None, min_degree: int = 0,
                 simple: nx.Graph | None = None) -> list[str]:
    """The entities to draw, sorted: the focus's neighbourhood, of the given classes, with enough links.

    The focus entity itself is kept whatever the class and degree filters say, so a focused view
    is never empty. `simple` is the undirected projection when the caller has it already.
    """
    simple = simple_graph(graph) if simple is None else simple
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



def _options(n_edges: int) -> dict:
    return {
        # links hide while the view moves on a big graph: drawing only the dots keeps pan and zoom fluid
        "hideEdgesOnMove": n_edges > BIG_VIEW,
        "edgeColour": "#8f96a0",
        "edgeOpacity": 1.0 if n_edges <= 400 else 0.5 if n_edges <= 5000 else 0.3,
    }


def _dashes(d: dict) -> list[int] | bool:
    """A link's dash pattern follows its data: solid when stated as fact, one pattern per modality."""
    if not d["hedged"]:
        return False
    return DASHES.get(d["modality"], DASHES["reported"])  # asserted by someone quoted: reported


class _Index:
    """Positions of strings in a list built in first-seen order, so each is stored once."""

    def __init__(self) -> None:
        self.items: list = []
        self._at: dict = {}

    def __call__(self, item) -> int:
        if item not in self._at:
            self._at[item] = len(self.items)
            self.items.append(item)
        return self._at[item]


def _edges(model: ViewModel, nodes: list[str], docs: dict[str, int], texts: _Index,
           statements: list) -> list[dict]:
    graph = model.graph
    keep = set(nodes)
    found = sorted(((u, v, k, d) for u in nodes for v, keyed in graph.succ[u].items() if v in keep
                    for k, d in keyed.items()), key=lambda e: (e[0], e[1], e[2]))
    pair_count: dict[tuple[str, str], int] = {}
    result = []
    for u, v, key, d in found:
        pair = (min(u, v), max(u, v))
        index = pair_count.get(pair, 0)
        pair_count[pair] = index + 1
        refs = []
        for st in d["statements"]:
            refs.append(len(statements))
            statements.append([texts(st.sentence), docs.get(st.doc, -1), st.modality, round(st.confidence, 3),
                               [model.label(x) for x in st.stated_by]])
        # parallel relations fan out as curves so each stays visible
        smooth = {"enabled": True, "type": "curvedCW", "roundness": 0.25 * index} if index else False
        result.append({"id": f"{u} {key} {v}", "from": u, "to": v, "label": d["label"],
                       "predicate": d["predicate"], "modality": d["modality"], "hedged": bool(d["hedged"]),
                       "conf": round(d["confidence"], 3),
                       "by": [model.label(x) for x in d["stated_by"]], "st": refs, "dashes": _dashes(d),
                       "smooth": smooth})
    return result


def view_communities(model: ViewModel, nodes: list[str]) -> list[list[str]]:
    """Louvain communities of the entities shown: the model's own when the page shows them all.

    A page capped at the top entities of a big graph needs only their communities, which cost less
    than the whole graph's (see kg.views.communities).
    """
    if len(nodes) == model.graph.number_of_nodes():
        return model.communities
    return communities(ordered_subgraph(model.simple, nodes))


def _nodes(model: ViewModel, nodes: list[str], docs: dict[str, int], colours: dict[str, str],
           community_of: dict[str, int]) -> list[dict]:
    graph, pos = model.graph, layout(model.graph.subgraph(nodes))
    degree = model.simple.degree
    result = []
    for node in nodes:
        data = graph.nodes[node]
        x, y = pos[node]
        result.append({"id": node, "label": data["label"], "x": x, "y": y, "cls": data["cls"],
                       "classes": data["classes"], "aliases": data["aliases"], "roles": data["roles"],
                       "wd": data["wikidata"],
                       "docs": sorted(docs[d] for d in data["documents"] if d in docs),
                       "pr": round(model.pagerank.get(node, 0.0), 6), "deg": degree(node),
                       "men": model.mentions[node], "facts": model.facts[node],
                       "comm": community_of.get(node, -1), "color": colours[data["cls"]]})
    return result


def payload(model: ViewModel, nodes: list[str], centre: str | None = None,
            title: str = DEFAULT_TITLE) -> dict:
    """Everything the explorer script needs, JSON-ready and in a fixed order.

    Sentences are stored once (``texts``) and statements refer to them by index, so a sentence
    stating five facts costs one copy; documents likewise.
    """
    graph = model.graph
    wanted_docs = {d for n in nodes for d in graph.nodes[n]["documents"]}
    for u in nodes:
        for _, _, d in graph.out_edges(u, data=True):
            wanted_docs.update(st.doc for st in d["statements"])
    documents = [model.documents[d] for d in sorted(wanted_docs) if d in model.documents]
    docs = {d.id: i for i, d in enumerate(documents)}
    colours = class_colours(graph.nodes[n]["cls"] for n in nodes)
    texts, statements = _Index(), []
    communities = view_communities(model, nodes)
    community_of = {v: i for i, members in enumerate(communities) for v in members}
    node_items = _nodes(model, nodes, docs, colours, community_of)
    edge_items = _edges(model, nodes, docs, texts, statements)
    return {
        "nodes": node_items, "edges": edge_items, "statements": statements, "texts": texts.items,
        "documents": [{"id": d.id, "title": d.title, "date": d.date, "publisher": d.publisher, "url": d.url}
                      for d in documents],
        "options": _options(len(edge_items)),
        "meta": {"title": title, "centre": centre, "classColours": colours,
                 "communityColours": list(COMMUNITY_COLOURS), "otherCommunity": OTHER_COMMUNITY,
                 "communitySizes": [len(c) for c in communities[:len(COMMUNITY_COLOURS)]],
                 "max": {k: max((n[k] for n in node_items), default=0) or 1
                         for k in ("pr", "deg", "men", "facts")}},
    }


def _json_for_script(value: object) -> str:
    # inside <script>, "</script>" or "<!--" in a label would end the element: escape <, > and &
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def library() -> str:
    """The explorer's renderer, script and styles, once per page however many views it holds."""
    scripts = "".join(f"<script>{(STATIC / name).read_text(encoding='utf-8')}</script>\n"
                      for name in ("canvas.js", "explorer.js"))
    return f"<style>{(STATIC / 'explorer.css').read_text(encoding='utf-8')}</style>\n{scripts}"


def _checkboxes(kind: str, counts: dict[str, int], swatches: dict[str, str] | None = None) -> str:
    rows = []
    for value in sorted(counts, key=lambda c: (-counts[c], c)):
        esc = html.escape(value, quote=True)
        swatch = f'<span class="kg-swatch" style="background:{swatches[value]}"></span>' if swatches else ""
        count = (f' <span class="kg-class-count" data-class="{esc}" data-total="{counts[value]}">'
                 f'({counts[value]}/{counts[value]})</span>' if kind == "class" else
                 f' <span class="kg-class-count-static">({counts[value]})</span>')
        rows.append(f'<label><input type="checkbox" checked data-{kind}="{esc}">{swatch}'
                    f'{esc or "(none)"}{count}</label>')
    return "".join(rows)


def _section(kind: str, heading: str, body: str) -> str:
    return (f'<h2>{heading}<span><button type="button" data-all="{kind}">all</button>'
            f'<button type="button" data-none="{kind}">none</button></span></h2>'
            f'<div class="kg-scroll">{body}</div>')


def _sidebar(data: dict) -> str:
    classes: dict[str, int] = {}
    for n in data["nodes"]:
        classes[n["cls"]] = classes.get(n["cls"], 0) + 1
    relations: dict[str, int] = {}
    for e in data["edges"]:
        relations[e["label"]] = relations.get(e["label"], 0) + 1
    modalities = {m: 0 for m in MODALITIES}
    for st in data["statements"]:
        modalities[st[2]] = modalities.get(st[2], 0) + 1
    publishers: dict[str, int] = {}
    for d in data["documents"]:
        publishers[d["publisher"]] = publishers.get(d["publisher"], 0) + 1
    dates = sorted(d["date"][:10] for d in data["documents"] if d["date"])
    low, high = (dates[0], dates[-1]) if dates else ("", "")
    key = ('<div class="kg-key"><span class="kg-line"></span> stated as fact<br>'
           '<span class="kg-line kg-line-planned"></span> planned<br>'
           '<span class="kg-line kg-line-hypothetical"></span> hypothetical<br>'
           '<span class="kg-line kg-line-reported"></span> reported or attributed</div>')
    return ('<div class="kg-side">'
            + _section("class", "Classes", _checkboxes("class", classes, data["meta"]["classColours"]))
            + _section("relation", "Relations", _checkboxes("relation", relations))
            + _section("modality", "Modality", _checkboxes("modality", modalities))
            + '<h2>Confidence</h2><label>at least <input class="kg-conf" type="range" min="0" max="1" '
              'step="0.05" value="0"> <span class="kg-conf-value">0.00</span></label>'
            + '<h2>Document dates</h2>'
              f'<label>from <input class="kg-date-from" type="date" min="{low}" max="{high}"></label>'
              f'<label>to <input class="kg-date-to" type="date" min="{low}" max="{high}"></label>'
            + _section("publisher", "Publishers", _checkboxes("publisher", publishers))
            + '<label><input type="checkbox" class="kg-only-linked"> only entities with shown links</label>'
            + '<p class="kg-hidden" style="display:none"><span class="kg-hidden-count">0</span> hidden '
              '<button type="button" class="kg-unhide">show all</button></p>'
            + key + '</div>')


def skeleton(data: dict, heading: str, note: str = "") -> str:
    """The explorer's markup (header, filters, stage, panel) for one view; kgExplore wires it."""
    names = sorted({n["label"] for n in data["nodes"]}, key=str.casefold)
    options = "".join(f'<option value="{html.escape(n, quote=True)}"></option>' for n in names)
    empty = '<div class="kg-empty">No entities to show.</div>' if not data["nodes"] else ""
    n_nodes, n_edges = len(data["nodes"]), len(data["edges"])
    return f"""<div class="kg-header">
<button type="button" class="kg-toggle-side" title="Show or hide the filters">☰</button>
<h1>{html.escape(heading)}</h1>
<span class="kg-counts">{n_nodes:,} entities, {n_edges:,} relations</span>
{note}
<span class="kg-find"><input class="kg-search" type="search" list="kg-names"
  placeholder="Find an entity or a sentence…" aria-label="Find an entity or a sentence">
<ul class="kg-matches"></ul></span>
<datalist id="kg-names">{options}</datalist>
<span class="kg-search-status"></span>
<button type="button" class="kg-fit">Fit view</button>
<span class="kg-path-form"><input class="kg-path-from" list="kg-names" placeholder="path from…"
  aria-label="Path from">
<input class="kg-path-to" list="kg-names" placeholder="…to" aria-label="Path to">
<button type="button" class="kg-path-go">Path</button> <span class="kg-path-status"></span></span>
<label>colour <select class="kg-colour"><option value="class">class</option>
<option value="community">community</option></select></label>
<label>size <select class="kg-size"><option value="pr">PageRank</option><option value="deg">degree</option>
<option value="men">mentions</option><option value="facts">facts</option></select></label>
<span class="kg-export"><button type="button" class="kg-export-csv">Export CSV</button>
<button type="button" class="kg-export-png">Export PNG</button></span>
</div>
<div class="kg-main">
{_sidebar(data)}
<div class="kg-stage"><div class="kg-network"></div><div class="kg-tip"></div>{empty}</div>
<div class="kg-panel"><div class="kg-panel-head"><button type="button" class="kg-panel-close"
  aria-label="Close">✕</button></div><div class="kg-panel-body"></div></div>
</div>"""


def _view(model: ViewModel, *, focus: str | None, depth: int, classes: set[str] | None, min_degree: int,
          max_nodes: int, title: str) -> tuple[dict, str, str]:
    """The payload, heading and truncation note of one view."""
    if depth < 0:
        raise InputError(f"depth must be 0 or more, not {depth}")
    if max_nodes < 1:
        raise InputError(f"max-nodes must be at least 1, not {max_nodes}")
    graph, pr = model.graph, model.pagerank
    selected = select_nodes(graph, pr, focus=focus, depth=depth, classes=classes, min_degree=min_degree,
                            simple=model.simple)
    centre = resolve_focus(graph, focus, pr) if focus is not None else None
    shown = _truncate(selected, pr, max_nodes, centre)
    data = payload(model, shown, centre, title)
    note = ""
    if len(shown) < len(selected):
        note = (f'<span class="kg-note" id="kg-note">showing the {len(shown):,} most important of '
                f'{len(selected):,} entities</span>')
    heading = title if centre is None else f"{title}: {graph.nodes[centre]['label']} (depth {depth})"
    return data, heading, note


def build_page(g: ViewModel | Graph | Path, *, focus: str | None = None, depth: int = 2,
               classes: set[str] | None = None, min_degree: int = 0, max_nodes: int = 2000,
               title: str = DEFAULT_TITLE) -> str:
    """The HTML of the interactive view of `g`, with every script and style inline (see render_html)."""
    data, heading, note = _view(as_model(g), focus=focus, depth=depth, classes=classes, min_degree=min_degree,
                                max_nodes=max_nodes, title=title)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(heading)}</title>
<style>html, body {{ margin: 0; height: 100%; }}</style>
{library()}</head>
<body class="kg-root">
{skeleton(data, heading, note)}
<script type="application/json" id="kg-data">{_json_for_script(data)}</script>
<script>kgExplore(document.body, JSON.parse(document.getElementById("kg-data").textContent));</script>
</body>
</html>
"""


def fragment(g: ViewModel | Graph | Path, *, focus: str | None = None, depth: int = 2,
             classes: set[str] | None = None, min_degree: int = 0, max_nodes: int = 2000,
             title: str = DEFAULT_TITLE, height: int = 720, with_library: bool = True,
             follow_hash: bool = False) -> str:
    """The view as an HTML fragment to place in a page or a notebook cell.

    Only the first fragment of a page needs `with_library`; the others reuse its scripts.
    """
    data, heading, note = _view(as_model(g), focus=focus, depth=depth, classes=classes, min_degree=min_degree,
                                max_nodes=max_nodes, title=title)
    follow = " data-follow-hash" if follow_hash else ""
    script = ("(function(){var s=document.currentScript,root=s.previousElementSibling.previousElementSibling;"
              "kgExplore(root,JSON.parse(s.previousElementSibling.textContent));})();")
    return ((library() if with_library else "")
            + f'<div class="kg-root kg-view"{follow} style="height:{int(height)}px;border:1px solid #ddd">'
            + skeleton(data, heading, note) + "</div>"
            + f'<script type="application/json">{_json_for_script(data)}</script>'
            + f"<script>{script}</script>")


def render_html(g: ViewModel | Graph | Path, out: Path, *, focus: str | None = None, depth: int = 2,
                classes: set[str] | None = None, min_degree: int = 0, max_nodes: int = 2000,
                title: str = DEFAULT_TITLE) -> Path:
    """Write the interactive view of `g` (a ViewModel, an rdflib Graph or a graph file) to `out`.

    The page opens from file:// with no network: its renderer (kg/views/static) is inlined and the
    positions are computed here with a seeded layout, so two renders of the same graph are
    byte-identical. `focus` (label, alias or IRI) limits the view to the entities within
    `depth` links of it; `classes` keeps entities whose class or a superclass is named; `min_degree`
    drops entities with fewer distinct neighbours; beyond `max_nodes` the entities with the highest
    PageRank are kept and the page says so. An unknown focus raises InputError.
    """
    page = build_page(g, focus=focus, depth=depth, classes=classes, min_degree=min_degree,
                      max_nodes=max_nodes, title=title)
    return write_atomic(Path(out), page)
