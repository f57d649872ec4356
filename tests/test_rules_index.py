"""What the rules read of a Doc instead of walking it (kg/extract/rules/context.py, kg/extract/arguments.py):
the tokens a rule asks for by word or part of speech, and the argument finder's memoised answers."""
from __future__ import annotations

import spacy
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc

from kg.extract.arguments import ArgumentFinder
from kg.extract.mentions import TokenMentions
from kg.extract.rules import RuleContext
from kg.models import Mention, Source
from kg.ontology.vocabulary import Cls


def _doc() -> Doc:
    """'Nordbank sent troops . Envoys Sent home .' with a parse written out (no model)."""
    return Doc(spacy.blank("en").vocab,
               words=["Nordbank", "sent", "troops", ".", "Envoys", "Sent", "home", "."],
               lemmas=["Nordbank", "send", "troop", ".", "envoy", "send", "home", "."],
               pos=["PROPN", "VERB", "NOUN", "PUNCT", "NOUN", "VERB", "ADV", "PUNCT"],
               heads=[1, 1, 1, 1, 5, 5, 5, 5],
               deps=["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "advmod", "punct"])


def _context(doc: Doc, ontology) -> RuleContext:
    nordbank = Mention(doc_id="t0", start=0, end=8, text="Nordbank", name="Nordbank", cls=Cls.Company,
                       source=Source.NER)
    mentions = TokenMentions({0: nordbank}, [(0, 1, nordbank)])
    return RuleContext(doc, ontology, ArgumentFinder(doc, mentions, {}, ontology))


def test_a_rule_gets_the_tokens_it_asks_for_in_the_docs_order(ontology):
    doc = _doc()
    ctx = _context(doc, ontology)
    assert [t.i for t in ctx.tokens_tagged("VERB")] == [t.i for t in doc if t.pos_ == "VERB"] == [1, 5]
    assert [t.i for t in ctx.tokens_tagged("NOUN", "PROPN")] == [0, 2, 4]
    # lower-cased: 'Sent' is 'sent'; a word asked for by lemma and by form comes once
    assert [t.i for t in ctx.tokens_with({"sent", "troops"}, LOWER)] == [1, 2, 5]
    assert [t.i for t in ctx.tokens_with({"send", "envoy"}, LEMMA, LOWER)] == [1, 4, 5]
    assert ctx.tokens_with({"absent"}, LEMMA, LOWER) == []
    assert all(t is ctx.tokens[t.i] for t in ctx.tokens_tagged("VERB"))  # the context's own Token objects


def test_the_argument_finder_answers_as_it_walks_and_each_caller_owns_its_list(ontology):
    doc = _doc()
    finder = _context(doc, ontology).args
    walked = ArgumentFinder.subjects.__wrapped__(finder, doc[1])
    first = finder.subjects(doc[1])
    assert first == walked and [m.name for m in first] == ["Nordbank"]
    first.append(first[0])  # a caller extending its answer changes no one else's
    assert finder.subjects(doc[1]) == walked
    assert finder.entities(doc[0]) == ArgumentFinder.entities.__wrapped__(finder, doc[0])
    assert finder.direct_objects(doc[5]) == [] and finder.prep_objects(doc[1], "to") == []
