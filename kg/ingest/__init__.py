"""The first two stages: read a corpus folder into sources, then clean each source into articles."""
from __future__ import annotations

from pathlib import Path

from kg.ingest.clean import clean_source
from kg.ingest.read import read_corpus
from kg.models import Article

__all__ = ["clean_source", "load_articles", "read_corpus"]


def load_articles(folder: Path, max_chars: int = 2_000_000) -> tuple[list[Article], list[str]]:
    """Read and clean every article in `folder`; return them with the reader's notes."""
    sources, notes = read_corpus(folder, max_chars=max_chars)
    articles: list[Article] = []
    seen: dict[str, str] = {}
    for src in sources:
        for article in clean_source(src):
            if article.doc_id in seen:
                # Two files with the same prefix ("000_a.txt", "000_b.txt"): the second would
                # overwrite the first's provenance, so it is left out and reported.
                notes.append(f"skipped {article.source} ({article.doc_id}): doc id already used by "
                             f"{seen[article.doc_id]}")
                continue
            seen[article.doc_id] = article.source
            articles.append(article)
    return articles, notes
