"""Where parsing runs: in this process (optionally spaCy's own worker processes) or on a Dask cluster.

Only parsing is distributed. Extraction has a corpus-level second pass: multiword organisation
and event names found in one article are looked for in every other one before relations are
read, so an article's mentions and relations depend on the whole corpus. Splitting extraction
across workers would therefore either change the graph or need a second round trip per article.
Instead the workers parse (the expensive, purely per-article step) and send each `Doc` back as
bytes; the driver rebuilds the Docs in its own vocab and runs extraction and resolution exactly
as a local build does. The graph is the same whichever engine parsed the articles.

Workers must have this package, the same spaCy model and the same ontology installed: each result
carries the worker's pipeline fingerprint (`kg.cache.pipeline_fingerprint`) and a mismatch is an
error rather than a silently different graph.
"""
from __future__ import annotations

import logging
import math
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from tqdm import tqdm

from kg.cache import doc_bytes, doc_from_bytes, pipeline_fingerprint
from kg.config import Settings
from kg.errors import KGError, ModelError
from kg.models import Article
from kg.nlp import load_pipeline, parse_articles
from kg.ontology import load_ontology

ENGINES = ("local", "dask")
# Local cluster started when no scheduler address is given.
LOCAL_WORKERS = 2


def parse_local(nlp: Language, articles: Sequence[Article], settings: Settings) -> Iterator[Doc]:
    """`nlp.pipe` in this process, or in `settings.jobs` processes (spaCy's own multiprocessing).

    Docs are yielded as they are parsed, so the caller can cache each one at once.
    """
    yield from tqdm(parse_articles(nlp, articles, settings.batch_size, settings.jobs), total=len(articles),
                    desc="parsing", unit="article", disable=not settings.progress)


def parse_chunk(texts: list[str], model: str, ontology_dir: str, pipe_batch: int) -> tuple[str, list[bytes]]:
    """Worker side: parse `texts`, return the pipeline fingerprint and each Doc as bytes.

    The model is loaded once per worker process (`load_pipeline` is memoised).
    """
    ontology = load_ontology(Path(ontology_dir))
    nlp = load_pipeline(model, ontology)
    fingerprint = pipeline_fingerprint(nlp, model, Path(ontology_dir))
    return fingerprint, [doc_bytes(doc) for doc in nlp.pipe(texts, batch_size=pipe_batch)]


def chunk_size(n_articles: int, n_workers: int, batch_size: int) -> int:
    """Small enough to keep every worker busy (about four chunks each), at most one spaCy batch."""
    return max(1, min(batch_size, math.ceil(n_articles / max(1, 4 * n_workers))))


def parse_dask(nlp: Language, articles: Sequence[Article], settings: Settings,
               scheduler: str | None = None, n_workers: int = LOCAL_WORKERS) -> list[Doc]:
    """Parse on a Dask cluster: the one at `scheduler`, or a local one of `n_workers` processes.

    A local cluster (and the client) is closed before returning, also on errors and Ctrl-C.
    """
    if not articles:
        return []
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as err:
        raise KGError("--engine dask needs dask[distributed] (pip install 'dask[distributed]')") from err
    expected = pipeline_fingerprint(nlp, settings.model, settings.ontology_dir)
    with ExitStack() as stack:
        if scheduler:
            client = stack.enter_context(Client(scheduler))
        else:
            cluster = stack.enter_context(LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                                                       dashboard_address=":0", silence_logs=logging.ERROR))
            client = stack.enter_context(Client(cluster))
        workers = max(1, len(client.scheduler_info().get("workers", {})) or n_workers)
        size = chunk_size(len(articles), workers, settings.batch_size)
        chunks = [list(articles[i:i + size]) for i in range(0, len(articles), size)]
        futures = client.map(parse_chunk, [[a.text for a in chunk] for chunk in chunks],
                             model=settings.model, ontology_dir=str(settings.ontology_dir),
                             pipe_batch=settings.batch_size, pure=False)  # `batch_size` is map's own
        with tqdm(total=len(articles), desc="parsing (dask)", unit="article",
                  disable=not settings.progress) as bar:
            for future in as_completed(futures):
                bar.update(len(chunks[futures.index(future)]))
        results = client.gather(futures)
    docs: list[Doc] = []
    for chunk, (fingerprint, payloads) in zip(chunks, results):
        if fingerprint != expected:
            raise ModelError("a Dask worker parsed with a different model, spaCy or ontology than this "
                             "build; install the same versions on every worker")
        docs.extend(doc_from_bytes(nlp, data, article) for article, data in zip(chunk, payloads))
    return docs


def parse_with(engine: str, nlp: Language, articles: Sequence[Article], settings: Settings,
               scheduler: str | None = None) -> Iterator[Doc]:
    """Parse `articles` with the named engine; Docs come back in the articles' order."""
    if engine == "local":
        return parse_local(nlp, articles, settings)
    if engine == "dask":
        return iter(parse_dask(nlp, articles, settings, scheduler=scheduler))
    raise KGError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
