"""Agent nouns beside a name: the noun of a lexicon noun trigger ("assassin of", "native of", "ceo of")
written without its preposition, its object named by a possessive or a compound instead.

"Moreau assassin Pavel Brandt", "Lindqvist's killer, Otto Krane", "Modesto native George Lucas",
"Mr. Dale, a Tulsa native", "Disney CEO Bob Iger", "Hale's wife, Miriam": the name the noun describes
is the subject, the possessor or compound modifier fills the preposition's slot (Kennedy is the one
assassinated, Modesto where Lucas was born). With its preposition ("the assassin of Lincoln") the noun is
read by the trigger rule.
"""
from __future__ import annotations

import functools
from collections.abc import Iterator

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Token

from kg.extract.rules.context import RuleContext
from kg.extract.rules.titles import is_title
from kg.extract.rules.triggers import restricted
from kg.models import Mention, Relation, Source
from kg.ontology import Ontology, Trigger
from kg.ontology.vocabulary import Cls

# The prepositions whose object a possessive or compound modifier can stand for: "the assassin of Lincoln" is
# "Lincoln's assassin", "the lawyer for Trump" "Trump's lawyer"; not "on", "with", "against" ("US sanctions" are
# the US's, not on the US).
OBJECT_PREPS = ("of", "for", "to")
# "was convicted of / charged in / sentenced for / accused of" an act: the one convicted did it.
PATIENT_PREPS = ("of", "in", "for", "with")
QUOTES = {'"', "”", "’", "'"}


@functools.lru_cache(maxsize=4)
def agent_noun_triggers(ontology: Ontology) -> dict[str, list[Trigger]]:
    """Noun lemma -> its noun triggers whose preposition a possessive or compound can stand for."""
    found: dict[str, list[Trigger]] = {}
    for trig in ontology.triggers:
        if trig.kind == "noun" and trig.prep in OBJECT_PREPS:
            found.setdefault(trig.lemma, []).append(trig)
    return found


def agent_noun_relations(ctx: RuleContext) -> Iterator[Relation]:
    """Each agent noun of the lexicon next to a name, without its preposition."""
    nouns = agent_noun_triggers(ctx.ontology)
    for token in ctx.tokens_with(nouns.keys(), LEMMA, LOWER):
        # the tagger reads a noun before a name as a verb or adjective at times ("Kennedy assassin Sirhan")
        if token.pos_ in ("PUNCT", "DET", "ADP", "PRON") or ctx.args.mentions.at(token) is not None:
            continue
        trigs = nouns.get(token.lemma_.lower()) or nouns.get(token.lower_)
        if not trigs or any(c.dep_ == "prep" and c.lower_ in OBJECT_PREPS for c in token.children):
            continue
        if is_title(ctx, [c for c in token.lefts if c.dep_ == "compound"] + [token]):
            continue  # "UK Prime Minister Liz Truss": titles are roles.py's
        if ctx.sentence_too_long(token) or ctx.negated(token):
            continue
        holders = described(ctx, token) or name_after(ctx, token)
        objects = list(dict.fromkeys(modifiers(ctx, token) + names_before(ctx, token)))
        if not holders and objects:  # "Brandt was convicted of Moreau's killing": an event, its patient named
            holders = convicted(ctx, token)
            trigs = [t for t in trigs if ctx.ontology.properties[t.property][1] == Cls.Person]
        if not holders or not objects:
            continue
        if token.lemma_.lower() in ctx.lexicon.act_nouns or token.lower_ in ctx.lexicon.act_nouns:
            holders, objects = acted_on(ctx, token, holders)
        for trig in trigs:
            subjects, objs, _ = restricted(ctx, trig, holders, [o for o in objects if o not in holders], "")
            for s in subjects:
                for o in objs:
                    yield from ctx.relate(s, trig.property, o, token, "agent-noun", modal=False)


def described(ctx: RuleContext, noun: Token) -> list[Mention]:
    """The named things the noun describes: 'Kennedy assassin [Sirhan]', '[Booth], Lincoln's killer',
    "Lincoln's killer, [Booth]", '[Vee], a Fargo native', '[Vee] is a Fargo native'."""
    a = ctx.args
    if noun.dep_ == "conj" and noun.head.dep_ == "appos":  # '[Vee], a welder and a Fargo native'
        noun = noun.head
    if noun.dep_ in ("compound", "appos") and a.mention(noun.head) is not None:
        nxt = a.mention(ctx.doc[noun.i + 1]) if noun.i + 1 < len(ctx.doc) else None
        if nxt is not None and nxt is not a.mention(noun.head):
            return []  # "Iasi, which Romania's grid operator Transelectrica": the noun is the next name's title
        return a.entities(noun.head)
    found = [m for c in noun.children if c.dep_ == "appos" for m in a.entities(c)]
    if not found and noun.dep_ == "attr" and noun.head.lemma_ == "be":
        found = [m for c in noun.head.children if c.dep_ == "nsubj" for m in a.entities(c)]
    return found


def acted_on(ctx: RuleContext, noun: Token, described_names: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """(actors, what the act is done to) for a noun of an act: 'Brenta, [Acme]'s largest acquisition' - the possessor
    acts on the name the noun describes. A compound says nothing sure ('the Brenta acquisition' is Brenta bought)."""
    actors = [m for c in noun.children if c.dep_ == "poss" and (m := ctx.args.mention(c)) is not None]
    return actors, described_names


def name_after(ctx: RuleContext, noun: Token) -> list[Mention]:
    """The person named right after the noun, however the parser hung them: 'French Open champion [Djokovic]'."""
    nxt = ctx.doc[noun.i + 1] if noun.i + 1 < len(ctx.doc) else None
    m = ctx.args.mentions.at(nxt) if nxt is not None else None
    # "Acme's supplier [Baltic Castings]": after a possessive, an organisation is named the same way
    owned = any(c.dep_ == "poss" for c in noun.children) and m is not None \
        and ctx.ontology.is_a(m.cls, Cls.Organization)
    return [m] if m is not None and (m.cls == Cls.Person or owned) else []


def names_before(ctx: RuleContext, noun: Token) -> list[Mention]:
    """The names written right before the noun, a list of them included, however the parser nested them:
    '[Halden Open] and [Lagos Open] champion X', '"[Night Harbor]" star X'."""
    doc, a = ctx.doc, ctx.args
    found: list[Mention] = []
    k = noun.i - 1
    while k >= 0 and doc[k].text in QUOTES:  # '"Night Harbor" star X': a quoted title before the noun
        k -= 1
    while k >= 0:
        m = a.mentions.at(doc[k])
        if m is not None:
            if m not in found:
                found.append(m)
        elif not (doc[k].lower_ in ("and", ",") and found and k > 0 and a.mentions.at(doc[k - 1]) is not None):
            break
        k -= 1
    return found[::-1]


def modifiers(ctx: RuleContext, noun: Token) -> list[Mention]:
    """The named possessor or compound modifier of the noun: "[Lincoln]'s killer", '[Modesto] native'."""
    found: list[Mention] = []
    # "Walter Moreau's assassin Pavel Brandt": the parser hangs the possessive on the name
    shared = [c for c in noun.head.children if c.dep_ == "poss" and c.i < noun.i] if noun.dep_ == "compound" else []
    for child in list(noun.children) + shared:
        if child.dep_ in ("poss", "compound", "amod", "nmod"):
            m = ctx.args.mention(child)
            # "a South Korean defense contractor": a nationality, not whom the contract is for
            if m is not None and (m.source != Source.DEMONYM or child.dep_ == "poss") \
                    and not place_of_other_noun(ctx, child, m, noun):
                found.append(m)
    return found


def place_of_other_noun(ctx: RuleContext, modifier: Token, named: Mention, noun: Token) -> bool:
    """'Dallas nightclub owner X': a place written before another common noun says where that noun is (the
    nightclub), not what the agent noun is of; the parser hangs both compounds on the agent noun alike."""
    if modifier.dep_ == "poss" or not ctx.ontology.is_a(named.cls, Cls.Place):
        return False
    between = ctx.doc[modifier.i + 1:noun.i]
    return any(t.pos_ == "NOUN" and ctx.args.mentions.at(t) is None for t in between)


def convicted(ctx: RuleContext, noun: Token) -> list[Mention]:
    """Who a passive verb says did the act the noun names: '[Brandt] was convicted of Moreau's killing',
    '[X] was charged in the Moreau slaying'. Only for properties whose object is a person (the one the
    possessive names is then the victim); 'Russia's invasion' names its agent."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in PATIENT_PREPS or prep.head.pos_ != "VERB":
        return []
    verb = prep.head
    return ctx.args.patients(verb) if ctx.args.is_passive(verb) else []
