"""Benchmark the views at scale: render time and memory, page load and pan/zoom frame rate in Chromium.

    python bench/bench_views.py                       # 10,000 entities, 50,000 links
    python bench/bench_views.py --entities 2000 --links 8000 --articles 300
    python bench/bench_views.py --triples-only --entities 60000 --links 200000   # render from N-Triples
    python bench/bench_views.py --triples-only --no-report --max-nodes 2000 \
        --entities 16000 --links 90000 --articles 2000     # kg render of a 1.13M-triple graph

It writes a synthetic graph in the shape of docs/graph-shape.md as N-Triples (entities of a dozen
classes with labels, aliases and mentions; relations with one reified statement per sentence;
articles with title, date, publisher and URL), renders graph.html and the report from the file in
a child process (timing it and reading its peak memory), then opens graph.html in headless Chromium
and measures the load time and the frame rate while panning and zooming. Figures are printed,
never asserted.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

KG = "https://w3id.org/newskg/ontology#"
ENT = "https://w3id.org/newskg/entity/"
DOC = "https://w3id.org/newskg/document/"
STMT = "https://w3id.org/newskg/statement/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
CLASSES = ("Person", "Person", "Person", "Organization", "Country", "City", "Company", "GovernmentBody",
           "MilitaryUnit", "PoliticalParty", "Event", "Weapon", "Region", "NGO")
PREDICATES = ("meets", "leads", "supplies", "attacks", "criticises", "memberOf", "worksFor", "visits",
              "locatedIn", "funds", "sanctions", "negotiatesWith")
MODALITIES = ("asserted",) * 6 + ("planned", "hypothetical", "reported")
PUBLISHERS = ("The Guardian", "BBC News", "Reuters", "The Telegraph", "Al Jazeera", "AP")
WORDS = ("talks", "ceasefire", "minister", "border", "troops", "sanctions", "summit", "aid", "election",
         "drone", "capital", "envoy", "deal", "strike", "parliament", "agency")


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_graph(path: Path, entities: int, links: int, articles: int, seed: int = 7) -> int:
    """Write the synthetic graph to `path` (N-Triples); returns the number of triples."""
    rng = random.Random(seed)
    lines: list[str] = []
    add = lines.append
    for a in range(articles):
        d = f"<{DOC}{a:05d}>"
        add(f"{d} <{RDF}type> <{KG}Article> .")
        add(f'{d} <http://purl.org/dc/terms/title> {_lit(f"Article {a}: " + " ".join(rng.sample(WORDS, 4)))} .')
        add(f'{d} <http://purl.org/dc/terms/date> "2026-{1 + a % 12:02d}-{1 + a % 28:02d}" .')
        add(f"{d} <http://purl.org/dc/terms/publisher> {_lit(PUBLISHERS[a % len(PUBLISHERS)])} .")
        add(f"{d} <https://schema.org/url> <https://news.example/{a}> .")
    weights: list[int] = []
    for e in range(entities):
        node = f"<{ENT}e{e}>"
        add(f"{node} <{RDF}type> <{KG}{CLASSES[e % len(CLASSES)]}> .")
        add(f'{node} <http://www.w3.org/2000/01/rdf-schema#label> {_lit(f"Entity {e} " + rng.choice(WORDS))} .')
        if e % 3 == 0:
            add(f'{node} <http://www.w3.org/2004/02/skos/core#altLabel> {_lit(f"E{e}")} .')
        for a in rng.sample(range(articles), k=min(articles, 1 + e % 3)):
            add(f"{node} <{KG}mentionedIn> <{DOC}{a:05d}> .")
        weights.append(1)
    seen: set[tuple[int, int, str]] = set()
    targets = list(range(entities))
    while len(seen) < links:
        # preferential attachment: a few hubs, a long tail, as in news
        s = rng.randrange(entities)
        o = rng.choice(targets)
        p = rng.choice(PREDICATES)
        if s == o or (s, o, p) in seen:
            continue
        seen.add((s, o, p))
        targets.append(o)
        add(f"<{ENT}e{s}> <{KG}{p}> <{ENT}e{o}> .")
        for k in range(1 + (len(seen) % 3 == 0)):
            st = f"<{STMT}s{len(seen)}-{k}>"
            a = rng.randrange(articles)
            add(f"{st} <{RDF}type> <{RDF}Statement> .")
            add(f"{st} <{RDF}subject> <{ENT}e{s}> .")
            add(f"{st} <{RDF}predicate> <{KG}{p}> .")
            add(f"{st} <{RDF}object> <{ENT}e{o}> .")
            add(f"{st} <http://www.w3.org/ns/prov#wasDerivedFrom> <{DOC}{a:05d}> .")
            add(f'{st} <{KG}sentence> {_lit(f"Entity {s} {p} entity {o} after the " + " ".join(rng.sample(WORDS, 5)) + ".")} .')
            add(f'{st} <{KG}modality> "{rng.choice(MODALITIES)}" .')
            add(f'{st} <{KG}confidence> "{rng.choice((0.55, 0.7, 0.85, 0.95))}" .')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


_CHILD = """
import sys, time, resource
from pathlib import Path
from kg.views.model import load_model_for_command
from kg.views.render import render_html
start, cpu0 = time.monotonic(), time.process_time()
model = load_model_for_command(Path(sys.argv[1]))  # as kg render / kg report read it
loaded, cpu1 = time.monotonic(), time.process_time()
render_html(model, Path(sys.argv[2]) / "graph.html", max_nodes=int(sys.argv[3]))
rendered, cpu2 = time.monotonic(), time.process_time()
if sys.argv[4] == "1":
    from kg.views.report import write_report
    write_report(model, Path(sys.argv[2]))
done, cpu3 = time.monotonic(), time.process_time()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{loaded - start:.1f} {rendered - loaded:.1f} {done - rendered:.1f} {peak:.0f} "
      f"{cpu1 - cpu0:.1f} {cpu2 - cpu1:.1f} {cpu3 - cpu2:.1f}")
"""


def render(graph: Path, out: Path, max_nodes: int, report: bool) -> tuple[list[float], float, list[float]]:
    """Wall seconds to load, render the page and write the report, peak memory in MB, and the CPU
    seconds of the same three steps (steadier than wall time on a shared machine), in a fresh process."""
    out.mkdir(parents=True, exist_ok=True)
    run = subprocess.run([sys.executable, "-c", _CHILD, str(graph), str(out), str(max_nodes),
                          "1" if report else "0"],
                         capture_output=True, text=True, check=True, cwd=REPO, env={"PYTHONPATH": str(REPO)})
    figures = [float(x) for x in run.stdout.split()]
    return figures[:3], figures[3], figures[4:]


_PAN = """
new Promise(function (done) {
  var root = document.body, net = root.kgNetwork, r = net.renderer, frames = 0, t0 = performance.now();
  var start = net.getViewPosition(), scale0 = net.getScale();
  net.on("afterDrawing", function () { frames++; });
  r.dragging = true;  // as the renderer does during a drag: links hidden, nodes culled off screen
  (function step() {
    var t = performance.now() - t0;
    if (t > %(ms)d) { r.dragging = false; done(frames / (t / 1000)); return; }
    net.moveTo({position: {x: start.x + 400 * Math.sin(t / 300), y: start.y + 300 * Math.cos(t / 400)},
                scale: scale0 * (1 + 0.5 * Math.sin(t / 500))});
    requestAnimationFrame(step);
  })();
})
"""

_DRAW = """
(function () {
  var r = document.body.kgNetwork.renderer, n = %(n)d, t0 = performance.now();
  r.dragging = %(moving)s;
  for (var i = 0; i < n; i++) { r._redraw(); }
  r.dragging = false;
  return (performance.now() - t0) / n;
})()
"""


def browse(page: Path, seconds: float) -> dict[str, float]:
    """Load time (navigation to first frame) and frame rates in headless Chromium."""
    from kg.views.headless import Browser

    with Browser(1400, 900) as b:
        wall = b.open(page.as_uri(), timeout=120)
        drawn_at = float(b.eval("document.body.dataset.drawnAt"))
        fps = float(b.eval(_PAN % {"ms": int(seconds * 1000)}, timeout=seconds + 30))
        moving_ms = float(b.eval(_DRAW % {"moving": "true", "n": 20}))
        still_ms = float(b.eval(_DRAW % {"moving": "false", "n": 2}, timeout=300))
        errors = [line for line in b.console if "exception" in line]
    return {"load_wall_s": wall, "first_frame_s": drawn_at / 1000, "pan_zoom_fps": fps,
            "frame_ms_moving": moving_ms, "frame_ms_still": still_ms, "errors": len(errors)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--links", type=int, default=50_000)
    parser.add_argument("--articles", type=int, default=1_500)
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench-views"))
    parser.add_argument("--seconds", type=float, default=3.0, help="how long to pan and zoom")
    parser.add_argument("--no-report", action="store_true", help="render graph.html only")
    parser.add_argument("--max-nodes", type=int, default=0,
                        help="entities on the page (default: all; kg render's own default is 2,000)")
    parser.add_argument("--triples-only", action="store_true", help="time load and render, no browser")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    graph = args.work / "graph.nt"
    start = time.monotonic()
    triples = write_graph(graph, args.entities, args.links, args.articles)
    print(f"graph: {args.entities:,} entities, {args.links:,} links, {args.articles:,} articles, "
          f"{triples:,} triples ({graph.stat().st_size / 1e6:.0f} MB N-Triples, written in "
          f"{time.monotonic() - start:.1f} s)")
    (load, page, rep), peak, cpu = render(graph, args.work / "out", args.max_nodes or args.entities,
                                          not args.no_report)
    html = args.work / "out" / "graph.html"
    print(f"render: load {load:.1f} s, graph.html {page:.1f} s, report {rep:.1f} s, peak memory {peak:.0f} MB; "
          f"graph.html {html.stat().st_size / 1e6:.1f} MB")
    print(f"render CPU: load {cpu[0]:.1f} s, graph.html {cpu[1]:.1f} s, report {cpu[2]:.1f} s "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    if not args.no_report:
        sizes = {p.name: p.stat().st_size for p in (args.work / "out").iterdir()}
        print("report: " + ", ".join(f"{k} {v / 1e3:,.0f} KB" for k, v in sorted(sizes.items())))
    if args.triples_only:
        return
    figures = browse(html, args.seconds)
    print(f"chromium: first frame {figures['first_frame_s']:.2f} s after navigation "
          f"(ready {figures['load_wall_s']:.2f} s wall), pan/zoom {figures['pan_zoom_fps']:.0f} fps, "
          f"frame {figures['frame_ms_moving']:.1f} ms moving / {figures['frame_ms_still']:.1f} ms still, "
          f"{figures['errors']} script errors")
    print(f"bench process peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
