"""What App and Stateful share: the container, its pod, its Service and its NetworkPolicy.

Layered like cdk8s-plus: ``Workload`` holds the pod-level fields; ``App`` adds the
Deployment's, ``Stateful`` the StatefulSet's. One pod renderer serves both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import KW_ONLY
from typing import Any, Literal, get_args

from pydantic import Field

from .._model import Checks, builder
from ..errors import Problem
from ..types import (
    Annotations,
    EnvName,
    FrozenList,
    Image,
    LabelKey,
    Labels,
    LabelValue,
    PortName,
    PortNumber,
    ServiceName,
)
from .base import Manifest, Renderable, RenderContext, checkov_skips, metadata, selector_labels, standard_labels
from .config import Config
from .init_fetch import InitFetch
from .limits import Limits
from .monitoring import Monitoring
from .mounts import Env, Mount
from .probes import Probe
from .scheduling import NodeAffinity, PodAffinity, Toleration, render_affinity
from .secret import Secret
from .security import CONTAINER_SECURITY, POD_SECURITY, Security

__all__ = ["Port", "ServiceType", "Workload", "image_tag"]

_CONTAINERS = "https://kubernetes.io/docs/concepts/workloads/pods/"
_SERVICE = "https://kubernetes.io/docs/concepts/services-networking/service/"
ServiceType = Literal["ClusterIP", "NodePort", "LoadBalancer", "Headless"]
PullPolicy = Literal["Always", "IfNotPresent", "Never"]
_QUANTITY_SCHEMA = {"type": ["string", "integer", "number"]}
_RESOURCE_LIST = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"cpu": _QUANTITY_SCHEMA, "memory": _QUANTITY_SCHEMA, "ephemeral-storage": _QUANTITY_SCHEMA},
}
RESOURCES_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"limits": _RESOURCE_LIST, "requests": _RESOURCE_LIST},
}
UNPINNED = (
    "image must have a pinned tag or digest, not ':latest' or none (allow it with Security(allow_latest_image=True))"
)
_CHECK = RenderContext(namespace="check", instance="check")  # for construction-time checks of rendered parts


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


def image_tag(image: str) -> str | None:
    """The tag of an image reference, or None when it has none."""
    if "@" in image:
        return None
    last = image.rsplit("/", 1)[-1]
    return last.rsplit(":", 1)[1] if ":" in last else None


def _is_pinned(image: str) -> bool:
    """A digest, or a tag other than ``latest``."""
    return "@" in image or image_tag(image) not in (None, "latest")


@builder
class Workload:
    """Fields shared by ``App`` and ``Stateful``: one container, its pod and its exposure."""

    name: ServiceName = Field(
        description=f"Name of the workload, its Service and its pods' app label. See {_CONTAINERS}"
    )
    _: KW_ONLY
    image: Image = Field(
        description="Container image with a pinned tag or digest. See https://kubernetes.io/docs/concepts/containers/images/"
    )
    port: PortNumber | None = Field(
        default=None, description="Shorthand for ports=[Port(port)] named 'http'. Default: None."
    )
    ports: FrozenList[Port] = Field(default=(), description="Container ports. Default: ().")
    env: Mapping[EnvName, str] = Field(default_factory=dict, description="Plain environment variables. Default: {}.")
    command: FrozenList[str] | None = Field(default=None, description="Replaces the image's entrypoint. Default: None.")
    args: FrozenList[str] | None = Field(default=None, description="Replaces the image's arguments. Default: None.")
    service: ServiceType | None = Field(
        default="ClusterIP", description=f"Service type; None for no Service. Default: 'ClusterIP'. See {_SERVICE}"
    )
    secrets: FrozenList[Secret | Env | Mount] = Field(
        default=(),
        description="Secrets used: a Secret alone is injected as env vars; Env or Mount to choose. Default: ().",
    )
    configs: FrozenList[Config | Env | Mount] = Field(
        default=(),
        description="Configs used: a Config alone is injected as env vars; Env or Mount to choose. Default: ().",
    )
    limits: Limits = Field(
        default_factory=Limits, description="Requests and limits of the container. Default: Limits()."
    )
    init: FrozenList[InitFetch] = Field(default=(), description="Files downloaded by init containers. Default: ().")
    readiness: Probe | bool = Field(
        default=True,
        description="Readiness probe; True picks a TCP probe on the first port, False none. Default: True.",
    )
    liveness: Probe | bool = Field(
        default=True, description="Liveness probe; True picks a slower TCP probe on the first port. Default: True."
    )
    startup: Probe | None = Field(default=None, description="Startup probe. Default: None.")
    node_selector: Mapping[LabelKey, LabelValue] = Field(
        default_factory=dict,
        description="Node labels required. Default: {}. See https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodeselector",
    )
    node_affinity: FrozenList[NodeAffinity] = Field(default=(), description="Node affinity terms. Default: ().")
    pod_affinity: FrozenList[PodAffinity] = Field(default=(), description="Pod (anti-)affinity terms. Default: ().")
    tolerations: FrozenList[Toleration] = Field(default=(), description="Taints tolerated. Default: ().")
    security: Security = Field(
        default_factory=Security, description="Security settings. Default: Security() (restricted)."
    )
    image_pull_policy: PullPolicy = Field(default="Always", description="When to pull the image. Default: 'Always'.")
    labels: Labels = Field(default_factory=dict, description="Extra labels on every object and pod. Default: {}.")
    annotations: Annotations = Field(
        default_factory=dict, description="Extra annotations on the workload. Default: {}."
    )
    monitoring: Monitoring | None = Field(
        default=None,
        description="Prometheus scraping, alerts and a Grafana dashboard (kube-prometheus-stack). Default: None. "
        "See https://prometheus-operator.dev/docs/developer/getting-started/",
    )

    def __post_init__(self) -> None:
        # the ports are read by every check and every render: build the ``port`` shorthand's Port once
        object.__setattr__(self, "_ports", (Port(self.port),) if self.port is not None else tuple(self.ports))
        checks = Checks(f"{type(self).__name__}/{self.name}")
        for field, image in self._images():
            if not self.security.allow_latest_image and not _is_pinned(image):
                checks.add(field, UNPINNED)
        if self.port is not None and self.ports:
            checks.add("port", "give either port or ports, not both")
        self._check_ports(checks)
        if self.service is not None and self.service != "Headless" and not self.all_ports() and self.needs_ports():
            checks.add("service", "a Service needs at least one port")
        self._check_uses(checks)
        self._check_probes(checks)
        paths = [m["mountPath"] for m in self.volume_mounts()]
        if len(set(paths)) != len(paths):
            checks.add("configs", "mount paths must be unique")
        containers = [self.name, *(f.container_name(i) for i, f in enumerate(self.init))]
        if len(set(containers)) != len(containers):
            checks.add("init", "init container names must be unique and differ from the workload's name")
        claims = [("volumes", {"claim": m["name"], "name": m["name"]}) for m in self.extra_mounts()]
        taken: dict[str, dict[str, Any]] = {}
        for field, volume in (*self._volumes(_CHECK), *claims):
            if taken.setdefault(volume["name"], volume) != volume:
                checks.add(field, f"two different volumes would be named {volume['name']!r}")
        if self.monitoring is not None:
            monitoring = self.monitoring
            checks.run(lambda: monitoring.check(self))
        self._more_checks(checks)
        checks.done()

    def _more_checks(self, checks: Checks) -> None:
        """Checks a subclass adds, reported with the others (all problems at once)."""

    @classmethod
    def _early_problems(cls, owner: str, given: Mapping[str, Any]) -> list[Problem]:
        """Problems found from the given arguments alone, reported even when other fields are invalid."""
        security = given.get("security", None)
        allow = security.allow_latest_image if isinstance(security, Security) else False
        images = [("image", given.get("image"))]
        images += [
            (f"init[{i}].image", f.image) for i, f in enumerate(given.get("init") or ()) if isinstance(f, InitFetch)
        ]
        return [
            Problem(owner, field, UNPINNED)
            for field, image in images
            if isinstance(image, str) and image and not allow and not _is_pinned(image)
        ]

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

    def _images(self) -> list[tuple[str, str]]:
        """(field path, image) of the app container and every init container."""
        return [("image", self.image), *((f"init[{i}].image", f.image) for i, f in enumerate(self.init))]

    def needs_ports(self) -> bool:
        """Whether the chosen Service requires ports (overridden by Stateful)."""
        return True

    def _check_uses(self, checks: Checks) -> None:
        seen: dict[tuple[type, str], Secret | Config] = {}
        for field, uses, kind in (("secrets", self.secrets, Secret), ("configs", self.configs, Config)):
            for i, use in enumerate(uses):
                source = use if isinstance(use, (Secret, Config)) else use.source
                if seen.setdefault((type(source), source.name), source) != source:
                    checks.add(
                        f"{field}[{i}]", f"uses a different {type(source).__name__} of the same name {source.name!r}"
                    )
                if not isinstance(source, kind):
                    checks.add(f"{field}[{i}]", f"must use a {kind.__name__}, not a {type(source).__name__}")
                    continue
                known = set(source.keys())
                wanted = (
                    use.used_keys()
                    if isinstance(use, Env)
                    else tuple((use.items or {}) if isinstance(use, Mount) else ())
                )
                missing = [k for k in wanted if k not in known]
                if missing and (known or not source.existing):
                    where = "keys" if isinstance(use, Env) else "items"
                    checks.add(f"{field}[{i}].{where}", f"{kind.__name__} {source.name} has no key {missing[0]!r}")

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

    def dependencies(self) -> Sequence[Renderable]:
        """The Secrets and Configs this workload uses (each once)."""
        out: list[Secret | Config] = []
        for use in (*self.secrets, *self.configs):
            source = use if isinstance(use, (Secret, Config)) else use.source
            if source not in out:
                out.append(source)
        return out

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

    def volume_mounts(self) -> list[dict[str, Any]]:
        """The app container's volume mounts, /tmp included when the root filesystem is read-only."""
        mounts = [u.render_mount() for u in (*self.secrets, *self.configs) if isinstance(u, Mount)]
        mounts += [f.render_mount(i) for i, f in enumerate(self.init)]
        mounts += self.extra_mounts()
        if self.security.read_only_root_filesystem:
            mounts.append({"mountPath": "/tmp", "name": "tmp"})
        return sorted(mounts, key=lambda m: m["mountPath"])

    def extra_mounts(self) -> list[dict[str, Any]]:
        """Mounts added by a subclass (the StatefulSet's claims)."""
        return []

    def _env(self, ctx: RenderContext) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        env: list[dict[str, Any]] = ctx.env("env", self.env)
        env_from: list[dict[str, Any]] = []
        for use in (*self.secrets, *self.configs):
            if isinstance(use, Mount):
                continue
            as_env = use if isinstance(use, Env) else use.env()
            env += ctx.snippet("env", as_env.source.name, as_env.render_env(ctx))
            entry = as_env.render_env_from(ctx)
            if entry is not None:
                env_from.append(entry)
        return env, env_from

    def container(self, ctx: RenderContext) -> dict[str, Any]:
        """The app container."""
        env, env_from = self._env(ctx)
        out: dict[str, Any] = {
            "image": ctx.value("image", self.image, type="string", minLength=1),
            "imagePullPolicy": ctx.value("imagePullPolicy", self.image_pull_policy, enum=list(get_args(PullPolicy))),
            "name": self.name,
            "resources": ctx.value("resources", self.limits.render(), **RESOURCES_SCHEMA),
            "securityContext": ctx.value(
                "containerSecurityContext", self.security.container_context(), **CONTAINER_SECURITY
            ),
        }
        optional: dict[str, Any] = {
            "args": list(self.args) if self.args is not None else None,
            "command": list(self.command) if self.command is not None else None,
            "env": env,
            "envFrom": env_from,
            "livenessProbe": self._probe("liveness"),
            "ports": [{"containerPort": p.port, "name": p.name, "protocol": p.protocol} for p in self.all_ports()],
            "readinessProbe": self._probe("readiness"),
            "startupProbe": self.startup.render() if self.startup else None,
            "volumeMounts": self.volume_mounts(),
        }
        out.update({k: v for k, v in optional.items() if v})
        return dict(sorted(out.items()))

    def _volumes(self, ctx: RenderContext) -> list[tuple[str, dict[str, Any]]]:
        """The pod's volumes, each with the field it comes from; a source mounted twice appears twice."""
        out = [("secrets", u.render_volume(ctx)) for u in self.secrets if isinstance(u, Mount)]
        out += [("configs", u.render_volume(ctx)) for u in self.configs if isinstance(u, Mount)]
        out += [("init", f.render_volume(i)) for i, f in enumerate(self.init)]
        if self.security.read_only_root_filesystem:
            out.append(("security", {"emptyDir": {"sizeLimit": "64Mi"}, "name": "tmp"}))
        return out

    def pod_template(self, ctx: RenderContext) -> dict[str, Any]:
        """The pod template shared by the Deployment and the StatefulSet."""
        volumes = list({v["name"]: v for _, v in self._volumes(ctx)}.values())
        spec: dict[str, Any] = {
            "automountServiceAccountToken": self.security.automount_service_account_token,
            "containers": [self.container(ctx)],
            "securityContext": ctx.value("podSecurityContext", self.security.pod_context(), **POD_SECURITY),
        }
        optional: dict[str, Any] = {
            "affinity": render_affinity(self.node_affinity, self.pod_affinity),
            "initContainers": [f.render_container(i, self.security, ctx) for i, f in enumerate(self.init)],
            "nodeSelector": dict(sorted(self.node_selector.items())),
            "tolerations": [t.render() for t in self.tolerations],
            "volumes": sorted(volumes, key=lambda v: v["name"]),
        }
        spec.update({k: v for k, v in optional.items() if v})
        return {
            "metadata": {"labels": standard_labels(self.name, ctx, self.labels)},
            "spec": dict(sorted(spec.items())),
        }

    def workload_metadata(self, ctx: RenderContext) -> dict[str, Any]:
        """Metadata of the Deployment or StatefulSet, with checkov skip annotations for explicit relaxations."""
        skips = dict(self.security.relaxed_checks())
        images = [image for _, image in self._images()]
        by_tag = sorted(i for i in images if "@" not in i and _is_pinned(i))
        if by_tag:
            skips["CKV_K8S_43"] = "image pinned by tag, not digest: " + ", ".join(by_tag)
        unpinned = sorted(i for i in images if not _is_pinned(i))
        if unpinned:  # only reachable with Security(allow_latest_image=True)
            skips["CKV_K8S_14"] = f"{self.security.reason}: " + ", ".join(unpinned)
            skips["CKV_K8S_43"] = f"{self.security.reason}: " + ", ".join(unpinned + by_tag)
        if self.image_pull_policy != "Always":
            skips["CKV_K8S_15"] = f"imagePullPolicy {self.image_pull_policy} chosen explicitly"
        if any(not isinstance(u, Mount) for u in self.secrets):
            skips["CKV_K8S_35"] = "Secret injected as environment variables, as requested"
        for check, field in (("CKV_K8S_8", "liveness"), ("CKV_K8S_9", "readiness")):
            if self._probe(field) is None:  # type: ignore[arg-type]
                skips[check] = f"no {field} probe: " + (
                    "disabled explicitly" if getattr(self, field) is False else "no port known"
                )
        return metadata(self.name, ctx, labels=self.labels, annotations={**self.annotations, **checkov_skips(skips)})

    def selector(self, ctx: RenderContext) -> dict[str, Any]:
        """The workload's label selector."""
        return {"matchLabels": selector_labels(self.name, ctx)}

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

    def render_network_policy(self, ctx: RenderContext) -> list[Manifest]:
        """A NetworkPolicy that admits ingress only on this workload's ports."""
        if not self.security.network_policy:
            return []
        rule_ports = [{"port": p.port, "protocol": p.protocol} for p in self.all_ports()]
        spec = {
            "ingress": [{"ports": rule_ports}] if rule_ports else [],
            "podSelector": self.selector(ctx),
            "policyTypes": ["Ingress"],
        }
        policy: Manifest = {
            "apiVersion": "networking.k8s.io/v1",
            "kind": "NetworkPolicy",
            "metadata": metadata(self.name, ctx, labels=self.labels),
            "spec": spec,
        }
        return [ctx.when(policy, "networkPolicy.enabled")]
