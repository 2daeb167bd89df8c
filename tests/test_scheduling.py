"""Toleration, NodeAffinity, PodAffinity and render_affinity (k8slab.builders.scheduling)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import k8slab as kl
from k8slab.builders.scheduling import render_affinity


def spec_error(cls: Any, *args: Any, **kwargs: Any) -> kl.SpecError:
    with pytest.raises(kl.SpecError) as info:
        cls(*args, **kwargs)
    return info.value


# --- Toleration ----------------------------------------------------------------------------


def test_toleration_equal_renders_every_field() -> None:
    rendered = kl.Toleration("dedicated", value="gpu", effect="NoExecute", seconds=300).render()
    assert rendered == {
        "effect": "NoExecute",
        "key": "dedicated",
        "operator": "Equal",
        "tolerationSeconds": 300,
        "value": "gpu",
    }


def test_toleration_exists_without_key_tolerates_everything() -> None:
    assert kl.Toleration(operator="Exists").render() == {"operator": "Exists"}
    assert kl.Toleration("node.kubernetes.io/unreachable", operator="Exists", effect="NoExecute").render() == {
        "effect": "NoExecute",
        "key": "node.kubernetes.io/unreachable",
        "operator": "Exists",
    }


def test_toleration_equal_without_value_keeps_value_out() -> None:
    assert "value" not in kl.Toleration("spot").render()


def test_toleration_rules() -> None:
    assert "Exists" in str(spec_error(kl.Toleration, "k", operator="Exists", value="v"))
    assert "without a key" in str(spec_error(kl.Toleration))
    assert "NoExecute" in str(spec_error(kl.Toleration, "k", effect="NoSchedule", seconds=10))
    assert "NoExecute" in str(spec_error(kl.Toleration, "k", seconds=10))
    assert spec_error(kl.Toleration, "k", effect="NoExecute", seconds=-1).path == "seconds"
    assert spec_error(kl.Toleration, "k", effect="Sometimes").path == "effect"
    assert spec_error(kl.Toleration, "k", operator="In").path == "operator"
    assert spec_error(kl.Toleration, "bad key!").path == "key"


def test_toleration_is_frozen() -> None:
    toleration = kl.Toleration(operator="Exists")
    with pytest.raises(dataclasses.FrozenInstanceError):
        toleration.key = "x"  # type: ignore[misc]


# --- NodeAffinity --------------------------------------------------------------------------


def test_node_affinity_expression() -> None:
    zone = kl.NodeAffinity("topology.kubernetes.io/zone", values=["eu-1a", "eu-1b"])
    assert zone.expression() == {"key": "topology.kubernetes.io/zone", "operator": "In", "values": ["eu-1a", "eu-1b"]}
    assert zone.required
    assert kl.NodeAffinity("gpu", operator="DoesNotExist").expression() == {"key": "gpu", "operator": "DoesNotExist"}
    assert kl.NodeAffinity("cores", operator="Gt", values=["7"]).expression()["values"] == ["7"]


@pytest.mark.parametrize("operator", ["In", "NotIn"])
def test_in_and_not_in_need_values(operator: str) -> None:
    assert "value" in str(spec_error(kl.NodeAffinity, "zone", operator=operator))


@pytest.mark.parametrize("operator", ["Exists", "DoesNotExist"])
def test_exists_takes_no_values(operator: str) -> None:
    assert "no values" in str(spec_error(kl.NodeAffinity, "gpu", operator=operator, values=["x"]))


@pytest.mark.parametrize("operator", ["Gt", "Lt"])
@pytest.mark.parametrize("values", [[], ["1", "2"], ["abc"], ["1.5"], ["--5"], ["-"], ["\uff15"], [" 5"]])
def test_gt_and_lt_need_one_integer(operator: str, values: list[str]) -> None:
    assert "integer" in str(spec_error(kl.NodeAffinity, "cores", operator=operator, values=values))


@pytest.mark.parametrize("value", ["0", "5", "-5", "+5", "1234567890"])
def test_gt_accepts_integers(value: str) -> None:
    kl.NodeAffinity("cores", operator="Gt", values=[value])


def test_node_affinity_weight_and_key() -> None:
    assert spec_error(kl.NodeAffinity, "gpu", operator="Exists", weight=0).path == "weight"
    assert spec_error(kl.NodeAffinity, "gpu", operator="Exists", weight=101).path == "weight"
    assert spec_error(kl.NodeAffinity, "Bad Key", operator="Exists").path == "key"
    assert spec_error(kl.NodeAffinity, "gpu", operator="Near").path == "operator"


# --- PodAffinity ---------------------------------------------------------------------------


def test_pod_affinity_term() -> None:
    near = kl.PodAffinity({"app": "cache", "tier": "backend"}, topology_key="topology.kubernetes.io/zone")
    assert near.term() == {
        "labelSelector": {"matchLabels": {"app": "cache", "tier": "backend"}},
        "topologyKey": "topology.kubernetes.io/zone",
    }
    default = kl.PodAffinity({"app": "cache"})
    assert default.term()["topologyKey"] == "kubernetes.io/hostname"
    assert not default.required
    assert not default.anti


def test_pod_affinity_rules() -> None:
    assert "label" in str(spec_error(kl.PodAffinity, {}))
    assert spec_error(kl.PodAffinity, {"bad key!": "x"}).path.startswith("labels")
    assert spec_error(kl.PodAffinity, {"app": "bad value!"}).path.startswith("labels")
    assert spec_error(kl.PodAffinity, {"app": "x"}, topology_key="not a key").path == "topology_key"
    assert spec_error(kl.PodAffinity, {"app": "x"}, weight=0).path == "weight"


# --- render_affinity -----------------------------------------------------------------------


def test_render_affinity_empty() -> None:
    assert render_affinity((), ()) == {}


def test_render_affinity_groups_required_node_terms_in_one_selector_term() -> None:
    a = kl.NodeAffinity("zone", values=["a"])
    b = kl.NodeAffinity("disk", values=["ssd"])
    out = render_affinity([a, b], [])
    terms = out["nodeAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]["nodeSelectorTerms"]
    # One term holding both expressions: both must hold (AND), not either (OR).
    assert terms == [{"matchExpressions": [a.expression(), b.expression()]}]
    assert "preferredDuringSchedulingIgnoredDuringExecution" not in out["nodeAffinity"]
    assert set(out) == {"nodeAffinity"}


def test_render_affinity_preferred_node_terms_keep_their_weight() -> None:
    a = kl.NodeAffinity("zone", values=["a"], required=False, weight=10)
    b = kl.NodeAffinity("disk", values=["ssd"], required=False, weight=90)
    preferred = render_affinity([a, b], [])["nodeAffinity"]["preferredDuringSchedulingIgnoredDuringExecution"]
    assert [p["weight"] for p in preferred] == [10, 90]
    assert preferred[1]["preference"] == {"matchExpressions": [b.expression()]}


def test_render_affinity_splits_affinity_from_anti_affinity() -> None:
    near = kl.PodAffinity({"app": "cache"}, weight=30)
    apart_required = kl.PodAffinity({"app": "web"}, anti=True, required=True)
    out = render_affinity([], [near, apart_required])
    assert out["podAffinity"] == {
        "preferredDuringSchedulingIgnoredDuringExecution": [{"podAffinityTerm": near.term(), "weight": 30}]
    }
    assert out["podAntiAffinity"] == {"requiredDuringSchedulingIgnoredDuringExecution": [apart_required.term()]}
    assert "nodeAffinity" not in out


@settings(max_examples=50, deadline=None)
@given(weight=st.integers(min_value=-1000, max_value=1000))
def test_weight_range_is_one_to_hundred(weight: int) -> None:
    if 1 <= weight <= 100:
        term = render_affinity([], [kl.PodAffinity({"app": "x"}, weight=weight)])
        assert term["podAffinity"]["preferredDuringSchedulingIgnoredDuringExecution"][0]["weight"] == weight
    else:
        assert spec_error(kl.PodAffinity, {"app": "x"}, weight=weight).path == "weight"
