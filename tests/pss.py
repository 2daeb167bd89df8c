"""An independent checker for the Pod Security Standards "restricted" profile and k8slab's extras.

Written from https://kubernetes.io/docs/concepts/security/pod-security-standards/ and
DESIGN.md §6, apart from k8slab's own code, so the tests do not grade k8slab with itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from k8slab.builders.raw import CLUSTER_SCOPED_KINDS
from k8slab.quantity import parse_quantity

_ALLOWED_VOLUMES = {
    "configMap",
    "csi",
    "downwardAPI",
    "emptyDir",
    "ephemeral",
    "persistentVolumeClaim",
    "projected",
    "secret",
}
_POD_PATHS = {
    "Pod": ("spec",),
    "Deployment": ("spec", "template", "spec"),
    "StatefulSet": ("spec", "template", "spec"),
    "DaemonSet": ("spec", "template", "spec"),
    "Job": ("spec", "template", "spec"),
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
}


def _pod(obj: Mapping[str, Any]) -> Mapping[str, Any] | None:
    path = _POD_PATHS.get(obj.get("kind", ""))
    if path is None:
        return None
    node: Any = obj
    for part in path:
        node = node[part]
    return node


def _containers(spec: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    yield from spec.get("initContainers", [])
    yield from spec.get("containers", [])


def restricted_violations(obj: Mapping[str, Any]) -> list[str]:
    """What in one object breaks the restricted profile."""
    spec = _pod(obj)
    if spec is None:
        return []
    out = []
    pod_ctx = spec.get("securityContext", {})
    for field in ("hostNetwork", "hostPID", "hostIPC"):
        if spec.get(field):
            out.append(f"{field} is set")
    for vol in spec.get("volumes", []):
        kinds = set(vol) - {"name"}
        if not kinds <= _ALLOWED_VOLUMES:
            out.append(f"volume {vol['name']} uses {sorted(kinds)}")
    for c in _containers(spec):
        ctx = c.get("securityContext", {})
        name = c["name"]
        if ctx.get("privileged"):
            out.append(f"{name}: privileged")
        if any("hostPort" in p for p in c.get("ports", [])):
            out.append(f"{name}: hostPort")
        if ctx.get("allowPrivilegeEscalation") is not False:
            out.append(f"{name}: allowPrivilegeEscalation is not false")
        caps = ctx.get("capabilities", {})
        if "ALL" not in caps.get("drop", []):
            out.append(f"{name}: capabilities do not drop ALL")
        if set(caps.get("add", [])) - {"NET_BIND_SERVICE"}:
            out.append(f"{name}: adds capabilities")
        if not ctx.get("runAsNonRoot", pod_ctx.get("runAsNonRoot")):
            out.append(f"{name}: runAsNonRoot is not true")
        if ctx.get("runAsUser", pod_ctx.get("runAsUser")) == 0:
            out.append(f"{name}: runs as UID 0")
        seccomp = ctx.get("seccompProfile", pod_ctx.get("seccompProfile", {})).get("type")
        if seccomp not in ("RuntimeDefault", "Localhost"):
            out.append(f"{name}: seccomp profile is {seccomp}")
    return out


def hardening_violations(objects: Sequence[Mapping[str, Any]]) -> list[str]:
    """k8slab's extras beyond the profile (DESIGN.md §6), over a whole set of objects."""
    out = []
    policies = [o for o in objects if o["kind"] == "NetworkPolicy"]
    bindings = [o for o in objects if o["kind"] in ("RoleBinding", "ClusterRoleBinding")]
    for obj in objects:
        ident = f"{obj['kind']}/{obj['metadata']['name']}"
        if obj["kind"] not in CLUSTER_SCOPED_KINDS and obj["metadata"].get("namespace") in (None, "", "default"):
            out.append(f"{ident}: no explicit, non-default namespace")
        spec = _pod(obj)
        if spec is None:
            continue
        bound = {s["name"] for b in bindings for s in b.get("subjects", []) if s.get("kind") == "ServiceAccount"}
        if spec.get("automountServiceAccountToken") is not False and spec.get("serviceAccountName") not in bound:
            out.append(f"{ident}: service-account token is mounted without RBAC permissions that need it")
        pod_ctx = spec.get("securityContext", {})
        for c in _containers(spec):
            ctx = c.get("securityContext", {})
            if ctx.get("runAsUser", pod_ctx.get("runAsUser", 0)) < 10000:
                out.append(f"{ident}/{c['name']}: UID below 10000")
            if not ctx.get("readOnlyRootFilesystem"):
                out.append(f"{ident}/{c['name']}: root filesystem is writable")
            res = c.get("resources", {})
            for kind in ("cpu", "memory"):
                req, lim = res.get("requests", {}).get(kind), res.get("limits", {}).get(kind)
                if req is None or lim is None:
                    out.append(f"{ident}/{c['name']}: {kind} request or limit missing")
                elif parse_quantity(req) > parse_quantity(lim):
                    out.append(f"{ident}/{c['name']}: {kind} request above limit")
            image = c["image"]
            if "@" not in image and (":" not in image.rsplit("/", 1)[-1] or image.endswith(":latest")):
                out.append(f"{ident}/{c['name']}: image not pinned")
        for c in spec.get("containers", []):
            if c.get("ports") and not ("readinessProbe" in c and "livenessProbe" in c):
                out.append(f"{ident}/{c['name']}: probes missing")
            if c.get("readinessProbe") is not None and c.get("readinessProbe") == c.get("livenessProbe"):
                out.append(f"{ident}/{c['name']}: readiness and liveness probes are identical")
        template = obj["spec"]["jobTemplate"]["spec"] if obj["kind"] == "CronJob" else obj["spec"]
        labels = template["template"]["metadata"]["labels"] if "template" in template else {}
        if not any(
            all(labels.get(k) == v for k, v in p["spec"]["podSelector"].get("matchLabels", {}).items())
            for p in policies
        ):
            out.append(f"{ident}: no NetworkPolicy selects its pods")
    return out
