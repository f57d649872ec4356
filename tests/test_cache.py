"""kg.run.cache: cache keys, entries on disk, and incremental builds that re-parse only what changed."""
from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
import spacy
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.run.cache import DocCache, article_key, doc_bytes, ontology_fingerprint
from kg.config import ONTOLOGY_DIR, Settings
from kg.models import Article

from conftest import SEED_CORPUS

ARTICLE = Article("001", "001_x.txt", "Keir Starmer met Emmanuel Macron in Paris.", title="Talks",
                  authors=("Jane Doe",), date="2025-01-02")


def test_key_depends_on_text_metadata_and_fingerprint():
    key = article_key(ARTICLE, "fp")
    assert key == article_key(dataclasses.replace(ARTICLE), "fp")
    assert key != article_key(dataclasses.replace(ARTICLE, text=ARTICLE.text + " "), "fp")
    assert key != article_key(dataclasses.replace(ARTICLE, authors=("John Doe",)), "fp")
    assert key != article_key(dataclasses.replace(ARTICLE, doc_id="002"), "fp")
    assert key != article_key(ARTICLE, "other-fp")


def test_ontology_fingerprint_follows_every_file(tmp_path):
    onto = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY_DIR, onto)
    before = ontology_fingerprint(onto)
    assert before == ontology_fingerprint(ONTOLOGY_DIR)
    gazetteer = onto / "gazetteer.yaml"
    gazetteer.write_text(gazetteer.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert ontology_fingerprint(onto) != before


@pytest.fixture()
def blank():
    return spacy.blank("en")


def test_entry_round_trip(tmp_path, blank):
    cache = DocCache(tmp_path / "cache")
    doc = blank(ARTICLE.text)
    key = article_key(ARTICLE, "fp")
    assert cache.get(blank, key, ARTICLE) is None
    cache.put(key, ARTICLE, doc_bytes(doc))
    again = cache.get(blank, key, ARTICLE)
    assert again is not None
    assert [t.text for t in again] == [t.text for t in doc]
    assert again._.article == ARTICLE
    assert not list((tmp_path / "cache").rglob("*.tmp"))


def test_damaged_or_foreign_entry_is_a_miss(tmp_path, blank):
    cache = DocCache(tmp_path / "cache")
    key = article_key(ARTICLE, "fp")
    cache.put(key, ARTICLE, doc_bytes(blank(ARTICLE.text)))
    assert cache.get(blank, key, dataclasses.replace(ARTICLE, title="Other")) is None
    entry = next((tmp_path / "cache").rglob("*.kgdoc"))
    entry.write_bytes(entry.read_bytes()[:20])
    assert cache.get(blank, key, ARTICLE) is None


def test_prune_keeps_only_used_entries(tmp_path, blank):
    cache = DocCache(tmp_path / "cache")
    other = dataclasses.replace(ARTICLE, doc_id="002")
    cache.put(article_key(ARTICLE, "fp"), ARTICLE, doc_bytes(blank(ARTICLE.text)))
    cache.put(article_key(other, "fp"), other, doc_bytes(blank(other.text)))
    later = DocCache(tmp_path / "cache")
    assert later.get(blank, article_key(ARTICLE, "fp"), ARTICLE) is not None
    assert later.prune() == 1
    assert len(list((tmp_path / "cache").rglob("*.kgdoc"))) == 1


def _build(corpus: Path, out: Path, **kw):
    from kg.pipeline import build_corpus

    return build_corpus(corpus, out, Settings(progress=False), with_views=False, **kw)


def _graph(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


@pytest.mark.slow
def test_rebuild_parses_only_the_edited_article(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    out = tmp_path / "out"
    first = _build(corpus, out)
    assert (first.parsed, first.cached) == (first.articles, 0)
    assert (out / ".kg-cache").is_dir()

    unchanged = _build(corpus, out)
    assert (unchanged.parsed, unchanged.cached) == (0, first.articles)
    assert "unchanged from the cache" in unchanged.describe()

    edited = sorted(corpus.glob("*.txt"))[0]
    lines = edited.read_text(encoding="utf-8").splitlines()
    body = max(range(len(lines)), key=lambda i: len(lines[i]))  # a paragraph of the article body
    lines[body] += " Keir Starmer met Emmanuel Macron in Paris on Monday."
    edited.write_text("\n".join(lines) + "\n", encoding="utf-8")
    second = _build(corpus, out)
    assert (second.parsed, second.cached) == (1, first.articles - 1)
    # The edited article's old entry is pruned: one entry per article.
    assert len(list((out / ".kg-cache").rglob("*.kgdoc"))) == first.articles

    fresh = tmp_path / "fresh"
    clean = _build(corpus, fresh, use_cache=False)
    assert clean.parsed == clean.articles
    assert not (fresh / ".kg-cache").exists()
    assert isomorphic(_graph(out / "graph.ttl"), _graph(fresh / "graph.ttl"))

    forced = _build(corpus, out, clean=True)
    assert (forced.parsed, forced.cached) == (forced.articles, 0)
    assert isomorphic(_graph(out / "graph.ttl"), _graph(fresh / "graph.ttl"))


@pytest.mark.slow
def test_explicit_cache_dir_is_shared_and_not_pruned(tmp_path):
    cache_dir = tmp_path / "shared-cache"
    first = _build(SEED_CORPUS, tmp_path / "a", cache_dir=cache_dir)
    other = _build(SEED_CORPUS, tmp_path / "b", cache_dir=cache_dir)
    assert other.cached == first.articles and other.parsed == 0
    assert not (tmp_path / "a" / ".kg-cache").exists()
