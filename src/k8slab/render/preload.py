"""Start cdk8s, and so its Node.js process, in the background while the user's program runs.

``import cdk8s`` starts the jsii kernel: a Node.js process that loads the jsii runtime and
the cdk8s and constructs assemblies, about a third of a second in which Python only waits
on a pipe. ``k8slab synth`` starts that import in a thread before it runs the program, so
the wait overlaps the import of the builders and the program itself. The import is the
ordinary one (``k8slab.render.synth``): where synthesis later imports it, Python's import
lock makes it wait for this thread, and an import that failed here fails there again with
its real error.
"""

from __future__ import annotations

import contextlib
import threading

__all__ = ["preload_cdk8s"]


def _load() -> None:
    with contextlib.suppress(BaseException):  # repeated, and reported, where synthesis imports it
        from . import synth  # noqa: F401  # the import starts Node and loads the assemblies


def preload_cdk8s() -> threading.Thread:
    """Start importing ``k8slab.render.synth`` (cdk8s, Node) in a thread; join it before exiting."""
    thread = threading.Thread(target=_load, name="k8slab-cdk8s-start")
    thread.start()
    return thread
