"""App (k8slab.builders.app, with the shared Workload): Deployment, Service and NetworkPolicy."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import k8slab as kl
from k8slab.builders.base import RenderContext

CTX = RenderContext(namespace="ns", instance="lab")
IMAGE = "nginx:1.27"
DIGEST = "nginx@sha256:" + "0123456789abcdef" * 4


def app(**kwargs: Any) -> kl.App:
    kwargs.setdefault("image", IMAGE)
    kwargs.setdefault("port", 8080)
    return kl.App(kwargs.pop("name", "web"), **kwargs)


def objects(builder: kl.App) -> dict[str, dict[str, Any]]:
    out = builder.render(CTX)
    kinds = [o["kind"] for o in out]
    assert len(set(kinds)) == len(kinds)
    return {o["kind"]: o for o in out}


def deployment(builder: kl.App) -> dict[str, Any]:
    return objects(builder)["Deployment"]


def pod(builder: kl.App) -> dict[str, Any]:
    spec: dict[str, Any] = deployment(builder)["spec"]["template"]["spec"]
    return spec


def container(builder: kl.App) -> dict[str, Any]:
    (c,) = pod(builder)["containers"]
    return c  # type: ignore[no-any-return]


def skips(builder: kl.App) -> dict[str, str]:
    """checkov skip annotations as {check: reason}."""
    annotations = deployment(builder)["metadata"].get("annotations", {})
    out = {}
    for key, value in annotations.items():
        if key.startswith("checkov.io/skip"):
            check, _, reason = value.partition("=")
            out[check] = reason
    return out


def spec_error(**kwargs: Any) -> kl.SpecError:
    with pytest.raises(kl.SpecError) as info:
        app(**kwargs)
    return info.value


# --- objects -------------------------------------------------------------------------------


def test_deployment_service_and_network_policy_are_produced() -> None:
    out = app().render(CTX)
    assert [o["kind"] for o in out] == ["Deployment", "Service", "NetworkPolicy"]
    dep, svc, netpol = out
    assert dep["apiVersion"] == "apps/v1"
    assert netpol["apiVersion"] == "networking.k8s.io/v1"
    for obj in out:
        assert obj["metadata"]["name"] == "web"
        assert obj["metadata"]["namespace"] == "ns"
        assert obj["metadata"]["labels"]["app.kubernetes.io/name"] == "web"
        assert obj["metadata"]["labels"]["app.kubernetes.io/instance"] == "lab"
    selector = dep["spec"]["selector"]["matchLabels"]
    assert selector == {"app.kubernetes.io/instance": "lab", "app.kubernetes.io/name": "web"}
    template_labels = dep["spec"]["template"]["metadata"]["labels"]
    assert selector.items() <= template_labels.items()
    assert svc["spec"]["selector"] == selector
    assert netpol["spec"]["podSelector"] == {"matchLabels": selector}


def test_container_basics() -> None:
    c = container(app(env={"MODE": "prod", "A_FIRST": "1"}, command=["/bin/server"], args=["--verbose"]))
    assert c["name"] == "web"
    assert c["image"] == IMAGE
    assert c["imagePullPolicy"] == "Always"
    assert c["ports"] == [{"containerPort": 8080, "name": "http", "protocol": "TCP"}]
    assert c["env"] == [{"name": "A_FIRST", "value": "1"}, {"name": "MODE", "value": "prod"}]
    assert c["command"] == ["/bin/server"]
    assert c["args"] == ["--verbose"]
    assert c["resources"] == {
        "limits": {"cpu": "500m", "memory": "256Mi"},
        "requests": {"cpu": "500m", "memory": "256Mi"},
    }


def test_replicas_and_revision_history() -> None:
    spec = deployment(app(replicas=3, revision_history_limit=2))["spec"]
    assert spec["replicas"] == 3
    assert spec["revisionHistoryLimit"] == 2
    assert deployment(app())["spec"]["replicas"] == 1
    assert spec_error(replicas=-1).path == "replicas"


def test_extra_labels_reach_objects_and_pods_but_not_the_selector() -> None:
    built = app(labels={"tier": "frontend"})
    dep = deployment(built)
    assert dep["metadata"]["labels"]["tier"] == "frontend"
    assert dep["spec"]["template"]["metadata"]["labels"]["tier"] == "frontend"
    assert "tier" not in dep["spec"]["selector"]["matchLabels"]
    assert objects(built)["Service"]["metadata"]["labels"]["tier"] == "frontend"


def test_network_policy_admits_only_the_ports() -> None:
    ports = [kl.Port(8080), kl.Port(9090, name="metrics"), kl.Port(5353, name="dns", protocol="UDP")]
    spec = objects(app(port=None, ports=ports))["NetworkPolicy"]["spec"]
    assert spec["policyTypes"] == ["Ingress"]
    assert spec["ingress"] == [
        {
            "ports": [
                {"port": 8080, "protocol": "TCP"},
                {"port": 9090, "protocol": "TCP"},
                {"port": 5353, "protocol": "UDP"},
            ]
        }
    ]


# --- Services ------------------------------------------------------------------------------


def test_cluster_ip_service_is_the_default() -> None:
    spec = objects(app())["Service"]["spec"]
    assert spec["type"] == "ClusterIP"
    assert "clusterIP" not in spec
    assert spec["ports"] == [{"name": "http", "port": 8080, "protocol": "TCP", "targetPort": "http"}]


def test_service_port_differs_from_container_port() -> None:
    spec = objects(app(port=None, ports=[kl.Port(8080, service_port=80)]))["Service"]["spec"]
    assert spec["ports"] == [{"name": "http", "port": 80, "protocol": "TCP", "targetPort": "http"}]


def test_node_port_service() -> None:
    spec = objects(app(port=None, ports=[kl.Port(8080, node_port=30080)], service="NodePort"))["Service"]["spec"]
    assert spec["type"] == "NodePort"
    assert spec["ports"][0]["nodePort"] == 30080
    spec = objects(app(service="NodePort"))["Service"]["spec"]
    assert "nodePort" not in spec["ports"][0]


def test_node_port_needs_a_node_port_service_and_its_range() -> None:
    assert spec_error(port=None, ports=[kl.Port(8080, node_port=30080)]).path == "ports"
    with pytest.raises(kl.SpecError) as info:
        kl.Port(8080, node_port=8080)
    assert info.value.path == "node_port"


def test_load_balancer_service() -> None:
    assert objects(app(service="LoadBalancer"))["Service"]["spec"]["type"] == "LoadBalancer"


def test_headless_service() -> None:
    spec = objects(app(service="Headless"))["Service"]["spec"]
    assert spec["clusterIP"] == "None"
    assert spec["type"] == "ClusterIP"
    assert spec["ports"][0]["port"] == 8080


def test_no_service() -> None:
    out = objects(app(service=None))
    assert "Service" not in out
    assert set(out) == {"Deployment", "NetworkPolicy"}


def test_a_service_needs_a_port() -> None:
    assert spec_error(port=None).path == "service"
    assert "Service" not in objects(app(port=None, service=None))


# --- strategy ------------------------------------------------------------------------------


def test_rolling_strategy_default_and_custom() -> None:
    assert deployment(app())["spec"]["strategy"] == {
        "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"},
        "type": "RollingUpdate",
    }
    strategy = deployment(app(strategy=kl.Rolling(max_surge=1, max_unavailable=0)))["spec"]["strategy"]
    assert strategy["rollingUpdate"] == {"maxSurge": 1, "maxUnavailable": 0}


def test_recreate_strategy() -> None:
    assert deployment(app(strategy="Recreate"))["spec"]["strategy"] == {"type": "Recreate"}
    assert spec_error(strategy="Replace").path.startswith("strategy")


@pytest.mark.parametrize(("surge", "unavailable"), [(0, 0), ("0%", 0), (0, "0%"), ("0%", "0%"), ("00%", 0)])
def test_rolling_both_zero_is_refused(surge: Any, unavailable: Any) -> None:
    with pytest.raises(kl.SpecError) as info:
        kl.Rolling(max_surge=surge, max_unavailable=unavailable)
    assert info.value.path == "max_unavailable"
    assert "both be zero" in str(info.value)


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"max_surge": -1}, "max_surge"),
        ({"max_unavailable": "101%"}, "max_unavailable"),
        ({"max_surge": "25"}, "max_surge"),
        ({"max_surge": "-5%"}, "max_surge"),
        ({"max_unavailable": "²%"}, "max_unavailable"),
    ],
)
def test_rolling_values_are_checked(kwargs: dict[str, Any], path: str) -> None:
    with pytest.raises(kl.SpecError) as info:
        kl.Rolling(**kwargs)
    assert info.value.path == path


def test_rolling_accepts_one_zero() -> None:
    assert kl.Rolling(max_surge=0, max_unavailable="100%").render()["rollingUpdate"]["maxSurge"] == 0


# --- probes --------------------------------------------------------------------------------


def test_automatic_tcp_probes_on_the_first_port() -> None:
    c = container(app())
    readiness, liveness = c["readinessProbe"], c["livenessProbe"]
    assert readiness["tcpSocket"] == {"port": "http"}
    assert liveness["tcpSocket"] == {"port": "http"}
    assert readiness != liveness
    assert liveness["initialDelaySeconds"] > readiness["initialDelaySeconds"]
    assert liveness["successThreshold"] == 1
    assert "startupProbe" not in c
    assert "CKV_K8S_8" not in skips(app())
    assert "CKV_K8S_9" not in skips(app())


def test_no_automatic_probes_without_ports() -> None:
    built = app(port=None, service=None)
    c = container(built)
    assert "readinessProbe" not in c
    assert "livenessProbe" not in c
    assert "no port known" in skips(built)["CKV_K8S_8"]
    assert "no port known" in skips(built)["CKV_K8S_9"]


def test_probes_can_be_disabled_with_a_skip_annotation() -> None:
    built = app(readiness=False)
    assert "readinessProbe" not in container(built)
    assert "livenessProbe" in container(built)
    assert "disabled explicitly" in skips(built)["CKV_K8S_9"]


def test_custom_http_probes() -> None:
    c = container(
        app(
            readiness=kl.Probe.http("/ready"),
            liveness=kl.Probe.http("/healthz", port=8080, period_seconds=30),
            startup=kl.Probe.http("/started", failure_threshold=30),
        )
    )
    assert c["readinessProbe"]["httpGet"] == {"path": "/ready", "port": "http"}
    assert c["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": 8080}
    assert c["livenessProbe"]["periodSeconds"] == 30
    assert c["startupProbe"]["httpGet"]["path"] == "/started"
    assert c["startupProbe"]["failureThreshold"] == 30


@pytest.mark.parametrize("field", ["readiness", "liveness", "startup"])
@pytest.mark.parametrize("port", ["metrics", 9090])
def test_probe_port_must_be_a_port_of_the_container(field: str, port: Any) -> None:
    err = spec_error(**{field: kl.Probe.tcp(port)})
    assert err.path == f"{field}.port"


def test_probe_port_may_name_a_second_port() -> None:
    ports = [kl.Port(8080), kl.Port(9090, name="metrics")]
    c = container(app(port=None, ports=ports, readiness=kl.Probe.http("/ready", port="metrics")))
    assert c["readinessProbe"]["httpGet"]["port"] == "metrics"


@pytest.mark.parametrize("field", ["liveness", "startup"])
def test_liveness_and_startup_success_threshold_must_be_one(field: str) -> None:
    err = spec_error(**{field: kl.Probe.tcp(success_threshold=2)})
    assert err.path == f"{field}.success_threshold"
    c = container(app(readiness=kl.Probe.tcp(success_threshold=2)))
    assert c["readinessProbe"]["successThreshold"] == 2


# --- scheduling ----------------------------------------------------------------------------


def test_node_selector() -> None:
    spec = pod(app(node_selector={"kubernetes.io/os": "linux", "disk": "ssd"}))
    assert spec["nodeSelector"] == {"disk": "ssd", "kubernetes.io/os": "linux"}
    assert "nodeSelector" not in pod(app())
    assert spec_error(node_selector={"bad key!": "x"}).path.startswith("node_selector")


def test_node_affinity_required_and_preferred() -> None:
    zone = kl.NodeAffinity("topology.kubernetes.io/zone", values=["a", "b"])
    gpu = kl.NodeAffinity("gpu", operator="Exists", required=False, weight=40)
    affinity = pod(app(node_affinity=[zone, gpu]))["affinity"]["nodeAffinity"]
    required = affinity["requiredDuringSchedulingIgnoredDuringExecution"]["nodeSelectorTerms"]
    assert required == [
        {"matchExpressions": [{"key": "topology.kubernetes.io/zone", "operator": "In", "values": ["a", "b"]}]}
    ]
    assert affinity["preferredDuringSchedulingIgnoredDuringExecution"] == [
        {"preference": {"matchExpressions": [{"key": "gpu", "operator": "Exists"}]}, "weight": 40}
    ]


def test_pod_affinity_and_anti_affinity() -> None:
    near = kl.PodAffinity({"app.kubernetes.io/name": "cache"}, required=True)
    apart = kl.PodAffinity({"app.kubernetes.io/name": "web"}, anti=True, weight=50)
    affinity = pod(app(pod_affinity=[near, apart]))["affinity"]
    assert affinity["podAffinity"] == {
        "requiredDuringSchedulingIgnoredDuringExecution": [
            {
                "labelSelector": {"matchLabels": {"app.kubernetes.io/name": "cache"}},
                "topologyKey": "kubernetes.io/hostname",
            }
        ]
    }
    preferred = affinity["podAntiAffinity"]["preferredDuringSchedulingIgnoredDuringExecution"]
    assert preferred == [
        {
            "podAffinityTerm": {
                "labelSelector": {"matchLabels": {"app.kubernetes.io/name": "web"}},
                "topologyKey": "kubernetes.io/hostname",
            },
            "weight": 50,
        }
    ]
    assert "nodeAffinity" not in affinity
    assert "affinity" not in pod(app())


def test_tolerations() -> None:
    tolerations = [
        kl.Toleration("dedicated", value="web", effect="NoSchedule"),
        kl.Toleration(operator="Exists"),
    ]
    spec = pod(app(tolerations=tolerations))
    assert spec["tolerations"] == [
        {"effect": "NoSchedule", "key": "dedicated", "operator": "Equal", "value": "web"},
        {"operator": "Exists"},
    ]
    assert "tolerations" not in pod(app())


# --- security ------------------------------------------------------------------------------


def test_secure_defaults_on_pod_and_container() -> None:
    built = app()
    spec = pod(built)
    assert spec["automountServiceAccountToken"] is False
    psc = spec["securityContext"]
    assert psc["runAsNonRoot"] is True
    assert psc["runAsUser"] >= 10000
    assert psc["runAsGroup"] >= 10000
    assert psc["seccompProfile"] == {"type": "RuntimeDefault"}
    csc = container(built)["securityContext"]
    assert csc["allowPrivilegeEscalation"] is False
    assert csc["privileged"] is False
    assert csc["capabilities"] == {"drop": ["ALL"]}
    assert csc["readOnlyRootFilesystem"] is True
    assert csc["runAsNonRoot"] is True
    assert csc["runAsUser"] >= 10000
    assert csc["seccompProfile"] == {"type": "RuntimeDefault"}
    assert {"emptyDir": {"sizeLimit": "64Mi"}, "name": "tmp"} in spec["volumes"]
    assert {"mountPath": "/tmp", "name": "tmp"} in container(built)["volumeMounts"]
    security_checks = {"CKV_K8S_20", "CKV_K8S_22", "CKV_K8S_23", "CKV_K8S_40", "CKV_K8S_31", "CKV_K8S_38"}
    assert security_checks.isdisjoint(skips(built))
    assert "NetworkPolicy" in objects(built)


def test_relaxing_user_and_root_filesystem() -> None:
    reason = "legacy image writes to its own directories"
    built = app(security=kl.Security(run_as_user=1000, read_only_root_filesystem=False, reason=reason))
    spec = pod(built)
    assert spec["securityContext"]["runAsUser"] == 1000
    c = container(built)
    assert c["securityContext"]["readOnlyRootFilesystem"] is False
    assert "volumes" not in spec
    assert "volumeMounts" not in c
    found = skips(built)
    assert found["CKV_K8S_40"] == reason
    assert found["CKV_K8S_22"] == reason
    assert "CKV_K8S_20" not in found


def test_relaxing_escalation_capabilities_seccomp_and_token() -> None:
    security = kl.Security(
        allow_privilege_escalation=True,
        add_capabilities=("NET_ADMIN",),
        drop_capabilities=(),
        seccomp_profile="Unconfined",
        automount_service_account_token=True,
        run_as_non_root=False,
        reason="network debugging tool",
    )
    built = app(security=security)
    c = container(built)["securityContext"]
    assert c["allowPrivilegeEscalation"] is True
    assert c["capabilities"] == {"add": ["NET_ADMIN"]}
    assert c["runAsNonRoot"] is False
    assert pod(built)["securityContext"]["seccompProfile"] == {"type": "Unconfined"}
    assert pod(built)["automountServiceAccountToken"] is True
    found = skips(built)
    for check in ("CKV_K8S_20", "CKV_K8S_23", "CKV_K8S_25", "CKV_K8S_28", "CKV_K8S_31", "CKV_K8S_37", "CKV_K8S_38"):
        assert found[check] == "network debugging tool"


def test_disabling_the_network_policy() -> None:
    built = app(security=kl.Security(network_policy=False, reason="mesh handles it"))
    assert "NetworkPolicy" not in objects(built)
    assert skips(built)["CKV2_K8S_6"] == "mesh handles it"


def test_user_annotations_are_kept_next_to_skips() -> None:
    annotations = deployment(app(annotations={"team": "shop"}))["metadata"]["annotations"]
    assert annotations["team"] == "shop"


# --- images --------------------------------------------------------------------------------


@pytest.mark.parametrize("image", ["nginx:latest", "nginx", "registry.example.com:5000/nginx", "library/nginx:latest"])
def test_latest_and_untagged_images_are_refused(image: str) -> None:
    err = spec_error(image=image)
    assert err.path == "image"
    assert "allow_latest_image" in str(err)


def test_latest_is_allowed_explicitly_with_a_skip() -> None:
    built = app(image="nginx:latest", security=kl.Security(allow_latest_image=True, reason="dev only"))
    assert container(built)["image"] == "nginx:latest"
    assert skips(built)["CKV_K8S_14"] == "dev only: nginx:latest"
    assert skips(built)["CKV_K8S_43"] == "dev only: nginx:latest"


def test_init_images_follow_the_same_pinning_rule() -> None:
    fetch = kl.InitFetch(url="https://example.com/a.txt", path="/data", image="curlimages/curl:latest")
    with pytest.raises(kl.SpecError) as err:
        app(init=[fetch])
    assert err.value.path == "init[0].image"
    allowed = app(init=[fetch], security=kl.Security(allow_latest_image=True, reason="dev only"))
    assert skips(allowed)["CKV_K8S_14"] == "dev only: curlimages/curl:latest"


def test_pinned_tag_gets_digest_skip_and_digest_gets_none() -> None:
    assert "nginx:1.27" in skips(app())["CKV_K8S_43"]
    assert "CKV_K8S_14" not in skips(app())
    built = app(image=DIGEST)
    assert container(built)["image"] == DIGEST
    assert "CKV_K8S_43" not in skips(built)
    assert "CKV_K8S_14" not in skips(built)


def test_registry_port_is_not_a_tag() -> None:
    built = app(image="registry.example.com:5000/team/nginx:1.27")
    assert container(built)["image"] == "registry.example.com:5000/team/nginx:1.27"
    # the ':5000' of the registry is not read as a tag: the image counts as pinned by its tag 1.27
    assert "registry.example.com:5000/team/nginx:1.27" in skips(built)["CKV_K8S_43"]
    with pytest.raises(kl.SpecError):
        app(image="registry.example.com:5000/team/nginx")


def test_image_pull_policy_choice_gets_a_skip() -> None:
    built = app(image_pull_policy="IfNotPresent")
    assert container(built)["imagePullPolicy"] == "IfNotPresent"
    assert "IfNotPresent" in skips(built)["CKV_K8S_15"]


# --- secrets and configs ------------------------------------------------------------------

SECRET = kl.Secret("db", data={"password": "pw", "username": "user"})


def test_secret_alone_becomes_env_from_with_skip() -> None:
    built = app(secrets=[SECRET])
    assert container(built)["envFrom"] == [{"secretRef": {"name": "db"}}]
    assert "CKV_K8S_35" in skips(built)
    assert built.dependencies() == [SECRET]


def test_secret_chosen_keys_become_secret_key_refs_with_skip() -> None:
    built = app(secrets=[SECRET.env({"DB_PASSWORD": "password"})])
    c = container(built)
    assert c["env"] == [{"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"key": "password", "name": "db"}}}]
    assert "envFrom" not in c
    assert "CKV_K8S_35" in skips(built)


def test_secret_mount_renders_volume_and_read_only_mount_without_skip() -> None:
    built = app(secrets=[SECRET.mount("/etc/db")])
    assert "CKV_K8S_35" not in skips(built)
    spec = pod(built)
    assert {"name": "secret-db", "secret": {"defaultMode": 0o440, "secretName": "db"}} in spec["volumes"]
    mounts = container(built)["volumeMounts"]
    assert {"mountPath": "/etc/db", "name": "secret-db", "readOnly": True} in mounts
    assert "envFrom" not in container(built)
    assert "env" not in container(built)


def test_config_as_env_and_mount() -> None:
    config = kl.Config("settings", data={"mode": "prod"})
    built = app(configs=[config, config.mount("/app/config"), config.env({"APP_MODE": "mode"})])
    c = container(built)
    assert c["envFrom"] == [{"configMapRef": {"name": "settings"}}]
    assert c["env"] == [{"name": "APP_MODE", "valueFrom": {"configMapKeyRef": {"key": "mode", "name": "settings"}}}]
    assert {"mountPath": "/app/config", "name": "config-settings", "readOnly": True} in c["volumeMounts"]
    assert "CKV_K8S_35" not in skips(built)
    assert built.dependencies() == [config]


def test_same_secret_mounted_twice_gives_one_volume() -> None:
    built = app(secrets=[SECRET.mount("/etc/a"), SECRET.mount("/etc/b")])
    names = [v["name"] for v in pod(built)["volumes"]]
    assert names.count("secret-db") == 1
    paths = {m["mountPath"] for m in container(built)["volumeMounts"] if m["name"] == "secret-db"}
    assert paths == {"/etc/a", "/etc/b"}


def test_different_sources_with_the_same_volume_name_are_refused() -> None:
    a = kl.Secret("db.main", data={"k": "v"})
    b = kl.Secret("db-main", data={"k": "v"})
    assert spec_error(secrets=[a.mount("/a"), b.mount("/b")]).path == "secrets"
    items = SECRET.mount("/etc/b", items={"password": "pw"})
    assert spec_error(secrets=[SECRET.mount("/etc/a"), items]).path == "secrets"


def test_unknown_chosen_key_is_refused() -> None:
    err = spec_error(secrets=[SECRET.env({"X": "nope"})])
    assert err.path == "secrets[0].keys"
    assert "nope" in err.problems[0].message
    assert spec_error(secrets=[SECRET.mount("/etc/db", items={"nope": "f"})]).path == "secrets[0].items"
    config = kl.Config("settings", data={"mode": "prod"})
    assert spec_error(configs=[config, config.env({"X": "nope"})]).path == "configs[1].keys"


def test_reference_keys_are_checked_only_when_known() -> None:
    app(secrets=[kl.Secret.ref("external").env({"X": "anything"})])
    known = kl.Secret.ref("external", keys=["token"])
    app(secrets=[known.env({"TOKEN": "token"})])
    assert spec_error(secrets=[known.env({"X": "other"})]).path == "secrets[0].keys"


def test_secret_and_config_cannot_be_swapped() -> None:
    assert spec_error(secrets=[kl.Config("c")]).path.startswith("secrets[0]")
    assert spec_error(configs=[SECRET]).path.startswith("configs[0]")


def test_mount_paths_must_be_unique() -> None:
    config = kl.Config("settings", data={"mode": "prod"})
    with pytest.raises(kl.SpecError):
        app(secrets=[SECRET.mount("/etc/x")], configs=[config.mount("/etc/x")])
    with pytest.raises(kl.SpecError):
        app(configs=[config.mount("/tmp")])


# --- names and ports -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Bad_Name", "1web", "web.app", "-web", "a" * 64, ""])
def test_bad_name_is_refused_at_name(name: str) -> None:
    assert spec_error(name=name).path == "name"


def test_port_out_of_range() -> None:
    assert spec_error(port=70000).path == "port"
    assert spec_error(port=None, ports=[{"port": 70000}]).path == "ports[0].port"
    with pytest.raises(kl.SpecError) as info:
        kl.Port(70000)
    assert info.value.path == "port"


def test_port_and_ports_together_are_refused() -> None:
    assert spec_error(ports=[kl.Port(9090, name="metrics")]).path == "port"


def test_duplicate_port_names_and_numbers_are_refused() -> None:
    err = spec_error(port=None, ports=[kl.Port(80), kl.Port(81)])
    assert err.path == "ports"
    assert "names" in str(err)
    err = spec_error(port=None, ports=[kl.Port(80, name="a"), kl.Port(80, name="b")])
    assert err.path == "ports"


def test_port_name_is_checked() -> None:
    with pytest.raises(kl.SpecError) as info:
        kl.Port(80, name="http--web")
    assert info.value.path == "name"


def test_builder_is_immutable() -> None:
    built = app()
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.replicas = 3  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.image = "nginx:1.28"  # type: ignore[misc]
    assert isinstance(app(port=None, ports=[kl.Port(80)]).ports, tuple)
    assert deployment(built)["spec"]["replicas"] == 1


def test_unknown_argument_is_refused() -> None:
    with pytest.raises(kl.SpecError):
        app(replica=2)


@settings(max_examples=60, deadline=None)
@given(number=st.one_of(st.integers(max_value=0), st.integers(min_value=65536)))
def test_any_invalid_port_number_raises_with_a_path(number: int) -> None:
    err = spec_error(port=number)
    assert err.path == "port"
    with pytest.raises(kl.SpecError) as info:
        kl.Port(number)
    assert info.value.path
    assert all(p.path for p in info.value.problems)


@settings(max_examples=60, deadline=None)
@given(number=st.integers(min_value=1, max_value=65535))
def test_any_valid_port_reaches_container_service_and_policy(number: int) -> None:
    out = objects(app(port=number))
    (c,) = out["Deployment"]["spec"]["template"]["spec"]["containers"]
    assert c["ports"][0]["containerPort"] == number
    assert out["Service"]["spec"]["ports"][0]["port"] == number
    assert out["NetworkPolicy"]["spec"]["ingress"][0]["ports"][0]["port"] == number


@settings(max_examples=60, deadline=None)
@given(name=st.from_regex(r"[a-z]([-a-z0-9]{0,61}[a-z0-9])?", fullmatch=True))
def test_any_dns1035_name_names_every_object(name: str) -> None:
    for obj in app(name=name).render(CTX):
        assert obj["metadata"]["name"] == name


def test_identical_readiness_and_liveness_probes_are_refused() -> None:
    probe = kl.Probe.http("/healthz", "http")
    with pytest.raises(kl.SpecError) as err:
        app(readiness=probe, liveness=probe)
    assert err.value.path == "liveness"
    app(readiness=probe, liveness=kl.Probe.http("/healthz", "http", period_seconds=30))
