"""Autoscaling and disruption budgets: value objects of a workload, and the objects they render.

``App("web", ..., autoscale=Autoscale(min=2, max=10, cpu=70), disruption_budget=DisruptionBudget(min_available=1))``
renders a HorizontalPodAutoscaler (autoscaling/v2) and a PodDisruptionBudget (policy/v1)
next to the Deployment or StatefulSet. The workload checks them against its own fields
(requests for the metrics used, replicas against the budget): see :func:`scaling_problems`.

An autoscaled workload's Deployment or StatefulSet has no ``replicas``: the autoscaler owns
the field, and a manifest that sets it would reset the pod count on every apply.
"""

from __future__ import annotations

import math
import re
from dataclasses import KW_ONLY
from typing import Any, Literal

from pydantic import Field

from .._model import Checks, builder
from ..quantity import parse_quantity
from ..types import INT32_MAX
from .base import Manifest, RenderContext, metadata, selector_labels

__all__ = ["Autoscale", "DisruptionBudget", "Scaling", "render_autoscaler", "render_budget", "scaling_problems"]

_HPA = "https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/"
_PDB = "https://kubernetes.io/docs/concepts/workloads/pods/disruptions/#pod-disruption-budgets"
_PERCENT = re.compile(r"(0|[1-9][0-9]*)%")


@builder
class Scaling:
    """How fast an autoscaler scales in one direction (HPAScalingRules).

    See https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#configurable-scaling-behavior
    """

    _: KW_ONLY
    stabilization_seconds: int | None = Field(
        default=None,
        ge=0,
        le=3600,
        description="Window over which past recommendations are considered, 0-3600 s. "
        "Default: None (Kubernetes: 0 up, 300 down).",
    )
    max_percent: int | None = Field(
        default=None, ge=1, le=INT32_MAX, description="At most this % of the current pods per period. Default: None."
    )
    max_pods: int | None = Field(
        default=None, ge=1, le=INT32_MAX, description="At most this many pods per period. Default: None."
    )
    period_seconds: int = Field(
        default=60, ge=1, le=1800, description="The period of max_percent and max_pods, 1-1800 s. Default: 60."
    )
    select: Literal["Max", "Min", "Disabled"] = Field(
        default="Max",
        description="Which policy wins when both limits are set; 'Disabled' stops scaling this way. Default: 'Max'.",
    )

    def render(self) -> dict[str, Any]:
        """The HPAScalingRules."""
        out: dict[str, Any] = {}
        policies = [
            {"periodSeconds": self.period_seconds, "type": kind, "value": value}
            for kind, value in (("Percent", self.max_percent), ("Pods", self.max_pods))
            if value is not None
        ]
        if policies:
            out["policies"] = policies
        if self.select != "Max" or policies:
            out["selectPolicy"] = self.select
        if self.stabilization_seconds is not None:
            out["stabilizationWindowSeconds"] = self.stabilization_seconds
        return out


@builder
class Autoscale:
    """A HorizontalPodAutoscaler (autoscaling/v2) for the workload, on CPU and/or memory utilization.

    Utilization is a percentage of the containers' requests, so the metrics used need requests
    (``Limits`` sets them; the workload checks). See https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
    """

    _: KW_ONLY
    max: int = Field(ge=1, le=INT32_MAX, description=f"maxReplicas: the most pods. See {_HPA}")
    min: int = Field(default=1, ge=1, le=INT32_MAX, description="minReplicas: the fewest pods. Default: 1.")
    cpu: int | None = Field(
        default=80,
        ge=1,
        le=INT32_MAX,
        description="Target average CPU utilization, % of the request. Default: 80 (Kubernetes' own default).",
    )
    memory: int | None = Field(
        default=None,
        ge=1,
        le=INT32_MAX,
        description="Target average memory utilization, % of the request. Default: None.",
    )
    scale_up: Scaling | None = Field(default=None, description="Scale-up behaviour. Default: None (Kubernetes').")
    scale_down: Scaling | None = Field(default=None, description="Scale-down behaviour. Default: None (Kubernetes').")

    def __post_init__(self) -> None:
        checks = Checks("Autoscale")
        if self.min > self.max:
            checks.add("min", "must be at most max")
        if self.cpu is None and self.memory is None:
            checks.add("cpu", "set a cpu or a memory target: an autoscaler needs a metric")
        checks.done()

    def metrics(self) -> list[str]:
        """The resources whose utilization is a target."""
        return [name for name in ("cpu", "memory") if getattr(self, name) is not None]


def _is_zero(value: int | str) -> bool:
    return value == 0 or value == "0%"


@builder
class DisruptionBudget:
    """A PodDisruptionBudget (policy/v1): how many pods voluntary disruptions (drains) may take at once.

    Give ``min_available`` or ``max_unavailable``, an integer or a percentage. See https://kubernetes.io/docs/concepts/workloads/pods/disruptions/
    """

    _: KW_ONLY
    min_available: int | str | None = Field(
        default=None, description=f"Pods that must stay available (e.g. 1 or '50%'). Default: None. See {_PDB}"
    )
    max_unavailable: int | str | None = Field(
        default=None, description="Pods that may be unavailable (e.g. 1 or '25%'). Default: None."
    )
    unhealthy_pod_eviction_policy: Literal["IfHealthyBudget", "AlwaysAllow"] | None = Field(
        default=None,
        description="Whether unhealthy pods may be evicted regardless of the budget. Default: None (Kubernetes: "
        "IfHealthyBudget). See https://kubernetes.io/docs/tasks/run-application/configure-pdb/#unhealthy-pod-eviction-policy",
    )

    def __post_init__(self) -> None:
        checks = Checks("DisruptionBudget")
        given = [f for f in ("min_available", "max_unavailable") if getattr(self, f) is not None]
        if len(given) != 1:
            checks.add("min_available", "give exactly one of min_available and max_unavailable")
        for field in given:
            value = getattr(self, field)
            # ValidatePodDisruptionBudgetSpec: IsValidPercent / non-negative int32, at most 100%
            if isinstance(value, int) and not 0 <= value <= INT32_MAX:
                checks.add(field, "must be an integer from 0 to 2147483647")
            elif isinstance(value, str) and not (_PERCENT.fullmatch(value) and int(value[:-1]) <= 100):
                checks.add(field, "must be an integer or a percentage from 0% to 100%")
        if self.max_unavailable is not None and _is_zero(self.max_unavailable):
            checks.add("max_unavailable", "0 blocks every drain: allow at least one pod to go")
        if self.min_available == "100%":
            checks.add("min_available", "100% blocks every drain: allow at least one pod to go")
        checks.done()


def scaling_problems(
    checks: Checks, *, replicas: int | None, requests: list[dict[str, Any]], scale: Any, budget: Any
) -> None:
    """The workload's cross-checks: requests (``requests``: one per container) for the metrics used,
    and a budget that lets one pod go.

    ``replicas`` is None when the workload has no replica count (a DaemonSet). A budget whose
    min_available is at least the pods there are (replicas, or the autoscaler's minimum) would
    block every drain of a node; so would one over a single pod.
    """
    if isinstance(scale, Autoscale):
        if replicas is None:
            checks.add("autoscale", "only a Deployment or a StatefulSet can be autoscaled")
        elif replicas != 1:  # 1 is the default: anything else was asked for, and would be ignored
            checks.add("replicas", "the autoscaler sets the pod count: drop replicas and set autoscale.min")
        for name in scale.metrics():
            # utilization is usage over the request: the HPA controller cannot compute it without one
            if any(name not in r or parse_quantity(str(r[name])) <= 0 for r in requests):
                checks.add(
                    "autoscale", f"a {name} target needs a non-zero {name} request in every container (set limits)"
                )
    if isinstance(budget, DisruptionBudget) and replicas is not None:
        pods = scale.min if isinstance(scale, Autoscale) else replicas
        source = "autoscale.min" if isinstance(scale, Autoscale) else "replicas"
        wanted = budget.min_available
        if isinstance(wanted, str) and _PERCENT.fullmatch(wanted):
            wanted = math.ceil(pods * int(wanted[:-1]) / 100)  # the disruption controller rounds up
        if isinstance(wanted, int) and pods > 0 and wanted >= pods:
            checks.add(
                "disruption_budget.min_available",
                f"keeps all {pods} pods of {source} available: no pod could ever be evicted",
            )


def render_autoscaler(scale: Autoscale, name: str, kind: str, ctx: RenderContext, labels: dict[str, str]) -> Manifest:
    """The HorizontalPodAutoscaler of workload ``name`` (a Deployment or StatefulSet)."""
    metrics = [
        {
            "resource": {
                "name": resource,
                "target": {
                    "averageUtilization": ctx.value(
                        f"autoscaling.{resource}Utilization", getattr(scale, resource), type="integer", minimum=1
                    ),
                    "type": "Utilization",
                },
            },
            "type": "Resource",
        }
        for resource in scale.metrics()
    ]
    spec: dict[str, Any] = {
        "maxReplicas": ctx.value("autoscaling.maxReplicas", scale.max, type="integer", minimum=1),
        "metrics": metrics,
        "minReplicas": ctx.value("autoscaling.minReplicas", scale.min, type="integer", minimum=1),
        "scaleTargetRef": {"apiVersion": "apps/v1", "kind": kind, "name": ctx.name(name)},
    }
    behavior = {
        key: rules.render()
        for key, rules in (("scaleDown", scale.scale_down), ("scaleUp", scale.scale_up))
        if rules is not None
    }
    if behavior:
        spec["behavior"] = behavior
    return {
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": metadata(name, ctx, labels=labels),
        "spec": dict(sorted(spec.items())),
    }


def render_budget(budget: DisruptionBudget, name: str, ctx: RenderContext, labels: dict[str, str]) -> Manifest:
    """The PodDisruptionBudget over workload ``name``'s pods."""
    spec: dict[str, Any] = {"selector": {"matchLabels": selector_labels(name, ctx)}}
    if budget.min_available is not None:
        spec["minAvailable"] = budget.min_available
    if budget.max_unavailable is not None:
        spec["maxUnavailable"] = budget.max_unavailable
    if budget.unhealthy_pod_eviction_policy is not None:
        spec["unhealthyPodEvictionPolicy"] = budget.unhealthy_pod_eviction_policy
    return {
        "apiVersion": "policy/v1",
        "kind": "PodDisruptionBudget",
        "metadata": metadata(name, ctx, labels=labels),
        "spec": dict(sorted(spec.items())),
    }
