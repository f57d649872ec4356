"""Places: where named things are or happen, 'the Rubin Observatory in Chile', 'Austin, Texas', 'the
Detroit carmaker Meridian Motors'."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.rules.context import RuleContext
from kg.models import Mention, Relation, Source
from kg.ontology import Ontology
from kg.ontology.vocabulary import Cls


def places(ctx: RuleContext) -> Iterator[Relation]:
    """locatedIn (heldAt for events) from a preposition, a comma or an organisation's descriptor."""
    spans = ctx.args.mentions.spans
    for k, (start, end, m) in enumerate(spans):
        if m.source == Source.DEMONYM or not ctx.ontology.is_a(m.cls, Cls.Entity) \
                or m.cls in (Cls.Person, Cls.Country):
            continue
        root = ctx.doc[start:end].root
        yield from place_of(ctx, m, root, end)
        nxt = spans[k + 1] if k + 1 < len(spans) else None
        if nxt is not None and is_place_comma(ctx, start, end, nxt):  # "Austin, Texas"
            yield from ctx.relate(m, "locatedIn", nxt[2], root, "place-comma", modal=False)
            yield from coordinated_places(ctx, m, start, nxt[2])
        if ctx.ontology.is_a(m.cls, Cls.Organization):
            yield from descriptor_place(ctx, m, root)
        elif ctx.ontology.is_a(m.cls, Cls.Place):
            yield from place_in_wider(ctx, m, root, end)
        if ctx.ontology.is_a(m.cls, Cls.Event):
            yield from city_in_name(ctx, m, root)
    yield from epithet_places(ctx)


def city_in_name(ctx: RuleContext, event: Mention, root: Token) -> Iterator[Relation]:
    """'the Miami Grand Prix', 'the Singapore Marathon': an event named after a city the article names on its own
    is held there (not after a country or with a demonym: the 'US Open', the 'Australian Open'). A city named
    only inside the event's name is left alone: it would be a node of its own for one word of a name."""
    words = event.name.split()
    for n in range(min(2, len(words) - 1), 0, -1):
        prefix = " ".join(words[:n])
        city = next((m for _, _, m in ctx.args.mentions.spans if m.cls == Cls.City and m.source != Source.DEMONYM
                     and prefix in (m.name, m.text)), None)
        if city is not None:
            yield from ctx.relate(event, "heldAt", city, root, "event-city", modal=False)
            return


def epithet_places(ctx: RuleContext) -> Iterator[Relation]:
    """'the Ohio steel company', 'the German engineering group' standing for a company named before: it is in the
    place that modifies it, or in the country of the demonym."""
    for i, m in sorted(ctx.args.refs.items()):
        noun = ctx.doc[i]
        if m.source != Source.COREF_DEMONSTRATIVE or noun.pos_ != "NOUN" \
                or not ctx.ontology.is_a(m.cls, Cls.Organization):
            continue
        for mod in noun.children:
            place = ctx.args.mention(mod) if mod.dep_ in ("compound", "nmod", "amod") else None
            if place is None or not ctx.ontology.is_a(place.cls, Cls.Place):
                continue
            # 'the Ohio steel company' (a named place), 'the German engineering group' (a demonym: its country)
            named = place.cls != Cls.Country and place.source != Source.DEMONYM and mod.dep_ != "amod"
            if named or place.source == Source.DEMONYM:
                yield from ctx.relate(m, "locatedIn", place, noun, "descriptor-place", modal=False)


def administrative_units(ctx: RuleContext) -> Iterator[Relation]:
    """'the Vestby district of Akershus Province', 'the Chilean provinces of Arica, Tarapaca and Loa': a
    unit named by a place noun of the lexicon ('district', 'province') lies in the place after its 'of', or in
    the country its demonym names when its own names follow the 'of'."""
    a = ctx.args
    for noun in ctx.tokens_tagged("NOUN"):
        if not names_a_place(ctx, noun) or a.mention(noun) is not None:
            continue
        after = [m for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                 for o in p.children if o.dep_ == "pobj" for m in a.entities(o) if is_place(ctx, m)]
        named = [m for c in noun.children if c.dep_ == "compound" for m in [a.mention(c)] if m and is_place(ctx, m)]
        country = [m for c in noun.children if c.dep_ == "amod" for m in [a.mention(c)]
                   if m is not None and m.source == Source.DEMONYM and m.cls == Cls.Country]
        pairs = [(unit, wider) for unit in named for wider in after] if named else \
            [(unit, wider) for unit in after for wider in country]  # "the Chilean provinces of Arica, Tarapaca"
        for unit, wider in pairs:
            if unit.name != wider.name and unit.cls != Cls.Country:
                yield from ctx.relate(unit, "locatedIn", wider, noun, "administrative-unit", modal=False)


def is_place(ctx: RuleContext, m: Mention) -> bool:
    return ctx.ontology.is_a(m.cls, Cls.Place) and m.source != Source.DEMONYM


def wider_places(ctx: RuleContext, rel: Relation) -> Iterator[Relation]:
    """'Acme, based in Dayton, Ohio', 'the Acme Co. of Dayton, Ohio': an organisation in a city written with
    its state or country is in that state or country too; so is a person living there ('Ann Ray, 40, of Dayton,
    Ohio'): whoever lives in Dayton lives in Ohio. 'Yarrow in northern Arkansas' widens a birthplace too."""
    place = rel.object
    if not isinstance(place, Mention):
        return
    spans = sorted(ctx.args.mentions.spans, key=lambda t: t[0])
    for k, (start, end, m) in enumerate(spans):
        if m.start != place.start or m.name != place.name:
            continue
        if widens(ctx, rel, WIDENED) and k + 1 < len(spans) and is_place_comma(ctx, start, end, spans[k + 1]):
            wider, rule = spans[k + 1][2], "place-comma"
        elif widens(ctx, rel, WIDENED_BY_IN):
            wider, rule = wider_after_in(ctx, m, end), "place-of"
        else:
            wider = None
        if wider is not None:
            confidence = min(rel.provenance.confidence, ctx.settings.confidence[rule])
            yield from ctx.relate(rel.subject, rel.predicate, wider, ctx.doc[start], rule, modal=False,
                                  confidence=confidence)


# The properties a wider place holds too, by the subject's class: what is in a city is in its state. A birthplace
# written 'Dover, Del.' is left as the city (CoNLL04 and most gazetteers name it as one place); written 'Yarrow in
# northern Arkansas' it is two.
WIDENED = ((Cls.Organization, ("locatedIn", "headquarteredIn")), (Cls.Person, ("livesIn",)))
WIDENED_BY_IN = ((Cls.Organization, ("locatedIn", "headquarteredIn")), (Cls.Person, ("livesIn", "bornIn")))


def widens(ctx: RuleContext, rel: Relation, table: tuple[tuple[str, tuple[str, ...]], ...]) -> bool:
    return any(rel.predicate in props and ctx.ontology.is_a(rel.subject.cls, cls) for cls, props in table)


def place_of(ctx: RuleContext, m: Mention, root: Token, end: int) -> Iterator[Relation]:
    """'the Guiana Space Centre in Kourou', 'the Mihail Kogalniceanu air base near Constanta', 'the Museum of
    the Baltic Sea in Tallinn' (the parser hangs the 'in' on the last word of a name with 'of' inside)."""
    a = ctx.args
    prop = "heldAt" if ctx.ontology.is_a(m.cls, Cls.Event) else "locatedIn"
    holders = [root] + ([root.head] if root.dep_ in ("compound", "nmod") and root.head.pos_ == "NOUN"
                        and a.mention(root.head) is None and not names_an_act(ctx, root.head) else []) \
        + name_tail(ctx, root, end)
    for child in (c for h in holders for c in h.children):
        if child.dep_ == "prep" and child.lower_ in ctx.settings.place_preps and not (
                child.lower_ in ctx.settings.site_only_preps and ctx.ontology.is_a(m.cls, Cls.Organization)):
            for place in (x for p in child.children if p.dep_ == "pobj" for x in a.entities(p)):
                # "Radio Rebelde in Spanish": a demonym after 'in' is a language, not a place
                if ctx.ontology.is_a(place.cls, Cls.Place) and not (place.cls == m.cls == Cls.City) \
                        and place.source != Source.DEMONYM and not in_other_country(ctx, m, place):
                    yield from ctx.relate(m, prop, place, root, "place-of", modal=False)
    yield from verb_hung_place(ctx, m, root, end)


def verb_hung_place(ctx: RuleContext, m: Mention, root: Token, end: int) -> Iterator[Relation]:
    """'who headed the Acme Institute in Dayton', 'taken to the World Court in The Hague': an organisation
    object written right before 'in' a town, where the parser hung the 'in' on the verb, is in that town. A
    team is left out ('beat Fenmoor City in Leeds' says where the match was)."""
    doc = ctx.doc
    if end >= len(doc) or doc[end].lower_ != "in" or doc[end].head.i == root.i or root.dep_ not in ("dobj", "pobj") \
            or not ctx.ontology.is_a(m.cls, Cls.Organization) or ctx.ontology.is_a(m.cls, Cls.SportsTeam):
        return
    verb = root.head if root.dep_ == "dobj" else root.head.head
    if doc[end].head.i != verb.i or verb.pos_ != "VERB":
        return
    for place in (x for p in doc[end].children if p.dep_ == "pobj" for x in ctx.args.entities(p)):
        if ctx.ontology.is_a(place.cls, Cls.Place) and not ctx.ontology.is_a(place.cls, Cls.Agent) \
                and place.source != Source.DEMONYM:
            yield from ctx.relate(m, "locatedIn", place, root, "place-of", modal=False)


def name_tail(ctx: RuleContext, root: Token, end: int) -> list[Token]:
    """The last word of a name that is not its root ('Botany' of 'Institute of Botany'): a phrase after the name
    hung on it is said of the whole name."""
    last = ctx.doc[end - 1]
    return [last] if last.i != root.i and last.i > root.i else []


def place_in_wider(ctx: RuleContext, m: Mention, root: Token, end: int) -> Iterator[Relation]:
    """'Bedford in southern Indiana', 'Geneva in Switzerland': a place, 'in', compass words and a country or
    state is in it, wherever the parser hung the 'in' ('grew up in X in southern Y'); so are the places listed
    before it ('Halden or Moss in Norway'); and a place in a place in a country is in the country ('Yarra in
    Tamba Prefecture in western Japan')."""
    wider = wider_after_in(ctx, m, end)
    if wider is not None:
        yield from ctx.relate(m, "locatedIn", wider, root, "place-of", modal=False)
        outer = wider_after_in(ctx, wider, 1 + max(i for i, x in ctx.args.mentions.by_token.items() if x is wider))
        if outer is not None and is_wider(ctx, m, outer):
            yield from ctx.relate(m, "locatedIn", outer, root, "place-of", modal=False)
        for other, token in listed_before(ctx, m):
            if is_wider(ctx, other, wider) and may_lie_in(ctx, other, wider):
                yield from ctx.relate(other, "locatedIn", wider, token, "place-of", modal=False)


def listed_before(ctx: RuleContext, m: Mention) -> Iterator[tuple[Mention, Token]]:
    """The places listed before `m` up to the 'and' or 'or' just before it ('Halden, Moss or Sarpsborg'), each
    with its first token; none when no conjunction comes right before it."""
    doc = ctx.doc
    k = min(i for i, x in ctx.args.mentions.by_token.items() if x is m) - 1
    if k < 1 or doc[k].lower_ not in ("and", "or"):
        return
    while k > 0 and doc[k].lower_ in (",", "and", "or"):
        while k > 0 and doc[k].lower_ in (",", "and", "or"):
            k -= 1
        other = ctx.args.mentions.at(doc[k])
        if other is None or other is m or not is_place(ctx, other):
            return
        first = min(i for i, x in ctx.args.mentions.by_token.items() if x is other and i <= k)
        yield other, doc[first]
        k = first - 1


def in_other_country(ctx: RuleContext, place: Mention, country: Mention) -> bool:
    """'flights to Madrid and Porto in Portugal': the parser hangs the 'in' on the first place, which the
    gazetteer puts in another country."""
    entry = ctx.ontology.entry_by_name.get(place.canonical or place.name)
    return country.cls == Cls.Country and entry is not None and entry.country is not None \
        and entry.country != country.name


def may_lie_in(ctx: RuleContext, place: Mention, wider: Mention) -> bool:
    """The gazetteer does not place it elsewhere: a place it knows may lie in its own country only, and in no
    state (it cannot tell which state a town is in)."""
    entry = ctx.ontology.entry_by_name.get(place.canonical or place.name)
    if entry is None:
        return True
    return wider.cls == Cls.Country and entry.country == wider.name


def wider_after_in(ctx: RuleContext, m: Mention, end: int) -> Mention | None:
    """The country or state written after the place ending at `end`, 'in' and compass words between; or set off
    by commas ('Kalmar, in southern Sweden, said')."""
    doc, k = ctx.doc, end
    comma = k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ == "in"
    k += 1 if comma else 0
    if k >= len(doc) or doc[k].lower_ != "in" or not ctx.ontology.is_a(m.cls, Cls.Place):
        return None
    k += 1
    while k < len(doc) and (doc[k].lower_ == "the" or COMPASS.match(doc[k].lower_)):
        k += 1
    wider = ctx.args.mentions.at(doc[k]) if k < len(doc) else None
    if wider is None or wider.source == Source.DEMONYM or not is_wider(ctx, m, wider):
        return None
    after = next((t for t in doc[k:] if ctx.args.mentions.at(t) is not wider), None)
    # 'in Leeds, in Britain's view': the comma's phrase must close on the wider place
    return wider if not comma or after is None or after.text in (",", ".", ";", ")") else None


def is_wider(ctx: RuleContext, place: Mention, wider: Mention) -> bool:
    """A country holds any place but a country; a region any place but a region, except that a known state
    holds a county ('Marin County in northern California')."""
    if wider.cls == Cls.Country:
        return place.cls != Cls.Country
    if wider.cls != Cls.Region or place.cls == Cls.Country:
        return False
    return place.cls != Cls.Region or (place.source != Source.GAZETTEER and is_state(ctx, wider))


def is_state(ctx: RuleContext, m: Mention) -> bool:
    """A state the gazetteer places in a country ('Ohio', 'Calif.')."""
    entry = ctx.ontology.entry_by_name.get(m.canonical or m.name)
    return entry is not None and entry.cls == Cls.Region and entry.country is not None


# 'southern', 'northwest', 'northeastern', 'central', 'rural': words placing a thing inside a wider place.
COMPASS = re.compile(r"^(?:(?:north|south)(?:east|west)?|east|west)(?:ern)?$|^(?:central|far|extreme|rural|upstate)$")


def names_a_place(ctx: RuleContext, noun: Token) -> bool:
    """'city', 'region': a noun of the lexicon's place classes."""
    kind = ctx.lexicon.class_nouns.get(noun.lower_) or ctx.lexicon.class_nouns.get(noun.lemma_.lower())
    return bool(kind and ctx.ontology.is_a(kind, Cls.Place))


def names_an_act(ctx: RuleContext, noun: Token) -> bool:
    """'UN talks in Azerbaijan', 'a Nato summit in Vilnius': the lexicon's nominalisations are acts, and the
    place after them is where the act happened, not where the organisation modifying them is."""
    kind = ctx.lexicon.class_nouns.get(noun.lower_) or ctx.lexicon.class_nouns.get(noun.lemma_.lower())
    return bool({noun.lemma_.lower(), noun.lower_} & nominal_lemmas(ctx.ontology)) or \
        bool(kind and ctx.ontology.is_a(kind, Cls.Event))


@functools.lru_cache(maxsize=4)
def nominal_lemmas(ontology: Ontology) -> frozenset[str]:
    return frozenset(t.lemma for t in ontology.triggers if t.kind == "noun")


def descriptor_place(ctx: RuleContext, m: Mention, root: Token) -> Iterator[Relation]:
    """'Meridian Motors, the Detroit carmaker': a place in the noun describing an organisation."""
    a = ctx.args
    nouns = [c for c in root.children if c.dep_ == "appos"] + (
        [root.head] if root.dep_ in ("appos", "compound") else [])
    for noun in nouns:
        if a.mentions.at(noun) is None and noun.pos_ == "NOUN":  # no name, though coreference may resolve it
            for mod in noun.children:
                place = a.mention(mod)
                if mod.dep_ in ("compound", "amod", "nmod") and place is not None and \
                        ctx.ontology.is_a(place.cls, Cls.Place) and place is not m:
                    yield from ctx.relate(m, "locatedIn", place, root, "descriptor-place", modal=False)
            if noun.dep_ == "appos" or root.dep_ == "appos":
                yield from described_as_in(ctx, m, root, noun)
    yield from compounded_nationality(ctx, m, root)


def described_as_in(ctx: RuleContext, m: Mention, root: Token, noun: Token) -> Iterator[Relation]:
    """'Vestra Oil, an oil company in Tulsa': the word for an organisation in apposition to one, with 'in' a place
    after it (not 'Russia's biggest investor in Ukraine': an investor is no kind of organisation)."""
    kind = ctx.lexicon.class_nouns.get(noun.lower_) or ctx.lexicon.class_nouns.get(noun.lemma_.lower())
    if not (kind and ctx.ontology.is_a(kind, Cls.Organization)) and noun.lemma_.lower() not in ctx.lexicon.epithets.nouns:
        return
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "in"):
        for place in (x for p in prep.children if p.dep_ == "pobj" for x in ctx.args.entities(p)):
            if ctx.ontology.is_a(place.cls, Cls.Place) and place.source != Source.DEMONYM and place is not m:
                yield from ctx.relate(m, "locatedIn", place, root, "descriptor-place", modal=False)


def compounded_nationality(ctx: RuleContext, m: Mention, root: Token) -> Iterator[Relation]:
    """"major Norwegian defense contractor Nordvik Industries": a descriptor the parser compounded on the name,
    with a demonym on it. Only a demonym: a named modifier of such a noun is often its object ('Emsland operator
    RWE' operates the Emsland plant), a nationality never."""
    a = ctx.args
    for noun in (c for c in root.children if c.dep_ in ("compound", "nmod") and c.i < root.i and c.pos_ == "NOUN"):
        if a.mentions.at(noun) is not None:
            continue
        for mod in (c for c in noun.children if c.dep_ == "amod"):
            place = a.mention(mod)
            if place is not None and place.source == Source.DEMONYM and ctx.ontology.is_a(place.cls, Cls.Place):
                yield from ctx.relate(m, "locatedIn", place, root, "descriptor-place", modal=False)


def is_place_comma(ctx: RuleContext, start: int, end: int, nxt: tuple[int, int, Mention]) -> bool:
    """A place, a comma and a wider place, not a list: 'Monterrey, Mexico, last month'."""
    doc, (s2, e2, other) = ctx.doc, nxt
    if s2 != end + 1 or doc[end].text != "," or not ctx.ontology.is_a(other.cls, Cls.Place):
        return False
    if not ctx.ontology.is_a(ctx.args.mentions.at(doc[start]).cls, Cls.Place):
        return False
    before = doc[start - 1].lower_ if start else ""
    after = doc[e2].lower_ if e2 < len(doc) else "."
    wider = doc[s2:e2].root
    # a dateline's cities are in capitals: 'AMMAN, Jordan, and CAIRO, Egypt —' is two cities in countries
    dateline = doc[start].text.isupper() and len(doc[start].text) > 2 and not doc[s2].text.isupper()
    if dateline and after in ("(", ",", "-", "\u2014", "\u2013") \
            and not ctx.ontology.is_a(ctx.args.mentions.at(doc[start]).cls, Cls.Country):
        return True  # 'ABUJA, Nigeria (Reuters) - Nigeria began': the parser may make the country a subject
    if wider.dep_ in ("nsubj", "nsubjpass") and wider.head.i >= e2:
        return False  # "... the port of Izmail, Ukraine says": the second place opens a clause of its own
    if wider.dep_ in ("compound", "amod", "nmod", "poss") and wider.head.i >= e2 and after != "-" \
            and not names_a_place(ctx, wider.head):  # but "Kutaisi, Georgia's second-largest city" is in it
        return False  # "White House, US President X", "in London, Argentina's envoy": it qualifies a noun after it
    listed = before in (",", "and", "or") and not is_wider_region(ctx, ctx.args.mentions.at(doc[start]), other) \
        and not dateline
    # 'Paris, London, Berlin' is a list; 'in Rockville, Md., Bernero said' is a town in its state before a name
    named_next = after == "," and e2 + 1 < len(doc) and ctx.args.mentions.at(doc[e2 + 1]) is not None
    return not listed and after not in ("and", "or") and not (
        named_next and not is_wider_region(ctx, ctx.args.mentions.at(doc[start]), other))


def is_wider_region(ctx: RuleContext, place: Mention, wider: Mention) -> bool:
    """A known state of a country after a narrower place: 'Patchogue, N.Y.' ends a list ('Fire Island,
    Patchogue, N.Y.', 'Salida and Gunnison, Colorado') as a place, not as one more item ('Paris, London,
    Berlin'). A country or a region ends lists of places outside it too ('Hatay, Kilis, Syria', 'Kherson,
    Zaporizhzhia, Crimea'), so only a state the gazetteer places in a country counts."""
    return is_state(ctx, wider) and place.cls not in (Cls.Country, Cls.Region)


def coordinated_places(ctx: RuleContext, m: Mention, start: int, wider: Mention) -> Iterator[Relation]:
    """'between Salida and Gunnison, Colorado', 'Ames, Boone and Story City, Iowa': the bare places listed just
    before a place written with its state are in that state too; a place written with a state of its own
    ('Jackson, Wyo., and Gunnison, Colo.') ends the walk."""
    doc, k = ctx.doc, start - 1
    if not is_wider_region(ctx, m, wider) or k < 1 or doc[k].lower_ not in ("and", "or"):
        return  # 'X, Lowell, Mass.' without a conjunction is a site and its town, or a list
    while k > 0 and doc[k].lower_ in (",", "and", "or"):
        while k > 0 and doc[k].lower_ in (",", "and", "or"):
            k -= 1
        other = ctx.args.mentions.at(doc[k])
        if other is None or other is m or not ctx.ontology.is_a(other.cls, Cls.Place) \
                or not is_wider_region(ctx, other, wider):
            return
        yield from ctx.relate(other, "locatedIn", wider, doc[k], "place-comma", modal=False)
        k = min(i for i, x in ctx.args.mentions.by_token.items() if x is other and i <= k) - 1
