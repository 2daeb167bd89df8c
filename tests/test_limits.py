"""Limits, LimitItem and LimitRange (k8slab.builders.limits)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import k8slab as kl
from k8slab.builders.base import RenderContext

CTX = RenderContext(namespace="ns", instance="lab")


def spec_error(fn: Any, *args: Any, **kwargs: Any) -> kl.SpecError:
    with pytest.raises(kl.SpecError) as info:
        fn(*args, **kwargs)
    return info.value


# --- Limits --------------------------------------------------------------------------------


def test_defaults_give_guaranteed_qos() -> None:
    resources = kl.Limits().render()
    assert resources["limits"] == {"cpu": "500m", "memory": "256Mi"}
    assert resources["requests"] == resources["limits"]


def test_requests_default_to_limits() -> None:
    resources = kl.Limits(cpu="2", memory="1Gi").render()
    assert resources == {"limits": {"cpu": "2", "memory": "1Gi"}, "requests": {"cpu": "2", "memory": "1Gi"}}


def test_explicit_requests_are_used() -> None:
    resources = kl.Limits(cpu="1", memory="1Gi", request_cpu="250m", request_memory="512Mi").render()
    assert resources["requests"] == {"cpu": "250m", "memory": "512Mi"}
    assert resources["limits"] == {"cpu": "1", "memory": "1Gi"}


def test_request_equal_to_limit_in_other_units_is_fine() -> None:
    resources = kl.Limits(cpu="1", request_cpu="1000m", memory="1Gi", request_memory="1024Mi").render()
    assert resources["requests"]["cpu"] == "1000m"


def test_request_above_limit_is_refused() -> None:
    err = spec_error(kl.Limits, cpu="500m", request_cpu="0.6")
    assert err.path == "request_cpu"
    assert [p.path for p in err.problems] == ["request_cpu"]
    err = spec_error(kl.Limits, memory="1Gi", request_memory="1025Mi")
    assert err.path == "request_memory"


def test_ephemeral_storage_is_both_limit_and_request() -> None:
    resources = kl.Limits(ephemeral_storage="2Gi").render()
    assert resources["limits"]["ephemeral-storage"] == "2Gi"
    assert resources["requests"]["ephemeral-storage"] == "2Gi"
    assert "ephemeral-storage" not in kl.Limits().render()["limits"]


@pytest.mark.parametrize("field", ["cpu", "memory", "request_cpu", "request_memory", "ephemeral_storage"])
@pytest.mark.parametrize("bad", ["-1", "1mi", "500 m", "lots", True])
def test_every_quantity_field_is_checked(field: str, bad: Any) -> None:
    assert spec_error(kl.Limits, **{field: bad}).path == field


def test_int_quantity_is_accepted() -> None:
    assert kl.Limits(cpu=2, request_cpu=1).render()["requests"]["cpu"] == "1"  # type: ignore[arg-type]


def test_limits_error_inside_an_app_keeps_its_path() -> None:
    err = spec_error(kl.App, "web", image="nginx:1.27", port=80, limits={"cpu": "1", "request_cpu": "2"})
    assert err.path == "limits.request_cpu"


# --- LimitItem ordering --------------------------------------------------------------------


def test_valid_ordering_is_accepted() -> None:
    kl.LimitItem(
        min={"cpu": "100m", "memory": "64Mi"},
        default_request={"cpu": "200m", "memory": "128Mi"},
        default={"cpu": "500m", "memory": "256Mi"},
        max={"cpu": "2", "memory": "1Gi"},
    )
    kl.LimitItem(min={"cpu": "1"}, default_request={"cpu": "1"}, default={"cpu": "1"}, max={"cpu": "1000m"})


@pytest.mark.parametrize(
    ("kwargs", "lower", "upper"),
    [
        ({"min": {"cpu": "2"}, "max": {"cpu": "1"}}, "min", "max"),
        ({"min": {"cpu": "300m"}, "default_request": {"cpu": "200m"}}, "min", "default_request"),
        ({"min": {"memory": "1Gi"}, "default": {"memory": "512Mi"}}, "min", "default"),
        ({"default_request": {"cpu": "1"}, "default": {"cpu": "500m"}}, "default_request", "default"),
        ({"default_request": {"memory": "2Gi"}, "max": {"memory": "1Gi"}}, "default_request", "max"),
        ({"default": {"cpu": "3"}, "max": {"cpu": "2"}}, "default", "max"),
        ({"default": {"ephemeral-storage": "3Gi"}, "max": {"ephemeral-storage": "2Gi"}}, "default", "max"),
    ],
)
def test_each_ordering_violation_names_the_lower_field(kwargs: dict[str, Any], lower: str, upper: str) -> None:
    err = spec_error(kl.LimitItem, **kwargs)
    resource = next(iter(next(iter(kwargs.values()))))
    assert err.path == f"{lower}[{resource!r}]"
    assert upper in err.problems[0].message


def test_resources_are_ordered_independently() -> None:
    # A small cpu min and a large memory max do not compare with each other.
    kl.LimitItem(min={"cpu": "1", "memory": "1Mi"}, max={"cpu": "2", "memory": "1Gi"})
    err = spec_error(kl.LimitItem, min={"cpu": "1", "memory": "2Gi"}, max={"cpu": "2", "memory": "1Gi"})
    assert err.path == "min['memory']"


def test_ratio_must_be_at_least_one() -> None:
    kl.LimitItem(max_limit_request_ratio={"cpu": "1"})
    kl.LimitItem(max_limit_request_ratio={"memory": "2.5"})
    err = spec_error(kl.LimitItem, max_limit_request_ratio={"cpu": "0.5"})
    assert err.path == "max_limit_request_ratio['cpu']"
    assert spec_error(kl.LimitItem, max_limit_request_ratio={"cpu": "999m"}).path == "max_limit_request_ratio['cpu']"


def test_unknown_resource_and_bad_quantity_are_refused() -> None:
    assert spec_error(kl.LimitItem, max={"gpu": "1"}).path.startswith("max")
    assert spec_error(kl.LimitItem, max={"cpu": "-1"}).path.startswith("max")


# --- LimitRange ----------------------------------------------------------------------------


def test_limit_range_renders_container_and_pod_items() -> None:
    container = kl.LimitItem(
        min={"cpu": "50m"},
        default_request={"memory": "128Mi", "cpu": "100m"},
        default={"cpu": "500m"},
        max={"cpu": "2"},
        max_limit_request_ratio={"cpu": "4"},
    )
    pod = kl.LimitItem(max={"memory": "4Gi"})
    (obj,) = kl.Limits.range("bounds", container=container, pod=pod).render(CTX)
    assert obj["apiVersion"] == "v1"
    assert obj["kind"] == "LimitRange"
    assert obj["metadata"]["name"] == "bounds"
    assert obj["metadata"]["namespace"] == "ns"
    first, second = obj["spec"]["limits"]
    assert first["type"] == "Container"
    assert first["defaultRequest"] == {"cpu": "100m", "memory": "128Mi"}
    assert list(first["defaultRequest"]) == ["cpu", "memory"]
    assert first["default"] == {"cpu": "500m"}
    assert first["min"] == {"cpu": "50m"}
    assert first["max"] == {"cpu": "2"}
    assert first["maxLimitRequestRatio"] == {"cpu": "4"}
    assert "default_request" not in first
    assert second == {"type": "Pod", "max": {"memory": "4Gi"}}


def test_limit_range_default_name_and_only_container() -> None:
    limit_range = kl.LimitRange(container=kl.LimitItem(max={"cpu": "1"}))
    (obj,) = limit_range.render(CTX)
    assert obj["metadata"]["name"] == "limits"
    assert [item["type"] for item in obj["spec"]["limits"]] == ["Container"]
    assert limit_range.bounds("Pod") is None
    assert limit_range.bounds("Container") == kl.LimitItem(max={"cpu": "1"})


def test_limit_range_needs_some_bounds() -> None:
    assert spec_error(kl.LimitRange).path == "container"


@pytest.mark.parametrize("field", ["default", "default_request"])
def test_pod_type_defaults_are_refused(field: str) -> None:
    bounds: dict[str, Any] = {field: {"cpu": "1"}}
    err = spec_error(kl.LimitRange, pod=kl.LimitItem(**bounds))
    assert err.path == "pod.default"
    assert err.problems[0].obj == "LimitRange/limits"


def test_nested_item_error_gets_its_position() -> None:
    err = spec_error(kl.LimitRange, container={"min": {"cpu": "2"}, "max": {"cpu": "1"}})
    assert err.path == "container.min['cpu']"


@settings(max_examples=60, deadline=None)
@given(limit=st.integers(min_value=1, max_value=64_000), request=st.integers(min_value=1, max_value=64_000))
def test_request_limit_rule_matches_the_numbers(limit: int, request: int) -> None:
    if request <= limit:
        resources = kl.Limits(cpu=f"{limit}m", request_cpu=f"{request}m").render()
        assert resources["requests"]["cpu"] == f"{request}m"
    else:
        assert spec_error(kl.Limits, cpu=f"{limit}m", request_cpu=f"{request}m").path == "request_cpu"
