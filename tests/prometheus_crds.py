"""The prometheus-operator CRDs (ServiceMonitor, PodMonitor, PrometheusRule) for tests.

Loaded from the package once the validation engine bundles them (``k8slab/data/crds``), else
from the shared copy of operator 0.93.0; tests that need them skip when neither exists.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

import k8slab

_FILES = ("servicemonitors", "podmonitors", "prometheusrules")
_PLACES = (
    Path(k8slab.__file__).parent / "data" / "crds",
    Path("/work/shared/crds/prometheus-operator"),
)


@cache
def _load() -> tuple[dict[str, Any], ...] | None:
    for place in _PLACES:
        files = [next(iter(sorted(place.rglob(f"*{name}*.yaml"))), None) for name in _FILES] if place.is_dir() else []
        if files and all(files):
            return tuple(yaml.safe_load(f.read_text(encoding="utf-8")) for f in files if f is not None)
    return None


def prometheus_crds() -> list[dict[str, Any]]:
    """The three CRDs as dicts; skips the calling test when they are not available."""
    crds = _load()
    if crds is None:
        pytest.skip("the prometheus-operator CRDs are not available")
    return list(crds)
