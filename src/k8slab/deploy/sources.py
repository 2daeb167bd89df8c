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
from .applyset import check_name
from .helm import HelmRelease, helm_template

__all__ = ["Manifests", "as_manifests", "load_path", "load_sources"]


@dataclass(frozen=True)
class Manifests:
    """A named set of objects; the name and namespace identify its ApplySet (the inventory)."""

    name: str | None
    """The stack's name; with the namespace it names the ApplySet that prune, delete and status use.

    None for manifests that carry no name (YAML without k8slab's mark and no ``--name``): they
    can be applied, but not pruned or deleted as a set."""
    objects: tuple[dict[str, Any], ...] = field(repr=False)
    """The objects, as plain dicts."""
    namespace: str | None = None
    """The namespace of namespaced objects that name none."""

    def __post_init__(self) -> None:
        if self.name is not None:
            check_name(self.name)
        for i, obj in enumerate(self.objects):
            meta = obj.get("metadata")
            if not (obj.get("apiVersion") and obj.get("kind") and isinstance(meta, Mapping) and meta.get("name")):
                raise UsageError(f"{self.name or 'manifests'}: object {i} lacks apiVersion, kind or metadata.name")


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
                "a list of manifests needs name=... (it names the ApplySet that prune, delete and status use)"
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


def _marked(file: Path) -> tuple[str | None, str | None]:
    """(stack, namespace) of the k8slab mark at the top of ``file``; (None, None) without one."""
    mark = provenance.read(file)
    return (mark.stack, mark.namespace) if mark is not None else (None, None)


def _yaml_sets(files: list[Path], *, name: str | None, namespace: str | None, where: Path) -> list[Manifests]:
    """One Manifests per stack recorded in the files' marks, in file order; unmarked files form one unnamed set.

    ``name`` puts every file into one set of that name (refused when the marks name several stacks).
    """
    groups: dict[tuple[str | None, str | None], list[dict[str, Any]]] = {}
    for file in files:
        groups.setdefault(_marked(file), []).extend(_documents(file))
    if name is not None:
        stacks = sorted({s for s, _ in groups if s is not None})
        if len(stacks) > 1:
            raise UsageError(
                f"{where}: --name applies to one stack, but the files hold {len(stacks)}: {', '.join(stacks)}"
            )
        marked_ns = {ns for _, ns in groups if ns is not None}
        ns = namespace or (marked_ns.pop() if len(marked_ns) == 1 else None)
        return [Manifests(name, tuple(o for objects in groups.values() for o in objects), ns)]
    return [Manifests(stack, tuple(objects), namespace or ns) for (stack, ns), objects in groups.items()]


def _chart_name(chart: Path) -> tuple[str | None, str | None]:
    """(stack, namespace) k8slab recorded in a chart: Chart.yaml's mark, else its first marked template."""
    for file in [chart / "Chart.yaml", *sorted((chart / "templates").glob("*"))]:
        stack, ns = _marked(file)
        if stack is not None:
            return stack, ns
    return None, None


def load_path(
    path: str | Path, *, name: str | None = None, namespace: str | None = None, values: Sequence[str | Path] = ()
) -> list[Manifests]:
    """The Manifests at ``path``: each Stack of a Python file, a YAML file or directory, or a chart directory.

    YAML files and charts take the stack name (and namespace) from the mark ``k8slab synth`` and
    ``k8slab chart`` write at the top of each file, or ``name``; never from a file or directory
    name. A directory holding several stacks' files gives one Manifests per stack; files without
    a mark give Manifests without a name. ``values`` files go to ``helm template``.
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
        stack, ns = _chart_name(source)
        set_name, set_ns = name or stack, namespace or ns
        release = set_name or str(chart.get("name") or "release")  # helm needs a release name to render
        objects = helm_template(source, release=release, namespace=set_ns, values=values)
        return [], [Manifests(set_name, tuple(objects), set_ns)]
    if source.is_dir():
        files = sorted(
            p for p in source.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file() and not _is_values_file(p)
        )
        if not files:
            raise UsageError(f"{source}: holds no .yaml files")
        return [], _yaml_sets(files, name=name, namespace=namespace, where=source)
    if source.suffix in (".yaml", ".yml"):
        return [], _yaml_sets([source], name=name, namespace=namespace, where=source)
    raise UsageError(f"{source}: expected a Python program, a YAML file, a directory of YAML or a chart directory")
