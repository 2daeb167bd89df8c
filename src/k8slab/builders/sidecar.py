"""Sidecar: a second long-running container in a workload's pod (a proxy, a log shipper, an exporter).

On Kubernetes 1.29 and later it is a native sidecar: an init container with
``restartPolicy: Always``, started before the main container and stopped after it (so a Job
still completes). Before 1.29 it is a regular container. Either way it gets the pod's
security defaults, its own resources and probes, and can mount the main container's volumes.

See https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import KW_ONLY
from typing import Any, Literal

from pydantic import Field

from .._model import Checks, builder
from ..types import DNSLabel, EnvName, FrozenList, Image
from .base import RenderContext
from .limits import Limits
from .probes import Probe
from .security import CONTAINER_SECURITY, Security

__all__ = ["NATIVE_SIDECARS", "Sidecar"]

_DOCS = "https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/"
NATIVE_SIDECARS = 29
"""The Kubernetes minor version from which sidecars are native (init containers with restartPolicy Always)."""


def _small() -> Limits:
    return Limits(cpu="100m", memory="128Mi")


@builder
class Sidecar:
    """A sidecar container. ``Sidecar("log-shipper", image="fluent/fluent-bit:3.2.2", mounts=["/var/log/app"])``

    See https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/
    """

    name: DNSLabel = Field(description=f"The container's name, unique in the pod. See {_DOCS}")
    _: KW_ONLY
    image: Image = Field(description="The image, with a pinned tag or digest.")
    command: FrozenList[str] | None = Field(default=None, description="Replaces the image's entrypoint. Default: None.")
    args: FrozenList[str] | None = Field(default=None, description="Replaces the image's arguments. Default: None.")
    env: Mapping[EnvName, str] = Field(default_factory=dict, description="Environment variables. Default: {}.")
    port: int | None = Field(
        default=None, ge=1, le=65535, description="A port of the sidecar, named 'sidecar'. Default: None."
    )
    mounts: FrozenList[str] = Field(
        default=(),
        description="Mount paths of the main container (its Secrets, Configs, fetched files, claims) "
        "to mount here too, at the same path. Default: ().",
    )
    limits: Limits = Field(
        default_factory=_small, description="Requests and limits. Default: Limits(cpu='100m', memory='128Mi')."
    )
    readiness: Probe | bool = Field(
        default=True,
        description="Readiness probe; True picks a TCP probe on the port (none without one). Default: True.",
    )
    liveness: Probe | bool = Field(
        default=True, description="Liveness probe; True picks a slower TCP probe on the port. Default: True."
    )

    def __post_init__(self) -> None:
        checks = Checks(f"Sidecar/{self.name}")
        for field in ("readiness", "liveness"):
            probe = getattr(self, field)
            if isinstance(probe, Probe) and probe.port is not None and probe.port not in (self.port, "sidecar"):
                checks.add(f"{field}.port", "probe port must be the sidecar's port")
            if field == "liveness" and isinstance(probe, Probe) and probe.success_threshold != 1:
                checks.add("liveness.success_threshold", "must be 1 for a liveness probe")
        if isinstance(self.readiness, Probe) and self.readiness == self.liveness:
            checks.add("liveness", "must differ from the readiness probe")
        if len(set(self.mounts)) != len(self.mounts):
            checks.add("mounts", "must not repeat a path")
        checks.done()

    def probe(self, field: Literal["readiness", "liveness"]) -> dict[str, Any] | None:
        """The rendered probe, or None."""
        value = getattr(self, field)
        if isinstance(value, Probe):
            return value.render()
        if value is False or self.port is None:
            return None
        if field == "readiness":
            return Probe.tcp("sidecar", initial_delay_seconds=5, period_seconds=10).render()
        return Probe.tcp("sidecar", initial_delay_seconds=15, period_seconds=20, timeout_seconds=3).render()

    def render(
        self, ctx: RenderContext, security: Security, shared: list[dict[str, Any]], *, native: bool
    ) -> dict[str, Any]:
        """The container: ``shared`` are the main container's mounts it uses; ``native`` adds restartPolicy Always."""
        scoped = f"sidecars.{self.name}"
        out: dict[str, Any] = {
            "image": ctx.value(f"{scoped}.image", self.image, type="string", minLength=1),
            "imagePullPolicy": "Always",
            "name": self.name,
            "resources": self.limits.render(),
            "securityContext": ctx.value(
                "containerSecurityContext", security.container_context(), **CONTAINER_SECURITY
            ),
        }
        optional: dict[str, Any] = {
            "args": list(self.args) if self.args is not None else None,
            "command": list(self.command) if self.command is not None else None,
            "env": [{"name": k, "value": v} for k, v in sorted(self.env.items())],
            "livenessProbe": self.probe("liveness"),
            "ports": [{"containerPort": self.port, "name": "sidecar", "protocol": "TCP"}] if self.port else None,
            "readinessProbe": self.probe("readiness"),
            "restartPolicy": "Always" if native else None,
            "volumeMounts": sorted(shared, key=lambda m: m["mountPath"]),
        }
        out.update({k: v for k, v in optional.items() if v})
        return dict(sorted(out.items()))
