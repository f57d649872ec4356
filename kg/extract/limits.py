"""Limits that keep a pathological input from costing more than it is worth.

A "sentence" of hundreds of tokens is a table, a list or a page run together without punctuation:
the parser's tree over it is unreliable, so relations read from it are dropped (its mentions stay).
"""
from __future__ import annotations

import dataclasses
import re

from kg.models import Extraction

# Close to spaCy's tokenisation for this purpose: words, and each punctuation mark on its own.
_TOKEN = re.compile(r"\w+|[^\w\s]")


def token_count(text: str) -> int:
    return len(_TOKEN.findall(text))


def drop_overlong(extraction: Extraction, max_tokens: int) -> tuple[Extraction, int]:
    """The extraction without relations read from sentences over `max_tokens` tokens, and how many went."""
    kept = tuple(r for r in extraction.relations if token_count(r.provenance.sentence) <= max_tokens)
    dropped = len(extraction.relations) - len(kept)
    return (dataclasses.replace(extraction, relations=kept) if dropped else extraction), dropped
