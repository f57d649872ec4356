"""Issue 14, faults: outputs that change as a whole, one mode, no temp files or workers left behind,
one lock holder at a time, a cache of data not code, an Oxigraph store loaded once under a lock,
and every output-folder problem as one line with exit 2."""
from __future__ import annotations

import errno
import json
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import KG_BIN, REPO, SEED_CORPUS, interruptible, run_kg

from kg.errors import OutputError
from kg.run.atomic import LOCK_NAME, STAGING_NAME, atomic_path, atomic_write_bytes, output_lock, recover_staging, staging

SEED_FILES = sorted(SEED_CORPUS.glob("*.txt"))


def copies(folder: Path, times: int) -> Path:
    """`times` copies of every seed article, each under its own doc id."""
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(times):
        for path in SEED_FILES:
            (folder / f"{k:03d}{path.name[:3]}_{path.name}").write_bytes(path.read_bytes())
    return folder


def with_umask_022() -> None:
    os.umask(0o022)
    interruptible()


# ---------------------------------------------------------------- one writer, one mode, no leftovers


def test_atomic_write_gives_the_umask_mode_not_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write_bytes(tmp_path / "a.ttl", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "a.ttl").stat().st_mode & 0o777 == 0o644


@pytest.fixture(scope="module")
def full_build(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    """A build with views and every format, into a folder holding a killed build's leftovers."""
    out = tmp_path_factory.mktemp("full")
    (out / ".graph.ttl.a1b2c3d4.tmp").write_bytes(b"half a graph")
    (out / STAGING_NAME).mkdir()
    (out / STAGING_NAME / "graph.ttl").write_bytes(b"staged by a killed build")
    proc = subprocess.run([str(KG_BIN), "build", str(SEED_CORPUS), "--out", str(out), "--quiet",
                           "--format", "nt", "--format", "jsonld", "--format", "trig"],
                          capture_output=True, text=True, timeout=600, preexec_fn=with_umask_022)
    return proc, out


@pytest.mark.slow
def test_every_output_has_the_same_mode(full_build) -> None:
    proc, out = full_build
    assert proc.returncode == 0, proc.stderr
    modes = {p.name: oct(p.stat().st_mode & 0o777) for p in out.iterdir() if p.is_file()}
    assert {"graph.ttl", "low-confidence.ttl", "graph.nt", "graph.jsonld", "graph.trig", "stats.json",
            "graph.html", "report.html", "report.md"} <= set(modes)
    assert set(modes.values()) == {"0o644"}, modes


@pytest.mark.slow
def test_killed_builds_temp_and_staged_files_are_removed(full_build) -> None:
    proc, out = full_build
    assert proc.returncode == 0, proc.stderr
    assert not list(out.glob(".*.tmp"))
    assert not (out / STAGING_NAME).exists()
    assert (out / "graph.ttl").read_bytes() != b"staged by a killed build"


def test_a_journalled_commit_is_finished_by_the_next_build(tmp_path: Path) -> None:
    (tmp_path / "graph.ttl").write_text("old")
    (tmp_path / "stats.json").write_text("old")
    staged = tmp_path / STAGING_NAME
    staged.mkdir()
    (staged / "stats.json").write_text("new")  # graph.ttl was already renamed when the build was killed
    (tmp_path / "graph.ttl").write_text("new")
    (staged / ".commit").write_text("graph.ttl\nstats.json\n")
    recover_staging(tmp_path)
    assert (tmp_path / "graph.ttl").read_text() == (tmp_path / "stats.json").read_text() == "new"
    assert not staged.exists()


def test_an_uncommitted_staging_is_discarded(tmp_path: Path) -> None:
    (tmp_path / "graph.ttl").write_text("old")
    with pytest.raises(RuntimeError):
        with staging(tmp_path) as stage:
            (stage.folder / "graph.ttl").write_text("new")
            raise RuntimeError("build failed")
    assert (tmp_path / "graph.ttl").read_text() == "old"
    assert not (tmp_path / STAGING_NAME).exists()


def _articles_in(graph: Path) -> int:
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(path=str(graph), format=pyoxigraph.RdfFormat.TURTLE)
    kind = pyoxigraph.NamedNode("https://w3id.org/newskg/ontology#Article")
    return len(list(store.quads_for_pattern(None, pyoxigraph.NamedNode(
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), kind)))


@pytest.mark.slow
def test_interrupt_as_graph_ttl_changes_never_leaves_a_mixed_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_kg("build", str(SEED_CORPUS), "--out", str(out), "--quiet")
    assert first.returncode == 0, first.stderr
    before = (out / "graph.ttl").stat()
    big = copies(tmp_path / "big", 5)
    proc = subprocess.Popen([str(KG_BIN), "build", str(big), "--out", str(out), "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=interruptible)
    while proc.poll() is None:
        now = (out / "graph.ttl").stat()
        if (now.st_ino, now.st_mtime_ns) != (before.st_ino, before.st_mtime_ns):
            proc.send_signal(signal.SIGINT)  # the moment the new graph.ttl appears
            break
        time.sleep(0.005)
    _, err = proc.communicate(timeout=300)
    documents = json.loads((out / "stats.json").read_text())["counts"]["documents"]
    assert documents == _articles_in(out / "graph.ttl"), err  # graph and views of one build


# ---------------------------------------------------------------- the lock


LOCKER = """
import os, sys, time
from pathlib import Path
from kg.errors import OutputError
from kg.run.atomic import output_lock
folder, log, go = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
while not go.exists():
    pass  # spin: all start within microseconds of each other
try:
    with output_lock(folder):
        with open(log, "a") as f:
            f.write(f"in {os.getpid()}\\n")
        time.sleep(0.3)
        with open(log, "a") as f:
            f.write(f"out {os.getpid()}\\n")
except OutputError:
    pass
"""


def _dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    return int(proc.stdout)


@pytest.mark.parametrize("trial", range(8))
def test_stale_lock_is_taken_over_by_one_build_only(tmp_path: Path, trial: int) -> None:
    folder, log, go = tmp_path / "out", tmp_path / "log", tmp_path / "go"
    folder.mkdir()
    (folder / LOCK_NAME).write_text(f"{_dead_pid()}\n")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    procs = [subprocess.Popen([sys.executable, "-c", LOCKER, str(folder), str(log), str(go)], env=env)
             for _ in range(16)]
    time.sleep(1.5)  # let them all reach the start line
    go.touch()
    for proc in procs:
        assert proc.wait(timeout=60) == 0
    events = log.read_text().split()
    inside = 0
    for word in events[::2]:
        inside += 1 if word == "in" else -1
        assert inside <= 1, events  # never two holders at once
    assert events[0] == "in"


def test_lock_file_that_is_a_folder_is_an_output_error(tmp_path: Path) -> None:
    (tmp_path / LOCK_NAME).mkdir()
    with pytest.raises(OutputError, match=r"\.kg\.lock is a folder"):
        with output_lock(tmp_path):
            pass


# ---------------------------------------------------------------- output folder problems, one line, exit 2


def _one_line_exit_2(proc: subprocess.CompletedProcess, text: str) -> None:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), proc.stderr
    assert text in lines[0]


def test_out_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("x")
    proc = run_kg("build", str(SEED_CORPUS), "--out", str(tmp_path / "out"), "--quiet", "--no-view")
    _one_line_exit_2(proc, "is a file")


def test_out_below_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    proc = run_kg("build", str(SEED_CORPUS), "--out", str(tmp_path / "file" / "out"), "--quiet", "--no-view")
    _one_line_exit_2(proc, "cannot create the output folder")


def test_lock_that_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "out" / LOCK_NAME).mkdir(parents=True)
    proc = run_kg("build", str(SEED_CORPUS), "--out", str(tmp_path / "out"), "--quiet", "--no-view")
    _one_line_exit_2(proc, "is a folder")


def test_cache_folder_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / ".kg-cache").write_text("x")
    proc = run_kg("build", str(SEED_CORPUS), "--out", str(tmp_path / "out"), "--quiet", "--no-view")
    _one_line_exit_2(proc, "cache folder")


@pytest.mark.slow
def test_render_to_a_folder(tmp_path: Path, seed_build: Path) -> None:
    proc = run_kg("render", str(seed_build), "-o", str(tmp_path))
    _one_line_exit_2(proc, str(tmp_path))


@pytest.mark.slow
def test_disk_full_is_one_line_and_the_partial_cache_is_pruned(tmp_path: Path, monkeypatch) -> None:
    from kg.config import Settings
    from kg.pipeline import build_corpus
    from kg.run import cache as cache_module

    out = tmp_path / "out"
    small = copies(tmp_path / "small", 1)
    build_corpus(small, out, Settings(progress=False), with_views=False)
    kept = sorted(p.name for p in (out / ".kg-cache").rglob("*.kgdoc"))
    real_write, written = cache_module.atomic_write_bytes, []

    def fills_up(path: Path, data: bytes) -> None:
        if len(written) >= 3:
            with atomic_path(path):
                raise OSError(errno.ENOSPC, "No space left on device")
        written.append(path)
        real_write(path, data)

    monkeypatch.setattr(cache_module, "atomic_write_bytes", fills_up)
    with pytest.raises(OutputError, match="No space left on device"):
        build_corpus(copies(tmp_path / "big", 3), out, Settings(progress=False), with_views=False)
    assert written and not any(p.exists() for p in written)  # what the failed build wrote is gone
    assert sorted(p.name for p in (out / ".kg-cache").rglob("*.kgdoc")) == kept


# ---------------------------------------------------------------- the cache holds data, not code


@pytest.mark.slow
def test_a_replaced_cache_entry_runs_nothing_and_is_parsed_again(tmp_path: Path) -> None:
    out, marker = tmp_path / "out", tmp_path / "ran"
    assert run_kg("build", str(SEED_CORPUS), "--out", str(out), "--quiet", "--no-view").returncode == 0

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    entries = list((out / ".kg-cache").rglob("*.kgdoc"))
    assert entries
    for entry in entries:
        entry.write_bytes(pickle.dumps(Payload()))
    again = run_kg("build", str(SEED_CORPUS), "--out", str(out), "--quiet", "--no-view")
    assert again.returncode == 0, again.stderr
    assert not marker.exists()
    assert "unchanged from the cache" not in again.stdout  # every entry was parsed again
    assert all(not e.read_bytes().startswith(b"\x80") for e in entries)  # and rewritten as data


# ---------------------------------------------------------------- the Oxigraph store


@pytest.mark.slow
@pytest.mark.parametrize("trial", range(3))
def test_concurrent_oxigraph_queries_on_a_new_graph(tmp_path: Path, seed_build: Path, trial: int) -> None:
    graph = tmp_path / "graph.ttl"
    graph.write_bytes(seed_build.read_bytes())
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    procs = [subprocess.Popen([str(KG_BIN), "query", str(graph), query, "--store", "oxigraph", "--format", "csv"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    answers = [proc.communicate(timeout=300) for proc in procs]
    assert [p.returncode for p in procs] == [0] * 4, [err for _, err in answers]
    assert len({out for out, _ in answers}) == 1
    later = run_kg("query", str(graph), query, "--store", "oxigraph", "--format", "csv")
    assert later.returncode == 0 and later.stdout == answers[0][0], later.stderr
    assert [p.name for p in (tmp_path / "graph.ttl.oxigraph").iterdir() if p.name.startswith("data")] == ["data"]


@pytest.mark.slow
def test_a_store_that_does_not_open_is_rebuilt_with_a_note(tmp_path: Path, seed_build: Path) -> None:
    graph = tmp_path / "graph.ttl"
    graph.write_bytes(seed_build.read_bytes())
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    first = run_kg("query", str(graph), query, "--store", "oxigraph", "--format", "csv")
    assert first.returncode == 0, first.stderr
    data = tmp_path / "graph.ttl.oxigraph" / "data"
    for path in data.iterdir():
        if path.is_file():
            path.write_bytes(b"garbage")
    again = run_kg("query", str(graph), query, "--store", "oxigraph", "--format", "csv")
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout
    assert "did not open" in again.stderr and "Traceback" not in again.stderr


# ---------------------------------------------------------------- workers end with the build


def _children(pid: int) -> set[int]:
    try:
        return {int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
    except OSError:
        return set()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads children from /proc")
def test_sigterm_of_a_jobs_2_build_ends_its_workers(tmp_path: Path) -> None:
    big = copies(tmp_path / "big", 6)
    proc = subprocess.Popen([str(KG_BIN), "build", str(big), "--out", str(tmp_path / "out"), "--quiet",
                             "--jobs", "2", "--no-cache", "--no-view"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    workers: set[int] = set()
    try:
        for _ in range(600):  # until both parsing workers have started
            workers = _children(proc.pid)
            if len(workers) >= 2 or proc.poll() is not None:
                break
            time.sleep(0.1)
        assert len(workers) >= 2, "the build did not start its workers"
        time.sleep(1.0)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=120)
        assert "Traceback" not in err, err
        for _ in range(100):
            if not any(_alive(w) for w in workers):
                break
            time.sleep(0.1)
        assert not any(_alive(w) for w in workers), "workers outlived the build"
    finally:  # a failing run must not leave its build or workers behind either
        for pid in [proc.pid, *workers]:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        proc.wait(timeout=30)
