"""``k8slab synth``'s worker process: it writes and validates what this process would, and a failed one is replaced."""

from __future__ import annotations

from pathlib import Path

import pytest

import k8slab as kl
from k8slab.cli import main
from k8slab.render import remote, synth
from k8slab.validation.engine import check

from .conftest import EXAMPLES


def _stacks() -> list[kl.Stack]:
    sec = kl.Security(network_policy=False, reason="test: small objects")
    apps = [kl.App(f"a{i}", image="nginx:1.27", port=8080, security=sec) for i in range(3)]
    return [
        kl.Stack("web", *apps, namespace="web"),
        kl.Stack("jobs", kl.Config("c", data={"k": "v"}), namespace="jobs"),
    ]


def test_the_worker_writes_and_validates_as_this_process() -> None:
    stacks = _stacks()
    charts = {s.name: s.render() for s in stacks}
    checks = {s.name: (charts[s.name], s.check_options()) for s in stacks}
    answer = remote.Worker().write(charts, checks)
    assert answer is not None
    written, problems = answer
    assert written == synth.cdk8s_yaml(charts)
    assert problems == {s.name: check(charts[s.name], **s.check_options()).problems for s in stacks}


def test_the_worker_reports_the_problems_it_finds() -> None:
    bad = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "Bad_Name", "namespace": "x"}}
    answer = remote.Worker().write({"x": [bad]}, {"x": ([bad], {"kube_version": "1.33"})})
    assert answer is not None
    assert answer[1]["x"] == check([bad], kube_version="1.33").problems != []


def test_an_unused_worker_exits_by_itself() -> None:
    worker = remote.Worker()
    process = worker._process
    assert process is not None
    worker.close()
    assert process.returncode == 0  # waited for: it read the end of its input, and stopped Node as jsii does
    assert worker.write({"x": []}) is None  # a closed worker writes nothing


def test_the_worker_has_exited_when_its_answer_is_returned() -> None:
    """The worker stops Node after it answered; the command waits for that, so no worker outlives it."""
    worker = remote.Worker()
    process = worker._process
    assert process is not None
    config = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "namespace": "x"}}
    assert worker.write({"x": [config]}) == (synth.cdk8s_yaml({"x": [config]}), {})
    assert process.returncode == 0


class _Failing(remote.Worker):
    def __init__(self) -> None:
        self._process = None


def test_a_failed_worker_is_replaced_by_this_process(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert main(["synth", str(EXAMPLES / "lab.py"), "-o", str(tmp_path / "worker")]) == 0
    monkeypatch.setattr(remote, "Worker", _Failing)
    assert main(["synth", str(EXAMPLES / "lab.py"), "-o", str(tmp_path / "here")]) == 0
    assert (tmp_path / "here" / "lab.k8s.yaml").read_bytes() == (tmp_path / "worker" / "lab.k8s.yaml").read_bytes()


INVALID = """
import k8slab as kl
stack = kl.Stack("demo", kl.App("web", image="nginx:1.27", port=8080),
                 kl.Limits.range(container=kl.LimitItem(max={"cpu": "100m"})), namespace="demo")
"""


def test_problems_are_reported_alike_with_and_without_the_worker(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    program = tmp_path / "program.py"
    program.write_text(INVALID)
    assert main(["synth", str(program), "-o", str(tmp_path / "a")]) == 1
    with_worker = capsys.readouterr().err
    monkeypatch.setattr(remote, "Worker", _Failing)
    assert main(["synth", str(program), "-o", str(tmp_path / "b")]) == 1
    assert capsys.readouterr().err == with_worker
    assert f"{program}:3: App/web: limits.cpu: 500m" in with_worker
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_parts_written_by_several_workers_are_the_bytes_of_one(monkeypatch: pytest.MonkeyPatch) -> None:
    stacks = _stacks()
    charts = {s.name: s.render() for s in stacks}
    marks = {s.name: synth.default_mark(s.name, charts[s.name]) for s in stacks}
    checks = {s.name: s.check_options() for s in stacks}
    whole = synth.synth_yaml(charts, marks=marks)
    monkeypatch.setattr(remote, "PART", 3)  # several parts: the early worker writes one and checks all
    done = remote.synth_yaml(charts, remote.Worker(), checks=checks, marks=marks)
    assert done is not None
    assert done[0] == whole
    assert done[1] == {s.name: check(charts[s.name], **s.check_options()).problems for s in stacks}
