"""The error hierarchy: the CLI turns each into a one-line message and an exit status."""
from __future__ import annotations


class KGError(Exception):
    """Base of every error this package raises on purpose."""

    exit_code = 1


class InputError(KGError):
    """The corpus or a file given on the command line cannot be used."""

    exit_code = 2


class OntologyError(KGError):
    """The ontology, lexicon or gazetteer in `ontology/` is inconsistent."""


class ModelError(KGError):
    """The spaCy model asked for is not installed."""


class OutputError(KGError):
    """An output or cache folder cannot be used (locked, a file, not writable, disk full)."""

    exit_code = 2


class ValidationError(KGError):
    """A graph does not conform to the SHACL shapes."""

    exit_code = 4


def parse_error_text(path: object, err: BaseException) -> str:
    """One line for a graph file that does not parse: the file, the line and why.

    rdflib's Turtle errors say "at line 3 of <>:" and quote raw bytes on the next lines; their
    `lines` and `_why` attributes hold the line (0-based) and the reason."""
    line, why = getattr(err, "lines", None), getattr(err, "_why", None)
    if isinstance(line, int) and why:
        return f"cannot parse {path}: line {line + 1}: {why}"
    text = " ".join(str(err).split()) or type(err).__name__
    return f"cannot parse {path}: {text if len(text) <= 200 else text[:199] + '…'}"
