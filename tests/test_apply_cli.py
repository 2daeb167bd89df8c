"""`k8slab apply | diff | status | delete` against the emulator: Python programs, YAML directories, exit codes."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
import yaml

from k8slab.cli import main
from k8slab.commands._cluster import duration
from k8slab.deploy import load_path
from k8slab.errors import UsageError

from .k8s_emulator import Emulator
from .k8s_emulator import manifests as m

PROGRAM = """
import k8slab as kl
stack = kl.Stack("demo", kl.App("web", image="nginx:1.27", port=8080, replicas={replicas}), namespace="demo")
"""


def _program(tmp_path: Path, replicas: int = 2) -> Path:
    path = tmp_path / "program.py"
    path.write_text(PROGRAM.format(replicas=replicas))
    return path


def _yaml_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "manifests"
    (directory / "nested").mkdir(parents=True)
    (directory / "a.yaml").write_text(yaml.safe_dump_all([m.namespace(), m.configmap()]))
    (directory / "nested" / "b.yml").write_text(yaml.safe_dump({"kind": "List", "items": [m.deployment()]}))
    (directory / "notes.txt").write_text("not yaml")
    return directory


def test_apply_a_program_then_again_with_no_changes(
    emulator: Emulator, kubeconfig: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    emulator.ready_when_watched()
    args = ["apply", str(_program(tmp_path)), "--kubeconfig", str(kubeconfig), "--context", "emulator"]
    assert main([*args, "--timeout", "20s"]) == 0
    out = capsys.readouterr().out
    assert "Deployment demo/web created" in out and "Deployment demo/web: ready: 2/2 available, 2/2 updated" in out
    assert main(args) == 0
    assert "demo: no changes" in capsys.readouterr().out


def test_diff_exit_code_and_masking(
    emulator: Emulator, kubeconfig: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    program = _program(tmp_path)
    assert main(["apply", str(program), "--kubeconfig", str(kubeconfig), "--no-wait"]) == 0
    capsys.readouterr()
    assert main(["diff", str(program), "--kubeconfig", str(kubeconfig), "--exit-code"]) == 0
    assert "demo: no differences" in capsys.readouterr().out
    changed = _program(tmp_path, replicas=3)
    assert main(["diff", str(changed), "--kubeconfig", str(kubeconfig), "--exit-code"]) == 3
    assert "-  replicas: 2\n+  replicas: 3\n" in capsys.readouterr().out
    assert main(["diff", str(changed), "--kubeconfig", str(kubeconfig)]) == 0


def test_status_exit_code_follows_health(
    emulator: Emulator, kubeconfig: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    program = _program(tmp_path)
    main(["apply", str(program), "--kubeconfig", str(kubeconfig), "--no-wait"])
    capsys.readouterr()
    assert main(["status", str(program), "--kubeconfig", str(kubeconfig)]) == 3
    assert "Deployment demo/web" in capsys.readouterr().out
    emulator.make_ready("deployments.apps", "demo", "web")
    assert main(["status", str(program), "--kubeconfig", str(kubeconfig)]) == 0
    assert "demo: healthy" in capsys.readouterr().out


def test_yaml_directory_apply_prune_and_delete(
    emulator: Emulator, kubeconfig: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = _yaml_dir(tmp_path)
    base = ["--kubeconfig", str(kubeconfig), "--name", "lab", "--no-wait"]
    assert main(["apply", str(directory), *base, "--dry-run"]) == 0
    assert emulator.store.objects == {}
    assert main(["apply", str(directory), *base]) == 0
    (directory / "nested" / "b.yml").unlink()
    assert main(["apply", str(directory), *base, "--prune"]) == 0
    assert "Deployment lab/web pruned" in capsys.readouterr().out
    assert main(["delete", str(directory), *base]) == 0
    out = capsys.readouterr().out
    assert "ConfigMap lab/cfg deleted" in out and "Namespace lab deleted" in out
    assert emulator.store.objects == {}


def test_yaml_sources_are_read_in_name_order(tmp_path: Path) -> None:
    [bundle] = load_path(_yaml_dir(tmp_path))
    assert bundle.name is None  # never named after the directory
    assert [o["kind"] for o in bundle.objects] == ["Namespace", "ConfigMap", "Deployment"]


def test_unusable_sources(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file or directory"):
        load_path(tmp_path / "absent")
    (tmp_path / "bad.yaml").write_text("- just\n- a list\n")
    with pytest.raises(UsageError, match="document 0 is not a Kubernetes object"):
        load_path(tmp_path / "bad.yaml")
    (tmp_path / "half.yaml").write_text("apiVersion: v1\nkind: ConfigMap\n")
    with pytest.raises(UsageError, match=r"lacks apiVersion, kind or metadata\.name"):
        load_path(tmp_path / "half.yaml")
    with pytest.raises(UsageError, match="cannot name a stack"):
        load_path(tmp_path / "half.yaml", name="Not_A_Label!")


def test_a_broken_program_fails_before_connecting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    program = tmp_path / "broken.py"
    program.write_text("raise RuntimeError('boom')\n")
    assert main(["apply", str(program), "--kubeconfig", str(tmp_path / "absent")]) == 2
    assert "broken.py:1: RuntimeError: boom" in capsys.readouterr().err


def test_helm_flag_needs_a_chart_and_a_namespace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["apply", str(tmp_path), "--helm"]) == 2
    assert "--helm needs a chart directory" in capsys.readouterr().err


@pytest.mark.parametrize(("text", "seconds"), [("300", 300.0), ("90s", 90.0), ("5m", 300.0), ("1m30s", 90.0)])
def test_durations(text: str, seconds: float) -> None:
    assert duration(text) == seconds


def test_a_bad_duration() -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        duration("soon")


def test_unquoted_dates_in_yaml_are_sent_as_strings(emulator: Emulator, kubeconfig: Path, tmp_path: Path) -> None:
    (tmp_path / "cm.yaml").write_text(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: lab\n"
        "  annotations:\n    released: 2024-05-01\n"
    )
    assert main(["apply", str(tmp_path / "cm.yaml"), "--kubeconfig", str(kubeconfig), "--name", "lab"]) == 0
    live = emulator.get("configmaps", "lab", "cfg")
    assert live is not None and live["metadata"]["annotations"]["released"] == "2024-05-01"


RELEASE_PROGRAM = """
import k8slab as kl
admin = kl.Secret.ref("grafana-admin", keys=["admin-user", "admin-password"])
monitoring_release = kl.KubePrometheusStack("monitoring", namespace="monitoring", grafana_admin=admin)
stack = kl.Stack("demo", kl.App("web", image="nginx:1.27", port=8080), namespace="demo")
"""


def test_a_programs_helm_release_is_installed_before_its_stacks(
    emulator: Emulator,
    kubeconfig: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record = tmp_path / "helm-args.txt"
    fake = tmp_path / "helm"
    fake.write_text(f'#!/bin/sh\necho "$@" > {record}\necho \'Release "monitoring" has been upgraded.\'\n')
    fake.chmod(0o755)
    monkeypatch.setenv("K8SLAB_HELM", str(fake))
    program = tmp_path / "program.py"
    program.write_text(RELEASE_PROGRAM)
    assert main(["apply", str(program), "--kubeconfig", str(kubeconfig), "--context", "emulator", "--no-wait"]) == 0
    out = capsys.readouterr().out
    assert out.index("monitoring: 1 upgraded") < out.index("Deployment demo/web created")
    args = record.read_text().split()
    assert args[:3] == ["upgrade", "--install", "monitoring"] and "kube-prometheus-stack" in args


def test_broken_yaml_names_the_line_but_never_prints_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "secret.yaml"
    broken.write_text('apiVersion: v1\nkind: Secret\nmetadata: {name: x}\nstringData:\n  password: "hunter2-secret\n')
    assert main(["apply", str(broken), "--kubeconfig", str(tmp_path / "none")]) == 2
    err = capsys.readouterr().err
    assert "secret.yaml: line" in err
    assert "hunter2-secret" not in err


def test_a_program_without_stacks_runs_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    runs = tmp_path / "runs.txt"
    program = tmp_path / "empty.py"
    program.write_text(f"with open({str(runs)!r}, 'a') as f:\n    f.write('ran\\n')\n")
    assert main(["apply", str(program), "--kubeconfig", str(tmp_path / "none")]) == 2
    assert "defines no k8slab Stack" in capsys.readouterr().err
    assert runs.read_text() == "ran\n"
