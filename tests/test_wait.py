"""Waiting by watch: readiness per kind, status driven by watch events, timeouts that name the reason."""

from __future__ import annotations

import io
from typing import Any

import pytest

from k8slab.deploy import Cluster, apply, applyset_id, delete
from k8slab.deploy.health import health
from k8slab.deploy.progress import Progress
from k8slab.errors import Forbidden, WaitTimeout

from .k8s_emulator import Emulator, ready_status
from .k8s_emulator import manifests as m


def _with(obj: dict[str, Any], **status: object) -> dict[str, Any]:
    return {**obj, "metadata": {**obj["metadata"], "generation": 2}, "status": status}


def test_deployment_is_ready_only_when_the_rollout_is_complete() -> None:
    d = m.deployment(replicas=3)
    assert health(_with(d, observedGeneration=1, replicas=3, updatedReplicas=3, availableReplicas=3)).state == (
        "progressing"
    )  # the controller has not seen generation 2 yet
    partial = health(_with(d, observedGeneration=2, replicas=4, updatedReplicas=3, availableReplicas=3))
    assert (partial.state, partial.detail) == ("progressing", "3/3 available, 3/3 updated, 1 old")
    assert health(_with(d, observedGeneration=2, replicas=3, updatedReplicas=3, availableReplicas=3)).done


def test_statefulset_needs_ready_replicas_and_one_revision() -> None:
    s = m.statefulset(replicas=2)
    rolling = _with(s, observedGeneration=2, readyReplicas=2, currentRevision="db-1", updateRevision="db-2")
    assert health(rolling).detail == "2/2 ready, rolling out a new revision"
    assert health(_with(s, observedGeneration=2, readyReplicas=2, currentRevision="db-2", updateRevision="db-2")).done


def test_pvc_and_loadbalancer() -> None:
    assert not health({**m.pvc(), "status": {"phase": "Pending"}}).done
    assert health({**m.pvc(), "status": {"phase": "Bound"}}).done
    pending = health(m.service(type="LoadBalancer"))
    assert (pending.state, pending.detail, pending.done) == ("pending", "external IP <pending>", True)
    assert str(health(ready_status_of(m.service(type="LoadBalancer")))) == "ready: external IP 192.0.2.10"
    assert health(m.service()).state == "present"


def ready_status_of(obj: dict[str, Any]) -> dict[str, Any]:
    return {**obj, "status": ready_status({**obj, "metadata": {**obj["metadata"], "generation": 1}})}


def test_wait_follows_watch_events(emulator: Emulator, cluster: Cluster) -> None:
    emulator.ready_when_watched()  # status turns ready only once a watch is open
    out = io.StringIO()
    result = apply(
        [m.namespace(), m.deployment(), m.statefulset(), m.pvc()], name="lab", cluster=cluster, timeout=20, output=out
    )
    assert dict(result.health)["Deployment lab/web"].state == "ready"
    assert {h.state for _, h in result.health} == {"ready"}
    watches = [r for r in emulator.requests if r.query.get("watch") == "true"]
    assert watches and all(r.query.get("resourceVersion") for r in watches)
    selector = f"applyset.kubernetes.io/part-of={applyset_id('applyset-lab', 'lab')}"
    assert all(r.query["labelSelector"] == selector for r in watches)
    lines = out.getvalue().splitlines()
    assert "Deployment lab/web: ready: 2/2 available, 2/2 updated" in lines
    assert "\033[" not in out.getvalue()  # not a terminal: plain lines


def test_a_pending_external_ip_is_reported_not_failed(emulator: Emulator, cluster: Cluster) -> None:
    out = io.StringIO()
    result = apply([m.namespace(), m.service(type="LoadBalancer")], name="lab", cluster=cluster, timeout=5, output=out)
    assert str(dict(result.health)["Service lab/web"]) == "pending: external IP <pending>"
    assert "Service lab/web: pending: external IP <pending>" in out.getvalue()


def test_timeout_names_the_object_and_the_container_reason(emulator: Emulator, cluster: Cluster) -> None:
    emulator.seed(m.pod("web-1", "web", waiting="ImagePullBackOff"))
    with pytest.raises(WaitTimeout) as err:
        apply(
            [m.namespace(), m.deployment(), m.configmap()],
            name="lab",
            cluster=cluster,
            timeout=0.5,
            output=io.StringIO(),
        )
    assert err.value.pending == (("Deployment lab/web", "pod web-1: container app: ImagePullBackOff"),)
    assert str(err.value).startswith("1 of 1 objects not ready after 0.5s:")


def test_timeout_names_the_last_warning_event(emulator: Emulator, cluster: Cluster) -> None:
    claim = m.pvc()
    emulator.seed(m.event("data.1", claim, "ProvisioningFailed", 'storageclass.storage.k8s.io "fast" not found'))
    with pytest.raises(WaitTimeout, match="PersistentVolumeClaim lab/data: ProvisioningFailed: storageclass"):
        apply([claim], name="lab", cluster=cluster, timeout=0.3, output=io.StringIO())


def test_timeout_falls_back_to_the_progress(emulator: Emulator, cluster: Cluster) -> None:
    with pytest.raises(WaitTimeout, match="Deployment lab/web: progressing: waiting for the controller"):
        apply([m.deployment()], name="lab", cluster=cluster, timeout=0.3, output=io.StringIO())


def test_no_wait_returns_at_once(emulator: Emulator, cluster: Cluster) -> None:
    result = apply([m.deployment()], name="lab", cluster=cluster, wait=False, output=io.StringIO())
    assert result.health == ()
    assert not [r for r in emulator.requests if r.query.get("watch")]


def test_delete_waits_until_gone(emulator: Emulator, cluster: Cluster) -> None:
    apply([m.namespace(), m.configmap()], name="lab", cluster=cluster, output=io.StringIO())
    out = io.StringIO()
    delete([m.namespace(), m.configmap()], name="lab", cluster=cluster, timeout=10, output=out)
    assert "ConfigMap lab/cfg: deleted" in out.getvalue()


def test_terminal_progress_rewrites_lines_in_place() -> None:
    out = io.StringIO()
    progress = Progress(out, tty=True)
    progress.update("Deployment lab/web", "progressing: 0/2 available")
    progress.update("Deployment lab/api", "progressing: 0/1 available")
    progress.update("Deployment lab/web", "ready: 2/2 available")
    text = out.getvalue()
    assert text.count("\033[2F") == 1  # went up over the two lines once, to redraw them
    assert text.endswith(
        "\033[2KDeployment lab/web  ready: 2/2 available\n\033[2KDeployment lab/api  progressing: 0/1 available\n"
    )


def test_plain_progress_prints_each_change_once() -> None:
    out = io.StringIO()
    progress = Progress(out, tty=False)
    for state in ("progressing", "progressing", "ready"):
        progress.update("Deployment lab/web", state)
    assert out.getvalue() == "Deployment lab/web: progressing\nDeployment lab/web: ready\n"


def test_a_forbidden_watch_is_one_clear_error(emulator: Emulator, cluster: Cluster) -> None:
    emulator.fail("GET", "^/apis/apps/v1/namespaces/lab/deployments$", 403, times=5)
    with pytest.raises(Forbidden, match=r'not allowed to list deployments\.apps in namespace "lab"'):
        apply([m.namespace(), m.deployment()], name="lab", cluster=cluster, timeout=10, output=io.StringIO())
