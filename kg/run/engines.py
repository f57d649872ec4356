"""Where parsing and extraction run: in this process (or spaCy's worker processes), or on a Dask cluster.

An `Engine` takes the articles and hands back one `EngineResult` (the Extractions in the articles'
order, with counts and timings); the pipeline picks one from `ENGINES` by name (`make_engine`)
and does not care which ran: `LocalEngine` (this process; `--jobs N` parses in N processes) or
`DaskEngine` (a cluster).

Both engines run extraction in the same two rounds over chunks of consecutive articles (one
spaCy batch locally), because extraction has one corpus-level step -- multiword organisation and
event names found in one article are looked for in every other (`kg.extract`). The rounds are
the extract stage's own passes (`kg.extract.passes`); what the engines add is where they run and
how a chunk travels between them. Round 1 parses a chunk and finds its mentions (`found_in`,
giving a `Found`); round 2 continues from the `Found` with the names of the whole corpus
(`extract_found`). Between the rounds a chunk's parses are kept as bytes (a Doc without its
tensor, `kg.run.cache.doc_bytes`), never as Doc objects.

Local engine (`find_local`, then `extract_spooled`): Docs stream out of `nlp.pipe` (or spaCy's
`n_process` workers, `--jobs`) through the parse cache (`parse_cached`); each chunk's `Found` is
appended to an anonymous temporary file (the spool) as soon as it is made, and round 2 reads the
spool back one chunk at a time. So parsing holds one batch of Docs whatever the corpus size; the
spool costs about 120 bytes of disk per token and is deleted when the build ends.

Dask engine (`extract_dask`): parsing *and* extraction run on the workers; no spaCy Doc ever
comes back to this process. The two rounds are two `client.map`s:

1. Each chunk is parsed (reading and writing the parse cache from the worker) and its mentions
   found (`find_mentions`). The task's result, the chunk's Docs as bytes with their mentions,
   stays on the cluster as a future: Dask keeps it in the worker's memory and spills it to the
   worker's disk under memory pressure. Only the chunk's `chunk_names` (a few names with their
   first mention) and counts come back, through a second tiny task per chunk.
   Keeping the parses is cheaper than parsing again in round 2: parsing is most of the cost of a
   build, while a Doc without its tensor (`kg.run.cache.doc_bytes`) is a few kilobytes, so even a
   million articles fit a cluster's memory and disk; Docs are held as bytes, not objects, so
   spilling or moving one pickles only its own strings, not the whole vocabulary.
2. The driver merges the names in chunk order (`merge_names`, equal to `corpus_names` over the
   whole corpus), broadcasts them to every worker once, and maps each round-1 future to the rest
   of extraction (`extract_doc`). Each chunk's Extractions come back as an N-Triples shard
   (`kg.run.shards`, the unresolved mention graph) which the driver writes to `shard-00000.nt`, ...
   in the `--shards` folder (a temporary one if not given), so no shared file system is needed.

The driver then reads the shards back in document order and the pipeline resolves them and
writes RDF exactly as after a local build: the graph is byte-for-byte the same whichever engine
ran. Shards are plain N-Triples and can also be loaded into a store as they are.

Workers must have this package, the same spaCy model and the same ontology installed: every
task's result carries the worker's pipeline fingerprint (`kg.run.cache.pipeline_fingerprint`) and a
mismatch is an error rather than a silently different graph. A build with the default ontology
lets each worker use its own installed copy; `--ontology`-style custom folders must exist at the
same path on every worker.

The parse cache is read and written by the workers, at the folder the driver names: on a shared
file system it is shared by the whole cluster; a worker that cannot write there just parses.

Running a cluster::

    dask scheduler                                  # on one machine: tcp://host:8786
    dask worker tcp://host:8786 --nworkers 4 --nthreads 1 --memory-limit 4GB   # on each machine
    kg build corpus --out output --engine dask --scheduler tcp://host:8786 --shards shards/ --format nt

`output/graph.nt` then bulk-loads into an on-disk Oxigraph store
(`kg query output/graph.nt QUERY --store oxigraph`) or into any SPARQL 1.1 Graph Store endpoint::

    curl -X POST -H 'Content-Type: application/n-triples' --data-binary @output/graph.nt \\
         'http://localhost:3030/ds/data?default'
"""
from __future__ import annotations

import dataclasses
import itertools
import logging
import math
import pickle
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, ClassVar, Protocol, runtime_checkable

import numpy
from spacy.attrs import DEP, ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE, HEAD, LEMMA, MORPH, NORM, ORTH, POS, \
    SENT_START, SPACY, TAG
from spacy.language import Language
from spacy.tokens import Doc
from tqdm import tqdm

from kg.run.atomic import atomic_write_bytes
from kg.run.cache import DocCache, article_key, doc_bytes, doc_from_bytes, pipeline_fingerprint
from kg.config import ONTOLOGY_DIR, Settings
from kg.errors import KGError, ModelError, OutputError
from kg.extract import merge_names
from kg.extract.passes import extract_pass, find_pass
from kg.models import Article, Extraction, Mention
from kg.nlp import load_pipeline, parse_articles
from kg.ontology import Ontology, load_ontology
from kg.run.shards import read_shards, shard_name, write_shard
from kg.run.workers import end_workers_with_this_process

# Local cluster started when no scheduler address is given.
LOCAL_WORKERS = 2


def parse_local(nlp: Language, articles: Sequence[Article], settings: Settings) -> Iterator[Doc]:
    """`nlp.pipe` in this process, or in `settings.jobs` processes (spaCy's own multiprocessing).

    Docs are yielded as they are parsed, so the caller can cache each one at once.
    """
    if settings.jobs != 1:
        end_workers_with_this_process()  # a killed build leaves no parser process behind
    yield from tqdm(parse_articles(nlp, articles, settings.batch_size, settings.jobs), total=len(articles),
                    desc="parsing", unit="article", disable=not settings.progress)


@dataclass
class ParseCounts:
    """How many articles a `parse_cached` stream parses and how many it takes from the cache."""

    parsed: int = 0
    cached: int = 0


def parse_cached(nlp: Language, articles: Sequence[Article], settings: Settings, cache: DocCache | None = None,
                 refresh: bool = False) -> tuple[ParseCounts, Iterator[Doc]]:
    """The articles' Docs, in their order, streamed: from `cache` where it has them, else parsed
    (`parse_local`) and cached at once, so a build interrupted half way keeps that half.

    With `refresh` the cache is not read, only rewritten. Which entries exist is looked up ahead
    of the stream (the rest go to `nlp.pipe`); each entry is read once, when its turn comes, so
    memory stays one batch of Docs whatever the corpus size.
    """
    keys: list[str] = []
    hits = [False] * len(articles)
    if cache is not None:
        fingerprint = pipeline_fingerprint(nlp, settings.model, settings.ontology_dir)
        keys = [article_key(a, fingerprint) for a in articles]
        if not refresh:
            hits = [cache.has(key) for key in keys]
    todo = [a for a, hit in zip(articles, hits) if not hit]
    counts = ParseCounts(parsed=len(todo), cached=len(articles) - len(todo))

    def stream() -> Iterator[Doc]:
        fresh = parse_local(nlp, todo, settings) if todo else iter(())
        for k, article in enumerate(articles):
            doc = cache.get(nlp, keys[k], article) if hits[k] and cache is not None else None
            if doc is None:
                if hits[k]:  # a damaged entry: parsed on its own, and rewritten below
                    counts.cached, counts.parsed = counts.cached - 1, counts.parsed + 1
                doc = next(parse_articles(nlp, [article])) if hits[k] else next(fresh)
                # Extraction reads no vectors (see kg.run.cache.DOC_EXCLUDE): a Doc without its tensor
                # takes about a third of the memory.
                doc.tensor = numpy.zeros((0,), dtype="float32")
                if cache is not None:
                    cache.put(keys[k], article, doc_bytes(doc))
            yield doc
        next(fresh, None)  # runs the parse stream to its end: its progress bar and worker processes finish

    return counts, stream()


def chunk_size(n_articles: int, n_workers: int, batch_size: int) -> int:
    """Small enough to keep every worker busy (about four chunks each), at most one spaCy batch."""
    return max(1, min(batch_size, math.ceil(n_articles / max(1, 4 * n_workers))))


# --- worker side ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Found:
    """Round 1 of one chunk, kept on the cluster: the parses and mentions round 2 continues from."""

    fingerprint: str
    articles: tuple[Article, ...]
    docs: tuple[bytes, ...]  # kg.run.cache.doc_bytes of each article's Doc
    mentions: bytes  # pickled list of TokenMentions (one pickle keeps the shared Mention objects shared)
    names: dict[str, Mention]  # kg.extract.chunk_names
    words: int
    parsed: int
    cached: int


@dataclass(frozen=True)
class FoundSummary:
    """What of a `Found` comes back to the driver."""

    fingerprint: str
    names: dict[str, Mention]
    words: int
    parsed: int
    cached: int
    articles: int = 0


class _WorkerCache(DocCache):
    """The parse cache as a worker sees it: a folder it cannot write (no shared file system) is no cache."""

    def put(self, key: str, article: Article, data: bytes) -> None:
        try:
            super().put(key, article, data)
        except (OSError, OutputError):
            pass


def _worker_pipeline(model: str, ontology_dir: str | None):
    """This worker's ontology, pipeline and fingerprint; None = the ontology installed with the package."""
    folder = Path(ontology_dir) if ontology_dir else ONTOLOGY_DIR
    ontology = load_ontology(folder)
    nlp = load_pipeline(model, ontology)  # memoised: loaded once per worker process
    return ontology, nlp, pipeline_fingerprint(nlp, model, folder)


def found_in(docs: Sequence[Doc], ontology: Ontology, fingerprint: str = "", parsed: int = 0,
             cached: int = 0, pack: Callable[[Doc], bytes] = doc_bytes) -> Found:
    """Round 1 (`kg.extract.passes.find_pass`) on a chunk of parsed articles, in any engine, kept
    for round 2: `pack` turns each Doc into bytes."""
    found = find_pass(docs, ontology)
    return Found(fingerprint, tuple(doc._.article for doc in docs), tuple(pack(doc) for doc in docs),
                 pickle.dumps(found.mentions, protocol=pickle.HIGHEST_PROTOCOL), found.names,
                 sum(len(doc) for doc in docs), parsed, cached)


def extract_found(nlp: Language, found: Found, known: dict[str, Mention], ontology: Ontology,
                  unpack: Callable[[Language, bytes, Article], Doc] = doc_from_bytes,
                  max_sentence_tokens: int = Settings.max_sentence_tokens) -> list[Extraction]:
    """Round 2 (`kg.extract.passes.extract_pass`) on one chunk: `known` is `merge_names` over every
    chunk's names; `unpack` undoes round 1's `pack`, one Doc at a time."""
    mentions = pickle.loads(found.mentions)  # a fresh copy: the stored round-1 result is never changed
    docs = (unpack(nlp, data, article) for article, data in zip(found.articles, found.docs))
    return extract_pass(nlp, docs, mentions, known, ontology, max_sentence_tokens)


def find_chunk(articles: Sequence[Article], settings: Settings, ontology_dir: str | None,
               cache_dir: str | None, refresh: bool) -> Found:
    """Round 1 on a worker: parse the chunk (through the parse cache) and find its mentions."""
    ontology, nlp, fingerprint = _worker_pipeline(settings.model, ontology_dir)
    settings = dataclasses.replace(settings, ontology_dir=Path(ontology_dir) if ontology_dir else ONTOLOGY_DIR,
                                   jobs=1, progress=False)
    cache = _WorkerCache(Path(cache_dir)) if cache_dir else None
    counts, docs = parse_cached(nlp, articles, settings, cache=cache, refresh=refresh)
    return found_in(list(docs), ontology, fingerprint, counts.parsed, counts.cached)


def summarise(found: Found) -> FoundSummary:
    """The small part of a round-1 result that the driver needs."""
    return FoundSummary(found.fingerprint, found.names, found.words, found.parsed, found.cached,
                        len(found.articles))


def extract_chunk(found: Found, known: dict[str, Mention], settings: Settings,
                  ontology_dir: str | None) -> tuple[str, str]:
    """Round 2 on a worker: the rest of extraction; returns the fingerprint and the chunk's shard text."""
    ontology, nlp, fingerprint = _worker_pipeline(settings.model, ontology_dir)
    extractions = extract_found(nlp, found, known, ontology, max_sentence_tokens=settings.max_sentence_tokens)
    return fingerprint, write_shard(extractions, settings.base_iri)


# --- local engine --------------------------------------------------------------------------------

# Every token attribute extraction reads (ORTH and SPACY rebuild the words), as `Doc.to_array` hashes.
SPOOL_ATTRS = (ORTH, SPACY, NORM, LEMMA, POS, TAG, MORPH, HEAD, DEP, SENT_START, ENT_IOB, ENT_TYPE, ENT_ID,
               ENT_KB_ID)


def doc_arrays(doc: Doc) -> bytes:
    """A Doc's token annotations as one array (`Doc.to_array`), for this process only.

    A third of `doc_bytes`'s cost, because the strings are not written out: the hashes are looked up
    again in the vocab that made them, so the bytes are only good in the process that wrote them
    (the Dask engine, whose results may move between workers, keeps `doc_bytes`).
    """
    return pickle.dumps(doc.to_array(list(SPOOL_ATTRS)), protocol=pickle.HIGHEST_PROTOCOL)


def doc_from_arrays(nlp: Language, data: bytes, article: Article) -> Doc:
    """Undo `doc_arrays` with `nlp`'s vocab (`Doc.from_array`), and give the Doc back its Article."""
    array = pickle.loads(data)
    strings = nlp.vocab.strings
    doc = Doc(nlp.vocab, words=[strings[h] for h in array[:, 0].tolist()], spaces=array[:, 1].astype(bool).tolist())
    doc.from_array(list(SPOOL_ATTRS[2:]), array[:, 2:])
    doc._.article = article
    return doc


@dataclass
class FirstPass:
    """Round 1 of a local build: every chunk's `Found` in the spool file, and what came of them."""

    spool: IO[bytes]
    chunks: int
    names: dict[str, Mention]  # merge_names over all chunks
    words: int
    counts: ParseCounts
    find_seconds: float  # of the pass, the time spent finding mentions and spooling (not parsing)


def find_local(nlp: Language, ontology: Ontology, articles: Sequence[Article], settings: Settings,
               spool: IO[bytes], cache: DocCache | None = None, refresh: bool = False) -> FirstPass:
    """Round 1 here: parse (through the cache) and find mentions, one batch of articles at a time,
    appending each chunk's `Found` to `spool` (a binary file open for writing and reading)."""
    counts, docs = parse_cached(nlp, articles, settings, cache=cache, refresh=refresh)
    names: list[dict[str, Mention]] = []
    words, chunks, find_seconds = 0, 0, 0.0
    while chunk := list(itertools.islice(docs, settings.batch_size)):
        start = time.perf_counter()
        found = found_in(chunk, ontology, pack=doc_arrays)
        pickle.dump(found, spool, protocol=pickle.HIGHEST_PROTOCOL)
        names.append(found.names)
        words += found.words
        chunks += 1
        del chunk, found
        find_seconds += time.perf_counter() - start
    start = time.perf_counter()
    known = merge_names(names)
    return FirstPass(spool, chunks, known, words, counts, find_seconds + time.perf_counter() - start)


def extract_spooled(nlp: Language, ontology: Ontology, first: FirstPass, progress: bool = False,
                    max_sentence_tokens: int = Settings.max_sentence_tokens) -> Iterator[Extraction]:
    """Round 2 here: each spooled chunk in turn, rebuilt and extracted; Extractions in the articles' order."""
    first.spool.seek(0)
    with tqdm(total=first.counts.parsed + first.counts.cached, desc="extracting", unit="article",
              disable=not progress) as bar:
        for _ in range(first.chunks):
            extractions = extract_found(nlp, pickle.load(first.spool), first.names, ontology, doc_from_arrays,
                                        max_sentence_tokens)
            bar.update(len(extractions))
            yield from extractions


# --- Dask driver ---------------------------------------------------------------------------------

def _check(fingerprint: str, expected: str) -> None:
    if fingerprint != expected:
        raise ModelError("a Dask worker has a different model, spaCy, kg or ontology than this build; "
                         "install the same versions on every worker")


def _shard_folder(stack: ExitStack, shards_dir: Path | None) -> tuple[Path, bool]:
    """The folder shards go to, emptied of old shards; whether it is kept after the build."""
    if shards_dir is None:
        return Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kg-shards-"))), False
    folder = Path(shards_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("shard-*.nt"):  # a larger earlier run's shards would read as part of this one
        old.unlink()
    return folder, True


def _require_distributed() -> None:
    try:
        import dask.distributed  # noqa: F401
    except ImportError as err:
        raise KGError("--engine dask needs dask[distributed] (pip install 'dask[distributed]')") from err


def _dask_client(stack: ExitStack, scheduler: str | None, n_workers: int):
    """A client of the cluster at `scheduler`, or of a local cluster of `n_workers` processes; both
    are closed with `stack`, also on errors and Ctrl-C."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return stack.enter_context(Client(scheduler))
    cluster = stack.enter_context(LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                                               dashboard_address=":0", silence_logs=logging.ERROR))
    return stack.enter_context(Client(cluster))


def _worker_ontology_dir(settings: Settings) -> str | None:
    """The default ontology is the one installed with kg on each worker (None); another must be at the same path."""
    folder = Path(settings.ontology_dir).resolve()
    return None if folder == ONTOLOGY_DIR.resolve() else str(folder)


def _completed(futures: list, sizes: list[int], desc: str, progress: bool) -> Iterator[tuple[int, Any]]:
    """Each future's index and result as it completes; the progress bar counts its chunk's articles."""
    from dask.distributed import as_completed

    index = {future.key: k for k, future in enumerate(futures)}
    with tqdm(total=sum(sizes), desc=desc, unit="article", disable=not progress) as bar:
        for future, result in as_completed(futures, with_results=True):
            k = index[future.key]
            yield k, result
            bar.update(sizes[k])


def _find_round(client, chunks: list[tuple[Article, ...]], settings: Settings, ontology_dir: str | None,
                cache_dir: str | None, refresh: bool, expected: str) -> tuple[list, list[FoundSummary]]:
    """Round 1 on the cluster: parse and find mentions. The results stay on the workers (the futures
    returned); only each chunk's `FoundSummary` comes back, in chunk order."""
    found = client.map(find_chunk, chunks, settings=settings, ontology_dir=ontology_dir, cache_dir=cache_dir,
                       refresh=refresh, pure=False)
    summaries = client.map(summarise, found, pure=False)
    parts: list[FoundSummary] = [None] * len(chunks)  # type: ignore[list-item]  # all set below
    for k, part in _completed(summaries, [len(c) for c in chunks], "parsing (dask)", settings.progress):
        _check(part.fingerprint, expected)
        parts[k] = part
    return found, parts


def _submit_extraction(client, found: list, known: dict[str, Mention], settings: Settings,
                       ontology_dir: str | None) -> list:
    """Round 2 on the cluster, with the corpus names sent to every worker once: one shard per chunk."""
    [known_future] = client.scatter([known], broadcast=True)
    return client.map(extract_chunk, found, known=known_future, settings=settings, ontology_dir=ontology_dir,
                      pure=False)


def _write_shards(shards: list, sizes: list[int], folder: Path, kept: bool, expected: str, progress: bool) -> None:
    """Each chunk's shard into `folder` as it comes (atomically if the folder is kept), forgotten by the cluster."""
    for k, (fingerprint, text) in _completed(shards, sizes, "extracting (dask)", progress):
        _check(fingerprint, expected)
        data = text.encode("utf-8")
        if kept:
            atomic_write_bytes(folder / shard_name(k), data)
        else:
            (folder / shard_name(k)).write_bytes(data)
        shards[k] = None  # lets the scheduler forget the result


def extract_dask(nlp: Language, articles: Sequence[Article], settings: Settings, *,
                 scheduler: str | None = None, shards_dir: Path | None = None, cache: DocCache | None = None,
                 refresh: bool = False, n_workers: int = LOCAL_WORKERS) -> EngineResult:
    """Parse and extract on a Dask cluster (the one at `scheduler`, or a local one of `n_workers`
    processes), in two rounds (see the module docstring); return the Extractions in the articles' order.

    A local cluster (and the client) is closed before returning, also on errors and Ctrl-C.
    """
    if not articles:
        return EngineResult([])
    _require_distributed()
    expected = pipeline_fingerprint(nlp, settings.model, settings.ontology_dir)
    ontology_dir = _worker_ontology_dir(settings)
    cache_dir = str(Path(cache.folder).resolve()) if cache is not None else None
    result = EngineResult([])
    with ExitStack() as stack:
        folder, kept = _shard_folder(stack, shards_dir)
        client = _dask_client(stack, scheduler, n_workers)
        workers = max(1, len(client.scheduler_info().get("workers", {})) or n_workers)
        size = chunk_size(len(articles), workers, settings.batch_size)
        chunks = [tuple(articles[i:i + size]) for i in range(0, len(articles), size)]

        start = time.perf_counter()
        found, parts = _find_round(client, chunks, settings, ontology_dir, cache_dir, refresh, expected)
        result.words = sum(part.words for part in parts)
        result.parsed = sum(part.parsed for part in parts)
        result.cached = sum(part.cached for part in parts)
        known = merge_names(part.names for part in parts)
        result.seconds["nlp"] = time.perf_counter() - start

        start = time.perf_counter()
        shards = _submit_extraction(client, found, known, settings, ontology_dir)
        del found  # each chunk's parses are released as soon as its shard is made
        _write_shards(shards, [len(c) for c in chunks], folder, kept, expected, settings.progress)
        del shards
        # Merge: every shard back into Extractions, in the articles' order.
        result.extractions = read_shards(folder, len(chunks), settings.base_iri)
        result.shards = len(chunks)
        result.seconds["extract"] = time.perf_counter() - start
    if cache is not None:
        # The workers wrote the entries; mark them as this build's so pruning keeps them.
        cache.used.update(article_key(a, expected) for a in articles)
    return result


# --- one protocol, one result, one registry ----------------------------------------------------

@dataclass
class EngineResult:
    """What every engine hands back: the Extractions in the articles' order, and what the run took."""

    extractions: list[Extraction]
    words: int = 0
    parsed: int = 0  # articles parsed by this run
    cached: int = 0  # articles whose parse came from the cache
    shards: int = 0  # extraction shards written (Dask)
    seconds: dict[str, float] = field(default_factory=dict)  # "nlp": parsing; "extract": both passes


@runtime_checkable
class Engine(Protocol):
    """Runs parsing and the extract stage's two passes (`kg.extract.passes`) over articles, somewhere;
    every engine gives the same Extractions for the same articles."""

    name: ClassVar[str]

    def run(self, nlp: Language, ontology: Ontology, articles: Sequence[Article], settings: Settings, *,
            cache: DocCache | None = None, refresh: bool = False) -> EngineResult:
        ...


@dataclass(frozen=True)
class LocalEngine:
    """This process, parsing in `settings.jobs` processes (spaCy's own) with one batch of Docs alive;
    round 1's results wait in an anonymous spool file (`find_local`, `extract_spooled`)."""

    name: ClassVar[str] = "local"

    def run(self, nlp: Language, ontology: Ontology, articles: Sequence[Article], settings: Settings, *,
            cache: DocCache | None = None, refresh: bool = False) -> EngineResult:
        with tempfile.TemporaryFile(prefix="kg-spool-") as spool:
            start = time.perf_counter()
            first = find_local(nlp, ontology, articles, settings, spool, cache=cache, refresh=refresh)
            parsing = time.perf_counter() - start
            start = time.perf_counter()
            extractions = list(extract_spooled(nlp, ontology, first, settings.progress, settings.max_sentence_tokens))
            extracting = time.perf_counter() - start
        # finding mentions runs between the parses but is extraction's work: booked there
        seconds = {"nlp": parsing - first.find_seconds, "extract": extracting + first.find_seconds}
        return EngineResult(extractions, first.words, first.counts.parsed, first.counts.cached, seconds=seconds)


@dataclass(frozen=True)
class DaskEngine:
    """A Dask cluster: the one at `scheduler`, or a local one of `n_workers` processes (`extract_dask`);
    `shards_dir` keeps the extraction shards."""

    scheduler: str | None = None
    shards_dir: Path | None = None
    n_workers: int = LOCAL_WORKERS
    name: ClassVar[str] = "dask"

    def run(self, nlp: Language, ontology: Ontology, articles: Sequence[Article], settings: Settings, *,
            cache: DocCache | None = None, refresh: bool = False) -> EngineResult:
        return extract_dask(nlp, articles, settings, scheduler=self.scheduler, shards_dir=self.shards_dir,
                            cache=cache, refresh=refresh, n_workers=self.n_workers)


# Engines by the name `kg build --engine` takes.
ENGINES: dict[str, type[LocalEngine] | type[DaskEngine]] = {e.name: e for e in (LocalEngine, DaskEngine)}


def make_engine(name: str, **options: object) -> Engine:
    """The engine registered as `name`, made with the `options` that are set (None = not set).

    >>> make_engine("dask", scheduler="tcp://10.0.0.5:8786").scheduler
    'tcp://10.0.0.5:8786'
    """
    if name not in ENGINES:
        raise KGError(f"unknown engine {name!r} (choose from {', '.join(ENGINES)})")
    engine = ENGINES[name]
    given = {key: value for key, value in options.items() if value is not None}
    unknown = sorted(set(given) - {f.name for f in dataclasses.fields(engine)})
    if unknown:
        raise KGError(f"the {name} engine takes no {', '.join(unknown)}")
    return engine(**given)  # type: ignore[arg-type]
