"""Stateful: a StatefulSet with a volume per pod, its headless Service, and optionally a normal one.

See https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/
"""

from __future__ import annotations

from dataclasses import KW_ONLY
from typing import Any, Literal

from pydantic import Field

from .._model import Checks, builder
from ..errors import Problem
from ..types import INT32_MAX, DNSLabel, FrozenList, PositiveQuantity, StorageClassName, is_absolute_path
from .base import Manifest, RenderContext, metadata
from .workload import ServiceType, Workload

__all__ = ["Claim", "Stateful"]

_STS = "https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/"
_PV = "https://kubernetes.io/docs/concepts/storage/persistent-volumes/"


@builder
class Claim:
    """A PersistentVolumeClaim template: each pod gets its own volume, mounted at ``path``.

    See https://kubernetes.io/docs/concepts/storage/persistent-volumes/#persistentvolumeclaims
    """

    name: DNSLabel = Field(description="Claim (and volume) name, e.g. 'data'.")
    path: str = Field(description="Where the volume is mounted in the container, e.g. '/app/db'.")
    _: KW_ONLY
    size: PositiveQuantity = Field(default="1Gi", description=f"Requested storage. Default: '1Gi'. See {_PV}")
    access_modes: FrozenList[Literal["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"]] = Field(
        default=("ReadWriteOnce",), min_length=1, description="Access modes. Default: ('ReadWriteOnce',)."
    )
    storage_class: StorageClassName | None = Field(
        default=None, description="StorageClass name; None uses the cluster default. Default: None."
    )

    def __post_init__(self) -> None:
        checks = Checks(f"Claim/{self.name}")
        if not is_absolute_path(self.path):
            checks.add("path", "must be an absolute, normalized directory (e.g. '/app/db')")
        if "ReadWriteOncePod" in self.access_modes and len(self.access_modes) > 1:  # ValidatePersistentVolumeClaimSpec
            checks.add("access_modes", "must not combine ReadWriteOncePod with other access modes")
        checks.done()

    def render(self, ctx: RenderContext, app: str) -> dict[str, Any]:
        """The ``volumeClaimTemplates[]`` entry."""
        spec: dict[str, Any] = {
            "accessModes": list(self.access_modes),
            "resources": {
                "requests": {"storage": ctx.value(f"persistence.{self.name}.size", self.size, type="string")}
            },
        }
        storage_class = ctx.value(f"persistence.{self.name}.storageClass", self.storage_class, type=["string", "null"])
        if storage_class is not None:
            spec["storageClassName"] = storage_class
        meta = metadata(self.name, ctx, app=app, namespaced=False, owned=False)
        return {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": meta, "spec": spec}


@builder
class Stateful(Workload):
    """A StatefulSet with per-pod volumes, its governing headless Service ``NAME-headless``,
    and a normal Service ``NAME`` when ``service`` is set.

    ``Stateful("app", image="sh3b0/app_python:1.0", port=8080, volumes=[Claim("data", "/app/db")])``
    """

    _: KW_ONLY
    replicas: int = Field(default=1, ge=0, le=INT32_MAX, description=f"Number of pods. Default: 1. See {_STS}")
    volumes: FrozenList[Claim] = Field(default=(), description="Per-pod volumes. Default: ().")
    pod_management_policy: Literal["OrderedReady", "Parallel"] = Field(
        default="OrderedReady",
        description="'Parallel' starts and stops pods together. Default: 'OrderedReady'. "
        f"See {_STS}#pod-management-policies",
    )
    service: ServiceType | None = Field(
        default=None, description="Type of the extra, normal Service; the headless one always exists. Default: None."
    )

    def _more_checks(self, checks: Checks) -> None:
        """The StatefulSet's own checks: name length, the headless Service, unique claims."""
        # The pods' controller-revision-hash label is NAME-<10-char hash> and must fit 63 characters,
        # which also keeps the headless Service name NAME-headless within 63.
        if len(self.name) > 52:
            checks.add("name", "must be at most 52 characters for a StatefulSet")
        if self.service == "Headless":
            checks.add("service", "the headless Service always exists; use None or a normal type")
        names = [c.name for c in self.volumes]
        if len(set(names)) != len(names):
            checks.add("volumes", "claim names must be unique")

    def _version_problems(self, minor: int) -> list[Problem]:
        """Problems only Kubernetes 1.``minor`` has with this StatefulSet (checked by the Stack, which knows it)."""
        return super()._version_problems(minor) + [
            Problem(
                f"Stateful/{self.name}", f"volumes[{i}].access_modes", "ReadWriteOncePod needs Kubernetes 1.27 or later"
            )
            for i, claim in enumerate(self.volumes)
            if minor < 27 and "ReadWriteOncePod" in claim.access_modes
        ]

    @property
    def headless_name(self) -> str:
        """The governing headless Service's name."""
        return f"{self.name}-headless"

    def extra_mounts(self) -> list[dict[str, Any]]:
        """The claims' mounts."""
        return [{"mountPath": c.path, "name": c.name} for c in self.volumes]

    def render(self, ctx: RenderContext) -> list[Manifest]:
        """The StatefulSet, its headless Service, the normal Service (if any) and the NetworkPolicy."""
        spec: dict[str, Any] = {
            "podManagementPolicy": ctx.value(
                "podManagementPolicy", self.pod_management_policy, enum=["OrderedReady", "Parallel"]
            ),
            "selector": self.selector(ctx),
            "serviceName": ctx.name(self.headless_name),
            "template": self.pod_template(ctx),
            "updateStrategy": {"type": "RollingUpdate"},
        }
        if self.autoscale is None:  # an autoscaler owns the field: an apply that set it would reset the pod count
            spec["replicas"] = ctx.value("replicas", self.replicas, type="integer", minimum=0)
        spec = dict(sorted(spec.items()))
        if self.volumes:
            spec["volumeClaimTemplates"] = [c.render(ctx, self.name) for c in self.volumes]
        sts: Manifest = {
            "apiVersion": "apps/v1",
            "kind": "StatefulSet",
            "metadata": self.workload_metadata(ctx),
            "spec": spec,
        }
        out = [sts, *self.render_scaling(ctx, "StatefulSet"), self.render_service(ctx, self.headless_name, "Headless")]
        if self.service is not None and self.all_ports():
            out.append(self.render_service(ctx, self.name, self.service))
        monitoring = self.monitoring.render(self, ctx) if self.monitoring else []
        return out + self.render_network_policy(ctx) + monitoring
