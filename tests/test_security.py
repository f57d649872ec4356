"""Issue 14, what must not run or be fetched, and the messages: queries never leave the machine, the
endpoint answers only its own Host and stops with its server, terminal output holds no control
characters, and parse errors, empty graphs and updates get their own one-line messages."""
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
from conftest import KG_BIN, interruptible, run_kg

from kg.errors import InputError
from kg.sparql.query import check_query, printable, run_query
from kg.sparql.serve import allowed_hosts, server_command, start_server, stop_server

DATA = Path(__file__).parent / "data"
TEST_GRAPH = DATA / "query_graph.ttl"
QUERY = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
         "SELECT ?label WHERE { <https://w3id.org/newskg/entity/ukraine> rdfs:label ?label }")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Listener:
    """A socket that records whether anyone connected to it (the SERVICE target)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.setblocking(False)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/sparql"

    def contacted(self) -> bool:
        try:
            conn, _ = self.sock.accept()
        except BlockingIOError:
            return False
        conn.close()
        return True

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def listener():
    target = Listener()
    yield target
    target.close()


@pytest.fixture
def graph(tmp_path: Path) -> Path:
    path = tmp_path / "graph.ttl"
    path.write_bytes(TEST_GRAPH.read_bytes())
    return path


# ---------------------------------------------------------------- SERVICE and updates


@pytest.mark.parametrize("store", ["rdflib", "oxigraph"])
def test_service_is_refused_and_nothing_is_fetched(graph: Path, listener: Listener, store: str) -> None:
    query = f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
    proc = run_kg("query", str(graph), query, "--store", store)
    assert proc.returncode == 2
    assert proc.stderr.strip() == ("kg: error: SERVICE is not allowed: a query must not make requests to "
                                   "other servers (kg query --allow-service permits it)")
    assert not listener.contacted()


def test_service_word_inside_strings_iris_and_names_is_not_a_service() -> None:
    check_query('PREFIX s: <http://a/service/> SELECT ?service WHERE { ?service s:SERVICE "SERVICE" } # SERVICE')


def test_update_is_refused_as_an_update(graph: Path) -> None:
    proc = run_kg("query", str(graph), "PREFIX a: <x:> INSERT DATA { a:a a:b a:c }")
    assert proc.returncode == 2
    assert "updates are not allowed" in proc.stderr and "CONSTRUCT" not in proc.stderr.split(":")[2]
    with pytest.raises(InputError, match="updates are not allowed"):
        run_query(graph, "LOAD <http://example.com/data.ttl>")


# ---------------------------------------------------------------- the endpoint


def _get(url: str, host: str | None = None) -> tuple[int, str]:
    headers = {"Accept": "application/sparql-results+json"}
    if host:
        headers["Host"] = host
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def test_endpoint_answers_only_its_own_host_and_refuses_service(graph: Path, listener: Listener) -> None:
    port = _free_port()
    server = start_server(graph, port=port, wait_seconds=20)
    try:
        base = f"http://127.0.0.1:{port}/query?"
        ok = base + urllib.parse.urlencode({"query": QUERY})
        status, body = _get(ok)
        assert status == 200 and "Ukraine" in body
        assert _get(ok, host=f"localhost:{port}")[0] == 200
        assert _get(ok, host=f"attacker.example:{port}")[0] == 421  # DNS rebinding
        service = base + urllib.parse.urlencode(
            {"query": f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"})
        status, body = _get(service)
        assert status == 400 and "SERVICE is not allowed" in body
        assert not listener.contacted()
    finally:
        stop_server(server)
    assert server.poll() is not None


def test_server_gets_a_query_timeout() -> None:
    command = server_command(Path("/tmp/x"), "127.0.0.1", 1234, timeout=7)
    assert command[-2:] == ["--timeout-s", "7"]
    assert allowed_hosts("127.0.0.1", 7878) >= {"127.0.0.1:7878", "localhost:7878"}
    assert "evil.example:7878" not in allowed_hosts("127.0.0.1", 7878)


def _children(pid: int) -> set[int]:
    try:
        return {int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
    except OSError:
        return set()


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads children from /proc")
def test_sigterm_to_kg_serve_stops_the_oxigraph_server(graph: Path) -> None:
    port = _free_port()
    cli = subprocess.Popen([str(KG_BIN), "serve", str(graph), "--port", str(port)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    children: set[int] = set()
    try:
        for _ in range(300):
            children = _children(cli.pid)
            if children and _get(f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode({"query": QUERY}))[0] \
                    == 200:
                break
            time.sleep(0.1)
        assert children, "kg serve did not start its server"
        cli.send_signal(signal.SIGTERM)
        cli.wait(timeout=30)
        for _ in range(100):
            if not any(_alive(c) for c in children):
                break
            time.sleep(0.1)
        assert not any(_alive(c) for c in children), "the Oxigraph server outlived kg serve"
    finally:
        if cli.poll() is None:
            os.killpg(cli.pid, signal.SIGKILL)
        for child in children | _children(cli.pid):  # a failing run leaves no server behind either
            if _alive(child):
                os.kill(child, signal.SIGKILL)
        cli.stderr.close()


def test_busy_port_is_one_line_before_any_banner(graph: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        proc = run_kg("serve", str(graph), "--port", str(holder.getsockname()[1]))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: the SPARQL server cannot listen on"), proc.stderr
    assert "SPARQL endpoint" not in proc.stderr


# ---------------------------------------------------------------- messages


BAD_TURTLE = '@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:a ex:b "unterminated .\n'


@pytest.mark.parametrize("command", [["query", "SELECT * WHERE { ?s ?p ?o }"], ["validate"], ["stats"]])
def test_turtle_errors_name_the_file_and_line(tmp_path: Path, command: list[str]) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(BAD_TURTLE)
    proc = run_kg(command[0], str(bad), *command[1:])
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "of <>" not in proc.stderr
    assert str(bad) in proc.stderr and "line 3" in proc.stderr, proc.stderr


def test_validate_calls_an_empty_graph_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "graph.ttl"
    empty.write_text("")
    proc = run_kg("validate", str(empty))
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"kg: error: {empty} holds no triples: nothing to validate"


def test_printable_removes_control_characters() -> None:
    assert printable("a\x1b[31mred\x1b[0m\x9b2J\tb\nc\x07") == "a[31mred[0m2J\tb\nc"


def test_terminal_output_of_query_and_stats_holds_no_escape(tmp_path: Path) -> None:
    graph = tmp_path / "graph.ttl"
    graph.write_text(TEST_GRAPH.read_text().replace('rdfs:label "Ukraine"', 'rdfs:label "Ukr\\u001b]0;pwned\\u0007aine\\u001b[2J"'))
    assert "\\u001b" in graph.read_text()
    for args in (["query", str(graph), QUERY], ["query", str(graph), QUERY, "--format", "csv"],
                 ["stats", str(graph)], ["stats", str(graph), "--json"]):
        proc = run_kg(*args)
        assert proc.returncode == 0, proc.stderr
        assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout, args
    assert "Ukr]0;pwnedaine[2J" in run_kg("query", str(graph), QUERY).stdout
