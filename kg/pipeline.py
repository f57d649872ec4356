"""The whole build composed in one place: read -> clean -> NLP -> extract -> resolve -> RDF -> analyse -> render."""
from __future__ import annotations

import dataclasses
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kg.run.atomic import atomic_write_bytes, is_disk_full, output_lock, staging
from kg.run.cache import CACHE_DIR_NAME, DocCache
from kg.run.collector import collector_paused
from kg.config import Settings
from kg.run.engines import Engine, make_engine
from kg.errors import OutputError
from kg.extract.limits import drop_overlong
from kg.ingest import load_articles
from kg.models import Article, KnowledgeGraph
from kg.nlp import load_pipeline
from kg.ontology import load_ontology
from kg.rdf.graph import build_graphs
from kg.rdf.ontology_graph import load_ontology_graph
from kg.rdf.serializers import FORMATS, rdf_format, write_formats
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
    parsed: int = 0  # articles parsed by this build
    cached: int = 0  # articles whose parse came from the cache

    def describe(self) -> str:
        lines = [f"built {self.articles} articles: {self.entities} entities, {self.facts} facts, "
                 f"{self.triples} triples"]
        if self.cached:
            lines.append(f"  parsed {self.parsed} articles, {self.cached} unchanged from the cache")
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


def with_headline(article: Article) -> Article:
    """A headline states the story's main facts ('Acme buys Nova for $2 billion'): read it as the first paragraph."""
    if not article.title or article.text.startswith(article.title):
        return article
    title = article.title if article.title.rstrip()[-1:] in ".!?" else article.title + "."
    return dataclasses.replace(article, text=title + "\n\n" + article.text)


@contextmanager
def stage(summary: BuildSummary, name: str):
    start = time.perf_counter()
    yield
    summary.seconds[name] = summary.seconds.get(name, 0.0) + time.perf_counter() - start


def extract_corpus(articles: list[Article], settings: Settings, summary: BuildSummary, engine: Engine, *,
                   cache: DocCache | None = None, refresh: bool = False) -> KnowledgeGraph:
    """Articles to the resolved knowledge graph (NLP, extraction, resolution).

    The engine parses and runs extraction's two passes (see `kg.run.engines`) wherever it runs them,
    and every engine hands back the same Extractions; resolution is the same either way, so the
    graph depends neither on the engine nor on the cache.
    """
    ontology = load_ontology(settings.ontology_dir)
    nlp = load_pipeline(settings.model, ontology)
    result = engine.run(nlp, ontology, [with_headline(with_captions(a)) for a in articles], settings, cache=cache,
                        refresh=refresh)
    summary.words, summary.parsed, summary.cached = result.words, result.parsed, result.cached
    for name, seconds in result.seconds.items():
        summary.seconds[name] = summary.seconds.get(name, 0.0) + seconds
    with stage(summary, "extract"):
        extractions = [drop_overlong(e, settings.max_sentence_tokens)[0] for e in result.extractions]
    with stage(summary, "resolve"), collector_paused():
        return resolve(extractions, ontology)


# The views `write_views` puts in OUT; a build without views removes these (`Staging.commit`).
VIEW_OUTPUTS = ("stats.json", "graph.html", "report.html", "report.md", "facts.csv", "entities.csv",
                "sources.csv", "graph.svg", "graph.png")


def owned_outputs() -> list[str]:
    """Every file name a build may write into OUT: both graphs in each RDF format, and the views.
    Those a build does not write again are removed when it commits: OUT never mixes two builds."""
    graphs = [fmt.path(Path(), stem).name for fmt in FORMATS.values() for stem in ("graph", "low-confidence")]
    return graphs + list(VIEW_OUTPUTS)


def build_corpus(corpus: Path, out_dir: Path, settings: Settings, with_views: bool = True, *,
                 engine: str | Engine = "local", scheduler: str | None = None, use_cache: bool = True,
                 cache_dir: Path | None = None, clean: bool = False,
                 shards_dir: Path | None = None) -> BuildSummary:
    """Build graph.ttl (and the views) from a folder of articles; outputs appear whole or not at all.

    The output folder is locked (`kg.run.atomic.output_lock`) for the whole build, so a second build
    into the same folder fails at once instead of racing this one; a lock left by a killed build
    is taken over. Parsed articles are cached in `cache_dir` (default OUT/.kg-cache); `clean`
    ignores the cache and rewrites it. The default cache is pruned to this corpus after a build;
    a cache folder given explicitly may be shared and is never pruned. `engine` is an `Engine` or
    the name of one (`kg.run.engines.ENGINES`) made with `scheduler` and `shards_dir`: with the dask
    engine, `shards_dir` keeps the extraction shards (`shard-00000.nt`, ...; see `kg.run.engines`).
    """
    if isinstance(engine, str):
        engine = make_engine(engine, scheduler=scheduler, shards_dir=shards_dir)
    out_dir = Path(out_dir)
    created = not out_dir.exists()
    try:
        # Artefacts are written to OUT/.kg-staging and renamed into OUT together at the end
        # (`kg.run.atomic.staging`): a reader never sees a new graph.ttl beside old views.
        with output_lock(out_dir), staging(out_dir) as staged:
            summary = _build_locked(corpus, out_dir, settings, with_views, engine=engine, use_cache=use_cache,
                                    cache_dir=cache_dir, clean=clean, write_dir=staged.folder)
            staged.commit(owned=owned_outputs())
            summary.outputs = [out_dir / p.name for p in summary.outputs]
            return summary
    except BaseException:
        if created and out_dir.is_dir() and not any(out_dir.iterdir()):
            out_dir.rmdir()  # do not leave an empty folder behind a build that produced nothing
        raise


def _build_locked(corpus: Path, out_dir: Path, settings: Settings, with_views: bool, *, engine: Engine,
                  use_cache: bool, cache_dir: Path | None, clean: bool,
                  write_dir: Path | None = None) -> BuildSummary:
    """The build inside the lock; artefacts go to `write_dir` (default `out_dir`)."""
    summary = BuildSummary()
    with stage(summary, "read"):
        articles, notes = load_articles(Path(corpus), settings.max_doc_chars, out_dir=out_dir)
    summary.skipped.extend(notes)
    summary.articles = len(articles)
    cache = DocCache(Path(cache_dir) if cache_dir else out_dir / CACHE_DIR_NAME) if use_cache else None
    if cache is not None:
        cache.open(clear=clean and cache_dir is None)  # --clean starts the own cache afresh: frees its space
    try:
        kg = extract_corpus(articles, settings, summary, engine, cache=cache, refresh=clean)
        _write_graphs(kg, settings, write_dir or out_dir, summary, with_views)
    except OutputError as err:
        if cache is not None and is_disk_full(err):
            cache.discard_written()  # else the next build, even of a small corpus, finds the disk full too
        raise
    if cache is not None and cache_dir is None:
        cache.prune()  # entries of articles since edited or removed
    return summary


def _write_graphs(kg, settings: Settings, out_dir: Path, summary: BuildSummary, with_views: bool) -> None:
    """graph.ttl, low-confidence.ttl, the extra formats and (`with_views`) the views, into `out_dir`."""
    with stage(summary, "rdf"), collector_paused():
        graph, low = build_graphs(kg, load_ontology_graph(settings.ontology_dir), settings.base_iri,
                                  settings.min_confidence)
        # The build's graphs go to Turtle as they are: rdflib's Turtle writer sorts them itself.
        turtle = rdf_format("ttl")
        main_bytes, low_bytes = turtle.serialize(graph), turtle.serialize(low)
    summary.entities, summary.facts, summary.triples = len(kg.entities), len(kg.facts), len(graph)
    for stem, data in (("graph", main_bytes), ("low-confidence", low_bytes)):
        atomic_write_bytes(turtle.path(out_dir, stem), data)
        summary.outputs.append(turtle.path(out_dir, stem))
    extra = [f for f in settings.formats if f != "ttl"]
    if extra:
        with stage(summary, "rdf"), collector_paused():
            summary.outputs += list(write_formats(graph, out_dir, extra).values())
    if with_views:
        write_views(graph, out_dir, summary, low)


def write_views(graph, out_dir: Path, summary: BuildSummary, low=None) -> None:
    """stats.json, graph.html and the report, sharing one view model, one analysis and one page."""
    from kg.analyse import analyse, open_phrases, write_stats
    from kg.views.graphview import write_atomic
    from kg.views.model import from_graph
    from kg.views.render import build_page
    from kg.views.report import write_report

    with stage(summary, "analyse"):
        model = from_graph(graph)  # built once: analysis, page and report all read it
        stats = analyse(model)
        if low is not None:  # open relations sit below the confidence floor: count them where they went
            stats["open_phrases"] = open_phrases(model, from_graph(low))
        summary.outputs.append(write_stats(model, out_dir / "stats.json", stats))
    with stage(summary, "render"):
        page = build_page(model)
        summary.outputs.append(write_atomic(out_dir / "graph.html", page))
    with stage(summary, "report"):
        summary.outputs.extend(write_report(model, out_dir, stats=stats, view=page))
