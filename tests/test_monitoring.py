"""Monitoring (k8slab.builders.monitoring, rules, dashboard): monitors, rules and dashboards, cross-checked."""

from __future__ import annotations

import json
from typing import Any, Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import k8slab as kl
from k8slab.builders.base import RenderContext
from k8slab.builders.monitoring import Monitoring
from k8slab.builders.monitoring_stack import KubePrometheusStack
from k8slab.builders.rules import AlertRule, RecordRule, check_expr
from k8slab.types import duration_ms

CTX = RenderContext(namespace="lab", instance="lab")
IMAGE = "sh3b0/app_python:1.0"
MONITORING_KINDS = {"ServiceMonitor", "PodMonitor", "PrometheusRule"}


def app(monitoring: Monitoring | None = None, **kwargs: Any) -> kl.App:
    if "ports" not in kwargs:
        kwargs.setdefault("port", 8080)
    return kl.App(kwargs.pop("name", "web"), image=IMAGE, monitoring=monitoring or Monitoring(), **kwargs)


def by_kind(workload: kl.App | kl.Stateful) -> dict[str, dict[str, Any]]:
    return {o["kind"]: o for o in workload.render(CTX) if o["kind"] != "Service" or o["metadata"]["name"] == "web"}


def problem(**kwargs: Any) -> kl.Problem:
    with pytest.raises(kl.SpecError) as info:
        app(**kwargs)
    return info.value.problems[0]


def validate(objects: list[dict[str, Any]]) -> kl.Report:
    return kl.check(objects)  # the prometheus-operator CRDs are bundled with k8slab


# --- what is rendered ---------------------------------------------------------------------------


def test_service_monitor_selects_the_service_and_names_its_port() -> None:
    objects = by_kind(
        app(Monitoring(interval="15s", scrape_timeout="5s", path="/stats"), ports=[kl.Port(9000, "metrics")])
    )
    monitor, service = objects["ServiceMonitor"], objects["Service"]
    selector = monitor["spec"]["selector"]["matchLabels"]
    assert selector.items() <= service["metadata"]["labels"].items()
    assert monitor["spec"]["namespaceSelector"] == {"matchNames": ["lab"]}
    (endpoint,) = monitor["spec"]["endpoints"]
    assert endpoint == {"interval": "15s", "path": "/stats", "port": "metrics", "scheme": "http", "scrapeTimeout": "5s"}
    assert endpoint["port"] in [p["name"] for p in service["spec"]["ports"]]
    assert monitor["spec"]["jobLabel"] == "app.kubernetes.io/name"


@pytest.mark.parametrize("release", ["monitoring", "prom", KubePrometheusStack("kps", grafana=False)])
def test_release_label_is_on_every_prometheus_object(release: Any) -> None:
    expected = release if isinstance(release, str) else release.release
    objects = app(Monitoring(release, dashboard=False)).render(CTX)
    labelled = [o for o in objects if o["kind"] in MONITORING_KINDS]
    assert {o["kind"] for o in labelled} == {"ServiceMonitor", "PrometheusRule"}
    assert all(o["metadata"]["labels"]["release"] == expected for o in labelled)
    assert Monitoring(release, dashboard=False).release_name == expected


def test_pod_monitor_needs_no_service() -> None:
    objects = by_kind(app(Monitoring(kind="PodMonitor"), service=None))
    assert "Service" not in objects and "ServiceMonitor" not in objects
    monitor = objects["PodMonitor"]
    pod_labels = objects["Deployment"]["spec"]["template"]["metadata"]["labels"]
    assert monitor["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
    assert monitor["spec"]["podMetricsEndpoints"][0]["port"] == "http"


def test_stateful_monitor_scrapes_each_pod_once() -> None:
    both = kl.Stateful("db", image=IMAGE, port=8080, service="ClusterIP", monitoring=Monitoring())
    (monitor,) = [o for o in both.render(CTX) if o["kind"] == "ServiceMonitor"]
    assert monitor["spec"]["endpoints"][0]["relabelings"] == [
        {"action": "keep", "regex": "db", "sourceLabels": ["__meta_kubernetes_service_name"]}
    ]
    headless_only = kl.Stateful("db", image=IMAGE, port=8080, monitoring=Monitoring())
    (monitor,) = [o for o in headless_only.render(CTX) if o["kind"] == "ServiceMonitor"]
    assert "relabelings" not in monitor["spec"]["endpoints"][0]


def test_default_alerts_and_replacement_by_name() -> None:
    rules = by_kind(app())["PrometheusRule"]["spec"]["groups"][0]["rules"]
    assert [r["alert"] for r in rules] == ["WebTargetDown", "WebDown", "WebFrequentRestarts"]
    assert rules[1]["labels"] == {"severity": "critical"}
    assert rules[0]["expr"] == 'up{job="web"} == 0'
    assert rules[1]["expr"] == 'sum by (namespace) (up{job="web"}) == 0 or absent(up{job="web"})'
    assert "kube_pod_container_status_restarts_total" in rules[2]["expr"]
    mine = AlertRule("WebDown", 'up{job="web"} == 0', for_="1m", severity="warning")
    record = RecordRule("job:web_requests:rate5m", "sum(rate(http_requests_total[5m]))", labels={"team": "a"})
    rules = by_kind(app(Monitoring(rules=[mine, record])))["PrometheusRule"]["spec"]["groups"][0]["rules"]
    assert [r.get("alert", r.get("record")) for r in rules] == [
        "job:web_requests:rate5m",
        "WebTargetDown",
        "WebFrequentRestarts",
        "WebDown",
    ]
    assert rules[-1] == {
        "alert": "WebDown",
        "expr": 'up{job="web"} == 0',
        "for": "1m",
        "labels": {"severity": "warning"},
    }
    assert "PrometheusRule" not in by_kind(app(Monitoring(default_alerts=False)))
    zero = by_kind(app(replicas=0))["PrometheusRule"]["spec"]["groups"][0]["rules"]
    assert "WebDown" not in [r["alert"] for r in zero]


def test_alert_rule_renders_every_field() -> None:
    rule = AlertRule(
        "Slow",
        "histogram_quantile(0.95, sum by (le) (rate(x_bucket[5m]))) > 1",
        for_="10m",
        keep_firing_for="5m",
        severity="info",
        summary="slow",
        description="p95 above 1s",
        runbook_url="https://runbooks.example/slow",
        labels={"team": "web"},
        annotations={"dashboard": "https://grafana.example/d/x"},
    )
    assert rule.render() == {
        "alert": "Slow",
        "annotations": {
            "dashboard": "https://grafana.example/d/x",
            "description": "p95 above 1s",
            "runbook_url": "https://runbooks.example/slow",
            "summary": "slow",
        },
        "expr": "histogram_quantile(0.95, sum by (le) (rate(x_bucket[5m]))) > 1",
        "for": "10m",
        "keep_firing_for": "5m",
        "labels": {"severity": "info", "team": "web"},
    }


def test_dashboard_configmap_is_labelled_for_the_grafana_sidecar() -> None:
    cm = by_kind(app())["ConfigMap"]
    assert cm["metadata"]["labels"]["grafana_dashboard"] == "1"
    assert "release" not in cm["metadata"]["labels"]
    (text,) = cm["data"].values()
    board = json.loads(text)
    titles = [p["title"] for p in board["panels"]]
    assert titles[:5] == ["Requests per second", "Error ratio (5xx)", "Latency", "Pod CPU", "Pod memory"]
    exprs = " ".join(t["expr"] for p in board["panels"] for t in p["targets"])
    for metric in ("http_requests_total", "http_request_duration_seconds_bucket", "container_cpu_usage_seconds_total"):
        assert metric in exprs
    assert len(board["uid"]) <= 40
    assert board["templating"]["list"][0]["name"] == "namespace"
    assert 'namespace="$namespace"' in exprs
    assert "ConfigMap" not in by_kind(app(Monitoring(dashboard=False)))


def test_output_holds_no_template_syntax_and_no_namespace_inside_strings() -> None:
    # A Helm chart templates the namespace and reads '{{' as its own syntax: neither may hide in a string.
    workload = kl.Stateful("db", image=IMAGE, port=5432, service="ClusterIP", monitoring=Monitoring())
    objects = [o for o in workload.render(RenderContext(namespace="nsxyz", instance="lab")) if o["kind"] != "Service"]
    text = json.dumps([{k: v for k, v in o.items() if k != "metadata"} for o in objects])
    assert "{{" not in text
    assert text.count("nsxyz") == 1  # the monitor's namespaceSelector, a whole value


def test_monitoring_objects_pass_the_crd_schemas_in_a_stack() -> None:
    workloads: list[kl.App | kl.Stateful] = [
        app(Monitoring(rules=[RecordRule("job:x:rate5m", "sum(rate(x[5m]))")])),
        kl.Stateful("db", image=IMAGE, port=5432, service="ClusterIP", monitoring=Monitoring(kind="PodMonitor")),
    ]
    stack = kl.Stack("lab", *workloads, namespace="lab")
    objects = stack.objects()
    report = validate(objects)
    assert report.problems == [] and report.unchecked == []
    assert {o["kind"] for o in objects} >= MONITORING_KINDS


def test_the_crd_schema_really_checks_monitoring_objects() -> None:
    monitor = by_kind(app())["ServiceMonitor"]
    monitor["spec"]["endpoints"][0]["interval"] = "5 minutes"
    monitor["spec"]["endpoints"][0]["bogus"] = True
    paths = {p.path for p in validate([monitor]).problems}
    assert {"spec.endpoints[0].interval", "spec.endpoints[0].bogus"} <= paths


# --- cross-checks -------------------------------------------------------------------------------


def test_service_monitor_without_a_service_is_refused() -> None:
    found = problem(service=None)
    assert (found.obj, found.path) == ("App/web", "monitoring.kind")
    assert "PodMonitor" in found.message


def test_port_must_name_a_tcp_port_of_the_workload() -> None:
    assert problem(monitoring=Monitoring(port="metrics")).path == "monitoring.port"
    udp = [kl.Port(8080), kl.Port(9125, "statsd", protocol="UDP")]
    assert problem(port=None, ports=udp, monitoring=Monitoring(port="statsd")).path == "monitoring.port"
    found = problem(port=None, service=None, monitoring=Monitoring(kind="PodMonitor"))
    assert (found.path, found.message) == ("monitoring.port", "the workload has no port to scrape")


def test_release_label_conflicts_are_refused() -> None:
    assert problem(labels={"release": "other"}).path == "labels['release']"
    app(labels={"release": "monitoring"})  # the same value is fine
    with pytest.raises(kl.SpecError) as info:
        Monitoring(labels={"release": "x"})
    assert info.value.path == "labels['release']"


def test_selector_mismatch_is_reported_with_its_path() -> None:
    workload = app()
    objects = workload.render(CTX)
    service = next(o for o in objects if o["kind"] == "Service")
    service["metadata"]["labels"] = {"app.kubernetes.io/name": "other"}
    problems = [p for p in validate(objects).problems if p.obj.startswith("ServiceMonitor/")]
    assert [(p.path, p.message) for p in problems] == [("spec.selector", "selects no Service in this set")]


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"interval": "1s1m"}, "interval"),
        ({"interval": "5"}, "interval"),
        ({"interval": ""}, "interval"),
        ({"interval": "0"}, "interval"),
        ({"scrape_timeout": "1m", "interval": "30s"}, "scrape_timeout"),
        ({"path": "metrics"}, "path"),
        ({"release": "Not_A_Release"}, "release"),
        ({"release": "r" * 54}, "release"),
        ({"kind": "Probe"}, "kind"),
        ({"release": KubePrometheusStack(grafana=False)}, "dashboard"),
    ],
)
def test_invalid_monitoring_fields(kwargs: dict[str, Any], path: str) -> None:
    with pytest.raises(kl.SpecError) as info:
        Monitoring(**kwargs)
    assert info.value.path.startswith(path)


@pytest.mark.parametrize(
    ("args", "kwargs", "path"),
    [
        (("my-alert", "up == 0"), {}, "name"),
        (("1Alert", "up == 0"), {}, "name"),
        (("A", "sum(rate(x[5m])"), {}, "expr"),
        (("A", "up{job='x} == 0"), {}, "expr"),
        (("A", "   "), {}, "expr"),
        (("A", "up == 0"), {"for_": "5 m"}, "for_"),
        (("A", "up == 0"), {"keep_firing_for": "1h1d"}, "keep_firing_for"),
        (("A", "up == 0"), {"severity": "page"}, "severity"),
        (("A", "up == 0"), {"labels": {"severity": "x"}}, "labels"),
        (("A", "up == 0"), {"labels": {"bad-name": "x"}}, "labels"),
        (("A", "up == 0"), {"annotations": {"summary": "x"}}, "annotations"),
        (("A", "up == 0"), {"runbook_url": "runbooks/a"}, "runbook_url"),
    ],
)
def test_invalid_alert_rules(args: tuple[str, str], kwargs: dict[str, Any], path: str) -> None:
    with pytest.raises(kl.SpecError) as info:
        AlertRule(*args, **kwargs)
    assert info.value.path.startswith(path)


def test_invalid_record_rules() -> None:
    with pytest.raises(kl.SpecError) as info:
        RecordRule("job-requests", "sum(x)")
    assert info.value.path == "name"
    assert RecordRule("job:requests:sum", 'sum(x{a="(", b="]"})').render()["record"] == "job:requests:sum"


def test_expr_check_understands_quotes() -> None:
    assert check_expr(r'up{job="a\"(b"} == 1') and check_expr("label_replace(up, 'a', '$1', 'b', '(.*)')")
    with pytest.raises(ValueError):
        check_expr("up{job=`x}")


# --- properties ---------------------------------------------------------------------------------

UNITS = ["y", "w", "d", "h", "m", "s", "ms"]
units = st.lists(st.sampled_from(UNITS), min_size=1, max_size=3, unique=True)
durations = st.builds(
    lambda us, ns: "".join(f"{n}{u}" for u, n in zip(sorted(us, key=UNITS.index), ns[: len(us)], strict=True)),
    units,
    st.lists(st.integers(1, 90), min_size=3, max_size=3),
)
names = st.from_regex(r"\A[a-zA-Z_:][a-zA-Z0-9_:]{0,20}\Z")
exprs = st.sampled_from(
    ['up{job="web"} == 0', "sum(rate(http_requests_total[5m])) > 10", "absent(up)", "vector(1)", "1 > bool 0"]
)
text = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=40)
alerts = st.builds(
    AlertRule,
    names,
    exprs,
    for_=durations,
    keep_firing_for=st.none() | durations,
    severity=st.sampled_from(["critical", "warning", "info"]),
    summary=st.none() | text,
    description=st.none() | text,
    labels=st.dictionaries(
        st.from_regex(r"\A[a-z][a-z0-9_]{0,10}\Z").filter(lambda k: k not in ("severity", "alertname")),
        text,
        max_size=2,
    ),
)
records = st.builds(RecordRule, names, exprs)


@st.composite
def monitored(draw: st.DrawFn) -> kl.App | kl.Stateful:
    interval = draw(durations)
    timeout = draw(durations.filter(lambda d: duration_ms(d) <= duration_ms(interval)))
    kind: Literal["ServiceMonitor", "PodMonitor"] = draw(st.sampled_from(["ServiceMonitor", "PodMonitor"]))
    ports = [kl.Port(8080), kl.Port(9100, "metrics")]
    monitoring = Monitoring(
        draw(st.sampled_from(["monitoring", "kps", "prom-1"])),
        kind=kind,
        port=draw(st.sampled_from([None, "http", "metrics"])),
        path=draw(st.sampled_from(["/metrics", "/-/metrics", "/api/v1/stats"])),
        interval=interval,
        scrape_timeout=timeout,
        scheme=draw(st.sampled_from(["http", "https"])),
        default_alerts=draw(st.booleans()),
        rules=draw(st.lists(alerts | records, max_size=4)),
        dashboard=draw(st.booleans()),
        labels=draw(st.dictionaries(st.sampled_from(["team", "tier"]), st.sampled_from(["a", "b"]))),
    )
    common: dict[str, Any] = {"image": IMAGE, "ports": ports, "monitoring": monitoring}
    if draw(st.booleans()):
        return kl.App("web", service=draw(st.sampled_from(["ClusterIP", "NodePort", "Headless"])), **common)
    return kl.Stateful("db", service=draw(st.sampled_from([None, "ClusterIP"])), **common)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(monitored())
def test_every_emitted_object_is_valid_against_its_crd(workload: kl.App | kl.Stateful) -> None:
    objects = kl.Stack("lab", workload, namespace="lab").render()
    report = validate(objects)
    assert report.problems == []
    assert report.unchecked == []
    release = workload.monitoring.release_name if workload.monitoring else ""
    assert all(o["metadata"]["labels"]["release"] == release for o in objects if o["kind"] in MONITORING_KINDS)
