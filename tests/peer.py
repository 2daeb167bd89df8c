"""The harness of the peer cases: the API server's own validation tests, as manifests.

A case is a manifest a user would send, written as a YAML overlay on a valid base object
(mappings merge, other values replace, ``~`` removes the field), with the server's verdict:
:data:`ACCEPTED`, or the field path the server reports. Used by ``test_validate_peer_*.py``.
"""

from __future__ import annotations

import copy
import textwrap
from collections.abc import Mapping
from typing import Any, NamedTuple

from k8slab.validation.engine import check

__all__ = ["ACCEPTED", "Case", "assert_server_verdict", "merge", "overlaid", "reported_paths"]

ACCEPTED = ""
"""The expected value of a case the server accepts."""


class Case(NamedTuple):
    go_test: str
    """``TestFunction/case name`` in the Go test file."""
    kube_version: str
    expected: str
    """ACCEPTED, or the field path the server reports."""
    kind: str
    overlay: str


def merge(base: Any, overlay: Any) -> Any:
    """``overlay`` merged into a copy of ``base``: mappings merge, other values replace, None removes."""
    if not isinstance(base, dict) or not isinstance(overlay, dict):
        return copy.deepcopy(overlay)
    merged = copy.deepcopy(base)
    for key, value in overlay.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = merge(merged.get(key), value)
    return merged


def overlaid(base: Mapping[str, Any], overlay: str) -> dict[str, Any]:
    """``base`` with the YAML ``overlay`` merged into it (``base`` itself is not changed)."""
    import yaml

    result: dict[str, Any] = merge(dict(base), yaml.safe_load(textwrap.dedent(overlay)) or {})
    return result


def reported_paths(obj: Mapping[str, Any], kube_version: str) -> list[str]:
    """The paths k8slab reports for ``obj`` at ``kube_version`` (its kind must be known)."""
    report = check([obj], kube_version=kube_version, cross_checks=False)
    assert report.unchecked == []
    return [problem.path for problem in report.problems]


def assert_server_verdict(obj: Mapping[str, Any], kube_version: str, expected: str) -> None:
    """``obj`` gets the server's verdict: no problem at all when ``expected`` is ACCEPTED, else a
    problem at the path ``expected`` (other problems may follow)."""
    paths = reported_paths(obj, kube_version)
    if expected == ACCEPTED:
        assert paths == []
    else:
        assert expected in paths
