"""A build killed half way leaves the previous output untouched; two builds never share a folder."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from rdflib import Graph

from conftest import KG_BIN, REPO, SEED_CORPUS, interruptible, run_kg
from kg.run.atomic import LOCK_NAME

pytestmark = pytest.mark.slow


def big_corpus(folder: Path, copies: int = 12) -> Path:
    """The seed articles copied `copies` times under new doc ids: slow enough to interrupt.

    Parses reach the cache a spaCy batch (32 articles) at a time, so `wait_until_parsing` returns
    after the first batch: well over one more batch must be left for the test to act while the
    build is still running.
    """
    folder.mkdir()
    seeds = sorted(SEED_CORPUS.glob("*.txt"))
    for k in range(copies):
        for j, src in enumerate(seeds):
            rest = src.name.split("_", 1)[1]
            shutil.copy(src, folder / f"{k * len(seeds) + j:04d}_{rest}")
    return folder


def start_build(corpus: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([str(KG_BIN), "build", str(corpus), "--out", str(out), "--no-view", "--quiet"],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=interruptible)


def cache_entries(out: Path) -> int:
    return len(list((out / ".kg-cache").rglob("*.kgdoc")))


def wait_until_parsing(proc: subprocess.Popen, out: Path, timeout: float = 120) -> None:
    """Until the build holds the lock and has cached a few new parses: it is mid-way, outputs not written."""
    start = cache_entries(out)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        if (out / LOCK_NAME).exists() and cache_entries(out) >= start + 3:
            return
        time.sleep(0.1)
    raise AssertionError("the build did not start parsing in time")


@pytest.fixture()
def built(tmp_path) -> tuple[Path, bytes]:
    out = tmp_path / "out"
    proc = run_kg("build", str(SEED_CORPUS), "--out", str(out), "--no-view", "--quiet")
    assert proc.returncode == 0, proc.stderr
    return out, (out / "graph.ttl").read_bytes()


def assert_untouched(out: Path, before: bytes) -> None:
    assert (out / "graph.ttl").read_bytes() == before
    assert len(Graph().parse(out / "graph.ttl", format="turtle")) > 0
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_killed_build_leaves_output_as_it_was(tmp_path, built, sig):
    out, before = built
    corpus = big_corpus(tmp_path / "big")
    proc = start_build(corpus, out)
    wait_until_parsing(proc, out)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == (-signal.SIGKILL if sig == signal.SIGKILL else 130), err
    assert_untouched(out, before)
    if sig == signal.SIGINT:
        assert "interrupted" in err
        assert not (out / LOCK_NAME).exists()
    else:
        assert (out / LOCK_NAME).exists()  # left behind by the dead build...

    # ...and taken over by the next one, which also reuses what the killed build had parsed.
    again = run_kg("build", str(corpus), "--out", str(out), "--no-view", "--quiet")
    assert again.returncode == 0, again.stderr
    assert "unchanged from the cache" in again.stdout
    assert not (out / LOCK_NAME).exists()


def test_second_build_into_the_same_folder_fails(tmp_path, built):
    out, before = built
    corpus = big_corpus(tmp_path / "big")
    first = start_build(corpus, out)
    try:
        wait_until_parsing(first, out)
        second = run_kg("build", str(SEED_CORPUS), "--out", str(out), "--no-view", "--quiet")
        assert second.returncode == 2  # an output-folder problem, like every OutputError
        assert second.stderr.strip() == (f"kg: error: output folder {out} is locked by another build "
                                         f"(pid {first.pid})")
        assert_untouched(out, before)
    finally:
        first.send_signal(signal.SIGINT)
        first.communicate(timeout=60)


def test_stale_lock_of_a_dead_process_is_taken_over(tmp_path):
    dead = subprocess.Popen(["true"])
    dead.wait()
    out = tmp_path / "out"
    out.mkdir()
    (out / LOCK_NAME).write_text(f"{dead.pid}\n", encoding="ascii")
    proc = run_kg("build", str(SEED_CORPUS), "--out", str(out), "--no-view", "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert not (out / LOCK_NAME).exists()
    assert os.path.getsize(out / "graph.ttl") > 0


def children_of(pid: int) -> set[int]:
    """Live (not zombie) processes whose parent is `pid`, from /proc."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")
def test_a_killed_parallel_build_leaves_no_parser_running(tmp_path):
    corpus = big_corpus(tmp_path / "big")
    out = tmp_path / "out"
    proc = subprocess.Popen([str(KG_BIN), "build", str(corpus), "--out", str(out), "--no-view", "--quiet",
                             "--jobs", "2"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=interruptible)
    wait_until_parsing(proc, out)
    workers = children_of(proc.pid)
    assert len(workers) >= 2, workers  # spaCy's parse processes
    proc.kill()
    proc.communicate(timeout=60)
    deadline = time.monotonic() + 30
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [w for w in workers if alive(w)]
