"""A read-only SPARQL 1.1 endpoint over a graph file: the `oxigraph` server on an on-disk copy of the graph."""
from __future__ import annotations

import http.client
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kg.errors import InputError
from kg.sparql.query import check_query, ensure_store

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


def server_command(data_dir: Path, host: str, port: int, timeout: float | None = None) -> list[str]:
    """The command line that serves data_dir read-only on host:port (queries stopped after `timeout` s)."""
    command = [server_binary(), "serve-read-only", "--location", str(data_dir), "--bind", bind_address(host, port)]
    return command + (["--timeout-s", f"{max(1, round(timeout))}"] if timeout else [])


# The Oxigraph server listens on a private loopback port; clients talk to a small front in this
# process, which answers only Host headers naming the address it binds (no DNS rebinding), refuses
# updates and SERVICE (no request forgery through the endpoint) and passes the rest on.
BACKEND_HOST = "127.0.0.1"
DEFAULT_TIMEOUT = 30.0


@dataclass
class Server:
    """A running endpoint: the Oxigraph process behind, the front that clients reach."""

    process: subprocess.Popen
    front: ThreadingHTTPServer | None = None
    thread: threading.Thread | None = None

    def poll(self) -> int | None:
        return self.process.poll()

    def wait(self) -> int:
        return self.process.wait()


def allowed_hosts(host: str, port: int) -> frozenset[str] | None:
    """The Host headers the front answers (None: any, when it binds every interface)."""
    if host in ("0.0.0.0", "::", ""):
        return None
    names = {bind_address(host, port)}
    if host in ("127.0.0.1", "::1", "localhost"):
        names |= {f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}"}
    if port == 80:
        names |= {n.rsplit(":", 1)[0] for n in names}
    return frozenset(n.lower() for n in names)


def _request_query(method: str, path: str, headers, body: bytes) -> tuple[str | None, bool]:
    """The SPARQL text a request carries (None if none), and whether it asks for an update."""
    url = urllib.parse.urlsplit(path)
    if url.path.rstrip("/").endswith("/update"):
        return None, True
    fields = urllib.parse.parse_qs(url.query)
    kind = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if method == "POST" and kind == "application/x-www-form-urlencoded":
        fields.update(urllib.parse.parse_qs(body.decode("utf-8", "replace")))
    elif method == "POST" and kind == "application/sparql-update":
        return None, True
    elif method == "POST" and kind == "application/sparql-query":
        return body.decode("utf-8", "replace"), False
    if "update" in fields:
        return None, True
    return (fields["query"][0] if "query" in fields else None), False


class _Front(BaseHTTPRequestHandler):
    """Checks a request, then forwards it to the Oxigraph server (set on the server object)."""

    protocol_version = "HTTP/1.0"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._handle(b"")

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        self._handle(self.rfile.read(min(length, 10_000_000)))

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass  # the banner is the only output; a log line per request would drown it

    def _refuse(self, status: int, message: str) -> None:
        data = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _handle(self, body: bytes) -> None:
        hosts = self.server.allowed_hosts  # type: ignore[attr-defined]
        if hosts is not None and (self.headers.get("Host") or "").lower() not in hosts:
            return self._refuse(421, "unknown Host: this endpoint answers only requests for its own address")
        query, update = _request_query(self.command, self.path, self.headers, body)
        if update:
            return self._refuse(403, "updates are not allowed: this endpoint is read-only")
        if query is not None:
            try:
                check_query(query)
            except InputError as err:
                return self._refuse(400, str(err))
        self._forward(body)

    def _forward(self, body: bytes) -> None:
        backend = http.client.HTTPConnection(BACKEND_HOST, self.server.backend_port,  # type: ignore[attr-defined]
                                             timeout=self.server.timeout_seconds + 5)  # type: ignore[attr-defined]
        headers = {k: v for k, v in self.headers.items()
                   if k.lower() in ("accept", "content-type", "content-length")}
        try:
            backend.request(self.command, self.path, body=body or None, headers=headers)
            response = backend.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            return self._refuse(503, "the query did not finish in time or the store is not answering")
        finally:
            backend.close()
        self.send_response(response.status)
        for key in ("Content-Type", "Vary"):
            if response.getheader(key):
                self.send_header(key, response.getheader(key))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def _bind_front(host: str, port: int) -> ThreadingHTTPServer:
    """The front's listening socket, or InputError (busy port, unknown address) before anything starts."""
    kind = type("FrontServer", (ThreadingHTTPServer,),
                {"address_family": socket.AF_INET6 if ":" in host else socket.AF_INET})
    try:
        front = kind((host, port), _Front)
    except OSError as err:
        raise InputError(f"the SPARQL server cannot listen on {bind_address(host, port)}: "
                         f"{err.strerror or err}") from err
    front.daemon_threads = True
    return front


def _free_backend_port() -> int:
    with socket.socket() as probe:
        probe.bind((BACKEND_HOST, 0))
        return probe.getsockname()[1]


def start_server(graph_path: Path, host: str = "127.0.0.1", port: int = 7878,
                 store_dir: Path | None = None, wait_seconds: float = 20.0,
                 timeout: float = DEFAULT_TIMEOUT) -> Server:
    """Load graph_path into its Oxigraph store if needed, start the server, and return once it answers.

    The caller owns the server: stop it with `stop_server`. A port that cannot be bound, or a server
    that exits or does not answer within wait_seconds, is an InputError with the reason. Queries
    running longer than `timeout` seconds are stopped.
    """
    data_dir = ensure_store(Path(graph_path), store_dir)
    front = _bind_front(host, port)
    backend_port = _free_backend_port()
    try:
        process = subprocess.Popen(server_command(data_dir, BACKEND_HOST, backend_port, timeout),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    except BaseException:
        front.server_close()
        raise
    server = Server(process, front)
    try:
        _wait_until_answering(process, BACKEND_HOST, backend_port, wait_seconds)
    except BaseException:  # also Ctrl-C while waiting: the caller never gets the process to stop
        stop_server(server)
        raise
    front.backend_port, front.timeout_seconds = backend_port, timeout  # type: ignore[attr-defined]
    front.allowed_hosts = allowed_hosts(host, port)  # type: ignore[attr-defined]
    server.thread = threading.Thread(target=front.serve_forever, name="kg-serve-front", daemon=True)
    server.thread.start()
    return server


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


def stop_server(server: Server | subprocess.Popen, timeout: float = 5.0) -> None:
    """Stop a server from `start_server`: the front, then the Oxigraph process (killed if it lingers)."""
    process = server.process if isinstance(server, Server) else server
    if isinstance(server, Server) and server.front is not None:
        if server.thread is not None:
            server.front.shutdown()
        server.front.server_close()
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout)
    if process.stderr:
        process.stderr.close()


def serve(graph_path: Path, host: str = "127.0.0.1", port: int = 7878, store_dir: Path | None = None,
          timeout: float = DEFAULT_TIMEOUT, on_ready: Callable[[], None] | None = None) -> int:
    """Serve graph_path until the server exits, Ctrl-C or SIGTERM; return the server's exit status.

    `on_ready` is called once the endpoint answers (the CLI prints its banner then, not before)."""
    server = start_server(graph_path, host, port, store_dir, timeout=timeout)
    try:
        if on_ready is not None:
            on_ready()
        return server.wait()
    finally:
        # Ctrl-C, SIGTERM (the CLI turns it into Ctrl-C) or any error must not orphan the server.
        stop_server(server)
