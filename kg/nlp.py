"""The spaCy stage: load a model, add an entity ruler fed by the gazetteer, parse articles in batches."""
from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.errors import ModelError
from kg.models import Article
from kg.ontology import Ontology
from kg.ontology.vocabulary import Cls

# spaCy's NER labels and the ontology classes they stand for, in one table read both ways. The first class of
# a label is what an NER entity of that label is when neither the gazetteer nor a head noun says more
# (`NER_CLASSES`); the gazetteer ruler tags a name of any listed class with the first label listing it
# (`RULER_LABELS`; a class not listed is tagged ORG), so NER and ruler agree. NORP names nationalities
# ("British"), which stand for their country.
NER_LABELS: dict[str, tuple[Cls, ...]] = {
    "PERSON": (Cls.Person,),
    "ORG": (Cls.Organization,),
    "GPE": (Cls.Place, Cls.Country, Cls.City),
    "LOC": (Cls.Region, Cls.Continent, Cls.CelestialBody, Cls.Star, Cls.Planet, Cls.Moon, Cls.Asteroid,
            Cls.Comet),
    "FAC": (Cls.Facility,),
    "EVENT": (Cls.Event,),
    "PRODUCT": (Cls.Product, Cls.Weapon, Cls.Drone, Cls.Missile, Cls.Rocket, Cls.Spacecraft, Cls.Satellite,
                Cls.Vessel),
    "LAW": (Cls.Document,),
    "NORP": (Cls.Country,),
}
NER_CLASSES: dict[str, Cls] = {label: classes[0] for label, classes in NER_LABELS.items()}
RULER_LABELS: dict[Cls, str] = {cls: label for label, classes in reversed(NER_LABELS.items())
                                for cls in classes}  # reversed: the first label listing a class wins

if not Doc.has_extension("article"):
    Doc.set_extension("article", default=None)


def doc_article(doc: Doc) -> Article | None:
    """`doc._.article`, read once per Doc: every `doc._` makes an accessor object anew, and each mention
    and relation asks for its article's id."""
    article = doc.user_data.get("kg.article")
    if article is None:
        article = doc.user_data["kg.article"] = doc._.article
    return article


def doc_text(doc: Doc) -> str:
    """`doc.text`, without building it: spaCy joins every token's text anew on each access.

    spaCy's tokenizer loses no character, so a Doc's text is the text of the article it was parsed
    from; the length check guards Docs made some other way.
    """
    text = doc.user_data.get("kg.text")
    if text is None:
        article = doc._.article
        last = doc[-1] if len(doc) else None
        size = last.idx + len(last.text_with_ws) if last is not None else 0
        text = article.text if article is not None and len(article.text) == size else doc.text
        doc.user_data["kg.text"] = text
    return text


def ruler_patterns(ontology: Ontology) -> list[dict]:
    """Entity-ruler patterns for every gazetteer name, alias and demonym, with the entry as id."""
    patterns: list[dict] = []
    for entry in ontology.gazetteer:
        label = RULER_LABELS.get(entry.cls, "ORG")
        names = (entry.name, *entry.aliases)
        for name in dict.fromkeys(names + tuple(ascii_form(n) for n in names)):
            patterns.append({"label": label, "pattern": name, "id": entry.name})
        for demonym in entry.demonyms:
            patterns.append({"label": "NORP", "pattern": demonym, "id": entry.name})
    return patterns


def _is_paragraph_break(token) -> bool:
    return token.is_space and token.text.count("\n") >= 2


@Language.component("kg_paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """A blank line ends a sentence: a headline without a full stop, or a paragraph ending in a quote
    mark, is not read as one sentence with the next paragraph (placed before the parser, which keeps
    boundaries set before it)."""
    for token in doc[:-1]:
        if _is_paragraph_break(token):
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.component("kg_paragraph_entities")
def paragraph_entities(doc: Doc) -> Doc:
    """No name runs over a blank line ('X.\n\nOnce' was one organisation): such an entity keeps its
    part before the break, or after it when the part before has no letter."""
    ents = []
    for ent in doc.ents:
        breaks = [t.i for t in ent if _is_paragraph_break(t)]
        if not breaks:
            ents.append(ent)
            continue
        head = doc[ent.start:breaks[0]]
        tail = doc[breaks[-1] + 1:ent.end]
        part = head if any(t.is_alpha for t in head) else tail
        if len(part) and any(t.is_alpha for t in part):
            ents.append(Span(doc, part.start, part.end, label=ent.label, kb_id=ent.kb_id, span_id=ent.id))
    doc.ents = ents
    return doc


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
    add_abbreviation_compounds(nlp, ontology)
    events = nlp.add_pipe("entity_ruler", name="event_ruler", config={"overwrite_ents": True},
                          **({"after": "ner"} if "ner" in nlp.pipe_names else {}))
    events.add_patterns(event_patterns(ontology))
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_paragraph_sentences", before="parser")
    nlp.add_pipe("kg_paragraph_entities", last=True)
    return nlp


def add_abbreviation_compounds(nlp: Language, ontology: Ontology) -> None:
    """'Santa Clara, Calif.-based': the tokenizer keeps 'Calif.-based' whole (an abbreviation's full stop
    is no break), so the gazetteer's abbreviations are split from '-based' as the other names are."""
    for entry in ontology.gazetteer:
        for name in (entry.name, *entry.aliases):
            if name.endswith(".") and " " not in name:
                for suffix in ("based", "headquartered"):
                    nlp.tokenizer.add_special_case(f"{name}-{suffix}", [{"ORTH": name}, {"ORTH": "-"},
                                                                       {"ORTH": suffix}])


def ascii_form(name: str) -> str:
    """'Brasília' -> 'Brasilia': news copy often drops the accents."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode() or name


# Entity labels of a word that cannot be the second field of 'Institute of X and Y'.
NOT_IN_FIELD = ("PERSON", "GPE", "NORP", "LOC", "FAC", "DATE", "CARDINAL")


def event_patterns(ontology: Ontology) -> list[dict]:
    """Names the statistical NER tends to miss or cut, from the lexicon's head nouns.

    'Munich Security Conference' (event nouns); 'Italian Space Agency', 'Kenya Agricultural and Livestock
    Research Organization', 'University of Edinburgh' (organisation heads, where the gazetteer ruler
    claimed the place name inside first); 'Ariane 6 rocket', 'Halcyon probe' (vehicle nouns, PRODUCT);
    '2026 FK3' (provisional designations of minor bodies).
    """
    heads = sorted(noun.capitalize() for noun, cls in ontology.lexicon.class_nouns.items()
                   if ontology.is_a(cls, Cls.Event))
    names = ontology.lexicon.name_patterns
    org_last = sorted(names.organization_heads)
    org_first = sorted(names.organization_heads_before_of)
    vehicles = sorted(names.vehicle_nouns)
    word = {"IS_TITLE": True, "LOWER": {"NOT_IN": ["the", "a", "an", "this", "that", "its", "their"]}}
    joint = {"LOWER": {"IN": ["and", "of", "for", "&"]}, "OP": "?"}
    # before the joint no word is a head: 'X National Bank and Y Commercial Bank' are two names, not one
    leading = {**word, "ORTH": {"NOT_IN": org_last}}
    # words the statistical NER put in the same organisation before the head noun stay in the name: this ruler
    # overwrites NER's entity, and 'the Reserve Bank of India', 'the NHS Counter Fraud Authority' or 'the
    # Inter-American Development Bank' are not 'Bank of India', 'Counter Fraud Authority', 'Development Bank'
    ner_before = {"ENT_TYPE": "ORG", "LOWER": {"NOT_IN": ["the", "a", "an"]}, "IS_PUNCT": False, "OP": "*"}
    ner_hyphen = {"ENT_TYPE": "ORG", "ORTH": "-", "OP": "?"}
    return [
        {"label": "EVENT", "pattern": [{"IS_TITLE": True, "OP": "+"}, {"ORTH": {"IN": heads}}]},
        {"label": "ORG", "pattern": [ner_before, ner_hyphen, leading, {**leading, "OP": "*"}, joint,
                                     {**word, "OP": "*"}, {"ORTH": {"IN": org_last}}]},
        # 'Kingsbridge Rovers', 'Holloway Athletic': a club's name ends in a team word
        {"label": "ORG", "pattern": [word, {**word, "OP": "?"}, {"ORTH": {"IN": sorted(ontology.lexicon.team_name_words)}}]},
        {"label": "ORG", "pattern": [ner_before, {"ORTH": {"IN": org_first}}, {"LOWER": {"IN": ["of", "for"]}},
                                     {"LOWER": "the", "OP": "?"}, {**word, "OP": "+"}]},
        # 'Academy of Arts and Sciences', 'Institute of Mines and Metals': a field of two joined by 'and', whose
        # second word NER put inside the name or in none; not a name NER began there ('the University of Tokyo
        # and Brown University'), nor a person or place ('the Institute of Physics and Tom Vee')
        *({"label": "ORG", "pattern": [{"ORTH": {"IN": org_first}}, {"LOWER": {"IN": ["of", "for"]}},
                                       {"LOWER": "the", "OP": "?"}, {**word, "OP": "+"}, {"LOWER": {"IN": ["and", "&"]}},
                                       {**word, "ENT_IOB": iob, "ENT_TYPE": {"NOT_IN": list(NOT_IN_FIELD)}}]}
          for iob in ("I", "O")),
        {"label": "PRODUCT", "pattern": [{"POS": "PROPN", "IS_TITLE": True, "OP": "+"},
                                         {"LIKE_NUM": True, "OP": "?"}, {"LOWER": {"IN": vehicles}}]},
        {"label": "LOC", "pattern": [{"TEXT": {"REGEX": r"^(1[89]|20)\d\d$"}},
                                     {"TEXT": {"REGEX": r"^[A-Z]{2}\d{0,3}$"}}]},
    ]


def parse_articles(nlp: Language, articles: Iterable[Article], batch_size: int = 32,
                   n_process: int = 1) -> Iterator[Doc]:
    """Parse article texts with `nlp.pipe`; each Doc carries its Article as `doc._.article`."""
    stream = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(stream, as_tuples=True, batch_size=batch_size, n_process=n_process):
        doc._.article = article
        yield doc
