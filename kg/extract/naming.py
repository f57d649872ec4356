"""Naming constructions of news copy that NER reads badly: datelines, 'City, State', quoted titles,
'X-based', possessives of people, surnames and short forms, acronyms in brackets.

Each rule works on one article's `TokenMentions` (see `kg.extract.mentions.find_mentions`, which calls
them in order) and only ever adds a mention, retypes one or gives one a fuller name: it never invents a
name the text does not write.
"""
from __future__ import annotations

import dataclasses
import re

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

from kg.extract.mentions import LEGAL_SUFFIXES, TokenMentions, make_mention
from kg.extract.tokens import indices_where, lowercase_in
from kg.models import Mention, Source
from kg.nlp import doc_text
from kg.ontology import GazetteerEntry, Ontology, fold
from kg.ontology.vocabulary import Cls

# NER's default classes: a mention of one of these was typed by the label alone and may be retyped.
DEFAULT_CLASSES = {Cls.Person, Cls.Organization, Cls.Place, Cls.Region, Cls.Facility, Cls.Event, Cls.Product}
# A dateline: place words (the first in capitals), an optional agency in brackets, a dash or colon.
DATELINE = re.compile(
    r"(?P<places>[A-Z][A-Za-z.'’\-]*(?:[ /][A-Z][A-Za-z.'’\-]*)*(?:,? (?:and )?[A-Z][A-Za-z.'’\-]*"
    r"(?: [A-Z][A-Za-z.'’\-]*)*)*)\s*(?P<agency>\([^()\n]{1,40}\))?\s*(?P<sep>[:—–]|--?|$)(?=\s|$)")
# Words in capitals at a paragraph's start that are labels, not places.
NOT_DATELINE_WORDS = {"UPDATE", "UPDATED", "BREAKING", "NOTE", "EXCLUSIVE", "WATCH", "ANALYSIS", "OPINION", "LIVE",
                      "VIDEO", "PHOTOS", "EDITOR", "EDITORS", "CORRECTION", "WARNING", "READ", "MORE", "SPOILER"}
# Generational suffixes and regnal numbers after a person's name.
NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "v", "vi"}
PLACE_PREPOSITIONS = {"in", "near", "outside", "across", "around"}
TITLE_SMALL_WORDS = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "from", "with", "&"}


def _entry(text: str, ontology: Ontology) -> GazetteerEntry | None:
    return ontology.gazetteer_index.get(fold(text))


def _titled(text: str) -> str:
    """'NECKARWESTHEIM' -> 'Neckarwestheim', 'TEL AVIV' -> 'Tel Aviv'; mixed case is kept as written."""
    if not text.isupper():
        return text
    return re.sub(r"[A-Za-z]+", lambda m: m.group(0).capitalize(), text.lower())


def datelines(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'MIAMI (AFP) —', 'BRUSSELS:', 'CUPERTINO, Calif. (AP) –', 'NECKARWESTHEIM/LINGEN (dpa-AFX) -':
    the places a paragraph opens with are places, the story's (NER reads capitals as organisations)."""
    text = doc_text(doc)
    for para in re.finditer(r"(?:^|\n)[ \t]*(?=\S)", text):
        found = DATELINE.match(text, para.end())
        if found is None or (found.group("sep") == "" and found.group("agency") is None):
            continue
        places = found.group("places")
        first = re.split(r"[ ,/]", places)[0]
        if not (found.group("agency") or (first.isupper() and len(first) >= 3)):
            continue  # 'Sheinbaum won': a title-case dateline needs its agency, '(AFP)'
        if first.rstrip(".'’") in NOT_DATELINE_WORDS or len(places) > 70:
            continue
        if _title_in_brackets(found.group("agency"), ontology):
            continue  # 'Ann Fry (8th Governor): Born ...': a person's heading, not a place and its agency
        _dateline_places(doc, mentions, ontology, found.start("places"), places, bool(found.group("agency")))


def _title_in_brackets(agency: str | None, ontology: Ontology) -> bool:
    """The bracket after a heading ends in a title ('(8th President)', '(Governor)'): no news agency."""
    words = (agency or "").strip("()").split()
    return bool(words) and fold(words[-1]).rstrip(".") in ontology.lexicon.all_titles


def _dateline_places(doc: Doc, mentions: TokenMentions, ontology: Ontology, offset: int, places: str,
                     agency: bool) -> None:
    """Each place of a dateline, its capitals undone; a city followed by its state or country keeps
    'City, State' as the text it was written as."""
    parts = [(m.start() + offset, m.group(0)) for m in re.finditer(r"[^,/]+", places)]
    parts = [(s + len(p) - len(p.lstrip(" ")), p.strip(" ")) for s, p in parts]
    parts = [(s + 4, p[4:]) if p.startswith("and ") else (s, p) for s, p in parts]
    for k, (start, part) in enumerate(parts):
        span = doc.char_span(start, start + len(part), alignment_mode="expand")
        if span is None or not part:
            continue
        entry = _entry(part, ontology)
        if entry is None and not part.isupper() and not (k == 0 and agency):
            continue  # a title-case part names a known state or country, or is the first before '(AFP)'
        if entry is None and not part[:1].isupper():
            continue
        name = entry.name if entry else _titled(part)
        cls = entry.cls if entry else Cls.City
        surface = None
        nxt = parts[k + 1] if k + 1 < len(parts) else None
        if nxt is not None and entry is None and places[nxt[0] - offset - 2:nxt[0] - offset] == ", " \
                and not nxt[1].isupper() and _entry(nxt[1], ontology) is not None:
            surface_end = nxt[0] + len(nxt[1])
            surface = (part, text_between(doc, start, surface_end))
        mention = make_mention(doc, span, name, cls, Source.GAZETTEER if entry else Source.RULE, entry)
        if surface is not None:
            mention = _with_text(mention, surface[1])
        mentions.replace(span.start, span.end, mention)


def text_between(doc: Doc, start: int, end: int) -> str:
    return doc_text(doc)[start:end]


def _with_text(m: Mention, text: str) -> Mention:
    return dataclasses.replace(m, end=m.start + len(text), text=text)


def appositive_titles(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'Oleksandr Senkevych, mayor, said', 'Senkevych, the mayor': a name in apposition with a title or an
    occupation is a person's, whatever NER called it."""
    # a company noun that is also an occupation ('X, the publisher of Y') names a company as often as a person
    titles = ontology.lexicon.titles_and_occupations - ontology.lexicon.epithets.nouns
    people: set[str] = set()
    for k, (s, e, m) in enumerate(mentions.spans):
        if m.cls == Cls.Person or m.source == Source.GAZETTEER or m.cls not in DEFAULT_CLASSES:
            continue
        root = doc[s:e].root
        nouns = [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
        if any(n.lower_ in titles and n.pos_ == "NOUN" and mentions.at(n) is None for n in nouns) \
                or _age_follows(doc, e):
            mentions.retype(k, Cls.Person)
            people.add(m.name)
    # the same name elsewhere in the article, typed by NER's label alone, is the same person
    for k, (s, e, m) in enumerate(mentions.spans):
        if m.name in people and m.cls != Cls.Person and m.source == Source.NER and m.cls in DEFAULT_CLASSES:
            mentions.retype(k, Cls.Person)


def _age_follows(doc: Doc, end: int) -> bool:
    """'Sheinbaum, 61 years old, ...', 'Ulf Merbold, 47, of ...': an age set off after a name makes it a person's."""
    if end + 2 >= len(doc) or doc[end].text != "," or not doc[end + 1].like_num or not doc[end + 1].text.isdigit():
        return False
    after = doc[end + 2]
    return 0 < int(doc[end + 1].text) < 120 and (after.text in (",", ")") or after.lower_ in ("years", "year"))


def city_state(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'Springfield, Ill.', 'Lowell, Mass.', 'Santa Clara, Calif.-based': a name, a comma and a known state
    or country is a city there (whatever NER called it), and 'Springfield, Ill.' is a name of that city."""
    spans = sorted(mentions.spans, key=lambda t: t[0])
    for (s1, e1, m1), (s2, e2, m2) in zip(spans, spans[1:]):
        if s2 != e1 + 1 or doc[e1].text != "," or m2.source != Source.GAZETTEER or m2.cls not in (Cls.Region, Cls.Country):
            continue
        if m1.source == Source.GAZETTEER or m1.cls not in DEFAULT_CLASSES | {Cls.City} or m1 is m2:
            continue
        if s1 > 0 and doc[s1 - 1].lower_ in (",", "and", "or"):
            continue  # a list: 'Hatay, Kilis, Syria'
        after = doc[e2].lower_ if e2 < len(doc) else "."
        if after in ("and", "or") or (after == "," and e2 + 1 < len(doc) and mentions.at(doc[e2 + 1]) is not None):
            continue
        text = doc_text(doc)[doc[s1].idx:doc[e2 - 1].idx + len(_state_text(doc[e2 - 1]))]
        k = next(j for j, t in enumerate(mentions.spans) if t[2] is m1)
        mentions.retype(k, Cls.City)
        s, e, fixed = mentions.spans[k]
        _set(mentions, k, _with_text(fixed, text))


def _state_text(token) -> str:
    """'Calif.-based' -> 'Calif.': the state as written, without the compound it opens."""
    return token.text.split("-based")[0]


def _set(mentions: TokenMentions, k: int, mention: Mention) -> None:
    s, e, _ = mentions.spans[k]
    mentions.spans[k] = (s, e, mention)
    for i in range(s, e):
        mentions.by_token[i] = mention


def based_places(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'Santa Monica-based Activision', 'a Burbank-based company': what a company is based in is a place."""
    for k, (s, e, m) in enumerate(mentions.spans):
        if e + 1 < len(doc) and doc[e].text == "-" and doc[e + 1].lower_ in ("based", "headquartered") \
                and m.source != Source.GAZETTEER and m.cls in DEFAULT_CLASSES:
            mentions.retype(k, Cls.City)


def place_nouns(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'the city of Mykolaiv', 'the province of Hatay'; 'in Kremenchuk', where NER saw a person: places."""
    class_nouns = ontology.lexicon.class_nouns
    for k, (s, e, m) in enumerate(mentions.spans):
        if m.source == Source.GAZETTEER or m.cls not in DEFAULT_CLASSES or ontology.is_a(m.cls, Cls.Place):
            continue
        root = doc[s:e].root
        while root.dep_ == "conj" and root.head is not root:  # 'the provinces of X, Y and Z'
            root = root.head
        prep = root.head if root.dep_ == "pobj" else None
        if prep is None:
            continue
        noun = prep.head
        noun_cls = class_nouns.get(noun.lower_) or class_nouns.get(noun.lemma_.lower()) if prep.lower_ == "of" else None
        if noun_cls and ontology.is_a(noun_cls, Cls.Place) and noun.pos_ == "NOUN":
            mentions.retype(k, noun_cls)
        elif prep.lower_ in PLACE_PREPOSITIONS and m.cls == Cls.Person and e - s == 1 \
                and not _known_person(mentions, m.name):
            mentions.retype(k, Cls.City)


def _known_person(mentions: TokenMentions, name: str) -> bool:
    """Whether the article names a person of whom `name` is a part ('Norris' after 'Lando Norris')."""
    return any(x.cls == Cls.Person and " " in x.name and name in x.name.split() for _, _, x in mentions.spans)


def listed_places(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'Sanliurfa, Diyarbakir, Adana, Osmaniye and Hatay': in a list whose members are mostly places, or that
    a place noun introduces ('the provinces hit were X, Y and Z'), the one-word members NER typed otherwise
    are places of the same kind."""
    for group in _lists(doc, mentions):
        places = [m for _, m in group if ontology.is_a(m.cls, Cls.Place) and m.cls != Cls.Country]
        others = [(k, m) for k, m in group if m.cls in DEFAULT_CLASSES and not ontology.is_a(m.cls, Cls.Place)
                  and m.source != Source.GAZETTEER and " " not in m.name]
        first = doc[mentions.spans[group[0][0]][0]:mentions.spans[group[0][0]][1]].root
        if len(places) >= 2 and (len(places) >= len(others) or _place_noun_introduces(first, ontology)):
            cls = max({m.cls for m in places}, key=lambda c: (sum(m.cls == c for m in places), c))
            for k, m in others:
                mentions.retype(k, cls)


def _place_noun_introduces(token: Token, ontology: Ontology) -> bool:
    """'the regions affected were X, ...', 'five provinces: X, ...': the list's first name is the complement
    of a plural place noun, or in apposition to one."""
    class_nouns = ontology.lexicon.class_nouns
    if token.dep_ == "attr" and token.head.lemma_ == "be":
        nouns = [c for c in token.head.children if c.dep_ == "nsubj"]
    elif token.dep_ == "appos":
        nouns = [token.head]
    else:
        return False
    return any(n.tag_ == "NNS" and ontology.is_a(class_nouns.get(n.lemma_.lower(), Cls.Entity), Cls.Place)
               for n in nouns)


def places_by_evidence(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'70 miles northeast of Boise', "Winterset's busiest street", "the town's mayor": a name a compass word
    takes with 'of', or owning a part of a town (lexicon town_part_nouns), is a place, whatever NER called it."""
    compass = {w.lower() for w in ontology.lexicon.name_patterns.compass_words}
    parts = ontology.lexicon.town_part_nouns
    for k, (s, e, m) in enumerate(mentions.spans):
        if m.source == Source.GAZETTEER or m.cls not in DEFAULT_CLASSES or ontology.is_a(m.cls, Cls.Place):
            continue
        if m.cls == Cls.Person and _known_person(mentions, m.name):
            continue
        root = doc[s:e].root
        of_compass = root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in compass
        owns_part = root.dep_ == "poss" and root.head.lower_ in parts and root.head.i > e
        if of_compass or owns_part or _hometown_after_age(mentions, root, e - s):
            mentions.retype(k, Cls.City)


def _hometown_after_age(mentions: TokenMentions, root, length: int) -> bool:
    """'Dan Ray, 30, of Boothbay': one bare word (no article: 'of the Patent Office' is a body) after a
    person's age is the town the person is from."""
    of = root.head
    if length != 1 or root.dep_ != "pobj" or of.lower_ != "of" or any(c.dep_ == "det" for c in root.children):
        return False
    name = of.head.head if of.head.like_num else of.head  # 'of' on the age, or on the name after it
    person = mentions.at(name)
    ages = [c for c in name.children if c.dep_ in ("appos", "amod", "npadvmod") and c.like_num and c.i < of.i]
    return person is not None and person.cls == Cls.Person and bool(ages)


def team_opponents(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'Riverton United beat Ashbourne City 3-1': the side a sports team beats, or is beaten by, is a team too,
    though its name ends in a place word ('City') or NER took it for a place."""
    verbs = {t.lemma for t in ontology.triggers if t.property in ontology.lexicon.contest_results.defeat_properties
             and t.kind == "verb"}
    for k, (s, e, m) in enumerate(mentions.spans):
        if m.source == Source.GAZETTEER or m.cls == Cls.Person or ontology.is_a(m.cls, Cls.SportsTeam) or not (
                m.cls in DEFAULT_CLASSES or ontology.is_a(m.cls, Cls.Place)):
            continue
        if any(o is not None and ontology.is_a(o.cls, Cls.SportsTeam) for o in _opponents(doc, mentions, s, e, verbs)):
            mentions.retype(k, Cls.SportsTeam)


def _opponents(doc: Doc, mentions: TokenMentions, start: int, end: int, verbs: set[str]) -> list[Mention | None]:
    """The other side of a defeat verb the name is subject or object of; where the parser lost the verb (it
    often reads 'beat' before a name as a noun), the names written just before and after the verb."""
    root = doc[start:end].root
    if root.dep_ in ("nsubj", "dobj") and root.head.lemma_.lower() in verbs:
        return [mentions.at(c) for c in root.head.children if c.dep_ in ("nsubj", "dobj") and c.i != root.i]
    found: list[Mention | None] = []
    if start > 1 and doc[start - 1].lemma_.lower() in verbs:  # 'Riverton United beat X'
        found.append(mentions.at(doc[start - 2]))
    if end + 1 < len(doc) and doc[end].lemma_.lower() in verbs:  # 'X beat Riverton United'
        found.append(mentions.at(doc[end + 1]))
    return found


def titled_works(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'the film Castellane', 'her novel Marlow': a name right after a work noun is the work's title, not the
    person NER took it for (the biopic of Pierre Castellane is no Castellane); a title-case name with a
    determiner or possessive before the noun only."""
    nouns = ontology.lexicon.work_nouns
    for k, (s, e, m) in enumerate(mentions.spans):
        if m.source != Source.NER or m.cls not in DEFAULT_CLASSES or m.cls == Cls.Product or s < 2 \
                or m.canonical:
            continue
        noun = doc[s - 1]
        if noun.lower_ not in nouns or noun.pos_ != "NOUN" or not any(
                c.dep_ in ("det", "poss") for c in noun.children) or noun.head.i not in range(s, e) and \
                doc[s:e].root.head.i != noun.i:
            continue
        # run after the short-name rules, which may have given 'Castellane' the name of the person it is after
        title = doc[s:e].text
        _set(mentions, k, dataclasses.replace(m, name=title, cls=Cls.Product, source=Source.RULE,
                                              wikidata=None, canonical=None))


def company_towns(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'Avis Bourg Co. of Folsom', 'Larch Corp. of Camden': after a company's legal suffix, 'of' names the
    town it is in, whatever NER called the name."""
    for k, (s, e, m) in enumerate(mentions.spans):
        if s < 2 or doc[s - 1].lower_ != "of" or m.source == Source.GAZETTEER or m.cls not in DEFAULT_CLASSES \
                or ontology.is_a(m.cls, Cls.Place) or not all(t.is_title for t in doc[s:e]):
            continue
        suffix = doc[s - 2].lower_.rstrip(".")
        if suffix in LEGAL_SUFFIXES and ontology.is_a(getattr(mentions.at(doc[s - 2]), "cls", ""), Cls.Organization):
            mentions.retype(k, Cls.City)


def _lists(doc: Doc, mentions: TokenMentions) -> list[list[tuple[int, Mention]]]:
    """Runs of mentions joined by commas and 'and'/'or', each as (index in mentions.spans, mention)."""
    order = sorted(range(len(mentions.spans)), key=lambda k: mentions.spans[k][0])
    groups: list[list[tuple[int, Mention]]] = []
    current: list[tuple[int, Mention]] = []
    last_end = -1
    for k in order:
        s, e, m = mentions.spans[k]
        # only a comma and a conjunction may stand between two listed names: longer gaps are not read
        between = [t.lower_ for t in doc[last_end:s]] if 0 <= last_end and s - last_end <= 2 else None
        if between in ([","], ["and"], ["or"], [",", "and"], [",", "or"]):
            current.append((k, m))
        else:
            if len(current) >= 3:
                groups.append(current)
            current = [(k, m)]
        last_end = e
    if len(current) >= 3:
        groups.append(current)
    return groups


def possessive_organisations(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'Acme's Lena Dahl', 'Radio Sur's Ana B. Quiroga': a name owning a person is the
    organisation the person belongs to, though NER took it for a person."""
    for k, (s, e, m) in enumerate(mentions.spans):
        if m.cls != Cls.Person or m.source == Source.GAZETTEER or e + 1 >= len(doc) or doc[e].lower_ not in ("'s", "’s"):
            continue
        owned = mentions.at(doc[e + 1])
        if owned is not None and owned.cls == Cls.Person and owned is not m and not _known_person(mentions, m.name):
            mentions.retype(k, Cls.Organization)


def member_nouns(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'the American Williams driver', 'a Ferrari mechanic': a name before a member noun is the team or
    organisation the member belongs to."""
    nouns = ontology.lexicon.member_nouns
    for k, (s, e, m) in enumerate(mentions.spans):
        if m.source == Source.GAZETTEER or m.cls not in DEFAULT_CLASSES or e >= len(doc):
            continue
        nxt = doc[e]
        if nxt.lower_ in nouns and nxt.pos_ == "NOUN" and doc[e - 1].dep_ == "compound":
            mentions.retype(k, Cls.SportsTeam)


def employers_before_titles(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'Garnet spokeswoman Joan Pike', 'former Vantex executive Lee Moss': a one-word name before a title or an
    occupation that is written before a person's name is the employer, though NER took it for a person; before a
    company title ('Leica spokesman X', 'Healy president X'), though NER took it for a place."""
    titles = ontology.lexicon.titles_and_occupations
    for k, (s, e, m) in enumerate(mentions.spans):
        placed = m.cls in (Cls.Place, Cls.Region, Cls.Facility)
        if not (m.cls == Cls.Person or placed) or m.source != Source.NER or e - s != 1 or e + 1 >= len(doc) \
                or _known_person(mentions, m.name):
            continue
        title, after = doc[e], mentions.at(doc[e + 1])
        if title.lower_ in (ontology.lexicon.company_titles if placed else titles) and title.is_lower \
                and after is not None and after.cls == Cls.Person and after is not m and title.head.i > e \
                and doc[s].head.i == e:
            mentions.retype(k, Cls.Organization)


def unit_names(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'its Nova studio', "Acme's Orbit division": capitalised words before a company unit noun, after a
    possessive or 'the', name the unit (NER leaves them out or reads them as people)."""
    units = ontology.lexicon.name_patterns.unit_nouns
    for noun in (doc[i] for i in indices_where(doc, LOWER, lowercase_in(units))):
        if noun.pos_ != "NOUN" or mentions.at(noun) is not None:
            continue
        start = noun.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title \
                and doc[start - 1].head.i == noun.i and doc[start - 1].dep_ == "compound":
            start -= 1
        opener = doc[start - 1] if start > 0 else None
        if start == noun.i or opener is None or not (opener.tag_ in ("PRP$", "POS") or opener.lower_ == "the") \
                or any(_claimed(mentions, t, start) for t in doc[start:noun.i]):
            continue
        span = doc[start:noun.i + 1]
        mentions.replace(span.start, span.end, make_mention(doc, span, span.text, Cls.Company, Source.RULE))


def _claimed(mentions: TokenMentions, token, start: int) -> bool:
    """A known name on `token`, or NER's guess reaching before `start` ('Acme Lumen studio' is not a unit)."""
    m = mentions.at(token)
    return m is not None and (m.source != Source.NER or any(s < start for s, e, x in mentions.spans if x is m))


def people_killed(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'Chapman shot Lennon', 'Sirhan shot Kennedy', "Lennon's killer", 'the assassination of Lincoln': the one a
    verb or noun of killing is done to is a person, and so is the one who does it to a person, when NER took a
    one-word name for a place, a building, an organisation or a product (a name the gazetteer knows keeps its
    class: 'Israel killed X'; 'shot down' is done to aircraft)."""
    verbs = {t.lemma for t in ontology.triggers
             if t.property == "kills" and t.kind == "verb" and not t.subject_classes} | ontology.lexicon.lethal.person_verbs
    nouns = {t.lemma for t in ontology.triggers if t.property == "kills" and t.kind == "noun" and t.prep == "of"}
    for k, (s, e, m) in enumerate(mentions.spans):
        root = doc[s:e].root
        if e - s != 1 or m.source != Source.NER or m.cls not in KILLED_MISTYPES:
            continue
        if killed_by_verb(root, verbs) or killed_by_noun(root, nouns):
            mentions.retype(k, Cls.Person)
        elif root.dep_ == "nsubj" and root.head.lemma_.lower() in verbs and root.head.pos_ == "VERB" and any(
                c.dep_ == "dobj" and (x := mentions.at(c)) is not None and x.cls == Cls.Person
                for c in root.head.children):
            mentions.retype(k, Cls.Person)


# NER's guesses for a one-word name that a verb or noun of killing shows to be a person's.
KILLED_MISTYPES = (Cls.Place, Cls.Region, Cls.Facility, Cls.Organization, Cls.Product)


def killed_by_verb(name: Token, verbs: set[str]) -> bool:
    """'shot Lincoln', 'Lincoln was assassinated' (not 'shot down')."""
    verb = name.head
    return name.dep_ in ("dobj", "nsubjpass") and verb.pos_ == "VERB" and verb.lemma_.lower() in verbs \
        and not any(c.dep_ == "prt" for c in verb.children)


def killed_by_noun(name: Token, nouns: set[str]) -> bool:
    """"Lincoln's killer", "Kennedy's assassination" (no 'of' phrase naming another victim), 'the murder of Lennon'."""
    noun = name.head
    if name.dep_ == "poss" and noun.pos_ == "NOUN" and noun.lemma_.lower() in nouns:
        return not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
    return name.dep_ == "pobj" and noun.lower_ == "of" and noun.head.pos_ == "NOUN" \
        and noun.head.lemma_.lower() in nouns


def origin_places(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'a Fargo native', 'his Dayton hometown', 'her Dunmore birthplace': a name NER took for a person or an
    organisation, modifying a noun of where one is from, is a place (a city)."""
    nouns = {n for n, prop in ontology.lexicon.homes.nouns.items() if prop == "bornIn"} | {"hometown"}
    for k, (s, e, m) in enumerate(mentions.spans):
        root = doc[s:e].root
        if m.source == Source.NER and m.cls in (Cls.Person, Cls.Organization) and root.dep_ in ("compound", "amod") \
                and root.head.lower_ in nouns and root.head.i >= e and not _known_person(mentions, m.name):
            mentions.retype(k, Cls.City)


def short_person_names(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'Djokovic' after 'Novak Djokovic', 'Hardik' after 'Hardik Pandya', 'Charles' after 'King Charles III',
    'Ahn' after 'Ahn Gyu-back': a one-word name that is the first or last name of exactly one person the
    article names is that person (surname first, then given name). A two- or three-word name whose last word
    is also written alone is a person's, whatever NER called it."""
    full = [(k, m) for k, (s, e, m) in enumerate(mentions.spans) if len(m.name.split()) >= 2
            and not any(c.isdigit() for c in m.name)  # 'Neckarwestheim 2' is a plant, not a person
            and m.source != Source.GAZETTEER and (m.cls == Cls.Person or _person_like(doc[s:e], m, ontology))]
    titles = {m.name: m for s, e, m in mentions.spans if e - s == 1 and _quoted_title(doc, s, e, m)}
    singles = [(k, m) for k, (s, e, m) in enumerate(mentions.spans) if " " not in m.name and e - s == 1
               and m.source in (Source.NER, Source.RULE) and m.cls in DEFAULT_CLASSES
               and not _quoted_title(doc, s, e, m)]
    for k, m in singles:
        if m.name in titles:  # "living in Lincoln's world" in an article on the film "Lincoln": the film
            title = titles[m.name]
            _set(mentions, k, dataclasses.replace(m, cls=title.cls, wikidata=title.wikidata, canonical=title.canonical))
            continue
        by_last = [(j, f) for j, f in full if _name_words(f.name)[-1] == m.name]
        by_first = [(j, f) for j, f in full if _name_words(f.name)[0] == m.name]
        people = lambda found: {tuple(_name_words(f.name)) for _, f in found}  # 'Charles III', 'King Charles III'
        match = by_last if len(people(by_last)) == 1 else (
            by_first if not by_last and len(people(by_first)) == 1 else [])
        if not match:
            continue
        j, f = max(match, key=lambda jf: (len(jf[1].name), jf[1].name))
        if f.cls != Cls.Person and not any(_name_words(f.name)[-1] == m.name for _, f2 in match):
            continue  # an organisation's first word ('Hyundai') is the organisation's short form elsewhere
        if f.cls != Cls.Person:
            mentions.retype(j, Cls.Person)
            f = mentions.spans[j][2]
        _set(mentions, k, dataclasses.replace(m, name=f.name, cls=Cls.Person, wikidata=f.wikidata,
                                              canonical=f.canonical))


def _quoted_title(doc: Doc, start: int, end: int, mention: Mention) -> bool:
    """'"Lincoln," a drama about Abraham Lincoln': a work titled in quotes after its subject's surname is the
    work, not the person (quoted_titles typed it a Product)."""
    if mention.cls != Cls.Product or start < 1 or not doc[start - 1].is_quote:
        return False
    after = doc[end:end + 2]
    return len(after) > 0 and (after[0].is_quote or after[0].is_punct and len(after) > 1 and after[1].is_quote)


def tail_person_names(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'Ruiz Peña' after 'José Luis Ruiz Peña': a name of several words that ends the name of exactly
    one person of the article, and is no known name of its own, is that person's, whatever NER called it."""
    people = {m.name: m for _, _, m in mentions.spans if m.cls == Cls.Person and len(m.name.split()) >= 3}
    for k, (s, e, m) in enumerate(mentions.spans):
        words = m.name.split()
        if len(words) < 2 or m.source not in (Source.NER, Source.RULE) or m.cls not in DEFAULT_CLASSES:
            continue
        owners = [p for name, p in people.items() if name.split()[-len(words):] == words and name != m.name]
        if len(owners) == 1:
            p = owners[0]
            _set(mentions, k, dataclasses.replace(m, name=p.name, cls=Cls.Person, wikidata=p.wikidata,
                                                  canonical=p.canonical))


def initialled_names(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'Marina E. Franco', 'George W. Harris': a given name, a middle initial and a surname name a person,
    whatever NER called them."""
    for k, (s, e, m) in enumerate(mentions.spans):
        words = [t for t in doc[s:e]]
        if m.cls == Cls.Person or m.source == Source.GAZETTEER or m.cls not in DEFAULT_CLASSES or len(words) != 3:
            continue
        first, middle, last = words
        if first.is_title and first.is_alpha and last.is_title and last.is_alpha \
                and re.fullmatch(r"[A-Z]\.", middle.text) and first.lower_ not in ontology.lexicon.generic_name_words:
            mentions.retype(k, Cls.Person)


def _name_words(name: str) -> list[str]:
    """A person's name words without honorifics-like titles and suffixes: 'King Charles III' -> ['Charles']."""
    words = [w for w in name.replace(",", " ").split() if w.lower().rstrip(".") not in NAME_SUFFIXES]
    while len(words) > 1 and words[0].lower() in ("king", "queen", "prince", "princess", "pope", "sheikh"):
        words = words[1:]
    return words or name.split()


def _person_like(span: Span, m: Mention, ontology: Ontology) -> bool:
    """A two- or three-word title-case name with no word that makes it a company, a place or a thing."""
    lex = ontology.lexicon
    words = [t for t in span if not t.is_punct]
    if not 2 <= len(words) <= 4 or m.cls not in DEFAULT_CLASSES:
        return False
    generic = lex.generic_name_words
    company = lex.company_name_words
    class_nouns = lex.class_nouns
    return all(t.text[:1].isupper() and t.is_alpha or len(t.text) <= 2 and t.text.endswith(".") for t in words) \
        and words[0].lower_ not in generic and words[-1].text not in company and words[-1].text not in lex.team_name_words \
        and not any(t.lower_ in class_nouns or _entry(t.text, ontology) for t in words)


def admin_short_names(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'Mubende' after 'Mubende District', 'Kahramanmaras' after 'Kahramanmaras Province': a place named
    without its administrative noun is the same place."""
    class_nouns = ontology.lexicon.class_nouns
    full = {m.name.rsplit(" ", 1)[0]: m for _, _, m in mentions.spans if " " in m.name
            and ontology.is_a(class_nouns.get(m.name.rsplit(" ", 1)[1].lower(), Cls.Entity), Cls.Place)}
    for k, (s, e, m) in enumerate(mentions.spans):
        f = full.get(m.name)
        if f is not None and f is not m and m.source in (Source.NER, Source.RULE) and m.cls in DEFAULT_CLASSES | {Cls.City}:
            _set(mentions, k, dataclasses.replace(m, name=f.name, cls=f.cls, wikidata=f.wikidata,
                                                  canonical=f.canonical))


def bracketed_acronyms(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'the Coastal Flood Response Authority (CFRA)': the acronym in brackets after a name is
    that name's, wherever the article writes it."""
    acronyms: dict[str, Mention] = {}
    for s, e, m in list(mentions.spans):
        token = _acronym_after(doc, e) if len(m.name.split()) >= 2 else None
        if token is not None and token.text.isupper() and token.is_alpha and 2 <= len(token.text) <= 8 \
                and m.cls != Cls.Person:
            acronyms[token.text] = m
    for k, (s, e, m) in enumerate(mentions.spans):
        full = acronyms.get(m.name)
        if full is not None and full is not m and m.source != Source.GAZETTEER:
            _set(mentions, k, dataclasses.replace(m, name=full.name, cls=full.cls, wikidata=full.wikidata,
                                                  canonical=full.canonical))
    for name, full in acronyms.items():  # where NER left the acronym untagged
        for i, token in enumerate(doc):
            if token.text == name and mentions.at(token) is None:
                span = doc[i:i + 1]
                mentions.add(i, i + 1, make_mention(doc, span, full.name, full.cls, Source.RULE))


def _acronym_after(doc: Doc, end: int) -> Token | None:
    """The word a name's short form may be, right after the name: 'X (XO)', 'X, known as XO,'."""
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
        return doc[end + 1]
    words = [t.lower_ for t in doc[end:end + 3]]
    if words == [",", "known", "as"] and end + 3 < len(doc) and (end + 4 == len(doc) or doc[end + 4].is_punct):
        return doc[end + 3]
    return None


def initial_acronyms(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'BOJ' after 'the Bank of Japan', 'NTSB' after 'the National Transportation Safety Board': a one-word
    capitals name NER took for an organisation, made of the initials of an organisation the article names, is
    that organisation."""
    orgs = [m for _, _, m in mentions.spans if len(m.name.split()) >= 2 and ontology.is_a(m.cls, Cls.Organization)]
    for k, (s, e, m) in enumerate(mentions.spans):
        if e - s != 1 or m.source != Source.NER or not m.name.isupper() or not m.name.isalpha() \
                or not ontology.is_a(m.cls, Cls.Organization):
            continue
        full = next((o for o in orgs if m.name in initials(o.name)), None)
        if full is not None:
            _set(mentions, k, dataclasses.replace(m, name=full.name, cls=full.cls, wikidata=full.wikidata,
                                                  canonical=full.canonical))


def initials(name: str) -> tuple[str, str]:
    """'Bank of Japan' -> ('BOJ', 'BJ'): the initials of every word, and of the capitalised words only."""
    words = [w for w in name.split() if w[0].isalpha()]
    return "".join(w[0] for w in words).upper(), "".join(w[0] for w in words if w[0].isupper())


def quoted_titles(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'the maker of "Star Lanes"', 'the drama "The Zone of Interest"', '"Inception," "Dunkirk"': a short
    title-case phrase alone in quotation marks is the title of a work (a film, a game, a book, a show).
    Right after a person's name it is the person's other name: "Fuad Shukr 'Sayyid Muhsan'"."""
    text = doc_text(doc)
    for found in QUOTED.finditer(text):
        inner = found.group(1).strip(" ,.")
        words = inner.split()
        if not 1 <= len(words) <= 6 or not words[0][:1].isupper():
            continue
        if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in TITLE_SMALL_WORDS for w in words):
            continue
        start = found.start(1) + found.group(1).find(inner)
        span = doc.char_span(start, start + len(inner), alignment_mode="contract")
        if span is None or len(span) == 0 or any(t.pos_ in ("VERB", "AUX", "PRON") for t in span):
            continue
        inside = [t for t in mentions.spans if t[0] < span.end and span.start < t[1]]
        if any(m.source not in (Source.NER,) or s < span.start or e > span.end for s, e, m in inside):
            continue  # a known name in quotes, or a name running out of them
        before = _name_before(doc, mentions, span.start - 1) if doc[span.start - 1].is_quote else None
        if before is not None and before.cls == Cls.Person:
            mention = dataclasses.replace(before, start=span.start_char, end=span.end_char, text=span.text,
                                          source=Source.RULE)
        else:
            mention = make_mention(doc, span, inner, Cls.Product, Source.RULE)
        mentions.replace(span.start, span.end, mention)


def _name_before(doc: Doc, mentions: TokenMentions, quote: int) -> Mention | None:
    """The person named just before a quotation mark, where NER may have run the name into the quote."""
    if quote < 1:
        return None
    found = mentions.at(doc[quote - 1])
    if found is not None:
        return found
    start = quote
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
        start -= 1
    name = doc[start:quote].text
    known = next((m for _, _, m in mentions.spans if m.cls == Cls.Person and m.name == name), None)
    if known is not None and start < quote:
        end = doc[quote - 1].idx + len(doc[quote - 1])
        mentions.add(start, quote, dataclasses.replace(known, start=doc[start].idx, end=end, text=name,
                                                       source=Source.RULE))
    return known


# Quotation marks around a phrase, not apostrophes inside words ("Activision's ... producers'").
QUOTED = re.compile(r"(?<!\w)[“\"‘']([^“”\"‘’'\n]{2,60}?)[,.]?[”\"’'](?!\w)")


# Rules that retype mentions, then rules that give mentions a fuller name, in the order they run.
CLASS_RULES = (initialled_names, appositive_titles, city_state, based_places, place_nouns, listed_places,
               possessive_organisations, member_nouns, unit_names, employers_before_titles, people_killed,
               company_towns, origin_places, places_by_evidence, team_opponents)
NAME_RULES = (short_person_names, tail_person_names, admin_short_names, bracketed_acronyms, initial_acronyms,
              titled_works)
