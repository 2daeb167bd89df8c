"""Volume sources, mounts, devices, lifecycle hooks, huge pages and resize policies, case by case.

Each case is one Pod, changed by a small patch, checked at one Kubernetes version: the rules
report exactly the expected paths (none for an accepted case). The cases follow the success and
error cases of TestValidateVolumes, TestValidateVolumeMounts, TestValidateVolumeDevices,
TestValidateLifecycle / TestValidateHandler and TestValidateResourceRequirements in
kubernetes/kubernetes pkg/apis/core/validation/validation_test.go, and the feature gates'
defaults of each version.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from k8slab.validation.engine import check_object

Pod = dict[str, Any]
C = "spec.containers[0]"


def _pod() -> Pod:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "web", "namespace": "shop"},
        "spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]},
    }


def _volume(source: str, value: Any, name: str = "v") -> Callable[[Pod], None]:
    def patch(pod: Pod) -> None:
        pod["spec"].setdefault("volumes", []).append({"name": name, source: value})

    return patch


def _container(**fields: Any) -> Callable[[Pod], None]:
    def patch(pod: Pod) -> None:
        pod["spec"]["containers"][0].update(copy.deepcopy(fields))

    return patch


def _spec(**fields: Any) -> Callable[[Pod], None]:
    def patch(pod: Pod) -> None:
        pod["spec"].update(copy.deepcopy(fields))

    return patch


def _paths(patches: list[Callable[[Pod], None]], version: str) -> set[str]:
    pod = _pod()
    for patch in patches:
        patch(pod)
    return {p.path for p in check_object(pod, kube_version=version) or []}


_PVC = {"claimName": "data"}
_TEMPLATE = {"spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}
_SLEEP = {"preStop": {"sleep": {"seconds": 0}}}
_RRO = [{"name": "v", "mountPath": "/d", "recursiveReadOnly": "Enabled"}]
_HUGE = {"limits": {"hugepages-2Mi": "4Mi"}, "requests": {"hugepages-2Mi": "4Mi"}}

CASES: list[tuple[str, list[Callable[[Pod], None]], str, set[str]]] = [
    # validateHostPathVolumeSource, validateHostPathType
    ("hostPath every type", [_volume("hostPath", {"path": "/run/x.sock", "type": "Socket"})], "1.33", set()),
    ("hostPath unset type", [_volume("hostPath", {"path": "/var/log", "type": ""})], "1.33", set()),
    ("hostPath dots in a name", [_volume("hostPath", {"path": "/var/..log/a..b"})], "1.33", set()),
    ("hostPath backsteps", [_volume("hostPath", {"path": "/a/.."})], "1.33", {"spec.volumes[0].hostPath.path"}),
    # validateNFSVolumeSource
    ("nfs absolute", [_volume("nfs", {"server": "1.2.3.4", "path": "/x"})], "1.33", set()),
    ("nfs relative", [_volume("nfs", {"server": "1.2.3.4", "path": "x"})], "1.33", {"spec.volumes[0].nfs.path"}),
    # ValidateCSIDriverName
    ("csi upper case driver", [_volume("csi", {"driver": "Example.COM"})], "1.33", set()),
    ("csi long driver", [_volume("csi", {"driver": "a" * 64})], "1.33", {"spec.volumes[0].csi.driver"}),
    # validateProjectionSources
    (
        "projected distinct paths",
        [_volume("projected", {"sources": [{"serviceAccountToken": {"path": "t"}}, {"configMap": {"name": "c"}}]})],
        "1.33",
        set(),
    ),
    (
        "projected token path '..x'",
        [_volume("projected", {"sources": [{"serviceAccountToken": {"path": "..token"}}]})],
        "1.33",
        {"spec.volumes[0].projected.sources[0].serviceAccountToken.path"},
    ),
    (
        "projected token under ten minutes",
        [_volume("projected", {"sources": [{"serviceAccountToken": {"path": "t", "expirationSeconds": 599}}]})],
        "1.33",
        {"spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds"},
    ),
    # validateDownwardAPIVolumeFile and validateContainerResourceDivisor
    (
        "downward huge pages with a binary divisor",
        [
            _volume(
                "downwardAPI",
                {
                    "items": [
                        {
                            "path": "h",
                            "resourceFieldRef": {
                                "containerName": "web",
                                "resource": "requests.hugepages-1Gi",
                                "divisor": "1Gi",
                            },
                        }
                    ]
                },
            )
        ],
        "1.25",
        set(),
    ),
    (
        "downward cpu divisor 1",
        [
            _volume(
                "downwardAPI",
                {
                    "items": [
                        {
                            "path": "c",
                            "resourceFieldRef": {"containerName": "web", "resource": "limits.cpu", "divisor": 1},
                        }
                    ]
                },
            )
        ],
        "1.33",
        set(),
    ),
    (
        "downward both refs",
        [
            _volume(
                "downwardAPI",
                {
                    "items": [
                        {
                            "path": "c",
                            "fieldRef": {"fieldPath": "metadata.name"},
                            "resourceFieldRef": {"containerName": "web", "resource": "limits.cpu"},
                        }
                    ]
                },
            )
        ],
        "1.33",
        {"spec.volumes[0].downwardAPI.items[0]"},
    ),
    # validateEphemeralVolumeSource and the claim names of ValidateVolumes
    (
        "ephemeral with labels",
        [_volume("ephemeral", {"volumeClaimTemplate": {**_TEMPLATE, "metadata": {"labels": {"a": "b"}}}})],
        "1.33",
        set(),
    ),
    (
        "ephemeral claim name too long",
        [
            lambda pod: pod["metadata"].update(name="p" * 250),
            _volume("ephemeral", {"volumeClaimTemplate": _TEMPLATE}, "scratch"),
        ],
        "1.33",
        {"spec.volumes[0].name"},
    ),
    # validateImageVolumeSource
    ("image volume", [_volume("image", {"reference": "repo/model:1"})], "1.33", set()),
    # validateFCVolumeSource, validateAzureDisk, validateFlockerVolumeSource, validateStorageOSVolumeSource
    ("fc by wwids", [_volume("fc", {"wwids": ["3600508b400105e210000900000490000"]})], "1.33", set()),
    ("fc without lun", [_volume("fc", {"targetWWNs": ["500a0981891b8dc5"]})], "1.33", {"spec.volumes[0].fc.lun"}),
    (
        "azure managed disk URI",
        [
            _volume(
                "azureDisk", {"diskName": "d", "diskURI": "https://a.blob.core.windows.net/c/d.vhd", "kind": "Managed"}
            )
        ],
        "1.33",
        {"spec.volumes[0].azureDisk.diskURI"},
    ),
    (
        "azure disk default kind",
        [_volume("azureDisk", {"diskName": "d", "diskURI": "/subscriptions/x"})],
        "1.33",
        set(),
    ),
    (
        "flocker both",
        [_volume("flocker", {"datasetName": "a", "datasetUUID": "b"})],
        "1.33",
        {"spec.volumes[0].flocker"},
    ),
    (
        "storageos label",
        [_volume("storageos", {"volumeName": "Vol_1"})],
        "1.33",
        {"spec.volumes[0].storageos.volumeName"},
    ),
    # ValidateVolumeMounts, validateMountRecursiveReadOnly
    (
        "recursive read-only with readOnly",
        [_volume("emptyDir", {}), _container(volumeMounts=[{**_RRO[0], "readOnly": True, "mountPropagation": "None"}])],
        "1.33",
        set(),
    ),
    ("recursive read-only before 1.31", [_volume("emptyDir", {}), _container(volumeMounts=_RRO)], "1.30", set()),
    (
        "recursive read-only at 1.31",
        [_volume("emptyDir", {}), _container(volumeMounts=_RRO)],
        "1.31",
        {f"{C}.volumeMounts[0].recursiveReadOnly"},
    ),
    (
        "recursive read-only unknown",
        [_volume("emptyDir", {}), _container(volumeMounts=[{**_RRO[0], "recursiveReadOnly": "Always"}])],
        "1.33",
        {f"{C}.volumeMounts[0].recursiveReadOnly"},
    ),
    (
        "Bidirectional when privileged",
        [
            _volume("hostPath", {"path": "/mnt"}),
            _container(volumeMounts=[{"name": "v", "mountPath": "/m", "mountPropagation": "Bidirectional"}]),
            _container(securityContext={"privileged": True}),
        ],
        "1.33",
        set(),
    ),
    # ValidateVolumeDevices
    (
        "device of a claim",
        [_volume("persistentVolumeClaim", _PVC), _container(volumeDevices=[{"name": "v", "devicePath": "/dev/b"}])],
        "1.33",
        set(),
    ),
    (
        "device of an ephemeral volume",
        [
            _volume("ephemeral", {"volumeClaimTemplate": _TEMPLATE}),
            _container(volumeDevices=[{"name": "v", "devicePath": "/dev/b"}]),
        ],
        "1.33",
        set(),
    ),
    (
        "device relative path",
        [_volume("persistentVolumeClaim", _PVC), _container(volumeDevices=[{"name": "v", "devicePath": "dev/b"}])],
        "1.33",
        set(),
    ),
    (
        "device backsteps",
        [_volume("persistentVolumeClaim", _PVC), _container(volumeDevices=[{"name": "v", "devicePath": "/dev/../b"}])],
        "1.33",
        {f"{C}.volumeDevices[0].devicePath"},
    ),
    (
        "device of no volume",
        [_container(volumeDevices=[{"name": "v", "devicePath": "/dev/b"}])],
        "1.33",
        {f"{C}.volumeDevices[0].name"},
    ),
    # validateLifecycle, validateHandler, validateSleepAction
    ("sleep zero from 1.33", [_container(lifecycle=_SLEEP)], "1.33", set()),
    ("sleep zero at 1.32", [_container(lifecycle=_SLEEP)], "1.32", {f"{C}.lifecycle.preStop.sleep.seconds"}),
    ("sleep before its gate", [_container(lifecycle=_SLEEP)], "1.29", set()),
    (
        "sleep within a longer grace period",
        [_container(lifecycle={"preStop": {"sleep": {"seconds": 100}}}), _spec(terminationGracePeriodSeconds=120)],
        "1.33",
        set(),
    ),
    ("tcpSocket hook", [_container(lifecycle={"postStart": {"tcpSocket": {"port": 80}}})], "1.33", set()),
    ("null hook", [_container(lifecycle={"postStart": None})], "1.33", set()),
    (
        "httpGet hook port 0",
        [_container(lifecycle={"preStop": {"httpGet": {"port": 0}}})],
        "1.33",
        {f"{C}.lifecycle.preStop.httpGet.port"},
    ),
    (
        "sidecar hook checked",
        [
            _spec(
                initContainers=[
                    {"name": "side", "image": "x:1", "restartPolicy": "Always", "lifecycle": {"preStop": {}}}
                ]
            )
        ],
        "1.33",
        {"spec.initContainers[0].lifecycle.preStop"},
    ),
    # validateResourceRequirements, validateResourceQuantityHugePageValue
    (
        "huge pages with memory",
        [_container(resources={**_HUGE, "limits": {**_HUGE["limits"], "memory": "1Gi"}})],
        "1.33",
        set(),
    ),
    (
        "huge pages with a cpu request",
        [_container(resources={**_HUGE, "requests": {**_HUGE["requests"], "cpu": "1"}})],
        "1.33",
        set(),
    ),
    ("huge pages alone", [_container(resources=_HUGE)], "1.33", {f"{C}.resources"}),
    (
        "huge pages 1Gi in 2Mi pages",
        [_container(resources={"limits": {"hugepages-2Mi": "1Gi", "cpu": "1"}, "requests": {"hugepages-2Mi": "1Gi"}})],
        "1.33",
        set(),
    ),
    # validateResizePolicy
    (
        "resize policy before 1.33",
        [_container(resizePolicy=[{"resourceName": "gpu", "restartPolicy": "Sometimes"}])],
        "1.32",
        set(),
    ),
    (
        "resize policy values",
        [_container(resizePolicy=[{"resourceName": "gpu", "restartPolicy": "Sometimes"}])],
        "1.33",
        {f"{C}.resizePolicy[0].resourceName", f"{C}.resizePolicy[0].restartPolicy"},
    ),
    (
        "resize policy on OnFailure pods",
        [
            _container(resizePolicy=[{"resourceName": "cpu", "restartPolicy": "RestartContainer"}]),
            _spec(restartPolicy="OnFailure"),
        ],
        "1.33",
        set(),
    ),
    # validateContainerResourceFieldSelector for env
    (
        "env resourceFieldRef of another container",
        [
            _container(
                env=[
                    {
                        "name": "M",
                        "valueFrom": {
                            "resourceFieldRef": {"containerName": "web", "resource": "limits.memory", "divisor": "1k"}
                        },
                    }
                ]
            )
        ],
        "1.33",
        set(),
    ),
    (
        "env resourceFieldRef without resource",
        [_container(env=[{"name": "M", "valueFrom": {"resourceFieldRef": {"divisor": "1"}}}])],
        "1.33",
        {f"{C}.env[0].valueFrom.resourceFieldRef.resource"},
    ),
    # validateExecAction, validateHTTPGetAction (probes)
    (
        "probe header name",
        [_container(readinessProbe={"httpGet": {"port": 80, "httpHeaders": [{"name": "X_Y", "value": "1"}]}})],
        "1.33",
        {f"{C}.readinessProbe.httpGet.httpHeaders[0].name"},
    ),
]


@pytest.mark.parametrize(("patches", "version", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_case_reports_exactly_its_paths(
    patches: list[Callable[[Pod], None]], version: str, expected: set[str]
) -> None:
    assert _paths(patches, version) == expected


@settings(max_examples=60, deadline=None)
@given(page=st.sampled_from(["2Mi", "1Gi", "64Ki"]), count=st.integers(min_value=0, max_value=4096))
def test_whole_huge_pages_are_accepted_and_partial_ones_rejected(page: str, count: int) -> None:
    size = {"2Mi": 2 * 1024**2, "1Gi": 1024**3, "64Ki": 64 * 1024}[page]
    for amount, whole in ((count * size, True), (count * size + 1, False)):
        resources = {
            "limits": {f"hugepages-{page}": str(amount), "memory": "1Gi"},
            "requests": {f"hugepages-{page}": str(amount)},
        }
        paths = _paths([_container(resources=resources)], "1.33")
        assert (paths == set()) is whole


@settings(max_examples=60, deadline=None)
@given(
    seconds=st.integers(min_value=-5, max_value=200),
    grace=st.integers(min_value=0, max_value=150),
    minor=st.integers(29, 37),  # the sleep field exists from 1.29
)
def test_sleep_stays_within_the_grace_period(seconds: int, grace: int, minor: int) -> None:
    patches = [
        _container(lifecycle={"preStop": {"sleep": {"seconds": seconds}}}),
        _spec(terminationGracePeriodSeconds=grace),
    ]
    low = 0 if minor >= 33 else 1
    rejected = minor >= 30 and not low <= seconds <= grace
    assert _paths(patches, f"1.{minor}") == ({f"{C}.lifecycle.preStop.sleep.seconds"} if rejected else set())


def test_a_statefulset_device_may_name_a_claim_template() -> None:
    container = {"name": "db", "image": "db:1", "volumeDevices": [{"name": "data", "devicePath": "/dev/data"}]}
    template = {"metadata": {"name": "data"}, "spec": _TEMPLATE["spec"]}
    stateful_set = {
        "apiVersion": "apps/v1",
        "kind": "StatefulSet",
        "metadata": {"name": "db"},
        "spec": {
            "serviceName": "db",
            "selector": {"matchLabels": {"app": "db"}},
            "template": {"metadata": {"labels": {"app": "db"}}, "spec": {"containers": [container]}},
            "volumeClaimTemplates": [template],
        },
    }
    assert check_object(stateful_set) == []
    container["volumeDevices"][0]["name"] = "other"
    assert [p.path for p in check_object(stateful_set) or []] == [
        "spec.template.spec.containers[0].volumeDevices[0].name"
    ]


def test_pod_level_huge_pages_are_left_alone() -> None:
    pod = _pod()
    pod["spec"]["resources"] = {"limits": {"hugepages-2Mi": "3Mi"}}
    assert {p.path for p in check_object(pod, kube_version="1.34") or []} <= {"spec.resources.limits.hugepages-2Mi"}
    assert not any("page" in p.message for p in check_object(pod, kube_version="1.34") or [])
