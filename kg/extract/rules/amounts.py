"""Amounts and counts: money and numbers attached to the entity they belong to ('The British government
allocated £200 million', '17,000 North Korean soldiers'), or to the previous sentence's topic."""
from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from spacy.tokens import Span, Token

from kg.extract.quantities import AGE_UNIT, parse_age, parse_count, parse_money, parse_percent
from kg.extract.rules.context import RuleContext
from kg.models import Mention, Quantity, Relation, Source
from kg.ontology.vocabulary import Cls

QUANTITY_LABELS = ("MONEY", "CARDINAL", "QUANTITY", "PERCENT", "DATE", "ORDINAL")
NUMERAL_ORDINAL = re.compile(r"(\d[\d,]*)(?:st|nd|rd|th)")  # "his 110th race", "the 31st member"; not "first"


def tree_distance(a: Token, b: Token) -> int:
    """Number of dependency edges between two tokens of a sentence."""
    up_a = [a] + list(a.ancestors)
    depth = {t.i: k for k, t in enumerate(up_a)}
    for k, t in enumerate([b] + list(b.ancestors)):
        if t.i in depth:
            return k + depth[t.i]
    return 99


def dash_segment(sent: Span, ent: Span) -> tuple[int, int]:
    """Token range of the part of the sentence holding `ent`, between dashes: an aside is another topic."""
    dashes = [t.i for t in sent if t.text in ("–", "—")]
    lo = max([d for d in dashes if d < ent.start], default=sent.start)
    hi = min([d for d in dashes if d >= ent.end], default=sent.end)
    return lo, hi


def appositive_ages(ctx: RuleContext) -> Iterator[Relation]:
    """'Christina Holt, 44, an engineer', 'Szabo, 61, pleaded guilty': a bare number set off by commas right
    after a person's name is their age (NER tags it a date, a cardinal or nothing, and no unit says so)."""
    doc = ctx.doc
    for _, end, person, _ in ctx.people():
        if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 2].text not in (",", ";", ")", "."):
            continue
        number = doc[end + 1]
        if number.text.isdigit() and 1 <= int(number.text) <= 120 and not ctx.sentence_too_long(number):
            age = Quantity(value=Decimal(int(number.text)), unit=AGE_UNIT, text=number.text)
            yield from ctx.relate(person, "amount", age, number, "age-apposition", modal=False)


def amounts(ctx: RuleContext) -> Iterator[Relation]:
    """Attach money and counts to the entity they belong to, or to the sentence's topic."""
    yield from appositive_ages(ctx)
    previous_topic: Mention | None = None
    ents = ctx.ents  # Span.ents walks every entity of the Doc, so group them once
    at = 0
    for sent in ctx.doc.sents:
        first = at
        while at < len(ents) and ents[at].start < sent.end:
            at += 1
        for ent in ents[first:at]:
            if ent.end > sent.end:  # spaCy's Span.ents keeps only entities inside the sentence
                continue
            if ctx.args.mentions.at(ent.root) is not None:
                continue  # a number inside a name ('a magnitude 7.1 earthquake', 'Isar 2') is no amount of it
            qty = quantity(ctx, ent, sent)
            if qty is None:
                continue
            owner, rule = age_owner(ctx, ent) if qty.unit == AGE_UNIT else quantity_owner(ctx, ent, sent)
            if owner is None and previous_topic is not None and qty.unit and len(qty.unit) == 3:
                owner, rule = previous_topic, "amount-context"
            if owner is not None:
                yield from ctx.relate(owner, "amount", qty, ent.root, rule, modal=False)
        previous_topic = topic(ctx, sent) or previous_topic


def quantity(ctx: RuleContext, ent: Span, sent: Span) -> Quantity | None:
    """The value of a money, cardinal or quantity entity."""
    if ent.label_ not in QUANTITY_LABELS:
        return None
    if ent.label_ == "DATE":  # "Sheinbaum, 61 years old", "the 53-year-old filmmaker"
        return parse_age(ent.text)
    if ent.label_ == "ORDINAL":
        m = NUMERAL_ORDINAL.fullmatch(ent.text)
        unit = ent.root.head.lemma_.lower() if ent.root.dep_ == "amod" else None
        return Quantity(value=Decimal(m.group(1).replace(",", "")), unit=unit, text=ent.text) if m else None
    if ent.label_ == "PERCENT":  # "took 56% of the vote", "a 15 per cent tariff"
        return parse_percent(ent.text)
    qty = parse_money(ent.text) if ent.label_ == "MONEY" else parse_count(ent)
    if qty is None and ent.label_ == "MONEY":
        # "£200m" may come out as '200' with the symbol and multiplier outside the entity
        wider = ctx.doc[max(ent.start - 1, sent.start):min(ent.end + 1, sent.end)]
        qty = parse_money(wider.text) or parse_percent(ent.text)  # "15 per cent" tagged MONEY
    return qty


def age_owner(ctx: RuleContext, ent: Span) -> tuple[Mention | None, str]:
    """Whose age it is: the person the age describes ('Sheinbaum, 61 years old', 'the 53-year-old Nolan'), or
    the clause's actor when that is a person; an age is never an organisation's."""
    root = ent.root
    described = root.head if root.dep_ in ("amod", "compound", "npadvmod", "appos") else root
    owner = ctx.args.mention(described)
    if owner is not None and owner.source == Source.DEMONYM:  # 'the 20-year-old Spaniard': the person meant
        owner = ctx.args.refs.get(described.i, owner)
    if owner is None or owner.cls != Cls.Person:
        node = described
        while node.dep_ not in ("nsubj", "nsubjpass") and node.head.i != node.i and node.pos_ not in ("VERB", "AUX"):
            node = node.head
        owner = ctx.args.mention(node)
    return (owner, "amount") if owner is not None and owner.cls == Cls.Person else (None, "amount")


def quantity_owner(ctx: RuleContext, ent: Span, sent: Span) -> tuple[Mention | None, str]:
    """Whose the number is: the money's giver, the counted agent, the clause's actor or the nearest entity."""
    a = ctx.args
    root = ent.root
    for k in (root.i, root.head.i):  # money whose giver the funding rules found
        if k in ctx.funders:
            return ctx.funders[k], "amount"
    counted = root.head if root.dep_ in ("nummod", "quantmod", "compound") else root
    for child in list(counted.children) + [counted]:  # "17,000 North Korean soldiers", "167,000 Ukrainians"
        m = a.mention(child)
        if m is not None and child.i not in range(ent.start, ent.end) and ctx.ontology.is_a(m.cls, Cls.Agent):
            return m, "count"
    node: Token = root
    for _ in range(6):  # the clause's own actor: "The British government allocated £200 million"
        if node.pos_ in ("VERB", "AUX"):
            subj = a.subjects(node) or stock_holders(ctx, node) or agentless_patients(ctx, node)
            if subj:
                return subj[0], "amount"
        if node.head.i == node.i:
            break
        node = node.head
    return nearest_entity(ctx, ent, sent), "amount"


def agentless_patients(ctx: RuleContext, verb: Token) -> list[Mention]:
    """"Chile will be hit with 15% tariffs", "Acme was sold for $2 billion": with no agent at all, a passive's
    numbers are its subject's."""
    a = ctx.args
    if not a.is_passive(verb) or any(c.dep_ == "agent" for c in verb.children):
        return []
    return [m for c in verb.children if c.dep_ == "nsubjpass" for m in a.entities(c)
            if ctx.ontology.is_a(m.cls, Cls.Agent)]


def stock_holders(ctx: RuleContext, verb: Token) -> list[Mention]:
    """"Acme's shares rose 4% to $12", "shares in Acme fell", "Acme stock gained 9%": the company whose stock
    or figures the clause's subject is (lexicon `figure_nouns`) has the numbers."""
    found: list[Mention] = []
    for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        if subject.lemma_.lower() not in ctx.lexicon.figure_nouns and subject.lower_ not in ctx.lexicon.figure_nouns:
            continue
        for child in subject.children:
            if child.dep_ in ("poss", "compound"):
                found.extend(ctx.args.entities(child))
            elif child.dep_ == "prep" and child.lower_ in ("of", "in"):  # "shares of Acme", "shares in Acme"
                found.extend(m for p in child.children if p.dep_ == "pobj" for m in ctx.args.entities(p))
    return [m for m in found if ctx.ontology.is_a(m.cls, Cls.Organization)]


def nearest_entity(ctx: RuleContext, ent: Span, sent: Span) -> Mention | None:
    """The entity nearest the number in the tree, within its part of the sentence, if near enough."""
    lo, hi = dash_segment(sent, ent)
    nearest = sorted(((tree_distance(ent.root, ctx.doc[s]), s, m) for s, e, m in ctx.args.mentions.spans
                      if lo <= s < hi and m.source != Source.DEMONYM
                      and ctx.ontology.is_a(m.cls, Cls.Entity)), key=lambda x: x[:2])
    # an entity far away in the tree is not what the number is about: fall back to the topic
    if nearest and (nearest[0][0] <= ctx.settings.max_amount_distance or len({m for _, _, m in nearest}) == 1):
        return nearest[0][2]
    return None


def topic(ctx: RuleContext, sent: Span) -> Mention | None:
    """What a sentence is about, for a number in the next one: its object if named, else its subject."""
    root = sent.root
    for child in root.children:
        if child.dep_ == "dobj":
            got = ctx.args.entities(child)
            if got:
                return got[0]
    for child in root.children:
        if child.dep_ == "conj":
            for c in child.children:
                if c.dep_ == "dobj":
                    got = ctx.args.entities(c)
                    if got:
                        return got[0]
    return None
