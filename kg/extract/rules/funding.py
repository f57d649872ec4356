"""Funding: money given for a purpose ('allocated £200m to equip the Ukrainian army') or received from
someone ('raised $40m from Sequoia'); whoever gives it funds whom it is for."""
from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from spacy.attrs import ENT_TYPE, LEMMA
from spacy.tokens import Token

from kg.extract.rules.context import RuleContext
from kg.extract.tokens import indices_where, indices_with, lowercase_in, string_ids, token_table
from kg.models import Mention, Relation
from kg.ontology.vocabulary import Cls


def is_money(ctx: RuleContext, token: Token) -> bool:
    """An amount of money or a funding noun: '£200 million', '£200m of funding', 'a grant'."""
    nouns = ctx.lexicon.funding.nouns
    if token.ent_type_ == "MONEY" or token.lemma_.lower() in nouns:
        return True
    if any(c.ent_type_ == "MONEY" for c in token.children if c.dep_ in ("nummod", "compound", "quantmod")):
        return True  # "£3m": the number is the money, the multiplier its head
    return any(c.dep_ == "prep" and c.lower_ in ctx.settings.money_preps and any(
        p.dep_ == "pobj" and p.lemma_.lower() in nouns for p in c.children) for c in token.children)


def is_funds_itself(ctx: RuleContext, money: Token) -> bool:
    """The money or funding noun itself, not a thing priced in it: '$40m', 'backing', '$40m in funding';
    not 'a $60bn purchase agreement', whose giver is a party to a deal, not a funder."""
    if money.ent_type_ == "MONEY" or money.lemma_.lower() in ctx.lexicon.funding.nouns:
        return True
    return any(h.lemma_.lower() in ctx.lexicon.funding.nouns for h in money_holders(ctx, money)[1:])


def money_arguments(ctx: RuleContext, verb: Token) -> list[Token]:
    """The money a verb gives: its object ('allocated £200m'), or the object of its preposition
    ('backed the plan with £200m in funding'), or the attribute of a copula ('is £200m of funding')."""
    found = []
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "nsubjpass") and is_money(ctx, child):
            found.append(child)
        elif child.dep_ == "prep":
            found.extend(p for p in child.children if p.dep_ == "pobj" and is_money(ctx, p))
    return found


def money_holders(ctx: RuleContext, money: Token) -> list[Token]:
    """The money and the funding noun it is given as: '£200m [in funding]', '£200m [of funding]'."""
    return [money] + [p for c in money.children if c.dep_ == "prep" and c.lower_ in ctx.settings.money_preps
                      for p in c.children if p.dep_ == "pobj"]


def money_purposes(ctx: RuleContext, verb: Token, money: Token) -> list[Token]:
    """Purpose clauses of money: on the verb giving it, on the money noun ('funding to equip X'), or
    through a conduit ('funding that will be used to equip X')."""
    holders = money_holders(ctx, money)
    clauses = ctx.args.purpose_clauses(verb) + [c for h in holders for c in ctx.args.purpose_clauses(h)]
    for holder in holders:
        for clause in holder.children:
            if clause.dep_ in ("relcl", "acl") and clause.lemma_.lower() in ctx.lexicon.funding.conduits:
                clauses += ctx.args.purpose_clauses(clause)
    return [c for c in dict.fromkeys(clauses) if c.lemma_.lower() in ctx.lexicon.funding.purposes]


def money_givers(ctx: RuleContext, verb: Token) -> list[Mention]:
    """Who gives the money a verb governs: its subject, the source of what is received ('received a
    grant from X'), or the agent of an inverted copula ('among the measures proposed by X is £200m')."""
    a = ctx.args
    lemma = verb.lemma_.lower()
    givers = a.subjects(verb)
    if lemma in ctx.lexicon.speech_verbs and all(m.cls == Cls.Person for m in givers):
        return []  # "the minister announced £200m": announced, not given, by the minister
    if not givers and lemma == "be":
        givers = [m for c in verb.children if c.dep_ == "prep" and c.lower_ == "among"
                  for p in c.children if p.dep_ == "pobj"
                  for v in p.children if v.dep_ in ("acl", "relcl") for m in a.subjects(v)]
    return [m for m in givers if ctx.ontology.is_a(m.cls, Cls.Agent)]


def money_sources(ctx: RuleContext, verb: Token, money: Token) -> list[Mention]:
    """Where money comes from: 'received £3m from X', '$40m in funding from X', 'backing from X'."""
    holders = money_holders(ctx, money)
    if verb.lemma_.lower() in ctx.lexicon.funding.receivers:
        holders.append(verb)
    return [m for h in holders for m in ctx.args.prep_objects(h, "from")
            if ctx.ontology.is_a(m.cls, Cls.Agent)]


def money_verb_candidates(ctx: RuleContext) -> list[int]:
    """Ascending indices of the tokens that may have `money_arguments`: a money argument is at most two
    edges above an amount of money or a funding noun, and its verb at most two above the argument."""
    near = indices_with(ctx.doc, {ENT_TYPE: string_ids(["MONEY"])}) + indices_where(
        ctx.doc, LEMMA, lowercase_in(ctx.lexicon.funding.nouns))
    heads = token_table(ctx.doc).heads
    found: set[int] = set()
    level = np.array(near, dtype=np.int64)
    for _ in range(4):
        level = heads[level]
        found.update(level.tolist())
    return sorted(found)


def funding_relations(ctx: RuleContext) -> Iterator[Relation]:
    """Money given for a purpose: whoever gives it funds whom the purpose clause names; money received
    ('raised $40m from X') or done with ('founded with backing from X'): its source funds the receiver.
    Each giver is left in `ctx.funders`, so the amount rule gives the money to its giver."""
    for i in money_verb_candidates(ctx):
        verb = ctx.doc[i]
        if verb.pos_ not in ("VERB", "AUX") or ctx.negated(verb):
            continue
        for money in money_arguments(ctx, verb):
            received = verb.lemma_.lower() in ctx.lexicon.funding.receivers
            if money.head.lower_ == "with" and not received and not is_funds_itself(ctx, money):
                # "ended up with a $60bn purchase agreement from Exxon": Exxon's money, not Exxon's funding
                ctx.funders.update({money.i: m for m in money_sources(ctx, verb, money)[:1]})
                continue
            if received or money.head.lower_ == "with":
                yield from funding_from_source(ctx, verb, money)
                if received:
                    continue
            yield from funding_for_purpose(ctx, verb, money)


def funding_from_source(ctx: RuleContext, verb: Token, money: Token) -> Iterator[Relation]:
    """'Kestrel raised $40m from Sequoia': Sequoia funds Kestrel."""
    a = ctx.args
    receivers = a.direct_objects(verb) if a.is_passive(verb) else a.subjects(verb)
    for giver in money_sources(ctx, verb, money):
        ctx.funders.setdefault(money.i, giver)
        for o in receivers:
            yield from ctx.relate(giver, "funds", o, verb, "funding-source")


def funding_for_purpose(ctx: RuleContext, verb: Token, money: Token) -> Iterator[Relation]:
    """'The UK allocated £200m to equip the Ukrainian army': the UK funds the army."""
    purposes = money_purposes(ctx, verb, money)
    givers = money_givers(ctx, verb) if purposes else []
    for giver in givers:
        ctx.funders.setdefault(money.i, giver)
        for clause in purposes:
            for o in ctx.args.beneficiaries(clause):
                yield from ctx.relate(giver, "funds", o, verb, "funding-purpose")
