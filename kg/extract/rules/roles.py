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


def title_word(ctx: RuleContext, token: Token) -> str:
    """The word a title token stands for: 'Gov.' is 'governor'."""
    return ctx.lexicon.title_abbreviations.get(token.lower_, token.lower_)


def phrase(ctx: RuleContext, words: Sequence[Token], lemma_last: bool = False) -> str:
    """The words as written, abbreviations expanded, hyphenated words kept whole ('co-founder')."""
    out = ""
    for k, t in enumerate(words):
        word = t.lemma_.lower() if lemma_last and k == len(words) - 1 else title_word(ctx, t)
        glued = k > 0 and (t.text == "-" or words[k - 1].text == "-") and not words[k - 1].whitespace_
        out += word if glued or not out else " " + word
    return out


def is_title(ctx: RuleContext, words: Sequence[Token]) -> bool:
    """A title ('Defence Secretary') or an occupation ('plant pathologist', 'engineers')."""
    known = ctx.lexicon.titles_and_occupations
    for text in (phrase(ctx, words), phrase(ctx, words, lemma_last=True)) if words else ():
        if any(text == t or text.endswith(" " + t) or text.endswith("-" + t) for t in known):
            return True
    return False


def employers(ctx: RuleContext, title: Token) -> list[Mention]:
    """'a plant pathologist at Makerere University', 'the governor of Kherson': where the title is held."""
    found: list[Mention] = []
    for child in title.children:
        if child.dep_ == "prep" and child.lower_ in ctx.settings.employer_preps:
            found.extend(m for p in child.children if p.dep_ == "pobj" for m in ctx.args.entities(p)
                         if holds_office(ctx, m))
    return found


def holds_office(ctx: RuleContext, m: Mention) -> bool:
    """An organisation, a country or a place where a title can be held (not a person, not a demonym)."""
    return m.cls != Cls.Person and m.source != Source.DEMONYM and (
        ctx.ontology.is_a(m.cls, Cls.Agent) or ctx.ontology.is_a(m.cls, Cls.Place))


def role_relations(ctx: RuleContext) -> Iterator[Relation]:
    """'UK Defence Secretary John Healey', 'John Healey, the UK Defence Secretary' -> role, serves/leads."""
    for start, end, person, root in ctx.people():
        yield from compound_title(ctx, start, end, person, root)
        yield from appositions(ctx, person, root)


def title_start(ctx: RuleContext, start: int) -> int:
    """The first token of the title words right before a name: 'UK Defence Secretary', "Apple's late co-founder"
    (a hyphenated word the parser split keeps its parts)."""
    doc, k = ctx.doc, start - 1
    while k >= 0:
        t = doc[k]
        hyphen = t.text == "-" and k > 0 and not doc[k - 1].whitespace_ and not t.whitespace_
        part = k + 1 < start and doc[k + 1].text == "-" and not t.whitespace_
        modifier = t.pos_ in ("PROPN", "NOUN", "ADJ") and t.dep_ in ("compound", "amod", "nmod") and t.head.i > k
        if not (hyphen or part or modifier or title_word(ctx, t) in ctx.lexicon.all_titles and t.head.i > k):
            break
        k -= 1
    return k + 1


def compound_title(ctx: RuleContext, start: int, end: int, person: Mention, root: Token) -> Iterator[Relation]:
    """The title in front of a name: 'UK Defence Secretary John Healey', "Apple's late co-founder Steve Jobs"."""
    doc = ctx.doc
    span_ids = set(range(start, end))
    k = title_start(ctx, start)
    before = list(doc[k:start]) if start == 0 or doc[start - 1].head.i in span_ids \
        or doc[start - 1].head.i >= start else []
    if before and is_title(ctx, before):
        owner = possessor(ctx, k, start)
        yield from role_from(ctx, person, before, root, "compound-title", [owner] if owner else [])


def possessor(ctx: RuleContext, k: int, start: int) -> Mention | None:
    """The organisation or country whose title it is: "Apple's late co-founder", 'its CEO' (the pronoun resolved)."""
    doc = ctx.doc
    if k >= 2 and doc[k - 1].lower_ in ("'s", "\u2019s", "'") and doc[k - 1].tag_ == "POS":
        m = ctx.args.mentions.at(doc[k - 2])
        if m is not None and holds_office(ctx, m):
            return m
    for c in (c for t in doc[k:start] for c in t.children if c.dep_ == "poss" and c.i < k):
        m = ctx.args.mention(c)
        if m is not None and holds_office(ctx, m):
            return m
    return None


def appositions(ctx: RuleContext, person: Mention, root: Token) -> Iterator[Relation]:
    """A title in apposition after ('John Healey, the UK Defence Secretary', 'X, the founder and former chief
    executive of Y', 'Oleksandr Senkevych, mayor') or before ('X's Defence Secretary, John Healey') the name."""
    for child in root.children:
        if child.dep_ == "appos" and not names_another(ctx, child, person):
            titles = [child] + [c for c in child.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")
                                and not names_another(ctx, c, person)]
            shared = employers(ctx, titles[-1])  # "the founder and chief executive of Y": Y for both
            for title in titles:
                words = title_words(ctx, title)
                if not is_title(ctx, words) and title.pos_ == "NOUN":
                    yield from relational_noun(ctx, person, title)  # "Markus Krebber, the head of RWE"
                if is_title(ctx, words[-2:] if len(words) > 1 else words) or is_title(ctx, words):
                    own = employers(ctx, title)  # a title with its own "of" phrase does not take the shared one
                    yield from role_from(ctx, person, words, title, "apposition-role",
                                         own or ([] if any(c.dep_ == "prep" for c in title.children) else shared))
    if root.dep_ == "appos" and not names_another(ctx, root.head, person):
        head = root.head
        words = [t for t in head.subtree if t.i <= head.i and t.dep_ not in ("det", "punct", "case", "nummod")]
        if words and is_title(ctx, words):
            yield from role_from(ctx, person, words, head, "apposition-role", employers(ctx, head))
        elif head.pos_ == "NOUN":
            yield from relational_noun(ctx, person, head)  # "the head of RWE, Markus Krebber"


def relational_noun(ctx: RuleContext, person: Mention, noun: Token) -> Iterator[Relation]:
    """A noun trigger of the lexicon in apposition to a name states its property of the name: 'the head of RWE,
    Markus Krebber' leads RWE (the trigger rule reads the noun's own subject, which an apposition does not give)."""
    lemma = noun.lemma_.lower()
    for trig in ctx.ontology.triggers:
        if trig.kind != "noun" or trig.lemma not in (lemma, noun.lower_) or not trig.prep or trig.reverse:
            continue
        if trig.subject_classes and not any(ctx.ontology.is_a(person.cls, c) for c in trig.subject_classes):
            continue
        for obj in ctx.args.prep_objects(noun, trig.prep):
            if not trig.object_classes or any(ctx.ontology.is_a(obj.cls, c) for c in trig.object_classes):
                yield from ctx.relate(person, trig.property, obj, noun, "apposition-noun", modal=False)


def title_words(ctx: RuleContext, title: Token) -> list[Token]:
    """The words of a title noun up to itself, without determiners, numbers, coordinated titles or
    punctuation (a hyphen inside a word is kept)."""
    conj = {t.i for c in title.children if c.dep_ in ("conj", "cc") for t in c.subtree}
    return [t for t in title.subtree if t.i <= title.i and t.i not in conj
            and t.dep_ not in ("det", "nummod") and (t.dep_ != "punct" or t.text == "-")]


def names_another(ctx: RuleContext, token: Token, person: Mention) -> bool:
    """The token names some entity other than the person ('the governor' resolved to the person does not)."""
    m = ctx.args.mention(token)
    return m is not None and m.source != Source.ROLE and not (m.cls == Cls.Person and m.name == person.name)


def appointed_roles(ctx: RuleContext) -> Iterator[Relation]:
    """'the board appointed Ingrid Solberg as chief executive': a role, held at whoever appointed (and at the
    organisation the title names: 'named X as chief executive of Y')."""
    a = ctx.args
    for _, _, person, root in ctx.people():
        verb = root.head if root.dep_ in ("dobj", "nsubjpass") else None
        if verb is None or verb.pos_ != "VERB":
            continue
        for title in as_titles(ctx, [verb, root]):
            orgs = [m for m in (a.subjects(verb) if root.dep_ == "dobj" else [])
                    if ctx.ontology.is_a(m.cls, Cls.Organization)]
            yield from role_from(ctx, person, title_words(ctx, title), title, "appointed-as",
                                 employers(ctx, title) or orgs, modal=True)


def predicate_roles(ctx: RuleContext) -> Iterator[Relation]:
    """The title a clause gives its subject: 'X came back as chief executive of Y', 'X had spent 15 years as CEO',
    'X is the chief executive of Y', 'X was named a mission specialist', 'X was elected leader of Y'."""
    for _, _, person, root in ctx.people():
        verb = root.head if root.dep_ in ("nsubj", "nsubjpass") else None
        if verb is None or verb.pos_ not in ("VERB", "AUX") or ctx.negated(verb):
            continue
        holders = [verb] + [c for c in verb.children if c.dep_ == "dobj" and ctx.args.mention(c) is None]
        titles = as_titles(ctx, holders) if root.dep_ == "nsubj" else []
        titles += [c for c in verb.children if c.dep_ in ("attr", "oprd") and ctx.args.mention(c) is None
                   or c.dep_ in ("attr", "oprd") and ctx.args.mention(c).source == Source.ROLE]
        for title in titles:
            words = title_words(ctx, title)
            if words and is_title(ctx, words):
                yield from role_from(ctx, person, words, title, "predicate-role", employers(ctx, title), modal=True)


def as_titles(ctx: RuleContext, holders: Sequence[Token]) -> list[Token]:
    """The title nouns after 'as' under any of the holders: 'came back as chief executive', 'spent years as CEO'."""
    found: list[Token] = []
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ == "as":
                found.extend(t for t in prep.children if t.dep_ == "pobj" and is_title(ctx, title_words(ctx, t)))
    return found


def role_from(ctx: RuleContext, person: Mention, words: list[Token], anchor: Token, rule: str,
              employers: Sequence[Mention] = (), modal: bool = False) -> Iterator[Relation]:
    """The person's role named by `words`, and the property by which they hold it at each organisation
    or place named in the title ('UK Defence Secretary', 'Florida Gov.') or given as `employers`."""
    a = ctx.args
    organisations = named_organisations(ctx, words) + list(employers)
    words = [t for t in words if t.lower_.rstrip(".") not in ctx.lexicon.honorifics - ctx.lexicon.all_titles]
    possessive = {t.i for t in words if t.dep_ == "poss" or t.head.dep_ == "poss" or t.dep_ == "case"}
    title_words = [t for t in words if t.i not in possessive and (
        a.mention(t) is None or a.mention(t).source in (Source.DEMONYM, Source.ROLE))]
    title = written_title(ctx, [t for t in words if t.i not in possessive])
    if not title or not any(is_title(ctx, title_words[i:]) for i in range(len(title_words))):
        return
    yield from ctx.relate(person, "role", title, anchor, rule, modal=modal)
    prop = title_property(ctx, phrase(ctx, title_words))
    for org in dict.fromkeys(organisations):
        yield from ctx.relate(person, office_property(ctx, prop, org), org, anchor, rule, modal=modal)
    yield from office_led(ctx, person, title, anchor)


def named_organisations(ctx: RuleContext, words: Sequence[Token]) -> list[Mention]:
    """The organisation, country or place a title names: the one nearest the title word ('US Navy aviator' is
    the Navy's, not the US's); a demonym inside a longer name ('Royal Canadian Air Force') names no country."""
    a = ctx.args
    found: list[Mention] = []
    for k, t in enumerate(words):
        m = a.mention(t)
        if m is None or not (holds_office(ctx, m) or m.source == Source.DEMONYM) or m in found:
            continue
        inside_name = m.source == Source.DEMONYM and k > 0 and words[k - 1].pos_ == "PROPN" \
            and a.mention(words[k - 1]) is None and words[k - 1].is_title
        if not inside_name:
            found.append(m)
    return found[-1:]


def written_title(ctx: RuleContext, words: Sequence[Token]) -> str:
    """The role literal as written, an abbreviated title spelled out ('Florida Gov.' -> 'Florida Governor')."""
    out = ""
    for k, t in enumerate(words):
        word = title_word(ctx, t)
        word = t.text if word == t.lower_ else word.capitalize() if t.is_title else word
        glued = k > 0 and (t.text == "-" or words[k - 1].text == "-") and not words[k - 1].whitespace_
        out += word if glued or not out else " " + word
    return out


def office_property(ctx: RuleContext, prop: str, org: Mention) -> str:
    """A title held over a place that is not an agent (a city, a state) uses the property's place variant."""
    if not ctx.ontology.is_a(org.cls, Cls.Agent) and ctx.ontology.is_a(org.cls, Cls.Place):
        return ctx.lexicon.title_place_properties.get(prop, prop)
    return prop


def office_led(ctx: RuleContext, person: Mention, title: str, anchor: Token) -> Iterator[Relation]:
    """The gazetteer knows whom this office-holder leads: 'Prime Minister Sir Keir Starmer' leads the UK."""
    entry = ctx.ontology.gazetteer_index.get((person.canonical or "").lower())
    if entry is not None and entry.office and entry.country and entry.office.lower() in title.lower():
        led = ctx.ontology.gazetteer_index.get(entry.country.lower())
        if led is not None:
            country = dataclasses.replace(person, text=entry.country, name=led.name, cls=led.cls,
                                          source=Source.GAZETTEER, wikidata=led.wikidata, canonical=led.name)
            yield from ctx.relate(person, "leads", country, anchor, "gazetteer-office", modal=False)
