"""PodSpec: the pod-level fields and the one pod renderer of every workload builder.

``App``, ``Stateful`` (through ``Workload``), ``Job``, ``CronJob`` and ``DaemonSet`` all render
their pod template here: one container with its image, env, Secrets and Configs, limits, init
containers, scheduling and the restricted security defaults. Subclasses add containers'
extras (ports, probes) through :meth:`PodSpec.container_extras` and checkov skip reasons
through :meth:`PodSpec.skip_reasons`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import KW_ONLY
from typing import Any, Literal, get_args

from pydantic import Field

from .._model import Checks, builder
from ..errors import Problem
from ..types import Annotations, EnvName, FrozenList, Image, LabelKey, Labels, LabelValue, ServiceName
from ..validation.versions import minor_version
from .base import Manifest, Renderable, RenderContext, checkov_skips, metadata, selector_labels, standard_labels
from .config import Config
from .init_fetch import InitFetch
from .limits import Limits
from .mounts import Env, Mount
from .rbac import ServiceAccount
from .scheduling import NodeAffinity, PodAffinity, Toleration, render_affinity
from .secret import Secret
from .security import CONTAINER_SECURITY, POD_SECURITY, Security
from .sidecar import NATIVE_SIDECARS, Sidecar
from .source import KeyedSource

__all__ = ["RESOURCES_SCHEMA", "UNPINNED", "PodSpec", "PullPolicy", "image_tag", "is_pinned"]

_PODS = "https://kubernetes.io/docs/concepts/workloads/pods/"
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


def image_tag(image: str) -> str | None:
    """The tag of an image reference, or None when it has none."""
    if "@" in image:
        return None
    last = image.rsplit("/", 1)[-1]
    return last.rsplit(":", 1)[1] if ":" in last else None


def is_pinned(image: str) -> bool:
    """A digest, or a tag other than ``latest``."""
    return "@" in image or image_tag(image) not in (None, "latest")


@builder
class PodSpec:
    """Fields every workload shares: one container and its pod."""

    name: ServiceName = Field(description=f"Name of the workload and its pods' app label. See {_PODS}")
    _: KW_ONLY
    image: Image = Field(
        description="Container image with a pinned tag or digest. See https://kubernetes.io/docs/concepts/containers/images/"
    )
    env: Mapping[EnvName, str] = Field(default_factory=dict, description="Plain environment variables. Default: {}.")
    command: FrozenList[str] | None = Field(default=None, description="Replaces the image's entrypoint. Default: None.")
    args: FrozenList[str] | None = Field(default=None, description="Replaces the image's arguments. Default: None.")
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
    sidecars: FrozenList[Sidecar] = Field(
        default=(),
        description="Sidecar containers: native sidecars (init containers with restartPolicy Always) on "
        "Kubernetes 1.29 and later, regular containers before. Default: (). "
        "See https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/",
    )
    service_account: ServiceAccount | None = Field(
        default=None,
        description="The pods' ServiceAccount; its token is mounted only when it has RBAC rules or roles. "
        "Default: None (the namespace's default account, no token). "
        "See https://kubernetes.io/docs/concepts/security/service-accounts/",
    )
    image_pull_policy: PullPolicy = Field(default="Always", description="When to pull the image. Default: 'Always'.")
    labels: Labels = Field(default_factory=dict, description="Extra labels on every object and pod. Default: {}.")
    annotations: Annotations = Field(
        default_factory=dict, description="Extra annotations on the workload. Default: {}."
    )

    def __post_init__(self) -> None:
        self._setup()
        checks = Checks(f"{type(self).__name__}/{self.name}")
        for field, image in self._images():
            if not self.security.allow_latest_image and not is_pinned(image):
                checks.add(field, UNPINNED)
        self._check_uses(checks)
        paths = [m["mountPath"] for m in self.volume_mounts()]
        if len(set(paths)) != len(paths):
            checks.add("configs", "mount paths must be unique")
        containers = [self.name, *(f.container_name(i) for i, f in enumerate(self.init))]
        if len(set(containers)) != len(containers):
            checks.add("init", "init container names must be unique and differ from the workload's name")
        for i, sidecar in enumerate(self.sidecars):
            if sidecar.name in containers:
                checks.add(f"sidecars[{i}].name", "must differ from the names of the pod's other containers")
            containers.append(sidecar.name)
            known = {m["mountPath"] for m in self.volume_mounts()}
            for j, path in enumerate(sidecar.mounts):
                if path not in known:
                    checks.add(f"sidecars[{i}].mounts[{j}]", "must be a mount path of the main container")
        claims = [("volumes", {"claim": m["name"], "name": m["name"]}) for m in self.extra_mounts()]
        taken: dict[str, dict[str, Any]] = {}
        for field, volume in (*self._volumes(_CHECK), *claims):
            if taken.setdefault(volume["name"], volume) != volume:
                checks.add(field, f"two different volumes would be named {volume['name']!r}")
        self._pod_checks(checks)
        self._more_checks(checks)
        checks.done()

    def _setup(self) -> None:
        """Derived state a subclass computes once, before any check (Workload: its ports)."""

    def _pod_checks(self, checks: Checks) -> None:
        """Checks of a family of workloads (Workload: ports, probes, Service, scaling)."""

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
            if isinstance(image, str) and image and not allow and not is_pinned(image)
        ]

    def _images(self) -> list[tuple[str, str]]:
        """(field path, image) of the app container and every init container."""
        return [
            ("image", self.image),
            *((f"init[{i}].image", f.image) for i, f in enumerate(self.init)),
            *((f"sidecars[{i}].image", c.image) for i, c in enumerate(self.sidecars)),
        ]

    def _check_uses(self, checks: Checks) -> None:
        seen: dict[tuple[type, str], KeyedSource] = {}
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

    def dependencies(self) -> Sequence[Renderable]:
        """The Secrets and Configs this workload uses (each once), and its ServiceAccount."""
        out: list[Renderable] = []
        for use in (*self.secrets, *self.configs):
            source = use if isinstance(use, (Secret, Config)) else use.source
            if source not in out:
                out.append(source)
        if self.service_account is not None:
            out.append(self.service_account)
        return out

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

    def container_extras(self, ctx: RenderContext) -> dict[str, Any]:
        """Optional container fields a subclass adds (ports, probes); empty ones are left out."""
        return {}

    def container(self, ctx: RenderContext) -> dict[str, Any]:
        """The main container."""
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
            "volumeMounts": self.volume_mounts(),
            **self.container_extras(ctx),
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

    def _sidecar(self, sidecar: Sidecar, ctx: RenderContext, *, native: bool) -> dict[str, Any]:
        mounts = {m["mountPath"]: m for m in self.volume_mounts()}
        shared = [mounts[p] for p in sidecar.mounts]
        if self.security.read_only_root_filesystem and "/tmp" not in sidecar.mounts:
            shared.append({"mountPath": "/tmp", "name": "tmp"})
        return sidecar.render(ctx, self.security, shared, native=native)

    def all_requests(self) -> list[dict[str, Any]]:
        """The resource requests of every long-running container: the main one and the sidecars."""
        return [c.render().get("requests", {}) for c in (self.limits, *(s.limits for s in self.sidecars))]

    def pod_extras(self, ctx: RenderContext) -> dict[str, Any]:
        """Pod spec fields a subclass adds (a Job's restartPolicy); empty ones are left out."""
        return {}

    def pod_template(self, ctx: RenderContext) -> dict[str, Any]:
        """The pod template every workload kind shares."""
        volumes = list({v["name"]: v for _, v in self._volumes(ctx)}.values())
        native = minor_version(ctx.kube_version) >= NATIVE_SIDECARS
        sidecars = [self._sidecar(c, ctx, native=native) for c in self.sidecars]
        spec: dict[str, Any] = {
            "automountServiceAccountToken": self.mounts_token(),
            "containers": [self.container(ctx), *([] if native else sidecars)],
            "securityContext": ctx.value("podSecurityContext", self.security.pod_context(), **POD_SECURITY),
        }
        optional: dict[str, Any] = {
            "affinity": render_affinity(self.node_affinity, self.pod_affinity),
            "initContainers": [
                *(f.render_container(i, self.security, ctx) for i, f in enumerate(self.init)),
                *(sidecars if native else []),
            ],
            "nodeSelector": dict(sorted(self.node_selector.items())),
            "serviceAccountName": ctx.name(self.service_account.name) if self.service_account else None,
            "tolerations": [t.render() for t in self.tolerations],
            "volumes": sorted(volumes, key=lambda v: v["name"]),
            **self.pod_extras(ctx),
        }
        spec.update({k: v for k, v in optional.items() if v})
        return {
            "metadata": {"labels": standard_labels(self.name, ctx, self.labels)},
            "spec": dict(sorted(spec.items())),
        }

    def mounts_token(self) -> bool:
        """Whether the pods mount a service-account token: asked for, or their ServiceAccount has permissions."""
        sa = self.service_account
        return self.security.automount_service_account_token or (sa is not None and sa.has_permissions())

    def skip_reasons(self) -> dict[str, str]:
        """checkov checks a subclass relaxes on purpose, with the reason (Workload: disabled probes)."""
        return {}

    def workload_metadata(self, ctx: RenderContext) -> dict[str, Any]:
        """Metadata of the controller object, with checkov skip annotations for explicit relaxations."""
        skips = dict(self.security.relaxed_checks())
        images = [image for _, image in self._images()]
        by_tag = sorted(i for i in images if "@" not in i and is_pinned(i))
        if by_tag:
            skips["CKV_K8S_43"] = "image pinned by tag, not digest: " + ", ".join(by_tag)
        unpinned = sorted(i for i in images if not is_pinned(i))
        if unpinned:  # only reachable with Security(allow_latest_image=True)
            skips["CKV_K8S_14"] = f"{self.security.reason}: " + ", ".join(unpinned)
            skips["CKV_K8S_43"] = f"{self.security.reason}: " + ", ".join(unpinned + by_tag)
        if self.image_pull_policy != "Always":
            skips["CKV_K8S_15"] = f"imagePullPolicy {self.image_pull_policy} chosen explicitly"
        if any(not isinstance(u, Mount) for u in self.secrets):
            skips["CKV_K8S_35"] = "Secret injected as environment variables, as requested"
        if self.mounts_token() and not self.security.automount_service_account_token:
            skips["CKV_K8S_38"] = "the pods call the Kubernetes API: their ServiceAccount has RBAC permissions"
        skips.update(self.skip_reasons())
        return metadata(self.name, ctx, labels=self.labels, annotations={**self.annotations, **checkov_skips(skips)})

    def selector(self, ctx: RenderContext) -> dict[str, Any]:
        """The workload's label selector."""
        return {"matchLabels": selector_labels(self.name, ctx)}

    def policy_ports(self) -> list[dict[str, Any]]:
        """The ports the NetworkPolicy admits (none: a pod that serves nothing is closed to ingress)."""
        return []

    def render_network_policy(self, ctx: RenderContext) -> list[Manifest]:
        """A NetworkPolicy that admits ingress only on this workload's ports (none without ports)."""
        if not self.security.network_policy:
            return []
        rule_ports = self.policy_ports()
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
