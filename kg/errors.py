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
