"""A legislator's chamber: 'Sen. Ann Fry said the Senate would vote', 'Rep. Tom Reyes, chairman of the House
ethics panel'.

A person given a legislator's title (lexicon `legislator_titles`: 'Sen.', 'Senator', 'Rep.') sits in the chamber
that title belongs to; a body in the same sentence whose name holds that chamber's word ('the Senate', 'the House
Armed Services Committee', 'Congress') is the chamber or one of its committees: kg:memberOf it. A senator is not
made a member of the House, nor a representative of the Senate.
"""
from __future__ import annotations

from collections.abc import Iterator

from kg.extract.rules.context import RuleContext
from kg.extract.tokens import token_table
from kg.models import Mention, Relation
from kg.ontology.vocabulary import Cls


def legislator_chambers(ctx: RuleContext) -> Iterator[Relation]:
    """kg:memberOf from a person titled a legislator to a chamber of that title named in the same sentence."""
    for start, end, person, root in ctx.people():
        chambers = chamber_words(ctx, start, end)
        if not chambers or ctx.sentence_too_long(root):
            continue
        for body in sentence_bodies(ctx, root.i, chambers):
            yield from ctx.relate(person, "memberOf", body, root, "legislator-chamber", modal=False)


def chamber_words(ctx: RuleContext, start: int, end: int) -> frozenset[str]:
    """The chamber words of the legislator title just before the name or opening it ('Sen. Ann Fry')."""
    abbreviations, titles = ctx.lexicon.title_abbreviations, ctx.lexicon.legislator_titles
    for token in ctx.doc[max(start - 1, 0):min(start + 1, end)]:
        title = abbreviations.get(token.lower_, token.lower_)
        if title in titles and token.text[:1].isupper():
            return frozenset(titles[title])
    return frozenset()


def sentence_bodies(ctx: RuleContext, at: int, chambers: frozenset[str]) -> list[Mention]:
    """Organisations named in the sentence of token `at` with a chamber word, capitalised, in their name."""
    first, last = token_table(ctx.doc).sentence_bounds(at)
    return [m for s, e, m in ctx.args.mentions.spans if first <= s and e <= last
            and ctx.ontology.is_a(m.cls, Cls.Organization) and not ctx.ontology.is_a(m.cls, Cls.Country)
            and any(t.text[:1].isupper() and t.lower_ in chambers for t in ctx.doc[s:e])]
