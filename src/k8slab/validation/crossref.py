"""Cross-object checks: what no single object's schema can see.

- every volumeMount names a volume of its pod;
- every referenced Secret or ConfigMap exists in the set (or is declared external), and so do its keys;
- every Service selects the pods of some workload, and its targetPorts exist there;
- every ServiceMonitor selects a Service (a PodMonitor, pods) and scrapes a port they have;
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
from .rules.volumes import MOUNT_WITHOUT_VOLUME
from .walk import Obj, dig, entries, mapping, object_label, pod_spec_path, seq

__all__ = ["cross_check", "cross_check_owned"]

_MONITORS = ("ServiceMonitor", "PodMonitor")
_MONITORING_GROUP = "monitoring.coreos.com/"


def _ns(obj: Obj) -> str:
    return str(dig(obj, ("metadata", "namespace")) or "")


def _containers(spec: Mapping[str, Any]) -> Iterator[tuple[str, int, Mapping[str, Any]]]:
    for field in ("initContainers", "containers"):
        for i, c in entries(spec.get(field)):
            yield field, i, c


def _pods(objects: Sequence[Obj]) -> Iterator[tuple[Obj, str, Mapping[str, Any], Mapping[str, Any]]]:
    """(object, path prefix, pod spec, pod labels) for every workload."""
    for obj in objects:
        path = pod_spec_path(str(obj.get("kind")))
        spec = dig(obj, path) if path else None
        if path and isinstance(spec, Mapping):
            labels = mapping(dig(obj, (*path[:-1], "metadata", "labels")))
            yield obj, ".".join(path), spec, labels


class _Checker:
    def __init__(self, objects: Sequence[Obj], external: Collection[tuple[str, str]]) -> None:
        self.objects = objects
        self.external = set(external)
        self.found: list[tuple[Obj, Problem]] = []
        self.by_key: dict[tuple[str, str, str], Obj] = {}

    def add(self, obj: Obj, path: str, message: str) -> None:
        self.found.append((obj, Problem(object_label(obj), path, message)))

    def duplicates(self) -> None:
        for obj in self.objects:
            name = dig(obj, ("metadata", "name"))
            if not name and dig(obj, ("metadata", "generateName")):
                continue  # the API server generates a fresh name for each
            key = (str(obj.get("kind")), _ns(obj), str(name))
            if key in self.by_key:
                self.add(obj, "metadata.name", f"another {key[0]} in this namespace has the same name")
            self.by_key[key] = obj

    def _source_keys(self, kind: str, ns: str, name: str) -> set[str] | None:
        obj = self.by_key.get((kind, ns, name))
        if obj is None:
            return None
        return {k for field in ("data", "binaryData", "stringData") for k in mapping(obj.get(field))}

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
            volumes = {_scalar(v.get("name")) for _, v in entries(spec.get("volumes"))}
            for i, vol in entries(spec.get("volumes")):
                for kind, field, name_field in (("Secret", "secret", "secretName"), ("ConfigMap", "configMap", "name")):
                    src = vol.get(field)
                    if isinstance(src, Mapping):
                        self.reference(
                            obj, f"{prefix}.volumes[{i}].{field}", kind, src.get(name_field), None, src.get("optional")
                        )
                        for j, item in entries(src.get("items")):
                            self.reference(
                                obj,
                                f"{prefix}.volumes[{i}].{field}.items[{j}].key",
                                kind,
                                src.get(name_field),
                                item.get("key"),
                                src.get("optional"),
                            )
            templates = entries(dig(obj, ("spec", "volumeClaimTemplates")))
            claims = {_scalar(dig(t, ("metadata", "name"))) for _, t in templates}
            for field, i, c in _containers(spec):
                cpath = f"{prefix}.{field}[{i}]"
                for j, mount in entries(c.get("volumeMounts")):
                    name = _scalar(mount.get("name"))
                    if name and name not in volumes and name not in claims:  # a missing name is a rule's problem
                        self.add(obj, f"{cpath}.volumeMounts[{j}].name", MOUNT_WITHOUT_VOLUME)
                for j, env in entries(c.get("env")):
                    value_from = env.get("valueFrom")
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
                for j, env_from in entries(c.get("envFrom")):
                    for kind, ref in (("Secret", "secretRef"), ("ConfigMap", "configMapRef")):
                        r = env_from.get(ref)
                        if isinstance(r, Mapping):
                            self.reference(
                                obj, f"{cpath}.envFrom[{j}].{ref}", kind, r.get("name"), None, r.get("optional")
                            )

    def services(self) -> None:
        pods = list(_pods(self.objects))
        index: dict[tuple[str, str, Any], set[int]] = {}  # (namespace, label, value) -> pods
        for i, (o, _, _, labels) in enumerate(pods):
            for key, value in labels.items():
                index.setdefault((_ns(o), key, _scalar(value)), set()).add(i)
        for obj in self.objects:
            if obj.get("kind") != "Service" or dig(obj, ("spec", "type")) == "ExternalName":
                continue
            selector = dig(obj, ("spec", "selector"))
            if not isinstance(selector, Mapping) or not selector:
                continue
            hits = set.intersection(*(index.get((_ns(obj), k, _scalar(v)), set()) for k, v in selector.items()))
            matches = [(pods[i][0], pods[i][2]) for i in sorted(hits)]
            if not matches:
                self.add(obj, "spec.selector", "selects no pods of any workload in this set")
                continue
            ports = [p for _, spec in matches for _, _, c in _containers(spec) for _, p in entries(c.get("ports"))]
            names = {_scalar(p.get("name")) for p in ports}
            numbers = {_scalar(p.get("containerPort")) for p in ports}
            for i, port in entries(dig(obj, ("spec", "ports"))):
                target = port.get("targetPort", port.get("port"))
                if (isinstance(target, str) and target not in names) or (
                    isinstance(target, int) and target not in numbers
                ):
                    self.add(obj, f"spec.ports[{i}].targetPort", "names no port of the selected pods")

    def monitors(self) -> None:
        """A ServiceMonitor must select a Service of the set and name one of its ports; a PodMonitor, pods."""
        services = [(o, mapping(dig(o, ("metadata", "labels"))), o) for o in self.objects if o.get("kind") == "Service"]
        pods = [(o, labels, spec) for o, _, spec, labels in _pods(self.objects)]
        for obj in self.objects:
            kind = obj.get("kind")
            if kind not in _MONITORS or not str(obj.get("apiVersion", "")).startswith(_MONITORING_GROUP):
                continue
            spec = mapping(obj.get("spec"))
            service_monitor = kind == "ServiceMonitor"
            chosen = _selected(obj, spec, services if service_monitor else pods)
            if chosen is None:
                continue  # an expression-only selector is not checked here
            what, field = ("Service", "endpoints") if service_monitor else ("pod", "podMetricsEndpoints")
            if not chosen:
                self.add(obj, "spec.selector", f"selects no {what} in this set")
                continue
            if service_monitor:
                ports = {_scalar(p.get("name")) for s in chosen for _, p in entries(dig(s, ("spec", "ports")))}
            else:
                ports = {
                    _scalar(p.get("name"))
                    for ps in chosen
                    for _, _, c in _containers(ps)
                    for _, p in entries(c.get("ports"))
                }
            for i, endpoint in entries(spec.get(field)):
                port = endpoint.get("port")
                if isinstance(port, str) and port not in ports:
                    self.add(obj, f"spec.{field}[{i}].port", f"names no port of the selected {what}s")

    def limit_ranges(self) -> None:
        ranges = [o for o in self.objects if o.get("kind") == "LimitRange"]
        for obj, prefix, spec, _ in _pods(self.objects):
            for lr in (r for r in ranges if _ns(r) == _ns(obj)):
                for _, item in entries(dig(lr, ("spec", "limits"))):
                    if item.get("type") == "Container":
                        for field, i, c in _containers(spec):
                            self._fit(
                                obj,
                                f"{prefix}.{field}[{i}].resources",
                                mapping(c.get("resources")),
                                item,
                                object_label(lr),
                            )
                    elif item.get("type") == "Pod":
                        self._fit(obj, f"{prefix}.containers", _pod_total(spec), item, object_label(lr))

    def _fit(self, obj: Obj, path: str, resources: Mapping[str, Any], item: Mapping[str, Any], lr: str) -> None:
        requests = mapping(resources.get("requests"))
        limits = mapping(resources.get("limits"))
        for res, low in mapping(item.get("min")).items():
            for field, values in (("requests", requests), ("limits", limits)):
                if res in values and _q(values[res]) < _q(low):
                    self.add(obj, f"{path}.{field}.{res}", f"is below the minimum {low} of {lr}")
        for res, high in mapping(item.get("max")).items():
            for field, values in (("requests", requests), ("limits", limits)):
                if res in values and _q(values[res]) > _q(high):
                    self.add(obj, f"{path}.{field}.{res}", f"is above the maximum {high} of {lr}")
            if res not in limits:
                self.add(obj, f"{path}.limits.{res}", f"must be set: {lr} has a maximum for it")
        for res, ratio in mapping(item.get("maxLimitRequestRatio")).items():
            if (
                res in limits
                and res in requests
                and _q(requests[res]) > 0
                and _q(limits[res]) / _q(requests[res]) > _q(ratio)
            ):
                self.add(obj, f"{path}.limits.{res}", f"limit/request ratio exceeds maxLimitRequestRatio of {lr}")


def _selected(
    monitor: Obj, spec: Mapping[str, Any], candidates: Sequence[tuple[Obj, Mapping[str, Any], Mapping[str, Any]]]
) -> list[Mapping[str, Any]] | None:
    """The targets (Service objects or pod specs) a monitor selects; None without ``matchLabels``."""
    selector = mapping(mapping(spec.get("selector")).get("matchLabels"))
    if not selector:
        return None
    scope = mapping(spec.get("namespaceSelector"))
    names = {n for n in seq(scope.get("matchNames")) if isinstance(n, str)} or {_ns(monitor)}
    return [
        target
        for owner, labels, target in candidates
        if (scope.get("any") is True or _ns(owner) in names) and all(labels.get(k) == v for k, v in selector.items())
    ]


def _scalar(value: Any) -> str | int | None:
    """A name, label value or port number as a set or dict key; None for anything else (the schema reports it)."""
    return value if isinstance(value, str | int) else None


def _q(value: Any) -> Decimal:
    try:
        return parse_quantity(str(value))
    except ValueError:
        return Decimal(0)


def _pod_total(spec: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    totals: dict[str, dict[str, Decimal]] = {"requests": {}, "limits": {}}
    for _, _, c in _containers({"containers": spec.get("containers")}):
        for field in totals:
            for res, value in mapping(mapping(c.get("resources")).get(field)).items():
                totals[field][res] = totals[field].get(res, Decimal(0)) + _q(value)
    return {f: {r: str(v) for r, v in vals.items()} for f, vals in totals.items()}


def cross_check(objects: Sequence[Obj], external: Collection[tuple[str, str]] = ()) -> list[Problem]:
    """Every cross-object problem in ``objects``; ``external`` names (kind, name) pairs known to exist elsewhere."""
    return [problem for _, problem in cross_check_owned(objects, external)]


def cross_check_owned(objects: Sequence[Obj], external: Collection[tuple[str, str]] = ()) -> list[tuple[Obj, Problem]]:
    """Like :func:`cross_check`, each problem with the object it is about (to point at its file and document)."""
    checker = _Checker(objects, external)
    checker.duplicates()
    checker.pods()
    checker.services()
    checker.monitors()
    checker.limit_ranges()
    return checker.found
