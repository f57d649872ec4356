"""Who took part in an event a trigger states, and where they were.

"Merz and Tusk met in Warsaw": a symmetric trigger with coordinated subjects and no object relates the
subjects to each other (Merz meets Tusk), and the people who met were in Warsaw (kg:presentIn). The
properties whose participants are placed so are `presence_properties` in lexicon.yaml: meeting, visiting,
attending, signing ("signed the deal in Gliwice": the signers were in Gliwice); the object is a
participant too when the property is symmetric (both sides of a meeting were there), not when it is a
document or an event. "Health Minister Aceng was in New York": a person the copula puts in a place.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.rules.context import RuleContext
from kg.models import Mention, Relation
from kg.ontology import Trigger
from kg.vocabulary import Cls


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
    """The named places an 'in' or 'at' phrase on the trigger puts its event in: 'met at Buckingham Palace'."""
    found: list[Mention] = []
    for prep in ctx.lexicon.location_preps:
        found.extend(m for m in ctx.args.prep_objects(token, prep) if ctx.ontology.is_a(m.cls, Cls.Place))
    return list(dict.fromkeys(found))


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
