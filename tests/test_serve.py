"""Tests for kg.sparql.serve: a read-only SPARQL endpoint on a free localhost port, queried over HTTP."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import interruptible
from kg.errors import InputError
from kg.sparql.serve import bind_address, endpoint_url, server_binary, start_server, stop_server

DATA = Path(__file__).parent / "data"
TEST_GRAPH = DATA / "query_graph.ttl"
QUERY = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
         "SELECT ?label WHERE { <https://w3id.org/newskg/entity/ukraine> rdfs:label ?label }")

try:
    server_binary()
    HAVE_SERVER = True
except InputError:
    HAVE_SERVER = False
needs_server = pytest.mark.skipif(not HAVE_SERVER, reason="the oxigraph server (pip install oxigraph) is not installed")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _labels(url: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> list[str]:
    request = urllib.request.Request(url, data=data, headers={"Accept": "application/sparql-results+json",
                                                               **(headers or {})})
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.headers["Content-Type"].startswith("application/sparql-results+json")
        body = json.load(response)
    return [b["label"]["value"] for b in body["results"]["bindings"]]


@needs_server
def test_endpoint_answers_get_and_post_and_refuses_updates(tmp_path: Path) -> None:
    graph = tmp_path / "graph.ttl"
    graph.write_bytes(TEST_GRAPH.read_bytes())
    port = _free_port()
    server = start_server(graph, port=port, wait_seconds=20)
    try:
        url = endpoint_url("127.0.0.1", port)
        assert _labels(url + "?" + urllib.parse.urlencode({"query": QUERY})) == ["Ukraine"]
        assert _labels(url, QUERY.encode(), {"Content-Type": "application/sparql-query"}) == ["Ukraine"]
        update = urllib.request.Request(f"http://127.0.0.1:{port}/update", data=b"INSERT DATA { <a:b> <a:b> <a:b> }",
                                        headers={"Content-Type": "application/sparql-update"})
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(update, timeout=5)
    finally:
        stop_server(server)
    assert server.poll() is not None


@needs_server
def test_a_busy_port_is_an_input_error(tmp_path: Path) -> None:
    graph = tmp_path / "graph.ttl"
    graph.write_bytes(TEST_GRAPH.read_bytes())
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        with pytest.raises(InputError, match=r"^the SPARQL server"):
            start_server(graph, port=holder.getsockname()[1], wait_seconds=10)


@needs_server
def test_ctrl_c_while_the_server_starts_stops_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    graph = tmp_path / "graph.ttl"
    graph.write_bytes(TEST_GRAPH.read_bytes())
    started: list[subprocess.Popen] = []

    class RecordedPopen(subprocess.Popen):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            started.append(self)

    def interrupted(host: str, port: int) -> bool:
        raise KeyboardInterrupt

    monkeypatch.setattr("kg.sparql.serve.subprocess.Popen", RecordedPopen)
    monkeypatch.setattr("kg.sparql.serve._answers", interrupted)
    with pytest.raises(KeyboardInterrupt):
        start_server(graph, port=_free_port())
    assert len(started) == 1 and started[0].poll() is not None  # not left running without an owner


@needs_server
def test_cli_serve_stops_its_server_on_ctrl_c(tmp_path: Path) -> None:
    graph = tmp_path / "graph.ttl"
    graph.write_bytes(TEST_GRAPH.read_bytes())
    port = _free_port()
    cli = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(graph), "--port", str(port)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
                           preexec_fn=interruptible)
    try:
        url = endpoint_url("127.0.0.1", port) + "?" + urllib.parse.urlencode({"query": QUERY})
        deadline = time.monotonic() + 30
        while True:
            try:
                assert _labels(url) == ["Ukraine"]
                break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline and cli.poll() is None, "kg serve did not come up"
                time.sleep(0.2)
        os.kill(cli.pid, signal.SIGINT)
        assert cli.wait(timeout=15) == 130
        gone_by = time.monotonic() + 10  # the server goes with it (it may take a moment to stop)
        with pytest.raises((urllib.error.URLError, ConnectionError)):
            while time.monotonic() < gone_by:
                urllib.request.urlopen(url, timeout=2).close()
                time.sleep(0.3)
    finally:
        if cli.poll() is None:
            os.killpg(cli.pid, signal.SIGKILL)  # its own session: takes the server child too
            cli.wait(timeout=5)
        if cli.stderr:
            cli.stderr.close()


def test_bind_address_brackets_ipv6() -> None:
    assert bind_address("127.0.0.1", 7878) == "127.0.0.1:7878"
    assert bind_address("::1", 7878) == "[::1]:7878"
    assert endpoint_url("::1", 80) == "http://[::1]:80/query"
