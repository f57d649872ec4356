"""What every rule sees of one parsed article, and how a rule turns its finding into a Relation.

A `RuleContext` holds the Doc, the ontology, the argument finder (mentions and references) and the
quotations, and makes a Relation with its provenance: the sentence, the rule and its confidence,
the modality ('wants to deploy' is planned), the speaker, and the metonymy and domain/range checks.
"""
from __future__ import annotations

import bisect
import dataclasses
import functools
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass, field

from spacy.attrs import POS
from spacy.tokens import Doc, Span, Token

from kg.config import Settings
from kg.extract.arguments import ArgumentFinder
from kg.extract.dates import parse_date
from kg.extract.coref import in_quote, quote_spans, speaker_of
from kg.extract.tokens import indices_where, indices_with, lowercase_in, string_ids, token_table
from kg.models import Mention, Provenance, Quantity, Relation, open_phrase, Source
from kg.nlp import doc_article, doc_text
from kg.ontology.lexicon import Lexicon, RuleSettings
from kg.ontology import Ontology
from kg.ontology.vocabulary import Cls

@dataclass
class RuleContext:
    """One parsed article as the rules see it; rules run in order and may leave findings for later ones."""

    doc: Doc
    ontology: Ontology
    args: ArgumentFinder
    max_sentence_tokens: int = Settings.max_sentence_tokens
    lexicon: Lexicon = field(init=False)
    settings: RuleSettings = field(init=False)
    quotes: tuple[tuple[int, int], ...] = field(init=False)
    funders: dict[int, Mention] = field(init=False, default_factory=dict)  # money's token -> who gives it
    # (subject, object, sentence start) of every relation between two entities made so far: the open
    # relation rule keeps only links that no typed rule stated
    linked: set[tuple[str, str, int]] = field(init=False, default_factory=set)
    # the Doc's tokens made once: `for t in doc` makes every Token object anew; a rule that looks for some
    # words or a part of speech takes only those tokens (`tokens_with`, `tokens_tagged`) instead of walking them all
    tokens: tuple[Token, ...] = field(init=False)
    _negated: dict[int, bool] = field(init=False, default_factory=dict)  # token index -> `negated`
    _provenance: dict[tuple[int, bool], tuple] = field(init=False, default_factory=dict)  # see `provenance`

    def __post_init__(self) -> None:
        self.lexicon = self.ontology.lexicon
        self.settings = self.ontology.rules
        self.quotes = quote_spans(doc_text(self.doc))
        self.tokens = tuple(self.doc)

    # ----------------------------------------------------------------- making relations
    def relate(self, subj: Mention, prop: str, obj: Mention | Quantity | str, anchor: Token, rule: str,
               modal: bool = True, confidence: float | None = None) -> Iterator[Relation]:
        """The relation, if its arguments fit the property; `confidence` defaults to the rule's."""
        rel = self.make(subj, prop, obj, anchor, rule,
                        self.settings.confidence[rule] if confidence is None else confidence, modal)
        if rel is not None:
            yield rel

    def make(self, subj: Mention, prop: str, obj: Mention | Quantity | str, token: Token, rule: str,
             confidence: float, modal: bool = True) -> Relation | None:
        if isinstance(obj, Mention):
            if open_phrase(prop) is None:
                subj, obj = self.metonymy(subj, prop, 0), self.metonymy(obj, prop, 1)
            if obj.name == subj.name and obj.cls == subj.cls:
                return None
            domain, rng = self.ontology.properties.get(prop, (Cls.Entity, Cls.Entity))
            if not (self.ontology.accepts(domain, subj.cls) and self.ontology.accepts(rng, obj.cls)):
                return None
        factor = self.settings.argument_confidence
        if subj.source == Source.ROLE or (isinstance(obj, Mention) and obj.source == Source.ROLE):
            confidence *= factor.role
        if subj.source.is_coreference or (isinstance(obj, Mention) and obj.source.is_coreference):
            confidence *= factor.coref
        provenance = self.provenance(token, rule, confidence, modal)
        if isinstance(obj, Mention):
            self.linked.update({(subj.name, obj.name, provenance.start), (obj.name, subj.name, provenance.start)})
        return Relation(subj, prop, obj, provenance)

    def metonymy(self, m: Mention, prop: str, slot: int) -> Mention:
        """A capital in an actor's slot stands for its country: 'Kyiv expects', 'backing Kyiv'."""
        slot_class = self.ontology.properties[prop][slot]
        if slot_class in (Cls.Agent, Cls.Person, Cls.Organization) and m.cls == Cls.City:
            country = self.ontology.capital_of.get(m.canonical or m.name)
            entry = self.ontology.gazetteer_index.get(country.lower()) if country else None
            if entry is not None:
                return dataclasses.replace(m, name=entry.name, cls=Cls.Country, source=Source.METONYMY,
                                           wikidata=entry.wikidata, canonical=entry.name)
        return m

    # ----------------------------------------------------------------- provenance
    def provenance(self, token: Token, rule: str, confidence: float, modal: bool = True) -> Provenance:
        # all but the rule and the confidence depend on the token alone: worked out once per token, as
        # several triggers and rules anchor relations on the same word
        parts = self._provenance.get((token.i, modal))
        if parts is None:
            parts = self._provenance[(token.i, modal)] = self._provenance_parts(token, modal)
        doc_id, sentence, start, end, modality, stated_by, date = parts
        return Provenance(doc_id=doc_id, sentence=sentence, start=start, end=end, rule=rule,
                          confidence=round(confidence, 2), modality=modality, stated_by=stated_by, date=date)

    def _provenance_parts(self, token: Token, modal: bool) -> tuple:
        table = token_table(self.doc)
        k = table.sentence_of(token.i)
        start, end = table.sent_start_chars[k], table.sent_end_chars[k]  # token.sent walks the sentence
        modality = self.modality(token) if modal else "asserted"
        if modality == "asserted" and modal and self.reported(token):
            modality = "reported"  # someone says so: the article reports it, the speaker (if named) is kept
        return (doc_article(self.doc).doc_id, doc_text(self.doc)[start:end].strip(), start, end, modality,
                self.stated_by(token), self.event_date(token))

    def event_date(self, token: Token) -> str | None:
        """The date the trigger's clause gives the event: 'signed on 8 August', 'met Tuesday', 'in May 2024'."""
        # only the trigger's own children: a role noun under 'met ... on 9 January' is not dated by the meeting
        for child in token.children:
            date = self.date_of(child)
            if date is not None:
                return date
        return None

    def date_of(self, child: Token) -> str | None:
        """The date a child of the trigger names: a DATE entity under 'on'/'in', or a bare date adverbial."""
        if child.dep_ == "prep" and child.lower_ in ("on", "in"):
            found = [c for c in child.children if c.dep_ == "pobj" and c.ent_type_ == "DATE"]
        elif child.dep_ in ("npadvmod", "tmod") and child.ent_type_ == "DATE":
            found = [child]
        else:
            return None
        for word in found:
            entity = next((e for e in self.ents if e.start <= word.i < e.end), None)
            if entity is not None:
                return parse_date(entity.text, doc_article(self.doc).date)
        return None

    def modality(self, token: Token) -> str:
        """planned ('wants to deploy'), hypothetical ('would guard', 'once peace is secured') or asserted."""
        hypothetical, future = self.lexicon.modality.hypothetical, self.lexicon.modality.future
        mood = "asserted"
        node, steps = token, 0
        while steps < 7:
            for child in node.children:
                if child.dep_ == "aux" and child.lower_ in hypothetical:
                    return "hypothetical"
                if child.dep_ == "aux" and child.lower_ in future:
                    mood = "planned"
                if child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in hypothetical
                                                 for c in child.children):
                    return "hypothetical"
                if child.dep_ == "mark" and child.lower_ in hypothetical and node is token:
                    return "hypothetical"
                if child.dep_ == "amod" and node is token:  # "a possible takeover", "the proposed merger"
                    if child.lower_ in hypothetical:
                        return "hypothetical"
                    if child.lemma_.lower() in self.lexicon.modality.planned:
                        mood = "planned"
            if node.lemma_ in self.lexicon.modality.planned and node is not token:
                mood = "planned"
            # climb through clauses and the nouns they hang from: "want to be the one who deploys"
            if node.dep_ not in ("xcomp", "ccomp", "acl", "relcl", "conj", "advcl", "attr", "dobj", "pobj",
                                 "prep") or node.head.i == node.i:
                break
            node, steps = node.head, steps + 1
        return mood

    def negated(self, token: Token) -> bool:
        """'do not fear', 'never deployed', 'oppose sending': not asserted, so not extracted."""
        found = self._negated.get(token.i)
        if found is None:
            found = self._negated[token.i] = self._is_negated(token)
        return found

    def _is_negated(self, token: Token) -> bool:
        negators, negating = self.lexicon.modality.negators, self.lexicon.modality.negating
        node = token
        for _ in range(3):
            children = list(node.children)  # made once: both tests below read them
            if any(c.dep_ == "neg" or c.lower_ in negators and c.dep_ in ("neg", "advmod", "det") for c in children):
                return True
            # "Most Germans oppose sending troops": the parser may read the negating verb as an auxiliary
            if any(c.dep_ == "aux" and c.lemma_.lower() in negating for c in children):
                return True
            if node is not token and self.is_negating(node):
                return True
            # "dropped its bid to acquire X": an infinitive on a noun of intent climbs to the verb holding it
            if node.dep_ not in ("xcomp", "conj", "ccomp", "dobj", "pcomp", "attr", "acl"):
                return False
            node = node.head
        return False

    def reported(self, token: Token) -> bool:
        """Said by someone: in a quotation, in the clause of a speech verb, or 'according to' someone."""
        return in_quote(self.quotes, token.idx) is not None or self.speech_clause(token) is not None \
            or self.according_to(token) is not None

    def speech_clause(self, token: Token) -> Token | None:
        """The speech verb whose reported clause holds the token ('X said that Y had sent troops')."""
        node = token
        for _ in range(4):
            if node.dep_ == "ccomp" and node.head.lemma_ in self.lexicon.speech_verbs:
                return node.head
            # "accused Minsk of helping Moscow": what an accusation says is the accuser's claim
            if node.dep_ == "pcomp" and node.head.lower_ == "of" and node.head.head.lemma_ in self.lexicon.accusing_verbs:
                return node.head.head
            if node.head.i == node.i:
                return None
            node = node.head
        return None

    def according_to(self, token: Token) -> Token | None:
        """The noun after 'according to' on the token's clause root: 'According to the White House, X phoned Y'."""
        root = self.sentence_root(token)
        for prep in (c for c in root.children if c.dep_ == "prep" and c.lower_ == "according"):
            for to in (c for c in prep.children if c.dep_ == "prep" and c.lower_ == "to"):
                for pobj in (c for c in to.children if c.dep_ == "pobj"):
                    return pobj
        return None

    def sentence_root(self, token: Token) -> Token:
        """`token.sent.root` without making the sentence's Span: its first token that heads itself."""
        table = token_table(self.doc)
        start, end = table.sentence_bounds(token.i)
        k = bisect.bisect_left(table.roots, start)
        return self.tokens[table.roots[k]] if k < len(table.roots) and table.roots[k] < end else token.sent.root

    def is_negating(self, verb: Token) -> bool:
        """'refuse', 'fail', and with its particle 'rule out', 'call off', 'walk away'."""
        negating, lemma = self.lexicon.modality.negating, verb.lemma_.lower()
        return lemma in negating or any(c.dep_ == "prt" and f"{lemma} {c.lower_}" in negating
                                        for c in verb.children)

    def stated_by(self, token: Token) -> Mention | None:
        """The speaker of the quotation holding the token, of the reported speech it is in, or 'according to'."""
        if in_quote(self.quotes, token.idx) is not None:
            table = token_table(self.doc)
            return speaker_of(self.doc, table.sent_start_chars[table.sentence_of(token.i)], self.args.mentions,
                              self.ontology, self.args.refs)
        verb = self.speech_clause(token)
        if verb is not None:
            who = self.args.subjects(verb)
            return who[0] if who else None
        source = self.according_to(token)
        found = self.args.entities(source) if source is not None else []
        return found[0] if found else None

    @functools.cached_property
    def ents(self) -> tuple[Span, ...]:
        """The Doc's entities: `Doc.ents` walks every token and makes every Span anew on each access."""
        return self.doc.ents

    # ----------------------------------------------------------------- the tokens a rule looks at
    # A rule that looks for some words or some part of speech asks for those tokens: one test per distinct
    # string of the Doc (`kg.extract.tokens`) instead of reading each token's attribute.
    def tokens_with(self, words: Set[str], *attrs: int) -> list[Token]:
        """In order, the tokens one of whose `attrs` (LOWER, LEMMA), lower-cased, is one of `words`."""
        test = lowercase_in(frozenset(words))
        return self.tokens_at(sorted({i for attr in attrs for i in indices_where(self.doc, attr, test)}))

    def tokens_tagged(self, *tags: str) -> list[Token]:
        """In order, the tokens whose part of speech is one of `tags` ("VERB", "NOUN")."""
        return self.tokens_at(indices_with(self.doc, {POS: string_ids(tags)}))

    def tokens_at(self, indices: Iterable[int]) -> list[Token]:
        return [self.tokens[i] for i in indices]

    # ----------------------------------------------------------------- what several rules ask
    def sent_start(self, token: Token) -> int:
        """Character offset of the token's sentence: where its relations' provenance starts."""
        table = token_table(self.doc)
        return table.sent_start_chars[table.sentence_of(token.i)]

    def sentence_too_long(self, token: Token) -> bool:
        """A 'sentence' over the limit is a table or a run-on page: its parse is not worth reading."""
        start, end = token_table(self.doc).sentence_bounds(token.i)
        return end - start > self.max_sentence_tokens

    def people(self) -> Iterator[tuple[int, int, Mention, Token]]:
        """Token start, end, mention and root of every person named in the article."""
        return iter(self._people)

    @functools.cached_property
    def _people(self) -> tuple[tuple[int, int, Mention, Token], ...]:
        # found once: the mentions are complete before the rules run, and a dozen rules ask
        return tuple((start, end, person, self.doc[start:end].root) for start, end, person in self.args.mentions.spans
                     if person.cls == Cls.Person and person.source != Source.DEMONYM)
