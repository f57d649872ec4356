"""Loads graph.html and report.html in headless Chromium from file://, with every host unresolvable."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from rdflib import RDF

from kg.views.graphview import load_graph
from kg.views.render import render_html
from kg.views.report import write_report

CHROMIUM = Path("/usr/bin/chromium")
DATA = Path(__file__).parent / "data" / "small_graph.ttl"
ENT = "https://w3id.org/newskg/entity/"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="chromium not installed: apt-get install chromium chromium-driver"),
]


def chromium(url: str, workdir: Path, *args: str) -> subprocess.CompletedProcess:
    """Run headless Chromium on `url` with a fresh profile; no host name resolves, so nothing leaves."""
    workdir.mkdir(parents=True, exist_ok=True)
    profile = workdir / f"profile-{len(list(workdir.glob('profile-*')))}"
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
        "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0",
        "--virtual-time-budget=5000", "--window-size=1400,900", *args, url,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def body_attributes(dom: str) -> dict[str, str]:
    match = re.search(r"<body([^>]*)>", dom)
    assert match, "no <body> in the dumped DOM"
    return dict(re.findall(r'([\w-]+)="([^"]*)"', match.group(1)))


def console_lines(stderr: str) -> list[str]:
    # the page logs nothing itself, so any console line is an error or a warning from the view
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


@pytest.fixture(scope="module")
def entity_count() -> int:
    g = load_graph(DATA)
    return len({s for s in g.subjects(RDF.type, None) if str(s).startswith(ENT)})


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser")
    write_report(load_graph(DATA), out)
    return out


def test_graph_page_draws_every_entity_offline(built, entity_count, tmp_path):
    run = chromium((built / "graph.html").as_uri(), tmp_path, "--dump-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    body = body_attributes(run.stdout)
    assert body.get("data-node-count") == str(entity_count)
    assert body.get("data-edge-count") == "15"
    assert body.get("data-drawn") == "true"
    assert console_lines(run.stderr) == []


def test_search_selects_the_entity(built, tmp_path):
    run = chromium((built / "graph.html").as_uri() + "#search=Mr%20Healey", tmp_path, "--dump-dom")
    assert body_attributes(run.stdout).get("data-selected") == ENT + "john-healey"
    assert console_lines(run.stderr) == []


def test_report_embeds_a_working_view(built, entity_count, tmp_path):
    run = chromium((built / "report.html").as_uri(), tmp_path, "--dump-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    assert body_attributes(run.stdout).get("data-node-count") == str(entity_count)
    assert "Key players" in run.stdout
    assert console_lines(run.stderr) == []


def test_screenshot(built, tmp_path):
    focus = render_html(load_graph(DATA), tmp_path / "focus.html", focus="United Kingdom", depth=1)
    for page, shot in ((built / "graph.html", tmp_path / "graph.png"), (focus, tmp_path / "focus.png")):
        run = chromium(page.as_uri(), tmp_path, f"--screenshot={shot}")
        assert run.returncode == 0, run.stderr[-2000:]
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert len(data) > 30_000  # a blank or error page compresses to a few KB
