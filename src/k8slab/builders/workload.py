"""What App and Stateful share: ports, probes, their Service, NetworkPolicy, autoscaling and budget.

Layered like cdk8s-plus: ``PodSpec`` (``k8slab.builders.pod``) holds the pod-level fields and
renders the pod; ``Workload`` adds what a long-running, reachable workload has; ``App`` adds the
Deployment's fields, ``Stateful`` the StatefulSet's.
"""

from __future__ import annotations

from dataclasses import KW_ONLY
from typing import Any, Literal

from pydantic import Field

from .._model import Checks, builder
from ..errors import Problem
from ..types import FrozenList, PortName, PortNumber
from .base import Manifest, RenderContext, metadata, selector_labels
from .monitoring import Monitoring
from .pod import RESOURCES_SCHEMA, UNPINNED, PodSpec, image_tag
from .probes import Probe
from .scaling import Autoscale, DisruptionBudget, render_autoscaler, render_budget, scaling_problems

__all__ = ["RESOURCES_SCHEMA", "UNPINNED", "Port", "ServiceType", "Workload", "image_tag"]

_SERVICE = "https://kubernetes.io/docs/concepts/services-networking/service/"
_HPA = "https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/"
EVICTION_POLICY = 27
"""The first minor version whose PodDisruptionBudgets honour ``unhealthyPodEvictionPolicy`` by default."""
ServiceType = Literal["ClusterIP", "NodePort", "LoadBalancer", "Headless"]


@builder
class Port:
    """A container port, published by the Service under the same name.

    See https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service
    """

    port: PortNumber = Field(description="The container port number.")
    name: PortName = Field(default="http", description="The port name (IANA_SVC_NAME). Default: 'http'.")
    protocol: Literal["TCP", "UDP", "SCTP"] = Field(default="TCP", description="The protocol. Default: 'TCP'.")
    service_port: PortNumber | None = Field(
        default=None, description="The Service's port. Default: None (same as the container port)."
    )
    node_port: int | None = Field(
        default=None,
        ge=30000,
        le=32767,
        description="Fixed nodePort for a NodePort Service, 30000-32767. Default: None.",
    )


@builder
class Workload(PodSpec):
    """Fields shared by ``App`` and ``Stateful``: the pod (``PodSpec``), its ports, probes and exposure."""

    _: KW_ONLY
    port: PortNumber | None = Field(
        default=None, description="Shorthand for ports=[Port(port)] named 'http'. Default: None."
    )
    ports: FrozenList[Port] = Field(default=(), description="Container ports. Default: ().")
    service: ServiceType | None = Field(
        default="ClusterIP", description=f"Service type; None for no Service. Default: 'ClusterIP'. See {_SERVICE}"
    )
    readiness: Probe | bool = Field(
        default=True,
        description="Readiness probe; True picks a TCP probe on the first port, False none. Default: True.",
    )
    liveness: Probe | bool = Field(
        default=True, description="Liveness probe; True picks a slower TCP probe on the first port. Default: True."
    )
    startup: Probe | None = Field(default=None, description="Startup probe. Default: None.")
    monitoring: Monitoring | None = Field(
        default=None,
        description="Prometheus scraping, alerts and a Grafana dashboard (kube-prometheus-stack). Default: None. "
        "See https://prometheus-operator.dev/docs/developer/getting-started/",
    )

    autoscale: Autoscale | None = Field(
        default=None,
        description="A HorizontalPodAutoscaler; the workload then has no replicas field (the autoscaler owns it). "
        f"Default: None. See {_HPA}",
    )
    disruption_budget: DisruptionBudget | None = Field(
        default=None,
        description="A PodDisruptionBudget over the workload's pods. Default: None. "
        "See https://kubernetes.io/docs/concepts/workloads/pods/disruptions/",
    )

    def _setup(self) -> None:
        # the ports are read by every check and every render: build the ``port`` shorthand's Port once
        object.__setattr__(self, "_ports", (Port(self.port),) if self.port is not None else tuple(self.ports))

    def _pod_checks(self, checks: Checks) -> None:
        """Ports, the Service, probes, monitoring, autoscaling and the disruption budget."""
        if self.port is not None and self.ports:
            checks.add("port", "give either port or ports, not both")
        self._check_ports(checks)
        if self.service is not None and self.service != "Headless" and not self.all_ports() and self.needs_ports():
            checks.add("service", "a Service needs at least one port")
        self._check_probes(checks)
        if self.monitoring is not None:
            monitoring = self.monitoring
            checks.run(lambda: monitoring.check(self))
        scaling_problems(
            checks,
            replicas=self.replica_count(),
            requests=self.all_requests(),
            scale=self.autoscale,
            budget=self.disruption_budget,
        )

    def _version_problems(self, minor: int) -> list[Problem]:
        """Problems only Kubernetes 1.``minor`` has with this workload (checked by the Stack, which knows it)."""
        budget = self.disruption_budget
        if budget is not None and budget.unhealthy_pod_eviction_policy is not None and minor < EVICTION_POLICY:
            # policy/v1 unhealthyPodEvictionPolicy: alpha in 1.26 (off, dropped), beta and on from 1.27
            where = "disruption_budget.unhealthy_pod_eviction_policy"
            return [Problem(f"{type(self).__name__}/{self.name}", where, "needs Kubernetes 1.27 or later")]
        return []

    def replica_count(self) -> int | None:
        """The number of pods asked for (None: the workload has no replica count, like a DaemonSet)."""
        replicas = getattr(self, "replicas", None)
        return replicas if isinstance(replicas, int) else None

    def render_scaling(self, ctx: RenderContext, kind: str) -> list[Manifest]:
        """The workload's HorizontalPodAutoscaler and PodDisruptionBudget, when it has them."""
        out = []
        if self.autoscale is not None:
            out.append(render_autoscaler(self.autoscale, self.name, kind, ctx, dict(self.labels)))
        if self.disruption_budget is not None:
            out.append(render_budget(self.disruption_budget, self.name, ctx, dict(self.labels)))
        return out

    def _check_ports(self, checks: Checks) -> None:
        ports = self.all_ports()
        for field, values in (("name", [p.name for p in ports]), ("port", [p.port for p in ports])):
            if len(set(values)) != len(values):
                checks.add("ports", f"port {field}s must be unique")
        # ValidateService: no two ports share (port, protocol), nor (nodePort, protocol)
        published = [(p.service_port or p.port, p.protocol) for p in ports]
        if len(set(published)) != len(published):
            checks.add("ports", "service ports must be unique per protocol")
        node_ports = [(p.node_port, p.protocol) for p in ports if p.node_port]
        if len(set(node_ports)) != len(node_ports):
            checks.add("ports", "node ports must be unique per protocol")
        if self.service != "NodePort" and any(p.node_port for p in ports):
            checks.add("ports", "node_port needs service='NodePort'")

    def needs_ports(self) -> bool:
        """Whether the chosen Service requires ports (overridden by Stateful)."""
        return True

    def _check_probes(self, checks: Checks) -> None:
        names = {p.name for p in self.all_ports()}
        numbers = {p.port for p in self.all_ports()}
        for field in ("readiness", "liveness", "startup"):
            probe = getattr(self, field)
            if isinstance(probe, Probe) and probe.port is not None:
                ok = probe.port in names if isinstance(probe.port, str) else probe.port in numbers
                if not ok:
                    checks.add(f"{field}.port", "probe port must name a port of this container")
            if field in ("liveness", "startup") and isinstance(probe, Probe) and probe.success_threshold != 1:
                checks.add(f"{field}.success_threshold", f"must be 1 for a {field} probe")
        if isinstance(self.readiness, Probe) and self.readiness == self.liveness:
            checks.add(
                "liveness",
                "must differ from the readiness probe (e.g. a longer delay or period): "
                "identical probes restart pods that are only briefly unready",
            )

    def all_ports(self) -> tuple[Port, ...]:
        """The container ports, the ``port`` shorthand included."""
        ports: tuple[Port, ...] = self.__dict__["_ports"]
        return ports

    def _probe(self, field: Literal["readiness", "liveness"]) -> dict[str, Any] | None:
        value = getattr(self, field)
        if isinstance(value, Probe):
            return value.render()
        if value is False or not self.all_ports():
            return None
        first = self.all_ports()[0].name
        if field == "readiness":
            return Probe.tcp(first, initial_delay_seconds=5, period_seconds=10).render()
        return Probe.tcp(first, initial_delay_seconds=15, period_seconds=20, timeout_seconds=3).render()

    def container_extras(self, ctx: RenderContext) -> dict[str, Any]:
        """The ports and probes of the main container."""
        return {
            "livenessProbe": self._probe("liveness"),
            "ports": [{"containerPort": p.port, "name": p.name, "protocol": p.protocol} for p in self.all_ports()],
            "readinessProbe": self._probe("readiness"),
            "startupProbe": self.startup.render() if self.startup else None,
        }

    def skip_reasons(self) -> dict[str, str]:
        """checkov's probe checks, skipped with the reason when a probe is off."""
        skips = {}
        for check, field in (("CKV_K8S_8", "liveness"), ("CKV_K8S_9", "readiness")):
            if self._probe(field) is None:  # type: ignore[arg-type]
                skips[check] = f"no {field} probe: " + (
                    "disabled explicitly" if getattr(self, field) is False else "no port known"
                )
        return skips

    def render_service(self, ctx: RenderContext, name: str, kind: ServiceType) -> Manifest:
        """A Service of the given type over this workload's pods."""
        ports = []
        single = len(self.all_ports()) == 1 and kind != "Headless"
        for p in self.all_ports():
            port = p.service_port or p.port
            entry: dict[str, Any] = {
                "name": p.name,
                "port": ctx.value("service.port", port, type="integer", minimum=1, maximum=65535) if single else port,
                "protocol": p.protocol,
                "targetPort": p.name,
            }
            if kind == "NodePort" and p.node_port:
                entry["nodePort"] = p.node_port
            ports.append(entry)
        spec: dict[str, Any] = {"ports": ports, "selector": selector_labels(self.name, ctx)}
        if kind == "Headless":
            spec.update(clusterIP="None", publishNotReadyAddresses=True, type="ClusterIP")
        else:
            spec["type"] = ctx.value("service.type", kind, enum=["ClusterIP", "NodePort", "LoadBalancer"])
        service: Manifest = {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": metadata(name, ctx, app=self.name, labels=self.labels),
            "spec": dict(sorted(spec.items())),
        }
        return service if kind == "Headless" else ctx.when(service, "service.enabled")

    def policy_ports(self) -> list[dict[str, Any]]:
        """The ports the NetworkPolicy admits: every container port."""
        return [{"port": p.port, "protocol": p.protocol} for p in self.all_ports()]
