"""Make a synthetic news corpus of any size from the seed articles, deterministically.

Each generated article recombines real sentences from the seed corpus (so the parser and the
extraction rules see real news prose) and swaps the people, countries and cities they name for
other gazetteer entries of the same class, so the corpus holds many entities, not five articles'
worth. The same seed and size always give the same files.

    python bench/generate_corpus.py 200 /tmp/gen200 [--seed 7] [--corpus corpus/]
"""
from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

from kg.config import ONTOLOGY_DIR
from kg.ingest import load_articles
from kg.ontology import load_ontology

REPO = Path(__file__).resolve().parent.parent
SWAPPED = ("Person", "Country", "City")
SENTENCE_END = re.compile(r"(?<=[.!?’”\"'])\s+(?=[A-Z“\"‘])")


def seed_sentences(corpus: Path) -> list[str]:
    """Every sentence of the cleaned seed articles, in reading order, without very short ones."""
    articles, _ = load_articles(corpus)
    sentences: list[str] = []
    for article in articles:
        for paragraph in article.text.split("\n"):
            sentences += [s.strip() for s in SENTENCE_END.split(paragraph) if len(s.split()) >= 6]
    return sentences


def name_pools() -> tuple[dict[str, list[str]], re.Pattern[str], dict[str, str]]:
    """Gazetteer names by class, a regex finding any of them (longest first), and name -> class."""
    ontology = load_ontology(ONTOLOGY_DIR)
    pools: dict[str, list[str]] = {cls: [] for cls in SWAPPED}
    cls_of: dict[str, str] = {}
    for entry in ontology.gazetteer:
        if entry.cls in SWAPPED:
            pools[entry.cls].append(entry.name)
            for name in (entry.name, *entry.aliases):
                cls_of.setdefault(name, entry.cls)
    names = sorted(cls_of, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b")
    return pools, pattern, cls_of


def generate(n_articles: int, out: Path, seed: int = 7, corpus: Path = REPO / "corpus") -> list[Path]:
    """Write `n_articles` articles into `out` (created); return their paths."""
    rng = random.Random(seed)
    sentences = seed_sentences(corpus)
    pools, pattern, cls_of = name_pools()
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n_articles):
        # One swap table per article, so a name is replaced consistently within it.
        swap: dict[str, str] = {}

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in swap:
                swap[name] = rng.choice(pools[cls_of[name]])
            return swap[name]

        start = rng.randrange(len(sentences))
        picked = [sentences[(start + k) % len(sentences)] if rng.random() < 0.6 else rng.choice(sentences)
                  for k in range(rng.randint(8, 24))]
        body = [pattern.sub(replace, s) for s in picked]
        paragraphs = [" ".join(body[k:k + 2]) for k in range(0, len(body), 2)]
        author = rng.choice(pools["Person"]) if rng.random() < 0.3 else f"Reporter {i % 37}"
        title = pattern.sub(replace, body[0])[:80].rsplit(" ", 1)[0]
        path = out / f"{i:05d}_gen{seed:02d}{i:05d}.txt"
        path.write_text(f"{title}\nBy {author}\n" + "\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("out", type=Path, help="folder to write them into")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus", help="seed articles")
    args = parser.parse_args()
    paths = generate(args.n, args.out, args.seed, args.corpus)
    print(f"wrote {len(paths)} articles to {args.out}")


if __name__ == "__main__":
    main()
