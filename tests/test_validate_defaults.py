"""The API server's decoding and defaulting before validation (k8slab.validation.defaults)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from k8slab.validation import engine
from k8slab.validation.defaults import defaulted, drop_nulls, zero_null_items
from k8slab.validation.documents import parse_text
from k8slab.validation.engine import check_object
from k8slab.validation.schema import validator_for

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
    monkeypatch.setattr(engine, "defaulted", lambda obj, *_: drop_nulls(obj))  # nulls only: "" is refused
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


def _pod(**spec: Any) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": spec}


def test_null_list_items_decode_to_the_zero_value_of_their_type() -> None:
    definition = validator_for("1.33").builtin_definition("v1", "Pod")
    assert definition is not None
    container = {"name": "c", "args": [None, "x"], "ports": [None], "readinessProbe": {"exec": {"command": [None]}}}
    pod = _pod(containers=[None, container], hostAliases=[{"hostnames": [None]}], readinessGates=[None])
    zero_null_items(pod, *definition)
    assert pod["spec"]["containers"] == [
        {},
        {**container, "args": ["", "x"], "ports": [{}], "readinessProbe": {"exec": {"command": [""]}}},
    ]
    assert pod["spec"]["hostAliases"] == [{"hostnames": [""]}]
    assert pod["spec"]["readinessGates"] == [{}]


def test_null_int_or_string_and_number_items_decode_to_zero() -> None:
    definitions = {"IntOrString": {"oneOf": [{"type": ["string", "null"]}, {"type": ["integer", "null"]}]}}
    schema = {"properties": {"a": {"items": {"$ref": "#/$defs/IntOrString"}}, "b": {"items": {"type": "boolean"}}}}
    value: dict[str, Any] = {"a": [None, "x"], "b": [None], "c": [None]}
    zero_null_items(value, schema, definitions)
    assert value == {"a": [0, "x"], "b": [False], "c": [None]}  # c has no schema: left alone


def test_a_null_container_is_a_container_without_name_or_image() -> None:
    found = {(p.path, p.message) for p in check_object(_pod(containers=[None])) or []}
    assert ("spec.containers[0].name", "required field is missing") in found
    assert {path for path, _ in found} == {"spec.containers[0].name", "spec.containers[0].image"}


@pytest.mark.parametrize(
    ("field", "value"),
    [("imagePullSecrets", [None]), ("containers", [{"name": "c", "image": "nginx", "args": [None]}])],
    ids=["image-pull-secret", "argument"],
)
def test_a_null_item_whose_zero_value_is_valid_is_accepted(field: str, value: list[Any]) -> None:
    spec: dict[str, Any] = {"containers": [{"name": "c", "image": "nginx"}], field: value}
    assert check_object(_pod(**spec)) == []


def test_defaulting_leaves_null_items_alone_without_a_decoder() -> None:
    pod = _pod(containers=[None])
    assert defaulted(pod)["spec"]["containers"] == [None]
    assert defaulted(pod, lambda copy: copy["spec"].update(containers=[{}]))["spec"]["containers"][0]["imagePullPolicy"]


# -- the defaulting table of docs/guides/validate.md, row by row ----------------------------------

_CONTAINER = {"name": "web", "image": "nginx:1.27", "ports": [{"name": "http", "containerPort": 8080}]}
_TEMPLATE = {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [_CONTAINER]}}
_SELECTOR = {"matchLabels": {"app": "web"}}


def _object(kind: str) -> dict[str, Any]:
    """A valid object of each kind the table names."""
    meta = {"name": "web"}
    workload = {"selector": _SELECTOR, "template": _TEMPLATE}
    bodies: dict[str, dict[str, Any]] = {
        "Pod": {"apiVersion": "v1", "spec": _TEMPLATE["spec"]},
        "Service": {"apiVersion": "v1", "spec": {"selector": {"app": "web"}, "ports": [{"port": 80}]}},
        "Endpoints": {"apiVersion": "v1", "subsets": [{"addresses": [{"ip": "10.0.0.1"}], "ports": [{"port": 80}]}]},
        "Secret": {"apiVersion": "v1", "stringData": {"k": "v"}},
        "PersistentVolume": {
            "apiVersion": "v1",
            "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"], "hostPath": {"path": "/d"}},
        },
        "ReplicationController": {"apiVersion": "v1", "spec": {"template": _TEMPLATE}},
        "Deployment": {"apiVersion": "apps/v1", "spec": workload},
        "DaemonSet": {"apiVersion": "apps/v1", "spec": workload},
        "StatefulSet": {"apiVersion": "apps/v1", "spec": {**workload, "serviceName": "web"}},
        "CronJob": {
            "apiVersion": "batch/v1",
            "spec": {
                "schedule": "0 3 * * *",
                "jobTemplate": {"spec": {"template": {"spec": {**_TEMPLATE["spec"], "restartPolicy": "Never"}}}},
            },
        },
        "NetworkPolicy": {"apiVersion": "networking.k8s.io/v1", "spec": {"podSelector": {}}},
        "Job": {
            "apiVersion": "batch/v1",
            "spec": {"template": {"spec": {**_TEMPLATE["spec"], "restartPolicy": "Never"}}},
        },
        "RoleBinding": {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "reader"},
            "subjects": [{"kind": "User", "name": "alice", "apiGroup": "rbac.authorization.k8s.io"}],
        },
        "StorageClass": {"apiVersion": "storage.k8s.io/v1", "provisioner": "example.com/disk"},
        "IngressClass": {
            "apiVersion": "networking.k8s.io/v1",
            "spec": {"controller": "example.com/ingress", "parameters": {"kind": "Params", "name": "p"}},
        },
        "PriorityClass": {"apiVersion": "scheduling.k8s.io/v1", "value": 1000},
        "ControllerRevision": {"apiVersion": "apps/v1", "data": {}, "revision": 1},
        "HorizontalPodAutoscaler": {
            "apiVersion": "autoscaling/v2",
            "spec": {
                "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
                "maxReplicas": 3,
            },
        },
    }
    return copy.deepcopy({"kind": kind, "metadata": meta, **bodies[kind]})


P = ("spec",)
C = ("spec", "containers", 0)
T = ("spec", "template", "spec", "containers", 0)
# (kind, path set, value given (a missing key: _UNSET), path read back, value the server validates)
_UNSET = object()
TABLE_ROWS: list[tuple[str, tuple[Any, ...], Any, tuple[Any, ...] | None, Any]] = [
    ("Deployment", ("metadata", "labels", "team"), None, ("metadata", "labels", "team"), ""),
    ("Pod", (*C, "resources"), {"requests": {"cpu": None}}, (*C, "resources", "requests", "cpu"), "0"),
    ("Pod", (*C, "args"), [None], (*C, "args", 0), ""),
    ("Pod", (*P, "dnsPolicy"), "", (*P, "dnsPolicy"), "ClusterFirst"),
    ("Pod", (*P, "restartPolicy"), "", (*P, "restartPolicy"), "Always"),
    ("Pod", (*C, "imagePullPolicy"), "", (*C, "imagePullPolicy"), "IfNotPresent"),
    ("Pod", (*C, "terminationMessagePath"), "", (*C, "terminationMessagePath"), "/dev/termination-log"),
    ("Pod", (*C, "terminationMessagePolicy"), "", (*C, "terminationMessagePolicy"), "File"),
    ("Pod", (*C, "ports", 0, "protocol"), "", (*C, "ports", 0, "protocol"), "TCP"),
    (
        "Pod",
        (*C, "readinessProbe"),
        {"tcpSocket": {"port": 80}, "timeoutSeconds": 0},
        (*C, "readinessProbe", "timeoutSeconds"),
        1,
    ),
    (
        "Pod",
        (*C, "readinessProbe"),
        {"tcpSocket": {"port": 80}, "periodSeconds": 0},
        (*C, "readinessProbe", "periodSeconds"),
        10,
    ),
    (
        "Pod",
        (*C, "livenessProbe"),
        {"tcpSocket": {"port": 80}, "successThreshold": 0},
        (*C, "livenessProbe", "successThreshold"),
        1,
    ),
    (
        "Pod",
        (*C, "readinessProbe"),
        {"tcpSocket": {"port": 80}, "failureThreshold": 0},
        (*C, "readinessProbe", "failureThreshold"),
        3,
    ),
    (
        "Pod",
        (*C, "readinessProbe"),
        {"httpGet": {"port": 80, "path": ""}},
        (*C, "readinessProbe", "httpGet", "path"),
        "/",
    ),
    (
        "Pod",
        (*C, "lifecycle"),
        {"preStop": {"httpGet": {"port": 80, "scheme": ""}}},
        (*C, "lifecycle", "preStop", "httpGet", "scheme"),
        "HTTP",
    ),
    (
        "Pod",
        (*C, "env"),
        [{"name": "N", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name", "apiVersion": ""}}}],
        (*C, "env", 0, "valueFrom", "fieldRef", "apiVersion"),
        "v1",
    ),
    ("Pod", (*P, "volumes"), [{"name": "scratch"}], (*P, "volumes", 0, "emptyDir"), {}),
    ("Service", (*P, "sessionAffinity"), "", (*P, "sessionAffinity"), "None"),
    ("Service", (*P, "type"), "", (*P, "type"), "ClusterIP"),
    ("Service", (*P, "ports", 0, "protocol"), "", (*P, "ports", 0, "protocol"), "TCP"),
    ("Service", (*P, "ports", 0, "targetPort"), "", (*P, "ports", 0, "targetPort"), 80),
    ("Service", (*P, "ports", 0, "targetPort"), 0, (*P, "ports", 0, "targetPort"), 80),
    ("Service", (*P, "externalIPs"), ["192.0.2.10"], (*P, "externalTrafficPolicy"), "Cluster"),
    ("Service", (*P, "sessionAffinity"), "None", (*P, "internalTrafficPolicy"), "Cluster"),
    ("Endpoints", ("subsets", 0, "ports", 0, "protocol"), "", ("subsets", 0, "ports", 0, "protocol"), "TCP"),
    ("Secret", ("type",), "", ("type",), "Opaque"),
    ("PersistentVolume", (*P, "persistentVolumeReclaimPolicy"), "", (*P, "persistentVolumeReclaimPolicy"), "Retain"),
    ("ReplicationController", (*P, "selector"), _UNSET, (*P, "selector"), {"app": "web"}),
    (
        "Deployment",
        (*P, "strategy"),
        {"type": ""},
        (*P, "strategy"),
        {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": "25%"}},
    ),
    (
        "DaemonSet",
        (*P, "updateStrategy"),
        {"type": ""},
        (*P, "updateStrategy"),
        {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1, "maxSurge": 0}},
    ),
    ("StatefulSet", (*P, "podManagementPolicy"), "", (*P, "podManagementPolicy"), "OrderedReady"),
    (
        "StatefulSet",
        (*P, "updateStrategy"),
        {"type": ""},
        (*P, "updateStrategy"),
        {"type": "RollingUpdate", "rollingUpdate": {"partition": 0}},
    ),
    (
        "StatefulSet",
        (*P, "persistentVolumeClaimRetentionPolicy"),
        {"whenDeleted": ""},
        (*P, "persistentVolumeClaimRetentionPolicy"),
        {"whenDeleted": "Retain", "whenScaled": "Retain"},
    ),
    ("CronJob", (*P, "concurrencyPolicy"), "", (*P, "concurrencyPolicy"), "Allow"),
    ("Job", (*P, "parallelism"), _UNSET, (*P, "completions"), 1),
    (
        "Job",
        (*P, "podFailurePolicy"),
        {"rules": [{"action": "Ignore", "onPodConditions": [{"type": "DisruptionTarget"}]}]},
        (*P, "podFailurePolicy", "rules", 0, "onPodConditions", 0, "status"),
        "True",
    ),
    ("RoleBinding", ("roleRef", "apiGroup"), "", ("roleRef", "apiGroup"), "rbac.authorization.k8s.io"),
    ("RoleBinding", ("subjects", 0, "apiGroup"), _UNSET, ("subjects", 0, "apiGroup"), "rbac.authorization.k8s.io"),
    ("StorageClass", ("reclaimPolicy",), _UNSET, None, None),  # the storage rules read a missing one as Delete
    ("StorageClass", ("volumeBindingMode",), _UNSET, None, None),  # ... and Immediate
    ("IngressClass", (*P, "parameters", "scope"), _UNSET, None, None),  # the networking rules: Cluster
    ("StatefulSet", (*P, "serviceName"), _UNSET, (*P, "serviceName"), ""),
    ("NetworkPolicy", (*P, "podSelector"), _UNSET, (*P, "podSelector"), {}),
    ("PriorityClass", ("value",), _UNSET, ("value",), 0),
    ("ControllerRevision", ("revision",), _UNSET, ("revision",), 0),
    ("NetworkPolicy", (*P, "ingress"), [{"ports": [{"port": 80}]}], (*P, "ingress", 0, "ports", 0, "protocol"), "TCP"),
    ("NetworkPolicy", (*P, "egress"), [{}], (*P, "policyTypes"), ["Ingress", "Egress"]),
    ("HorizontalPodAutoscaler", (*P, "minReplicas"), _UNSET, (*P, "minReplicas"), 1),
    (
        "HorizontalPodAutoscaler",
        (*P, "metrics"),
        _UNSET,
        (*P, "metrics", 0, "resource"),
        {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 80}},
    ),
    (
        "HorizontalPodAutoscaler",
        (*P, "behavior"),
        {"scaleDown": {"stabilizationWindowSeconds": 60}},
        (*P, "behavior", "scaleUp", "selectPolicy"),
        "Max",
    ),
]


def _get(obj: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        obj = obj[part]
    return obj


def _put(obj: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    node: Any = obj
    for part in path[:-1]:
        node = node.setdefault(part, {}) if isinstance(node, dict) else node[part]
    if value is _UNSET:
        node.pop(path[-1], None)
    else:
        node[path[-1]] = value


@pytest.mark.parametrize(
    ("kind", "path", "given", "read", "becomes"), TABLE_ROWS, ids=lambda v: v if isinstance(v, str) else None
)
def test_each_row_of_the_defaulting_table_is_applied_and_accepted(
    kind: str, path: tuple[Any, ...], given: Any, read: tuple[Any, ...] | None, becomes: Any
) -> None:
    obj = _object(kind)
    _put(obj, path, given)
    defaults_once = defaulted(
        obj, lambda copy: zero_null_items(copy, *validator_for("1.33").builtin_definition(obj["apiVersion"], kind))
    )
    if read is not None:
        assert _get(defaults_once, read) == becomes
    for version in ("1.28", "1.33"):  # before and after the OpenAPI stopped marking some of these required
        assert check_object(obj, kube_version=version) == [], (kind, version)
