"""Membership: 'L/Cpl George Hooley of the Parachute Regiment' -> the person is a member of it; 'the Fusion
Sciences programme within the Office of Science' -> the unit is part of the body it sits in."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.rules.context import RuleContext
from kg.models import Mention, Relation, Source
from kg.ontology.vocabulary import Cls


def membership_of(ctx: RuleContext) -> Iterator[Relation]:
    """A person 'of' an organisation belongs to it; 'of' a part of an organisation ("Ann Fry of Halvorsen
    University's School of Law") to the part and the whole."""
    for _, _, person, root in ctx.people():
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    for org in ctx.args.entities(pobj) + (owners(ctx, pobj) if pobj.dep_ == "pobj" else []):
                        if ctx.ontology.is_a(org.cls, Cls.Organization):
                            yield from ctx.relate(person, "memberOf", org, root, "person-of-org", modal=False)


def owners(ctx: RuleContext, unit: Token) -> list[Mention]:
    """The organisation owning a part of it ("Halvorsen University's School of Law", "Acme's research unit"), not a
    country."""
    part = ctx.args.mention(unit)
    if part is not None and not ctx.ontology.is_a(part.cls, Cls.Organization):
        return []
    return [m for c in unit.children if c.dep_ == "poss" for m in [ctx.args.mention(c)]
            if m is not None and m.source != Source.DEMONYM and ctx.ontology.is_a(m.cls, Cls.Organization)
            and not ctx.ontology.is_a(m.cls, Cls.Country)]


def units_within(ctx: RuleContext) -> Iterator[Relation]:
    """An organisation or programme 'within' or 'inside' another organisation is part of it."""
    for start, end, unit in ctx.args.mentions.spans:
        if not ctx.ontology.is_a(unit.cls, Cls.Organization):
            continue
        root = ctx.doc[start:end].root
        holders = [root] + ([root.head] if root.dep_ == "compound" and root.head.pos_ == "NOUN"
                            and ctx.args.mention(root.head) is None else [])
        for child in (c for h in holders for c in h.children):
            if child.dep_ == "prep" and child.lower_ in ctx.lexicon.within_preps:
                for body in (m for p in child.children if p.dep_ == "pobj" for m in ctx.args.entities(p)):
                    if ctx.ontology.is_a(body.cls, Cls.Organization) and body.name != unit.name:
                        yield from ctx.relate(unit, "memberOf", body, root, "unit-within", modal=False)
