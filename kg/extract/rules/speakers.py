"""Who speaks for the organisation a statement is about: 'Acme will close the plant, said plant chief Ann Fry',
'The Forest Service is drafting rules, said Ann Fry, a spokeswoman for the agency'.

A speaker whose title is a staff title of the lexicon (`speaker_titles`: a spokesman, an official, a chief) and
names no organisation of its own speaks for the organisation that is the subject of the reported clause: kg:worksFor
it. A title naming anyone ('Acme spokesman', 'a spokesman for Brandt', 'Ukrainian official') is read by roles.py
and names the employer itself; one naming none of its owner ('an analyst') is no staff title.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.attrs import LEMMA
from spacy.tokens import Token

from kg.extract.rules.context import RuleContext
from kg.models import Mention, Relation
from kg.ontology.vocabulary import Cls


def speaker_employers(ctx: RuleContext) -> Iterator[Relation]:
    """kg:worksFor from a staff speaker to the organisation the clause they report is about."""
    for verb in ctx.tokens_with(ctx.lexicon.speech_verbs, LEMMA):
        if verb.pos_ != "VERB" or ctx.sentence_too_long(verb) or ctx.negated(verb):
            continue
        speakers = [(c, m) for c in verb.children if c.dep_ == "nsubj" for m in [ctx.args.mention(c)]
                    if m is not None and m.cls == Cls.Person]
        topics = [m for clause in verb.children if clause.dep_ == "ccomp" and clause.i < verb.i
                  for m in ctx.args.subjects(clause) if reported_organisation(ctx, m)] if speakers else []
        if not topics:
            continue
        for name, person in speakers:
            title = staff_title(ctx, name)
            for org in topics[:1] if title is not None and of_its_kind(ctx, title, topics[0]) else []:
                yield from ctx.relate(person, "worksFor", org, title, "speaker-staff", modal=False)


def of_its_kind(ctx: RuleContext, title: Token, org: Mention) -> bool:
    """A kind of body named in the title fits the organisation: 'a company official' of a company, not 'a union
    official' of one."""
    kinds = [ctx.lexicon.class_nouns[t.lower_] for t in title.subtree if t.lower_ in ctx.lexicon.class_nouns]
    return all(ctx.ontology.is_a(org.cls, k) or ctx.ontology.is_a(k, org.cls) for k in kinds)


def reported_organisation(ctx: RuleContext, m: Mention) -> bool:
    """An organisation (not a country, not a demonym) a statement can be about."""
    return ctx.ontology.is_a(m.cls, Cls.Organization) and not ctx.ontology.is_a(m.cls, Cls.Country) \
        and m.source.is_name


def staff_title(ctx: RuleContext, name: Token) -> Token | None:
    """The staff title the name is given, before it ('plant chief Ann Fry') or in apposition ('Ann Fry, a
    spokeswoman'), when no word of it names an entity; None otherwise."""
    before = [c for c in name.children if c.dep_ == "compound" and c.i < name.i and ctx.args.mention(c) is None]
    appositions = [c for c in name.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    for title in (before[-1:] if before else []) + appositions[:1]:
        if title.lemma_.lower() in ctx.lexicon.speaker_titles and not names_anyone(ctx, title):
            return title
    return None


def names_anyone(ctx: RuleContext, title: Token) -> bool:
    """A word of the title, or of a phrase on it, names someone: 'Acme spokesman', 'a spokesman for Brandt',
    'Ukrainian official'; a town it is held in does not ('a spokeswoman in Denver')."""
    return any(m is not None and not (ctx.ontology.is_a(m.cls, Cls.Place) and not ctx.ontology.is_a(m.cls, Cls.Agent))
               for t in title.subtree if t.i != title.i for m in [ctx.args.mention(t)])
