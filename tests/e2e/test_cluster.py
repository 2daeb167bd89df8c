"""apply, re-apply, diff, status, prune, wait timeout and delete on a real cluster (minikube or any other)."""

from __future__ import annotations

import io

import pytest

import k8slab as kl
from k8slab.deploy import Cluster, apply, delete, diff, status
from k8slab.errors import WaitTimeout

pytestmark = pytest.mark.cluster

PAUSE = "registry.k8s.io/pause:3.10"
SECRET = "e2e-very-secret-value"


def _stack(namespace: str, *, replicas: int = 1, extra: bool = True) -> kl.Stack:
    creds = kl.Secret("creds", data={"password": SECRET})
    config = kl.Config("settings", data={"mode": "e2e"})
    app = kl.App(
        "web",
        image=PAUSE,
        port=8080,
        replicas=replicas,
        service="LoadBalancer",
        readiness=False,
        liveness=False,
        secrets=[creds.env({"DB_PASSWORD": "password"})],
    )
    return kl.Stack("e2e", app, *([config] if extra else []), namespace=namespace)


def test_apply_is_idempotent_and_prunes(real_cluster: Cluster, namespace: str) -> None:
    out = io.StringIO()
    try:
        first = apply(_stack(namespace), cluster=real_cluster, timeout=180, output=out)
        assert first.changed
        assert dict(first.health)[f"Deployment {namespace}/web"].state == "ready"
        assert dict(first.health)[f"Service {namespace}/web"].state in ("ready", "pending")
        again = apply(_stack(namespace), cluster=real_cluster, timeout=180, output=out)
        assert not again.changed, again.summary()
        assert not diff(_stack(namespace), cluster=real_cluster).changed
        assert status(_stack(namespace), cluster=real_cluster).healthy
        changed = diff(_stack(namespace, replicas=2), cluster=real_cluster)
        assert [d.obj for d in changed.diffs] == [f"Deployment {namespace}/web"]
        assert SECRET not in str(changed) and SECRET not in out.getvalue()
        pruned = apply(_stack(namespace, extra=False), cluster=real_cluster, prune=True, timeout=180, output=out)
        assert f"ConfigMap {namespace}/settings" in [c.obj for c in pruned.changes if c.action == "pruned"]
    finally:
        delete(_stack(namespace), cluster=real_cluster, timeout=180, output=out)


def test_a_bad_image_times_out_with_its_reason(real_cluster: Cluster, namespace: str) -> None:
    app = kl.App("broken", image="registry.invalid/k8slab/nope:1.0", service=None, readiness=False, liveness=False)
    stack = kl.Stack("e2e-broken", app, namespace=namespace)
    try:
        with pytest.raises(WaitTimeout) as err:
            apply(stack, cluster=real_cluster, timeout=60, output=io.StringIO())
        assert any(r in str(err.value) for r in ("ErrImagePull", "ImagePullBackOff")), str(err.value)
    finally:
        delete(stack, cluster=real_cluster, timeout=180, output=io.StringIO())
