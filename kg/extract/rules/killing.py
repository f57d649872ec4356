"""Killing said without a verb of killing, or with its agent one step away.

- A lethal manner: "was shot to death by Krane", "Ruby fatally shot Oswald", "stabbed him dead": a verb
  of the lexicon's `lethal.verbs` with one of its `lethal.complements` ("death", "fatally", "dead") kills.
- An instrument killed: "Brandt fired the bullets that killed Moreau", "the bomb he planted killed X": the
  one who fired, planted or threw the instrument kills.

- A named person shooting (or firing at) another named person: "Booth shot Lincoln", "McKinley was shot by
  Czolgosz", "X fired a rifle at Y": in news
  the one who shot is nearly always named as the killer (lexicon `lethal.person_verbs`), so it is a killing, at a
  lower confidence; a shooting by or of anyone else ("police shot a suspect", "shot a deer") is not.
"""
from __future__ import annotations

import functools
from collections.abc import Iterator

from spacy.attrs import LEMMA
from spacy.tokens import Token

from kg.extract.rules.context import RuleContext
from kg.extract.rules.triggers import held_responsible
from kg.models import Mention, Relation
from kg.ontology import Ontology
from kg.ontology.vocabulary import Cls


@functools.lru_cache(maxsize=8)
def killing_lemmas(ontology: Ontology, kind: str) -> frozenset[str]:
    """The lemmas of the lexicon's triggers of kg:kills of one kind ("verb", "noun")."""
    return frozenset(t.lemma for t in ontology.triggers if t.property == "kills" and t.kind == kind)


def killings(ctx: RuleContext) -> Iterator[Relation]:
    """kg:kills from a lethal manner or through an instrument."""
    lethal = ctx.lexicon.lethal
    kill_verbs = killing_lemmas(ctx.ontology, "verb")
    for token in ctx.tokens_with(lethal.verbs | kill_verbs | lethal.person_verbs | lethal.aim_verbs.keys(), LEMMA):
        if token.pos_ != "VERB" or ctx.sentence_too_long(token) or ctx.negated(token):
            continue
        lemma = token.lemma_.lower()
        if lemma in lethal.verbs and is_lethal(token, lethal.complements):
            killers, victims = ctx.args.subjects(token), ctx.args.direct_objects(token)
            if not victims and token.dep_ == "conj" and ctx.args.is_passive(token.head):
                # "X was shot and fatally wounded by Y": the passive subject and agent of the coordination
                victims = ctx.args.patients(token.head)
                killers = killers or agents(ctx, token) or agents(ctx, token.head)
            elif not victims and token.dep_ == "conj":
                victims = name_after(ctx, token)
            rule = "lethal-manner"
        elif lemma in kill_verbs:
            killers, victims = instrument_users(ctx, token, lethal.instruments), ctx.args.direct_objects(token)
            rule = "instrument"
        elif lemma in lethal.person_verbs or lemma in lethal.aim_verbs:
            killers, victims = people(ctx.args.subjects(token)), people(shot_at(ctx, token, lemma))
            rule = "shot-person"
        else:
            continue
        for killer in killers:
            for victim in victims:
                victim = other_than_killer(ctx, victim, killer)
                if victim is not None:
                    yield from ctx.relate(killer, "kills", victim, token, rule)
    yield from compound_victims(ctx)


def other_than_killer(ctx: RuleContext, victim: Mention, killer: Mention) -> Mention | None:
    """'X fired the bullets that killed him': a pronoun victim that coreference gave the killer is, unlike
    'himself', someone else: the person named last before it (None if there is none)."""
    if victim.name != killer.name:
        return victim
    if not victim.source.is_coreference or victim.text.lower() not in ("him", "her"):
        return None
    before = [m for _, _, m in ctx.args.mentions.spans
              if m.cls == Cls.Person and m.source.is_name and m.start < victim.start and m.name != killer.name]
    return before[-1] if before else None


def compound_victims(ctx: RuleContext) -> Iterator[Relation]:
    """'police arrested X in the Moreau killing', 'X acted alone in the Moreau slaying': a person's name
    compounded on a noun of killing (with no 'of' phrase) is the victim; the one the clause holds to have done it
    (a verb of arrest or trial, a word of doing it: triggers.held_responsible) is the killer."""
    nouns = killing_lemmas(ctx.ontology, "noun") - ctx.lexicon.lethal.doer_nouns
    for token in ctx.tokens_with(nouns, LEMMA):
        if token.pos_ != "NOUN" or ctx.sentence_too_long(token) \
                or any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
            continue
        victims = people([m for c in token.children if c.dep_ == "compound" for m in [ctx.args.mention(c)]
                          if m is not None])
        if not victims or not held_responsible(ctx, token):
            continue
        for killer in people(ctx.args.governing_subjects(token, own_modifiers=False)):
            for victim in victims:
                if killer.name != victim.name:
                    yield from ctx.relate(killer, "kills", victim, token, "compound-victim")


def name_after(ctx: RuleContext, verb: Token) -> list[Mention]:
    """'X shot and mortally wounded Y': the parser, reading 'shot' alone, may hang Y on it as a subject or an
    apposition; a person's name written right after the coordinated verb is still its object."""
    doc, k = ctx.doc, verb.i + 1
    # a title or a determiner may come first ('the embassy secretary Y')
    while k < min(len(doc), verb.i + 6) and ctx.args.mentions.at(doc[k]) is None \
            and doc[k].dep_ in ("det", "compound", "amod", "nmod"):
        k += 1
    m = ctx.args.mentions.at(doc[k]) if k < len(doc) else None
    return [m] if m is not None and m.cls == Cls.Person else []


def agents(ctx: RuleContext, verb: Token) -> list[Mention]:
    """The 'by' phrase of a passive verb."""
    return [m for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
            for m in ctx.args.entities(p)]


def is_lethal(verb: Token, complements: frozenset[str]) -> bool:
    """'shot to death', 'fatally shot', 'shot dead', 'beaten to death'."""
    for child in verb.children:
        if child.dep_ in ("advmod", "acomp", "oprd", "xcomp") and child.lower_ in complements:
            return True
        if child.dep_ == "prep" and child.lower_ == "to" and any(
                p.dep_ == "pobj" and p.lower_ in complements for p in child.children):
            return True
    return False


def instrument_users(ctx: RuleContext, verb: Token, instruments: frozenset[str]) -> list[Mention]:
    """Who used the instrument that is the verb's subject: 'Brandt fired the bullets that killed X'."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return []
    noun = verb.head if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl" else subject
    if noun.lemma_.lower() not in instruments:
        return []
    user = noun.head if noun.dep_ == "dobj" else None
    return ctx.args.subjects(user) if user is not None and user.pos_ == "VERB" else []


def shot_at(ctx: RuleContext, verb: Token, lemma: str) -> list[Mention]:
    """Who was shot: the object of 'shot', or what 'fired at' aims at ('fired a rifle at X', 'fired at X')."""
    if lemma in ctx.lexicon.lethal.person_verbs:
        return ctx.args.direct_objects(verb)
    prep = ctx.lexicon.lethal.aim_verbs[lemma]
    return ctx.args.prep_objects(verb, prep)


def people(mentions: list[Mention]) -> list[Mention]:
    """The named people among the mentions ('the gunman', a pronoun or an organisation is not read)."""
    return [m for m in mentions if m.cls == Cls.Person]
