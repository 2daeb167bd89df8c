"""Strict OpenAPI schema validation: k8slab.validation.schema."""

from __future__ import annotations

import copy
import datetime
import json
import time
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import k8slab
from k8slab.errors import Problem, UsageError
from k8slab.validation import schema as schema_module
from k8slab.validation.documents import parse_text
from k8slab.validation.engine import check, check_object
from k8slab.validation.schema import (
    DEFAULT_KUBE_VERSION,
    STILL_MARKED_REQUIRED,
    UNENFORCED_REQUIRED,
    SchemaValidator,
    definitions_document,
    schema_dir,
    supported_versions,
    validator_for,
)

CRD_DIR = Path(k8slab.__file__).parent / "data" / "crds"  # the operator CRDs bundled with k8slab
EXPECTED_VERSIONS = [f"1.{minor}" for minor in range(25, 38)]


def deployment() -> dict[str, Any]:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "web", "namespace": "shop", "labels": {"app": "web"}},
        "spec": {
            "replicas": 2,
            "selector": {"matchLabels": {"app": "web"}},
            "template": {
                "metadata": {"labels": {"app": "web"}},
                "spec": {
                    "securityContext": {
                        "runAsNonRoot": True,
                        "runAsUser": 1000,
                        "seccompProfile": {"type": "RuntimeDefault"},
                    },
                    "containers": [
                        {
                            "name": "web",
                            "image": "nginx:1.27",
                            "ports": [{"containerPort": 8080, "name": "http", "protocol": "TCP"}],
                            "resources": {
                                "requests": {"cpu": "100m", "memory": "128Mi"},
                                "limits": {"cpu": 1, "memory": "256Mi"},
                            },
                            "livenessProbe": {"httpGet": {"path": "/healthz", "port": "http"}, "periodSeconds": 10},
                            "readinessProbe": {"httpGet": {"path": "/ready", "port": 8080}},
                            "env": [{"name": "MODE", "value": "prod"}],
                            "securityContext": {
                                "allowPrivilegeEscalation": False,
                                "readOnlyRootFilesystem": True,
                                "capabilities": {"drop": ["ALL"]},
                            },
                        }
                    ],
                },
            },
        },
    }


def container(obj: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = obj["spec"]["template"]["spec"]["containers"][0]
    return result


VALID_OBJECTS: dict[str, dict[str, Any]] = {
    "Deployment": deployment(),
    "Service": {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": "web"},
        "spec": {"selector": {"app": "web"}, "ports": [{"name": "http", "port": 80, "targetPort": "http"}]},
    },
    "ConfigMap": {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg"}, "data": {"a.conf": "x=1"}},
    "Secret": {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {"name": "creds"},
        "type": "Opaque",
        "data": {"password": "aHVudGVyMg=="},
        "stringData": {"user": "admin"},
    },
    "LimitRange": {
        "apiVersion": "v1",
        "kind": "LimitRange",
        "metadata": {"name": "limits"},
        "spec": {"limits": [{"type": "Container", "default": {"cpu": "500m"}, "defaultRequest": {"memory": "64Mi"}}]},
    },
    "StatefulSet": {
        "apiVersion": "apps/v1",
        "kind": "StatefulSet",
        "metadata": {"name": "db"},
        "spec": {
            "serviceName": "db",
            "replicas": 1,
            "selector": {"matchLabels": {"app": "db"}},
            "template": {
                "metadata": {"labels": {"app": "db"}},
                "spec": {
                    "containers": [
                        {"name": "db", "image": "postgres:17", "volumeMounts": [{"name": "data", "mountPath": "/data"}]}
                    ]
                },
            },
            "volumeClaimTemplates": [
                {
                    "metadata": {"name": "data"},
                    "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}},
                }
            ],
        },
    },
    "NetworkPolicy": {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": {"name": "web"},
        "spec": {
            "podSelector": {"matchLabels": {"app": "web"}},
            "policyTypes": ["Ingress"],
            "ingress": [{"from": [{"podSelector": {}}], "ports": [{"port": 8080, "protocol": "TCP"}]}],
        },
    },
}


def service_monitor() -> dict[str, Any]:
    return {
        "apiVersion": "monitoring.coreos.com/v1",
        "kind": "ServiceMonitor",
        "metadata": {"name": "web", "labels": {"release": "prom"}},
        "spec": {
            "selector": {"matchLabels": {"app": "web"}},
            "endpoints": [
                {"port": "http", "path": "/metrics", "interval": "30s", "scheme": "https", "targetPort": 8080}
            ],
        },
    }


@pytest.fixture
def validator() -> SchemaValidator:
    return SchemaValidator()


@pytest.fixture
def crd_validator() -> SchemaValidator:
    fresh = SchemaValidator()
    for path in sorted(CRD_DIR.glob("*.yaml")):
        fresh.add_crd(yaml.safe_load(path.read_text()))
    return fresh


# --- versions -----------------------------------------------------------------------------------


def test_supported_versions_are_1_25_to_1_37() -> None:
    assert supported_versions() == EXPECTED_VERSIONS
    assert DEFAULT_KUBE_VERSION == "1.33"


@pytest.mark.parametrize("version", EXPECTED_VERSIONS)
def test_every_supported_version_constructs_and_validates(version: str) -> None:
    checker = SchemaValidator(version)
    assert checker.kube_version == version
    assert checker.problems(deployment()) == []
    bad = deployment()
    bad["spec"]["replica"] = 1
    assert checker.problems(bad) == [Problem("Deployment/web", "spec.replica", 'unknown field "replica"')]


@pytest.mark.parametrize("version", ["1.24", "1.38", "2.0", "latest", ""])
def test_unsupported_version_raises_usage_error_listing_supported(version: str) -> None:
    with pytest.raises(UsageError) as caught:
        SchemaValidator(version)
    assert "1.25" in str(caught.value)
    assert "1.37" in str(caught.value)


def test_validator_for_is_cached_per_version_across_spellings() -> None:
    assert validator_for() is validator_for("1.33") is validator_for("v1.33.0")
    assert validator_for("1.30") is not validator_for("1.33")
    assert validator_for("1.30").kube_version == "1.30"


# --- built-in kinds -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(VALID_OBJECTS))
def test_valid_objects_pass(validator: SchemaValidator, kind: str) -> None:
    assert validator.problems(copy.deepcopy(VALID_OBJECTS[kind])) == []


def test_unknown_field_points_at_the_field(validator: SchemaValidator) -> None:
    obj = deployment()
    obj["spec"]["replica"] = 3
    assert validator.problems(obj) == [Problem("Deployment/web", "spec.replica", 'unknown field "replica"')]


def test_unknown_nested_field(validator: SchemaValidator) -> None:
    obj = deployment()
    container(obj)["ports"][0]["contianerPort"] = 80
    assert validator.problems(obj) == [
        Problem(
            "Deployment/web", "spec.template.spec.containers[0].ports[0].contianerPort", 'unknown field "contianerPort"'
        )
    ]


def test_wrong_type(validator: SchemaValidator) -> None:
    obj = deployment()
    container(obj)["ports"][0]["containerPort"] = "8080"
    assert validator.problems(obj) == [
        Problem("Deployment/web", "spec.template.spec.containers[0].ports[0].containerPort", "must be of type integer")
    ]


def test_missing_required_points_at_the_missing_field(validator: SchemaValidator) -> None:
    obj = deployment()
    del container(obj)["name"]
    assert validator.problems(obj) == [
        Problem("Deployment/web", "spec.template.spec.containers[0].name", "required field is missing")
    ]


def test_bad_enum_in_builtin_schema(validator: SchemaValidator) -> None:
    item = deployment()
    item["apiVersion"] = "apps/v2"
    obj = {"apiVersion": "apps/v1", "kind": "DeploymentList", "metadata": {}, "items": [item]}
    assert validator.problems(obj) == [Problem("DeploymentList", "items[0].apiVersion", 'must be one of: "apps/v1"')]


def test_int_or_string_and_quantity(validator: SchemaValidator) -> None:
    obj = deployment()
    container(obj)["livenessProbe"]["httpGet"]["port"] = [8080]
    container(obj)["readinessProbe"]["httpGet"]["port"] = None
    container(obj)["resources"]["limits"]["cpu"] = {"cores": 1}
    probe = "spec.template.spec.containers[0]"
    assert validator.problems(obj) == [
        Problem("Deployment/web", f"{probe}.livenessProbe.httpGet.port", "must be of type string or integer"),
        Problem("Deployment/web", f"{probe}.readinessProbe.httpGet.port", "must not be null"),
        Problem("Deployment/web", f"{probe}.resources.limits.cpu", "must be of type string or number"),
    ]


def test_all_problems_reported_sorted_and_deduped(validator: SchemaValidator) -> None:
    obj = deployment()
    obj["spec"]["zzz"] = 1
    obj["spec"]["aaa"] = 1
    obj["metadata"]["labels"]["tier"] = 7
    del container(obj)["name"]
    del obj["spec"]["selector"]
    problems = validator.problems(obj)
    assert problems is not None
    assert [p.path for p in problems] == [
        "metadata.labels.tier",
        "spec.aaa",
        "spec.selector",
        "spec.template.spec.containers[0].name",
        "spec.zzz",
    ]
    assert problems == sorted(set(problems))


def test_secret_data_of_wrong_type(validator: SchemaValidator) -> None:
    obj = copy.deepcopy(VALID_OBJECTS["Secret"])
    obj["data"]["password"] = 12345
    obj["immutable"] = "yes"
    assert validator.problems(obj) == [
        Problem("Secret/creds", "data.password", "must be of type string"),
        Problem("Secret/creds", "immutable", "must be of type boolean"),
    ]


def test_unknown_kind_is_not_checked(validator: SchemaValidator) -> None:
    assert validator.problems({"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"}}) is None
    assert validator.problems({"apiVersion": "apps/v1", "kind": "DeploymentSpec"}) is None
    assert validator.problems({"kind": "Deployment"}) is None
    assert validator.knows("apps/v1", "Deployment")
    assert validator.knows("v1", "Secret")
    assert not validator.knows("apps/v1", "Secret")
    assert not validator.knows("monitoring.coreos.com/v1", "ServiceMonitor")


def test_object_label_without_name(validator: SchemaValidator) -> None:
    obj = {"apiVersion": "v1", "kind": "ConfigMap", "data": {"a": 1}}
    assert validator.problems(obj) == [Problem("ConfigMap", "data.a", "must be of type string")]


def test_non_json_value_is_a_problem_not_a_crash(validator: SchemaValidator) -> None:
    obj = deployment()
    obj["metadata"]["annotations"] = {"when": datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)}
    problems = validator.problems(obj)
    assert problems is not None
    assert [p.path for p in problems] == ["metadata.annotations.when"]
    assert "2024" not in str(problems[0])


def test_each_kind_is_compiled_once(validator: SchemaValidator, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    real = jsonschema_rs.validator_for

    def counting(*args: Any, **kwargs: Any) -> jsonschema_rs.Validator:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(jsonschema_rs, "validator_for", counting)
    for _ in range(3):
        assert validator.problems(deployment()) == []
        assert validator.problems(copy.deepcopy(VALID_OBJECTS["Service"])) == []
    assert len(calls) == 2


def test_strict_schemas_forbid_unknown_fields_everywhere() -> None:
    """The bundled -strict definitions close every object that lists properties."""
    directory = schema_module._schema_dirs()[DEFAULT_KUBE_VERSION]
    definitions = json.loads((directory / "_definitions.json").read_text())["$defs"]
    open_objects = [
        name for name, d in definitions.items() if "properties" in d and d.get("additionalProperties") is not False
    ]
    assert open_objects == []


def test_typical_deployment_validates_well_under_0_2_ms(validator: SchemaValidator) -> None:
    obj = deployment()
    validator.problems(obj)
    best = min(_time_per_call(validator, obj) for _ in range(5))
    assert best < 0.2e-3


def _time_per_call(validator: SchemaValidator, obj: dict[str, Any], n: int = 200) -> float:
    start = time.perf_counter()
    for _ in range(n):
        validator.problems(obj)
    return (time.perf_counter() - start) / n


# --- no value ever leaks into a message -----------------------------------------------------------

SECRETS = st.text(min_size=1, max_size=40).map(lambda s: "s3cr3t:" + s)


def _wrong_typed(secret: str) -> list[dict[str, Any]]:
    dep = deployment()
    dep["spec"]["replicas"] = secret
    dep["spec"]["unknownField"] = secret
    container(dep)["ports"][0]["containerPort"] = secret
    container(dep)["livenessProbe"]["httpGet"]["port"] = [secret]
    container(dep)["image"] = {"ref": secret}
    container(dep)["resources"]["limits"]["cpu"] = [secret]
    container(dep)["securityContext"]["privileged"] = secret
    sec = copy.deepcopy(VALID_OBJECTS["Secret"])
    sec["data"]["password"] = [secret]
    sec["stringData"]["user"] = {"value": secret}
    sec["immutable"] = secret
    mon = service_monitor()
    endpoint = mon["spec"]["endpoints"][0]
    endpoint.update(scheme=secret, interval=secret, targetPort=[secret], honorLabels=secret)
    return [dep, sec, mon]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(secret=SECRETS)
def test_messages_never_contain_the_value(crd_validator: SchemaValidator, secret: str) -> None:
    for obj in _wrong_typed(secret):
        problems = crd_validator.problems(obj)
        assert problems, obj["kind"]
        for problem in problems:
            assert secret not in str(problem)
            assert "\n" not in problem.message


def test_messages_name_the_rule_not_the_value(crd_validator: SchemaValidator) -> None:
    problems = crd_validator.problems(_wrong_typed("hunter2")[0])
    assert problems is not None
    assert len(problems) == 7
    assert all("hunter2" not in str(p) for p in problems)


# --- custom resources -----------------------------------------------------------------------------


def test_crd_kinds_become_known(validator: SchemaValidator) -> None:
    assert validator.problems(service_monitor()) is None
    for path in sorted(CRD_DIR.glob("*.yaml")):
        validator.add_crd(yaml.safe_load(path.read_text()))
    for kind in ("ServiceMonitor", "PodMonitor", "PrometheusRule"):
        assert validator.knows("monitoring.coreos.com/v1", kind)
    assert not validator.knows("monitoring.coreos.com/v2", "ServiceMonitor")


def test_valid_custom_resources_pass(crd_validator: SchemaValidator) -> None:
    assert crd_validator.problems(service_monitor()) == []
    pod_monitor = {
        "apiVersion": "monitoring.coreos.com/v1",
        "kind": "PodMonitor",
        "metadata": {"name": "web"},
        "spec": {"selector": {"matchLabels": {"app": "web"}}, "podMetricsEndpoints": [{"port": "metrics"}]},
    }
    rule = {
        "apiVersion": "monitoring.coreos.com/v1",
        "kind": "PrometheusRule",
        "metadata": {"name": "rules"},
        "spec": {"groups": [{"name": "g", "rules": [{"alert": "Down", "expr": "up == 0", "for": "5m"}]}]},
    }
    assert crd_validator.problems(pod_monitor) == []
    assert crd_validator.problems(rule) == []


def test_custom_resource_unknown_field_under_endpoint(crd_validator: SchemaValidator) -> None:
    obj = service_monitor()
    obj["spec"]["endpoints"][0]["portt"] = "http"
    assert crd_validator.problems(obj) == [
        Problem("ServiceMonitor/web", "spec.endpoints[0].portt", 'unknown field "portt"')
    ]


def test_custom_resource_rules(crd_validator: SchemaValidator) -> None:
    obj = service_monitor()
    obj["spec"]["endpoints"][0].update(scheme="ftp", targetPort=[1], honorLabels="yes")
    obj["metadata"]["nmae"] = "x"
    obj["spek"] = {}
    problems = crd_validator.problems(obj)
    assert problems == [
        Problem("ServiceMonitor/web", "metadata.nmae", 'unknown field "nmae"'),
        Problem("ServiceMonitor/web", "spec.endpoints[0].honorLabels", "must be of type boolean"),
        Problem("ServiceMonitor/web", "spec.endpoints[0].scheme", 'must be one of: "http", "https", "HTTP", "HTTPS"'),
        Problem("ServiceMonitor/web", "spec.endpoints[0].targetPort", "must be of type integer or string"),
        Problem("ServiceMonitor/web", "spek", 'unknown field "spek"'),
    ]


def test_custom_resource_missing_required_spec(crd_validator: SchemaValidator) -> None:
    obj = service_monitor()
    del obj["spec"]
    assert crd_validator.problems(obj) == [Problem("ServiceMonitor/web", "spec", "required field is missing")]


def _widget_crd() -> dict[str, Any]:
    spec_schema = {
        "type": "object",
        "properties": {
            "size": {"x-kubernetes-int-or-string": True},
            "note": {"type": "string", "nullable": True},
            "mode": {"type": "string", "nullable": True, "enum": ["fast", "slow"]},
            "extra": {
                "type": "object",
                "x-kubernetes-preserve-unknown-fields": True,
                "properties": {"a": {"type": "string"}},
            },
            "labels": {"type": "object", "additionalProperties": {"type": "string"}},
            "template": {
                "type": "object",
                "x-kubernetes-embedded-resource": True,
                "properties": {"spec": {"type": "object"}},
            },
        },
    }
    return {
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": {"name": "widgets.example.com"},
        "spec": {
            "group": "example.com",
            "names": {"kind": "Widget", "plural": "widgets"},
            "scope": "Namespaced",
            "versions": [
                {
                    "name": "v1",
                    "served": True,
                    "storage": True,
                    "schema": {"openAPIV3Schema": {"type": "object", "properties": {"spec": spec_schema}}},
                },
                {"name": "v0", "served": False, "storage": False, "schema": {"openAPIV3Schema": {"type": "object"}}},
            ],
        },
    }


def test_crd_strictness_rules(validator: SchemaValidator) -> None:
    crd = _widget_crd()
    validator.add_crd(crd)
    old = {"apiVersion": "example.com/v0", "kind": "Widget", "metadata": {"name": "w"}}  # served: false
    assert validator.problems(old) == [
        Problem(
            "Widget/w", "apiVersion", "example.com/v0 is not served by the CustomResourceDefinition; use example.com/v1"
        )
    ]
    widget: dict[str, Any] = {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"}}
    widget["spec"] = {
        "size": "10Gi",
        "note": None,
        "mode": None,
        "extra": {"a": "x", "anything": {"goes": 1}},
        "labels": {"k": "v"},
        "template": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"free": True}},
    }
    assert validator.problems(widget) == []
    widget["spec"]["size"] = 10
    assert validator.problems(widget) == []
    widget["spec"]["size"] = 1.5
    widget["spec"]["mode"] = "medium"
    widget["spec"]["template"]["bogus"] = 1
    widget["spec"]["other"] = 1
    assert validator.problems(widget) == [
        Problem("Widget/w", "spec.mode", 'must be one of: "fast", "slow", null'),
        Problem("Widget/w", "spec.other", 'unknown field "other"'),
        Problem("Widget/w", "spec.size", "must be of type integer or string"),
        Problem("Widget/w", "spec.template.bogus", 'unknown field "bogus"'),
    ]
    assert crd == _widget_crd(), "add_crd must not modify its argument"


def test_add_crd_rejects_other_objects(validator: SchemaValidator) -> None:
    with pytest.raises(UsageError):
        validator.add_crd(deployment())


def test_required_fields_the_server_does_not_enforce_are_optional_in_the_newest_openapi_too() -> None:
    newest = definitions_document(schema_dir(supported_versions()[-1]))["$defs"]
    for name, fields in UNENFORCED_REQUIRED.items():
        assert name in newest
        assert not set(fields) & set(newest[name].get("required", [])), name  # upstream fixed the marker
    for name, fields in STILL_MARKED_REQUIRED.items():
        assert set(fields) <= set(newest[name]["required"]), name  # not fixed upstream: kept apart


@pytest.mark.parametrize("version", supported_versions())
def test_unenforced_required_fields_may_be_missing_at_every_version(version: str) -> None:
    path = Path(__file__).parent / "fixtures" / "validate" / "valid" / "required-unenforced-1.28.yaml"
    docs = [d.body for d in parse_text(path.name, path.read_text())[0] if d.body is not None]
    served = [d for d in docs if validator_for(version).is_builtin(d["apiVersion"], d["kind"])]
    assert served and check(served, kube_version=version, cross_checks=False).problems == []
    binding = copy.deepcopy(next(d for d in docs if d["kind"] == "RoleBinding"))
    del binding["roleRef"]["name"]  # a field the server does require stays required
    assert [p.path for p in check_object(binding, kube_version=version) or []] == ["roleRef.name"]
