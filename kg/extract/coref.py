"""Rule-based coreference: pronouns, first person, role nouns and demonstratives to the mention they mean."""
from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from dataclasses import dataclass, field

from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.tokens import Doc, Token

from kg.extract.arguments import in_dateline
from kg.extract.mentions import TokenMentions
from kg.extract.tokens import indices_where, indices_with, string_ids, token_table
from kg.models import Mention, Source
from kg.nlp import doc_article, doc_text
from kg.ontology import Ontology, fold
from kg.ontology.lexicon import Lexicon
from kg.ontology.vocabulary import Cls

THIRD_PERSON = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
PRONOUN_GENDERS = {"he": "male", "him": "male", "his": "male", "himself": "male",
                   "she": "female", "her": "female", "hers": "female", "herself": "female"}
FIRST_PERSON = {"i", "me", "my", "myself", "mine"}
ITS = {"its", "itself"}
DEMONSTRATIVES = {"this", "that", "these", "the"}
# The words `resolve_references` reads; any other token outside a mention is passed over.
REFERRING_WORDS = string_ids(sorted(FIRST_PERSON | THIRD_PERSON | ITS | {"it"} | DEMONSTRATIVES))
QUOTE_OPENERS = re.compile("[“\"‘]")
QUOTE_CLOSERS = {"“": "”", "\"": "\"", "‘": "’"}


@functools.lru_cache(maxsize=8)  # coreference and relations both ask, per article
def quote_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Character ranges inside quotation marks; an unclosed quote runs to the end of its paragraph."""
    spans: list[tuple[int, int]] = []
    opener = QUOTE_OPENERS.search(text)  # str.find and re jump, in C, over the text between quotes
    while opener is not None:
        i = opener.start()
        if text[i] == "‘" and i > 0 and text[i - 1].isalnum():  # "Ukraine‘s": an apostrophe, not a quote
            opener = QUOTE_OPENERS.search(text, i + 1)
            continue
        closer = QUOTE_CLOSERS[text[i]]
        para_end = text.find("\n\n", i)
        para_end = len(text) if para_end < 0 else para_end
        j = text.find(closer, i + 1, para_end)
        while j >= 0 and closer == "’" and j + 1 < len(text) and text[j + 1].isalpha():  # "don’t"
            j = text.find(closer, j + 1, para_end)
        j = para_end if j < 0 else j
        spans.append((i, j))
        opener = QUOTE_OPENERS.search(text, j + 1)
    return tuple(spans)


def in_quote(spans: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    return next((s for s in spans if s[0] <= offset < s[1]), None)


def _synthetic(doc: Doc, token: Token, target: Mention, source: Source) -> Mention:
    """`target` as the word `token` refers to it."""
    return dataclasses.replace(target, start=token.idx, end=token.idx + len(token.text), text=token.text,
                               source=source)


def author_mention(doc: Doc) -> Mention | None:
    """The op-ed's author, as a mention anchored at the start of the text."""
    article = doc._.article
    if article.kind != "opinion" or not article.authors:
        return None
    return Mention(doc_id=article.doc_id, start=0, end=0, text=article.authors[0], name=article.authors[0],
                   cls=Cls.Person, source=Source.BYLINE)


def speaker_of(doc: Doc, sent_start: int, mentions: TokenMentions, ontology: Ontology,
               resolved: dict[int, Mention]) -> Mention | None:
    """Who speaks a quotation: the subject of a speech verb in the sentence, or the nearest one around it."""
    table = token_table(doc)
    idx = table.sentence_at_char(sent_start)
    if idx is None:
        return None
    speech = indices_with(doc, {LEMMA: _speech_verb_ids(ontology)})
    for k in (idx, idx + 1, idx - 1, idx + 2, idx - 2):
        if not 0 <= k < len(table.sent_starts):
            continue
        lo, hi = (bisect.bisect_left(speech, bound) for bound in (table.sent_starts[k], table.sent_ends[k]))
        for t in (doc[i] for i in speech[lo:hi]):
            if t.pos_ == "VERB":
                for child in t.children:
                    if child.dep_ == "nsubj":
                        who = mentions.at(child) or resolved.get(child.i)
                        if who is not None and who.cls == Cls.Person:
                            return who
    return None


@functools.lru_cache(maxsize=4)
def _speech_verb_ids(ontology: Ontology) -> frozenset[int]:
    return string_ids(ontology.lexicon.speech_verbs)


def resolve_references(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> dict[int, Mention]:
    """Token index -> the mention a pronoun, 'the Prime Minister' or 'this drone' stands for."""
    refs = _References(doc, mentions, ontology, quote_spans(doc_text(doc)), author_mention(doc),
                       genders=person_genders(doc, mentions, ontology))
    table = token_table(doc)
    # Only the first token of a mention and the referring words do anything below: the others are not
    # made into Tokens at all. The visits keep the order of the text, sentence by sentence.
    by_token = mentions.by_token
    visits = sorted({i for i, m in by_token.items() if i == 0 or by_token.get(i - 1) is not m}.union(
        indices_with(doc, {LOWER: REFERRING_WORDS})))
    role_dets = indices_where(doc, ORTH, _is_role_det)
    at = 0
    for start, end in zip(table.sent_starts, table.sent_ends):
        first = at
        while at < len(visits) and visits[at] < end:
            at += 1
        for i in visits[first:at]:
            refs.visit(doc[i])
        dets = role_dets[bisect.bisect_left(role_dets, start):bisect.bisect_left(role_dets, end)]
        _role_nouns(doc, end, dets, mentions, refs.resolved, ontology.lexicon.all_titles)
    return refs.resolved


def person_genders(doc: Doc, mentions: TokenMentions, ontology: Ontology) -> dict[str, str]:
    """Person name -> the gender the article marks, where every mark agrees: a form of address or gendered
    title or noun beside a mention ('Mrs X', 'King X', 'X, a businesswoman'), else the gazetteer's given name."""
    marked: dict[str, set[str]] = {}
    given: dict[str, str] = {}
    for s, e, m in mentions.spans:
        if m.cls != Cls.Person or m.source == Source.DEMONYM:
            continue
        genders = (_word_gender(word, ontology.lexicon) for word in _gender_words(doc, s, e, m))
        marked.setdefault(m.name, set()).update(g for g in genders if g is not None)
        first = fold(m.name.split()[0]) if m.name.split() else ""
        if " " in m.name and ontology.given_names.get(first):
            given[m.name] = ontology.given_names[first]
    genders = {name: g for name, g in given.items() if not marked.get(name)}
    genders.update({name: next(iter(found)) for name, found in marked.items() if len(found) == 1})
    return genders


def _gender_words(doc: Doc, start: int, end: int, m: Mention) -> list[str]:
    """The words beside a person's mention that may mark a gender: its own first word ('Mr Healey'), the word
    before it, and nouns in apposition."""
    words = [m.text.split()[0]] if m.text.split() else []
    if start > 0:
        words.append(doc[start - 1].text)
    root = doc[start:end].root
    words += [c.text for c in root.children if c.dep_ == "appos"] + ([root.head.text] if root.dep_ == "appos" else [])
    return words


def _word_gender(word: str, lexicon: Lexicon) -> str | None:
    folded = fold(word).rstrip(".")
    return next((gender for gender, words in lexicon.gendered_words.items() if folded in words), None)


@dataclass
class _References:
    """One article's references, resolved in the order of the text against the mentions seen so far."""

    doc: Doc
    mentions: TokenMentions
    ontology: Ontology
    quotes: tuple[tuple[int, int], ...]
    author: Mention | None
    resolved: dict[int, Mention] = field(default_factory=dict)
    recent: list[tuple[int, Mention, bool]] = field(default_factory=list)  # (token index, mention, a subject)
    nationality: dict[str, str] = field(default_factory=dict)  # person -> country a demonym noun gave them
    genders: dict[str, str] = field(default_factory=dict)  # person -> gender the text marks ('Mrs', 'actress')

    def visit(self, token: Token) -> None:
        """Note a mention's first token; resolve a referring word."""
        m = self.mentions.at(token)
        if m is not None and m.source == Source.DEMONYM:
            # 'the Spaniard' stands for a person itself; 'the American Williams driver' through its noun
            word = token if _is_demonym_noun(token) else _described_member(token, self.mentions, self.ontology)
            if word is not None:
                self.demonym_noun(token, word, m)
        if m is not None and m.cls == Cls.Person and m.source != Source.DEMONYM:
            national = demonym_before(self.doc, self.mentions, token)  # 'Australian Oscar Piastri'
            if national is not None:
                self.nationality.setdefault(m.name, national.name)
        if m is not None:
            if in_dateline(token) and not self.ontology.is_a(m.cls, Cls.Place):
                return  # 'NEW YORK, Aug 7 (Reuters) -': the wire agency is no one's antecedent
            if token.i == 0 or self.mentions.at(self.doc[token.i - 1]) is not m:
                self.recent.append((token.i, m, token.dep_ in ("nsubj", "nsubjpass") or token.head.dep_ in (
                    "nsubj", "nsubjpass")))
            return
        low = token.lower_
        quote = in_quote(self.quotes, token.idx)
        if low in FIRST_PERSON and token.pos_ == "PRON":
            self.first_person(token, quote)
        elif low in THIRD_PERSON and token.pos_ == "PRON" and quote is None:
            target = self.latest_person(self.clause_subjects(token), PRONOUN_GENDERS[low])
            self.refer(token, token, target, Source.COREF_PRONOUN)
        elif (low in ITS or low == "it" and token.dep_ in ("nsubj", "nsubjpass")) and token.pos_ == "PRON":
            target = self.reporting_organisation(token) or _its_antecedent(token, self.recent, self.mentions,
                                                                           self.ontology)
            self.refer(token, token, target, Source.COREF_PRONOUN)
        elif low in DEMONSTRATIVES and token.dep_ == "det":
            self.determined_noun(token, low)

    def reporting_organisation(self, pronoun: Token) -> Mention | None:
        """'The bank said it had dropped its pledge', "Acme said its sales rose": in the clause a speech verb
        reports, 'it' and 'its' are the speaker when the speaker is an organisation or a country."""
        for clause in pronoun.ancestors:
            if clause.dep_ not in ("ccomp", "conj", "xcomp") or clause.pos_ not in ("VERB", "AUX"):
                continue
            if clause.dep_ != "ccomp":
                continue  # 'said it had dropped X and decided to Y': climb the coordination to the reported clause
            verb = clause.head
            if verb.lemma_ not in self.ontology.lexicon.speech_verbs:
                return None
            speaker = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            found = None if speaker is None else self.mentions.at(speaker) or self.resolved.get(speaker.i)
            ok = found is not None and found.cls != Cls.Person and self.ontology.is_a(found.cls, Cls.Agent)
            return found if ok else None
        return None

    def refer(self, token: Token, word: Token, target: Mention | None, source: Source) -> None:
        if target is not None:
            self.resolved[word.i] = _synthetic(self.doc, word, target, source)

    def first_person(self, token: Token, quote: tuple[int, int] | None) -> None:
        """'I', 'we': in a quotation its speaker (else the author), outside one the op-ed's author."""
        target = self.author
        if quote is not None:
            target = speaker_of(self.doc, token.idx, self.mentions, self.ontology, self.resolved) or (
                self.author if self.author else None)
        self.refer(token, token, target, Source.COREF_FIRST_PERSON)

    def demonym_noun(self, token: Token, word: Token, demonym: Mention) -> None:
        """'the Spaniard', 'the British driver': the person `described_person` finds, who then has that
        nationality (and no other demonym of the article may claim them)."""
        target = self.described_person(token, demonym.name)
        if target is not None:
            self.refer(token, word, target, Source.COREF_DEMONYM)
            self.nationality[target.name] = demonym.name

    def aged_person(self, token: Token) -> Mention | None:
        """Whom 'the 33-year-old' means: the one person named last, in its sentence or the two before (with two
        named in that sentence, nothing)."""
        table = token_table(self.doc)
        window = table.sent_starts[max(0, table.sentence_of(token.i) - 2)]
        people = [(table.sentence_of(i), mm) for i, mm, _ in self.recent if window <= i < token.i
                  and mm.cls == Cls.Person and mm.source != Source.DEMONYM]
        if not people:
            return None
        latest = [mm for sent, mm in people if sent == people[-1][0]]
        return latest[-1] if len({mm.name for mm in latest}) == 1 else None

    def described_person(self, token: Token, country: str) -> Mention | None:
        """Whom a nationality description means: the one person named earlier in its sentence, else the one
        person named in the latest of the two sentences before that names any; with two candidates there (a
        match report) nothing. The subject of a clause above the description is never the one described
        ('Okafor broke early ... before the Chilean won a game' is someone else; 'X clipped Y,
        sending the American driver into the wall' is Y), nor is a person another demonym gave a nationality."""
        table = token_table(self.doc)
        k = table.sentence_of(token.i)
        window = table.sent_starts[max(0, k - 2)]
        ruling = {self.mentions.at(c).name for a in token.ancestors for c in a.children
                  if c.dep_ in ("nsubj", "nsubjpass") and c.i != token.i and self.mentions.at(c) is not None}
        people = [(table.sentence_of(i), mm) for i, mm, _ in self.recent if window <= i < token.i
                  and mm.cls == Cls.Person and mm.source != Source.DEMONYM and mm.name not in ruling
                  and self.nationality.get(mm.name, country) == country]
        if not people:
            return None
        latest = [mm for sent, mm in people if sent == people[-1][0]]
        return latest[-1] if len({mm.name for mm in latest}) == 1 else None

    def epithet(self, noun: Token) -> None:
        """'the tech giant', 'the Texas oil company', "the Austin-based chipmaker's": a company named before,
        never the subject of the epithet's own clause ('X is a subsidiary of the tech giant' is not X's own)."""
        if noun.i in self.resolved or any(
                self.ontology.is_a(m.cls, Cls.Organization)
                for m in (self.mentions.at(c) for c in noun.children if c.dep_ in ("compound", "appos", "amod"))
                if m is not None):
            return  # 'the Hyundai group': the epithet is named
        named = self.mentions.at(noun.head) if noun.dep_ == "appos" else None
        if named is not None and self.ontology.is_a(named.cls, Cls.Organization):
            # 'Meridian Motors, the Detroit carmaker,': the epithet in apposition describes that name, not the
            # company the sentence before (or the headline) named last
            self.refer(noun, noun, named, Source.COREF_DEMONSTRATIVE)
            return
        noun_cls = self.ontology.lexicon.class_nouns.get(noun.lower_, Cls.Organization)
        own = _clause_subject_names(noun, self.mentions, self.resolved)
        phrase = range(noun.left_edge.i, noun.i + 1)  # 'the Austin-based firm': not Austin
        candidates = [(i, m) for i, m, _ in self.recent[-12:] if m.source != Source.DEMONYM and i not in phrase
                      and not _same_name(m.name, own) and self.ontology.is_a(m.cls, Cls.Organization)
                      and (self.ontology.is_a(m.cls, noun_cls) or m.cls == Cls.Organization)]
        self.refer(noun, noun, _sole_in_latest_sentence(self.doc, candidates), Source.COREF_DEMONSTRATIVE)

    def clause_subjects(self, pronoun: Token) -> set[str]:
        """The people an object pronoun cannot stand for: the subjects of its own clause and of the clauses
        that control it ('Gálvez phoned to congratulate her': her is not Gálvez; she would be 'herself')."""
        if pronoun.dep_ not in ("dobj", "dative", "iobj", "pobj"):
            return set()
        node = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
        names: set[str] = set()
        for _ in range(3):
            for c in node.children:
                for word in _subject_words(c) if c.dep_ in ("nsubj", "nsubjpass") else ():
                    m = self.mentions.at(word) or self.resolved.get(word.i)
                    if m is not None:
                        names.add(m.name)
            if node.dep_ != "xcomp":
                break
            node = node.head
        return names

    def latest_person(self, not_these: set[str] = frozenset(), gender: str | None = None) -> Mention | None:
        """'he', 'she': the latest person, a subject one of the last sentence or so when there is one; never
        one of `not_these` (the subjects of an object pronoun's own clause), nor one the text marks with the
        other gender ('she' after 'Mr X said ... Ms Y replied' is Y)."""
        people = [(i, mm, subj) for i, mm, subj in self.recent
                  if mm.cls == Cls.Person and mm.source != Source.DEMONYM and mm.name not in not_these
                  and self.genders.get(mm.name, gender) == gender]
        if not people:
            return None
        last_sent_start = people[-1][0]
        subjects = [p for p in people if p[2] and p[0] >= last_sent_start - 60]
        return (subjects[-1] if subjects else people[-1])[1]

    def determined_noun(self, token: Token, low: str) -> None:
        """'this drone', 'the same company', 'the study': a noun after a determiner that refers back."""
        head, ontology, lexicon = token.head, self.ontology, self.ontology.lexicon
        if low == "the" and _aged_person_noun(head, lexicon):  # "the 33-year-old", "the 53-year-old filmmaker"
            self.refer(token, head, self.aged_person(token), Source.COREF_DEMONSTRATIVE)
            return
        epithet = _epithet_noun(token, lexicon) if low == "the" else None
        # 'that company' after two companies may be either: as an epithet, only one sole candidate is taken
        demonstrative = low in ("this", "that") and head.lower_ in lexicon.epithets.nouns and head.tag_ == "NN"
        if epithet is not None or demonstrative:
            self.epithet(epithet if epithet is not None else head)
            return
        noun_cls = lexicon.class_nouns.get(head.lower_)
        is_named = any(self.mentions.at(c) for c in head.children if c.dep_ in ("compound", "appos"))
        if head.lower_ in lexicon.work_nouns and low in ("the", "this") and not is_named:
            self.refer(token, head, latest_work(self.recent), Source.COREF_DEMONSTRATIVE)  # "the film stars X"
            return
        # 'the area of Beirut', 'the city of Mykolaiv': the noun is followed by its own name
        is_named = is_named or any(c.dep_ == "prep" and c.lower_ == "of" and any(
            self.mentions.at(p) for p in c.children if p.dep_ == "pobj") for c in head.children)
        # "the spacecraft", "the asteroid" refer back as "this drone" does; "the company" may be any
        # ... and "the same company" always refers back, to one of exactly that kind
        same = any(c.lower_ == "same" and c.dep_ == "amod" for c in head.children)
        definite_ok = low != "the" or same or (
            noun_cls is not None and not ontology.is_a(noun_cls, Cls.Agent)
            and not ontology.is_a(noun_cls, Cls.Document)) or _definite_organisation(head, noun_cls, ontology)
        if noun_cls and definite_ok and not is_named:
            target = _demonstrative_antecedent(self.recent, noun_cls, ontology, exact=same, definite=low == "the")
            self.refer(token, head, target, Source.COREF_DEMONSTRATIVE)
        elif head.lower_ in lexicon.research.nouns and not is_named and head.i not in self.resolved \
                and not (head.dep_ == "dobj" and head.head.lemma_.lower() in lexicon.research.agent_verbs):
            # "the research was funded by X", "the study": the work of the first research body named;
            # the ones named later are mostly outside voices ("a pathologist at Y, not involved in the study")
            target = next((m for _, m, _ in self.recent
                           if any(ontology.is_a(m.cls, c) for c in lexicon.research.bodies)), None)
            self.refer(token, head, target, Source.COREF_RESEARCH)


def _subject_words(subject: Token) -> list[Token]:
    """The words naming a clause's subjects: the subject, the ones coordinated with it, and the names in apposition
    to each ("Panama's president, X, and Guatemala's president, Y, congratulated her": her is neither)."""
    found, todo = [], [subject]
    while todo:  # the parser nests them either way: a name in apposition to a title coordinated with the next
        word = todo.pop()
        found.append(word)
        todo.extend(c for c in word.children if c.dep_ in ("conj", "appos"))
    return found


def _aged_person_noun(head: Token, lexicon: Lexicon) -> bool:
    """'the 33-year-old' (the age alone) or 'the 53-year-old filmmaker' (an age on a title or an occupation):
    a person described by age; 'the 120-year-old company' is no person."""
    def is_age(word: Token) -> bool:
        return word.lower_ == "old" and any(c.lower_ in ("year", "years") for c in word.children)
    if is_age(head):
        return True
    word = head.lower_  # two look-ups, not a union of the two sets made for every noun
    return head.pos_ == "NOUN" and (word in lexicon.titles_and_occupations or word in lexicon.person_nouns) \
        and any(c.dep_ == "amod" and is_age(c) for c in head.children)


def latest_work(recent: list[tuple[int, Mention, bool]]) -> Mention | None:
    """The work whose title was given last among the latest mentions ('"Tidewater" ... the film')."""
    return next((m for _, m, _ in reversed(recent[-12:]) if m.cls in (Cls.Product, Cls.CreativeWork)
                 and m.source == Source.RULE), None)


def _is_demonym_noun(token: Token) -> bool:
    """'the Spaniard', 'the 20-year-old Serb': a nationality noun with the definite article stands for a
    person; 'the Spanish team', 'Serb forces' (a modifier) and 'the Dutch' (the people) do not."""
    return token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("amod", "compound", "nmod", "poss") \
        and not token.lower_.endswith(("s", "ish", "ch", "ese")) \
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)


def _epithet_noun(det: Token, lexicon: Lexicon) -> Token | None:
    """The company noun 'the' introduces with only descriptive modifiers: 'the tech giant', 'the Texas oil
    giant', 'the Burbank-based company' ('the' may hang on what the company possesses: "the X-based company's
    shares"). A complement or a clause ('the company behind X', 'the firm that ...') or a contrastive modifier
    ('the rival company') makes a new one."""
    head = det.head
    if head.lower_ not in lexicon.epithets.nouns:
        head = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in lexicon.epithets.nouns
                     and not any(d.dep_ == "det" for d in c.children)), None)
    # 'the company behind X' names a company by what it makes: the only complement an epithet takes
    behind = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "behind"] if head is not None else []
    if head is not None and head.dep_ == "appos":
        return None  # 'Meridian Motors, the Detroit carmaker': an apposition describes its name, no anaphor
    if head is None or head.tag_ != "NN" or det.dep_ != "det" or not behind and not any(
            c.dep_ in ("compound", "amod", "npadvmod", "nmod") for c in head.children):
        return None  # a bare 'the company' is a definite organisation (_definite_organisation)
    for child in head.children:
        if child.dep_ not in ("det", "case", "punct", "compound", "amod", "npadvmod", "nmod") \
                and child not in behind or child.lower_ in lexicon.epithets.contrastive:
            return None
    return head


def _clause_subject_names(noun: Token, mentions: TokenMentions, resolved: dict[int, Mention]) -> set[str]:
    """Names of the subjects of the verb whose clause holds `noun`."""
    verb = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return set()
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ == "relcl" and any(c.lower_ in ("that", "which", "who") for c in subjects):
        # 'X, the insurer that owns 18% of the Espoo-based company': the relative clause's subject is the noun
        # it hangs from, or the name that noun is in apposition to
        noun_head = verb.head
        subjects.append(noun_head.head if noun_head.dep_ == "appos" and mentions.at(noun_head) is None
                        else noun_head)
    found = (mentions.at(c) or resolved.get(c.i) for c in subjects)
    return {m.name for m in found if m is not None}


def _sole_in_latest_sentence(doc: Doc, candidates: list[tuple[int, Mention]]) -> Mention | None:
    """The one company named in the latest sentence that names any; with two ('X's stock rebounded, so that
    the Y deal came out cheaper; the oil giant ...') the epithet may be either, and none is taken."""
    if not candidates:
        return None
    table = token_table(doc)
    latest = table.sentence_bounds(candidates[-1][0])[0]
    names = {m.name for i, m in candidates if table.sentence_bounds(i)[0] == latest}
    first = candidates[-1][1]
    return first if all(_same_name(name, {first.name}) for name in names) else None


def _same_name(name: str, names: set[str]) -> bool:
    """'Activision' and 'Activision Blizzard', 'Disney' and 'Walt Disney Co' are one company: the same first
    word, or the words of one among the other's."""
    words = set(name.split())
    return any(name.split()[0] == other.split()[0] or words <= set(other.split()) or set(other.split()) <= words
               for other in names)


def _described_member(token: Token, mentions: TokenMentions, ontology: Ontology) -> Token | None:
    """'the British driver', 'the American Williams driver', 'the Kenyan runner': a singular member or
    occupation noun after 'the', modified by the demonym, with no name of its own, is a person named before;
    its noun is returned. 'the American team', 'the British driver Lando Norris' are not."""
    head = token.head
    while head.dep_ in ("compound", "nmod") and head.head.i > head.i and mentions.at(head) is not None:
        head = head.head  # 'the American Williams driver': through the team's name to the noun
    lexicon = ontology.lexicon
    if token.dep_ not in ("amod", "compound", "nmod") or head.i <= token.i or head.pos_ != "NOUN" \
            or head.tag_ == "NNS" or head.lower_ not in lexicon.member_nouns and head.lower_ not in lexicon.occupations:
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return None
    named = [c for c in head.children if c.dep_ in ("appos", "compound", "nmod") and mentions.at(c) is not None
             and mentions.at(c).cls == Cls.Person]
    after = mentions.at(head.doc[head.i + 1]) if head.i + 1 < len(head.doc) else None
    if named or mentions.at(head) is not None or (after is not None and after.cls == Cls.Person):
        return None
    return head


def demonym_before(doc: Doc, mentions: TokenMentions, first: Token) -> Mention | None:
    """The nationality written right before a person's name: 'Australian Oscar Piastri' (not 'Australian
    Open champion X', where the words between make it a title)."""
    if first.i == 0:
        return None
    prev = doc[first.i - 1]
    m = mentions.at(prev)
    person = mentions.at(first)
    if m is None or m.source != Source.DEMONYM or m.cls != Cls.Country or person is None:
        return None
    # 'William French Smith': a name word before the demonym makes it part of the name
    inside = prev.i > 0 and doc[prev.i - 1].pos_ == "PROPN" and doc[prev.i - 1].is_title
    return m if prev.dep_ in ("amod", "compound", "nmod") and mentions.at(prev.head) is person and not inside \
        else None


def _definite_organisation(head: Token, noun_cls: str | None, ontology: Ontology) -> bool:
    """'the company', 'the club', 'the agency', "the company's" refer back to an organisation named before;
    with a modifier or a complement ('the tech giant', 'the company of soldiers') the noun may be new."""
    if noun_cls is None or not ontology.is_a(noun_cls, Cls.Organization) or head.pos_ != "NOUN" or head.tag_ == "NNS":
        return False
    # 'the state health department', 'the multinational force for Ukraine', 'the trust that all ...': a
    # modifier, a complement or a defining clause introduces an organisation of its own
    return all(c.dep_ in ("det", "case", "punct") for c in head.children)


def _its_antecedent(token: Token, recent: list[tuple[int, Mention, bool]], mentions: TokenMentions,
                    ontology: Ontology) -> Mention | None:
    """'its' / subject 'it': the latest organisation or country, a subject one when there is one nearby.

    In a relative clause ('Germany, where it has partnered...') the noun it hangs from is not the antecedent.
    """
    speaker = _reporting_subject(token, mentions, ontology)
    if speaker is not None:
        return speaker
    clause = next((a for a in token.ancestors if a.dep_ == "relcl"), None)
    excluded = mentions.at(clause.head) if clause is not None else None
    agents = [(i, mm, subj) for i, mm, subj in recent if ontology.is_a(mm.cls, Cls.Agent) and mm.cls != Cls.Person
              and mm is not excluded and not _describes_a_name(token.doc[i], mm, mentions)]
    if not agents:
        return None
    sent_start = token_table(token.doc).sentence_bounds(token.i)[0]
    same = [a for a in agents if a[0] >= sent_start]  # first the sentence's own, its subject if named
    if same:
        return ([a for a in same if a[2]] or same)[-1][1]
    near = [a for a in agents if a[0] >= sent_start - 60]
    subjects = [a for a in near if a[2]]
    return (subjects[-1] if subjects else agents[-1])[1]


def _describes_a_name(word: Token, mention: Mention, mentions: TokenMentions) -> bool:
    """A nationality word in a description of another name: in 'Acme, the German maker of robots, said its board
    ...' 'German' tells what Acme is, and 'its' is Acme's, not Germany's."""
    if mention.source != Source.DEMONYM:
        return False
    noun = word
    while noun.dep_ in ("amod", "compound", "nmod") and noun.head.i > noun.i:  # 'the Danish offshore wind developer'
        noun = noun.head
    return noun is not word and noun.dep_ == "appos" and mentions.at(noun.head) is not None


def _reporting_subject(token: Token, mentions: TokenMentions, ontology: Ontology) -> Mention | None:
    """'Acme said it would close the plant': the subject 'it' of a clause reported by a speech verb is the named
    organisation (or place) that speaks, whatever NER called it, not the latest organisation before it."""
    if token.lower_ != "it" or token.dep_ not in ("nsubj", "nsubjpass") or token.head.dep_ != "ccomp":
        return None
    verb = token.head.head
    if verb.lemma_.lower() not in ontology.lexicon.speech_verbs:
        return None
    said = [mentions.at(c) for c in verb.children if c.dep_ == "nsubj"]
    m = said[0] if said else None
    if m is None or m.cls == Cls.Person or m.source == Source.DEMONYM:
        return None
    return m


def _demonstrative_antecedent(recent: list[tuple[int, Mention, bool]], noun_cls: str,
                              ontology: Ontology, exact: bool = False, definite: bool = False) -> Mention | None:
    """'This interceptor drone' -> the latest Weapon; 'this force' -> the latest organisation;
    `exact`: 'the same company' -> the latest company, however far back."""
    if exact:
        return next((m for _, m, _ in reversed(recent) if m.source != Source.DEMONYM and ontology.is_a(m.cls, noun_cls)),
                    None)
    top = next((c for c in (Cls.Agent, Cls.Product, Cls.Event, Cls.Document, Cls.Place)
                if ontology.is_a(noun_cls, c)), noun_cls)
    if top == Cls.Agent and definite:
        # "the company" is the latest company, else the latest organisation of no more definite kind
        return _latest_of_kind(recent, noun_cls, Cls.Organization, ontology)
    if top == Cls.Agent:
        top = Cls.Organization
    if top == Cls.Place:  # "the city", "the plant": a place of that kind, or one NER left unkinded
        return _latest_of_kind(recent, noun_cls, Cls.Place, ontology)
    # "the spacecraft": the latest spacecraft before the latest product (organisations are named loosely:
    # "this force" may be a coalition)
    for cls in ((noun_cls, top) if top != Cls.Organization else (top,)):
        for _, m, _ in reversed(recent[-12:]):
            if m.source != Source.DEMONYM and ontology.is_a(m.cls, cls):
                return m
    return None


def _latest_of_kind(recent: list[tuple[int, Mention, bool]], noun_cls: str, unkinded: str,
                    ontology: Ontology) -> Mention | None:
    """The latest mention of the noun's class among the last few, else the latest of the bare top class."""
    for fits in (lambda c: ontology.is_a(c, noun_cls), lambda c: c == unkinded):
        for _, m, _ in reversed(recent[-12:]):
            if m.source != Source.DEMONYM and fits(m.cls):
                return m
    return None


ROLE_DET = re.compile(r"^(the|our|their|his|her)$", re.IGNORECASE)


def _is_role_det(text: str) -> bool:
    return ROLE_DET.match(text) is not None


def _role_nouns(doc: Doc, sent_end: int, dets: list[int], mentions: TokenMentions, resolved: dict[int, Mention],
                titles: set[str]) -> None:
    """'the Prime Minister' (no name beside it) becomes a role mention, resolved later across the corpus.

    `dets` are the tokens of the sentence ending at `sent_end` that `ROLE_DET` matches, in order.
    """
    for i in dets:
        token = doc[i]
        if mentions.at(token) is not None:
            continue
        rest = " ".join(t.lower_ for t in doc[i + 1:min(i + 4, sent_end)])
        # the longest title that is the whole of `rest` or ends before one of its spaces
        cuts = [len(rest)] + [j for j in range(len(rest) - 1, -1, -1) if rest[j] == " "]
        title = next((rest[:j] for j in cuts if rest[:j] in titles), None)
        if title is None:
            continue
        n = len(title.split())
        last = doc[i + n] if i + n < sent_end else None
        if last is None or any(mentions.at(t) and mentions.at(t).cls == Cls.Person
                               for t in doc[i + 1:min(i + n + 2, sent_end)]):
            continue  # "the Prime Minister Keir Starmer": the name is there already
        if last.pos_ not in ("NOUN", "PROPN"):
            continue
        country = None
        for child in last.children:  # "the Prime Minister of the UK"
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    m = mentions.at(pobj)
                    if m is not None and m.cls == Cls.Country:
                        country = m.canonical or m.name
        role = Mention(doc_id=doc_article(doc).doc_id, start=doc[i + 1].idx,
                       end=last.idx + len(last.text), text=doc[i + 1:last.i + 1].text,
                       name=title, cls=Cls.Person, source=Source.ROLE, country=country)
        for t in doc[i + 1:i + n + 1]:
            resolved[t.i] = role
