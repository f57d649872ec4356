"""Does confidence mean something? Share of correct facts per confidence band, scored against a gold file.

A fact is a reified statement (rdf:Statement with kg:confidence) whose two ends name gold entities; it is
correct when the shared scorer (../shared/eval/score.py, imported, not copied) counts its triple as
explaining a gold fact, the test behind relation_precision. Facts with an end that names no gold entity
are not judged. Usage, from the project root:

    kg build ../shared/eval/dev/texts --out /tmp/dev --no-view --quiet
    python bench/confidence_bands.py /tmp/dev/graph.ttl ../shared/eval/dev/gold.yaml [--rules] [--wrong]

--rules adds the same share per rule; --wrong lists the judged facts no gold fact explains, with their
sentence, which is where precision work starts. low-confidence.ttl beside graph.ttl is read too when present.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import defaultdict
from pathlib import Path

import yaml
from rdflib import RDF, Namespace

KG = Namespace("https://w3id.org/newskg/ontology#")
DEFAULT_SCORER = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "score.py"
BANDS = [(0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]


def load_scorer(path: Path):
    """The shared scorer as a module, so its matching is used unchanged."""
    spec = importlib.util.spec_from_file_location("newskg_shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def judged_facts(score, graph_path: Path, gold: dict) -> list[dict]:
    """Every statement between two gold entities: confidence, rule, whether a gold fact explains it."""
    G = score.Graph(str(graph_path))
    low = graph_path.with_name("low-confidence.ttl")
    if low.exists():
        G.g.parse(low)
    scorer = score.Scorer(G, gold, None)
    relation_facts = [f for f in scorer.facts if not isinstance(f["o"], dict) or "any_of" in f["o"]]
    judged = []
    for stmt in G.g.subjects(RDF.type, RDF.Statement):
        s, p, o = (G.g.value(stmt, RDF.subject), G.g.value(stmt, RDF.predicate), G.g.value(stmt, RDF.object))
        conf = G.g.value(stmt, KG.confidence)
        if s is None or o is None or conf is None:
            continue
        es, eo = scorer.entity_of.get(s, set()), scorer.entity_of.get(o, set())
        if not es or not eo or es & eo:
            continue
        judged.append({
            "confidence": float(conf), "rule": str(G.g.value(stmt, KG.rule) or "?"),
            "correct": any(scorer.edge_explained(s, p, o, f) for f in relation_facts),
            "triple": f"{score.local_name(s)} {score.local_name(p)} {score.local_name(o)}",
            "sentence": str(G.g.value(stmt, KG.sentence) or ""),
        })
    return judged


def band_of(confidence: float) -> str:
    for lo, hi in BANDS:
        if lo <= confidence < hi:
            return f"{lo:.1f}-{min(hi, 1.0):.1f}"
    return "?"


def table(judged: list[dict], key) -> list[str]:
    counts: dict = defaultdict(lambda: [0, 0, set()])
    for fact in judged:
        counts[key(fact)][0] += fact["correct"]
        counts[key(fact)][1] += 1
        counts[key(fact)][2].add(fact["confidence"])
    rows = ["| group | facts | correct | share | confidences |", "| --- | --- | --- | --- | --- |"]
    for group in sorted(counts):
        right, total, confidences = counts[group]
        spread = f"{min(confidences):.2f}-{max(confidences):.2f}"
        rows.append(f"| {group} | {total} | {right} | {right / total:.2f} | {spread} |")
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("graph", type=Path)
    ap.add_argument("gold", type=Path)
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    ap.add_argument("--rules", action="store_true", help="also the share per rule")
    ap.add_argument("--wrong", action="store_true", help="list the judged facts no gold fact explains")
    args = ap.parse_args(argv)
    score = load_scorer(args.scorer)
    gold = yaml.safe_load(args.gold.read_text(encoding="utf-8"))
    judged = judged_facts(score, args.graph, gold)
    print("\n".join(table(judged, lambda f: band_of(f["confidence"]))))
    if args.rules:
        print()
        print("\n".join(table(judged, lambda f: f["rule"])))
    if args.wrong:
        print()
        for fact in sorted(judged, key=lambda f: (f["rule"], f["triple"])):
            if not fact["correct"]:
                print(f"{fact['confidence']:.2f} {fact['rule']:22s} {fact['triple']}\n     {fact['sentence']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
