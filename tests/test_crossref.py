"""Cross-object checks on plain objects, as any manifest set (not only k8slab's) would have them."""

from __future__ import annotations

from typing import Any

from k8slab.validation.crossref import cross_check


def _deployment(**pod: Any) -> dict[str, Any]:
    spec = {"containers": [{"name": "c", "image": "x:1", "ports": [{"name": "http", "containerPort": 80}]}]}
    spec.update(pod)
    return {
        "kind": "Deployment",
        "metadata": {"name": "d", "namespace": "n"},
        "spec": {"template": {"metadata": {"labels": {"app": "d"}}, "spec": spec}},
    }


def _service(selector: dict[str, str], target: Any) -> dict[str, Any]:
    return {
        "kind": "Service",
        "metadata": {"name": "s", "namespace": "n"},
        "spec": {"selector": selector, "ports": [{"port": 80, "targetPort": target}]},
    }


def test_mount_without_volume() -> None:
    d = _deployment()
    d["spec"]["template"]["spec"]["containers"][0]["volumeMounts"] = [{"name": "data", "mountPath": "/d"}]
    (problem,) = cross_check([d])
    assert problem.path == "spec.template.spec.containers[0].volumeMounts[0].name"
    assert problem.obj == "Deployment/d"


def test_missing_secret_key_and_missing_configmap() -> None:
    d = _deployment()
    d["spec"]["template"]["spec"]["containers"][0]["env"] = [
        {"name": "A", "valueFrom": {"secretKeyRef": {"name": "sec", "key": "nope"}}},
        {"name": "B", "valueFrom": {"configMapKeyRef": {"name": "absent", "key": "k"}}},
    ]
    secret = {"kind": "Secret", "metadata": {"name": "sec", "namespace": "n"}, "data": {"user": "dQ=="}}
    problems = cross_check([secret, d])
    assert [p.path for p in problems] == [
        "spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef",
        "spec.template.spec.containers[0].env[1].valueFrom.configMapKeyRef",
    ]
    assert "no key 'nope'" in problems[0].message
    assert cross_check([secret, d], external={("ConfigMap", "absent")})[1:] == []


def test_service_selector_and_target_port() -> None:
    d = _deployment()
    assert cross_check([d, _service({"app": "d"}, "http")]) == []
    assert cross_check([d, _service({"app": "d"}, 80)]) == []
    (p,) = cross_check([d, _service({"app": "other"}, "http")])
    assert p.path == "spec.selector"
    (p,) = cross_check([d, _service({"app": "d"}, "metrics")])
    assert p.path == "spec.ports[0].targetPort"


def test_limit_range_pod_totals() -> None:
    d = _deployment()
    d["spec"]["template"]["spec"]["containers"][0]["resources"] = {"limits": {"cpu": "600m"}, "requests": {"cpu": "1"}}
    lr = {
        "kind": "LimitRange",
        "metadata": {"name": "lr", "namespace": "n"},
        "spec": {"limits": [{"type": "Pod", "max": {"cpu": "500m"}}]},
    }
    paths = sorted(p.path for p in cross_check([lr, d]))
    assert paths == ["spec.template.spec.containers.limits.cpu", "spec.template.spec.containers.requests.cpu"]
    other_ns = {**lr, "metadata": {"name": "lr", "namespace": "elsewhere"}}
    assert cross_check([other_ns, d]) == []


def _monitor(kind: str, labels: dict[str, str], port: str) -> dict[str, Any]:
    field = "endpoints" if kind == "ServiceMonitor" else "podMetricsEndpoints"
    return {
        "apiVersion": "monitoring.coreos.com/v1",
        "kind": kind,
        "metadata": {"name": "m", "namespace": "n"},
        "spec": {"selector": {"matchLabels": labels}, field: [{"port": port}]},
    }


def test_service_monitor_needs_a_selected_service_and_its_port() -> None:
    d = _deployment()
    s = _service({"app": "d"}, "http")
    s["metadata"]["labels"] = {"app": "d"}
    s["spec"]["ports"][0]["name"] = "http"
    assert cross_check([d, s, _monitor("ServiceMonitor", {"app": "d"}, "http")]) == []
    (p,) = cross_check([d, s, _monitor("ServiceMonitor", {"app": "d"}, "metrics")])
    assert (p.obj, p.path) == ("ServiceMonitor/m", "spec.endpoints[0].port")
    (p,) = cross_check([d, s, _monitor("ServiceMonitor", {"app": "x"}, "http")])
    assert (p.path, p.message) == ("spec.selector", "selects no Service in this set")


def test_pod_monitor_needs_selected_pods_and_their_port() -> None:
    d = _deployment()
    assert cross_check([d, _monitor("PodMonitor", {"app": "d"}, "http")]) == []
    (p,) = cross_check([d, _monitor("PodMonitor", {"app": "d"}, "metrics")])
    assert p.path == "spec.podMetricsEndpoints[0].port"


def test_malformed_lists_are_skipped_not_crashed_on() -> None:
    d = _deployment(volumes=[{"name": "v", "secret": {"secretName": "s", "items": ["oops"]}}])
    d["spec"]["template"]["spec"]["containers"][0]["env"] = ["oops"]
    secret = {"kind": "Secret", "metadata": {"name": "s", "namespace": "n"}, "data": {}}
    assert cross_check([secret, d]) == []


def test_objects_named_by_generate_name_are_not_duplicates() -> None:
    job = {"kind": "Job", "metadata": {"generateName": "migrate-", "namespace": "n"}, "spec": {}}
    assert cross_check([job, job]) == []
    named = {"kind": "Job", "metadata": {"name": "migrate", "namespace": "n"}, "spec": {}}
    assert [p.path for p in cross_check([named, named])] == ["metadata.name"]
