"""People NER typed as organisations or places: the text beside a name says it is a person's.

The small model often tags a person's name ORG or GPE ('actress Mira Vance' as an organisation, 'President
Kobus Dlamini' as a place). Evidence of the text retypes such a name, never a list of people: a person noun or
title written just before it ('the actress X', 'President X'), a person noun in apposition ('X, a retired
teacher', 'his wife and co-writer, X'), an age in commas ('X, 47,'), a kin noun it owns ("X's widow"), a verb
only people are subjects of ('X was born in Y'), or a given name of the gazetteer's `given_names` starting a
name NER took for a place.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.extract.mentions import TokenMentions
from kg.extract.naming import DEFAULT_CLASSES, PLACE_PREPOSITIONS, _person_like
from kg.models import Mention, Source
from kg.ontology import Ontology, fold
from kg.ontology.vocabulary import Cls

POSSESSIVE = ("'s", "’s")
# The relative pronouns that stand for the name as the subject of the clause hung on it.
RELATIVE_SUBJECTS = ("who", "that")


def people_by_evidence(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """Retype to Person each NER name, typed an organisation or a place, that the text shows is a person's."""
    for k, (s, e, m) in enumerate(mentions.spans):
        if m.source != Source.NER or m.cls == Cls.Person or m.cls not in DEFAULT_CLASSES:
            continue
        span = doc[s:e]
        if not _name_shaped(span, m, ontology):
            continue
        if _role_before(doc, span, ontology) or _person_apposition(span, ontology) or _age_after(doc, span) \
                or _kin_owned(doc, span, ontology) or _person_subject(span, ontology) \
                or _given_name_of_a_place(doc, span, m, mentions, ontology):
            mentions.retype(k, Cls.Person)


def person_words(ontology: Ontology) -> frozenset[str]:
    """Nouns that name a person, never an organisation: the lexicon's person nouns and titles."""
    return ontology.lexicon.person_nouns | ontology.lexicon.all_titles


def _name_shaped(span: Span, m: Mention, ontology: Ontology) -> bool:
    """A name that could be a person's: one capitalised word that is no known name or class noun, or a
    two- to four-word name with no word making it a company, a team, a place or a thing. A first word that is
    a given name may also be a place's ('Sofia Lindahl', where the gazetteer ruler took 'Sofia' for the city)."""
    if len(span) == 1:
        t = span[0]
        return t.is_title and t.is_alpha and t.lower_ not in ontology.lexicon.class_nouns \
            and fold(t.text) not in ontology.gazetteer_index and fold(t.text) not in ontology.demonym_index
    if fold(span[0].text) in ontology.given_names and len(span) >= 2:
        rest = span[1:]
        return _person_like(span, m, ontology) or (
            _person_like(rest, m, ontology) if len(rest) >= 2 else _name_shaped(rest, m, ontology)
            and rest[0].text not in ontology.lexicon.company_name_words
            and rest[0].text not in ontology.lexicon.team_name_words)
    return _person_like(span, m, ontology)


def _role_before(doc: Doc, span: Span, ontology: Ontology) -> bool:
    """'porn actress X', 'President X', 'striker X': a person noun or title written just before the name. A
    title of several words names a person only after it ('fund manager X' may be a firm): one word of the
    lexicon's person nouns, or a capitalised title, before a one-word name."""
    if span.start == 0:
        return False
    word = doc[span.start - 1]
    if word.pos_ not in ("NOUN", "PROPN") or word.dep_ not in ("compound", "nmod", "appos", "amod"):
        return False
    if word.lower_ in ontology.lexicon.person_nouns:
        return True
    titles = ontology.lexicon.all_titles
    pair = doc[span.start - 2:span.start].text.lower() if span.start > 1 else ""  # 'chief executive X'
    return (word.lower_ in titles or pair in titles) and (word.is_title or len(span) > 1)


def _person_apposition(span: Span, ontology: Ontology) -> bool:
    """'X, a retired teacher', 'his wife and co-writer, X': a person noun in apposition to the name."""
    root = span.root
    nouns = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        nouns.append(root.head)
    words = person_words(ontology)
    return any(n.lower_ in words or n.lemma_.lower() in words for n in nouns if n.pos_ == "NOUN")


def _age_after(doc: Doc, span: Span) -> bool:
    """'X, 47, said': a name followed by an age set off by commas."""
    e = span.end
    return e + 2 < len(doc) and doc[e].text == "," and doc[e + 2].text == "," and doc[e + 1].is_digit \
        and 0 < int(doc[e + 1].text) < 120


def _kin_owned(doc: Doc, span: Span, ontology: Ontology) -> bool:
    """"X's widow", "X's younger brother": a name owning a kin noun is a person's."""
    if span.end >= len(doc) or doc[span.end].text not in POSSESSIVE:
        return False
    root = span.root
    return root.dep_ == "poss" and root.head.i > span.end and root.head.lower_ in ontology.lexicon.kin_nouns


def _person_subject(span: Span, ontology: Ontology) -> bool:
    """'X was born in Y', 'X married Y': the subject of a verb only people are subjects of; so is a name a
    relative clause with such a verb is hung on ('X, who was born in Y', 'X, who lives in Y'), unless an
    article makes it a common noun ('Oswald, a Marxist who lived in Minsk')."""
    root = span.root
    clauses = [(root.dep_, root.head)]
    if not any(c.dep_ == "det" for c in root.children):
        clauses += [(c.dep_, verb) for verb in root.children if verb.dep_ == "relcl"
                    for c in verb.children if c.lower_ in RELATIVE_SUBJECTS]
    for dep, verb in clauses:
        voice = {"nsubj": "active", "nsubjpass": "passive"}.get(dep)
        if voice is not None and verb.lemma_.lower() in ontology.lexicon.person_verbs.get(voice, ()):
            return True
    return False


def _given_name_of_a_place(doc: Doc, span: Span, m: Mention, mentions: TokenMentions, ontology: Ontology) -> bool:
    """'Kobus Dlamini' tagged a place: a two- or three-word name that starts with a given name, and is neither
    where something is ('in X') nor a place before its region ('X, Ohio'). NER's organisations need more than
    a given name: many firms are named after their founders."""
    if not ontology.is_a(m.cls, Cls.Place) or not 2 <= len(span) <= 3 or fold(span[0].text) not in ontology.given_names:
        return False
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS:
        return False
    after = mentions.at(doc[span.end + 1]) if span.end + 1 < len(doc) and doc[span.end].text == "," else None
    return after is None or not ontology.is_a(after.cls, Cls.Place)
