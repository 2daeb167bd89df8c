"""KubePrometheusStack: the seed's goal-8 Helm release, typed, with a values file k8slab writes.

The release is installed apart from the app (never as a dependency of the app's chart):

    stack = KubePrometheusStack(grafana_admin=kl.Secret.ref("grafana-admin", keys=["admin-user", "admin-password"]))
    stack.write_values("values.yaml")  # or: k8slab synth FILE.py writes DIR/RELEASE.values.yaml
    subprocess.run(["helm", *stack.helm_args("values.yaml")], check=True)

The Grafana admin password always comes from a Secret (``grafana.admin.existingSecret``), never
from the chart's well-known default. See https://github.com/prometheus-community/helm-charts/tree/main/charts/kube-prometheus-stack
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import KW_ONLY
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, Field

from .._model import builder, spec_error
from ..provenance import Provenance, yaml_line
from ..render.output import write_files
from ..types import INT32_MAX, ConfigKey, DNSLabel, Duration
from .alertmanager import Alertmanager, Storage
from .base import Manifest, RenderContext
from .dashboard import DASHBOARD_LABEL
from .limits import Limits
from .secret import Secret

__all__ = ["CHART", "CHART_VERSION", "REPOSITORY", "KubePrometheusStack", "PrometheusServer"]

CHART = "kube-prometheus-stack"
"""The chart's name in its repository."""
CHART_VERSION = "88.6.4"
"""The pinned chart version: it ships prometheus-operator 0.93.0, whose CRDs k8slab validates against."""
REPOSITORY = "https://prometheus-community.github.io/helm-charts"
"""The prometheus-community Helm repository."""
_CHART_DOCS = "https://github.com/prometheus-community/helm-charts/tree/main/charts/kube-prometheus-stack"
_API = "https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.PrometheusSpec"
_GRAFANA = "https://github.com/grafana/helm-charts/tree/main/charts/grafana#configuration"
_STORAGE = "https://prometheus-operator.dev/docs/platform/storage/"
_RESOURCES = "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"
_BYTE_SIZE = re.compile(r"(0|([0-9]*[.])?[0-9]+((K|M|G|T|E|P)i?)?B)")
_VERSION = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?")


def _byte_size(value: str) -> str:
    if not _BYTE_SIZE.fullmatch(value):
        raise ValueError("must be a byte size such as '512MB', '10GiB' or '0'")
    return value


def _release_name(value: str) -> str:
    if len(value) > 53:
        raise ValueError("must be at most 53 characters (a Helm release name)")
    return value


ByteSize = Annotated[str, AfterValidator(_byte_size)]
ReleaseName = Annotated[DNSLabel, AfterValidator(_release_name)]
"""A Helm release name: a DNS-1123 label of at most 53 characters. https://helm.sh/docs/chart_best_practices/conventions/"""


@builder
class PrometheusServer:
    """The stack's Prometheus: retention, storage, resources and intervals. See https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.PrometheusSpec"""

    _: KW_ONLY
    retention: Duration = Field(default="10d", description=f"How long samples are kept. Default: '10d'. See {_API}")
    retention_size: ByteSize | None = Field(
        default=None, description=f"Most bytes kept, e.g. '8GiB'. Default: None (no limit). See {_API}"
    )
    storage: Storage | None = Field(
        default=None, description=f"Persistent storage. Default: None (emptyDir). See {_STORAGE}"
    )
    resources: Limits | None = Field(
        default=None, description=f"Container resources. Default: None (the chart's). See {_RESOURCES}"
    )
    scrape_interval: Duration | None = Field(
        default=None, description=f"Global scrape interval. Default: None (the operator's 30s). See {_API}"
    )
    evaluation_interval: Duration | None = Field(
        default=None, description=f"Rule evaluation interval. Default: None (the operator's 30s). See {_API}"
    )
    replicas: int = Field(default=1, ge=1, le=INT32_MAX, description=f"Prometheus replicas. Default: 1. See {_API}")

    def spec(self, select_all: bool) -> dict[str, Any]:
        """The chart's ``prometheus.prometheusSpec`` section."""
        spec: dict[str, Any] = {"replicas": self.replicas, "retention": self.retention}
        optional = {
            "evaluationInterval": self.evaluation_interval,
            "resources": self.resources.render() if self.resources else None,
            "retentionSize": self.retention_size,
            "scrapeInterval": self.scrape_interval,
            "storageSpec": self.storage.render() if self.storage else None,
        }
        spec.update({k: v for k, v in optional.items() if v is not None})
        # With these true (the chart's default), Prometheus selects monitors and rules by 'release: NAME' only.
        for kind in ("serviceMonitor", "podMonitor", "rule"):
            spec[f"{kind}SelectorNilUsesHelmValues"] = not select_all
        return dict(sorted(spec.items()))


@builder
class KubePrometheusStack:
    """The kube-prometheus-stack Helm release (seed goal 8): Prometheus, Alertmanager, Grafana, exporters.

    ``KubePrometheusStack(grafana_admin=kl.Secret.ref("grafana-admin", keys=["admin-user", "admin-password"]))``
    See https://github.com/prometheus-community/helm-charts/tree/main/charts/kube-prometheus-stack
    """

    release: ReleaseName = Field(
        default="monitoring",
        description="The Helm release name; monitors must carry 'release: NAME'. Default: 'monitoring'. "
        "See https://helm.sh/docs/intro/using_helm/",
    )
    _: KW_ONLY
    grafana_admin: Secret | None = Field(
        default=None,
        description="Secret with Grafana's admin user and password; required while Grafana is enabled. "
        "Default: None. See https://kubernetes.io/docs/concepts/configuration/secret/",
    )
    grafana_user_key: ConfigKey = Field(
        default="admin-user", description=f"Key of the admin user. Default: 'admin-user'. See {_GRAFANA}"
    )
    grafana_password_key: ConfigKey = Field(
        default="admin-password", description=f"Key of the admin password. Default: 'admin-password'. See {_GRAFANA}"
    )
    namespace: DNSLabel = Field(
        default="monitoring",
        description="The release's namespace (created by helm). Default: 'monitoring'. "
        "See https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/",
    )
    version: str = Field(
        default=CHART_VERSION, description=f"The exact chart version. Default: {CHART_VERSION!r}. See {_CHART_DOCS}"
    )
    repository: str = Field(default=REPOSITORY, description=f"The chart repository. Default: {REPOSITORY!r}.")
    prometheus: PrometheusServer = Field(
        default_factory=PrometheusServer, description=f"Prometheus settings. Default: PrometheusServer(). See {_API}"
    )
    alertmanager: Alertmanager | None = Field(
        default_factory=Alertmanager,
        description="Alertmanager settings; None disables it. Default: Alertmanager(). "
        "See https://prometheus.io/docs/alerting/latest/alertmanager/",
    )
    grafana: bool = Field(default=True, description=f"Deploy Grafana. Default: True. See {_CHART_DOCS}")
    node_exporter: bool = Field(
        default=True,
        description="Deploy the node exporter DaemonSet. Default: True. See https://github.com/prometheus/node_exporter",
    )
    kube_state_metrics: bool = Field(
        default=True,
        description="Deploy kube-state-metrics. Default: True. See https://github.com/kubernetes/kube-state-metrics",
    )
    select_all_monitors: bool = Field(
        default=False,
        description="Select every ServiceMonitor, PodMonitor and PrometheusRule, not only those labelled "
        f"'release: NAME'. Default: False (the chart's behaviour). See {_API}",
    )

    def __post_init__(self) -> None:
        owner = f"KubePrometheusStack/{self.release}"
        if not _VERSION.fullmatch(self.version):
            raise spec_error(owner, "version", "must be an exact chart version such as '88.6.4' (pinned, no range)")
        if not re.fullmatch(r"(https|oci)://\S+", self.repository):
            raise spec_error(owner, "repository", "must be an https:// or oci:// URL")
        if self.grafana and self.grafana_admin is None:
            raise spec_error(
                owner,
                "grafana_admin",
                "Grafana needs an admin Secret (a Secret or Secret.ref holding the user and password keys); "
                "the chart's default password is never used",
            )
        if self.grafana_admin is not None:
            known = self.grafana_admin.keys()
            for field in ("grafana_user_key", "grafana_password_key"):
                key = getattr(self, field)
                if (known or not self.grafana_admin.existing) and key not in known:
                    raise spec_error(owner, field, f"Secret {self.grafana_admin.name} has no key {key!r}")

    def secrets(self) -> list[Secret]:
        """The Secrets the release reads (Grafana admin, Alertmanager receivers), each once."""
        out = [self.grafana_admin] if self.grafana and self.grafana_admin is not None else []
        for secret in self.alertmanager.secrets() if self.alertmanager else ():
            if secret not in out:
                out.append(secret)
        return out

    def objects(self) -> list[Manifest]:
        """The Secrets k8slab owns (not references), rendered in the release's namespace; apply them first."""
        ctx = RenderContext(namespace=self.namespace, instance=self.release)
        return [obj for secret in self.secrets() for obj in secret.render(ctx)]

    def values(self) -> dict[str, Any]:
        """The values file: only keys k8slab knows, from validated fields."""
        values: dict[str, Any] = {
            "alertmanager": self.alertmanager.values() if self.alertmanager else {"enabled": False},
            "grafana": {"enabled": self.grafana},
            "kubeStateMetrics": {"enabled": self.kube_state_metrics},
            "nodeExporter": {"enabled": self.node_exporter},
            "prometheus": {"prometheusSpec": self.prometheus.spec(self.select_all_monitors)},
        }
        if self.grafana and self.grafana_admin is not None:
            key, value = DASHBOARD_LABEL
            values["grafana"] |= {
                "admin": {
                    "existingSecret": self.grafana_admin.name,
                    "passwordKey": self.grafana_password_key,
                    "userKey": self.grafana_user_key,
                },
                "sidecar": {
                    "dashboards": {"enabled": True, "label": key, "labelValue": value, "searchNamespace": "ALL"}
                },
            }
        return values

    def to_yaml(self, path: str | Path = "values.yaml") -> str:
        """The values file's text, with a header naming the release and the command installing it from ``path``."""
        header = (
            f"# kube-prometheus-stack {self.version} values for release {self.release!r}, written by k8slab.\n"
            f"# Install: helm {' '.join(self.helm_args(path))}\n"
        )
        import yaml  # here: most programs write no values file, and every App imports this module

        return header + yaml.safe_dump(self.values(), sort_keys=True, default_flow_style=False)

    def values_text(self, path: str | Path = "values.yaml", *, source: str | None = None) -> str:
        """The values file as k8slab writes it: its "Generated by k8slab" mark, then ``to_yaml(path)``."""
        return yaml_line(Provenance(namespace=self.namespace, source=source)) + self.to_yaml(path)

    def write_values(self, path: str | Path, *, source: str | None = None) -> Path:
        """Write the values file atomically: a reader sees the old file or the new one, never a part.

        The file must be absent or one k8slab wrote (UsageError otherwise, and nothing changes).
        """
        (written,) = write_files({Path(path): self.values_text(path, source=source).encode("utf-8")})
        return written

    def helm_args(self, values: str | Path = "values.yaml", *, extra: Sequence[str] = ()) -> list[str]:
        """Arguments to ``helm`` that install or upgrade the release with the values file at ``values``.

        The same as ``helm upgrade --install monitoring prometheus-community/kube-prometheus-stack
        -n monitoring --create-namespace -f values.yaml --version X``, without needing ``helm repo add``.
        """
        oci = self.repository.startswith("oci://")
        chart = [f"{self.repository.rstrip('/')}/{CHART}"] if oci else [CHART, "--repo", self.repository]
        return [
            "upgrade",
            "--install",
            self.release,
            *chart,
            "--version",
            self.version,
            "--namespace",
            self.namespace,
            "--create-namespace",
            "--values",
            str(values),
            *extra,
        ]
