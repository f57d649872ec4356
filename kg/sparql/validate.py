"""Check a graph against SHACL shapes: generated from the ontology's domains and ranges, plus ontology/shapes.ttl."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyshacl
import rdflib
from rdflib import OWL, RDF, RDFS, SH, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from kg.config import BASE_IRI, data_namespaces
from kg.errors import InputError, OntologyError, parse_error_text
from kg.ontology import KG
from kg.rdf.ontology_graph import load_ontology_graph
from kg.sparql.query import shorten

KGSH = Namespace("https://w3id.org/newskg/shapes#")
SHAPES_FILE = "shapes.ttl"

# A range of xsd:decimal also admits the other numeric types a builder may write (integer is a
# decimal by derivation; a Python float becomes xsd:double), and a string range admits language tags.
_DATATYPE_FAMILIES: dict[URIRef, tuple[URIRef, ...]] = {
    XSD.decimal: (XSD.decimal, XSD.integer, XSD.double, XSD.float),
    XSD.double: (XSD.double, XSD.float, XSD.decimal, XSD.integer),
    XSD.string: (XSD.string, RDF.langString),
}
# Articles are described by dcterms:title, not rdfs:label, so they and their superclasses are not
# given the one-label rule (the ent: IRI shape in shapes.ttl still covers every minted entity).
_UNLABELLED = (KG.Article, KG.Comment)


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node at fault, the property, what is wrong, and how bad it is."""

    focus: str
    path: str
    message: str
    severity: str  # Violation | Warning | Info
    value: str = ""
    focus_label: str = ""


@dataclass(frozen=True)
class ValidationResult:
    """Whether the graph conforms (no result of severity Violation) and every result found."""

    conforms: bool
    violations: list[Violation]


def shapes_for(ontology: Graph) -> Graph:
    """SHACL shapes that follow from the ontology: domain and range of every property, labels of entity classes.

    Object properties get `sh:class` on subjects (domain) and objects (range); datatype properties
    get `sh:datatype` on values. A union domain or range (owl:unionOf) becomes `sh:or`.
    """
    shapes = Graph()
    shapes.bind("sh", SH)
    shapes.bind("kg", KG)
    shapes.bind("kgsh", KGSH)
    properties = sorted(
        {p for p in ontology.subjects(RDFS.domain, None) if isinstance(p, URIRef)}
        | {p for p in ontology.subjects(RDFS.range, None) if isinstance(p, URIRef)}
    )
    for prop in properties:
        name = _local_name(prop)
        for domain in ontology.objects(prop, RDFS.domain):
            shape = KGSH[f"domain-{name}"]
            shapes.add((shape, RDF.type, SH.NodeShape))
            shapes.add((shape, SH.targetSubjectsOf, prop))
            _add_class_constraint(shapes, ontology, shape, domain)
            shapes.add((shape, SH.message, Literal(
                f"the subject of {shorten(str(prop))} must be a {_class_phrase(ontology, domain)}")))
        for range_ in ontology.objects(prop, RDFS.range):
            shape = KGSH[f"range-{name}"]
            shapes.add((shape, RDF.type, SH.NodeShape))
            shapes.add((shape, SH.targetSubjectsOf, prop))
            constraint = BNode()
            shapes.add((shape, SH.property, constraint))
            shapes.add((constraint, SH.path, prop))
            if _is_datatype(range_) or (prop, RDF.type, OWL.DatatypeProperty) in ontology:
                _add_datatype_constraint(shapes, constraint, range_)
                phrase = f"a literal of type {shorten(str(range_))}"
            else:
                _add_class_constraint(shapes, ontology, constraint, range_)
                phrase = f"a {_class_phrase(ontology, range_)}"
            shapes.add((constraint, SH.message, Literal(f"the value of {shorten(str(prop))} must be {phrase}")))
    _add_label_shape(shapes, ontology)
    return shapes


def _add_class_constraint(shapes: Graph, ontology: Graph, shape: URIRef | BNode, cls: rdflib.term.Node) -> None:
    members = _union_members(ontology, cls)
    if members is None:
        shapes.add((shape, SH["class"], cls))
        return
    alternatives = []
    for member in members:
        alternative = BNode()
        shapes.add((alternative, SH["class"], member))
        alternatives.append(alternative)
    head = BNode()
    Collection(shapes, head, alternatives)
    shapes.add((shape, SH["or"], head))


def _add_datatype_constraint(shapes: Graph, constraint: BNode, datatype: rdflib.term.Node) -> None:
    if datatype == RDFS.Literal:
        shapes.add((constraint, SH.nodeKind, SH.Literal))
        return
    family = _DATATYPE_FAMILIES.get(datatype)  # type: ignore[call-overload]
    if family is None:
        shapes.add((constraint, SH.datatype, datatype))
        return
    alternatives = []
    for member in family:
        alternative = BNode()
        shapes.add((alternative, SH.datatype, member))
        alternatives.append(alternative)
    head = BNode()
    Collection(shapes, head, alternatives)
    shapes.add((constraint, SH["or"], head))


def _add_label_shape(shapes: Graph, ontology: Graph) -> None:
    # Every instance of an entity class needs one label; the classes are named one by one, because
    # targeting kg:Entity would also reach articles, which are entities titled by dcterms:title.
    entity_classes = _subclasses(ontology, KG.Entity)
    exempt = set().union(*(_superclasses(ontology, c) for c in _UNLABELLED))
    targets = sorted(c for c in entity_classes - exempt if isinstance(c, URIRef))
    if not targets:
        return
    shape = KGSH["entity-label"]
    shapes.add((shape, RDF.type, SH.NodeShape))
    for cls in targets:
        shapes.add((shape, SH.targetClass, cls))
    constraint = BNode()
    shapes.add((shape, SH.property, constraint))
    shapes.add((constraint, SH.path, RDFS.label))
    shapes.add((constraint, SH.minCount, Literal(1)))
    shapes.add((constraint, SH.maxCount, Literal(1)))
    shapes.add((constraint, SH.message, Literal("an entity needs exactly one rdfs:label")))


def _subclasses(ontology: Graph, root: URIRef) -> set[rdflib.term.Node]:
    return set(ontology.transitive_subjects(RDFS.subClassOf, root))


def _superclasses(ontology: Graph, cls: URIRef) -> set[rdflib.term.Node]:
    return set(ontology.transitive_objects(cls, RDFS.subClassOf))


def _union_members(ontology: Graph, cls: rdflib.term.Node) -> list[rdflib.term.Node] | None:
    if not isinstance(cls, BNode):
        return None
    head = ontology.value(cls, OWL.unionOf)
    return list(Collection(ontology, head)) if head is not None else None


def _is_datatype(node: rdflib.term.Node) -> bool:
    return isinstance(node, URIRef) and (str(node).startswith(str(XSD)) or node in (RDFS.Literal, RDF.langString))


def _class_phrase(ontology: Graph, cls: rdflib.term.Node) -> str:
    members = _union_members(ontology, cls)
    if members is not None:
        return " or ".join(shorten(str(m)) for m in members)
    return shorten(str(cls))


def _local_name(iri: URIRef) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def load_shapes(ontology_dir: Path, ontology: Graph | None = None, base_iri: str = BASE_IRI) -> Graph:
    """All shapes: those generated from kg.ttl and those in shapes.ttl, in one graph; the `ent:`
    prefix the shapes declare is the entity namespace under `base_iri`."""
    ontology_dir = Path(ontology_dir)
    ontology = ontology if ontology is not None else load_ontology_graph(ontology_dir)
    shapes = shapes_for(ontology)
    static = ontology_dir / SHAPES_FILE
    if static.is_file():
        shapes += _parse(static, OntologyError)
    entities = Literal(data_namespaces(base_iri)["ent"], datatype=XSD.anyURI)
    for declaration in list(shapes.subjects(SH.prefix, Literal("ent"))):
        shapes.set((declaration, SH.namespace, entities))
    return shapes


def base_iri_of(data: Graph) -> str:
    """The base IRI the graph's own `ent:` prefix is under (as graph.ttl declares it), else the default."""
    entities = dict(data.namespaces()).get("ent")
    suffix = data_namespaces("")["ent"]
    if entities is not None and str(entities).endswith(suffix):
        return str(entities)[:-len(suffix)]
    return BASE_IRI


def validate(data: Graph, ontology_dir: Path, base_iri: str | None = None) -> ValidationResult:
    """Validate a graph against the shapes for the ontology in ontology_dir.

    The ontology is mixed into the data for the check (pyshacl's ont_graph), so `sh:class kg:Agent`
    accepts a kg:Country by its rdfs:subClassOf chain without running an inference engine.
    Entities are the IRIs under `base_iri` (by default the base the graph's `ent:` prefix names).
    """
    ontology = load_ontology_graph(ontology_dir)
    shapes = load_shapes(ontology_dir, ontology, base_iri or base_iri_of(data))
    conforms, report, _text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=True,
        allow_warnings=True, abort_on_first=False,
    )
    # A set: one fault can trip several constraints of a property shape with the same message.
    violations = sorted(set(_read_results(report, data)), key=lambda v: (v.path, v.message, v.focus, v.value))
    return ValidationResult(conforms=bool(conforms), violations=violations)


def validate_file(graph_path: Path, ontology_dir: Path) -> ValidationResult:
    """Parse a Turtle (or N-Triples, TriG) file and validate it; an unreadable file is an InputError."""
    return validate(_parse(Path(graph_path), InputError), ontology_dir)


def _read_results(report: Graph, data: Graph) -> list[Violation]:
    results = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        severity = report.value(result, SH.resultSeverity)
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        results.append(Violation(
            focus=str(focus) if focus is not None else "",
            path=str(path) if isinstance(path, URIRef) else "",
            message=messages[0] if messages else "",
            severity=_local_name(severity) if isinstance(severity, URIRef) else "Violation",
            value=str(value) if value is not None else "",
            focus_label=_label(data, focus),
        ))
    return results


def _label(data: Graph, node: rdflib.term.Node | None) -> str:
    if node is None:
        return ""
    for prop in (RDFS.label, rdflib.DCTERMS.title):
        label = data.value(node, prop)
        if label is not None:
            return str(label)
    return ""


def format_report(result: ValidationResult) -> str:
    """Results grouped by property and message, one line per node, with counts; "conforms" when there are none."""
    if not result.violations:
        return "conforms: no violations\n"
    groups: dict[tuple[str, str, str], list[Violation]] = defaultdict(list)
    for violation in result.violations:
        groups[(violation.severity, violation.path, violation.message)].append(violation)
    by_severity: dict[str, int] = defaultdict(int)
    for violation in result.violations:
        by_severity[violation.severity] += 1
    counts = ", ".join(f"{n} {sev.lower()}{'' if n == 1 else 's'}" for sev, n in sorted(by_severity.items()))
    verdict = "conforms" if result.conforms else "does not conform"
    lines = [f"{verdict}: {counts} in {len(groups)} group{'' if len(groups) == 1 else 's'}"]
    for (severity, path, message), members in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
        where = shorten(path) if path else "(node)"
        lines.append("")
        lines.append(f"{severity} {where}: {message} ({len(members)})")
        for violation in members:
            focus = shorten(violation.focus)
            name = f"{violation.focus_label} ({focus})" if violation.focus_label else focus
            value = f" -> {shorten(violation.value)}" if violation.value and violation.value != violation.focus else ""
            lines.append(f"  {name}{value}")
    return "\n".join(lines) + "\n"


def _parse(path: Path, error: type[Exception]) -> Graph:
    if not path.is_file():
        raise error(f"file not found: {path}")
    fmt = {".nt": "nt", ".trig": "trig", ".jsonld": "json-ld"}.get(path.suffix, "turtle")
    graph = rdflib.Dataset() if fmt == "trig" else Graph()
    try:
        graph.parse(path, format=fmt)
    except (SyntaxError, ValueError) as err:
        raise error(parse_error_text(path, err)) from err
    if isinstance(graph, rdflib.Dataset):
        # Validation is of the facts, whichever named graph holds them.
        flat = Graph()
        for s, p, o, _g in graph.quads((None, None, None, None)):
            flat.add((s, p, o))
        graph = flat
    if not len(graph):  # an empty file (a failed export, a truncated copy) conforms to nothing
        raise error(f"{path} holds no triples: nothing to validate")
    return graph
