"""Large syntheses: parts of at most ``PART`` objects, the later ones written by worker processes."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import k8slab as kl
from k8slab.render import synth


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.text(min_size=1, max_size=4), st.lists(st.integers(), max_size=12), min_size=1, max_size=5),
    st.integers(min_value=1, max_value=7),
)
def test_parts_keep_every_object_once_in_order(charts: dict[str, list[Any]], size: int) -> None:
    parts = synth._parts(charts, size)
    assert all(sum(len(objects) for objects in part.values()) <= size for part in parts)
    for name, objects in charts.items():
        assert [o for part in parts for o in part.get(name, [])] == objects
    assert len(parts) == max(1, -(-sum(len(o) for o in charts.values()) // size))


def _stacks() -> dict[str, list[dict[str, Any]]]:
    sec = kl.Security(network_policy=False, reason="test: small objects")
    apps = [kl.App(f"a{i}", image="nginx:1.27", port=8080, security=sec) for i in range(4)]
    web = kl.Stack("web", *apps, namespace="web")
    jobs = kl.Stack("jobs", kl.Config("c", data={"k": "v"}), namespace="jobs")
    return {s.name: s.objects() for s in (web, jobs)}


def test_workers_write_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    charts = _stacks()
    whole = synth.synth_yaml(charts)
    monkeypatch.setattr(synth, "PART", 3)  # 11 objects: this process writes 3, three workers the rest
    calls: list[int] = []
    real = synth._in_worker

    def counted(part: Any) -> dict[str, bytes] | None:
        calls.append(sum(len(o) for o in part.values()))
        return real(part)

    monkeypatch.setattr(synth, "_in_worker", counted)
    assert synth.synth_yaml(charts) == whole
    assert calls == [3, 3, 2]


def test_a_failed_worker_is_replaced_by_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    charts = _stacks()
    whole = synth.synth_yaml(charts)
    monkeypatch.setattr(synth, "PART", 4)
    monkeypatch.setattr(synth, "_in_worker", lambda part: None)
    assert synth.synth_yaml(charts) == whole


def test_validation_failure_with_workers_writes_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    charts = _stacks()
    monkeypatch.setattr(synth, "PART", 3)

    def failing() -> None:
        raise kl.ValidationFailed([kl.Problem("Service/a0", "spec", "a problem")])

    with pytest.raises(kl.ValidationFailed):
        synth.synth_charts(charts, tmp_path / "out", check=failing)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
