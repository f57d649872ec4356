"""The spaCy stage: load a model, add an entity ruler fed by the gazetteer, parse articles in batches."""
from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import ModelError
from kg.models import Article
from kg.ontology import Ontology

# Gazetteer class -> the spaCy label the ruler gives its names, so NER and ruler agree.
RULER_LABELS = {
    "Country": "GPE", "City": "GPE", "Region": "LOC", "Continent": "LOC", "Person": "PERSON",
    "Weapon": "PRODUCT", "Drone": "PRODUCT", "Missile": "PRODUCT",
}

if not Doc.has_extension("article"):
    Doc.set_extension("article", default=None)


def ruler_patterns(ontology: Ontology) -> list[dict]:
    """Entity-ruler patterns for every gazetteer name, alias and demonym, with the entry as id."""
    patterns: list[dict] = []
    for entry in ontology.gazetteer:
        label = RULER_LABELS.get(entry.cls, "ORG")
        for name in dict.fromkeys((entry.name, *entry.aliases)):
            patterns.append({"label": label, "pattern": name, "id": entry.name})
        for demonym in entry.demonyms:
            patterns.append({"label": "NORP", "pattern": demonym, "id": entry.name})
    return patterns


@functools.lru_cache(maxsize=2)
def load_pipeline(model: str, ontology: Ontology) -> Language:
    """The named model with the gazetteer's entity ruler placed before its statistical NER."""
    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise ModelError(
            f"spaCy model {model!r} is not installed (pip install it, or pass --model NAME)") from err
    before = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe("entity_ruler", name="gazetteer_ruler", config={"overwrite_ents": True}, **before)
    ruler.add_patterns(ruler_patterns(ontology))
    events = nlp.add_pipe("entity_ruler", name="event_ruler", config={"overwrite_ents": True},
                          **({"after": "ner"} if "ner" in nlp.pipe_names else {}))
    events.add_patterns(event_patterns(ontology))
    return nlp


def event_patterns(ontology: Ontology) -> list[dict]:
    """Capitalised names ending in an event noun: 'Munich Security Conference', 'Paris Peace Summit'."""
    heads = sorted(noun.capitalize() for noun, cls in ontology.lexicon.get("class_nouns", {}).items()
                   if ontology.is_a(cls, "Event"))
    return [{"label": "EVENT", "pattern": [{"IS_TITLE": True, "OP": "+"}, {"ORTH": {"IN": heads}}]}]


def parse_articles(nlp: Language, articles: Iterable[Article], batch_size: int = 32,
                   n_process: int = 1) -> Iterator[Doc]:
    """Parse article texts with `nlp.pipe`; each Doc carries its Article as `doc._.article`."""
    stream = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(stream, as_tuples=True, batch_size=batch_size, n_process=n_process):
        doc._.article = article
        yield doc
