"""Seed goal 8: kube-prometheus-stack monitors the cluster and the app, and manages alerts.

Two separate things, as in the lab:

- ``monitoring_release``: the kube-prometheus-stack Helm release ``monitoring`` in namespace
  ``monitoring`` (never a dependency of the app). ``k8slab synth examples/goal8_monitoring.py
  -o dist`` writes its values file ``dist/monitoring.values.yaml`` and prints the ``helm``
  command that installs it (see docs/guides/monitoring.md).
- ``stack``: the app, with a ServiceMonitor and a PrometheusRule labelled ``release: monitoring``
  (so the release's Prometheus selects them) and a Grafana dashboard ConfigMap.

No credential lives in this file: the Grafana admin password and the Slack webhook URL are
Secrets created beforehand in the ``monitoring`` namespace (``kubectl create secret generic ...``).
"""

import k8slab as kl

grafana_admin = kl.Secret.ref("grafana-admin", keys=["admin-user", "admin-password"])
slack_webhook = kl.Secret.ref("alertmanager-slack", keys=["url"])

monitoring_release = kl.KubePrometheusStack(
    "monitoring",
    namespace="monitoring",
    grafana_admin=grafana_admin,
    prometheus=kl.PrometheusServer(
        retention="7d",
        retention_size="4GiB",
        storage=kl.Storage("8Gi"),
        resources=kl.Limits(cpu="1", memory="2Gi", request_cpu="250m", request_memory="1Gi"),
    ),
    alertmanager=kl.Alertmanager(
        receivers=[kl.Receiver("team", slack=[kl.Slack(kl.SecretKey(slack_webhook, "url"), channel="#alerts")])],
        route=kl.Route("team", group_by=["alertname", "namespace"], repeat_interval="4h"),
        storage=kl.Storage("1Gi"),
    ),
)

app = kl.App(
    "python-app",
    image="sh3b0/app_python:1.0",
    port=8080,
    replicas=3,
    service="LoadBalancer",
    monitoring=kl.Monitoring(
        release=monitoring_release,
        interval="15s",
        scrape_timeout="10s",
        rules=[
            kl.AlertRule(
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
