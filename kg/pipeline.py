"""The whole build composed in one place: read -> clean -> NLP -> extract -> resolve -> RDF -> analyse -> render."""
from __future__ import annotations

import dataclasses
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from kg.atomic import atomic_write_bytes, output_lock
from kg.config import Settings
from kg.extract import extract_docs
from kg.ingest import load_articles
from kg.models import Article, KnowledgeGraph
from kg.nlp import load_pipeline, parse_articles
from kg.ontology import load_ontology
from kg.rdf import build_graphs, load_ontology_graph, turtle_bytes
from kg.resolve import resolve

# "… Credit: John Thys/AFP via Getty Images", "(Source: Getty Images)": who took the photo, not what it shows.
PHOTO_CREDIT = re.compile(r"\s*(\((source|photo|picture|image|credit)s?:[^)]*\)|(credit|photo|picture)s?:.*)$",
                          re.IGNORECASE)


@dataclass
class BuildSummary:
    """What a build read, skipped, wrote and how long each stage took."""

    articles: int = 0
    entities: int = 0
    facts: int = 0
    triples: int = 0
    skipped: list[str] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    words: int = 0

    def describe(self) -> str:
        lines = [f"built {self.articles} articles: {self.entities} entities, {self.facts} facts, "
                 f"{self.triples} triples"]
        lines += [f"  wrote {p}" for p in self.outputs]
        lines += [f"  note: {s}" for s in self.skipped]
        return "\n".join(lines)


def with_captions(article: Article) -> Article:
    """Photo captions describe the story ('Healey, pictured next to Fedorov'): read them, minus the credit."""
    captions = [PHOTO_CREDIT.sub("", c).strip() for c in article.credits]
    captions = [c for c in captions if len(c.split()) >= 4 and c not in article.text]
    if not captions:
        return article
    return dataclasses.replace(article, text=article.text + "".join("\n\n" + c for c in captions))


@contextmanager
def stage(summary: BuildSummary, name: str):
    start = time.perf_counter()
    yield
    summary.seconds[name] = summary.seconds.get(name, 0.0) + time.perf_counter() - start


def extract_corpus(articles: list[Article], settings: Settings, summary: BuildSummary) -> KnowledgeGraph:
    """Articles to the resolved knowledge graph (NLP, extraction, resolution)."""
    ontology = load_ontology(settings.ontology_dir)
    nlp = load_pipeline(settings.model, ontology)
    articles = [with_captions(a) for a in articles]
    with stage(summary, "nlp"):
        docs = list(tqdm(parse_articles(nlp, articles, settings.batch_size, settings.jobs), total=len(articles),
                         desc="parsing", unit="article", disable=not settings.progress))
    summary.words = sum(len(d) for d in docs)
    with stage(summary, "extract"):
        extractions = extract_docs(nlp, docs, ontology)
    with stage(summary, "resolve"):
        return resolve(extractions, ontology)


def build_corpus(corpus: Path, out_dir: Path, settings: Settings, with_views: bool = True) -> BuildSummary:
    """Build graph.ttl (and the views) from a folder of articles; outputs appear whole or not at all."""
    summary = BuildSummary()
    with stage(summary, "read"):
        articles, notes = load_articles(Path(corpus), settings.max_doc_chars)
    summary.skipped.extend(notes)
    summary.articles = len(articles)
    kg = extract_corpus(articles, settings, summary)
    with stage(summary, "rdf"):
        graph, low = build_graphs(kg, load_ontology_graph(settings.ontology_dir), settings.base_iri,
                                  settings.min_confidence)
        main_bytes, low_bytes = turtle_bytes(graph), turtle_bytes(low)
    summary.entities, summary.facts, summary.triples = len(kg.entities), len(kg.facts), len(graph)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with output_lock(out_dir):
        atomic_write_bytes(out_dir / "graph.ttl", main_bytes)
        atomic_write_bytes(out_dir / "low-confidence.ttl", low_bytes)
        summary.outputs += [out_dir / "graph.ttl", out_dir / "low-confidence.ttl"]
        extra = [f for f in settings.formats if f != "ttl"]
        if extra:
            from kg.serialize import write_formats
            with stage(summary, "rdf"):
                summary.outputs += list(write_formats(graph, out_dir, extra).values())
        if with_views:
            write_views(graph, out_dir, summary)
    return summary


def write_views(graph, out_dir: Path, summary: BuildSummary) -> None:
    from kg.analyse import write_stats
    from kg.render import render_html
    from kg.report import write_report

    with stage(summary, "analyse"):
        summary.outputs.append(write_stats(graph, out_dir / "stats.json"))
    with stage(summary, "render"):
        summary.outputs.append(render_html(graph, out_dir / "graph.html"))
        summary.outputs.extend(write_report(graph, out_dir))
