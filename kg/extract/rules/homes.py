"""Where a person is from: a home noun the person owns ('her native Ohio', 'his Toledo hometown', 'his hometown
of Dayton', 'her Austin home'), or 'from' a place after the person ('Ann Ray, a welder from Toledo', 'Ann Ray is
from Toledo').

The noun's property is the lexicon's (`homes.nouns`: a hometown or a home is where one lives, a native place where
one was born); 'from' a place, said of a person rather than of a journey, is where the person lives. A place one
goes 'from' ('flew in from Paris') hangs on the verb and is not read.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.attrs import LOWER
from spacy.tokens import Token

from kg.extract.rules.context import RuleContext
from kg.extract.tokens import token_table
from kg.models import Mention, Relation, Source
from kg.ontology.vocabulary import Cls

# What ends a heading before the text about its subject: 'Ann Ray (8th Governor): Born ...'.
HEADING_ENDS = (":", "):", "--", "—")


def homes(ctx: RuleContext) -> Iterator[Relation]:
    """kg:livesIn or kg:bornIn from a person's home noun, and kg:livesIn from 'from' a place."""
    yield from home_nouns(ctx)
    yield from home_places(ctx)
    yield from born_modifiers(ctx)
    yield from headed_births(ctx)
    yield from from_places(ctx)
    yield from working_places(ctx)


def home_nouns(ctx: RuleContext) -> Iterator[Relation]:
    """'her native Ohio' (the adjective on the place), 'his Toledo hometown', 'his hometown of Dayton'."""
    nouns = ctx.lexicon.homes.nouns
    for token in ctx.tokens_with(nouns.keys(), LOWER):
        prop = nouns.get(token.lower_)
        if prop is None or ctx.args.mention(token) is not None or ctx.sentence_too_long(token):
            continue
        if token.dep_ == "amod":  # "her native Ohio": the place is the noun the adjective describes
            owned, holders = token.head, [token.head]
        else:
            owned = token
            holders = [c for c in token.children if c.dep_ in ("compound", "nmod")] + [
                p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                if p.dep_ == "pobj"]
        for person in owners(ctx, owned):
            for place in places(ctx, holders):
                yield from ctx.relate(person, prop, place, token, "home-noun", modal=False)


def home_places(ctx: RuleContext) -> Iterator[Relation]:
    """'her home state of Ohio', 'Ohio, her home state', 'Ohio, the home state of her husband, Tom Ray': a place noun
    with 'home' on it is where its owner lives."""
    kinds = ctx.lexicon.place_apposition_nouns
    for token in ctx.tokens_with({"home"}, LOWER):
        noun = token.head
        if token.dep_ != "compound" or noun.lower_ not in kinds \
                or ctx.args.mention(noun) is not None or ctx.sentence_too_long(token):
            continue
        after_of = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                    if p.dep_ == "pobj"]
        people = owners(ctx, noun) + [m for p in after_of for m in ctx.args.entities(p) + appositions(ctx, p)
                                      if m.cls == Cls.Person]
        held = after_of + [c for c in noun.children if c.dep_ in ("compound", "nmod") and c.i != token.i] + (
            [noun.head] if noun.dep_ == "appos" else [])
        for person in dict.fromkeys(people):
            for place in places(ctx, held):
                yield from ctx.relate(person, "livesIn", place, token, "home-noun", modal=False)


def born_modifiers(ctx: RuleContext) -> Iterator[Relation]:
    """'Ohio-born Ann Ray', 'the Ohio born actress Ann Ray', 'Ann Ray, Georgia born,': a place before 'born' is
    where the person it describes was born."""
    doc = ctx.doc
    for token in ctx.tokens_with({"born"}, LOWER):
        if token.i < 1 or ctx.sentence_too_long(token):
            continue
        k = token.i - 2 if doc[token.i - 1].text == "-" else token.i - 1
        place = ctx.args.mentions.at(doc[k]) if k >= 0 else None
        if place is None or place.source == Source.DEMONYM or not ctx.ontology.is_a(place.cls, Cls.Place):
            continue
        for person in born_described(ctx, token):
            yield from ctx.relate(person, "bornIn", place, token, "home-noun", modal=False)


def headed_births(ctx: RuleContext) -> Iterator[Relation]:
    """'Ann Ray (8th Governor): Born May 3, 1822, in a farmhouse in Dover, Del.': a heading names a person, and
    the 'Born' after its colon, with no subject of its own, is that person's birth; the first place 'in' after
    it (past dates and dwellings, which the parser hangs anywhere) is where."""
    doc = ctx.doc
    for born in ctx.tokens_with({"born"}, LOWER):
        if born.text != "Born" or born.i < 2 or doc[born.i - 1].text not in HEADING_ENDS or ctx.sentence_too_long(born):
            continue
        table = token_table(doc)  # the parser may end a sentence at the colon
        start, end = table.sentence_bounds(born.i - 1)[0], table.sentence_bounds(born.i)[1]
        heading = ctx.args.mentions.at(doc[start])
        if heading is None or heading.cls != Cls.Person:
            continue
        place = next((m for t in doc[born.i + 1:end] if t.lower_ == "in" for p in t.children if p.dep_ == "pobj"
                      for m in places(ctx, [p])), None)
        if place is not None:
            yield from ctx.relate(heading, "bornIn", place, born, "heading-birth", modal=False)


def born_described(ctx: RuleContext, born: Token) -> list[Mention]:
    """The person 'born' describes: the name it hangs on, or the name after it and a few lower-case words."""
    m = ctx.args.mention(born.head)
    if m is not None and m.cls == Cls.Person:
        return [m]
    doc, k = ctx.doc, born.i + 1
    while k < len(doc) and k <= born.i + 3 and doc[k].is_lower and ctx.args.mentions.at(doc[k]) is None:
        k += 1
    m = ctx.args.mentions.at(doc[k]) if k < len(doc) else None
    return [m] if m is not None and m.cls == Cls.Person else []


def appositions(ctx: RuleContext, noun: Token) -> list[Mention]:
    """The names in apposition to a noun: 'his wife, Ann Ray'."""
    return [m for c in noun.children if c.dep_ == "appos" for m in ctx.args.entities(c)]


def owners(ctx: RuleContext, noun: Token) -> list[Mention]:
    """The people a possessive on the noun names: 'her', "Dorsey's"."""
    return [m for c in noun.children if c.dep_ == "poss" for m in ctx.args.entities(c) if m.cls == Cls.Person]


def places(ctx: RuleContext, tokens: list[Token]) -> list[Mention]:
    """The named places (not demonyms) among the tokens' mentions."""
    return [m for t in tokens for m in ctx.args.entities(t)
            if ctx.ontology.is_a(m.cls, Cls.Place) and m.source != Source.DEMONYM]


def from_places(ctx: RuleContext) -> Iterator[Relation]:
    """'Ann Ray from Toledo', 'Ann Ray, a welder from Toledo', 'Ann Ray is from Toledo'."""
    preps = ctx.lexicon.homes.preps
    for start, end, place in ctx.args.mentions.spans:
        if not ctx.ontology.is_a(place.cls, Cls.Place) or place.source == Source.DEMONYM:
            continue
        root = ctx.doc[start:end].root
        if root.dep_ != "pobj" or root.head.lower_ not in preps or ctx.sentence_too_long(root):
            continue
        for person in origin_holders(ctx, root.head.head):
            yield from ctx.relate(person, "livesIn", place, root.head, "from-place", modal=False)


def origin_holders(ctx: RuleContext, head: Token) -> list[Mention]:
    """The person the 'from' phrase is said of: the name itself, the name a noun is in apposition to, or the
    subject of 'is'."""
    m = ctx.args.mention(head)
    if m is not None:
        found = [m]
    elif head.pos_ == "NOUN" and head.dep_ == "appos":
        found = ctx.args.entities(head.head)
    elif head.lemma_ == "be" and not ctx.negated(head):
        found = [x for c in head.children if c.dep_ == "nsubj" for x in ctx.args.entities(c)]
    else:
        found = []
    return [x for x in found if x.cls == Cls.Person]


def working_places(ctx: RuleContext) -> Iterator[Relation]:
    """'Ann Ray, a dentist in Tulsa', 'Ann Ray is a nurse on Fox Island': an occupation 'in' or 'on' a town or
    region, said of a person, is where the person lives, as 'a Tulsa dentist' is (titles.py). A country is left
    out ('an envoy in Iraq' is posted there), and so is a past occupation ('a former teacher in Tulsa')."""
    homes = ctx.lexicon.homes
    nouns = ctx.lexicon.occupations | homes.working_nouns
    for start, end, place in ctx.args.mentions.spans:
        if not ctx.ontology.is_a(place.cls, Cls.Place) or ctx.ontology.is_a(place.cls, Cls.Agent) \
                or place.source == Source.DEMONYM:
            continue
        root = ctx.doc[start:end].root
        prep, noun = root.head, root.head.head
        if root.dep_ != "pobj" or prep.lower_ not in ("in", "on") or noun.pos_ != "NOUN" \
                or not (noun.lower_ in nouns or f"{ctx.doc[max(noun.i - 1, 0)].lower_} {noun.lower_}" in nouns) \
                or any(c.lower_.strip("-") in homes.past_title_words for c in noun.children if c.dep_ == "amod") \
                or ctx.sentence_too_long(root):
            continue
        for person in origin_holders(ctx, noun):
            yield from ctx.relate(person, "livesIn", place, prep, "occupation-place", modal=False)
