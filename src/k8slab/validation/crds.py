"""CustomResourceDefinitions: the bundled prometheus-operator ones, and CRD files given by the user.

The engine knows ServiceMonitor, PodMonitor and PrometheusRule (monitoring.coreos.com/v1)
without being told: their CRDs ship in ``k8slab/data/crds`` (Apache-2.0, see the README there)
and are parsed only when an object of that kind is first validated.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import UsageError
from .schema import SchemaValidator

__all__ = ["BUNDLED", "bundled_crd", "load_crd_file", "register_bundled"]

BUNDLED: dict[tuple[str, str], str] = {
    ("monitoring.coreos.com/v1", "ServiceMonitor"): "monitoring.coreos.com_servicemonitors.yaml",
    ("monitoring.coreos.com/v1", "PodMonitor"): "monitoring.coreos.com_podmonitors.yaml",
    ("monitoring.coreos.com/v1", "PrometheusRule"): "monitoring.coreos.com_prometheusrules.yaml",
}
"""(apiVersion, kind) -> the bundled CRD file that defines it."""

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def bundled_crd(file: str) -> Mapping[str, Any]:
    """One bundled CRD, parsed once."""
    from importlib import resources  # here: most inputs have no custom resource (it imports tempfile, zipfile)

    text = resources.files("k8slab").joinpath("data", "crds", file).read_text(encoding="utf-8")
    crd: Mapping[str, Any] = yaml.load(text, Loader=_LOADER)
    return crd


def register_bundled(schema: SchemaValidator, obj: Mapping[str, Any]) -> None:
    """Give ``schema`` the bundled CRD of ``obj``'s kind, unless it already knows that kind."""
    api_version, kind = obj.get("apiVersion"), obj.get("kind")
    if not isinstance(api_version, str) or not isinstance(kind, str):
        return
    file = BUNDLED.get((api_version, kind))
    if file is not None and not schema.knows(api_version, kind):
        schema.add_crd(bundled_crd(file))


def load_crd_file(path: str | Path) -> list[Mapping[str, Any]]:
    """The CustomResourceDefinitions in a YAML or JSON file, or in the files of a directory.

    Other documents are ignored. Raises UsageError when a file cannot be read or parsed, or
    when no CRD is found at all.
    """
    from .documents import load_paths  # the reader of validate and apply, with its limits

    documents, errors = load_paths([str(path)])
    if errors and not (len(errors) == 1 and errors[0].message.startswith("holds no")):
        raise UsageError(f"cannot read the CRD file {errors[0]}")
    crds = [
        d.body for d in documents if isinstance(d.body, Mapping) and d.body.get("kind") == "CustomResourceDefinition"
    ]
    if not crds:
        raise UsageError(f"{path}: holds no CustomResourceDefinition")
    return crds
