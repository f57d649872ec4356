"""RDF stage: the resolved corpus as an rdflib graph with reified provenance (written by `kg.rdf.serializers`)."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Protocol

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.term import Node
from rdflib.namespace import DCTERMS, PROV, SKOS, DefinedNamespace
from rdflib.namespace import SDO as SCHEMA

from kg.config import data_namespaces
from kg.rdf.iri import is_calendar_date, is_valid_iri
from kg.models import Article, Entity, Fact, KnowledgeGraph, Quantity, open_phrase
from kg.ontology import KG
from kg.ontology.vocabulary import OPEN, open_property

WD = Namespace("http://www.wikidata.org/entity/")


class _Interned:
    """A namespace handing out one URIRef per term instead of a new one on every `ns.x` or `ns[x]`.

    The store indexes triples in dicts: a key that is the very object already there is found by
    identity, with its hash remembered, while an equal copy costs a fresh hash and rdflib's
    Python-level `__eq__` at every lookup (a dozen a triple). The first use of a term asks the
    real namespace, so a closed one still refuses a misspelt name.
    """

    def __init__(self, ns: Namespace | type[DefinedNamespace]):
        self._ns = ns
        self._terms: dict[str, URIRef] = {}

    def __getattr__(self, name: str) -> URIRef:  # called only the first time: then it is an attribute
        if name.startswith("_"):
            raise AttributeError(name)
        term = getattr(self._ns, name)
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> URIRef:
        term = self._terms.get(name)
        if term is None:
            term = self._terms[name] = self._ns[name]
        return term


_KG, _RDF, _RDFS, _XSD, _OWL, _SKOS, _PROV, _DCTERMS, _SCHEMA, _WD = map(
    _Interned, (KG, RDF, RDFS, XSD, OWL, SKOS, PROV, DCTERMS, SCHEMA, WD))


# kg:date's datatype by how much of the date is known: 2025, 2025-08, 2025-08-01
_DATE_TYPES = (_XSD.gYear, _XSD.gYearMonth, _XSD.date)


class IRIs:
    """Stable, readable IRIs under one base: entity/john-healey, document/000, statement/<hash>."""

    def __init__(self, base: str):
        namespaces = data_namespaces(base)
        self.ent = Namespace(namespaces["ent"])
        self.doc = Namespace(namespaces["doc"])
        self.stmt = Namespace(namespaces["stmt"])
        self.qty = Namespace(namespaces["qty"])
        self._entities = _Interned(self.ent)
        self._documents = _Interned(self.doc)

    def entity(self, key: str) -> URIRef:
        return self._entities[key]

    def document(self, doc_id: str) -> URIRef:
        return self._documents[doc_id]

    @staticmethod
    def digest(*parts: object) -> str:
        return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


class _Literals:
    """One Literal per distinct value and datatype: making a Literal is slow, and see `_Interned`."""

    def __init__(self) -> None:
        # Keyed by the value's type and text too: Decimal("1.0") == Decimal("1.00") == 1, yet each
        # gives its own lexical form.
        self._made: dict[tuple[type, str, URIRef | None], Literal] = {}

    def __call__(self, value: object, datatype: URIRef | None = None) -> Literal:
        key = (type(value), str(value), datatype)
        literal = self._made.get(key)
        if literal is None:
            literal = self._made[key] = Literal(value, datatype=datatype)
        return literal


class TripleSink(Protocol):
    """Where the writers below put triples: a Graph, or a `Triples` list that loads one later."""

    def add(self, triple: tuple[Node, Node, Node], /) -> object: ...


class Triples(list):
    """A graph's triples in the order they are made: `add` appends, as the writers call it on a Graph."""

    add = list.append


def load_triples(g: Graph, triples: Iterable[tuple[Node, Node, Node]]) -> None:
    """Add triples to g in order, straight into its store.

    What Graph.add does besides (checking that each term is an rdflib Node, three abstract-class
    checks a triple) was a third of building the graph; the writers here make nothing else.
    """
    add = g.store.add
    for triple in triples:
        add(triple, g, quoted=False)


def new_graph(iris: IRIs) -> Graph:
    # rdflib's store without contexts: a build's graph is one graph, and not tracking which graph
    # each triple is in makes adding a third cheaper. Same triples, same Turtle.
    g = Graph(store="SimpleMemory")
    for prefix, ns in (("kg", KG), ("ent", iris.ent), ("doc", iris.doc), ("stmt", iris.stmt), ("qty", iris.qty),
                       ("prov", PROV), ("dcterms", DCTERMS), ("schema", SCHEMA), ("skos", SKOS),
                       ("owl", OWL), ("wd", WD), ("open", OPEN)):
        g.bind(prefix, ns)
    return g


def add_article(g: TripleSink, iris: IRIs, literal: _Literals, article: Article, with_comments: bool = True) -> None:
    doc = iris.document(article.doc_id)
    g.add((doc, _RDF.type, _KG.Article))
    g.add((doc, _KG.sourceFile, literal(article.source)))
    if article.title:
        g.add((doc, _DCTERMS.title, literal(article.title)))
    if article.date and is_calendar_date(article.date):  # ingest notes and drops any other
        g.add((doc, _DCTERMS.date, literal(article.date, _XSD.date)))
    if article.publisher:
        g.add((doc, _DCTERMS.publisher, literal(article.publisher)))
    if article.url:
        # A url that is no valid IRI (a space, "<>") stays as text: as an IRI it would break the file.
        g.add((doc, _SCHEMA.url, URIRef(article.url) if is_valid_iri(article.url) else literal(article.url)))
    for k, comment in enumerate(article.comments if with_comments else (), start=1):
        node = iris.doc[f"{article.doc_id}-c{k}"]
        g.add((node, _RDF.type, _KG.Comment))
        g.add((node, _KG.commentOn, doc))
        g.add((node, _SCHEMA.author, literal(comment.author)))
        g.add((node, _SCHEMA.text, literal(comment.text)))


def quantity_node(g: TripleSink, iris: IRIs, literal: _Literals, qty: Quantity) -> URIRef:
    node = iris.qty[IRIs.digest(qty.value, qty.unit, qty.text)]
    g.add((node, _RDF.type, _KG.MonetaryAmount if qty.unit and len(qty.unit) == 3 and qty.unit.isupper()
           else _KG.Quantity))
    g.add((node, _KG.value, literal(qty.value, _XSD.decimal)))
    if qty.unit:
        g.add((node, _KG.unit, literal(qty.unit)))
    g.add((node, _RDFS.label, literal(qty.text)))
    return node


def declare_open_property(g: TripleSink, literal: _Literals, phrase: str) -> URIRef:
    """The property minted for an open relation's phrase, declared beneath kg:relatedTo with it as label."""
    p = open_property(phrase)
    g.add((p, _RDF.type, _OWL.ObjectProperty))
    g.add((p, _RDFS.subPropertyOf, _KG.relatedTo))
    g.add((p, _RDFS.label, literal(phrase)))
    return p


def add_fact(g: TripleSink, iris: IRIs, literal: _Literals, fact: Fact) -> None:
    """The plain triple, and one rdf:Statement carrying where and how it was read."""
    s = iris.entity(fact.subject)
    phrase = open_phrase(fact.predicate)
    p = _KG[fact.predicate] if phrase is None else declare_open_property(g, literal, phrase)
    if fact.object_is_entity:
        o = iris.entity(str(fact.object))
    elif isinstance(fact.object, Quantity):
        o = quantity_node(g, iris, literal, fact.object)
    else:
        o = literal(str(fact.object))
    g.add((s, p, o))
    prov = fact.provenance
    stmt = iris.stmt[IRIs.digest(s, p, o, prov.doc_id, prov.start, prov.rule)]
    g.add((stmt, _RDF.type, _RDF.Statement))
    g.add((stmt, _RDF.subject, s))
    g.add((stmt, _RDF.predicate, p))
    g.add((stmt, _RDF.object, o))
    g.add((stmt, _PROV.wasDerivedFrom, iris.document(prov.doc_id)))
    g.add((stmt, _KG.sentence, literal(prov.sentence)))
    g.add((stmt, _KG.charStart, literal(prov.start, _XSD.integer)))
    g.add((stmt, _KG.charEnd, literal(prov.end, _XSD.integer)))
    g.add((stmt, _KG.rule, literal(prov.rule)))
    g.add((stmt, _KG.confidence, literal(f"{prov.confidence:.2f}", _XSD.decimal)))
    g.add((stmt, _KG.modality, literal(prov.modality)))
    if fact.stated_by:
        g.add((stmt, _KG.statedBy, iris.entity(fact.stated_by)))
    if prov.date:
        g.add((stmt, _KG.date, literal(prov.date, _DATE_TYPES[prov.date.count("-")])))


def build_graphs(kg: KnowledgeGraph, ontology_graph: Graph, base_iri: str,
                 min_confidence: float) -> tuple[Graph, Graph]:
    """The main graph (ontology included) and the graph of relations below `min_confidence`."""
    iris = IRIs(base_iri)
    literal = _Literals()
    # Triples first, then one load each: the ontology's triples go first, as they always have
    main, low = Triples(ontology_graph), Triples()
    for article in kg.articles:
        add_article(main, iris, literal, article)
    for e in kg.entities:
        add_entity(main, iris, literal, e)
    for doc_id, key in kg.authors:
        main.add((iris.entity(key), _KG.authorOf, iris.document(doc_id)))
        main.add((iris.document(doc_id), _SCHEMA.author, iris.entity(key)))
    below = []
    for fact in kg.facts:
        if fact.provenance.confidence >= min_confidence:
            add_fact(main, iris, literal, fact)
        else:
            add_fact(low, iris, literal, fact)
            below.append(fact)
    _add_referents(low, iris, literal, kg, below)
    graphs = new_graph(iris), new_graph(iris)
    for graph, triples in zip(graphs, (main, low)):
        load_triples(graph, triples)
    return graphs


def add_entity(g: TripleSink, iris: IRIs, literal: _Literals, e: Entity, with_mentions: bool = True) -> None:
    """An entity's class, names, Wikidata link and (`with_mentions`) the documents that name it."""
    node = iris.entity(e.key)
    g.add((node, _RDF.type, _KG[e.cls]))
    g.add((node, _RDFS.label, literal(e.label)))
    for alias in e.aliases:
        g.add((node, _SKOS.altLabel, literal(alias)))
    if e.wikidata:
        g.add((node, _OWL.sameAs, _WD[e.wikidata]))
    for doc_id in e.docs if with_mentions else ():
        g.add((node, _KG.mentionedIn, iris.document(doc_id)))


def _add_referents(low: TripleSink, iris: IRIs, literal: _Literals, kg: KnowledgeGraph, facts: list[Fact]) -> None:
    """The entities and articles the low-confidence facts name, described in their graph too, so that
    low-confidence.ttl is read (and validates) on its own; in a union with graph.ttl these are the same triples."""
    keys = {k for f in facts for k in (f.subject, f.stated_by, str(f.object) if f.object_is_entity else None) if k}
    for e in kg.entities:
        if e.key in keys:
            add_entity(low, iris, literal, e, with_mentions=False)
    docs = {f.provenance.doc_id for f in facts}
    for article in kg.articles:
        if article.doc_id in docs:
            add_article(low, iris, literal, article, with_comments=False)

