"""End-to-end tests against a real cluster; they run only when K8SLAB_E2E_KUBECONFIG names a reachable one.

    minikube start
    K8SLAB_E2E_KUBECONFIG=~/.kube/config pytest -m cluster

K8SLAB_E2E_CONTEXT picks a context other than the kubeconfig's current one.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from k8slab.deploy import Cluster, connect
from k8slab.errors import ApplyError

HOW = "minikube start, then K8SLAB_E2E_KUBECONFIG=~/.kube/config pytest -m cluster"


@pytest.fixture(scope="session")
def real_cluster() -> Cluster:
    """The cluster of K8SLAB_E2E_KUBECONFIG; the test is skipped, with the reason, when there is none."""
    path = os.environ.get("K8SLAB_E2E_KUBECONFIG")
    if not path:
        pytest.skip(f"no cluster: K8SLAB_E2E_KUBECONFIG is not set ({HOW})")
    try:
        cluster = connect(kubeconfig=Path(path).expanduser(), context=os.environ.get("K8SLAB_E2E_CONTEXT"))
        cluster.get("/version")
    except ApplyError as err:
        pytest.skip(f"the cluster of K8SLAB_E2E_KUBECONFIG is not usable: {err}")
    return cluster


@pytest.fixture
def namespace() -> str:
    """A fresh namespace name for one test."""
    return f"k8slab-e2e-{uuid.uuid4().hex[:8]}"
