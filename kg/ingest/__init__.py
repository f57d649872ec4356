"""The first two stages: read a corpus folder into sources, then clean each source into articles."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from kg.errors import InputError
from kg.ingest.clean import clean_source
from kg.ingest.read import no_articles_message, read_corpus
from kg.rdf.iri import is_calendar_date, is_valid_iri
from kg.models import Article

__all__ = ["clean_source", "load_articles", "read_corpus"]


def checked_metadata(article: Article, notes: list[str]) -> Article:
    """The article with a date that is no calendar day dropped, each with a note.

    A url that is not a valid IRI is kept (the graph writes it as text, see `kg.rdf.graph`) and noted.
    """
    where = f"{article.source} ({article.doc_id})"
    if article.date and not is_calendar_date(article.date):
        notes.append(f"dropped the date of {where}: {article.date!r} is not a calendar date")
        article = dataclasses.replace(article, date=None)
    if article.url and not is_valid_iri(article.url):
        notes.append(f"kept the url of {where} as text: {article.url!r} is not a valid IRI")
    return article


def load_articles(folder: Path, max_chars: int = 2_000_000,
                  out_dir: Path | None = None) -> tuple[list[Article], list[str]]:
    """Read and clean every article in `folder`; return them with the reader's notes.

    `out_dir` is the build's output folder: when it is `folder`, its own pages are not read.
    """
    sources, notes = read_corpus(folder, max_chars=max_chars, out_dir=out_dir)
    articles: list[Article] = []
    seen: dict[str, str] = {}
    for src in sources:
        cleaned = clean_source(src)
        if not cleaned:  # e.g. only a dateline ("ROME, Italy (AP)") or a headline
            where = src.name if src.format != "jsonl" else f"{src.name} ({src.doc_id})"
            notes.append(f"skipped {where}: no article text once headline, byline and dateline are removed")
        for article in cleaned:
            if article.doc_id in seen:
                # Two files with the same prefix ("000_a.txt", "000_b.txt"): the second would
                # overwrite the first's provenance, so it is left out and reported.
                notes.append(f"skipped {article.source} ({article.doc_id}): doc id already used by "
                             f"{seen[article.doc_id]}")
                continue
            seen[article.doc_id] = article.source
            articles.append(checked_metadata(article, notes))
    if not articles:
        raise InputError(no_articles_message(Path(folder), notes))
    return articles, notes
