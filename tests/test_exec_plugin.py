"""Kubeconfig exec plugins, as small scripts: a good one authenticates; a failing or hanging one is one clear error."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from k8slab.cli import main
from k8slab.deploy import apply, connect
from k8slab.deploy.exec_plugin import TIMEOUT_ENV
from k8slab.errors import KubeconfigError

from .k8s_emulator import TOKEN, Emulator
from .k8s_emulator import manifests as m

CREDENTIAL = {"apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential", "status": {"token": TOKEN}}


def _kubeconfig(emulator: Emulator, tmp_path: Path, script: str) -> Path:
    plugin = tmp_path / "plugin.py"
    plugin.write_text(script)
    user: dict[str, Any] = {
        "exec": {
            "apiVersion": "client.authentication.k8s.io/v1",
            "command": sys.executable,
            "args": [str(plugin)],
            "interactiveMode": "Never",
        }
    }
    config = {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": "emulator", "cluster": {"server": emulator.url}}],
        "users": [{"name": "tester", "user": user}],
        "contexts": [{"name": "plugged", "context": {"cluster": "emulator", "user": "tester"}}],
        "current-context": "plugged",
    }
    path = tmp_path / "kubeconfig"
    path.write_text(yaml.safe_dump(config))
    return path


def test_a_working_plugin_authenticates(emulator: Emulator, tmp_path: Path) -> None:
    script = (
        "import json, os\n"
        "info = json.loads(os.environ['KUBERNETES_EXEC_INFO'])\n"
        "assert info['kind'] == 'ExecCredential' and info['spec']['interactive'] is False\n"
        f"print(json.dumps({CREDENTIAL!r}))\n"
    )
    cluster = connect(kubeconfig=_kubeconfig(emulator, tmp_path, script))
    apply([m.namespace(), m.configmap()], name="lab", cluster=cluster, wait=False, output=io.StringIO())
    assert emulator.get("configmaps", "lab", "cfg") is not None


@pytest.mark.parametrize(
    ("script", "reason"),
    [
        (
            "import sys\nsys.stderr.write('token expired; run login\\n')\nsys.exit(3)\n",
            "exited with code 3: token expired; run login",
        ),
        ("print('{not json')\n", "printed something other than an ExecCredential (not JSON)"),
        ('print(\'{"kind": "Other"}\')\n', "printed JSON that is not an ExecCredential with a status"),
        (
            f"print({json.dumps(json.dumps({**CREDENTIAL, 'apiVersion': 'client.authentication.k8s.io/v1beta1'}))})\n",
            "answered in 'client.authentication.k8s.io/v1beta1', but the kubeconfig asks for"
            " 'client.authentication.k8s.io/v1'",
        ),
        (
            f"print({json.dumps(json.dumps({**CREDENTIAL, 'status': {}}))})\n",
            "gave neither a token nor a client certificate and key",
        ),
        ("import time\ntime.sleep(60)\n", f"gave no answer within 0.5s (set {TIMEOUT_ENV} to wait longer)"),
    ],
    ids=["exit-code", "not-json", "not-a-credential", "wrong-version", "no-token", "hangs"],
)
def test_a_failing_plugin_is_one_error_naming_the_context_and_the_command(
    emulator: Emulator,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    script: str,
    reason: str,
) -> None:
    monkeypatch.setenv(TIMEOUT_ENV, "0.5")
    kubeconfig = _kubeconfig(emulator, tmp_path, script)
    with pytest.raises(KubeconfigError) as err:
        connect(kubeconfig=kubeconfig)
    assert str(err.value) == f"context 'plugged': the exec plugin {sys.executable!r} {reason}"
    assert main(["status", str(_stack(tmp_path)), "--kubeconfig", str(kubeconfig)]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"k8slab: error: {err.value}\n"
    assert "ERROR:root" not in captured.out + captured.err
    assert not emulator.requests


def test_a_plugin_that_cannot_start(emulator: Emulator, tmp_path: Path) -> None:
    kubeconfig = _kubeconfig(emulator, tmp_path, "")
    config = yaml.safe_load(kubeconfig.read_text())
    config["users"][0]["user"]["exec"]["command"] = str(tmp_path / "missing-plugin")
    kubeconfig.write_text(yaml.safe_dump(config))
    with pytest.raises(KubeconfigError, match=r"the exec plugin '.*missing-plugin' cannot be run: No such file"):
        connect(kubeconfig=kubeconfig)


def _stack(tmp_path: Path) -> Path:
    program = tmp_path / "program.py"
    app = 'kl.App("web", image="nginx:1.27", port=8080)'
    program.write_text(f'import k8slab as kl\nstack = kl.Stack("demo", {app}, namespace="demo")\n')
    return program


def test_a_plugin_failing_on_refresh_is_the_same_one_error(emulator: Emulator, tmp_path: Path) -> None:
    expired = {**CREDENTIAL, "status": {"token": TOKEN, "expirationTimestamp": "2020-01-01T00:00:00Z"}}
    script = (
        "import pathlib, sys\n"
        f"marker = pathlib.Path({str(tmp_path / 'ran')!r})\n"
        "if marker.exists():\n"
        "    sys.stderr.write('refresh token revoked\\n')\n"
        "    sys.exit(1)\n"
        "marker.write_text('once')\n"
        f"print({json.dumps(json.dumps(expired))})\n"
    )
    cluster = connect(kubeconfig=_kubeconfig(emulator, tmp_path, script))  # first run: a token that has expired
    with pytest.raises(KubeconfigError) as err:
        apply([m.configmap()], name="lab", cluster=cluster, wait=False, output=io.StringIO())
    assert (
        str(err.value)
        == f"context 'plugged': the exec plugin {sys.executable!r} exited with code 1: refresh token revoked"
    )
