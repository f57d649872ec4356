"""The view model: entities, relations, statements, documents and measures, built once per graph.

Analysis, the interactive page, the report and the static figure all read one `ViewModel`; it is
built from an rdflib Graph, or straight from a Turtle / N-Triples file with pyoxigraph's parser
(a million triples in seconds, without an rdflib Graph in memory).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import networkx as nx
from rdflib import BNode, Graph, Literal

from kg.errors import InputError
from kg.views.communities import communities
from kg.ontology.vocabulary import Cls

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
OWL_NS = "http://www.w3.org/2002/07/owl#"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
KG_NS = "https://w3id.org/newskg/ontology#"
DOC_NS = "https://w3id.org/newskg/document/"
DCT = "http://purl.org/dc/terms/"
SDO = "https://schema.org/"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
RDF_TYPE, RDF_STATEMENT = RDF_NS + "type", RDF_NS + "Statement"
SUBCLASS, LABEL, ALT_LABEL, SAME_AS = RDFS_NS + "subClassOf", RDFS_NS + "label", SKOS_NS + "altLabel", \
    OWL_NS + "sameAs"
MENTIONED_IN, ROLE = KG_NS + "mentionedIn", KG_NS + "role"
WIKIDATA = "http://www.wikidata.org/entity/"

# The tops of the entity hierarchy; a class counts as an entity class when one of these is among
# its (transitive) superclasses in the graph, or is the class itself.
ENTITY_ROOTS = frozenset(KG_NS + n for n in (Cls.Entity, Cls.Agent, Cls.Person, Cls.Organization, Cls.Place, Cls.Weapon,
                                             Cls.Event, Cls.Document, Cls.Product, "Group"))
# Documents, comments and quantities are typed but are not actors: they never become nodes.
NON_ENTITY_CLASSES = frozenset(KG_NS + n for n in (Cls.Article, Cls.Comment, Cls.Quantity, Cls.MonetaryAmount))
# When a graph carries no ontology, classes are recognised by local name.
# The list mirrors ontology/kg.ttl; tests/test_analyse.py checks the two agree.
KNOWN_ENTITY_NAMES = frozenset({
    Cls.Entity, Cls.Agent, Cls.Person, Cls.Organization, Cls.Government, "GovernmentBody", Cls.ArmedForce, Cls.MilitaryUnit,
    Cls.Alliance, "MilitaryAlliance", Cls.Coalition, Cls.InternationalOrganization, Cls.NewsOrganization,
    Cls.PoliticalParty, Cls.Company, Cls.TradeUnion, "Agency", Cls.SpaceAgency, Cls.Court, "NGO", "Group", Cls.University,
    Cls.ResearchInstitute, Cls.Foundation, Cls.SportsTeam, Cls.Regulator,
    Cls.Place, Cls.Country, Cls.City, Cls.Region, Cls.Continent, Cls.Facility, Cls.PowerPlant, "Location",
    Cls.CelestialBody, Cls.Star, Cls.Planet, Cls.Moon, Cls.Asteroid, Cls.Comet,
    Cls.Product, Cls.Weapon, Cls.Drone, Cls.Missile, "Aircraft", "Ship", "Tank", "Vehicle", Cls.Vessel, Cls.Rocket,
    Cls.Spacecraft, Cls.Satellite, Cls.Drug,
    Cls.Disease, Cls.Award, Cls.CreativeWork,
    Cls.Event, Cls.Competition, Cls.Election, Cls.Outbreak, Cls.LegalCase, Cls.Meeting, Cls.Conference, Cls.Attack,
    Cls.Document, Cls.Agreement, Cls.Declaration, Cls.Law, "Treaty",
})
# Bookkeeping and vocabulary predicates: never a relation between two actors.
_SKIPPED_NAMESPACES = (RDF_NS, RDFS_NS, OWL_NS, SKOS_NS)
# The properties of statements and documents the model keeps (everything else is a candidate relation).
_STATEMENT_PROPS = {RDF_NS + "subject": "subject", RDF_NS + "predicate": "predicate",
                    RDF_NS + "object": "object",
                    PROV_DERIVED: "source", KG_NS + "sentence": "sentence", KG_NS + "charStart": "start",
                    KG_NS + "modality": "modality", KG_NS + "statedBy": "stated_by",
                    KG_NS + "confidence": "confidence", KG_NS + "rule": "rule"}
_DOCUMENT_PROPS = {DCT + "title": "title", DCT + "date": "date", DCT + "publisher": "publisher",
                   SDO + "url": "url", SDO + "author": "author"}
MODALITIES = ("asserted", "planned", "hypothetical", "reported")
HEDGED_MODALITIES = frozenset({"planned", "hypothetical", "reported"})
_TIE_ORDER = ("planned", "reported", "hypothetical")  # a link's modality on a tie: the firmer reading first
SEED = 42


class Lit(str):
    """A literal's lexical form; IRIs are plain str, blank nodes '_:id'."""


@dataclass(frozen=True)
class Statement:
    """One sentence's support for one relation (an rdf:Statement of graph.ttl)."""

    subject: str
    predicate: str
    object: str
    doc: str
    sentence: str
    start: int
    modality: str
    stated_by: tuple[str, ...]
    confidence: float
    rule: str

    def as_dict(self) -> dict:
        return {"subject": self.subject, "predicate": self.predicate, "object": self.object, "doc": self.doc,
                "sentence": self.sentence, "start": self.start, "modality": self.modality,
                "stated_by": list(self.stated_by), "confidence": self.confidence, "rule": self.rule}


@dataclass(frozen=True)
class Document:
    """An article or a reader comment, with what a reader needs to find the source."""

    id: str
    iri: str
    title: str
    date: str
    publisher: str
    url: str
    authors: tuple[str, ...]
    kind: str  # "article" or "comment"

    def as_dict(self) -> dict:
        return {"id": self.id, "iri": self.iri, "title": self.title, "date": self.date,
                "publisher": self.publisher, "url": self.url, "authors": list(self.authors)}


def local_name(iri: str) -> str:
    """The part of an IRI after its last '#' or '/'."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1] if ("#" in iri or "/" in iri) else iri


def short_id(iri: str) -> str:
    """A document IRI as the id the corpus uses (`doc:000-2` -> `000-2`); other IRIs by local name."""
    return iri[len(DOC_NS):] if iri.startswith(DOC_NS) else local_name(iri)


def class_closure(direct: dict[str, set[str]]) -> dict[str, set[str]]:
    """Every class with the transitive closure of its declared superclasses (itself included)."""
    closure: dict[str, set[str]] = {}
    for cls in sorted(direct):
        seen, stack = {cls}, [cls]
        while stack:  # iterative, so a cyclic ontology cannot recurse forever
            for sup in sorted(direct.get(stack.pop(), ())):
                if sup not in seen:
                    seen.add(sup)
                    stack.append(sup)
        closure[cls] = seen
    return closure


def classify(used: Iterable[str], direct: dict[str, set[str]]) -> dict[str, list[str]]:
    """Each entity class among `used`, mapped to its own and its superclasses' local names (own first)."""
    closure = class_closure(direct)
    result: dict[str, list[str]] = {}
    for cls in sorted(set(used)):
        if cls.startswith("_:") or isinstance(cls, Lit):
            continue
        ancestors = closure.get(cls, {cls})
        if ancestors & NON_ENTITY_CLASSES:
            continue
        declared = cls in closure
        if ancestors & ENTITY_ROOTS or (not declared and local_name(cls) in KNOWN_ENTITY_NAMES):
            result[cls] = [local_name(cls), *sorted(local_name(c) for c in ancestors - {cls})]
    return result


@dataclass
class _Triples:
    """The triples the model needs, sorted into buckets as they stream past."""

    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    supers: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    labels: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    aliases: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    roles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    same_as: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    mentions: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    props: dict[str, dict[str, list]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    links: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, s: str, p: str, o: str) -> None:
        if p == RDF_TYPE:
            self.types[s].add(o)
        elif p in _STATEMENT_PROPS:
            self.props[s][_STATEMENT_PROPS[p]].append(o)
        elif p in _DOCUMENT_PROPS:
            self.props[s][_DOCUMENT_PROPS[p]].append(o)
        elif p == LABEL:
            self.labels[s].append(o)
        elif p == ALT_LABEL:
            self.aliases[s].add(o)
        elif p == SUBCLASS:
            if not isinstance(o, Lit) and not s.startswith("_:") and not o.startswith("_:"):
                self.supers[s].add(o)
        elif p == ROLE:
            self.roles[s].add(o)
        elif p == SAME_AS:
            self.same_as[s].add(o)
        elif p == MENTIONED_IN:
            self.mentions[s].add(o)
        elif not isinstance(o, Lit) and not o.startswith("_:") and not p.startswith(_SKIPPED_NAMESPACES):
            self.links.append((s, p, o))

    def label(self, node: str) -> str:
        found = self.labels.get(node)
        return min(found) if found else local_name(node).replace("-", " ")


def _first(values: dict[str, list], key: str, default=None):
    found = values.get(key)
    return min(found) if found else default


def _statement(values: dict[str, list]) -> Statement | None:
    s, p, o = _first(values, "subject"), _first(values, "predicate"), _first(values, "object")
    if s is None or p is None or o is None:
        return None
    source, start = _first(values, "source"), _first(values, "start")
    confidence = _first(values, "confidence")
    try:
        start_at = int(start) if start is not None else -1
        score = float(confidence) if confidence is not None else 0.0
    except ValueError:  # a hand-edited graph with a malformed number keeps the statement
        start_at, score = -1, 0.0
    return Statement(
        subject=str(s), predicate=str(p), object=str(o), doc=short_id(source) if source is not None else "",
        sentence=str(_first(values, "sentence", "")), start=start_at,
        modality=str(_first(values, "modality", "asserted")),
        stated_by=tuple(sorted({str(x) for x in values.get("stated_by", ())})), confidence=score,
        rule=str(_first(values, "rule", "")))


def _statement_order(st: Statement) -> tuple:
    return st.doc, st.start, st.sentence, st.subject, st.predicate, st.object


def _documents(t: _Triples) -> dict[str, Document]:
    docs = {}
    for iri, kinds in t.types.items():
        kind = "article" if KG_NS + Cls.Article in kinds else "comment" if KG_NS + Cls.Comment in kinds else None
        if kind is None:
            continue
        values = t.props.get(iri, {})
        authors = sorted(t.label(a) if not isinstance(a, Lit) else str(a) for a in values.get("author", ()))
        doc = Document(id=short_id(iri), iri=iri, title=str(_first(values, "title", "")),
                       date=str(_first(values, "date", "")), publisher=str(_first(values, "publisher", "")),
                       url=str(_first(values, "url", "")), authors=tuple(authors), kind=kind)
        docs[doc.id] = doc
    return {k: docs[k] for k in sorted(docs)}


def _edge_modality(found: list[Statement]) -> str:
    # a fact the text asserts anywhere outweighs the same fact planned or reported elsewhere;
    # else the modality most of its sentences have (six planned and one hypothetical: planned)
    modalities = Counter(st.modality for st in found)
    if not found or "asserted" in modalities:
        return "asserted"
    return min(modalities, key=lambda m: (-modalities[m], _TIE_ORDER.index(m) if m in _TIE_ORDER else 3, m))


def _add_nodes(graph: nx.MultiDiGraph, t: _Triples) -> None:
    classes = classify({c for kinds in t.types.values() for c in kinds}, t.supers)
    typed = (n for n, kinds in t.types.items() if not n.startswith("_:") and kinds & classes.keys())
    for node in sorted(typed):
        own = sorted(c for c in t.types[node] if c in classes)
        # the class with the longest ancestry is the most specific; the IRI breaks ties so it is stable
        cls = max(own, key=lambda c: (len(classes[c]), c))
        graph.add_node(
            node, label=t.label(node), cls=classes[cls][0],
            classes=sorted({name for c in own for name in classes[c]}),
            aliases=sorted(str(a) for a in t.aliases.get(node, ())),
            roles=sorted(str(r) for r in t.roles.get(node, ())),
            wikidata=sorted(o for o in t.same_as.get(node, ()) if o.startswith(WIKIDATA)),
            documents=sorted(short_id(d) for d in t.mentions.get(node, ())))


def _add_edges(graph: nx.MultiDiGraph, t: _Triples, statements: list[Statement]) -> None:
    grouped: dict[tuple[str, str, str], list[Statement]] = defaultdict(list)
    for st in statements:
        grouped[(st.subject, st.predicate, st.object)].append(st)
    labels: dict[str, str] = {}
    for s, p, o in sorted({(s, p, o) for s, p, o in t.links
                           if p != MENTIONED_IN and s in graph and o in graph}):
        if p not in labels:
            found_labels = t.labels.get(p)
            labels[p] = min(found_labels) if found_labels else local_name(p)
        found = sorted(grouped.get((s, p, o), []), key=lambda st: (st.doc, st.sentence, st.start))
        graph.add_edge(
            s, o, key=p, predicate=p, label=labels[p], statements=found,
            sentences=[(st.doc, st.sentence) for st in found], modality=_edge_modality(found),
            stated_by=sorted({x for st in found for x in st.stated_by}),
            hedged=bool(found) and all(st.modality != "asserted" or st.stated_by for st in found),
            confidence=max((st.confidence for st in found), default=0.0))


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


class ViewModel:
    """The entity graph of one knowledge graph, with its statements, documents and measures.

    ``graph`` is a MultiDiGraph: nodes are entity IRIs (attributes label, cls, classes, aliases,
    roles, wikidata, documents), edges are relations keyed by predicate IRI (attributes predicate,
    label, statements, sentences, modality, stated_by, hedged, confidence). Measures are computed
    on first use and kept on the instance.

    Examples
    --------
    >>> ViewModel.from_triples([]).graph.number_of_nodes()
    0
    """

    def __init__(self, graph: nx.MultiDiGraph, statements: list[Statement], documents: dict[str, Document],
                 property_labels: dict[str, str]) -> None:
        self.graph = graph
        self.statements = statements
        self.documents = documents
        self.property_labels = property_labels

    @classmethod
    def from_triples(cls, triples: Iterable[tuple[str, str, str]]) -> ViewModel:
        """Build from (subject, predicate, object) with IRIs as str, literals as `Lit`, blank nodes '_:id'."""
        t = _Triples()
        add = t.add
        for s, p, o in triples:
            add(s, p, o)
        statements = sorted(filter(None, (_statement(t.props.get(s, {})) for s, kinds in t.types.items()
                                          if RDF_STATEMENT in kinds)), key=_statement_order)
        graph = nx.MultiDiGraph()
        _add_nodes(graph, t)
        _add_edges(graph, t, statements)
        predicates = {st.predicate for st in statements} | {p for _, _, p in graph.edges(keys=True)}
        prop_labels = {p: (min(t.labels[p]) if t.labels.get(p) else local_name(p))
                       for p in sorted(predicates)}
        return cls(graph, statements, _documents(t), prop_labels)

    @cached_property
    def simple(self) -> nx.Graph:
        """The undirected projection; ``weight`` counts relations, ``facts`` the sentences behind them."""
        simple = simple_graph(self.graph)
        for u, v, d in sorted(self.graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["predicate"])):
            if u != v:
                simple[u][v]["facts"] = simple[u][v].get("facts", 0) + max(1, len(d["statements"]))
        return simple

    @cached_property
    def pagerank(self) -> dict[str, float]:
        """PageRank on the undirected projection, each link weighted by the sentences that state it.

        A link stated in twenty articles counts for more than one stated once, so key players are
        the actors the corpus reports on, not those one long list happens to name.
        """
        if self.simple.number_of_nodes() == 0:
            return {}
        return dict(nx.pagerank(self.simple, weight="facts"))

    @cached_property
    def degree(self) -> dict[str, int]:
        return {v: self.simple.degree(v) for v in sorted(self.simple.nodes)}

    @cached_property
    def mentions(self) -> dict[str, int]:
        """How many documents mention each entity."""
        return {v: len(d["documents"]) for v, d in self.graph.nodes(data=True)}

    @cached_property
    def facts(self) -> dict[str, int]:
        """How many statements (sentence-level facts) each entity takes part in, on either side."""
        counts: Counter = Counter()
        for st in self.statements:
            if st.subject in self.graph and st.object in self.graph:
                counts[st.subject] += 1
                if st.object != st.subject:
                    counts[st.object] += 1
        return {v: counts.get(v, 0) for v in sorted(self.graph.nodes)}

    @cached_property
    def communities(self) -> list[list[str]]:
        """Louvain communities (seeded, bounded on big graphs), each sorted, biggest first; every entity in one."""
        return communities(self.simple, weight="weight", seed=SEED)

    @cached_property
    def community_of(self) -> dict[str, int]:
        return {v: i for i, members in enumerate(self.communities) for v in members}

    def fact_statements(self) -> Iterator[Statement]:
        """The statements whose two ends are entities of the model, in document and text order."""
        return (st for st in self.statements if st.subject in self.graph and st.object in self.graph)

    def label(self, iri: str) -> str:
        return self.graph.nodes[iri]["label"] if iri in self.graph else short_id(iri)

    @property
    def counts(self) -> dict[str, int]:
        kinds = Counter(d.kind for d in self.documents.values())
        return {"entities": self.graph.number_of_nodes(), "relations": self.graph.number_of_edges(),
                "statements": len(self.statements), "documents": kinds["article"],
                "comments": kinds["comment"]}


def _rdflib_term(term) -> str:
    if isinstance(term, Literal):
        return Lit(term)
    if isinstance(term, BNode):
        return "_:" + str(term)
    return str(term)


def from_graph(g: Graph) -> ViewModel:
    """The view model of an rdflib Graph."""
    return ViewModel.from_triples((_rdflib_term(s), _rdflib_term(p), _rdflib_term(o)) for s, p, o in g)


def _oxigraph_triples(quads) -> Iterator[tuple[str, str, str]]:
    """pyoxigraph quads as the model's (subject, predicate, object) strings; the loop is hot at 1M triples."""
    import pyoxigraph

    named, literal = pyoxigraph.NamedNode, pyoxigraph.Literal
    for q in quads:
        s, o = q.subject, q.object
        kind = type(o)
        yield (s.value if type(s) is named else "_:" + s.value, q.predicate.value,
               o.value if kind is named else Lit(o.value) if kind is literal else "_:" + o.value)


_FORMATS = {".ttl": "TURTLE", ".turtle": "TURTLE", ".nt": "N_TRIPLES", ".ntriples": "N_TRIPLES"}


def load_model(path: Path) -> ViewModel:
    """Read a Turtle or N-Triples file with pyoxigraph's parser into a view model.

    The format follows the suffix (.nt is N-Triples, anything else Turtle). A missing or malformed
    file raises InputError with a one-line message.
    """
    import pyoxigraph

    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file (expected a Turtle graph such as output/graph.ttl)")
    name = _FORMATS.get(path.suffix.lower(), "TURTLE")
    fmt = getattr(pyoxigraph.RdfFormat, name)
    try:
        quads = pyoxigraph.parse(path=str(path), format=fmt)
        return ViewModel.from_triples(_oxigraph_triples(quads))
    except SyntaxError as err:
        kind = "Turtle" if name == "TURTLE" else "N-Triples"
        why = str(err.msg).split(": ", 1)[-1] if err.msg else "syntax error"
        raise InputError(f"{path}: not valid {kind} at line {err.lineno}: {why}") from err
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot read: {err}") from err


def as_model(source: ViewModel | Graph | str | Path) -> ViewModel:
    """A view model from a model (as is), an rdflib Graph, or the path of a Turtle / N-Triples file."""
    if isinstance(source, ViewModel):
        return source
    if isinstance(source, Graph):
        return from_graph(source)
    if isinstance(source, (str, Path)):
        return load_model(Path(source))
    raise TypeError(f"expected a ViewModel, an rdflib Graph or a path, not {type(source).__name__}")
