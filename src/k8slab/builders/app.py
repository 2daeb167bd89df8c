"""App: a Deployment, its Service and its NetworkPolicy.

See https://kubernetes.io/docs/concepts/workloads/controllers/deployment/
"""

from __future__ import annotations

import re
from dataclasses import KW_ONLY
from typing import Any, Literal

from pydantic import Field

from .._model import builder, spec_error
from ..types import INT32_MAX
from .base import Manifest, RenderContext
from .workload import Workload

__all__ = ["App", "Rolling"]

_DEPLOYMENT = "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/"


def _is_zero(value: int | str) -> bool:
    return value == 0 or (isinstance(value, str) and re.fullmatch(r"0+%", value) is not None)


@builder
class Rolling:
    """A rolling update: at most ``max_surge`` extra and ``max_unavailable`` missing pods at a time.

    See https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-update-deployment
    """

    _: KW_ONLY
    max_surge: int | str = Field(default="25%", description="Extra pods allowed during an update. Default: '25%'.")
    max_unavailable: int | str = Field(default="25%", description="Pods that may be missing. Default: '25%'.")

    def __post_init__(self) -> None:
        for field in ("max_surge", "max_unavailable"):
            value = getattr(self, field)
            if isinstance(value, int) and not 0 <= value <= INT32_MAX:
                raise spec_error("Rolling", field, "must be an integer from 0 to 2147483647, or a percentage")
            if isinstance(value, str) and not (re.fullmatch(r"[0-9]+%", value) and int(value[:-1]) <= 100):
                raise spec_error("Rolling", field, "must be an integer or a percentage from 0% to 100%")
        if _is_zero(self.max_surge) and _is_zero(self.max_unavailable):
            raise spec_error("Rolling", "max_unavailable", "'max_surge' and 'max_unavailable' cannot both be zero")

    def render(self) -> dict[str, Any]:
        """The Deployment ``strategy``."""
        return {
            "rollingUpdate": {"maxSurge": self.max_surge, "maxUnavailable": self.max_unavailable},
            "type": "RollingUpdate",
        }


@builder
class App(Workload):
    """A stateless app: a Deployment of one container, its Service and its NetworkPolicy.

    ``App("python-app", image="sh3b0/app_python:1.0", port=8080, replicas=3, service="LoadBalancer")``
    """

    _: KW_ONLY
    replicas: int = Field(default=1, ge=0, le=INT32_MAX, description=f"Number of pods. Default: 1. See {_DEPLOYMENT}")
    strategy: Rolling | Literal["Recreate"] = Field(
        default_factory=Rolling, description="Rolling(...) or 'Recreate'. Default: Rolling() (25%/25%)."
    )
    revision_history_limit: int = Field(
        default=10, ge=0, le=INT32_MAX, description="Old ReplicaSets kept for rollback. Default: 10."
    )

    def render(self, ctx: RenderContext) -> list[Manifest]:
        """The Deployment, the Service (if any) and the NetworkPolicy."""
        strategy = {"type": "Recreate"} if self.strategy == "Recreate" else self.strategy.render()
        spec: dict[str, Any] = {
            "revisionHistoryLimit": self.revision_history_limit,
            "selector": self.selector(ctx),
            "strategy": strategy,
            "template": self.pod_template(ctx),
        }
        if self.autoscale is None:  # an autoscaler owns the field: an apply that set it would reset the pod count
            spec["replicas"] = ctx.value("replicas", self.replicas, type="integer", minimum=0)
        deployment: Manifest = {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": self.workload_metadata(ctx),
            "spec": dict(sorted(spec.items())),
        }
        out = [deployment, *self.render_scaling(ctx, "Deployment")]
        if self.service is not None and (self.all_ports() or self.service == "Headless"):
            out.append(self.render_service(ctx, self.name, self.service))
        monitoring = self.monitoring.render(self, ctx) if self.monitoring else []
        return out + self.render_network_policy(ctx) + monitoring
