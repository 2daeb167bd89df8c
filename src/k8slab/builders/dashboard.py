"""The app's Grafana dashboard, as a ConfigMap the kube-prometheus-stack's Grafana sidecar loads.

The chart's Grafana runs a sidecar that watches ConfigMaps labelled ``grafana_dashboard: "1"``
in every namespace and loads each JSON file in them as a dashboard. See
https://github.com/grafana/helm-charts/tree/main/charts/grafana#sidecar-for-dashboards
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import KW_ONLY
from typing import Any

from pydantic import Field

from .._model import builder
from .base import Manifest, RenderContext, metadata
from .rules import MetricName, PromLabelName

__all__ = ["DASHBOARD_LABEL", "HttpMetrics", "render_dashboard"]

DASHBOARD_LABEL = ("grafana_dashboard", "1")
"""The label the kube-prometheus-stack's Grafana sidecar watches, and its value."""
_DATASOURCE = {"type": "prometheus", "uid": "prometheus"}  # the chart's default Prometheus datasource
_HISTOGRAMS = "https://prometheus.io/docs/practices/histograms/"


@builder
class HttpMetrics:
    """Names of the app's HTTP metrics, used by the dashboard's request, error and latency panels.

    The defaults follow the Prometheus naming conventions; an app exporting other names says so:
    ``HttpMetrics(requests="flask_http_request_total", duration="flask_http_request_duration_seconds")``.
    See https://prometheus.io/docs/practices/naming/
    """

    _: KW_ONLY
    requests: MetricName = Field(
        default="http_requests_total",
        description="Counter of handled requests. Default: 'http_requests_total'. See https://prometheus.io/docs/practices/naming/",
    )
    status_label: PromLabelName = Field(
        default="status",
        description="Label of requests carrying the HTTP status code. Default: 'status'. See https://prometheus.io/docs/practices/naming/#labels",
    )
    duration: MetricName = Field(
        default="http_request_duration_seconds",
        description="Histogram of request durations, without '_bucket'. "
        f"Default: 'http_request_duration_seconds'. See {_HISTOGRAMS}",
    )


def _panel(index: int, title: str, unit: str, targets: list[tuple[str, str]]) -> dict[str, Any]:
    """A time-series panel; panels sit two per row, 12 units wide and 8 high."""
    return {
        "datasource": _DATASOURCE,
        "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
        "gridPos": {"h": 8, "w": 12, "x": 12 * (index % 2), "y": 8 * (index // 2)},
        "id": index + 1,
        "targets": [
            {"datasource": _DATASOURCE, "expr": expr, "legendFormat": legend, "refId": chr(ord("A") + i)}
            for i, (expr, legend) in enumerate(targets)
        ],
        "title": title,
        "type": "timeseries",
    }


def dashboard_json(app: str, http: HttpMetrics) -> dict[str, Any]:
    """The Grafana dashboard model: requests, errors, latency, pod CPU and memory, targets up and restarts.

    The namespace is a dashboard variable, not part of the JSON: the same dashboard serves the
    app wherever it runs, and the ConfigMap holds no value that a Helm chart would template.
    """
    target = f'job="{app}", namespace="$namespace"'
    container = f'namespace="$namespace", container="{app}"'
    requests = f"{http.requests}{{{target}}}"
    errors = f'{http.requests}{{{target}, {http.status_label}=~"5.."}}'
    buckets = f"{http.duration}_bucket{{{target}}}"
    by_pod = "__auto"  # Grafana names each series by its labels (the pod)
    panels = [
        _panel(0, "Requests per second", "reqps", [(f"sum by (pod) (rate({requests}[5m]))", by_pod)]),
        _panel(
            1,
            "Error ratio (5xx)",
            "percentunit",
            [(f"sum(rate({errors}[5m])) / sum(rate({requests}[5m]))", "5xx / all")],
        ),
        _panel(
            2,
            "Latency",
            "s",
            [
                (f"histogram_quantile({q}, sum by (le) (rate({buckets}[5m])))", f"p{round(q * 100)}")
                for q in (0.5, 0.95, 0.99)
            ],
        ),
        _panel(
            3,
            "Pod CPU",
            "cores",
            [(f"sum by (pod) (rate(container_cpu_usage_seconds_total{{{container}}}[5m]))", by_pod)],
        ),
        _panel(
            4, "Pod memory", "bytes", [(f"sum by (pod) (container_memory_working_set_bytes{{{container}}})", by_pod)]
        ),
        _panel(
            5,
            "Targets up and restarts",
            "short",
            [
                (f"sum(up{{{target}}})", "targets up"),
                (f"sum(increase(kube_pod_container_status_restarts_total{{{container}}}[1h]))", "restarts (1h)"),
            ],
        ),
    ]
    namespaces = f'label_values(up{{job="{app}"}}, namespace)'
    variable = {
        "datasource": _DATASOURCE,
        "definition": namespaces,
        "label": "Namespace",
        "name": "namespace",
        "query": {"query": namespaces, "refId": "namespace"},
        "refresh": 2,  # on time-range change
        "sort": 1,
        "type": "query",
    }
    return {
        "editable": False,
        "panels": panels,
        "refresh": "30s",
        "schemaVersion": 39,
        "tags": ["k8slab"],
        "templating": {"list": [variable]},
        "time": {"from": "now-1h", "to": "now"},
        "timezone": "utc",
        "title": f"{app} (k8slab)",
        "uid": f"k8slab-{hashlib.sha256(app.encode()).hexdigest()[:12]}",
    }


def render_dashboard(app: str, ctx: RenderContext, http: HttpMetrics, labels: dict[str, str]) -> Manifest:
    """The dashboard ConfigMap ``APP-dashboard``, labelled for the Grafana sidecar."""
    key, value = DASHBOARD_LABEL
    data = json.dumps(dashboard_json(app, http), indent=2, sort_keys=True) + "\n"
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": metadata(f"{app}-dashboard", ctx, app=app, labels={**labels, key: value}),
        # the sidecar writes every dashboard into one folder: an app's file is the same in every namespace
        "data": {f"k8slab-{app}.json": data},
    }
