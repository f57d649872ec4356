"""Throughput of `kg build` against bare spaCy `nlp.pipe` on the same texts, per corpus size.

Not a test: it prints figures and asserts nothing. `make bench` runs it with the defaults:

    .venv/bin/python bench/bench.py                    # seeds, generated 200 and 2,000 articles
    .venv/bin/python bench/bench.py --quick            # seeds, generated 50 and 200 articles
    .venv/bin/python bench/bench.py --sizes 200,1000   # other generated sizes
    .venv/bin/python bench/bench.py --oxigraph         # also run bench/bench_oxigraph.py afterwards

Each corpus is measured in its own process, so its peak memory is its own. In that process:

1. warm-up: the ontology, the spaCy pipeline (model + gazetteer and event entity rulers, via
   `kg.nlp.load_pipeline`) and every module a build imports are loaded by a throw-away build of
   one seed article. These fixed costs are therefore excluded from both sides alike.
2. parsing's working set: the RSS rise over the first two batches of `nlp.pipe`.
3. `kg build`: `build_corpus` with views (stats, graph.html, report) and no parse cache, so every
   article is parsed again; its own per-stage timings are reported.
4. bare spaCy: `nlp.pipe` over exactly the texts the build parsed (read, cleaned, with captions),
   same pipeline, same batch size; the Docs are dropped as they stream.

The ratio is pipe seconds / build seconds (= build words/s / pipe words/s): 1.0 would mean the
pipeline costs nothing on top of parsing; 0.8 means it adds a quarter. It is given for the graph
(read, NLP, extraction, resolution, RDF and writing graph.ttl: `kg build --no-view`) and for the
whole build with views. Memory is resident set size read from /proc/self/statm by a sampling
thread (every 5 ms) for the stages, and `resource.getrusage` ru_maxrss for the process peak.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
STAGES = ("read", "nlp", "extract", "resolve", "rdf", "analyse", "render", "report")
VIEW_STAGES = ("analyse", "render", "report")
PAGE = os.sysconf("SC_PAGE_SIZE")
MB = 1024 * 1024


def rss() -> int:
    """Resident set size of this process now, in bytes."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * PAGE


class RssSampler:
    """A thread that keeps the highest RSS seen since the last `reset`."""

    def __init__(self, interval: float = 0.005) -> None:
        self.interval, self.peak, self._stop = interval, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak = max(self.peak, rss())

    def reset(self) -> int:
        self.peak = now = rss()
        return now

    @contextmanager
    def window(self, into: dict, name: str):
        """Record in `into[name]` how far RSS rose above its level at the start of the block."""
        start = self.reset()
        yield
        into[name] = max(self.peak, rss()) - start


def measure(corpus: Path) -> dict:
    """Worker: time bare nlp.pipe and a full build of `corpus` in this process; return the figures."""
    import kg.pipeline as pipeline
    import kg.run.engines as engines
    from kg.config import Settings
    from kg.ingest import load_articles
    from kg.nlp import load_pipeline
    from kg.ontology import load_ontology

    settings = Settings(progress=False)
    sampler = RssSampler()
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        # 1. fixed costs, paid here once: model, ontology, rulers, imports of the views' modules
        t0 = time.perf_counter()
        nlp = load_pipeline(settings.model, load_ontology(settings.ontology_dir))
        warm = tmp / "warm"
        warm.mkdir()
        shutil.copy(sorted((REPO / "corpus").glob("*.txt"))[0], warm)
        pipeline.build_corpus(warm, tmp / "warm-out", settings, use_cache=False)
        fixed = time.perf_counter() - t0

        # 2. the working set of parsing: RSS rise over the first two batches, Docs dropped as they stream
        articles, _ = load_articles(corpus, settings.max_doc_chars)
        texts = [pipeline.with_headline(pipeline.with_captions(a)).text for a in articles]  # what the build parses
        memory: dict[str, int] = {}
        gc.collect()
        with sampler.window(memory, "batches"):
            sum(len(doc) for doc in nlp.pipe(texts[:2 * settings.batch_size], batch_size=settings.batch_size))

        # 3. the build, every stage's memory sampled through the pipeline's own stage timer
        timed_stage = pipeline.stage

        cpu: dict[str, float] = {}

        @contextmanager
        def stage(summary, name):
            c0 = time.process_time()
            with sampler.window(memory, name), timed_stage(summary, name):
                yield
            cpu[name] = cpu.get(name, 0.0) + time.process_time() - c0

        # the engine times parsing and both extraction passes itself: its run is the "nlp" memory window
        engine_run = engines.LocalEngine.run

        def sampled_run(self, *args, **kwargs):
            with sampler.window(memory, "nlp"):
                return engine_run(self, *args, **kwargs)

        pipeline.stage, engines.LocalEngine.run = stage, sampled_run
        gc.collect()
        t0, c0 = time.perf_counter(), time.process_time()
        summary = pipeline.build_corpus(corpus, tmp / "out", settings, with_views=True, use_cache=False)
        build_seconds, build_cpu = time.perf_counter() - t0, time.process_time() - c0
        pipeline.stage, engines.LocalEngine.run = timed_stage, engine_run

        # 4. bare spaCy over the very texts the build parsed, same pipeline and batch size
        gc.collect()
        with sampler.window(memory, "pipe"):
            t0, c0 = time.perf_counter(), time.process_time()
            words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=settings.batch_size))
            pipe_seconds, pipe_cpu = time.perf_counter() - t0, time.process_time() - c0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    assert summary.words == words, (summary.words, words)  # the same texts on both sides
    seconds = {s: summary.seconds.get(s, 0.0) for s in STAGES}
    views = sum(seconds[s] for s in VIEW_STAGES)
    return {
        "articles": summary.articles, "words": words, "entities": summary.entities, "facts": summary.facts,
        "triples": summary.triples, "fixed_seconds": fixed, "pipe_seconds": pipe_seconds,
        "build_seconds": build_seconds, "graph_seconds": build_seconds - views, "stages": seconds,
        "other_seconds": build_seconds - sum(seconds.values()),
        "pipe_cpu": pipe_cpu, "build_cpu": build_cpu,
        "graph_cpu": build_cpu - sum(cpu.get(s, 0.0) for s in VIEW_STAGES),
        "memory": memory, "peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }


def run_worker(corpus: Path) -> dict:
    """`measure(corpus)` in a fresh Python process, so each corpus has its own peak memory."""
    out = subprocess.run([sys.executable, __file__, "--measure", str(corpus)], check=True, capture_output=True,
                         text=True, cwd=REPO)
    return json.loads(out.stdout.strip().splitlines()[-1])


def table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.rjust(w) if k else c.ljust(w) for k, (c, w) in enumerate(zip(r, widths))) for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def report(results: dict[str, dict], sizes: list[int]) -> str:
    names = list(results)
    col = lambda f: [f(results[n]) for n in names]  # noqa: E731
    mb = lambda b: f"{b / MB:.0f} MB"  # noqa: E731
    def speed(label: str, key: str) -> list[list[str]]:
        return [[f"{label} s", *col(lambda r: f"{r[key]:.2f}")],
                [f"{label} words/s", *col(lambda r: f"{r['words'] / r[key]:,.0f}")]]

    rows = [["", *names],
            ["articles", *col(lambda r: f"{r['articles']:,}")],
            ["words (spaCy tokens)", *col(lambda r: f"{r['words']:,}")],
            ["entities / facts", *col(lambda r: f"{r['entities']:,} / {r['facts']:,}")],
            *speed("spaCy nlp.pipe", "pipe_seconds"),
            *speed("kg build (graph)", "graph_seconds"),
            ["RATIO graph", *col(lambda r: f"{r['pipe_seconds'] / r['graph_seconds']:.2f}")],
            *speed("kg build (+views)", "build_seconds"),
            ["RATIO with views", *col(lambda r: f"{r['pipe_seconds'] / r['build_seconds']:.2f}")],
            ["ratio graph, CPU time", *col(lambda r: f"{r['pipe_cpu'] / r['graph_cpu']:.2f}")],
            ["ratio with views, CPU time", *col(lambda r: f"{r['pipe_cpu'] / r['build_cpu']:.2f}")]]
    rows += [[f"  stage {s} s", *col(lambda r, s=s: f"{r['stages'][s]:.2f}")] for s in STAGES]
    rows += [["  other (writes, lock) s", *col(lambda r: f"{r['other_seconds']:.2f}")],
             ["fixed costs (excluded) s", *col(lambda r: f"{r['fixed_seconds']:.2f}")],
             ["RSS rise, nlp.pipe first 2 batches", *col(lambda r: mb(r["memory"]["batches"]))],
             ["RSS rise, build NLP stage", *col(lambda r: mb(r["memory"]["nlp"]))],
             ["RSS rise, bare nlp.pipe (after)", *col(lambda r: mb(r["memory"]["pipe"]))],
             ["RSS rise, extract+resolve", *col(lambda r: mb(max(r["memory"]["extract"], 0)
                                                             + max(r["memory"]["resolve"], 0)))],
             ["peak RSS of the process", *col(lambda r: mb(r["peak_rss"]))]]
    lines = [table(rows), ""]
    small, big = (f"generated {n}" for n in (min(sizes), max(sizes)))
    if len(sizes) > 1 and small in results and big in results:
        a, b = results[small], results[big]
        per = lambda r, key: r[key] / r["articles"]  # noqa: E731
        lines.append(f"linearity {min(sizes):,} -> {max(sizes):,} articles ({b['articles'] / a['articles']:.0f}x "
                     f"the articles, {b['words'] / a['words']:.1f}x the words): time per word grows "
                     f"x{(b['build_seconds'] / b['words']) / (a['build_seconds'] / a['words']):.2f} for the build "
                     f"with views, x{(b['graph_seconds'] / b['words']) / (a['graph_seconds'] / a['words']):.2f} "
                     f"for the graph, x{(b['pipe_seconds'] / b['words']) / (a['pipe_seconds'] / a['words']):.2f} "
                     f"for bare spaCy (1.00 = linear); per article: x{per(b, 'build_seconds') / per(a, 'build_seconds'):.2f}")
        stages = ", ".join(f"{s} x{(b['stages'][s] / b['words']) / max(a['stages'][s] / a['words'], 1e-12):.2f}"
                           for s in STAGES if s != "read")
        lines.append(f"  per stage, time per word: {stages}")
        lines.append(f"memory {min(sizes):,} -> {max(sizes):,}: first 2 batches {mb(a['memory']['batches'])} -> "
                     f"{mb(b['memory']['batches'])}; build NLP stage {mb(a['memory']['nlp'])} -> "
                     f"{mb(b['memory']['nlp'])}; process peak {mb(a['peak_rss'])} -> {mb(b['peak_rss'])}")
    lines += ["",
              "ratio = spaCy nlp.pipe seconds / kg build seconds on the same cleaned texts, same pipeline "
              "(model + gazetteer and event rulers), batch 32, one process, no parse cache.",
              "graph = read, NLP, extraction, resolution, RDF and writing graph.ttl (kg build --no-view); "
              "with views adds analysis (stats.json), render (graph.html) and report (report.html/.md, pictures).",
              "Fixed costs (model and ontology load, imports) are paid by a warm-up before both timings, "
              "so neither side carries them. CPU-time ratios (time.process_time) are less disturbed by other "
              "load on the machine than the wall-clock ones. Memory: RSS from /proc/self/statm sampled every 5 ms "
              "(rise above the level at the start of the stage; 'first 2 batches' is parsing's working set, measured "
              "first on a fresh heap), peak from getrusage ru_maxrss. The build's NLP stage is the first round of "
              "extraction: parsing, finding each batch's mentions and spooling its parses to a temporary file "
              "(the time spent finding mentions is booked to extract); 'extract+resolve' holds the corpus's "
              "Extractions, which resolution needs all at once."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,2000", help="generated corpus sizes, comma-separated")
    parser.add_argument("--quick", action="store_true", help="generated sizes 50 and 200 (about a minute)")
    parser.add_argument("--seed", type=int, default=7, help="generator seed")
    parser.add_argument("--oxigraph", action="store_true", help="then run bench/bench_oxigraph.py too")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # worker mode
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    from generate_corpus import generate

    sizes = [50, 200] if args.quick else sorted(int(s) for s in args.sizes.split(",") if s.strip())
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="kg-bench-corpora-") as tmp:
        corpora = {"seeds": REPO / "corpus"}
        for n in sizes:
            corpora[f"generated {n}"] = Path(tmp) / f"gen{n}"
            generate(n, corpora[f"generated {n}"], seed=args.seed)
        for name, folder in corpora.items():
            t0 = time.perf_counter()
            results[name] = run_worker(folder)
            print(f"measured {name} in {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    print(f"kg build vs bare spaCy nlp.pipe  ({os.cpu_count()} CPUs, Python {sys.version.split()[0]})\n")
    print(report(results, sizes))
    if args.oxigraph:
        subprocess.run([sys.executable, str(REPO / "bench" / "bench_oxigraph.py")], check=True)


if __name__ == "__main__":
    main()
