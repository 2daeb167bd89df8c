"""The test emulator answers like the API server where k8slab's apply relies on it (over real HTTP)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from k8slab.deploy import Cluster
from k8slab.deploy.client import APPLY_PATCH
from k8slab.errors import Conflict, Forbidden

from .k8s_emulator import Emulator
from .k8s_emulator import manifests as m

DEPLOYMENTS = "/apis/apps/v1/namespaces/lab/deployments"


def _apply(cluster: Cluster, path: str, body: dict[str, Any], manager: str = "k8slab", **query: str) -> dict[str, Any]:
    answer = cluster.request(
        "PATCH", path, query={"fieldManager": manager, **query}, body=body, content_type=APPLY_PATCH
    )
    assert answer is not None
    return answer


def test_discovery_serves_core_and_groups(cluster: Cluster) -> None:
    core = cluster.get("/api/v1")
    apps = cluster.get("/apis/apps/v1")
    assert core is not None and apps is not None
    assert {"name": "configmaps", "kind": "ConfigMap"}.items() <= next(
        r for r in core["resources"] if r["name"] == "configmaps"
    ).items()
    assert any(r["kind"] == "Deployment" and r["namespaced"] for r in apps["resources"])
    assert cluster.get("/apis/example.com/v1") is None


def test_apply_patch_creates_then_no_op_keeps_the_resource_version(emulator: Emulator, cluster: Cluster) -> None:
    emulator.seed(m.namespace())
    first = _apply(cluster, f"{DEPLOYMENTS}/web", m.deployment())
    again = _apply(cluster, f"{DEPLOYMENTS}/web", m.deployment())
    assert first["metadata"]["resourceVersion"] == again["metadata"]["resourceVersion"]
    assert first["metadata"]["generation"] == 1
    changed = _apply(cluster, f"{DEPLOYMENTS}/web", m.deployment(replicas=3))
    assert changed["metadata"]["generation"] == 2
    assert changed["metadata"]["managedFields"][0]["manager"] == "k8slab"


def test_conflict_names_the_other_manager_and_force_takes_over(emulator: Emulator, cluster: Cluster) -> None:
    emulator.seed(m.deployment(replicas=5), manager="helm")
    with pytest.raises(Conflict) as err:
        _apply(cluster, f"{DEPLOYMENTS}/web", m.deployment(replicas=3))
    assert err.value.managers == ("helm",) and err.value.fields == (".spec.replicas",)
    forced = _apply(cluster, f"{DEPLOYMENTS}/web", m.deployment(replicas=3), force="true")
    assert forced["spec"]["replicas"] == 3


def test_same_value_is_shared_without_conflict(emulator: Emulator, cluster: Cluster) -> None:
    emulator.seed(m.deployment(replicas=2), manager="helm")
    assert _apply(cluster, f"{DEPLOYMENTS}/web", m.deployment(replicas=2))["spec"]["replicas"] == 2


def test_fields_a_manager_stops_applying_are_removed(emulator: Emulator, cluster: Cluster) -> None:
    emulator.seed(m.namespace())
    path = "/api/v1/namespaces/lab/configmaps/cfg"
    _apply(cluster, path, m.configmap(data={"a": "1", "b": "2"}))
    assert _apply(cluster, path, m.configmap(data={"a": "1"}))["data"] == {"a": "1"}


def test_dry_run_persists_nothing(emulator: Emulator, cluster: Cluster) -> None:
    emulator.seed(m.namespace())
    answer = _apply(cluster, f"{DEPLOYMENTS}/web", m.deployment(), dryRun="All")
    assert answer["metadata"]["name"] == "web"
    assert emulator.get("deployments.apps", "lab", "web") is None


def test_missing_namespace_is_404(cluster: Cluster) -> None:
    with pytest.raises(Exception, match='namespaces "lab" not found'):
        _apply(cluster, f"{DEPLOYMENTS}/web", m.deployment())


def test_list_filters_by_label_and_omits_item_kinds(emulator: Emulator, cluster: Cluster) -> None:
    labelled = m.configmap("one")
    labelled["metadata"]["labels"] = {"k8slab.io/stack": "lab"}
    emulator.seed(labelled)
    emulator.seed(m.configmap("two"))
    listing = cluster.get("/api/v1/namespaces/lab/configmaps", query={"labelSelector": "k8slab.io/stack=lab"})
    assert listing is not None
    assert [i["metadata"]["name"] for i in listing["items"]] == ["one"]
    assert "kind" not in listing["items"][0]


def test_watch_streams_changes_after_the_listed_version(emulator: Emulator, cluster: Cluster) -> None:
    emulator.seed(m.deployment())
    listing = cluster.get(DEPLOYMENTS)
    assert listing is not None
    emulator.on_watch.append(lambda kind, ns: emulator.make_ready("deployments.apps", "lab", "web"))
    stream = cluster.watch(DEPLOYMENTS, {"resourceVersion": listing["metadata"]["resourceVersion"]}, seconds=5)
    event = next(iter(stream))
    stream.close()
    assert event["type"] == "MODIFIED"
    assert event["object"]["status"]["availableReplicas"] == 2


def test_wrong_token_is_401(emulator: Emulator, tmp_path: Path) -> None:
    from k8slab.deploy import connect

    bad = connect(kubeconfig=emulator.kubeconfig(tmp_path, token="wrong"))
    with pytest.raises(Forbidden) as err:
        bad.get("/api/v1")
    assert err.value.status == 401
