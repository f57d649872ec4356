"""Time bulk loading and a few analyst queries on a synthetic graph of a million-plus triples in the graph.ttl shape.

Not a test. Run: .venv/bin/python bench/bench_oxigraph.py [--relations 70000] [--keep DIR]
"""
from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

from rdflib import Graph

from kg.config import ONTOLOGY_DIR
from kg.sparql.query import ensure_store, open_store, resolve_query

KG = "https://w3id.org/newskg/ontology#"
ENT = "https://w3id.org/newskg/entity/"
DOC = "https://w3id.org/newskg/document/"
STMT = "https://w3id.org/newskg/statement/"
QTY = "https://w3id.org/newskg/quantity/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"

CLASSES = ["Person", "Person", "Person", "Country", "City", "Organization", "Alliance", "Government",
           "Company", "ArmedForce", "Drone", "Missile", "Attack", "Meeting"]
PROPERTIES = ["serves", "leads", "memberOf", "funds", "attacks", "supports", "meets", "visits",
              "produces", "locatedIn", "sanctions", "alliedWith", "chairs", "attends"]
MODALITIES = ["asserted", "asserted", "asserted", "planned", "reported", "hypothetical"]


def _iri(text: str) -> str:
    return f"<{text}>"


def _lit(text: str, datatype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"^^<{datatype}>' if datatype else f'"{escaped}"'


def generate(path: Path, relations: int, seed: int = 7) -> int:
    """Write a deterministic N-Triples graph with `relations` reified relations; return its triple count."""
    rng = random.Random(seed)
    entities = max(1000, relations // 3)
    documents = max(100, relations // 35)
    # graph.ttl carries the ontology, and queries such as central.rq read its property declarations.
    ontology = Graph().parse(ONTOLOGY_DIR / "kg.ttl").serialize(format="nt", encoding="utf-8").decode()
    count = ontology.count("\n")
    with open(path, "w", encoding="utf-8") as out:
        out.write(ontology)
        def emit(s: str, p: str, o: str) -> None:
            nonlocal count
            out.write(f"{s} {p} {o} .\n")
            count += 1

        for d in range(documents):
            doc = _iri(f"{DOC}{d:05d}")
            emit(doc, _iri(RDF + "type"), _iri(KG + "Article"))
            emit(doc, _iri(DCT + "title"), _lit(f"Synthetic article {d}"))
            emit(doc, _iri(DCT + "date"), _lit(f"2026-{1 + d % 12:02d}-{1 + d % 28:02d}", XSD + "date"))
            emit(doc, _iri(DCT + "publisher"), _lit(f"Publisher {d % 20}"))
            emit(doc, _iri(KG + "sourceFile"), _lit(f"{d:05d}_synthetic.txt"))
        for e in range(entities):
            ent = _iri(f"{ENT}entity-{e}")
            emit(ent, _iri(RDF + "type"), _iri(KG + CLASSES[e % len(CLASSES)]))
            emit(ent, _iri(RDFS + "label"), _lit(f"Entity {e}"))
            emit(ent, _iri(SKOS + "altLabel"), _lit(f"E{e}"))
            for d in sorted({rng.randrange(documents) for _ in range(rng.randint(1, 3))}):
                emit(ent, _iri(KG + "mentionedIn"), _iri(f"{DOC}{d:05d}"))
            if e % 10 == 0:
                emit(ent, _iri(KG + "role"), _lit(f"Minister of Things {e}"))
            if e % 25 == 0:
                qty = _iri(f"{QTY}q{e}")
                emit(ent, _iri(KG + "amount"), qty)
                emit(qty, _iri(RDF + "type"), _iri(KG + "MonetaryAmount"))
                emit(qty, _iri(KG + "value"), _lit(str(rng.randrange(1, 10_000) * 1_000_000), XSD + "decimal"))
                emit(qty, _iri(KG + "unit"), _lit(rng.choice(["GBP", "USD", "EUR"])))
        # Skewed choice of subjects, so a few actors are central as in real news.
        for r in range(relations):
            s = int(entities * rng.random() ** 3)
            o = rng.randrange(entities)
            prop = PROPERTIES[r % len(PROPERTIES)]
            subject, obj = _iri(f"{ENT}entity-{s}"), _iri(f"{ENT}entity-{o}")
            emit(subject, _iri(KG + prop), obj)
            stmt = _iri(f"{STMT}s{r}")
            start = rng.randrange(0, 20_000)
            for p, value in (
                (RDF + "type", _iri(RDF + "Statement")), (RDF + "subject", subject),
                (RDF + "predicate", _iri(KG + prop)), (RDF + "object", obj),
                (PROV + "wasDerivedFrom", _iri(f"{DOC}{rng.randrange(documents):05d}")),
                (KG + "sentence", _lit(f"Entity {s} {prop} entity {o}, sentence {r}.")),
                (KG + "charStart", _lit(str(start), XSD + "integer")),
                (KG + "charEnd", _lit(str(start + rng.randrange(40, 300)), XSD + "integer")),
                (KG + "rule", _lit("svo-active")),
                (KG + "confidence", _lit(f"{rng.uniform(0.5, 1):.2f}", XSD + "decimal")),
                (KG + "modality", _lit(rng.choice(MODALITIES))),
            ):
                emit(stmt, _iri(p), value)
            if r % 7 == 0:
                emit(stmt, _iri(KG + "statedBy"), _iri(f"{ENT}entity-{3 * rng.randrange(entities // 3)}"))
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relations", type=int, default=72_000, help="reified relations (about 13 triples each)")
    parser.add_argument("--keep", type=Path, default=None, help="folder to keep the graph and store in")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    graph = work / "graph.nt"
    try:
        started = time.perf_counter()
        triples = generate(graph, args.relations)
        generated = time.perf_counter() - started
        print(f"generated   {triples:>10,} triples  {graph.stat().st_size / 1e6:8.1f} MB  {generated:7.2f} s")
        shutil.rmtree(work / "graph.nt.oxigraph", ignore_errors=True)
        started = time.perf_counter()
        ensure_store(graph)
        loaded = time.perf_counter() - started
        print(f"bulk load   {triples:>10,} triples  {triples / loaded:8,.0f} /s  {loaded:7.2f} s")
        store = open_store(graph)
        (stored,) = list(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
        print(f"in store    {int(stored[0].value):>10,} triples")
        provenance = resolve_query("provenance").replace("VALUES ?subjectLabel { UNDEF }",
                                                         'VALUES ?subjectLabel { "Entity 0" }')
        for name, text in (("multi_article", resolve_query("multi_article")), ("provenance[Entity 0]", provenance),
                           ("funding", resolve_query("funding")), ("central", resolve_query("central"))):
            started = time.perf_counter()
            rows = len(list(store.query(text)))
            print(f"query       {name:<22} {rows:>8,} rows  {(time.perf_counter() - started) * 1000:9.1f} ms")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
