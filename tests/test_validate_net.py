"""The API server's sloppy IP and CIDR parsing and its special-IP rule (k8slab.validation.rules._net)."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from k8slab.validation.rules._net import parse_cidr, parse_ip, special_ip_problem


@given(st.ip_addresses())
def test_every_address_reads_as_itself(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> None:
    assert parse_ip(str(address)) == address


@given(st.lists(st.integers(0, 255), min_size=4, max_size=4), st.lists(st.integers(0, 2), min_size=4, max_size=4))
def test_ipv4_octets_may_have_leading_zeros(octets: list[int], zeros: list[int]) -> None:
    padded = ".".join("0" * z + str(o) for o, z in zip(octets, zeros, strict=True))
    assert parse_ip(padded) == ipaddress.IPv4Address(".".join(map(str, octets)))


@given(st.ip_addresses(), st.integers(0, 128))
def test_cidrs_read_as_go_reads_them(address: ipaddress.IPv4Address | ipaddress.IPv6Address, prefix: int) -> None:
    network = parse_cidr(f"{address}/{prefix}")
    if prefix > address.max_prefixlen:
        assert network is None
    else:
        assert network == ipaddress.ip_network(f"{address}/{prefix}", strict=False)


@pytest.mark.parametrize(
    "value", ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.-4", "a.b.c.d", "1.2.3.4 ", "::g", "\u0661.2.3.4"]
)
def test_not_addresses(value: str) -> None:
    assert parse_ip(value) is None


@pytest.mark.parametrize(
    "value", ["10.0.0.0", "10.0.0.0/", "10.0.0.0/33", "::/129", "10.0.0.0/+8", "x/8", "10.0.0.0/8/8"]
)
def test_not_cidrs(value: str) -> None:
    assert parse_cidr(value) is None


@pytest.mark.parametrize(
    ("value", "special"),
    [
        ("0.0.0.0", True),
        ("::", True),
        ("127.0.0.1", True),
        ("127.255.0.9", True),
        ("::1", True),
        ("::ffff:127.0.0.1", True),
        ("169.254.169.254", True),
        ("fe80::1", True),
        ("224.0.0.251", True),
        ("ff02::1", True),
        ("ff12::1", True),
        ("224.0.1.1", False),
        ("ff05::1", False),
        ("10.0.0.1", False),
        ("203.0.113.10", False),
        ("2001:db8::1", False),
        ("::ffff:10.0.0.1", False),
    ],
)
def test_special_ips(value: str, special: bool) -> None:
    address = parse_ip(value)
    assert address is not None
    assert (special_ip_problem(address) is not None) == special


def test_every_legacy_ip_field_reads_leading_zeros_as_the_server_does() -> None:
    # ParseIPSloppy serves DNS nameservers, host aliases, cluster IPs and Ingress hosts alike
    from k8slab.validation.engine import check

    pod = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "p", "namespace": "n"},
        "spec": {
            "containers": [{"name": "c", "image": "nginx:1.27"}],
            "dnsPolicy": "None",
            "dnsConfig": {"nameservers": ["010.000.000.010"]},
            "hostAliases": [{"ip": "010.0.0.1", "hostnames": ["a.example.com"]}],
        },
    }
    service = {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": "s", "namespace": "n"},
        "spec": {"clusterIP": "010.0.0.10", "ports": [{"port": 80}]},
    }
    assert check([pod, service], cross_checks=False).problems == []
    pod["spec"]["dnsConfig"]["nameservers"] = ["256.0.0.1"]
    service["spec"]["clusterIP"] = "10.0.0"
    paths = {p.path for p in check([pod, service], cross_checks=False).problems}
    assert paths == {"spec.dnsConfig.nameservers[0]", "spec.clusterIP"}
