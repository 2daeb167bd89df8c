"""KubePrometheusStack (k8slab.builders.monitoring_stack, alertmanager): values, secrets, helm arguments."""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import k8slab as kl
from k8slab.builders.alertmanager import Alertmanager, Receiver, Route, SecretKey, Slack, Storage, Webhook
from k8slab.builders.dashboard import HttpMetrics
from k8slab.builders.monitoring import Monitoring
from k8slab.builders.monitoring_stack import CHART_VERSION, REPOSITORY, KubePrometheusStack, PrometheusServer
from k8slab.builders.rules import AlertRule, RecordRule

ADMIN = kl.Secret.ref("grafana-admin", keys=["admin-user", "admin-password"])
SLACK = kl.Secret("alertmanager-slack", data={"url": "https://hooks.slack.example/T0/B0/XYZ"})


def release(**kwargs: Any) -> KubePrometheusStack:
    kwargs.setdefault("grafana_admin", ADMIN)
    return KubePrometheusStack(**kwargs)


def spec_error(build: Any, *args: Any, **kwargs: Any) -> kl.SpecError:
    with pytest.raises(kl.SpecError) as info:
        build(*args, **kwargs)
    return info.value


# --- the values file ----------------------------------------------------------------------------


def test_values_file_parses_and_never_carries_the_default_password(tmp_path: Path) -> None:
    stack = release(grafana_admin=kl.Secret("grafana-admin", data={"admin-user": "admin", "admin-password": "s3cr3t"}))
    path = stack.write_values(tmp_path / "values.yaml")
    text = path.read_text()
    assert yaml.safe_load(text) == stack.values()
    assert "prom-operator" not in text
    assert "s3cr3t" not in text and "adminPassword" not in text
    grafana = yaml.safe_load(text)["grafana"]
    assert grafana["admin"] == {
        "existingSecret": "grafana-admin",
        "passwordKey": "admin-password",
        "userKey": "admin-user",
    }
    assert grafana["sidecar"]["dashboards"] == {
        "enabled": True,
        "label": "grafana_dashboard",
        "labelValue": "1",
        "searchNamespace": "ALL",
    }


def test_values_carry_only_keys_k8slab_knows() -> None:
    values = release().values()
    assert set(values) == {"alertmanager", "grafana", "kubeStateMetrics", "nodeExporter", "prometheus"}
    assert set(values["prometheus"]) == {"prometheusSpec"}
    spec = values["prometheus"]["prometheusSpec"]
    assert spec["serviceMonitorSelectorNilUsesHelmValues"] is True
    assert spec["podMonitorSelectorNilUsesHelmValues"] is True
    assert spec["ruleSelectorNilUsesHelmValues"] is True
    assert values["alertmanager"] == {"alertmanagerSpec": {"retention": "120h"}, "enabled": True}


def test_prometheus_and_exporter_settings() -> None:
    server = PrometheusServer(
        retention="15d",
        retention_size="20GiB",
        storage=Storage("50Gi", storage_class="fast"),
        resources=kl.Limits(cpu="2", memory="4Gi", request_cpu="500m", request_memory="2Gi"),
        scrape_interval="15s",
        evaluation_interval="30s",
        replicas=2,
    )
    values = release(
        prometheus=server, node_exporter=False, kube_state_metrics=False, select_all_monitors=True
    ).values()
    spec = values["prometheus"]["prometheusSpec"]
    assert spec["retention"] == "15d" and spec["retentionSize"] == "20GiB" and spec["replicas"] == 2
    assert spec["storageSpec"]["volumeClaimTemplate"]["spec"] == {
        "accessModes": ["ReadWriteOnce"],
        "resources": {"requests": {"storage": "50Gi"}},
        "storageClassName": "fast",
    }
    assert spec["resources"] == {"limits": {"cpu": "2", "memory": "4Gi"}, "requests": {"cpu": "500m", "memory": "2Gi"}}
    assert spec["serviceMonitorSelectorNilUsesHelmValues"] is False
    assert values["nodeExporter"] == {"enabled": False} and values["kubeStateMetrics"] == {"enabled": False}
    assert release(alertmanager=None).values()["alertmanager"] == {"enabled": False}
    assert release(grafana=False, grafana_admin=None).values()["grafana"] == {"enabled": False}


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["0", "30s", "1h", "10d", "2w", "1y"]),
    st.sampled_from([None, "0", "512MB", "1.5GiB", "10GB"]),
    st.booleans(),
)
def test_values_round_trip_as_yaml(retention: str, size: str | None, grafana: bool) -> None:
    stack = release(prometheus=PrometheusServer(retention=retention, retention_size=size), grafana=grafana)
    text = stack.to_yaml()
    assert yaml.safe_load(text) == stack.values()
    assert "prom-operator" not in text


def test_write_values_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "values.yaml"
    stack = release()
    stack.write_values(target)
    old = target.read_bytes()

    def broken(path: Any = "values.yaml") -> str:
        raise RuntimeError("disk full")

    monkeypatch.setattr(KubePrometheusStack, "to_yaml", lambda self, path="values.yaml": broken(path))
    with pytest.raises(RuntimeError):
        stack.write_values(target)
    assert target.read_bytes() == old
    assert os.listdir(tmp_path) == ["values.yaml"]
    monkeypatch.undo()
    stack.write_values(target)
    assert yaml.safe_load(target.read_text()) == stack.values()
    assert target.read_text().startswith(
        '# Generated by k8slab; do not edit (the next run overwrites it). {"namespace"'
    )
    assert f"--values {target}" in target.read_text().splitlines()[2]
    assert os.listdir(tmp_path) == ["values.yaml"]


def test_write_values_never_overwrites_a_file_of_the_user(tmp_path: Path) -> None:
    target = tmp_path / "values.yaml"
    target.write_text("mine: true\n")
    with pytest.raises(kl.UsageError, match="not written by k8slab"):
        release().write_values(target)
    assert target.read_text() == "mine: true\n"
    assert os.listdir(tmp_path) == ["values.yaml"]


# --- helm ---------------------------------------------------------------------------------------


def test_helm_args() -> None:
    assert release().helm_args("out/values.yaml") == [
        "upgrade",
        "--install",
        "monitoring",
        "kube-prometheus-stack",
        "--repo",
        REPOSITORY,
        "--version",
        CHART_VERSION,
        "--namespace",
        "monitoring",
        "--create-namespace",
        "--values",
        "out/values.yaml",
    ]
    oci = release(release="prom", namespace="obs", repository="oci://ghcr.io/prometheus-community/charts")
    args = oci.helm_args(extra=["--wait"])
    assert args[2:4] == ["prom", "oci://ghcr.io/prometheus-community/charts/kube-prometheus-stack"]
    assert "--repo" not in args and args[-1] == "--wait" and "obs" in args


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"version": "^88.0.0"}, "version"),
        ({"version": "88"}, "version"),
        ({"repository": "http://charts.example"}, "repository"),
        ({"release": "m" * 54}, "release"),
        ({"release": "Monitoring"}, "release"),
        ({"namespace": "mon_itoring"}, "namespace"),
        ({"grafana_admin": None}, "grafana_admin"),
        ({"grafana_admin": kl.Secret("g", data={"admin-user": "a"})}, "grafana_password_key"),
        ({"grafana_admin": kl.Secret.ref("g", keys=["user", "password"])}, "grafana_user_key"),
        ({"prometheus": {"retention_size": "10G"}}, "prometheus.retention_size"),
        ({"prometheus": {"retention": "10 days"}}, "prometheus.retention"),
    ],
)
def test_invalid_stack_fields(kwargs: dict[str, Any], path: str) -> None:
    if isinstance(kwargs.get("prometheus"), dict):
        with pytest.raises(kl.SpecError) as info:
            PrometheusServer(**kwargs["prometheus"])
        assert info.value.path == path.split(".", 1)[1]
        return
    assert spec_error(release, **kwargs).path == path


def test_a_secret_reference_without_known_keys_is_trusted() -> None:
    stack = release(grafana_admin=kl.Secret.ref("grafana-admin"))
    assert stack.values()["grafana"]["admin"]["existingSecret"] == "grafana-admin"


# --- secrets and the monitoring builder ---------------------------------------------------------


def test_owned_secrets_render_in_the_release_namespace() -> None:
    admin = kl.Secret("grafana-admin", data={"admin-user": "admin", "admin-password": "pw"})
    alerts = Alertmanager(receivers=[Receiver("team", slack=[Slack(SecretKey(SLACK, "url"), channel="#ops")])])
    stack = release(grafana_admin=admin, alertmanager=alerts, namespace="obs")
    objects = stack.objects()
    assert [(o["kind"], o["metadata"]["name"], o["metadata"]["namespace"]) for o in objects] == [
        ("Secret", "grafana-admin", "obs"),
        ("Secret", "alertmanager-slack", "obs"),
    ]
    assert base64.b64decode(objects[0]["data"]["admin-password"]) == b"pw"
    assert kl.check(objects).problems == []
    assert release().objects() == []  # a reference renders nothing


def test_monitoring_takes_the_release() -> None:
    stack = release(release="kps")
    app = kl.App("web", image="nginx:1.27", port=8080, monitoring=Monitoring(release=stack))
    monitors = [
        o for o in app.render(kl.Stack("lab", namespace="lab").context) if o["apiVersion"].startswith("monitoring")
    ]
    assert {o["metadata"]["labels"]["release"] for o in monitors} == {"kps"}


# --- Alertmanager -------------------------------------------------------------------------------


def test_alertmanager_config_routes_and_silences_watchdog() -> None:
    hook = Webhook("https://hooks.example/alerts", send_resolved=False)
    alerts = Alertmanager(
        receivers=[Receiver("team", slack=[Slack(SecretKey(SLACK, "url"))]), Receiver("oncall", webhooks=[hook])],
        route=Route(
            "team",
            group_by=["alertname"],
            group_wait="30s",
            routes=[Route("oncall", matchers=['severity = "critical"'], continue_=True)],
        ),
        storage=Storage("2Gi"),
        resources=kl.Limits(cpu="200m", memory="128Mi"),
    )
    values = release(alertmanager=alerts).values()["alertmanager"]
    config = values["config"]
    assert config["route"] == {
        "group_by": ["alertname"],
        "group_wait": "30s",
        "receiver": "team",
        "routes": [
            {"matchers": ['alertname = "Watchdog"'], "receiver": "null"},
            {"continue": True, "matchers": ['severity = "critical"'], "receiver": "oncall"},
        ],
    }
    assert config["receivers"] == [
        {
            "name": "team",
            "slack_configs": [
                {"api_url_file": "/etc/alertmanager/secrets/alertmanager-slack/url", "send_resolved": True}
            ],
        },
        {"name": "oncall", "webhook_configs": [{"send_resolved": False, "url": "https://hooks.example/alerts"}]},
        {"name": "null"},
    ]
    assert values["alertmanagerSpec"]["secrets"] == ["alertmanager-slack"]
    assert values["alertmanagerSpec"]["storage"]["volumeClaimTemplate"]["spec"]["resources"]["requests"] == {
        "storage": "2Gi"
    }
    assert "hooks.slack.example" not in yaml.safe_dump(values)


def test_top_route_always_lists_its_children() -> None:
    # Helm merges maps: without an explicit (even empty) list the chart's default child route,
    # which names the chart's 'null' receiver, would survive.
    alerts = Alertmanager(receivers=[Receiver("team")], silence_watchdog=False)
    assert release(alertmanager=alerts).values()["alertmanager"]["config"]["route"] == {
        "receiver": "team",
        "routes": [],
    }


@pytest.mark.parametrize(
    ("build", "path"),
    [
        (lambda: Alertmanager(receivers=[Receiver("a"), Receiver("a")]), "receivers[1].name"),
        (lambda: Alertmanager(receivers=[Receiver("a")], route=Route("b")), "route.receiver"),
        (
            lambda: Alertmanager(receivers=[Receiver("a")], route=Route("a", routes=[Route("c")])),
            "route.routes[0].receiver",
        ),
        (lambda: Alertmanager(route=Route("a")), "route"),
        (lambda: Route("a", matchers=["severity == critical"]), "matchers[0]"),
        (lambda: Route("a", repeat_interval="4 hours"), "repeat_interval"),
        (lambda: Webhook(), "url"),
        (lambda: Webhook("https://x.example", url_secret=SecretKey(SLACK, "url")), "url"),
        (lambda: Webhook("ftp://x.example"), "url"),
        (lambda: SecretKey(SLACK, "token"), "key"),
        (lambda: Storage("lots"), "size"),
    ],
)
def test_invalid_alertmanager_settings(build: Any, path: str) -> None:
    assert spec_error(build).path == path


def test_every_field_states_its_default_and_links_its_docs() -> None:
    for cls in (
        KubePrometheusStack,
        PrometheusServer,
        Alertmanager,
        Receiver,
        Route,
        SecretKey,
        Slack,
        Storage,
        Webhook,
        Monitoring,
        AlertRule,
        RecordRule,
        HttpMetrics,
    ):
        fields: dict[str, Any] = getattr(cls, "__pydantic_fields__")  # noqa: B009 - set by pydantic at runtime
        for name, field in fields.items():
            assert field.description, f"{cls.__name__}.{name}"
            if not field.is_required():
                assert "Default" in field.description, f"{cls.__name__}.{name}: {field.description}"
            assert "https://" in field.description, f"{cls.__name__}.{name}: no documentation link"
            assert cls.__doc__
