"""Raw objects: plain manifests in a Stack get its namespace and labels, are validated at
construction, and render in a chart equal to the plain YAML under Helm 4 and Helm 3."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import k8slab as kl
from k8slab.builders.raw import Raw

from .test_chart import HELMS, by_key, plain_objects, template, write

APP = kl.App("web", image="nginx:1.27", port=8080)


def _config(**meta: Any) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "extra", **meta},
        "data": {"greeting": "hello {{ world }}", "script": "line one\nline {{ two }}\n"},
    }


PRIORITY = {"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": {"name": "high"}, "value": 100}


def _by(stack: kl.Stack) -> dict[tuple[str, str], dict[str, Any]]:
    return {(o["kind"], o["metadata"]["name"]): o for o in stack.objects()}


def test_a_raw_object_gets_the_namespace_and_labels() -> None:
    stack = kl.Stack("shop", APP, _config(labels={"team": "a"}), PRIORITY, namespace="shop")
    objects = _by(stack)
    cm = objects[("ConfigMap", "extra")]
    assert cm["metadata"]["namespace"] == "shop"
    assert cm["metadata"]["labels"] == {
        "app.kubernetes.io/instance": "shop",
        "app.kubernetes.io/managed-by": "k8slab",
        "app.kubernetes.io/name": "extra",
        "team": "a",
    }
    assert cm["data"] == _config()["data"]
    assert "namespace" not in objects[("PriorityClass", "high")]["metadata"]  # cluster-scoped


def test_the_dict_is_copied() -> None:
    manifest = _config()
    stack = kl.Stack("shop", manifest, namespace="shop")
    manifest["data"]["greeting"] = "changed"
    assert _by(stack)[("ConfigMap", "extra")]["data"]["greeting"] == "hello {{ world }}"


@pytest.mark.parametrize(
    ("manifest", "path", "message"),
    [
        ({"kind": "ConfigMap", "metadata": {"name": "x"}}, "builders[1].apiVersion", "is required"),
        ({"apiVersion": "v1", "kind": "ConfigMap"}, "builders[1].metadata.name", "is required"),
        ({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "Bad_Name"}}, "metadata.name", "subdomain"),
        ({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "uid": "1"}}, "metadata.uid", ""),
        ({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "status": {}}, "status", "cluster"),
        ({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"a": 1}}, "data.a", "string"),
        ({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "namespace": "other"}}, "namespace", ""),
        ({**PRIORITY, "metadata": {"name": "high", "namespace": "shop"}}, "metadata.namespace", "cluster-scoped"),
        ({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "labels": {"a": 1}}}, "labels", ""),
        ({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"a": float("nan")}}, "", ""),
    ],
)
def test_invalid_raw_objects_fail_at_construction(manifest: dict[str, Any], path: str, message: str) -> None:
    with pytest.raises(kl.SpecError) as err:
        kl.Stack("shop", APP, manifest, namespace="shop")
    assert any(path in p.path and message in p.message for p in err.value.problems), err.value.problems


def test_raw_objects_take_part_in_cross_checks() -> None:
    """A raw Deployment that mounts a ConfigMap nobody makes is refused like a builder's would be."""
    deployment = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "lonely"},
        "spec": {
            "containers": [{"name": "c", "image": "nginx:1.27", "envFrom": [{"configMapRef": {"name": "missing"}}]}]
        },
    }
    stack = kl.Stack("shop", deployment, namespace="shop")
    with pytest.raises(kl.ValidationFailed, match="missing"):
        stack.objects()


def test_equal_raw_objects_are_one() -> None:
    stack = kl.Stack("shop", _config(), _config(), namespace="shop")
    assert [b for b in stack.builders if isinstance(b, Raw)] == [Raw(_config())]


@pytest.mark.parametrize("helm", HELMS)
def test_chart_of_raw_objects_equals_the_plain_yaml(helm: str, tmp_path: Path) -> None:
    stack = kl.Stack("shop", APP, _config(annotations={"note": "{{ not a template }}"}), PRIORITY, namespace="shop")
    chart = write(stack, tmp_path / "shop")
    text = (chart / "templates" / "configmap-extra.yaml").read_text()
    assert "namespace: {{ $.Release.Namespace | quote }}" in text
    assert 'include "shop.fullname" (list $ "extra")' in text
    assert by_key(template(helm, chart, "shop", "shop", "--skip-tests")) == by_key(plain_objects(stack))
    other = {(o["kind"], o["metadata"]["name"]): o for o in template(helm, chart, "two", "elsewhere", "--skip-tests")}
    assert other[("ConfigMap", "two-extra")]["metadata"]["namespace"] == "elsewhere"
