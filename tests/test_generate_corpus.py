"""bench/generate_corpus.py: the same seed and size always write the same articles."""
from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench" / "generate_corpus.py"


def _generator():
    spec = importlib.util.spec_from_file_location("generate_corpus", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_same_files(tmp_path):
    generate = _generator().generate
    first = generate(12, tmp_path / "a", seed=3)
    generate(12, tmp_path / "b", seed=3)
    assert len(first) == 12
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    generate(12, tmp_path / "c", seed=4)
    assert _files(tmp_path / "c") != _files(tmp_path / "a")


def test_articles_read_as_news(tmp_path):
    # a title, a byline and paragraphs of at least one seed sentence each
    generate = _generator().generate
    for path in generate(3, tmp_path, seed=7):
        title, byline, *paragraphs = path.read_text(encoding="utf-8").splitlines()
        assert title and byline.startswith("By ") and paragraphs
        assert all(len(p.split()) >= 6 for p in paragraphs)
