"""Plain, frozen dataclasses that the pipeline stages pass to one another.

spaCy objects never leave the extraction stage: everything after it (resolution,
RDF, analysis) works on these types only, so it is testable without a model.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


@dataclass(frozen=True)
class SourceText:
    """One input file, decoded: what `ingest.read` hands to `ingest.clean`."""

    path: str  # path as given, for messages
    name: str  # file name, e.g. "000_9ef78bcf1b819068.txt"
    doc_id: str  # the part of the file name before the first "_" (or the stem)
    text: str
    format: str = "txt"  # txt | md | html | jsonl
    metadata: tuple[tuple[str, str], ...] = ()  # e.g. (("title", ...),) from jsonl or html <meta>


@dataclass(frozen=True)
class Comment:
    """A reader comment: kept apart from article text, attributed to its commenter."""

    author: str
    text: str


@dataclass(frozen=True)
class Article:
    """One article (a file may hold several), its text cleaned of page furniture."""

    doc_id: str  # "000"; a second article in the same file is "000-2"
    source: str  # file name it came from
    text: str  # the article body only: no headline, byline, credits, furniture
    title: str | None = None
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None  # ISO 8601 (YYYY-MM-DD) when known
    publisher: str | None = None
    url: str | None = None
    credits: tuple[str, ...] = ()  # photo credits and captions
    kind: str = "news"  # news | opinion (first person is the author)
    comments: tuple[Comment, ...] = ()
    language: str = "en"


@dataclass(frozen=True)
class Quantity:
    """A number read from text: `£200m` is Decimal(200000000) with unit "GBP"."""

    value: Decimal
    unit: str | None  # ISO 4217 currency code, or a counted noun ("soldier", "person")
    text: str  # the surface form


class Source(StrEnum):
    """Where a mention comes from, and so whether its text is a name of the entity.

    A name source's text names the entity: it may become its label or an alias. The others stand for
    an entity named elsewhere (a pronoun, 'the study', 'the Prime Minister', 'British', 'Kyiv expects'):
    they join its entity but never name it.
    """

    NER = "ner"  # spaCy's statistical NER
    GAZETTEER = "gazetteer"  # a name or alias of ontology/gazetteer.yaml
    RULE = "rule"  # a naming rule: 'the journal Nature Plants', a dateline, a quoted name
    CORPUS_NAME = "corpus-name"  # a name another article of the corpus established
    BYLINE = "byline"  # an author in the article's metadata
    PUBLISHER = "publisher"  # the article's publisher
    DEMONYM = "demonym"  # 'British' for the United Kingdom
    METONYMY = "metonymy"  # a capital for its country: 'Kyiv expects'
    ROLE = "role"  # a title for its holder: 'the Prime Minister'
    COREF_PRONOUN = "coref-pronoun"  # 'he', 'it'
    COREF_FIRST_PERSON = "coref-first-person"  # 'I' in a quotation: its speaker
    COREF_DEMONSTRATIVE = "coref-demonstrative"  # 'the company', 'this alliance'
    COREF_DEMONYM = "coref-demonym"  # 'the Spaniard': the person of that nationality just named
    COREF_RESEARCH = "coref-research"  # 'the study', 'the research': the research body doing it

    @property
    def is_name(self) -> bool:
        """Whether the mention's text is a name of its entity."""
        return self in NAME_SOURCES

    @property
    def is_coreference(self) -> bool:
        """A pronoun or description resolved to an entity named before it."""
        return self.value.startswith("coref-")

    @property
    def is_reference(self) -> bool:
        """A coreference or a role: it stands for an entity only through another mention, never alone."""
        return self.is_coreference or self is Source.ROLE


NAME_SOURCES = frozenset({Source.NER, Source.GAZETTEER, Source.RULE, Source.CORPUS_NAME, Source.BYLINE,
                          Source.PUBLISHER})


@dataclass(frozen=True)
class Mention:
    """A span of text naming an entity (or standing for one: a pronoun, "the Prime Minister")."""

    doc_id: str
    start: int  # character offsets into Article.text
    end: int
    text: str  # surface text as written
    name: str  # the name it contributes, cleaned ("Nato HQ" -> "Nato"; "Mr Healey" -> "Healey")
    cls: str  # ontology class local name: Person, Country, City, Organization, Weapon, ...
    source: Source = Source.NER  # a str given here is read as its Source
    wikidata: str | None = None  # Q-id when the gazetteer knows it
    canonical: str | None = None  # gazetteer's preferred label, if any
    country: str | None = None  # a role's country: 'the Prime Minister of the UK' -> the UK's name

    def __post_init__(self) -> None:
        if type(self.source) is not Source:  # a closed set: an unknown source is a ValueError here
            object.__setattr__(self, "source", Source(self.source))


@dataclass(frozen=True)
class Provenance:
    """Where a fact came from and how sure we are of it."""

    doc_id: str
    sentence: str
    start: int  # character offsets of the sentence in Article.text
    end: int
    rule: str  # the extraction rule that produced it, e.g. "svo-active", "apposition-role"
    confidence: float
    modality: str = "asserted"  # asserted | planned | hypothetical | reported
    stated_by: Mention | None = None  # who said it, for quotations and reported speech
    date: str | None = None  # when the sentence says the event happened: YYYY-MM-DD, YYYY-MM or YYYY


# A Relation whose predicate no lexicon entry types carries its canonical phrase after this prefix:
# "open:lift restriction on" (lemma, particle, preposition; passives turned active).
OPEN_PREFIX = "open:"


def open_predicate(phrase: str) -> str:
    return OPEN_PREFIX + phrase


def open_phrase(predicate: str) -> str | None:
    """The phrase of an open relation's predicate, None for a property of the ontology."""
    return predicate[len(OPEN_PREFIX):] if predicate.startswith(OPEN_PREFIX) else None


@dataclass(frozen=True)
class Relation:
    """subject --predicate--> object, where object is a Mention, a role text or a Quantity."""

    subject: Mention
    predicate: str  # local name of an ontology property ("chairs", "role", "amount") or an `open_predicate`
    object: Mention | Quantity | str
    provenance: Provenance


@dataclass(frozen=True)
class Extraction:
    """Everything the extraction stage found in one article."""

    article: Article
    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...]


@dataclass(frozen=True)
class Entity:
    """One real-world thing, after resolution across the whole corpus."""

    key: str  # IRI slug, e.g. "john-healey"
    label: str
    cls: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    docs: tuple[str, ...] = ()
    mentions: int = 0


@dataclass(frozen=True)
class Fact:
    """A resolved relation: entity keys instead of mentions."""

    subject: str  # Entity.key
    predicate: str
    object: str | Quantity  # Entity.key, a role text, or a Quantity
    object_is_entity: bool
    provenance: Provenance
    stated_by: str | None = None  # Entity.key of the speaker, for quotations and reported speech


@dataclass(frozen=True)
class KnowledgeGraph:
    """The resolved corpus: what the RDF stage serialises."""

    articles: tuple[Article, ...]
    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...]
    authors: tuple[tuple[str, str], ...] = ()  # (doc_id, Entity.key) from bylines
    skipped: tuple[str, ...] = field(default=())  # one-line notes on inputs that were skipped
