"""Award categories won: "best actor for Cillian Murphy", "'Oppenheimer' was named best picture",
"Emma Stone won best actress".

A category is a noun phrase of 'best' and one of `awards.category_heads` (lexicon.yaml); who won it is
the named thing after its 'for', the passive subject of a naming verb (`awards.naming_verbs`) whose
complement it is, or the subject of a winning verb ('won best actress'). The category is a text value of
kg:winsAward: it names a prize within an award, not an entity of its own; the ceremony it was given at
('named best picture at the Academy Awards') is won (kg:wins). "The best deal for Ukraine"
names no category, and says nothing.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.attrs import LEMMA
from spacy.tokens import Token

from kg.extract.rules.context import RuleContext
from kg.extract.rules.possessives import latest_work_before
from kg.models import Mention, Relation, Source
from kg.ontology.vocabulary import Cls


def award_relations(ctx: RuleContext) -> Iterator[Relation]:
    """Every award category the article names, and who won it."""
    heads = ctx.lexicon.awards.category_heads
    for token in ctx.tokens_with(heads, LEMMA):
        if best_word(token) is None:
            continue
        if ctx.sentence_too_long(token) or ctx.negated(token.head):
            continue
        category = category_text(token)
        ceremonies = award_ceremonies(ctx, token)
        work = performed_work(ctx, token) if token.lemma_.lower() in ctx.lexicon.awards.performer_heads else None
        for winner in category_winners(ctx, token):
            yield from ctx.relate(winner, "winsAward", category, token, "award")
            if work is not None and winner.cls == Cls.Person:  # "best actress for Ana Ruiz" in 'Tidewater'
                yield from ctx.relate(winner, "appearsIn", work, token, "award")
            for ceremony in ceremonies:  # "named best picture at the 96th Academy Awards"
                yield from ctx.relate(winner, "wins", ceremony, token, "award")


def performed_work(ctx: RuleContext, head: Token) -> Mention | None:
    """The work an acting category was won for: the first work titled after it in its sentence ('best actress for
    her role in "Quiet Waters"'), else one titled before it there; in a sentence with no title, the work a noun
    for one there refers to ("awards on Lund's drama, among them best director for X": the film titled last)."""
    sent = head.sent
    works = [(s, m) for s, e, m in ctx.args.mentions.spans if sent.start <= s < sent.end
             and m.source == Source.RULE and m.cls in (Cls.Product, Cls.CreativeWork)]
    after = [m for s, m in works if s > head.i]
    if after or works:
        return (after or [m for _, m in works])[0]
    nouns = [t for t in sent if t.i < head.i and t.lower_ in ctx.lexicon.work_nouns and t.pos_ == "NOUN"]
    return latest_work_before(ctx, nouns[-1]) if nouns else None


def award_ceremonies(ctx: RuleContext, head: Token) -> list[Mention]:
    """The named event an 'at' phrase on the category or on its verb gives it at: 'at the Academy Awards'."""
    holders = [head] + ([head.head] if head.head.pos_ in ("VERB", "AUX") else [])
    return [m for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "at"
            for p in c.children if p.dep_ == "pobj" for m in ctx.args.entities(p) if ctx.ontology.is_a(m.cls, Cls.Event)]


def best_word(head: Token) -> Token | None:
    """The 'best' a category noun begins with, on the noun or on a word before it ('best supporting actor',
    where the parser hangs 'best' on 'supporting')."""
    found = next((t for t in head.subtree if t.i < head.i and t.lower_ == "best"), None)
    if found is None and head.dep_ == "compound":  # "the best actor prize": 'best' hangs on the prize noun
        found = next((t for t in head.head.children if t.i < head.i and t.lower_ == "best"), None)
    return found


def category_text(head: Token) -> str:
    """'best supporting actor': from 'best' to the category's head noun."""
    return head.doc[best_word(head).i:head.i + 1].text.lower()


def category_winners(ctx: RuleContext, head: Token) -> list[Mention]:
    """Who won the category: 'best actor for [Murphy]', '[X] was named best picture', '[X] won best actress'."""
    a = ctx.args
    if head.dep_ == "compound" and head.head.lemma_.lower() in ctx.lexicon.awards.prize_nouns:
        head = head.head  # "won the best actress award", "the best actor prize went to X": the prize is the slot
    found = [m for c in head.children if c.dep_ == "prep" and c.lower_ == "for"
             for p in c.children if p.dep_ == "pobj" for m in a.entities(p)]
    verb = head.head
    if not found and head.dep_ == "nsubj" and verb.lemma_ == "go":  # "the best actor prize went to X"
        found = a.prep_objects(verb, "to")
    if not found and head.dep_ in ("oprd", "attr", "xcomp", "dobj") and verb.pos_ in ("VERB", "AUX"):
        lemma = verb.lemma_.lower()
        if lemma in ctx.lexicon.awards.naming_verbs and a.is_passive(verb):
            found = a.direct_objects(verb)  # "Oppenheimer was named best picture"
        elif lemma in ctx.lexicon.awards.naming_verbs and head.dep_ == "oprd":
            found = [m for c in verb.children if c.dep_ == "dobj" for m in a.entities(c)]  # "named X best picture"
        elif lemma in ctx.lexicon.awards.winning_verbs and head.dep_ == "dobj":
            found = a.subjects(verb)  # "Emma Stone won best actress"
    return found
