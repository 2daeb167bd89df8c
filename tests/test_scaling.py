"""Autoscaling and disruption budgets: the HPA and PDB a workload renders, checked against its
requests and replicas, no replicas field when autoscaled, and the chart equal to the plain YAML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import k8slab as kl

from .test_chart import HELMS, by_key, plain_objects, template, write

IMAGE = {"image": "nginx:1.27", "port": 8080}


def _objects(*builders: Any) -> dict[tuple[str, str], dict[str, Any]]:
    return {(o["kind"], o["metadata"]["name"]): o for o in kl.Stack("s", *builders, namespace="shop").objects()}


def test_an_autoscaled_deployment_has_no_replicas_and_an_hpa() -> None:
    app = kl.App(
        "web",
        autoscale=kl.Autoscale(
            min=2, max=10, cpu=70, memory=80, scale_down=kl.Scaling(stabilization_seconds=600, max_percent=50)
        ),
        **IMAGE,
    )
    objects = _objects(app)
    assert "replicas" not in objects[("Deployment", "web")]["spec"]
    hpa = objects[("HorizontalPodAutoscaler", "web")]["spec"]
    assert hpa["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"}
    assert (hpa["minReplicas"], hpa["maxReplicas"]) == (2, 10)
    assert [(m["resource"]["name"], m["resource"]["target"]["averageUtilization"]) for m in hpa["metrics"]] == [
        ("cpu", 70),
        ("memory", 80),
    ]
    assert hpa["behavior"] == {
        "scaleDown": {
            "policies": [{"periodSeconds": 60, "type": "Percent", "value": 50}],
            "selectPolicy": "Max",
            "stabilizationWindowSeconds": 600,
        }
    }
    plain = _objects(kl.App("web", replicas=3, **IMAGE))
    assert plain[("Deployment", "web")]["spec"]["replicas"] == 3
    assert ("HorizontalPodAutoscaler", "web") not in plain


def test_a_statefulset_scales_too() -> None:
    db = kl.Stateful("db", image="postgres:17.2", port=5432, autoscale=kl.Autoscale(min=2, max=4))
    objects = _objects(db)
    assert "replicas" not in objects[("StatefulSet", "db")]["spec"]
    assert objects[("HorizontalPodAutoscaler", "db")]["spec"]["scaleTargetRef"]["kind"] == "StatefulSet"


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"autoscale": kl.Autoscale(max=3, memory=80), "limits": kl.Limits(memory="0")}, "autoscale"),
        ({"autoscale": kl.Autoscale(max=3), "replicas": 3}, "replicas"),
        ({"replicas": 2, "disruption_budget": kl.DisruptionBudget(min_available=2)}, "disruption_budget.min_available"),
        ({"disruption_budget": kl.DisruptionBudget(min_available="50%")}, "disruption_budget.min_available"),
        (
            {"autoscale": kl.Autoscale(min=1, max=5), "disruption_budget": kl.DisruptionBudget(min_available=1)},
            "disruption_budget.min_available",
        ),
    ],
)
def test_cross_checks_with_the_workload(kwargs: dict[str, Any], path: str) -> None:
    with pytest.raises(kl.SpecError) as err:
        kl.App("web", **IMAGE, **kwargs)
    assert path in [p.path for p in err.value.problems], err.value.problems


def test_budgets_that_let_a_pod_go_are_accepted() -> None:
    for budget, replicas in ((kl.DisruptionBudget(min_available=2), 3), (kl.DisruptionBudget(max_unavailable=1), 1)):
        pdb = _objects(kl.App("web", replicas=replicas, disruption_budget=budget, **IMAGE))[
            ("PodDisruptionBudget", "web")
        ]
        assert pdb["spec"]["selector"]["matchLabels"]["app.kubernetes.io/name"] == "web"
    budget = kl.DisruptionBudget(min_available="50%", unhealthy_pod_eviction_policy="AlwaysAllow")
    app = kl.App("web", autoscale=kl.Autoscale(min=2, max=4), disruption_budget=budget, **IMAGE)
    assert _objects(app)[("PodDisruptionBudget", "web")]["spec"] == {
        "minAvailable": "50%",
        "selector": {"matchLabels": {"app.kubernetes.io/instance": "s", "app.kubernetes.io/name": "web"}},
        "unhealthyPodEvictionPolicy": "AlwaysAllow",
    }


@pytest.mark.parametrize(
    ("cls", "kwargs", "path"),
    [
        (kl.Autoscale, {"min": 5, "max": 2}, "min"),
        (kl.Autoscale, {"max": 2, "cpu": None}, "cpu"),
        (kl.Autoscale, {"max": 0}, "max"),
        (kl.Autoscale, {"max": 2**31}, "max"),
        (kl.Scaling, {"stabilization_seconds": 3601}, "stabilization_seconds"),
        (kl.Scaling, {"period_seconds": 0}, "period_seconds"),
        (kl.DisruptionBudget, {}, "min_available"),
        (kl.DisruptionBudget, {"min_available": 1, "max_unavailable": 1}, "min_available"),
        (kl.DisruptionBudget, {"max_unavailable": 0}, "max_unavailable"),
        (kl.DisruptionBudget, {"max_unavailable": "101%"}, "max_unavailable"),
        (kl.DisruptionBudget, {"min_available": "100%"}, "min_available"),
        (kl.DisruptionBudget, {"min_available": -1}, "min_available"),
    ],
)
def test_invalid_values_are_refused(cls: type, kwargs: dict[str, Any], path: str) -> None:
    with pytest.raises(kl.SpecError) as err:
        cls(**kwargs)
    assert path in [p.path for p in err.value.problems], err.value.problems


@pytest.mark.parametrize("helm", HELMS)
def test_autoscaling_bounds_are_chart_parameters(helm: str, tmp_path: Path) -> None:
    app = kl.App(
        "web",
        autoscale=kl.Autoscale(min=2, max=10, cpu=70),
        disruption_budget=kl.DisruptionBudget(max_unavailable=1),
        **IMAGE,
    )
    stack = kl.Stack("shop", app, namespace="shop")
    chart = write(stack, tmp_path / "shop")
    assert by_key(template(helm, chart, "shop", "shop", "--skip-tests")) == by_key(plain_objects(stack))
    changed = template(
        helm,
        chart,
        "shop",
        "shop",
        "--skip-tests",
        "--set",
        "autoscaling.maxReplicas=20",
        "--set",
        "autoscaling.minReplicas=3",
    )
    hpa = next(o for o in changed if o["kind"] == "HorizontalPodAutoscaler")["spec"]
    assert (hpa["minReplicas"], hpa["maxReplicas"]) == (3, 20)
    values = (chart / "values.yaml").read_text()
    assert "replicas:" not in values  # no parameter that the autoscaler would overrule


@pytest.mark.parametrize("cls", [kl.App, kl.Stateful])
def test_the_unhealthy_pod_eviction_policy_needs_1_27(cls: Any) -> None:
    # found by tests/test_construction_properties.py: the 1.25 and 1.26 schemas refuse (1.25) or
    # the API server drops (1.26, its gate off) unhealthyPodEvictionPolicy
    budget = kl.DisruptionBudget(min_available=1, unhealthy_pod_eviction_policy="AlwaysAllow")
    app = cls("web", image="nginx:1.27", port=80, replicas=2, disruption_budget=budget)
    for version in ("1.25", "1.26"):
        with pytest.raises(
            kl.SpecError, match=r"disruption_budget\.unhealthy_pod_eviction_policy: needs Kubernetes 1\.27"
        ):
            kl.Stack("s", app, namespace="n", kube_version=version).objects()
    (pdb,) = [
        o
        for o in kl.Stack("s", app, namespace="n", kube_version="1.27").objects()
        if o["kind"] == "PodDisruptionBudget"
    ]
    assert pdb["spec"]["unhealthyPodEvictionPolicy"] == "AlwaysAllow"
