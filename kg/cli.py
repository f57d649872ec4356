"""The `kg` command line: one subcommand per stage, each a thin layer over a library call."""
from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import click

from kg.config import BASE_IRI, DEFAULT_MODEL, Settings
from kg.errors import KGError, OutputError
from kg.run.atomic import InterruptedAfterCommit
from kg.rdf.serializers import FORMATS


class KGGroup(click.Group):
    """Turns the package's own errors into one-line messages with their exit status."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except KGError as err:
            from kg.sparql.query import printable

            click.echo(f"kg: error: {printable(str(err))}", err=True)
            sys.exit(err.exit_code)
        except InterruptedAfterCommit:
            _interrupted("the build had finished and its new output is in place")
        except KeyboardInterrupt:
            _interrupted("previous output left as it was")
        except OSError as err:  # a file problem no stage turned into one of ours: still one line
            where = f"{err.filename}: " if err.filename else ""
            click.echo(f"kg: error: {where}{err.strerror or err}", err=True)
            sys.exit(2)


def _interrupted(what: str) -> None:
    """Exit 130 after Ctrl-C or SIGTERM, ending this process's own workers (spaCy's `--jobs` parsers).

    With workers stopped mid-batch, the queues that fed them still hold data, and Python's exit
    would wait for ever to flush them: so after stopping workers the process ends at once."""
    import multiprocessing

    children = multiprocessing.active_children()
    for child in children:
        child.terminate()
    for child in children:
        child.join(timeout=5)
    click.echo(f"kg: interrupted; {what}", err=True)
    if children:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(130)
    sys.exit(130)


def _terminate_as_interrupt(number: int, frame) -> None:
    """SIGTERM (`kill`) ends a command as Ctrl-C does: outputs left whole, workers and servers stopped.

    Workers are stopped first, here: Ctrl-C reaches them through the terminal, SIGTERM does not, and
    spaCy's clean-up waits for workers that are blocked writing a parse nobody will read."""
    import multiprocessing

    if multiprocessing.parent_process() is not None:  # a forked worker inherited this handler: just end
        os._exit(128 + number)
    for child in multiprocessing.active_children():
        child.terminate()
    raise KeyboardInterrupt()


@click.group(cls=KGGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newskg")
def main() -> None:
    """Build a knowledge graph from a folder of news articles, then query, analyse and view it.

    \b
    Example:
      kg build corpus --out output
      kg query output/graph.ttl queries/offices.rq
      kg render output/graph.ttl --focus "John Healey" -o healey.html
    """
    signal.signal(signal.SIGTERM, _terminate_as_interrupt)


@main.command()
@click.argument("corpus", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("output"), show_default=True,
              help="Folder for graph.ttl, stats.json, graph.html and the rest.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="Name of an installed spaCy model.")
@click.option("--format", "formats", multiple=True, type=click.Choice(list(FORMATS)),
              help="Extra RDF serialisations to write beside graph.ttl (repeatable).")
@click.option("--jobs", default=1, show_default=True, type=click.IntRange(min=1),
              help="Processes for parsing (local engine).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where articles are parsed and extracted: here or on a Dask cluster (same graph).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="With --engine dask: scheduler address (default: a local cluster of two workers).")
@click.option("--shards", "shards_dir", type=click.Path(path_type=Path), default=None, metavar="DIR",
              help="With --engine dask: keep the workers' extraction shards as DIR/shard-00000.nt, ...")
@click.option("--cache-dir", type=click.Path(path_type=Path), default=None,
              help="Parse cache folder (default: OUT/.kg-cache).")
@click.option("--clean", is_flag=True, help="Ignore the parse cache and rewrite it.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the parse cache.")
@click.option("--min-confidence", default=0.5, show_default=True,
              help="Relations below this go to low-confidence.ttl instead of graph.ttl.")
@click.option("--max-doc-chars", default=Settings.max_doc_chars, show_default=True, type=click.IntRange(min=1),
              help="Larger files are skipped with a note, so one file cannot exhaust memory.")
@click.option("--max-sentence-tokens", default=Settings.max_sentence_tokens, show_default=True,
              type=click.IntRange(min=1), help="Longer sentences (tables, lists run together) give no relations.")
@click.option("--base-iri", default=BASE_IRI, show_default=True,
              help="Namespace of every IRI the build mints (BASE/entity/..., BASE/document/...).")
@click.option("--no-view", is_flag=True, help="Write the graphs only (no stats.json, graph.html, report); views an earlier build left in OUT are removed, so OUT never mixes two builds.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def build(corpus: Path, out_dir: Path, model: str, formats: tuple[str, ...], jobs: int, engine: str,
          scheduler: str | None, shards_dir: Path | None, cache_dir: Path | None, clean: bool, no_cache: bool,
          min_confidence: float, max_doc_chars: int, max_sentence_tokens: int, base_iri: str, no_view: bool,
          quiet: bool) -> None:
    """Build every artefact from the articles in CORPUS.

    Unchanged articles are not parsed again: their parse is kept in OUT/.kg-cache.

    \b
    Example:
        kg build corpus/ --out output/
        kg build corpus/ --out output/ --engine dask --scheduler tcp://10.0.0.5:8786 --shards shards/
    writes output/graph.ttl, output/stats.json and output/graph.html.
    """
    from kg.pipeline import build_corpus

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    if shards_dir and engine != "dask":
        raise click.UsageError("--shards needs --engine dask")
    settings = Settings(model=model, jobs=jobs, min_confidence=min_confidence, max_doc_chars=max_doc_chars,
                        max_sentence_tokens=max_sentence_tokens, formats=("ttl", *formats), progress=not quiet,
                        base_iri=base_iri)
    summary = build_corpus(corpus, out_dir, settings, with_views=not no_view, engine=engine,
                           scheduler=scheduler, use_cache=not no_cache, cache_dir=cache_dir, clean=clean,
                           shards_dir=shards_dir)
    from kg.ingest.read import is_skip

    from kg.sparql.query import printable

    click.echo(printable(summary.describe()))  # file names and notes may hold control characters
    if any(is_skip(note) for note in summary.skipped):  # a decoding note alone is no reason to fail
        sys.exit(3)


@main.command("validate")
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--ontology", "ontology_dir", type=click.Path(path_type=Path), default=None,
              help="Folder holding kg.ttl and shapes.ttl (default: the package's ontology/).")
def validate_cmd(graph: Path, ontology_dir: Path | None) -> None:
    """Check GRAPH against the SHACL shapes; print the violations grouped by property.

    \b
    Example:
        kg validate output/graph.ttl
    exits 0 when the graph conforms, 4 when it does not.
    """
    from kg.errors import ValidationError
    from kg.sparql.validate import format_report, validate_file

    result = validate_file(graph, ontology_dir or Settings().ontology_dir)
    click.echo(format_report(result), nl=False)
    if not result.conforms:
        errors = sum(v.severity == "Violation" for v in result.violations)
        raise ValidationError(f"{graph} does not conform to the shapes: {errors} violation{'' if errors == 1 else 's'}")


@main.command("query")
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("query_or_file")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--store", type=click.Choice(["rdflib", "oxigraph"]), default="rdflib", show_default=True,
              help="oxigraph keeps an on-disk copy beside GRAPH (GRAPH.oxigraph/), reloaded when GRAPH changes.")
@click.option("--allow-service", is_flag=True,
              help="Let SERVICE clauses query other SPARQL endpoints over the network (refused by default).")
def query_cmd(graph: Path, query_or_file: str, fmt: str, store: str, allow_service: bool) -> None:
    """Run a SPARQL query over GRAPH: a .rq file, the name of one in queries/, or the query text.

    \b
    Example:
        kg query output/graph.ttl offices
        kg query output/graph.ttl 'SELECT ?s WHERE { ?s a kg:Person }' --format csv
    """
    from kg.sparql.query import format_result, resolve_query, run_query

    result = run_query(graph, resolve_query(query_or_file), store=store, allow_service=allow_service)
    click.echo(format_result(result, fmt), nl=False)


@main.command("serve")
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--port", default=7878, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=1),
              help="Seconds a query may run before it is stopped.")
def serve_cmd(graph: Path, port: int, host: str, timeout: float) -> None:
    """Serve GRAPH as a read-only SPARQL 1.1 endpoint until Ctrl-C (or SIGTERM).

    Only requests whose Host header names this address are answered; updates and SERVICE are refused.

    \b
    Example:
        kg serve output/graph.ttl --port 7878
    then query http://127.0.0.1:7878/query (GET or POST, results as SPARQL JSON).
    """
    from kg.sparql.serve import endpoint_url, serve

    def ready() -> None:
        click.echo(f"SPARQL endpoint (read-only): {endpoint_url(host, port)}  -- Ctrl-C to stop", err=True)

    sys.exit(serve(graph, host=host, port=port, timeout=timeout, on_ready=ready))


def _stats_summary(stats: dict) -> str:
    """The human-readable form of `kg.analyse.analyse`'s dict: counts, top actors, communities."""
    c = stats["counts"]
    lines = [f"{c['documents']} documents, {c['entities']} entities, {c['relations']} relations, "
             f"{c['statements']} statements, {len(stats['components'])} connected components", ""]
    lines.append("entities by class: " + (", ".join(f"{k} {v}" for k, v in stats["entities_by_class"].items())
                                          or "none"))
    lines.append("relations by property: "
                 + (", ".join(f"{k} {v}" for k, v in stats["relations_by_predicate"].items()) or "none"))
    if stats.get("open_phrases"):
        lines.append("open relations (no lexicon entry yet): "
                     + ", ".join(f"{p['phrase']} {p['statements']}" for p in stats["open_phrases"][:10]))
    if stats["key_players"]:
        width = max(len(p["label"]) for p in stats["key_players"])
        lines += ["", f"{'#':>2}  {'entity':<{width}}  {'class':<16} {'links':>5}  pagerank"]
        lines += [f"{i:>2}  {p['label']:<{width}}  {p['class']:<16} {p['degree']:>5}  {p['pagerank']:.4f}"
                  for i, p in enumerate(stats["key_players"], 1)]
    if stats["communities"]:
        lines += ["", "communities:"]
        for com in stats["communities"][:10]:
            names = [m["label"] for m in com["members"]]
            more = f", … {len(names) - 8} more" if len(names) > 8 else ""
            lines.append(f"  {com['id'] + 1:>2}. ({com['size']}) {', '.join(names[:8])}{more}")
        if len(stats["communities"]) > 10:
            lines.append(f"  … {len(stats['communities']) - 10} more communities (see --json)")
    return "\n".join(lines)


@main.command("stats")
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the full statistics as JSON (as in stats.json).")
def stats_cmd(graph: Path, as_json: bool) -> None:
    """Print counts, key players and communities of the graph in GRAPH (Turtle).

    \b
    Example:
        kg stats output/graph.ttl
        kg stats output/graph.ttl --json > stats.json
    """
    import json

    from kg.analyse import analyse
    from kg.views.model import load_model_for_command

    from kg.sparql.query import printable

    stats = analyse(load_model_for_command(graph))
    # Labels come from articles: no control character of theirs reaches the terminal.
    click.echo(printable(json.dumps(stats, indent=2, sort_keys=True, ensure_ascii=False) if as_json
                         else _stats_summary(stats)))


@main.command("render")
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out", type=click.Path(path_type=Path), default=Path("graph.html"),
              show_default=True, help="HTML file to write; it opens offline from file://.")
@click.option("--focus", default=None, help="Label or alias of an entity: show only its neighbourhood.")
@click.option("--depth", default=2, show_default=True, help="With --focus: how many links away to go.")
@click.option("--class", "classes", default=None,
              help="Comma-separated classes to keep, e.g. Person,Organization (superclasses count).")
@click.option("--min-degree", default=0, show_default=True, help="Drop entities with fewer neighbours.")
@click.option("--max-nodes", default=2000, show_default=True,
              help="Beyond this many entities keep the most important by PageRank.")
@click.option("--title", default=None, help="Page title.")
def render_cmd(graph: Path, out: Path, focus: str | None, depth: int, classes: str | None, min_degree: int,
               max_nodes: int, title: str | None) -> None:
    """Write the interactive view of the graph in GRAPH (Turtle or N-Triples) to an HTML page.

    \b
    Example:
        kg render output/graph.ttl -o healey.html --focus "John Healey" --depth 1
        kg render output/graph.ttl -o people.html --class Person,Organization --min-degree 2
    """
    from kg.views.model import load_model_for_command
    from kg.views.render import DEFAULT_TITLE, render_html

    if out.is_dir():
        raise OutputError(f"cannot write {out}: it is a folder; give the page a file name ({out / 'graph.html'})")
    wanted = {c.strip() for c in classes.split(",") if c.strip()} if classes else None
    path = render_html(load_model_for_command(graph), out, focus=focus, depth=depth, classes=wanted,
                       min_degree=min_degree, max_nodes=max_nodes, title=title or DEFAULT_TITLE)
    click.echo(f"wrote {path}")


@main.command("report")
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("output"), show_default=True,
              help="Folder for report.html, report.md, graph.svg, graph.png and graph.html.")
def report_cmd(graph: Path, out_dir: Path) -> None:
    """Write a corpus report (HTML and Markdown) with pictures of the graph in GRAPH (Turtle or N-Triples).

    \b
    Example:
        kg report output/graph.ttl --out output/
    writes output/report.html (self-contained) and output/report.md.
    """
    from kg.views.model import load_model_for_command
    from kg.views.report import write_report

    html_path, md_path = write_report(load_model_for_command(graph), out_dir)
    click.echo(f"wrote {html_path} and {md_path}")


if __name__ == "__main__":
    main()
