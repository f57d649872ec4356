"""Crash-safe file writes, a per-folder build lock, and an output folder that changes as a whole.

* `atomic_path` / `atomic_write_bytes`: the one way this package writes a file -- a temporary file
  beside it, fsync, rename -- so a reader sees the old file or the whole new one. Every file gets
  the mode a plain `open()` would give (0644 under the usual umask), not `mkstemp`'s 0600.
* `output_lock`: `fcntl.flock` on `OUT/.kg.lock`. The kernel drops the lock when its holder dies,
  so a killed build's lock is free at once and taking it over is the same atomic step as taking
  a fresh one (no unlink-then-create race between two builds).
* `staging`: a build writes its artefacts into `OUT/.kg-staging/` and `commit` renames them into
  OUT, with a journal naming the set and SIGINT/SIGTERM held back for those few renames. A build
  stopped before the commit leaves OUT as it was; one killed (SIGKILL) during it is finished by
  the next build, which also removes the temporary files a killed build left behind.

Every failure to create, lock or write in an output folder is an `OutputError` (one line, exit 2).
"""
from __future__ import annotations

import errno
import fcntl
import os
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import OutputError

LOCK_NAME = ".kg.lock"
STAGING_NAME = ".kg-staging"
_JOURNAL = ".commit"  # in the staging folder: the names being renamed into OUT ("-name": removed from it)
# `atomic_path`'s temporary files: ".graph.ttl.k2j4_x9a.tmp" (mkstemp's random part).
_TEMP_FILE = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")


def _current_umask() -> int:
    try:  # Linux says it without changing it
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_current_umask()


def output_error(err: OSError, what: str, path: Path | None = None) -> OutputError:
    """One line naming what could not be done, where and why ("No space left on device")."""
    where = err.filename or path
    return OutputError(f"cannot {what}{f' {where}' if where else ''}: {err.strerror or err}")


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
    An OSError (folder not writable, a file where a folder should be, disk full) is an OutputError.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.fchmod(fd, _FILE_MODE)
        os.close(fd)
    except OSError as err:
        raise output_error(err, "write") from err
    tmp = Path(tmp_name)
    try:
        yield tmp
        if tmp.exists():
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise output_error(err, "write", path) from err
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


def remove_stale_temps(folder: Path) -> int:
    """Delete the temporary files of writes that a killed process never finished; return how many.

    Call only while holding the folder's lock: then no live writer owns one of them."""
    removed = 0
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return 0
    for path in entries:
        if _TEMP_FILE.match(path.name) and path.is_file():
            path.unlink(missing_ok=True)
            removed += 1
    return removed


# ---------------------------------------------------------------- the lock


def _read_lock_pid(lock: Path) -> int | None:
    try:
        content = lock.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None
    return int(content) if content.isdigit() else None


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as err:
        raise OutputError(f"output folder {folder} is a file") from err
    except OSError as err:
        raise output_error(err, "create the output folder") from err


def _open_locked(lock: Path, folder: Path) -> int:
    """An fd of `lock` holding its flock, or OutputError if another build holds it."""
    for _ in range(10):
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, _FILE_MODE)
        except IsADirectoryError as err:
            raise OutputError(f"cannot lock {folder}: {lock} is a folder") from err
        except OSError as err:
            raise output_error(err, "lock the output folder") from err
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            pid = _read_lock_pid(lock)
            raise OutputError(f"output folder {folder} is locked by another build "
                              f"(pid {pid if pid is not None else 'unknown'})") from None
        try:  # the holder we waited for may have unlinked the file: then lock the new one
            if os.fstat(fd).st_ino == os.stat(lock).st_ino:
                return fd
        except FileNotFoundError:
            pass
        os.close(fd)
    raise OutputError(f"output folder {folder} is locked by another build (could not take the lock)")


@contextmanager
def output_lock(folder: Path) -> Iterator[Path]:
    """Hold `folder/.kg.lock` (flock; the file names our pid) for the duration of the block.

    A lock held by a live build raises `OutputError`; a lock file left by a dead one is taken at
    once (the kernel released its flock), whatever it holds.
    """
    folder = Path(folder)
    _make_folder(folder)
    lock = folder / LOCK_NAME
    fd = _open_locked(lock, folder)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
    except OSError as err:
        os.close(fd)
        raise output_error(err, "write the lock") from err
    try:
        yield lock
    finally:
        # Unlinked while still held, so a build waiting on this inode re-checks and locks a new file.
        lock.unlink(missing_ok=True)
        os.close(fd)


# ---------------------------------------------------------------- the output folder as a whole


class InterruptedAfterCommit(KeyboardInterrupt):
    """Ctrl-C or SIGTERM arrived while a finished build's outputs were being put in place."""


@contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT/SIGTERM wait until the block ends, then raise `InterruptedAfterCommit` (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {sig: signal.signal(sig, lambda number, _frame: caught.append(number))
                for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if caught:
        raise InterruptedAfterCommit()


def _rename_all(staged: Path, out_dir: Path, names: list[str]) -> None:
    """Carry out a journal: rename each staged name into OUT, remove each "-name" from it."""
    for name in names:
        if name.startswith("-"):
            (out_dir / name[1:]).unlink(missing_ok=True)
        elif (staged / name).exists():
            os.replace(staged / name, out_dir / name)
    _fsync_dir(out_dir)


class Staging:
    """The folder a build writes its artefacts to, and the one step that puts them in OUT."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = Path(out_dir)
        self.folder = self.out_dir / STAGING_NAME

    def commit(self, owned: Iterable[str] = ()) -> list[Path]:
        """Rename every staged file into OUT (a journal first, signals held); return the new paths.

        `owned` names the files a build of this kind may write: those in OUT that this build did not
        stage are removed in the same step, so a build without views leaves no older views behind.
        """
        names = sorted(p.name for p in self.folder.iterdir() if not p.name.startswith("."))
        stale = sorted(n for n in set(owned) - set(names) if "/" not in n and (self.out_dir / n).is_file())
        entries = names + [f"-{n}" for n in stale]
        try:
            atomic_write_text(self.folder / _JOURNAL, "".join(f"{n}\n" for n in entries))
            with _signals_held():
                _rename_all(self.folder, self.out_dir, entries)
                shutil.rmtree(self.folder, ignore_errors=True)
        except OSError as err:
            raise output_error(err, "move the new outputs into place") from err
        return [self.out_dir / n for n in names]


def recover_staging(out_dir: Path) -> None:
    """Finish a commit a killed build started (its journal exists), else discard its staged files;
    remove killed writes' temporary files. Call while holding the lock."""
    staged = Path(out_dir) / STAGING_NAME
    journal = staged / _JOURNAL
    if journal.is_file():
        names = [n for n in journal.read_text(encoding="utf-8").split("\n") if n and "/" not in n]
        _rename_all(staged, Path(out_dir), names)
    shutil.rmtree(staged, ignore_errors=True)
    remove_stale_temps(Path(out_dir))


@contextmanager
def staging(out_dir: Path) -> Iterator[Staging]:
    """A fresh `Staging` for OUT; whatever was not committed is removed when the block ends."""
    recover_staging(out_dir)
    stage = Staging(out_dir)
    try:
        stage.folder.mkdir()
    except OSError as err:
        raise output_error(err, "create the staging folder") from err
    try:
        yield stage
    finally:
        shutil.rmtree(stage.folder, ignore_errors=True)


def is_disk_full(err: BaseException) -> bool:
    """Whether an error (or its cause) is the file system running out of space or quota."""
    while err is not None:
        if isinstance(err, OSError) and err.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        err = err.__cause__
    return False
