"""Source lines of monitored media: 'Minsk ZVEZDA in Belarusian 9 Oct 95 p 2', 'Paris AFP',
'AU1203110995 Zagreb Radio Croatia Channel in Croatian 1100 GMT 12 Mar 95'.

Translations of foreign media (monitoring services, wire digests) cite their source on a line of its
own: an optional reference code, the city the outlet publishes from, the outlet's name, and often the
language and time of the broadcast or issue. NER reads the city and the outlet as one organisation
('Havana Radio Reloj Network') or misses an outlet written in capitals ('KRASNAYA ZVEZDA'). Here the
line is read by its layout: the city is a place, the outlet a news organisation based there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy
from spacy.attrs import IS_SPACE
from spacy.tokens import Doc, Span, Token

from kg.extract.mentions import TokenMentions, make_mention
from kg.extract.tokens import token_table
from kg.models import Source
from kg.nlp import doc_text
from kg.ontology import GazetteerEntry, Ontology, fold
from kg.ontology.vocabulary import Cls

# A monitoring service's reference code: 'FL1402001894', 'OW3004022094', '944E0738B', '94WD0125D'.
REFERENCE_CODE = re.compile(r"^(?:[A-Z]{2}\d{10}|\d[0-9A-Z]{6,8}[A-Z])$")
REFERENCE_CODE_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(?:[A-Z]{2}\d{10}|\d[0-9A-Z]{6,8}[A-Z])(?![0-9A-Za-z])")
# An outlet's name is at most this many words ('Syrian Arab Republic Radio Network').
MAX_OUTLET_WORDS = 6
MAX_PLACE_WORDS = 4
PLACE_LABELS = ("GPE", "LOC")
PLACE_PARTICLES = {"de", "da", "do", "del", "la", "le", "es"}  # 'Rio de Janeiro', 'Dar es Salaam'


@dataclass(frozen=True)
class SourceLine:
    place: Span
    outlet: Span


def source_lines(doc: Doc, ontology: Ontology) -> list[SourceLine]:
    """Every source line of the article: after a reference code, or a whole line 'City OUTLET'."""
    found: list[SourceLine] = []
    text = doc_text(doc)
    for start, end in _lines(doc):
        line = text[doc[start].idx:doc[end - 1].idx + len(doc[end - 1])]
        # most lines hold no reference code: look at their tokens only when the text has one
        anchors = [(t.i + 1, True) for t in doc[start:end] if REFERENCE_CODE.match(t.text)] \
            if REFERENCE_CODE_IN_TEXT.search(line) else []
        for first, coded in [(start, False)] + anchors:
            line = _read_line(doc, first, end, coded, ontology)
            if line is not None:
                found.append(line)
                break
    return found


def _lines(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the text's lines (a line break is a whitespace token holding '\\n')."""
    bounds, start = [], 0
    for i in numpy.flatnonzero(doc.to_array(IS_SPACE)):  # only the whitespace tokens, not every Token
        if "\n" in doc[int(i)].text:
            bounds.append((start, int(i)))
            start = int(i) + 1
    bounds.append((start, len(doc)))
    return [(s, e) for s, e in bounds if e > s]


def _read_line(doc: Doc, first: int, end: int, coded: bool, ontology: Ontology) -> SourceLine | None:
    place_end = _place_end(doc, first, end, ontology) or (_titled_place_end(doc, first, end) if coded else None)
    if place_end is None:
        return None
    outlet_end = _outlet_end(doc, place_end, end)
    if outlet_end == place_end:
        return None
    outlet = doc[place_end:outlet_end]
    words = [t for t in outlet if t.is_alpha or t.like_num]
    if not words or len(words) > MAX_OUTLET_WORDS:
        return None
    after = doc[outlet_end] if outlet_end < end else None
    language = after is not None and _is_language(doc, outlet_end, end)
    if not (coded or language):
        # a bare line 'Moscow PRAVDA', 'Riga Radio Riga Network': only the two names, the outlet in capitals,
        # known or named as a broadcaster or paper
        known = _outlet_entry(outlet, ontology) is not None or \
            any(t.text in ontology.lexicon.media_name_words for t in outlet)
        in_capitals = all(t.is_upper or not t.is_alpha for t in outlet) and len(outlet.text) > 2
        if not (after is None or after.text == "(") or not (known or in_capitals):
            return None
    return SourceLine(doc[first:place_end], outlet)


def _place_end(doc: Doc, first: int, end: int, ontology: Ontology) -> int | None:
    """End of the place a source line starts with: the longest known place, else NER's place."""
    table, text = token_table(doc), doc_text(doc)
    for k in range(min(MAX_PLACE_WORDS, end - first - 1), 0, -1):
        entry = ontology.gazetteer_index.get(fold(table.span_text(text, first, first + k)))
        if entry is not None and ontology.is_a(entry.cls, Cls.Place):
            return first + k
    token = doc[first]
    if token.ent_type_ not in PLACE_LABELS or token.ent_iob_ != "B":
        return None
    k = first + 1
    while k < end and doc[k].ent_iob_ == "I" and doc[k].ent_type_ == token.ent_type_:
        k += 1
    return k if k - first <= MAX_PLACE_WORDS else None


def _titled_place_end(doc: Doc, first: int, end: int) -> int | None:
    """After a reference code, a place neither the gazetteer nor NER knows: title-case words before an
    outlet in capitals ('MB0905103594 Johannesburg SAPA in English')."""
    k = first
    while k < end and k - first < MAX_PLACE_WORDS and (_titled_word(doc[k]) or (
            k > first and doc[k].lower_ in PLACE_PARTICLES and k + 1 < end and _titled_word(doc[k + 1]))):
        k += 1
    return k if first < k < end and doc[k].is_upper else None


def _titled_word(t: Token) -> bool:
    return t.is_title and not t.is_upper


def _outlet_end(doc: Doc, start: int, end: int) -> int:
    """The outlet's name runs over capitalised words (and the hyphens inside 'N-TV', 'UT-1') up to a
    language ('in Russian'), a number, a bracket or the line's end."""
    k = start
    while k < end:
        t = doc[k]
        if _is_language(doc, k, end) or t.text[:1].isdigit() or not (t.text[:1].isupper() or _inner_hyphen(t)):
            break
        k += 1
    return k


def _inner_hyphen(t: Token) -> bool:
    return t.text == "-" and t.i > 0 and not t.doc[t.i - 1].whitespace_ and not t.whitespace_


def _is_language(doc: Doc, k: int, end: int) -> bool:
    """'in Russian 23 Mar', 'in Serbo-Croatian 2000 GMT', 'in English' at the line's end."""
    if doc[k].lower_ != "in" or k + 1 >= end or not doc[k + 1].is_title:
        return False
    j = k + 2
    while j + 1 < end and _inner_hyphen(doc[j]) and doc[j + 1].is_title:
        j += 2
    return j >= end or doc[j].text[:1].isdigit() or doc[j].is_punct


def _outlet_entry(outlet: Span, ontology: Ontology) -> GazetteerEntry | None:
    entry = ontology.gazetteer_index.get(fold(outlet.text))
    return entry if entry is not None and ontology.is_a(entry.cls, Cls.Organization) else None


def source_line_mentions(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> None:
    """The place and the outlet of each source line, before NER's reading of them is added (after the
    datelines': a source line read as a dateline, 'Beijing CHINA DAILY (SCIENCE)', is read again)."""
    for line in source_lines(doc, ontology):
        place_entry = ontology.gazetteer_index.get(fold(line.place.text))
        if place_entry is not None and ontology.is_a(place_entry.cls, Cls.Place):
            place = make_mention(doc, line.place, place_entry.name, place_entry.cls, Source.GAZETTEER, place_entry)
        else:
            place = make_mention(doc, line.place, line.place.text, Cls.City, Source.RULE)
        entry = _outlet_entry(line.outlet, ontology)
        outlet = make_mention(doc, line.outlet, entry.name if entry else line.outlet.text,
                              entry.cls if entry else Cls.NewsOrganization,
                              Source.GAZETTEER if entry else Source.RULE, entry)
        mentions.replace(line.place.start, line.place.end, place)
        mentions.replace(line.outlet.start, line.outlet.end, outlet)
