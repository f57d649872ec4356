"""The corpus report (HTML and Markdown), the static graph picture, and the embeddable interactive view."""
from __future__ import annotations

import html
import io
from pathlib import Path

import matplotlib
import networkx as nx
from rdflib import Graph

matplotlib.use("Agg")  # files only: never open a window, whatever display the machine has
import matplotlib.pyplot as plt  # noqa: E402

from kg.analyse import analyse  # noqa: E402
from kg.views.graphview import write_atomic  # noqa: E402
from kg.views.layout import layout  # noqa: E402
from kg.views.model import ViewModel, as_model, simple_graph  # noqa: E402
from kg.views.render import DEFAULT_TITLE, build_page, class_colour, render_html  # noqa: E402

__all__ = ["GraphView", "embed", "draw_static", "show", "write_report"]

STATIC_LABELS = 60  # entities named in the static picture
STATIC_MAX_NODES = 400  # beyond this the static picture is a smudge; the interactive view has the rest
EMBED_HEIGHT = 720


def embed(g: Graph, focus: str | None = None, *, height: int = EMBED_HEIGHT, **render_kw) -> str:
    """A self-contained HTML fragment: the interactive view in an <iframe srcdoc>, sandboxed to scripts.

    `render_kw` are those of `kg.views.render.render_html` (depth, classes, min_degree, max_nodes, title).
    """
    return _frame(build_page(g, focus=focus, **render_kw), render_kw.get("title", DEFAULT_TITLE), height)


def _frame(page: str, title: str, height: int = EMBED_HEIGHT) -> str:
    return (f'<iframe class="kg-view" title="{html.escape(title, quote=True)}" sandbox="allow-scripts" '
            f'style="width:100%;height:{int(height)}px;border:1px solid #ddd;border-radius:4px" '
            f'srcdoc="{html.escape(page, quote=True)}"></iframe>')


class GraphView:
    """The interactive view of a graph, displayed inline by Jupyter through `_repr_html_`."""

    def __init__(self, g: Graph, focus: str | None = None, **render_kw) -> None:
        self.g, self.focus, self.render_kw = g, focus, render_kw

    def _repr_html_(self) -> str:
        return embed(self.g, self.focus, **self.render_kw)

    def save(self, out: Path) -> Path:
        """Write the view as a standalone page."""
        return render_html(self.g, Path(out), focus=self.focus, **self.render_kw)


def show(g: Graph, focus: str | None = None, **render_kw) -> GraphView:
    """The interactive view of `g` for a notebook cell: ``kg.views.report.show(g, focus="Healey")``."""
    return GraphView(g, focus, **render_kw)


def _static_figure(graph: nx.MultiDiGraph, pr: dict[str, float]) -> plt.Figure:
    ranked = sorted(graph.nodes, key=lambda n: (-pr.get(n, 0.0), n))
    sub = graph.subgraph(ranked[:STATIC_MAX_NODES])
    simple = simple_graph(sub)
    fig, ax = plt.subplots(figsize=(14, 10), dpi=100)
    ax.set_axis_off()
    if simple.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "No entities", ha="center", va="center", fontsize=16, color="#777")
        return fig
    # the interactive view's layout, so both pictures agree; screen y grows downwards, plot y upwards
    pos = {v: (x, -y) for v, (x, y) in layout(sub).items()}
    nodes = sorted(simple.nodes)
    top = max(pr.get(v, 0.0) for v in nodes) or 1.0
    nx.draw_networkx_edges(simple, pos, ax=ax, edge_color="#b8bec6", width=0.9, alpha=0.8)
    nx.draw_networkx_nodes(simple, pos, nodelist=nodes, ax=ax, linewidths=0.5, edgecolors="#555",
                           node_color=[class_colour(graph.nodes[v]["cls"]) for v in nodes],
                           node_size=[60 + 1400 * (pr.get(v, 0.0) / top) for v in nodes])
    labelled = {v: graph.nodes[v]["label"] for v in ranked[:STATIC_LABELS] if v in simple}
    nx.draw_networkx_labels(simple, pos, labels=labelled, ax=ax, font_size=10, clip_on=False,
                            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.7, "pad": 1})
    classes = sorted({graph.nodes[v]["cls"] for v in nodes})
    handles = [plt.Line2D([], [], marker="o", linestyle="", markersize=9, markeredgecolor="#555",
                          markerfacecolor=class_colour(c), label=c) for c in classes]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=10,
              title="Class")
    ax.margins(0.08)
    return fig


def draw_static(g: ViewModel | Graph | Path, out_dir: Path) -> tuple[Path, Path]:
    """Write graph.svg and graph.png: a seeded layout, the top entities by PageRank labelled."""
    model = as_model(g)
    return _draw(model.graph, model.pagerank, Path(out_dir))


def _draw(graph: nx.MultiDiGraph, pr: dict[str, float], out_dir: Path) -> tuple[Path, Path]:
    # real <text> in the SVG (searchable, selectable); fixed ids and no date so rebuilds are identical
    with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": "newskg"}):
        fig = _static_figure(graph, pr)
        try:
            svg, png = io.BytesIO(), io.BytesIO()
            fig.savefig(svg, format="svg", bbox_inches="tight", metadata={"Date": None})
            fig.savefig(png, format="png", bbox_inches="tight", metadata={"Software": None})
        finally:
            plt.close(fig)
    return (write_atomic(out_dir / "graph.svg", svg.getvalue()),
            write_atomic(out_dir / "graph.png", png.getvalue()))


def _facts(model: ViewModel) -> dict[str, list[dict]]:
    """The extracted facts of each document, in text order, as labels."""
    by_doc: dict[str, list[dict]] = {}
    for st in model.fact_statements():
        by_doc.setdefault(st.doc, []).append({
            "subject": model.label(st.subject),
            "predicate": model.property_labels[st.predicate],
            "object": model.label(st.object),
            "modality": st.modality,
            "stated_by": [model.label(s) for s in st.stated_by],
            "sentence": st.sentence,
        })
    return by_doc


def _qualifier(fact: dict) -> str:
    parts = []
    if fact["modality"] != "asserted":
        parts.append(fact["modality"])
    if fact["stated_by"]:
        parts.append("according to " + ", ".join(fact["stated_by"]))
    return f" ({'; '.join(parts)})" if parts else ""


def _md(text: str) -> str:
    # a cell of a Markdown table ends at a pipe and a newline would end the row
    return text.replace("|", "\\|").replace("\n", " ")


def _markdown(stats: dict, docs: list[dict], facts: dict[str, list[dict]], title: str) -> str:
    lines = [f"# {title}", "", "[Open the interactive view](graph.html)", "",
             "![The entity graph](graph.png)", ""]
    c = stats["counts"]
    lines += ["## Corpus", "",
              f"{c['documents']} documents, {c['entities']} entities, {c['relations']} relations "
              f"({c['statements']} statements with their sentences), {c['comments']} reader comments.", "",
              "| id | title | date | publisher | authors |", "|---|---|---|---|---|"]
    lines += [f"| {d['id']} | {_md(d['title'])} | {d['date']} | {_md(d['publisher'])} | "
              f"{_md(', '.join(d['authors']))} |" for d in docs]
    lines += ["", "## Entities by class", "", "| class | entities |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in stats["entities_by_class"].items()]
    lines += ["", "## Relations by property", "", "| property | relations |", "|---|---|"]
    lines += [f"| {_md(k)} | {v} |" for k, v in stats["relations_by_predicate"].items()]
    lines += ["", "## Key players", "", "| # | entity | class | neighbours | PageRank |",
              "|---|---|---|---|---|"]
    lines += [f"| {i} | {_md(p['label'])} | {p['class']} | {p['degree']} | {p['pagerank']:.4f} |"
              for i, p in enumerate(stats["key_players"], 1)]
    lines += ["", "## Communities", ""]
    lines += [f"{com['id'] + 1}. ({com['size']}) " + ", ".join(m["label"] for m in com["members"])
              for com in stats["communities"]]
    lines += ["", "## Facts by document", ""]
    for d in docs:
        lines += [f"### {d['id']}: {d['title']}", ""]
        found = facts.get(d["id"], [])
        lines += [f"- **{f['subject']}** {f['predicate']} **{f['object']}**{_qualifier(f)}  \n"
                  f"  > {f['sentence']}" for f in found] or ["No facts extracted."]
        lines.append("")
    return "\n".join(lines) + "\n"


def _table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


_REPORT_CSS = """
body { font-family: Helvetica, Arial, sans-serif; color: #222; max-width: 1200px; margin: 0 auto;
  padding: 16px 24px 48px; line-height: 1.45; }
h1 { font-size: 26px; } h2 { font-size: 20px; margin-top: 32px; border-bottom: 1px solid #ddd; }
h3 { font-size: 16px; margin-bottom: 4px; }
table { border-collapse: collapse; margin: 8px 0; font-size: 14px; }
th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f4f4f4; } td.num { text-align: right; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 5px; }
.fact { margin: 6px 0; } .sentence { color: #555; font-style: italic; margin-left: 16px; }
.qual { color: #8a4b00; }
figure { margin: 0; } figure svg { width: 100%; height: auto; border: 1px solid #eee; }
"""


def _html(stats: dict, docs: list[dict], facts: dict[str, list[dict]], svg: str, view: str,
          title: str) -> str:
    e = html.escape
    c = stats["counts"]
    docs_rows = [[e(d["id"]), e(d["title"]), e(d["date"]), e(d["publisher"]), e(", ".join(d["authors"]))]
                 for d in docs]
    class_rows = [[f'<span class="swatch" style="background:{class_colour(k)}"></span>{e(k)}', str(v)]
                  for k, v in stats["entities_by_class"].items()]
    prop_rows = [[e(k), str(v)] for k, v in stats["relations_by_predicate"].items()]
    player_rows = [[str(i), e(p["label"]), e(p["class"]), str(p["degree"]), f"{p['pagerank']:.4f}"]
                   for i, p in enumerate(stats["key_players"], 1)]
    communities = "".join(
        f"<li>({com['size']}) " + ", ".join(e(m["label"]) for m in com["members"]) + "</li>"
        for com in stats["communities"])
    per_doc = []
    for d in docs:
        items = "".join(
            f'<div class="fact"><b>{e(f["subject"])}</b> {e(f["predicate"])} <b>{e(f["object"])}</b>'
            f'<span class="qual">{e(_qualifier(f))}</span>'
            f'<div class="sentence">{e(f["sentence"])}</div></div>'
            for f in facts.get(d["id"], [])) or "<p>No facts extracted.</p>"
        per_doc.append(f"<h3>{e(d['id'])}: {e(d['title'])}</h3>{items}")
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{e(title)}</title><style>{_REPORT_CSS}</style></head>
<body>
<h1>{e(title)}</h1>
<section id="corpus"><h2>Corpus</h2>
<p>{c['documents']} documents, {c['entities']} entities, {c['relations']} relations
({c['statements']} statements with their sentences), {c['comments']} reader comments.</p>
{_table(["id", "title", "date", "publisher", "authors"], docs_rows)}</section>
<section id="entities"><h2>Entities by class</h2>{_table(["class", "entities"], class_rows)}</section>
<section id="relations"><h2>Relations by property</h2>{_table(["property", "relations"], prop_rows)}</section>
<section id="key-players"><h2>Key players</h2>
{_table(["#", "entity", "class", "neighbours", "PageRank"], player_rows)}</section>
<section id="communities"><h2>Communities</h2><ol>{communities}</ol></section>
<section id="picture"><h2>The graph</h2><figure>{svg}</figure></section>
<section id="interactive"><h2>Interactive view</h2>
<p>Search for an entity, untick classes to hide them, hover over a node or a link for its sentences.</p>
{view}</section>
<section id="facts"><h2>Facts by document</h2>{"".join(per_doc)}</section>
<script>
// the view runs in a sandboxed frame; it reports its node count so tests and readers can see it loaded
window.addEventListener("message", function (ev) {{
  if (ev.data && typeof ev.data.kgNodeCount === "number") {{
    document.body.setAttribute("data-node-count", String(ev.data.kgNodeCount));
  }}
}});
</script>
</body>
</html>
"""


def write_report(g: ViewModel | Graph | Path, out_dir: Path, *, title: str = "Knowledge graph report", stats: dict | None = None,
                 view: str | None = None) -> tuple[Path, Path]:
    """Write report.html and report.md to `out_dir`, with graph.svg, graph.png and graph.html beside them.

    `stats` (`analyse(g)`) and `view` (`build_page(g)`, already written to graph.html) may be given
    by a caller that has them, so they are not computed twice. Returns the paths of report.html and
    report.md.
    """
    out_dir = Path(out_dir)
    model = as_model(g)
    stats = analyse(model) if stats is None else stats
    graph = model.graph
    docs = [d.as_dict() for d in model.documents.values() if d.kind == "article"]
    facts = _facts(model)
    svg_path, _ = _draw(graph, stats["pagerank"], out_dir)
    if view is None:
        view = build_page(model)  # built once: the layout of a large graph takes seconds
        write_atomic(out_dir / "graph.html", view)
    svg = svg_path.read_text(encoding="utf-8")
    svg = svg[svg.index("<svg"):]  # drop the XML prolog and doctype, which are not allowed inside HTML
    page = _html(stats, docs, facts, svg, _frame(view, DEFAULT_TITLE), title)
    return (write_atomic(out_dir / "report.html", page),
            write_atomic(out_dir / "report.md", _markdown(stats, docs, facts, title)))
