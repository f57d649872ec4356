"""Take the README's screenshots of graph.html and report.html in headless Chromium.

    python bench/screenshots.py output/            # a build's folder: graph.html and report.html
    python bench/screenshots.py output/ --to docs/screenshots
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.views.headless import Browser  # noqa: E402

COLOURS = 256  # text and flat colours: every channel stays within ~10 of the original, at a third of the size


def _shrink(shot: Path) -> Path:
    """Re-save a screenshot with a palette of COLOURS, no dithering (text stays crisp)."""
    from PIL import Image  # Pillow comes with matplotlib

    with Image.open(shot) as image:
        small = image.convert("RGB").quantize(colors=COLOURS, method=Image.Quantize.MAXCOVERAGE,
                                              dither=Image.Dither.NONE)
    small.save(shot, optimize=True)
    return shot


def _settle(b: Browser) -> None:
    b.eval("new Promise(function (done) { setTimeout(done, 600); })")


def take(build: Path, to: Path) -> list[Path]:
    """graph.png (overview), entity and link panels, search, phone width, and the report; small PNGs."""
    to.mkdir(parents=True, exist_ok=True)
    page = (build / "graph.html").as_uri()
    shots = []
    with Browser(1400, 900) as b:
        b.open(page)
        _settle(b)
        shots.append(b.screenshot(to / "graph.png"))
        b.open(page + "#entity=John%20Healey")
        b.eval("document.querySelector('.kg-panel details[data-sentences]').open = true")
        _settle(b)
        shots.append(b.screenshot(to / "panel-entity.png"))
        b.open(page)
        edge = b.eval("""(function () { var best = null;
            document.body.kgNetwork.body.data.edges.forEach(function (e) { if (!best || e.width > best.width) { best = e; } });
            return best.id; })()""")
        b.eval(f"document.body.kgNetwork.emit('click', {{nodes: [], edges: [{edge!r}]}}); true")
        _settle(b)
        shots.append(b.screenshot(to / "panel-link.png"))
        b.open(page)
        b.eval("""(function () { var s = document.querySelector('.kg-search'); s.value = 'troops';
            s.dispatchEvent(new Event('input')); document.querySelector("input[data-modality='asserted']").click(); })()""")
        _settle(b)
        shots.append(b.screenshot(to / "search-filters.png"))
        b.open((build / "report.html").as_uri(), ready="document.readyState === 'complete'")
        _settle(b)
        shots.append(b.screenshot(to / "report.png"))
    with Browser(390, 800) as b:
        b.open(page + "#entity=United%20Kingdom")
        _settle(b)
        shots.append(b.screenshot(to / "phone.png"))
    return [_shrink(shot) for shot in shots]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", type=Path)
    parser.add_argument("--to", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    for shot in take(args.build, args.to):
        print(f"wrote {shot} ({shot.stat().st_size / 1e3:.0f} KB)")


if __name__ == "__main__":
    main()
