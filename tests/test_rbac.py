"""ServiceAccount and RBAC: typed rules, least privilege by default (broad rules need a reason,
which checkov's skip annotation carries), the token mounted only with permissions, bindings,
and the chart equal to the plain YAML under Helm 4 and Helm 3."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import k8slab as kl

from .conftest import checkov_scan
from .test_chart import HELMS, by_key, plain_objects, template, write

IMAGE = {"image": "nginx:1.27", "port": 8080}
READ_CONFIG = kl.Rule(resources=["configmaps"], verbs=["get", "list"])


def _objects(*builders: Any) -> dict[tuple[str, str], dict[str, Any]]:
    return {(o["kind"], o["metadata"]["name"]): o for o in kl.Stack("s", *builders, namespace="shop").objects()}


def _pod(objects: dict[tuple[str, str], dict[str, Any]]) -> dict[str, Any]:
    pod: dict[str, Any] = objects[("Deployment", "web")]["spec"]["template"]["spec"]
    return pod


def test_the_token_is_mounted_only_with_permissions() -> None:
    plain = _pod(_objects(kl.App("web", **IMAGE)))
    assert plain["automountServiceAccountToken"] is False and "serviceAccountName" not in plain
    idle = _objects(kl.App("web", service_account=kl.ServiceAccount("web"), **IMAGE))
    assert _pod(idle)["automountServiceAccountToken"] is False and _pod(idle)["serviceAccountName"] == "web"
    assert ("Role", "web") not in idle
    reader = kl.ServiceAccount("web", rules=[READ_CONFIG])
    objects = _objects(kl.App("web", service_account=reader, **IMAGE))
    assert _pod(objects)["automountServiceAccountToken"] is True
    assert objects[("ServiceAccount", "web")]["automountServiceAccountToken"] is False
    assert objects[("Role", "web")]["rules"] == [
        {"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get", "list"]}
    ]
    binding = objects[("RoleBinding", "web")]
    assert binding["roleRef"] == {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "web"}
    assert binding["subjects"] == [{"kind": "ServiceAccount", "name": "web", "namespace": "shop"}]
    annotations = objects[("Deployment", "web")]["metadata"]["annotations"]
    assert any(v.startswith("CKV_K8S_38=") for v in annotations.values())


def test_roles_and_cluster_roles_are_bound_in_the_namespace() -> None:
    role = kl.Role("events", rules=[kl.Rule(resources=["events"], verbs=["create"])])
    nodes = kl.ClusterRole("nodes", rules=[kl.Rule(resources=["nodes"], verbs=["get"])])
    sa = kl.ServiceAccount("agent", roles=[role, nodes])
    objects = _objects(sa)
    assert objects[("RoleBinding", "agent-events")]["roleRef"]["kind"] == "Role"
    assert objects[("RoleBinding", "agent-nodes")]["roleRef"]["kind"] == "ClusterRole"
    assert "namespace" not in objects[("ClusterRole", "nodes")]["metadata"]
    wide = _objects(kl.ClusterRoleBinding("agent-nodes-everywhere", role=nodes, subjects=[sa]))
    assert "namespace" not in wide[("ClusterRoleBinding", "agent-nodes-everywhere")]["metadata"]


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"resources": ["*"], "verbs": ["get"]}, "reason"),
        ({"resources": ["pods"], "verbs": ["*"]}, "reason"),
        ({"resources": ["pods"], "verbs": ["get"], "api_groups": ["*"]}, "reason"),
        ({"resources": ["secrets"], "verbs": ["list"]}, "reason"),
        ({"resources": ["roles"], "verbs": ["bind"], "api_groups": ["rbac.authorization.k8s.io"]}, "reason"),
        ({"resources": ["users"], "verbs": ["impersonate"]}, "reason"),
        ({"resources": ["pods"], "verbs": ["read"]}, "verbs[0]"),
        ({"resources": ["Pods"], "verbs": ["get"]}, "resources[0]"),
        ({"resources": [], "verbs": ["get"]}, "resources"),
        ({"resources": ["pods"], "verbs": []}, "verbs"),
        ({"resources": ["pods"], "verbs": ["get"], "api_groups": ["Apps"]}, "api_groups[0]"),
        ({"resources": ["*"], "verbs": ["get"], "reason": " "}, "reason"),
    ],
)
def test_broad_or_invalid_rules_are_refused(kwargs: dict[str, Any], path: str) -> None:
    with pytest.raises(kl.SpecError) as err:
        kl.Rule(**kwargs)
    assert path in [p.path for p in err.value.problems], err.value.problems


def test_a_reasoned_wildcard_is_allowed_and_skipped_for_checkov(tmp_path: Path) -> None:
    rule = kl.Rule(resources=["*"], verbs=["get", "list"], api_groups=["*"], reason="a read-only cluster dashboard")
    stack = kl.Stack("dash", kl.ClusterRoleBinding("dash", role=kl.ClusterRole("dash", rules=[rule]),
                                                   subjects=[kl.ServiceAccount("dash")]), namespace="shop")  # fmt: skip
    objects = {(o["kind"], o["metadata"]["name"]): o for o in stack.objects()}
    assert objects[("ClusterRole", "dash")]["metadata"]["annotations"] == {
        "checkov.io/skip1": "CKV_K8S_49=a read-only cluster dashboard"
    }
    stack.synth(tmp_path)
    failed, passed = checkov_scan(tmp_path)
    assert failed == [] and passed > 0


def test_bindings_need_subjects_and_roles_rules() -> None:
    with pytest.raises(kl.SpecError, match="at least one rule"):
        kl.Role("r", rules=[])
    with pytest.raises(kl.SpecError, match="at least one ServiceAccount"):
        kl.RoleBinding("b", role=kl.Role("r", rules=[READ_CONFIG]), subjects=[])
    with pytest.raises(kl.SpecError) as err:
        kl.ClusterRoleBinding("b", role=kl.Role("r", rules=[READ_CONFIG]), subjects=[kl.ServiceAccount("a")])  # type: ignore[arg-type]
    assert err.value.problems[0].path == "role"
    with pytest.raises(kl.SpecError, match="twice"):
        role = kl.Role("r", rules=[READ_CONFIG])
        kl.ServiceAccount("a", roles=[role, role])


@pytest.mark.parametrize("helm", HELMS)
def test_rbac_chart_equals_plain_yaml_with_release_names(helm: str, tmp_path: Path) -> None:
    sa = kl.ServiceAccount("web", rules=[READ_CONFIG], roles=[kl.ClusterRole("nodes", rules=[
        kl.Rule(resources=["nodes"], verbs=["get"])])])  # fmt: skip
    stack = kl.Stack("shop", kl.App("web", service_account=sa, **IMAGE), namespace="shop")
    chart = write(stack, tmp_path / "shop")
    assert by_key(template(helm, chart, "shop", "shop", "--skip-tests")) == by_key(plain_objects(stack))
    other = {(o["kind"], o["metadata"]["name"]): o for o in template(helm, chart, "b", "x", "--skip-tests")}
    binding = other[("RoleBinding", "b-web")]
    assert binding["roleRef"]["name"] == "b-web"
    assert binding["subjects"] == [{"kind": "ServiceAccount", "name": "b-web", "namespace": "x"}]
    assert other[("Deployment", "b-web")]["spec"]["template"]["spec"]["serviceAccountName"] == "b-web"
