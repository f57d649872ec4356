"""The build's Turtle writer: rdflib's Turtle, byte for byte, written faster.

`MemoTurtleSerializer` is rdflib's `TurtleSerializer` doing each term's work once. For the graphs a
build makes (IRIs and literals in rdflib's `SimpleMemory` store, no blank nodes, no base)
`IndexedTurtleSerializer` goes further: it reads the store's subject index once instead of asking the
store again for every subject, and sorts IRIs and plain literals by their text, which is the order
rdflib's term comparisons give them, in C rather than in Python. Any other graph is written by
rdflib's own code (through `MemoTurtleSerializer`), so the bytes never depend on which path ran.
"""
from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from typing import IO, Any

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.plugins.serializers.turtle import OBJECT, SUBJECT, VERB, RecursiveSerializer, TurtleSerializer
from rdflib.plugins.stores.memory import SimpleMemory
from rdflib.term import Node

# subject -> predicate -> objects (a dict used as an ordered set): SimpleMemory's own index
SubjectIndex = Mapping[Node, Mapping[Node, Mapping[Node, Any]]]

# How rdflib lays a subject out (TurtleSerializer.predicateList, objectList at depth 0)
_NEXT_PREDICATE = " ;\n    "
_NEXT_OBJECT = ",\n        "


class MemoTurtleSerializer(TurtleSerializer):
    """rdflib's Turtle writer, doing each term's work once per serialisation, not each time it is seen.

    rdflib works a term's prefixed name out anew every time it writes or counts it (five times or so
    a term): half of writing graph.ttl. The first call also registers the prefix, so later ones
    have nothing else to do. A term's label depends on nothing else once its prefixed name is fixed
    (the base is set for the whole serialisation), and for an IRI only on whether it is written as
    a predicate. The output is byte for byte rdflib's own.
    """

    def reset(self) -> None:
        super().reset()
        # Keyed by gen_prefix, then by IRI.
        self._pnames: dict[bool, dict[URIRef, str | None]] = {False: {}, True: {}}
        # IRIs by "is a predicate"; literals by identity, because two equal literals may still be
        # written differently ("en" and "EN" tags compare equal), and the literal is kept with
        # its label so that its id cannot be reused.
        self._iri_labels: dict[bool, dict[URIRef, str]] = {False: {}, True: {}}
        self._literal_labels: dict[int, tuple[Literal, str]] = {}
        # Terms whose prefixes preprocessTriple has registered, as a predicate (True) or not.
        self._registered: dict[bool, set[Node]] = {False: set(), True: set()}
        # Text written so far, encoded in one go at the end rather than piece by piece (100k pieces).
        self._pieces: list[str] = []

    def preprocessTriple(self, triple: tuple[Node, Node, Node]) -> None:
        s, p, o = triple
        registered, as_predicate = self._registered[False], self._registered[True]
        if s in registered and o in registered and p in as_predicate:
            # Only the counting is left to do: what rdflib's RecursiveSerializer does, and the
            # count TurtleSerializer adds for a blank-node predicate.
            RecursiveSerializer.preprocessTriple(self, triple)
            if isinstance(p, BNode):
                self._references[p] += 1
            return
        super().preprocessTriple(triple)
        registered.update((s, o))
        as_predicate.add(p)

    def startDocument(self) -> None:
        # Preprocessing is over. An IRI with no prefixed name when first met may have one now (a
        # later predicate's namespace got a generated prefix, ns1): rdflib asks again when writing.
        for pnames in self._pnames.values():
            for iri in [iri for iri, pname in pnames.items() if pname is None]:
                del pnames[iri]
        super().startDocument()

    def write(self, text: str) -> None:
        self._pieces.append(text)

    def endDocument(self) -> None:
        super().endDocument()
        # rdflib writes its last newline straight to the stream after this: what came before goes first.
        self.stream.write("".join(self._pieces).encode(self.encoding, "replace"))
        self._pieces = []

    def get_pname(self, uri: Node, gen_prefix: bool = True) -> str | None:
        if not isinstance(uri, URIRef):
            return None  # as rdflib does, without hashing the literal or blank node
        pnames = self._pnames.setdefault(gen_prefix, {})
        if uri not in pnames:
            pnames[uri] = super().get_pname(uri, gen_prefix)
        return pnames[uri]

    def label(self, node: Node, position: int) -> str:
        if isinstance(node, URIRef):
            labels = self._iri_labels[position == VERB]
            if node not in labels:
                labels[node] = super().label(node, position)
            return labels[node]
        if isinstance(node, Literal):
            known = self._literal_labels.get(id(node))
            if known is None:
                known = self._literal_labels[id(node)] = (node, super().label(node, position))
            return known[1]
        return super().label(node, position)


class IndexedTurtleSerializer(MemoTurtleSerializer):
    """`MemoTurtleSerializer` that writes a graph of IRIs and literals from its store's subject index.

    rdflib's writer asks the store for each subject's triples, sorts subjects, predicates and
    objects with rdflib's Python-level term comparisons, and writes through a dozen method calls a
    term. Without blank nodes nothing nests, so each subject is one block: its label, its
    predicates (rdf:type and rdfs:label first, then in IRI order), each with its objects in
    order. Terms are registered (prefixes bound) in the order rdflib's preprocessing meets them.
    A graph this cannot index (`subject_index`) or a base or spacious layout is left to rdflib.

    Labels and predicate ranks are kept by the term object's id: the store holds each object for
    the whole serialisation, and equal terms built apart (the parser's rdfs:label, ours) would
    otherwise be told apart by rdflib's Python-level `__eq__` at every lookup.
    """

    def reset(self) -> None:
        super().reset()
        self._labels_by_id: dict[int, str] = {}  # as subject or object
        self._verb_labels_by_id: dict[int, str] = {}
        self._predicate_rank: dict[int, int] = {}

    def serialize(self, stream: IO[bytes], base: str | None = None, encoding: str | None = None,
                  spacious: bool | None = None, **kwargs: Any) -> None:
        index = subject_index(self.store)
        if index is None or base is not None or self.store.base is not None or spacious or self._spacious:
            super().serialize(stream, base, encoding, spacious, **kwargs)
            return
        self.reset()
        self.stream = stream
        references = self._register_terms(index)
        self.startDocument()
        for subject in self._ordered_subjects(index, references):
            self._write_subject(subject, index[subject])
        self.endDocument()
        stream.write(b"\n")

    def _register_terms(self, index: SubjectIndex) -> dict[Node, int]:
        """rdflib's preprocessing: each term's prefixed name asked for once, in the order rdflib first
        asks (prefixes are bound, and generated for predicates, as a side effect); ranks the
        predicates and returns how many triples each IRI is the object of, which orders the subjects."""
        get_pname, keywords = self.get_pname, self.keywords
        seen: set[int] = set()  # ids: get_pname itself answers an equal term met again from its memo
        predicates: dict[int, Node] = {}
        datatypes: set[URIRef] = set()
        references: dict[Node, int] = {}
        for subject, properties in index.items():
            if id(subject) not in seen:
                seen.add(id(subject))
                get_pname(subject, False)
            for predicate, objects in properties.items():
                if id(predicate) not in predicates:
                    predicates[id(predicate)] = predicate
                    if predicate not in keywords:
                        get_pname(predicate, True)
                for o in objects:
                    if type(o) is URIRef:
                        references[o] = references.get(o, 0) + 1
                        if id(o) not in seen:
                            seen.add(id(o))
                            get_pname(o, False)
                    elif o.datatype is not None and o.datatype not in datatypes:
                        # a literal has no prefixed name of its own: only its datatype is asked for
                        datatypes.add(o.datatype)
                        get_pname(o.datatype, False)
        self._rank_predicates(predicates)
        return references

    def _rank_predicates(self, predicates: dict[int, Node]) -> None:
        """rdflib's sortProperties as a rank per predicate: its predicateOrder (rdf:type, rdfs:label)
        first, then by IRI (IRIs compare by their text)."""
        first = list(dict.fromkeys(self.predicateOrder))
        by_text = sorted({str(p) for p in predicates.values()} - {str(p) for p in first})
        rank = {text: k for k, text in enumerate([str(p) for p in first] + by_text)}
        self._predicate_rank = {key: rank[str(p)] for key, p in predicates.items()}

    def _ordered_subjects(self, index: SubjectIndex, references: dict[Node, int]) -> list[Node]:
        """rdflib's orderSubjects: instances of its top classes (rdfs:Class) in IRI order, then the
        rest by how often they are an object, then by IRI."""
        top: list[Node] = []
        for cls in self.topClasses:
            members = sorted((s for s, properties in index.items() if cls in properties.get(RDF.type, ())), key=str)
            top += [s for s in members if s not in top]
        first = set(top)
        rest = sorted((s for s in index if s not in first), key=lambda s: (references.get(s, 0), str(s)))
        return top + rest

    def _write_subject(self, subject: Node, properties: Mapping[Node, Mapping[Node, Any]]) -> None:
        """One subject block as rdflib's s_default, predicateList and objectList write it."""
        labels, verbs, rank = self._labels_by_id, self._verb_labels_by_id, self._predicate_rank
        pieces = self._pieces
        pieces += ("\n", labels.get(id(subject)) or self._label_of(subject))
        separator = " "
        for predicate in sorted(properties, key=lambda p: rank[id(p)]):
            objects = properties[predicate]
            if len(objects) == 1:
                text = next(labels.get(id(o)) or self._label_of(o) for o in objects)
            else:
                text = _NEXT_OBJECT.join([labels.get(id(o)) or self._label_of(o) for o in sorted_objects(objects)])
            verb = verbs.get(id(predicate))
            if verb is None:
                verb = verbs[id(predicate)] = self.label(predicate, VERB)
            pieces += (separator, verb, " ", text)
            separator = _NEXT_PREDICATE
        pieces.append(" .\n")

    def _label_of(self, node: Node) -> str:
        """How a subject or object is written (the same for both: only a verb may be 'a')."""
        label = self._labels_by_id[id(node)] = self.label(node, OBJECT)
        return label


def subject_index(g: Graph) -> SubjectIndex | None:
    """The subject -> predicate -> objects index of a plain graph in rdflib's SimpleMemory store whose
    terms are all IRIs (subjects, predicates) or IRIs and literals (objects); None for any other graph.

    It is the store's own index (read, never changed), in the store's order, which is the order
    rdflib's writer meets the triples in. rdflib keeps it private: a version without it gets None,
    and its graphs are written by rdflib's own code.
    """
    if type(g) is not Graph or type(g.store) is not SimpleMemory:
        return None
    index = getattr(g.store, "_SimpleMemory__spo", None)
    if not isinstance(index, dict):
        return None
    for subject, properties in index.items():
        # an empty entry is what a removed triple leaves behind: rdflib's writer never sees it
        if type(subject) is not URIRef or not properties or not all(type(p) is URIRef for p in properties):
            return None
        for objects in properties.values():
            if not objects or not all(type(o) is URIRef or type(o) is Literal for o in objects):
                return None
    return index


def sorted_objects(objects: Iterable[Node]) -> list[Node]:
    """Objects in rdflib's order. IRIs compare by their text, and so do plain literals (no datatype,
    no language); both sort here by `str`, in C. Typed or tagged literals compare by value, datatype
    and tag: those lists are sorted with rdflib's own comparisons."""
    objects = list(objects)
    if len(objects) < 2:
        return objects
    if all(type(o) is URIRef for o in objects) or all(
            type(o) is Literal and o.datatype is None and o.language is None for o in objects):
        return sorted(objects, key=str)
    return sorted(objects)


def turtle(g: Graph) -> bytes:
    """Turtle, byte for byte as rdflib writes and sorts it, with `IndexedTurtleSerializer`'s speed."""
    stream = io.BytesIO()
    IndexedTurtleSerializer(g).serialize(stream, encoding="utf-8")
    return stream.getvalue()
