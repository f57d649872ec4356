"""Relative clauses with 'whose': "Halvorsen Energy, whose brands include Velo Motors" -> Halvorsen owns Velo.

The noun 'whose' governs names what the antecedent has (brands, subsidiaries, games), and a listing verb
('include', 'be', 'comprise') names them; the lexicon's `whose_nouns` says which property that is. Relative
clauses with 'who'/'which' need nothing here: the trigger rules read their verbs with the antecedent as subject
("Ayla Demir, who heads the CFRA agency", "the DRC, which neighbours Uganda").
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.attrs import LOWER
from kg.extract.rules.context import RuleContext
from kg.models import Relation


def whose_relations(ctx: RuleContext) -> Iterator[Relation]:
    """'X, whose brands include Y and Z': X owns Y and Z (`whose_nouns` in lexicon.yaml)."""
    a, whose = ctx.args, ctx.lexicon.whose
    for t in ctx.tokens_with({"whose"}, LOWER):
        if t.dep_ != "poss":
            continue
        noun, verb = t.head, t.head.head
        lemma = noun.lemma_.lower()
        prop = whose.nouns.get(lemma) or whose.reverse_nouns.get(lemma)
        if prop is None or noun.dep_ != "nsubj" or verb.dep_ != "relcl" or verb.lemma_.lower() not in whose.verbs:
            continue
        if ctx.negated(verb) or ctx.sentence_too_long(verb):
            continue
        owner = a.mention(verb.head)
        if owner is None:
            continue
        for obj in (m for c in verb.children if c.dep_ in ("dobj", "attr") for m in a.entities(c)):
            subj, other = (obj, owner) if lemma in whose.reverse_nouns else (owner, obj)
            yield from ctx.relate(subj, prop, other, verb, "whose-relative")
