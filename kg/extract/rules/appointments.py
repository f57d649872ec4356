"""Titles a clause gives: 'the board appointed Ingrid Solberg as chief executive', 'X came back as chairman
of Y', 'X is the chief executive of Y', 'X was elected leader of Y' -> a role, held where the
clause or the title says."""
from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Token

from kg.extract.rules.context import RuleContext
from kg.extract.rules.titles import employers, is_title, role_from, title_words
from kg.models import Mention, Relation, Source
from kg.ontology.vocabulary import Cls


def appointed_roles(ctx: RuleContext) -> Iterator[Relation]:
    """'the board appointed Ingrid Solberg as chief executive': a role, held at whoever appointed (and at the
    organisation the title names: 'named X as chief executive of Y')."""
    a = ctx.args
    for _, _, person, root in ctx.people():
        verb = root.head if root.dep_ in ("dobj", "nsubjpass") else None
        if verb is not None and verb.pos_ == "VERB":
            for title in as_titles(ctx, [verb, root]):
                orgs = [m for m in (a.subjects(verb) if root.dep_ == "dobj" else [])
                        if ctx.ontology.is_a(m.cls, Cls.Organization)]
                yield from role_from(ctx, person, title_words(ctx, title), title, "appointed-as",
                                     employers(ctx, title) or orgs, modal=True)
                yield from crews(ctx, person, title, "appointed-as")
        for clause in appointing_clauses(ctx, root):
            for title in as_titles(ctx, [clause]):
                yield from role_from(ctx, person, title_words(ctx, title), title, "appointed-as",
                                     employers(ctx, title), modal=True)
                yield from crews(ctx, person, title, "appointed-as")


def crews(ctx: RuleContext, person: Mention, title: Token, rule: str) -> Iterator[Relation]:
    """'named a flight engineer for the Halcyon mission', 'designated as pilot of Orion 3': a crew title over a
    mission or craft makes the person one of its crew (over an organisation it is an employer: titles.py)."""
    if title.lower_ not in ctx.lexicon.crew_titles and title.lemma_.lower() not in ctx.lexicon.crew_titles:
        return
    for prep in title.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "on", "aboard"):
            for mission in (m for p in prep.children if p.dep_ == "pobj" for m in mission_names(ctx, p)):
                if ctx.ontology.is_a(mission.cls, Cls.Product) or ctx.ontology.is_a(mission.cls, Cls.Event):
                    yield from ctx.relate(person, "crewMemberOf", mission, title, rule, modal=True)


def appointing_clauses(ctx: RuleContext, root: Token) -> list[Token]:
    """Clauses on the name that make it their object: 'X, named as mission commander', 'X, whom ESA has
    designated as commander'; not 'X, who served as ...' (the relative pronoun is then the subject)."""
    found: list[Token] = []
    nouns = [root] + [c for c in root.children if c.dep_ == "appos" and ctx.args.mention(c) is None]
    nouns += [c for n in nouns[1:] for c in n.children if c.dep_ == "conj" and ctx.args.mention(c) is None]
    for c in (c for n in nouns for c in n.children):  # on the name or on a noun in apposition to it
        if c.pos_ != "VERB" or ctx.negated(c):
            continue
        if c.dep_ == "acl" and c.tag_ == "VBN":
            found.append(c)
        elif c.dep_ == "relcl" and any(g.dep_ in ("dobj", "nsubjpass") and g.lower_ in ("whom", "who", "that")
                                       for g in c.children):
            found.append(c)
    # 'X, an Air Force pilot and veteran of two flights, whom the agency chose as pilot': the parser may hang a
    # 'whom' clause on the last noun of the apposition; only a person is 'whom', and no other is named between
    for noun in nouns[1:]:
        for c in noun.subtree:
            if c.dep_ == "relcl" and c.pos_ == "VERB" and c not in found and not ctx.negated(c) and any(
                    g.lower_ == "whom" and g.dep_ == "dobj" for g in c.children) and not any(
                    ctx.args.mention(t) is not None and ctx.args.mention(t).cls == Cls.Person
                    for t in ctx.doc[noun.i:c.i]):
                found.append(c)
    return found


def mission_names(ctx: RuleContext, noun: Token) -> list[Mention]:
    """What a noun names, or the name modifying it: 'the Artemis III landing' is that mission's."""
    return ctx.args.entities(noun) or [m for c in noun.children if c.dep_ in ("compound", "nmod")
                                       for m in [ctx.args.mention(c)] if m is not None]


def predicate_roles(ctx: RuleContext) -> Iterator[Relation]:
    """The title a clause gives its subject: 'X came back as chairman of Y', 'X had spent nine years as CEO',
    'X is the chief executive of Y', 'X was named a mission specialist', 'X was elected leader of Y'."""
    for person, root in subject_people(ctx):
        verb = root.head if root.dep_ in ("nsubj", "nsubjpass") else None
        if verb is None or verb.pos_ not in ("VERB", "AUX") or ctx.negated(verb):
            continue
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        # "X chose Y as prime minister": with a named object, the verb's "as" is the object's title
        named_object = any(ctx.args.mention(c) is not None for c in objects)
        holders = ([] if named_object else [verb]) + [c for c in objects if ctx.args.mention(c) is None]
        titles = as_titles(ctx, holders) if root.dep_ == "nsubj" else []
        for clause in [verb] + raised_clauses(ctx, verb):  # "X is set to become the party's chairman"
            titles += [c for c in clause.children if c.dep_ in ("attr", "oprd") and ctx.args.mention(c) is None
                       or c.dep_ in ("attr", "oprd") and ctx.args.mention(c).source == Source.ROLE]
        for title in titles:
            words = title_words(ctx, title)
            if words and is_title(ctx, words):
                yield from role_from(ctx, person, words, title, "predicate-role", employers(ctx, title), modal=True)
                yield from crews(ctx, person, title, "predicate-role")


def subject_people(ctx: RuleContext) -> Iterator[tuple[Mention, Token]]:
    """Every person named in the article with the root of their name, then every pronoun subject that stands for
    a person ('she was appointed party leader')."""
    for _, _, person, root in ctx.people():
        yield person, root
        # 'X, who was a reporter for Y': the relative pronoun subject of a clause on the name stands for the person
        yield from ((person, w) for c in root.children if c.dep_ == "relcl" for w in c.children
                    if w.dep_ in ("nsubj", "nsubjpass") and w.lower_ in ("who", "that"))
    for i, m in sorted(ctx.args.refs.items()):
        token = ctx.doc[i]
        if m.cls == Cls.Person and token.pos_ == "PRON" and token.dep_ in ("nsubj", "nsubjpass"):
            yield m, token


def raised_clauses(ctx: RuleContext, verb: Token) -> list[Token]:
    """The verbs an xcomp chain hangs on the subject's verb: 'is set to become', 'is expected to be named'; each
    complement of theirs is said of the same subject. A negated one says nothing."""
    found: list[Token] = []
    node = verb
    for _ in range(2):
        node = next((c for c in node.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        if node is None or ctx.negated(node):
            break
        found.append(node)
    return found


def as_titles(ctx: RuleContext, holders: Sequence[Token]) -> list[Token]:
    """The title nouns after 'as' under any of the holders: 'came back as chief executive', 'spent years as CEO'."""
    found: list[Token] = []
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ == "as":
                found.extend(t for t in prep.children if t.dep_ == "pobj" and is_title(ctx, title_words(ctx, t)))
    return found
