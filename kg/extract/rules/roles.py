"""Titles and roles: 'UK Defence Secretary John Healey', 'John Healey, the UK Defence Secretary', 'the
board appointed Ingrid Solberg as chief executive' -> a role, and serves/leads/... the organisation."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence

from spacy.tokens import Token

from kg.extract.rules.context import RuleContext
from kg.models import Mention, Relation, Source
from kg.vocabulary import Cls


def title_property(ctx: RuleContext, title: str) -> str:
    """The property a title holds its organisation by: 'chief executive' leads, 'founder' founds; else serves."""
    low = title.lower()
    for prop, titles in ctx.lexicon.titles_longest_first.items():
        if any(low == t or low.endswith(" " + t) for t in titles):
            return prop
    return "serves"


def is_title(ctx: RuleContext, words: Sequence[Token]) -> bool:
    """A title ('Defence Secretary') or an occupation ('plant pathologist', 'engineers')."""
    known = ctx.lexicon.titles_and_occupations
    for text in (" ".join(t.lower_ for t in words), " ".join([t.lower_ for t in words[:-1]] + [
            words[-1].lemma_.lower()] if words else [])):
        if any(text == t or text.endswith(" " + t) for t in known):
            return True
    return False


def employers(ctx: RuleContext, title: Token) -> list[Mention]:
    """'a plant pathologist at Makerere University', 'minister of defence of X': where the title is held."""
    found: list[Mention] = []
    for child in title.children:
        if child.dep_ == "prep" and child.lower_ in ctx.settings.employer_preps:
            found.extend(m for p in child.children if p.dep_ == "pobj" for m in ctx.args.entities(p)
                         if ctx.ontology.is_a(m.cls, Cls.Agent) and m.cls != Cls.Person)
    return found


def role_relations(ctx: RuleContext) -> Iterator[Relation]:
    """'UK Defence Secretary John Healey', 'John Healey, the UK Defence Secretary' -> role, serves/leads."""
    for start, end, person, root in ctx.people():
        yield from compound_title(ctx, start, end, person, root)
        yield from appositions(ctx, person, root)


def compound_title(ctx: RuleContext, start: int, end: int, person: Mention, root: Token) -> Iterator[Relation]:
    """The title in front of a name: 'UK Defence Secretary John Healey'."""
    doc = ctx.doc
    k, span_ids = start - 1, set(range(start, end))
    while k >= 0 and doc[k].pos_ in ("PROPN", "NOUN", "ADJ") \
            and doc[k].dep_ in ("compound", "amod", "nmod") and doc[k].head.i > k:
        k -= 1
    before = list(doc[k + 1:start]) if doc[start - 1].head.i in span_ids or start == 0 \
        or doc[start - 1].head.i >= start else []
    if before and is_title(ctx, before):
        yield from role_from(ctx, person, before, root, "compound-title")


def appositions(ctx: RuleContext, person: Mention, root: Token) -> Iterator[Relation]:
    """A title in apposition after ('John Healey, the UK Defence Secretary') or before ('X's Defence
    Secretary, John Healey') the name."""
    a = ctx.args
    for child in root.children:
        if child.dep_ == "appos" and a.mention(child) is None:
            words = [t for t in child.subtree if t.dep_ not in ("det", "punct", "nummod") and t.i <= child.i]
            if is_title(ctx, words[-2:] if len(words) > 1 else words) or is_title(ctx, words):
                yield from role_from(ctx, person, words, child, "apposition-role", employers(ctx, child))
    if root.dep_ == "appos" and a.mention(root.head) is None:
        head = root.head
        words = [t for t in head.subtree if t.i <= head.i and t.dep_ not in ("det", "punct", "case", "nummod")]
        if words and is_title(ctx, words):
            yield from role_from(ctx, person, words, head, "apposition-role", employers(ctx, head))


def appointed_roles(ctx: RuleContext) -> Iterator[Relation]:
    """'the board appointed Ingrid Solberg as chief executive': a role, held at whoever appointed."""
    a = ctx.args
    for _, _, person, root in ctx.people():
        verb = root.head if root.dep_ in ("dobj", "nsubjpass") else None
        if verb is None or verb.pos_ != "VERB":
            continue
        for prep in list(verb.children) + list(root.children):
            if prep.dep_ == "prep" and prep.lower_ == "as":
                for title in prep.children:
                    words = [t for t in title.subtree if t.i <= title.i and t.dep_ not in ("det", "punct")]
                    if title.dep_ == "pobj" and words and is_title(ctx, words):
                        orgs = [m for m in (a.subjects(verb) if root.dep_ == "dobj" else [])
                                if ctx.ontology.is_a(m.cls, Cls.Organization)]
                        yield from role_from(ctx, person, words, title, "appointed-as", orgs)


def role_from(ctx: RuleContext, person: Mention, words: list[Token], anchor: Token, rule: str,
              employers: Sequence[Mention] = ()) -> Iterator[Relation]:
    """The person's role named by `words`, and the property by which they hold it at each organisation
    named in the title ('UK Defence Secretary') or given as `employers`."""
    a = ctx.args
    organisations = [a.mention(t) for t in words if a.mention(t) is not None]
    organisations = [m for m in organisations if m.cls != Cls.Person] + list(employers)
    words = [t for t in words if t.lower_.rstrip(".") not in ctx.lexicon.honorifics - ctx.lexicon.all_titles]
    possessive = {t.i for t in words if t.dep_ == "poss" or t.head.dep_ == "poss" or t.dep_ == "case"}
    title_words = [t for t in words if t.i not in possessive and (
        a.mention(t) is None or a.mention(t).source == Source.DEMONYM)]
    title = " ".join(t.text for t in words if t.i not in possessive).strip()
    if not title or not any(is_title(ctx, title_words[i:]) for i in range(len(title_words))):
        return
    yield from ctx.relate(person, "role", title, anchor, rule, modal=False)
    prop = title_property(ctx, " ".join(t.text for t in title_words))
    for org in dict.fromkeys(organisations):
        yield from ctx.relate(person, prop, org, anchor, rule, modal=False)
    yield from office_led(ctx, person, title, anchor)


def office_led(ctx: RuleContext, person: Mention, title: str, anchor: Token) -> Iterator[Relation]:
    """The gazetteer knows whom this office-holder leads: 'Prime Minister Sir Keir Starmer' leads the UK."""
    entry = ctx.ontology.gazetteer_index.get((person.canonical or "").lower())
    if entry is not None and entry.office and entry.country and entry.office.lower() in title.lower():
        led = ctx.ontology.gazetteer_index.get(entry.country.lower())
        if led is not None:
            country = dataclasses.replace(person, text=entry.country, name=led.name, cls=led.cls,
                                          source=Source.GAZETTEER, wikidata=led.wikidata, canonical=led.name)
            yield from ctx.relate(person, "leads", country, anchor, "gazetteer-office", modal=False)
