"""Stateful and Claim (k8slab.builders.stateful): StatefulSet, headless Service, per-pod volumes."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import k8slab as kl
from k8slab.builders.base import RenderContext

CTX = RenderContext(namespace="ns", instance="lab")


def stateful(**kwargs: Any) -> kl.Stateful:
    kwargs.setdefault("image", "postgres:16.4")
    kwargs.setdefault("port", 5432)
    kwargs.setdefault("volumes", [kl.Claim("data", "/var/lib/postgresql/data")])
    return kl.Stateful(kwargs.pop("name", "db"), **kwargs)


def sts(built: kl.Stateful) -> dict[str, Any]:
    first = built.render(CTX)[0]
    assert first["kind"] == "StatefulSet"
    return first


def services(built: kl.Stateful) -> dict[str, dict[str, Any]]:
    return {o["metadata"]["name"]: o for o in built.render(CTX) if o["kind"] == "Service"}


def spec_error(**kwargs: Any) -> kl.SpecError:
    with pytest.raises(kl.SpecError) as info:
        stateful(**kwargs)
    return info.value


def test_objects_and_service_name() -> None:
    out = stateful().render(CTX)
    assert [o["kind"] for o in out] == ["StatefulSet", "Service", "NetworkPolicy"]
    spec = out[0]["spec"]
    assert out[0]["apiVersion"] == "apps/v1"
    assert spec["serviceName"] == "db-headless"
    assert out[1]["metadata"]["name"] == "db-headless"
    assert spec["selector"]["matchLabels"] == {"app.kubernetes.io/instance": "lab", "app.kubernetes.io/name": "db"}
    assert spec["updateStrategy"] == {"type": "RollingUpdate"}
    assert spec["podManagementPolicy"] == "OrderedReady"


def test_headless_service_selects_the_pods() -> None:
    headless = services(stateful())["db-headless"]
    spec = headless["spec"]
    assert spec["clusterIP"] == "None"
    assert spec["publishNotReadyAddresses"] is True
    assert spec["selector"] == sts(stateful())["spec"]["selector"]["matchLabels"]
    assert spec["ports"] == [{"name": "http", "port": 5432, "protocol": "TCP", "targetPort": "http"}]
    # The headless Service belongs to the app: its name label is the app's, not the Service's.
    assert headless["metadata"]["labels"]["app.kubernetes.io/name"] == "db"


def test_volume_claim_templates() -> None:
    claim = kl.Claim("data", "/data", size="5Gi", access_modes=("ReadWriteOncePod",), storage_class="fast-ssd")
    (template,) = sts(stateful(volumes=[claim]))["spec"]["volumeClaimTemplates"]
    assert template["metadata"]["name"] == "data"
    assert "namespace" not in template["metadata"]
    assert template["spec"]["resources"] == {"requests": {"storage": "5Gi"}}
    assert template["spec"]["accessModes"] == ["ReadWriteOncePod"]
    assert template["spec"]["storageClassName"] == "fast-ssd"


def test_claim_defaults() -> None:
    (template,) = sts(stateful())["spec"]["volumeClaimTemplates"]
    assert template["spec"]["accessModes"] == ["ReadWriteOnce"]
    assert template["spec"]["resources"]["requests"]["storage"] == "1Gi"
    assert "storageClassName" not in template["spec"]


def test_claims_are_mounted_at_their_paths() -> None:
    volumes = [kl.Claim("data", "/var/lib/data"), kl.Claim("wal", "/var/lib/wal")]
    (c,) = sts(stateful(volumes=volumes))["spec"]["template"]["spec"]["containers"]
    mounts = {m["name"]: m for m in c["volumeMounts"]}
    assert mounts["data"]["mountPath"] == "/var/lib/data"
    assert mounts["wal"]["mountPath"] == "/var/lib/wal"
    assert not mounts["data"].get("readOnly", False)
    assert mounts["tmp"]["mountPath"] == "/tmp"
    # Claims are provided by volumeClaimTemplates, not by pod volumes.
    pod_volumes = [v["name"] for v in sts(stateful(volumes=volumes))["spec"]["template"]["spec"]["volumes"]]
    assert pod_volumes == ["tmp"]


def test_no_claims_no_templates() -> None:
    assert "volumeClaimTemplates" not in sts(stateful(volumes=[]))["spec"]


def test_parallel_policy_and_replicas() -> None:
    spec = sts(stateful(pod_management_policy="Parallel", replicas=3))["spec"]
    assert spec["podManagementPolicy"] == "Parallel"
    assert spec["replicas"] == 3
    assert spec_error(pod_management_policy="Random").path == "pod_management_policy"


def test_normal_service_is_optional() -> None:
    assert set(services(stateful())) == {"db-headless"}
    found = services(stateful(service="ClusterIP"))
    assert set(found) == {"db", "db-headless"}
    assert found["db"]["spec"]["type"] == "ClusterIP"
    assert "clusterIP" not in found["db"]["spec"]
    assert services(stateful(service="LoadBalancer"))["db"]["spec"]["type"] == "LoadBalancer"


def test_headless_as_normal_service_is_refused() -> None:
    err = spec_error(service="Headless")
    assert err.path == "service"
    assert err.problems[0].obj == "Stateful/db"


def test_duplicate_claim_names_are_refused() -> None:
    err = spec_error(volumes=[kl.Claim("data", "/a"), kl.Claim("data", "/b")])
    assert err.path == "volumes"


def test_claim_mount_paths_must_not_clash() -> None:
    with pytest.raises(kl.SpecError):
        stateful(volumes=[kl.Claim("a", "/data"), kl.Claim("b", "/data")])
    with pytest.raises(kl.SpecError):
        stateful(volumes=[kl.Claim("scratch", "/tmp")])


def test_claim_named_like_another_volume_is_refused() -> None:
    assert spec_error(volumes=[kl.Claim("tmp", "/scratch")]).path == "volumes"
    fetch = kl.InitFetch("https://example.com/seed.sql", "/seed", name="seed")
    assert spec_error(volumes=[kl.Claim("seed", "/data")], init=[fetch]).path == "volumes"


def test_without_ports_only_the_headless_service() -> None:
    out = stateful(port=None).render(CTX)
    assert [o["kind"] for o in out] == ["StatefulSet", "Service", "NetworkPolicy"]
    assert out[1]["spec"]["ports"] == []


def test_workload_rules_apply() -> None:
    assert spec_error(image="postgres:latest").path == "image"
    assert spec_error(name="DB").path == "name"
    assert spec_error(liveness=kl.Probe.tcp(success_threshold=3)).path == "liveness.success_threshold"
    assert sts(stateful())["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"path": "relative"}, "path"),
        ({"path": "/a/../b"}, "path"),
        ({"size": "0"}, "size"),
        ({"size": "0Gi"}, "size"),
        ({"storage_class": "Bad Class!"}, "storage_class"),
        ({"storage_class": "a" * 254}, "storage_class"),
        ({"size": "10 GB"}, "size"),
        ({"size": "-1Gi"}, "size"),
        ({"access_modes": ()}, "access_modes"),
        ({"access_modes": ("ReadWriteSometimes",)}, "access_modes[0]"),
        ({"name": "Data"}, "name"),
    ],
)
def test_claim_rules(kwargs: dict[str, Any], path: str) -> None:
    args: dict[str, Any] = {"name": "data", "path": "/data", **kwargs}
    with pytest.raises(kl.SpecError) as info:
        kl.Claim(**args)
    assert info.value.path == path


def test_long_names_are_refused() -> None:
    # NAME-headless and the pods' controller-revision-hash label (NAME-<hash>) must fit 63 characters.
    stateful(name="a" * 52)
    err = spec_error(name="a" * 53)
    assert err.path == "name"
    assert "52" in err.problems[0].message


@settings(max_examples=60, deadline=None)
@given(name=st.from_regex(r"[a-z]([-a-z0-9]{0,61}[a-z0-9])?", fullmatch=True))
def test_any_valid_name_gives_a_valid_headless_name_or_a_name_error(name: str) -> None:
    if len(name) > 52:
        assert spec_error(name=name).path == "name"
        return
    built = stateful(name=name)
    headless = f"{name}-headless"
    assert sts(built)["spec"]["serviceName"] == headless
    assert headless in services(built)
    assert len(headless) <= 63
