"""Where a person works, said by a preposition after the name: 'Li Qiaowen at the Institute of Optics',
'Hans P. Kessler, 52, of the European Patent Office'.

A person 'at' an organisation works for it (kg:worksFor); 'of' an organisation after an age in apposition
is membership.py's reading of 'of' (kg:memberOf), which looks only at the name itself.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.rules.context import RuleContext
from kg.models import Mention, Relation
from kg.ontology.vocabulary import Cls


def workplaces(ctx: RuleContext) -> Iterator[Relation]:
    """kg:worksFor from 'X at Org'; kg:memberOf from 'X, 47, of Org'."""
    for _, _, person, root in ctx.people():
        for org in prep_organisations(ctx, [root], "at"):
            yield from ctx.relate(person, "worksFor", org, root, "person-at-org", modal=False)
        ages = [c for c in root.children if c.dep_ in ("appos", "amod", "npadvmod") and c.like_num]
        for org in prep_organisations(ctx, ages, "of"):
            yield from ctx.relate(person, "memberOf", org, root, "person-of-org", modal=False)


def prep_organisations(ctx: RuleContext, holders: list[Token], prep: str) -> list[Mention]:
    """Organisations (not countries) governed by `prep` on one of the holders."""
    return [m for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == prep
            for p in c.children if p.dep_ == "pobj" for m in ctx.args.entities(p)
            if ctx.ontology.is_a(m.cls, Cls.Organization) and not ctx.ontology.is_a(m.cls, Cls.Country)]
