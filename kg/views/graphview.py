"""Reads the Turtle graph (docs/graph-shape.md) into the networkx views that stats, render, report share."""
from __future__ import annotations

import os
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV
from rdflib.namespace import SDO as SCHEMA
from rdflib.plugins.parsers.notation3 import BadSyntax

from kg.errors import InputError
from kg.ontology import KG

DOC = Namespace("https://w3id.org/newskg/document/")

# The tops of the entity hierarchy; a class counts as an entity class when one of these is among
# its (transitive) superclasses in the graph, or is the class itself.
ENTITY_ROOTS = frozenset(KG[n] for n in ("Entity", "Agent", "Person", "Organization", "Place", "Weapon",
                                         "Event", "Document", "Product", "Group"))
# Documents, comments and quantities are typed but are not actors: they never become nodes.
NON_ENTITY_CLASSES = frozenset(KG[n] for n in ("Article", "Comment", "Quantity", "MonetaryAmount"))
# When a graph carries no ontology, classes are recognised by local name.
# The list mirrors ontology/kg.ttl; tests/test_analyse.py checks the two agree.
KNOWN_ENTITY_NAMES = frozenset({
    "Entity", "Agent", "Person", "Organization", "Government", "GovernmentBody", "ArmedForce", "MilitaryUnit",
    "Alliance", "MilitaryAlliance", "Coalition", "InternationalOrganization", "NewsOrganization",
    "PoliticalParty", "Company", "TradeUnion", "Agency", "SpaceAgency", "Court", "NGO", "Group", "University",
    "ResearchInstitute", "Foundation", "SportsTeam", "Regulator",
    "Place", "Country", "City", "Region", "Continent", "Facility", "PowerPlant", "Location",
    "CelestialBody", "Star", "Planet", "Moon", "Asteroid", "Comet",
    "Product", "Weapon", "Drone", "Missile", "Aircraft", "Ship", "Tank", "Vehicle", "Vessel", "Rocket",
    "Spacecraft", "Satellite", "Drug",
    "Disease", "Award", "CreativeWork",
    "Event", "Competition", "Election", "Outbreak", "LegalCase", "Meeting", "Conference", "Attack", "Document", "Agreement", "Declaration", "Law", "Treaty",
})
# Bookkeeping and vocabulary predicates: never a relation between two actors.
_SKIPPED_NAMESPACES = (str(RDF), str(RDFS), str(OWL), str(SKOS))
_SKIPPED_PREDICATES = frozenset({KG.mentionedIn})
HEDGED_MODALITIES = frozenset({"planned", "hypothetical", "reported"})


def load_graph(path: Path) -> Graph:
    """Parse a Turtle file (graph.ttl); a missing or malformed file raises InputError."""
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


def local_name(iri: str) -> str:
    """The part of an IRI after its last '#' or '/'."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1] if ("#" in iri or "/" in iri) else iri


def short_id(iri: str) -> str:
    """A document IRI as the id the corpus uses (`doc:000-2` -> `000-2`); other IRIs by local name."""
    return iri[len(str(DOC)):] if iri.startswith(str(DOC)) else local_name(iri)


def _superclasses(g: Graph) -> dict[URIRef, set[URIRef]]:
    """Every class with the transitive closure of its declared superclasses (itself included)."""
    direct: dict[URIRef, set[URIRef]] = defaultdict(set)
    for sub, sup in g.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            direct[sub].add(sup)
    closure: dict[URIRef, set[URIRef]] = {}
    for cls in list(direct):
        seen, stack = {cls}, [cls]
        while stack:  # iterative, so a cyclic ontology cannot recurse forever
            for sup in direct.get(stack.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    stack.append(sup)
        closure[cls] = seen
    return closure


def entity_classes(g: Graph) -> dict[URIRef, list[str]]:
    """Each entity class used in `g`, mapped to its own and its superclasses' local names (own first)."""
    closure = _superclasses(g)
    result: dict[URIRef, list[str]] = {}
    for cls in sorted(set(g.objects(None, RDF.type)), key=str):
        if not isinstance(cls, URIRef):
            continue
        ancestors = closure.get(cls, {cls})
        if ancestors & NON_ENTITY_CLASSES:
            continue
        declared = cls in closure
        if ancestors & ENTITY_ROOTS or (not declared and local_name(str(cls)) in KNOWN_ENTITY_NAMES):
            supers = sorted(local_name(str(c)) for c in ancestors - {cls})
            result[cls] = [local_name(str(cls)), *supers]
    return result


def _most_specific(types: list[URIRef], classes: dict[URIRef, list[str]]) -> URIRef:
    # the class with the longest ancestry is the most specific; the IRI breaks ties so it is stable
    return max(types, key=lambda c: (len(classes[c]), str(c)))


def _label(g: Graph, node: URIRef) -> str:
    labels = sorted(str(o) for o in g.objects(node, RDFS.label) if isinstance(o, Literal))
    return labels[0] if labels else local_name(str(node)).replace("-", " ")


def property_label(g: Graph, prop: URIRef) -> str:
    """The rdfs:label of a property when the graph declares one, else its local name."""
    labels = sorted(str(o) for o in g.objects(prop, RDFS.label) if isinstance(o, Literal))
    return labels[0] if labels else local_name(str(prop))


# Graphs inside `reuse` blocks (by id) -> their views computed so far.
_REUSED: dict[int, dict[str, object]] = {}


@contextmanager
def reuse(g: Graph) -> Iterator[None]:
    """Within the block, `statements(g)` and `entity_graph(g)` are computed once and shared.

    For callers that read `g` and the views without changing them, such as a build writing
    stats.json, graph.html and the report from one graph.
    """
    _REUSED[id(g)] = {}
    try:
        yield
    finally:
        del _REUSED[id(g)]


def _reused(g: Graph, name: str, compute: Callable[[Graph], object]):
    views = _REUSED.get(id(g))
    if views is None:
        return compute(g)
    if name not in views:
        views[name] = compute(g)
    return views[name]


def statements(g: Graph) -> list[dict]:
    """Every reified statement of `g` as a dict (subject, predicate, object IRIs, doc, sentence,
    start, modality, stated_by, confidence, rule), sorted by document, offset and sentence."""
    return _reused(g, "statements", _read_statements)


def _read_statements(g: Graph) -> list[dict]:
    result = []
    for st in g.subjects(RDF.type, RDF.Statement):
        # one look-up per statement; the first value of each property, as Graph.value gives it
        values: dict[URIRef, list] = defaultdict(list)
        for p, o in g.predicate_objects(st):
            values[p].append(o)
        first = {p: objects[0] for p, objects in values.items()}
        s, p, o = first.get(RDF.subject), first.get(RDF.predicate), first.get(RDF.object)
        if s is None or p is None or o is None:
            continue
        source = first.get(PROV.wasDerivedFrom)
        modality = first.get(KG.modality)
        start = first.get(KG.charStart)
        result.append({
            "subject": str(s), "predicate": str(p), "object": str(o),
            "doc": short_id(str(source)) if source is not None else "",
            "sentence": str(first.get(KG.sentence) or ""),
            "start": int(start) if start is not None else -1,
            "modality": str(modality) if modality is not None else "asserted",
            "stated_by": sorted(str(x) for x in values.get(KG.statedBy, ())),
            "confidence": float(first.get(KG.confidence) or 0.0),
            "rule": str(first.get(KG.rule) or ""),
        })
    return sorted(result, key=lambda d: (d["doc"], d["start"], d["sentence"], d["subject"], d["predicate"],
                                         d["object"]))


def _statements(g: Graph) -> dict[tuple[str, str, str], list[dict]]:
    """The reified statements of `g`, grouped by the (subject, predicate, object) they state."""
    grouped: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for st in statements(g):
        grouped[(st["subject"], st["predicate"], st["object"])].append(st)
    for group in grouped.values():
        group.sort(key=lambda d: (d["doc"], d["sentence"]))
    return grouped


def _edge_modality(statements: list[dict]) -> str:
    # a fact the text asserts anywhere outweighs the same fact planned or reported elsewhere
    modalities = {d["modality"] for d in statements}
    if not statements or "asserted" in modalities:
        return "asserted"
    return sorted(modalities)[0]


def entity_graph(g: Graph) -> nx.MultiDiGraph:
    """The entities of `g` as nodes and the relations between them as edges keyed by predicate IRI.

    Node attributes: ``label``, ``cls`` (local name of the most specific class), ``classes`` (that
    class and its superclasses), ``aliases``, ``documents``. Edge attributes: ``predicate`` (IRI),
    ``label``, ``sentences`` [(doc, sentence)], ``modality``, ``stated_by`` (entity IRIs), ``hedged``
    (true when no statement asserts the fact in the paper's own voice) and ``confidence``.

    Examples
    --------
    >>> from rdflib import Graph
    >>> entity_graph(Graph()).number_of_nodes()
    0
    """
    return _reused(g, "entity_graph", _build_entity_graph)


def _build_entity_graph(g: Graph) -> nx.MultiDiGraph:
    classes = entity_classes(g)
    graph = nx.MultiDiGraph()
    types: dict[URIRef, list[URIRef]] = defaultdict(list)
    for cls in classes:
        for node in g.subjects(RDF.type, cls):
            if isinstance(node, URIRef):
                types[node].append(cls)
    for node in sorted(types, key=str):
        cls = _most_specific(types[node], classes)
        graph.add_node(
            str(node),
            label=_label(g, node),
            cls=classes[cls][0],
            classes=sorted({name for c in types[node] for name in classes[c]}),
            aliases=sorted({str(a) for a in g.objects(node, SKOS.altLabel)}),
            documents=sorted({short_id(str(d)) for d in g.objects(node, KG.mentionedIn)}),
        )
    statements = _statements(g)
    labels: dict[str, str] = {}
    triples = []
    for s, p, o in g:
        if str(s) in graph and str(o) in graph and isinstance(o, URIRef) and p not in _SKIPPED_PREDICATES \
                and not str(p).startswith(_SKIPPED_NAMESPACES):
            triples.append((str(s), str(p), str(o)))
    for s, p, o in sorted(triples):
        if p not in labels:
            labels[p] = property_label(g, URIRef(p))
        found = statements.get((s, p, o), [])
        graph.add_edge(
            s, o, key=p,
            predicate=p,
            label=labels[p],
            sentences=[(d["doc"], d["sentence"]) for d in found],
            modality=_edge_modality(found),
            stated_by=sorted({x for d in found for x in d["stated_by"]}),
            hedged=bool(found) and all(d["modality"] != "asserted" or d["stated_by"] for d in found),
            confidence=max((d["confidence"] for d in found), default=0.0),
        )
    return graph


def simple_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """The undirected projection of `graph`, one edge per linked pair, weighted by its number of relations."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    for u, v in sorted((u, v) for u, v, _ in graph.edges(keys=True)):
        if u == v:
            continue  # a self-relation says nothing about who is central
        if simple.has_edge(u, v):
            simple[u][v]["weight"] += 1
        else:
            simple.add_edge(u, v, weight=1)
    return simple


def documents(g: Graph) -> list[dict]:
    """The articles of `g` with their id, title, date, publisher, url and author names, sorted by id."""
    result = []
    for d in set(g.subjects(RDF.type, KG.Article)):
        authors = []
        for a in g.objects(d, SCHEMA.author):
            authors.append(_label(g, a) if isinstance(a, URIRef) else str(a))
        url = g.value(d, SCHEMA.url)
        result.append({
            "id": short_id(str(d)),
            "iri": str(d),
            "title": str(g.value(d, DCTERMS.title) or ""),
            "date": str(g.value(d, DCTERMS.date) or ""),
            "publisher": str(g.value(d, DCTERMS.publisher) or ""),
            "url": str(url) if url is not None else "",
            "authors": sorted(authors),
        })
    return sorted(result, key=lambda d: d["id"])


def write_atomic(path: Path, data: str | bytes) -> Path:
    """Write `data` to `path` through a temporary file and os.replace, so readers never see half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o644)  # mkstemp's 0600 would make a served page unreadable to others
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException:
        # leave no stray temporary file behind, whatever stopped the write; the error still propagates
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
