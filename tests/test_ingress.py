"""Ingress and TLS Secrets: references checked at construction, the controller admitted,
PEM checked, and the chart equal to the plain YAML under Helm 4 and Helm 3."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

import k8slab as kl
from k8slab.builders.pem import pem_blocks

from .conftest import EXAMPLES
from .test_chart import HELMS, by_key, plain_objects, template, write

CERT = (EXAMPLES / "tls" / "shop.crt").read_text()
KEY = (EXAMPLES / "tls" / "shop.key").read_text()
WEB = kl.App("web", image="nginx:1.27", port=8080)
DB = kl.Stateful("db", image="postgres:17.2", ports=[kl.Port(5432, name="pg"), kl.Port(9187, name="metrics")])


def _objects(*builders: Any) -> dict[tuple[str, str], dict[str, Any]]:
    return {(o["kind"], o["metadata"]["name"]): o for o in kl.Stack("s", *builders, namespace="shop").objects()}


def test_rules_route_to_the_workloads_service_port_by_name() -> None:
    ingress = kl.Ingress(
        "shop",
        rules=[kl.IngressRule(WEB, host="shop.example.com"), kl.IngressRule(DB, host="db.example.com", port=9187)],
    )
    objects = _objects(ingress)  # the workloads come along as dependencies
    spec = objects[("Ingress", "shop")]["spec"]
    backends = [p["backend"]["service"] for r in spec["rules"] for p in r["http"]["paths"]]
    assert backends == [{"name": "web", "port": {"name": "http"}}, {"name": "db-headless", "port": {"name": "metrics"}}]
    assert "ingressClassName" not in spec
    assert ("Deployment", "web") in objects and ("StatefulSet", "db") in objects


def test_the_routed_pods_admit_the_controller_namespace() -> None:
    ingress = kl.Ingress(
        "shop", rules=[kl.IngressRule(DB, port="pg")], controller_namespace={"kubernetes.io/metadata.name": "traefik"}
    )
    policy = _objects(ingress)[("NetworkPolicy", "shop-db")]["spec"]
    assert policy["podSelector"]["matchLabels"]["app.kubernetes.io/name"] == "db"
    assert policy["ingress"] == [
        {
            "from": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "traefik"}}}],
            "ports": [{"port": 5432, "protocol": "TCP"}],
        }
    ]
    default = _objects(kl.Ingress("shop", rules=[kl.IngressRule(WEB)]))[("NetworkPolicy", "shop-web")]
    assert default["spec"]["ingress"][0]["from"][0]["namespaceSelector"]["matchLabels"] == {
        "kubernetes.io/metadata.name": "ingress-nginx"
    }


def test_no_policy_for_a_workload_without_network_policy() -> None:
    open_app = kl.App("open", image="nginx:1.27", port=80, security=kl.Security(network_policy=False, reason="demo"))
    kinds = [k for k in _objects(kl.Ingress("shop", rules=[kl.IngressRule(open_app)])) if k[0] == "NetworkPolicy"]
    assert kinds == []


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"host": "10.0.0.1"}, "host"),
        ({"host": "Shop.example.com"}, "host"),
        ({"host": "a.*.example.com"}, "host"),
        ({"path": "api"}, "path"),
        ({"path": "/a//b"}, "path"),
        ({"path": "/a/.."}, "path"),
        ({"path": "/a b"}, "path"),
        ({"path_type": "Regex"}, "path_type"),
        ({"port": "grpc"}, "port"),
        ({"port": 9999}, "port"),
    ],
)
def test_invalid_rules_are_refused(kwargs: dict[str, Any], path: str) -> None:
    with pytest.raises(kl.SpecError) as err:
        kl.IngressRule(WEB, **kwargs)
    assert [p.path for p in err.value.problems] == [path]


def test_a_backend_needs_a_service_and_a_port() -> None:
    with pytest.raises(kl.SpecError, match="has no Service"):
        kl.IngressRule(kl.App("w", image="nginx:1.27", port=80, service=None))
    with pytest.raises(kl.SpecError, match="has no port"):
        kl.IngressRule(kl.App("w", image="nginx:1.27", service=None, readiness=False, liveness=False))
    with pytest.raises(kl.SpecError) as err:
        kl.IngressRule("web")  # type: ignore[arg-type]
    assert err.value.problems[0].path == "backend"


def test_invalid_ingresses_are_refused() -> None:
    with pytest.raises(kl.SpecError, match="at least one rule"):
        kl.Ingress("shop", rules=[])
    with pytest.raises(kl.SpecError, match="same host and path"):
        kl.Ingress("shop", rules=[kl.IngressRule(WEB, host="a.example.com")] * 2)
    with pytest.raises(kl.SpecError, match=r"kubernetes\.io/tls"):
        kl.Ingress("shop", rules=[kl.IngressRule(WEB, host="a.example.com")], tls=kl.Secret("t", data={"a": "b"}))
    with pytest.raises(kl.SpecError, match="needs rules with a host"):
        kl.Ingress("shop", rules=[kl.IngressRule(WEB)], tls=kl.Secret.tls("t", cert=CERT, key=KEY))
    with pytest.raises(kl.SpecError, match="empty selector"):
        kl.Ingress("shop", rules=[kl.IngressRule(WEB)], controller_namespace={})
    other = kl.App("web", image="nginx:1.28", port=8080)
    with pytest.raises(kl.SpecError, match="two different workloads"):
        kl.Ingress("shop", rules=[kl.IngressRule(WEB), kl.IngressRule(other, path="/b")])


def test_tls_serves_every_host_from_the_secret() -> None:
    cert = kl.Secret.tls("shop-tls", cert=CERT, key=KEY)
    ingress = kl.Ingress(
        "shop",
        rules=[kl.IngressRule(WEB, host="a.example.com"), kl.IngressRule(WEB, host="*.b.example.com")],
        tls=cert,
        class_name="nginx",
    )
    objects = _objects(ingress)
    assert objects[("Ingress", "shop")]["spec"]["tls"] == [
        {"hosts": ["a.example.com", "*.b.example.com"], "secretName": "shop-tls"}
    ]
    assert objects[("Secret", "shop-tls")]["type"] == "kubernetes.io/tls"
    existing = kl.Ingress("x", rules=[kl.IngressRule(WEB, host="a.example.com")], tls=kl.Secret.ref("managed-tls"))
    assert kl.Stack("s", existing, namespace="shop").external() == {("Secret", "managed-tls")}


def test_secret_tls_reads_files_and_checks_pem(tmp_path: Path) -> None:
    from_files = kl.Secret.tls("t", cert=EXAMPLES / "tls" / "shop.crt", key=str(EXAMPLES / "tls" / "shop.key"))
    assert from_files == kl.Secret.tls("t", cert=CERT, key=KEY)
    assert sorted(from_files.keys()) == ["tls.crt", "tls.key"]
    chain = CERT + CERT
    assert len(pem_blocks(chain) or []) == 2
    kl.Secret.tls("t", cert=chain, key=KEY)
    bad = {
        "not pem": ("-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n", KEY, "cert"),
        "key as cert": (KEY, KEY, "cert"),
        "two keys": (CERT, KEY + KEY, "key"),
        "trailing text": (CERT + "junk", KEY, "cert"),
        "cert as key": (CERT, CERT, "key"),
    }
    for name, (cert, key, field) in bad.items():
        with pytest.raises(kl.SpecError) as err:
            kl.Secret.tls("t", cert=cert, key=key)
        assert [p.path for p in err.value.problems] == [field], name
        assert "MII" not in str(err.value), name  # the value never appears
    with pytest.raises(kl.SpecError) as err:
        kl.Secret.tls("t", cert=tmp_path / "missing.crt", key=KEY)
    assert err.value.problems[0].path.startswith("cert")


def test_openssl_reads_the_example_certificate() -> None:
    """The fixture is a real certificate: the PEM check does not pass garbage that merely looks right."""
    run = subprocess.run(["openssl", "x509", "-noout", "-subject"], input=CERT, capture_output=True, text=True)
    assert run.returncode == 0 and "shop.example.com" in run.stdout


@pytest.mark.parametrize("helm", HELMS)
def test_ingress_chart_equals_plain_yaml_and_hosts_are_parameters(helm: str, tmp_path: Path) -> None:
    ingress = kl.Ingress(
        "shop",
        rules=[kl.IngressRule(WEB, host="shop.example.com"), kl.IngressRule(DB, host="shop.example.com", path="/db")],
        tls=kl.Secret.tls("shop-tls", cert=CERT, key=KEY),
        class_name="nginx",
    )
    stack = kl.Stack("shop", ingress, namespace="shop")
    chart = write(stack, tmp_path / "shop")
    assert by_key(template(helm, chart, "shop", "shop", "--skip-tests")) == by_key(plain_objects(stack))
    changed = template(
        helm,
        chart,
        "shop",
        "shop",
        "--skip-tests",
        "--set",
        "ingresses.shop.hosts.shopExampleCom=store.example.org",
        "--set",
        "ingresses.shop.className=traefik",
    )
    spec = next(o for o in changed if o["kind"] == "Ingress")["spec"]
    assert spec["ingressClassName"] == "traefik"
    assert [r["host"] for r in spec["rules"]] == ["store.example.org"]
    assert spec["tls"][0]["hosts"] == ["store.example.org"]
    with pytest.raises(subprocess.CalledProcessError):  # the schema refuses a host that is not one
        template(helm, chart, "shop", "shop", "--skip-tests", "--set", "ingresses.shop.hosts.shopExampleCom=A B")
