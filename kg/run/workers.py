"""Worker processes that end with the build that started them.

spaCy's `nlp.pipe(n_process=N)` (the `--jobs` parse) forks workers that wait on a queue for texts.
When the build is stopped normally it sends them an end-of-work message; when it is killed outright
(`kill -9`, the OOM killer) nobody does, and they would wait on that queue forever. A hook run in
every process `multiprocessing` forks asks Linux to send the child SIGTERM when its parent dies
(`prctl(PR_SET_PDEATHSIG)`), and exits at once if the parent is already gone.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
from multiprocessing import util

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_registered_in: int | None = None  # the pid that registered the hook: forked children inherit the flag


def _die_with(parent: int) -> None:
    """In a freshly forked child: SIGTERM when `parent` dies; exit now if it already has."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        return  # no prctl here: workers end when their queue closes, as before
    if os.getppid() != parent:  # the build died between fork and prctl
        os._exit(1)


class _Hook:
    """The object `multiprocessing.util.register_after_fork` keys its weak registry on."""

    def __init__(self, parent: int) -> None:
        self.parent = parent

    def __call__(self, _: object) -> None:
        _die_with(self.parent)


_hook: _Hook | None = None


def end_workers_with_this_process() -> None:
    """Make every process that `multiprocessing` forks from now on end when this one dies (Linux)."""
    global _hook, _registered_in
    if not sys.platform.startswith("linux") or _registered_in == os.getpid():
        return
    _hook = _Hook(os.getpid())  # held here: the registry keeps only a weak reference
    _registered_in = os.getpid()
    util.register_after_fork(_hook, _hook)
