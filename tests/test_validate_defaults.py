"""The API server's decoding and defaulting before validation (k8slab.validation.defaults)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from k8slab.validation import engine
from k8slab.validation.defaults import defaulted, drop_nulls
from k8slab.validation.documents import parse_text
from k8slab.validation.engine import check_object

VALID = sorted((Path(__file__).parent / "fixtures" / "validate" / "valid").glob("*.yaml"))


def _documents(path: Path) -> list[Any]:
    documents, error = parse_text(path.name, path.read_text())
    assert error is None
    return [d.body for d in documents if d.body is not None]


def _stateful_set() -> dict[str, Any]:
    container = {
        "name": "db",
        "image": "postgres:16",
        "ports": [{"name": "pg", "containerPort": 5432}],
        "readinessProbe": {"httpGet": {"port": 8080}},
    }
    return {
        "apiVersion": "apps/v1",
        "kind": "StatefulSet",
        "metadata": {"name": "db"},
        "spec": {
            "serviceName": "db",
            "selector": {"matchLabels": {"app": "db"}},
            "template": {"metadata": {"labels": {"app": "db"}}, "spec": {"containers": [container]}},
        },
    }


POD = ("spec", "template", "spec")
CONTAINER = (*POD, "containers", 0)
EMPTY_STRING_DEFAULTS = [
    ("spec", "podManagementPolicy"),
    (*POD, "restartPolicy"),
    (*POD, "dnsPolicy"),
    (*CONTAINER, "ports", 0, "protocol"),
    (*CONTAINER, "readinessProbe", "httpGet", "scheme"),
    (*CONTAINER, "imagePullPolicy"),
    (*CONTAINER, "terminationMessagePolicy"),
]


def _set(obj: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    node: Any = obj
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


def test_the_base_object_is_valid() -> None:
    assert check_object(_stateful_set()) == []


@pytest.mark.parametrize("path", EMPTY_STRING_DEFAULTS, ids=lambda p: ".".join(map(str, p[-2:])))
def test_each_empty_string_default_changes_the_verdict(path: tuple[str | int, ...], monkeypatch: Any) -> None:
    obj = _stateful_set()
    _set(obj, path, "")
    assert check_object(obj) == []
    monkeypatch.setattr(engine, "defaulted", drop_nulls)  # nulls only: the empty string is refused
    assert [p.path for p in check_object(obj) or []] != []


@settings(max_examples=40, deadline=None)
@given(st.sets(st.sampled_from(EMPTY_STRING_DEFAULTS)), st.sampled_from(["", None]))
def test_any_set_of_defaulted_fields_empty_or_null_is_accepted(paths: set[tuple[str | int, ...]], value: Any) -> None:
    obj = _stateful_set()
    for path in paths:
        _set(obj, path, value)
    assert check_object(obj) == []


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(EMPTY_STRING_DEFAULTS), st.text(min_size=1, max_size=8))
def test_a_wrong_value_in_a_defaulted_field_is_still_refused(path: tuple[str | int, ...], value: str) -> None:
    allowed = {"OrderedReady", "Parallel", "Always", "OnFailure", "Never", "ClusterFirst", "ClusterFirstWithHostNet"}
    allowed |= {"Default", "None", "TCP", "UDP", "SCTP", "HTTP", "HTTPS", "IfNotPresent", "File"}
    assume(value not in allowed | {"FallbackToLogsOnError"})
    obj = _stateful_set()
    _set(obj, path, value)
    assert check_object(obj)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_defaulting_copies_and_is_idempotent(path: Path) -> None:
    for doc in _documents(path):
        before = copy.deepcopy(doc)
        once = defaulted(doc)
        assert doc == before  # the input is never changed
        assert defaulted(once) == once


def test_nulls_in_maps_keep_their_keys_with_the_zero_value() -> None:
    obj = {"metadata": {"labels": {"a": None}}, "spec": {"x": None, "limits": {"cpu": None}, "args": [None]}}
    assert drop_nulls(obj) == {"metadata": {"labels": {"a": ""}}, "spec": {"limits": {"cpu": "0"}, "args": [None]}}


def test_image_tags_decide_the_pull_policy() -> None:
    def policy(image: str) -> str:
        pod = {"apiVersion": "v1", "kind": "Pod", "spec": {"containers": [{"name": "c", "image": image}]}}
        return str(defaulted(pod)["spec"]["containers"][0]["imagePullPolicy"])

    assert policy("nginx") == "Always"
    assert policy("nginx:latest") == "Always"
    assert policy("registry:5000/nginx") == "Always"
    assert policy("nginx:1.27") == "IfNotPresent"
    assert policy("nginx@sha256:" + "0" * 64) == "IfNotPresent"


def test_custom_resources_are_not_defaulted_as_built_ins() -> None:
    obj = {"apiVersion": "example.com/v1", "kind": "Deployment", "metadata": {"name": "x"}, "spec": {}}
    assert check_object(obj) is None
