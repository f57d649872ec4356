"""Run a SPARQL query over a graph file, in rdflib or in an on-disk Oxigraph store, and format the answer."""
from __future__ import annotations

import csv
import io
import json
import fcntl
import logging
import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph
import rdflib

from kg.config import BASE_IRI, PACKAGE_ROOT, data_namespaces
from kg.errors import InputError, OutputError, parse_error_text
from kg.run.atomic import atomic_write_text
from kg.ontology import KG

QUERIES_DIR = PACKAGE_ROOT.parent / "queries"
STORES = ("rdflib", "oxigraph")
FORMATS = ("table", "csv", "json")

# Declared for every query, so a query typed on the command line may use them without PREFIX lines.
# The build's own namespaces are those of the default base IRI (`kg.config.data_namespaces`).
PREFIXES: dict[str, str] = {
    "kg": str(KG),
    **data_namespaces(BASE_IRI),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "wd": "http://www.wikidata.org/entity/",
}

_XSD = PREFIXES["xsd"]
_NUMERIC = {_XSD + t for t in (
    "integer", "decimal", "double", "float", "int", "long", "short", "byte", "nonNegativeInteger",
    "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong",
    "unsignedShort", "unsignedByte",
)}
_log = logging.getLogger("kg")
_STAMP = "source.json"  # what the store was loaded from: path, size, mtime


@dataclass(frozen=True)
class QueryResult:
    """A query's answer as plain strings: full IRIs, literal lexical forms, numbers normalised, "" for unbound."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def resolve_query(query_or_file: str, queries_dir: Path = QUERIES_DIR) -> str:
    """Return the query text for a .rq path, the stem of a file in queries/ ("offices"), or a literal query."""
    candidate = Path(query_or_file)
    if candidate.suffix == ".rq" or (len(query_or_file) < 256 and candidate.is_file()):
        if not candidate.is_file():
            raise InputError(f"query file not found: {query_or_file}")
        return candidate.read_text(encoding="utf-8")
    if re.fullmatch(r"[\w-]+", query_or_file):
        named = queries_dir / f"{query_or_file}.rq"
        if named.is_file():
            return named.read_text(encoding="utf-8")
        known = ", ".join(sorted(p.stem for p in queries_dir.glob("*.rq")))
        raise InputError(f"no query named {query_or_file!r} in {queries_dir} (known: {known})")
    return query_or_file


def run_query(graph_path: Path, query: str, store: str = "rdflib", store_dir: Path | None = None,
              allow_service: bool = False) -> QueryResult:
    """Run one SPARQL query (text) over the Turtle file at graph_path in the store named.

    Queries never leave the machine: a `SERVICE` clause (which both stores would follow with an
    HTTP request) is refused unless `allow_service`; updates are refused as updates.

    The two stores give the same rows for the same graph once each is sorted: terms are reduced to
    plain strings by `term_text`, which removes the stores' differences in numeric lexical forms.
    """
    if store not in STORES:
        raise InputError(f"unknown store {store!r}; choose one of {', '.join(STORES)}")
    graph_path = Path(graph_path)
    if not graph_path.is_file():
        raise InputError(f"graph file not found: {graph_path}")
    check_query(query, allow_service)
    if store == "rdflib":
        return _run_rdflib(graph_path, query)
    return _run_oxigraph(open_store(graph_path, store_dir), query)


# Strings, IRIs and comments, which may hold any word; what is left is the query's own keywords.
_OPAQUE = re.compile("|".join((
    r'"""(?:[^"\\]|\\.|"(?!""))*"""',  # long strings
    r"'''(?:[^'\\]|\\.|'(?!''))*'''",
    r'"(?:[^"\\\n]|\\.)*"',  # strings
    r"'(?:[^'\\\n]|\\.)*'",
    r'<[^<>"{}|^`\\\s]*>',  # IRIs
    r"#[^\n]*",  # comments
)))
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:-])", re.IGNORECASE)
_PROLOGUE = re.compile(r"\s*(?:(?:BASE\s*<>|PREFIX\s+[\w.-]*:\s*<>)\s*)*", re.IGNORECASE)
_UPDATE = re.compile(r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)


def _keywords(query: str) -> str:
    """The query with strings, IRIs and comments blanked out."""
    def blank(match: re.Match) -> str:
        token = match.group()
        return "<>" if token.startswith("<") else " " if token.startswith("#") else '""'

    return _OPAQUE.sub(blank, query)


def check_query(query: str, allow_service: bool = False) -> None:
    """Refuse updates and (unless allowed) SERVICE, then check the syntax; each an InputError of one line."""
    keywords = _keywords(query)
    if _UPDATE.match(keywords, _PROLOGUE.match(keywords).end()):
        raise InputError("updates are not allowed: kg query and kg serve answer read-only queries "
                         "(SELECT, ASK, CONSTRUCT, DESCRIBE)")
    if not allow_service and _SERVICE.search(keywords):
        raise InputError("SERVICE is not allowed: a query must not make requests to other servers "
                         "(kg query --allow-service permits it)")
    _check_syntax(query)


def _check_syntax(query: str) -> None:
    # Oxigraph's parser, on an empty store, is the one check: it gives both stores the same one-line
    # message for bad SPARQL and for undeclared prefixes (which rdflib would raise as a bare Exception).
    try:
        pyoxigraph.Store().query(query, prefixes=PREFIXES)
    except SyntaxError as err:
        raise InputError(f"bad SPARQL: {_parser_message(str(err))}") from err


def _parser_message(text: str, limit: int = 120) -> str:
    # Oxigraph lists every character class it would have accepted; the position and the gist are enough.
    where = re.match(r"error at (\d+:\d+)", text)
    if "Prefix not found" in text:
        return f"undeclared prefix at {where.group(1) if where else '?'}"
    first = " ".join(text.split())
    return first if len(first) <= limit else first[: limit - 1] + "…"


def _run_rdflib(graph_path: Path, query: str) -> QueryResult:
    graph = rdflib.Graph()
    try:
        graph.parse(graph_path, format=_rdflib_format(graph_path))
    except (SyntaxError, ValueError) as err:
        raise InputError(parse_error_text(graph_path, err)) from err
    result = graph.query(query, initNs=PREFIXES)
    if result.type == "ASK":
        return QueryResult(("ask",), ((_bool_text(bool(result.askAnswer)),),))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        rows = tuple(tuple(term_text(t) for t in triple) for triple in result.graph)
        return QueryResult(("subject", "predicate", "object"), rows)
    columns = tuple(str(v) for v in result.vars)
    rows = tuple(tuple(term_text(row[i]) for i in range(len(columns))) for row in result)
    return QueryResult(columns, rows)


def _run_oxigraph(store: pyoxigraph.Store, query: str) -> QueryResult:
    try:
        result = store.query(query, prefixes=PREFIXES)
    except SyntaxError as err:
        raise InputError(f"bad SPARQL: {str(err).splitlines()[0]}") from err
    if isinstance(result, pyoxigraph.QueryBoolean):
        return QueryResult(("ask",), ((_bool_text(bool(result)),),))
    if isinstance(result, pyoxigraph.QueryTriples):
        rows = tuple((term_text(t.subject), term_text(t.predicate), term_text(t.object)) for t in result)
        return QueryResult(("subject", "predicate", "object"), rows)
    columns = tuple(v.value for v in result.variables)
    rows = tuple(tuple(term_text(solution[i]) for i in range(len(columns))) for solution in result)
    return QueryResult(columns, rows)


def term_text(term: object) -> str:
    """The plain-string form of an rdflib or pyoxigraph term: IRI, literal lexical form (numbers normalised), _:id."""
    if term is None:
        return ""
    if isinstance(term, rdflib.URIRef):
        return str(term)
    if isinstance(term, rdflib.BNode):
        return f"_:{term}"
    if isinstance(term, rdflib.Literal):
        return _literal_text(str(term), str(term.datatype) if term.datatype else None)
    if isinstance(term, pyoxigraph.NamedNode):
        return term.value
    if isinstance(term, pyoxigraph.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, pyoxigraph.Literal):
        return _literal_text(term.value, term.datatype.value if term.datatype else None)
    return str(term)


def _literal_text(lexical: str, datatype: str | None) -> str:
    if datatype not in _NUMERIC:
        return lexical
    # "200000000.0"^^xsd:decimal, "2E8"^^xsd:double and "200000000"^^xsd:integer all read as 200000000.
    try:
        number = Decimal(lexical.strip())
    except InvalidOperation:
        return lexical
    if not number.is_finite():
        return lexical
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def _bool_text(value: bool) -> str:
    return "true" if value else "false"


def _rdflib_format(path: Path) -> str:
    return {".nt": "nt", ".trig": "trig", ".jsonld": "json-ld", ".nq": "nquads"}.get(path.suffix, "turtle")


def _ox_format(path: Path) -> pyoxigraph.RdfFormat:
    return {
        ".nt": pyoxigraph.RdfFormat.N_TRIPLES, ".trig": pyoxigraph.RdfFormat.TRIG,
        ".jsonld": pyoxigraph.RdfFormat.JSON_LD, ".nq": pyoxigraph.RdfFormat.N_QUADS,
    }.get(path.suffix, pyoxigraph.RdfFormat.TURTLE)


def default_store_dir(graph_path: Path) -> Path:
    """Where the Oxigraph copy of a graph lives unless told otherwise: `graph.ttl.oxigraph/` beside it."""
    return graph_path.with_name(graph_path.name + ".oxigraph")


def ensure_store(graph_path: Path, store_dir: Path | None = None) -> Path:
    """Bulk-load graph_path into an on-disk Oxigraph store unless an up-to-date copy exists; return its data folder.

    store_dir holds `data/` (the database) and `source.json` (the size and mtime of the file it was
    loaded from), so the store is rebuilt only when the graph file changes. Loads are serialised by
    a lock (`store_dir/.lock`): the first of several processes loads, the others wait and use it.
    """
    graph_path, store_dir = _store_paths(graph_path, store_dir)
    with _store_lock(store_dir):
        return _ensure_locked(graph_path, store_dir)


def _store_paths(graph_path: Path, store_dir: Path | None) -> tuple[Path, Path]:
    graph_path = Path(graph_path)
    if not graph_path.is_file():
        raise InputError(f"graph file not found: {graph_path}")
    return graph_path, Path(store_dir) if store_dir is not None else default_store_dir(graph_path)


@contextmanager
def _store_lock(store_dir: Path) -> Iterator[None]:
    """An exclusive flock on `store_dir/.lock`, waited for: loading and opening never overlap a load."""
    try:
        store_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(store_dir / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:
        raise OutputError(f"cannot create the Oxigraph store {store_dir}: {err.strerror or err}") from err
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the flock


def _ensure_locked(graph_path: Path, store_dir: Path) -> Path:
    data_dir = store_dir / "data"
    stamp = _source_stamp(graph_path)
    stamp_file = store_dir / _STAMP
    if data_dir.is_dir() and stamp_file.is_file():
        try:
            if json.loads(stamp_file.read_text(encoding="utf-8")) == stamp:
                return data_dir
        except json.JSONDecodeError:
            pass  # a torn stamp means an interrupted load: rebuild
    _load_fresh(graph_path, store_dir, data_dir)
    atomic_write_text(stamp_file, json.dumps(stamp, indent=2))  # last: it says the data is whole
    return data_dir


def open_store(graph_path: Path, store_dir: Path | None = None) -> pyoxigraph.Store:
    """A read-only Oxigraph store holding graph_path, loaded first if needed (see `ensure_store`).

    A store that does not open (damaged on disk) is loaded again from the graph, with a note."""
    graph_path, store_dir = _store_paths(graph_path, store_dir)
    with _store_lock(store_dir):
        data_dir = _ensure_locked(graph_path, store_dir)
        try:
            return pyoxigraph.Store.read_only(str(data_dir))
        except (OSError, RuntimeError) as err:  # RocksDB reports damage as RuntimeError "Corruption: ..."
            _log.warning("kg: note: the Oxigraph store %s did not open (%s); loading it again from %s",
                         data_dir, str(err).splitlines()[0] if str(err) else "damaged", graph_path)
        (store_dir / _STAMP).unlink(missing_ok=True)
        data_dir = _ensure_locked(graph_path, store_dir)
        try:
            return pyoxigraph.Store.read_only(str(data_dir))
        except (OSError, RuntimeError) as err:
            raise InputError(f"cannot open Oxigraph store {data_dir}: {err}") from err


def _source_stamp(graph_path: Path) -> dict[str, object]:
    info = graph_path.stat()
    return {"source": str(graph_path.resolve()), "size": info.st_size, "mtime_ns": info.st_mtime_ns}


def _load_fresh(graph_path: Path, store_dir: Path, data_dir: Path) -> None:
    # Load into a fresh temporary folder and swap it in, so an interrupted load never leaves a
    # half-filled store; called under the store lock, so no other process loads at the same time.
    (store_dir / _STAMP).unlink(missing_ok=True)
    for old in store_dir.glob("data.*"):  # left by a killed load or swap
        shutil.rmtree(old, ignore_errors=True)
    loading = Path(tempfile.mkdtemp(prefix="data.loading-", dir=store_dir))
    store = pyoxigraph.Store(str(loading))
    try:
        store.bulk_load(path=str(graph_path), format=_ox_format(graph_path))
        store.flush()
    except SyntaxError as err:
        del store
        shutil.rmtree(loading, ignore_errors=True)
        raise InputError(f"cannot parse {graph_path}: {_syntax_message(err)}") from err
    del store  # closes the database before the folder is renamed
    if data_dir.exists():
        retired = Path(tempfile.mkdtemp(prefix="data.old-", dir=store_dir))
        data_dir.rename(retired / "data")  # a reader that has it open keeps reading its files
        shutil.rmtree(retired, ignore_errors=True)
    loading.rename(data_dir)


def _syntax_message(err: SyntaxError) -> str:
    return str(err).splitlines()[0] if str(err) else "syntax error"


def shorten(value: str, prefixes: dict[str, str] = PREFIXES) -> str:
    """`https://w3id.org/newskg/entity/ukraine` -> `ent:ukraine`; anything else is returned unchanged."""
    for prefix, namespace in sorted(prefixes.items(), key=lambda item: -len(item[1])):
        if value.startswith(namespace) and re.fullmatch(r"[\w.-]*", value[len(namespace):]):
            return f"{prefix}:{value[len(namespace):]}"
    return value


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result as an aligned text table (IRIs shortened), CSV or JSON (full IRIs)."""
    if fmt == "table":
        return _format_table(result)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([printable(v) for v in row] for row in result.rows)
        return buffer.getvalue()
    if fmt == "json":
        records = [dict(zip(result.columns, row)) for row in result.rows]
        return json.dumps({"columns": list(result.columns), "rows": records}, ensure_ascii=False, indent=2) + "\n"
    raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _format_table(result: QueryResult, max_width: int = 60) -> str:
    cells = [[_clip(shorten(v), max_width) for v in row] for row in result.rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(result.columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(result.columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(result.rows)} row{'' if len(result.rows) == 1 else 's'})")
    return "\n".join(lines) + "\n"


# C0 and C1 control characters and DEL: an ESC or CSI from an article would drive the terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` without control characters (other than tab and newline), safe to print to a terminal."""
    return _CONTROL.sub("", text)


def _clip(text: str, width: int) -> str:
    text = " ".join(printable(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def normalised_rows(result: QueryResult) -> list[tuple[str, ...]]:
    """Rows sorted, for comparing answers whose order the query leaves open."""
    return sorted(result.rows)


def query_names(queries_dir: Path = QUERIES_DIR) -> Iterable[str]:
    """Stems of the stored queries, sorted: what `kg query GRAPH NAME` accepts."""
    return sorted(p.stem for p in queries_dir.glob("*.rq"))
