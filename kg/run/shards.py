"""Extractions as N-Triples shards: the unresolved mention graph of some articles, and back, losslessly.

A shard is what the extraction stage found in a run of consecutive articles, before resolution:
each article (its text and metadata), its mentions (text, name, class, character offsets) and the
relations between them with their provenance. The Dask engine writes one shard per chunk of
articles (`shard-00000.nt`, ...) and the driver reads them back and resolves them exactly as a
local build resolves its extractions, so `read_shard(write_shard(xs)) == xs` must hold for every
list of `Extraction`s; `tests/test_shards.py` checks it on the seed corpus.

Every node is a blank node labelled within its shard (`_:a3` is the shard's fourth article,
`_:a3m0` its first mention), so shards are valid N-Triples that can be loaded side by side into
any store. Tuples keep their order as `rdf:Seq` containers (`rdf:_1`, `rdf:_2`, ...); `None`
fields have no triple; integers are `xsd:integer`, confidences `xsd:double` written with
`repr` (which round-trips a float exactly) and quantity values the `str` of their `Decimal` as a
plain literal (`2E+8` is not a valid `xsd:decimal`, and the exact form is part of the value: the
RDF stage hashes it). A relation's subject, object or speaker that equals one of the article's
mentions points at that mention's node; any other gets a node of its own.

The writer emits only IRIs, blank nodes and literals with `\\uXXXX` escapes for control and
line-separator characters, one triple a line; the reader parses that subset of N-Triples
(which is faster than a general parser and is all a shard holds).
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from kg.config import BASE_IRI, shard_namespace
from kg.models import Article, Comment, Extraction, Mention, Provenance, Quantity, Relation
from kg.ontology.vocabulary import Cls

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
TYPE = RDF_NS + "type"
SEQ = RDF_NS + "Seq"
INTEGER = XSD_NS + "integer"
DOUBLE = XSD_NS + "double"
SHARD_NAME = "shard-{:05d}.nt"

# Optional string fields of an Article, in the order they are written.
_ARTICLE_TEXT = ("doc_id", "source", "text", "title", "subtitle", "date", "publisher", "url", "kind",
                 "language")
_ARTICLE_LISTS = ("authors", "credits")
_MENTION_TEXT = ("doc_id", "text", "name", "cls", "source", "wikidata", "canonical", "country")
_PROV_TEXT = ("doc_id", "sentence", "rule", "modality", "date")

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NEEDS_ESCAPE = re.compile('[\\\\"\x00-\x1f\x7f\x85\u2028\u2029\ud800-\udfff]')


def shard_name(index: int) -> str:
    """`shard-00000.nt` for the first chunk."""
    return SHARD_NAME.format(index)


def _literal(value: str) -> str:
    return '"' + _NEEDS_ESCAPE.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), value) + '"'


class _Writer:
    def __init__(self, namespace: str) -> None:
        self.ns = namespace
        self.lines: list[str] = []

    def node(self, subject: str, cls: str) -> None:
        self.lines.append(f"_:{subject} <{TYPE}> <{self.ns}{cls}> .")

    def text(self, subject: str, prop: str, value: str | None) -> None:
        if value is not None:
            self.lines.append(f"_:{subject} <{self.ns}{prop}> {_literal(value)} .")

    def integer(self, subject: str, prop: str, value: int) -> None:
        self.lines.append(f'_:{subject} <{self.ns}{prop}> "{int(value)}"^^<{INTEGER}> .')

    def double(self, subject: str, prop: str, value: float) -> None:
        self.lines.append(f'_:{subject} <{self.ns}{prop}> "{float(value)!r}"^^<{DOUBLE}> .')

    def link(self, subject: str, prop: str, target: str) -> None:
        self.lines.append(f"_:{subject} <{self.ns}{prop}> _:{target} .")

    def seq(self, subject: str, prop: str, label: str, members: Sequence[str], literal: bool = False) -> None:
        """An rdf:Seq of literals or of nodes (labels); nothing at all for an empty tuple."""
        if not members:
            return
        self.link(subject, prop, label)
        self.lines.append(f"_:{label} <{TYPE}> <{SEQ}> .")
        for k, member in enumerate(members, start=1):
            obj = _literal(member) if literal else f"_:{member}"
            self.lines.append(f"_:{label} <{RDF_NS}_{k}> {obj} .")

    def mention(self, label: str, m: Mention) -> None:
        self.node(label, "Mention")
        for prop in _MENTION_TEXT:
            self.text(label, prop, getattr(m, prop))
        self.integer(label, "start", m.start)
        self.integer(label, "end", m.end)

    def article(self, a: str, position: int, article: Article) -> None:
        """The article's node `a`: its place in the shard, text, metadata and comments."""
        self.node(a, Cls.Article)
        self.integer(a, "position", position)
        for prop in _ARTICLE_TEXT:
            self.text(a, prop, getattr(article, prop))
        for prop in _ARTICLE_LISTS:
            self.seq(a, prop, f"{a}{prop}", getattr(article, prop), literal=True)
        comments = []
        for k, comment in enumerate(article.comments):
            c = f"{a}c{k}"
            self.node(c, Cls.Comment)
            self.text(c, "author", comment.author)
            self.text(c, "text", comment.text)
            comments.append(c)
        self.seq(a, "comments", f"{a}comments", comments)

    def mentions(self, a: str, mentions: Sequence[Mention]) -> dict[Mention, str]:
        """The article's mention list; returns the node of each mention (the first, for equal ones)."""
        labels: dict[Mention, str] = {}
        nodes = []
        for k, m in enumerate(mentions):
            label = f"{a}m{k}"
            self.mention(label, m)
            labels.setdefault(m, label)
            nodes.append(label)
        self.seq(a, "mentions", f"{a}mentions", nodes)
        return labels

    def mention_node(self, m: Mention, label: str, labels: dict[Mention, str]) -> str:
        """The node of one of the article's mentions, or a new node `label` for any other."""
        if m in labels:
            return labels[m]
        self.mention(label, m)
        return label

    def relation(self, r: str, rel: Relation, labels: dict[Mention, str]) -> None:
        self.node(r, "Relation")
        self.link(r, "subject", self.mention_node(rel.subject, f"{r}s", labels))
        self.text(r, "predicate", rel.predicate)
        obj = rel.object
        if isinstance(obj, Mention):
            self.link(r, "object", self.mention_node(obj, f"{r}o", labels))
        elif isinstance(obj, Quantity):
            q = f"{r}q"
            self.node(q, Cls.Quantity)
            self.text(q, "value", str(obj.value))
            self.text(q, "unit", obj.unit)
            self.text(q, "text", obj.text)
            self.link(r, "object", q)
        else:
            self.text(r, "object", obj)
        self.link(r, "provenance", self.provenance(r, rel.provenance, labels))

    def provenance(self, r: str, prov: Provenance, labels: dict[Mention, str]) -> str:
        """The provenance node of relation `r`, returned."""
        p = f"{r}p"
        self.node(p, "Provenance")
        for prop in _PROV_TEXT:
            self.text(p, prop, getattr(prov, prop))
        self.integer(p, "start", prov.start)
        self.integer(p, "end", prov.end)
        self.double(p, "confidence", prov.confidence)
        if prov.stated_by is not None:
            self.link(p, "statedBy", self.mention_node(prov.stated_by, f"{r}w", labels))
        return p


def write_shard(extractions: Iterable[Extraction], base_iri: str = BASE_IRI) -> str:
    """N-Triples text holding `extractions`, in their order (see the module docstring), in the
    shard namespace under `base_iri`."""
    w = _Writer(shard_namespace(base_iri))
    for position, ex in enumerate(extractions):
        a = f"a{position}"
        w.article(a, position, ex.article)
        labels = w.mentions(a, ex.mentions)
        relations = [f"{a}r{k}" for k in range(len(ex.relations))]
        for r, rel in zip(relations, ex.relations):
            w.relation(r, rel, labels)
        w.seq(a, "relations", f"{a}relations", relations)
    return "".join(line + "\n" for line in w.lines)


# --- reading -------------------------------------------------------------------------------------

_TERM = r'(_:[A-Za-z0-9_]+|<[^>]*>|"(?:[^"\\]|\\.)*"(?:\^\^<[^>]*>|@[A-Za-z0-9-]+)?)'
_LINE = re.compile(rf"^{_TERM}\s+<([^>]*)>\s+{_TERM}\s*\.\s*$")
_UNESCAPE = re.compile(r'\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[tbnrf"\'\\])')
_SIMPLE = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


class ShardError(ValueError):
    """A shard that is not what `write_shard` writes."""


class _Literal(str):
    """A literal's value (unescaped), with its datatype IRI."""

    datatype: str | None = None


def _unescape(body: str) -> str:
    def one(m: re.Match[str]) -> str:
        code = m.group(1)
        return _SIMPLE[code] if len(code) == 1 else chr(int(code[1:], 16))
    return _UNESCAPE.sub(one, body) if "\\" in body else body


def _term(token: str) -> str | _Literal:
    """A blank node or IRI as its text (`_:a0`, `<...>` kept as is), a literal as a `_Literal`."""
    if token[0] != '"':
        return token
    end = token.rindex('"')
    value = _Literal(_unescape(token[1:end]))
    rest = token[end + 1:]
    value.datatype = rest[3:-1] if rest.startswith("^^") else None
    return value


def _parse(text: str) -> dict[str, dict[str, list]]:
    nodes: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for number, line in enumerate(text.split("\n"), start=1):  # "\n" only: literals may hold raw U+2028, \x1e
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _LINE.match(line)
        if match is None:
            raise ShardError(f"line {number} is not a shard triple: {line[:80]!r}")
        subject, predicate, obj = match.groups()
        nodes[subject][predicate].append(_term(obj))
    return nodes


class _Reader:
    def __init__(self, nodes: dict[str, dict[str, list]], namespace: str) -> None:
        self.nodes = nodes
        self.ns = namespace
        self.mentions: dict[str, Mention] = {}

    def one(self, node: str, prop: str, default: object = ...) -> object:
        values = self.nodes.get(node, {}).get(self.ns + prop, [])
        if not values:
            if default is ...:
                raise ShardError(f"{node} has no {prop}")
            return default
        if len(values) > 1:
            raise ShardError(f"{node} has {len(values)} values for {prop}")
        return values[0]

    def text(self, node: str, prop: str) -> str | None:
        value = self.one(node, prop, None)
        return None if value is None else str(value)

    def integer(self, node: str, prop: str) -> int:
        return int(self.one(node, prop))

    def seq(self, node: str, prop: str) -> list:
        label = self.one(node, prop, None)
        if label is None:
            return []
        members = [(int(p[len(RDF_NS) + 1:]), values[0]) for p, values in self.nodes[label].items()
                   if p.startswith(RDF_NS + "_")]
        return [member for _, member in sorted(members)]

    def is_a(self, node: str, cls: str) -> bool:
        return f"<{self.ns}{cls}>" in self.nodes.get(node, {}).get(TYPE, [])

    def mention(self, node: str) -> Mention:
        if node not in self.mentions:
            fields = {prop: self.text(node, prop) for prop in _MENTION_TEXT}
            self.mentions[node] = Mention(start=self.integer(node, "start"), end=self.integer(node, "end"),
                                          **fields)  # type: ignore[arg-type]
        return self.mentions[node]

    def relation(self, node: str) -> Relation:
        obj = self.one(node, "object")
        if isinstance(obj, _Literal):
            value: Mention | Quantity | str = str(obj)
        elif self.is_a(obj, Cls.Quantity):
            value = Quantity(Decimal(self.text(obj, "value")), self.text(obj, "unit"),
                             self.text(obj, "text"))  # type: ignore[arg-type]
        else:
            value = self.mention(obj)
        p = self.one(node, "provenance")
        speaker = self.one(p, "statedBy", None)
        texts = {prop: self.text(p, prop) for prop in _PROV_TEXT}
        provenance = Provenance(start=self.integer(p, "start"), end=self.integer(p, "end"),
                                confidence=float(self.one(p, "confidence")),  # type: ignore[arg-type]
                                stated_by=None if speaker is None else self.mention(speaker),
                                **texts)  # type: ignore[arg-type]
        predicate = self.text(node, "predicate")
        subject = self.mention(self.one(node, "subject"))  # type: ignore[arg-type]
        return Relation(subject, predicate, value, provenance)  # type: ignore[arg-type]

    def extraction(self, a: str) -> Extraction:
        fields = {prop: self.text(a, prop) for prop in _ARTICLE_TEXT}
        lists = {prop: tuple(str(v) for v in self.seq(a, prop)) for prop in _ARTICLE_LISTS}
        comments = tuple(Comment(self.text(c, "author"), self.text(c, "text"))  # type: ignore[arg-type]
                         for c in self.seq(a, "comments"))
        article = Article(**fields, **lists, comments=comments)  # type: ignore[arg-type]
        return Extraction(article, tuple(self.mention(m) for m in self.seq(a, "mentions")),
                          tuple(self.relation(r) for r in self.seq(a, "relations")))


def read_shard(text: str, base_iri: str = BASE_IRI) -> list[Extraction]:
    """The Extractions a `write_shard` text (written with the same `base_iri`) holds, in their order."""
    reader = _Reader(_parse(text), shard_namespace(base_iri))
    articles = sorted((reader.integer(node, "position"), node) for node in reader.nodes
                      if reader.is_a(node, Cls.Article))
    return [reader.extraction(node) for _, node in articles]


def write_shard_file(path: Path, extractions: Iterable[Extraction], base_iri: str = BASE_IRI) -> Path:
    """`write_shard` into `path`, atomically."""
    from kg.run.atomic import atomic_write_bytes

    atomic_write_bytes(Path(path), write_shard(extractions, base_iri).encode("utf-8"))
    return Path(path)


def read_shards(folder: Path, count: int, base_iri: str = BASE_IRI) -> list[Extraction]:
    """The Extractions of `shard-00000.nt` ... in `folder`, in shard order."""
    out: list[Extraction] = []
    for index in range(count):
        out.extend(read_shard((Path(folder) / shard_name(index)).read_text(encoding="utf-8"), base_iri))
    return out
