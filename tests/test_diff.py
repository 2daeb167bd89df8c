"""`diff` and `status`: server-side dry run against live objects, Secret values masked, noise dropped."""

from __future__ import annotations

import base64
import io
from typing import Any

from k8slab.deploy import Cluster, apply, applyset_id, diff, status
from k8slab.deploy.diff import render_diff
from k8slab.deploy.secrets import Redactor, mask_secrets

from .k8s_emulator import Emulator
from .k8s_emulator import manifests as m

OLD, NEW = "hunter2-very-secret", "correct-horse-battery"


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _stack(value: str = OLD, data: str = "1") -> list[dict[str, Any]]:
    return [m.namespace(), m.secret(value=value), m.configmap(data={"a": data}), m.deployment()]


def test_no_differences_after_apply(emulator: Emulator, cluster: Cluster) -> None:
    apply(_stack(), name="lab", cluster=cluster, wait=False, output=io.StringIO())
    result = diff(_stack(), name="lab", cluster=cluster)
    assert not result.changed
    assert str(result) == "lab: no differences (4 objects unchanged)"


def test_a_change_is_a_unified_diff_without_noise(emulator: Emulator, cluster: Cluster) -> None:
    apply(_stack(), name="lab", cluster=cluster, wait=False, output=io.StringIO())
    applied = len(emulator.requests)
    result = diff(_stack(data="2"), name="lab", cluster=cluster)
    assert [d.obj for d in result.diffs] == ["ConfigMap lab/cfg"]
    text = str(result)
    assert text.startswith("--- live/ConfigMap/lab/cfg\n+++ applied/ConfigMap/lab/cfg\n")
    assert "-  a: '1'\n+  a: '2'\n" in text
    for noise in ("managedFields", "resourceVersion", "uid", "creationTimestamp", "generation", "status"):
        assert noise not in text
    live = emulator.get("configmaps", "lab", "cfg")
    assert live is not None and live["data"] == {"a": "1"}
    diff_patches = [r for r in emulator.requests[applied:] if r.method == "PATCH"]
    assert len(diff_patches) == 4 and all(r.query.get("dryRun") == "All" for r in diff_patches)


def test_secret_values_are_masked_on_both_sides(emulator: Emulator, cluster: Cluster) -> None:
    apply(_stack(), name="lab", cluster=cluster, wait=False, output=io.StringIO())
    text = str(diff(_stack(value=NEW), name="lab", cluster=cluster))
    assert "-  password: '***'\n+  password: '*** (changed)'\n" in text
    for value in (OLD, NEW, _b64(OLD), _b64(NEW)):
        assert value not in text


def test_new_objects_and_missing_namespaces_diff_against_nothing(cluster: Cluster) -> None:
    result = diff(_stack(), name="lab", cluster=cluster)
    assert [d.obj for d in result.diffs] == [
        "Namespace lab",
        "Secret lab/creds",
        "ConfigMap lab/cfg",
        "Deployment lab/web",
    ]
    secret = next(d.text for d in result.diffs if d.obj == "Secret lab/creds")
    assert "+  password: '***'" in secret and OLD not in secret and _b64(OLD) not in secret
    assert f"+    applyset.kubernetes.io/part-of: {applyset_id('applyset-lab', 'lab')}" in secret


def test_prune_shows_the_objects_it_would_delete(emulator: Emulator, cluster: Cluster) -> None:
    apply([*_stack(), m.configmap("old")], name="lab", cluster=cluster, wait=False, output=io.StringIO())
    assert not diff(_stack(), name="lab", cluster=cluster).changed
    result = diff(_stack(), name="lab", cluster=cluster, prune=True)
    assert [d.obj for d in result.diffs] == ["ConfigMap lab/old"]
    assert "+++ applied/ConfigMap/lab/old" in result.diffs[0].text and "-kind: ConfigMap" in result.diffs[0].text


def test_last_applied_annotation_of_a_secret_is_masked() -> None:
    live = m.secret(value=OLD)
    live["metadata"]["annotations"] = {"kubectl.kubernetes.io/last-applied-configuration": f'{{"data":"{_b64(OLD)}"}}'}
    text = render_diff("Secret lab/creds", live, m.secret(value=OLD))
    assert _b64(OLD) not in text


def test_mask_leaves_other_kinds_alone_and_marks_new_keys() -> None:
    assert mask_secrets(m.configmap()) == m.configmap()
    planned = m.secret()
    planned["stringData"] = {"token": "abc"}
    masked = mask_secrets(planned, other=m.secret())
    assert masked is not None
    assert masked["data"] == {"password": "***"} and masked["stringData"] == {"token": "*** (changed)"}


def test_redactor_masks_raw_and_base64_values() -> None:
    redact = Redactor()
    redact.add_objects([m.secret(value=OLD), m.configmap(data={"a": "not-secret"})])
    assert redact(f"x {OLD} y {_b64(OLD)} z not-secret") == "x *** y *** z not-secret"


def test_status_reports_health_by_label(emulator: Emulator, cluster: Cluster) -> None:
    apply(_stack(), name="lab", cluster=cluster, wait=False, output=io.StringIO())
    report = status(_stack(), name="lab", cluster=cluster)
    assert not report.healthy
    assert dict(report.rows)["Deployment lab/web"].state == "progressing"
    emulator.make_ready("deployments.apps", "lab", "web")
    report = status([*_stack(), m.configmap("not-applied")], name="lab", cluster=cluster)
    rows = dict(report.rows)
    assert rows["Deployment lab/web"].state == "ready" and rows["ConfigMap lab/not-applied"].state == "missing"
    assert str(report).splitlines()[-1] == "lab: not healthy (5 objects)"
    assert status(_stack(), name="lab", cluster=cluster).healthy


def test_status_of_nothing_deployed(cluster: Cluster) -> None:
    report = status([m.configmap()], name="lab", cluster=cluster)
    assert not report.healthy and [h.state for _, h in report.rows] == ["missing"]


def test_status_lists_a_kind_the_cluster_does_not_serve_as_missing(cluster: Cluster) -> None:
    report = status([m.widget()], name="lab", cluster=cluster)
    assert [(obj, h.state) for obj, h in report.rows] == [("Widget lab/w", "missing")]
