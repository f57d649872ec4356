"""Tests for kg.run.engines: the Engine protocol and registry; the local engine's two rounds through a
spool file, one batch of Docs alive at a time (the Dask engine is in test_parallel.py)."""
from __future__ import annotations

import dataclasses
import gc
import tempfile

import pytest
from spacy.tokens import Doc

import kg.run.engines as engines
from conftest import SEED_CORPUS, extract_at_once, triples
from kg.run.cache import DocCache
from kg.config import Settings
from kg.ingest import load_articles
from kg.nlp import parse_articles


@pytest.fixture(scope="module")
def seed_articles():
    articles, _ = load_articles(SEED_CORPUS, Settings().max_doc_chars)
    return articles


def _live_docs() -> int:
    return sum(1 for o in gc.get_objects() if isinstance(o, Doc))


def _spooled(nlp, ontology, articles, settings, cache=None, refresh=False):
    with tempfile.TemporaryFile() as spool:
        first = engines.find_local(nlp, ontology, articles, settings, spool, cache=cache, refresh=refresh)
        return first, list(engines.extract_spooled(nlp, ontology, first))


@pytest.mark.slow
def test_spooled_rounds_extract_what_all_docs_at_once_do(nlp, ontology, seed_articles):
    at_once = extract_at_once(nlp, list(parse_articles(nlp, seed_articles)), ontology)
    # batches of two: the corpus names of three chunks are merged, as on a cluster
    first, spooled = _spooled(nlp, ontology, seed_articles, Settings(progress=False, batch_size=2))
    assert first.chunks == 3 and first.counts.parsed == len(seed_articles)
    assert [x.article for x in spooled] == [x.article for x in at_once]
    assert triples(spooled) == triples(at_once)
    assert [x.mentions for x in spooled] == [x.mentions for x in at_once]
    assert first.words == sum(len(nlp(a.text)) for a in seed_articles)


@pytest.mark.slow
def test_parsing_holds_one_batch_of_docs_not_the_corpus(nlp, ontology, seed_articles, monkeypatch):
    # Eight articles parsed in batches of one: Docs alive while each chunk's mentions are found.
    articles = [dataclasses.replace(a, doc_id=f"{a.doc_id}-{k}") for k in range(2) for a in seed_articles][:8]
    alive: list[int] = []
    found_in = engines.found_in

    def counting(docs, *args, **kw):
        gc.collect()
        alive.append(_live_docs())
        return found_in(docs, *args, **kw)

    monkeypatch.setattr(engines, "found_in", counting)
    gc.collect()
    before = _live_docs()
    first, spooled = _spooled(nlp, ontology, articles, Settings(progress=False, batch_size=1))
    assert len(alive) == len(articles) == len(spooled)
    # nlp.pipe reads one batch ahead: at most a few Docs, never one per article parsed so far
    assert max(alive) - before <= 3, alive
    assert first.spool.closed


@pytest.mark.slow
def test_cached_stream_parses_only_what_the_cache_lacks(nlp, ontology, seed_articles, tmp_path):
    settings = Settings(progress=False, batch_size=2)
    cache = DocCache(tmp_path / "cache")
    first, fresh = _spooled(nlp, ontology, seed_articles[:3], settings, cache=cache)
    assert (first.counts.parsed, first.counts.cached) == (3, 0)
    first, mixed = _spooled(nlp, ontology, seed_articles, settings, cache=cache)
    assert (first.counts.parsed, first.counts.cached) == (len(seed_articles) - 3, 3)
    # a damaged entry found after the check is parsed on its own, in its place
    counts, docs = engines.parse_cached(nlp, seed_articles, settings, cache=cache)
    assert counts.cached == len(seed_articles)
    for path in (tmp_path / "cache").glob("*/*.kgdoc"):
        path.write_bytes(b"damaged")
    assert [d._.article for d in docs] == seed_articles
    assert (counts.parsed, counts.cached) == (len(seed_articles), 0)  # each damaged entry was parsed again
    first, refreshed = _spooled(nlp, ontology, seed_articles, settings, cache=cache, refresh=True)
    assert first.counts.parsed == len(seed_articles)
    assert triples(refreshed) == triples(mixed)  # cached parses extract as fresh ones do


def test_spooled_doc_keeps_every_annotation_extraction_reads(nlp, seed_articles):
    doc = next(parse_articles(nlp, seed_articles[:1]))
    back = engines.doc_from_arrays(nlp, engines.doc_arrays(doc), doc._.article)

    def annotations(d: Doc) -> list[tuple]:
        return [(t.text, t.whitespace_, t.norm_, t.lemma_, t.pos_, t.tag_, str(t.morph), t.head.i, t.dep_,
                 t.is_sent_start, t.ent_iob_, t.ent_type_, t.ent_id_, t.ent_kb_id_) for t in d]

    assert back.text == doc.text and annotations(back) == annotations(doc)
    assert [(e.start, e.end, e.label_, e.ent_id_) for e in back.ents] == [(e.start, e.end, e.label_, e.ent_id_)
                                                                          for e in doc.ents]
    assert back._.article == doc._.article


def test_engines_are_registered_by_name_and_made_with_their_options(tmp_path):
    assert list(engines.ENGINES) == ["local", "dask"]
    assert isinstance(engines.make_engine("local", scheduler=None, shards_dir=None), engines.LocalEngine)
    dask = engines.make_engine("dask", scheduler="tcp://10.0.0.5:8786", shards_dir=tmp_path)
    assert (dask.name, dask.scheduler, dask.shards_dir) == ("dask", "tcp://10.0.0.5:8786", tmp_path)
    assert all(isinstance(engine, engines.Engine) for engine in (engines.LocalEngine(), dask))


def test_an_unknown_engine_or_option_is_an_error():
    from kg.errors import KGError

    with pytest.raises(KGError, match=r"^unknown engine 'spark' \(choose from local, dask\)$"):
        engines.make_engine("spark")
    with pytest.raises(KGError, match=r"^the local engine takes no scheduler$"):
        engines.make_engine("local", scheduler="tcp://10.0.0.5:8786")


def test_the_command_line_offers_the_registered_engines():
    from kg.cli import build

    option = next(p for p in build.params if p.name == "engine")
    assert list(option.type.choices) == list(engines.ENGINES)


@pytest.mark.slow
def test_the_local_engine_returns_one_result_with_its_bookkeeping(nlp, ontology, seed_articles):
    settings = Settings(progress=False, batch_size=4)
    result = engines.make_engine("local").run(nlp, ontology, seed_articles, settings)
    docs = list(parse_articles(nlp, seed_articles))
    at_once = extract_at_once(nlp, docs, ontology)
    assert isinstance(result, engines.EngineResult)
    assert triples(result.extractions) == triples(at_once)
    assert (result.parsed, result.cached, result.shards) == (len(seed_articles), 0, 0)
    assert set(result.seconds) == {"nlp", "extract"} and min(result.seconds.values()) >= 0
    assert result.words == sum(len(doc) for doc in docs)


@pytest.mark.slow
def test_a_pipeline_takes_an_engine_object_as_well_as_a_name(tmp_path, seed_build):
    from kg.pipeline import build_corpus

    class Counting(engines.LocalEngine):
        runs = 0

        def run(self, *args, **kwargs):
            Counting.runs += 1
            return super().run(*args, **kwargs)

    build_corpus(SEED_CORPUS, tmp_path, Settings(progress=False), with_views=False, engine=Counting(),
                 use_cache=False)
    assert Counting.runs == 1
    assert (tmp_path / "graph.ttl").read_bytes() == seed_build.read_bytes()
