"""The `kg` command line: one subcommand per stage, each a thin layer over a library call."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.config import DEFAULT_MODEL, Settings
from kg.errors import KGError


class KGGroup(click.Group):
    """Turns the package's own errors into one-line messages with their exit status."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except KGError as err:
            click.echo(f"kg: error: {err}", err=True)
            sys.exit(err.exit_code)
        except KeyboardInterrupt:
            click.echo("kg: interrupted; previous output left as it was", err=True)
            sys.exit(130)


@click.group(cls=KGGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newskg")
def main() -> None:
    """Build a knowledge graph from a folder of news articles, then query, analyse and view it."""


@main.command()
@click.argument("corpus", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("output"), show_default=True,
              help="Folder for graph.ttl, stats.json, graph.html and the rest.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="Name of an installed spaCy model.")
@click.option("--format", "formats", multiple=True, type=click.Choice(["ttl", "nt", "jsonld", "trig"]),
              help="Extra RDF serialisations to write beside graph.ttl (repeatable).")
@click.option("--jobs", default=1, show_default=True, help="Processes for parsing.")
@click.option("--min-confidence", default=0.5, show_default=True,
              help="Relations below this go to low-confidence.ttl instead of graph.ttl.")
@click.option("--no-view", is_flag=True, help="Skip stats.json and graph.html.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def build(corpus: Path, out_dir: Path, model: str, formats: tuple[str, ...], jobs: int,
          min_confidence: float, no_view: bool, quiet: bool) -> None:
    """Build every artefact from the articles in CORPUS.

    \b
    Example:
        kg build corpus/ --out output/
    writes output/graph.ttl, output/stats.json and output/graph.html.
    """
    from kg.pipeline import build_corpus

    settings = Settings(model=model, jobs=jobs, min_confidence=min_confidence,
                        formats=("ttl", *formats), progress=not quiet)
    summary = build_corpus(corpus, out_dir, settings, with_views=not no_view)
    click.echo(summary.describe())
    if summary.skipped:
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
    from kg.validate import format_report, validate_file

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
def query_cmd(graph: Path, query_or_file: str, fmt: str, store: str) -> None:
    """Run a SPARQL query over GRAPH: a .rq file, the name of one in queries/, or the query text.

    \b
    Example:
        kg query output/graph.ttl offices
        kg query output/graph.ttl 'SELECT ?s WHERE { ?s a kg:Person }' --format csv
    """
    from kg.query import format_result, resolve_query, run_query

    result = run_query(graph, resolve_query(query_or_file), store=store)
    click.echo(format_result(result, fmt), nl=False)


@main.command("serve")
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--port", default=7878, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
def serve_cmd(graph: Path, port: int, host: str) -> None:
    """Serve GRAPH as a read-only SPARQL 1.1 endpoint until Ctrl-C.

    \b
    Example:
        kg serve output/graph.ttl --port 7878
    then query http://127.0.0.1:7878/query (GET or POST, results as SPARQL JSON).
    """
    from kg.serve import endpoint_url, serve

    click.echo(f"SPARQL endpoint (read-only): {endpoint_url(host, port)}  -- Ctrl-C to stop", err=True)
    sys.exit(serve(graph, host=host, port=port))


if __name__ == "__main__":
    main()
