"""A place that frames a sentence: 'In Vermont, a blaze near Elmsworth ...', 'Nevada: crews east of the Ruby
Mountains ...'. News (weather and fire round-ups above all) opens a sentence with the state or country the rest of
it happens in; a narrower place the sentence then puts something in, at or near, and that nothing else places,
lies inside the frame."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.extract.rules.context import RuleContext
from kg.extract.rules.places import COMPASS, is_place, is_place_comma, is_wider, may_lie_in, names_a_place, \
    wider_after_in
from kg.models import Mention, Relation
from kg.ontology.vocabulary import Cls


def framed_places(ctx: RuleContext) -> Iterator[Relation]:
    """locatedIn from a sentence's opening place ('In Vermont,', 'Nevada:') to the places inside the sentence."""
    spans = ctx.args.mentions.spans
    for sent in ctx.doc.sents:
        frame, after = sentence_frame(ctx, sent)
        if frame is None:
            continue
        for k, (start, end, m) in enumerate(spans):
            if not after <= start < sent.end or m is frame or m.name == frame.name or not is_place(ctx, m):
                continue
            if is_wider(ctx, m, frame) and may_lie_in(ctx, m, frame) and is_located(ctx, ctx.doc[start:end].root) \
                    and not placed_otherwise(ctx, k, m, end):
                yield from ctx.relate(m, "locatedIn", frame, ctx.doc[start], "place-frame", modal=False)


def sentence_frame(ctx: RuleContext, sent: Span) -> tuple[Mention | None, int]:
    """The place a sentence opens with, 'In Vermont,' (an adverb may come first: 'Elsewhere in Vermont,') or
    'Nevada:', and where the rest of the sentence begins. A bracketed tag before it ('(Excerpts)') is skipped."""
    doc, k = ctx.doc, sent.start
    if k < sent.end and doc[k].text == "(":
        close = next((t.i for t in doc[k:sent.end] if t.text == ")"), None)
        k = close + 1 if close is not None and close - k <= 3 else k
    if k < sent.end and doc[k].pos_ == "ADV" and doc[k].lower_ not in ctx.settings.frame_preps:
        k += 1
    prep = k < sent.end and doc[k].lower_ in ctx.settings.frame_preps
    first = k + 1 if prep else k
    frame = ctx.args.mentions.at(doc[first]) if first < sent.end else None
    if frame is None or frame.cls not in (Cls.Country, Cls.Region):
        return None, 0
    end = first
    while end < sent.end and ctx.args.mentions.at(doc[end]) is frame:
        end += 1
    mark = doc[end].text if end < sent.end else ""
    if mark == "," and prep or mark == ":" and not prep:
        return frame, end + 1
    return None, 0


def is_located(ctx: RuleContext, root: Token) -> bool:
    """The place is where something is: the object of 'in', 'near', 'over' ('a fire in X'), or of an 'of' after
    a place noun or compass word ('the district of X', 'east of X'); not a subject or object ('strikes hit X')."""
    if root.dep_ != "pobj":
        return False
    prep = root.head
    if prep.lower_ == "of":
        return names_a_place(ctx, prep.head) or bool(COMPASS.match(prep.head.lower_))
    return prep.lower_ in ctx.settings.frame_inner_preps


def placed_otherwise(ctx: RuleContext, k: int, place: Mention, end: int) -> bool:
    """'near Ogden, Utah', 'near Ogden in Utah', 'over Lyle and Ogden, Utah': the sentence places it, or a place
    coordinated with it, itself."""
    spans = ctx.args.mentions.spans
    conjuncts = {t.i for t in ctx.doc[spans[k][0]:end].root.conjuncts}
    for j, (start, stop, m) in enumerate(spans):
        if j == k or start in conjuncts or any(start <= i < stop for i in conjuncts):
            if j + 1 < len(spans) and is_place_comma(ctx, start, stop, spans[j + 1]) \
                    or wider_after_in(ctx, m, stop) is not None:
                return True
    return False
