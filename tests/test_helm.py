"""The helm binary: chart directories rendered offline, releases installed with --wait, one clear error on failure."""

from __future__ import annotations

import io
import json
import stat
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from k8slab import provenance
from k8slab.deploy import PART_OF, Cluster, apply, applyset_id, helm_template, helm_upgrade, load_path, release_args
from k8slab.deploy.helm import with_defaults
from k8slab.errors import HelmFailed

from .conftest import find_tool
from .k8s_emulator import Emulator
from .k8s_emulator import manifests as m


def _chart(tmp_path: Path) -> Path:
    chart = tmp_path / "tiny"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: tiny\nversion: 0.1.0\n")
    (chart / "values.yaml").write_text("greeting: hello\n")
    (chart / "templates" / "cm.yaml").write_text(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cfg\n"
        "data:\n  greeting: {{ .Values.greeting | quote }}\n"
    )
    return chart


def _unreachable(tmp_path: Path) -> Path:
    config = {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": "c", "cluster": {"server": "http://127.0.0.1:9"}}],
        "users": [{"name": "u", "user": {"token": "t"}}],
        "contexts": [{"name": "lab", "context": {"cluster": "c", "user": "u"}}],
        "current-context": "lab",
    }
    path = tmp_path / "kubeconfig"
    path.write_text(yaml.safe_dump(config))
    return path


@pytest.fixture(params=["helm", "helm3"])
def helm(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The real helm binaries: Helm 4 and Helm 3."""
    path = find_tool(request.param)
    monkeypatch.setenv("K8SLAB_HELM", path)
    return path


def test_template_renders_a_chart_offline(helm: str, tmp_path: Path) -> None:
    values = tmp_path / "v.yaml"
    values.write_text("greeting: hi\n")
    objects = helm_template(_chart(tmp_path), release="demo", namespace="lab", values=[values])
    assert [(o["kind"], o["metadata"]["name"], o["data"]) for o in objects] == [
        ("ConfigMap", "demo-cfg", {"greeting": "hi"})
    ]


def test_a_broken_chart_is_one_error(helm: str, tmp_path: Path) -> None:
    chart = _chart(tmp_path)
    (chart / "templates" / "bad.yaml").write_text("{{ .Values.missing.field }}\n")
    with pytest.raises(HelmFailed, match=r"^helm template .* failed: .*nil pointer"):
        helm_template(chart, release="demo")


def test_a_chart_directory_is_applied_as_labelled_objects(
    helm: str, tmp_path: Path, emulator: Emulator, cluster: Cluster
) -> None:
    chart = _chart(tmp_path)
    assert [b.name for b in load_path(chart, namespace="lab")] == [None]  # never named after the chart or its dir
    mark = provenance.yaml_line(provenance.Provenance(stack="tiny-set", namespace="lab", source="tiny.py"))
    (chart / "Chart.yaml").write_text(mark + (chart / "Chart.yaml").read_text())
    [bundle] = load_path(chart)
    assert (bundle.name, bundle.namespace) == ("tiny-set", "lab")  # the stack k8slab recorded in Chart.yaml
    result = apply(bundle, cluster=cluster, output=io.StringIO())
    assert [str(c) for c in result.changes] == [
        "Namespace lab created (it did not exist)",
        "ConfigMap lab/tiny-set-cfg created",  # the release is named after the set
    ]
    live = emulator.get("configmaps", "lab", "tiny-set-cfg")
    assert live is not None and live["metadata"]["labels"][PART_OF] == applyset_id("applyset-tiny-set", "lab")


def test_upgrade_against_an_unreachable_cluster_is_one_clear_error(helm: str, tmp_path: Path) -> None:
    out = io.StringIO()
    args = release_args(_chart(tmp_path), release="tiny", namespace="lab")
    with pytest.raises(HelmFailed) as err:
        helm_upgrade(args, kubeconfig=_unreachable(tmp_path), context="lab", timeout=10, output=out)
    message = str(err.value)
    assert message.lower().startswith("helm upgrade failed: kubernetes cluster unreachable")
    assert "connection refused" in message and "\n" not in message
    assert err.value.returncode == 1
    assert "helm: Error:" in out.getvalue()  # helm's own output was streamed


def test_defaults_add_wait_timeout_and_the_context() -> None:
    args = with_defaults(["upgrade", "--install", "r", "c"], kubeconfig="/k", context="minikube", timeout=90)
    assert args == [
        "upgrade", "--install", "r", "c", "--wait", "--timeout", "90s", "--kubeconfig", "/k", "--kube-context",
        "minikube",
    ]  # fmt: skip
    kept = with_defaults(["upgrade", "r", "c", "--wait=watcher", "--timeout=1m"], kubeconfig=None, context=None,
                         timeout=5)  # fmt: skip
    assert kept == ["upgrade", "r", "c", "--wait=watcher", "--timeout=1m"]
    dry = with_defaults(["upgrade", "r", "c"], kubeconfig=None, context=None, timeout=5, wait=False, dry_run=True)
    assert dry == ["upgrade", "r", "c", "--dry-run=server", "--hide-secret", "--timeout", "5s"]  # helm prints no Secret


def test_no_helm_is_one_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("K8SLAB_HELM", raising=False)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(HelmFailed, match="helm is not installed"):
        helm_upgrade(["upgrade", "--install", "r", "c"])


class _Release:
    """A release object shaped like KubePrometheusStack: objects(), write_values(path), helm_args(values)."""

    def objects(self) -> list[dict[str, Any]]:
        return [m.secret("grafana-admin", ns="monitoring")]

    def write_values(self, path: Path) -> Path:
        path.write_text("grafana:\n  enabled: true\n")
        return path

    def helm_args(self, values: str | Path = "values.yaml") -> list[str]:
        return ["upgrade", "--install", "monitoring", "kube-prometheus-stack", "--repo", "https://charts.invalid",
                "--version", "1.0.0", "-n", "monitoring", "--create-namespace", "-f", str(values)]  # fmt: skip


def _recording_helm(tmp_path: Path) -> tuple[Path, Path]:
    record = tmp_path / "helm-call.json"
    script = tmp_path / "fake-helm"
    script.write_text(
        f"#!{sys.executable}\nimport json, sys\n"
        "args = sys.argv[1:]\nvalues = open(args[args.index('-f') + 1]).read()\n"
        f"json.dump({{'args': args, 'values': values}}, open({str(record)!r}, 'w'))\n"
        "print('Release \"monitoring\" has been upgraded.')\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script, record


def test_a_release_object_applies_its_objects_then_runs_helm(
    tmp_path: Path, emulator: Emulator, cluster: Cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    script, record = _recording_helm(tmp_path)
    monkeypatch.setenv("K8SLAB_HELM", str(script))
    out = io.StringIO()
    result = apply(_Release(), cluster=cluster, timeout=120, output=out)
    assert [str(c) for c in result.changes] == [
        "Namespace monitoring created (it did not exist)",
        "Secret monitoring/grafana-admin created",
        "HelmRelease monitoring/monitoring upgraded",
    ]
    secret = emulator.get("secrets", "monitoring", "grafana-admin")
    assert secret is not None
    assert secret["metadata"]["labels"][PART_OF] == applyset_id("applyset-monitoring", "monitoring")
    call = json.loads(record.read_text())
    assert call["values"] == "grafana:\n  enabled: true\n"  # written before helm ran
    assert call["args"][-7:] == [
        "--wait", "--timeout", "120s", "--kubeconfig", cluster.connection.kubeconfig, "--kube-context", "emulator",
    ]  # fmt: skip  # helm reaches the same cluster through the same kubeconfig
    assert 'helm: Release "monitoring" has been upgraded.' in out.getvalue()
