"""Sidecars: native sidecars from Kubernetes 1.29, regular containers before; each with the
pod's security defaults, its own resources and probes, the main container's shared mounts;
and the chart equal to the plain YAML under Helm 4 and Helm 3."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import k8slab as kl

from .pss import hardening_violations, restricted_violations
from .test_chart import HELMS, by_key, plain_objects, template, write

CONFIG = kl.Config("cfg", data={"a.toml": "x = 1"})
SIDECAR = kl.Sidecar("proxy", image="envoyproxy/envoy:v1.32.1", port=9901, mounts=["/etc/app"])


def _app(**kwargs: Any) -> kl.App:
    return kl.App("web", image="nginx:1.27", port=8080, configs=[kl.Mount(CONFIG, "/etc/app")], **kwargs)


def _pod(kube_version: str, builder: Any = None) -> dict[str, Any]:
    stack = kl.Stack("s", builder or _app(sidecars=[SIDECAR]), namespace="shop", kube_version=kube_version)
    objects = stack.objects()
    assert [v for d in objects for v in restricted_violations(d)] == []
    assert hardening_violations(objects) == []
    workload = next(o for o in objects if o["kind"] in ("Deployment", "Job"))
    pod: dict[str, Any] = workload["spec"]["template"]["spec"]
    return pod


def test_native_sidecar_from_1_29() -> None:
    pod = _pod("1.29")
    assert [c["name"] for c in pod["containers"]] == ["web"]
    (sidecar,) = pod["initContainers"]
    assert sidecar["restartPolicy"] == "Always"
    assert sidecar["securityContext"] == pod["containers"][0]["securityContext"]
    assert sidecar["resources"] == {
        "limits": {"cpu": "100m", "memory": "128Mi"},
        "requests": {"cpu": "100m", "memory": "128Mi"},
    }
    assert sidecar["readinessProbe"]["tcpSocket"] == {"port": "sidecar"}
    assert {m["mountPath"] for m in sidecar["volumeMounts"]} == {"/etc/app", "/tmp"}


def test_regular_container_before_1_29() -> None:
    pod = _pod("1.28")
    assert [c["name"] for c in pod["containers"]] == ["web", "proxy"]
    assert "initContainers" not in pod
    assert "restartPolicy" not in pod["containers"][1]


def test_a_jobs_sidecar_is_native_and_needs_1_29() -> None:
    job = kl.Job("migrate", image="nginx:1.27", sidecars=[kl.Sidecar("proxy", image="envoyproxy/envoy:v1.32.1")])
    assert _pod("1.33", job)["initContainers"][0]["restartPolicy"] == "Always"
    with pytest.raises(kl.SpecError, match=r"1\.29"):
        kl.Stack("s", job, namespace="shop", kube_version="1.28")


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"sidecars": [kl.Sidecar("web", image="envoyproxy/envoy:v1.32.1")]}, "sidecars[0].name"),
        (
            {"sidecars": [kl.Sidecar("p", image="envoyproxy/envoy:v1.32.1", mounts=["/nowhere"])]},
            "sidecars[0].mounts[0]",
        ),
        ({"sidecars": [kl.Sidecar("p", image="envoyproxy/envoy:latest")]}, "sidecars[0].image"),
        (
            {"autoscale": kl.Autoscale(max=3), "sidecars": [kl.Sidecar("p", image="e:1", limits=kl.Limits(cpu="0"))]},
            "autoscale",
        ),
    ],
)
def test_sidecar_cross_checks(kwargs: dict[str, Any], path: str) -> None:
    with pytest.raises(kl.SpecError) as err:
        _app(**kwargs)
    assert path in [p.path for p in err.value.problems], err.value.problems


def test_invalid_sidecars_are_refused() -> None:
    with pytest.raises(kl.SpecError) as err:
        kl.Sidecar("p", image="e:1", port=80, readiness=kl.Probe.tcp(81))
    assert err.value.problems[0].path == "readiness.port"
    with pytest.raises(kl.SpecError):
        kl.Sidecar("Bad Name", image="e:1")


@pytest.mark.parametrize("helm", HELMS)
def test_sidecar_chart_equals_plain_yaml(helm: str, tmp_path: Path) -> None:
    stack = kl.Stack("shop", _app(sidecars=[SIDECAR]), namespace="shop")
    chart = write(stack, tmp_path / "shop")
    assert by_key(template(helm, chart, "shop", "shop", "--skip-tests")) == by_key(plain_objects(stack))
    changed = template(
        helm, chart, "shop", "shop", "--skip-tests", "--set", "sidecars.proxy.image=envoyproxy/envoy:v1.33.0"
    )
    pod = next(o for o in changed if o["kind"] == "Deployment")["spec"]["template"]["spec"]
    assert pod["initContainers"][0]["image"] == "envoyproxy/envoy:v1.33.0"
