"""Where a disease breaks out: 'a measles outbreak in rural Kansas', 'one case of cholera in the Kasai region',
'X is battling an outbreak of Ebola', 'died of measles in Y', 'Nine more cases were reported in Z'.

The disease (a gazetteer Disease) is located in the place that the outbreak noun (`outbreaks.nouns` in
lexicon.yaml) or its verb puts it in, and in the place that records, confirms or battles it
(`outbreaks.verbs`). An outbreak noun naming no disease is the one disease the article names, and only
when the article names exactly one and a verb of `outbreaks.verbs` reports it.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Token

from kg.extract.rules.context import RuleContext
from kg.models import Mention, Relation, Source
from kg.ontology.vocabulary import Cls

PLACE_PREPS = ("in", "across", "at")
UNNAMED_NOUNS = ("outbreak", "outbreaks", "epidemic", "cases")  # "cases were reported in X": the article's disease


def outbreak_places(ctx: RuleContext) -> Iterator[Relation]:
    """locatedIn from a disease to where its outbreak, cases or deaths are."""
    diseases = [m for _, _, m in ctx.args.mentions.spans if ctx.ontology.is_a(m.cls, Cls.Disease)]
    if not diseases:
        return
    names = {m.canonical or m.name for m in diseases}
    only = diseases[0] if len(names) == 1 else None
    words = ctx.lexicon.outbreaks
    for token in ctx.tokens_with(words.nouns, LEMMA, LOWER):
        if ctx.sentence_too_long(token) or ctx.negated(token):
            continue
        # the tagger reads "A measles outbreak in X" at times as measles the subject of a verb 'outbreak'
        if token.pos_ == "NOUN" and token.lemma_.lower() in words.nouns or token.lower_ in words.nouns:
            found = named_diseases(ctx, token) or unnamed_disease(ctx, token, only)
            for disease in found:
                for place in outbreak_sites(ctx, token):
                    yield from ctx.relate(disease, "locatedIn", place, token, "outbreak-place")
        elif token.pos_ == "VERB" and token.lemma_.lower() in words.dying_verbs:
            for disease in cause_of_death(ctx, token):  # "died of measles in X"
                for place in places_under(ctx, token):
                    yield from ctx.relate(disease, "locatedIn", place, token, "outbreak-place")


def named_diseases(ctx: RuleContext, noun: Token) -> list[Mention]:
    """'a [measles] outbreak', 'an outbreak of [Ebola]', 'deaths from [cholera]'."""
    found = [ctx.args.mention(c) for c in noun.children if c.dep_ in ("compound", "amod", "nmod")
             or c.dep_ == "nsubj" and c.i == noun.i - 1]
    found += [m for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
              for p in c.children if p.dep_ == "pobj" for m in ctx.args.entities(p)]
    return [m for m in dict.fromkeys(found) if m is not None and ctx.ontology.is_a(m.cls, Cls.Disease)]


def unnamed_disease(ctx: RuleContext, noun: Token, only: Mention | None) -> list[Mention]:
    """'Nine more cases were reported in X', 'the country confirmed an outbreak': the article's one disease,
    when an outbreak verb reports the noun and nothing else is said to break out ('an outbreak of violence')."""
    if only is None or noun.lower_ not in UNNAMED_NOUNS or noun.head.lemma_.lower() not in ctx.lexicon.outbreaks.verbs:
        return []
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children) or noun.dep_ not in (
            "dobj", "nsubjpass", "nsubj"):
        return []
    return [only]


def outbreak_sites(ctx: RuleContext, noun: Token) -> list[Mention]:
    """Where the noun puts its disease: its own 'in' phrase, its verb's, or the place whose verb it is the
    object of ('Uganda has recorded one case', 'the DRC is battling an outbreak')."""
    sites = places_under(ctx, noun)
    verb = noun.head
    if noun.dep_ in ("dobj", "nsubjpass", "nsubj") and verb.pos_ in ("VERB", "AUX"):
        sites += places_under(ctx, verb)
        if noun.dep_ == "dobj" and verb.lemma_.lower() in ctx.lexicon.outbreaks.verbs:
            sites += [m for m in ctx.args.subjects(verb) if is_place(ctx, m)]
    return list(dict.fromkeys(sites))


def places_under(ctx: RuleContext, head: Token) -> list[Mention]:
    """The places of the head's 'in' / 'across' / 'at' phrases."""
    return [m for c in head.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS
            for p in c.children if p.dep_ == "pobj" for m in ctx.args.entities(p) if is_place(ctx, m)]


def cause_of_death(ctx: RuleContext, verb: Token) -> list[Mention]:
    """'died of [measles]', 'succumbed to [Ebola]', 'fell ill with [cholera]'."""
    return [m for c in verb.children if c.dep_ == "prep" and c.lower_ in ("of", "from", "to", "with")
            for p in c.children if p.dep_ == "pobj" for m in ctx.args.entities(p)
            if ctx.ontology.is_a(m.cls, Cls.Disease)]


def is_place(ctx: RuleContext, m: Mention) -> bool:
    return ctx.ontology.is_a(m.cls, Cls.Place) and m.source != Source.DEMONYM
