"""Possessives between two names: "Acme's Lena Dahl", "Norway's state-owned naval company NVK",
"Acme's Nova studio", "the FAA's Office of Safety", "Spain's Carlos Alcaraz".

The possessor ("X's") and the name that follows it, with only
lower-case modifiers between ("state-owned defense company"), are read textually: the parser often attaches
the possessive to the modifier noun and the name elsewhere. What the possessive states depends on the two
classes and is in lexicon.yaml (`possessives:`); a title between them is a role, which roles.py reads.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.rules.context import RuleContext
from kg.extract.rules.titles import is_title, phrase
from kg.models import Mention, Relation, Source
from kg.ontology.vocabulary import Cls

MAX_MODIFIERS = 5  # "Norway's state-owned naval company NVK": four words between


def possessive_relations(ctx: RuleContext) -> Iterator[Relation]:
    """Each possessor and the name it governs, read through the lexicon's possessive table."""
    for owner, first in possessors(ctx):
        if ctx.sentence_too_long(first):
            continue
        between, named = possessed_name(ctx, first)
        if named is None and between and between[-1].lower_ in ctx.lexicon.work_nouns:
            # "Nolan's blockbuster film" after '"Oppenheimer"': the work the article titled last
            work = latest_work_before(ctx, between[-1])
            if work is not None and work.name != owner.name:
                yield from possessive(ctx, owner, between, work, between[-1], as_name=False)
            continue
        if named is None:
            yield from appositive_possessive(ctx, owner, first)
            yield from possessive_before_apposition(ctx, owner, between)
            continue
        if named.name == owner.name:
            continue
        yield from possessive(ctx, owner, between, named, ctx.doc[first.i + len(between)])


def appositive_possessive(ctx: RuleContext, owner: Mention, first: Token) -> Iterator[Relation]:
    """"the Kessler Flight Center, Acme's launch control base": the name before the comma is what the possessive
    phrase after it names, read textually (the parser hangs the apposition anywhere)."""
    doc, a = ctx.doc, ctx.args
    start = next(s for s, e, m in a.mentions.spans if m is owner)
    named = a.mentions.at(doc[start - 2]) if start >= 2 and doc[start - 1].text == "," else None
    if named is None or named.name == owner.name or named.source == Source.DEMONYM:
        return
    between: list[Token] = []
    k = first.i
    while k < len(doc) and len(between) <= MAX_MODIFIERS and a.mentions.at(doc[k]) is None and (
            glued_hyphen(doc[k]) or doc[k].is_lower and doc[k].pos_ in ("ADJ", "NOUN", "VERB", "ADV", "PROPN")):
        between.append(doc[k])  # "Trakia, Bulgaria's state-owned gas company,": the hyphen is a word's
        k += 1
    if between and between[-1].pos_ in ("NOUN", "PROPN") and k < len(doc) and doc[k].text in (",", ".", ";", ")"):
        kind = ctx.lexicon.class_nouns.get(between[-1].lower_)
        if kind is not None and ctx.ontology.is_a(kind, Cls.Facility):  # "X, NASA's base": a site it holds
            named = dataclasses.replace(named, cls=kind)
        yield from possessive(ctx, owner, between, named, between[-1], as_name=False)


def possessive_before_apposition(ctx: RuleContext, owner: Mention, between: list[Token]) -> Iterator[Relation]:
    """"Greece's energy regulator, the Hellenic Energy Authority,": the name in apposition after the possessive
    phrase is what it names (a title there is a person's role: roles.py)."""
    doc = ctx.doc
    if not between or between[-1].pos_ != "NOUN" or any(t.text == "-" for t in between[-1:]):
        return
    k = between[-1].i + 1
    if k + 1 >= len(doc) or doc[k].text != ",":
        return
    k += 1 if doc[k + 1].lower_ != "the" else 2
    named = ctx.args.mentions.at(doc[k]) if k < len(doc) else None
    if named is not None and named.name != owner.name and named.source != Source.DEMONYM \
            and ctx.ontology.is_a(named.cls, Cls.Organization):
        yield from possessive(ctx, owner, between, named, between[-1], as_name=False)


def glued_hyphen(token: Token) -> bool:
    """The hyphen inside a word the tokenizer split ('state-owned')."""
    return token.text == "-" and not token.whitespace_ and token.i > 0 and not token.doc[token.i - 1].whitespace_


def latest_work_before(ctx: RuleContext, noun: Token) -> Mention | None:
    """The titled work (a quoted title) named last before `noun`, in its sentence or the one before."""
    sentences = [s for s in ctx.doc.sents if s.end <= noun.i + 1][-2:] or [noun.sent]
    lo = sentences[0].start if sentences else noun.sent.start
    works = [m for s, e, m in ctx.args.mentions.spans if lo <= s < noun.i and m.source == Source.RULE
             and m.cls in (Cls.Product, Cls.CreativeWork)]
    return works[-1] if works else None


def possessors(ctx: RuleContext) -> Iterator[tuple[Mention, Token]]:
    """An entity with "'s" ('McLaren's') and the token after it. Possessive pronouns ('its King studio') are left
    out: their antecedent is too often the wrong organisation of the sentence before."""
    doc, a = ctx.doc, ctx.args
    for start, end, m in a.mentions.spans:
        if end + 1 < len(doc) and doc[end].tag_ == "POS" and m.source != Source.DEMONYM:
            yield m, doc[end + 1]


def possessed_name(ctx: RuleContext, first: Token) -> tuple[list[Token], Mention | None]:
    """The lower-case modifiers from `first` on and the name they lead to, if one does."""
    doc, a = ctx.doc, ctx.args
    between: list[Token] = []
    k = first.i
    while k < len(doc) and len(between) <= MAX_MODIFIERS and a.mentions.at(doc[k]) is None:
        t = doc[k]
        if t.is_quote and between:  # "Campion's film 'The Piano'": a title in quotes after its noun
            k += 1
            continue
        if not (glued_hyphen(t) or t.is_lower and t.pos_ in ("ADJ", "NOUN", "VERB", "ADV")):
            return between, None
        between.append(t)
        k += 1
    if k >= len(doc) or len(between) > MAX_MODIFIERS:
        return between, None
    return between, a.mentions.at(doc[k])


def possessive(ctx: RuleContext, owner: Mention, between: list[Token], named: Mention,
               anchor: Token, as_name: bool = True) -> Iterator[Relation]:
    """The relation the possessive states, by the classes of the two and the words between them."""
    if between and is_title(ctx, between):
        return  # "Apple's chief executive Tim Cook": a role (roles.py)
    if as_name and not follows_as_name(ctx, named, anchor):
        return
    if any(t.lower_ in ctx.lexicon.possessives.relational_words for t in between):
        return  # "Acme's supplier X": a tie, not a possession
    words = phrase(ctx, between)
    owned = any(words == w or words.startswith(w + " ") or (" " + w) in words or ("-" + w) in words
                for w in ctx.lexicon.possessives.ownership_words)
    for entry in ctx.lexicon.possessives.relations:
        if not (ctx.ontology.is_a(owner.cls, entry.owner) and ctx.ontology.is_a(named.cls, entry.named)):
            continue
        if entry.bare and between or entry.owned and not owned or entry.described and not between:
            continue
        if entry.heads and not (between and between[-1].lower_ in entry.heads):
            continue
        subj, obj = (named, owner) if entry.reverse else (owner, named)
        yield from ctx.relate(subj, entry.property, obj, anchor, "possessive")
        return


def follows_as_name(ctx: RuleContext, named: Mention, anchor: Token) -> bool:
    """The name is the thing possessed, not a modifier of another noun ("Microsoft's Activision takeover")."""
    doc = ctx.doc
    end = anchor.i
    while end < len(doc) and ctx.args.mentions.at(doc[end]) is named:
        end += 1
    if end >= len(doc) or doc[end].pos_ not in ("NOUN",):
        return True
    return doc[end].lower_ in ctx.lexicon.class_nouns or doc[end].lemma_.lower() in ctx.lexicon.class_nouns
