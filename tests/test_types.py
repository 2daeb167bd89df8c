"""Constrained types (k8slab.types) and the quantity grammar (k8slab.quantity)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

import k8slab as kl
from k8slab._model import builder
from k8slab.builders.base import RenderContext
from k8slab.quantity import is_quantity, parse_quantity
from k8slab.types import (
    ConfigKey,
    DNSLabel,
    DNSSubdomain,
    EnvName,
    FrozenList,
    Image,
    LabelKey,
    Labels,
    LabelValue,
    PortName,
    PortNumber,
    Quantity,
    ServiceName,
)

CTX = RenderContext(namespace="ns", instance="lab")
HEX64 = "0123456789abcdef" * 4


def accepts(type_: Any, value: Any) -> bool:
    try:
        TypeAdapter(type_).validate_python(value)
    except ValidationError:
        return False
    return True


def check(type_: Any, valid: list[Any], invalid: list[Any]) -> None:
    wrong_refused = [v for v in valid if not accepts(type_, v)]
    wrong_accepted = [v for v in invalid if accepts(type_, v)]
    assert wrong_refused == []
    assert wrong_accepted == []


@builder
class _Holder:
    """A tiny builder to see how a broken rule surfaces as a SpecError."""

    key: ConfigKey
    port_name: PortName = "http"
    cpu: Quantity = "1"


# --- DNS names -----------------------------------------------------------------------------


def test_dns_label() -> None:
    check(
        DNSLabel,
        valid=["a", "web", "web-1", "1abc", "a" * 63, "0"],
        invalid=["", "Web", "-a", "a-", "a_b", "a.b", "a" * 64, "web\n", "we b", "é", 1],
    )


def test_dns_subdomain() -> None:
    check(
        DNSSubdomain,
        valid=["a", "a.b.c", "my-config.v1", "1.2.3", ".".join(["a" * 63] * 3) + ".b" * 30],
        invalid=["", "a..b", ".a", "a.", "A.b", "a_b", "a-.b", "a" * 254, "a.b\n"],
    )
    assert len(".".join(["a" * 63] * 3) + ".b" * 30) == 251


def test_dns1035_label_for_service_names() -> None:
    check(ServiceName, valid=["web", "a1", "a-b", "a" * 63], invalid=["1web", "-a", "a-", "Web", "a.b", "a" * 64])


# --- labels --------------------------------------------------------------------------------


def test_label_key() -> None:
    long_prefix = ".".join(["a" * 63] * 4)  # 255 characters: every part fine, too long overall
    check(
        LabelKey,
        valid=["app", "A", "app.kubernetes.io/name", "example.com/Some_Key.1", "a" * 63, "x.io/" + "a" * 63],
        invalid=["", "/name", "example.com/", "Example.com/x", "a/b/c", "-a", "a-", "a" * 64, f"{long_prefix}/x"],
    )


def test_label_value() -> None:
    check(
        LabelValue,
        valid=["", "v1", "v1.2_3-x", "A" * 63, "x"],
        invalid=["-a", "a-", "_a", "a b", "A" * 64, "a/b", "v1\n"],
    )


def test_labels_are_checked_and_stored_sorted() -> None:
    labels = TypeAdapter(Labels).validate_python({"tier": "web", "app": "shop"})
    assert list(labels) == ["app", "tier"]
    assert not accepts(Labels, {"bad key!": "x"})
    assert not accepts(Labels, {"ok": "bad value!"})


# --- ports ---------------------------------------------------------------------------------


def test_port_name_follows_iana_rules() -> None:
    check(
        PortName,
        valid=["http", "h2c", "grpc-web", "a" * 15, "1a", "a1-b2"],
        invalid=["", "a" * 16, "123", "8080", "a--b", "-http", "http-", "HTTP", "http_1", "http.1", "http\n"],
    )


def test_port_number_is_a_strict_int_in_range() -> None:
    check(PortNumber, valid=[1, 80, 65535], invalid=[0, -1, 65536, 70000, "80", 80.0, True])


# --- env names and keys --------------------------------------------------------------------


def test_env_name() -> None:
    check(EnvName, valid=["PATH", "_x", "my.var", "a-b", "A1", "-x"], invalid=["", "1A", "A B", "A=B", "A\n", "ä"])


def test_config_key() -> None:
    check(
        ConfigKey,
        valid=["config.json", ".env", "a_b-c", "A", "k" * 253, ".a.."],
        invalid=["", ".", "..", "..a", "a/b", "a b", "k" * 254, "a\n", "a:b"],
    )


# --- quantities ----------------------------------------------------------------------------


def test_quantity_grammar() -> None:
    check(
        Quantity,
        valid=["500m", "128Mi", "1e3", "0.5", "1Ki", "1", "1.5Gi", ".5", "2k", "1E", "100n", "0", 2],
        invalid=["500 m", "1.2.3", "Mi", "-1", "1mi", "", "500m\n", " 1", "1 ", "1KI", "1e", "+-1", True, 1.5, None],
    )


def test_quantity_int_is_stored_as_text() -> None:
    assert TypeAdapter(Quantity).validate_python(2) == "2"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("128Mi", Decimal(134217728)),
        ("500m", Decimal("0.5")),
        ("1e3", Decimal(1000)),
        ("1Ki", Decimal(1024)),
        ("1.5Gi", Decimal(1610612736)),
        ("0.5", Decimal("0.5")),
        ("2k", Decimal(2000)),
        ("100n", Decimal("0.0000001")),
        ("1E", Decimal(10) ** 18),
        ("2E-2", Decimal("0.02")),
        ("-1", Decimal(-1)),
    ],
)
def test_parse_quantity_exact(text: str, value: Decimal) -> None:
    assert parse_quantity(text) == value


def test_parse_quantity_orders_units_consistently() -> None:
    assert parse_quantity("1") == parse_quantity("1000m")
    assert parse_quantity("1Gi") > parse_quantity("1G")
    assert parse_quantity("1Mi") == parse_quantity("1024Ki")


@pytest.mark.parametrize("text", ["1mi", "Mi", "1.2.3", "500 m", "", "1Kb", "5m\n"])
def test_parse_quantity_refuses_bad_grammar(text: str) -> None:
    assert not is_quantity(text)
    with pytest.raises(ValueError):
        parse_quantity(text)


@given(n=st.integers(min_value=0, max_value=10**6), power=st.sampled_from(["Ki", "Mi", "Gi", "Ti"]))
def test_binary_suffixes_are_powers_of_1024(n: int, power: str) -> None:
    exponent = ["Ki", "Mi", "Gi", "Ti"].index(power) + 1
    assert parse_quantity(f"{n}{power}") == n * 1024**exponent


@given(n=st.integers(min_value=0, max_value=10**6), exp=st.integers(min_value=-9, max_value=9))
def test_exponent_form_matches_decimal_value(n: int, exp: int) -> None:
    assert parse_quantity(f"{n}e{exp}") == Decimal(n).scaleb(exp)


# --- images --------------------------------------------------------------------------------


def test_image_reference() -> None:
    check(
        Image,
        valid=[
            "nginx",
            "nginx:1.27",
            "registry.example.com:5000/team/app:1.0",
            f"app@sha256:{HEX64}",
            f"app:1.0@sha256:{HEX64}",
        ],
        invalid=[
            "",
            "nginx 1.27",
            "nginx:",
            "/nginx",
            "nginx/",
            "nginx@sha256:abc",
            f"nginx@md5:{HEX64}",
            f"nginx@sha256:{HEX64.upper()}",
            f"nginx@sha256:{HEX64}0",
            "nginx:1.27\n",
        ],
    )


# --- helpers -------------------------------------------------------------------------------


def test_frozen_list_is_a_tuple() -> None:
    value = TypeAdapter(FrozenList[int]).validate_python([3, 1])
    assert value == (3, 1)
    assert isinstance(value, tuple)


def test_strings_are_not_coerced_from_other_types() -> None:
    assert not accepts(DNSLabel, 1)
    assert not accepts(ConfigKey, b"key")


def test_broken_rule_becomes_spec_error_with_path_and_rule_not_value() -> None:
    with pytest.raises(kl.SpecError) as info:
        _Holder("Zebra Crossing", port_name="Quokka--Port", cpu="7 parsecs")
    err = info.value
    assert isinstance(err, ValueError)
    assert sorted(p.path for p in err.problems) == ["cpu", "key", "port_name"]
    by_path = {p.path: p.message for p in err.problems}
    assert "ConfigMap or Secret key" in by_path["key"]
    assert "IANA service name" in by_path["port_name"]
    assert "quantity" in by_path["cpu"]
    for value in ("Zebra Crossing", "Quokka--Port", "7 parsecs"):
        assert value not in str(err)
        assert value not in repr(err.problems)


DNS_LABELS = st.from_regex(r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?", fullmatch=True)


@settings(max_examples=75, deadline=None)
@given(name=DNS_LABELS)
def test_any_dns_label_round_trips_into_metadata_name(name: str) -> None:
    (obj,) = kl.Config(name, data={"k": "v"}).render(CTX)
    assert obj["metadata"]["name"] == name
    assert obj["metadata"]["namespace"] == "ns"


@settings(max_examples=75, deadline=None)
@given(name=DNS_LABELS, upper=st.characters(min_codepoint=ord("A"), max_codepoint=ord("Z")), at=st.integers(0, 63))
def test_any_uppercase_letter_breaks_a_dns_label(name: str, upper: str, at: int) -> None:
    at = min(at, len(name))
    assert not accepts(DNSLabel, name[:at] + upper + name[at:])
