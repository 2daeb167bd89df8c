"""Monitoring: an app's ServiceMonitor (or PodMonitor), PrometheusRule and Grafana dashboard.

Attach it to an App or a Stateful (``App(..., monitoring=Monitoring())``). The trap it guards
against: the kube-prometheus-stack's Prometheus selects monitors and rules only by the label
``release: <release name>``, so an object without it is silently never used. Every object
here carries that label, and construction fails when the monitor could not find the app.

See https://prometheus-operator.dev/docs/developer/getting-started/
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import KW_ONLY
from typing import Any, Literal, Protocol

from pydantic import Field

from .._model import builder, spec_error
from ..types import DURATION_REGEX, Duration, FrozenList, Labels, PortName, duration_ms
from .base import NAME_LABEL, Manifest, RenderContext, metadata, selector_labels
from .dashboard import HttpMetrics, render_dashboard
from .monitoring_stack import KubePrometheusStack, ReleaseName
from .rules import AlertRule, RecordRule

__all__ = ["Monitored", "Monitoring"]


class _Port(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def protocol(self) -> str: ...


class Monitored(Protocol):
    """What monitoring reads of a workload (``Workload`` has it), so this module need not import it."""

    @property
    def name(self) -> str: ...

    @property
    def service(self) -> str | None: ...

    @property
    def labels(self) -> Mapping[str, str]: ...

    def all_ports(self) -> Sequence[_Port]: ...


_API = "https://prometheus-operator.dev/docs/api-reference/api/"
_GROUP = "monitoring.coreos.com/v1"
_DURATION_PATTERN = f"^(0|{DURATION_REGEX.pattern})$"  # the same rule as the Duration type, for values.schema.json


def _camel(name: str) -> str:
    """``python-app`` -> ``PythonApp``: an app name as part of an alert name."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("-"))


@builder
class Monitoring:
    """How Prometheus scrapes an app, which alerts it raises, and the app's Grafana dashboard.

    ``App("web", image="nginx:1.27", port=8080, monitoring=Monitoring(interval="15s"))``, or with the
    typed release: ``Monitoring(release=KubePrometheusStack(...))``.
    See https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ServiceMonitor
    """

    release: ReleaseName | KubePrometheusStack = Field(
        default="monitoring",
        description="The kube-prometheus-stack release (name or KubePrometheusStack) whose Prometheus must "
        "select these objects; they get 'release: NAME'. Default: 'monitoring'. "
        "See https://github.com/prometheus-community/helm-charts/tree/main/charts/kube-prometheus-stack",
    )
    _: KW_ONLY
    kind: Literal["ServiceMonitor", "PodMonitor"] = Field(
        default="ServiceMonitor",
        description=f"Scrape through the app's Service, or its pods directly. Default: 'ServiceMonitor'. See {_API}",
    )
    port: PortName | None = Field(
        default=None,
        description=f"Name of the port serving metrics. Default: None (the workload's first port). See {_API}#endpoint",
    )
    path: str = Field(default="/metrics", description=f"HTTP path of the metrics. Default: '/metrics'. See {_API}")
    interval: Duration = Field(default="30s", description=f"Scrape interval. Default: '30s'. See {_API}#endpoint")
    scrape_timeout: Duration = Field(
        default="10s", description=f"Scrape timeout, at most the interval. Default: '10s'. See {_API}#endpoint"
    )
    scheme: Literal["http", "https"] = Field(
        default="http", description=f"Scrape scheme. Default: 'http'. See {_API}#endpoint"
    )
    default_alerts: bool = Field(
        default=True,
        description="Add k8slab's alerts: NAMETargetDown, NAMEDown (from 'up') and NAMEFrequentRestarts "
        "(kube-state-metrics). Default: True. See https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/",
    )
    rules: FrozenList[AlertRule | RecordRule] = Field(
        default=(),
        description="Your alerting and recording rules; an alert named like a default replaces it. Default: (). "
        "See https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/",
    )
    dashboard: bool = Field(
        default=True,
        description="Emit a Grafana dashboard ConfigMap for the chart's sidecar. Default: True. "
        "See https://github.com/grafana/helm-charts/tree/main/charts/grafana#sidecar-for-dashboards",
    )
    http: HttpMetrics = Field(
        default_factory=HttpMetrics,
        description="The app's HTTP metric names, for the dashboard. Default: HttpMetrics(). "
        "See https://prometheus.io/docs/practices/naming/",
    )
    labels: Labels = Field(
        default_factory=dict,
        description="Extra labels on the monitoring objects ('release' excluded). Default: {}. "
        "See https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/",
    )

    def __post_init__(self) -> None:
        if duration_ms(self.interval) == 0:
            raise spec_error("Monitoring", "interval", "must be longer than 0")
        if duration_ms(self.scrape_timeout) == 0:
            raise spec_error("Monitoring", "scrape_timeout", "must be longer than 0")
        if duration_ms(self.scrape_timeout) > duration_ms(self.interval):
            raise spec_error("Monitoring", "scrape_timeout", "must be at most the interval")
        if not self.path.startswith("/") or any(c.isspace() for c in self.path):
            raise spec_error("Monitoring", "path", "must be an absolute URL path such as '/metrics'")
        if "release" in self.labels:
            raise spec_error("Monitoring", "labels['release']", "is set from the release field")
        stack = self.release if isinstance(self.release, KubePrometheusStack) else None
        if self.dashboard and stack is not None and not stack.grafana:
            raise spec_error("Monitoring", "dashboard", "the release deploys no Grafana (dashboard=False)")

    @property
    def release_name(self) -> str:
        """The release name that the ``release`` label carries."""
        return self.release.release if isinstance(self.release, KubePrometheusStack) else self.release

    def port_name(self, workload: Monitored) -> str | None:
        """The scraped port: ``port``, else the workload's first port."""
        ports = workload.all_ports()
        return self.port or (ports[0].name if ports else None)

    def default_rules(self, workload: Monitored) -> list[AlertRule]:
        """k8slab's alerts for the app: targets down, app down, frequent restarts.

        They select by ``job`` (the app's name, through the monitor's jobLabel) and report the
        namespace as a label, so they hold no value that a Helm chart would template.
        """
        name, camel = workload.name, _camel(workload.name)
        up = f'up{{job="{name}"}}'
        restarts = f'kube_pod_container_status_restarts_total{{container="{name}"}}'
        rules = [
            AlertRule(
                f"{camel}TargetDown",
                f"{up} == 0",
                summary=f"A {name} target is down",
                description=f"Prometheus cannot scrape one of the {name} pods.",
            ),
            AlertRule(
                f"{camel}Down",
                f"sum by (namespace) ({up}) == 0 or absent({up})",
                severity="critical",
                summary=f"{name} is down",
                description=f"No {name} pod has been up for 5 minutes.",
            ),
            AlertRule(
                f"{camel}FrequentRestarts",
                f"increase({restarts}[15m]) > 3",
                summary=f"{name} restarts often",
                description=f"A {name} container restarted more than 3 times in 15 minutes.",
            ),
        ]
        if getattr(workload, "replicas", 1) == 0:  # scaled to zero on purpose: nothing to be down
            rules = [r for r in rules if r.name != f"{camel}Down"]
        return rules

    def all_rules(self, workload: Monitored) -> list[AlertRule | RecordRule]:
        """Record rules first, then alerts: the defaults (unless replaced by name) and yours."""
        mine = {r.name for r in self.rules if isinstance(r, AlertRule)}
        defaults = [r for r in self.default_rules(workload) if r.name not in mine] if self.default_alerts else []
        records = [r for r in self.rules if isinstance(r, RecordRule)]
        return [*records, *defaults, *(r for r in self.rules if isinstance(r, AlertRule))]

    def _service_names(self, workload: Monitored) -> list[str]:
        """The Services the workload renders, the monitored one last."""
        if not workload.all_ports():
            return []
        headless = getattr(workload, "headless_name", None)
        names = [headless] if isinstance(headless, str) else []
        if workload.service is not None:
            names.append(workload.name)
        return names

    def check(self, workload: Monitored) -> None:
        """Refuse a monitor that could not find the app: raise SpecError with ``monitoring...`` paths."""
        owner = f"{type(workload).__name__}/{workload.name}"
        ports = {p.name: p for p in workload.all_ports()}
        port = self.port_name(workload)
        services = self._service_names(workload)
        if self.kind == "ServiceMonitor" and not services:
            raise spec_error(
                owner,
                "monitoring.kind",
                "a ServiceMonitor scrapes through the app's Service, but it renders none (service=None or no "
                "port): set a service type, or use Monitoring(kind='PodMonitor')",
            )
        if port is None:
            raise spec_error(owner, "monitoring.port", "the workload has no port to scrape")
        if port not in ports:
            raise spec_error(owner, "monitoring.port", f"must name a port of the workload ({', '.join(ports)})")
        if ports[port].protocol != "TCP":
            raise spec_error(owner, "monitoring.port", "must be a TCP port: Prometheus scrapes over HTTP")
        if workload.labels.get("release", self.release_name) != self.release_name:
            raise spec_error(owner, "labels['release']", f"conflicts with the monitoring release {self.release_name!r}")

    def render(self, workload: Monitored, ctx: RenderContext) -> list[Manifest]:
        """The monitor, the PrometheusRule (if any rule) and the dashboard ConfigMap (if enabled)."""
        name = workload.name
        release = ctx.value("monitoring.release", self.release_name, type="string", maxLength=53)
        names = [p.name for p in workload.all_ports()]
        endpoint: dict[str, Any] = {
            "interval": ctx.value("monitoring.interval", self.interval, type="string", pattern=_DURATION_PATTERN),
            "path": ctx.value("monitoring.path", self.path, type="string", pattern="^/"),
            "port": ctx.value("monitoring.port", self.port_name(workload), type="string", enum=names),
            "scheme": self.scheme,
            "scrapeTimeout": ctx.value(
                "monitoring.scrapeTimeout", self.scrape_timeout, type="string", pattern=_DURATION_PATTERN
            ),
        }
        services = self._service_names(workload)
        if len(services) > 1:  # a Stateful's Services share labels: scrape each pod once, through the normal one
            keep = {"action": "keep", "regex": ctx.name(name), "sourceLabels": ["__meta_kubernetes_service_name"]}
            endpoint["relabelings"] = [keep]
        labels = {**workload.labels, **self.labels, "release": release}
        endpoints_field = "endpoints" if self.kind == "ServiceMonitor" else "podMetricsEndpoints"
        monitor: Manifest = {
            "apiVersion": _GROUP,
            "kind": self.kind,
            "metadata": metadata(name, ctx, labels=labels),
            "spec": {
                endpoints_field: [endpoint],
                "jobLabel": NAME_LABEL,  # job="<app name>", which the default alerts and the dashboard use
                "namespaceSelector": {"matchNames": [ctx.namespace]},
                "selector": {"matchLabels": selector_labels(name, ctx)},
            },
        }
        out = [monitor]
        rules = self.all_rules(workload)
        if rules:
            group = {"name": f"{name}.rules", "rules": [r.render() for r in rules]}
            out.append(
                {
                    "apiVersion": _GROUP,
                    "kind": "PrometheusRule",
                    "metadata": metadata(name, ctx, labels=labels),
                    "spec": {"groups": [group]},
                }
            )
        if self.dashboard:
            out.append(render_dashboard(name, ctx, self.http, {**workload.labels, **self.labels}))
        return [ctx.when(obj, "monitoring.enabled") for obj in out]
