"""Extraction shards: Extraction -> N-Triples -> Extraction is lossless, and the text is valid N-Triples."""
from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import BNode, Graph, Literal

from conftest import SEED_CORPUS
from kg.config import BASE_IRI
from kg.models import Article, Comment, Extraction, Mention, Provenance, Quantity, Relation
from kg.run.shards import ShardError, read_shard, read_shards, shard_name, write_shard, write_shard_file


def _tricky() -> list[Extraction]:
    odd = 'He said "no" \\ then\nleft\r\tat\x00once\x0b\x1c\x85\u2028\u2029 \ud800 — Zoë 🚀'
    healey = Mention("000", 0, 11, "John Healey", "John Healey", "Person", "ner")
    mod = Mention("000", 30, 55, "Ministry of Defence", "Ministry of Defence", "GovernmentOrganization",
                  "gazetteer", wikidata="Q1", canonical="Ministry of Defence")
    he = Mention("000", 60, 62, "He", "John Healey", "Person", "coref-pronoun")
    minister = Mention("000", 70, 88, "the Prime Minister", "prime minister", "Person", "role", country="Zoë 🚀")
    speaker = Mention("000", 90, 95, "Keir", "Keir Starmer", "Person", "ner")  # in no mention list
    article = Article("000", "000_x.txt", odd, title="", subtitle="Sub", authors=("A B", "C D", "A B"),
                      date="2025-01-02", publisher="BBC", url="https://example.org/a?b=1&c=\"2\"",
                      credits=("Photo: X", odd), kind="opinion",
                      comments=(Comment("reader", odd), Comment("", "")), language="en")
    relations = (
        Relation(healey, "leads", mod, Provenance("000", odd, 0, 62, "svo-active", 0.85, stated_by=speaker)),
        Relation(he, "role", "Defence Secretary", Provenance("000", "s", 1, 2, "apposition-role", 1 / 3)),
        Relation(mod, "amount", Quantity(Decimal("2E+8"), "GBP", "£200m"),
                 Provenance("000", "s", 3, 4, "money", 0.1 + 0.2, modality="planned")),
        Relation(mod, "amount", Quantity(Decimal("1.50"), None, "1.50"),
                 Provenance("000", "s", 3, 4, "money", 1e-17, modality="reported", stated_by=he)),
        Relation(healey, "leads", mod, Provenance("000", odd, 0, 62, "svo-active", 0.85, stated_by=speaker)),
        Relation(minister, "visits", mod, Provenance("000", "s", 1, 2, "svo", 0.5)),  # a role's country
        Relation(healey, "visits", mod, Provenance("000", "s", 1, 2, "svo", 0.5, date="2025-08")),
    )
    first = Extraction(article, (healey, mod, he, healey), relations)
    empty = Extraction(Article("001-2", "001.txt", ""), (), ())
    return [first, empty, first]


def test_round_trip_keeps_every_field_order_and_type():
    extractions = _tricky()
    back = read_shard(write_shard(extractions))
    assert back == extractions
    quantity = back[0].relations[2].object
    assert str(quantity.value) == "2E+8"  # the exact form, which the RDF stage hashes
    assert back[0].relations[1].provenance.confidence == 1 / 3
    assert back[1].article.title is None and back[0].article.title == ""
    assert back[0].relations[6].provenance.date == "2025-08" and back[0].relations[0].provenance.date is None


def test_a_shard_under_another_base_iri_uses_only_that_base():
    base = "https://example.org/news/"
    text = write_shard(_tricky(), base)
    assert BASE_IRI not in text and base + "shard#Article" in text
    assert read_shard(text, base) == _tricky()
    assert read_shard(text) == []  # read in the default base's terms, it holds no article


def test_shard_is_ntriples_one_triple_a_line():
    text = write_shard(_tricky())
    graph = Graph().parse(data=text.replace("\\uD800", "?"), format="nt")  # rdflib refuses a lone surrogate
    assert len(graph) == len(text.splitlines())
    assert all(isinstance(s, BNode) for s in graph.subjects())
    titles = [o for o in graph.objects() if isinstance(o, Literal) and str(o).startswith("He said")]
    assert titles and "\n" in titles[0]


def test_empty_shard_and_files(tmp_path):
    assert write_shard([]) == "" and read_shard("") == []
    write_shard_file(tmp_path / shard_name(0), _tricky()[:1])
    write_shard_file(tmp_path / shard_name(1), _tricky()[1:])
    assert shard_name(1) == "shard-00001.nt"
    assert read_shards(tmp_path, 2) == _tricky()


def test_a_line_that_is_not_a_shard_triple_is_an_error():
    with pytest.raises(ShardError, match="line 1"):
        read_shard("<a> <b> .\n")


@pytest.mark.slow
def test_seed_corpus_round_trips(extract):
    from kg.config import Settings
    from kg.ingest import load_articles
    from kg.pipeline import with_captions

    articles, _ = load_articles(SEED_CORPUS, Settings().max_doc_chars)
    extractions = extract(*[with_captions(a) for a in articles])
    assert sum(len(x.relations) for x in extractions) > 50
    for k in range(len(extractions)):  # one shard per article, as chunks of one article would make
        assert read_shard(write_shard(extractions[k:k + 1])) == extractions[k:k + 1]
    assert read_shard(write_shard(extractions)) == extractions
