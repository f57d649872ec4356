"""Where a natural disaster struck and how strong it was: 'a magnitude 6.4 earthquake hit the northern
region of Peru', 'the quake was centred in the Vestby district', 'a 6.9 tremor struck near Chala'.

The article's disaster is the event a magnitude names ('a magnitude 7.8 earthquake', made an entity in
mentions.py); when the article names one, every noun of `disasters.nouns` (lexicon.yaml) is it, and the places
that noun's 'in', 'near' or 'across' phrase names, or the verb of `disasters.verbs` it is the subject of names
(its object, its own place phrases, a participle's: 'hit at 4am, centred in X'), hold it (kg:locatedIn). Its
magnitude is its amount.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from spacy.attrs import LOWER
from spacy.tokens import Token

from kg.extract.rules.context import RuleContext
from kg.models import Mention, Quantity, Relation, Source
from kg.ontology.vocabulary import Cls

PLACE_PREPS = ("in", "near", "across", "at", "off", "along")
MAGNITUDE = re.compile(r"^magnitude (\d+(?:\.\d+)?) ")


def disaster_relations(ctx: RuleContext) -> Iterator[Relation]:
    """The article's one disaster: its magnitude and the places its nouns put it in."""
    events = {m.name: m for _, _, m in ctx.args.mentions.spans
              if m.cls == Cls.Event and m.source == Source.RULE and MAGNITUDE.match(m.name)}
    if len(events) != 1:
        return
    event = next(iter(events.values()))
    yield from magnitude(ctx, event)
    for noun in ctx.tokens_with(ctx.lexicon.disasters.nouns, LOWER):
        if noun.pos_ != "NOUN" or ctx.sentence_too_long(noun) or ctx.negated(noun):
            continue
        for place in struck_places(ctx, noun):
            yield from ctx.relate(event, "locatedIn", place, noun, "disaster-place")


def magnitude(ctx: RuleContext, event: Mention) -> Iterator[Relation]:
    """'magnitude 7.8 earthquake': 7.8 on the magnitude scale."""
    start = next(s for s, _, m in ctx.args.mentions.spans if m is event)
    try:
        value = Decimal(MAGNITUDE.match(event.name).group(1))
    except (InvalidOperation, AttributeError):
        return
    qty = Quantity(value=value, unit="magnitude", text=event.name.split(" ")[1])
    yield from ctx.relate(event, "amount", qty, ctx.doc[start], "disaster-place", modal=False)


def struck_places(ctx: RuleContext, noun: Token) -> list[Mention]:
    """The places the noun's own phrases name, and those of the verb it is the subject of and its participles."""
    found = places_under(ctx, noun)
    verb = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass") and verb.lemma_.lower() in ctx.lexicon.disasters.verbs:
        found += [m for c in verb.children if c.dep_ == "dobj" for m in ctx.args.entities(c) if is_place(ctx, m)]
        found += places_under(ctx, verb)
        for clause in verb.children:  # "hit at 4:17am, centred in the Pazarcik district"
            if clause.dep_ in ("advcl", "conj", "xcomp") and clause.lemma_.lower() in ctx.lexicon.disasters.verbs:
                found += places_under(ctx, clause)
    return list(dict.fromkeys(found))


def places_under(ctx: RuleContext, head: Token) -> list[Mention]:
    """The places of the head's place phrases."""
    return [m for c in head.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS
            for p in c.children if p.dep_ == "pobj" for m in ctx.args.entities(p) if is_place(ctx, m)]


def is_place(ctx: RuleContext, m: Mention) -> bool:
    return ctx.ontology.is_a(m.cls, Cls.Place) and m.source != Source.DEMONYM
