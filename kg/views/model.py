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

import gc
import sys

import networkx as nx
from rdflib import BNode, Graph, Literal

from kg.errors import InputError
from kg.run.collector import collector_paused
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
    """The triples the model needs, sorted into buckets as they stream past.

    Statement and document properties go into one column per property (subject -> first value
    seen); a subject with a second value of the same property also lists every value in
    ``more``, so the model can take the least one (a stable choice) or all of them.
    """

    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    statement_nodes: dict[str, None] = field(default_factory=dict)  # ordered set of rdf:Statement nodes
    supers: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    labels: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    aliases: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    roles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    same_as: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    mentions: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    columns: dict[str, dict[str, str]] = field(
        default_factory=lambda: {name: {} for name in (*_STATEMENT_PROPS.values(),
                                                       *_DOCUMENT_PROPS.values())})
    more: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    links: list[tuple[str, str, str]] = field(default_factory=list)

    def put(self, name: str, s: str, o: str) -> None:
        column = self.columns[name]
        if s in column:
            self.more.setdefault((name, s), [column[s]]).append(o)
        else:
            column[s] = o

    def add(self, s: str, p: str, o: str) -> None:
        if p == RDF_TYPE:
            if o == RDF_STATEMENT and not isinstance(o, Lit):
                self.statement_nodes[s] = None
            else:
                self.types[s].add(o)
        elif p in _COLUMN_OF:
            self.put(_COLUMN_OF[p], s, o)
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

    def first(self, name: str, s: str, default=None):
        """The least value of property `name` on `s` (the only one, nearly always), else `default`."""
        if self.more and (name, s) in self.more:
            return min(self.more[(name, s)])
        return self.columns[name].get(s, default)

    def every(self, name: str, s: str) -> list[str]:
        if self.more and (name, s) in self.more:
            return self.more[(name, s)]
        found = self.columns[name].get(s)
        return [] if found is None else [found]

    def label(self, node: str) -> str:
        found = self.labels.get(node)
        return min(found) if found else local_name(node).replace("-", " ")


_COLUMN_OF = {**_STATEMENT_PROPS, **_DOCUMENT_PROPS}


def _statement(t: _Triples, node: str) -> Statement | None:
    first = t.first
    s, p, o = first("subject", node), first("predicate", node), first("object", node)
    if s is None or p is None or o is None:
        return None
    source, start, confidence = first("source", node), first("start", node), first("confidence", node)
    try:
        start_at = int(start) if start is not None else -1
        score = float(confidence) if confidence is not None else 0.0
    except ValueError:  # a hand-edited graph with a malformed number keeps the statement
        start_at, score = -1, 0.0
    speakers = t.every("stated_by", node)
    # document ids, modalities and rule names repeat across statements: one str each
    return Statement(
        subject=str(s), predicate=str(p), object=str(o),
        doc=sys.intern(short_id(source)) if source is not None else "",
        sentence=str(first("sentence", node, "")), start=start_at,
        modality=sys.intern(str(first("modality", node, "asserted"))),
        stated_by=tuple(sorted({str(x) for x in speakers})) if speakers else (), confidence=score,
        rule=sys.intern(str(first("rule", node, ""))))


def _statement_order(st: Statement) -> tuple:
    # every field, so two readings of one fact in one sentence (two rules) sort the same whatever the
    # order of the file's triples; the more confident reading first
    return (st.doc, st.start, st.sentence, st.subject, st.predicate, st.object, -st.confidence, st.modality,
            st.stated_by, st.rule)


def _documents(t: _Triples) -> dict[str, Document]:
    docs = {}
    for iri, kinds in t.types.items():
        kind = "article" if KG_NS + Cls.Article in kinds else "comment" if KG_NS + Cls.Comment in kinds else None
        if kind is None:
            continue
        authors = sorted(t.label(a) if not isinstance(a, Lit) else str(a) for a in t.every("author", iri))
        doc = Document(id=short_id(iri), iri=iri, title=str(t.first("title", iri, "")),
                       date=str(t.first("date", iri, "")), publisher=str(t.first("publisher", iri, "")),
                       url=str(t.first("url", iri, "")), authors=tuple(authors), kind=kind)
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
    # a stable sort of the ordered statements, so each group comes out in its edge's order
    for st in sorted(statements, key=lambda st: (st.doc, st.sentence, st.start)):
        grouped[(st.subject, st.predicate, st.object)].append(st)
    labels: dict[str, str] = {}
    for p in {p for _, p, _ in t.links}:
        found_labels = t.labels.get(p)
        labels[p] = min(found_labels) if found_labels else local_name(p)
    nodes = graph.nodes
    links = sorted({(s, p, o) for s, p, o in t.links if p != MENTIONED_IN and s in nodes and o in nodes})
    graph.add_edges_from((s, o, p, _edge_data(p, labels[p], grouped.get((s, p, o), []))) for s, p, o in links)


def _edge_data(predicate: str, label: str, found: list[Statement]) -> dict:
    if len(found) == 1:  # most links: the same values as below, without the loops
        st = found[0]
        return {"predicate": predicate, "label": label, "statements": found,
                "sentences": [(st.doc, st.sentence)],
                "modality": st.modality, "stated_by": list(st.stated_by),
                "hedged": st.modality != "asserted" or bool(st.stated_by), "confidence": st.confidence}
    return {"predicate": predicate, "label": label, "statements": found,
            "sentences": [(st.doc, st.sentence) for st in found], "modality": _edge_modality(found),
            "stated_by": sorted({x for st in found for x in st.stated_by}),
            "hedged": bool(found) and all(st.modality != "asserted" or st.stated_by for st in found),
            "confidence": max((st.confidence for st in found), default=0.0)}


def simple_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """The undirected projection of `graph`, one edge per linked pair, weighted by its number of relations."""
    return _projection(graph, facts=False)


def _projection(graph: nx.MultiDiGraph, facts: bool) -> nx.Graph:
    """The undirected projection; with `facts`, each link also counts the sentences behind its relations.

    Links are added in the order of their first (subject, object) pair in sorted order, as they
    always were, so measures that iterate the graph see the same order.
    """
    directed: dict[tuple[str, str], list[int]] = {}
    for u, v, data in graph.edges(data=True):
        if u == v:
            continue  # a self-relation says nothing about who is central
        count = directed.setdefault((u, v), [0, 0])
        count[0] += 1
        if facts:
            count[1] += max(1, len(data.get("statements", ())))
    pairs: dict[tuple[str, str], list[int]] = {}
    for u, v in sorted(directed):
        weight, sentences = directed[(u, v)]
        pair = pairs.setdefault((u, v) if u < v else (v, u), [0, 0])
        pair[0] += weight
        pair[1] += sentences
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    simple.add_edges_from((u, v, {"weight": w, "facts": f} if facts else {"weight": w})
                          for (u, v), (w, f) in pairs.items())
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
        with collector_paused():
            for s, p, o in triples:
                add(s, p, o)
            return cls.from_buckets(t)

    @classmethod
    def from_buckets(cls, t: _Triples) -> ViewModel:
        """Build from triples already sorted into buckets (see `_Triples`)."""
        with collector_paused():
            return cls._from_buckets(t)

    @classmethod
    def _from_buckets(cls, t: _Triples) -> ViewModel:
        statements = sorted(filter(None, (_statement(t, node) for node in t.statement_nodes)),
                            key=_statement_order)
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
        return _projection(self.graph, facts=True)

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
        for st in self.fact_statements():
            counts[st.subject] += 1
            if st.object != st.subject:
                counts[st.object] += 1
        return {v: counts.get(v, 0) for v in sorted(self.graph.nodes)}

    @cached_property
    def communities(self) -> list[list[str]]:
        """Louvain communities (seeded; bounded on big graphs), each sorted, biggest first.

        Every entity is in exactly one; see kg.views.communities for the bound.
        """
        return communities(self.simple, weight="weight", seed=SEED)

    @cached_property
    def community_of(self) -> dict[str, int]:
        return {v: i for i, members in enumerate(self.communities) for v in members}

    def fact_statements(self) -> Iterator[Statement]:
        """The statements whose two ends are entities of the model, in document and text order."""
        nodes = set(self.graph)  # a set answers in C; the graph answers through a Python method
        return (st for st in self.statements if st.subject in nodes and st.object in nodes)

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
    return sys.intern(str(term))  # one str per IRI, as in _read_quads


def from_graph(g: Graph) -> ViewModel:
    """The view model of an rdflib Graph."""
    return ViewModel.from_triples((_rdflib_term(s), _rdflib_term(p), _rdflib_term(o)) for s, p, o in g)


# Properties whose objects the model reads as plain text (never as a link, a class or an author
# that may be an IRI or a literal): the hot path puts them straight into their column.
_PLAIN_COLUMNS = {p: name for p, name in _COLUMN_OF.items() if name != "author"}


def _read_quads(quads, t: _Triples) -> None:
    """Sort pyoxigraph quads into `t`; the loop is hot (a million triples), so statement and
    document properties and rdf:type skip the general `_Triples.add`."""
    import pyoxigraph

    named, literal = pyoxigraph.NamedNode, pyoxigraph.Literal
    columns = {p: t.columns[name] for p, name in _PLAIN_COLUMNS.items()}
    types, statement_nodes, add, put = t.types, t.statement_nodes, t.add, t.put
    # one str object per IRI, however many triples name it: a statement's IRI is keyed in ten
    # columns, an entity's in every statement about it (about 100 MB less at 1M triples)
    intern = sys.intern
    for q in quads:
        s, o = q.subject, q.object
        s = intern(s.value) if type(s) is named else "_:" + s.value
        p = q.predicate.value
        kind = type(o)
        column = columns.get(p)
        if column is not None:
            o = intern(o.value) if kind is named else o.value if kind is literal else "_:" + o.value
            if s in column:
                put(_PLAIN_COLUMNS[p], s, o)
            else:
                column[s] = o
        elif p == RDF_TYPE and kind is named:
            o = o.value
            if o == RDF_STATEMENT:
                statement_nodes[s] = None
            else:
                types[s].add(o)
        else:
            o = intern(o.value) if kind is named else Lit(o.value) if kind is literal else "_:" + o.value
            add(s, p, o)


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
        buckets = _Triples()
        with collector_paused():
            _read_quads(pyoxigraph.parse(path=str(path), format=fmt), buckets)
            return ViewModel.from_buckets(buckets)
    except SyntaxError as err:
        kind = "Turtle" if name == "TURTLE" else "N-Triples"
        why = str(err.msg).split(": ", 1)[-1] if err.msg else "syntax error"
        raise InputError(f"{path}: not valid {kind} at line {err.lineno}: {why}") from err
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot read: {err}") from err


def load_model_for_command(path: Path) -> ViewModel:
    """`load_model` for a one-shot command (`kg render`, `kg report`, `kg stats`).

    The model lives as long as the process, so its objects move out of the garbage collector's
    sight (gc.freeze): the page or report written next allocates a lot, and each collection would
    otherwise walk the model's millions of objects again. Not for a library caller, whose models
    come and go: frozen objects are only ever freed by reference counting.
    """
    model = load_model(path)
    gc.freeze()
    return model


def as_model(source: ViewModel | Graph | str | Path) -> ViewModel:
    """A view model from a model (as is), an rdflib Graph, or the path of a Turtle / N-Triples file."""
    if isinstance(source, ViewModel):
        return source
    if isinstance(source, Graph):
        return from_graph(source)
    if isinstance(source, (str, Path)):
        return load_model(Path(source))
    raise TypeError(f"expected a ViewModel, an rdflib Graph or a path, not {type(source).__name__}")
