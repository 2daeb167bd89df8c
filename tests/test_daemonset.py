"""DaemonSet: rolling-update settings, tolerations, the shared secure pod, no autoscaling or
budget, and the chart equal to the plain YAML under Helm 4 and Helm 3."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import k8slab as kl

from .pss import hardening_violations, restricted_violations
from .test_chart import HELMS, by_key, plain_objects, template, write

IMAGE = "fluent/fluent-bit:3.2.2"


def _objects(*builders: Any) -> dict[tuple[str, str], dict[str, Any]]:
    return {(o["kind"], o["metadata"]["name"]): o for o in kl.Stack("s", *builders, namespace="agents").objects()}


def test_a_daemonset_updates_one_node_at_a_time_by_default() -> None:
    agent = kl.DaemonSet("agent", image=IMAGE, port=2020, tolerations=[kl.Toleration(operator="Exists")])
    objects = _objects(agent)
    spec = objects[("DaemonSet", "agent")]["spec"]
    assert spec["updateStrategy"] == {"rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1}, "type": "RollingUpdate"}
    assert spec["template"]["spec"]["tolerations"] == [{"operator": "Exists"}]
    assert ("Service", "agent") not in objects  # no Service unless asked for
    assert objects[("NetworkPolicy", "agent")]["spec"]["ingress"] == [{"ports": [{"port": 2020, "protocol": "TCP"}]}]
    docs = list(objects.values())
    assert [v for d in docs for v in restricted_violations(d)] == []
    assert hardening_violations(docs) == []


def test_on_delete_and_a_service() -> None:
    agent = kl.DaemonSet("agent", image=IMAGE, port=2020, strategy="OnDelete", service="ClusterIP")
    objects = _objects(agent)
    assert objects[("DaemonSet", "agent")]["spec"]["updateStrategy"] == {"type": "OnDelete"}
    assert objects[("Service", "agent")]["spec"]["ports"][0]["port"] == 2020


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"autoscale": kl.Autoscale(max=3)}, "autoscale"),
        ({"disruption_budget": kl.DisruptionBudget(max_unavailable=1)}, "disruption_budget"),
        ({"strategy": "Recreate"}, "strategy"),
        ({"min_ready_seconds": -1}, "min_ready_seconds"),
        ({"replicas": 3}, "replicas"),
    ],
)
def test_what_a_daemonset_refuses(kwargs: dict[str, Any], path: str) -> None:
    with pytest.raises(kl.SpecError) as err:
        kl.DaemonSet("agent", image=IMAGE, port=2020, **kwargs)
    assert path in [p.path for p in err.value.problems], err.value.problems


@pytest.mark.parametrize("helm", HELMS)
def test_daemonset_chart_equals_plain_yaml(helm: str, tmp_path: Path) -> None:
    stack = kl.Stack("agents", kl.DaemonSet("agent", image=IMAGE, port=2020), namespace="agents")
    chart = write(stack, tmp_path / "agents")
    assert by_key(template(helm, chart, "agents", "agents", "--skip-tests")) == by_key(plain_objects(stack))
    changed = template(helm, chart, "agents", "agents", "--skip-tests", "--set", "image=fluent/fluent-bit:3.2.3")
    ds = next(o for o in changed if o["kind"] == "DaemonSet")
    assert ds["spec"]["template"]["spec"]["containers"][0]["image"] == "fluent/fluent-bit:3.2.3"


def test_a_surge_needs_no_unavailable_pods() -> None:
    with pytest.raises(kl.SpecError) as err:
        kl.DaemonSet("agent", image=IMAGE, strategy=kl.Rolling(max_surge=1, max_unavailable=1))
    assert [p.path for p in err.value.problems] == ["strategy.max_surge"]
    surge = kl.DaemonSet("agent", image=IMAGE, strategy=kl.Rolling(max_surge="10%", max_unavailable=0))
    assert _objects(surge)[("DaemonSet", "agent")]["spec"]["updateStrategy"]["rollingUpdate"]["maxSurge"] == "10%"
