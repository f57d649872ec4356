"""Entity mentions in a parsed article: NER and gazetteer spans, cleaned, typed, plus naming rules."""
from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass

import numpy as np
from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.tokens import Doc, Span, Token

from kg.extract.tokens import indices_where, indices_with, lowercase_in, string_ids, token_table
from kg.models import Mention, Source
from kg.nlp import NER_CLASSES, doc_article, doc_text
from kg.ontology import GazetteerEntry, Ontology, fold
from kg.ontology.vocabulary import Cls

QUOTES = "“”‘’\"'«»"
NAMING_CUES = ("so-called", "so called", "called", "known as", "dubbed", "named", "codenamed")
TRAILING_NOISE = re.compile(r"[\s/\-–—,:;.]+$")
# Small words a name never ends with: "Airbus Defence and Space in" is cut back to its name.
TRAILING_WORDS = {"in", "at", "of", "for", "and", "on", "to", "the", "from", "by", "with"}
# Provisional designation of a minor body: "2026 FK3", "1997 XF11".
DESIGNATION = re.compile(r"(1[89]|20)\d\d [A-Z]{2}\d{1,3}")
ADJECTIVE_ENDINGS = ("ic", "ian", "ern", "ese", "ish")
# Forms of address kept in an alias ("Mr Healey", "Dr Haddad"); ranks and offices are not.
SHORT_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame"}
# Legal forms ending a company's name: 'Hyundai Rotem Co.' is the company Hyundai Rotem ('OpenAI LP' is not
# OpenAI: a limited partnership is an entity of its own). Wire copy writes European and Asian forms too ('Nokia
# Oyj', 'Siemens Energy GmbH', 'Equinor ASA'); 'AB' is left out, a Canadian province's abbreviation as well.
LEGAL_SUFFIXES = {"co", "corp", "inc", "ltd", "llc", "plc", "ag", "sa", "nv", "corporation", "incorporated",
                  "oyj", "oy", "asa", "gmbh", "spa", "bv", "kgaa", "pty", "pte", "bhd"}
SCORE_AT_END = re.compile(r"\s+\d{1,3}\s?[-–]\s?\d{1,3}$")  # 'Fenmoor City 2-0', 'X 3 - 1'
HQ_SUFFIX = re.compile(r"\s+(HQ|headquarters|Headquarters)$")


@dataclass
class TokenMentions:
    """Which mention each token belongs to: the extraction rules' view of the entities."""

    by_token: dict[int, Mention]
    spans: list[tuple[int, int, Mention]]  # token start, token end (exclusive), mention

    def at(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)

    def retype(self, k: int, cls: str, name: str | None = None) -> None:
        """Give the k-th mention another class (and name, if given), keeping everything else about it."""
        s, e, m = self.spans[k]
        fixed = dataclasses.replace(m, cls=cls, name=m.name if name is None else name)
        self.spans[k] = (s, e, fixed)
        for i in range(s, e):
            self.by_token[i] = fixed

    def add(self, start: int, end: int, mention: Mention) -> None:
        if any(i in self.by_token for i in range(start, end)):
            return
        self.spans.append((start, end, mention))
        for i in range(start, end):
            self.by_token[i] = mention

    def replace(self, start: int, end: int, mention: Mention) -> None:
        """Put `mention` on tokens start..end, dropping the mentions it overlaps."""
        dropped = [t for t in self.spans if t[0] < end and start < t[1]]
        for s, e, _ in dropped:
            for i in range(s, e):
                self.by_token.pop(i, None)
        self.spans = [t for t in self.spans if t not in dropped]
        self.add(start, end, mention)


def _strip_honorifics(span: Span, honorifics: frozenset[str]) -> tuple[Span, bool]:
    """Drop leading titles and ranks ("Mr", "Sir", "L/Cpl") and a trailing "MP"; say if any was dropped."""
    start, end, dropped = span.start, span.end, False
    doc = span.doc
    while start < end - 1:
        # a title may be split by the tokenizer ("L", "/", "Cpl"): try the longest run of tokens first
        run = next((k for k in (3, 2, 1) if start + k < end and
                    fold("".join(doc[j].text for j in range(start, start + k))).rstrip(".") in honorifics), 0)
        if not run:
            break
        start, dropped = start + run, True
    if end - start > 1 and doc[end - 1].text in ("MP", "MEP", "QC", "KC"):
        end, dropped = end - 1, True
    while start < end - 1 and doc[start].lower_ in ("the",) and doc[start].text != "The":
        start += 1
    # a title-case headline: 'Former Halden Bank trader jailed' names Halden Bank, 'former' is no name's word
    while start < end - 1 and doc[start].lower_ in ("former", "ex") and doc[start + 1].text[:1].isupper():
        start += 1
    return doc[start:end], dropped


def _head_class(span: Span, ontology: Ontology) -> str | None:
    """The class a name's head noun gives it: "Parachute Regiment" is a MilitaryUnit, "Halvorsen Energy" a Company."""
    class_nouns = ontology.lexicon.class_nouns
    words = [t.lower_ for t in span]
    for i, w in enumerate(words):  # "Coalition of the Willing": the head is before "of"/"for"
        if w in ("of", "for") and i:
            return class_nouns.get(" ".join(words[max(0, i - 2):i])) or class_nouns.get(words[i - 1])
    if not words:
        return None
    if len(words) > 1 and span[-1].text in ontology.lexicon.company_name_words:
        return Cls.Company
    if len(words) > 1 and span[-1].text in ontology.lexicon.team_name_words:
        return Cls.SportsTeam
    return class_nouns.get(" ".join(words[-2:])) or class_nouns.get(words[-1])


def _noun_class(span: Span, ontology: Ontology) -> str | None:
    """The class the common noun a name modifies gives it: 'the Halcyon probe', 'Archer artillery systems'."""
    class_nouns = ontology.lexicon.class_nouns
    head = span.root.head
    if span.root.dep_ not in ("compound", "amod", "nmod") or head.i < span.end or head.pos_ != "NOUN":
        return None
    found = [class_nouns[t.lower_] for t in [head] + [c for c in head.children if c.dep_ == "compound"
                                                       and c.i >= span.end] if t.lower_ in class_nouns]
    # the most specific of them: 'artillery systems' is a Weapon before it is a Product
    cls = max(found, key=lambda c: len(ontology.classes.get(c, ())), default=None)
    # a place word before a noun is mostly an adjective ('the Texas company'); but NER often takes a party's
    # name for a place ('the ruling Morena party')
    if span.label_ in ("GPE", "LOC", "NORP") and cls != Cls.PoliticalParty:
        return None
    return cls


def _is_adjective(span: Span) -> bool:
    """'Nordic and Baltic defence ministers': a place-like word used as an adjective is no place."""
    if len(span) != 1:
        return False
    t = span[0]
    return t.pos_ == "ADJ" or (t.dep_ in ("amod", "compound", "conj") and t.lower_.endswith(ADJECTIVE_ENDINGS)
                               and t.head.pos_ == "NOUN" and t.head.i > t.i)


def _is_fragment(span: Span) -> bool:
    """A name standing alone as a whole verbless sentence ("Slava Ukraini.") is a slogan, not an entity."""
    table = token_table(span.doc)
    start, end = table.sentence_bounds(span.start)
    words = np.flatnonzero(table.is_word[start:end]) + start  # the sentence's tokens but punctuation and space
    return bool(len(words)) and words[0] >= span.start and words[-1] < span.end


def _part_of_compound_word(span: Span) -> bool:
    """'AI-enabled', 'anti-Russian': a name glued by a hyphen into a modifier."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    prev = doc[span.start - 1] if span.start > 0 else None
    if nxt is not None and span.end + 1 < len(doc) and doc[span.end + 1].lower_ in ("based", "headquartered"):
        return False  # "a Copenhagen-based developer" names Copenhagen
    return bool((nxt is not None and nxt.text == "-" and not nxt.whitespace_)
                or (prev is not None and prev.text == "-" and not doc[span.start - 2].whitespace_
                    if span.start > 1 else False)
                or span.text.endswith("-"))


def _inside_title(span: Span, ontology: Ontology) -> bool:
    """'State' in 'Secretary of State' is the last word of a title, not an organisation."""
    doc = span.doc
    if len(span) != 1 or span.start < 2 or doc[span.start - 1].lower_ != "of":
        return False
    title = ontology.lexicon.title_abbreviations.get(doc[span.start - 2].lower_, doc[span.start - 2].lower_)
    return f"{title} of {span[0].lower_}" in ontology.lexicon.all_titles


def _followed_by_title(span: Span, ontology: Ontology) -> bool:
    """'Defence' in 'Defence Secretary' is a department word inside a title, not an organisation."""
    doc = span.doc
    if span.end >= len(doc):
        return False
    # "Leica spokesman X", "GE chief executive Y": only a department-head title ("Defence Secretary", "Energy
    # Minister") makes the word before it a department name; before another title it is the employer's name
    following = doc[span.end].lower_
    return len(span) == 1 and following in ontology.lexicon.office_titles \
        and following in ontology.lexicon.department_head_titles


def make_mention(doc: Doc, span: Span, name: str, cls: str, source: Source,
                 entry: GazetteerEntry | None = None, surface: Span | None = None) -> Mention:
    """A mention of `span`; `surface` is the text as written when wider ('Mr Healey' for the name 'Healey')."""
    surface = surface if surface is not None else span
    return Mention(doc_id=doc_article(doc).doc_id, start=surface.start_char, end=span.end_char,
                   text=token_table(doc).span_text(doc_text(doc), surface.start, span.end),
                   name=name, cls=cls, source=source,
                   wikidata=entry.wikidata if entry else None, canonical=entry.name if entry else None)


def _gazetteer_entry(span: Span, ontology: Ontology) -> GazetteerEntry | None:
    # a span widened past the ruler's match keeps the id of a word inside it but is another name: 'West
    # Texas' (the root's id), 'Norwegian Space Agency' (the demonym's, kept by the head-noun ruler's
    # overwrite). A span inside one of the entry's names is the entry: the head-noun ruler cut the
    # gazetteer's longer match ('Court of Justice' of 'International Court of Justice').
    if span.ent_id_ and span[0].ent_id_ == span.ent_id_:
        entry = ontology.entry_by_name.get(span.ent_id_)
        text = fold(span.text)
        if entry is not None and any(text in name for name in ontology.folded_names(entry.name)):
            return entry
    return ontology.gazetteer_index.get(fold(span.text))


def _ner_mention(doc: Doc, ent: Span, ontology: Ontology) -> tuple[Span, Mention] | None:
    honorifics = ontology.lexicon.honorifics
    if ent.label_ not in NER_CLASSES:
        return None
    if ent.label_ == "NORP":  # nationality adjectives stand for their country, never a node of their own
        entry = ontology.demonym_index.get(fold(ent.text)) or ontology.gazetteer_index.get(fold(ent.text))
        if entry is not None:
            return ent, make_mention(doc, ent, entry.name, entry.cls, Source.DEMONYM, entry)
        # "the provinces of Aleppo, Idlib": a proper noun standing as a noun phrase of its own is no nationality
        # but a place NER misread ('Peronist' before a noun, 'Syrian', 'Democrats' are not)
        root = ent.root
        if not (len(ent) == 1 and root.pos_ == "PROPN" and root.dep_ in ("pobj", "conj", "appos")
                and root.head.pos_ in ("ADP", "PROPN")):
            return None
        ent = Span(doc, ent.start, ent.end, label="GPE")
    span, had_honorific = _strip_honorifics(ent, honorifics)
    if ent.label_ == "PERSON" and len(span) >= 3 and span[0].lower_ in _person_words(ontology) \
            and _person_name(span[1:], ontology):
        span = span[1:]  # 'Soprano Judy Kaye': the word for what she is opens no name
    while len(span) > 1 and span[-1].lower_ in TRAILING_WORDS | {"'s", "’s"}:
        span = span[:-1]
    span = _without_score(span)
    span = _without_rank_before_person(span, honorifics)
    vehicle = _vehicle_noun(ent, ontology)
    if vehicle is not None:  # "Ariane 6 rocket": the name is "Ariane 6", the noun says it is a Rocket
        span = span[:-1]
    text = HQ_SUFFIX.sub("", TRAILING_NOISE.sub("", span.text.strip(QUOTES + " ")))
    # a lower-case name is a name only when the gazetteer lists it ('measles', 'cholera')
    if not text or not (any(c.isupper() for c in text) or span.ent_id_) or len(text) < 2:
        return None
    entry = _gazetteer_entry(span, ontology) or ontology.gazetteer_index.get(fold(text))
    legal_name = False
    if entry is None:  # 'Hyundai Rotem Co.', 'Exxon Mobil Corp.': the company's name is without the suffix
        text, legal_name = _without_legal_suffix(text)
        entry = ontology.gazetteer_index.get(fold(text)) if legal_name else None
    if entry is None and (_part_of_compound_word(ent) or _is_fragment(ent) or _followed_by_title(ent, ontology)
                          or _inside_title(ent, ontology)
                          or (ent.label_ in ("LOC", "GPE") and _is_adjective(span))):
        return None
    if entry is not None:
        cls = entry.cls
    elif had_honorific and ent.label_ in ("PERSON", "ORG", "GPE"):
        cls = Cls.Person
    elif legal_name:
        cls = Cls.Company
    elif DESIGNATION.fullmatch(text):
        cls = Cls.Asteroid
    else:
        cls = vehicle or _head_class(span, ontology) or _noun_class(ent, ontology) or NER_CLASSES[ent.label_]
        if ent.label_ == "PERSON" and len(span) == 2 and ontology.is_a(cls, Cls.Organization) and span[0].is_title \
                and span[-1].text not in ontology.lexicon.company_name_words:
            cls = Cls.Person  # 'Margaret Court': a given name before a class noun makes it a person's name
        # 'Isar 2', 'Artemis II': a name with a number is a thing's; but a roman numeral after a name NER
        # calls a person is a regnal number ('Elizabeth II', 'John Paul II', 'Charles III')
        if cls == Cls.Person and len(span) > 1 and (any(ch.isdigit() for ch in span[-1].text) or (
                re.fullmatch(r"[IVX]+", span[-1].text) and ent.label_ != "PERSON")):
            cls = Cls.Product
    surface = _title_form(doc, ent, span, ontology) if cls == Cls.Person else None
    return span, make_mention(doc, span, text, cls, Source.GAZETTEER if entry else Source.NER, entry, surface)


def _title_form(doc: Doc, ent: Span, span: Span, ontology: Ontology) -> Span | None:
    """The name as written with its form of address or one-word title: "Mr Healey", "President Lincoln",
    "Sen. Glenn". The text used it as a name, so it is kept as an alias; longer titles ("Defence Secretary")
    are roles, not names."""
    start = min(span.start, ent.start)
    while start > 0 and fold(doc[start - 1].text).rstrip(".") in SHORT_HONORIFICS:
        start -= 1
    if start < span.start and all(fold(t.text).rstrip(".") in SHORT_HONORIFICS for t in doc[start:span.start]):
        return doc[start:span.end]
    if span.start > 0 and _is_title_word(doc[span.start - 1], ontology):
        return doc[span.start - 1:span.end]
    return None


def _is_title_word(token: Token, ontology: Ontology) -> bool:
    """A capitalised one-word title or rank: 'President', 'Sen.', 'Gen.', 'Rev.', 'Officer'."""
    lexicon = ontology.lexicon
    word = fold(token.text)
    return token.text[:1].isupper() and (word in lexicon.honorifics or token.lower_ in lexicon.title_abbreviations
                                         or word in lexicon.all_titles)


def _after_dateline(doc: Doc, ent: Span, mentions: TokenMentions) -> Span:
    """'MEXICO - Sheinbaum' read as one name: the words after the dash that ends a dateline place already
    found are a name of their own."""
    if mentions.at(ent[0]) is None:
        return ent
    k = ent.start
    while k < ent.end and mentions.at(doc[k]) is not None:
        k += 1
    if k + 1 < ent.end and doc[k].text in ("-", "–", "—", ":"):
        return Span(doc, k + 1, ent.end, label=ent.label_)
    return ent


def _split_at_title(doc: Doc, ent: Span, ontology: Ontology) -> list[Span]:
    """'La Libertad Avanza candidate Milei' read as one name: a lower-case title word inside a span of
    capitalised words parts an organisation (before it) from a person (after it)."""
    titles = ontology.lexicon.all_titles
    for k in range(1, len(ent) - 1):
        t = ent[k]
        if t.is_lower and t.pos_ == "NOUN" and t.lower_ in titles and all(
                w.is_title and w.pos_ == "PROPN" for w in list(ent[:k]) + list(ent[k + 1:])):
            return [Span(doc, ent.start, ent.start + k, label="ORG"), Span(doc, ent.start + k + 1, ent.end, label="PERSON")]
    return _split_at_capital_title(doc, ent, titles)


def _split_at_capital_title(doc: Doc, ent: Span, titles: frozenset[str]) -> list[Span]:
    """'Hvidsten Chief Executive Mette Skov' read as one work of art or organisation: a capitalised title of two
    words between capitalised words parts the organisation before it from the person after it (two or three
    words: a name)."""
    if ent.label_ == "PERSON":
        return [ent]
    for k in range(1, len(ent) - 3):
        title = ent[k:k + 2]
        rest = ent[k + 2:]
        if title.text.lower() in titles and all(w.is_title for w in title) and 2 <= len(rest) <= 3 \
                and all(w.is_title and w.pos_ == "PROPN" for w in list(ent[:k]) + list(rest)):
            return [Span(doc, ent.start, ent.start + k, label="ORG"), Span(doc, rest.start, ent.end, label="PERSON")]
    return [ent]


@functools.lru_cache(maxsize=4)  # asked for each name NER found
def _person_words(ontology: Ontology) -> frozenset[str]:
    """Words for what a person is ('actress', 'linguist', 'professor'): one may open a name NER ran them into."""
    lexicon = ontology.lexicon
    return lexicon.person_nouns | lexicon.titles_and_occupations


def _person_name(span: Span, ontology: Ontology) -> bool:
    """Two to four capitalised words or initials, the first a given name of the gazetteer: 'David A. Kessler'."""
    return 2 <= len(span) <= 4 and fold(span[0].text) in ontology.given_names and all(
        t.is_title or re.fullmatch(r"[A-Z]\.", t.text) for t in span)


def _split_person_of(doc: Doc, ent: Span, ontology: Ontology) -> list[Span]:
    """'Linguist Dean Halvor of State University', 'David A. Kessler of Halvorsen University': NER ran a person's
    name (after a word for what the person is) into the organisation or place after 'of'; the person is one
    mention, what follows 'of' another."""
    of = next((t.i for t in ent if t.lower_ == "of"), None)
    if of is None or ent.label_ == "PERSON" or of + 1 >= ent.end:
        return [ent]
    start = ent.start + 1 if ent[0].lower_ in _person_words(ontology) else ent.start
    if not _person_name(doc[start:of], ontology):
        return [ent]
    return [Span(doc, start, of, label="PERSON"), Span(doc, of + 1, ent.end, label=ent.label_)]


def _split_at_bracket(doc: Doc, ent: Span) -> list[Span]:
    """'Party of National Renewal (PRN', 'PRN (Party of National Renewal': NER ran a name into the other name
    of it in brackets; the name before the bracket and the one inside are two mentions."""
    opening = next((t.i for t in ent if t.text == "("), None)
    if opening is None:
        return [ent]
    closing = next((t.i for t in doc[opening + 1:min(ent.end + 8, len(doc))] if t.text == ")"), None)
    inner_end = min(ent.end, closing) if closing is not None else ent.end
    parts = [(ent.start, opening), (opening + 1, inner_end)]
    return [Span(doc, a, b, label=ent.label_) for a, b in parts if b > a]


def _without_score(span: Span) -> Span:
    """'Fenmoor City 2-0': a match score NER ran into a team's name is no part of it."""
    text = span.text
    score = SCORE_AT_END.search(text)
    if score is None or score.start() == 0:
        return span
    cut = span.doc.char_span(span.start_char, span.start_char + score.start(), alignment_mode="contract")
    return cut if cut is not None and len(cut) else span


def _without_rank_before_person(span: Span, honorifics: frozenset[str]) -> Span:
    """'Coast Guard Lt.' before 'Steve Hardy': a rank NER ran into an organisation's name is the next
    person's, not the organisation's."""
    doc = span.doc
    after = span.end + 1 if span.end < len(doc) and doc[span.end].text == "." else span.end  # 'Lt' '.' 'Steve'
    if span.label_ == "PERSON" or len(span) < 2 or after >= len(doc) or doc[after].ent_type_ != "PERSON" \
            or fold(span[-1].text) not in honorifics:
        return span
    return span[:-1]


def _without_legal_suffix(name: str) -> tuple[str, bool]:
    """'Pioneer Natural Resources Co.' -> ('Pioneer Natural Resources', True); other names unchanged."""
    words = name.split()
    if len(words) > 1 and words[-1].lower().rstrip(".") in LEGAL_SUFFIXES:
        return TRAILING_NOISE.sub("", " ".join(words[:-1])), True
    return name, False


def _vehicle_noun(span: Span, ontology: Ontology) -> str | None:
    """The class of a vehicle noun ending a PRODUCT name ('Halcyon probe'), when a name stands before it."""
    nouns = ontology.lexicon.name_patterns.vehicle_nouns
    if span.label_ == "PRODUCT" and len(span) > 1 and span[-1].lower_ in nouns and (
            span[-2].text[:1].isupper() or span[-2].like_num):
        return ontology.lexicon.class_nouns.get(span[-1].lower_)
    return None


def _descriptor_names(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'the journal Nature Plants', 'the steelmaker Thyssenkrupp': a class noun introduces a name NER missed."""
    class_nouns = ontology.lexicon.class_nouns
    for i in indices_with(doc, {LOWER: _class_noun_ids(ontology)}):
        token = doc[i]
        if token.i + 1 >= len(doc) or token.is_title:
            continue
        end = token.i + 1
        while end < len(doc) and doc[end].is_title and mentions.at(doc[end]) is None and (
                doc[end].pos_ == "PROPN" or end > token.i + 1 and doc[end].pos_ == "NOUN"):
            end += 1
        if end == token.i + 1 or (end < len(doc) and mentions.at(doc[end]) is not None):
            continue
        span = doc[token.i + 1:end]
        entry = ontology.gazetteer_index.get(fold(span.text))
        mentions.add(span.start, span.end, make_mention(doc, span, entry.name if entry else span.text,
                                                        entry.cls if entry else class_nouns[token.lower_],
                                                        Source.RULE, entry))


@functools.lru_cache(maxsize=4)
def _class_noun_ids(ontology: Ontology) -> frozenset[int]:
    return string_ids(ontology.lexicon.class_nouns)


def _short_forms(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'Vestby' after 'Vestby Wind', 'Meridian' after 'Meridian Motors': a company's first word used alone."""
    generic = ontology.lexicon.generic_name_words
    firsts: dict[str, Mention] = {}
    for _, _, m in mentions.spans:
        words = m.name.split()
        if len(words) > 1 and m.source != Source.GAZETTEER and words[0][:1].isupper() and words[0].lower() not in generic \
                and any(ontology.is_a(m.cls, c) for c in (Cls.Organization, Cls.Product, Cls.Event)) \
                and fold(words[0]) not in ontology.gazetteer_index and fold(words[0]) not in ontology.demonym_index:
            firsts.setdefault(words[0], m)
    defaults = set(NER_CLASSES.values())
    for k, (s, e, x) in enumerate(mentions.spans):  # NER's own guess for the short form ('Meridian' GPE) yields
        full = firsts.get(x.name)
        if full is not None and x.source == Source.NER and x.cls in defaults and x.cls != full.cls \
                and not _city_before_state(doc, mentions, e, ontology) and not _place_of_body(x, full, ontology):
            mentions.retype(k, full.cls)
    _add_bare_names(doc, mentions, firsts, proper_only=True)


def _place_of_body(short: Mention, full: Mention, ontology: Ontology) -> bool:
    """'a Birmingham hospital trust' beside 'Birmingham Crown Court': a court or a government body is named after
    the town it serves, so a place word alone is the town, not the body."""
    return ontology.is_a(short.cls, Cls.Place) and any(ontology.is_a(full.cls, c) for c in (Cls.Court, Cls.Government))


def _city_before_state(doc: Doc, mentions: TokenMentions, end: int, ontology: Ontology) -> bool:
    """'in Livermore, California': a name before a comma and a known region or country is a place there, even
    when a company's name starts with it ('Livermore Lab Foundation')."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return False
    wider = mentions.at(doc[end + 1])
    return wider is not None and wider.source == Source.GAZETTEER and ontology.is_a(wider.cls, Cls.Place) \
        and wider.cls != Cls.City


def _add_bare_names(doc: Doc, mentions: TokenMentions, names: dict[str, Mention], proper_only: bool) -> None:
    """Each untagged one-word use of a known name becomes a mention of its class."""
    if not names:
        return
    # Look the names up in the token-text hashes rather than make a Token object of every word.
    hashes = np.fromiter((doc.vocab.strings[name] for name in names), dtype=np.uint64, count=len(names))
    for i in np.flatnonzero(np.isin(doc.to_array(ORTH), hashes)).tolist():
        token = doc[i]
        m = names.get(token.text)
        if m is None or mentions.at(token) is not None or (proper_only and token.pos_ != "PROPN"):
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN" and doc[token.i + 1].is_title:
            continue  # part of a longer name
        span = doc[token.i:token.i + 1]
        mentions.add(span.start, span.end, make_mention(doc, span, token.text, m.cls, Source.RULE))


def _repeated_names(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'Halcyon was built by …' after 'its Halcyon probe': a one-word name of a thing or organisation the
    article has named is that thing wherever it is written again, even where the tagger took it for a noun."""
    names = {m.name: m for s, e, m in mentions.spans if e - s == 1 and m.source in (Source.NER, Source.RULE)
             and m.name[:1].isupper() and m.name == m.text
             and (ontology.is_a(m.cls, Cls.Organization) or ontology.is_a(m.cls, Cls.Product))}
    _add_bare_names(doc, mentions, names, proper_only=False)


def _repeated_long_names(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'Bavarian Nordic, which is based in ...' after 'the drugmaker Bavarian Nordic': an organisation's name of two
    words or more, written again where the tagger split it ('Bavarian' a nationality, 'Nordic' nothing), is that
    organisation. Only over words no other name holds (a nationality word may be taken)."""
    names = {m.name: m for s, e, m in mentions.spans if e - s > 1 and m.source in (Source.NER, Source.RULE)
             and m.name == m.text and ontology.is_a(m.cls, Cls.Organization)}
    text = doc_text(doc)
    for name, template in names.items():
        for found in known_name_pattern(name).finditer(text):
            span = doc.char_span(found.start(), found.end())
            if span is None or not span.text[:1].isupper() or any(
                    (x := mentions.at(t)) is not None and x.source != Source.DEMONYM for t in span):
                continue
            mentions.replace(span.start, span.end, make_mention(doc, span, name, template.cls, Source.RULE))


def _bare_surnames(doc: Doc, mentions: TokenMentions) -> None:
    """'Verstappen started from pole' after 'Max Verstappen': the tagger often leaves a surname untagged (at the
    start of a sentence above all); where the article names one person by that surname, it is that person."""
    people: dict[str, set[str]] = {}
    for s, e, m in mentions.spans:
        if m.cls == Cls.Person and e - s >= 2 and m.source in (Source.NER, Source.RULE, Source.GAZETTEER):
            people.setdefault(doc[e - 1].text, set()).add(m.name)
    found = {last: next(iter(full)) for last, full in people.items()
             if len(full) == 1 and last[:1].isupper() and last.isalpha() and len(last) > 2}
    if not found:
        return
    hashes = np.fromiter((doc.vocab.strings[last] for last in found), dtype=np.uint64, count=len(found))
    for i in np.flatnonzero(np.isin(doc.to_array(ORTH), hashes)).tolist():
        token = doc[i]
        if mentions.at(token) is not None or token.pos_ != "PROPN":
            continue
        beside = [doc[j] for j in (i - 1, i + 1) if 0 <= j < len(doc)]
        if any(t.pos_ == "PROPN" and t.is_title or t.lower_ == "the" for t in beside):
            continue  # part of a longer name, or a thing called by it ('the Court')
        mentions.add(i, i + 1, make_mention(doc, doc[i:i + 1], found[token.text], Cls.Person, Source.RULE))


def _extend_known(doc: Doc, ent: Span, ontology: Ontology) -> Span:
    """'Airbus Defence and Space', 'Edinburgh Innovations': the gazetteer ruler claimed the known name first,
    so NER could not take the longer organisation name it begins; the capitalised words after it are joined."""
    if not ent.ent_id_ or ent.label_ not in ("ORG", "GPE"):
        return ent
    titles = ontology.lexicon.institution_words  # `_extend_known` does not join them to the name
    end = ent.end
    while end < len(doc):
        t = doc[end]
        if t.pos_ == "PROPN" and t.is_title and t.ent_type_ in ("", "ORG") and t.lower_ not in titles:
            end += 1
        elif t.lower_ in ("and", "&") and end > ent.end and end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN" \
                and doc[end + 1].is_title and doc[end + 1].ent_iob_ != "B":  # 'and' + a name NER began is a list
            end += 1
        else:
            break
    if end == ent.end or (end < len(doc) and doc[end].lower_ in titles) or doc[end - 1].lower_ in ("and", "&"):
        return ent
    return Span(doc, ent.start, end, label="ORG")


def _extend_compass(doc: Doc, ent: Span, ontology: Ontology) -> Span:
    """'West Texas', 'Northern Ontario': the gazetteer ruler claimed the known place, so NER could not take the
    region named by a compass word before it; the two are one name, a region."""
    if not ent.ent_id_ or ent.label_ not in ("GPE", "LOC") or ent.start == 0:
        return ent
    word = doc[ent.start - 1]
    if word.text not in ontology.lexicon.name_patterns.compass_words or word.ent_type_:
        return ent
    return Span(doc, ent.start - 1, ent.end, label="LOC")


def _extend_dangling(doc: Doc, ent: Span) -> Span:
    """'the Multinational Force for' + 'Ukraine': a name cut before its last word is joined up."""
    end = ent.end
    if ent[-1].lower_ in ("for", "of") and end < len(doc) and doc[end].pos_ == "PROPN":
        while end < len(doc) and doc[end].pos_ == "PROPN":
            end += 1
        return Span(doc, ent.start, end, label=ent.label_, span_id=ent.id_)
    return ent


def _quoted_names(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """A name introduced as a name: 'a so-called “coalition of the willing”', 'known as “Octopus”'."""
    text = doc_text(doc)
    class_nouns = ontology.lexicon.class_nouns
    for cue in NAMING_CUES:
        for m in re.finditer(re.escape(cue) + r"\s+[“\"‘']?((?:[A-Za-z][\w\-]*)(?:\s+[A-Za-z][\w\-]*){0,5})",
                             text):
            start = m.start(1)
            span = doc.char_span(start, m.end(1), alignment_mode="expand")
            if span is None:
                continue
            quoted = text[m.start(1) - 1] in QUOTES
            # unquoted: keep the run of capitalised words and their "of the" links
            words = list(span)
            if not quoted:
                keep = []
                for t in words:
                    if t.is_title or (keep and t.lower_ in ("of", "the", "for") ):
                        keep.append(t)
                    else:
                        break
                while keep and not keep[-1].is_title:
                    keep.pop()
                if not keep:
                    continue
                span = doc[keep[0].i:keep[-1].i + 1]
            else:
                close = min((text.find(q, m.start(1)) for q in "”’\"" if text.find(q, m.start(1)) > 0),
                            default=-1)
                if close <= 0:
                    continue
                span = doc.char_span(m.start(1), close, alignment_mode="contract")
                if span is None or len(span) > 6:
                    continue
            head = _head_class(span, ontology)
            if head is None:  # "The project, called Octopus": the named thing's class is the noun named
                named = doc[span.start - 1].head if span.start > 0 else None
                head = class_nouns.get(named.lower_) if named is not None else None
            cls = head or Cls.Product
            name = span.text.strip(QUOTES + " .,")
            entry = ontology.gazetteer_index.get(fold(name))
            mentions.add(span.start, span.end, make_mention(doc, span, entry.name if entry else name,
                                                            entry.cls if entry else cls, Source.RULE, entry))


def _armed_forces(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'British Armed Forces', 'the UK Armed Forces': a country's military as its own organisation."""
    for i in indices_with(doc, {ORTH: string_ids(["Armed"])}):
        if i < len(doc) - 1 and doc[i + 1].text == "Forces":
            start = i
            country = None
            if i > 0 and mentions.at(doc[i - 1]) is not None and mentions.at(doc[i - 1]).cls == Cls.Country:
                country = mentions.at(doc[i - 1])
                start = next(s for s, e, m in mentions.spans if m is country)
            for j in range(start, i + 2):
                mentions.by_token.pop(j, None)
            mentions.spans = [(s, e, m) for s, e, m in mentions.spans if e <= start or s >= i + 2]
            span = doc[start:i + 2]
            entry = next((e for e in ontology.gazetteer if country and e.name == country.canonical), None)
            demonym = entry.demonyms[0] if entry and entry.demonyms else (country.text if country else "")
            name = f"{demonym} Armed Forces".strip()
            mentions.add(start, i + 2, make_mention(doc, span, name, Cls.ArmedForce, Source.RULE))


def _disaster_events(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'a magnitude 7.8 earthquake': a disaster the article gives a magnitude is an event of its own, named by
    its magnitude and noun (no place: 'the Turkey-Syria earthquake' is written in too many ways)."""
    nouns = ontology.lexicon.disasters.nouns
    for i in indices_where(doc, LOWER, lowercase_in(nouns)):
        token = doc[i]
        if token.pos_ != "NOUN" or mentions.at(token) is not None:
            continue
        start = next((k for k in range(max(i - 3, 0), i - 1) if doc[k].lower_ == "magnitude" and doc[k + 1].like_num),
                     None)
        if start is None or any(mentions.at(t) is not None for t in doc[start:i]):
            continue
        span = doc[start:i + 1]
        name = f"magnitude {doc[start + 1].text} {token.lower_}"
        mentions.add(span.start, span.end, make_mention(doc, span, name, Cls.Event, Source.RULE))


def _signed_documents(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'signed a landmark declaration', 'a declaration of intent': an unnamed document becomes an entity."""
    document_nouns = ontology.lexicon.document_nouns
    sign_lemmas = {t.lemma for t in ontology.triggers if t.property == "signs" and t.kind == "verb"}
    for i in indices_where(doc, LEMMA, lowercase_in(frozenset(document_nouns))):
        token = doc[i]
        if mentions.at(token) is not None:
            continue
        if not (token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_ in sign_lemmas):
            continue
        words = [c for c in token.lefts if c.dep_ in ("compound", "amod") and mentions.at(c) is None]
        name = " ".join(t.lower_ for t in words + [token])
        for child in token.rights:  # "declaration of intent" (but not "of our intent")
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and not any(c.dep_ in ("poss", "det") for c in pobj.children) \
                        and mentions.at(pobj) is None:
                    name += f" of {pobj.lower_}"
        if name == token.lower_ and not any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "any", "no")
                                            for c in token.children):
            continue  # "a deal" names nothing in particular; "the declaration", "their agreement" do
        start = min([t.i for t in words] + [token.i])
        span = doc[start:token.i + 1]
        mentions.add(span.start, span.end, make_mention(doc, span, name, document_nouns[token.lemma_.lower()],
                                                        Source.RULE))


def _surnames_are_people(mentions: TokenMentions) -> None:
    """'Healey' tagged ORG after 'John Healey' was named: a known person's surname is that person."""
    people = {m.name.split()[-1]: m for _, _, m in mentions.spans if m.cls == Cls.Person and " " in m.name}
    for k, (s, e, m) in enumerate(mentions.spans):
        if m.cls != Cls.Person and m.source == Source.NER and m.name in people:
            mentions.retype(k, Cls.Person)


def _consistent_classes(mentions: TokenMentions, ontology: Ontology) -> None:
    """One name, one class in an article: 'Halcyon probe' makes every 'Halcyon' NER called ORG a Spacecraft."""
    defaults = set(NER_CLASSES.values())
    typed: dict[str, set[str]] = {}
    for _, _, m in mentions.spans:
        if m.source in (Source.NER, Source.RULE) and m.cls not in defaults and m.cls != Cls.Person:
            typed.setdefault(m.name, set()).add(m.cls)
    for k, (s, e, m) in enumerate(mentions.spans):
        classes = typed.get(m.name, set())
        if m.source == Source.NER and m.cls in defaults and len(classes) == 1 and " " not in m.name:
            mentions.retype(k, next(iter(classes)))


def find_mentions(doc: Doc, ontology: Ontology) -> TokenMentions:
    """Every entity mention in the article, typed by gazetteer, head noun or NER label."""
    from kg.extract import naming, people, source_lines  # their rules build on this module's mentions

    mentions = TokenMentions({}, [])
    naming.datelines(doc, mentions, ontology)
    source_lines.source_line_mentions(doc, mentions, ontology)  # 'Minsk ZVEZDA in Belarusian 9 Oct 95'
    _quoted_names(doc, mentions, ontology)
    for whole in doc.ents:
        whole = _after_dateline(doc, whole, mentions)
        widened = _extend_compass(doc, _extend_known(doc, _extend_dangling(doc, whole), ontology), ontology)
        pieces = (part for piece in _split_at_title(doc, widened, ontology) for part in _split_at_bracket(doc, piece))
        for ent in (part for piece in pieces for part in _split_person_of(doc, piece, ontology)):
            found = _ner_mention(doc, ent, ontology)
            if found is not None:
                span, mention = found
                mentions.add(span.start, span.end, mention)
    naming.quoted_titles(doc, mentions, ontology)
    _descriptor_names(doc, mentions, ontology)
    _short_forms(doc, mentions, ontology)
    _armed_forces(doc, mentions, ontology)
    _signed_documents(doc, mentions, ontology)
    _disaster_events(doc, mentions, ontology)
    for rule in naming.CLASS_RULES:  # 'Springfield, Ill.', 'X-based', "Acme's Lena Dahl", ...
        rule(doc, mentions, ontology)
    people.people_by_evidence(doc, mentions, ontology)  # 'actress X', 'X, 47,', "X's widow" typed ORG or GPE
    _surnames_are_people(mentions)
    for rule in naming.NAME_RULES:  # 'Djokovic' for 'Novak Djokovic', 'AFAD' for its full name, ...
        rule(doc, mentions, ontology)
    _appositive_classes(doc, mentions, ontology)
    _organisation_short_names(mentions, ontology)
    _consistent_classes(mentions, ontology)
    _repeated_names(doc, mentions, ontology)
    _repeated_long_names(doc, mentions, ontology)
    _bare_surnames(doc, mentions)
    mentions.spans.sort(key=lambda s: s[0])
    return mentions


def _appositive_classes(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """'“Octopus” – a … interceptor drone': the noun in apposition says what the name is."""
    class_nouns = ontology.lexicon.class_nouns
    surnames = _person_surnames(mentions)
    for k, (s, e, m) in enumerate(mentions.spans):
        if m.source == Source.GAZETTEER:
            continue
        root = doc[s:e].root
        nouns = [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
        if m.cls == Cls.Person and s > 0 and doc[s - 1].head.i == root.i and doc[s - 1].dep_ in ("compound", "nmod"):
            nouns.append(doc[s - 1])  # 'the Danish drugmaker Fennick Bio': the noun right before the name
        for noun in nouns:
            cls = class_nouns.get(noun.lower_)
            # NER's people are kept, unless the noun makes the name a place ("Essequibo, a thinly populated area")
            # or an organisation and the name is no one's ('Fennick Bio, the drugmaker', not 'Ann Ray, a developer')
            if m.cls == Cls.Person and not (cls and (ontology.is_a(cls, Cls.Place) or ontology.is_a(
                    cls, Cls.Organization) and _not_a_personal_name(m.name, surnames, ontology))):
                continue
            if cls and mentions.at(noun) is None and cls != m.cls:
                mentions.retype(k, cls)
                break


def _organisation_short_names(mentions: TokenMentions, ontology: Ontology) -> None:
    """'Tasman Harbour' after 'Tasman Harbour Securities': the tagger takes the short form of a company's name for
    a person's; where the article names an organisation that begins with it and it is no one's name (of two words
    or more), it is that organisation."""
    orgs = [m for _, _, m in mentions.spans if ontology.is_a(m.cls, Cls.Organization) and " " in m.name]
    surnames = _person_surnames(mentions)
    for k, (_, _, m) in enumerate(mentions.spans):
        if m.cls != Cls.Person or m.source != Source.NER or " " not in m.name \
                or not _not_a_personal_name(m.name, surnames, ontology):
            continue  # one word may be a town the tagger missed ('a Birmingham hospital' by 'Birmingham Crown Court')
        full = {o.name for o in orgs if o.name.startswith(m.name + " ")}
        if len(full) == 1:
            org = next(o for o in orgs if o.name in full)
            mentions.retype(k, org.cls, name=org.name)


def _person_surnames(mentions: TokenMentions) -> set[str]:
    """The last words of the article's people named in full ('Ray' of 'Ann Ray')."""
    return {m.name.split()[-1] for _, _, m in mentions.spans if m.cls == Cls.Person and " " in m.name}


def _not_a_personal_name(name: str, surnames: set[str], ontology: Ontology) -> bool:
    """A name NER took for a person's that starts with no given name and is not the surname of a person the
    article names ('Fonterra', 'Bavarian Nordic'; not 'Ann Ray' nor 'Ray' after 'Ann Ray')."""
    words = name.split()
    return bool(words) and fold(words[0]) not in ontology.given_names and name not in surnames


@functools.lru_cache(maxsize=4096)  # compiled once per build, not once per article
def known_name_pattern(name: str) -> re.Pattern[str]:
    """Case- and hyphen-blind pattern for a multiword name: 'multi-national force for Ukraine'."""
    letters = [c for c in name if c.isalnum()]
    return re.compile(r"\b" + r"[\s\-]?".join(map(re.escape, letters)) + r"\b", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def known_name_key(name: str) -> str:
    """The letters `known_name_pattern` must find in a row once spaces and hyphens are gone."""
    return "".join(c for c in name if c.isalnum()).lower()


_SPACE_OR_HYPHEN = re.compile(r"[\s\-]")


def add_known_names(doc: Doc, mentions: TokenMentions, known: dict[str, Mention]) -> None:
    """Second pass: names this corpus already established, found again where NER missed them."""
    text = doc_text(doc)
    # The known names grow with the corpus; a substring test on the squeezed text skips, in C, the
    # names an article cannot hold, so only a few patterns run per article.
    squeezed = _SPACE_OR_HYPHEN.sub("", text).lower()
    for name, template in known.items():
        if known_name_key(name) not in squeezed:
            continue
        for m in known_name_pattern(name).finditer(text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None:
                continue
            inside = [(s, e, x) for s, e, x in mentions.spans if span.start <= s and e <= span.end]
            if inside and all(x.name != template.name for _, _, x in inside):
                # the longer known name wins over the names inside it ('... Force for [Ukraine]')
                mentions.spans = [t for t in mentions.spans if t not in inside]
                for s, e, _ in inside:
                    for i in range(s, e):
                        mentions.by_token.pop(i, None)
            mentions.add(span.start, span.end, dataclasses.replace(
                template, doc_id=doc_article(doc).doc_id, start=span.start_char, end=span.end_char, text=span.text,
                source=Source.CORPUS_NAME))
    mentions.spans.sort(key=lambda s: s[0])
