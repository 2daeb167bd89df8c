"""Contexts like minikube's: HTTPS with a cluster CA and a client certificate, read by the kubernetes client."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from k8slab.deploy import Retries, apply, connect
from k8slab.errors import ClusterUnreachable, KubeconfigError

from .k8s_emulator import Emulator
from .k8s_emulator import manifests as m
from .k8s_emulator.tls import Certs, make_certs


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> Certs:
    made = make_certs(tmp_path_factory.mktemp("certs"))
    if made is None:
        pytest.skip("openssl is not installed: it makes the test certificates")
    return made


@pytest.fixture
def tls_emulator(certs: Certs) -> Iterator[Emulator]:
    with Emulator(tls=certs) as emu:
        yield emu


def test_client_certificate_over_https(tls_emulator: Emulator, tmp_path: Path) -> None:
    cluster = connect(kubeconfig=tls_emulator.kubeconfig(tmp_path))
    assert cluster.host.startswith("https://127.0.0.1:")
    apply([m.namespace(), m.configmap()], name="lab", cluster=cluster, output=io.StringIO())
    assert tls_emulator.get("configmaps", "lab", "cfg") is not None


def test_a_server_certificate_that_does_not_verify(
    tls_emulator: Emulator, certs: Certs, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    other = make_certs(tmp_path_factory.mktemp("other"))
    assert other is not None
    kubeconfig = tls_emulator.kubeconfig(tmp_path, ca=other.ca)
    cluster = connect(kubeconfig=kubeconfig, retries=Retries(2, 0.01))
    with pytest.raises(
        ClusterUnreachable, match=r"^TLS with the API server at https://127\.0\.0\.1:\d+ \(context emulator\) failed"
    ):
        apply([m.configmap()], name="lab", cluster=cluster, output=io.StringIO())


def test_a_missing_client_certificate_is_a_kubeconfig_error(
    tls_emulator: Emulator, certs: Certs, tmp_path: Path
) -> None:
    kubeconfig = tls_emulator.kubeconfig(tmp_path)
    kubeconfig.write_text(kubeconfig.read_text().replace(str(certs.client_cert), str(tmp_path / "gone.crt")))
    with pytest.raises(KubeconfigError, match=r"context 'emulator' in .* is unusable"):
        connect(kubeconfig=kubeconfig)
