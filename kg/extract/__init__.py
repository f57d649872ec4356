"""Extraction stage: parsed articles -> mentions and relations (spaCy objects stop here)."""
from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.arguments import ArgumentFinder
from kg.extract.coref import resolve_references
from kg.extract.mentions import TokenMentions, add_known_names, find_mentions
from kg.extract.relations import RelationExtractor
from kg.models import Extraction, Mention
from kg.ontology import Ontology, fold

# Only names this long are looked for again across the corpus: short ones are too ambiguous.
KNOWN_NAME_MIN_WORDS = 3


def byline_mentions(doc: Doc, ontology: Ontology) -> list[Mention]:
    """Authors and publisher named in the metadata are entities even when the text never names them."""
    article = doc._.article
    found = [Mention(doc_id=article.doc_id, start=0, end=0, text=name, name=name, cls="Person", source="byline")
             for name in article.authors]
    if article.publisher:
        entry = ontology.gazetteer_index.get(fold(article.publisher))
        found.append(Mention(doc_id=article.doc_id, start=0, end=0, text=article.publisher,
                             name=entry.name if entry else article.publisher,
                             cls=entry.cls if entry else "NewsOrganization", source="publisher",
                             wikidata=entry.wikidata if entry else None, canonical=entry.name if entry else None))
    return found


def corpus_names(found: Sequence[TokenMentions]) -> dict[str, Mention]:
    """Multiword organisation and event names established somewhere in the corpus."""
    names: dict[str, Mention] = {}
    for mentions in found:
        for _, _, m in mentions.spans:
            if m.source in ("ner", "rule", "gazetteer") and len(m.name.split()) >= KNOWN_NAME_MIN_WORDS \
                    and m.cls not in ("Person", "Country", "City"):
                names.setdefault(m.name, m)
    return dict(sorted(names.items()))


def extract_docs(nlp: Language, docs: Sequence[Doc], ontology: Ontology) -> list[Extraction]:
    """Mentions in every article first, so names found in one article are recognised in the others."""
    found = [find_mentions(doc, ontology) for doc in docs]
    known = corpus_names(found)
    results: list[Extraction] = []
    for doc, mentions in zip(docs, found):
        add_known_names(doc, mentions, known)
        refs = resolve_references(doc, mentions, ontology)
        finder = ArgumentFinder(doc, mentions, refs, ontology)
        relations = tuple(RelationExtractor(nlp, ontology, doc, finder).relations())
        all_mentions = tuple(m for _, _, m in mentions.spans) + tuple(byline_mentions(doc, ontology)) + tuple(
            dict.fromkeys(refs.values()))
        results.append(Extraction(doc._.article, all_mentions, relations))
    return results
