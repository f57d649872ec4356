"""The RDF formats a build writes, in one registry: Turtle, N-Triples, JSON-LD and TriG (one named
graph per document), each the same bytes for the same graph, written atomically."""
from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import rdflib
from rdflib import RDF, Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import PROV
from rdflib.plugins.serializers.trig import TrigSerializer

from kg.run.atomic import atomic_write_bytes
from kg.errors import InputError
from kg.ontology import KG
from kg.rdf.turtle import turtle


@dataclass(frozen=True)
class RDFFormat:
    """One serialisation: its name on the command line, file extension, media type and writer."""

    name: str
    extension: str
    media_type: str
    serialize: Callable[[Graph], bytes]

    def path(self, out_dir: Path, stem: str = "graph") -> Path:
        """Where a graph called `stem` goes in `out_dir`: `graph.ttl`, `low-confidence.ttl`, ..."""
        return Path(out_dir) / f"{stem}{self.extension}"


def rdf_format(name: str) -> RDFFormat:
    """The registered format called `name`; an unknown one is an InputError naming the choices."""
    try:
        return FORMATS[name]
    except KeyError:
        raise InputError(f"unknown RDF format {name}; choose from {', '.join(FORMATS)}") from None


def serialize(g: Graph, name: str) -> bytes:
    """g in the format called `name`, as it is: the build's own graphs need no `write_formats` copy."""
    return rdf_format(name).serialize(g)


def write_formats(g: Graph, out_dir: Path, formats: Iterable[str]) -> dict[str, Path]:
    """Write g into out_dir once per format asked for (see `FORMATS`); return the paths written.

    A Dataset is flattened first: the files hold its triples, and TriG regroups them by document.
    Blank nodes are relabelled canonically and triples copied in sorted order first, so a graph read
    from anywhere gives the same bytes. Each file is written to a temporary file beside it and
    renamed, so readers never see half of one.
    """
    wanted = list(dict.fromkeys(formats))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise InputError(f"unknown RDF format {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    graph = _stable(_flatten(g))
    written = {}
    for name in wanted:
        fmt = FORMATS[name]
        atomic_write_bytes(fmt.path(out_dir), fmt.serialize(graph))
        written[name] = fmt.path(out_dir)
    return written


def _flatten(g: Graph) -> Graph:
    if not isinstance(g, rdflib.Dataset | rdflib.ConjunctiveGraph):
        return g
    flat = Graph()
    for prefix, namespace in g.namespaces():
        flat.bind(prefix, namespace, override=True)
    for s, p, o, _ctx in g.quads((None, None, None, None)):
        flat.add((s, p, o))
    return flat


def _stable(g: Graph) -> Graph:
    # Blank nodes get canonical labels and triples go in sorted, so the same graph always
    # serialises to the same bytes whatever order it was built in.
    source = to_canonical_graph(g) if _has_bnodes(g) else g
    stable = Graph()
    for prefix, namespace in g.namespaces():
        stable.bind(prefix, namespace, override=True)
    for triple in sorted(source):
        stable.add(triple)
    return stable


def _has_bnodes(g: Graph) -> bool:
    return any(isinstance(t, rdflib.BNode) for triple in g for t in triple)


def ntriples(g: Graph) -> bytes:
    """N-Triples with one triple a line, lines sorted: diffable and byte-for-byte deterministic."""
    text = g.serialize(format="nt", encoding="utf-8").decode("utf-8")
    # "\n" only: str.splitlines also breaks at \x1c-\x1e, \x85, U+2028..., which literals hold raw.
    lines = sorted({line for line in text.split("\n") if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def jsonld(g: Graph) -> bytes:
    """JSON-LD compacted with the graph's own prefixes as its @context, nodes in @id order.

    rdflib lists the nodes in the order of a set of subjects, which changes from run to run
    (string hashing is salted per process), so they are sorted here.
    """
    # rdflib binds thirty-odd vocabularies to every graph: the @context names those the graph uses
    iris = _iris(g)
    context = {prefix: str(ns) for prefix, ns in sorted(g.namespaces())
               if prefix and any(iri.startswith(str(ns)) for iri in iris)}
    document = json.loads(g.serialize(format="json-ld", context=context, indent=2, encoding="utf-8"))
    if isinstance(document, dict) and isinstance(document.get("@graph"), list):
        document["@graph"].sort(key=lambda node: json.dumps(node.get("@id"), sort_keys=True))
    # the layout rdflib writes (json.dumps with its default options)
    return json.dumps(document, indent=2, separators=(",", ": "), sort_keys=True, ensure_ascii=False).encode("utf-8")


def _iris(g: Graph) -> set[str]:
    """Every IRI in g, datatypes included."""
    terms = {str(t) for triple in g for t in triple if isinstance(t, URIRef)}
    return terms | {str(o.datatype) for o in g.objects() if isinstance(o, rdflib.Literal) and o.datatype}


class SortedTrigSerializer(TrigSerializer):
    """rdflib's TriG writer with the named graphs in IRI order and the default graph last.

    rdflib writes them in the order of the store's set of graphs, which changes from run to run.
    """

    def __init__(self, store: Graph):
        super().__init__(store)
        self.contexts.sort(key=lambda c: (c.identifier == self.default_context, str(c.identifier)))


def trig(g: Graph) -> bytes:
    """TriG with one named graph per article (named by the article's IRI) and the rest in the default graph."""
    stream = io.BytesIO()
    SortedTrigSerializer(by_document(g)).serialize(stream, encoding="utf-8")
    return stream.getvalue()


def by_document(g: Graph) -> rdflib.Dataset:
    """Split g by source: each article's graph holds its description, its comments, the statements
    derived from it and the relation triples they state; everything else (ontology, entity
    descriptions, statements without a source) stays in the default graph. A fact stated in two
    articles is in both their graphs, so the union of the graphs is g again.
    """
    dataset = rdflib.Dataset()
    for prefix, namespace in g.namespaces():
        dataset.bind(prefix, namespace, override=True)
    placed: dict[tuple, set[URIRef]] = {}

    def place(triple: tuple, document: URIRef) -> None:
        if triple in g:
            placed.setdefault(triple, set()).add(document)

    articles = sorted(a for a in g.subjects(RDF.type, KG.Article) if isinstance(a, URIRef))
    for article in articles:
        for triple in g.triples((article, None, None)):
            place(triple, article)
        for comment in g.subjects(KG.commentOn, article):
            for triple in g.triples((comment, None, None)):
                place(triple, article)
    for statement in g.subjects(RDF.type, RDF.Statement):
        sources = [d for d in g.objects(statement, PROV.wasDerivedFrom) if isinstance(d, URIRef)]
        stated = (g.value(statement, RDF.subject), g.value(statement, RDF.predicate), g.value(statement, RDF.object))
        for source in sources:
            for triple in g.triples((statement, None, None)):
                place(triple, source)
            if None not in stated:
                place(stated, source)
    for article in articles:
        dataset.graph(article)  # an article with no statements still gets its (described) graph
    default = dataset.graph(DATASET_DEFAULT_GRAPH_ID)
    for triple in sorted(g):
        documents = placed.get(triple)
        if not documents:
            default.add(triple)
            continue
        for document in sorted(documents):
            dataset.graph(document).add(triple)
    return dataset


# Every format the build and the CLI know, in the order `--format` lists them.
FORMATS: dict[str, RDFFormat] = {f.name: f for f in (
    RDFFormat("nt", ".nt", "application/n-triples", ntriples),
    RDFFormat("jsonld", ".jsonld", "application/ld+json", jsonld),
    RDFFormat("trig", ".trig", "application/trig", trig),
    RDFFormat("ttl", ".ttl", "text/turtle", turtle),
)}
