"""Crash-safe file writes and a per-folder build lock, so an interrupted build never leaves half a file."""
from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import OutputError

LOCK_NAME = ".kg.lock"
# A lock file that is still empty this soon after creation belongs to a build that has not
# written its pid yet: treat it as held rather than stale.
_FRESH_LOCK_SECONDS = 5.0


def _fsync_dir(folder: Path) -> None:
    """Persist a rename: without this a power cut can forget the new directory entry."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # some platforms (Windows) cannot open a directory; the rename still happened
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path`, on failure it is removed.

    The temporary file is in the same folder so that `os.replace` is a rename on one file system.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        if tmp.exists():
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except BaseException:
        # BaseException too: a Ctrl-C mid-write must not leave a stray temp file behind.
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see either the old file or the whole new one."""
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write `text` to `path` atomically (UTF-8, newlines as given)."""
    atomic_write_bytes(path, text.encode(encoding))


def _pid_alive(pid: int) -> bool:
    """True if a process with this pid exists (signal 0 checks without sending anything)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, it just belongs to another user
        return True
    except OSError:
        return False
    return True


def _read_lock_pid(lock: Path) -> int | None:
    try:
        content = lock.read_text(encoding="ascii", errors="replace").strip()
    except FileNotFoundError:
        return None
    return int(content) if content.isdigit() else None


def _try_create(lock: Path) -> bool:
    try:
        fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(f"{os.getpid()}\n")
    return True


@contextmanager
def output_lock(folder: Path) -> Iterator[Path]:
    """Hold `folder/.kg.lock` (containing our pid) for the duration of the block.

    A lock whose pid is alive raises `OutputError`; a lock left by a dead process is taken over.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    lock = folder / LOCK_NAME
    # Two attempts: the second one follows the removal of a stale lock.
    for _ in range(2):
        if _try_create(lock):
            break
        pid = _read_lock_pid(lock)
        if pid is not None and _pid_alive(pid):
            raise OutputError(f"output folder {folder} is locked by another build (pid {pid})")
        if pid is None:
            try:
                age = time.time() - lock.stat().st_mtime
            except FileNotFoundError:
                continue  # released between our two looks: just try again
            if age < _FRESH_LOCK_SECONDS:
                raise OutputError(f"output folder {folder} is locked by another build (pid unknown)")
        lock.unlink(missing_ok=True)
    else:
        raise OutputError(f"output folder {folder} is locked by another build (could not take the lock)")
    try:
        yield lock
    finally:
        # Only remove the lock if it is still ours: a forced takeover may have replaced it.
        if _read_lock_pid(lock) == os.getpid():
            lock.unlink(missing_ok=True)
