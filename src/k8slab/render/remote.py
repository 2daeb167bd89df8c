"""``k8slab synth``'s cdk8s in worker processes, the first started before the user's program runs.

``import cdk8s`` costs a third of a second before the first object can be written: jsii's
Python runtime (typeguard, cattrs, attrs, dateutil) and two Node.js processes that load the
jsii runtime and the cdk8s assemblies. In a thread of this process, the Python part of that
takes turns with the builders' import and the program at Python's lock. So ``k8slab synth``
starts a worker process (``python -m k8slab.render.worker``) as the first thing it does: the
worker imports cdk8s on the other core while this process imports the builders and runs the
program, then waits for the objects on its stdin. This process then validates while the
workers write, on separate cores, and never imports jsii or cdk8s itself, unless a worker
fails: that part is then written here (``k8slab.render.synth.cdk8s_yaml``), so an error is
reported as it would be without workers.

The YAML is the bytes ``k8slab.render.synth.synth_yaml`` gives: beyond ``PART`` objects the
stacks are cut into parts (one per worker, one more at once than there are cores, the first on
the worker started early), and a stack's pieces joined by ``---`` are the file of the whole.
Workers write nothing but their private staging directories, which they remove.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported where used: ``k8slab synth`` starts the worker before it imports anything else
    from ..errors import Problem
    from ..provenance import Provenance

__all__ = ["PART", "Worker", "parts", "synth_yaml"]

Charts = Mapping[str, Sequence[dict[str, Any]]]
Parts = list[dict[str, Sequence[dict[str, Any]]]]
Checks = Mapping[str, tuple[Sequence[dict[str, Any]], dict[str, Any]]]
"""Stack name -> its objects and the keyword arguments of ``check`` (kube_version, external, crds)."""
Answer = tuple[dict[str, bytes], dict[str, list["Problem"]]]

PART = 2000
"""Objects one Node.js process writes at most. A jsii kernel slows down as it goes (the time per
object grows with the objects it has already taken: 0.3 ms at first, over 1 ms after 4,000), so a
larger synthesis is cut into parts of at most this many objects, each written by a fresh kernel."""


class Worker:
    """A ``python -m k8slab.render.worker`` process: it starts cdk8s at once, then writes one part."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "k8slab.render.worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,  # a failure is reported by this process, which then does the work
            )
        except OSError:
            self._process = None

    def write(self, part: Charts, checks: Checks | None = None) -> Answer | None:
        """What cdk8s writes for ``part`` (see ``cdk8s_yaml``), and the problems ``check`` finds in each
        stack of ``checks`` (name -> its objects and ``check``'s keyword arguments); None if the worker failed.
        """
        process, self._process = self._process, None
        if process is None:
            return None
        import pickle

        try:
            request = pickle.dumps({"charts": dict(part), "checks": checks}, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # objects pickle cannot carry (a value of the program's own class): done here
            self._process = process
            self.close()
            return None
        try:
            assert process.stdin is not None and process.stdout is not None
            with process.stdin:
                process.stdin.write(request)
            with process.stdout:
                out = process.stdout.read()  # up to the end of the answer; the worker then stops Node by itself
        except OSError:  # the worker died before it read the objects
            _stop(process)
            return None
        _stop(process)  # it stops Node and removes jsii's temporary files: k8slab synth never outlives a worker
        try:
            answer: Answer = pickle.loads(out)  # from the worker this process started; b"" if it failed
        except Exception:  # no answer, or a truncated one
            return None
        return answer

    def close(self) -> None:
        """Release a worker that was never given a part: it reads the end of its input and exits by itself.

        It is waited for (it may still be starting Node), not killed, so that jsii removes its
        temporary files as it always does, and no worker outlives the command.
        """
        process, self._process = self._process, None
        if process is not None and process.stdin is not None:
            with contextlib.suppress(OSError):
                process.stdin.close()
            _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Reap a worker that has answered or stopped reading (it is exiting); kill it only if it does not."""
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def parts(charts: Charts, size: int) -> Parts:
    """The stacks' objects, in order, cut into parts of at most ``size`` objects (a stack may span parts)."""
    found: Parts = [{}]
    room = size
    for name, objects in charts.items():
        if not objects:
            found[-1][name] = objects
        start = 0
        while start < len(objects):
            if room == 0:
                found.append({})
                room = size
            piece = objects[start : start + room]
            found[-1][name] = piece
            start += len(piece)
            room -= len(piece)
    return found


def _fresh(part: Charts) -> Answer | None:
    return Worker().write(part)


def synth_yaml(
    charts: Charts, worker: Worker, *, checks: Mapping[str, Mapping[str, Any]], marks: Mapping[str, Provenance]
) -> tuple[dict[str, bytes], dict[str, list[Problem]]] | None:
    """Each stack's ``NAME.k8s.yaml`` as bytes (its mark line, then what cdk8s wrote), and each stack's
    problems (``k8slab.validation.engine.check`` of its objects with the keyword arguments ``checks`` names).

    The worker started early validates every stack while its Node writes the first part; the
    others write the later parts. None if that worker failed: the caller then does it all here,
    and so reports the error.
    """
    from ..provenance import yaml_line

    if not charts:  # a program of Helm releases alone
        return {}, {}
    pieces = parts(charts, PART)
    request = {name: (charts[name], dict(options)) for name, options in checks.items()}
    if len(pieces) == 1:  # the usual case: the worker started early does it all
        answer, written = worker.write(pieces[0], request), []
    else:
        from concurrent.futures import ThreadPoolExecutor  # here: most syntheses are one part

        writers = (os.cpu_count() or 1) + 1  # as many as before: this process's Node and one worker per core
        with ThreadPoolExecutor(max_workers=min(len(pieces), writers)) as pool:
            first = pool.submit(worker.write, pieces[0], request)
            later = [pool.submit(_fresh, part) for part in pieces[1:]]
            answer = first.result()
            written = [f.result() for f in later]
    if answer is None:
        return None
    yaml, problems = answer
    if any(w is None for w in written):
        from .synth import cdk8s_yaml  # a worker failed: this process writes its part, and reports its error

        written = [w if w is not None else (cdk8s_yaml(part), {}) for w, part in zip(written, pieces[1:], strict=True)]
    done = [yaml] + [w[0] for w in written if w is not None]
    out = {
        name: yaml_line(marks[name]).encode() + b"---\n".join(p[name] for p in done if p.get(name)) for name in charts
    }
    return out, problems
