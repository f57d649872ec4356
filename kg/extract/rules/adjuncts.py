"""Nominalisations in an adjunct, whose agent is named and whose patient is whoever the clause is about.

"Ortega is on an official visit to Chile at the invitation of Elena Ruiz": Ruiz invites Ortega.
"X came to Paris at Macron's invitation": Macron invites X. The nouns are `adjunct_nouns` of a property
in lexicon.yaml ("invitation of"); the 'of' phrase or the possessive names the agent; the patient is the
subject of the clause the adjunct hangs from, directly or through the nominalisation it modifies ("on a
state visit ... at the invitation of": whoever is on the visit).
"""
from __future__ import annotations

import functools
from collections.abc import Iterator

from spacy.attrs import LEMMA
from spacy.tokens import Token

from kg.extract.rules.context import RuleContext
from kg.models import Mention, Relation
from kg.ontology import Ontology, Trigger


@functools.lru_cache(maxsize=4)
def adjunct_triggers(ontology: Ontology) -> dict[str, list[Trigger]]:
    """Noun lemma -> the adjunct triggers it states."""
    found: dict[str, list[Trigger]] = {}
    for trig in ontology.triggers:
        if trig.kind == "adjunct":
            found.setdefault(trig.lemma, []).append(trig)
    return found


def adjunct_relations(ctx: RuleContext) -> Iterator[Relation]:
    """Each adjunct nominalisation of the lexicon: its agent does it to the clause's subject."""
    nouns = adjunct_triggers(ctx.ontology)
    if not nouns:
        return
    for token in ctx.tokens_with(nouns.keys(), LEMMA):
        trigs = nouns.get(token.lemma_.lower()) if token.pos_ == "NOUN" else None
        if not trigs or token.dep_ != "pobj" or token.head.dep_ != "prep":
            continue
        if ctx.sentence_too_long(token) or ctx.negated(token.head.head):
            continue
        for trig in trigs:
            agents = adjunct_agents(ctx, token, trig)
            patients = [m for m in clause_subjects(ctx, token.head.head) if m not in agents]
            for agent in agents:
                for patient in patients:
                    yield from ctx.relate(agent, trig.property, patient, token, "adjunct")


def adjunct_agents(ctx: RuleContext, noun: Token, trig: Trigger) -> list[Mention]:
    """'the invitation of Modi', "Modi's invitation": who did it."""
    found = [m for c in noun.children if c.dep_ == "poss" for m in ctx.args.entities(c)]
    found += ctx.args.prep_objects(noun, trig.prep or "of")
    return list(dict.fromkeys(found))


def clause_subjects(ctx: RuleContext, governor: Token) -> list[Mention]:
    """Whom the adjunct's clause is about: the subject of its verb, or of the nominalisation it modifies."""
    if governor.pos_ in ("VERB", "AUX"):
        return ctx.args.subjects(governor)
    if governor.pos_ in ("NOUN", "PROPN"):
        return ctx.args.governing_subjects(governor)
    return []
