"""Places inside places, from the noun phrases news writes them in: an apposition with a kind of place
('Tbilisi, the capital of Georgia', 'Quito, the second city in Ecuador', "Fiji's capital, Suva") and a
place's possessive ("Moscow's Red Square", "Kenya's Tana River"); and an organisation's seat, named
around the word for it ("Acme's Denver headquarters", "FDA headquarters in nearby Silver Spring")."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.attrs import LOWER
from spacy.tokens import Token

from kg.extract.rules.context import RuleContext
from kg.extract.rules.places import COMPASS
from kg.models import Mention, Relation, Source
from kg.ontology.vocabulary import Cls

# A possessor of these classes holds what it names: "Kenya's Tana River", "Moscow's Red Square".
HOLDING_PLACES = (Cls.Country, Cls.Region, Cls.City)


def containment(ctx: RuleContext) -> Iterator[Relation]:
    """locatedIn between places named in one noun phrase."""
    for start, end, m in ctx.args.mentions.spans:
        if m.source == Source.DEMONYM or not ctx.ontology.is_a(m.cls, Cls.Place):
            continue
        root = ctx.doc[start:end].root
        for noun in apposed_place_nouns(ctx, root):
            for wider in noun_places(ctx, noun):
                if fits_inside(ctx, m, wider):
                    yield from ctx.relate(m, "locatedIn", wider, root, "place-apposition", modal=False)
        for wider in possessor_places(ctx, root):
            if fits_inside(ctx, m, wider) and not (m.cls == Cls.Region and wider.cls == Cls.City):
                yield from ctx.relate(m, "locatedIn", wider, root, "place-possessive", modal=False)


def apposed_place_nouns(ctx: RuleContext, root: Token) -> list[Token]:
    """The nouns in apposition with a place name that say what kind of place it is: 'capital', 'city'."""
    nouns = [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
    words = ctx.lexicon.place_apposition_nouns
    return [n for n in nouns if n.pos_ == "NOUN" and ctx.args.mentions.at(n) is None
            and (n.lower_ in words or n.lemma_.lower() in words)]


def noun_places(ctx: RuleContext, noun: Token) -> list[Mention]:
    """'the capital of Georgia', 'the second city in Ecuador', "Fiji's capital": the place the noun is of."""
    found = [m for c in noun.children if c.dep_ == "poss" for m in ctx.args.entities(c)]
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "in")):
        found += [m for p in prep.children if p.dep_ == "pobj" for m in ctx.args.entities(p)]
    return [m for m in found if ctx.ontology.is_a(m.cls, Cls.Place) and m.source != Source.DEMONYM]


def possessor_places(ctx: RuleContext, root: Token) -> list[Mention]:
    return [m for c in root.children if c.dep_ == "poss" for m in ctx.args.entities(c)
            if m.cls in HOLDING_PLACES and m.source != Source.DEMONYM]


def fits_inside(ctx: RuleContext, place: Mention, wider: Mention) -> bool:
    """A country is inside no country or city, a region inside no city: the wider place is not narrower."""
    if wider is place or wider.name == place.name:
        return False
    if place.cls == Cls.Country:
        return wider.cls not in (Cls.Country, Cls.City)
    return not (place.cls == Cls.Region and wider.cls == Cls.City)


def seats(ctx: RuleContext) -> Iterator[Relation]:
    """headquarteredIn from a seat noun ('headquarters') between an organisation and a place."""
    for noun in ctx.tokens_with(ctx.lexicon.seat_nouns, LOWER):
        if ctx.args.mentions.at(noun) is not None:
            continue
        owners = [m for c in noun.children if c.dep_ in ("poss", "compound") for m in ctx.args.entities(c)
                  if ctx.ontology.is_a(m.cls, Cls.Organization)]
        modifiers = [c for c in noun.children if c.dep_ in ("compound", "nmod", "npadvmod")]
        # "Acme's Rockville, Md., headquarters": the town is a modifier of the state before the noun
        modifiers += [t for c in modifiers for t in c.children if t.dep_ in ("compound", "nmod") and t.i < c.i]
        places = [m for c in modifiers for m in ctx.args.entities(c) if ctx.ontology.is_a(m.cls, Cls.Place)] \
            + place_after(ctx, noun)
        for owner in owners:
            for place in places:
                if place.source != Source.DEMONYM:
                    yield from ctx.relate(owner, "headquarteredIn", place, noun, "headquarters", modal=False)


def place_after(ctx: RuleContext, noun: Token) -> list[Mention]:
    """'headquarters in nearby Rockville', wherever the parser hung the 'in'."""
    doc, k = ctx.doc, noun.i + 1
    if k >= len(doc) or doc[k].lower_ not in ("in", "at"):
        return []
    k += 1
    while k < len(doc) and (doc[k].lower_ in ("nearby", "the", "suburban", "downtown") or COMPASS.match(doc[k].lower_)):
        k += 1
    place = ctx.args.mentions.at(doc[k]) if k < len(doc) else None
    return [place] if place is not None and ctx.ontology.is_a(place.cls, Cls.Place) else []
