"""`k8slab apply` waits for the new kinds, against the emulator: a Job completes (or fails with
its reason), a DaemonSet rolls out, an Ingress gets an address (or is pending, not failed)."""

from __future__ import annotations

import io
from typing import Any

import pytest

import k8slab as kl
from k8slab.deploy import Cluster, apply
from k8slab.deploy.health import health, reason
from k8slab.errors import WaitFailed, WaitTimeout

from .k8s_emulator import Emulator, ready_status
from .k8s_emulator import manifests as m
from .k8s_emulator.kinds import Kind

NS = "lab"
JOB = kl.Job("migrate", image="nginx:1.27", command=["true"])
AGENT = kl.DaemonSet("agent", image="nginx:1.27", port=2020)
WEB = kl.App("web", image="nginx:1.27", port=8080)
INGRESS = kl.Ingress("shop", rules=[kl.IngressRule(WEB, host="shop.example.com")])


def _objects(*builders: Any) -> list[dict[str, Any]]:
    return kl.Stack("lab", *builders, namespace=NS).objects()


def _health(result: Any) -> dict[str, str]:
    return {ref: str(h) for ref, h in result.health}


def test_a_job_daemonset_and_ingress_become_ready(emulator: Emulator, cluster: Cluster) -> None:
    emulator.ready_when_watched()
    out = io.StringIO()
    result = apply(_objects(JOB, AGENT, INGRESS), name="lab", cluster=cluster, timeout=20, output=out)
    found = _health(result)
    assert found["Job lab/migrate"] == "ready: complete, 1/1 succeeded"
    assert found["DaemonSet lab/agent"] == "ready: 3/3 available"
    # an Ingress without an address is done waiting at once (pending), like a LoadBalancer Service
    assert found["Ingress lab/shop"] in ("pending: address <pending>", "ready: address shop.example.com")
    ingress = next(o for o in _objects(INGRESS) if o["kind"] == "Ingress")
    assert str(health({**ingress, "status": ready_status(ingress)})) == "ready: address shop.example.com"
    assert "Job lab/migrate: ready: complete, 1/1 succeeded" in out.getvalue().splitlines()


def test_an_ingress_without_a_controller_is_pending_not_failed(emulator: Emulator, cluster: Cluster) -> None:
    def deployments_only(kind: Kind, namespace: str) -> None:  # no ingress controller runs: no address
        if kind.kind == "Deployment":
            emulator.make_ready("deployments.apps", NS, "web")

    emulator.on_watch.append(deployments_only)
    result = apply(_objects(INGRESS), name="lab", cluster=cluster, timeout=20, output=io.StringIO())
    assert _health(result)["Ingress lab/shop"] == "pending: address <pending>"
    assert [ref for ref, h in result.health if h.state == "pending"] == ["Ingress lab/shop"]


def test_a_failed_job_ends_the_wait_with_its_reason(emulator: Emulator, cluster: Cluster) -> None:
    def fail(kind: Kind, namespace: str) -> None:
        if kind.kind == "Job":
            emulator.set_status(
                "jobs.batch",
                NS,
                "migrate",
                {
                    "failed": 7,
                    "conditions": [
                        {
                            "type": "Failed",
                            "status": "True",
                            "reason": "BackoffLimitExceeded",
                            "message": "Job has reached the specified backoff limit",
                        }
                    ],
                },
            )

    emulator.on_watch.append(fail)
    with pytest.raises(WaitFailed) as err:
        apply(_objects(JOB), name="lab", cluster=cluster, timeout=20, output=io.StringIO())
    assert err.value.pending == (
        ("Job lab/migrate", "BackoffLimitExceeded: Job has reached the specified backoff limit"),
    )
    assert str(err.value).startswith("1 of 1 objects failed:")
    assert isinstance(err.value, WaitTimeout)  # the command line treats it like a wait that did not succeed


def test_a_running_job_times_out_as_progressing(emulator: Emulator, cluster: Cluster) -> None:
    with pytest.raises(WaitTimeout, match=r"Job lab/migrate: progressing: 0/1 succeeded, 0 running"):
        apply(_objects(JOB), name="lab", cluster=cluster, timeout=0.3, output=io.StringIO())


def test_a_failed_jobs_reason_names_the_container(emulator: Emulator, cluster: Cluster) -> None:
    pod = m.pod("migrate-x1", "migrate")
    pod["metadata"]["labels"] = {"batch.kubernetes.io/job-name": "migrate"}
    pod["status"] = {
        "phase": "Failed",
        "containerStatuses": [
            {"name": "migrate", "state": {"terminated": {"reason": "Error", "exitCode": 3}}, "ready": False}
        ],
    }
    emulator.seed(pod)
    job = {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {"name": "migrate", "namespace": NS},
        "spec": {"selector": {"matchLabels": {"batch.kubernetes.io/job-name": "migrate"}}},
        "status": {"conditions": [{"type": "Failed", "status": "True", "reason": "BackoffLimitExceeded"}]},
    }
    assert health(job).state == "failed" and health(job).done
    assert reason(cluster, job) == "BackoffLimitExceeded: ; pod migrate-x1: container migrate: Error (code 3)"


def test_job_health_counts_completions() -> None:
    job: dict[str, Any] = {"kind": "Job", "spec": {"completions": 3}, "status": {"succeeded": 1, "active": 2}}
    assert str(health(job)) == "progressing: 1/3 succeeded, 2 running"
    assert not health(job).done
