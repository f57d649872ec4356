"""What a title says: 'UK Defence Secretary' is a role literal, and its holder serves the UK; 'chief
executive of Y' leads Y, 'co-founder' founds. Shared by the rules that find titles (roles, appointments,
origins, agent nouns); no rule of its own."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence

from spacy.tokens import Token

from kg.extract.rules.context import RuleContext
from kg.models import Mention, Relation, Source
from kg.ontology.vocabulary import Cls


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
        # the whole phrase or any tail of it after a space or hyphen: "UK Defence Secretary", "co-founder"
        if text in known or any(text[i + 1:] in known for i, ch in enumerate(text) if ch in " -"):
            return True
    return False


def employers(ctx: RuleContext, title: Token) -> list[Mention]:
    """'a plant pathologist at Makerere University', 'the governor of Kherson': where the title is held."""
    found: list[Mention] = []
    for child in title.children:
        if child.dep_ == "prep" and child.lower_ in ctx.settings.employer_preps:
            found.extend(m for p in child.children if p.dep_ == "pobj" for m in ctx.args.entities(p) or owner_of(ctx, p)
                         if holds_office(ctx, m))
        elif child.dep_ == "prep" and child.lower_ in ctx.settings.staff_preps:  # 'an astronaut from Org'
            found.extend(m for p in child.children if p.dep_ == "pobj" for m in ctx.args.entities(p)
                         if holds_office(ctx, m) and ctx.ontology.is_a(m.cls, Cls.Organization)
                         and not ctx.ontology.is_a(m.cls, Cls.Country))
    return found


def owner_of(ctx: RuleContext, noun: Token) -> list[Mention]:
    """"a chemist with the Agriculture Department's research service": an unnamed part of a named organisation
    (a possessive on a common noun) is held at that organisation."""
    if noun.pos_ != "NOUN":
        return []
    return [m for c in noun.children if c.dep_ == "poss" for m in [ctx.args.mention(c)]
            if m is not None and m.source != Source.DEMONYM and ctx.ontology.is_a(m.cls, Cls.Organization)]


def holds_office(ctx: RuleContext, m: Mention) -> bool:
    """An organisation, a country or a place where a title can be held (not a person, not a demonym)."""
    return m.cls != Cls.Person and m.source != Source.DEMONYM and (
        ctx.ontology.is_a(m.cls, Cls.Agent) or ctx.ontology.is_a(m.cls, Cls.Place))


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


def role_from(ctx: RuleContext, person: Mention, words: list[Token], anchor: Token, rule: str,
              employers: Sequence[Mention] = (), modal: bool = False) -> Iterator[Relation]:
    """The person's role named by `words`, and the property by which they hold it at each organisation
    or place named in the title ('UK Defence Secretary', 'Florida Gov.') or given as `employers`."""
    a = ctx.args
    organisations = named_organisations(ctx, words) + list(employers)
    # an honorific before the title goes ('Dr'), the title's own last word stays: 'a University professor'
    words = [t for t in words if t.i == anchor.i or t.lower_.rstrip(".") not in ctx.lexicon.honorifics
             or title_word(ctx, t) in ctx.lexicon.all_titles]
    possessive = {t.i for t in words if t.dep_ == "poss" or t.head.dep_ == "poss" or t.dep_ == "case"}
    title_words = [t for t in words if t.i not in possessive and (
        a.mention(t) is None or a.mention(t).source in (Source.DEMONYM, Source.ROLE))]
    title = written_title(ctx, [t for t in words if t.i not in possessive])
    if not title or not any(is_title(ctx, title_words[i:]) for i in range(len(title_words))):
        return
    yield from ctx.relate(person, "role", title, anchor, rule, modal=modal)
    prop = ctx.lexicon.title_property(phrase(ctx, title_words))
    last = title_word(ctx, title_words[-1]) if title_words else ""
    for org in dict.fromkeys(organisations):
        if holds_over(ctx, org, title_words):
            yield from ctx.relate(person, office_property(ctx, prop, org, last), org, anchor, rule, modal=modal)
        if residence_title(ctx, words, last) and names_in(ctx, words, org):
            yield from place_of_holder(ctx, person, org, anchor, modal)
    event = event_of_noun(ctx, title_words) if not organisations else None
    if event is not None and prop in ctx.lexicon.title_event_properties:
        yield from ctx.relate(person, ctx.lexicon.title_event_properties[prop], event, anchor, rule, modal=modal)
    # a department head's title a person owns ("the premier's finance minister") is an office of the state, not
    # a post on the person's staff
    staff = prop == "serves" and last not in ctx.lexicon.department_head_titles
    boss = person_served(ctx, words, person) if not organisations and staff else None
    if boss is not None:  # 'Abbott spokesman Andrew Mahaleris' speaks for Abbott; "Riley's lawyer" defends Riley
        yield from ctx.relate(person, office_property(ctx, "serves", boss, last), boss, anchor, rule, modal=modal)
    yield from office_led(ctx, person, title, anchor)


def holds_over(ctx: RuleContext, org: Mention, title_words: Sequence[Token]) -> bool:
    """An organisation is served by any title; a town or state only by an office ('Denver lawyer X' does not
    represent Denver, 'Denver Mayor X' governs it)."""
    if ctx.ontology.is_a(org.cls, Cls.Agent) or not ctx.ontology.is_a(org.cls, Cls.Place):
        return True
    offices = ctx.lexicon.office_titles
    text = phrase(ctx, title_words)
    return text in offices or any(text[i + 1:] in offices for i, ch in enumerate(text) if ch in " -")


def names_in(ctx: RuleContext, words: Sequence[Token], place: Mention) -> bool:
    """The place is written inside the title ('Tulsa Mayor X', 'a Tulsa dentist'), not after a preposition:
    'an analyst at Carnegie in Stockholm' works at an institution NER may have taken for a town."""
    return any((m := ctx.args.mention(t)) is not None and m.name == place.name for t in words)


def residence_title(ctx: RuleContext, words: Sequence[Token], last: str) -> bool:
    """A present title that is no court's or prosecutor's: its holder lives in the place it names."""
    homes = ctx.lexicon.homes
    past = any(t.lower_.strip("-") in homes.past_title_words for t in words) or \
        any(c.lower_.strip("-") in homes.past_title_words for t in words for c in t.children if c.dep_ == "amod")
    text = phrase(ctx, words)  # 'District Attorney' names a jurisdiction, a 'New York attorney' a home
    return not past and not any(text == t or text.endswith(" " + t) for t in homes.jurisdiction_titles)


def place_of_holder(ctx: RuleContext, person: Mention, place: Mention, anchor: Token,
                    modal: bool) -> Iterator[Relation]:
    """'Ohio Gov. Ann Ray', 'Tulsa Mayor X', 'a Tulsa dentist, Y': whoever holds an office or works under the name
    of a town or state (not a country: 'UK envoy') lives there."""
    if place.source != Source.DEMONYM and ctx.ontology.is_a(place.cls, Cls.Place) \
            and not ctx.ontology.is_a(place.cls, Cls.Agent):
        yield from ctx.relate(person, "livesIn", place, anchor, "office-residence", modal=modal)


def person_served(ctx: RuleContext, words: Sequence[Token], person: Mention) -> Mention | None:
    """The person a staff title names ('Abbott spokesman', 'Biden adviser'): a person named in the title words."""
    found = [m for m in (ctx.args.mentions.at(t) for t in words) if m is not None and m.cls == Cls.Person
             and m.source.is_name and m.name != person.name]
    return found[-1] if found else None


def event_of_noun(ctx: RuleContext, words: Sequence[Token]) -> Mention | None:
    """'summit President X': an event noun in the title stands for the latest event of its kind the article named
    before it ('the Cop29 summit')."""
    for t in words:
        kind = ctx.lexicon.class_nouns.get(t.lower_)
        if ctx.args.mention(t) is not None or t.pos_ != "NOUN" or kind is None or not ctx.ontology.is_a(kind, Cls.Event):
            continue
        named = [m for s, _, m in ctx.args.mentions.spans if s < t.i and ctx.ontology.is_a(m.cls, kind)]
        return named[-1] if named else None
    return None


def named_organisations(ctx: RuleContext, words: Sequence[Token]) -> list[Mention]:
    """The organisation, country or place a title names: the one nearest the title word ('US Navy aviator' is
    the Navy's, not the US's); a demonym inside a longer name ('Royal Canadian Air Force') names no country."""
    a = ctx.args
    found: list[Mention] = []
    for k, t in enumerate(words):
        m = (coordinated_owner(ctx, t) if t.tag_ == "PRP$" else None) or a.mention(t) or acronym_of(ctx, t)
        if m is None or not (holds_office(ctx, m) or m.source == Source.DEMONYM) or m in found:
            continue
        inside_name = m.source == Source.DEMONYM and k > 0 and words[k - 1].pos_ == "PROPN" \
            and a.mention(words[k - 1]) is None and words[k - 1].is_title
        # 'a Nigerian-born epidemiologist' was born there (homes.py), and holds no office of the country
        born = [x.lower_ for x in ctx.doc[t.i + 1:t.i + 3]] in (["-", "born"], ["born"])
        if not inside_name and not born:
            found.append(m)
    return found[-1:]


def coordinated_owner(ctx: RuleContext, pronoun: Token) -> Mention | None:
    """'suing Acme and its CEO Lars Holm': the pronoun is the organisation the name is coordinated with."""
    name = pronoun.head
    while name.dep_ == "compound" and name.head.i > name.i:
        name = name.head
    if name.dep_ != "conj":
        return None
    m = ctx.args.mention(name.head)
    return m if m is not None and ctx.ontology.is_a(m.cls, Cls.Organization) else None


def acronym_of(ctx: RuleContext, token: Token) -> Mention | None:
    """The organisation of the article an untagged acronym stands for: 'BOJ Governor' after 'the Bank of Japan'."""
    text = token.text
    if len(text) < 2 or not text.isupper() or not text.isalpha():
        return None
    for _, _, m in ctx.args.mentions.spans:
        if ctx.ontology.is_a(m.cls, Cls.Organization):
            words = [w for w in m.name.split() if w[0].isalpha()]
            # 'Bank of Japan' is BOJ, 'Department of Energy' DOE; 'Securities and Exchange Commission' SEC
            if text in ("".join(w[0] for w in words).upper(), "".join(w[0] for w in words if w[0].isupper())):
                return m
    return None


def written_title(ctx: RuleContext, words: Sequence[Token]) -> str:
    """The role literal as written, an abbreviated title spelled out ('Florida Gov.' -> 'Florida Governor')."""
    out = ""
    for k, t in enumerate(words):
        word = title_word(ctx, t)
        word = t.text if word == t.lower_ else word.capitalize() if t.is_title else word
        glued = k > 0 and (t.text == "-" or words[k - 1].text == "-") and not words[k - 1].whitespace_
        out += word if glued or not out else " " + word
    return out


def office_property(ctx: RuleContext, prop: str, org: Mention, last_word: str = "") -> str:
    """A title held over a place that is not an agent (a city, a state) uses the property's place variant; the
    secretary or minister of a government department (not of a country) heads it ('HHS Secretary X')."""
    if last_word in ctx.lexicon.counsel_titles and org.cls == Cls.Person:
        return "defends"  # "Riley's lawyer, Amy Chen": a person's lawyer defends them
    if last_word in ctx.lexicon.team_coach_titles and ctx.ontology.is_a(org.cls, Cls.SportsTeam):
        return "coaches"  # 'Riverton manager X': a club's manager coaches it
    if not ctx.ontology.is_a(org.cls, Cls.Agent) and ctx.ontology.is_a(org.cls, Cls.Place):
        return ctx.lexicon.title_place_properties.get(prop, prop)
    if last_word in ctx.lexicon.department_head_titles and ctx.ontology.is_a(org.cls, Cls.Government) \
            and not ctx.ontology.is_a(org.cls, Cls.Country):
        return "leads"
    return prop


def office_led(ctx: RuleContext, person: Mention, title: str, anchor: Token) -> Iterator[Relation]:
    """The gazetteer knows whom this office-holder leads: 'Prime Minister Sir Keir Starmer' leads the UK."""
    entry = ctx.ontology.gazetteer_index.get((person.canonical or "").lower())
    if any(w.strip("-") in ctx.lexicon.homes.past_title_words for w in title.lower().split()):
        return  # 'former President X' held the office once: the gazetteer's holder of today need not be him
    if entry is not None and entry.office and entry.country and entry.office.lower() in title.lower():
        led = ctx.ontology.gazetteer_index.get(entry.country.lower())
        if led is not None:
            country = dataclasses.replace(person, text=entry.country, name=led.name, cls=led.cls,
                                          source=Source.GAZETTEER, wikidata=led.wikidata, canonical=led.name)
            yield from ctx.relate(person, "leads", country, anchor, "gazetteer-office", modal=False)
