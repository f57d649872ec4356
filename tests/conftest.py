"""Shared fixtures: the ontology and the spaCy pipeline are loaded once per session; the seed build runs once."""
from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from kg.config import ONTOLOGY_DIR, Settings
from kg.models import Article, Extraction, KnowledgeGraph, Mention, Quantity
from kg.ontology import Ontology, load_ontology

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
ARTICLES = DATA / "articles"
SEED_CORPUS = REPO / "corpus"
KG_BIN = Path(sys.executable).with_name("kg")


@pytest.fixture(scope="session")
def ontology() -> Ontology:
    return load_ontology(ONTOLOGY_DIR)


@pytest.fixture(scope="session")
def nlp(ontology):
    """The statistical pipeline with the gazetteer rulers; tests using it are marked slow."""
    from kg.nlp import load_pipeline

    return load_pipeline(Settings().model, ontology)


@pytest.fixture(scope="session")
def extract(nlp, ontology) -> Callable[..., list[Extraction]]:
    """extract("text", ...) or extract(Article(...), ...) -> one Extraction per article, through the real stages."""
    from kg.nlp import parse_articles

    def run(*items: str | Article, kind: str = "news", authors: Sequence[str] = ()) -> list[Extraction]:
        articles = [item if isinstance(item, Article)
                    else Article(f"t{i}", f"t{i}.txt", item, kind=kind, authors=tuple(authors))
                    for i, item in enumerate(items)]
        return extract_at_once(nlp, list(parse_articles(nlp, articles)), ontology)

    return run


def extract_at_once(nlp, docs: Sequence, ontology: Ontology) -> list[Extraction]:
    """The extract stage's two passes over the articles as one chunk, as an engine runs them."""
    from kg.extract import merge_names
    from kg.extract.passes import extract_pass, find_pass

    first = find_pass(docs, ontology)
    return extract_pass(nlp, docs, first.mentions, merge_names([first.names]), ontology)


@pytest.fixture(scope="session")
def build_kg(extract, ontology) -> Callable[..., KnowledgeGraph]:
    """Texts through extraction and resolution."""
    from kg.resolve import resolve

    def run(*items: str | Article, **kw) -> KnowledgeGraph:
        return resolve(extract(*items, **kw), ontology)

    return run


def interruptible() -> None:
    """preexec_fn for a child the test will Ctrl-C: a shell's `&` or a CI runner may start the tests with
    SIGINT ignored, the child inherits that, and Python then never raises KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_kg(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """The installed `kg` command, as a user runs it."""
    return subprocess.run([str(KG_BIN), *args], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    """graph.ttl of the seed corpus, built once with the CLI (no views)."""
    out = tmp_path_factory.mktemp("seed-a")
    proc = run_kg("build", str(SEED_CORPUS), "--out", str(out), "--no-view", "--quiet")
    assert proc.returncode == 0, proc.stderr
    return out / "graph.ttl"


# Small helpers for reading extraction results in assertions.

def named(kg: KnowledgeGraph, name: str) -> list:
    """The entities that have `name` as label or alias."""
    return [e for e in kg.entities if e.label == name or name in e.aliases]


def one(kg: KnowledgeGraph, name: str):
    """The one entity named `name`; the assertion lists what the graph has instead."""
    found = named(kg, name)
    assert len(found) == 1, f"{name!r}: {[(e.label, e.cls, e.aliases) for e in found]}; " \
                            f"have {sorted((e.label, e.cls) for e in kg.entities)}"
    return found[0]


def triples(extractions: Sequence[Extraction]) -> set[tuple[str, str, object]]:
    """(subject name, predicate, object) for every relation: object is a name, a role text or a Quantity."""
    out = set()
    for ex in extractions:
        for r in ex.relations:
            obj = r.object.name if isinstance(r.object, Mention) else r.object
            out.add((r.subject.name, r.predicate, obj))
    return out


def relations(extractions: Sequence[Extraction], predicate: str | None = None) -> list:
    return [r for ex in extractions for r in ex.relations if predicate is None or r.predicate == predicate]


def quantities(extractions: Sequence[Extraction]) -> list[tuple[str, Quantity]]:
    return [(r.subject.name, r.object) for r in relations(extractions) if isinstance(r.object, Quantity)]


def facts(kg: KnowledgeGraph) -> set[tuple[str, str, object]]:
    return {(f.subject, f.predicate, f.object) for f in kg.facts}


def entity(kg: KnowledgeGraph, key: str):
    found = [e for e in kg.entities if e.key == key]
    assert found, f"no entity {key!r}; have {sorted(e.key for e in kg.entities)}"
    return found[0]
