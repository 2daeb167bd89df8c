"""The CustomResourceDefinitions in a set of files: CRD files, multi-document files, ``helm template`` output."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import UsageError

__all__ = ["CrdSource", "checksum", "read_crds"]

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class CrdSource:
    """One CRD and where it came from."""

    crd: Mapping[str, Any]
    """The CustomResourceDefinition, as parsed."""
    file: str
    """The file it was read from, as the user named it."""

    @property
    def name(self) -> str:
        """metadata.name, e.g. ``httproutes.gateway.networking.k8s.io``."""
        return str(self.crd.get("metadata", {}).get("name", ""))

    @property
    def group(self) -> str:
        """spec.group."""
        return str(self.crd["spec"]["group"])

    @property
    def kind(self) -> str:
        """spec.names.kind."""
        return str(self.crd["spec"]["names"]["kind"])


def checksum(crd: Mapping[str, Any]) -> str:
    """sha256 of the CRD's canonical JSON (sorted keys, compact): independent of YAML layout and comments."""
    text = json.dumps(crd, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _valid(doc: Mapping[str, Any]) -> str | None:
    """Why a CRD document cannot be imported, or None."""
    if doc.get("apiVersion") != "apiextensions.k8s.io/v1":
        return "is not apiextensions.k8s.io/v1"
    spec = doc.get("spec")
    if not isinstance(spec, Mapping):
        return "has no spec"
    names = spec.get("names")
    if (
        not isinstance(spec.get("group"), str)
        or not isinstance(names, Mapping)
        or not isinstance(names.get("kind"), str)
    ):
        return "has no spec.group or spec.names.kind"
    if not isinstance(spec.get("versions"), list):
        return "has no spec.versions"
    return None


def read_crds(paths: Iterable[str | Path]) -> tuple[list[CrdSource], list[str]]:
    """The CRDs in ``paths`` (files, or directories of .yaml/.yml/.json files), and one note per skipped document.

    Raises UsageError for a file that cannot be read or parsed, an unusable CRD, two different
    CRDs of one name, or when no CRD is found.
    """
    found: dict[str, CrdSource] = {}
    notes: list[str] = []
    for path in paths:
        root = Path(path)
        files = (
            sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml", ".json")) if root.is_dir() else [root]
        )
        for file in files:
            try:
                documents = list(yaml.load_all(file.read_text(encoding="utf-8"), Loader=_LOADER))
            except (OSError, UnicodeDecodeError) as err:
                raise UsageError(f"{file}: cannot read: {getattr(err, 'strerror', None) or err}") from None
            except yaml.YAMLError as err:
                raise UsageError(f"{file}: not YAML: {err}".splitlines()[0]) from None
            for i, doc in enumerate(documents):
                if doc is None:
                    continue
                if not isinstance(doc, Mapping) or doc.get("kind") != "CustomResourceDefinition":
                    kind = doc.get("kind") if isinstance(doc, Mapping) else type(doc).__name__
                    notes.append(f"{file}: document {i + 1} ({kind}) is not a CustomResourceDefinition: skipped")
                    continue
                problem = _valid(doc)
                if problem:
                    raise UsageError(f"{file}: document {i + 1}: the CustomResourceDefinition {problem}")
                source = CrdSource(doc, str(file))
                earlier = found.get(source.name)
                if earlier is not None and checksum(earlier.crd) != checksum(doc):
                    raise UsageError(f"{file}: a different CRD {source.name} was read from {earlier.file}")
                found.setdefault(source.name, source)
    if not found:
        raise UsageError("no CustomResourceDefinition found in " + ", ".join(str(p) for p in paths))
    return [found[name] for name in sorted(found)], notes
