"""Lexicon triggers: a verb, noun or adjective of the lexicon and its arguments state a property.

"Britain deployed troops to Estonia" (verb with preposition), "talks with Zelensky" (noun),
"UK-French declaration" (adjective); with co-agents ('signed it with Macron') and where it was held.
"""
from __future__ import annotations

import functools
from collections.abc import Iterator

from spacy.attrs import LEMMA, LOWER, POS
from spacy.tokens import Doc, Token

from kg.extract.rules.context import RuleContext
from kg.extract.rules.courts import court_agents, prosecutor_agents
from kg.extract.rules.funding import money_arguments
from kg.extract.rules.participants import coordinated_pairs, presence
from kg.extract.rules.results import contest_wins
from kg.extract.tokens import indices_with, string_ids
from kg.models import Mention, Relation
from kg.ontology import Ontology, Trigger
from kg.ontology.vocabulary import Cls

Arguments = tuple[list[Mention], list[Mention], str]  # subjects, objects, rule


class TriggerMatcher:
    """The triggers of the lexicon in a Doc, one (group key, token ids) match per trigger token.

    One group per (kind, preposition) of triggers; a noun trigger with a preposition matches with
    each child `prep` token of that word ([noun, prep]). Matches come group by group in the order
    the groups were first seen in the lexicon, then by token (and preposition) position: the order
    a spaCy DependencyMatcher with one pattern per group gives, found with a few dict look-ups per
    token instead of evaluating every group's pattern on every token; only the tokens whose form,
    lemma or (for "*" triggers) part of speech can match are looked at.
    """

    def __init__(self, groups: dict[str, list[Trigger]], compound_object_nouns: frozenset[str] = frozenset(),
                 tally_nouns: frozenset[str] = frozenset()):
        self.keys = list(groups)
        self.compound_object_nouns = compound_object_nouns  # "its Activision takeover": match without the "of"
        self.tally_nouns = tally_nouns  # "Okafor's record of five Lagos Open titles"
        self.verbs: dict[str, list[str]] = {}  # lemma -> groups; POS VERB
        self.nouns: dict[str, list[str]] = {}  # lemma -> groups; POS NOUN or PROPN
        self.adjectives: dict[str, list[str]] = {}  # lower-case form -> groups; any POS
        self.any_verb: list[str] = []  # groups with a "*" trigger: every VERB or AUX
        self.preps: dict[str, str] = {}  # noun group -> the word of its `prep` child
        self.groups = groups
        # group -> trigger lemma -> positions in the group: a match is tried against its own lemmas only
        self.positions: dict[str, dict[str, list[int]]] = {}
        self._triggers: dict[tuple[str, tuple[str, ...]], list[Trigger]] = {}  # see `triggers`
        for key, trigs in groups.items():
            self._index(key, trigs)
        self.candidates = {LOWER: string_ids([*self.adjectives, *self.nouns]),
                           LEMMA: string_ids([*self.verbs, *self.nouns])}
        if self.any_verb:
            self.candidates[POS] = string_ids(["VERB", "AUX"])

    def _index(self, key: str, trigs: list[Trigger]) -> None:
        for k, trig in enumerate(trigs):
            self.positions.setdefault(key, {}).setdefault(trig.lemma, []).append(k)
        kind, prep = key.split("|")
        lemmas = sorted({t.lemma for t in trigs if t.lemma != "*"})
        index = {"noun": self.nouns, "adjective": self.adjectives}.get(kind, self.verbs)
        if kind not in ("noun", "adjective") and "*" in {t.lemma for t in trigs}:
            self.any_verb.append(key)
            return
        for lemma in lemmas:
            index.setdefault(lemma, []).append(key)
        if kind == "noun" and prep:
            self.preps[key] = prep.split()[-1]

    def _groups_of(self, token: Token) -> list[str]:
        pos = token.pos_
        keys = self.adjectives.get(token.lower_, [])
        if pos == "VERB" or pos == "AUX" and token.lemma_ == "be":  # "X is originally from Y": a copula's trigger
            keys = keys + self.verbs.get(token.lemma_, [])
        if pos in ("VERB", "AUX"):
            keys = keys + self.any_verb
        elif pos in ("NOUN", "PROPN"):
            keys = keys + self.nouns.get(token.lemma_, [])
            if token.tag_ in ("NNS", "NNPS") and token.lower_ != token.lemma_:  # "talks with", "sanctions on"
                keys = keys + self.nouns.get(token.lower_, [])
        return keys

    def __call__(self, doc: Doc) -> list[tuple[str, list[int]]]:
        found: dict[str, list[int]] = {}
        for i in indices_with(doc, self.candidates):
            for key in self._groups_of(doc[i]):
                found.setdefault(key, []).append(i)
        matches: list[tuple[str, list[int]]] = []
        for key in self.keys:
            prep = self.preps.get(key)
            for i in found.get(key, ()):
                if prep is None:
                    matches.append((key, [i]))
                else:
                    with_prep = [(key, [i, c.i]) for c in doc[i].children if c.dep_ == "prep" and c.lower_ == prep]
                    if not with_prep and self.compound_object(doc[i]):
                        with_prep = [(key, [i])]  # "its Activision takeover": the takeover of Activision
                    if not with_prep and misattached_prep(doc, i, prep):
                        with_prep = [(key, [i, i + 1])]
                    matches += with_prep
        return matches

    def compound_object(self, noun: Token) -> bool:
        """A noun whose possessive is the agent and whose compound the object: "Microsoft's Activision takeover"."""
        return noun.lemma_.lower() in self.compound_object_nouns and possessed_compound(noun, self.tally_nouns)

    def triggers(self, key: str, *forms: str) -> list[Trigger]:
        """The triggers of group `key`, in lexicon order, whose lemma is "*" or one of the matched word's `forms`."""
        found = self._triggers.get((key, forms))
        if found is None:  # the same few words over and over: each (group, forms) worked out once
            positions = self.positions[key]
            ks = sorted({k for form in (*forms, "*") for k in positions.get(form, ())})
            found = self._triggers[(key, forms)] = [self.groups[key][k] for k in ks]
        return list(found)


def misattached_prep(doc: Doc, i: int, prep: str) -> bool:
    """'suffered cramps in his loss to X': the preposition right after a possessed noun is the noun's, though
    the parser hung it on the verb (a possessive makes the noun a nominalisation with its own arguments)."""
    if i + 1 >= len(doc):
        return False
    noun, nxt = doc[i], doc[i + 1]
    return nxt.lower_ == prep and nxt.dep_ == "prep" and nxt.head.i != i and nxt.head.pos_ == "VERB" \
        and any(c.dep_ == "poss" for c in noun.children)


def possessed_compound(noun: Token, tally_nouns: frozenset[str] = frozenset()) -> bool:
    """A noun with a possessive and a compound before it: "Microsoft's Activision takeover", or a compound under
    a possessed tally noun: "Okafor's record of five Lagos Open titles"."""
    deps = {c.dep_ for c in noun.children}
    return "compound" in deps and ("poss" in deps or tally_possessor(noun, tally_nouns) is not None)


def tally_possessor(noun: Token, tally_nouns: frozenset[str]) -> Token | None:
    """The possessive of the tally noun the noun is counted under: "[Okafor]'s record of five titles"."""
    of = noun.head
    if noun.dep_ != "pobj" or of.lower_ != "of" or of.head.lemma_.lower() not in tally_nouns:
        return None
    return next((c for c in of.head.children if c.dep_ == "poss"), None)


@functools.lru_cache(maxsize=4)
def trigger_matcher(ontology: Ontology) -> TriggerMatcher:
    """The trigger matcher of the lexicon, its triggers grouped by (kind, preposition)."""
    groups: dict[str, list[Trigger]] = {}
    for trig in ontology.triggers:
        if trig.kind != "adjunct":  # "at the invitation of": rules/adjuncts.py
            groups.setdefault(f"{trig.kind}|{trig.prep or ''}", []).append(trig)
    return TriggerMatcher(groups, ontology.lexicon.compound_object_nouns, ontology.lexicon.tally_nouns)


def trigger_relations(ctx: RuleContext) -> Iterator[Relation]:
    """Every trigger of the lexicon found in the article, applied; one relation per (subject, property,
    object, sentence)."""
    matcher = trigger_matcher(ctx.ontology)
    seen: set[tuple] = set()
    for key, token_ids in matcher(ctx.doc):
        token = ctx.doc[token_ids[0]]
        if ctx.sentence_too_long(token) or ctx.negated(token):
            continue
        for trig in matcher.triggers(key, token.lemma_.lower(), token.lower_):
            for rel in apply_trigger(ctx, trig, token):
                ident = (rel.subject.name, rel.predicate, getattr(rel.object, "name", rel.object),
                         rel.provenance.start)
                if ident not in seen:
                    seen.add(ident)
                    yield rel


def apply_trigger(ctx: RuleContext, trig: Trigger, token: Token) -> Iterator[Relation]:
    """The relations one trigger states at one token: its own, its co-agents' and where it happened."""
    if not phrase_words_present(trig, token):
        return
    if trig.kind == "verb" and not trig.prep and any(
            c.dep_ == "prt" and c.lower_ in ctx.lexicon.meaning_particles for c in token.children):
        return  # 'his teammate led him out' is not 'lead
    arguments = ARGUMENTS.get(trig.kind, verb_arguments)(ctx, trig, token)
    if trig.object_nouns and not any(c.lemma_.lower() in trig.object_nouns for c in object_heads(trig, token)):
        return
    subjects, objects, rule = restricted(ctx, trig, *arguments)
    if not subjects and objects and trig.property in ctx.lexicon.court_acts and ctx.args.is_passive(token):
        subjects, rule = court_agents(ctx, token)  # "X was sentenced to five years at Leeds Crown Court"
    elif not subjects and objects and trig.property in ctx.lexicon.prosecution_acts and ctx.args.is_passive(token):
        subjects, rule = prosecutor_agents(ctx, token)  # "X was charged with fraud, District Attorney Y said"
    if not subjects and not objects:
        return  # nothing below relates anyone without an argument; most triggers of 'be' end here
    for s in subjects:
        for o in objects:
            yield from ctx.relate(s, trig.property, o, token, rule)
    # a reversed verb's 'with' goes with its grammatical subject, now the object: 'X lost a contract with Y'
    # makes Y no winner over X
    if trig.kind == "verb" and trig.property not in ctx.ontology.symmetric and not trig.reverse:
        for o in objects:
            for co in co_agents(ctx, token, trig):
                yield from ctx.relate(co, trig.property, o, token, "co-agent")
    yield from coordinated_pairs(ctx, trig, token, subjects, objects)
    yield from contest_wins(ctx, trig, token, subjects)
    yield from presence(ctx, trig, token, subjects, objects)
    if trig.property in ctx.lexicon.location_properties:
        for o in objects:
            for place in locations(ctx, token):
                yield from ctx.relate(o, "heldAt", place, token, "held-at", modal=False)


def object_heads(trig: Trigger, token: Token) -> list[Token]:
    """The nouns a trigger's object is headed by: a verb's direct object, a noun's object after its preposition
    ('part of the India side')."""
    if trig.kind == "noun" and trig.prep:
        last = trig.prep.split()[-1]
        return [p for c in token.children if c.dep_ == "prep" and c.lower_ == last for p in c.children
                if p.dep_ == "pobj"]
    return [c for c in token.children if c.dep_ == "dobj"]


def phrase_words_present(trig: Trigger, token: Token) -> bool:
    """'hold talks with', 'take part in': the words between the verb and its preposition are there
    ('held in Gliwice' is no meeting); a verb's children and their children are looked at. A noun
    trigger's modifiers ('prime minister of') modify the noun."""
    if trig.modifiers:  # "prime minister of": the noun's own modifiers ("Prime Minister", "prime-minister")
        near = {c.lower_ for c in token.children if c.dep_ in ("compound", "amod", "nmod")}
        return all(w in near for w in trig.modifiers)
    words = (trig.prep or "").split()[:-1]
    if trig.kind != "verb" or not words:
        return True
    near = {w for c in token.children for t in (c, *c.children) for w in (t.lower_, t.lemma_.lower())}
    return all(w in near for w in words)


def restricted(ctx: RuleContext, trig: Trigger, subjects: list[Mention], objects: list[Mention],
               rule: str) -> Arguments:
    """The arguments of the classes the trigger allows, swapped when the trigger is reversed."""
    if trig.object_classes:
        objects = [o for o in objects if any(ctx.ontology.is_a(o.cls, c) for c in trig.object_classes)]
    if trig.subject_classes:
        subjects = [s for s in subjects if any(ctx.ontology.is_a(s.cls, c) for c in trig.subject_classes)]
    if trig.reverse:
        subjects, objects = objects, subjects
    return subjects, objects, rule


def noun_arguments(ctx: RuleContext, trig: Trigger, token: Token) -> Arguments:
    """'talks between X and Y', 'sanctions on X by Y', 'X's deployment to Y', 'the acquisition of Y by X',
    "X's Y takeover" (the object as a compound when a possessive names the agent), "his US Open title"."""
    a = ctx.args
    objects = a.prep_objects(token, trig.prep) if trig.prep else []
    if not objects and trig.prep and misattached_prep(ctx.doc, token.i, trig.prep.split()[-1]):
        objects = [m for c in ctx.doc[token.i + 1].children if c.dep_ == "pobj" for m in a.entities(c)]
    agents = a.prep_objects(token, "by") if trig.prep != "by" else []
    if not agents and trig.prep == "of":  # "the murder of X by Y": the parser may hang 'by' on X
        agents = [m for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                  if o.dep_ == "pobj" for b in o.children if b.dep_ == "prep" and b.lower_ == "by"
                  for x in b.children if x.dep_ == "pobj" for m in a.entities(x)]
    if trig.prep == "between":
        subjects, objects = objects[:1], objects[1:]
    elif trig.prep and trig.prep != "of":
        subjects = a.prep_objects(token, "of") or agents or a.governing_subjects(token)
    else:
        subjects = agents or a.governing_subjects(token)
    if not objects and trig.prep not in ("between", "by") and token.lemma_.lower() in ctx.lexicon.compound_object_nouns:
        objects = compound_objects(ctx, token, subjects)
    if not subjects and objects and trig.property in ctx.ontology.symmetric:
        subjects = clause_subjects(ctx, token)  # "After talks with Ueda, Kishida told reporters": Kishida talked
    own = a.mention(token)
    if own is not None and own.source.is_coreference and own not in objects:
        subjects = [own]  # "Europa, the ice-covered moon of Jupiter": the moon is Europa
    if trig.property == "kills" and not objects and token.lemma_.lower() not in ctx.lexicon.lethal.doer_nouns:
        # "the Kennedy slaying": a person's name compounded on a noun of killing is the victim
        objects = [m for c in token.children if c.dep_ == "compound" for m in [a.mention(c)]
                   if m is not None and m.cls == Cls.Person and m not in subjects]
    if trig.property == "kills" and not agents and not held_responsible(ctx, token):
        subjects = []  # "X investigated the murder of Y": the clause's subject did not kill
    return subjects, objects, "nominal"


def held_responsible(ctx: RuleContext, noun: Token) -> bool:
    """Whether the clause that governs a noun of killing holds its subject (or object) to have done it: a doer noun
    ('the killer of X'), a possessive agent ("X's killing of Y"), or on the way up to the governing verb a word of
    doing it, a verb of arrest or trial, or a penalty noun ('committed the murder of', 'convicted of the slaying of',
    'serving a sentence for the murder of')."""
    lex = ctx.lexicon
    if noun.lemma_.lower() in lex.lethal.doer_nouns or any(c.dep_ == "poss" for c in noun.children):
        return True
    node = noun
    for _ in range(8):
        if node.dep_ not in ("dobj", "pobj", "prep", "nsubjpass", "attr", "acomp") or node.head.i == node.i:
            return False
        node = node.head
        lemma = node.lemma_.lower()
        if lemma in lex.lethal.deed_words or lemma in lex.culprit_verbs or lemma in lex.penalty_nouns:
            return True
        if node.pos_ in ("VERB", "AUX") and not any(c.dep_ == "acomp" and c.lower_ in lex.lethal.deed_words
                                                     for c in node.children):
            return False
    return False


def clause_subjects(ctx: RuleContext, noun: Token) -> list[Mention]:
    """The subject of the clause a prepositional phrase headed by `noun` hangs from ("after talks with X, Y said")."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.head.pos_ not in ("VERB", "AUX"):
        return []
    return ctx.args.subjects(prep.head)


def compound_objects(ctx: RuleContext, noun: Token, subjects: list[Mention]) -> list[Mention]:
    """"Siemens's Kestrel takeover", "his US Open title": a name compounded on the noun is its object when a
    possessive names the agent; without one the compound is the agent ("the Nato summit"), never the object."""
    if not any(c.dep_ == "poss" for c in noun.children) and tally_possessor(noun, ctx.lexicon.tally_nouns) is None:
        return []
    found = [ctx.args.mention(c) for c in noun.children if c.dep_ == "compound"]
    return [m for m in dict.fromkeys(found) if m is not None and m not in subjects]


def adjective_arguments(ctx: RuleContext, trig: Trigger, token: Token) -> Arguments:
    """'the UK-French declaration': the word before the hyphen and the noun the adjective modifies."""
    a = ctx.args
    prev = token.doc[token.i - 2] if token.i > 1 and token.doc[token.i - 1].text == "-" else None
    subjects = [m for m in [a.mention(prev)] if m is not None] if prev is not None else []
    if subjects and ctx.ontology.is_a(subjects[0].cls, Cls.Place):
        subjects = [narrowest_place(ctx, prev, subjects[0])]
    objects = a.entities(token.head) if token.dep_ == "amod" else []
    noun = token.head
    if token.dep_ == "amod" and not objects and noun.dep_ == "compound" and noun.pos_ == "NOUN" \
            and noun.head.pos_ == "PROPN":
        objects = a.entities(noun.head)  # 'Singapore-based investor Redhill Capital': the noun describes the name
    return subjects, objects, "adjective"


def narrowest_place(ctx: RuleContext, last: Token, place: Mention) -> Mention:
    """"Santa Clara, Calif.-based": the city before the comma, not its state."""
    start = next((s for s, e, m in ctx.args.mentions.spans if s <= last.i < e), last.i)
    if start < 2 or ctx.doc[start - 1].text != ",":
        return place
    before = ctx.args.mentions.at(ctx.doc[start - 2])
    return before if before is not None and ctx.ontology.is_a(before.cls, Cls.Place) else place


def verb_arguments(ctx: RuleContext, trig: Trigger, token: Token) -> Arguments:
    """A verb's subjects and its objects: direct, after the trigger's preposition, or a purpose clause's."""
    a = ctx.args
    subjects = a.subjects(token)
    if trig.stative and a.is_passive(token):  # "Kestrel, which is based in Austin"
        subjects = a.direct_objects(token)
    if not subjects and trig.property in ctx.ontology.symmetric and token.dep_ == "acl":
        subjects = a.entities(token.head)  # "Healey, pictured next to Fedorov": either side will do
    rule = "stative" if trig.stative else "passive" if a.is_passive(token) else "svo"
    if trig.prep:
        return prep_verb_arguments(ctx, trig, token, subjects, rule)
    objects = a.direct_objects(token)
    # money for a purpose: the funding rules; a symmetric verb's infinitive is what was agreed, not with whom
    # ('X agreed to buy Y' is no agreement with Y)
    if not objects and not money_arguments(ctx, token) and trig.property not in ctx.ontology.symmetric:
        objects = a.purpose_objects(token)
        rule = "purpose" if objects else rule
    return subjects, objects, rule


def prep_verb_arguments(ctx: RuleContext, trig: Trigger, token: Token, subjects: list[Mention],
                        rule: str) -> Arguments:
    """'deployed troops to Estonia', 'signed up to X' (a particle), 'drones were fired at Kyiv'."""
    a = ctx.args
    if f"{trig.lemma} {trig.prep}" in ctx.lexicon.urging_phrases and any(
            c.dep_ == "xcomp" and any(x.dep_ == "aux" and x.lower_ == "to" for x in c.children) for c in token.children):
        return subjects, [], rule  # 'called on X to resign' urges X; it is no visit
    if f"{trig.lemma} {trig.prep}" in ctx.lexicon.intransitive_phrases and any(c.dep_ == "dobj" for c in token.children):
        return subjects, [], rule  # 'where she ran the division' is no candidacy
    objects = a.particle_objects(token, trig.prep)
    if objects is None:
        objects = a.prep_objects(token, trig.prep)
    else:
        rule = "particle"
    if trig.prep in ctx.settings.attack_preps and not subjects and a.is_passive(token):
        # "90 Shahed drones were fired at Kyiv": the weapon fired is the attacker
        subjects = [m for m in a.direct_objects(token) if ctx.ontology.is_a(m.cls, Cls.Weapon)]
    return subjects, objects, rule if rule == "particle" else "prep"


ARGUMENTS = {"noun": noun_arguments, "adjective": adjective_arguments}  # any other kind is a verb's


def co_agents(ctx: RuleContext, token: Token, trig: Trigger) -> list[Mention]:
    """'signed a declaration with Zelensky and Macron': they signed it too."""
    if trig.prep in ctx.lexicon.co_agent_preps:
        return []
    found: list[Mention] = []
    for prep in ctx.lexicon.co_agent_preps:
        found.extend(m for m in ctx.args.prep_objects(token, prep) if ctx.ontology.is_a(m.cls, Cls.Agent))
    return found


def locations(ctx: RuleContext, token: Token) -> list[Mention]:
    """'signed the agreement at the Elysee Palace in Paris': where the event named by the object happened."""
    found: list[Mention] = []
    for prep in ctx.lexicon.location_preps:
        found.extend(m for m in ctx.args.prep_objects(token, prep)
                     if ctx.ontology.is_a(m.cls, Cls.Place) or ctx.ontology.is_a(m.cls, Cls.Organization))
    return found
