"""Borders named as a pair: 'the Israel-Lebanon border', 'along the Turkey-Syria border' -> the two places
border each other (kg:borders is symmetric). The border nouns are `frontier_nouns` in lexicon.yaml."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.attrs import LOWER
from spacy.tokens import Token

from kg.extract.rules.context import RuleContext
from kg.models import Mention, Relation, Source
from kg.ontology.vocabulary import Cls


def frontier_pairs(ctx: RuleContext) -> Iterator[Relation]:
    """Two places joined by a hyphen before a border noun border each other."""
    nouns = ctx.lexicon.frontier_nouns
    for noun in ctx.tokens_with(nouns, LOWER):
        if noun.pos_ != "NOUN" or ctx.sentence_too_long(noun):
            continue
        pair = hyphenated_places(ctx, noun)
        if pair is not None:
            yield from ctx.relate(pair[0], "borders", pair[1], noun, "frontier-pair", modal=False)


def hyphenated_places(ctx: RuleContext, noun: Token) -> tuple[Mention, Mention] | None:
    """'Israel - Lebanon border': the places right before the noun, one hyphen between them, none else."""
    doc, a = ctx.doc, ctx.args
    second = a.mention(doc[noun.i - 1]) if noun.i > 0 else None
    if second is None:
        return None
    start = next(s for s, e, m in a.mentions.spans if s <= noun.i - 1 < e)
    if start < 2 or doc[start - 1].text not in ("-", "–", "/"):
        return None
    first = a.mention(doc[start - 2])
    places = [m for m in (first, second) if m is not None and m.source != Source.DEMONYM
              and ctx.ontology.is_a(m.cls, Cls.Place)]
    if len(places) != 2 or places[0].name == places[1].name:
        return None
    return places[0], places[1]
