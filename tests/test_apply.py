"""`k8slab.deploy.apply` and `delete` over real HTTP against the emulator: order, labels, no-op, dry run, prune."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

import k8slab as kl
from k8slab.deploy import PART_OF, Cluster, apply, applyset_id, delete
from k8slab.errors import ApplyError, UsageError

from .k8s_emulator import Emulator
from .k8s_emulator import manifests as m

LAB = applyset_id("applyset-lab", "lab")
"""The ID of the set named lab in namespace lab."""


def _patches(emulator: Emulator) -> list[str]:
    return [r.path for r in emulator.requests if r.method == "PATCH" and "/secrets/applyset-" not in r.path]


def _objects() -> list[dict[str, Any]]:
    # deliberately out of order: apply must sort them
    return [m.deployment(), m.configmap(), m.service(), m.secret(), m.namespace()]


def test_applies_in_dependency_order_with_server_side_apply(emulator: Emulator, cluster: Cluster) -> None:
    result = apply(_objects(), name="lab", cluster=cluster, wait=False, output=io.StringIO())
    kinds = [p.split("/")[-2] for p in _patches(emulator)]
    assert kinds == ["namespaces", "secrets", "configmaps", "services", "deployments"]
    patches = [r for r in emulator.requests if r.method == "PATCH"]
    assert {r.content_type for r in patches} == {"application/apply-patch+yaml"}
    objects = [r for r in patches if r.path != "/api/v1/namespaces/lab/secrets/applyset-lab"]
    assert all(r.query == {"fieldManager": "k8slab"} for r in objects)  # no force unless asked
    assert [r.query for r in patches if r not in objects] == [{"fieldManager": "k8slab-applyset"}]  # the parent
    assert [c.action for c in result.changes] == ["created"] * 5


def test_every_object_carries_the_stack_label_and_the_input_is_not_modified(
    emulator: Emulator, cluster: Cluster
) -> None:
    objects = _objects()
    before = json.dumps(objects, sort_keys=True)
    apply(objects, name="lab", cluster=cluster, wait=False, output=io.StringIO())
    assert json.dumps(objects, sort_keys=True) == before
    for key, ns, name in [("deployments.apps", "lab", "web"), ("configmaps", "lab", "cfg"), ("namespaces", "", "lab")]:
        obj = emulator.get(key, ns, name)
        assert obj is not None and obj["metadata"]["labels"][PART_OF] == LAB


def test_second_apply_changes_nothing_and_says_so(emulator: Emulator, cluster: Cluster) -> None:
    apply(_objects(), name="lab", cluster=cluster, wait=False, output=io.StringIO())
    versions = {k: o["metadata"]["resourceVersion"] for k, o in emulator.store.objects.items()}
    out = io.StringIO()
    result = apply(_objects(), name="lab", cluster=cluster, wait=False, output=out)
    assert not result.changed
    assert {c.action for c in result.changes} == {"unchanged"}
    assert {k: o["metadata"]["resourceVersion"] for k, o in emulator.store.objects.items()} == versions
    assert "lab: no changes (5 objects unchanged)" in out.getvalue()


def test_a_changed_object_is_configured(emulator: Emulator, cluster: Cluster) -> None:
    apply(_objects(), name="lab", cluster=cluster, wait=False, output=io.StringIO())
    objects = _objects()
    objects[1] = m.configmap(data={"a": "2"})
    result = apply(objects, name="lab", cluster=cluster, wait=False, output=io.StringIO())
    assert [str(c) for c in result.changes if c.action != "unchanged"] == ["ConfigMap lab/cfg configured"]
    assert result.summary() == "lab: 1 configured, 4 unchanged"


def test_a_missing_namespace_is_created_unlabelled(emulator: Emulator, cluster: Cluster) -> None:
    result = apply([m.configmap()], name="lab", cluster=cluster, wait=False, output=io.StringIO())
    assert str(result.changes[0]) == "Namespace lab created (it did not exist)"
    ns = emulator.get("namespaces", "", "lab")
    assert ns is not None and PART_OF not in (ns["metadata"].get("labels") or {})


def test_default_namespace_comes_from_the_argument(emulator: Emulator, cluster: Cluster) -> None:
    cm = m.configmap()
    del cm["metadata"]["namespace"]
    apply([m.namespace("other"), cm], name="lab", namespace="other", cluster=cluster, output=io.StringIO())
    assert emulator.get("configmaps", "other", "cfg") is not None


def test_dry_run_persists_nothing_and_is_checked_by_the_server(emulator: Emulator, cluster: Cluster) -> None:
    out = io.StringIO()
    result = apply(_objects(), name="lab", cluster=cluster, dry_run=True, output=out)
    assert emulator.store.objects == {}
    assert result.dry_run and result.changed
    assert "namespace lab does not exist yet; not sent" in str(result.changes[1])
    assert "(dry run: nothing was changed)" in out.getvalue()
    sent = [r for r in emulator.requests if r.method == "PATCH"]
    assert sent and all(r.query.get("dryRun") == "All" for r in sent)


def test_dry_run_against_live_objects_compares_the_server_answer(emulator: Emulator, cluster: Cluster) -> None:
    apply(_objects(), name="lab", cluster=cluster, wait=False, output=io.StringIO())
    objects = _objects()
    objects[0] = m.deployment(replicas=5)
    result = apply(objects, name="lab", cluster=cluster, dry_run=True, output=io.StringIO())
    assert [str(c) for c in result.changes if c.action != "unchanged"] == ["Deployment lab/web configured"]
    live = emulator.get("deployments.apps", "lab", "web")
    assert live is not None and live["spec"]["replicas"] == 2


def test_custom_resources_follow_their_crd(emulator: Emulator, cluster: Cluster) -> None:
    result = apply([m.widget(), m.crd(), m.namespace()], name="lab", cluster=cluster, output=io.StringIO())
    assert [c.obj for c in result.changes] == [
        "Namespace lab",
        "CustomResourceDefinition widgets.example.com",
        "Widget lab/w",
    ]
    widget = emulator.get("widgets.example.com", "lab", "w")
    assert widget is not None and widget["metadata"]["labels"][PART_OF] == LAB


def test_a_kind_the_cluster_does_not_serve_is_one_clear_error(cluster: Cluster) -> None:
    with pytest.raises(
        ApplyError, match=r"does not serve Widget in example\.com/v1; install its CustomResourceDefinition"
    ):
        apply([m.widget()], name="lab", cluster=cluster, output=io.StringIO())


def test_prune_deletes_only_this_stacks_labelled_objects(emulator: Emulator, cluster: Cluster) -> None:
    apply([*_objects(), m.configmap("old")], name="lab", cluster=cluster, wait=False, output=io.StringIO())
    emulator.seed(m.configmap("by-hand"))  # no label
    other = m.configmap("theirs")
    other["metadata"]["labels"] = {PART_OF: applyset_id("applyset-other", "lab")}
    emulator.seed(other)
    kept = apply(_objects(), name="lab", cluster=cluster, wait=False, output=io.StringIO())
    assert emulator.get("configmaps", "lab", "old") is not None  # prune=False keeps it
    assert not kept.changed
    result = apply(_objects(), name="lab", cluster=cluster, prune=True, wait=False, output=io.StringIO())
    assert [str(c) for c in result.changes if c.action == "pruned"] == ["ConfigMap lab/old pruned"]
    assert emulator.get("configmaps", "lab", "old") is None
    assert emulator.get("configmaps", "lab", "by-hand") is not None
    assert emulator.get("configmaps", "lab", "theirs") is not None


def test_prune_in_a_dry_run_is_shown_and_nothing_is_deleted(emulator: Emulator, cluster: Cluster) -> None:
    apply([*_objects(), m.configmap("old")], name="lab", cluster=cluster, wait=False, output=io.StringIO())
    out = io.StringIO()
    result = apply(_objects(), name="lab", cluster=cluster, prune=True, dry_run=True, output=out)
    assert "ConfigMap lab/old pruned (dry run)" in out.getvalue()
    assert [c.action for c in result.changes].count("pruned") == 1
    assert emulator.get("configmaps", "lab", "old") is not None
    deletes = [r for r in emulator.requests if r.method == "DELETE"]
    assert deletes and all(r.query.get("dryRun") == "All" for r in deletes)


def test_prune_never_removes_a_namespace_that_still_holds_the_stack(emulator: Emulator, cluster: Cluster) -> None:
    apply(_objects(), name="lab", cluster=cluster, wait=False, output=io.StringIO())
    without_namespace = [o for o in _objects() if o["kind"] != "Namespace"]
    result = apply(without_namespace, name="lab", cluster=cluster, prune=True, wait=False, output=io.StringIO())
    assert "Namespace lab skipped (kept: it still holds objects of this stack)" in [str(c) for c in result.changes]
    assert emulator.get("namespaces", "", "lab") is not None


def test_delete_goes_in_reverse_order_and_leaves_unlabelled_objects(emulator: Emulator, cluster: Cluster) -> None:
    apply(
        [m.namespace(), m.configmap(), m.service(), m.deployment()],
        name="lab",
        cluster=cluster,
        wait=False,
        output=io.StringIO(),
    )
    emulator.seed(m.secret())  # same name as the stack's Secret, but made by hand: not ours
    result = delete(_objects(), name="lab", cluster=cluster, output=io.StringIO())
    deleted = [r.path.split("/")[-2] for r in emulator.requests if r.method == "DELETE"]
    assert deleted == ["deployments", "services", "configmaps", "secrets"]  # the parent last
    assert [r.path for r in emulator.requests if r.method == "DELETE"][
        3
    ] == "/api/v1/namespaces/lab/secrets/applyset-lab"
    lines = [str(c) for c in result.changes]
    assert f"Secret lab/creds skipped (not in this set: it lacks the label {PART_OF}={LAB})" in lines
    assert "Namespace lab skipped (kept: it holds objects outside the set (Secret lab/creds))" in lines
    assert emulator.get("deployments.apps", "lab", "web") is None
    assert emulator.get("secrets", "lab", "creds") is not None


def test_delete_also_removes_labelled_leftovers(emulator: Emulator, cluster: Cluster) -> None:
    apply([m.namespace(), m.configmap("old"), m.configmap()], name="lab", cluster=cluster, output=io.StringIO())
    result = delete([m.namespace(), m.configmap()], name="lab", cluster=cluster, output=io.StringIO())
    assert {c.obj for c in result.changes if c.action == "deleted"} == {
        "Namespace lab",
        "ConfigMap lab/cfg",
        "ConfigMap lab/old",
    }
    assert emulator.store.objects == {}


def test_delete_in_a_dry_run_keeps_everything(emulator: Emulator, cluster: Cluster) -> None:
    apply(_objects(), name="lab", cluster=cluster, wait=False, output=io.StringIO())
    delete(_objects(), name="lab", cluster=cluster, dry_run=True, output=io.StringIO())
    assert emulator.get("deployments.apps", "lab", "web") is not None


def test_a_list_of_objects_needs_a_name(cluster: Cluster) -> None:
    with pytest.raises(UsageError, match="needs name="):
        apply(_objects(), cluster=cluster)


def test_a_stack_is_applied_under_its_own_name(emulator: Emulator, cluster: Cluster) -> None:
    stack = kl.Stack("demo", kl.App("web", image="nginx:1.27", port=8080), namespace="demo")
    emulator.ready_when_watched()
    result = apply(stack, cluster=cluster, timeout=10, output=io.StringIO())
    assert result.name == "demo"
    deployment = emulator.get("deployments.apps", "demo", "web")
    assert deployment is not None and deployment["metadata"]["labels"][PART_OF] == applyset_id("applyset-demo", "demo")
    assert not apply(stack, cluster=cluster, timeout=10, output=io.StringIO()).changed


def test_a_stack_cannot_be_moved_to_another_namespace(cluster: Cluster) -> None:
    stack = kl.Stack("demo", kl.App("web", image="nginx:1.27", port=8080), namespace="demo")
    with pytest.raises(UsageError, match="lives in namespace demo"):
        apply(stack, namespace="elsewhere", cluster=cluster)
