"""The inventory is a Kubernetes ApplySet (KEP-3659), over real HTTP against the emulator.

Same-named stacks in two namespaces stay apart, a dropped custom kind is pruned, the parent
carries exactly what kubectl writes, another tool's set is refused, a run that fails halfway
leaves the set recorded and converges when run again, and the old label is adopted.
"""

from __future__ import annotations

import base64
import hashlib
import io
from pathlib import Path
from typing import Any

import pytest
import yaml

import k8slab as kl
from k8slab import provenance
from k8slab.cli import main
from k8slab.deploy import PART_OF, Cluster, apply, applyset_id, delete, diff, load_path, status
from k8slab.errors import ApplyError, Invalid, ServerError, UsageError

from .k8s_emulator import Emulator
from .k8s_emulator import manifests as m

TEAM_A = "applyset-p3E7c0abI8OvA5rvrSN4MiYQS7LcL50zBF0oNgWBZBQ-v1"
"""The ID of the set ``web`` in ``team-a`` (parent Secret team-a/applyset-web), computed once by hand."""
TEAM_B = "applyset-WULpCRHPotclrDm2cUOYBxuXeRgJEGJ12B54uDUjuVE-v1"
KUBECTL_TEST_ID = "applyset-0eFHV8ySqp7XoShsGvyWFQD3s96yqwHmzc4e0HR1dsY-v1"
"""kubectl's own test (pkg/cmd/apply/apply_test.go) expects this ID for the parent Secret test/my-set."""
QUIET: dict[str, Any] = {"wait": False, "output": io.StringIO()}


def _kep_id(name: str, namespace: str) -> str:
    """The KEP's formula, written out independently of k8slab's code."""
    digest = hashlib.sha256(f"{name}.{namespace}.Secret.".encode()).digest()
    return "applyset-" + base64.urlsafe_b64encode(digest).decode().rstrip("=") + "-v1"


def _team(ns: str, *extra: dict[str, Any]) -> list[dict[str, Any]]:
    return [m.namespace(ns), m.configmap("cfg", ns=ns), m.deployment("web", ns=ns), *extra]


def _labels(emulator: Emulator, key: str, ns: str, name: str) -> dict[str, str]:
    obj = emulator.get(key, ns, name)
    assert obj is not None, (key, ns, name)
    return dict(obj["metadata"].get("labels") or {})


def test_the_id_is_the_kep_formula_and_matches_kubectls_own_test() -> None:
    assert applyset_id("my-set", "test") == KUBECTL_TEST_ID
    assert applyset_id("applyset-web", "team-a") == _kep_id("applyset-web", "team-a") == TEAM_A
    assert applyset_id("applyset-web", "team-b") == TEAM_B != TEAM_A


def test_the_parent_carries_exactly_what_kubectl_writes(emulator: Emulator, cluster: Cluster) -> None:
    apply(_team("team-a"), name="web", cluster=cluster, **QUIET)
    parent = emulator.get("secrets", "team-a", "applyset-web")
    assert parent is not None
    assert parent["metadata"]["labels"] == {"applyset.kubernetes.io/id": TEAM_A}
    assert parent["metadata"]["annotations"] == {
        "applyset.kubernetes.io/tooling": f"k8slab/v{kl.__version__}",
        "applyset.kubernetes.io/contains-group-kinds": "ConfigMap,Deployment.apps,Namespace",
        "applyset.kubernetes.io/additional-namespaces": "",  # kubectl writes it empty, too
    }
    assert "data" not in parent
    assert [e["manager"] for e in parent["metadata"]["managedFields"]] == ["k8slab-applyset"]
    for key, ns, name in [("configmaps", "team-a", "cfg"), ("deployments.apps", "team-a", "web")]:
        assert _labels(emulator, key, ns, name)[PART_OF] == TEAM_A
    assert _labels(emulator, "namespaces", "", "team-a")[PART_OF] == TEAM_A
    apply([*_team("team-a"), m.configmap("x", ns="other")], name="web", namespace="team-a", cluster=cluster, **QUIET)
    parent = emulator.get("secrets", "team-a", "applyset-web")
    assert parent is not None
    assert parent["metadata"]["annotations"]["applyset.kubernetes.io/additional-namespaces"] == "other"


def test_two_stacks_of_one_name_in_two_namespaces_never_touch_each_other(emulator: Emulator, cluster: Cluster) -> None:
    apply(_team("team-a", m.configmap("extra", ns="team-a")), name="web", cluster=cluster, **QUIET)
    since = len(emulator.requests)
    apply(_team("team-b", m.configmap("extra", ns="team-b")), name="web", cluster=cluster, **QUIET)
    team_a = {k: o["metadata"]["resourceVersion"] for k, o in emulator.store.objects.items() if "team-a" in k}
    assert len(team_a) == 5  # namespace, parent, two ConfigMaps, Deployment
    report = status(_team("team-b"), name="web", cluster=cluster)
    assert all("team-a" not in row for row, _ in report.rows)
    plan = diff(_team("team-b"), name="web", cluster=cluster, prune=True)
    assert [d.obj for d in plan.diffs] == ["ConfigMap team-b/extra"]
    result = apply(_team("team-b"), name="web", cluster=cluster, prune=True, **QUIET)
    assert [str(c) for c in result.changes if c.action == "pruned"] == ["ConfigMap team-b/extra pruned"]
    gone = delete(_team("team-b"), name="web", cluster=cluster, **QUIET)
    assert {c.obj for c in gone.changes if c.action == "deleted"} == {
        "Deployment team-b/web",
        "ConfigMap team-b/cfg",
        "Namespace team-b",
    }
    assert {k: o["metadata"]["resourceVersion"] for k, o in emulator.store.objects.items() if "team-a" in k} == team_a
    assert not [k for k in emulator.store.objects if "team-b" in k]
    assert not [r for r in emulator.requests[since:] if r.method in ("PATCH", "DELETE") and "team-a" in r.path]


def test_the_old_label_of_a_same_named_stack_elsewhere_is_never_reached(emulator: Emulator, cluster: Cluster) -> None:
    for ns in ("team-a", "team-b"):
        for obj in [m.configmap("cfg", ns=ns), m.configmap("old", ns=ns)]:
            obj["metadata"]["labels"] = {"k8slab.io/stack": "web"}  # what k8slab wrote before the ApplySet
            emulator.seed(obj, manager="k8slab")
    result = apply(_team("team-b"), name="web", cluster=cluster, prune=True, **QUIET)
    assert [c.obj for c in result.changes if c.action == "pruned"] == ["ConfigMap team-b/old"]
    assert emulator.get("configmaps", "team-a", "old") is not None
    assert _labels(emulator, "configmaps", "team-a", "cfg") == {"k8slab.io/stack": "web"}
    delete(_team("team-b"), name="web", cluster=cluster, **QUIET)
    assert emulator.get("configmaps", "team-a", "cfg") is not None


def test_old_label_objects_are_adopted_on_the_next_apply(emulator: Emulator, cluster: Cluster) -> None:
    old = m.configmap("old")
    old["metadata"]["labels"] = {"k8slab.io/stack": "lab"}
    emulator.seed(old, manager="k8slab")
    plan = apply([m.namespace(), m.configmap()], name="lab", cluster=cluster, prune=True, dry_run=True, **QUIET)
    assert [c.obj for c in plan.changes if c.action == "pruned"] == ["ConfigMap lab/old"]
    assert _labels(emulator, "configmaps", "lab", "old") == {"k8slab.io/stack": "lab"}  # a dry run changes nothing
    assert emulator.get("secrets", "lab", "applyset-lab") is None
    apply([m.namespace(), m.configmap()], name="lab", cluster=cluster, **QUIET)
    lab = applyset_id("applyset-lab", "lab")
    assert _labels(emulator, "configmaps", "lab", "old")[PART_OF] == lab  # adopted, not yet pruned
    assert _labels(emulator, "configmaps", "lab", "cfg") == {PART_OF: lab}  # the old label is gone from members
    result = apply([m.namespace(), m.configmap()], name="lab", cluster=cluster, prune=True, **QUIET)
    assert [c.obj for c in result.changes if c.action == "pruned"] == ["ConfigMap lab/old"]


def test_a_dropped_custom_kind_is_pruned(emulator: Emulator, cluster: Cluster) -> None:
    gadget = m.crd(kind="Gadget", plural="gadgets")
    thing = {"apiVersion": "example.com/v1", "kind": "Gadget", "metadata": {"name": "g", "namespace": "lab"}}
    apply([m.namespace(), gadget, thing, m.configmap()], name="lab", cluster=cluster, **QUIET)
    parent = emulator.get("secrets", "lab", "applyset-lab")
    assert parent is not None
    kinds = parent["metadata"]["annotations"]["applyset.kubernetes.io/contains-group-kinds"]
    assert kinds == "ConfigMap,CustomResourceDefinition.apiextensions.k8s.io,Gadget.example.com,Namespace"
    result = apply([m.namespace(), gadget, m.configmap()], name="lab", cluster=cluster, prune=True, **QUIET)
    assert [str(c) for c in result.changes if c.action == "pruned"] == ["Gadget lab/g pruned"]
    assert emulator.get("gadgets.example.com", "lab", "g") is None
    parent = emulator.get("secrets", "lab", "applyset-lab")
    assert parent is not None  # narrowed after the successful prune
    kinds = parent["metadata"]["annotations"]["applyset.kubernetes.io/contains-group-kinds"]
    assert kinds == "ConfigMap,CustomResourceDefinition.apiextensions.k8s.io,Namespace"


def _foreign_parent(emulator: Emulator, tooling: str) -> None:
    emulator.seed(
        {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {
                "name": "applyset-web",
                "namespace": "team-a",
                "labels": {"applyset.kubernetes.io/id": TEAM_A},
                "annotations": {
                    "applyset.kubernetes.io/tooling": tooling,
                    "applyset.kubernetes.io/contains-group-kinds": "ConfigMap",
                    "applyset.kubernetes.io/additional-namespaces": "",
                },
            },
        }
    )


def test_another_tools_set_is_refused_and_left_alone(emulator: Emulator, cluster: Cluster) -> None:
    _foreign_parent(emulator, "kubectl/v1.33.0")
    theirs = m.configmap("cfg", ns="team-a")
    theirs["metadata"]["labels"] = {PART_OF: TEAM_A}
    emulator.seed(theirs)
    before = len(emulator.requests)
    for action in (apply, delete):
        with pytest.raises(ApplyError) as err:
            action(_team("team-a"), name="web", cluster=cluster, **QUIET)
        assert str(err.value) == (
            "Secret team-a/applyset-web: is the ApplySet parent of another tool"
            " (applyset.kubernetes.io/tooling: 'kubectl/v1.33.0'); k8slab changes only its own sets"
        )
    assert {r.method for r in emulator.requests[before:]} == {"GET"}
    assert emulator.get("configmaps", "team-a", "cfg") is not None
    report = status(_team("team-a"), name="web", cluster=cluster)  # reading their set is fine
    assert "ConfigMap team-a/cfg" in [row for row, _ in report.rows]


def test_a_secret_in_the_parents_place_that_is_no_parent_is_refused(emulator: Emulator, cluster: Cluster) -> None:
    emulator.seed(m.secret("applyset-web", ns="team-a"))
    with pytest.raises(ApplyError, match="exists but is not an ApplySet parent"):
        apply(_team("team-a"), name="web", cluster=cluster, **QUIET)


@pytest.mark.parametrize(("status", "times", "error"), [(422, 1, Invalid), (500, 3, ServerError)])
def test_a_failure_halfway_records_the_new_kinds_and_a_rerun_converges(
    emulator: Emulator, cluster: Cluster, status: int, times: int, error: type[Exception]
) -> None:
    apply([m.namespace(), m.configmap()], name="lab", cluster=cluster, **QUIET)
    emulator.seed(m.configmap("by-hand"))
    hand = emulator.get("configmaps", "lab", "by-hand")
    more = [m.namespace(), m.configmap(), m.secret(), m.service(), m.deployment()]
    emulator.fail(
        "PATCH", "/services/web$", status, times=times, message="no"
    )  # the stack's 3rd object after the namespace
    with pytest.raises(error):
        apply(more, name="lab", cluster=cluster, prune=True, **QUIET)
    parent = emulator.get("secrets", "lab", "applyset-lab")
    assert parent is not None
    kinds = parent["metadata"]["annotations"]["applyset.kubernetes.io/contains-group-kinds"]
    assert kinds == "ConfigMap,Deployment.apps,Namespace,Secret,Service"  # recorded before anything new was sent
    assert emulator.get("secrets", "lab", "creds") is not None and emulator.get("services", "lab", "web") is None
    assert emulator.get("configmaps", "lab", "by-hand") == hand
    assert not [r for r in emulator.requests if r.method == "DELETE"]
    result = apply(more, name="lab", cluster=cluster, prune=True, **QUIET)
    assert {c.action for c in result.changes if c.obj in ("Service lab/web", "Deployment lab/web")} == {"created"}
    assert not apply(more, name="lab", cluster=cluster, prune=True, **QUIET).changed
    assert emulator.get("configmaps", "lab", "by-hand") == hand


def test_a_namespace_the_set_did_not_create_is_never_claimed(emulator: Emulator, cluster: Cluster) -> None:
    emulator.seed(m.namespace())
    result = apply([m.namespace(), m.configmap()], name="lab", cluster=cluster, **QUIET)
    assert [str(c) for c in result.changes if c.obj == "Namespace lab"] == [
        "Namespace lab configured (it existed before: not made part of the set, so never deleted with it)"
    ]
    assert PART_OF not in _labels(emulator, "namespaces", "", "lab")
    gone = delete([m.namespace(), m.configmap()], name="lab", cluster=cluster, **QUIET)
    assert [c.action for c in gone.changes if c.obj == "Namespace lab"] == ["skipped"]
    assert emulator.get("namespaces", "", "lab") is not None
    assert emulator.get("configmaps", "lab", "cfg") is None


def test_a_pruned_namespace_holding_other_objects_is_kept(emulator: Emulator, cluster: Cluster) -> None:
    apply([m.namespace(), m.namespace("extra"), m.configmap()], name="lab", cluster=cluster, **QUIET)
    emulator.seed(m.configmap("theirs", ns="extra"))
    result = apply([m.namespace(), m.configmap()], name="lab", cluster=cluster, prune=True, **QUIET)
    assert "Namespace extra skipped (kept: it holds objects outside the set (ConfigMap extra/theirs))" in [
        str(c) for c in result.changes
    ]
    assert emulator.get("namespaces", "", "extra") is not None
    parent = emulator.get("secrets", "lab", "applyset-lab")
    assert parent is not None and "Namespace" in parent["metadata"]["annotations"][
        "applyset.kubernetes.io/contains-group-kinds"
    ].split(",")


def test_manifests_without_a_name_apply_but_refuse_prune_and_delete(
    emulator: Emulator, kubeconfig: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "dist"
    directory.mkdir()
    (directory / "a.yaml").write_text(yaml.safe_dump_all([m.namespace(), m.configmap()]))
    base = ["--kubeconfig", str(kubeconfig), "--no-wait"]
    assert main(["apply", str(directory), *base]) == 0
    assert "applied without an ApplySet" in capsys.readouterr().out
    assert emulator.get("configmaps", "lab", "cfg") is not None
    assert emulator.get("secrets", "lab", "applyset-dist") is None  # never named after the directory
    refused = [
        ["apply", str(directory), *base, "--prune"],
        ["delete", str(directory), *base],
        ["diff", str(directory), "--kubeconfig", str(kubeconfig), "--prune"],
    ]
    for command in refused:
        assert main(command) == 2
        err = capsys.readouterr().err
        assert "pass --name NAME" in err and err.count("\n") == 1
    assert emulator.get("configmaps", "lab", "cfg") is not None


def test_k8slabs_mark_names_the_set_one_per_stack(tmp_path: Path) -> None:
    directory = tmp_path / "dist"
    directory.mkdir()
    for stack, ns in (("web", "team-a"), ("api", "team-b")):
        mark = provenance.yaml_line(provenance.Provenance(stack=stack, namespace=ns, source="lab.py"))
        (directory / f"{stack}.k8s.yaml").write_text(mark + yaml.safe_dump(m.configmap("cfg", ns=ns)))
    (directory / "plain.yaml").write_text(yaml.safe_dump(m.configmap("plain")))
    bundles = load_path(directory)
    assert sorted((b.name or "", b.namespace or "") for b in bundles) == [
        ("", ""),
        ("api", "team-b"),
        ("web", "team-a"),
    ]
    with pytest.raises(UsageError, match="--name applies to one stack, but the files hold 2: api, web"):
        load_path(directory, name="x")


def test_a_stack_name_must_name_a_secret() -> None:
    with pytest.raises(UsageError, match="cannot name a stack"):
        apply([m.configmap()], name="Not_A_Name")


def test_synthesized_yaml_of_two_same_named_stacks_through_the_cli(
    emulator: Emulator, kubeconfig: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def synthesized(ns: str, *objects: dict[str, Any]) -> Path:
        directory = tmp_path / f"dist-{ns}"
        directory.mkdir(exist_ok=True)
        mark = provenance.yaml_line(provenance.Provenance(stack="web", namespace=ns, source="web.py"))
        (directory / "web.k8s.yaml").write_text(mark + yaml.safe_dump_all(list(objects)))
        return directory

    base = ["--kubeconfig", str(kubeconfig), "--no-wait"]
    assert main(["apply", str(synthesized("team-a", *_team("team-a"))), *base]) == 0
    team_b = synthesized("team-b", *_team("team-b", m.configmap("extra", ns="team-b")))
    assert main(["apply", str(team_b), *base]) == 0
    team_a = {k: o["metadata"]["resourceVersion"] for k, o in emulator.store.objects.items() if "team-a" in k}
    synthesized("team-b", *_team("team-b"))
    assert main(["apply", str(team_b), *base, "--prune"]) == 0
    assert "ConfigMap team-b/extra pruned" in capsys.readouterr().out
    assert main(["delete", str(team_b), *base]) == 0
    out = capsys.readouterr().out
    assert "Namespace team-b deleted" in out and "team-a" not in out
    assert {k: o["metadata"]["resourceVersion"] for k, o in emulator.store.objects.items() if "team-a" in k} == team_a
    assert _labels(emulator, "deployments.apps", "team-a", "web")[PART_OF] == TEAM_A
