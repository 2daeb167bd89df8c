"""What can be applied: a Stack, a list of manifests, a directory of YAML, or a chart directory."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import provenance
from ..errors import UsageError
from ..stack import Stack
from ..validation.documents import parse_text
from .helm import HelmRelease, helm_template
from .inventory import check_label

__all__ = ["Manifests", "as_manifests", "load_path", "load_sources"]


@dataclass(frozen=True)
class Manifests:
    """A named set of objects; the name is the value of the inventory label (``k8slab.io/stack``)."""

    name: str
    """The stack's name; prune, delete and status find its objects by it."""
    objects: tuple[dict[str, Any], ...] = field(repr=False)
    """The objects, as plain dicts."""
    namespace: str | None = None
    """The namespace of namespaced objects that name none."""

    def __post_init__(self) -> None:
        check_label(self.name)
        for i, obj in enumerate(self.objects):
            meta = obj.get("metadata")
            if not (obj.get("apiVersion") and obj.get("kind") and isinstance(meta, Mapping) and meta.get("name")):
                raise UsageError(f"{self.name}: object {i} lacks apiVersion, kind or metadata.name")


def as_manifests(target: Any, *, name: str | None = None, namespace: str | None = None) -> Manifests:
    """``target`` (Stack, Manifests, or a sequence of dicts) as Manifests.

    A sequence of dicts needs ``name``. ``namespace`` may not move a Stack to another namespace.
    """
    if isinstance(target, Stack):
        if namespace is not None and namespace != target.namespace:
            raise UsageError(
                f"stack {target.name} lives in namespace {target.namespace}; set Stack(namespace=...) to move it"
            )
        return Manifests(name or target.name, tuple(target.objects()), target.namespace)
    if isinstance(target, Manifests):
        return Manifests(name or target.name, target.objects, namespace or target.namespace)
    if isinstance(target, Sequence) and not isinstance(target, (str, bytes)):
        if not all(isinstance(o, Mapping) for o in target):
            raise UsageError("expected a Stack or a list of Kubernetes objects (dicts)")
        if name is None:
            raise UsageError(
                "a list of manifests needs name=... (the inventory label that prune, delete and status use)"
            )
        return Manifests(name, tuple(dict(o) for o in target), namespace)
    raise UsageError(f"cannot apply a {type(target).__name__}: expected a Stack, Manifests or a list of objects")


def _documents(file: Path) -> list[dict[str, Any]]:
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{file}: cannot read: not UTF-8 text") from None
    except OSError as err:
        raise UsageError(f"{file}: cannot read: {err.strerror}") from None
    docs, error = parse_text(str(file), text)  # its errors give line and reason, never the line's text
    if error is not None:
        raise UsageError(str(error))
    out: list[dict[str, Any]] = []
    for parsed in docs:
        doc = parsed.body
        if doc is None:
            continue
        if not isinstance(doc, dict):
            raise UsageError(f"{file}: document {parsed.index - 1} is not a Kubernetes object")
        if str(doc.get("kind", "")).endswith("List") and isinstance(doc.get("items"), list):
            out += [d for d in doc.get("items") or [] if isinstance(d, dict)]
        else:
            out.append(doc)
    return out


def load_path(
    path: str | Path, *, name: str | None = None, namespace: str | None = None, values: Sequence[str | Path] = ()
) -> list[Manifests]:
    """The Manifests at ``path``: each Stack of a Python file, a YAML file or directory, or a chart directory.

    A YAML directory (read recursively, in file-name order) is named after the directory and a
    chart after its Chart.yaml, unless ``name`` is given; ``values`` files go to ``helm template``.
    """
    return load_sources(path, name=name, namespace=namespace, values=values)[1]


def _is_values_file(path: Path) -> bool:
    """A Helm release's values file that ``k8slab synth`` wrote beside the manifests (its mark names no stack)."""
    mark = provenance.read(path)
    return path.name.endswith(".values.yaml") and mark is not None and mark.stack is None


def load_sources(
    path: str | Path, *, name: str | None = None, namespace: str | None = None, values: Sequence[str | Path] = ()
) -> tuple[list[HelmRelease], list[Manifests]]:
    """Like ``load_path``, plus the helm releases a Python program defines (installed first by apply)."""
    source = Path(path)
    if not source.exists():
        raise UsageError(f"{source}: no such file or directory")
    if source.is_file() and source.suffix == ".py":
        from ..loader import load_program, no_stack_error

        stacks, releases = load_program(source)
        if not stacks and not releases:
            raise no_stack_error(source)
        if name is not None and len(stacks) > 1:
            raise UsageError(f"{source}: --name applies to one stack, but the program defines {len(stacks)}")
        return list(releases), [as_manifests(s, name=name, namespace=namespace) for s in stacks]
    if source.is_dir() and (source / "Chart.yaml").is_file():
        chart = yaml.safe_load((source / "Chart.yaml").read_text(encoding="utf-8")) or {}
        release = name or str(chart.get("name") or source.resolve().name)
        objects = helm_template(source, release=release, namespace=namespace, values=values)
        return [], [Manifests(release, tuple(objects), namespace)]
    if source.is_dir():
        files = sorted(
            p for p in source.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file() and not _is_values_file(p)
        )
        if not files:
            raise UsageError(f"{source}: holds no .yaml files")
        objects = [o for f in files for o in _documents(f)]
        return [], [Manifests(name or source.resolve().name, tuple(objects), namespace)]
    if source.suffix in (".yaml", ".yml"):
        return [], [Manifests(name or source.stem, tuple(_documents(source)), namespace)]
    raise UsageError(f"{source}: expected a Python program, a YAML file, a directory of YAML or a chart directory")
