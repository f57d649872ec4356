"""RDF stage: the resolved corpus as an rdflib graph with reified provenance, serialised deterministically."""
from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable
from pathlib import Path

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS
from rdflib.namespace import SDO as SCHEMA
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.term import Node

from kg.models import Article, Fact, KnowledgeGraph, Quantity
from kg.ontology import KG

WD = Namespace("http://www.wikidata.org/entity/")


class IRIs:
    """Stable, readable IRIs under one base: entity/john-healey, document/000, statement/<hash>."""

    def __init__(self, base: str):
        self.ent = Namespace(base + "entity/")
        self.doc = Namespace(base + "document/")
        self.stmt = Namespace(base + "statement/")
        self.qty = Namespace(base + "quantity/")

    def entity(self, key: str) -> URIRef:
        return self.ent[key]

    def document(self, doc_id: str) -> URIRef:
        return self.doc[doc_id]

    @staticmethod
    def digest(*parts: object) -> str:
        return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def new_graph(iris: IRIs) -> Graph:
    g = Graph()
    for prefix, ns in (("kg", KG), ("ent", iris.ent), ("doc", iris.doc), ("stmt", iris.stmt), ("qty", iris.qty),
                       ("prov", PROV), ("dcterms", DCTERMS), ("schema", SCHEMA), ("skos", SKOS),
                       ("owl", OWL), ("wd", WD)):
        g.bind(prefix, ns)
    return g


def add_article(g: Graph, iris: IRIs, article: Article) -> None:
    doc = iris.document(article.doc_id)
    g.add((doc, RDF.type, KG.Article))
    g.add((doc, KG.sourceFile, Literal(article.source)))
    if article.title:
        g.add((doc, DCTERMS.title, Literal(article.title)))
    if article.date:
        g.add((doc, DCTERMS.date, Literal(article.date, datatype=XSD.date)))
    if article.publisher:
        g.add((doc, DCTERMS.publisher, Literal(article.publisher)))
    if article.url:
        g.add((doc, SCHEMA.url, URIRef(article.url)))
    for k, comment in enumerate(article.comments, start=1):
        node = iris.doc[f"{article.doc_id}-c{k}"]
        g.add((node, RDF.type, KG.Comment))
        g.add((node, KG.commentOn, doc))
        g.add((node, SCHEMA.author, Literal(comment.author)))
        g.add((node, SCHEMA.text, Literal(comment.text)))


def quantity_node(g: Graph, iris: IRIs, qty: Quantity) -> URIRef:
    node = iris.qty[IRIs.digest(qty.value, qty.unit, qty.text)]
    g.add((node, RDF.type, KG.MonetaryAmount if qty.unit and len(qty.unit) == 3 and qty.unit.isupper()
           else KG.Quantity))
    g.add((node, KG.value, Literal(qty.value, datatype=XSD.decimal)))
    if qty.unit:
        g.add((node, KG.unit, Literal(qty.unit)))
    g.add((node, RDFS.label, Literal(qty.text)))
    return node


def add_fact(g: Graph, iris: IRIs, fact: Fact) -> None:
    """The plain triple, and one rdf:Statement carrying where and how it was read."""
    s = iris.entity(fact.subject)
    p = KG[fact.predicate]
    if fact.object_is_entity:
        o = iris.entity(str(fact.object))
    elif isinstance(fact.object, Quantity):
        o = quantity_node(g, iris, fact.object)
    else:
        o = Literal(str(fact.object))
    g.add((s, p, o))
    prov = fact.provenance
    stmt = iris.stmt[IRIs.digest(s, p, o, prov.doc_id, prov.start, prov.rule)]
    g.add((stmt, RDF.type, RDF.Statement))
    g.add((stmt, RDF.subject, s))
    g.add((stmt, RDF.predicate, p))
    g.add((stmt, RDF.object, o))
    g.add((stmt, PROV.wasDerivedFrom, iris.document(prov.doc_id)))
    g.add((stmt, KG.sentence, Literal(prov.sentence)))
    g.add((stmt, KG.charStart, Literal(prov.start, datatype=XSD.integer)))
    g.add((stmt, KG.charEnd, Literal(prov.end, datatype=XSD.integer)))
    g.add((stmt, KG.rule, Literal(prov.rule)))
    g.add((stmt, KG.confidence, Literal(f"{prov.confidence:.2f}", datatype=XSD.decimal)))
    g.add((stmt, KG.modality, Literal(prov.modality)))
    if fact.stated_by:
        g.add((stmt, KG.statedBy, iris.entity(fact.stated_by)))


def build_graphs(kg: KnowledgeGraph, ontology_graph: Graph, base_iri: str,
                 min_confidence: float) -> tuple[Graph, Graph]:
    """The main graph (ontology included) and the graph of relations below `min_confidence`."""
    iris = IRIs(base_iri)
    g = new_graph(iris)
    low = new_graph(iris)
    for triple in ontology_graph:
        g.add(triple)
    for article in kg.articles:
        add_article(g, iris, article)
    for e in kg.entities:
        node = iris.entity(e.key)
        g.add((node, RDF.type, KG[e.cls]))
        g.add((node, RDFS.label, Literal(e.label)))
        for alias in e.aliases:
            g.add((node, SKOS.altLabel, Literal(alias)))
        if e.wikidata:
            g.add((node, OWL.sameAs, WD[e.wikidata]))
        for doc_id in e.docs:
            g.add((node, KG.mentionedIn, iris.document(doc_id)))
    for doc_id, key in kg.authors:
        g.add((iris.entity(key), KG.authorOf, iris.document(doc_id)))
        g.add((iris.document(doc_id), SCHEMA.author, iris.entity(key)))
    for fact in kg.facts:
        add_fact(g if fact.provenance.confidence >= min_confidence else low, iris, fact)
    return g, low


class MemoTurtleSerializer(TurtleSerializer):
    """rdflib's Turtle writer, remembering each term's prefixed name for the length of one serialisation.

    rdflib works a term's prefixed name out anew every time it writes or counts it (five times or so
    a term): half of writing graph.ttl. The first call also registers the prefix, so later ones
    have nothing else to do; the output is byte for byte rdflib's own.
    """

    def reset(self) -> None:
        super().reset()
        self._pnames: dict[tuple[Node, bool], str | None] = {}

    def get_pname(self, uri: Node, gen_prefix: bool = True) -> str | None:
        key = (uri, gen_prefix)
        if key not in self._pnames:
            self._pnames[key] = super().get_pname(uri, gen_prefix)
        return self._pnames[key]


def turtle_bytes(g: Graph) -> bytes:
    stream = io.BytesIO()
    MemoTurtleSerializer(g).serialize(stream, encoding="utf-8")
    return stream.getvalue()


def load_ontology_graph(ontology_dir: Path, extra: Iterable[str] = ("alignment.ttl",)) -> Graph:
    g = Graph().parse(ontology_dir / "kg.ttl", format="turtle")
    for name in extra:
        if (ontology_dir / name).exists():
            g.parse(ontology_dir / name, format="turtle")
    return g
