"""rdflib-facing helpers over the view model: load a Turtle file, and the entity graph of an rdflib Graph.

The model itself (`kg.views.model.ViewModel`) is built once and passed around; these functions
build it afresh for callers that hold only an rdflib Graph.
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax

from kg.errors import InputError
from kg.ontology import KG  # noqa: F401  (re-exported)
from kg.views.model import (  # noqa: F401  (re-exported: the names callers used before the model)
    HEDGED_MODALITIES, KNOWN_ENTITY_NAMES, Lit, ViewModel, as_model, classify, from_graph, load_model,
    local_name, short_id, simple_graph,
)

DOC = Namespace("https://w3id.org/newskg/document/")


def load_graph(path: Path) -> Graph:
    """Parse a Turtle file (graph.ttl) into rdflib; a missing or malformed file raises InputError."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file (expected a Turtle graph such as output/graph.ttl)")
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except BadSyntax as err:
        # BadSyntax's own message spans several lines and quotes the raw bytes; keep one line
        why = getattr(err, "_why", "syntax error")
        raise InputError(f"{path}: not valid Turtle at line {err.lines + 1}: {why}") from err
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot read: {err}") from err
    return g


def entity_classes(g: Graph) -> dict[URIRef, list[str]]:
    """Each entity class used in `g`, mapped to its own and its superclasses' local names (own first)."""
    direct: dict[str, set[str]] = {}
    for sub, sup in g.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            direct.setdefault(str(sub), set()).add(str(sup))
    used = {str(c) for c in g.objects(None, RDF.type) if isinstance(c, URIRef)}
    return {URIRef(c): names for c, names in classify(used, direct).items()}


def property_label(g: Graph, prop: URIRef) -> str:
    """The rdfs:label of a property when the graph declares one, else its local name."""
    labels = sorted(str(o) for o in g.objects(prop, RDFS.label) if isinstance(o, Literal))
    return labels[0] if labels else local_name(str(prop))


def entity_graph(g: Graph | ViewModel) -> nx.MultiDiGraph:
    """The entities of `g` as nodes and the relations between them as edges keyed by predicate IRI.

    Node attributes: ``label``, ``cls`` (local name of the most specific class), ``classes`` (that
    class and its superclasses), ``aliases``, ``roles``, ``wikidata``, ``documents``. Edge
    attributes: ``predicate`` (IRI), ``label``, ``statements`` (kg.views.model.Statement),
    ``sentences`` [(doc, sentence)], ``modality``, ``stated_by`` (entity IRIs), ``hedged`` (true
    when no statement asserts the fact in the paper's own voice) and ``confidence``.

    Examples
    --------
    >>> from rdflib import Graph
    >>> entity_graph(Graph()).number_of_nodes()
    0
    """
    return as_model(g).graph


def statements(g: Graph | ViewModel) -> list[dict]:
    """Every reified statement of `g` as a dict, sorted by document, offset and sentence."""
    return [st.as_dict() for st in as_model(g).statements]


def documents(g: Graph | ViewModel) -> list[dict]:
    """The articles of `g` with their id, title, date, publisher, url and author names, sorted by id."""
    return [d.as_dict() for d in as_model(g).documents.values() if d.kind == "article"]


def write_atomic(path: Path, data: str | bytes) -> Path:
    """Write `data` to `path` with the package's one atomic writer (`kg.run.atomic`): readers never
    see half a file, the mode is the umask's (0644 usually), and a folder problem is an OutputError."""
    from kg.run.atomic import atomic_write_bytes

    atomic_write_bytes(Path(path), data.encode("utf-8") if isinstance(data, str) else data)
    return Path(path)
