"""DaemonSet: one pod per node (or per matching node), for node agents such as log shippers.

See https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/
"""

from __future__ import annotations

from dataclasses import KW_ONLY
from typing import Any, Literal

from pydantic import Field

from .._model import Checks, builder
from ..types import INT32_MAX
from .app import Rolling, _is_zero
from .base import Manifest, RenderContext
from .workload import Workload

__all__ = ["DaemonSet"]

_DS = "https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/"


def _one_at_a_time() -> Rolling:
    return Rolling(max_surge=0, max_unavailable=1)


@builder
class DaemonSet(Workload):
    """A DaemonSet: the pod on every node that its ``node_selector``, affinity and ``tolerations`` allow.

    ``DaemonSet("node-agent", image="fluent/fluent-bit:3.2.2", tolerations=[Toleration("dedicated")])``

    No Service by default (``service=None``); autoscaling and disruption budgets do not apply
    (a node drain does not evict DaemonSet pods).
    """

    _: KW_ONLY
    service: Literal["ClusterIP", "NodePort", "LoadBalancer", "Headless"] | None = Field(
        default=None, description=f"Service type over the pods. Default: None. See {_DS}#communicating-with-daemon-pods"
    )
    strategy: Rolling | Literal["OnDelete"] = Field(
        default_factory=_one_at_a_time,
        description="Rolling(max_surge=..., max_unavailable=...) or 'OnDelete' (pods change only when deleted). "
        f"Default: Rolling(max_surge=0, max_unavailable=1): one node at a time. See {_DS}#updating-a-daemonset",
    )
    min_ready_seconds: int = Field(
        default=0, ge=0, le=INT32_MAX, description="Seconds a new pod must be ready before it counts. Default: 0."
    )
    revision_history_limit: int = Field(
        default=10, ge=0, le=INT32_MAX, description="Old revisions kept for rollback. Default: 10."
    )

    def _more_checks(self, checks: Checks) -> None:
        # ValidateRollingUpdateDaemonSet: a surge replaces pods one node ahead, so nothing may be unavailable
        rolling = self.strategy if isinstance(self.strategy, Rolling) else None
        if rolling is not None and not _is_zero(rolling.max_surge) and not _is_zero(rolling.max_unavailable):
            checks.add("strategy.max_surge", "must be 0 unless max_unavailable is 0: a DaemonSet surges or drains")
        if self.disruption_budget is not None:
            checks.add("disruption_budget", "a node drain does not evict DaemonSet pods: a budget has no effect")

    def render(self, ctx: RenderContext) -> list[Manifest]:
        """The DaemonSet, the Service (if any) and the NetworkPolicy."""
        strategy: dict[str, Any] = {"type": "OnDelete"} if self.strategy == "OnDelete" else self.strategy.render()
        spec: dict[str, Any] = {
            "revisionHistoryLimit": self.revision_history_limit,
            "selector": self.selector(ctx),
            "template": self.pod_template(ctx),
            "updateStrategy": strategy,
        }
        if self.min_ready_seconds:
            spec["minReadySeconds"] = self.min_ready_seconds
        daemonset: Manifest = {
            "apiVersion": "apps/v1",
            "kind": "DaemonSet",
            "metadata": self.workload_metadata(ctx),
            "spec": dict(sorted(spec.items())),
        }
        out = [daemonset]
        if self.service is not None and (self.all_ports() or self.service == "Headless"):
            out.append(self.render_service(ctx, self.name, self.service))
        monitoring = self.monitoring.render(self, ctx) if self.monitoring else []
        return out + self.render_network_policy(ctx) + monitoring
