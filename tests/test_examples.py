"""Every example program: its YAML equals the committed expected output, passes strict schema
validation and every cross-check, meets the restricted Pod Security profile and k8slab's extras,
and passes checkov with zero failed checks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import k8slab as kl
from k8slab.loader import load_stacks
from k8slab.render.synth import synth_charts

from .conftest import EXAMPLES, checkov_scan
from .pss import hardening_violations, restricted_violations
from .yamlio import load_all

PROGRAMS = sorted(EXAMPLES.glob("*.py"))
EXPECTED = EXAMPLES / "expected"
STACKS = sorted(p.name.removesuffix(".k8s.yaml") for p in EXPECTED.glob("*.k8s.yaml"))
"""Every example stack; all but the custom resources validate without their CRDs."""
PLAIN = [name for name in STACKS if name != "custom-resources"]


@pytest.fixture(scope="session")
def synthesized(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Synthesize every example once; map stack name -> written file."""
    stacks = [s for program in PROGRAMS for s in load_stacks(program)]
    out = tmp_path_factory.mktemp("examples")
    files = synth_charts({s.name: s.objects() for s in stacks}, out / "dist")
    return {f.name.removesuffix(".k8s.yaml"): f for f in files}


def _docs(path: Path) -> list[dict[str, Any]]:
    return load_all(path.read_text())


def test_every_example_has_expected_output(synthesized: dict[str, Path]) -> None:
    assert sorted(synthesized) == sorted(p.name.removesuffix(".k8s.yaml") for p in EXPECTED.glob("*.k8s.yaml"))
    assert {"goal1", "goal3", "goal4", "goal5", "goal6", "goal7", "goal8", "lab"} <= set(synthesized)


@pytest.mark.parametrize("name", sorted(p.name.removesuffix(".k8s.yaml") for p in EXPECTED.glob("*.k8s.yaml")))
def test_output_matches_committed_yaml(synthesized: dict[str, Path], name: str) -> None:
    assert synthesized[name].read_bytes() == (EXPECTED / f"{name}.k8s.yaml").read_bytes(), (
        "output changed: if intended, run scripts/update_expected.py and review the diff"
    )


def test_synthesis_is_byte_identical_across_runs(tmp_path: Path) -> None:
    (stack,) = load_stacks(EXAMPLES / "lab.py")
    first = stack.synth(tmp_path / "a")[0].read_bytes()
    (again,) = load_stacks(EXAMPLES / "lab.py")
    second = again.synth(tmp_path / "b")[0].read_bytes()
    assert first == second


@pytest.mark.parametrize("name", PLAIN)
def test_output_passes_strict_schema_and_cross_checks(synthesized: dict[str, Path], name: str) -> None:
    docs = _docs(synthesized[name])
    report = kl.check(docs)  # ServiceMonitor, PodMonitor, PrometheusRule: the CRDs are bundled
    assert report.problems == []
    assert report.unchecked == []


def test_custom_resources_pass_their_crds(synthesized: dict[str, Path]) -> None:
    """The Certificate and HTTPRoute are checked against the CRDs their imported classes carry."""
    docs = _docs(synthesized["custom-resources"])
    (stack,) = load_stacks(EXAMPLES / "custom_resources.py")
    assert {c["metadata"]["name"] for c in stack.crds} == {
        "certificates.cert-manager.io",
        "httproutes.gateway.networking.k8s.io",
    }
    report = kl.check(docs, crds=stack.crds)
    assert report.problems == []
    assert report.unchecked == []
    assert [d["kind"] for d in docs][-2:] == ["Certificate", "HTTPRoute"]


@pytest.mark.parametrize("name", STACKS)
def test_output_is_restricted_and_hardened(synthesized: dict[str, Path], name: str) -> None:
    docs = _docs(synthesized[name])
    assert [v for d in docs for v in restricted_violations(d)] == []
    assert hardening_violations(docs) == []
    namespace = next(d for d in docs if d["kind"] == "Namespace")
    assert namespace["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "restricted"


def test_goal_specifics(synthesized: dict[str, Path]) -> None:
    by_kind = {}
    for name in ("goal1", "goal3", "goal4", "goal5", "goal6", "goal7"):
        by_kind[name] = {(d["kind"], d["metadata"]["name"]): d for d in _docs(synthesized[name])}
    goal1 = by_kind["goal1"]
    assert goal1[("Deployment", "python-app")]["spec"]["replicas"] == 3
    assert goal1[("Service", "python-app")]["spec"]["type"] == "LoadBalancer"
    assert goal1[("Service", "python-app")]["spec"]["ports"][0]["port"] == 8080
    env = by_kind["goal3"][("Deployment", "python-app")]["spec"]["template"]["spec"]["containers"][0]["env"]
    assert {e["name"]: e["valueFrom"]["secretKeyRef"]["key"] for e in env} == {
        "DB_USER": "username",
        "DB_PASSWORD": "password",
    }
    limits = by_kind["goal4"][("LimitRange", "cpu-mem")]["spec"]["limits"][0]
    assert limits["max"] == {"cpu": "500m", "memory": "128Mi"}
    mounts = by_kind["goal5"][("Deployment", "python-app")]["spec"]["template"]["spec"]["containers"][0]["volumeMounts"]
    assert {"mountPath": "/app/config", "name": "config-app-config", "readOnly": True} in mounts
    assert json.loads(by_kind["goal5"][("ConfigMap", "app-config")]["data"]["config.json"]) == {"key": "value"}
    sts = by_kind["goal6"][("StatefulSet", "python-app")]["spec"]
    assert sts["podManagementPolicy"] == "Parallel"
    assert sts["volumeClaimTemplates"][0]["metadata"]["name"] == "db"
    assert {"mountPath": "/app/db", "name": "db"} in sts["template"]["spec"]["containers"][0]["volumeMounts"]
    pod = by_kind["goal7"][("Deployment", "web")]["spec"]["template"]["spec"]
    assert pod["initContainers"][0]["volumeMounts"][0]["mountPath"] == "/usr/share/nginx/html"
    assert {"mountPath": "/usr/share/nginx/html", "name": "fetch-0", "readOnly": True} in pod["containers"][0][
        "volumeMounts"
    ]


def test_checkov_finds_no_failed_check(synthesized: dict[str, Path]) -> None:
    failed, passed = checkov_scan(next(iter(synthesized.values())).parent)
    assert failed == []
    assert passed > 100  # checkov really scanned the files


def test_the_examples_cover_the_objects_a_real_application_needs(synthesized: dict[str, Path]) -> None:
    """Issue 13: across examples/, every new kind, a pod with a sidecar and a raw object appear."""
    docs = [d for path in synthesized.values() for d in _docs(path)]
    kinds = {d["kind"] for d in docs}
    assert {
        "Ingress",
        "HorizontalPodAutoscaler",
        "PodDisruptionBudget",
        "Job",
        "CronJob",
        "DaemonSet",
        "ServiceAccount",
        "Role",
        "RoleBinding",
        "ClusterRole",
        "ClusterRoleBinding",
        "ResourceQuota",  # a raw object
    } <= kinds
    pods = [d["spec"]["template"]["spec"] for d in docs if d["kind"] == "Deployment"]
    assert any(c.get("restartPolicy") == "Always" for p in pods for c in p.get("initContainers", []))


def test_webshop_specifics(synthesized: dict[str, Path]) -> None:
    objects = {(d["kind"], d["metadata"]["name"]): d for d in _docs(synthesized["webshop"])}
    assert "replicas" not in objects[("Deployment", "web")]["spec"]  # the autoscaler owns it
    assert objects[("HorizontalPodAutoscaler", "web")]["spec"]["minReplicas"] == 2
    assert objects[("PodDisruptionBudget", "web")]["spec"]["maxUnavailable"] == 1
    ingress = objects[("Ingress", "shop")]["spec"]
    assert ingress["tls"] == [{"hosts": ["shop.example.com"], "secretName": "shop-tls"}]
    assert ingress["rules"][0]["http"]["paths"][0]["backend"]["service"] == {"name": "web", "port": {"name": "http"}}
    assert objects[("Secret", "shop-tls")]["type"] == "kubernetes.io/tls"
    worker = objects[("Deployment", "worker")]["spec"]["template"]["spec"]
    assert worker["serviceAccountName"] == "worker" and worker["automountServiceAccountToken"] is True
    assert worker["initContainers"][0]["name"] == "exporter"
    assert objects[("CronJob", "cleanup")]["spec"]["timeZone"] == "Europe/Berlin"
    assert objects[("ResourceQuota", "shop")]["metadata"]["namespace"] == "shop"
    assert objects[("NetworkPolicy", "shop-web")]["spec"]["ingress"][0]["from"] == [
        {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}}}
    ]
