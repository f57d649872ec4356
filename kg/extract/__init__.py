"""Extraction stage: parsed articles -> mentions and relations (spaCy objects stop here).

Extraction runs in two passes. The first finds each article's mentions on its own
(`find_mentions`); between the passes the multiword organisation and event names found anywhere
are collected (`corpus_names`); the second looks for those names in every article
(`add_known_names`) and then reads references, arguments and relations (`extract_doc`), again one
article at a time. Only the collection step sees the whole corpus, and it is mergeable: the names
of a corpus are `merge_names` of the `chunk_names` of its consecutive chunks, so the two passes
can run on different machines (`kg.run.engines`) and give what one chunk of all the articles gives.
The passes over a chunk, as every engine runs them, are in `kg.extract.passes`.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.arguments import ArgumentFinder
from kg.extract.coref import resolve_references
from kg.extract.mentions import TokenMentions, add_known_names
from kg.extract.rules import RuleContext, relations
from kg.config import Settings
from kg.models import Extraction, Mention, Source
from kg.ontology import Ontology, fold
from kg.ontology.vocabulary import Cls

# Only names this long are looked for again across the corpus: short ones are too ambiguous.
KNOWN_NAME_MIN_WORDS = 3


def byline_mentions(doc: Doc, ontology: Ontology) -> list[Mention]:
    """Authors and publisher named in the metadata are entities even when the text never names them."""
    article = doc._.article
    found = [Mention(doc_id=article.doc_id, start=0, end=0, text=name, name=name, cls=Cls.Person,
                     source=Source.BYLINE)
             for name in article.authors]
    if article.publisher:
        entry = ontology.gazetteer_index.get(fold(article.publisher))
        found.append(Mention(doc_id=article.doc_id, start=0, end=0, text=article.publisher,
                             name=entry.name if entry else article.publisher,
                             cls=entry.cls if entry else Cls.NewsOrganization, source=Source.PUBLISHER,
                             wikidata=entry.wikidata if entry else None, canonical=entry.name if entry else None))
    return found


def chunk_names(found: Iterable[TokenMentions]) -> dict[str, Mention]:
    """Multiword organisation and event names in some consecutive articles, each with its first mention.

    Insertion order is the articles' order; `merge_names` relies on it.
    """
    names: dict[str, Mention] = {}
    for mentions in found:
        for _, _, m in mentions.spans:
            if m.source in (Source.NER, Source.RULE, Source.GAZETTEER) and len(m.name.split()) >= KNOWN_NAME_MIN_WORDS \
                    and m.cls not in (Cls.Person, Cls.Country, Cls.City):
                names.setdefault(m.name, m)
    return names


def merge_names(parts: Iterable[dict[str, Mention]]) -> dict[str, Mention]:
    """The corpus names from the `chunk_names` of consecutive chunks, given in the articles' order.

    The first mention of a name in the corpus is the first in the first chunk that has it, so the
    result equals `corpus_names` over all the articles at once; sorted by name.
    """
    names: dict[str, Mention] = {}
    for part in parts:
        for name, mention in part.items():
            names.setdefault(name, mention)
    return dict(sorted(names.items()))


def corpus_names(found: Sequence[TokenMentions]) -> dict[str, Mention]:
    """Multiword organisation and event names established somewhere in the corpus."""
    return merge_names([chunk_names(found)])


def extract_doc(nlp: Language, doc: Doc, mentions: TokenMentions, known: dict[str, Mention],
                ontology: Ontology, max_sentence_tokens: int = Settings.max_sentence_tokens) -> Extraction:
    """The second pass over one article: `mentions` is its `find_mentions`, `known` the `corpus_names`;
    no relation is read from a sentence over `max_sentence_tokens` tokens."""
    add_known_names(doc, mentions, known)
    refs = resolve_references(doc, mentions, ontology)
    finder = ArgumentFinder(doc, mentions, refs, ontology)
    found = tuple(relations(RuleContext(doc, ontology, finder, max_sentence_tokens)))
    all_mentions = tuple(m for _, _, m in mentions.spans) + tuple(byline_mentions(doc, ontology)) + tuple(
        dict.fromkeys(refs.values()))
    return Extraction(doc._.article, all_mentions, found)

