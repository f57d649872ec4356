"""Tests for kg.models: a mention's source is a closed set that says whether the mention is a name."""
from __future__ import annotations

import dataclasses
import pickle

import pytest

from kg.models import NAME_SOURCES, Mention, Source


def test_a_source_given_as_text_is_read_as_its_member():
    m = Mention("a1", 0, 5, "study", "University of Edinburgh", "University", "coref-research")
    assert m.source is Source.COREF_RESEARCH and m.source == "coref-research"
    assert not m.source.is_name and m.source.is_coreference and m.source.is_reference
    assert pickle.loads(pickle.dumps(m)) == m


def test_an_unknown_source_is_an_error():
    with pytest.raises(ValueError, match="coref-guess"):
        Mention("a1", 0, 5, "it", "X", "Organization", "coref-guess")


def test_name_sources_and_references():
    assert NAME_SOURCES == {Source.NER, Source.GAZETTEER, Source.RULE, Source.CORPUS_NAME, Source.BYLINE,
                            Source.PUBLISHER}
    assert {s for s in Source if s.is_reference} == {s for s in Source if s.value.startswith("coref-")} | {
        Source.ROLE}


def test_a_copy_keeps_what_it_does_not_change():
    role = Mention("a1", 0, 18, "the Prime Minister", "prime minister", "Person", Source.ROLE, country="Ukraine")
    moved = dataclasses.replace(role, start=40, end=58, source=Source.COREF_DEMONSTRATIVE)
    assert (moved.country, moved.name, moved.canonical) == ("Ukraine", "prime minister", None)
