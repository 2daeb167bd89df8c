"""Cross-object checks: what no single object's schema can see.

- every volumeMount names a volume of its pod;
- every referenced Secret or ConfigMap exists in the set (or is declared external), and so do its keys;
- every Service selects the pods of some workload, and its targetPorts exist there;
- container requests and limits fit the namespace's LimitRange;
- no two objects of one kind share a name in a namespace.

The checks run on plain objects, so they cover cdk8s-plus constructs and hand-written
YAML as well as k8slab's own builders.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from ..errors import Problem
from ..quantity import parse_quantity

__all__ = ["cross_check", "pod_spec_path"]

_POD_SPEC_PATHS: dict[str, tuple[str, ...]] = {
    "Pod": ("spec",),
    "Deployment": ("spec", "template", "spec"),
    "StatefulSet": ("spec", "template", "spec"),
    "DaemonSet": ("spec", "template", "spec"),
    "ReplicaSet": ("spec", "template", "spec"),
    "Job": ("spec", "template", "spec"),
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
}

Obj = Mapping[str, Any]


def pod_spec_path(kind: str) -> tuple[str, ...] | None:
    """Where a workload kind keeps its pod spec."""
    return _POD_SPEC_PATHS.get(kind)


def _dig(obj: Any, path: Sequence[str]) -> Any:
    for part in path:
        if not isinstance(obj, Mapping):
            return None
        obj = obj.get(part)
    return obj


def _ident(obj: Obj) -> str:
    return f"{obj.get('kind', '?')}/{_dig(obj, ('metadata', 'name')) or '?'}"


def _ns(obj: Obj) -> str:
    return str(_dig(obj, ("metadata", "namespace")) or "")


def _containers(spec: Mapping[str, Any]) -> Iterator[tuple[str, int, Mapping[str, Any]]]:
    for field in ("initContainers", "containers"):
        for i, c in enumerate(spec.get(field) or []):
            if isinstance(c, Mapping):
                yield field, i, c


def _pods(objects: Sequence[Obj]) -> Iterator[tuple[Obj, str, Mapping[str, Any], Mapping[str, Any]]]:
    """(object, path prefix, pod spec, pod labels) for every workload."""
    for obj in objects:
        path = pod_spec_path(str(obj.get("kind")))
        spec = _dig(obj, path) if path else None
        if path and isinstance(spec, Mapping):
            labels_path = (*path[:-1], "metadata", "labels") if path != ("spec",) else ("metadata", "labels")
            labels = _dig(obj, labels_path) or {}
            yield obj, ".".join(path), spec, labels


class _Checker:
    def __init__(self, objects: Sequence[Obj], external: Collection[tuple[str, str]]) -> None:
        self.objects = objects
        self.external = set(external)
        self.problems: list[Problem] = []
        self.by_key: dict[tuple[str, str, str], Obj] = {}

    def add(self, obj: Obj, path: str, message: str) -> None:
        self.problems.append(Problem(_ident(obj), path, message))

    def duplicates(self) -> None:
        for obj in self.objects:
            key = (str(obj.get("kind")), _ns(obj), str(_dig(obj, ("metadata", "name"))))
            if key in self.by_key:
                self.add(obj, "metadata.name", f"another {key[0]} in this namespace has the same name")
            self.by_key[key] = obj

    def _source_keys(self, kind: str, ns: str, name: str) -> set[str] | None:
        obj = self.by_key.get((kind, ns, name))
        if obj is None:
            return None
        return set(obj.get("data") or {}) | set(obj.get("binaryData") or {}) | set(obj.get("stringData") or {})

    def reference(self, obj: Obj, path: str, kind: str, name: Any, key: Any = None, optional: Any = False) -> None:
        if not isinstance(name, str) or optional is True:
            return
        keys = self._source_keys(kind, _ns(obj), name)
        if keys is None:
            if (kind, name) not in self.external:
                self.add(obj, path, f"{kind} {name!r} is not defined in this set (declare it with .ref() if it exists)")
        elif key is not None and key not in keys:
            self.add(obj, path, f"{kind} {name!r} has no key {key!r}")

    def pods(self) -> None:
        for obj, prefix, spec, _ in _pods(self.objects):
            volumes = {v.get("name"): v for v in spec.get("volumes") or [] if isinstance(v, Mapping)}
            for i, vol in enumerate(spec.get("volumes") or []):
                for kind, field, name_field in (("Secret", "secret", "secretName"), ("ConfigMap", "configMap", "name")):
                    src = vol.get(field) if isinstance(vol, Mapping) else None
                    if isinstance(src, Mapping):
                        self.reference(
                            obj, f"{prefix}.volumes[{i}].{field}", kind, src.get(name_field), None, src.get("optional")
                        )
                        for j, item in enumerate(src.get("items") or []):
                            self.reference(
                                obj,
                                f"{prefix}.volumes[{i}].{field}.items[{j}].key",
                                kind,
                                src.get(name_field),
                                item.get("key"),
                                src.get("optional"),
                            )
            claims = {_dig(t, ("metadata", "name")) for t in _dig(obj, ("spec", "volumeClaimTemplates")) or []}
            for field, i, c in _containers(spec):
                cpath = f"{prefix}.{field}[{i}]"
                for j, mount in enumerate(c.get("volumeMounts") or []):
                    name = mount.get("name") if isinstance(mount, Mapping) else None
                    if name not in volumes and name not in claims:
                        self.add(obj, f"{cpath}.volumeMounts[{j}].name", "names no volume of the pod")
                for j, env in enumerate(c.get("env") or []):
                    value_from = env.get("valueFrom") if isinstance(env, Mapping) else None
                    for kind, ref in (("Secret", "secretKeyRef"), ("ConfigMap", "configMapKeyRef")):
                        r = value_from.get(ref) if isinstance(value_from, Mapping) else None
                        if isinstance(r, Mapping):
                            self.reference(
                                obj,
                                f"{cpath}.env[{j}].valueFrom.{ref}",
                                kind,
                                r.get("name"),
                                r.get("key"),
                                r.get("optional"),
                            )
                for j, env_from in enumerate(c.get("envFrom") or []):
                    for kind, ref in (("Secret", "secretRef"), ("ConfigMap", "configMapRef")):
                        r = env_from.get(ref) if isinstance(env_from, Mapping) else None
                        if isinstance(r, Mapping):
                            self.reference(
                                obj, f"{cpath}.envFrom[{j}].{ref}", kind, r.get("name"), None, r.get("optional")
                            )

    def services(self) -> None:
        pods = list(_pods(self.objects))
        index: dict[tuple[str, str, Any], set[int]] = {}  # (namespace, label, value) -> pods
        for i, (o, _, _, labels) in enumerate(pods):
            for pair in labels.items() if isinstance(labels, Mapping) else ():
                index.setdefault((_ns(o), *pair), set()).add(i)
        for obj in self.objects:
            if obj.get("kind") != "Service" or _dig(obj, ("spec", "type")) == "ExternalName":
                continue
            selector = _dig(obj, ("spec", "selector"))
            if not isinstance(selector, Mapping) or not selector:
                continue
            hits = set.intersection(*(index.get((_ns(obj), k, v), set()) for k, v in selector.items()))
            matches = [(pods[i][0], pods[i][2]) for i in sorted(hits)]
            if not matches:
                self.add(obj, "spec.selector", "selects no pods of any workload in this set")
                continue
            ports = [p for _, spec in matches for _, _, c in _containers(spec) for p in c.get("ports") or []]
            names = {p.get("name") for p in ports}
            numbers = {p.get("containerPort") for p in ports}
            for i, port in enumerate(_dig(obj, ("spec", "ports")) or []):
                target = port.get("targetPort", port.get("port"))
                if (isinstance(target, str) and target not in names) or (
                    isinstance(target, int) and target not in numbers
                ):
                    self.add(obj, f"spec.ports[{i}].targetPort", "names no port of the selected pods")

    def limit_ranges(self) -> None:
        ranges = [o for o in self.objects if o.get("kind") == "LimitRange"]
        for obj, prefix, spec, _ in _pods(self.objects):
            for lr in (r for r in ranges if _ns(r) == _ns(obj)):
                for item in _dig(lr, ("spec", "limits")) or []:
                    if item.get("type") == "Container":
                        for field, i, c in _containers(spec):
                            self._fit(
                                obj, f"{prefix}.{field}[{i}].resources", c.get("resources") or {}, item, _ident(lr)
                            )
                    elif item.get("type") == "Pod":
                        self._fit(obj, f"{prefix}.containers", _pod_total(spec), item, _ident(lr))

    def _fit(self, obj: Obj, path: str, resources: Mapping[str, Any], item: Mapping[str, Any], lr: str) -> None:
        requests = resources.get("requests") or {}
        limits = resources.get("limits") or {}
        for res, low in (item.get("min") or {}).items():
            for field, values in (("requests", requests), ("limits", limits)):
                if res in values and _q(values[res]) < _q(low):
                    self.add(obj, f"{path}.{field}.{res}", f"is below the minimum of {lr}")
        for res, high in (item.get("max") or {}).items():
            for field, values in (("requests", requests), ("limits", limits)):
                if res in values and _q(values[res]) > _q(high):
                    self.add(obj, f"{path}.{field}.{res}", f"is above the maximum of {lr}")
            if res not in limits:
                self.add(obj, f"{path}.limits.{res}", f"must be set: {lr} has a maximum for it")
        for res, ratio in (item.get("maxLimitRequestRatio") or {}).items():
            if (
                res in limits
                and res in requests
                and _q(requests[res]) > 0
                and _q(limits[res]) / _q(requests[res]) > _q(ratio)
            ):
                self.add(obj, f"{path}.limits.{res}", f"limit/request ratio exceeds maxLimitRequestRatio of {lr}")


def _q(value: Any) -> Decimal:
    try:
        return parse_quantity(str(value))
    except ValueError:
        return Decimal(0)


def _pod_total(spec: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    totals: dict[str, dict[str, Decimal]] = {"requests": {}, "limits": {}}
    for _, _, c in _containers({"containers": spec.get("containers")}):
        for field in totals:
            for res, value in ((c.get("resources") or {}).get(field) or {}).items():
                totals[field][res] = totals[field].get(res, Decimal(0)) + _q(value)
    return {f: {r: str(v) for r, v in vals.items()} for f, vals in totals.items()}


def cross_check(objects: Sequence[Obj], external: Collection[tuple[str, str]] = ()) -> list[Problem]:
    """Every cross-object problem in ``objects``; ``external`` names (kind, name) pairs known to exist elsewhere."""
    checker = _Checker(objects, external)
    checker.duplicates()
    checker.pods()
    checker.services()
    checker.limit_ranges()
    return checker.problems
