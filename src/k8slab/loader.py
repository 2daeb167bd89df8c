"""Load a user's Python program and find the stacks it defines."""

from __future__ import annotations

import runpy
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from ._model import origin_of
from .builders.monitoring import Monitoring
from .builders.monitoring_stack import KubePrometheusStack
from .errors import K8slabError, Problem, SpecError, UsageError
from .stack import Stack

__all__ = ["check_releases", "load_program", "load_stacks", "no_stack_error"]


def load_stacks(path: str | Path) -> list[Stack]:
    """Run the program at ``path`` and return the ``Stack`` objects it defines at module level.

    Raises UsageError when the file is missing, fails to run, or defines no Stack;
    k8slab's own errors (SpecError, ValidationFailed) propagate unchanged.
    """
    stacks, _ = load_program(path)
    if not stacks:
        raise no_stack_error(path)
    return stacks


def no_stack_error(path: str | Path) -> UsageError:
    """The error for a program that defines nothing k8slab can use."""
    return UsageError(
        f"{path}: defines no k8slab Stack at module level (e.g. stack = kl.Stack('lab', app, namespace='lab'))"
    )


def load_program(path: str | Path) -> tuple[list[Stack], list[KubePrometheusStack]]:
    """Run the program at ``path``; return its module-level Stacks and helm releases (KubePrometheusStack)."""
    file = Path(path)
    if not file.is_file():
        raise UsageError(f"{file}: no such file")
    if file.suffix != ".py":
        raise UsageError(f"{file}: not a Python file (expected FILE.py)")
    sys.path.insert(0, str(file.parent.resolve()))
    try:
        namespace = runpy.run_path(str(file), run_name="__k8slab__")
    except K8slabError:
        raise
    except SystemExit as exc:
        raise UsageError(f"{file}: the program exited (status {exc.code}) before defining its stacks") from None
    except Exception as exc:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename).resolve() == file.resolve()]
        where = f"{file}:{frames[-1].lineno}" if frames else str(file)
        raise UsageError(f"{where}: {type(exc).__name__}: {exc}") from None
    finally:
        sys.path.remove(str(file.parent.resolve()))
    public = [v for k, v in namespace.items() if not k.startswith("_")]
    stacks = [v for v in public if isinstance(v, Stack)]
    releases = [v for v in public if isinstance(v, KubePrometheusStack)]
    names = [s.name for s in stacks]
    if len(set(names)) != len(names):
        raise UsageError(f"{file}: two stacks share a name; each writes NAME.k8s.yaml")
    check_releases(stacks, releases)
    return stacks, releases


def check_releases(stacks: Sequence[Stack], releases: Sequence[KubePrometheusStack]) -> None:
    """Refuse a Monitoring release named by a string that no KubePrometheusStack of the program has.

    Prometheus selects monitors by the label ``release: NAME``; a name that matches none of the
    program's releases would never be scraped. A program that defines no release is left alone:
    the stack may be installed elsewhere.
    """
    known = sorted({r.release for r in releases})
    if not known:
        return
    problems = []
    for stack in stacks:
        for b in stack.builders:
            monitoring = getattr(b, "monitoring", None)
            release = monitoring.release if isinstance(monitoring, Monitoring) else None
            if isinstance(release, str) and release not in known:
                names = ", ".join(repr(k) for k in known)
                message = (
                    f"names the release {release!r}, but this program's KubePrometheusStack "
                    f"is {names}: its Prometheus would never select these objects"
                )
                where = origin_of(monitoring) or origin_of(b)
                problems.append(Problem(f"{type(b).__name__}/{b.name}", "monitoring.release", message, where))
    if problems:
        raise SpecError(problems)
