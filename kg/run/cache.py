"""Per-article parse cache, so a rebuild after editing one article re-parses only that article.

Each entry is one file, ``<cache>/<key[:2]>/<key>.kgdoc``, holding the parsed `Doc` (`Doc.to_bytes`
without `user_data`) and the `Article` it was parsed from. The key is a sha256 over everything the
parse depends on: the article (text as parsed *and* metadata, since extraction reads the byline
and the doc id), `PIPELINE_VERSION`, the model name and version, the spaCy version and the bytes
of every ontology file (the gazetteer feeds the entity rulers). Change any of these and the key
changes; there is nothing to invalidate by hand.

Only parsing is cached. Extraction has a corpus-level second pass (multiword names found in one
article are looked for in all the others), so its per-article result depends on the whole
corpus and is recomputed every build from the cached Docs.

Entries are written atomically (temp file + rename), so a build killed mid-write leaves either a
whole entry or none; an entry that cannot be read is treated as a miss and rewritten. An entry is
data, never code (a cache folder may be shared, e.g. by a Dask cluster): a magic line, a JSON
header (format version, the article's digest, the Doc bytes' sha256 and length), then the Doc's
own `Doc.to_bytes` (msgpack). An entry whose checksum, version or article does not match is
parsed again; nothing in an entry is unpickled or executed.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import OutputError
from kg.run.atomic import atomic_write_bytes, output_error, remove_stale_temps
from kg.config import PIPELINE_VERSION
from kg.models import Article
import kg.nlp  # noqa: F401  (registers the `doc._.article` extension)

CACHE_DIR_NAME = ".kg-cache"
SUFFIX = ".kgdoc"
# Bump when the entry layout changes: old entries then simply stop matching.
FORMAT_VERSION = 2
_MAGIC = b"KGDOC\n"


def ontology_fingerprint(ontology_dir: Path) -> str:
    """sha256 over the names and bytes of every file in the ontology folder, in sorted order."""
    digest = hashlib.sha256()
    folder = Path(ontology_dir)
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def pipeline_fingerprint(nlp: Language, model: str, ontology_dir: Path) -> str:
    """What every cache key shares: pipeline and cache versions, spaCy, model and ontology."""
    parts = {
        "format": FORMAT_VERSION,
        "pipeline": PIPELINE_VERSION,
        "spacy": spacy.__version__,
        "model": model,
        "model_version": nlp.meta.get("version", ""),
        "components": list(nlp.pipe_names),
        "ontology": ontology_fingerprint(ontology_dir),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()


def _article_record(article: Article) -> str:
    return json.dumps(dataclasses.asdict(article), sort_keys=True, ensure_ascii=False, default=str)


def article_key(article: Article, fingerprint: str) -> str:
    """The cache key of one article: its text and metadata under the pipeline's fingerprint."""
    return hashlib.sha256(f"{fingerprint}\n{_article_record(article)}".encode("utf-8")).hexdigest()


def article_digest(article: Article) -> str:
    """sha256 of the article alone: an entry names the article it was parsed from."""
    return hashlib.sha256(_article_record(article).encode("utf-8")).hexdigest()


def pack_entry(article: Article, data: bytes) -> bytes:
    """An entry's bytes: magic line, JSON header line, then the Doc bytes."""
    header = {"format": FORMAT_VERSION, "article": article_digest(article),
              "sha256": hashlib.sha256(data).hexdigest(), "length": len(data)}
    return _MAGIC + json.dumps(header, sort_keys=True).encode("ascii") + b"\n" + data


def unpack_entry(entry: bytes, article: Article) -> bytes | None:
    """The Doc bytes of an entry made by `pack_entry` for `article`, or None if it is not one, whole."""
    if not entry.startswith(_MAGIC):
        return None
    head, newline, data = entry[len(_MAGIC):].partition(b"\n")
    try:
        header = json.loads(head.decode("ascii"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not newline or not isinstance(header, dict) or header.get("format") != FORMAT_VERSION:
        return None
    if header.get("article") != article_digest(article) or header.get("length") != len(data):
        return None
    return data if header.get("sha256") == hashlib.sha256(data).hexdigest() else None


# `user_data` holds `doc._.article`, which travels separately. The tensor (two thirds of the bytes
# with a small model) is dropped because extraction reads no vectors; keep it (and bump
# FORMAT_VERSION) if extraction ever uses `similarity` or `.vector`.
DOC_EXCLUDE = ("user_data", "tensor")


def doc_bytes(doc: Doc) -> bytes:
    """A Doc's annotations as bytes, without `DOC_EXCLUDE`."""
    return doc.to_bytes(exclude=list(DOC_EXCLUDE))


def doc_from_bytes(nlp: Language, data: bytes, article: Article) -> Doc:
    """Rebuild a Doc in `nlp`'s vocab and give it back its Article."""
    doc = Doc(nlp.vocab).from_bytes(data, exclude=list(DOC_EXCLUDE))
    doc._.article = article
    return doc


class DocCache:
    """Parsed Docs on disk, keyed by `article_key`; remembers which keys this build touched."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.used: set[str] = set()
        self.written: set[str] = set()  # entries this build added (removed again if the disk fills)

    def open(self, clear: bool = False) -> None:
        """Check the folder can hold a cache (`clear`: empty it first); drop killed writes' temp files."""
        if clear:
            self.clear()
        if self.folder.exists() and not self.folder.is_dir():
            raise OutputError(f"cache folder {self.folder} is a file")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise output_error(err, "create the cache folder") from err
        for sub in self.folder.iterdir():
            if sub.is_dir():
                remove_stale_temps(sub)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{SUFFIX}"

    def has(self, key: str) -> bool:
        """Whether an entry for `key` exists (whether it can be read is known only by `get`)."""
        return self._path(key).is_file()

    def get(self, nlp: Language, key: str, article: Article) -> Doc | None:
        """The cached Doc for `key`, or None when missing, unreadable or for another article."""
        try:
            data = unpack_entry(self._path(key).read_bytes(), article)
            if data is None:
                return None
            doc = doc_from_bytes(nlp, data, article)
        except Exception:  # noqa: BLE001 - a missing or damaged entry is a cache miss; it is rewritten
            return None
        self.used.add(key)
        return doc

    def put(self, key: str, article: Article, data: bytes) -> None:
        """Store a Doc's bytes (see `doc_bytes`) under `key`, atomically."""
        atomic_write_bytes(self._path(key), pack_entry(article, data))
        self.used.add(key)
        self.written.add(key)

    def discard_written(self) -> None:
        """Remove the entries this build wrote: a build that failed for lack of space gives it back."""
        for key in self.written:
            self._path(key).unlink(missing_ok=True)
        self.used -= self.written
        self.written.clear()

    def prune(self, keep: Iterable[str] | None = None) -> int:
        """Delete entries not in `keep` (default: the keys used by this build); return how many."""
        keep = set(self.used if keep is None else keep)
        removed = 0
        if not self.folder.is_dir():
            return 0
        for path in self.folder.glob(f"*/*{SUFFIX}"):
            if path.name[: -len(SUFFIX)] not in keep:
                path.unlink(missing_ok=True)
                removed += 1
        for sub in self.folder.iterdir():
            if sub.is_dir() and not any(sub.iterdir()):
                sub.rmdir()
        return removed

    def clear(self) -> None:
        """Remove the whole cache folder."""
        shutil.rmtree(self.folder, ignore_errors=True)
