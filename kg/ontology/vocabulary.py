"""The ontology's vocabulary, read from the package's ontology/kg.ttl once, at import.

`KG` is a closed rdflib namespace (`DefinedNamespace` with `_fail = True`): a misspelt term raises
instead of quietly minting a new IRI. `Cls` holds the classes by local name, as a str enum: code says
`Cls.Person`, never "Person", and a class missing from kg.ttl is an AttributeError at the line that
names it. A term added to kg.ttl needs no edit here.
"""
from __future__ import annotations

from enum import StrEnum

import rdflib
from rdflib import OWL, RDF
from rdflib.namespace import DefinedNamespace, Namespace

from kg.config import ONTOLOGY_DIR
from kg.rdf.ontology_graph import load_ontology_graph

NAMESPACE = "https://w3id.org/newskg/ontology#"


def read_terms(graph: rdflib.Graph) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The local names of the classes and of every other kg: term (properties, their declared inverses)."""
    named = {str(t)[len(NAMESPACE):] for triple in graph for t in triple
             if isinstance(t, rdflib.URIRef) and str(t).startswith(NAMESPACE)}
    classes = {str(c)[len(NAMESPACE):] for c in graph.subjects(RDF.type, OWL.Class)
               if str(c).startswith(NAMESPACE)}
    named.discard("")  # the ontology's own IRI
    return tuple(sorted(classes)), tuple(sorted(named - classes))


# the graph every stage shares (kg.ttl with its alignment, whose kg: terms kg.ttl declares), parsed once
CLASSES, PROPERTIES = read_terms(load_ontology_graph(ONTOLOGY_DIR))


class KG(DefinedNamespace):
    """Every term of kg.ttl; any other name raises AttributeError."""

    _NS = Namespace(NAMESPACE)
    _fail = True
    _extras = [*CLASSES, *PROPERTIES]


Cls = StrEnum("Cls", [(name, name) for name in CLASSES], module=__name__)
Cls.__doc__ = "The ontology's classes by local name; each member is the str of its name."


# Open relations: properties minted from the phrase that states a link no lexicon entry types. They
# live in a namespace of their own, so the closed `KG` stays closed; each is declared in the graph as
# rdfs:subPropertyOf kg:relatedTo with the phrase as its label.
OPEN = Namespace("https://w3id.org/newskg/ontology/open#")


def open_property(phrase: str) -> rdflib.URIRef:
    """'lift restriction on' -> open:liftRestrictionOn."""
    words = ["".join(ch for ch in w if ch.isalnum()) for w in phrase.split()]
    words = [w for w in words if w]
    return OPEN[words[0].lower() + "".join(w[:1].upper() + w[1:].lower() for w in words[1:])]
