"""Where people and organisations are from: 'Peter Lindahl, 9, of Silverton', 'Sen. John Glenn of Ohio',
'TSW Meats Ltd. of Liverpool', "Chicago's First National Bank".

News style names a person's home town or state with "of" after the name (and an age): the person lives
there (kg:livesIn), or, for a country, is its citizen (kg:citizenOf). An organisation "of" a place, or a
place's organisation, is based there (kg:locatedIn). A person "of" an organisation is membership.py's.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.rules.context import RuleContext
from kg.extract.rules.places import name_tail
from kg.extract.rules.titles import is_title
from kg.models import Mention, Relation, Source
from kg.ontology.vocabulary import Cls

# A city's or region's organisation is based there; a country's is more often its organ or property
# ("Argentina's Congress", "Poland's PGZ").
LOCAL_PLACES = (Cls.City, Cls.Region)


def origins(ctx: RuleContext) -> Iterator[Relation]:
    """Person or organisation 'of' a place, and a place's organisation."""
    for start, end, m in ctx.args.mentions.spans:
        if m.source == Source.DEMONYM:
            continue
        root = ctx.doc[start:end].root
        if m.cls == Cls.Person:
            yield from person_of_place(ctx, m, start, root)
        elif ctx.ontology.is_a(m.cls, Cls.Organization):
            # 'the Institute of Botany of Kunming': the 'of' hangs on the name's last word
            tail = name_tail(ctx, root, end)
            for place in of_places(ctx, root) + [x for t in tail for x in of_places(ctx, t)] \
                    + possessor_places(ctx, root):
                yield from ctx.relate(m, "locatedIn", place, root, "org-of-place", modal=False)


def person_of_place(ctx: RuleContext, person: Mention, start: int, root: Token) -> Iterator[Relation]:
    """'Peter Lindahl, 9, of Silverton' lives there; 'Prime Minister Amara Diallo of Senegal' leads
    it (the 'of' completes the title); 'Sen. John Glenn of Ohio' represents the state and lives in it."""
    title = title_before(ctx, start)
    for place in of_places(ctx, root) + noun_of_places(ctx, root):
        country = ctx.ontology.is_a(place.cls, Cls.Country)
        if title:
            prop = ctx.lexicon.title_property(title)
            yield from ctx.relate(person, prop, place, root, "person-of-place", modal=False)
        if not country:
            yield from ctx.relate(person, "livesIn", place, root, "person-of-place", modal=False)
        elif not title:
            yield from ctx.relate(person, "citizenOf", place, root, "person-of-place", modal=False)


def title_before(ctx: RuleContext, start: int) -> str:
    """The title written before a name ('Prime Minister'), or '' (an honorific, 'Mr.', is none)."""
    words = []
    k = start - 1
    while k >= 0 and ctx.doc[k].pos_ in ("PROPN", "NOUN", "ADJ") and ctx.doc[k].head.i > k \
            and ctx.args.mention(ctx.doc[k]) is None:
        words.insert(0, ctx.doc[k])
        k -= 1
    return " ".join(t.text for t in words) if words and is_title(ctx, words) else ""


def of_places(ctx: RuleContext, root: Token) -> list[Mention]:
    """Places named by an 'of' phrase on the name, or on an age in apposition ('Lindahl, 9, of Silverton')."""
    holders = [root] + [c for c in root.children if c.dep_ in ("appos", "amod", "npadvmod") and c.like_num]
    found: list[Mention] = []
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                found.extend(m for p in prep.children if p.dep_ == "pobj" for m in ctx.args.entities(p)
                             if ctx.ontology.is_a(m.cls, Cls.Place) and m.source != Source.DEMONYM)
    return found


def noun_of_places(ctx: RuleContext, root: Token) -> list[Mention]:
    """"her husband, Tom Ray, 54, of Tulsa": the parser hangs the 'of' after the name on the noun the name is in
    apposition to; only an 'of' written after the name ('the mayor of Tulsa, Tom Ray' is a title, roles.py)."""
    noun = root.head
    if root.dep_ != "appos" or noun.pos_ != "NOUN" or ctx.args.mention(noun) is not None:
        return []
    return [m for m in of_places(ctx, noun) if m.start > root.idx]


def possessor_places(ctx: RuleContext, root: Token) -> list[Mention]:
    """"Chicago's First National Bank", "Russia's Northern Fleet": a place owning the name is where it is."""
    return [m for c in root.children if c.dep_ == "poss" for m in ctx.args.entities(c)
            if m.cls in LOCAL_PLACES and m.source != Source.DEMONYM]
