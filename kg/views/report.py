"""The corpus report (HTML, Markdown, CSV), the static graph picture, and the embeddable interactive view."""
from __future__ import annotations

import csv
import html
import io

from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import quote

from rdflib import Graph

from kg.analyse import analyse
from kg.views.figure import drawn_nodes, write_static
from kg.views.graphview import write_atomic
from kg.views.model import Statement, ViewModel, as_model, short_id
from kg.views.render import DEFAULT_TITLE, build_page, fragment, library, render_html
from kg.views.style import class_colours

__all__ = ["GraphView", "embed", "embeds", "draw_static", "show", "write_report"]

EMBED_HEIGHT = 720
EMBED_MAX_DATA = 120_000  # bytes of view data past which the report links to graph.html instead
HTML_ENTITIES = 30  # entities whose facts the HTML report shows; report.md and facts.csv have all
HTML_SENTENCES = 8  # sentences per entity in the HTML report
HTML_SOURCES = 60  # most recent documents listed in the HTML report
HTML_COMMUNITIES = 15
COMMUNITY_MEMBERS = 12

Source = ViewModel | Graph | Path | str


def embed(g: Source, focus: str | None = None, *, height: int = EMBED_HEIGHT, with_library: bool = True,
          **render_kw) -> str:
    """A self-contained HTML fragment holding the interactive view of `g` (a model, a Graph or a file).

    `render_kw` are those of `kg.views.render.render_html` (depth, classes, min_degree, max_nodes,
    title). Several views in one page need the scripts once: pass ``with_library=False`` to all
    but the first, or use `embeds`.
    """
    return fragment(g, focus=focus, height=height, with_library=with_library, **render_kw)


def embeds(views: Iterable[Source | tuple[Source, dict]], *, height: int = EMBED_HEIGHT) -> str:
    """Several interactive views as one fragment sharing one copy of the renderer and scripts.

    Each item is a source, or (source, keyword arguments of `embed`).
    """
    parts = [library()]
    for item in views:
        source, kw = item if isinstance(item, tuple) else (item, {})
        parts.append(fragment(source, with_library=False, height=kw.pop("height", height), **kw))
    return "".join(parts)


class GraphView:
    """The interactive view of a graph, displayed inline by Jupyter through `_repr_html_`."""

    def __init__(self, g: Source, focus: str | None = None, **render_kw) -> None:
        self.model, self.focus, self.render_kw = as_model(g), focus, render_kw

    def _repr_html_(self) -> str:
        return embed(self.model, self.focus, **self.render_kw)

    def save(self, out: Path) -> Path:
        """Write the view as a standalone page."""
        return render_html(self.model, Path(out), focus=self.focus, **self.render_kw)


def show(g: Source, focus: str | None = None, **render_kw) -> GraphView:
    """The interactive view of `g` for a notebook cell: ``show("output/graph.ttl", focus="Healey")``."""
    return GraphView(g, focus, **render_kw)


# ---- the static picture

def draw_static(g: Source, out_dir: Path) -> tuple[Path, Path]:
    """Write graph.svg and graph.png: arrows, the main relations named, isolated entities left out."""
    return write_static(as_model(g), Path(out_dir))


# ---- what the report says

def _ranked(model: ViewModel) -> list[str]:
    """Entities by PageRank (each link weighted by the sentences behind it), then IRI."""
    return sorted(model.graph.nodes, key=lambda n: (-round(model.pagerank.get(n, 0.0), 6), n))


def _fact(model: ViewModel, st: Statement) -> dict:
    return {"subject": model.label(st.subject),
            "predicate": model.property_labels.get(st.predicate, st.predicate),
            "object": model.label(st.object), "subject_iri": st.subject, "object_iri": st.object,
            "modality": st.modality, "stated_by": [model.label(s) for s in st.stated_by]}


def entity_sentences(model: ViewModel, node: str) -> list[tuple[Statement, list[dict]]]:
    """The sentences stating facts about `node`, each once, with the facts it states, in document order."""
    by_sentence: dict[tuple[str, int, str], tuple[Statement, list[dict]]] = {}
    edges = [*model.graph.out_edges(node, data=True), *model.graph.in_edges(node, data=True)]
    for _, _, d in edges:
        for st in d["statements"]:
            key = (st.doc, st.start, st.sentence)
            entry = by_sentence.setdefault(key, (st, []))
            fact = _fact(model, st)
            if fact not in entry[1]:
                entry[1].append(fact)
    return [by_sentence[k] for k in sorted(by_sentence)]


def _qualifier(fact: dict) -> str:
    parts = []
    if fact["modality"] != "asserted":
        parts.append(fact["modality"])
    if fact["stated_by"]:
        parts.append("according to " + ", ".join(fact["stated_by"]))
    return f" ({'; '.join(parts)})" if parts else ""


def _doc_title(model: ViewModel, doc_id: str) -> str:
    doc = model.documents.get(doc_id)
    if not doc_id:
        return "unknown document"
    return doc.title if doc and doc.title else f"Untitled document {doc_id}"


def _communities(model: ViewModel) -> list[list[str]]:
    """Communities of two or more entities, biggest first, members by PageRank."""
    pr = model.pagerank
    return [sorted(c, key=lambda n: (-round(pr.get(n, 0.0), 6), n)) for c in model.communities if len(c) > 1]


def _sources(model: ViewModel) -> list:
    """Articles, most recent first (undated last), then by id."""
    docs = [d for d in model.documents.values() if d.kind == "article"]
    return sorted(docs, key=lambda d: (d.date == "", tuple(-ord(c) for c in d.date), d.id))


# ---- Markdown

_MD_SPECIAL = set("\\`*_[]<>#|~!")
_MD_ESCAPES = str.maketrans({c: "\\" + c for c in _MD_SPECIAL})  # one pass in C: report.md has 1M+ texts at scale


def md_text(text: str) -> str:
    """Article text made inert in Markdown: special characters escaped, line breaks folded.

    >>> md_text("**Breaking** <b>news</b> | # 1")
    '\\\\*\\\\*Breaking\\\\*\\\\* \\\\<b\\\\>news\\\\</b\\\\> \\\\| \\\\# 1'
    """
    return " ".join(str(text).split()).translate(_MD_ESCAPES)


def _md_link(model: ViewModel, node: str) -> str:
    return f"[{md_text(model.label(node))}](graph.html#entity={quote(short_id(node), safe='')})"


def _markdown(model: ViewModel, stats: dict, title: str) -> str:
    c = stats["counts"]
    lines = [f"# {md_text(title)}", "", "[Open the interactive view](graph.html) · full lists: "
             "[facts.csv](facts.csv), [entities.csv](entities.csv), [sources.csv](sources.csv)", "",
             "![The entity graph](graph.png)", "", "## Corpus", "",
             f"{c['documents']} documents, {c['entities']} entities, {c['relations']} relations "
             f"({c['statements']} statements with their sentences), {c['comments']} reader comments.", "",
             "## Key players", "", "| # | entity | class | facts | neighbours | PageRank |",
             "|---|---|---|---|---|---|"]
    lines += [f"| {i} | {_md_link(model, p['iri'])} | {p['class']} | {p['facts']} | {p['degree']} | "
              f"{p['pagerank']:.4f} |" for i, p in enumerate(stats["key_players"], 1)]
    lines += ["", "## Entities by class", "", "| class | entities |", "|---|---|"]
    lines += [f"| {md_text(k)} | {v} |" for k, v in stats["entities_by_class"].items()]
    lines += ["", "## Relations by property", "", "| property | relations |", "|---|---|"]
    lines += [f"| {md_text(k)} | {v} |" for k, v in stats["relations_by_predicate"].items()]
    if stats.get("open_phrases"):
        lines += ["", "## Open relations", "", "Links between named entities that no lexicon entry types "
                  "(in low-confidence.ttl unless built with a lower --min-confidence): candidates for the lexicon.",
                  "", "| phrase | statements |", "|---|---|"]
        lines += [f"| {md_text(p['phrase'])} | {p['statements']} |" for p in stats["open_phrases"]]
    lines += ["", "## Communities", ""]
    lines += [f"{i}. ({len(members)}) " + ", ".join(md_text(model.label(m)) for m in members)
              for i, members in enumerate(_communities(model), 1)] or ["No community of two or more."]
    _, isolated = drawn_nodes(model)
    lines += ["", "## Entities without relations", ""]
    lines += [", ".join(md_text(model.label(n)) for n in isolated) or "None."]
    lines += ["", "## Facts by entity", ""]
    for node in _ranked(model):
        found = entity_sentences(model, node)
        if not found:
            continue
        lines += [f"### {md_text(model.label(node))}", ""]
        for st, facts in found:
            stated = "; ".join(f"**{md_text(f['subject'])}** {md_text(f['predicate'])} "
                               f"**{md_text(f['object'])}**"
                               + (" " + md_text(_qualifier(f)) if _qualifier(f) else "") for f in facts)
            source = md_text(_doc_title(model, st.doc))
            lines += [f"- {stated}  ", f"  > {md_text(st.sentence)} — *{source}*"]
        lines.append("")
    lines += ["## Sources", "", "| id | title | date | publisher | authors |", "|---|---|---|---|---|"]
    for d in _sources(model):
        shown_title = md_text(d.title or f"Untitled document {d.id}")
        linked = f"[{shown_title}](<{d.url}>)" if d.url else shown_title
        lines.append(f"| {md_text(d.id)} | {linked} | {md_text(d.date)} | {md_text(d.publisher)} | "
                     f"{md_text(', '.join(d.authors))} |")
    return "\n".join(lines) + "\n"


# ---- CSV

def _csv(rows: Sequence[Sequence[object]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _facts_csv(model: ViewModel) -> str:
    rows: list[list[object]] = [["subject", "relation", "object", "modality", "confidence", "according_to",
                                 "document", "title", "date", "publisher", "url", "sentence"]]
    for st in model.fact_statements():
        doc = model.documents.get(st.doc)
        rows.append([model.label(st.subject), model.property_labels.get(st.predicate, st.predicate),
                     model.label(st.object), st.modality, st.confidence,
                     "; ".join(model.label(s) for s in st.stated_by), st.doc, doc.title if doc else "",
                     doc.date if doc else "", doc.publisher if doc else "", doc.url if doc else "",
                     st.sentence])
    return _csv(rows)


def _entities_csv(model: ViewModel) -> str:
    rows: list[list[object]] = [["iri", "label", "class", "facts", "neighbours", "documents", "pagerank",
                                 "community", "aliases"]]
    for n in _ranked(model):
        d = model.graph.nodes[n]
        rows.append([n, d["label"], d["cls"], model.facts[n], model.degree.get(n, 0), len(d["documents"]),
                     round(model.pagerank.get(n, 0.0), 6), model.community_of.get(n, -1),
                     "; ".join(d["aliases"])])
    return _csv(rows)


def _sources_csv(model: ViewModel) -> str:
    rows: list[list[object]] = [["id", "title", "date", "publisher", "url", "authors"]]
    rows += [[d.id, d.title, d.date, d.publisher, d.url, "; ".join(d.authors)] for d in _sources(model)]
    return _csv(rows)


# ---- HTML

def _table(header: list[str], rows: list[list[str]], numeric: Iterable[int] = ()) -> str:
    num = set(numeric)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f'<td class="num">{cell}</td>' if i in num else f"<td>{cell}</td>"
                                    for i, cell in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _a(model: ViewModel, node: str) -> str:
    return (f'<a href="graph.html#entity={html.escape(quote(short_id(node), safe=""), quote=True)}">'
            f'{html.escape(model.label(node))}</a>')


def _doc_html(model: ViewModel, doc_id: str) -> str:
    doc = model.documents.get(doc_id)
    title = html.escape(_doc_title(model, doc_id))
    if doc and doc.url:
        title = f'<a href="{html.escape(doc.url, quote=True)}">{title}</a>'
    extra = " · ".join(html.escape(x) for x in ((doc.date[:10], doc.publisher) if doc else ()) if x)
    return f'<span class="doc">{title}{" · " + extra if extra else ""}</span>'


def _facts_html(model: ViewModel) -> str:
    e = html.escape
    parts = []
    for node in [n for n in _ranked(model) if model.facts.get(n)][:HTML_ENTITIES]:
        found = entity_sentences(model, node)
        items = []
        for st, facts in found[:HTML_SENTENCES]:
            stated = "; ".join(f"<b>{e(f['subject'])}</b> {e(f['predicate'])} <b>{e(f['object'])}</b>"
                               f'<span class="qual">{e(_qualifier(f))}</span>' for f in facts)
            items.append(f'<li><div class="fact">{stated}</div><q class="sentence">{e(st.sentence)}</q> '
                         f"{_doc_html(model, st.doc)}</li>")
        more = (f'<p class="more">{len(found) - HTML_SENTENCES} more sentences in report.md and facts.csv</p>'
                if len(found) > HTML_SENTENCES else "")
        parts.append(f"<h3>{_a(model, node)} <small>{e(model.graph.nodes[node]['cls'])}, "
                     f"{model.facts[node]} facts</small></h3><ul class=\"facts\">{''.join(items)}</ul>{more}")
    ranked_with_facts = sum(1 for n in model.graph.nodes if model.facts.get(n))
    note = (f"<p>The {HTML_ENTITIES} leading entities of {ranked_with_facts:,} with facts; report.md lists "
            "them all.</p>" if ranked_with_facts > HTML_ENTITIES else "")
    return note + ("".join(parts) or "<p>No facts extracted.</p>")


def _communities_html(model: ViewModel) -> str:
    found = _communities(model)
    items = []
    for members in found[:HTML_COMMUNITIES]:
        names = ", ".join(_a(model, m) for m in members[:COMMUNITY_MEMBERS])
        more = f" and {len(members) - COMMUNITY_MEMBERS} more" if len(members) > COMMUNITY_MEMBERS else ""
        items.append(f"<li>({len(members)}) {names}{more}</li>")
    rest = f"<p>{len(found) - HTML_COMMUNITIES} smaller communities in report.md.</p>" \
        if len(found) > HTML_COMMUNITIES else ""
    return (f"<ol>{''.join(items)}</ol>{rest}" if items else "<p>No community of two or more entities.</p>")


def _sources_html(model: ViewModel) -> str:
    e = html.escape
    docs = _sources(model)
    rows = []
    for d in docs[:HTML_SOURCES]:
        title = e(d.title or f"Untitled document {d.id}")
        if d.url:
            title = f'<a href="{e(d.url, quote=True)}">{title}</a>'
        rows.append([e(d.id), title, e(d.date[:10]), e(d.publisher), e(", ".join(d.authors))])
    note = (f"<p>The {HTML_SOURCES} most recent of {len(docs):,} documents; sources.csv and report.md list "
            "them all.</p>" if len(docs) > HTML_SOURCES else "")
    return note + _table(["id", "title", "date", "publisher", "authors"], rows)


_REPORT_CSS = """
body { font-family: Helvetica, Arial, sans-serif; color: #222; max-width: 1200px; margin: 0 auto;
  padding: 16px 24px 48px; line-height: 1.45; }
h1 { font-size: 26px; } h2 { font-size: 20px; margin-top: 32px; border-bottom: 1px solid #ddd; }
h3 { font-size: 16px; margin-bottom: 4px; } h3 small { color: #777; font-weight: normal; }
nav ol { columns: 2; } table { border-collapse: collapse; margin: 8px 0; font-size: 14px; }
th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f4f4f4; } td.num { text-align: right; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 5px; }
ul.facts { padding-left: 18px; } ul.facts li { margin: 6px 0; }
.sentence { color: #444; font-style: italic; display: block; margin-left: 4px; }
.doc { font-size: 13px; color: #555; } .qual { color: #8a4b00; } .more { color: #777; font-size: 13px; }
figure { margin: 0; } figure svg { width: 100%; height: auto; border: 1px solid #eee; }
"""

_SECTIONS = (("corpus", "Corpus"), ("key-players", "Key players"), ("entities", "Entities by class"),
             ("relations", "Relations by property"), ("communities", "Communities"), ("picture", "The graph"),
             ("interactive", "Interactive view"), ("facts", "Facts by entity"), ("sources", "Sources"))


def _open_phrases_html(stats: dict) -> str:
    """The most frequent open-relation phrases: links no lexicon entry types yet."""
    rows = [[html.escape(p["phrase"]), str(p["statements"])] for p in stats.get("open_phrases", [])]
    if not rows:
        return ""
    return ("<h3>Open relations</h3><p>Links between named entities that no lexicon entry types "
            "(kept in low-confidence.ttl unless built with a lower --min-confidence): candidates for the "
            "lexicon.</p>" + _table(["phrase", "statements"], rows, (1,)))


def _html(model: ViewModel, stats: dict, svg: str, view: str, title: str) -> str:
    e = html.escape
    c = stats["counts"]
    colours = class_colours(stats["entities_by_class"])  # as the views colour them: all classes together
    class_rows = [[f'<span class="swatch" style="background:{colours[k]}"></span>{e(k)}', str(v)]
                  for k, v in stats["entities_by_class"].items()]
    prop_rows = [[e(k), str(v)] for k, v in stats["relations_by_predicate"].items()]
    player_rows = [[str(i), _a(model, p["iri"]), e(p["class"]), str(p["facts"]), str(p["degree"]),
                    f"{p['pagerank']:.4f}"] for i, p in enumerate(stats["key_players"], 1)]
    _, isolated = drawn_nodes(model)
    lonely = (f"<p>Entities without relations, not drawn: {', '.join(_a(model, n) for n in isolated)}.</p>"
              if isolated else "")
    toc = "".join(f'<li><a href="#{key}">{name}</a></li>' for key, name in _SECTIONS)
    body = {
        "corpus": f"<p>{c['documents']} documents, {c['entities']} entities, {c['relations']} relations "
                  f"({c['statements']} statements with their sentences), {c['comments']} reader comments.</p>"
                  '<p>Full lists: <a href="report.md">report.md</a>, <a href="facts.csv">facts.csv</a>, '
                  '<a href="entities.csv">entities.csv</a>, <a href="sources.csv">sources.csv</a>.</p>',
        "key-players": "<p>Ranked by PageRank over the links between entities, each link weighted by the "
                       "sentences that state it.</p>"
                       + _table(["#", "entity", "class", "facts", "neighbours", "PageRank"], player_rows,
                                (0, 3, 4, 5)),
        "entities": _table(["class", "entities"], class_rows, (1,)),
        "relations": _table(["property", "relations"], prop_rows, (1,)) + _open_phrases_html(stats),
        "communities": _communities_html(model),
        "picture": f"<figure>{svg}</figure>{lonely}",
        "interactive": view,
        "facts": _facts_html(model),
        "sources": _sources_html(model),
    }
    sections = "\n".join(f'<section id="{key}"><h2>{name}</h2>{body[key]}</section>'
                         for key, name in _SECTIONS)
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title><style>{_REPORT_CSS}</style></head>
<body>
<h1>{e(title)}</h1>
<nav id="contents"><h2>Contents</h2><ol>{toc}</ol></nav>
{sections}
</body>
</html>
"""


def _interactive(model: ViewModel, view_data_size: int) -> str:
    """The interactive view inline when it is small; a link to graph.html when it would swell the report."""
    link = '<p><a href="graph.html">Open the interactive view (graph.html)</a>: search, filters, panels.</p>'
    if view_data_size > EMBED_MAX_DATA or model.graph.number_of_nodes() == 0:
        return link
    return link + embed(model, height=640)


def write_report(g: Source, out_dir: Path, *, title: str = "Knowledge graph report",
                 stats: dict | None = None, view: str | None = None) -> tuple[Path, Path]:
    """Write report.html and .md, facts/entities/sources.csv, graph.svg and graph.png to `out_dir`.

    `g` is a ViewModel, an rdflib Graph or a graph file. `stats` (`analyse(g)`) and `view` (the
    graph.html page, already written) may be given by a caller that has them; without `view`,
    graph.html is written too, since the report links into it. Returns the paths of report.html and
    report.md.
    """
    out_dir = Path(out_dir)
    model = as_model(g)
    stats = analyse(model) if stats is None else stats
    svg_path, _ = write_static(model, out_dir)
    if view is None:
        view = build_page(model)
        write_atomic(out_dir / "graph.html", view)
    data_start = view.find('id="kg-data">')
    view_data_size = len(view) - data_start if data_start >= 0 else len(view)
    svg = svg_path.read_text(encoding="utf-8")
    svg = svg[svg.index("<svg"):]  # drop the XML prolog and doctype, which are not allowed inside HTML
    page = _html(model, stats, svg, _interactive(model, view_data_size), title)
    write_atomic(out_dir / "facts.csv", _facts_csv(model))
    write_atomic(out_dir / "entities.csv", _entities_csv(model))
    write_atomic(out_dir / "sources.csv", _sources_csv(model))
    return (write_atomic(out_dir / "report.html", page),
            write_atomic(out_dir / "report.md", _markdown(model, stats, title)))
