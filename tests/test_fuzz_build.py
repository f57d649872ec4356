"""Issue 14: random bytes, file names and metadata through `kg build` (in process, the model loaded
once) never give a traceback: a build either writes a graph every RDF parser reads, or fails with
one of the package's own errors (all inputs skipped)."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pyoxigraph
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.config import Settings
from kg.errors import KGError
from kg.pipeline import build_corpus

pytestmark = pytest.mark.slow

SENTENCE = ("The Defence Secretary John Healey said in London on Monday that Britain would send troops "
            "to Ukraine once a peace deal had been agreed with Russia. ")

# Names the file system accepts: no "/" or NUL, at most 200 bytes; anything else goes.
name_text = st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)),
                    min_size=1, max_size=40).filter(lambda s: s not in (".", "..") and len(s.encode()) < 200)
extension = st.sampled_from([".txt", ".md", ".html", ".htm", ".jsonl"])
any_text = st.text(max_size=80)
meta_value = st.one_of(any_text, st.integers(), st.none(), st.lists(any_text, max_size=3),
                       st.sampled_from(["2026-02-30", "2026-13-01", "0000-00-00", "https://a b/<x>",
                                        "javascript:alert(1)", "http://[::1", "\x1b[31m", "\u2028", "\ufeff"]))


@st.composite
def article_bytes(draw, ext: str) -> bytes:
    kind = draw(st.sampled_from(["binary", "text", "meta"]))
    if kind == "binary":
        return draw(st.binary(max_size=300))
    body = draw(any_text) + SENTENCE * draw(st.integers(0, 3)) + draw(any_text)
    if ext == ".jsonl":
        record = {key: draw(meta_value) for key in draw(st.lists(
            st.sampled_from(["title", "date", "url", "author", "authors", "publisher"]), max_size=6, unique=True))}
        record["text"] = body if draw(st.booleans()) else draw(meta_value)
        line = json.dumps(record, ensure_ascii=draw(st.booleans()))
        return (line + "\n" + draw(any_text)).encode("utf-8")
    if ext in (".html", ".htm"):
        url, date, author = (str(draw(meta_value)).replace('"', "&quot;") for _ in range(3))
        page = (f'<html lang="{draw(any_text)}"><head><link rel="canonical" href="{url}">'
                f'<meta name="date" content="{date}"><meta name="author" content="{author}"></head>'
                f"<body><article><h1>{draw(any_text)}</h1><p>{body}</p></article></body></html>")
        return page.encode("utf-8")
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "utf-32", "cp1252", "latin-1", "utf-8-sig"]))
    return body.encode(encoding, errors="replace")


@st.composite
def corpora(draw) -> list[tuple[str, bytes]]:
    files = []
    for _ in range(draw(st.integers(1, 4))):
        ext = draw(extension)
        files.append((draw(name_text) + ext, draw(article_bytes(ext))))
    files.append(("000_seed.txt", (SENTENCE * 3).encode()))  # most examples then build something
    return files


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(corpora())
def test_random_corpora_build_or_fail_cleanly(files: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "out"
        corpus.mkdir()
        for name, data in files:
            (corpus / name).write_bytes(data)
        try:
            summary = build_corpus(corpus, out, Settings(progress=False, formats=("ttl", "nt")),
                                   with_views=False, use_cache=False)
        except KGError:
            return  # a one-line error of the package's own (e.g. every input skipped)
        assert summary.articles >= 1
        for name, fmt in (("graph.ttl", pyoxigraph.RdfFormat.TURTLE), ("graph.nt", pyoxigraph.RdfFormat.N_TRIPLES)):
            pyoxigraph.Store().load(path=str(out / name), format=fmt)  # raises on anything invalid
