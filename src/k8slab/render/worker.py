"""A cdk8s process: ``k8slab synth`` writes through one (``k8slab.render.remote``), large syntheses through several.

``python -m k8slab.render.worker`` reads ``{"charts": {stack name: objects}, "checks": ...}`` (a
pickle, from the parent k8slab process) on stdin, writes the charts through cdk8s exactly as
:func:`k8slab.render.synth.synth_yaml` does, and answers ``({stack name: YAML bytes}, {stack
name: problems})`` (a pickle) on stdout. ``checks`` (stack name -> its objects and the keyword
arguments of ``k8slab.validation.engine.check``), when given, are validated while Node writes.
Only the parent that started it talks to it, through pipes; it writes nothing but its private
staging directory, which it removes. The answer ends when stdout closes: the parent goes on
while this process stops Node and exits.

It imports cdk8s (which starts Node) before it reads stdin, then the validators if the objects
are not there yet, so a parent that starts it early overlaps both with its own work. A failure is one line on stderr
and exit status 1; the parent then does the work itself, and reports the error.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..errors import Problem


def _load_validators() -> None:
    with contextlib.suppress(BaseException):  # repeated, and reported, where the checks import it
        from ..validation import engine  # noqa: F401  # the rules and cross-checks
        from ..validation.schema import validator_for

        validator_for().builtin_kinds()  # the default version's definitions, read while Node starts


def _warm_jsii() -> None:
    """Import now what jsii imports on its first call (typeguard, which checks every argument's type)."""
    with contextlib.suppress(ImportError):
        import importlib.metadata  # noqa: F401

        import typeguard  # noqa: F401


def _ready(stream: Any) -> bool:
    """Whether input is ready on ``stream`` (on platforms where pipes cannot be polled: yes)."""
    try:
        import select

        return bool(select.select([stream], [], [], 0)[0])
    except (OSError, ValueError):
        return True


def main() -> int:
    """Synthesize the charts read on stdin, validating the stacks of ``checks``; write the answer on stdout."""
    with contextlib.suppress(ImportError):  # first, and nothing meanwhile: it starts Node (``import k8slab`` chose it)
        import cdk8s  # noqa: F401
    from .synth import _stage_and_check, cdk8s_yaml  # (an import that failed above fails here, and is reported)

    _warm_jsii()
    loading = threading.Thread(target=_load_validators, name="k8slab-validators", daemon=True)
    if not _ready(sys.stdin.buffer):  # the objects are not there yet: load the validators meanwhile
        loading.start()
    try:
        request: dict[str, Any] = pickle.load(sys.stdin.buffer)  # from the k8slab process that started this one
    except EOFError:  # started early, then not needed (the program failed): nothing to write
        return 0
    checks = request.get("checks")
    written: dict[str, bytes] = {}
    problems: dict[str, list[Problem]] = {}

    def write(sent: Any) -> None:
        written.update(cdk8s_yaml(request["charts"], sent))

    def check() -> None:
        from ..validation.engine import check

        if loading.ident is not None:
            loading.join()
        for name, (objects, options) in (checks or {}).items():
            problems[name] = check(objects, **options).problems

    from ..errors import K8slabError

    try:
        _stage_and_check(write, check if checks else None)
    except K8slabError as err:
        print(err, file=sys.stderr)
        return 1
    sys.stdout.buffer.write(pickle.dumps((written, problems), protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()
    _answered()
    return 0


def _answered() -> None:
    """End the answer: the parent reads up to here and goes on, while this process stops Node and
    removes jsii's temporary files (a tenth of a second that nobody needs to wait for)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # closes this end of the pipe
    os.close(devnull)


if __name__ == "__main__":
    sys.exit(main())
