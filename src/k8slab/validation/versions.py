"""Kubernetes versions as k8slab spells them (``1.33``), without the schemas that need them.

Builders, stacks and the command line read the default version and compare minor versions;
this module lets them do so without importing the schema machinery (jsonschema_rs, the
definitions), which only validation needs.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["DEFAULT_KUBE_VERSION", "minor_version", "normalize"]

DEFAULT_KUBE_VERSION = "1.33"
"""The Kubernetes version validated against when none is given."""

_VERSION_RE = re.compile(r"v?(\d+)\.(\d+)(?:\.\d+)?")


def normalize(kube_version: str) -> str:
    """Accept ``1.33``, ``v1.33`` and ``1.33.4`` alike, as ``1.33``."""
    m = _VERSION_RE.fullmatch(kube_version.strip())
    return f"{int(m[1])}.{int(m[2])}" if m else kube_version


@lru_cache(maxsize=64)
def minor_version(kube_version: str) -> int:
    """The minor number of ``1.33``, ``v1.33`` or ``1.33.4``; the default version's when unreadable."""
    normalized = normalize(kube_version)
    if not re.fullmatch(r"1\.\d+", normalized):
        normalized = DEFAULT_KUBE_VERSION
    return int(normalized.split(".")[1])
