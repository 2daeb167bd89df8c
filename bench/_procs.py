"""Shared by the whole-process benchmarks: fresh processes, a baseline tree, alternation, medians.

Every measurement is a new process started the way a user starts it, timed from the outside
(wall clock, the user's wait). Python's bytecode cache is kept (``PYTHONPYCACHEPREFIX`` in a
temporary directory; ``PYTHONDONTWRITEBYTECODE`` is dropped), as it is for an installed
package. With ``--baseline REF``, the tree of that git ref (e.g. ``main``) is exported to a
temporary directory and its ``src`` put first on ``PYTHONPATH``; the two sides then alternate,
one round at a time, so both see the same machine load.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(tempfile.gettempdir()) / "k8slab-bench-pycache"

# Run a module as `python -m` would, then report this process's peak RSS and its children's
# (Node, worker processes) on stderr. The hook is registered first, so it runs last: after
# jsii has stopped and waited for Node.
_RSS = """
import atexit, json, resource, runpy, sys
def _report():
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print("K8SLAB-BENCH " + json.dumps({"rss": me.ru_maxrss, "children_rss": kids.ru_maxrss}), file=sys.stderr)
atexit.register(_report)
if sys.argv[1] == "-m":
    sys.argv = sys.argv[2:]
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
else:
    sys.argv = sys.argv[1:]
    runpy.run_path(sys.argv[0], run_name="__main__")
"""


def baseline_tree(ref: str) -> Path:
    """The source tree of git ``ref``, exported into a temporary directory."""
    out = Path(tempfile.mkdtemp(prefix="k8slab-bench-base-"))
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(out)], input=archive, check=True)
    return out


def environment(tree: Path | None) -> dict[str, str]:
    """The environment of a measured process: the bytecode cache on, and ``tree``'s src first."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(CACHE / (tree.name if tree else "this"))
    if tree is not None:
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(tree / "src"), env.get("PYTHONPATH", "")) if p)
    return env


class Run:
    """One timed process: wall seconds, and peak RSS in MB of it and of its children (when asked)."""

    def __init__(self, seconds: float, rss_mb: float | None = None, children_mb: float | None = None) -> None:
        self.seconds, self.rss_mb, self.children_mb = seconds, rss_mb, children_mb


def run(
    argv: Sequence[str], env: dict[str, str], cwd: Path | None = None, *, module: bool = False, rss: bool = False
) -> Run:
    """Run ``python ARGV`` (``python -m ARGV`` with ``module``); ``rss`` also reports peak memory."""
    prefix = [sys.executable, "-c", _RSS] if rss else [sys.executable]
    command = [*prefix, "-m", *argv] if module else [*prefix, *argv]
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(argv)}\n{done.stderr[-2000:]}")
    if not rss:
        return Run(seconds)
    line = next(x for x in reversed(done.stderr.splitlines()) if x.startswith("K8SLAB-BENCH "))
    found = json.loads(line.removeprefix("K8SLAB-BENCH "))
    return Run(seconds, found["rss"] / 1024, found["children_rss"] / 1024)


def median(values: Sequence[float]) -> float:
    """The median."""
    return statistics.median(values)


def spread(values: Sequence[float], digits: int = 2) -> str:
    """``min-max`` of ``values``."""
    return f"{min(values):.{digits}f}-{max(values):.{digits}f}"


def load() -> str:
    """The machine's load averages (1, 5, 15 minutes) and core count, for the report."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"
