"""Tests for kg.run.atomic: interrupted writes leave the old file, and one build at a time holds a folder."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.run.atomic import (LOCK_NAME, STAGING_NAME, atomic_path, atomic_write_bytes, atomic_write_text, output_lock,
                           recover_staging, staging)
from kg.errors import OutputError


def test_write_text_replaces_content_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    atomic_write_text(target, "old")
    atomic_write_text(target, "new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_write_bytes_creates_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "out" / "data.bin"
    atomic_write_bytes(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"


def test_failed_write_leaves_old_file_intact(tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    target.write_text("old graph", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("half a new gra", encoding="utf-8")
            raise RuntimeError("serialiser crashed")
    assert target.read_text(encoding="utf-8") == "old graph"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]  # temp file removed


def test_failed_write_with_unencodable_text_leaves_old_file(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        atomic_write_text(target, "caf\u00e9 \u2603", encoding="ascii")
    assert target.read_text(encoding="utf-8") == "old"


def test_atomic_path_renames_on_success(tmp_path: Path) -> None:
    target = tmp_path / "stats.json"
    with atomic_path(target) as tmp:
        assert tmp.parent == tmp_path and tmp != target
        tmp.write_text("{}", encoding="utf-8")
        assert not target.exists()  # nothing visible until the block succeeds
    assert target.read_text(encoding="utf-8") == "{}"


def test_lock_holds_pid_and_is_removed_on_exit(tmp_path: Path) -> None:
    with output_lock(tmp_path) as lock:
        assert lock == tmp_path / LOCK_NAME
        assert lock.read_text().strip() == str(os.getpid())
    assert not (tmp_path / LOCK_NAME).exists()


def test_lock_is_removed_when_the_block_fails(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        with output_lock(tmp_path):
            raise ValueError("build failed")
    assert not (tmp_path / LOCK_NAME).exists()


def test_lock_refuses_a_second_holder(tmp_path: Path) -> None:
    with output_lock(tmp_path):
        with pytest.raises(OutputError) as err:
            with output_lock(tmp_path):
                pass  # pragma: no cover - must not get here
        assert str(err.value) == f"output folder {tmp_path} is locked by another build (pid {os.getpid()})"
        assert (tmp_path / LOCK_NAME).exists()  # the refusal does not remove the holder's lock


def _dead_pid() -> int:
    """The pid of a process that has exited (and been reaped), so no process has it for now."""
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(proc.stdout)


def test_stale_lock_is_taken_over(tmp_path: Path) -> None:
    (tmp_path / LOCK_NAME).write_text(f"{_dead_pid()}\n")
    with output_lock(tmp_path) as lock:
        assert lock.read_text().strip() == str(os.getpid())
    assert not lock.exists()


def test_lock_with_garbage_content_is_stale_once_old(tmp_path: Path) -> None:
    lock = tmp_path / LOCK_NAME
    lock.write_text("not a pid")
    os.utime(lock, (0, 0))
    with output_lock(tmp_path):
        assert lock.read_text().strip() == str(os.getpid())


def test_commit_removes_owned_files_it_did_not_stage_and_keeps_the_rest(tmp_path: Path) -> None:
    for name in ("graph.ttl", "graph.html", "notes.txt"):
        (tmp_path / name).write_text("old", encoding="utf-8")
    with staging(tmp_path) as stage:
        (stage.folder / "graph.ttl").write_text("new", encoding="utf-8")
        stage.commit(owned=["graph.ttl", "graph.html", "stats.json"])
    assert (tmp_path / "graph.ttl").read_text(encoding="utf-8") == "new"
    assert not (tmp_path / "graph.html").exists()  # owned, not written again: stale
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "old"  # not the build's


def test_a_killed_commit_s_journal_also_finishes_its_removals(tmp_path: Path) -> None:
    (tmp_path / "graph.html").write_text("old", encoding="utf-8")
    staged = tmp_path / STAGING_NAME
    staged.mkdir()
    (staged / "graph.ttl").write_text("new", encoding="utf-8")
    (staged / ".commit").write_text("graph.ttl\n-graph.html\n", encoding="utf-8")
    recover_staging(tmp_path)
    assert (tmp_path / "graph.ttl").read_text(encoding="utf-8") == "new"
    assert not (tmp_path / "graph.html").exists() and not staged.exists()
