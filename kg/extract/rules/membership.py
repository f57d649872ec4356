"""Membership: 'L/Cpl George Hooley of the Parachute Regiment' -> the person is a member of it."""
from __future__ import annotations

from collections.abc import Iterator

from kg.extract.rules.context import RuleContext
from kg.models import Relation
from kg.ontology.vocabulary import Cls


def membership_of(ctx: RuleContext) -> Iterator[Relation]:
    """A person 'of' an organisation belongs to it."""
    for _, _, person, root in ctx.people():
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    for org in ctx.args.entities(pobj):
                        if ctx.ontology.is_a(org.cls, Cls.Organization):
                            yield from ctx.relate(person, "memberOf", org, root, "person-of-org", modal=False)
