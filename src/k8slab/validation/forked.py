"""Work done in a forked copy of this process, its result sent back pickled: the second core for large inputs.

The copy shares this process's memory (the documents read, the validators compiled), so the
work needs no input sent; only its result comes back, through a pipe. It is used only where the
machine has a second core and the process runs no other thread (forking a threaded process is
unsafe); the callers do the work themselves when the copy fails, so the result never depends on it.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["Forked", "can_fork", "other_threads"]

T = TypeVar("T")


def other_threads() -> bool:
    """Whether other threads run in this process: a forked copy would inherit their locks, held,
    and silencing standard error (as the fast YAML path does) would silence theirs."""
    threading = sys.modules.get("threading")  # not imported: no other thread was started
    return threading is not None and threading.active_count() > 1


def can_fork() -> bool:
    """Whether a forked copy can work beside this process: a second core, no other thread."""
    if not hasattr(os, "fork") or other_threads():
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores >= 2


class Forked(Generic[T]):
    """``work()`` run in a forked copy of this process; :meth:`result` waits for what it returned."""

    def __init__(self, work: Callable[[], T]) -> None:
        import pickle  # here: small runs never fork, nor pay for the import

        gc.freeze()  # the copy then shares the objects' memory instead of touching every one
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the copy: never returns
            code = 1
            try:
                os.close(read)
                gc.disable()
                data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as out:
                    out.write(data)
                code = 0
            finally:
                os._exit(code)  # no atexit handlers, no flush of this process's buffered output
        gc.unfreeze()
        os.close(write)
        self.read = read

    def result(self) -> T | None:
        """What ``work()`` returned; None when the copy failed."""
        import pickle

        with os.fdopen(self.read, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        if status != 0 or not data:
            return None
        try:
            found: T = pickle.loads(data)
        except Exception:  # a broken answer: the caller does the work itself
            return None
        return found

    def stop(self) -> None:
        """End the copy (this process is failing)."""
        os.close(self.read)
        try:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        except OSError:
            pass
