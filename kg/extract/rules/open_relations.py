"""Open relations: a predicate-argument link between two named entities that no typed rule stated.

"Russia lifted restrictions on Ukraine", "the car crashed into the barrier": when the lexicon has no
entry for the verb, the link is kept under a property minted from its canonical phrase (lemma,
particle, a light verb's object noun, preposition; a passive turned active), at the lower
confidence `open` of rules.yaml. This rule runs last and keeps only pairs that no earlier rule
linked in the same sentence, so a typed fact is never doubled by an open one. Its most frequent
phrases (`kg stats`, the report) show which triggers the lexicon lacks.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.rules.context import RuleContext
from kg.extract.tokens import token_table
from kg.models import Mention, Relation, open_predicate
from kg.ontology.vocabulary import Cls


def open_relations(ctx: RuleContext) -> Iterator[Relation]:
    """Links between named entities through a verb no lexicon entry types."""
    settings = ctx.settings.open_relations
    seen: set[tuple[str, str, str, int]] = set()
    for token in ctx.tokens_tagged("VERB"):
        if token.lemma_.lower() in settings.skip_verbs:
            continue
        if ctx.sentence_too_long(token) or ctx.negated(token):
            continue
        subjects = named(ctx, ctx.args.subjects(token))
        if not subjects:
            continue
        sentence = token_table(ctx.doc).sentence_bounds(token.i)[0]
        for phrase, objects in verb_links(ctx, token):
            for subj in subjects:
                for obj in objects:
                    key = (subj.name, phrase, obj.name, sentence)
                    if key in seen or (subj.name, obj.name, ctx.sent_start(token)) in ctx.linked:
                        continue
                    seen.add(key)
                    yield from ctx.relate(subj, open_predicate(phrase), obj, token, "open")


def verb_links(ctx: RuleContext, verb: Token) -> Iterator[tuple[str, list[Mention]]]:
    """(phrase, named objects) for the verb's object and for each preposition it or its object governs."""
    settings = ctx.settings.open_relations
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    base = verb.lemma_.lower() + (f" {particle}" if particle else "")
    yield base, named(ctx, ctx.args.direct_objects(verb))
    # an unnamed object stays in the phrase: 'explained an outburst in X' is no 'explain in X'
    thing = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and unnamed(ctx, c)), None)
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ not in settings.skip_preps and not is_range(child):
            middle = f" {thing.lemma_.lower()}" if thing is not None else ""
            yield f"{base}{middle} {child.lower_}", named(ctx, pobj_entities(ctx, child))
        elif child.dep_ == "dobj" and unnamed(ctx, child):
            # a light verb's object names the act: "lifted restrictions on X", "filed a lawsuit against X"
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ not in settings.skip_preps:
                    yield f"{base} {child.lemma_.lower()} {prep.lower_}", named(ctx, pobj_entities(ctx, prep))


def unnamed(ctx: RuleContext, token: Token) -> bool:
    return ctx.args.mention(token) is None and not ctx.args.entities(token)


def is_range(prep: Token) -> bool:
    """'from "Star Lanes" in the 1990s to "Night Harbor"': the ends of a range, not where something came from."""
    return prep.lower_ == "from" and any(c.dep_ == "prep" and c.lower_ == "to" for c in prep.children)


def pobj_entities(ctx: RuleContext, prep: Token) -> list[Mention]:
    return [m for p in prep.children if p.dep_ == "pobj" for m in ctx.args.entities(p)]


def named(ctx: RuleContext, mentions: list[Mention]) -> list[Mention]:
    """The mentions that name an entity (not a pronoun, title or demonym standing for one)."""
    return [m for m in dict.fromkeys(mentions)
            if m.source.is_name and ctx.ontology.is_a(m.cls, Cls.Entity)]
