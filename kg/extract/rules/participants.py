"""Who took part in an event a trigger states, and where they were.

"Merz and Tusk met in Warsaw": a symmetric trigger with coordinated subjects and no object relates the
subjects to each other (Merz meets Tusk), and the people who met were in Warsaw (kg:presentIn). The
properties whose participants are placed so are `presence_properties` in lexicon.yaml: meeting, visiting,
attending, signing ("signed the deal in Gliwice": the signers were in Gliwice); the object is a
participant too when the property is symmetric (both sides of a meeting were there), not when it is a
document or an event. "Health Minister Aceng was in New York": a person the copula puts in a place.
"""
from __future__ import annotations

import functools
from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.rules.context import RuleContext
from kg.models import Mention, Relation
from kg.ontology import Ontology, Trigger
from kg.ontology.vocabulary import Cls


def coordinated_pairs(ctx: RuleContext, trig: Trigger, token: Token, subjects: list[Mention],
                      objects: list[Mention]) -> Iterator[Relation]:
    """'Russia and the US agreed', 'X and Y met': a symmetric trigger with no object relates its subjects."""
    if objects or trig.property not in ctx.ontology.symmetric or trig.kind != "verb":
        return
    for k, first in enumerate(subjects):
        for second in subjects[k + 1:]:
            yield from ctx.relate(first, trig.property, second, token, "coordinated")


def presence(ctx: RuleContext, trig: Trigger, token: Token, subjects: list[Mention],
             objects: list[Mention]) -> Iterator[Relation]:
    """'met Xi in Bali', 'signed the deal in Gliwice': the participants were in the place."""
    if trig.property not in ctx.lexicon.presence_properties:
        return
    places = event_places(ctx, token)
    if not places:
        return
    people = subjects + (objects if trig.property in ctx.ontology.symmetric else [])
    for who in dict.fromkeys(people):
        for place in places:
            if place != who:
                yield from ctx.relate(who, "presentIn", place, token, "present-at", modal=False)


def event_places(ctx: RuleContext, token: Token) -> list[Mention]:
    """The named places an 'in' or 'at' phrase puts the event in: on the trigger ('met at Buckingham Palace'),
    or on the event it names and a participle describing it ('attended the ceremony, held in Gliwice')."""
    holders = [token] + [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    staging = staging_verbs(ctx)
    holders += [v for noun in holders[1:] for v in noun.subtree
                if v.dep_ == "acl" and v.tag_ == "VBN" and v.lemma_.lower() in staging]
    found: list[Mention] = []
    for holder in holders:
        for prep in (c for c in holder.children if c.dep_ == "prep" and c.lower_ in ctx.lexicon.location_preps):
            found.extend(m for p in prep.children if p.dep_ == "pobj" for m in ctx.args.entities(p)
                         if ctx.ontology.is_a(m.cls, Cls.Place))
    return most_specific(ctx, list(dict.fromkeys(found)))


def most_specific(ctx: RuleContext, places: list[Mention]) -> list[Mention]:
    """'held in Tartu in southern Estonia': the city, not the country that holds it (places.py says that)."""
    wide = (Cls.Country, Cls.Continent)
    narrow = [p for p in places if not any(ctx.ontology.is_a(p.cls, w) for w in wide)]
    return narrow or places


def staging_verbs(ctx: RuleContext) -> frozenset[str]:
    """The verbs that say where an event was held ('held in Gliwice'): the lexicon's heldAt verbs."""
    return _staging_verbs(ctx.ontology)


@functools.lru_cache(maxsize=4)
def _staging_verbs(ontology: Ontology) -> frozenset[str]:
    # read from the whole lexicon: once per ontology, not once per trigger applied
    return frozenset(t.lemma for t in ontology.triggers if t.property == "heldAt" and t.kind == "verb")


def whereabouts(ctx: RuleContext) -> Iterator[Relation]:
    """'Aceng was in New York': a person the copula puts in a named place was there (not 'was behind the
    attack in X', not 'was the mayor in X': the copula says nothing but where)."""
    for _, _, person, root in ctx.people():
        verb = root.head
        if root.dep_ != "nsubj" or verb.lemma_ != "be" or ctx.negated(verb) or ctx.sentence_too_long(verb):
            continue
        preps = [c for c in verb.children if c.dep_ == "prep"]
        if any(c.dep_ in ("attr", "acomp", "ccomp", "xcomp") for c in verb.children) or not preps \
                or preps[0].lower_ not in ctx.lexicon.location_preps:
            continue
        for place in (m for p in preps[0].children if p.dep_ == "pobj" for m in ctx.args.entities(p)):
            if ctx.ontology.is_a(place.cls, Cls.Place):
                yield from ctx.relate(person, "presentIn", place, verb, "present-at")
