"""Who and what a clause is about: subjects, objects and the entities a noun phrase stands for."""
from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.attrs import DEP
from spacy.tokens import Doc, Token

from kg.extract.mentions import TokenMentions
from kg.extract.tokens import parents_of, string_ids, token_table
from kg.models import Mention, Source
from kg.ontology import Ontology
from kg.ontology.vocabulary import Cls

# Tags of a finite active verb: a coordinated past participle ("and renamed") may be a passive.
FINITE_ACTIVE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
PASSIVE_DEPS = string_ids(["nsubjpass", "auxpass"])
DATELINE_DASHES = {"--", "-", "\u2014", "\u2013", ":"}
# Tokens a dateline holds besides its place names: 'VENICE, Italy (AP) —', 'TEL AVIV/BEIRUT, Israel --'.
DATELINE_GLUE = {",", "(", ")", "/", "and", "&"}


def in_dateline(token: Token) -> bool:
    """A word of the dateline that opens a paragraph ('LUSAKA, Zambia (AP) — A cholera outbreak has killed'):
    the parser may make it the sentence's subject, but the story's place does nothing in the story's clause."""
    found = token_table(token.doc).datelines  # asked of the same subjects by coreference and by many rules
    if token.i not in found:
        found[token.i] = _in_dateline(token)
    return found[token.i]


def _in_dateline(token: Token) -> bool:
    doc = token.doc
    start = token.i
    while start > 0 and not _paragraph_break(doc[start - 1]):
        start -= 1
        if token.i - start > 8 or not _dateline_word(doc[start]):
            return False
    for nxt in doc[token.i + 1:token.i + 12]:
        if nxt.text in DATELINE_DASHES:  # capitals or an agency in brackets: a dateline, not 'Sheinbaum -'
            return any(t.text.isupper() and len(t.text) > 2 or t.text == "(" for t in doc[start:nxt.i])
        if not _dateline_word(nxt):
            return False
    return False


def _nationality_noun(token: Token) -> bool:
    """'the Mexican', 'the 20-year-old Serb': a singular nationality noun with 'the' names a person (as in
    coref's demonym nouns); 'the Mexican team' (a modifier) and 'the Dutch' (the people) do not."""
    return token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("amod", "compound", "nmod", "poss") \
        and not token.lower_.endswith(("s", "ish", "ch", "ese")) \
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)


def _paragraph_break(token: Token) -> bool:
    return "\n" in token.text_with_ws


def _dateline_word(token: Token) -> bool:
    """A word a dateline holds: a place, an agency, glue, or the day of a wire date ('STOCKHOLM, March 4 (Reuters) -')."""
    text = token.text
    return text in DATELINE_GLUE or text[:1].isupper() or text.endswith(".") or text.isdigit() and len(text) <= 2


FinderMethod = Callable[..., list[Mention]]


def per_token(method: FinderMethod) -> FinderMethod:
    """Memoise an `ArgumentFinder` method by its token's index and its other (positional) arguments.

    The rules ask the same questions of the same tokens many times (each trigger of a verb, then the
    open relation rule, ask for its subjects), and the answers cannot change while they run: the
    mentions and references are complete when the finder is made. Each caller gets a list of its own.
    """
    name = method.__name__

    @functools.wraps(method)
    def memoised(self: ArgumentFinder, token: Token, *args: object) -> list[Mention]:
        key = (name, token.i, *args)
        found = self._answers.get(key)
        if found is None:
            found = self._answers[key] = tuple(method(self, token, *args))
        return list(found)

    return memoised


@dataclass
class ArgumentFinder:
    """Walks the dependency tree of one article; knows its mentions and resolved references."""

    doc: Doc
    mentions: TokenMentions
    refs: dict[int, Mention]
    ontology: Ontology
    _pass: dict = field(init=False)
    _answers: dict[tuple, tuple[Mention, ...]] = field(init=False, default_factory=dict)  # see `per_token`
    _phrases: dict[int, dict[str, list[Token]]] = field(init=False, default_factory=dict)  # see `_prep_phrases`

    def __post_init__(self) -> None:
        self._pass = self.ontology.lexicon.pass_through
        self._military = self.ontology.lexicon.military_nouns
        # verbs that report, or stop, what a nominalisation under them names: not their subject's act
        self._reporting = self.ontology.lexicon.reporting_verbs | self.ontology.lexicon.ending_verbs
        self._class_nouns = self.ontology.lexicon.class_nouns
        self._speech = self.ontology.lexicon.speech_verbs
        self._causative = self.ontology.lexicon.causative_verbs
        self._time_preps = self.ontology.lexicon.time_preps
        self._culprit = self.ontology.lexicon.culprit_verbs
        self._clearing = self.ontology.lexicon.clearing_verbs
        self._penalty = self.ontology.lexicon.penalty_nouns
        self._appointing = self._verb_lemmas("appoints")
        self._succeeding = self._verb_lemmas("succeeds")

    def _verb_lemmas(self, prop: str) -> frozenset[str]:
        return frozenset(t.lemma for t in self.ontology.triggers if t.property == prop and t.kind == "verb"
                         and not t.reverse)

    def mention(self, token: Token) -> Mention | None:
        m = self.mentions.at(token)
        if m is not None and m.source == Source.DEMONYM and token.i in self.refs:
            return self.refs[token.i]  # 'the Argentine, who joined X': the person the nationality noun stands for
        if m is not None and m.source == Source.DEMONYM and _nationality_noun(token):
            return None  # 'the Mexican, who lost to X' with no one named to stand for: a person, not Mexico
        return m or self.refs.get(token.i)

    @per_token
    def entities(self, token: Token, depth: int = 0) -> list[Mention]:
        """The entities a noun phrase headed by `token` names, coordination included."""
        if depth > 4:
            return []
        found: list[Mention] = []
        m = self.mention(token)
        if m is not None:
            found.append(m)
        else:
            found.extend(self._through(token, depth))
        for child in token.children:
            if child.dep_ == "conj":
                found.extend(self.entities(child, depth + 1))
        return list(dict.fromkeys(found))

    def _through(self, token: Token, depth: int) -> list[Mention]:
        """A noun that stands for what it governs: 'meeting of X', 'Nato exercises', 'British troops'."""
        low, lemma = token.lower_, token.lemma_.lower()
        named = self._named_by_compound(token)
        if named is not None:  # "the Forsmark nuclear plant in Sweden": the plant is Forsmark, not Sweden
            return [named]
        children = tuple(token.children)  # walked up to eight times below: made once
        for prep in ("of", "in", "like", "including", "at", "from"):
            if low in self._pass.get(prep, ()) or lemma in self._pass.get(prep, ()):
                for child in children:
                    if child.dep_ == "prep" and child.lower_ == prep:
                        for pobj in child.children:
                            if pobj.dep_ == "pobj":
                                got = self.entities(pobj, depth + 1)
                                if got:
                                    return got
        for child in children:  # "games such as X", "allies such as Japan": the examples it names
            if child.dep_ == "prep" and child.lower_ == "as" and any(c.lower_ == "such" for c in child.children):
                got = [m for p in child.children if p.dep_ == "pobj" for m in self.entities(p, depth + 1)]
                if got:
                    return got
        if low in self._pass.get("poss", ()) or lemma in self._pass.get("poss", ()):
            for child in children:
                if child.dep_ == "poss" and self.mention(child) is not None:
                    return [self.mention(child)]
        for child in children:  # "two Stanford University engineers, Priya Raman and Tom Okafor": the names
            appos = self.mention(child) if child.dep_ == "appos" else None
            if appos is not None and appos.cls == Cls.Person:
                return self.entities(child, depth + 1)
        modifiers = [c for c in children if c.dep_ in ("compound", "amod", "nmod", "poss")]
        if low in self._pass.get("compound", ()) or lemma in self._pass.get("compound", ()) \
                or low in self._military or lemma in self._military:
            for child in modifiers:
                m = self.mention(child)
                if m is not None and self.ontology.is_a(m.cls, Cls.Agent):
                    return [m]
        for child in children:  # "an asteroid, designated 2026 FK3"
            if child.dep_ == "acl" and child.lemma_ in ("designate", "name", "call", "dub"):
                for obj in child.children:
                    if obj.dep_ in ("oprd", "dobj", "attr", "npadvmod") and self.mention(obj) is not None:
                        return self.entities(obj, depth + 1)
        noun_cls = self._class_nouns.get(low) or self._class_nouns.get(lemma)
        if noun_cls:  # "the Halcyon probe", "54 K2 tanks": the name of the noun's own kind
            for child in children:
                m = self.mention(child) if child.dep_ in ("compound", "amod", "nmod") else None
                if m is not None and (self.ontology.is_a(m.cls, noun_cls) or self.ontology.is_a(noun_cls, m.cls)):
                    return [m]
        if token.dep_ == "appos":  # "“Octopus” – a ... interceptor drone": the drone is Octopus
            m = self.mention(token.head)
            if m is not None:
                return [m]
        for child in children:  # "the Ukrainian president, Volodymyr Zelensky"; "engineers, A and B"
            if child.dep_ == "appos" and self.mention(child) is not None:
                return self.entities(child, depth + 1)
        return self._person_after_of(token)

    def _person_after_of(self, token: Token) -> list[Mention]:
        """'the 30th president of Vestland, Ann Fry, was born in X': the parser hangs the name in apposition on
        the 'of' phrase's object, not on the noun it names; a person is no apposition of a place or a body."""
        if token.pos_ != "NOUN":
            return []
        for of in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (c for c in of.children if c.dep_ == "pobj"):
                named = self.mention(pobj)
                people = [m for c in pobj.children if c.dep_ == "appos" for m in [self.mention(c)]
                          if m is not None and m.cls == Cls.Person]
                if named is not None and named.cls != Cls.Person and people:
                    return people[:1]
        return []

    def _named_by_compound(self, token: Token) -> Mention | None:
        """A facility noun with its own name compounded on it ('the Forsmark nuclear plant'), of its kind."""
        noun_cls = self._class_nouns.get(token.lower_) or self._class_nouns.get(token.lemma_.lower())
        if noun_cls is None or not self.ontology.is_a(noun_cls, Cls.Facility):
            return None
        for child in token.children:
            m = self.mention(child) if child.dep_ in ("compound", "nmod") else None
            if m is not None and (self.ontology.is_a(m.cls, noun_cls) or self.ontology.is_a(noun_cls, m.cls)):
                return m
        return None

    def entities_or_copula_subject(self, noun: Token, depth: int = 0) -> list[Mention]:
        """'I want to be the Defence Secretary who deploys...': the noun is the copula's subject."""
        if noun.dep_ == "attr" and noun.head.lemma_ == "be":
            got = self.subjects(noun.head, depth + 1)
            if got:
                return got
        return self.entities(noun)

    @staticmethod
    def is_passive(verb: Token) -> bool:
        """A passive subject or auxiliary among the verb's children, or a participle clause ('a plant built by X')."""
        if verb.i in parents_of(verb.doc, DEP, PASSIVE_DEPS) or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
            return True
        # "Funded by the DOE, the lab is to lead ...": a participle clause with no subject or auxiliary of its own
        return verb.dep_ == "advcl" and verb.tag_ == "VBN" and not any(
            c.dep_ in ("nsubj", "aux", "mark") for c in verb.children)

    @per_token
    def subjects(self, verb: Token, depth: int = 0) -> list[Mention]:
        """The agents of a verb: its subject, a passive's 'by' phrase, or a controlling clause's subject."""
        if depth > 5:
            return []
        if self.is_passive(verb):
            for child in verb.children:
                if child.dep_ == "agent":
                    return [m for p in child.children if p.dep_ == "pobj" for m in self.entities(p)]
            if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
                return []
            return []
        for child in verb.children:
            if child.dep_ != "nsubj":
                continue
            if self.is_dateline(child):
                # "LILONGWE, Malawi (Reuters) - Opposition leader X has won": the parser hangs X on the dateline
                story = [m for c in child.children if c.dep_ == "appos" and not in_dateline(c) for m in self.entities(c)]
                if story:
                    return story
            else:
                if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                    if any(c.dep_ == "conj" and c.i > verb.i for c in verb.head.children) \
                            and self.mention(verb.head) is not None:
                        # "Jack Ruby, who killed Oswald, and Jim Bakker": the clause is Ruby's alone
                        return [self.mention(verb.head)]
                    return self.entities_or_copula_subject(verb.head, depth)
                if child.lower_ in ("they", "we") and self.mention(child) is None:
                    return self.reporters(verb, depth)
                return self.entities(child)
        head = verb.head
        if verb.dep_ == "xcomp":
            return self.controller_subjects(verb, depth)
        if verb.dep_ in ("conj", "advcl") and head.pos_ in ("VERB", "AUX"):
            return self.linked_verb_subjects(verb, depth)
        if verb.dep_ == "conj" and head.dep_ == "ROOT" and head.pos_ == "NOUN":
            # "X shot and mortally wounded Y": the parser took the first verb for a noun, its subject stays
            return [m for c in head.children if c.dep_ == "nsubj" for m in self.entities(c)]
        if verb.dep_ in ("relcl", "acl"):
            return self.noun_clause_subjects(verb, depth)
        if verb.dep_ == "pcomp":  # "by praising", "concluded by praising"
            governor = head.head
            if governor.dep_ == "acomp" and governor.pos_ == "ADJ":  # "pleaded guilty to killing X"
                governor = governor.head
            if governor.lemma_.lower() in self._clearing:  # "acquitted X of killing Y": no one here did it
                return []
            if head.lower_ in ("of", "for") and governor.pos_ == "VERB":
                # "accused Minsk of helping Moscow", "thanked Germany for supporting Ukraine": the object does it
                done_by = [m for c in governor.children if c.dep_ == "dobj" for m in self.entities(c)]
                if done_by:
                    return done_by
            if head.lower_ in ("of", "for", "with") and governor.pos_ == "VERB" and self.is_passive(governor):
                # "was convicted of killing X", "Ray, suspected of killing X": the one convicted did it
                return [] if governor.lemma_.lower() in self._clearing else self.patients(governor)
            return self.gerund_adjunct_subjects(head, governor, depth)
        return []

    def gerund_adjunct_subjects(self, prep: Token, governor: Token, depth: int) -> list[Mention]:
        """Who does a gerund after a preposition: the governing clause's subject, which for a passive is its
        passive subject ('X was arrested after shooting Y'), or whoever serves or faces the penalty noun the
        preposition hangs on ('X is serving a life term for killing Y', 'X faces counts of murdering Y')."""
        if governor.pos_ == "NOUN" and governor.lemma_.lower() in self._penalty and prep.lower_ in ("for", "of", "in") \
                and governor.dep_ == "dobj" and governor.head.pos_ == "VERB":
            return self.subjects(governor.head, depth + 1)
        if governor.pos_ == "PROPN" and governor.dep_ in ("dobj", "nsubjpass") and prep.lower_ in ("of", "for") \
                and governor.head.lemma_.lower() in self._culprit and governor.head.lemma_.lower() not in self._clearing:
            return self.entities(governor)  # "convicted X of killing Y", the parser hanging 'of' on the name
        if governor.pos_ == "VERB" and self.is_passive(governor) and prep.lower_ != "by" \
                and not any(c.dep_ == "agent" for c in governor.children):
            return [] if governor.lemma_.lower() in self._clearing else self.patients(governor)
        return self.subjects(governor, depth + 1)

    def controller_subjects(self, verb: Token, depth: int) -> list[Mention]:
        """The agents of an infinitive or participle complement: the controlling clause's object or subject."""
        head = verb.head
        if head.pos_ in ("ADJ", "NOUN", "ADP") and head.dep_ in ("prep", "amod") \
                and head.head.dep_ == "dobj" and head.head.head.pos_ == "VERB":
            return self.subjects(head.head.head, depth + 1)  # "signed a deal worth $6bn to buy X": whoever signed
        if head.pos_ == "ADJ" and head.dep_ == "acomp" and head.head.pos_ in ("VERB", "AUX"):
            return self.subjects(head.head, depth + 1)  # "X is due to call on Y", "X is ready to sign"
        for child in head.children:  # object control: "supporting Ukraine to produce"
            if child.dep_ in ("dobj", "nsubjpass"):  # passive: "Putin has been forced to rely on"
                got = self.entities(child)
                if got:
                    return got
        return self.subjects(head, depth + 1)

    def noun_clause_subjects(self, verb: Token, depth: int) -> list[Mention]:
        """The agents of a clause on a noun: the noun ('Ruby, who killed Oswald'), or whoever did what the noun
        is the object of ('signed a contract to buy X', 'won the contest to replace X')."""
        head = verb.head
        got = self.entities_or_copula_subject(head, depth)
        # (an infinitive on a thing names what the thing is for: 'develop an interceptor to destroy drones')
        if not got and head.dep_ == "dobj" and head.head.pos_ == "VERB" and (verb.dep_ == "acl" or any(
                c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and head.lemma_ not in self._class_nouns):
            return self.subjects(head.head, depth + 1)
        if not got and verb.dep_ == "acl" and verb.tag_ == "VBG" and head.dep_ == "pobj" \
                and head.head.head.pos_ == "VERB" and head.head.head.lemma_ in self._speech:
            # "In a statement congratulating Milei, Blinken said": the speaker's statement
            return self.subjects(head.head.head, depth + 1)
        return got

    @staticmethod
    def is_dateline(subject: Token) -> bool:
        """'OSLO -- Kari Lund is suing', 'MIAMI (AFP) — X claimed': the dateline read as a subject before
        a dash (and its agency): a second subject follows, or the dateline opens its paragraph."""
        doc, k = subject.doc, subject.i + 1
        if k < len(doc) and doc[k].text == "(":  # '(AFP)'
            k = next((j + 1 for j in range(k, min(k + 6, len(doc))) if doc[j].text == ")"), k)
        dash = doc[k] if k < len(doc) else None
        if dash is None or not dash.is_punct or dash.text not in DATELINE_DASHES:
            return in_dateline(subject)  # 'VENICE, Italy (AP) —': a word inside a longer dateline
        first = subject.left_edge.i
        opens = first == 0 or doc[first - 1].is_space or "\n" in doc[first - 1].whitespace_
        return opens or any(c.dep_ == "nsubj" and c.i > subject.i for c in subject.head.children)

    def linked_verb_subjects(self, verb: Token, depth: int) -> list[Mention]:
        """The agents of a coordinated verb or an adverbial clause without a subject of its own: its head's."""
        head = verb.head
        reported = [c for c in head.children if c.dep_ == "ccomp" and c.i < head.i]
        if verb.dep_ == "advcl" and verb.i > head.i and reported and head.lemma_ in self._speech:
            # "X has won, the commission said, defeating Y": the participle goes on the reported clause
            return self.subjects(reported[0], depth + 1)
        if verb.dep_ == "advcl" and verb.i > head.i and verb.tag_ == "VBG" and verb.lemma_ in self._succeeding \
                and head.lemma_ in self._appointing:
            # "the board appointed X as chief executive, succeeding Y", "X was named CEO, replacing Y": the one
            # appointed takes the post (not the board)
            appointed = self.patients(head) if self.is_passive(head) else [
                m for c in head.children if c.dep_ == "dobj" for m in self.entities(c)]
            if appointed:
                return appointed
        if verb.dep_ == "conj" and verb.tag_ in FINITE_ACTIVE_TAGS and self.is_passive(head):
            # "X was born in Dover and grew up in Leeds": an active verb shares the passive's surface subject
            # (not "X was bought by Y and renamed Z", whose second verb is a passive without its auxiliary)
            return self.patients(head)
        return self.subjects(head, depth + 1)

    def patients(self, verb: Token) -> list[Mention]:
        """Who a passive verb is done to: its passive subject, or the noun a participle clause describes
        ('James Earl Ray, suspected of ...')."""
        found = [m for c in verb.children if c.dep_ == "nsubjpass" for m in self.entities(c)]
        if not found and (verb.dep_ == "acl" or verb.dep_ == "relcl" and any(  # "X, who was convicted of ..."
                c.dep_ == "nsubjpass" and c.lower_ in RELATIVE_PRONOUNS for c in verb.children)):
            found = self.entities(verb.head)
        return found

    def reporters(self, verb: Token, depth: int) -> list[Mention]:
        """'astronomers at X said they had discovered': 'they' are the speech verb's subjects."""
        node = verb
        while node.dep_ in ("ccomp", "conj", "xcomp") and node.head.i != node.i:
            node = node.head
            if node.lemma_ in self._speech:
                return self.subjects(node, depth + 1)
        return []

    @per_token
    def prep_objects(self, head: Token, prep: str) -> list[Mention]:
        """Entities governed by the preposition `prep` on `head` or on its direct object."""
        words = prep.split()
        found = [m for pobj in self._prep_phrases(head).get(words[-1], ()) for m in self.entities(pobj)]
        clause = head.head if head.dep_ == "xcomp" else head  # "where X intends to invest"
        if not found and words[-1] in ("in", "at") and clause.dep_ == "relcl" and any(
                c.lower_ == "where" for c in clause.children):  # "a plant in Brasov, where X will invest"
            # 'where' stands for a place or an occasion: 'Oracle, where she ran the division' is no 'ran in Oracle'
            found.extend(m for m in self.entities(clause.head) if any(
                self.ontology.is_a(m.cls, c) for c in (Cls.Place, Cls.Facility, Cls.Event)))
        return list(dict.fromkeys(found))

    def _prep_phrases(self, head: Token) -> dict[str, list[Token]]:
        """The objects of the prepositions on `head` or on its direct object, by preposition: made once per head,
        as a trigger's arguments, co-agents and places ask for one preposition after another."""
        phrases = self._phrases.get(head.i)
        if phrases is not None:
            return phrases
        phrases = self._phrases[head.i] = {}
        holders = [head] + [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
        # "lost the World Cup final to Australia": the tagger reads "final" as the object's adjective
        holders += [g for c in holders[1:] for g in c.children if g.dep_ == "amod"]
        # "pictured next to X", "stationed close to X": the preposition hangs from an adverb
        holders += [c for c in head.children if c.dep_ == "advmod"]
        for holder in holders:
            for child in holder.children:
                if child.dep_ in ("prep", "dative", "agent"):
                    phrases.setdefault(child.lower_, []).extend(
                        pobj for pobj in child.children if pobj.dep_ in ("pobj", "pcomp"))
        return phrases

    def particle_objects(self, verb: Token, particle: str) -> list[Mention] | None:
        """'take down Shaheeds': None when the verb has no such particle."""
        if any(c.dep_ == "prt" and c.lower_ == particle for c in verb.children):
            return self.direct_objects(verb)
        # "found Thomas Lubanga guilty": an object complement in the trigger's place ("find guilty")
        complements = [c for c in verb.children if c.dep_ in ("ccomp", "oprd", "acomp", "xcomp") and c.lower_ == particle]
        if not complements:
            return None
        if any(n.dep_ == "neg" for c in complements for n in c.children):
            return []  # "found X not guilty"
        small_clause = [m for c in complements for s in c.children if s.dep_ == "nsubj" for m in self.entities(s)]
        return small_clause or self.direct_objects(verb)

    @per_token
    def direct_objects(self, verb: Token) -> list[Mention]:
        if self.is_passive(verb):
            for child in verb.children:
                if child.dep_ == "nsubjpass":
                    if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                        return self.entities(verb.head)  # "Halvorsen, which is headquartered in Oslo"
                    return self.entities(child)
            if verb.dep_ in ("acl", "relcl"):
                return self.entities(verb.head)
            if verb.dep_ == "advcl":  # "Backed by Sequoia, Kestrel raised ...": the main clause's subject
                return [m for c in verb.head.children if c.dep_ == "nsubj" for m in self.entities(c)]
            return []
        children = tuple(verb.children)  # walked up to four times below: made once
        found: list[Mention] = []
        for child in children:
            if child.dep_ in ("dobj", "attr", "oprd"):
                found.extend(self.entities(child))
        if not any(c.dep_ == "dobj" for c in children):  # "convened and chaired the meeting"
            for child in children:
                if child.dep_ == "conj" and child.pos_ == "VERB":
                    found.extend(m for c in child.children if c.dep_ == "dobj" for m in self.entities(c))
        if not found and verb.dep_ == "relcl" and any(
                c.dep_ == "dobj" and c.lower_ in RELATIVE_PRONOUNS for c in children):
            found.extend(self.entities(verb.head) or self.whom_antecedent(verb))
        if not found:  # "helping Moscow wage a campaign", "let Ukraine strike": the bare infinitive's subject
            found.extend(m for c in children if c.dep_ == "ccomp" and c.tag_ == "VB"
                         and not any(x.dep_ == "mark" for x in c.children)
                         for s in c.children if s.dep_ == "nsubj" for m in self.entities(s))
        return found

    def whom_antecedent(self, verb: Token) -> list[Mention]:
        """'X, an Air Force pilot and veteran of two flights, whom the agency chose': the parser hung the clause on
        the wrong noun; 'whom' is a person, the latest one named before it in the sentence."""
        if not any(c.lower_ == "whom" and c.dep_ == "dobj" for c in verb.children):
            return []
        for token in reversed(verb.doc[verb.sent.start:verb.i]):
            m = self.mention(token)
            if m is not None and m.cls == Cls.Person:
                return [m]
        return []

    @staticmethod
    def purpose_clauses(head: Token) -> list[Token]:
        """The infinitive clauses of purpose hanging from `head`: 'allocated £200m [to prepare X]'."""
        return [c for c in head.children if c.dep_ in ("xcomp", "advcl", "relcl", "acl") and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]

    def beneficiaries(self, clause: Token) -> list[Mention]:
        """Whom a purpose clause acts on: its object ('to equip the Armed Forces'), or the subject of its
        own infinitive ('to prepare the Armed Forces to join', 'to help Ukraine develop')."""
        got = [m for c in clause.children if c.dep_ == "dobj" for m in self.entities(c)]
        if not got:
            got = [m for c in clause.children if c.dep_ in ("ccomp", "xcomp")
                   for s in c.children if s.dep_ == "nsubj" for m in self.entities(s)]
        return got

    def purpose_objects(self, verb: Token) -> list[Mention]:
        """'allocated £200m to prepare the Armed Forces': the beneficiary named in a purpose clause."""
        for child in self.purpose_clauses(verb):
            got = self.beneficiaries(child)
            if got:
                return got
        for child in verb.children:
            if child.dep_ == "dobj":
                got = self.purpose_objects(child)
                if got:
                    return got
        return []

    def governing_subjects(self, noun: Token, own_modifiers: bool = True) -> list[Mention]:
        """Whoever does what a nominalisation names: 'the UK and Ukraine have begun the production of X'.
        `own_modifiers` False: the noun's possessives and compounds belong to another noun ('Party leader and head')."""
        got = self.modifier_agents(noun) if own_modifiers else []
        if got:
            return got
        head = noun.head
        if noun.dep_ == "appos" and self.mention(head) is not None:  # "Europa, the moon of Jupiter"
            return self.entities(head)
        if noun.dep_ == "oprd" and head.pos_ == "VERB":  # "she was appointed leader and head of X": she is
            return self.direct_objects(head)
        reporting = self._reporting
        if noun.dep_ in ("dobj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX"):
            return [] if head.lemma_ in reporting else self.subjects(head)
        tally = head.head if noun.dep_ == "pobj" and head.lower_ == "of" else None
        if tally is not None and tally.lemma_.lower() in self.ontology.lexicon.tally_nouns:
            owners = [m for c in tally.children if c.dep_ == "poss" for m in [self.mention(c)] if m is not None]
            if owners:  # "Okafor's record of five Lagos Open titles": Okafor's titles
                return owners
        if noun.dep_ == "pobj" and head.dep_ == "prep":
            if head.lower_ in self._time_preps:  # "after the assassination of X, Davis appeared": a time, not his act
                return []
            verb = head.head
            if verb.pos_ == "ADJ" and verb.dep_ == "acomp":  # "pleaded guilty to the murder of X"
                verb = verb.head
            if head.lower_ in ("on", "onto", "into") and verb.lemma_.lower() in self._causative:
                moved = [m for c in verb.children if c.dep_ == "dobj" for m in self.entities(c)]
                if moved:  # "sending the spacecraft on a journey to Europa": the spacecraft journeys
                    return moved
            if verb.pos_ in ("VERB", "AUX"):
                if verb.lemma_ in reporting or verb.lemma_ in self._clearing:
                    return []
                culprits = self.culprits(verb)
                if culprits:  # "police arrested X in the murder of Y": X, not the police
                    return culprits
                # "Sirhan was convicted of the slaying of X": with no agent, the one convicted did it
                return self.subjects(verb) or (self.patients(verb) if head.lower_ in ("of", "for", "with")
                                               and self.is_passive(verb) else [])
            if verb.dep_ in ("dobj", "pobj"):
                return self.governing_subjects(verb)
        if noun.dep_ == "conj":  # "the Green Party chair and head of the cabinet": not the party's
            return self.governing_subjects(noun.head, own_modifiers=False)
        return []

    def culprits(self, verb: Token) -> list[Mention]:
        """Who a verb of arrest or trial holds to have done the act named under it: its object, or its passive
        subject ('X was charged in the slaying of Y', 'the jury convicted X of the murder of Y')."""
        if verb.lemma_.lower() not in self._culprit:
            return []
        if self.is_passive(verb):
            return self.patients(verb)
        return [m for c in verb.children if c.dep_ == "dobj" for m in self.entities(c)]

    def modifier_agents(self, noun: Token) -> list[Mention]:
        """The agent a noun's own modifiers name: "Russia's invasion", "the Russian invasion", "a Russian missile strike"."""
        for child in noun.children:
            if child.dep_ == "poss":
                got = self.entities(child)
                if got:
                    return got
        for child in noun.children:
            if child.dep_ in ("compound", "amod", "nmod"):
                m = self.mention(child)
                if m is not None and self.ontology.is_a(m.cls, Cls.Agent):
                    return [m]
        for child in noun.children:  # "a Russian missile strike": the weapon's maker strikes
            if child.dep_ == "compound" and self.mention(child) is None:
                for grand in child.children:
                    m = self.mention(grand) if grand.dep_ in ("compound", "amod") else None
                    if m is not None and self.ontology.is_a(m.cls, Cls.Agent):
                        return [m]
        return []

