"""Contest results: beating someone in the final of a competition is winning it.

"India beat South Africa in the T20 World Cup final", "lost the final of the Davis Cup to Italy": the side
that wins the deciding round (`contest_results.final_rounds` in lexicon.yaml) of a named competition wins
the competition. A defeat in any other round ("beat Nadal in the third round of Wimbledon") says nothing
about who won the competition.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Token

from kg.extract.rules.context import RuleContext
from kg.models import Mention, Relation
from kg.ontology import Trigger
from kg.ontology.vocabulary import Cls


def contest_wins(ctx: RuleContext, trig: Trigger, token: Token, winners: list[Mention]) -> Iterator[Relation]:
    """The competition whose final the trigger's winners won: 'beat X in the Y final' -> wins Y."""
    results = ctx.lexicon.contest_results
    if trig.property not in results.defeat_properties or not winners:
        return
    for competition in final_competitions(ctx, token):
        for winner in winners:
            yield from ctx.relate(winner, results.win_property, competition, token, "won-final")


def final_competitions(ctx: RuleContext, verb: Token) -> list[Mention]:
    """Competitions named with a final in the verb's object or 'in'/'at' phrase: 'in the T20 World Cup
    final', 'the final of the Davis Cup'. The phrase is read word by word up to its first clause or other
    preposition, so a misparsed head ('a tense Nations League final') does not hide the final."""
    finals = ctx.lexicon.contest_results.final_rounds
    phrases = [c for c in verb.children if c.dep_ == "dobj"]
    phrases += [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "at")]
    found: list[Mention] = []
    for phrase in phrases:
        words = phrase_words(phrase)
        if any(w.lower_ in finals for w in words):
            named = [ctx.args.mention(w) for w in words]
            found.extend(m for m in named if m is not None and ctx.ontology.is_a(m.cls, Cls.Event))
    return list(dict.fromkeys(found))


def phrase_words(phrase: Token) -> list[Token]:
    """The words of a noun or prepositional phrase up to its first clause or preposition other than 'of'."""
    words: list[Token] = []
    for word in phrase.subtree:
        if word is not phrase and (word.dep_ in ("relcl", "acl", "advcl", "cc", "conj")
                                   or word.dep_ == "prep" and word.lower_ != "of"):
            break
        words.append(word)
    return words


def finishes_ahead(ctx: RuleContext) -> Iterator[Relation]:
    """'X won 58% of the vote, far ahead of her rival, Y', 'X finished ahead of Y': a contestant who wins or
    finishes ahead of another beat them (not 'ahead of the vote', which names no contestant)."""
    results = ctx.lexicon.contest_results
    for token in ctx.tokens_with({"ahead"}, LOWER):
        if token.head.lemma_.lower() not in results.finishing_verbs \
                or token.head.pos_ != "VERB":
            continue
        verb = token.head
        if ctx.sentence_too_long(verb) or ctx.negated(verb):
            continue
        winners = ctx.args.subjects(verb)
        losers = [m for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "of"
                  for p in prep.children if p.dep_ == "pobj" for m in ctx.args.entities(p) or named_after(ctx, p)]
        for winner in winners:
            for loser in (m for m in losers if m not in winners):
                yield from ctx.relate(winner, next(iter(sorted(results.defeat_properties))), loser, verb,
                                      "finished-ahead")


def named_after(ctx: RuleContext, noun: Token) -> list[Mention]:
    """The name set off by a comma right after a common noun ('her rival, Tomas Vidal'), where the parser did
    not make it the noun's apposition."""
    doc = ctx.doc
    if noun.pos_ != "NOUN" or noun.i + 2 >= len(doc) or doc[noun.i + 1].text != ",":
        return []
    m = ctx.args.mention(doc[noun.i + 2])
    return [m] if m is not None else []


def concessions(ctx: RuleContext) -> Iterator[Relation]:
    """'Milei is set to become president after rival Sergio Massa conceded': whoever the clause is about
    beat the one who conceded ('conceded to X' is a reverse trigger of the lexicon)."""
    results = ctx.lexicon.contest_results
    for token in ctx.tokens_with(results.conceding_verbs, LEMMA):
        if token.dep_ not in ("advcl", "conj"):
            continue
        if ctx.sentence_too_long(token) or ctx.negated(token) or any(
                c.dep_ == "prep" and c.lower_ == "to" for c in token.children):
            continue
        losers = ctx.args.subjects(token)
        clause = token.head  # "X is set to become president after Y conceded": the raised subject of 'set'
        about = ctx.args.subjects(clause) or (ctx.args.direct_objects(clause) if ctx.args.is_passive(clause) else [])
        winners = [m for m in about if m not in losers]
        for winner in winners:
            for loser in losers:
                yield from ctx.relate(winner, next(iter(sorted(results.defeat_properties))), loser, token,
                                      "conceded")
