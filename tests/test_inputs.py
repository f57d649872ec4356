"""Issue 14, inputs: files a careless or hostile user may put in a corpus, each read, skipped with a
note, or written into a graph that every RDF parser accepts -- never a traceback, never lost data."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
from conftest import KG_BIN, REPO, SEED_CORPUS, run_kg

from kg.errors import InputError
from kg.ingest import load_articles
from kg.ingest.read import doc_id_of, read_corpus
from kg.rdf.iri import is_valid_iri

ENGLISH = ("The Defence Secretary said that the government would send troops to the region once a "
           "peace deal has been agreed. He added that the country was proud of the support it had "
           "given and that the allies were ready. It is a long war and they have been fighting for "
           "four years, but the people are not tired of it.\n")


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


# ---------------------------------------------------------------- decoding


def test_utf32_with_bom_is_decoded_without_nul_characters(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ENGLISH.encode("utf-32"))  # Python writes the little-endian BOM FF FE 00 00
    write(tmp_path, "b.txt", b"\x00\x00\xfe\xff" + ENGLISH.encode("utf-32-be"))
    sources, notes = read_corpus(tmp_path)
    assert [s.text for s in sources] == [ENGLISH, ENGLISH]
    assert notes == ["decoded a.txt as UTF-32 (not valid UTF-8)", "decoded b.txt as UTF-32 (not valid UTF-8)"]


def test_truncated_utf16_and_binary_after_ff_fe_are_skipped_with_a_note(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ENGLISH)
    write(tmp_path, "cut.txt", ENGLISH.encode("utf-16")[:-1])  # odd length: half a code unit
    write(tmp_path, "blob.txt", b"\xff\xfe" + bytes(range(256)) * 4 + b"\x00\xd8")  # lone surrogate
    sources, notes = read_corpus(tmp_path)
    assert [s.name for s in sources] == ["a.txt"]
    assert sorted(notes) == ["skipped blob.txt: not valid UTF-16 despite its byte-order mark",
                             "skipped cut.txt: not valid UTF-16 despite its byte-order mark"]


# ---------------------------------------------------------------- jsonl


def test_jsonl_line_holding_line_separators_is_kept(tmp_path: Path) -> None:
    record = {"text": ENGLISH + "Second\u2028line and next\u0085line.", "title": "T\u2029itle"}
    write(tmp_path, "feed.jsonl", json.dumps(record, ensure_ascii=False) + "\n")
    sources, notes = read_corpus(tmp_path)
    assert notes == []
    assert [s.doc_id for s in sources] == ["feed-1"]
    assert sources[0].text == record["text"]


def test_deeply_nested_jsonl_line_is_a_note_not_a_recursion_error(tmp_path: Path) -> None:
    deep = '{"text": "x", "n": ' + "[" * 100_000 + "]" * 100_000 + "}"
    write(tmp_path, "feed.jsonl", deep + "\n" + json.dumps({"text": ENGLISH}) + "\n")
    sources, notes = read_corpus(tmp_path)
    assert [s.doc_id for s in sources] == ["feed-2"]
    assert notes == ["skipped feed.jsonl line 1: JSON nested deeper than 64 levels"]


# ---------------------------------------------------------------- the folder


def test_symlinks_are_followed_only_inside_the_corpus(tmp_path: Path) -> None:
    corpus, outside = tmp_path / "corpus", tmp_path / "private"
    corpus.mkdir()
    outside.mkdir()
    secret = write(outside, "secret.txt", ENGLISH.replace("Defence", "Passwd"))
    write(corpus, "a.txt", ENGLISH)
    (corpus / "inside.txt").symlink_to(corpus / "a.txt")
    (corpus / "passwd.txt").symlink_to(secret)
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    (corpus / "gone.txt").symlink_to(corpus / "missing.txt")
    sources, notes = read_corpus(corpus)
    assert [s.name for s in sources] == ["a.txt", "inside.txt"]
    assert all("Passwd" not in s.text for s in sources)
    assert notes == ["skipped gone.txt: dangling symbolic link",
                     "skipped loop.txt: symbolic link loop",
                     "skipped passwd.txt: symbolic link to a file outside the corpus folder"]


def test_fifo_is_skipped_with_a_note_without_blocking(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ENGLISH)
    os.mkfifo(tmp_path / "pipe.txt")
    sources, notes = read_corpus(tmp_path)
    assert [s.name for s in sources] == ["a.txt"]
    assert notes == ["skipped pipe.txt: not a regular file (a FIFO)"]


def test_device_is_skipped_with_a_note(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ENGLISH)
    (tmp_path / "null.txt").symlink_to("/dev/null")  # outside the corpus too: the link check comes first
    _, notes = read_corpus(tmp_path)
    assert notes == ["skipped null.txt: symbolic link to a file outside the corpus folder"]


def test_output_folder_is_not_read_when_it_is_the_corpus(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ENGLISH)
    write(tmp_path, "graph.html", "<html><body><p>" + ENGLISH + "</p></body></html>")
    write(tmp_path, "report.md", ENGLISH)
    sources, notes = read_corpus(tmp_path, out_dir=tmp_path)
    assert [s.name for s in sources] == ["a.txt"]
    assert notes == ["not read: graph.html is an output of this build (--out is the corpus folder)",
                     "not read: report.md is an output of this build (--out is the corpus folder)"]


@pytest.mark.slow
def test_build_into_its_own_corpus_folder_does_not_grow(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(SEED_CORPUS.glob("*.txt")):
        (corpus / path.name).write_bytes(path.read_bytes())
    counts = []
    for _ in range(2):
        proc = run_kg("build", str(corpus), "--out", str(corpus), "--quiet")
        assert proc.returncode == 0, proc.stderr
        counts.append(proc.stdout.splitlines()[0])
    assert counts[0] == counts[1]
    assert "not read: graph.html" in proc.stdout


def test_dateline_only_file_is_kept_as_its_text(tmp_path: Path) -> None:
    """A file whose only line is a dateline is that article's whole text (it names two places, one in the
    other), not a credit to drop: it is kept, never dropped silently."""
    write(tmp_path, "a.txt", ENGLISH)
    write(tmp_path, "rome.txt", "ROME, Italy (AP)\n")
    articles, notes = load_articles(tmp_path)
    assert [(a.source, a.text) for a in articles if a.source == "rome.txt"] == [("rome.txt", "ROME, Italy (AP)")]
    assert notes == []


def test_all_skipped_says_so_with_every_note(tmp_path: Path) -> None:
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "bin.txt", b"\x00\x01\x02" * 10)
    with pytest.raises(InputError) as err:
        read_corpus(tmp_path)
    assert str(err.value) == (f"no articles found in {tmp_path}: all 2 inputs were skipped\n"
                              "  note: skipped bin.txt: binary file\n"
                              "  note: skipped empty.txt: empty file")


def test_cli_all_skipped_prints_every_note(tmp_path: Path) -> None:
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "rome.txt", "Share this article\nDONATE NOW\n")  # page furniture and nothing else
    proc = run_kg("build", str(tmp_path), "--out", str(tmp_path / "out"), "--no-view", "--quiet")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "skipped empty.txt: empty file" in proc.stderr
    assert "skipped rome.txt: no article text" in proc.stderr
    assert "all 2 inputs were skipped" in proc.stderr


# ---------------------------------------------------------------- names, urls, dates


@pytest.mark.parametrize("name", ['a b_1.txt', 'q"uote_1.txt', "{brace}_1.txt", "back\\slash_1.txt",
                                  "<angle>_1.txt", "new\nline_1.txt", "tab\there_1.txt", "100%_1.txt"])
def test_any_file_name_gives_a_valid_document_iri(name: str) -> None:
    doc_id = doc_id_of(name)
    assert is_valid_iri("https://w3id.org/newskg/document/" + doc_id)
    assert doc_id_of("000_9ef78bcf1b819068.txt") == "000"  # the usual names are unchanged


BAD_URL_HTML = """<html><head><link rel="canonical" href="https://example.com/a page <x>">
<meta property="article:published_time" content="2026-02-30T10:00:00Z"></head>
<body><article><h1>Troops</h1><p>{text}</p></article></body></html>"""


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    """One CLI build of a corpus holding every hostile name, url and date at once."""
    corpus = tmp_path_factory.mktemp("hostile")
    out = tmp_path_factory.mktemp("hostile-out")
    seed = sorted(SEED_CORPUS.glob("*.txt"))[0].read_text(encoding="utf-8")
    for name in ['a b_1.txt', 'q"uote_2.txt', "{brace}_3.txt", "back\\slash_4.txt", "<x>_5.txt",
                 "new\nline_6.txt", "tab\there_7.txt"]:
        write(corpus, name, seed)
    write(corpus, "feed.jsonl", json.dumps({"text": seed, "url": "https://example.com/a b<>",
                                            "date": "2026-02-30", "title": "Feed"}) + "\n")
    write(corpus, "page.html", BAD_URL_HTML.format(text=seed.replace("\n", " ")))
    proc = run_kg("build", str(corpus), "--out", str(out), "--no-view", "--quiet", "--format", "nt")
    return proc, out


@pytest.mark.slow
def test_hostile_names_urls_and_dates_build_without_a_traceback(hostile_build) -> None:
    proc, out = hostile_build
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 0, proc.stderr  # notes, but nothing was skipped
    assert proc.stdout.startswith("built ")
    assert "skipped" not in proc.stdout  # every odd name was read


@pytest.mark.slow
def test_hostile_build_is_read_by_oxigraph(hostile_build) -> None:
    _, out = hostile_build
    for name, fmt in (("graph.ttl", pyoxigraph.RdfFormat.TURTLE), ("graph.nt", pyoxigraph.RdfFormat.N_TRIPLES)):
        store = pyoxigraph.Store()
        store.load(path=str(out / name), format=fmt)
        assert len(store) > 100


@pytest.mark.slow
def test_invalid_urls_are_kept_as_text_with_a_note(hostile_build) -> None:
    proc, out = hostile_build
    assert "kept the url of feed.jsonl (feed-1) as text: 'https://example.com/a b<>' is not a valid IRI" \
        in proc.stdout
    assert "kept the url of page.html (page) as text" in proc.stdout
    store = pyoxigraph.Store()
    store.load(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    urls = {q.object for q in store.quads_for_pattern(None, pyoxigraph.NamedNode("https://schema.org/url"), None)}
    assert pyoxigraph.Literal("https://example.com/a b<>") in urls


@pytest.mark.slow
def test_impossible_dates_are_dropped_with_a_note_and_the_graph_validates(hostile_build) -> None:
    proc, out = hostile_build
    assert "dropped the date of feed.jsonl (feed-1): '2026-02-30' is not a calendar date" in proc.stdout
    assert "dropped the date of page.html (page)" in proc.stdout
    check = run_kg("validate", str(out / "graph.ttl"))
    assert check.returncode == 0, check.stdout + check.stderr


# ---------------------------------------------------------------- exit status


def test_exit_3_only_when_an_input_was_skipped(tmp_path: Path) -> None:
    from kg.ingest.read import is_skip

    assert is_skip("skipped a.txt: empty file")
    assert not is_skip("decoded a.txt as cp1252 (not valid UTF-8)")
    assert not is_skip("not read: graph.html is an output of this build (--out is the corpus folder)")


@pytest.mark.slow
def test_decoding_note_alone_exits_0(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    seed = sorted(SEED_CORPUS.glob("*.txt"))[0].read_text(encoding="utf-8")
    write(corpus, "a.txt", seed)
    write(corpus, "b.txt", (seed + "\nCaf\u00e9 \u2019quoted\u2019\n").encode("cp1252", errors="replace"))
    proc = run_kg("build", str(corpus), "--out", str(tmp_path / "out"), "--no-view", "--quiet")
    assert "note: decoded b.txt as cp1252" in proc.stdout
    assert proc.returncode == 0, proc.stdout + proc.stderr


# ---------------------------------------------------------------- resolution


def _resolve_in_subprocess(code: str, seed: int) -> str:
    env = dict(os.environ, PYTHONHASHSEED=str(seed), PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          cwd=REPO / "tests", check=True).stdout


RESOLVE_TWO_SHORT_FORMS = """
from kg.config import ONTOLOGY_DIR
from kg.ontology import load_ontology
from kg.resolve import resolve
from test_resolve import extraction, mention
kg = resolve([extraction("a1", mention("a1", "George Wash", "Person"),
                         mention("a1", "World Aid Sanitation Health", "Organization", start=20),
                         mention("a1", "Wash", "Person", start=60), mention("a1", "WASH", "Organization", start=80))],
             load_ontology(ONTOLOGY_DIR))
print(sorted((e.key, e.aliases) for e in kg.entities))
"""


def test_resolution_does_not_depend_on_the_hash_seed() -> None:
    answers = {_resolve_in_subprocess(RESOLVE_TWO_SHORT_FORMS, seed) for seed in range(1, 9)}
    assert len(answers) == 1, answers


def test_three_names_with_one_slug_stay_three_entities(ontology) -> None:
    from test_resolve import extraction, mention

    from kg.resolve import resolve

    names = ["Ann O'Neil", "Ann O Neil", "Ann O-Neil", "Ann O.Neil"]  # four spellings, one slug: ann-o-neil
    kg = resolve([extraction(f"a{i}", mention(f"a{i}", name, "Person")) for i, name in enumerate(names)], ontology)
    people = sorted((e.label, e.key) for e in kg.entities)
    assert [label for label, _ in people] == sorted(names)
    assert len({key for _, key in people}) == 4


@pytest.mark.slow
def test_two_builds_under_different_hash_seeds_give_identical_files(tmp_path: Path) -> None:
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out-{seed}"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        proc = subprocess.run([str(KG_BIN), "build", str(SEED_CORPUS), "--out", str(out), "--quiet", "--no-cache"],
                              capture_output=True, text=True, env=env, timeout=600)
        assert proc.returncode == 0, proc.stderr
        outs.append(out)
    names = sorted(p.name for p in outs[0].iterdir() if p.is_file() and not p.name.startswith("."))
    assert {"graph.ttl", "graph.html", "report.html", "stats.json"} <= set(names)
    assert names == sorted(p.name for p in outs[1].iterdir() if p.is_file() and not p.name.startswith("."))
    different = [n for n in names if (outs[0] / n).read_bytes() != (outs[1] / n).read_bytes()]
    assert different == []
