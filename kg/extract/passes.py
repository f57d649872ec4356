"""The extract stage's two passes over a chunk of consecutive parsed articles, as every engine runs them.

Pass 1 (`find_pass`) finds each article's mentions on its own and the chunk's multiword names;
between the passes the engine merges the names of all chunks in the articles' order
(`kg.extract.merge_names`); pass 2 (`extract_pass`) reads the rest of each article with the names
of the whole corpus. Where the chunks run and how their Docs travel between the passes is the
engines' business (`kg.run.engines`); what happens to an article is decided here.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from kg.config import Settings
from kg.extract import chunk_names, extract_doc
from kg.extract.mentions import TokenMentions, find_mentions
from kg.models import Extraction, Mention
from kg.ontology import Ontology


@dataclass(frozen=True)
class FoundMentions:
    """Pass 1 of a chunk: each article's mentions, and the chunk's names (`kg.extract.chunk_names`)."""

    mentions: list[TokenMentions]
    names: dict[str, Mention]


def find_pass(docs: Sequence[Doc], ontology: Ontology) -> FoundMentions:
    """Pass 1 over a chunk of consecutive articles: the mentions of each, on its own."""
    mentions = [find_mentions(doc, ontology) for doc in docs]
    return FoundMentions(mentions, chunk_names(mentions))


def extract_pass(nlp: Language, docs: Iterable[Doc], mentions: Sequence[TokenMentions], known: dict[str, Mention],
                 ontology: Ontology, max_sentence_tokens: int = Settings.max_sentence_tokens) -> list[Extraction]:
    """Pass 2 over a chunk: `mentions` are its `find_pass` mentions, `known` the names of the whole corpus.

    `docs` may be a generator: each Doc is made and let go in its turn."""
    return [extract_doc(nlp, doc, found, known, ontology, max_sentence_tokens)
            for doc, found in zip(docs, mentions)]
