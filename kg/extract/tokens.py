"""A Doc's token attributes as arrays, built once per Doc, so rules visit only the tokens that can match.

Making a spaCy `Token` (`doc[i]`, `for token in doc`) and reading a string attribute of it costs more
than the test most rules then make. The attributes of every token come out of `Doc.to_array` in one
call, as string ids (hashes; `POS` as its symbol id); a rule asks for the ascending indices of the
tokens whose attribute is one of some strings, or passes some other test, and makes Tokens of those
only; each test looks at the distinct values of a Doc, not at every token. Sentence boundaries are
read from the same array, so a token's sentence is a look-up instead of a walk over the sentence
(`Token.sent`). The table lives in `doc.user_data`, which `kg.run.cache.doc_bytes` leaves out.
"""
from __future__ import annotations

import bisect
import functools
import weakref
from collections.abc import Callable, Iterable, Set

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, LOWER, ORTH, POS, SENT_START
from spacy.strings import get_string_id
from spacy.tokens import Doc

# Columns of the table; `TokenTable.column` takes any of these attribute ids.
COLUMNS = (ORTH, LOWER, LEMMA, POS, DEP, ENT_TYPE, HEAD, SENT_START, IDX, LENGTH, IS_PUNCT, IS_SPACE)
_USER_DATA_KEY = "kg.tokens"


class TokenTable:
    """The attribute arrays of one Doc and its sentence boundaries (as `Doc.sents` finds them)."""

    def __init__(self, doc: Doc):
        array = doc.to_array(list(COLUMNS)) if len(doc) else np.zeros((0, len(COLUMNS)), dtype=np.uint64)
        self._columns = {attr: array[:, k] for k, attr in enumerate(COLUMNS)}
        self._uniques: dict[int, tuple[list[int], np.ndarray]] = {}
        self.parents: dict[tuple[int, Set[int]], frozenset[int]] = {}  # see `parents_of`
        self.datelines: dict[int, bool] = {}  # token index -> `kg.extract.arguments.in_dateline`
        # HEAD is stored relative to the token, SENT_START as 1 / 0 / -1, both in unsigned columns
        index = np.arange(len(doc), dtype=np.int64)
        self.heads: np.ndarray = index + self._columns[HEAD].astype(np.int64)
        self.roots: list[int] = np.flatnonzero(self.heads == index).tolist()  # the tokens that head themselves
        starts = np.flatnonzero(self._columns[SENT_START].astype(np.int64) == 1)
        starts = starts[starts > 0].tolist()
        self.sent_starts: list[int] = [0] + starts if len(doc) else []
        self.sent_ends: list[int] = starts + [len(doc)] if len(doc) else []
        idx, length = self._columns[IDX].astype(np.int64), self._columns[LENGTH].astype(np.int64)
        self.sent_start_chars: list[int] = [int(idx[s]) for s in self.sent_starts]
        self.sent_end_chars: list[int] = [int(idx[e - 1] + length[e - 1]) for e in self.sent_ends]
        self.is_word: np.ndarray = (self._columns[IS_PUNCT] == 0) & (self._columns[IS_SPACE] == 0)
        self._char_starts: list[int] = idx.tolist()
        self._char_ends: list[int] = (idx + length).tolist()

    def column(self, attr: int) -> np.ndarray:
        return self._columns[attr]

    def uniques(self, attr: int) -> tuple[list[int], np.ndarray]:
        """The distinct values of a column, and for each token the position of its value among them."""
        found = self._uniques.get(attr)
        if found is None:
            values, where = np.unique(self._columns[attr], return_inverse=True)
            found = self._uniques[attr] = (values.tolist(), where)
        return found

    def span_text(self, text: str, start: int, end: int) -> str:
        """`doc[start:end].text` cut from the Doc's text (`kg.nlp.doc_text`), without making the Span."""
        return text[self._char_starts[start]:self._char_ends[end - 1]] if end > start else ""

    def sentence_of(self, i: int) -> int:
        """Index of the sentence holding token `i`."""
        return bisect.bisect_right(self.sent_starts, i) - 1

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        """Token start and end of the sentence holding token `i`: `token.sent.start`, `token.sent.end`."""
        k = self.sentence_of(i)
        return self.sent_starts[k], self.sent_ends[k]

    def sentence_at_char(self, offset: int) -> int | None:
        """Index of the sentence whose characters include `offset`, or None (between sentences)."""
        k = bisect.bisect_right(self.sent_start_chars, offset) - 1
        return k if k >= 0 and offset < self.sent_end_chars[k] else None


def token_table(doc: Doc) -> TokenTable:
    """The Doc's `TokenTable`, built on first use and kept in `doc.user_data`."""
    table = doc.user_data.get(_USER_DATA_KEY)
    if table is None:
        table = doc.user_data[_USER_DATA_KEY] = TokenTable(doc)
    return table


def string_ids(words: Iterable[str]) -> frozenset[int]:
    """The ids `Doc.to_array` gives these strings (symbol ids for POS tags and dependency labels)."""
    return frozenset(get_string_id(w) for w in words)


def indices_with(doc: Doc, tests: dict[int, Set[int]]) -> list[int]:
    """Ascending indices of the tokens whose value of some attribute of `tests` is one of its ids
    (see `string_ids`): `{ORTH: string_ids(["Armed"])}`."""
    table = token_table(doc)
    passed = np.zeros(len(doc), dtype=bool)
    for attr, ids in tests.items():
        values, where = table.uniques(attr)
        passed |= np.fromiter(map(ids.__contains__, values), dtype=bool, count=len(values))[where]
    return np.flatnonzero(passed).tolist()


def parents_of(doc: Doc, attr: int, ids: Set[int]) -> frozenset[int]:
    """Indices of the tokens with a child whose `attr` is one of `ids`: those for which
    `any(c.dep_ in deps for c in token.children)` holds, with `{DEP: string_ids(deps)}`; kept per Doc."""
    table = token_table(doc)
    found = table.parents.get((attr, ids))
    if found is None:
        children = np.array(indices_with(doc, {attr: ids}), dtype=np.int64)
        heads = table.heads[children]
        found = table.parents[(attr, ids)] = frozenset(heads[heads != children].tolist())  # a root heads itself
    return found


# test -> {string id: its verdict}: a string id always names the same string, so verdicts hold for
# every Doc; kept while the test itself is alive.
_verdicts: weakref.WeakKeyDictionary[Callable[[str], bool], dict[int, bool]] = weakref.WeakKeyDictionary()


def indices_where(doc: Doc, attr: int, test: Callable[[str], bool]) -> list[int]:
    """Ascending indices of the tokens whose `attr`, as a string, passes `test`.

    For tests a set of strings cannot express: `lemma_.lower() in nouns` (see `lowercase_in`), a
    regular expression on the text. `test` must be a pure function of the string; pass the same
    function object each time, and each distinct string is tested once in the whole corpus.
    """
    values, where = token_table(doc).uniques(attr)
    verdicts = _verdicts.setdefault(test, {})
    passed = list(map(verdicts.get, values))
    if None in passed:  # strings no Doc so far had
        strings = doc.vocab.strings
        passed = [verdicts.setdefault(v, bool(test(strings[v]))) if p is None else p for v, p in zip(values, passed)]
    return np.flatnonzero(np.array(passed, dtype=bool)[where]).tolist()


@functools.lru_cache(maxsize=64)
def lowercase_in(words: frozenset[str]) -> Callable[[str], bool]:
    """The test 'lower-cased, one of `words`', one function object per set of words (see `indices_where`)."""
    return lambda text: text.lower() in words
