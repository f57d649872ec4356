"""Who passes a court's act the sentence leaves unsaid: "X was sentenced to five years at Leeds Crown Court",
"X was given a whole-life order" in an article whose judge is named, "X's sentencing is set for May 3".

Court reports put the defendant first and leave the agent out of the clause; the court is often in an
adjunct ("at Leeds Crown Court") and the judge in another sentence ("Judge Anna Ward said ..."). A lexicon
property of `court_acts` whose clause names no agent is given, in this order: a court the verb's 'at', 'in' or
'before' phrase names; a judge named in the same sentence; the one judge the article names; a court named after
one of those prepositions elsewhere in the sentence. A `prosecution_acts` property ("X was charged with fraud")
is the prosecutor's the sentence, or else the article, names by a prosecutor's title.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Token

from kg.extract.rules.context import RuleContext
from kg.models import Mention, Relation
from kg.ontology.vocabulary import Cls

COURT_PREPS = ("at", "in", "before", "by")


def court_agents(ctx: RuleContext, verb: Token) -> tuple[list[Mention], str]:
    """The court or judge that did the agentless act at `verb`, and the rule that found it ('' if none)."""
    courts = [m for prep in COURT_PREPS for m in ctx.args.prep_objects(verb, prep)
              if ctx.ontology.is_a(m.cls, Cls.Court)]
    if courts:
        return courts[:1], "court-adjunct"
    sentence = verb.sent
    here = {m.name: m for i, m in judges(ctx) if sentence.start <= i < sentence.end}
    if len(here) == 1:
        return list(here.values()), "court-judge"
    named = {m.name: m for _, m in judges(ctx)}
    if len(named) == 1:
        return list(named.values()), "article-judge"
    # "found guilty after a trial in X District Court": the parser hangs the court on another noun
    courts = [m for s, e, m in ctx.args.mentions.spans if sentence.start <= s < sentence.end
              and ctx.ontology.is_a(m.cls, Cls.Court) and doc_prep(ctx, s) in COURT_PREPS]
    return (courts[:1], "court-adjunct") if courts else ([], "")


def doc_prep(ctx: RuleContext, start: int) -> str:
    """The preposition right before a name ('' if none): 'at' in 'at Leeds Crown Court'."""
    before = ctx.doc[start - 1] if start > 0 else None
    return before.lower_ if before is not None and before.pos_ == "ADP" else ""


def judges(ctx: RuleContext) -> list[tuple[int, Mention]]:
    """(token index, person) of every person the article names with a judge's title before the name
    ('Judge Anna Ward', 'Mr Justice Goss', 'Supreme Court Justice X')."""
    return _judges(ctx.doc, ctx.args.mentions, ctx.lexicon.judge_titles)


def _judges(doc, mentions, titles: frozenset[str]) -> list[tuple[int, Mention]]:
    found: list[tuple[int, Mention]] = []
    for start, end, m in mentions.spans:
        if m.cls != Cls.Person:
            continue
        # the title right before the name or inside its span: not 'Justice Minister X'
        if any(t.lower_ in titles for t in doc[max(start - 1, 0):end]):
            found.append((start, m))
    return found


def prosecutor_agents(ctx: RuleContext, verb: Token) -> tuple[list[Mention], str]:
    """"X was charged with fraud, District Attorney Y said": the prosecutor named in the sentence, else the one
    the article names, charged X (a capitalised title: 'his attorney Z' is counsel)."""
    found = [(start, m) for start, end, m in ctx.args.mentions.spans if m.cls == Cls.Person
             and prosecutor_title(ctx, start, end)]
    sentence = verb.sent
    here = {m.name: m for i, m in found if sentence.start <= i < sentence.end}
    if len(here) == 1:
        return list(here.values()), "prosecutor"
    named = {m.name: m for _, m in found}
    return (list(named.values()), "article-prosecutor") if len(named) == 1 else ([], "")


def prosecutor_title(ctx: RuleContext, start: int, end: int) -> bool:
    """'District Attorney X', 'Prosecutor X', 'Attorney General X': a prosecutor's title, capitalised, before the
    name or inside its span."""
    doc, titles = ctx.doc, ctx.lexicon.prosecutor_titles
    words = [t for t in doc[max(start - 2, 0):end] if t.is_title]
    last_two = " ".join(t.lower_ for t in doc[max(start - 2, 0):start])
    return last_two in titles or any(t.lower_ in titles and t.i >= start - 1 for t in words)


def court_patients(ctx: RuleContext) -> Iterator[Relation]:
    """"Doyle's sentencing is set for May 3", "Ray's conviction": the possessor of a court act's noun is the one
    it is done to, and the court or judge the article names (as for an agentless passive) does it."""
    for noun in ctx.tokens_with(ctx.lexicon.patient_nouns.keys(), LOWER, LEMMA):
        prop = ctx.lexicon.patient_nouns.get(noun.lower_) or ctx.lexicon.patient_nouns.get(noun.lemma_.lower())
        if prop is None or noun.pos_ not in ("NOUN", "PROPN") or ctx.sentence_too_long(noun) or ctx.negated(noun):
            continue
        patients = [m for c in noun.children if c.dep_ == "poss" for m in ctx.args.entities(c)
                    if ctx.ontology.is_a(m.cls, Cls.Person) or ctx.ontology.is_a(m.cls, Cls.Organization)]
        if not patients:
            continue
        agents, rule = court_agents(ctx, noun)
        for agent in agents:
            for patient in patients:
                yield from ctx.relate(agent, prop, patient, noun, rule)
