"""The API-server rules (k8slab.validation.rules) through the engine, on the fixtures and on their own.

Each file in tests/fixtures/validate/invalid is a manifest the API server rejects; its header
names every problem expected (``# expect: Kind/name: field.path``) and, optionally, the
Kubernetes version (``# kube-version: 1.31``). The engine must report exactly those paths.
Each file in tests/fixtures/validate/valid must produce no problem at all.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from k8slab.errors import Problem
from k8slab.validation import engine
from k8slab.validation.documents import parse_text
from k8slab.validation.engine import check, check_object
from k8slab.validation.rules import ALL
from k8slab.validation.rules._base import Findings, int_or_percent, minor_version, quantity
from k8slab.validation.rules._labels import selector_matches
from k8slab.validation.rules.batch import cron_problem
from k8slab.validation.rules.containers import config_key_problem, env_name_problem
from k8slab.validation.rules.metadata import name_rule
from k8slab.validation.schema import SchemaValidator, validator_for

FIXTURES = Path(__file__).parent / "fixtures" / "validate"
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))
VALID = sorted((FIXTURES / "valid").glob("*.yaml"))


def _header(path: Path) -> tuple[set[str], str]:
    text = path.read_text()
    versions = re.findall(r"^# kube-version: (\S+)$", text, re.M)
    return set(re.findall(r"^# expect: (.+)$", text, re.M)), versions[0] if versions else "1.33"


def _documents(path: Path) -> list[Any]:
    documents, error = parse_text(path.name, path.read_text())  # the command line's reader: Lists are expanded
    assert error is None
    return [d.body for d in documents if d.body is not None]


def test_the_fixtures_are_there() -> None:
    assert len(INVALID) >= 100
    assert {p.name for p in VALID} >= {"helm3-create-demo.yaml", "helm4-create-demo.yaml", "workloads.yaml"}
    assert all(_header(p)[0] for p in INVALID), "every invalid fixture names what it expects"


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_each_rejection_names_the_right_path(path: Path) -> None:
    expected, version = _header(path)
    found = [p for doc in _documents(path) for p in check_object(doc, kube_version=version) or []]
    assert {f"{p.obj}: {p.path}" for p in found} == expected
    assert all(p.message and "\n" not in p.message for p in found)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_manifests_have_no_problem(path: Path) -> None:
    _, version = _header(path)
    documents = _documents(path)
    crds = [d for d in documents if d.get("kind") == "CustomResourceDefinition"]  # as the command line does
    report = check(documents, kube_version=version, crds=crds, cross_checks=False)
    assert report.problems == []
    assert report.unchecked == []


def test_every_rule_is_registered_in_the_engine() -> None:
    import importlib
    import inspect
    import pkgutil

    import k8slab.validation.rules as package

    defined = set()  # every (obj, kube_version) -> problems function the rule modules define
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for name, function in vars(module).items():
            own = name.startswith("check_") and getattr(function, "__module__", None) == module.__name__
            if own and list(inspect.signature(function).parameters) == ["obj", "kube_version"]:
                defined.add(function)
    assert set(engine.RULES) == defined
    assert len({rule.__module__ for rule in ALL}) >= 12


def test_messages_never_carry_values() -> None:
    secret = {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {"name": "creds"},
        "type": "kubernetes.io/dockerconfigjson",
        "data": {"password": "hunter2-not-base64!", ".dockerconfigjson": "aHVudGVyMi1zZWNyZXQ="},
        "stringData": {"bad key": "hunter2-plain"},
    }
    problems = check_object(secret) or []
    assert {p.path for p in problems} == {"data.password", "data['.dockerconfigjson']", "stringData['bad key']"}
    assert not any("hunter2" in str(p) for p in problems)


def _leak_probe(value: str) -> list[Problem]:
    secret = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "data": {"k": value + "!"}}
    deployment = _deployment()
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    container["resources"] = {"limits": {"cpu": value + " m"}}
    container["env"] = [{"name": "A", "value": value, "valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}}}]
    return (check_object(secret) or []) + (check_object(deployment) or [])


@settings(max_examples=50, deadline=None)
@given(st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=8, max_size=40))
def test_no_value_leaks_whatever_it_is(value: str) -> None:
    problems = _leak_probe(value)
    assert len(problems) >= 3
    # A value that happens to be a word of the rule's own text ("optional") is not a leak: it
    # is also in the messages that a value with no letters in common produces.
    reference = " ".join(p.message for p in _leak_probe("#" * len(value)))
    assert not any(value in p.message and value not in reference for p in problems)


def _deployment() -> dict[str, Any]:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "web"},
        "spec": {
            "selector": {"matchLabels": {"app": "web"}},
            "template": {
                "metadata": {"labels": {"app": "web"}},
                "spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]},
            },
        },
    }


def test_a_schema_problem_hides_the_rule_problem_at_the_same_path() -> None:
    deployment = _deployment()
    del deployment["spec"]["template"]["spec"]["containers"][0]["name"]
    (problem,) = check_object(deployment) or []
    assert problem.path == "spec.template.spec.containers[0].name"
    assert problem.message == "required field is missing"  # the schema's, not also the rule's


def test_the_mount_check_is_reported_once_with_cross_checks() -> None:
    deployment = _deployment()
    deployment["spec"]["template"]["spec"]["containers"][0]["volumeMounts"] = [{"name": "x", "mountPath": "/x"}]
    report = check([deployment])
    assert [p.path for p in report.problems] == ["spec.template.spec.containers[0].volumeMounts[0].name"]


def test_wrong_types_are_left_to_the_schema() -> None:
    broken = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "w"}, "spec": {"template": 3}}
    paths = {p.path for p in check_object(broken) or []}
    assert "spec.template" in paths and "spec.selector" in paths
    (not_an_object,) = check_object([1, 2]) or []
    assert not_an_object.path == "" and "mapping" in not_an_object.message


def test_bundled_crds_are_known_without_being_given() -> None:
    monitor = {
        "apiVersion": "monitoring.coreos.com/v1",
        "kind": "ServiceMonitor",
        "metadata": {"name": "web"},
        "spec": {"selector": {}, "endpoints": [{"port": "http", "bogus": 1}]},
    }
    fresh = SchemaValidator("1.33")
    assert not fresh.knows("monitoring.coreos.com/v1", "ServiceMonitor")
    assert [p.path for p in check_object(monitor) or []] == ["spec.endpoints[0].bogus"]
    assert validator_for("1.33").knows("monitoring.coreos.com/v1", "ServiceMonitor")
    rule = {"apiVersion": "monitoring.coreos.com/v1", "kind": "PrometheusRule", "metadata": {"name": "r"}, "spec": {}}
    assert check_object(rule) == []


def test_adding_the_same_crd_twice_keeps_the_compiled_validator() -> None:
    from k8slab.validation.crds import bundled_crd

    crd = copy.deepcopy(dict(bundled_crd("monitoring.coreos.com_podmonitors.yaml")))
    schema = SchemaValidator("1.33")
    schema.add_crd(crd)
    obj = {
        "apiVersion": "monitoring.coreos.com/v1",
        "kind": "PodMonitor",
        "metadata": {"name": "p"},
        "spec": {"selector": {}},
    }
    assert schema.problems(obj) == []
    compiled = schema._compiled[("monitoring.coreos.com/v1", "PodMonitor")]
    schema.add_crd(copy.deepcopy(crd))
    schema.problems(obj)
    assert schema._compiled[("monitoring.coreos.com/v1", "PodMonitor")] is compiled


@pytest.mark.parametrize(
    ("schedule", "ok"),
    [
        ("0 3 * * *", True),
        ("*/15 9-17 * * MON-FRI", True),
        ("5/10 * 1,15 jan-jun ?", True),
        ("@hourly", True),
        ("@every 1h30m", True),
        ("0 0 * * 7", False),
        ("60 * * * *", False),
        ("* * * *", False),
        ("*/0 * * * *", False),
        ("5-1 * * * *", False),
        ("1-2-3 * * * *", False),
        ("@sometimes", False),
        ("a * * * *", False),
        ("", False),
    ],
)
def test_cron_schedules(schedule: str, ok: bool) -> None:
    assert (cron_problem(schedule) is None) is ok


def test_env_names_follow_the_version() -> None:
    assert env_name_problem("LOG LEVEL", 31) is not None
    assert env_name_problem("LOG LEVEL", 32) is None
    assert env_name_problem("..x", 31) is not None and env_name_problem("..x", 33) is None
    assert env_name_problem("A=B", 33) is not None
    assert env_name_problem("é", 33) is not None
    assert env_name_problem("my.env-NAME_1", 25) is None


def test_config_keys() -> None:
    assert config_key_problem(".hidden") is None
    for key in ("", ".", "..", "..x", "a/b", "a b", "x" * 254):
        assert config_key_problem(key) is not None


def test_name_rules_follow_the_version_and_the_kind() -> None:
    def ok(kind: str, api: str, minor: int, name: str) -> bool:
        rule = name_rule(kind, api, minor)
        assert rule is not None
        try:
            rule(name)
        except ValueError:
            return False
        return True

    assert ok("StatefulSet", "apps/v1", 26, "db.primary") and not ok("StatefulSet", "apps/v1", 27, "db.primary")
    assert not ok("Service", "v1", 35, "1web") and ok("Service", "v1", 36, "1web")
    assert ok("Role", "rbac.authorization.k8s.io/v1", 33, "system:reader")
    assert ok("Widget", "example.com/v1", 33, "a.b") and not ok("Widget", "example.com/v1", 33, "A")
    assert name_rule("Widget", "gateway.networking.k8s.io/v1", 33) is None
    assert name_rule("Lease", "coordination.k8s.io/v1", 33) is None


def test_quantities_and_percentages() -> None:
    found = Findings({"kind": "X"}, "1.33")
    assert quantity(found, "1.5Gi", ("a",)) == 1610612736
    assert quantity(found, 0.5, ("a",)) == quantity(found, "500m", ("a",))
    assert quantity(found, None, ("a",)) == 0
    assert quantity(found, True, ("a",)) is None and found.problems == []
    assert quantity(found, "1 Gi", ("b",)) is None and quantity(found, "-1", ("c",)) is None
    assert [p.path for p in found.problems] == ["b", "c"]
    assert int_or_percent(found, "25%", ("d",), at_most_100=True) == 25
    assert int_or_percent(found, "101%", ("e",), at_most_100=False) == 101
    assert int_or_percent(found, "5", ("f",), at_most_100=True) is None
    assert [p.path for p in found.problems] == ["b", "c", "f"]


def test_selector_matching() -> None:
    labels = {"app": "web", "tier": ""}
    assert selector_matches({"matchLabels": {"app": "web"}}, labels)
    assert selector_matches({"matchExpressions": [{"key": "tier", "operator": "Exists"}]}, labels)
    assert not selector_matches({"matchExpressions": [{"key": "tier", "operator": "DoesNotExist"}]}, labels)
    assert selector_matches({"matchExpressions": [{"key": "x", "operator": "NotIn", "values": ["a"]}]}, labels)
    assert not selector_matches({"matchExpressions": [{"key": "app", "operator": "In", "values": ["api"]}]}, labels)


def test_versions_read_as_minor_numbers() -> None:
    assert minor_version("1.31") == minor_version("v1.31.4") == 31
    assert minor_version("nonsense") == 33
