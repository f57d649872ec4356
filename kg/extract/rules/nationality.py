"""Nationality and team: 'Australian Oscar Piastri' is a citizen of Australia; 'the Spaniard' and 'the
American Williams driver', once coreference has found whom they mean, make that person a citizen of Spain
or the United States; the team before a player noun ('Williams driver', 'McLaren teammate Oscar Piastri')
is the one they play for.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.coref import demonym_before
from kg.extract.rules.context import RuleContext
from kg.models import Mention, Relation, Source
from kg.ontology.vocabulary import Cls


def nationality_relations(ctx: RuleContext) -> Iterator[Relation]:
    """citizenOf from a demonym before a name or in a description, playsFor from the team before a player noun."""
    yield from named_nationals(ctx)
    yield from described_nationals(ctx)
    yield from named_players(ctx)


def named_players(ctx: RuleContext) -> Iterator[Relation]:
    """'McLaren teammate Oscar Piastri', 'Arsenal striker Bukayo Saka': the team right before the player noun."""
    doc, a = ctx.doc, ctx.args
    for start, _, person, _ in ctx.people():
        if start < 2 or doc[start - 1].lower_ not in ctx.lexicon.player_nouns or ctx.sentence_too_long(doc[start]):
            continue
        team = a.mentions.at(doc[start - 2])
        if team is not None and team.source != Source.DEMONYM and ctx.ontology.is_a(team.cls, Cls.Organization):
            yield from ctx.relate(person, "playsFor", team, doc[start - 1], "player-noun", modal=False)


def named_nationals(ctx: RuleContext) -> Iterator[Relation]:
    """'Australian Oscar Piastri', 'the Dutch Max Verstappen', 'Belgian sprinter Jens Wouters'."""
    a = ctx.args
    for start, _, person, _ in ctx.people():
        country = demonym_before(ctx.doc, a.mentions, ctx.doc[start]) or demonym_occupation(ctx, start)
        if country is not None and not ctx.sentence_too_long(ctx.doc[start]):
            yield from ctx.relate(person, "citizenOf", country, ctx.doc[start], "demonym-name", modal=False)


def demonym_occupation(ctx: RuleContext, start: int) -> Mention | None:
    """'Belgian sprinter Jens Wouters', 'British actor X': a demonym on one occupation or player noun right
    before the name. A title between ('French President X') is roles.py's: it says whom the person serves."""
    doc = ctx.doc
    if start < 2:
        return None
    noun, before = doc[start - 1], doc[start - 2]
    if noun.lower_ not in ctx.lexicon.occupations and noun.lower_ not in ctx.lexicon.player_nouns:
        return None
    m = ctx.args.mentions.at(before)
    if m is None or m.source != Source.DEMONYM or m.cls != Cls.Country or before.head not in (noun, doc[start]):
        return None
    return m if start < 3 or not (doc[start - 3].pos_ == "PROPN" and doc[start - 3].is_title) else None


def described_nationals(ctx: RuleContext) -> Iterator[Relation]:
    """'the Serb', 'the British driver', 'the American Williams driver': the person coreference found."""
    a = ctx.args
    for i, person in sorted(a.refs.items()):
        if person.source != Source.COREF_DEMONYM or ctx.sentence_too_long(ctx.doc[i]):
            continue
        word = ctx.doc[i]
        own = a.mentions.at(word)  # 'the Spaniard': the word is the demonym itself
        # 'the American Williams driver': the words before the noun, however the parser nested them
        modifiers = [own] if own is not None else [a.mentions.at(t) for t in word.subtree
                                                   if t.i < word.i and t.dep_ in ("amod", "compound", "nmod")]
        for m in dict.fromkeys(m for m in modifiers if m is not None):
            yield from described(ctx, person, m, word)


def described(ctx: RuleContext, person: Mention, modifier: Mention, word: Token) -> Iterator[Relation]:
    """The nationality a demonym gives, or the team a name before a member noun gives ('Williams driver')."""
    if modifier.source == Source.DEMONYM and modifier.cls == Cls.Country:
        yield from ctx.relate(person, "citizenOf", modifier, word, "demonym-description", modal=False)
    elif word.lower_ in ctx.lexicon.player_nouns and ctx.ontology.is_a(modifier.cls, Cls.Organization):
        yield from ctx.relate(person, "playsFor", modifier, word, "demonym-description", modal=False)
