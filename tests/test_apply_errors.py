"""Every failure is one clear error: kubeconfig, unreachable, 401/403, 409, 422, 5xx retries, resets; no Secret data."""

from __future__ import annotations

import base64
import io
import socket
from pathlib import Path

import pytest
import yaml

from k8slab.cli import main
from k8slab.deploy import Cluster, Retries, apply, connect
from k8slab.deploy.failures import describe
from k8slab.errors import ClusterUnreachable, Conflict, Forbidden, Invalid, KubeconfigError, ServerError

from .k8s_emulator import Emulator
from .k8s_emulator import manifests as m

SECRET = "hunter2-very-secret"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _kubeconfig(tmp_path: Path, server: str, context: str = "lab") -> Path:
    config = {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": "c", "cluster": {"server": server}}],
        "users": [{"name": "u", "user": {"token": "t"}}],
        "contexts": [{"name": context, "context": {"cluster": "c", "user": "u"}}],
        "current-context": context,
    }
    path = tmp_path / "config"
    path.write_text(yaml.safe_dump(config))
    return path


def test_unreachable_cluster_is_one_error_after_bounded_retries(tmp_path: Path) -> None:
    port = _closed_port()
    cluster = connect(kubeconfig=_kubeconfig(tmp_path, f"http://127.0.0.1:{port}"), retries=Retries(2, 0.01))
    with pytest.raises(ClusterUnreachable) as err:
        apply([m.configmap()], name="lab", cluster=cluster, output=io.StringIO())
    message = str(err.value)
    assert f"cannot reach the API server at http://127.0.0.1:{port} (context lab): connection refused" in message
    assert "2 tries" in message and "minikube start" in message
    assert "\n" not in message


def test_missing_kubeconfig_file(tmp_path: Path) -> None:
    with pytest.raises(KubeconfigError, match="no such kubeconfig file"):
        connect(kubeconfig=tmp_path / "nope")


def test_unknown_context_lists_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(KubeconfigError, match=r"context 'minikube' is not in .* \(known: lab\)"):
        connect(kubeconfig=_kubeconfig(tmp_path, "http://127.0.0.1:1"), context="minikube")


def test_a_broken_kubeconfig(tmp_path: Path) -> None:
    path = tmp_path / "config"
    path.write_text("clusters: [\n")
    with pytest.raises(KubeconfigError, match="not a usable kubeconfig"):
        connect(kubeconfig=path)


def test_no_kubeconfig_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KUBECONFIG", str(tmp_path / "absent"))
    monkeypatch.delenv("KUBERNETES_SERVICE_HOST", raising=False)
    with pytest.raises(KubeconfigError, match="no kubeconfig found"):
        connect()


def test_context_namespace_is_the_default(emulator: Emulator, tmp_path: Path) -> None:
    cluster = connect(kubeconfig=emulator.kubeconfig(tmp_path, namespace="team"))
    cm = m.configmap()
    del cm["metadata"]["namespace"]
    apply([cm], name="lab", cluster=cluster, output=io.StringIO())
    assert emulator.get("configmaps", "team", "cfg") is not None


def test_rejected_credentials_are_401(emulator: Emulator, tmp_path: Path) -> None:
    cluster = connect(kubeconfig=emulator.kubeconfig(tmp_path, token="expired"))
    with pytest.raises(Forbidden) as err:
        apply([m.configmap()], name="lab", cluster=cluster, output=io.StringIO())
    assert err.value.status == 401
    assert 'rejected the credentials (401 Unauthorized) when trying to get secrets "applyset-lab"' in str(err.value)


def test_forbidden_names_the_verb_and_the_resource(emulator: Emulator, cluster: Cluster) -> None:
    emulator.fail("PATCH", "/deployments/web$", 403)
    with pytest.raises(Forbidden) as err:
        apply([m.namespace(), m.deployment()], name="lab", cluster=cluster, output=io.StringIO())
    assert str(err.value).startswith(
        'Deployment lab/web: not allowed to patch deployments.apps "web" in namespace "lab" (403 Forbidden): '
    )


def test_conflict_names_the_other_manager_and_the_flag(emulator: Emulator, cluster: Cluster) -> None:
    emulator.seed(m.deployment(replicas=5), manager="kubectl-edit")
    with pytest.raises(Conflict) as err:
        apply([m.namespace(), m.deployment(replicas=3)], name="lab", cluster=cluster, output=io.StringIO())
    assert str(err.value) == (
        'Deployment lab/web: 1 field is owned by another field manager: .spec.replicas (manager "kubectl-edit");'
        " apply with --force-conflicts (force_conflicts=True) to take them over"
    )
    result = apply(
        [m.namespace(), m.deployment(replicas=3)],
        name="lab",
        cluster=cluster,
        force_conflicts=True,
        wait=False,
        output=io.StringIO(),
    )
    assert "Deployment lab/web configured" in [str(c) for c in result.changes]
    live = emulator.get("deployments.apps", "lab", "web")
    assert live is not None and live["spec"]["replicas"] == 3


def test_invalid_lists_the_servers_field_errors(emulator: Emulator, cluster: Cluster) -> None:
    with pytest.raises(Invalid) as err:
        apply([m.namespace(), m.deployment(replicas=-1)], name="lab", cluster=cluster, output=io.StringIO())
    assert [(p.path, p.message) for p in err.value.problems] == [
        ("spec.replicas", "Invalid value: -1: must be greater than or equal to 0")
    ]
    assert "Deployment lab/web: the API server rejected it as invalid (422):\n  - spec.replicas:" in str(err.value)


def test_transient_5xx_is_retried(emulator: Emulator, cluster: Cluster) -> None:
    emulator.fail("PATCH", "/configmaps/cfg$", 503, times=2)
    apply([m.namespace(), m.configmap()], name="lab", cluster=cluster, output=io.StringIO())
    assert len([r for r in emulator.requests if r.method == "PATCH" and r.path.endswith("/cfg")]) == 3
    assert emulator.get("configmaps", "lab", "cfg") is not None


def test_persistent_5xx_gives_up(emulator: Emulator, cluster: Cluster) -> None:
    emulator.fail("PATCH", "/configmaps/cfg$", 500, times=10, message="etcdserver: request timed out")
    with pytest.raises(ServerError) as err:
        apply([m.namespace(), m.configmap()], name="lab", cluster=cluster, output=io.StringIO())
    assert err.value.status == 500
    assert "kept failing (500 Internal Server Error)" in str(err.value)
    assert "etcdserver: request timed out" in str(err.value)
    assert len([r for r in emulator.requests if r.path.endswith("/cfg") and r.method == "PATCH"]) == 3


def test_connection_reset_is_retried(emulator: Emulator, cluster: Cluster) -> None:
    emulator.fail("PATCH", "/configmaps/cfg$", "reset")
    apply([m.namespace(), m.configmap()], name="lab", cluster=cluster, output=io.StringIO())
    assert emulator.get("configmaps", "lab", "cfg") is not None


def test_resets_without_end_are_unreachable(emulator: Emulator, cluster: Cluster) -> None:
    emulator.fail("GET", "/api/v1$", "reset", times=5)
    with pytest.raises(
        ClusterUnreachable, match="connection reset, 3 tries, when trying to get the API discovery document /api/v1"
    ):
        apply([m.configmap()], name="lab", cluster=cluster, output=io.StringIO())


def test_secret_values_never_reach_errors_or_output(emulator: Emulator, cluster: Cluster) -> None:
    encoded = base64.b64encode(SECRET.encode()).decode()
    emulator.fail(
        "PATCH",
        "/secrets/creds$",
        422,
        message=f'Secret "creds" is invalid: data[password]: Invalid value: "{SECRET}": bad',
        causes=({"field": "data[password]", "message": f'Invalid value: "{encoded}": must be short'},),
    )
    out = io.StringIO()
    with pytest.raises(Invalid) as err:
        apply([m.namespace(), m.secret(value=SECRET)], name="lab", cluster=cluster, output=out)
    text = str(err.value) + out.getvalue() + repr(err.value.problems)
    assert SECRET not in text and encoded not in text
    assert "data[password]: Invalid value: ***" in str(err.value)
    apply([m.namespace(), m.secret(value=SECRET)], name="lab", cluster=cluster, output=out)
    assert SECRET not in out.getvalue() and encoded not in out.getvalue()


def test_the_cli_prints_one_line_without_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifests = tmp_path / "manifests"
    manifests.mkdir()
    (manifests / "cm.yaml").write_text(yaml.safe_dump(m.configmap()))
    kubeconfig = _kubeconfig(tmp_path, f"http://127.0.0.1:{_closed_port()}")
    code = main(["apply", str(manifests), "--kubeconfig", str(kubeconfig)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("k8slab: error: cannot reach the API server at http://127.0.0.1:")
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("method", "path", "query", "expected"),
    [
        (
            "PATCH",
            "/apis/apps/v1/namespaces/lab/deployments/web",
            {},
            ("patch", 'deployments.apps "web" in namespace "lab"'),
        ),
        ("GET", "/api/v1/namespaces/lab/configmaps", {}, ("list", 'configmaps in namespace "lab"')),
        ("GET", "/api/v1/namespaces/lab/pods", {"watch": "true"}, ("watch", 'pods in namespace "lab"')),
        ("DELETE", "/api/v1/namespaces/lab", {}, ("delete", 'namespaces "lab"')),
        ("GET", "/version", {}, ("get", "/version")),
        ("GET", "/apis/apps/v1", {}, ("get", "the API discovery document /apis/apps/v1")),
    ],
)
def test_describe(method: str, path: str, query: dict[str, str], expected: tuple[str, str]) -> None:
    assert describe(method, path, query) == expected
