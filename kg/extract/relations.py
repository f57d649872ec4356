"""Relations from the lexicon's triggers, found with spaCy's DependencyMatcher, plus roles and amounts."""
from __future__ import annotations

import functools
from collections.abc import Iterator

import numpy as np
from spacy.attrs import ENT_TYPE, LEMMA, LOWER, POS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.extract.arguments import ArgumentFinder
from kg.extract.coref import in_quote, quote_spans, speaker_of
from kg.extract.quantities import parse_count, parse_money
from kg.extract.tokens import indices_where, indices_with, lowercase_in, string_ids, token_table
from kg.models import Mention, Provenance, Quantity, Relation
from kg.nlp import doc_text
from kg.ontology import Ontology, Trigger

CONFIDENCE = {"svo": 0.85, "passive": 0.85, "prep": 0.8, "particle": 0.85, "nominal": 0.75, "adjective": 0.8,
              "co-agent": 0.7, "compound-title": 0.9, "apposition-role": 0.9, "person-of-org": 0.75,
              "held-at": 0.7, "purpose": 0.7, "amount": 0.8, "amount-context": 0.5, "count": 0.85,
              "stative": 0.85, "appointed-as": 0.8, "place-of": 0.7, "place-comma": 0.75, "descriptor-place": 0.7,
              "funding-purpose": 0.75, "funding-source": 0.75}


class TriggerMatcher:
    """The triggers of the lexicon in a Doc, one (group key, token ids) match per trigger token.

    One group per (kind, preposition) of triggers; a noun trigger with a preposition matches with
    each child `prep` token of that word ([noun, prep]). Matches come group by group in the order
    the groups were first seen in the lexicon, then by token (and preposition) position: the order
    a spaCy DependencyMatcher with one pattern per group gives, found with a few dict look-ups per
    token instead of evaluating every group's pattern on every token; only the tokens whose form,
    lemma or (for "*" triggers) part of speech can match are looked at.
    """

    def __init__(self, groups: dict[str, list[Trigger]]):
        self.keys = list(groups)
        self.verbs: dict[str, list[str]] = {}  # lemma -> groups; POS VERB
        self.nouns: dict[str, list[str]] = {}  # lemma -> groups; POS NOUN or PROPN
        self.adjectives: dict[str, list[str]] = {}  # lower-case form -> groups; any POS
        self.any_verb: list[str] = []  # groups with a "*" trigger: every VERB or AUX
        self.preps: dict[str, str] = {}  # noun group -> the word of its `prep` child
        self.groups = groups
        # group -> trigger lemma -> positions in the group: a match is tried against its own lemmas only
        self.positions: dict[str, dict[str, list[int]]] = {}
        for key, trigs in groups.items():
            for k, trig in enumerate(trigs):
                self.positions.setdefault(key, {}).setdefault(trig.lemma, []).append(k)
            kind, prep = key.split("|")
            lemmas = sorted({t.lemma for t in trigs if t.lemma != "*"})
            index = {"noun": self.nouns, "adjective": self.adjectives}.get(kind, self.verbs)
            if kind not in ("noun", "adjective") and "*" in {t.lemma for t in trigs}:
                self.any_verb.append(key)
                continue
            for lemma in lemmas:
                index.setdefault(lemma, []).append(key)
            if kind == "noun" and prep:
                self.preps[key] = prep.split()[-1]
        self.candidates = {LOWER: string_ids([*self.adjectives, *self.nouns]),
                           LEMMA: string_ids([*self.verbs, *self.nouns])}
        if self.any_verb:
            self.candidates[POS] = string_ids(["VERB", "AUX"])

    def __call__(self, doc: Doc) -> list[tuple[str, list[int]]]:
        found: dict[str, list[int]] = {}
        for i in indices_with(doc, self.candidates):
            token = doc[i]
            pos = token.pos_
            keys = self.adjectives.get(token.lower_, [])
            if pos == "VERB":
                keys = keys + self.verbs.get(token.lemma_, [])
            if pos in ("VERB", "AUX"):
                keys = keys + self.any_verb
            elif pos in ("NOUN", "PROPN"):
                keys = keys + self.nouns.get(token.lemma_, [])
                if token.tag_ in ("NNS", "NNPS") and token.lower_ != token.lemma_:  # "talks with", "sanctions on"
                    keys = keys + self.nouns.get(token.lower_, [])
            for key in keys:
                found.setdefault(key, []).append(token.i)
        matches: list[tuple[str, list[int]]] = []
        for key in self.keys:
            prep = self.preps.get(key)
            for i in found.get(key, ()):
                if prep is None:
                    matches.append((key, [i]))
                else:
                    matches += [(key, [i, c.i]) for c in doc[i].children if c.dep_ == "prep" and c.lower_ == prep]
        return matches

    def triggers(self, key: str, *forms: str) -> list[Trigger]:
        """The triggers of group `key`, in lexicon order, whose lemma is "*" or one of the matched word's `forms`."""
        positions = self.positions[key]
        found = sorted({k for form in (*forms, "*") for k in positions.get(form, ())})
        return [self.groups[key][k] for k in found]


@functools.lru_cache(maxsize=4)
def trigger_matcher(ontology: Ontology) -> tuple[TriggerMatcher, dict[str, list[Trigger]]]:
    """The trigger matcher of the lexicon, and its triggers grouped by (kind, preposition)."""
    groups: dict[str, list[Trigger]] = {}
    for trig in ontology.triggers:
        groups.setdefault(f"{trig.kind}|{trig.prep or ''}", []).append(trig)
    return TriggerMatcher(groups), groups


MAX_AMOUNT_DISTANCE = 4


def tree_distance(a: Token, b: Token) -> int:
    """Number of dependency edges between two tokens of a sentence."""
    up_a = [a] + list(a.ancestors)
    depth = {t.i: k for k, t in enumerate(up_a)}
    for k, t in enumerate([b] + list(b.ancestors)):
        if t.i in depth:
            return k + depth[t.i]
    return 99


def dash_segment(sent: Span, ent: Span) -> tuple[int, int]:
    """Token range of the part of the sentence holding `ent`, between dashes: an aside is another topic."""
    dashes = [t.i for t in sent if t.text in ("–", "—")]
    lo = max([d for d in dashes if d < ent.start], default=sent.start)
    hi = min([d for d in dashes if d >= ent.end], default=sent.end)
    return lo, hi


class RelationExtractor:
    """Reads one parsed article into Relations, following the ontology's lexicon."""

    def __init__(self, nlp: Language, ontology: Ontology, doc: Doc, finder: ArgumentFinder):
        self.ontology = ontology
        self.doc = doc
        self.args = finder
        self.matcher, self.groups = trigger_matcher(ontology)
        self.quotes = quote_spans(doc_text(doc))
        lex = ontology.lexicon
        self.planned = set(lex["modality"]["planned"])
        self.hypothetical = set(lex["modality"]["hypothetical"])
        self.speech = set(lex.get("speech_verbs", ()))
        self.negating = set(lex["modality"].get("negating", ()))
        self.honorifics = set(lex.get("honorifics", ()))
        self.titles = {prop: sorted(words, key=len, reverse=True) for prop, words in lex["titles"].items()}
        self.all_titles = {w for words in lex["titles"].values() for w in words}
        self.occupations = set(lex.get("occupations", ()))
        funding = lex.get("funding", {})
        self.funding_nouns = set(funding.get("nouns", ()))
        self.funding_purposes = set(funding.get("purposes", ()))
        self.funding_conduits = set(funding.get("conduits", ()))
        self.funding_receivers = set(funding.get("receivers", ()))
        self.funders: dict[int, Mention] = {}  # token of an amount of money -> whoever gives it

    # ----------------------------------------------------------------- provenance
    def provenance(self, token: Token, rule: str, confidence: float, modal: bool = True) -> Provenance:
        table = token_table(self.doc)
        k = table.sentence_of(token.i)
        start, end = table.sent_start_chars[k], table.sent_end_chars[k]  # token.sent walks the sentence
        modality = self.modality(token) if modal else "asserted"
        return Provenance(doc_id=self.doc._.article.doc_id, sentence=doc_text(self.doc)[start:end].strip(),
                          start=start, end=end, rule=rule, confidence=round(confidence, 2), modality=modality,
                          stated_by=self.stated_by(token))

    def modality(self, token: Token) -> str:
        """planned ('wants to deploy'), hypothetical ('would guard', 'once peace is secured') or asserted."""
        mood = "asserted"
        node, steps = token, 0
        while steps < 7:
            for child in node.children:
                if child.dep_ == "aux" and child.lower_ in self.hypothetical:
                    return "hypothetical"
                if child.dep_ == "aux" and child.lower_ in ("will", "shall", "'ll"):
                    mood = "planned"
                if child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in self.hypothetical
                                                 for c in child.children):
                    return "hypothetical"
                if child.dep_ == "mark" and child.lower_ in self.hypothetical and node is token:
                    return "hypothetical"
            if node.lemma_ in self.planned and node is not token:
                mood = "planned"
            # climb through clauses and the nouns they hang from: "want to be the one who deploys"
            if node.dep_ not in ("xcomp", "ccomp", "acl", "relcl", "conj", "advcl", "attr", "dobj", "pobj",
                                 "prep") or node.head.i == node.i:
                break
            node, steps = node.head, steps + 1
        return mood

    def negated(self, token: Token) -> bool:
        """'do not fear', 'never deployed', 'oppose sending': not asserted, so not extracted."""
        node = token
        for _ in range(3):
            if any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("neg", "advmod", "det")
                   for c in node.children):
                return True
            if node is not token and node.lemma_ in self.negating:
                return True
            if node.dep_ not in ("xcomp", "conj", "ccomp", "dobj", "pcomp", "attr"):
                return False
            node = node.head
        return False

    def stated_by(self, token: Token) -> Mention | None:
        """The speaker of the quotation holding the token, or of the reported speech it is in."""
        if in_quote(self.quotes, token.idx) is not None:
            table = token_table(self.doc)
            return speaker_of(self.doc, table.sent_start_chars[table.sentence_of(token.i)], self.args.mentions,
                              self.ontology, self.args.refs)
        node = token
        for _ in range(4):
            if node.dep_ == "ccomp" and node.head.lemma_ in self.speech:
                who = self.args.subjects(node.head)
                return who[0] if who else None
            if node.head.i == node.i:
                return None
            node = node.head
        return None

    # ----------------------------------------------------------------- relations
    def relations(self) -> Iterator[Relation]:
        yield from self.trigger_relations()
        yield from self.role_relations()
        yield from self.appointed_roles()
        yield from self.membership_of()
        yield from self.places()
        yield from self.funding_relations()
        yield from self.amounts()

    def make(self, subj: Mention, prop: str, obj: Mention | Quantity | str, token: Token, rule: str,
             confidence: float, modal: bool = True) -> Relation | None:
        if isinstance(obj, Mention):
            subj, obj = self.metonymy(subj, prop, 0), self.metonymy(obj, prop, 1)
            if obj.name == subj.name and obj.cls == subj.cls:
                return None
            domain, rng = self.ontology.properties[prop]
            if not (self.ontology.accepts(domain, subj.cls) and self.ontology.accepts(rng, obj.cls)):
                return None
        if subj.source == "role" or (isinstance(obj, Mention) and obj.source == "role"):
            confidence *= 0.9
        if subj.source.startswith("coref") or (isinstance(obj, Mention) and obj.source.startswith("coref")):
            confidence *= 0.95
        return Relation(subj, prop, obj, self.provenance(token, rule, confidence, modal))

    def metonymy(self, m: Mention, prop: str, slot: int) -> Mention:
        """A capital in an actor's slot stands for its country: 'Kyiv expects', 'backing Kyiv'."""
        slot_class = self.ontology.properties[prop][slot]
        if slot_class in ("Agent", "Person", "Organization") and m.cls == "City":
            country = self.ontology.capital_of.get(m.canonical or m.name)
            entry = self.ontology.gazetteer_index.get(country.lower()) if country else None
            if entry is not None:
                return Mention(m.doc_id, m.start, m.end, m.text, entry.name, "Country", "metonymy",
                               entry.wikidata, entry.name)
        return m

    def trigger_relations(self) -> Iterator[Relation]:
        seen: set[tuple] = set()
        for key, token_ids in self.matcher(self.doc):
            token = self.doc[token_ids[0]]
            start, end = token_table(self.doc).sentence_bounds(token.i)
            if end - start > 200 or self.negated(token):
                continue
            for trig in self.matcher.triggers(key, token.lemma_.lower(), token.lower_):
                for rel in self.apply(trig, token):
                    ident = (rel.subject.name, rel.predicate, getattr(rel.object, "name", rel.object),
                             rel.provenance.start)
                    if ident not in seen:
                        seen.add(ident)
                        yield rel

    def apply(self, trig: Trigger, token: Token) -> Iterator[Relation]:
        a = self.args
        if trig.kind == "noun":
            objects = a.prep_objects(token, trig.prep) if trig.prep else []
            if trig.prep == "between":
                subjects, objects = objects[:1], objects[1:]
            elif trig.prep and trig.prep != "of":
                subjects = a.prep_objects(token, "of") or a.governing_subjects(token)
            else:
                subjects = a.governing_subjects(token)
            own = a.mention(token)
            if own is not None and own.source.startswith("coref") and own not in objects:
                subjects = [own]  # "Europa, the ice-covered moon of Jupiter": the moon is Europa
            rule = "nominal"
        elif trig.kind == "adjective":
            prev = token.doc[token.i - 2] if token.i > 1 and token.doc[token.i - 1].text == "-" else None
            subjects = [m for m in [a.mention(prev)] if m is not None] if prev is not None else []
            objects = a.entities(token.head) if token.dep_ == "amod" else []
            rule = "adjective"
        else:
            subjects = a.subjects(token)
            if trig.stative and a.is_passive(token):  # "Kestrel, which is based in Austin"
                subjects = a.direct_objects(token)
            if not subjects and trig.property in self.ontology.symmetric and token.dep_ == "acl":
                subjects = a.entities(token.head)  # "Healey, pictured next to Fedorov": either side will do
            rule = "stative" if trig.stative else "passive" if a.is_passive(token) else "svo"
            if trig.prep:
                objects = a.particle_objects(token, trig.prep)
                if objects is None:
                    objects = a.prep_objects(token, trig.prep)
                else:
                    rule = "particle"
                if trig.prep in ("at", "on", "into") and not subjects and a.is_passive(token):
                    # "90 Shahed drones were fired at Kyiv": the weapon fired is the attacker
                    subjects = [m for m in a.direct_objects(token) if self.ontology.is_a(m.cls, "Weapon")]
                rule = rule if rule == "particle" else "prep"
            else:
                objects = a.direct_objects(token)
                if not objects and not self.money_arguments(token):  # money for a purpose: funding_relations
                    objects = a.purpose_objects(token)
                    rule = "purpose" if objects else rule
        if trig.object_nouns and not any(c.dep_ == "dobj" and c.lemma_.lower() in trig.object_nouns
                                         for c in token.children):
            return
        if trig.object_classes:
            objects = [o for o in objects if any(self.ontology.is_a(o.cls, c) for c in trig.object_classes)]
        if trig.subject_classes:
            subjects = [s for s in subjects if any(self.ontology.is_a(s.cls, c) for c in trig.subject_classes)]
        if trig.reverse:
            subjects, objects = objects, subjects
        for s in subjects:
            for o in objects:
                rel = self.make(s, trig.property, o, token, rule, CONFIDENCE[rule])
                if rel:
                    yield rel
        if trig.kind == "verb" and trig.property not in self.ontology.symmetric:
            for o in objects:
                for co in self.co_agents(token, trig):
                    rel = self.make(co, trig.property, o, token, "co-agent", CONFIDENCE["co-agent"])
                    if rel:
                        yield rel
        if trig.property in self.ontology.lexicon.get("location_properties", ()):
            for o in objects:
                for place in self.locations(token):
                    rel = self.make(o, "heldAt", place, token, "held-at", CONFIDENCE["held-at"], modal=False)
                    if rel:
                        yield rel

    def co_agents(self, token: Token, trig: Trigger) -> list[Mention]:
        """'signed a declaration with Zelensky and Macron': they signed it too."""
        if trig.prep in self.ontology.lexicon["co_agent_preps"]:
            return []
        found: list[Mention] = []
        for prep in self.ontology.lexicon["co_agent_preps"]:
            found.extend(m for m in self.args.prep_objects(token, prep) if self.ontology.is_a(m.cls, "Agent"))
        return found

    def locations(self, token: Token) -> list[Mention]:
        found: list[Mention] = []
        for prep in self.ontology.lexicon["location_preps"]:
            found.extend(m for m in self.args.prep_objects(token, prep)
                         if self.ontology.is_a(m.cls, "Place") or self.ontology.is_a(m.cls, "Organization"))
        return found

    # ----------------------------------------------------------------- roles
    def title_property(self, title: str) -> str:
        low = title.lower()
        for prop, titles in self.titles.items():
            if any(low == t or low.endswith(" " + t) for t in titles):
                return prop
        return "serves"

    def is_title(self, words: list[Token]) -> bool:
        """A title ('Defence Secretary') or an occupation ('plant pathologist', 'engineers')."""
        known = self.all_titles | self.occupations
        for text in (" ".join(t.lower_ for t in words), " ".join([t.lower_ for t in words[:-1]] + [
                words[-1].lemma_.lower()] if words else [])):
            if any(text == t or text.endswith(" " + t) for t in known):
                return True
        return False

    def role_relations(self) -> Iterator[Relation]:
        """'UK Defence Secretary John Healey', 'John Healey, the UK Defence Secretary' -> role, serves/leads."""
        a = self.args
        for start, end, person, root in self.people():
            # compound title before the name
            k, span_ids = start - 1, set(range(start, end))
            while k >= 0 and self.doc[k].pos_ in ("PROPN", "NOUN", "ADJ") \
                    and self.doc[k].dep_ in ("compound", "amod", "nmod") and self.doc[k].head.i > k:
                k -= 1
            before = list(self.doc[k + 1:start]) if self.doc[start - 1].head.i in span_ids or start == 0 \
                or self.doc[start - 1].head.i >= start else []
            if before and self.is_title(before):
                yield from self.role_from(person, before, root, "compound-title")
            # apposition after ("John Healey, the UK Defence Secretary") or before ("X's Defence Secretary, John")
            for child in root.children:
                if child.dep_ == "appos" and a.mention(child) is None:
                    words = [t for t in child.subtree if t.dep_ not in ("det", "punct", "nummod") and t.i <= child.i]
                    if self.is_title(words[-2:] if len(words) > 1 else words) or self.is_title(words):
                        yield from self.role_from(person, words, child, "apposition-role", self.employers(child))
            if root.dep_ == "appos" and a.mention(root.head) is None:
                head = root.head
                words = [t for t in head.subtree if t.i <= head.i and t.dep_ not in ("det", "punct", "case", "nummod")]
                if words and self.is_title(words):
                    yield from self.role_from(person, words, head, "apposition-role", self.employers(head))

    def employers(self, title: Token) -> list[Mention]:
        """'a plant pathologist at Makerere University', 'minister of defence of X': where the title is held."""
        found: list[Mention] = []
        for child in title.children:
            if child.dep_ == "prep" and child.lower_ in ("at", "of", "for", "with"):
                found.extend(m for p in child.children if p.dep_ == "pobj" for m in self.args.entities(p)
                             if self.ontology.is_a(m.cls, "Agent") and m.cls != "Person")
        return found

    def people(self) -> Iterator[tuple[int, int, Mention, Token]]:
        """Token start, end, mention and root of every person named in the article."""
        for start, end, person in self.args.mentions.spans:
            if person.cls == "Person" and person.source != "demonym":
                yield start, end, person, self.doc[start:end].root

    def appointed_roles(self) -> Iterator[Relation]:
        """'the board appointed Ingrid Solberg as chief executive': a role, held at whoever appointed."""
        a = self.args
        for _, _, person, root in self.people():
            verb = root.head if root.dep_ in ("dobj", "nsubjpass") else None
            if verb is None or verb.pos_ != "VERB":
                continue
            for prep in list(verb.children) + list(root.children):
                if prep.dep_ == "prep" and prep.lower_ == "as":
                    for title in prep.children:
                        words = [t for t in title.subtree if t.i <= title.i and t.dep_ not in ("det", "punct")]
                        if title.dep_ == "pobj" and words and self.is_title(words):
                            orgs = [m for m in (a.subjects(verb) if root.dep_ == "dobj" else [])
                                    if self.ontology.is_a(m.cls, "Organization")]
                            yield from self.role_from(person, words, title, "appointed-as", orgs)

    def role_from(self, person: Mention, words: list[Token], anchor: Token, rule: str,
                  employers: list[Mention] = ()) -> Iterator[Relation]:
        organisations = [self.args.mention(t) for t in words if self.args.mention(t) is not None]
        organisations = [m for m in organisations if m.cls != "Person"] + list(employers)
        words = [t for t in words if t.lower_.rstrip(".") not in self.honorifics - self.all_titles]
        possessive = {t.i for t in words if t.dep_ == "poss" or t.head.dep_ == "poss" or t.dep_ == "case"}
        title_words = [t for t in words if t.i not in possessive and (
            self.args.mention(t) is None or self.args.mention(t).source == "demonym")]
        title = " ".join(t.text for t in words if t.i not in possessive).strip()
        if not title or not any(self.is_title(title_words[i:]) for i in range(len(title_words))):
            return
        rel = self.make(person, "role", title, anchor, rule, CONFIDENCE[rule], modal=False)
        if rel:
            yield rel
        prop = self.title_property(" ".join(t.text for t in title_words))
        for org in dict.fromkeys(organisations):
            rel = self.make(person, prop, org, anchor, rule, CONFIDENCE[rule], modal=False)
            if rel:
                yield rel
        entry = self.ontology.gazetteer_index.get((person.canonical or "").lower())
        if entry is not None and entry.office and entry.country and entry.office.lower() in title.lower():
            # the gazetteer knows whom this office-holder leads: "Prime Minister Sir Keir Starmer"
            led = self.ontology.gazetteer_index.get(entry.country.lower())
            if led is not None:
                country = Mention(person.doc_id, person.start, person.end, entry.country, led.name, led.cls,
                                  "gazetteer", led.wikidata, led.name)
                rel = self.make(person, "leads", country, anchor, "gazetteer-office", 0.8, modal=False)
                if rel:
                    yield rel

    def places(self) -> Iterator[Relation]:
        """Where named things are: 'the Rubin Observatory in Chile', 'Austin, Texas', 'the Detroit carmaker X'."""
        a, spans = self.args, self.args.mentions.spans
        for k, (start, end, m) in enumerate(spans):
            if m.source == "demonym" or not self.ontology.is_a(m.cls, "Entity") or m.cls in ("Person", "Country"):
                continue
            root = self.doc[start:end].root
            prop = "heldAt" if self.ontology.is_a(m.cls, "Event") else "locatedIn"
            # "the Guiana Space Centre in Kourou", "the Mihail Kogalniceanu air base near Constanta"
            holders = [root] + ([root.head] if root.dep_ == "compound" and root.head.pos_ == "NOUN"
                                and a.mention(root.head) is None else [])
            for child in (c for h in holders for c in h.children):
                if child.dep_ == "prep" and child.lower_ in ("in", "at", "near"):
                    for place in (x for p in child.children if p.dep_ == "pobj" for x in a.entities(p)):
                        if self.ontology.is_a(place.cls, "Place") and not (place.cls == m.cls == "City"):
                            yield from self.optional(m, prop, place, root, "place-of")
            nxt = spans[k + 1] if k + 1 < len(spans) else None
            if nxt is not None and self.is_place_comma(start, end, nxt):  # "Austin, Texas"
                yield from self.optional(m, "locatedIn", nxt[2], root, "place-comma")
            if self.ontology.is_a(m.cls, "Organization"):  # "Meridian Motors, the Detroit carmaker"
                nouns = [c for c in root.children if c.dep_ == "appos"] + (
                    [root.head] if root.dep_ in ("appos", "compound") else [])
                for noun in nouns:
                    if a.mention(noun) is None and noun.pos_ == "NOUN":
                        for mod in noun.children:
                            place = a.mention(mod)
                            if mod.dep_ in ("compound", "amod", "nmod") and place is not None and \
                                    self.ontology.is_a(place.cls, "Place") and place is not m:
                                yield from self.optional(m, "locatedIn", place, root, "descriptor-place")

    def is_place_comma(self, start: int, end: int, nxt: tuple[int, int, Mention]) -> bool:
        """A place, a comma and a wider place, not a list: 'Monterrey, Mexico, last month'."""
        doc, (s2, e2, other) = self.doc, nxt
        if s2 != end + 1 or doc[end].text != "," or not self.ontology.is_a(other.cls, "Place"):
            return False
        if not self.ontology.is_a(self.args.mentions.at(doc[start]).cls, "Place"):
            return False
        before = doc[start - 1].lower_ if start else ""
        after = doc[e2].lower_ if e2 < len(doc) else "."
        return before not in (",", "and", "or") and after not in ("and", "or") and not (
            after == "," and e2 + 1 < len(doc) and self.args.mentions.at(doc[e2 + 1]) is not None)

    def optional(self, subj: Mention, prop: str, obj: Mention, anchor: Token, rule: str) -> Iterator[Relation]:
        rel = self.make(subj, prop, obj, anchor, rule, CONFIDENCE[rule], modal=False)
        if rel:
            yield rel

    def membership_of(self) -> Iterator[Relation]:
        """'L/Cpl George Hooley of the Parachute Regiment': a person of an organisation belongs to it."""
        a = self.args
        for _, _, person, root in self.people():
            for child in root.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        for org in a.entities(pobj):
                            if self.ontology.is_a(org.cls, "Organization"):
                                rel = self.make(person, "memberOf", org, root, "person-of-org",
                                                CONFIDENCE["person-of-org"], modal=False)
                                if rel:
                                    yield rel

    # ----------------------------------------------------------------- funding
    def is_money(self, token: Token) -> bool:
        """An amount of money or a funding noun: '£200 million', '£200m of funding', 'a grant'."""
        if token.ent_type_ == "MONEY" or token.lemma_.lower() in self.funding_nouns:
            return True
        if any(c.ent_type_ == "MONEY" for c in token.children if c.dep_ in ("nummod", "compound", "quantmod")):
            return True  # "£3m": the number is the money, the multiplier its head
        return any(c.dep_ == "prep" and c.lower_ in ("in", "of") and any(
            p.dep_ == "pobj" and p.lemma_.lower() in self.funding_nouns for p in c.children) for c in token.children)

    def money_arguments(self, verb: Token) -> list[Token]:
        """The money a verb gives: its object ('allocated £200m'), or the object of its preposition
        ('backed the plan with £200m in funding'), or the attribute of a copula ('is £200m of funding')."""
        found = []
        for child in verb.children:
            if child.dep_ in ("dobj", "attr", "nsubjpass") and self.is_money(child):
                found.append(child)
            elif child.dep_ == "prep":
                found.extend(p for p in child.children if p.dep_ == "pobj" and self.is_money(p))
        return found

    @staticmethod
    def money_holders(money: Token) -> list[Token]:
        """The money and the funding noun it is given as: '£200m [in funding]', '£200m [of funding]'."""
        return [money] + [p for c in money.children if c.dep_ == "prep" and c.lower_ in ("in", "of")
                          for p in c.children if p.dep_ == "pobj"]

    def money_purposes(self, verb: Token, money: Token) -> list[Token]:
        """Purpose clauses of money: on the verb giving it, on the money noun ('funding to equip X'), or
        through a conduit ('funding that will be used to equip X')."""
        holders = self.money_holders(money)
        clauses = self.args.purpose_clauses(verb) + [c for h in holders for c in self.args.purpose_clauses(h)]
        for holder in holders:
            for clause in holder.children:
                if clause.dep_ in ("relcl", "acl") and clause.lemma_.lower() in self.funding_conduits:
                    clauses += self.args.purpose_clauses(clause)
        return [c for c in dict.fromkeys(clauses) if c.lemma_.lower() in self.funding_purposes]

    def money_givers(self, verb: Token) -> list[Mention]:
        """Who gives the money a verb governs: its subject, the source of what is received ('received a
        grant from X'), or the agent of an inverted copula ('among the measures proposed by X is £200m')."""
        a = self.args
        lemma = verb.lemma_.lower()
        givers = a.subjects(verb)
        if lemma in self.speech and all(m.cls == "Person" for m in givers):
            return []  # "the minister announced £200m": announced, not given, by the minister
        if not givers and lemma == "be":
            givers = [m for c in verb.children if c.dep_ == "prep" and c.lower_ == "among"
                      for p in c.children if p.dep_ == "pobj"
                      for v in p.children if v.dep_ in ("acl", "relcl") for m in a.subjects(v)]
        return [m for m in givers if self.ontology.is_a(m.cls, "Agent")]

    def money_sources(self, verb: Token, money: Token) -> list[Mention]:
        """Where money comes from: 'received £3m from X', '$40m in funding from X', 'backing from X'."""
        holders = self.money_holders(money)
        if verb.lemma_.lower() in self.funding_receivers:
            holders.append(verb)
        return [m for h in holders for m in self.args.prep_objects(h, "from") if self.ontology.is_a(m.cls, "Agent")]

    def money_verb_candidates(self) -> list[int]:
        """Ascending indices of the tokens that may have `money_arguments`: a money argument is at most two
        edges above an amount of money or a funding noun, and its verb at most two above the argument."""
        near = indices_with(self.doc, {ENT_TYPE: string_ids(["MONEY"])}) + indices_where(
            self.doc, LEMMA, lowercase_in(frozenset(self.funding_nouns)))
        heads = token_table(self.doc).heads
        found: set[int] = set()
        level = np.array(near, dtype=np.int64)
        for _ in range(4):
            level = heads[level]
            found.update(level.tolist())
        return sorted(found)

    def funding_relations(self) -> Iterator[Relation]:
        """Money given for a purpose: whoever gives it funds whom the purpose clause names; money received
        ('raised $40m from X') or done with ('founded with backing from X'): its source funds the receiver."""
        a = self.args
        for i in self.money_verb_candidates():
            verb = self.doc[i]
            if verb.pos_ not in ("VERB", "AUX") or self.negated(verb):
                continue
            for money in self.money_arguments(verb):
                if verb.lemma_.lower() in self.funding_receivers or money.head.lower_ == "with":
                    receivers = a.direct_objects(verb) if a.is_passive(verb) else a.subjects(verb)
                    for giver in self.money_sources(verb, money):
                        self.funders.setdefault(money.i, giver)
                        for o in receivers:
                            rel = self.make(giver, "funds", o, verb, "funding-source", CONFIDENCE["funding-source"])
                            if rel:
                                yield rel
                    if verb.lemma_.lower() in self.funding_receivers:
                        continue
                purposes = self.money_purposes(verb, money)
                givers = self.money_givers(verb) if purposes else []
                for giver in givers:
                    self.funders.setdefault(money.i, giver)
                    for clause in purposes:
                        for o in self.args.beneficiaries(clause):
                            rel = self.make(giver, "funds", o, verb, "funding-purpose", CONFIDENCE["funding-purpose"])
                            if rel:
                                yield rel

    # ----------------------------------------------------------------- quantities
    def amounts(self) -> Iterator[Relation]:
        """Attach money and counts to the entity they belong to, or to the sentence's topic."""
        previous_topic: Mention | None = None
        ents = list(self.doc.ents)  # Span.ents walks every entity of the Doc, so group them once
        at = 0
        for sent in self.doc.sents:
            first = at
            while at < len(ents) and ents[at].start < sent.end:
                at += 1
            for ent in ents[first:at]:
                if ent.end > sent.end:  # spaCy's Span.ents keeps only entities inside the sentence
                    continue
                if ent.label_ not in ("MONEY", "CARDINAL", "QUANTITY"):
                    continue
                qty = parse_money(ent.text) if ent.label_ == "MONEY" else parse_count(ent)
                if qty is None and ent.label_ == "MONEY":
                    # "£200m" may come out as '200' with the symbol and multiplier outside the entity
                    wider = self.doc[max(ent.start - 1, sent.start):min(ent.end + 1, sent.end)]
                    qty = parse_money(wider.text)
                if qty is None:
                    continue
                owner, rule = self.quantity_owner(ent, sent)
                if owner is None and previous_topic is not None and qty.unit and len(qty.unit) == 3:
                    owner, rule = previous_topic, "amount-context"
                if owner is not None:
                    rel = self.make(owner, "amount", qty, ent.root, rule, CONFIDENCE[rule], modal=False)
                    if rel:
                        yield rel
            previous_topic = self.topic(sent) or previous_topic

    def quantity_owner(self, ent: Span, sent: Span) -> tuple[Mention | None, str]:
        a = self.args
        root = ent.root
        for k in (root.i, root.head.i):  # money whose giver funding_relations found
            if k in self.funders:
                return self.funders[k], "amount"
        counted = root.head if root.dep_ in ("nummod", "quantmod", "compound") else root
        for child in list(counted.children) + [counted]:  # "17,000 North Korean soldiers", "167,000 Ukrainians"
            m = a.mention(child)
            if m is not None and child.i not in range(ent.start, ent.end) and self.ontology.is_a(m.cls, "Agent"):
                return m, "count"
        node: Token = root
        for _ in range(6):  # the clause's own actor: "The British government allocated £200 million"
            if node.pos_ in ("VERB", "AUX"):
                subj = a.subjects(node)
                if subj:
                    return subj[0], "amount"
            if node.head.i == node.i:
                break
            node = node.head
        lo, hi = dash_segment(sent, ent)
        nearest = sorted(((tree_distance(ent.root, self.doc[s]), s, m) for s, e, m in a.mentions.spans
                          if lo <= s < hi and m.source != "demonym"
                          and self.ontology.is_a(m.cls, "Entity")), key=lambda x: x[:2])
        # an entity far away in the tree is not what the number is about: fall back to the topic
        if nearest and (nearest[0][0] <= MAX_AMOUNT_DISTANCE or len({m for _, _, m in nearest}) == 1):
            return nearest[0][2], "amount"
        return None, "amount"

    def topic(self, sent: Span) -> Mention | None:
        """What a sentence is about, for a number in the next one: its object if named, else its subject."""
        root = sent.root
        for child in root.children:
            if child.dep_ == "dobj":
                got = self.args.entities(child)
                if got:
                    return got[0]
        for child in root.children:
            if child.dep_ == "conj":
                for c in child.children:
                    if c.dep_ == "dobj":
                        got = self.args.entities(c)
                        if got:
                            return got[0]
        return None
