"""Titles beside a name: 'UK Defence Secretary John Healey', "Acme's late co-founder Ray Holt", 'John
Healey, the UK Defence Secretary' -> a role, and serves/leads/founds the organisation the title names; a
relational noun of the lexicon in apposition ('the head of Acme, Lars Holm') states its property."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.rules.context import RuleContext
from kg.extract.rules.titles import (coordinated_owner, employers, holds_office, is_title, names_another, role_from,
                                     title_word, title_words)
from kg.models import Mention, Relation, Source
from kg.ontology.vocabulary import Cls

# The prepositions whose object a possessive can stand for: "his wife" is the wife of him (as in agent_nouns.py).
POSSESSOR_PREPS = ("of", "for", "to")


def role_relations(ctx: RuleContext) -> Iterator[Relation]:
    """'UK Defence Secretary John Healey', 'John Healey, the UK Defence Secretary' -> role, serves/leads."""
    for start, end, person, root in ctx.people():
        yield from compound_title(ctx, start, end, person, root)
        yield from ranked_title(ctx, start, person)
        yield from appositions(ctx, person, root)
        yield from postnominal(ctx, end, person, root)
        yield from party_and_state(ctx, end, person)
        yield from party_state_titles(ctx, end, person)


def party_and_state(ctx: RuleContext, end: int, person: Mention) -> Iterator[Relation]:
    """'Senator Alex Padilla (D-Calif.)', 'Zoe Lofgren (D-Calif.-18)': the legislator represents the state."""
    doc = ctx.doc
    if end + 3 >= len(doc) or doc[end].text != "(" or doc[end + 1].text not in ctx.lexicon.party_initials \
            or doc[end + 2].text != "-":
        return
    place = ctx.args.mentions.at(doc[end + 3])
    if place is not None and ctx.ontology.is_a(place.cls, Cls.Place):
        yield from ctx.relate(person, ctx.lexicon.title_place_properties.get("serves", "serves"), place,
                              doc[end + 3], "party-state", modal=False)


def party_state_titles(ctx: RuleContext, end: int, person: Mention) -> Iterator[Relation]:
    """'Sen. Ann Fry, D-Ohio, chairman of the Finance Committee': the parser hangs the title in apposition on the
    state of the party-and-state tag, not on the name; it is the person's."""
    doc = ctx.doc
    if end + 4 >= len(doc) or doc[end].text != "," or doc[end + 1].text not in ctx.lexicon.party_initials \
            or doc[end + 2].text != "-":
        return
    state = doc[end + 3]
    while state.dep_ == "compound" and state.head.i > state.i and state.head.i < end + 7:
        state = state.head  # 'D-New York'
    titles = [c for c in state.children if c.dep_ == "appos" and c.pos_ == "NOUN" and not names_another(ctx, c, person)]
    if titles:
        titles += [c for c in titles[0].children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")
                   and not names_another(ctx, c, person)]
        yield from apposed_titles(ctx, person, titles)


def postnominal(ctx: RuleContext, end: int, person: Mention, root: Token) -> Iterator[Relation]:
    """A title after the name ('Ben Adams KC') is a role; the parser makes it the head of the name, so a
    participle hung on it ('Ben Adams KC, defending Smith') is read here, with the person as its subject."""
    doc = ctx.doc
    if end >= len(doc) or doc[end].lower_ not in ctx.lexicon.postnominal_titles or root.head.i != end:
        return
    title = doc[end]
    yield from ctx.relate(person, "role", title.text, title, "postnominal-title", modal=False)
    for verb in (c for c in title.children if c.dep_ == "acl" and c.pos_ == "VERB" and not ctx.negated(c)):
        for trig in ctx.ontology.triggers:
            if trig.kind != "verb" or trig.lemma != verb.lemma_.lower() or trig.prep or trig.reverse:
                continue
            if trig.subject_classes and not any(ctx.ontology.is_a(person.cls, c) for c in trig.subject_classes):
                continue
            for obj in ctx.args.direct_objects(verb):
                if not trig.object_classes or any(ctx.ontology.is_a(obj.cls, c) for c in trig.object_classes):
                    yield from ctx.relate(person, trig.property, obj, verb, "postnominal-title")


def title_start(ctx: RuleContext, start: int) -> int:
    """The first token of the title words right before a name: 'UK Defence Secretary', "Apple's late co-founder"
    (a hyphenated word the parser split keeps its parts)."""
    doc, k = ctx.doc, start - of_title_length(ctx, start) - 1
    while k >= 0:
        t = doc[k]
        hyphen = t.text == "-" and k > 0 and not doc[k - 1].whitespace_ and not t.whitespace_
        part = k + 1 < start and doc[k + 1].text == "-" and not t.whitespace_
        modifier = t.pos_ in ("PROPN", "NOUN", "ADJ") and t.dep_ in ("compound", "amod", "nmod") and t.head.i > k
        if not (hyphen or part or modifier or title_word(ctx, t) in ctx.lexicon.all_titles and t.head.i > k):
            name_start = modifying_name(ctx, k)
            if name_start is None:
                break
            k = name_start  # "House of Lords leader Ann Carrow": the whole name before the title
        k -= 1
    return k + 1


def modifying_name(ctx: RuleContext, k: int) -> int | None:
    """The first token of a name of several words ending at k that modifies the words after it ('House of
    Commons' before 'leader'), when the title is right after it."""
    span = next(((s, e) for s, e, _ in ctx.args.mentions.spans if s <= k < e), None)
    if span is None or span[1] != k + 1 or span[1] - span[0] < 2:
        return None
    root = ctx.doc[span[0]:span[1]].root
    if root.dep_ in ("compound", "nmod", "amod") and root.head.i >= span[1] \
            and title_word(ctx, ctx.doc[span[1]]) in ctx.lexicon.all_titles:
        return span[0]
    return None


def of_title_length(ctx: RuleContext, start: int) -> int:
    """3 when the words right before a name are a title with 'of' ('Secretary of State Antony Blinken'), else 0."""
    doc = ctx.doc
    if start < 3 or doc[start - 2].lower_ != "of":
        return 0
    return 3 if f"{title_word(ctx, doc[start - 3])} of {doc[start - 1].lower_}" in ctx.lexicon.all_titles else 0


def compound_title(ctx: RuleContext, start: int, end: int, person: Mention, root: Token) -> Iterator[Relation]:
    """The title in front of a name: 'UK Defence Secretary John Healey', "Acme's late co-founder Ray Holt"."""
    doc = ctx.doc
    span_ids = set(range(start, end))
    k = title_start(ctx, start)
    last = doc[start - 1 - (of_title_length(ctx, start) and 2)] if start else None  # 'Secretary' of 'Secretary of State'
    before = list(doc[k:start]) if last is None or last.head.i in span_ids or last.head.i >= start else []
    before = [t for t in before if not split_dot(t)]
    while before and before[-1].lower_.rstrip(".") in ctx.lexicon.honorifics \
            and title_word(ctx, before[-1]) not in ctx.lexicon.all_titles:
        before.pop()  # "Foreign Affairs Minister Dr K Mensah": the honorific is no part of the title
    if before and is_title(ctx, before):
        owner = possessor(ctx, k, start)
        yield from role_from(ctx, person, before, root, "compound-title", [owner] if owner else [])
        if len(before) == 1 and owner is None:
            yield from local_office(ctx, person, before[0], root)


def split_dot(token: Token) -> bool:
    """The dot of an abbreviation the tokenizer split off ('Lt .')."""
    return token.text == "." and token.i > 0 and not token.doc[token.i - 1].whitespace_ \
        and token.doc[token.i - 1].is_alpha


def ranked_title(ctx: RuleContext, start: int, person: Mention) -> Iterator[Relation]:
    """'Coast Guard Lt. Ann Fry', 'Highway Patrol Officer Ann Fry': an organisation's name, a title (an abbreviated
    rank whose dot the tokenizer split off), then the name, read in order where the parser hung the title
    elsewhere than on the name (compound_title reads the titles it did hang there)."""
    doc, k, words = ctx.doc, start, []
    while k > 1:
        t = doc[k - 1]
        if split_dot(t) and doc[k - 2].lower_ + "." in ctx.lexicon.title_abbreviations:
            k -= 1  # 'Lt .': the abbreviation's own dot
        elif t.pos_ in ("PROPN", "NOUN") and ctx.args.mention(t) is None \
                and title_word(ctx, t) in ctx.lexicon.titles_and_occupations:
            words.insert(0, t)
            k -= 1
        else:
            break
    if not words or title_start(ctx, start) < k:
        return
    orgs = [m for m in named_before(ctx, k) if m.source != Source.DEMONYM and ctx.ontology.is_a(m.cls, Cls.Organization)]
    if orgs:
        yield from role_from(ctx, person, words, words[-1], "ranked-title", orgs)


def named_before(ctx: RuleContext, k: int) -> list[Mention]:
    """The name ending right before token k, and with a bracketed other name of it before k ('CPR (Civic Progress
    Rally) leader', 'Civic Progress Rally (CPR) candidate') both names."""
    doc, a = ctx.doc, ctx.args
    if k < 1:
        return []
    if doc[k - 1].text != ")":
        return [m for m in [a.mentions.at(doc[k - 1])] if m is not None]
    opening = next((j for j in range(k - 2, max(k - 10, 0), -1) if doc[j].text == "("), None)
    if opening is None or opening < 1:
        return []
    inside = [m for m in [a.mentions.at(doc[k - 2])] if m is not None]
    before = [m for m in [a.mentions.at(doc[opening - 1])] if m is not None]
    return list(dict.fromkeys(before + inside))


def local_office(ctx: RuleContext, person: Mention, title: Token, root: Token) -> Iterator[Relation]:
    """'In the Dnipropetrovsk region, Governor Valentyn Reznychenko reported': a bare local title (a governor, a
    mayor) governs the region or city that an 'in' phrase of the holder's own clause names."""
    kinds = ctx.lexicon.local_office_titles.get(title_word(ctx, title))
    verb = root.head if root.dep_ in ("nsubj", "nsubjpass") else None
    if not kinds or verb is None or verb.pos_ not in ("VERB", "AUX"):
        return
    places = [m for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "in" and prep.i < root.i
              for p in prep.children if p.dep_ == "pobj" for m in ctx.args.entities(p) or named_by(ctx, p)
              if m.source != Source.DEMONYM and any(ctx.ontology.is_a(c, k) for k in kinds
                                                    for c in (m.cls, ctx.lexicon.class_nouns.get(p.lower_, m.cls)))]
    for place in places[:1]:
        yield from ctx.relate(person, ctx.lexicon.title_place_properties.get("leads", "leads"), place, title,
                              "local-title", modal=False)


def named_by(ctx: RuleContext, noun: Token) -> list[Mention]:
    """The names compounded on a place noun: 'the Dnipropetrovsk region' (a city's name for the region)."""
    return [m for c in noun.children if c.dep_ == "compound" for m in [ctx.args.mention(c)] if m is not None]


def possessor(ctx: RuleContext, k: int, start: int) -> Mention | None:
    """The organisation or country whose title it is: "Apple's late co-founder", 'its CEO' (the pronoun resolved)."""
    doc = ctx.doc
    if k >= 2 and doc[k - 1].lower_ in ("'s", "\u2019s", "'") and doc[k - 1].tag_ == "POS":
        m = ctx.args.mentions.at(doc[k - 2])
        if m is not None and holds_office(ctx, m):
            return m
    for c in (c for t in doc[k:start] for c in t.children if c.dep_ == "poss" and c.i < k):
        m = coordinated_owner(ctx, c) if c.tag_ == "PRP$" else None
        m = m or ctx.args.mention(c)
        if m is not None and holds_office(ctx, m):
            return m
    return None


def appositions(ctx: RuleContext, person: Mention, root: Token) -> Iterator[Relation]:
    """A title in apposition after ('John Healey, the UK Defence Secretary', 'X, the founder and former chief
    executive of Y', 'Oleksandr Senkevych, mayor') or before ('X's Defence Secretary, John Healey') the name."""
    for child in root.children:
        if (child.dep_ == "appos" or after_comma(ctx, child)) and not names_another(ctx, child, person):
            titles = [child] + [c for c in child.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")
                                and not names_another(ctx, c, person)]
        elif set_off_modifier(ctx, root, child):  # "X, 58 years old and former governor of Y": the title after 'and'
            titles = [c for c in child.children if c.dep_ == "conj" and c.pos_ == "NOUN" and not names_another(ctx, c, person)]
        else:
            continue
        if titles:
            yield from apposed_titles(ctx, person, titles)
    if root.dep_ == "appos":
        head = root.head if not names_another(ctx, root.head, person) else title_of_named(ctx, root.head)
        if head is not None:
            yield from title_before(ctx, person, head)


def title_of_named(ctx: RuleContext, named: Token) -> Token | None:
    """'the head of Vestby operator Acme, Lars Holm': the parser hangs the name on the organisation that
    ends the title's 'of' phrase; the title noun it belongs to (an organisation is no apposition of a person)."""
    of = named.head
    title = ctx.args.mention(of.head)  # 'the chairman' may stand for a person as a role mention
    if named.dep_ != "pobj" or of.lower_ != "of" or of.head.pos_ != "NOUN" \
            or title is not None and title.source != Source.ROLE:
        return None
    return of.head


def title_before(ctx: RuleContext, person: Mention, head: Token) -> Iterator[Relation]:
    """The role or relational noun of a title set before the name ('X's Defence Secretary, John Healey')."""
    words = [t for t in head.subtree if t.i <= head.i and t.dep_ not in ("det", "punct", "case", "nummod")]
    if words and is_title(ctx, words):
        yield from role_from(ctx, person, words, head, "apposition-role", employers(ctx, head))
    elif head.pos_ == "NOUN":
        yield from relational_noun(ctx, person, head)  # "the head of Acme, Lars Holm"


def apposed_titles(ctx: RuleContext, person: Mention, titles: list[Token]) -> Iterator[Relation]:
    """The roles (or relational nouns) of titles in apposition to a person, a shared 'of' phrase given to all."""
    shared = employers(ctx, titles[-1])  # "the founder and chief executive of Y": Y for both
    for title in titles:
        words = title_words(ctx, title)
        if any(t.lower_ == "best" for t in words):
            continue  # "Tom Ray, best supporting actor for X": an award category (awards.py), not a role
        if not is_title(ctx, words) and title.pos_ == "NOUN":
            yield from relational_noun(ctx, person, title, possessor=True)  # "X, the head of RWE", "X, his wife"
            yield from workplace_noun(ctx, person, title)  # "X, an ecologist at Purdue University"
        if is_title(ctx, words[-2:] if len(words) > 1 else words) or is_title(ctx, words):
            own = employers(ctx, title)  # a title with its own "of" phrase does not take the shared one
            yield from role_from(ctx, person, words, title, "apposition-role",
                                 own or ([] if any(c.dep_ == "prep" for c in title.children) else shared))


def workplace_noun(ctx: RuleContext, person: Mention, noun: Token) -> Iterator[Relation]:
    """A noun in apposition that is no known title, 'at' or 'with' an organisation: the person works there
    ('X, an ecologist at Purdue University', 'X, a lobbyist with the Dairy Institute')."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ctx.settings.workplace_preps:
            for p in child.children:
                for org in ctx.args.entities(p) if p.dep_ == "pobj" else []:
                    if ctx.ontology.is_a(org.cls, Cls.Organization) and not ctx.ontology.is_a(org.cls, Cls.Country):
                        yield from ctx.relate(person, "worksFor", org, noun, "apposition-workplace", modal=False)


def set_off_modifier(ctx: RuleContext, root: Token, child: Token) -> bool:
    """An adjective phrase set off by a comma right after the name ('Sheinbaum, 61 years old and ...')."""
    first = child.left_edge
    return child.dep_ == "amod" and child.i > root.i and first.i > 0 and ctx.doc[first.i - 1].text == "," \
        and ctx.doc[first.i - 1].i == root.i + 1


def after_comma(ctx: RuleContext, token: Token) -> bool:
    """A noun the parser coordinated with the name although a comma sets it off as an apposition ('Ann Ray,
    his wife and editor'): its first word follows the comma right after the name."""
    first = token.left_edge
    return token.dep_ == "conj" and token.pos_ == "NOUN" and first.i > 0 and ctx.doc[first.i - 1].text == "," \
        and ctx.doc[first.i - 1].head.i == token.head.i and not any(c.dep_ == "cc" and c.i < token.i
                                                                    for c in token.head.children)


def relational_noun(ctx: RuleContext, person: Mention, noun: Token, possessor: bool = False) -> Iterator[Relation]:
    """A noun trigger of the lexicon in apposition to a name states its property of the name: 'the head of RWE,
    Lars Holm' leads Acme (the trigger rule reads the noun's own subject, which an apposition does not give).
    With `possessor`, a possessive on a noun after the name fills the preposition ('Emma Thomas, his wife' is the
    wife of him); before the name ("Hale's wife, Miriam") agent_nouns.py reads it."""
    lemma = noun.lemma_.lower()
    for trig in ctx.ontology.triggers:
        if trig.kind != "noun" or trig.lemma not in (lemma, noun.lower_) or not trig.prep or trig.reverse:
            continue
        if trig.subject_classes and not any(ctx.ontology.is_a(person.cls, c) for c in trig.subject_classes):
            continue
        objects = ctx.args.prep_objects(noun, trig.prep)
        if possessor and trig.prep in POSSESSOR_PREPS:  # "Emma Thomas, his wife": the wife of him
            objects += [m for c in noun.children if c.dep_ == "poss"
                        for m in [ctx.args.mention(c)] if m is not None and m.name != person.name]
        if lemma in ctx.lexicon.act_nouns or noun.lower_ in ctx.lexicon.act_nouns:
            continue  # "Brenta, Acme's largest acquisition": the name is acted on, agent_nouns.py reads the actor
        for obj in objects:
            if not trig.object_classes or any(ctx.ontology.is_a(obj.cls, c) for c in trig.object_classes):
                yield from ctx.relate(person, trig.property, obj, noun, "apposition-noun", modal=False)
                if trig.property in ctx.lexicon.titles:  # 'the head of RWE': an office, so a role too
                    yield from ctx.relate(person, "role", f"{noun.lower_} of {obj.name}", noun, "apposition-noun",
                                          modal=False)
