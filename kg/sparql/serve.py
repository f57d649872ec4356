"""A read-only SPARQL 1.1 endpoint over a graph file: the `oxigraph` server on an on-disk copy of the graph."""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from kg.errors import InputError
from kg.sparql.query import ensure_store

SERVER_BINARY = "oxigraph"  # from the `oxigraph` PyPI package (the Rust server, not pyoxigraph)


def server_binary() -> str:
    """Path of the oxigraph server: beside this Python first (a virtualenv's bin/), then on PATH."""
    beside = Path(sys.executable).with_name(SERVER_BINARY)
    if beside.is_file():
        return str(beside)
    found = shutil.which(SERVER_BINARY)
    if found is None:
        raise InputError("the oxigraph server is not installed: pip install oxigraph")
    return found


def bind_address(host: str, port: int) -> str:
    """HOST:PORT as the server wants it, with an IPv6 host in brackets."""
    return f"[{host}]:{port}" if ":" in host and not host.startswith("[") else f"{host}:{port}"


def endpoint_url(host: str, port: int) -> str:
    """The SPARQL query URL clients use: http://HOST:PORT/query."""
    return f"http://{bind_address(host, port)}/query"


def server_command(data_dir: Path, host: str, port: int) -> list[str]:
    """The command line that serves data_dir read-only on host:port."""
    return [server_binary(), "serve-read-only", "--location", str(data_dir), "--bind", bind_address(host, port)]


def start_server(graph_path: Path, host: str = "127.0.0.1", port: int = 7878,
                 store_dir: Path | None = None, wait_seconds: float = 20.0) -> subprocess.Popen:
    """Load graph_path into its Oxigraph store if needed, start the server, and return once it answers.

    The caller owns the process: stop it with `stop_server`. A server that exits or does not answer
    within wait_seconds is an InputError carrying the server's own message (e.g. port in use).
    """
    data_dir = ensure_store(Path(graph_path), store_dir)
    process = subprocess.Popen(server_command(data_dir, host, port),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        _wait_until_answering(process, host, port, wait_seconds)
    except BaseException:  # also Ctrl-C while waiting: the caller never gets the process to stop
        stop_server(process)
        raise
    return process


def _wait_until_answering(process: subprocess.Popen, host: str, port: int, wait_seconds: float) -> None:
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            message = (process.stderr.read() if process.stderr else "").strip().splitlines()
            raise InputError(f"the SPARQL server stopped at start: {message[-1] if message else 'no message'}")
        if _answers(host, port):
            return
        time.sleep(0.1)
    raise InputError(f"the SPARQL server did not answer on {bind_address(host, port)} within {wait_seconds:g}s")


def _answers(host: str, port: int) -> bool:
    url = endpoint_url(host, port) + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=1) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def stop_server(process: subprocess.Popen, timeout: float = 5.0) -> None:
    """Stop a server from `start_server`: terminate, and kill it if it has not gone within timeout."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout)
    if process.stderr:
        process.stderr.close()


def serve(graph_path: Path, host: str = "127.0.0.1", port: int = 7878, store_dir: Path | None = None) -> int:
    """Serve graph_path until the server exits or the user presses Ctrl-C; return the server's exit status."""
    process = start_server(graph_path, host, port, store_dir)
    try:
        return process.wait()
    finally:
        # Ctrl-C (or any error) here must not leave an orphaned server holding the port.
        stop_server(process)
