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


if __name__ == "__main__":
    main()
