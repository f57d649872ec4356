"""The ontology as an RDF graph (ontology/kg.ttl and its alignment), parsed once per folder and shared.

The RDF stage copies it into every build's graph, `kg.sparql.validate` derives shapes from it and
mixes it into the data it checks, `kg.ontology.load_ontology` reads the typed `Ontology` of
extraction from it and `kg.ontology.vocabulary` its closed namespace: all take it from `load_ontology_graph`,
so a build parses kg.ttl once.
"""
from __future__ import annotations

import functools
from pathlib import Path

from rdflib import Graph

from kg.errors import OntologyError

ONTOLOGY_FILE = "kg.ttl"
# Read with kg.ttl when present: statements about kg: terms in other vocabularies (schema.org, Wikidata).
ALIGNMENT_FILES = ("alignment.ttl",)


def load_ontology_graph(ontology_dir: Path) -> Graph:
    """kg.ttl and alignment.ttl of `ontology_dir` in one graph; a missing or broken kg.ttl is an OntologyError.

    The graph is cached per folder until one of its files changes, and shared by every caller:
    read it, copy from it, never add to it.
    """
    folder = Path(ontology_dir).resolve()
    files = (folder / ONTOLOGY_FILE, *(folder / name for name in ALIGNMENT_FILES))
    return _parse_cached(files, tuple(_stamp(path) for path in files))


def _stamp(path: Path) -> tuple[int, int] | None:
    """What tells an edited file from the one cached: its modification time and size (None if absent)."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


@functools.lru_cache(maxsize=8)
def _parse_cached(files: tuple[Path, ...], stamps: tuple[tuple[int, int] | None, ...]) -> Graph:
    ontology, *extra = files
    if stamps[0] is None or not ontology.is_file():
        raise OntologyError(f"file not found: {ontology}")
    graph = Graph()
    for k, (path, stamp) in enumerate(zip(files, stamps)):
        if k == 0 or stamp is not None:  # kg.ttl always; an alignment file only when there is one
            _parse_into(graph, path)
    return graph


def _parse_into(graph: Graph, path: Path) -> None:
    try:
        graph.parse(path, format="turtle")
    except (SyntaxError, ValueError, OSError) as err:
        raise OntologyError(f"cannot parse {path}: {str(err).splitlines()[0]}") from err
