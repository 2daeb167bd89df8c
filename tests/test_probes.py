"""Probe (k8slab.builders.probes): handlers, timing rules and rendering."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import k8slab as kl
from k8slab.builders.base import RenderContext


def spec_error(fn: Any, *args: Any, **kwargs: Any) -> kl.SpecError:
    with pytest.raises(kl.SpecError) as info:
        fn(*args, **kwargs)
    return info.value


def test_http_probe_defaults() -> None:
    rendered = kl.Probe.http().render()
    assert rendered == {
        "failureThreshold": 3,
        "httpGet": {"path": "/", "port": "http"},
        "initialDelaySeconds": 0,
        "periodSeconds": 10,
        "successThreshold": 1,
        "timeoutSeconds": 1,
    }


def test_http_probe_path_and_numeric_port() -> None:
    assert kl.Probe.http("/healthz", port=8080).render()["httpGet"] == {"path": "/healthz", "port": 8080}


def test_tcp_probe() -> None:
    rendered = kl.Probe.tcp("grpc").render()
    assert rendered["tcpSocket"] == {"port": "grpc"}
    assert "httpGet" not in rendered
    assert "exec" not in rendered


def test_exec_probe_keeps_the_command_as_given() -> None:
    probe = kl.Probe.exec("pg_isready", "-U", "postgres")
    rendered = probe.render()
    assert rendered["exec"] == {"command": ["pg_isready", "-U", "postgres"]}
    assert "tcpSocket" not in rendered
    assert isinstance(probe.command, tuple)


def test_timing_is_rendered_in_camel_case() -> None:
    rendered = kl.Probe.tcp(
        initial_delay_seconds=7, period_seconds=11, timeout_seconds=4, failure_threshold=6, success_threshold=2
    ).render()
    assert rendered["initialDelaySeconds"] == 7
    assert rendered["periodSeconds"] == 11
    assert rendered["timeoutSeconds"] == 4
    assert rendered["failureThreshold"] == 6
    assert rendered["successThreshold"] == 2
    assert list(rendered) == sorted(rendered)


def test_handlers_need_their_target() -> None:
    assert "port" in str(spec_error(kl.Probe, handler="http"))
    assert "port" in str(spec_error(kl.Probe, handler="tcp"))
    assert "command" in str(spec_error(kl.Probe.exec))
    assert spec_error(kl.Probe, handler="grpc", port=1).path == "handler"


def test_http_path_must_be_absolute() -> None:
    assert spec_error(kl.Probe.http, "healthz").path == "path"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("initial_delay_seconds", -1),
        ("period_seconds", 0),
        ("timeout_seconds", 0),
        ("failure_threshold", 0),
        ("success_threshold", 0),
    ],
)
def test_timing_bounds(field: str, value: int) -> None:
    assert spec_error(kl.Probe.tcp, **{field: value}).path == field


def test_unknown_timing_option_is_refused() -> None:
    with pytest.raises(kl.SpecError):
        kl.Probe.tcp(delay=5)  # type: ignore[call-arg]


def test_probe_is_frozen() -> None:
    probe = kl.Probe.http()
    with pytest.raises(dataclasses.FrozenInstanceError):
        probe.path = "/other"  # type: ignore[misc]


def test_probe_inside_an_app_is_rendered_on_the_container() -> None:
    app = kl.App("web", image="nginx:1.27", port=8080, readiness=kl.Probe.exec("cat", "/tmp/ready"))
    deployment = app.render(RenderContext(namespace="ns", instance="lab"))[0]
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    assert container["readinessProbe"]["exec"] == {"command": ["cat", "/tmp/ready"]}


@settings(max_examples=60, deadline=None)
@given(
    delay=st.integers(min_value=0, max_value=3600),
    period=st.integers(min_value=1, max_value=3600),
    timeout=st.integers(min_value=1, max_value=3600),
    failures=st.integers(min_value=1, max_value=100),
)
def test_any_valid_timing_round_trips(delay: int, period: int, timeout: int, failures: int) -> None:
    rendered = kl.Probe.http(
        "/ok", initial_delay_seconds=delay, period_seconds=period, timeout_seconds=timeout, failure_threshold=failures
    ).render()
    assert (rendered["initialDelaySeconds"], rendered["periodSeconds"]) == (delay, period)
    assert (rendered["timeoutSeconds"], rendered["failureThreshold"]) == (timeout, failures)
