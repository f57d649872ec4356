"""What may become an IRI or an xsd:date: checks shared by ingest (which notes a bad value) and RDF."""
from __future__ import annotations

import datetime
import re

import pyoxigraph

# RFC 3987 forbids these anywhere in an IRI; rdflib would write them and Oxigraph then refuse the file.
_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def is_valid_iri(text: str) -> bool:
    """Whether `text` is an absolute IRI that every RDF parser (rdflib, Oxigraph) accepts."""
    if not _SCHEME.match(text) or _FORBIDDEN.search(text):
        return False
    try:
        pyoxigraph.NamedNode(text)
    except ValueError:
        return False
    return True


def is_calendar_date(text: str) -> bool:
    """Whether `text` is YYYY-MM-DD naming a real day (2026-02-30 is not)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True
