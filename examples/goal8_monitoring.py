"""Seed goal 8: kube-prometheus-stack monitors the cluster and the app, and manages alerts.

Two separate things, as in the lab:

- ``monitoring_release``: the kube-prometheus-stack Helm release ``monitoring`` in namespace
  ``monitoring`` (never a dependency of the app). Write its values file and install it with
  ``monitoring_release.write_values("values.yaml")`` and
  ``helm <monitoring_release.helm_args("values.yaml")>`` (see docs/guides/monitoring.md).
- ``stack``: the app, with a ServiceMonitor and a PrometheusRule labelled ``release: monitoring``
  (so the release's Prometheus selects them) and a Grafana dashboard ConfigMap.

No credential lives in this file: the Grafana admin password and the Slack webhook URL are
Secrets created beforehand in the ``monitoring`` namespace (``kubectl create secret generic ...``).
"""

import k8slab as kl
from k8slab.builders.alertmanager import Alertmanager, Receiver, Route, SecretKey, Slack, Storage
from k8slab.builders.monitoring import Monitoring
from k8slab.builders.monitoring_stack import KubePrometheusStack, PrometheusServer
from k8slab.builders.rules import AlertRule

grafana_admin = kl.Secret.ref("grafana-admin", keys=["admin-user", "admin-password"])
slack_webhook = kl.Secret.ref("alertmanager-slack", keys=["url"])

monitoring_release = KubePrometheusStack(
    "monitoring",
    namespace="monitoring",
    grafana_admin=grafana_admin,
    prometheus=PrometheusServer(
        retention="7d",
        retention_size="4GiB",
        storage=Storage("8Gi"),
        resources=kl.Limits(cpu="1", memory="2Gi", request_cpu="250m", request_memory="1Gi"),
    ),
    alertmanager=Alertmanager(
        receivers=[Receiver("team", slack=[Slack(SecretKey(slack_webhook, "url"), channel="#alerts")])],
        route=Route("team", group_by=["alertname", "namespace"], repeat_interval="4h"),
        storage=Storage("1Gi"),
    ),
)

app = kl.App(
    "python-app",
    image="sh3b0/app_python:1.0",
    port=8080,
    replicas=3,
    service="LoadBalancer",
    monitoring=Monitoring(
        release=monitoring_release,
        interval="15s",
        scrape_timeout="10s",
        rules=[
            AlertRule(
                "PythonAppHighErrorRate",
                'sum(rate(http_requests_total{job="python-app", status=~"5.."}[5m]))'
                ' / sum(rate(http_requests_total{job="python-app"}[5m])) > 0.05',
                for_="10m",
                severity="critical",
                summary="More than 5% of python-app's requests fail",
            )
        ],
    ),
)

stack = kl.Stack("goal8", app, namespace="lab")
