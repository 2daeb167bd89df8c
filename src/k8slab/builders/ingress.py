"""Ingress: HTTP routes from hosts and paths to the Services of Apps and Statefuls.

``Ingress("shop", rules=[IngressRule(web, host="shop.example.com")], tls=cert, class_name="nginx")``

A rule names the workload itself, not a Service name, so the reference is checked when it is
built: the workload has a Service, the port exists, the path suits its path type. The Ingress
also admits the ingress controller to the routed pods with a NetworkPolicy of its own.

See https://kubernetes.io/docs/concepts/services-networking/ingress/
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping, Sequence
from dataclasses import KW_ONLY
from typing import Any, Literal

from pydantic import Field

from .._model import Checks, builder
from ..types import (
    Annotations,
    DNSSubdomain,
    FrozenList,
    LabelKey,
    Labels,
    LabelValue,
    PortName,
    PortNumber,
    ServiceName,
)
from .app import App
from .base import Manifest, Renderable, RenderContext, metadata, selector_labels
from .secret import Secret
from .stateful import Stateful
from .workload import Port

__all__ = ["CONTROLLER_NAMESPACE", "Ingress", "IngressRule", "PathType"]

_DOCS = "https://kubernetes.io/docs/concepts/services-networking/ingress/"
PathType = Literal["Prefix", "Exact", "ImplementationSpecific"]
CONTROLLER_NAMESPACE: Mapping[str, str] = {"kubernetes.io/metadata.name": "ingress-nginx"}
"""The default namespace selector of the ingress controller: the namespace ingress-nginx installs into."""

# ValidateIngressHTTPPath (k8s.io/kubernetes/pkg/apis/networking/validation)
_BAD_SEQUENCES = ("//", "/./", "/../", "%2f", "%2F")
_BAD_SUFFIXES = ("/..", "/.")
_HOST_LABEL = r"[a-z0-9]([-a-z0-9]*[a-z0-9])?"
_HOST = re.compile(rf"(\*\.)?{_HOST_LABEL}(\.{_HOST_LABEL})*")


def _host_problem(host: str) -> str | None:
    """Mirrors ValidateIngressSpec's host rule: a DNS-1123 subdomain, a leading '*.' allowed, no IP address."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return "must be a DNS name, not an IP address"
    if len(host) > 253 or not _HOST.fullmatch(host):
        return "must be a DNS-1123 subdomain (lower case, e.g. 'shop.example.com'), optionally starting with '*.'"
    return None


def _path_problem(path: str, path_type: str) -> str | None:
    """Mirrors validateIngressHTTPPath: absolute; for Exact and Prefix no '//', '/./', '/../', '%2f'."""
    if not path.startswith("/"):
        return "must be an absolute path (starting with '/')"
    if path_type != "ImplementationSpecific" and (
        any(s in path for s in _BAD_SEQUENCES) or path.endswith(_BAD_SUFFIXES)
    ):
        return "must not contain '//', '/./', '/../' or '%2f', nor end with '/.' or '/..'"
    if any(c.isspace() for c in path) or not path.isprintable():
        return "must not contain whitespace or control characters"
    return None


@builder
class IngressRule:
    """One route: requests for ``host`` (any host when None) under ``path`` go to ``backend``'s Service.

    See https://kubernetes.io/docs/concepts/services-networking/ingress/#ingress-rules
    """

    backend: App | Stateful = Field(description="The App or Stateful whose Service receives the requests.")
    _: KW_ONLY
    host: str | None = Field(
        default=None, description=f"The host name ('*.example.com' allowed). Default: None (every host). See {_DOCS}"
    )
    path: str = Field(default="/", description="The path (an absolute path). Default: '/'.")
    path_type: PathType = Field(
        default="Prefix",
        description=f"How the path matches: 'Prefix', 'Exact' or 'ImplementationSpecific'. Default: 'Prefix'. "
        f"See {_DOCS}#path-types",
    )
    port: PortName | PortNumber | None = Field(
        default=None,
        description="The backend's port, by name or Service port number. Default: None (its first port).",
    )

    def __post_init__(self) -> None:
        checks = Checks("IngressRule")
        if self.host is not None:
            problem = _host_problem(self.host)
            if problem:
                checks.add("host", problem)
        problem = _path_problem(self.path, self.path_type)
        if problem:
            checks.add("path", problem)
        backend = self.backend
        if not backend.all_ports():
            checks.add("backend", f"{type(backend).__name__}/{backend.name} has no port to route to")
        elif isinstance(backend, App) and backend.service is None:
            checks.add("backend", f"App/{backend.name} has no Service (service=None)")
        elif self.port is not None and self.target() is None:
            checks.add("port", f"{type(backend).__name__}/{backend.name} has no port {self.port!r}")
        checks.done()

    def target(self) -> Port | None:
        """The backend's port this rule routes to."""
        ports = self.backend.all_ports()
        if self.port is None:
            return ports[0] if ports else None
        for p in ports:
            if (isinstance(self.port, str) and p.name == self.port) or (
                isinstance(self.port, int) and (p.service_port or p.port) == self.port
            ):
                return p
        return None

    def service_name(self) -> str:
        """The name of the Service the rule routes to (a Stateful without a normal Service: its headless one)."""
        backend = self.backend
        if isinstance(backend, Stateful) and backend.service is None:
            return backend.headless_name
        return backend.name


def _host_key(host: str) -> str:
    """The values key of a host: ``shop.example.com`` -> ``shop-example-com`` (camelCased by the chart)."""
    return host.replace("*", "wildcard").replace(".", "-")


@builder
class Ingress:
    """An Ingress routing hosts and paths to Apps and Statefuls, optionally over TLS.

    With ``tls`` (a ``kubernetes.io/tls`` Secret, e.g. ``Secret.tls(...)``), every host of the
    rules is served with it. The routed pods get a NetworkPolicy ``NAME-BACKEND`` that admits the
    ingress controller's namespace (``controller_namespace``) on the routed ports. In a chart,
    each host and the class name are parameters (``ingresses.NAME.hosts.HOST_KEY``).

    See https://kubernetes.io/docs/concepts/services-networking/ingress/
    """

    name: ServiceName = Field(description=f"The Ingress's name. See {_DOCS}")
    _: KW_ONLY
    rules: FrozenList[IngressRule] = Field(description="The routes, at least one. See IngressRule.")
    class_name: DNSSubdomain | None = Field(
        default=None,
        description="ingressClassName: which controller serves it. Default: None (the cluster's default class). "
        f"See {_DOCS}#ingress-class",
    )
    tls: Secret | None = Field(
        default=None, description=f"A kubernetes.io/tls Secret serving every host. Default: None. See {_DOCS}#tls"
    )
    controller_namespace: Mapping[LabelKey, LabelValue] = Field(
        default_factory=lambda: dict(CONTROLLER_NAMESPACE),
        description="Labels of the ingress controller's namespace, admitted by the routed pods' NetworkPolicy. "
        "Default: {'kubernetes.io/metadata.name': 'ingress-nginx'}. "
        "See https://kubernetes.io/docs/concepts/services-networking/network-policies/",
    )
    labels: Labels = Field(default_factory=dict, description="Extra labels on the Ingress. Default: {}.")
    annotations: Annotations = Field(
        default_factory=dict,
        description="Annotations for the controller (e.g. nginx.ingress.kubernetes.io/...). Default: {}.",
    )

    def __post_init__(self) -> None:
        checks = Checks(f"Ingress/{self.name}")
        if not self.rules:
            checks.add("rules", "must have at least one rule")
        seen: dict[tuple[str | None, str, str], int] = {}
        for i, rule in enumerate(self.rules):
            key = (rule.host, rule.path, rule.path_type)
            if key in seen:
                checks.add(f"rules[{i}]", f"routes the same host and path as rules[{seen[key]}]")
            seen.setdefault(key, i)
        names: dict[str, App | Stateful] = {}
        for i, rule in enumerate(self.rules):
            other = names.setdefault(rule.backend.name, rule.backend)
            if other is not rule.backend and other != rule.backend:
                checks.add(f"rules[{i}].backend", f"two different workloads are named {rule.backend.name!r}")
        if self.tls is not None:
            if self.tls.type != "kubernetes.io/tls" and not self.tls.existing:
                checks.add("tls", f"must be a kubernetes.io/tls Secret (Secret.tls(...)), not {self.tls.type}")
            if not self.hosts():
                checks.add("tls", "needs rules with a host: TLS is served per host")
        if not self.controller_namespace:
            checks.add("controller_namespace", "must select the controller's namespace (an empty selector admits all)")
        checks.done()

    def hosts(self) -> list[str]:
        """The distinct hosts of the rules, in order."""
        return list(dict.fromkeys(r.host for r in self.rules if r.host is not None))

    def backends(self) -> list[App | Stateful]:
        """The distinct routed workloads, in order."""
        out: list[App | Stateful] = []
        for rule in self.rules:
            if not any(rule.backend is b or rule.backend == b for b in out):
                out.append(rule.backend)
        return out

    def dependencies(self) -> Sequence[Renderable]:
        """The routed workloads and the TLS Secret: they render with the Ingress."""
        return [*self.backends(), *([self.tls] if self.tls is not None else [])]

    def _host(self, ctx: RenderContext, host: str) -> str:
        pattern = r"^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"
        return ctx.value(f"hosts.{_host_key(host)}", host, type="string", pattern=pattern, maxLength=253)

    def render(self, ctx: RenderContext) -> list[Manifest]:
        """The Ingress, then one NetworkPolicy per routed workload admitting the controller."""
        by_host: dict[str | None, list[dict[str, Any]]] = {}
        for rule in self.rules:
            port = rule.target()
            assert port is not None  # checked at construction
            by_host.setdefault(rule.host, []).append(
                {
                    "backend": {"service": {"name": ctx.name(rule.service_name()), "port": {"name": port.name}}},
                    "path": rule.path,
                    "pathType": rule.path_type,
                }
            )
        rules = []
        for host, paths in by_host.items():
            entry: dict[str, Any] = {"http": {"paths": paths}}
            if host is not None:
                entry["host"] = self._host(ctx, host)
            rules.append(dict(sorted(entry.items())))
        spec: dict[str, Any] = {"rules": rules}
        class_name = ctx.value("className", self.class_name, type=["string", "null"])
        if class_name is not None:
            spec["ingressClassName"] = class_name
        if self.tls is not None:
            secret = self.tls.name if self.tls.existing else ctx.reference("Secret", self.tls.name)
            spec["tls"] = [{"hosts": [self._host(ctx, h) for h in self.hosts()], "secretName": secret}]
        ingress: Manifest = {
            "apiVersion": "networking.k8s.io/v1",
            "kind": "Ingress",
            "metadata": metadata(self.name, ctx, labels=self.labels, annotations=self.annotations),
            "spec": dict(sorted(spec.items())),
        }
        return [ingress, *self._policies(ctx)]

    def _policies(self, ctx: RenderContext) -> list[Manifest]:
        out = []
        for backend in self.backends():
            if not backend.security.network_policy:
                continue
            ports = {
                (p.port, p.protocol): None for r in self.rules if r.backend == backend and (p := r.target()) is not None
            }
            spec = {
                "ingress": [
                    {
                        "from": [
                            {"namespaceSelector": {"matchLabels": dict(sorted(self.controller_namespace.items()))}}
                        ],
                        "ports": [{"port": n, "protocol": proto} for n, proto in ports],
                    }
                ],
                "podSelector": {"matchLabels": selector_labels(backend.name, ctx)},
                "policyTypes": ["Ingress"],
            }
            policy: Manifest = {
                "apiVersion": "networking.k8s.io/v1",
                "kind": "NetworkPolicy",
                "metadata": metadata(f"{self.name}-{backend.name}", ctx, app=backend.name, labels=self.labels),
                "spec": spec,
            }
            out.append(policy)
        return out
