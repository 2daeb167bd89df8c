"""Cases of the API server's own validation tests for kinds beyond workloads, as manifests, with its verdict.

Each case names the Go test it comes from and the case's name there: kubernetes/kubernetes
``pkg/apis/core/validation/validation_test.go`` (PersistentVolumes, Endpoints),
``pkg/apis/discovery/validation/validation_test.go`` (EndpointSlices),
``pkg/apis/node/validation/validation_test.go`` (RuntimeClasses),
``pkg/apis/storage/validation/validation_test.go`` (CSIDrivers),
``pkg/apis/admissionregistration/validation/validation_test.go`` (admission policies),
``pkg/apis/flowcontrol``, ``coordination`` and ``certificates`` validation tests. The case names of
TestValidatePersistentVolumes, TestValidatePersistentVolumeSpec, TestValidateEndpointsCreate,
TestValidateEndpointSlice and the node tests were read from the Go source; for the other tests the
part after '/' describes the case (the Go lists are unnamed, or were not at hand). Cases named after
a Go function rather than a test (``ValidateAPIService/...``; ``Func (helper)/...``) exercise a branch
no Go test case covers; the kube-aggregator has no test of ``ValidateAPIService`` at all.

The format is the one of ``test_validate_peer_cases``: ``(go_test, kube_version, expected, kind,
overlay)``, the overlay (YAML) merged into a valid base object of ``kind`` (mappings merge, other
values replace, ``~`` removes the field). An accepted case must produce no problem at all; a
rejected one must name the field the server names.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from k8slab.validation.engine import check
from tests.peer import ACCEPTED, Case, assert_server_verdict, merge, overlaid

_HOST_PATH_SPEC = {
    "capacity": {"storage": "10G"},
    "accessModes": ["ReadWriteOnce"],
    "hostPath": {"path": "/foo", "type": "Directory"},
}

_CSR = (
    "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlITE1ISUNBUUF3RURFT01Bd0dBMVVFQXd3RllXeHBZMlV3V1RB"
    "VEJnY3Foa2pPUFFJQkJnZ3Foa2pPUFFNQgpCd05DQUFUNXhqbzlkeWdWLzg2bHVIVzJGY0VkSW1od1hMekhQRlNZbGdiZzBsdm5v"
    "NnIxNjZtd3NKczVnY1MvCkgvT0N3Um5kbFJVY09NMnVwVjVmdjNDWXVFMTVvQUF3Q2dZSUtvWkl6ajBFQXdJRFNRQXdSZ0loQU8x"
    "cDhaVloKcHc1c1VtWTdhRkxZSFF4cHYySGQ1a3E3bnl2WTY4T1M2WXZuQWlFQWhPYzd0Qkd2SmdxVXF2eHduZ3hmSlBKRApYQ1g2"
    "Tno5cm8rNU50TmlHQjNBPQotLS0tLUVORCBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0K"
)
"""A PEM certificate request (openssl req -new, an EC key, CN=alice), base64-encoded as the API field is."""
_CERTIFICATE = (
    "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJkVENDQVJ1Z0F3SUJBZ0lVRWtQN1BNblFBWk42Y0VZd3ZwZ2xaeUZIZUw4"
    "d0NnWUlLb1pJemowRUF3SXcKRURFT01Bd0dBMVVFQXd3RllXeHBZMlV3SGhjTk1qWXhNakF5TURBeE1ESTFXaGNOTWpZeE1qQXpN"
    "REF4TURJMQpXakFRTVE0d0RBWURWUVFEREFWaGJHbGpaVEJaTUJNR0J5cUdTTTQ5QWdFR0NDcUdTTTQ5QXdFSEEwSUFCUG5HCk9q"
    "MTNLQlgvenFXNGRiWVZ3UjBpYUhCY3ZNYzhWSmlXQnVEU1crZWpxdlhycWJDd216bUJ4TDhmODRMQkdkMlYKRlJ3NHphNmxYbCsv"
    "Y0ppNFRYbWpVekJSTUIwR0ExVWREZ1FXQkJRNGNuOGJ1aEhrbWNnbDhKa096aU5xU21KawozekFmQmdOVkhTTUVHREFXZ0JRNGNu"
    "OGJ1aEhrbWNnbDhKa096aU5xU21KazN6QVBCZ05WSFJNQkFmOEVCVEFECkFRSC9NQW9HQ0NxR1NNNDlCQU1DQTBnQU1FVUNJRUoz"
    "WnZLb0JoR05Ybnc4SkRGZXp5VmRZN0prVHNTS3N6Z1oKdEZOY3Fmb0RBaUVBaVdzQytPOTNmSW5NelJTanhzcEhTRXBWeFpPSkJL"
    "OUluVU1zTHBsVU9JYz0KLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo="
)
"""A PEM certificate, not a request."""

BASES: dict[str, dict[str, Any]] = {
    "PersistentVolume": {
        "apiVersion": "v1",
        "kind": "PersistentVolume",
        "metadata": {"name": "foo"},
        "spec": _HOST_PATH_SPEC,
    },
    "Endpoints": {
        "apiVersion": "v1",
        "kind": "Endpoints",
        "metadata": {"name": "mysvc", "namespace": "namespace"},
        "subsets": [
            {
                "addresses": [{"ip": "10.10.1.1"}, {"ip": "10.10.2.2"}],
                "ports": [
                    {"name": "a", "port": 8675, "protocol": "TCP"},
                    {"name": "b", "port": 309, "protocol": "TCP"},
                ],
            }
        ],
    },
    "EndpointSlice": {
        "apiVersion": "discovery.k8s.io/v1",
        "kind": "EndpointSlice",
        "metadata": {"name": "hello", "namespace": "default"},
        "addressType": "IPv4",
        "ports": [{"name": "http", "protocol": "TCP", "port": 80}],
        "endpoints": [{"addresses": ["10.1.2.3"], "hostname": "valid-123"}],
    },
    "APIService": {
        "apiVersion": "apiregistration.k8s.io/v1",
        "kind": "APIService",
        "metadata": {"name": "v1beta1.metrics.k8s.io"},
        "spec": {
            "group": "metrics.k8s.io",
            "version": "v1beta1",
            "groupPriorityMinimum": 100,
            "versionPriority": 100,
            "service": {"name": "metrics-server", "namespace": "kube-system"},
            "caBundle": "Y2E=",
        },
    },
    "RuntimeClass": {
        "apiVersion": "node.k8s.io/v1",
        "kind": "RuntimeClass",
        "metadata": {"name": "gvisor"},
        "handler": "runsc",
    },
    "CSIDriver": {
        "apiVersion": "storage.k8s.io/v1",
        "kind": "CSIDriver",
        "metadata": {"name": "io.kubernetes.storage.csi.driver"},
        "spec": {"attachRequired": True, "podInfoOnMount": True},
    },
    "ValidatingAdmissionPolicy": {
        "apiVersion": "admissionregistration.k8s.io/v1",
        "kind": "ValidatingAdmissionPolicy",
        "metadata": {"name": "config"},
        "spec": {
            "matchConstraints": {
                "resourceRules": [
                    {"operations": ["CREATE"], "apiGroups": ["a"], "apiVersions": ["a"], "resources": ["a"]}
                ]
            },
            "validations": [{"expression": "object.x < 100"}],
        },
    },
    "ValidatingAdmissionPolicyBinding": {
        "apiVersion": "admissionregistration.k8s.io/v1",
        "kind": "ValidatingAdmissionPolicyBinding",
        "metadata": {"name": "config"},
        "spec": {"policyName": "xyzlimit-scale.example.com", "validationActions": ["Deny"]},
    },
    "FlowSchema": {
        "apiVersion": "flowcontrol.apiserver.k8s.io/v1",
        "kind": "FlowSchema",
        "metadata": {"name": "system-foo"},
        "spec": {
            "matchingPrecedence": 50,
            "priorityLevelConfiguration": {"name": "system-bar"},
            "rules": [
                {
                    "subjects": [{"kind": "User", "user": {"name": "noxu"}}],
                    "resourceRules": [{"verbs": ["*"], "apiGroups": ["*"], "resources": ["*"], "namespaces": ["*"]}],
                }
            ],
        },
    },
    "PriorityLevelConfiguration": {
        "apiVersion": "flowcontrol.apiserver.k8s.io/v1",
        "kind": "PriorityLevelConfiguration",
        "metadata": {"name": "system-foo"},
        "spec": {
            "type": "Limited",
            "limited": {
                "nominalConcurrencyShares": 100,
                "limitResponse": {"type": "Queue", "queuing": {"queues": 64, "handSize": 8, "queueLengthLimit": 100}},
            },
        },
    },
    "Lease": {
        "apiVersion": "coordination.k8s.io/v1",
        "kind": "Lease",
        "metadata": {"name": "my-controller-leader", "namespace": "default"},
        "spec": {"holderIdentity": "pod-1", "leaseDurationSeconds": 15, "leaseTransitions": 0},
    },
    "CSINode": {
        "apiVersion": "storage.k8s.io/v1",
        "kind": "CSINode",
        "metadata": {"name": "foo"},
        "spec": {
            "drivers": [
                {"name": "io.kubernetes.storage.csi.driver", "nodeID": "node", "topologyKeys": ["company.com/zone1"]}
            ]
        },
    },
    "VolumeAttachment": {
        "apiVersion": "storage.k8s.io/v1",
        "kind": "VolumeAttachment",
        "metadata": {"name": "foo"},
        "spec": {"attacher": "myattacher", "source": {"persistentVolumeName": "pv-foo"}, "nodeName": "mynode"},
    },
    "CertificateSigningRequest": {
        "apiVersion": "certificates.k8s.io/v1",
        "kind": "CertificateSigningRequest",
        "metadata": {"name": "alice"},
        "spec": {"request": _CSR, "signerName": "kubernetes.io/kube-apiserver-client", "usages": ["client auth"]},
    },
    "MutatingAdmissionPolicy": {
        "apiVersion": "admissionregistration.k8s.io/v1",
        "kind": "MutatingAdmissionPolicy",
        "metadata": {"name": "sidecar-policy.example.com"},
        "spec": {
            "matchConstraints": {
                "resourceRules": [
                    {"operations": ["CREATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods"]}
                ]
            },
            "mutations": [
                {
                    "patchType": "ApplyConfiguration",
                    "applyConfiguration": {"expression": "Object{metadata: Object.metadata{labels: {'a': 'b'}}}"},
                }
            ],
            "reinvocationPolicy": "Never",
        },
    },
    "MutatingAdmissionPolicyBinding": {
        "apiVersion": "admissionregistration.k8s.io/v1",
        "kind": "MutatingAdmissionPolicyBinding",
        "metadata": {"name": "sidecar-binding-test.example.com"},
        "spec": {"policyName": "sidecar-policy.example.com"},
    },
    "CSIStorageCapacity": {
        "apiVersion": "storage.k8s.io/v1",
        "kind": "CSIStorageCapacity",
        "metadata": {"name": "csisc-abc", "namespace": "kube-system"},
        "storageClassName": "fast",
        "nodeTopology": {"matchLabels": {"topology.example.com/zone": "a"}},
        "capacity": "10Gi",
    },
    "VolumeAttributesClass": {
        "apiVersion": "storage.k8s.io/v1",
        "kind": "VolumeAttributesClass",
        "metadata": {"name": "silver"},
        "driverName": "pd.csi.storage.gke.io",
        "parameters": {"iops": "3000"},
    },
}


def manifest(case: Case) -> dict[str, Any]:
    """The case's object: its overlay merged into the valid base of its kind."""
    return overlaid(BASES[case.kind], case.overlay)


V = "1.33"

_PV = "PersistentVolume"
_AFFINITY = (
    "nodeAffinity: {required: {nodeSelectorTerms: [{matchExpressions: [{key: foo, operator: In, values: [bar]}]}]}}"
)

PERSISTENT_VOLUMES = [
    Case("TestValidatePersistentVolumes/good-volume", V, ACCEPTED, _PV, ""),
    Case(
        "TestValidatePersistentVolumes/good-volume-with-capacity-unit",
        V,
        ACCEPTED,
        _PV,
        "spec: {capacity: {storage: 10Gi}}",
    ),
    Case(
        "TestValidatePersistentVolumes/good-volume-without-capacity-unit",
        V,
        ACCEPTED,
        _PV,
        "spec: {capacity: {storage: '10'}}",
    ),
    Case(
        "TestValidatePersistentVolumes/good-volume-with-storage-class",
        V,
        ACCEPTED,
        _PV,
        "spec: {storageClassName: valid}",
    ),
    Case(
        "TestValidatePersistentVolumes/good-volume-with-retain-policy",
        V,
        ACCEPTED,
        _PV,
        "spec: {persistentVolumeReclaimPolicy: Retain}",
    ),
    Case(
        "TestValidatePersistentVolumes/good-volume-with-volume-mode", V, ACCEPTED, _PV, "spec: {volumeMode: Filesystem}"
    ),
    Case(
        "TestValidatePersistentVolumes/invalid-accessmode",
        V,
        "spec.accessModes[0]",
        _PV,
        "spec: {accessModes: [fakemode]}",
    ),
    Case(
        "TestValidatePersistentVolumes/invalid-reclaimpolicy",
        V,
        "spec.persistentVolumeReclaimPolicy",
        _PV,
        "spec: {persistentVolumeReclaimPolicy: fakeReclaimPolicy}",
    ),
    Case(
        "TestValidatePersistentVolumes/invalid-volume-mode",
        V,
        "spec.volumeMode",
        _PV,
        "spec: {volumeMode: fakeVolumeMode}",
    ),
    Case(
        "TestValidatePersistentVolumes/with-read-write-once-pod",
        V,
        ACCEPTED,
        _PV,
        "spec: {accessModes: [ReadWriteOncePod]}",
    ),
    Case(
        "TestValidatePersistentVolumes/with-read-write-once-pod-and-others",
        V,
        "spec.accessModes",
        _PV,
        "spec: {accessModes: [ReadWriteOncePod, ReadWriteMany]}",
    ),
    Case(
        "TestValidatePersistentVolumes/unexpected-namespace (the server clears it)",
        V,
        ACCEPTED,
        _PV,
        "metadata: {namespace: ns}",
    ),
    Case("TestValidatePersistentVolumes/missing-volume-source", V, "spec", _PV, "spec: {hostPath: ~}"),
    Case("TestValidatePersistentVolumes/bad-name", V, "metadata.name", _PV, "metadata: {name: '123*Bad(Name'}"),
    Case("TestValidatePersistentVolumes/missing-name", V, "metadata.name", _PV, "metadata: {name: ~}"),
    Case("TestValidatePersistentVolumes/missing-capacity", V, "spec.capacity", _PV, "spec: {capacity: ~}"),
    Case(
        "TestValidatePersistentVolumes/bad-volume-zero-capacity",
        V,
        "spec.capacity.storage",
        _PV,
        "spec: {capacity: {storage: '0'}}",
    ),
    Case("TestValidatePersistentVolumes/missing-accessmodes", V, "spec.accessModes", _PV, "spec: {accessModes: ~}"),
    Case(
        "TestValidatePersistentVolumes/too-many-sources",
        V,
        "spec.gcePersistentDisk",
        _PV,
        "spec: {gcePersistentDisk: {pdName: foo, fsType: ext4}}",
    ),
    Case(
        "TestValidatePersistentVolumes/host mount of / with recycle reclaim policy",
        V,
        "spec.persistentVolumeReclaimPolicy",
        _PV,
        "spec: {hostPath: {path: /}, persistentVolumeReclaimPolicy: Recycle}",
    ),
    Case(
        "TestValidatePersistentVolumes/host mount of / with recycle reclaim policy 2",
        V,
        "spec.persistentVolumeReclaimPolicy",
        _PV,
        "spec: {hostPath: {path: /a/..}, persistentVolumeReclaimPolicy: Recycle}",
    ),
    Case(
        "TestValidatePersistentVolumes/invalid-storage-class-name",
        V,
        "spec.storageClassName",
        _PV,
        "spec: {storageClassName: -invalid-}",
    ),
    Case(
        "TestValidatePersistentVolumes/bad-hostpath-volume-backsteps",
        V,
        "spec.hostPath.path",
        _PV,
        "spec: {hostPath: {path: /foo/..}, storageClassName: backstep-hostpath}",
    ),
    Case("TestValidatePersistentVolumes/volume-node-affinity", V, ACCEPTED, _PV, "spec: {" + _AFFINITY + "}"),
    Case(
        "TestValidatePersistentVolumes/volume-empty-node-affinity",
        V,
        "spec.nodeAffinity.required",
        _PV,
        "spec: {nodeAffinity: {}}",
    ),
    Case(
        "TestValidatePersistentVolumes/volume-bad-node-affinity",
        V,
        "spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].key",
        _PV,
        "spec: {nodeAffinity: {required: {nodeSelectorTerms: [{matchExpressions: [{operator: In, values: [v]}]}]}}}",
    ),
    Case(
        "TestValidatePersistentVolumes/invalid-volume-attributes-class-name",
        "1.34",
        "spec.volumeAttributesClassName",
        _PV,
        "spec: {storageClassName: invalid, volumeAttributesClassName: -invalid-}",
    ),
    Case(
        "TestValidatePersistentVolumes/invalid-empty-volume-attributes-class-name",
        "1.34",
        "spec.volumeAttributesClassName",
        _PV,
        "spec: {storageClassName: invalid, volumeAttributesClassName: ''}",
    ),
    Case(
        "TestValidatePersistentVolumes/volume-with-good-volume-attributes-class-and-matched-volume-resource",
        "1.34",
        ACCEPTED,
        _PV,
        "spec: {hostPath: ~, csi: {driver: test-driver, volumeHandle: test-123}, storageClassName: valid,"
        " volumeAttributesClassName: valid}",
    ),
    Case(
        "TestValidatePersistentVolumes/volume-with-good-volume-attributes-class-and-mismatched-volume-resource",
        "1.34",
        "spec.csi",
        _PV,
        "spec: {storageClassName: valid, volumeAttributesClassName: valid}",
    ),
    Case(
        "TestValidatePersistentVolumeSpec/pv-pvspec-valid",
        V,
        ACCEPTED,
        _PV,
        "spec: {storageClassName: testclass, persistentVolumeReclaimPolicy: Recycle, volumeMode: Filesystem, "
        + _AFFINITY
        + "}",
    ),
    Case(
        "TestValidatePersistentVolumeSpec/pv-pvspec-valid block mode",
        V,
        ACCEPTED,
        _PV,
        "spec: {volumeMode: Block}",
    ),
    Case(
        "TestValidatePersistentVolumes (validateLocalVolumeSource)/local volume with node affinity",
        V,
        ACCEPTED,
        _PV,
        "spec: {hostPath: ~, local: {path: /mnt/disks/ssd1}, " + _AFFINITY + "}",
    ),
    Case(
        "TestValidatePersistentVolumes (ValidatePersistentVolumeSpec)/local volume without node affinity",
        V,
        "spec.nodeAffinity",
        _PV,
        "spec: {hostPath: ~, local: {path: /mnt/disks/ssd1}}",
    ),
    Case(
        "TestValidatePersistentVolumes (validateLocalVolumeSource)/local volume with backsteps",
        V,
        "spec.local.path",
        _PV,
        "spec: {hostPath: ~, local: {path: /foo/../bar}, " + _AFFINITY + "}",
    ),
    Case(
        "TestValidateCSIPersistentVolumeSource/valid",
        V,
        ACCEPTED,
        _PV,
        "spec: {hostPath: ~, csi: {driver: io.kubernetes.storage.mock-driver, volumeHandle: test-123,"
        " nodePublishSecretRef: {name: foobar, namespace: default}}}",
    ),
    Case(
        "TestValidateCSIPersistentVolumeSource/CSIPersistentVolumeSource with no volumeHandle",
        V,
        "spec.csi.volumeHandle",
        _PV,
        "spec: {hostPath: ~, csi: {driver: test-driver}}",
    ),
    Case(
        "TestValidateCSIPersistentVolumeSource/driver name too long",
        V,
        "spec.csi.driver",
        _PV,
        "spec: {hostPath: ~, csi: {driver: " + "a" * 64 + ", volumeHandle: test-123}}",
    ),
    Case(
        "TestValidateCSIPersistentVolumeSource/invalid driver name",
        V,
        "spec.csi.driver",
        _PV,
        "spec: {hostPath: ~, csi: {driver: 'io-kubernetes-storage-csi-flex#', volumeHandle: test-123}}",
    ),
    Case(
        "TestValidateCSIPersistentVolumeSource/nodePublishSecretRef without namespace",
        V,
        "spec.csi.nodePublishSecretRef.namespace",
        _PV,
        "spec: {hostPath: ~, csi: {driver: test-driver, volumeHandle: test-123, nodePublishSecretRef: {name: foobar}}}",
    ),
    Case(
        "TestValidateCSIPersistentVolumeSource/controllerExpandSecretRef with invalid namespace",
        V,
        "spec.csi.controllerExpandSecretRef.namespace",
        _PV,
        "spec: {hostPath: ~, csi: {driver: test-driver, volumeHandle: test-123,"
        " controllerExpandSecretRef: {name: foobar, namespace: Bad_NS}}}",
    ),
    Case(
        "TestValidatePersistentVolumes (pv_validation)/volume with valid mount option for nfs",
        V,
        ACCEPTED,
        _PV,
        "metadata: {annotations: {volume.beta.kubernetes.io/mount-options: 'ro,nfsvers=3'}}\n"
        "spec: {hostPath: ~, nfs: {server: localhost, path: /srv}}",
    ),
    Case(
        "TestValidatePersistentVolumes (pv_validation)/volume with mount option for host path",
        V,
        "metadata.annotations['volume.beta.kubernetes.io/mount-options']",
        _PV,
        "metadata: {annotations: {volume.beta.kubernetes.io/mount-options: 'ro,nfsvers=3'}}",
    ),
    Case(
        "TestValidatePersistentVolumes (spec.mountOptions)/mount options on a local volume are accepted",
        V,
        ACCEPTED,
        _PV,
        "spec: {hostPath: ~, local: {path: /mnt/disks/ssd1}, mountOptions: [noatime], " + _AFFINITY + "}",
    ),
    Case(
        "TestValidatePersistentVolumes (ReadWriteOncePod before 1.27)/not a known access mode",
        "1.26",
        "spec.accessModes[0]",
        _PV,
        "spec: {accessModes: [ReadWriteOncePod]}",
    ),
]

_EP = "Endpoints"
_SUBSET = "subsets: [{addresses: [{ip: 10.10.1.1}], ports: [{name: a, port: 93, protocol: TCP}]}]"

ENDPOINTS = [
    Case("TestValidateEndpointsCreate/simple endpoint", V, ACCEPTED, _EP, ""),
    Case("TestValidateEndpointsCreate/empty subsets", V, ACCEPTED, _EP, "subsets: ~"),
    Case("TestValidateEndpointsCreate/empty ports", V, ACCEPTED, _EP, "subsets: [{addresses: [{ip: 10.10.1.1}]}]"),
    Case(
        "ValidateEndpointsCreate (validateEndpointPort)/SCTP and UDP ports",
        V,
        ACCEPTED,
        _EP,
        "subsets: [{addresses: [{ip: 10.10.1.1}], ports: [{name: s, port: 93, protocol: SCTP},"
        " {name: u, port: 76, protocol: UDP}]}]",
    ),
    Case(
        "TestValidateEndpointsCreate/Port missing protocol (the server defaults TCP before validation)",
        V,
        ACCEPTED,
        _EP,
        "subsets: [{addresses: [{ip: 10.10.1.1}], ports: [{port: 93}]}]",
    ),
    Case(
        "ValidateEndpointsCreate (validateEndpointSubsets)/not-ready addresses only",
        V,
        ACCEPTED,
        _EP,
        "subsets: [{notReadyAddresses: [{ip: '2001:db8::1', hostname: zookeeper1}]}]",
    ),
    Case(
        "TestValidateEndpointsCreate/invalid name", V, "metadata.name", _EP, "metadata: {name: '-_Invliad^&Characters'}"
    ),
    Case(
        "TestValidateEndpointsCreate/empty addresses",
        V,
        "subsets[0]",
        _EP,
        "subsets: [{ports: [{name: a, port: 93, protocol: TCP}]}]",
    ),
    Case(
        "TestValidateEndpointsCreate/invalid IP",
        V,
        "subsets[0].addresses[0].ip",
        _EP,
        "subsets: [{addresses: [{ip: '[2001:0db8:85a3:0042:1000:8a2e:0370:7334]'}], ports: [{name:"
        " a, port: 93, protocol: TCP}]}]",
    ),
    Case(
        "TestValidateEndpointsCreate/Multiple ports, one without name",
        V,
        "subsets[0].ports[1].name",
        _EP,
        "subsets: [{addresses: [{ip: 10.10.1.1}], ports: [{name: a, port: 8675, protocol: TCP},"
        " {port: 309, protocol: TCP}]}]",
    ),
    Case(
        "TestValidateEndpointsCreate/Invalid port number",
        V,
        "subsets[0].ports[0].port",
        _EP,
        "subsets: [{addresses: [{ip: 10.10.1.1}], ports: [{name: a, port: 66000, protocol: TCP}]}]",
    ),
    Case(
        "TestValidateEndpointsCreate/Invalid protocol",
        V,
        "subsets[0].ports[0].protocol",
        _EP,
        "subsets: [{addresses: [{ip: 10.10.1.1}], ports: [{name: a, port: 93, protocol: Protocol}]}]",
    ),
    Case(
        "TestValidateEndpointsCreate/Address missing IP",
        V,
        "subsets[0].addresses[0].ip",
        _EP,
        "subsets: [{addresses: [{hostname: a}], ports: [{name: a, port: 93, protocol: TCP}]}]",
    ),
    Case(
        "TestValidateEndpointsCreate/Address is loopback",
        V,
        "subsets[0].addresses[0].ip",
        _EP,
        "subsets: [{addresses: [{ip: 127.0.0.1}], ports: [{name: p, port: 93, protocol: TCP}]}]",
    ),
    Case(
        "TestValidateEndpointsCreate/Address is link-local",
        V,
        "subsets[0].addresses[0].ip",
        _EP,
        "subsets: [{addresses: [{ip: 169.254.169.254}], ports: [{name: p, port: 93, protocol: TCP}]}]",
    ),
    Case(
        "TestValidateEndpointsCreate/Address is link-local multicast",
        V,
        "subsets[0].addresses[0].ip",
        _EP,
        "subsets: [{addresses: [{ip: 224.0.0.1}], ports: [{name: p, port: 93, protocol: TCP}]}]",
    ),
    Case(
        "ValidateEndpointsCreate (ValidateNonSpecialIP)/Address is unspecified",
        V,
        "subsets[0].addresses[0].ip",
        _EP,
        "subsets: [{addresses: [{ip: 0.0.0.0}]}]",
    ),
    Case(
        "ValidateEndpointsCreate (validateEndpointAddress)/invalid hostname",
        V,
        "subsets[0].addresses[0].hostname",
        _EP,
        "subsets: [{addresses: [{ip: 10.10.1.1, hostname: Not_A_Label}]}]",
    ),
    Case(
        "ValidateEndpointsCreate (validateEndpointPort)/invalid port name",
        V,
        "subsets[0].ports[0].name",
        _EP,
        "subsets: [{addresses: [{ip: 10.10.1.1}], ports: [{name: Port_A, port: 93}]}]",
    ),
    Case(
        "TestValidateEndpointsCreate/no name required for singleton port",
        V,
        ACCEPTED,
        _EP,
        "subsets: [{addresses: [{ip: 10.10.1.1}], ports: [{port: 8675, protocol: TCP}]}]",
    ),
    Case(
        "TestValidateEndpointsCreate/valid appProtocol",
        V,
        ACCEPTED,
        _EP,
        "subsets: [{addresses: [{ip: 10.10.1.1}], ports: [{port: 8675, protocol: TCP, appProtocol: HTTP}]}]",
    ),
    Case(
        "TestValidateEndpointsCreate/Port missing number",
        V,
        "subsets[0].ports[0].port",
        _EP,
        "subsets: [{addresses: [{ip: 10.10.1.1}], ports: [{name: a, port: 0, protocol: TCP}]}]",
    ),
    Case(
        "TestValidateEndpointsCreate/Invalid AppProtocol",
        V,
        "subsets[0].ports[0].appProtocol",
        _EP,
        "subsets: [{addresses: [{ip: 10.10.1.1}], ports: [{name: p, port: 93, protocol: TCP,"
        " appProtocol: 'lots-of[invalid]-{chars}'}]}]",
    ),
    Case(
        "TestEndpointAddressNodeNameInvalidDNSSubdomain",
        V,
        "subsets[0].addresses[0].nodeName",
        _EP,
        "subsets: [{addresses: [{ip: 8.8.8.8, hostname: zookeeper1, nodeName: 'illegal*.nodename'}],"
        " ports: [{name: https, port: 443, protocol: TCP}]}]",
    ),
    Case(
        "TestEndpointAddressNodeNameCanBeAnIPAddress",
        V,
        ACCEPTED,
        _EP,
        "subsets: [{addresses: [{ip: 8.8.8.8, hostname: zookeeper1, nodeName: 10.10.1.1}], ports:"
        " [{name: https, port: 443, protocol: TCP}]}]",
    ),
    Case(
        "ValidateEndpointsCreate (ParseIPSloppy)/IPv4 with leading zeros is a legacy IP",
        V,
        ACCEPTED,
        _EP,
        "subsets: [{addresses: [{ip: 010.010.001.001}]}]",
    ),
]

_ES = "EndpointSlice"

ENDPOINT_SLICES = [
    Case("TestValidateEndpointSlice/good-slice", V, ACCEPTED, _ES, ""),
    Case("TestValidateEndpointSlice/empty-ports-and-endpoints", V, ACCEPTED, _ES, "ports: ~\nendpoints: []"),
    Case(
        "TestValidateEndpointSlice/good-fqdns",
        V,
        ACCEPTED,
        _ES,
        "addressType: FQDN\nendpoints: [{addresses: [foo.example.com, example.com., example.com-foobar.com]}]",
    ),
    Case(
        "TestValidateEndpointSlice/good-ipv6 (with nodeName, zone, conditions and hints)",
        V,
        ACCEPTED,
        _ES,
        "addressType: IPv6\nendpoints: [{addresses: ['2001:db8::1'], nodeName: node-1, zone: zone-a,"
        " conditions: {ready: true}, hints: {forZones: [{name: zone-a}]}}]",
    ),
    Case(
        "TestValidateEndpointSlice/app-protocols (an unnamed port)",
        V,
        ACCEPTED,
        _ES,
        "ports: [{port: 80, appProtocol: kubernetes.io/h2c}]",
    ),
    Case("TestValidateEndpointSliceCreate/deprecated address type IP", V, "addressType", _ES, "addressType: IP"),
    Case("TestValidateEndpointSlice/empty-everything (addressType)", V, "addressType", _ES, "addressType: ''"),
    Case(
        "TestValidateEndpointSlice/bad-ipv4",
        V,
        "endpoints[0].addresses[0]",
        _ES,
        "endpoints: [{addresses: ['123.456.789.012']}]",
    ),
    Case(
        "TestValidateEndpointSlice/bad-ipv4 (an IPv6 address in an IPv4 slice)",
        V,
        "endpoints[0].addresses[0]",
        _ES,
        "endpoints: [{addresses: ['2001:db8::1']}]",
    ),
    Case(
        "TestValidateEndpointSlice/bad-ipv6",
        V,
        "endpoints[0].addresses[0]",
        _ES,
        "addressType: IPv6\nendpoints: [{addresses: [10.1.2.3]}]",
    ),
    Case(
        "TestValidateEndpointSlice/special-ipv4",
        V,
        "endpoints[0].addresses[0]",
        _ES,
        "endpoints: [{addresses: [127.0.0.1]}]",
    ),
    Case(
        "TestValidateEndpointSlice/special-ipv6",
        V,
        "endpoints[0].addresses[0]",
        _ES,
        "addressType: IPv6\nendpoints: [{addresses: ['fe80::9656:d028:8652:66b6']}]",
    ),
    Case(
        "TestValidateEndpointSlice/bad-fqdns",
        V,
        "endpoints[0].addresses[0]",
        _ES,
        "addressType: FQDN\nendpoints: [{addresses: [foo.*.example.com]}]",
    ),
    Case(
        "ValidateEndpointSlice (IsFullyQualifiedDomainName)/an FQDN of one label",
        V,
        "endpoints[0].addresses[0]",
        _ES,
        "addressType: FQDN\nendpoints: [{addresses: [localhost]}]",
    ),
    Case(
        "TestValidateEndpointSlice/no-endpoint-addresses",
        V,
        "endpoints[0].addresses",
        _ES,
        "endpoints: [{addresses: []}]",
    ),
    Case(
        "TestValidateEndpointSlice/too-many-addresses",
        V,
        "endpoints[0].addresses",
        _ES,
        "endpoints: [{addresses: [" + ", ".join(f"10.0.0.{i % 250 + 1}" for i in range(101)) + "]}]",
    ),
    Case(
        "TestValidateEndpointSlice/bad-hostname",
        V,
        "endpoints[0].hostname",
        _ES,
        "endpoints: [{addresses: [10.1.2.3], hostname: --INVALID}]",
    ),
    Case(
        "ValidateEndpointSlice (ValidateNodeName)/bad nodeName",
        V,
        "endpoints[0].nodeName",
        _ES,
        "endpoints: [{addresses: [10.1.2.3], nodeName: 'node_1'}]",
    ),
    Case(
        "TestValidateEndpointSlice/bad-topology-key",
        V,
        "endpoints[0].deprecatedTopology.--INVALID",
        _ES,
        "endpoints: [{addresses: [10.1.2.3], deprecatedTopology: {--INVALID: zone-a}}]",
    ),
    Case(
        "TestValidateEndpointSlice/all-protocols",
        V,
        ACCEPTED,
        _ES,
        "ports: [{name: tcp, protocol: TCP}, {name: udp, protocol: UDP}, {name: sctp, protocol: SCTP}]",
    ),
    Case(
        "TestValidateEndpointSlice/empty-port-name",
        V,
        ACCEPTED,
        _ES,
        "ports: [{name: '', protocol: TCP}, {name: http, protocol: TCP}]",
    ),
    Case(
        "TestValidateEndpointSlice/long-port-name", V, ACCEPTED, _ES, "ports: [{name: " + "a" * 63 + ", protocol: TCP}]"
    ),
    Case(
        "TestValidateEndpointSlice/bad-port-name-chars",
        V,
        "ports[0].name",
        _ES,
        "ports: [{name: almost_valid, protocol: TCP}]",
    ),
    Case(
        "TestValidateEndpointSlice/bad-port-name-length",
        V,
        "ports[0].name",
        _ES,
        "ports: [{name: " + "a" * 64 + ", protocol: TCP}]",
    ),
    Case("TestValidateEndpointSlice/bad-meta", V, "metadata.name", _ES, "metadata: {name: '*&^'}"),
    Case(
        "TestValidateEndpointSlice/bad-port-name-caps",
        V,
        "ports[0].name",
        _ES,
        "ports: [{name: aCapital, protocol: TCP}]",
    ),
    Case(
        "ValidateEndpointSlice (validatePorts)/duplicate named ports",
        V,
        "ports[1].name",
        _ES,
        "ports: [{name: http, protocol: TCP}, {name: http, protocol: UDP}]",
    ),
    Case(
        "TestValidateEndpointSlice/duplicate-port-name",
        V,
        "ports[1].name",
        _ES,
        "ports: [{port: 80}, {port: 81}]",
    ),
    Case(
        "TestValidateEndpointSlice/invalid-port-protocol",
        V,
        "ports[0].protocol",
        _ES,
        "ports: [{name: http, protocol: foo}]",
    ),
    Case(
        "TestValidateEndpointSlice/bad-app-protocol",
        V,
        "ports[0].appProtocol",
        _ES,
        "ports: [{name: http, protocol: TCP, appProtocol: --}]",
    ),
]

_AS = "APIService"

API_SERVICES = [
    Case("ValidateAPIService/a service-backed APIService", V, ACCEPTED, _AS, ""),
    Case(
        "ValidateAPIService/a local APIService (no service, no caBundle)",
        V,
        ACCEPTED,
        _AS,
        "metadata: {name: v1.apps}\nspec: {group: apps, version: v1, service: ~, caBundle: ~}",
    ),
    Case(
        "ValidateAPIService/the legacy core group: empty group, version v1",
        V,
        ACCEPTED,
        _AS,
        "metadata: {name: v1.}\nspec: {group: '', version: v1, service: ~, caBundle: ~}",
    ),
    Case(
        "ValidateAPIService/insecureSkipTLSVerify without caBundle",
        V,
        ACCEPTED,
        _AS,
        "spec: {caBundle: ~, insecureSkipTLSVerify: true, service: {port: 8443}}",
    ),
    Case("ValidateAPIService/name is not version.group", V, "metadata.name", _AS, "metadata: {name: metrics.k8s.io}"),
    Case(
        "ValidateAPIService/name is not a path segment",
        V,
        "metadata.name",
        _AS,
        "metadata: {name: 'v1beta1.metrics.k8s.io/x'}",
    ),
    Case(
        "ValidateAPIService/empty group with a version other than v1",
        V,
        "spec.group",
        _AS,
        "metadata: {name: v2.}\nspec: {group: '', version: v2}",
    ),
    Case(
        "ValidateAPIService/group is not a DNS subdomain",
        V,
        "spec.group",
        _AS,
        "metadata: {name: v1beta1.Metrics_K8s}\nspec: {group: Metrics_K8s}",
    ),
    Case(
        "ValidateAPIService/version is not a DNS-1035 label",
        V,
        "spec.version",
        _AS,
        "metadata: {name: 1beta1.metrics.k8s.io}\nspec: {version: 1beta1}",
    ),
    Case(
        "ValidateAPIService/groupPriorityMinimum above 20000",
        V,
        "spec.groupPriorityMinimum",
        _AS,
        "spec: {groupPriorityMinimum: 20001}",
    ),
    Case("ValidateAPIService/versionPriority zero", V, "spec.versionPriority", _AS, "spec: {versionPriority: 0}"),
    Case(
        "ValidateAPIService/local APIService with caBundle",
        V,
        "spec.caBundle",
        _AS,
        "spec: {service: ~}",
    ),
    Case(
        "ValidateAPIService/local APIService with insecureSkipTLSVerify",
        V,
        "spec.insecureSkipTLSVerify",
        _AS,
        "spec: {service: ~, caBundle: ~, insecureSkipTLSVerify: true}",
    ),
    Case(
        "ValidateAPIService/service without namespace",
        V,
        "spec.service.namespace",
        _AS,
        "spec: {service: {namespace: ''}}",
    ),
    Case("ValidateAPIService/service port out of range", V, "spec.service.port", _AS, "spec: {service: {port: 65536}}"),
    Case(
        "ValidateAPIService/insecureSkipTLSVerify with caBundle",
        V,
        "spec.insecureSkipTLSVerify",
        _AS,
        "spec: {insecureSkipTLSVerify: true}",
    ),
]

_RC = "RuntimeClass"

RUNTIME_CLASSES = [
    Case("ValidateRuntimeClass/a gVisor runtime class", V, ACCEPTED, _RC, ""),
    Case("TestValidateRuntimeClass/valid Handler", V, ACCEPTED, _RC, "handler: bar-baz"),
    Case("TestValidateRuntimeClass/invalid name", V, "metadata.name", _RC, "metadata: {name: '&!@#'}"),
    Case("TestValidateRuntimeClass/invalid Handler name", V, "handler", _RC, "handler: '&@#$'"),
    Case("TestValidateRuntimeClass/invalid empty RuntimeClass", V, "handler", _RC, "handler: ''"),
    Case("ValidateRuntimeClass (NameIsDNSLabel)/handler with capitals", V, "handler", _RC, "handler: RunSC"),
    Case(
        "TestValidateOverhead/Overhead with valid cpu and memory resources",
        V,
        ACCEPTED,
        _RC,
        "overhead: {podFixed: {cpu: 100m, memory: 10Mi}}",
    ),
    Case(
        "ValidateRuntimeClass (validateOverhead)/negative overhead",
        V,
        "overhead.podFixed.cpu",
        _RC,
        "overhead: {podFixed: {cpu: '-100m'}}",
    ),
    Case(
        "TestValidateOverhead/Invalid Resources",
        V,
        "overhead.podFixed['my.org']",
        _RC,
        "overhead: {podFixed: {my.org: 10m}}",
    ),
    Case(
        "TestValidateScheduling/valid scheduling",
        V,
        ACCEPTED,
        _RC,
        "scheduling: {nodeSelector: {valid: 'yes'}, tolerations: [{key: valid, operator: Exists, effect: NoSchedule}]}",
    ),
    Case("TestValidateScheduling/empty scheduling", V, ACCEPTED, _RC, "scheduling: {}"),
    Case(
        "TestValidateScheduling/invalid nodeSelector",
        V,
        "scheduling.nodeSelector['not a valid key!!!']",
        _RC,
        "scheduling: {nodeSelector: {'not a valid key!!!': 'nope'}}",
    ),
    Case(
        "TestValidateScheduling/invalid toleration",
        V,
        "scheduling.tolerations[1].key",
        _RC,
        "scheduling: {tolerations: [{key: valid, operator: Exists, effect: NoSchedule},"
        " {key: 'invalid key', operator: Exists, effect: NoSchedule}]}",
    ),
    Case(
        "ValidateRuntimeClass (ValidateTolerations)/toleration with a value and Exists",
        V,
        "scheduling.tolerations[0].operator",
        _RC,
        "scheduling: {tolerations: [{key: a, operator: Exists, value: b}]}",
    ),
]

_CD = "CSIDriver"

CSI_DRIVERS = [
    Case("TestCSIDriverValidation/successCases: driver name dot only", V, ACCEPTED, _CD, ""),
    Case(
        "TestCSIDriverValidation/successCases: supported fsGroupPolicy, lifecycle modes and token requests",
        V,
        ACCEPTED,
        _CD,
        "spec: {storageCapacity: true, fsGroupPolicy: File, requiresRepublish: true,"
        " volumeLifecycleModes: [Persistent, Ephemeral], tokenRequests: [{audience: gcp}, {audience:"
        " '', expirationSeconds: 3600}]}",
    ),
    Case(
        "SetDefaults_CSIDriver/attachRequired, podInfoOnMount and storageCapacity defaulted",
        V,
        ACCEPTED,
        _CD,
        "spec: {}",
    ),
    Case(
        "TestCSIDriverValidation/errorCases: invalid driver name",
        V,
        "metadata.name",
        _CD,
        "metadata: {name: 'io-kubernetes-storage-csi-flex#'}",
    ),
    Case(
        "TestCSIDriverValidation/errorCases: invalid fsGroupPolicy",
        V,
        "spec.fsGroupPolicy",
        _CD,
        "spec: {fsGroupPolicy: invalid-mode}",
    ),
    Case(
        "TestCSIDriverValidation/errorCases: invalid volume lifecycle mode",
        V,
        "spec.volumeLifecycleModes",
        _CD,
        "spec: {volumeLifecycleModes: [no-such-mode]}",
    ),
    Case(
        "TestCSIDriverValidation/errorCases: duplicated audience",
        V,
        "spec.tokenRequests[1].audience",
        _CD,
        "spec: {tokenRequests: [{audience: gcp}, {audience: gcp}]}",
    ),
    Case(
        "ValidateCSIDriver (validateTokenRequests)/two unset audiences",
        V,
        "spec.tokenRequests[1].audience",
        _CD,
        "spec: {tokenRequests: [{}, {}]}",
    ),
    Case(
        "TestCSIDriverValidation/errorCases: expirationSeconds less than 10 minutes",
        V,
        "spec.tokenRequests[0].expirationSeconds",
        _CD,
        "spec: {tokenRequests: [{audience: gcp, expirationSeconds: 10}]}",
    ),
    Case(
        "TestCSIDriverValidation/errorCases: expirationSeconds larger than 2^32",
        V,
        "spec.tokenRequests[0].expirationSeconds",
        _CD,
        "spec: {tokenRequests: [{audience: gcp, expirationSeconds: 4294967297}]}",
    ),
]

_VAP = "ValidatingAdmissionPolicy"
_VAPB = "ValidatingAdmissionPolicyBinding"
_RULE = "{operations: [CREATE], apiGroups: [a], apiVersions: [a], resources: [a]}"
V30 = "1.30"

ADMISSION_POLICIES = [
    Case("TestValidateValidatingAdmissionPolicy/valid", V30, ACCEPTED, _VAP, ""),
    Case(
        "TestValidateValidatingAdmissionPolicy/valid with every field",
        V30,
        ACCEPTED,
        _VAP,
        """
        spec:
          failurePolicy: Ignore
          paramKind: {apiVersion: rules.example.com/v1, kind: ReplicaLimit}
          matchConstraints:
            matchPolicy: Exact
            namespaceSelector: {matchLabels: {a: b}}
            resourceRules: [{operations: ['*'], apiGroups: ['*'], apiVersions: ['*'], resources: ['*/*'],
                             resourceNames: [foo, bar], scope: Namespaced}]
            excludeResourceRules: [{operations: [DELETE], apiGroups: [''], apiVersions: [v1], resources: [pods]}]
          matchConditions: [{name: exclude-leases, expression: "!(request.resource.group == 'coordination.k8s.io')"}]
          variables: [{name: replicas, expression: object.spec.replicas}]
          validations: [{expression: "variables.replicas <= params.maxReplicas", message: too many replicas,
                         reason: Forbidden, messageExpression: "'replicas: ' + string(variables.replicas)"}]
          auditAnnotations: [{key: high-replica-count, valueExpression: "'high: ' + string(variables.replicas)"}]
        """,
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/auditAnnotations without validations",
        V30,
        ACCEPTED,
        _VAP,
        "spec: {validations: ~, auditAnnotations: [{key: example-key, valueExpression: \"'x'\"}]}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/metadata.name validation",
        V30,
        "metadata.name",
        _VAP,
        "metadata: {name: '!!!!'}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/failure policy validation",
        V30,
        "spec.failurePolicy",
        _VAP,
        "spec: {failurePolicy: other}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/API version is required in ParamKind",
        V30,
        "spec.paramKind.apiVersion",
        _VAP,
        "spec: {paramKind: {kind: Example}}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/API kind is required in ParamKind",
        V30,
        "spec.paramKind.kind",
        _VAP,
        "spec: {paramKind: {apiVersion: test.example.com/v1}}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/API version format in ParamKind",
        V30,
        "spec.paramKind.apiVersion",
        _VAP,
        "spec: {paramKind: {apiVersion: test.example.com/!!!, kind: ReplicaLimit}}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/API group format in ParamKind",
        V30,
        "spec.paramKind.apiVersion",
        _VAP,
        "spec: {paramKind: {apiVersion: '!!!/v1', kind: ReplicaLimit}}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/API kind format in ParamKind",
        V30,
        "spec.paramKind.kind",
        _VAP,
        "spec: {paramKind: {apiVersion: test.example.com/v1, kind: Replica_Limit}}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/Validations is required",
        V30,
        "spec.validations",
        _VAP,
        "spec: {validations: ~}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/Invalid Validations Reason",
        V30,
        "spec.validations[0].reason",
        _VAP,
        "spec: {validations: [{expression: object.x < 100, reason: other}]}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/MatchConstraints is required",
        V30,
        "spec.matchConstraints",
        _VAP,
        "spec: {matchConstraints: ~}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/matchConstraints.resourceRules is required",
        V30,
        "spec.matchConstraints.resourceRules",
        _VAP,
        "spec: {matchConstraints: {resourceRules: []}}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/matchConstraints.resourceRules has at least one explicit rule",
        V30,
        "spec.matchConstraints.resourceRules",
        _VAP,
        "spec: {matchConstraints: {resourceRules: ~, excludeResourceRules: [" + _RULE + "]}}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/match policy validation",
        V30,
        "spec.matchConstraints.matchPolicy",
        _VAP,
        "spec: {matchConstraints: {matchPolicy: other}}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/operation must be either create/update/delete/connect",
        V30,
        "spec.matchConstraints.resourceRules[0].operations[0]",
        _VAP,
        "spec: {matchConstraints: {resourceRules: [{operations: [PATCH], apiGroups: [a],"
        " apiVersions: [a], resources: [a]}]}}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/wildcard operation cannot be mixed with other strings",
        V30,
        "spec.matchConstraints.resourceRules[0].operations",
        _VAP,
        "spec: {matchConstraints: {resourceRules: [{operations: [CREATE, '*'], apiGroups: [a], apiVersions: [a],"
        " resources: [a]}]}}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/resource names must be unique",
        V30,
        "spec.matchConstraints.resourceRules[0].resourceNames[1]",
        _VAP,
        "spec: {matchConstraints: {resourceRules: [{operations: [CREATE], apiGroups: [a], apiVersions: [a],"
        " resources: [a], resourceNames: [aaa, aaa]}]}}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/resource names must be path segments",
        V30,
        "spec.matchConstraints.resourceRules[0].resourceNames[0]",
        _VAP,
        "spec: {matchConstraints: {resourceRules: [{operations: [CREATE], apiGroups: [a], apiVersions: [a],"
        " resources: [a], resourceNames: [a/b]}]}}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/invalid scope",
        V30,
        "spec.matchConstraints.resourceRules[0].scope",
        _VAP,
        "spec: {matchConstraints: {resourceRules: [{operations: [CREATE], apiGroups: [a], apiVersions: [a],"
        " resources: [a], scope: other}]}}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/invalid namespace selector",
        V30,
        "spec.matchConstraints.namespaceSelector.matchExpressions[0].operator",
        _VAP,
        "spec: {matchConstraints: {namespaceSelector: {matchExpressions: [{key: a, operator: Other}]}}}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/expression is required",
        V30,
        "spec.validations[0].expression",
        _VAP,
        "spec: {validations: [{expression: '  '}]}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/message must not contain line breaks",
        V30,
        "spec.validations[0].message",
        _VAP,
        'spec: {validations: [{expression: object.x < 100, message: "line\\nbreak"}]}',
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/whitespace-only message",
        V30,
        "spec.validations[0].message",
        _VAP,
        "spec: {validations: [{expression: object.x < 100, message: '   '}]}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/whitespace-only messageExpression",
        V30,
        "spec.validations[0].messageExpression",
        _VAP,
        "spec: {validations: [{expression: object.x < 100, messageExpression: '   '}]}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/matchConditions name is required",
        V30,
        "spec.matchConditions[0].name",
        _VAP,
        "spec: {matchConditions: [{expression: 'true'}]}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/matchConditions name must be a qualified name",
        V30,
        "spec.matchConditions[0].name",
        _VAP,
        "spec: {matchConditions: [{name: '@invalid', expression: 'true'}]}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/matchConditions names must be unique",
        V30,
        "spec.matchConditions[1].name",
        _VAP,
        "spec: {matchConditions: [{name: a, expression: 'true'}, {name: a, expression: 'true'}]}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/too many matchConditions",
        V30,
        "spec.matchConditions",
        _VAP,
        "spec: {matchConditions: [" + ", ".join(f"{{name: c{i}, expression: 'true'}}" for i in range(65)) + "]}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/variable name is not a CEL identifier",
        V30,
        "spec.variables[0].name",
        _VAP,
        "spec: {variables: [{name: 'foo-bar', expression: '1'}]}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/variable name is a reserved word",
        V30,
        "spec.variables[0].name",
        _VAP,
        "spec: {variables: [{name: 'namespace', expression: '1'}]}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/variable expression is required",
        V30,
        "spec.variables[0].expression",
        _VAP,
        "spec: {variables: [{name: foo, expression: ''}]}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/invalid auditAnnotations key due to key name",
        V30,
        "spec.auditAnnotations[0].key",
        _VAP,
        "spec: {auditAnnotations: [{key: '@', valueExpression: \"'x'\"}]}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/duplicate auditAnnotations key",
        V30,
        "spec.auditAnnotations[1].key",
        _VAP,
        "spec: {auditAnnotations: [{key: a, valueExpression: \"'x'\"}, {key: a, valueExpression: \"'y'\"}]}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/valueExpression is required",
        V30,
        "spec.auditAnnotations[0].valueExpression",
        _VAP,
        "spec: {auditAnnotations: [{key: a, valueExpression: ''}]}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicy/valueExpression too long",
        V30,
        "spec.auditAnnotations[0].valueExpression",
        _VAP,
        "spec: {auditAnnotations: [{key: a, valueExpression: \"'" + "a" * 5200 + "'\"}]}",
    ),
    Case("TestValidateValidatingAdmissionPolicyBinding/valid", V30, ACCEPTED, _VAPB, ""),
    Case(
        "TestValidateValidatingAdmissionPolicyBinding/valid with paramRef and matchResources",
        V30,
        ACCEPTED,
        _VAPB,
        "spec: {paramRef: {name: xyzlimit-scale-setting.example.com, parameterNotFoundAction: Allow},"
        " validationActions: [Warn, Audit], matchResources: {resourceRules: [" + _RULE + "]}}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicyBinding/paramRef selector without parameterNotFoundAction",
        V30,
        ACCEPTED,
        _VAPB,
        "spec: {paramRef: {selector: {matchLabels: {a: b}}}}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicyBinding/metadata.name validation",
        V30,
        "metadata.name",
        _VAPB,
        "metadata: {name: '!!!!'}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicyBinding/PolicyName is required",
        V30,
        "spec.policyName",
        _VAPB,
        "spec: {policyName: ''}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicyBinding/invalid PolicyName",
        V30,
        "spec.policyName",
        _VAPB,
        "spec: {policyName: 'Invalid_Name'}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicyBinding/paramRef name and selector",
        V30,
        "spec.paramRef.selector",
        _VAPB,
        "spec: {paramRef: {name: a, selector: {}, parameterNotFoundAction: Deny}}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicyBinding/paramRef with neither name nor selector",
        V30,
        "spec.paramRef",
        _VAPB,
        "spec: {paramRef: {parameterNotFoundAction: Deny}}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicyBinding/invalid parameterNotFoundAction",
        V30,
        "spec.paramRef.parameterNotFoundAction",
        _VAPB,
        "spec: {paramRef: {name: a, parameterNotFoundAction: other}}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicyBinding/validationActions must be unique",
        V30,
        "spec.validationActions[1]",
        _VAPB,
        "spec: {validationActions: [Deny, Deny]}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicyBinding/validationActions must contain supported values",
        V30,
        "spec.validationActions[0]",
        _VAPB,
        "spec: {validationActions: [illegal]}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicyBinding/validationActions must not contain both Deny and Warn",
        V30,
        "spec.validationActions",
        _VAPB,
        "spec: {validationActions: [Deny, Warn]}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicyBinding/validationActions must be non-empty",
        V30,
        "spec.validationActions",
        _VAPB,
        "spec: {validationActions: []}",
    ),
    Case(
        "TestValidateValidatingAdmissionPolicyBinding/invalid matchResources rule",
        V30,
        "spec.matchResources.resourceRules[0].operations[0]",
        _VAPB,
        "spec: {matchResources: {resourceRules: [{operations: [PATCH], apiGroups: [a], apiVersions:"
        " [a], resources: [a]}]}}",
    ),
]

_FS = "FlowSchema"
_PL = "PriorityLevelConfiguration"
_SA = "{kind: ServiceAccount, serviceAccount: {name: noxu, namespace: default}}"
_NS_RULE = "{verbs: [get], apiGroups: [''], resources: [pods]"
_QUEUING = "spec: {limited: {limitResponse: {queuing: {queues: %s, handSize: %s}}}}"

FLOW_CONTROL = [
    Case(
        "TestFlowSchemaValidation/normal flow-schema w/ * verbs/apiGroups/resources should work", V, ACCEPTED, _FS, ""
    ),
    Case(
        "TestFlowSchemaValidation/flow-schema has both resource rules and non-resource rules should work",
        V,
        ACCEPTED,
        _FS,
        "spec: {rules: [{subjects: [" + _SA + "], resourceRules: [" + _NS_RULE + ", namespaces: ['*']}],"
        " nonResourceRules: [{verbs: ['*'], nonResourceURLs: [/apis/*]}]}]}",
    ),
    Case(
        "TestFlowSchemaValidation/ClusterScope is allowed, with no Namespaces",
        V,
        ACCEPTED,
        _FS,
        "spec: {rules: [{subjects: [" + _SA + "], resourceRules: [" + _NS_RULE + ", clusterScope: true}]}]}",
    ),
    Case(
        "TestFlowSchemaValidation/exempt flow-schema should work (matchingPrecedence 1)",
        V,
        ACCEPTED,
        _FS,
        "metadata: {name: exempt}\nspec: {matchingPrecedence: 1, distinguisherMethod: {type: ByUser}}",
    ),
    Case(
        "TestFlowSchemaValidation/matchingPrecedence defaulted (unset)",
        V,
        ACCEPTED,
        _FS,
        "spec: {matchingPrecedence: ~}",
    ),
    Case(
        "TestFlowSchemaValidation/v1beta3 at 1.28",
        "1.28",
        ACCEPTED,
        _FS,
        "apiVersion: flowcontrol.apiserver.k8s.io/v1beta3",
    ),
    Case(
        "TestFlowSchemaValidation/malformed Subject union in ServiceAccount case",
        V,
        "spec.rules[0].subjects[0].user",
        _FS,
        "spec: {rules: [{subjects: [{kind: ServiceAccount, serviceAccount: {name: a, namespace: b},"
        " user: {name: noxu}}], resourceRules: [" + _NS_RULE + ", namespaces: ['*']}]}]}",
    ),
    Case(
        "TestFlowSchemaValidation/Subject union malformed in User case",
        V,
        "spec.rules[0].subjects[0].user",
        _FS,
        "spec: {rules: [{subjects: [{kind: User, group: {name: x}}], resourceRules: ["
        + _NS_RULE
        + ", namespaces: ['*']}]}]}",
    ),
    Case(
        "TestFlowSchemaValidation/service account without namespace",
        V,
        "spec.rules[0].subjects[0].serviceAccount.namespace",
        _FS,
        "spec: {rules: [{subjects: [{kind: ServiceAccount, serviceAccount: {name: a}}], resourceRules: ["
        + _NS_RULE
        + ", namespaces: ['*']}]}]}",
    ),
    Case(
        "TestFlowSchemaValidation/non-exempt flow-schema with matchingPrecedence==1 should fail",
        V,
        "spec.matchingPrecedence",
        _FS,
        "spec: {matchingPrecedence: 1}",
    ),
    Case(
        "TestFlowSchemaValidation/MatchingPrecedence must not be greater than 10000",
        V,
        "spec.matchingPrecedence",
        _FS,
        "spec: {matchingPrecedence: 10001}",
    ),
    Case(
        "TestFlowSchemaValidation/flow-schema mixes * verbs/apiGroups/resources should fail",
        V,
        "spec.rules[0].resourceRules[0].verbs",
        _FS,
        "spec: {rules: [{subjects: [" + _SA + "], resourceRules: [{verbs: ['*', get], apiGroups: ['*', apps],"
        " resources: ['*', pods], namespaces: ['*']}]}]}",
    ),
    Case(
        "TestFlowSchemaValidation/flow-schema mixes * non-resource URLs should fail",
        V,
        "spec.rules[0].nonResourceRules[0].nonResourceURLs",
        _FS,
        "spec: {rules: [{subjects: ["
        + _SA
        + "], nonResourceRules: [{verbs: ['*'], nonResourceURLs: ['*', /apis/*]}]}]}",
    ),
    Case(
        "TestFlowSchemaValidation/invalid subject kind should fail",
        V,
        "spec.rules[0].subjects[0].kind",
        _FS,
        "spec: {rules: [{subjects: [{kind: FooKind}], resourceRules: [" + _NS_RULE + ", namespaces: ['*']}]}]}",
    ),
    Case(
        "TestFlowSchemaValidation/flow-schema w/ invalid verb should fail",
        V,
        "spec.rules[0].resourceRules[0].verbs",
        _FS,
        "spec: {rules: [{subjects: [" + _SA + "], resourceRules: [{verbs: [feed], apiGroups: ['*'], resources: ['*'],"
        " namespaces: ['*']}]}]}",
    ),
    Case(
        "TestFlowSchemaValidation/flow-schema w/ invalid priority level configuration name should fail",
        V,
        "spec.priorityLevelConfiguration.name",
        _FS,
        "spec: {priorityLevelConfiguration: {name: 'system+++$$'}}",
    ),
    Case(
        "TestFlowSchemaValidation/Omitted ResourceRule.Namespaces should fail",
        V,
        "spec.rules[0].resourceRules[0].namespaces",
        _FS,
        "spec: {rules: [{subjects: [" + _SA + "], resourceRules: [" + _NS_RULE + "}]}]}",
    ),
    Case(
        "TestFlowSchemaValidation/NamespaceEvery may not be combined with particulars",
        V,
        "spec.rules[0].resourceRules[0].namespaces",
        _FS,
        "spec: {rules: [{subjects: [" + _SA + "], resourceRules: [" + _NS_RULE + ", namespaces: ['*', default]}]}]}",
    ),
    Case(
        "TestFlowSchemaValidation/ResourceRule.Namespaces must be well formed",
        V,
        "spec.rules[0].resourceRules[0].namespaces[0]",
        _FS,
        "spec: {rules: [{subjects: [" + _SA + "], resourceRules: [" + _NS_RULE + ", namespaces: [-foo]}]}]}",
    ),
    Case(
        "TestFlowSchemaValidation/rule without resource or non-resource rules",
        V,
        "spec.rules[0]",
        _FS,
        "spec: {rules: [{subjects: [" + _SA + "]}]}",
    ),
    Case(
        "TestFlowSchemaValidation/invalid non-resource URL",
        V,
        "spec.rules[0].nonResourceRules[0].nonResourceURLs[0]",
        _FS,
        "spec: {rules: [{subjects: [" + _SA + "], nonResourceRules: [{verbs: [get], nonResourceURLs: [/healthz*]}]}]}",
    ),
    Case(
        "TestFlowSchemaValidation/invalid distinguisher method",
        V,
        "spec.distinguisherMethod.type",
        _FS,
        "spec: {distinguisherMethod: {type: ByFoo}}",
    ),
    Case("TestPriorityLevelConfigurationValidation/normal customized priority level should work", V, ACCEPTED, _PL, ""),
    Case(
        "TestPriorityLevelConfigurationValidation/v1beta2 with assuredConcurrencyShares at 1.26",
        "1.26",
        ACCEPTED,
        _PL,
        "apiVersion: flowcontrol.apiserver.k8s.io/v1beta2\n"
        "spec: {limited: {nominalConcurrencyShares: ~, assuredConcurrencyShares: 10}}",
    ),
    Case(
        "TestPriorityLevelConfigurationValidation/exempt should work",
        V,
        ACCEPTED,
        _PL,
        "metadata: {name: exempt}\nspec: {type: Exempt, limited: ~, exempt: {nominalConcurrencyShares: 0,"
        " lendablePercent: 0}}",
    ),
    Case(
        "TestPriorityLevelConfigurationValidation/limited with Reject should work",
        V,
        ACCEPTED,
        _PL,
        "spec: {limited: {lendablePercent: 50, borrowingLimitPercent: 200, limitResponse: {type: Reject, queuing: ~}}}",
    ),
    Case(
        "TestPriorityLevelConfigurationValidation/queuing defaulted",
        V,
        ACCEPTED,
        _PL,
        "spec: {limited: {nominalConcurrencyShares: ~, limitResponse: {queuing: {queues: ~, handSize: ~,"
        " queueLengthLimit: ~}}}}",
    ),
    Case(
        "TestPriorityLevelConfigurationValidation/customized priority level w/ overflowing handSize/queues"
        " should fail 1",
        V,
        "spec.limited.limitResponse.queuing.handSize",
        _PL,
        _QUEUING % (512, 8),
    ),
    Case(
        "TestPriorityLevelConfigurationValidation/customized priority level w/ overflowing handSize/queues"
        " should fail 2",
        V,
        "spec.limited.limitResponse.queuing.handSize",
        _PL,
        _QUEUING % (128, 10),
    ),
    Case(
        "TestPriorityLevelConfigurationValidation/customized priority level w/ overflowing handSize/queues"
        " should fail 3",
        V,
        "spec.limited.limitResponse.queuing.queues",
        _PL,
        _QUEUING % (10000001, 1),
    ),
    Case(
        "TestPriorityLevelConfigurationValidation/customized priority level w/ handSize greater than queues"
        " should fail",
        V,
        "spec.limited.limitResponse.queuing.handSize",
        _PL,
        _QUEUING % (7, 8),
    ),
    Case(
        "TestPriorityLevelConfigurationValidation/customized priority level w/ handSize=2 and queues=10^7 should work",
        V,
        ACCEPTED,
        _PL,
        _QUEUING % (10000000, 2),
    ),
    Case(
        "TestPriorityLevelConfigurationValidation/broken queuing level should fail by default",
        V,
        "spec.limited.limitResponse.queuing",
        _PL,
        "spec: {limited: {limitResponse: {type: Queue, queuing: ~}}}",
    ),
    Case(
        "TestPriorityLevelConfigurationValidation/forbid queuing if rejecting",
        V,
        "spec.limited.limitResponse.queuing",
        _PL,
        "spec: {limited: {limitResponse: {type: Reject}}}",
    ),
    Case(
        "TestPriorityLevelConfigurationValidation/missing limit response type",
        V,
        "spec.limited.limitResponse.type",
        _PL,
        "spec: {limited: {limitResponse: {type: ~, queuing: ~}}}",
    ),
    Case(
        "TestPriorityLevelConfigurationValidation/limited must not set exempt",
        V,
        "spec.exempt",
        _PL,
        "spec: {exempt: {nominalConcurrencyShares: 10}}",
    ),
    Case(
        "TestPriorityLevelConfigurationValidation/exempt must not set limited",
        V,
        "spec.limited",
        _PL,
        "metadata: {name: exempt}\nspec: {type: Exempt}",
    ),
    Case(
        "TestPriorityLevelConfigurationValidation/type Exempt only for the name exempt",
        V,
        "spec.type",
        _PL,
        "spec: {type: Exempt, limited: ~}",
    ),
    Case(
        "TestValidateLimitedPriorityLevelConfiguration/lendablePercent outside 0-100",
        V,
        "spec.limited.lendablePercent",
        _PL,
        "spec: {limited: {lendablePercent: 101}}",
    ),
    Case(
        "TestValidateLimitedPriorityLevelConfiguration/negative borrowingLimitPercent",
        V,
        "spec.limited.borrowingLimitPercent",
        _PL,
        "spec: {limited: {borrowingLimitPercent: -1}}",
    ),
    Case(
        "TestValidateLimitedPriorityLevelConfiguration/negative nominalConcurrencyShares",
        V,
        "spec.limited.nominalConcurrencyShares",
        _PL,
        "spec: {limited: {nominalConcurrencyShares: -1}}",
    ),
]

_LE = "Lease"
_CN = "CSINode"
_VA = "VolumeAttachment"
_DRIVER = "{name: io.kubernetes.storage.csi.driver, nodeID: node"

COORDINATION_AND_CSI_OBJECTS = [
    Case("TestValidateLease/valid", V, ACCEPTED, _LE, ""),
    Case("TestValidateLease/empty spec", V, ACCEPTED, _LE, "spec: {}"),
    Case("TestValidateLease/invalid name", V, "metadata.name", _LE, "metadata: {name: 'invalid name'}"),
    Case(
        "TestValidateLease/non-positive leaseDurationSeconds",
        V,
        "spec.leaseDurationSeconds",
        _LE,
        "spec: {leaseDurationSeconds: 0}",
    ),
    Case(
        "TestValidateLease/negative leaseTransitions", V, "spec.leaseTransitions", _LE, "spec: {leaseTransitions: -1}"
    ),
    Case("TestCSINodeValidation/valid", V, ACCEPTED, _CN, ""),
    Case(
        "TestCSINodeValidation/valid allocatable and several drivers",
        V,
        ACCEPTED,
        _CN,
        "spec: {drivers: [" + _DRIVER + ", allocatable: {count: 0}}, {name: driver2, nodeID: '" + "a" * 192 + "'}]}",
    ),
    Case("TestCSINodeValidation/invalid node name", V, "metadata.name", _CN, "metadata: {name: 'foo!'}"),
    Case(
        "TestCSINodeValidation/driver name too long",
        V,
        "spec.drivers[0].name",
        _CN,
        "spec: {drivers: [{name: '" + "a" * 64 + "', nodeID: node}]}",
    ),
    Case(
        "TestCSINodeValidation/duplicate drivers",
        V,
        "spec.drivers[1].name",
        _CN,
        "spec: {drivers: [" + _DRIVER + "}, " + _DRIVER + "}]}",
    ),
    Case(
        "TestCSINodeValidation/empty nodeID",
        V,
        "spec.drivers[0].nodeID",
        _CN,
        "spec: {drivers: [{name: driver1, nodeID: ''}]}",
    ),
    Case(
        "TestCSINodeValidation/nodeID too long",
        V,
        "spec.drivers[0].nodeID",
        _CN,
        "spec: {drivers: [{name: driver1, nodeID: '" + "a" * 257 + "'}]}",
    ),
    Case(
        "TestCSINodeValidation/duplicate topology keys",
        V,
        "spec.drivers[0]",
        _CN,
        "spec: {drivers: [" + _DRIVER + ", topologyKeys: [company.com/zone1, company.com/zone1]}]}",
    ),
    Case(
        "TestCSINodeValidation/invalid topology key",
        V,
        "spec.drivers[0]",
        _CN,
        "spec: {drivers: [" + _DRIVER + ", topologyKeys: ['company.com/zone1/bad']}]}",
    ),
    Case(
        "TestCSINodeValidation/negative allocatable count",
        V,
        "spec.drivers[0].allocatable.count",
        _CN,
        "spec: {drivers: [" + _DRIVER + ", allocatable: {count: -1}}]}",
    ),
    Case("ValidateCSIStorageCapacity/valid", V, ACCEPTED, "CSIStorageCapacity", ""),
    Case(
        "ValidateCSIStorageCapacity/no nodeTopology and no capacity",
        V,
        ACCEPTED,
        "CSIStorageCapacity",
        "nodeTopology: ~\ncapacity: ~",
    ),
    Case(
        "ValidateCSIStorageCapacity/bad storageClassName",
        V,
        "storageClassName",
        "CSIStorageCapacity",
        "storageClassName: 'fast_disk'",
    ),
    Case("ValidateCSIStorageCapacity/negative capacity", V, "capacity", "CSIStorageCapacity", "capacity: '-1Gi'"),
    Case(
        "ValidateCSIStorageCapacity/bad nodeTopology",
        V,
        "nodeTopology.matchExpressions[0].operator",
        "CSIStorageCapacity",
        "nodeTopology: {matchExpressions: [{key: a, operator: Other}]}",
    ),
    Case("ValidateVolumeAttributesClass/valid", "1.34", ACCEPTED, "VolumeAttributesClass", ""),
    Case(
        "ValidateVolumeAttributesClass/invalid driverName",
        "1.34",
        "driverName",
        "VolumeAttributesClass",
        "driverName: 'kubernetes.io/invalid/provisioner'",
    ),
    Case(
        "ValidateVolumeAttributesClass/empty parameters",
        "1.34",
        "parameters",
        "VolumeAttributesClass",
        "parameters: ~",
    ),
    Case(
        "ValidateVolumeAttributesClass/invalid empty parameter name",
        "1.34",
        "parameters",
        "VolumeAttributesClass",
        "parameters: {'': value}",
    ),
    Case("TestValidateVolumeAttachment/valid attachment", V, ACCEPTED, _VA, ""),
    Case(
        "TestValidateVolumeAttachment/valid inline volume spec",
        V,
        ACCEPTED,
        _VA,
        "spec: {source: {persistentVolumeName: ~, inlineVolumeSpec: {accessModes: [ReadWriteOnce],"
        " csi: {driver: com.test.foo, volumeHandle: handle}}}}",
    ),
    Case(
        "TestValidateVolumeAttachment/invalid attacher",
        V,
        "spec.attacher",
        _VA,
        "spec: {attacher: 'invalid!@#$%^&*()'}",
    ),
    Case("TestValidateVolumeAttachment/empty attacher", V, "spec.attacher", _VA, "spec: {attacher: ''}"),
    Case("TestValidateVolumeAttachment/invalid node", V, "spec.nodeName", _VA, "spec: {nodeName: 'invalid!@#$%^&*()'}"),
    Case("TestValidateVolumeAttachment/no source", V, "spec.source", _VA, "spec: {source: {persistentVolumeName: ~}}"),
    Case(
        "TestValidateVolumeAttachment/invalid volume name",
        V,
        "spec.source.persistentVolumeName",
        _VA,
        "spec: {source: {persistentVolumeName: 'invalid!@#$%^&*()'}}",
    ),
    Case(
        "TestValidateVolumeAttachment/both sources",
        V,
        "spec.source",
        _VA,
        "spec: {source: {inlineVolumeSpec: {csi: {driver: com.test.foo, volumeHandle: handle}}}}",
    ),
]

_CSRK = "CertificateSigningRequest"

CERTIFICATES = [
    Case("TestValidateCertificateSigningRequestCreate/CSR with usages", V, ACCEPTED, _CSRK, ""),
    Case(
        "TestValidateCertificateSigningRequestCreate/custom signer and expiration",
        V,
        ACCEPTED,
        _CSRK,
        "spec: {signerName: example.com/my-signer, expirationSeconds: 600,"
        " usages: [digital signature, key encipherment, server auth]}",
    ),
    Case(
        "TestValidateCertificateSigningRequestCreate/request folded over lines",
        V,
        ACCEPTED,
        _CSRK,
        'spec: {request: "' + "\\n".join(_CSR[i : i + 76] for i in range(0, len(_CSR), 76)) + '"}',
    ),
    Case(
        "TestValidateCertificateSigningRequestCreate/invalid CSR (not PEM)",
        V,
        "spec.request",
        _CSRK,
        "spec: {request: aGVsbG8gd29ybGQ=}",
    ),
    Case(
        "TestValidateCertificateSigningRequestCreate/invalid CSR (a certificate)",
        V,
        "spec.request",
        _CSRK,
        "spec: {request: " + _CERTIFICATE + "}",
    ),
    Case("TestValidateCertificateSigningRequestCreate/missing usages", V, "spec.usages", _CSRK, "spec: {usages: []}"),
    Case(
        "TestValidateCertificateSigningRequestCreate/unknown and duplicate usages",
        V,
        "spec.usages[1]",
        _CSRK,
        "spec: {usages: [client auth, client auth]}",
    ),
    Case(
        "TestValidateCertificateSigningRequestCreate/unknown usage",
        V,
        "spec.usages[0]",
        _CSRK,
        "spec: {usages: [not-a-usage]}",
    ),
    Case(
        "TestValidateCertificateSigningRequestCreate/signerName without a path",
        V,
        "spec.signerName",
        _CSRK,
        "spec: {signerName: example.com}",
    ),
    Case(
        "TestValidateCertificateSigningRequestCreate/signerName with an invalid domain",
        V,
        "spec.signerName",
        _CSRK,
        "spec: {signerName: 'Example_Com/signer'}",
    ),
    Case(
        "TestValidateCertificateSigningRequestCreate/expirationSeconds below 600",
        V,
        "spec.expirationSeconds",
        _CSRK,
        "spec: {expirationSeconds: 599}",
    ),
]

_MAP = "MutatingAdmissionPolicy"
_MAPB = "MutatingAdmissionPolicyBinding"
V36 = "1.36"

MUTATING_POLICIES = [
    Case("MutatingAdmissionPolicySpec (API reference)/an ApplyConfiguration mutation", V36, ACCEPTED, _MAP, ""),
    Case(
        "MutatingAdmissionPolicySpec (API reference)/a JSONPatch mutation with params, reinvoked if needed",
        V36,
        ACCEPTED,
        _MAP,
        "spec: {paramKind: {apiVersion: v1, kind: ConfigMap}, reinvocationPolicy: IfNeeded, failurePolicy: Ignore,"
        " mutations: [{patchType: JSONPatch,"
        " jsonPatch: {expression: \"[JSONPatch{op: 'add', path: '/x', value: 1}]\"}}]}",
    ),
    Case(
        "MutatingAdmissionPolicySpec (API reference)/v1beta1 at 1.34",
        "1.34",
        ACCEPTED,
        _MAP,
        "apiVersion: admissionregistration.k8s.io/v1beta1",
    ),
    Case(
        "MutatingAdmissionPolicySpec (API reference)/mutations may not be empty",
        V36,
        "spec.mutations",
        _MAP,
        "spec: {mutations: []}",
    ),
    Case(
        "MutatingAdmissionPolicySpec (API reference)/matchConstraints is required",
        V36,
        "spec.matchConstraints",
        _MAP,
        "spec: {matchConstraints: ~}",
    ),
    Case(
        "MutatingAdmissionPolicySpec (API reference)/patchType ApplyConfiguration or JSONPatch",
        V36,
        "spec.mutations[0].patchType",
        _MAP,
        "spec: {mutations: [{patchType: StrategicMerge}]}",
    ),
    Case(
        "MutatingAdmissionPolicySpec (API reference)/the patch type's expression is required",
        V36,
        "spec.mutations[0].jsonPatch.expression",
        _MAP,
        "spec: {mutations: [{patchType: JSONPatch, jsonPatch: {expression: ''}}]}",
    ),
    Case(
        "MutatingAdmissionPolicySpec (API reference)/reinvocationPolicy Never or IfNeeded",
        V36,
        "spec.reinvocationPolicy",
        _MAP,
        "spec: {reinvocationPolicy: Always}",
    ),
    Case(
        "MutatingAdmissionPolicySpec (shared with validating policies)/invalid failurePolicy",
        V36,
        "spec.failurePolicy",
        _MAP,
        "spec: {failurePolicy: other}",
    ),
    Case("MutatingAdmissionPolicyBindingSpec (API reference)/a binding", V36, ACCEPTED, _MAPB, ""),
    Case(
        "MutatingAdmissionPolicyBindingSpec (API reference)/a binding with paramRef and matchResources",
        V36,
        ACCEPTED,
        _MAPB,
        "spec: {paramRef: {name: sidecar-params, namespace: default, parameterNotFoundAction: Deny},"
        " matchResources: {namespaceSelector: {matchLabels: {env: test}}}}",
    ),
    Case(
        "MutatingAdmissionPolicyBindingSpec (API reference)/policyName is required",
        V36,
        "spec.policyName",
        _MAPB,
        "spec: {policyName: ''}",
    ),
    Case(
        "MutatingAdmissionPolicyBindingSpec (shared with validating bindings)/paramRef name and selector",
        V36,
        "spec.paramRef.selector",
        _MAPB,
        "spec: {paramRef: {name: a, selector: {}, parameterNotFoundAction: Deny}}",
    ),
]

AREAS = {
    "persistent volumes": PERSISTENT_VOLUMES,
    "endpoints": ENDPOINTS,
    "endpoint slices": ENDPOINT_SLICES,
    "API services": API_SERVICES,
    "runtime classes": RUNTIME_CLASSES,
    "CSI drivers": CSI_DRIVERS,
    "admission policies": ADMISSION_POLICIES,
    "mutating admission policies": MUTATING_POLICIES,
    "flow control": FLOW_CONTROL,
    "leases, CSI nodes and volume attachments": COORDINATION_AND_CSI_OBJECTS,
    "certificate signing requests": CERTIFICATES,
}
CASES = [case for area in AREAS.values() for case in area]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.go_test)
def test_the_server_verdict(case: Case) -> None:
    assert_server_verdict(manifest(case), case.kube_version, case.expected)


def test_cases_cover_every_area_both_ways() -> None:
    for name, area in AREAS.items():
        assert {c.expected == ACCEPTED for c in area} == {True, False}, name
    assert len({c.go_test for c in CASES}) == len(CASES), "each case is named once"


def test_the_bases_are_valid_at_every_version() -> None:
    from k8slab.validation.rules._base import minor_version
    from k8slab.validation.schema import supported_versions

    for version in supported_versions():
        for kind, base in BASES.items():
            if kind.startswith("ValidatingAdmissionPolicy") and minor_version(version) < 30:
                continue  # admissionregistration.k8s.io/v1 serves them from 1.30
            if kind.startswith("MutatingAdmissionPolicy") and minor_version(version) < 36:
                continue  # admissionregistration.k8s.io/v1 serves them from 1.36
            if kind == "VolumeAttributesClass" and minor_version(version) < 34:
                continue  # storage.k8s.io/v1 serves it from 1.34
            if kind in ("FlowSchema", "PriorityLevelConfiguration") and minor_version(version) < 29:
                continue  # flowcontrol.apiserver.k8s.io/v1 is served from 1.29
            report = check([base], kube_version=version, cross_checks=False)
            assert report.problems == [], (version, kind, report.problems)


@pytest.mark.parametrize("case", [c for c in CASES if c.expected == ACCEPTED], ids=lambda c: c.go_test)
def test_accepted_cases_stay_accepted_in_later_versions(case: Case) -> None:
    from k8slab.validation.rules._base import minor_version
    from k8slab.validation.schema import supported_versions

    for version in supported_versions():
        if minor_version(version) < minor_version(case.kube_version):
            continue
        report = check([manifest(case)], kube_version=version, cross_checks=False)
        served = [p for p in report.problems if p.path not in ("apiVersion", "kind")]
        assert served == [], (version, served)


def _leak_probe(value: str) -> list[str]:
    objects = [
        merge(BASES["PersistentVolume"], {"spec": {"storageClassName": value, "hostPath": {"path": value + "/.."}}}),
        merge(BASES["Endpoints"], {"subsets": [{"addresses": [{"ip": value, "hostname": value}]}]}),
        merge(BASES["EndpointSlice"], {"endpoints": [{"addresses": [value], "nodeName": value}]}),
        merge(BASES["APIService"], {"spec": {"group": value, "insecureSkipTLSVerify": True}}),
        merge(BASES["RuntimeClass"], {"handler": value}),
        merge(BASES["CertificateSigningRequest"], {"spec": {"request": value, "signerName": value}}),
        merge(BASES["ValidatingAdmissionPolicyBinding"], {"spec": {"policyName": value, "validationActions": [value]}}),
    ]
    return [p.message for p in check(objects, kube_version="1.33", cross_checks=False).problems]


@settings(max_examples=40, deadline=None)
@given(st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=8, max_size=40))
def test_messages_never_carry_values(value: str) -> None:
    messages = _leak_probe(value)
    assert len(messages) >= 7
    # a value that is a word of a rule's own text ("required") is not a leak: a neutral value's messages have it too
    reference = " ".join(_leak_probe("#" * len(value)))
    assert not any(value in m and value not in reference for m in messages)
