"""Cases of the API server's own validation tests, as manifests, with the server's verdict.

Each case names the Go test it comes from (kubernetes/kubernetes ``pkg/apis/<group>/validation/
validation_test.go``) and the case's name there. The Go tests build internal objects that already
carry what the server adds on create (a uid, generated Job selectors and labels, defaults); here
each case is the manifest a user would send, so those parts are left out and the server's
defaulting (``k8slab.validation.defaults``) adds them back. An accepted case must produce no
problem at all; a rejected one must name the field the server names (other problems may follow).

A case is ``(go_test, kube_version, expected, kind, overlay)``: the overlay (YAML) is merged into
a valid base object of ``kind``: mappings merge, other values replace, ``~`` removes the field.
"""

from __future__ import annotations

import textwrap
from typing import Any

import pytest
import yaml

from k8slab.validation.engine import check
from tests.peer import ACCEPTED, Case, assert_server_verdict, merge, overlaid

_CONTAINER = {"name": "abc", "image": "image", "imagePullPolicy": "IfNotPresent"}
_TEMPLATE = {"metadata": {"labels": {"a": "b"}}, "spec": {"containers": [_CONTAINER]}}
_SELECTOR = {"matchLabels": {"a": "b"}}
_JOB_TEMPLATE = {
    "metadata": {"labels": {"a": "b"}},
    "spec": {
        "restartPolicy": "OnFailure",
        "containers": [_CONTAINER],
        "initContainers": [{**_CONTAINER, "name": "def"}],
    },
}

BASES: dict[str, dict[str, Any]] = {
    "Deployment": {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "abc", "namespace": "default"},
        "spec": {"selector": _SELECTOR, "template": _TEMPLATE},
    },
    "ReplicaSet": {
        "apiVersion": "apps/v1",
        "kind": "ReplicaSet",
        "metadata": {"name": "abc", "namespace": "default"},
        "spec": {"selector": _SELECTOR, "template": _TEMPLATE},
    },
    "StatefulSet": {
        "apiVersion": "apps/v1",
        "kind": "StatefulSet",
        "metadata": {"name": "abc", "namespace": "default"},
        "spec": {"selector": _SELECTOR, "template": _TEMPLATE},
    },
    "DaemonSet": {
        "apiVersion": "apps/v1",
        "kind": "DaemonSet",
        "metadata": {"name": "abc", "namespace": "default"},
        "spec": {"selector": _SELECTOR, "template": _TEMPLATE},
    },
    "ControllerRevision": {
        "apiVersion": "apps/v1",
        "kind": "ControllerRevision",
        "metadata": {"name": "abc", "namespace": "default"},
        "data": {"spec": {}},
        "revision": 1,
    },
    "Job": {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {"name": "myjob", "namespace": "default"},
        "spec": {"template": _JOB_TEMPLATE},
    },
    "CronJob": {
        "apiVersion": "batch/v1",
        "kind": "CronJob",
        "metadata": {"name": "mycronjob", "namespace": "default"},
        "spec": {
            "schedule": "* * * * ?",
            "concurrencyPolicy": "Allow",
            "jobTemplate": {"spec": {"template": _JOB_TEMPLATE}},
        },
    },
    "Ingress": {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "Ingress",
        "metadata": {"name": "foo", "namespace": "default"},
        "spec": {
            "defaultBackend": {"service": {"name": "default-backend", "port": {"number": 80}}},
            "rules": [
                {
                    "host": "foo.bar.com",
                    "http": {
                        "paths": [
                            {
                                "path": "/foo",
                                "pathType": "ImplementationSpecific",
                                "backend": {"service": {"name": "defaultbackend", "port": {"name": "http"}}},
                            }
                        ]
                    },
                }
            ],
        },
    },
    "IngressClass": {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "IngressClass",
        "metadata": {"name": "test123"},
        "spec": {"controller": "foo.co/bar"},
    },
    "NetworkPolicy": {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": {"name": "foo", "namespace": "default"},
        "spec": {"podSelector": {"matchLabels": {"a": "b"}}},
    },
    "PodDisruptionBudget": {
        "apiVersion": "policy/v1",
        "kind": "PodDisruptionBudget",
        "metadata": {"name": "pdb", "namespace": "default"},
        "spec": {"selector": _SELECTOR},
    },
    "HorizontalPodAutoscaler": {
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": {"name": "myautoscaler", "namespace": "default"},
        "spec": {
            "scaleTargetRef": {"kind": "ReplicationController", "name": "myrc"},
            "minReplicas": 1,
            "maxReplicas": 5,
            "metrics": [
                {
                    "type": "Resource",
                    "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 70}},
                }
            ],
        },
    },
    "Role": {
        "apiVersion": "rbac.authorization.k8s.io/v1",
        "kind": "Role",
        "metadata": {"name": "default", "namespace": "default"},
        "rules": [{"verbs": ["get"], "apiGroups": [""], "resources": ["pods"]}],
    },
    "ClusterRole": {
        "apiVersion": "rbac.authorization.k8s.io/v1",
        "kind": "ClusterRole",
        "metadata": {"name": "default"},
        "rules": [{"verbs": ["get"], "apiGroups": [""], "resources": ["pods"]}],
    },
    "RoleBinding": {
        "apiVersion": "rbac.authorization.k8s.io/v1",
        "kind": "RoleBinding",
        "metadata": {"name": "master", "namespace": "default"},
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "valid"},
        "subjects": [{"name": "validsaname", "kind": "ServiceAccount"}],
    },
    "ClusterRoleBinding": {
        "apiVersion": "rbac.authorization.k8s.io/v1",
        "kind": "ClusterRoleBinding",
        "metadata": {"name": "master"},
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "valid"},
        "subjects": [{"name": "validsaname", "namespace": "foo", "kind": "ServiceAccount"}],
    },
    "StorageClass": {
        "apiVersion": "storage.k8s.io/v1",
        "kind": "StorageClass",
        "metadata": {"name": "foo"},
        "provisioner": "kubernetes.io/foo-provisioner",
        "reclaimPolicy": "Delete",
        "volumeBindingMode": "Immediate",
    },
    "PriorityClass": {
        "apiVersion": "scheduling.k8s.io/v1",
        "kind": "PriorityClass",
        "metadata": {"name": "tier1"},
        "value": 100,
    },
    "ValidatingWebhookConfiguration": {
        "apiVersion": "admissionregistration.k8s.io/v1",
        "kind": "ValidatingWebhookConfiguration",
        "metadata": {"name": "config"},
        "webhooks": [
            {
                "name": "webhook.k8s.io",
                "clientConfig": {"service": {"name": "webhook", "namespace": "default", "path": "/validate"}},
                "rules": [{"operations": ["CREATE"], "apiGroups": ["a"], "apiVersions": ["a"], "resources": ["a"]}],
                "sideEffects": "None",
                "admissionReviewVersions": ["v1"],
            }
        ],
    },
    "MutatingWebhookConfiguration": {
        "apiVersion": "admissionregistration.k8s.io/v1",
        "kind": "MutatingWebhookConfiguration",
        "metadata": {"name": "config"},
        "webhooks": [
            {
                "name": "webhook.k8s.io",
                "clientConfig": {"url": "https://example.com/mutate"},
                "sideEffects": "NoneOnDryRun",
                "admissionReviewVersions": ["v1beta1"],
            }
        ],
    },
}


def manifest(case: Case) -> dict[str, Any]:
    """The case's object: its overlay merged into the valid base of its kind."""
    return overlaid(BASES[case.kind], case.overlay)


V = "1.33"

APPS = [
    Case("TestValidateDeployment/valid", V, ACCEPTED, "Deployment", ""),
    Case("TestValidateDeployment/valid Recreate", V, ACCEPTED, "Deployment", "spec: {strategy: {type: Recreate}}"),
    Case(
        "TestValidateDeployment/valid rolling update",
        V,
        ACCEPTED,
        "Deployment",
        "spec: {strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: '10%'}}}",
    ),
    Case(
        "TestValidateDeployment/empty selector", V, "spec.selector", "Deployment", "spec: {selector: {matchLabels: ~}}"
    ),
    Case(
        "TestValidateDeployment/selector does not match template labels",
        V,
        "spec.template.metadata.labels",
        "Deployment",
        "spec: {selector: {matchLabels: {a: c}}}",
    ),
    Case("TestValidateDeployment/negative replicas", V, "spec.replicas", "Deployment", "spec: {replicas: -1}"),
    Case(
        "TestValidateDeployment/invalid restart policy",
        V,
        "spec.template.spec.restartPolicy",
        "Deployment",
        "spec: {template: {spec: {restartPolicy: OnFailure}}}",
    ),
    Case(
        "TestValidateDeployment/activeDeadlineSeconds set",
        V,
        "spec.template.spec.activeDeadlineSeconds",
        "Deployment",
        "spec: {template: {spec: {activeDeadlineSeconds: 10}}}",
    ),
    Case(
        "TestValidateDeployment/rollingUpdate with Recreate",
        V,
        "spec.strategy.rollingUpdate",
        "Deployment",
        "spec: {strategy: {type: Recreate, rollingUpdate: {maxSurge: 1}}}",
    ),
    Case(
        "TestValidateDeployment/invalid strategy type",
        V,
        "spec.strategy.type",
        "Deployment",
        "spec: {strategy: {type: randomtype}}",
    ),
    Case(
        "TestValidateDeployment/maxSurge not an int or percent",
        V,
        "spec.strategy.rollingUpdate.maxSurge",
        "Deployment",
        "spec: {strategy: {rollingUpdate: {maxSurge: '20Percent'}}}",
    ),
    Case(
        "TestValidateDeployment/maxUnavailable above 100%",
        V,
        "spec.strategy.rollingUpdate.maxUnavailable",
        "Deployment",
        "spec: {strategy: {rollingUpdate: {maxUnavailable: '110%'}}}",
    ),
    Case(
        "TestValidateDeployment/maxSurge above 100% is allowed",
        V,
        ACCEPTED,
        "Deployment",
        "spec: {strategy: {rollingUpdate: {maxSurge: '200%'}}}",
    ),
    Case(
        "TestValidateDeployment/both zero",
        V,
        "spec.strategy.rollingUpdate.maxUnavailable",
        "Deployment",
        "spec: {strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: '0%'}}}",
    ),
    Case(
        "TestValidateDeployment/negative revisionHistoryLimit",
        V,
        "spec.revisionHistoryLimit",
        "Deployment",
        "spec: {revisionHistoryLimit: -2}",
    ),
    Case(
        "TestValidateDeployment/progressDeadlineSeconds equal to minReadySeconds",
        V,
        "spec.progressDeadlineSeconds",
        "Deployment",
        "spec: {progressDeadlineSeconds: 10, minReadySeconds: 10}",
    ),
    Case(
        "TestValidateDeployment/minReadySeconds above the defaulted progressDeadlineSeconds",
        V,
        "spec.progressDeadlineSeconds",
        "Deployment",
        "spec: {minReadySeconds: 600}",
    ),
    Case("TestValidateReplicaSet/valid", V, ACCEPTED, "ReplicaSet", "spec: {replicas: 0}"),
    Case("TestValidateReplicaSet/missing selector", V, "spec.selector", "ReplicaSet", "spec: {selector: ~}"),
    Case(
        "TestValidateReplicaSet/negative minReadySeconds",
        V,
        "spec.minReadySeconds",
        "ReplicaSet",
        "spec: {minReadySeconds: -1}",
    ),
    Case(
        "TestValidateReplicaSet/invalid selector operator",
        V,
        "spec.selector.matchExpressions[0].operator",
        "ReplicaSet",
        "spec: {selector: {matchExpressions: [{key: a, operator: Bogus, values: [b]}]}}",
    ),
    Case("TestValidateStatefulSet/alpha name", V, ACCEPTED, "StatefulSet", "spec: {podManagementPolicy: Parallel}"),
    Case("TestValidateStatefulSet/no serviceName before 1.33", "1.30", ACCEPTED, "StatefulSet", ""),
    Case("TestValidateStatefulSet/serviceName", V, ACCEPTED, "StatefulSet", "spec: {serviceName: abc}"),
    Case(
        "TestValidateStatefulSet/OnDelete",
        V,
        ACCEPTED,
        "StatefulSet",
        "spec: {updateStrategy: {type: OnDelete}}",
    ),
    Case(
        "TestValidateStatefulSet/ordinals.start positive",
        V,
        ACCEPTED,
        "StatefulSet",
        "spec: {ordinals: {start: 2}, minReadySeconds: 5}",
    ),
    Case(
        "TestValidateStatefulSet/invalid ordinals.start",
        V,
        "spec.ordinals.start",
        "StatefulSet",
        "spec: {ordinals: {start: -2}}",
    ),
    Case(
        "TestValidateStatefulSet/negative parition",
        V,
        "spec.updateStrategy.rollingUpdate.partition",
        "StatefulSet",
        "spec: {updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: -1}}}",
    ),
    Case(
        "TestValidateStatefulSet/empty update strategy type is defaulted",
        V,
        ACCEPTED,
        "StatefulSet",
        "spec: {updateStrategy: {type: ''}}",
    ),
    Case(
        "TestValidateStatefulSet/invalid update strategy",
        V,
        "spec.updateStrategy.type",
        "StatefulSet",
        "spec: {updateStrategy: {type: foo}}",
    ),
    Case(
        "TestValidateStatefulSet/partitioned rolling update with OnDelete",
        V,
        "spec.updateStrategy.rollingUpdate",
        "StatefulSet",
        "spec: {updateStrategy: {type: OnDelete, rollingUpdate: {partition: 1}}}",
    ),
    Case(
        "TestValidateStatefulSet/maxUnavailable with parallel pod management",
        "1.37",
        ACCEPTED,
        "StatefulSet",
        "spec: {replicas: 3, podManagementPolicy: Parallel, updateStrategy: {rollingUpdate: {partition: 2, "
        "maxUnavailable: 2}}}",
    ),
    Case(
        "TestValidateStatefulSet/zero maxUnavailable",
        "1.37",
        "spec.updateStrategy.rollingUpdate.maxUnavailable",
        "StatefulSet",
        "spec: {updateStrategy: {rollingUpdate: {maxUnavailable: 0}}}",
    ),
    Case(
        "TestValidateStatefulSet/zero percent maxUnavailable",
        "1.37",
        "spec.updateStrategy.rollingUpdate.maxUnavailable",
        "StatefulSet",
        "spec: {updateStrategy: {rollingUpdate: {maxUnavailable: '0%'}}}",
    ),
    Case(
        "TestValidateStatefulSet/greater than 100 percent maxUnavailable",
        "1.37",
        "spec.updateStrategy.rollingUpdate.maxUnavailable",
        "StatefulSet",
        "spec: {updateStrategy: {rollingUpdate: {maxUnavailable: '101%'}}}",
    ),
    Case(
        "TestValidateStatefulSet/zero maxUnavailable while the feature is off (dropped)",
        "1.36",
        ACCEPTED,
        "StatefulSet",
        "spec: {updateStrategy: {rollingUpdate: {maxUnavailable: 0}}}",
    ),
    Case(
        "TestValidateStatefulSet/invalid pod management policy",
        V,
        "spec.podManagementPolicy",
        "StatefulSet",
        "spec: {podManagementPolicy: foo}",
    ),
    Case(
        "TestValidateStatefulSet/negative minReadySeconds",
        V,
        "spec.minReadySeconds",
        "StatefulSet",
        "spec: {minReadySeconds: -1}",
    ),
    Case(
        "TestValidateStatefulSet/invalid PersistentVolumeClaimRetentionPolicy",
        V,
        "spec.persistentVolumeClaimRetentionPolicy.whenDeleted",
        "StatefulSet",
        "spec: {persistentVolumeClaimRetentionPolicy: {whenDeleted: invalid-retention-policy, whenScaled: Retain}}",
    ),
    Case(
        "TestValidateStatefulSet/invalid PersistentVolumeClaimRetentionPolicy while StatefulSetAutoDeletePVC is off",
        "1.26",
        ACCEPTED,
        "StatefulSet",
        "spec: {persistentVolumeClaimRetentionPolicy: {whenDeleted: invalid-retention-policy}}",
    ),
    Case(
        "TestValidateStatefulSet/valid PersistentVolumeClaimRetentionPolicy",
        V,
        ACCEPTED,
        "StatefulSet",
        "spec: {persistentVolumeClaimRetentionPolicy: {whenDeleted: Delete, whenScaled: Retain}}",
    ),
    Case(
        "TestValidateStatefulSet/empty selector",
        V,
        "spec.selector",
        "StatefulSet",
        "spec: {selector: {matchLabels: ~}}",
    ),
    Case(
        "TestValidateStatefulSet/invalid restart policy",
        V,
        "spec.template.spec.restartPolicy",
        "StatefulSet",
        "spec: {template: {spec: {restartPolicy: Never}}}",
    ),
    Case("TestValidateDaemonSet/valid", V, ACCEPTED, "DaemonSet", "spec: {updateStrategy: {type: OnDelete}}"),
    Case(
        "TestValidateDaemonSet/valid surge",
        V,
        ACCEPTED,
        "DaemonSet",
        "spec: {updateStrategy: {type: RollingUpdate, rollingUpdate: {maxSurge: '10%', maxUnavailable: 0}}}",
    ),
    Case(
        "TestValidateDaemonSet/both surge and unavailable",
        V,
        "spec.updateStrategy.rollingUpdate.maxSurge",
        "DaemonSet",
        "spec: {updateStrategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 1}}}",
    ),
    Case(
        "TestValidateDaemonSet/both zero",
        V,
        "spec.updateStrategy.rollingUpdate.maxUnavailable",
        "DaemonSet",
        "spec: {updateStrategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}}",
    ),
    Case(
        "TestValidateDaemonSet/maxSurge above 100%",
        V,
        "spec.updateStrategy.rollingUpdate.maxSurge",
        "DaemonSet",
        "spec: {updateStrategy: {rollingUpdate: {maxSurge: '101%', maxUnavailable: 0}}}",
    ),
    Case(
        "TestValidateDaemonSet/invalid update strategy",
        V,
        "spec.updateStrategy.type",
        "DaemonSet",
        "spec: {updateStrategy: {type: Bogus}}",
    ),
    Case(
        "TestValidateDaemonSet/negative revisionHistoryLimit",
        V,
        "spec.revisionHistoryLimit",
        "DaemonSet",
        "spec: {revisionHistoryLimit: -1}",
    ),
    Case("TestValidateControllerRevision/valid", V, ACCEPTED, "ControllerRevision", ""),
    Case("TestValidateControllerRevision/zero revision", "1.30", ACCEPTED, "ControllerRevision", "revision: ~"),
    Case("TestValidateControllerRevision/null data", V, "data", "ControllerRevision", "data: ~"),
    Case("TestValidateControllerRevision/negative revision", V, "revision", "ControllerRevision", "revision: -1"),
]

_NEVER = "spec: {template: {spec: {restartPolicy: Never}}}"

BATCH = [
    Case("TestValidateJob/valid generated selector", V, ACCEPTED, "Job", ""),
    Case(
        "TestValidateJob/valid manual selector",
        V,
        ACCEPTED,
        "Job",
        "spec: {manualSelector: true, selector: {matchLabels: {a: b}}}",
    ),
    Case(
        "TestValidateJob/manual selector that is empty (it selects every pod)",
        V,
        ACCEPTED,
        "Job",
        "spec: {manualSelector: true, selector: {}}",
    ),
    Case(
        "TestValidateJob/manual selector missing",
        V,
        "spec.selector",
        "Job",
        "spec: {manualSelector: true}",
    ),
    Case(
        "TestValidateJob/manual selector that does not match the template",
        V,
        "spec.template.metadata.labels",
        "Job",
        "spec: {manualSelector: true, selector: {matchLabels: {a: c}}}",
    ),
    Case(
        "TestValidateJob/valid job-name selector without manualSelector",
        V,
        ACCEPTED,
        "Job",
        "spec: {selector: {matchLabels: {job-name: myjob}}}",
    ),
    Case(
        "TestValidateJob/selector not auto-generated",
        V,
        "spec.selector",
        "Job",
        "spec: {selector: {matchLabels: {a: b}}}",
    ),
    Case(
        "TestValidateJob/job-name label of another job",
        V,
        "spec.template.metadata.labels",
        "Job",
        "spec: {template: {metadata: {labels: {job-name: other}}}}",
    ),
    Case(
        "TestValidateJob/controller-uid label set by hand",
        V,
        "spec.template.metadata.labels",
        "Job",
        "spec: {template: {metadata: {labels: {controller-uid: 1a2b3c}}}}",
    ),
    Case(
        "TestValidateJob/valid pod failure policy",
        V,
        ACCEPTED,
        "Job",
        """
        spec:
          template: {spec: {restartPolicy: Never}}
          podFailurePolicy:
            rules:
            - {action: Ignore, onPodConditions: [{type: DisruptionTarget, status: "True"}]}
            - {action: FailJob, onPodConditions: [{type: CustomConditionType, status: "False"}]}
            - {action: Count, onExitCodes: {containerName: abc, operator: In, values: [1, 2, 3]}}
            - {action: Ignore, onExitCodes: {containerName: def, operator: In, values: [4]}}
            - {action: FailJob, onExitCodes: {operator: NotIn, values: [5, 6, 7]}}
        """,
    ),
    Case(
        "TestValidateJob/valid pod failure policy with only onExitCodes (1.26 schema marks onPodConditions required)",
        "1.26",
        ACCEPTED,
        "Job",
        "spec: {template: {spec: {restartPolicy: Never}}, podFailurePolicy: {rules: [{action: FailJob, "
        "onExitCodes: {operator: In, values: [42]}}]}}",
    ),
    Case(
        "TestValidateCronJob/valid pod failure policy with only onExitCodes in the job template",
        "1.27",
        ACCEPTED,
        "CronJob",
        "spec: {jobTemplate: {spec: {template: {spec: {restartPolicy: Never}}, podFailurePolicy: {rules: "
        "[{action: Ignore, onExitCodes: {operator: NotIn, values: [0]}}]}}}}",
    ),
    Case(
        "TestValidateJob/onPodConditions status defaulted to True",
        V,
        ACCEPTED,
        "Job",
        "spec: {template: {spec: {restartPolicy: Never}}, podFailurePolicy: {rules: [{action: Ignore, "
        "onPodConditions: [{type: DisruptionTarget}]}]}}",
    ),
    Case(
        "TestValidateJob/valid pod failure policy with FailIndex",
        V,
        ACCEPTED,
        "Job",
        """
        spec:
          completionMode: Indexed
          completions: 2
          backoffLimitPerIndex: 1
          template: {spec: {restartPolicy: Never}}
          podFailurePolicy: {rules: [{action: FailIndex, onExitCodes: {operator: In, values: [10]}}]}
        """,
    ),
    Case(
        "TestValidateJob/FailIndex without backoffLimitPerIndex",
        V,
        "spec.podFailurePolicy.rules[0].action",
        "Job",
        """
        spec:
          template: {spec: {restartPolicy: Never}}
          podFailurePolicy: {rules: [{action: FailIndex, onExitCodes: {operator: In, values: [10]}}]}
        """,
    ),
    Case(
        "TestValidateJob/valid pod replacement",
        V,
        ACCEPTED,
        "Job",
        "spec: {podReplacementPolicy: TerminatingOrFailed}",
    ),
    Case(
        "TestValidateJob/valid pod replacement with failed", V, ACCEPTED, "Job", "spec: {podReplacementPolicy: Failed}"
    ),
    Case(
        "TestValidateJob/spec.podReplacementPolicy: Unsupported value",
        V,
        "spec.podReplacementPolicy",
        "Job",
        "spec: {podReplacementPolicy: Invalid}",
    ),
    Case(
        "TestValidateJob/spec.podReplacementPolicy: TerminatingOrFailed with podFailurePolicy",
        V,
        "spec.podReplacementPolicy",
        "Job",
        "spec: {podReplacementPolicy: TerminatingOrFailed, template: {spec: {restartPolicy: Never}}, "
        "podFailurePolicy: {rules: [{action: Count, onExitCodes: {operator: In, values: [1]}}]}}",
    ),
    Case(
        "TestValidateJob/valid NonIndexed completion mode",
        V,
        ACCEPTED,
        "Job",
        "spec: {completionMode: NonIndexed}",
    ),
    Case(
        "TestValidateJob/valid Indexed completion mode",
        V,
        ACCEPTED,
        "Job",
        "spec: {completionMode: Indexed, completions: 2, parallelism: 100000}",
    ),
    Case(
        "TestValidateJob/Indexed without completions or parallelism (both defaulted to 1)",
        V,
        ACCEPTED,
        "Job",
        "spec: {completionMode: Indexed}",
    ),
    Case(
        "TestValidateJob/spec.completions: Required value: when completion mode is Indexed",
        V,
        "spec.completions",
        "Job",
        "spec: {completionMode: Indexed, parallelism: 2}",
    ),
    Case(
        "TestValidateJob/spec.parallelism: must be less than or equal to 100000",
        V,
        "spec.parallelism",
        "Job",
        "spec: {completionMode: Indexed, completions: 2, parallelism: 100001}",
    ),
    Case(
        "TestValidateJob/spec.completionMode: Unsupported value",
        V,
        "spec.completionMode",
        "Job",
        "spec: {completionMode: Foo}",
    ),
    Case(
        "TestValidateJob/valid parallelism and maxFailedIndexes for high completions",
        V,
        ACCEPTED,
        "Job",
        "spec: {completions: 100000, parallelism: 100000, maxFailedIndexes: 100000, backoffLimitPerIndex: 1, "
        "completionMode: Indexed}",
    ),
    Case(
        "TestValidateJob/valid parallelism and maxFailedIndexes for unlimited completions",
        V,
        ACCEPTED,
        "Job",
        "spec: {completions: 1000000000, parallelism: 10000, maxFailedIndexes: 10000, backoffLimitPerIndex: 1, "
        "completionMode: Indexed}",
    ),
    Case(
        "TestValidateJob/spec.maxFailedIndexes: Required value: must be specified when completions is above 100000",
        V,
        "spec.maxFailedIndexes",
        "Job",
        "spec: {completions: 100001, parallelism: 10000, backoffLimitPerIndex: 1, completionMode: Indexed}",
    ),
    Case(
        "TestValidateJob/spec.parallelism: must be less than or equal to 10000 when completions are above 100000",
        V,
        "spec.parallelism",
        "Job",
        "spec: {completions: 100001, parallelism: 10001, maxFailedIndexes: 1, backoffLimitPerIndex: 1, "
        "completionMode: Indexed}",
    ),
    Case(
        "TestValidateJob/spec.maxFailedIndexes: must be less than or equal to completions",
        V,
        "spec.maxFailedIndexes",
        "Job",
        "spec: {completions: 2, maxFailedIndexes: 3, backoffLimitPerIndex: 1, completionMode: Indexed}",
    ),
    Case(
        "TestValidateJob/spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified",
        V,
        "spec.backoffLimitPerIndex",
        "Job",
        "spec: {completions: 2, maxFailedIndexes: 1, completionMode: Indexed}",
    ),
    Case(
        "TestValidateJob/spec.backoffLimitPerIndex: requires indexed completion mode",
        V,
        "spec.backoffLimitPerIndex",
        "Job",
        "spec: {backoffLimitPerIndex: 1}",
    ),
    Case(
        "TestValidateJob/spec.backoffLimitPerIndex: must be greater than or equal to 0",
        V,
        "spec.backoffLimitPerIndex",
        "Job",
        "spec: {completions: 1, backoffLimitPerIndex: -1, completionMode: Indexed}",
    ),
    Case(
        "TestValidateJob/spec.podFailurePolicy.rules[0].onExitCodes.values[1]: Duplicate value",
        V,
        "spec.podFailurePolicy.rules[0].onExitCodes.values[1]",
        "Job",
        "spec: {template: {spec: {restartPolicy: Never}}, podFailurePolicy: {rules: [{action: FailJob, "
        "onExitCodes: {operator: In, values: [11, 11]}}]}}",
    ),
    Case(
        "TestValidateJob/spec.podFailurePolicy.rules[0].onExitCodes.values: must be ordered",
        V,
        "spec.podFailurePolicy.rules[0].onExitCodes.values",
        "Job",
        "spec: {template: {spec: {restartPolicy: Never}}, podFailurePolicy: {rules: [{action: FailJob, "
        "onExitCodes: {operator: In, values: [2, 1]}}]}}",
    ),
    Case(
        "TestValidateJob/spec.podFailurePolicy.rules[0].onExitCodes.values[1]: must not be 0 for the In operator",
        V,
        "spec.podFailurePolicy.rules[0].onExitCodes.values[1]",
        "Job",
        "spec: {template: {spec: {restartPolicy: Never}}, podFailurePolicy: {rules: [{action: FailJob, "
        "onExitCodes: {operator: In, values: [1, 0, 2]}}]}}",
    ),
    Case(
        "TestValidateJob/spec.podFailurePolicy.rules[0].onExitCodes.values: at least one value is required",
        V,
        "spec.podFailurePolicy.rules[0].onExitCodes.values",
        "Job",
        "spec: {template: {spec: {restartPolicy: Never}}, podFailurePolicy: {rules: [{action: FailJob, "
        "onExitCodes: {operator: In, values: []}}]}}",
    ),
    Case(
        "TestValidateJob/spec.podFailurePolicy.rules[0].onExitCodes.containerName: not a container of the pod",
        V,
        "spec.podFailurePolicy.rules[0].onExitCodes.containerName",
        "Job",
        "spec: {template: {spec: {restartPolicy: Never}}, podFailurePolicy: {rules: [{action: FailJob, "
        "onExitCodes: {containerName: xyz, operator: In, values: [1]}}]}}",
    ),
    Case(
        "TestValidateJob/spec.podFailurePolicy.rules[0].onExitCodes.operator: Unsupported value",
        V,
        "spec.podFailurePolicy.rules[0].onExitCodes.operator",
        "Job",
        "spec: {template: {spec: {restartPolicy: Never}}, podFailurePolicy: {rules: [{action: FailJob, "
        "onExitCodes: {operator: Invalid, values: [1]}}]}}",
    ),
    Case(
        "TestValidateJob/spec.podFailurePolicy.rules[0].action: Unsupported value",
        V,
        "spec.podFailurePolicy.rules[0].action",
        "Job",
        "spec: {template: {spec: {restartPolicy: Never}}, podFailurePolicy: {rules: [{action: UnknownAction, "
        "onExitCodes: {operator: In, values: [1]}}]}}",
    ),
    Case(
        "TestValidateJob/spec.podFailurePolicy.rules[0]: specifying both OnExitCodes and OnPodConditions",
        V,
        "spec.podFailurePolicy.rules[0]",
        "Job",
        "spec: {template: {spec: {restartPolicy: Never}}, podFailurePolicy: {rules: [{action: FailJob, "
        "onExitCodes: {operator: In, values: [1]}, onPodConditions: [{type: DisruptionTarget, status: 'True'}]}]}}",
    ),
    Case(
        "TestValidateJob/spec.podFailurePolicy.rules[0]: specifying one of OnExitCodes and OnPodConditions is required",
        V,
        "spec.podFailurePolicy.rules[0]",
        "Job",
        "spec: {template: {spec: {restartPolicy: Never}}, podFailurePolicy: {rules: [{action: FailJob}]}}",
    ),
    Case(
        "TestValidateJob/spec.podFailurePolicy.rules[0].onPodConditions[0].status: Unsupported value",
        V,
        "spec.podFailurePolicy.rules[0].onPodConditions[0].status",
        "Job",
        "spec: {template: {spec: {restartPolicy: Never}}, podFailurePolicy: {rules: [{action: Ignore, "
        "onPodConditions: [{type: DisruptionTarget, status: UnknownStatus}]}]}}",
    ),
    Case(
        "TestValidateJob/spec.podFailurePolicy.rules[0].onPodConditions[0].type: name part must consist of",
        V,
        "spec.podFailurePolicy.rules[0].onPodConditions[0].type",
        "Job",
        "spec: {template: {spec: {restartPolicy: Never}}, podFailurePolicy: {rules: [{action: Ignore, "
        "onPodConditions: [{type: Invalid Condition Type, status: 'True'}]}]}}",
    ),
    Case(
        "TestValidateJob/spec.podFailurePolicy.rules: Too many: 21: must have at most 20 items",
        V,
        "spec.podFailurePolicy.rules",
        "Job",
        "spec: {template: {spec: {restartPolicy: Never}}, podFailurePolicy: {rules: ["
        + ", ".join(["{action: Ignore, onPodConditions: [{type: DisruptionTarget, status: 'True'}]}"] * 21)
        + "]}}",
    ),
    Case(
        "TestValidateJob/spec.template.spec.restartPolicy: only Never with podFailurePolicy",
        V,
        "spec.template.spec.restartPolicy",
        "Job",
        "spec: {podFailurePolicy: {rules: [{action: Count, onExitCodes: {operator: In, values: [1]}}]}}",
    ),
    Case(
        "TestValidateJob/spec.template.spec.restartPolicy: Required value",
        V,
        "spec.template.spec.restartPolicy",
        "Job",
        "spec: {template: {spec: {restartPolicy: ~}}}",
    ),
    Case(
        "TestValidateJob/spec.template.spec.restartPolicy: Always",
        V,
        "spec.template.spec.restartPolicy",
        "Job",
        "spec: {template: {spec: {restartPolicy: Always}}}",
    ),
    Case("TestValidateJob/spec.parallelism: negative", V, "spec.parallelism", "Job", "spec: {parallelism: -1}"),
    Case("TestValidateJob/spec.completions: negative", V, "spec.completions", "Job", "spec: {completions: -1}"),
    Case(
        "TestValidateJob/spec.activeDeadlineSeconds: negative",
        V,
        "spec.activeDeadlineSeconds",
        "Job",
        "spec: {activeDeadlineSeconds: -1}",
    ),
    Case("TestValidateJob/spec.backoffLimit: negative", V, "spec.backoffLimit", "Job", "spec: {backoffLimit: -1}"),
    Case(
        "TestValidateJob/spec.ttlSecondsAfterFinished: negative",
        V,
        "spec.ttlSecondsAfterFinished",
        "Job",
        "spec: {ttlSecondsAfterFinished: -1}",
    ),
    Case("TestValidateJob/valid managedBy field", V, ACCEPTED, "Job", "spec: {managedBy: example.com/foo}"),
    Case(
        "TestValidateJob/spec.managedBy: Too long: may not be longer than 63",
        V,
        "spec.managedBy",
        "Job",
        "spec: {managedBy: example.com/" + "x" * 60 + "}",
    ),
    Case(
        "TestValidateJob/spec.managedBy: must be a domain-prefixed path",
        V,
        "spec.managedBy",
        "Job",
        "spec: {managedBy: invalid custom controller name}",
    ),
    Case(
        "TestValidateJob/valid success policy",
        V,
        ACCEPTED,
        "Job",
        "spec: {completionMode: Indexed, completions: 10, template: {spec: {restartPolicy: Never}}, successPolicy: "
        "{rules: [{succeededCount: 1, succeededIndexes: '0,2,4'}, {succeededIndexes: '1,3,5-9'}]}}",
    ),
    Case(
        "TestValidateJob/spec.successPolicy: requires indexed completion mode",
        V,
        "spec.successPolicy",
        "Job",
        "spec: {template: {spec: {restartPolicy: Never}}, successPolicy: {rules: []}}",
    ),
    Case(
        "TestValidateJob/spec.successPolicy.rules: Required value",
        V,
        "spec.successPolicy.rules",
        "Job",
        "spec: {completionMode: Indexed, completions: 5, successPolicy: {rules: []}}",
    ),
    Case(
        "TestValidateJob/spec.successPolicy.rules[0]: at least one of succeededCount or succeededIndexes",
        V,
        "spec.successPolicy.rules[0]",
        "Job",
        "spec: {completionMode: Indexed, completions: 5, successPolicy: {rules: [{}]}}",
    ),
    Case(
        "TestValidateJob/spec.successPolicy.rules[0].succeededIndexes: error parsing succeededIndexes",
        V,
        "spec.successPolicy.rules[0].succeededIndexes",
        "Job",
        "spec: {completionMode: Indexed, completions: 5, successPolicy: {rules: [{succeededIndexes: invalid-format}]}}",
    ),
    Case(
        "TestValidateJob/spec.successPolicy.rules[0].succeededIndexes: too large index",
        V,
        "spec.successPolicy.rules[0].succeededIndexes",
        "Job",
        "spec: {completionMode: Indexed, completions: 5, successPolicy: {rules: [{succeededIndexes: '1-6'}]}}",
    ),
    Case(
        "TestValidateJob/spec.successPolicy.rules[0].succeededCount: must be greater than or equal to 0",
        V,
        "spec.successPolicy.rules[0].succeededCount",
        "Job",
        "spec: {completionMode: Indexed, completions: 5, successPolicy: {rules: [{succeededCount: -1}]}}",
    ),
    Case(
        "TestValidateJob/spec.successPolicy.rules[0].succeededCount: must be less than or equal to 5",
        V,
        "spec.successPolicy.rules[0].succeededCount",
        "Job",
        "spec: {completionMode: Indexed, completions: 5, successPolicy: {rules: [{succeededCount: 6}]}}",
    ),
    Case(
        "TestValidateJob/spec.successPolicy.rules[0].succeededCount: more than the succeededIndexes",
        V,
        "spec.successPolicy.rules[0].succeededCount",
        "Job",
        "spec: {completionMode: Indexed, completions: 5, successPolicy: {rules: [{succeededCount: 3, "
        "succeededIndexes: '0-1'}]}}",
    ),
    Case(
        "TestValidateJob/metadata.name: will not able to create pod with invalid DNS label",
        V,
        "metadata.name",
        "Job",
        "metadata: {name: " + "a" * 62 + "}\nspec: {completionMode: Indexed, completions: 10}",
    ),
    Case(
        "TestValidateJob/metadata.name: dots are not a pod hostname",
        V,
        "metadata.name",
        "Job",
        "metadata: {name: my.job}\nspec: {completionMode: Indexed, completions: 1}",
    ),
    Case("TestValidateCronJob/basic scheduled job", V, ACCEPTED, "CronJob", ""),
    Case(
        "TestValidateCronJob/non-standard scheduled",
        V,
        ACCEPTED,
        "CronJob",
        "spec: {schedule: '@hourly'}",
    ),
    Case(
        "TestValidateCronJob/correct timeZone value casing",
        V,
        ACCEPTED,
        "CronJob",
        "spec: {schedule: '0 * * * *', timeZone: America/New_York}",
    ),
    Case("TestValidateCronJob/UTC time zone", V, ACCEPTED, "CronJob", "spec: {timeZone: UTC}"),
    Case("TestTimeZones/Factory", V, ACCEPTED, "CronJob", "spec: {timeZone: Factory}"),
    Case(
        "TestTimeZones/America/Argentina/ComodRivadavia",
        V,
        ACCEPTED,
        "CronJob",
        "spec: {timeZone: America/Argentina/ComodRivadavia}",
    ),
    Case("TestTimeZones/America/Nipigon", V, ACCEPTED, "CronJob", "spec: {timeZone: America/Nipigon}"),
    Case("TestTimeZones/Europe/Zaporozhye", V, ACCEPTED, "CronJob", "spec: {timeZone: Europe/Zaporozhye}"),
    Case("TestTimeZones/Australia/Currie", V, ACCEPTED, "CronJob", "spec: {timeZone: Australia/Currie}"),
    Case("TestTimeZones/Etc/GMT+12", V, ACCEPTED, "CronJob", "spec: {timeZone: Etc/GMT+12}"),
    Case("TestTimeZones/Etc/GMT-14", V, ACCEPTED, "CronJob", "spec: {timeZone: Etc/GMT-14}"),
    Case("TestTimeZones/GMT0", V, ACCEPTED, "CronJob", "spec: {timeZone: GMT0}"),
    Case("TestTimeZones/W-SU", V, ACCEPTED, "CronJob", "spec: {timeZone: W-SU}"),
    Case("TestTimeZones/NZ-CHAT", V, ACCEPTED, "CronJob", "spec: {timeZone: NZ-CHAT}"),
    Case("TestTimeZones/EST5EDT", V, ACCEPTED, "CronJob", "spec: {timeZone: EST5EDT}"),
    Case("TestTimeZones/US/East-Indiana", V, ACCEPTED, "CronJob", "spec: {timeZone: US/East-Indiana}"),
    Case(
        "TestTimeZones/America/North_Dakota/New_Salem",
        V,
        ACCEPTED,
        "CronJob",
        "spec: {timeZone: America/North_Dakota/New_Salem}",
    ),
    Case("TestTimeZones/Pacific/Kanton", V, ACCEPTED, "CronJob", "spec: {timeZone: Pacific/Kanton}"),
    *[
        Case(
            f"TestValidateIndexesString/{name}",
            V,
            expected,
            "Job",
            f"spec: {{completionMode: Indexed, completions: {completions}, successPolicy: "
            f"{{rules: [{{succeededIndexes: '{indexes}'}}]}}}}",
        )
        for name, indexes, completions, expected in (
            ("single number is valid", "1", 6, ACCEPTED),
            ("single interval is valid", "1-3", 6, ACCEPTED),
            ("mixed intervals valid", "0,1-3,5,7-10", 12, ACCEPTED),
            ("invalid due to extra space", "0,1-3, 5", 6, "spec.successPolicy.rules[0].succeededIndexes"),
            ("invalid due to too large index", "0,1-3,5", 5, "spec.successPolicy.rules[0].succeededIndexes"),
            (
                "invalid due to non-increasing order of intervals",
                "1-3,0,5",
                6,
                "spec.successPolicy.rules[0].succeededIndexes",
            ),
            (
                "invalid due to non-increasing order between intervals",
                "0,0,5",
                6,
                "spec.successPolicy.rules[0].succeededIndexes",
            ),
            (
                "invalid due to non-increasing order within interval",
                "0,1-1,5",
                6,
                "spec.successPolicy.rules[0].succeededIndexes",
            ),
            ("invalid due to starting with '-'", "-1,0", 6, "spec.successPolicy.rules[0].succeededIndexes"),
            ("invalid due to ending with '-'", "0,1-", 6, "spec.successPolicy.rules[0].succeededIndexes"),
            ("invalid due to repeated '-'", "0,1--3", 6, "spec.successPolicy.rules[0].succeededIndexes"),
            ("invalid due to repeated ','", "0,,1,3", 6, "spec.successPolicy.rules[0].succeededIndexes"),
        )
    ],
    Case(
        "TestValidateCronJob/spec.schedule: Required value",
        V,
        "spec.schedule",
        "CronJob",
        "spec: {schedule: ''}",
    ),
    Case(
        "TestValidateCronJob/spec.schedule: Invalid value: error",
        V,
        "spec.schedule",
        "CronJob",
        "spec: {schedule: error}",
    ),
    Case(
        "TestValidateCronJob/spec.schedule: cannot use TZ in schedule",
        V,
        "spec.schedule",
        "CronJob",
        "spec: {schedule: 'TZ=UTC 0 * * * *'}",
    ),
    Case(
        "TestValidateCronJob/spec.schedule: CRON_TZ in schedule before 1.27",
        "1.26",
        ACCEPTED,
        "CronJob",
        "spec: {schedule: 'CRON_TZ=UTC 0 * * * *'}",
    ),
    Case(
        "TestValidateCronJob/spec.schedule: TZ together with timeZone",
        "1.26",
        "spec.schedule",
        "CronJob",
        "spec: {schedule: 'TZ=UTC 0 * * * *', timeZone: UTC}",
    ),
    Case("TestValidateCronJob/spec.timeZone: empty", V, "spec.timeZone", "CronJob", "spec: {timeZone: ''}"),
    Case("TestValidateCronJob/spec.timeZone: Local", V, "spec.timeZone", "CronJob", "spec: {timeZone: Local}"),
    Case(
        "TestValidateCronJob/spec.timeZone: bad prefix",
        V,
        "spec.timeZone",
        "CronJob",
        "spec: {timeZone: -America/New_York}",
    ),
    Case(
        "TestValidateCronJob/spec.timeZone: bad suffix",
        V,
        "spec.timeZone",
        "CronJob",
        "spec: {timeZone: America/New_York-}",
    ),
    Case(
        "TestValidateCronJob/spec.timeZone: bad name",
        V,
        "spec.timeZone",
        "CronJob",
        "spec: {timeZone: America/New York}",
    ),
    Case("TestValidateCronJob/spec.timeZone: space", V, "spec.timeZone", "CronJob", "spec: {timeZone: ' '}"),
    Case(
        "TestValidateCronJob/spec.timeZone: bad casing",
        V,
        "spec.timeZone",
        "CronJob",
        "spec: {timeZone: AMERICA/new_york}",
    ),
    Case(
        "TestValidateCronJob/spec.timeZone: too long component",
        V,
        "spec.timeZone",
        "CronJob",
        "spec: {timeZone: Continent/Zonenameiswaytoolong}",
    ),
    Case(
        "TestValidateCronJob/spec.startingDeadlineSeconds: negative",
        V,
        "spec.startingDeadlineSeconds",
        "CronJob",
        "spec: {startingDeadlineSeconds: -1}",
    ),
    Case(
        "TestValidateCronJob/spec.successfulJobsHistoryLimit: negative",
        V,
        "spec.successfulJobsHistoryLimit",
        "CronJob",
        "spec: {successfulJobsHistoryLimit: -1}",
    ),
    Case(
        "TestValidateCronJob/spec.concurrencyPolicy: Unsupported value",
        V,
        "spec.concurrencyPolicy",
        "CronJob",
        "spec: {concurrencyPolicy: Bogus}",
    ),
    Case(
        "TestValidateCronJob/spec.jobTemplate.spec.parallelism: negative",
        V,
        "spec.jobTemplate.spec.parallelism",
        "CronJob",
        "spec: {jobTemplate: {spec: {parallelism: -1}}}",
    ),
    Case(
        "TestValidateCronJob/spec.jobTemplate.spec.manualSelector: Unsupported value",
        V,
        "spec.jobTemplate.spec.manualSelector",
        "CronJob",
        "spec: {jobTemplate: {spec: {manualSelector: true}}}",
    ),
    Case(
        "TestValidateCronJob/spec.jobTemplate.spec.selector: will be auto-generated",
        V,
        "spec.jobTemplate.spec.selector",
        "CronJob",
        "spec: {jobTemplate: {spec: {selector: {matchLabels: {a: b}}}}}",
    ),
    Case(
        "TestValidateCronJob/spec.jobTemplate.spec.completions: Required value when Indexed",
        V,
        "spec.jobTemplate.spec.completions",
        "CronJob",
        "spec: {jobTemplate: {spec: {completionMode: Indexed}}}",
    ),
    Case(
        "TestValidateCronJob/spec.jobTemplate.spec.template.spec.restartPolicy: Always",
        V,
        "spec.jobTemplate.spec.template.spec.restartPolicy",
        "CronJob",
        "spec: {jobTemplate: {spec: {template: {spec: {restartPolicy: Always}}}}}",
    ),
    Case(
        "TestValidateCronJob/metadata.name: must be no more than 52 characters",
        V,
        "metadata.name",
        "CronJob",
        "metadata: {name: " + "a" * 53 + "}",
    ),
]

NETWORKING = [
    Case("TestValidateIngress/valid", V, ACCEPTED, "Ingress", ""),
    Case(
        "TestValidateIngressTLS/wildcard host",
        V,
        ACCEPTED,
        "Ingress",
        "spec: {tls: [{hosts: ['*.bar.com'], secretName: foo-tls}]}",
    ),
    Case(
        "TestValidateIngressTLS/an IP address is a DNS subdomain as a TLS host",
        V,
        ACCEPTED,
        "Ingress",
        "spec: {tls: [{hosts: ['10.0.0.1']}]}",
    ),
    Case(
        "TestValidateIngressTLS/invalid wildcard host",
        V,
        "spec.tls[0].hosts[0]",
        "Ingress",
        "spec: {tls: [{hosts: ['foo.*.bar.com']}]}",
    ),
    Case(
        "TestValidateIngressTLS/invalid secret name",
        V,
        "spec.tls[0].secretName",
        "Ingress",
        "spec: {tls: [{secretName: Invalid_Secret}]}",
    ),
    Case(
        "TestValidateIngressCreate/class annotation and field mismatch",
        V,
        "metadata.annotations['kubernetes.io/ingress.class']",
        "Ingress",
        "metadata: {annotations: {kubernetes.io/ingress.class: foo}}\nspec: {ingressClassName: bar}",
    ),
    Case(
        "TestValidateIngressCreate/class annotation and field match",
        V,
        ACCEPTED,
        "Ingress",
        "metadata: {annotations: {kubernetes.io/ingress.class: bar}}\nspec: {ingressClassName: bar}",
    ),
    Case(
        "TestValidateIngressCreate/class field and annotation set (before 1.27, even when equal)",
        "1.26",
        "metadata.annotations['kubernetes.io/ingress.class']",
        "Ingress",
        "metadata: {annotations: {kubernetes.io/ingress.class: bar}}\nspec: {ingressClassName: bar}",
    ),
    Case("TestValidateEmptyIngressTLS/empty TLS", V, ACCEPTED, "Ingress", "spec: {tls: [{}]}"),
    Case("TestValidateEmptyIngressTLS/empty hosts", V, ACCEPTED, "Ingress", "spec: {tls: [{hosts: []}]}"),
    Case(
        "TestValidateIngressRuleValue/implementation specific: repeating slashes",
        V,
        ACCEPTED,
        "Ingress",
        "spec: {rules: [{http: {paths: [{path: /foo//bar/foo, pathType: ImplementationSpecific, backend: "
        "{service: {name: s, port: {number: 80}}}}]}}]}",
    ),
    Case(
        "TestValidateIngressRuleValue/prefix: with %2f",
        V,
        "spec.rules[0].http.paths[0].path",
        "Ingress",
        "spec: {rules: [{http: {paths: [{path: /foo/%2f/foo, pathType: Prefix, backend: "
        "{service: {name: s, port: {number: 80}}}}]}}]}",
    ),
    Case(
        "TestValidateIngressRuleValue/exact: with /../",
        V,
        "spec.rules[0].http.paths[0].path",
        "Ingress",
        "spec: {rules: [{http: {paths: [{path: /foo/../foo, pathType: Exact, backend: "
        "{service: {name: s, port: {number: 80}}}}]}}]}",
    ),
    Case(
        "TestValidateIngressCreate/invalid regex path allowed (v1)",
        V,
        ACCEPTED,
        "Ingress",
        "spec: {rules: [{host: foo.bar.com, http: {paths: [{path: '/([a-z0-9]*)[', pathType: ImplementationSpecific, "
        "backend: {service: {name: s, port: {number: 80}}}}]}}]}",
    ),
    Case(
        "TestValidateIngressCreate/v1: invalid rules with wildcard host",
        V,
        "spec.rules[0].http.paths[0].path",
        "Ingress",
        "spec: {tls: [{hosts: ['*.bar.com']}], rules: [{host: '*.foo.com', http: {paths: [{path: foo, "
        "pathType: Exact, backend: {service: {name: s, port: {number: 80}}}}]}}]}",
    ),
    Case(
        "TestValidateIngress/spec: either defaultBackend or rules",
        V,
        "spec",
        "Ingress",
        "spec: {defaultBackend: ~, rules: ~}",
    ),
    Case(
        "TestValidateIngress/spec.rules[0].host: must be a DNS name, not an IP address",
        V,
        "spec.rules[0].host",
        "Ingress",
        "spec: {rules: [{host: 127.0.0.1, http: {paths: [{path: /, pathType: Prefix, backend: {service: "
        "{name: s, port: {number: 80}}}}]}}]}",
    ),
    Case(
        "TestValidateIngress/spec.rules[0].host: a sloppy IPv4 address is an IP address too",
        V,
        "spec.rules[0].host",
        "Ingress",
        "spec: {rules: [{host: 010.0.0.1}]}",
    ),
    Case(
        "TestValidateIngress/pathType required",
        V,
        "spec.rules[0].http.paths[0].pathType",
        "Ingress",
        "spec: {rules: [{http: {paths: [{path: /foo, backend: {service: {name: s, port: {number: 80}}}}]}}]}",
    ),
    Case(
        "TestValidateIngress/Exact path with //",
        V,
        "spec.rules[0].http.paths[0].path",
        "Ingress",
        "spec: {rules: [{http: {paths: [{path: /foo//bar, pathType: Exact, backend: {service: {name: s, "
        "port: {number: 80}}}}]}}]}",
    ),
    Case(
        "TestValidateIngress/Prefix path ending with /..",
        V,
        "spec.rules[0].http.paths[0].path",
        "Ingress",
        "spec: {rules: [{http: {paths: [{path: /foo/.., pathType: Prefix, backend: {service: {name: s, "
        "port: {number: 80}}}}]}}]}",
    ),
    Case(
        "TestValidateIngress/ImplementationSpecific path with regex",
        V,
        ACCEPTED,
        "Ingress",
        "spec: {rules: [{http: {paths: [{path: '/foo(/|$)(.*)', pathType: ImplementationSpecific, backend: "
        "{service: {name: s, port: {number: 80}}}}]}}]}",
    ),
    Case(
        "TestValidateIngress/ImplementationSpecific empty path",
        V,
        ACCEPTED,
        "Ingress",
        "spec: {rules: [{http: {paths: [{pathType: ImplementationSpecific, backend: {service: {name: s, "
        "port: {number: 80}}}}]}}]}",
    ),
    Case(
        "TestValidateIngress/Exact path must be absolute",
        V,
        "spec.rules[0].http.paths[0].path",
        "Ingress",
        "spec: {rules: [{http: {paths: [{path: foo, pathType: Exact, backend: {service: {name: s, "
        "port: {number: 80}}}}]}}]}",
    ),
    Case(
        "TestValidateIngress/both port name and number",
        V,
        "spec.defaultBackend",
        "Ingress",
        "spec: {defaultBackend: {service: {name: s, port: {name: http, number: 80}}}}",
    ),
    Case(
        "TestValidateIngress/neither port name nor number",
        V,
        "spec.defaultBackend",
        "Ingress",
        "spec: {defaultBackend: {service: {name: s, port: {number: ~}}}}",
    ),
    Case(
        "TestValidateIngress/resource backend",
        V,
        ACCEPTED,
        "Ingress",
        "spec: {defaultBackend: {service: ~, resource: {apiGroup: example.com, kind: foo, name: bar}}}",
    ),
    Case(
        "TestValidateIngress/both resource and service",
        V,
        "spec.defaultBackend",
        "Ingress",
        "spec: {defaultBackend: {service: {name: s, port: {number: 80}}, resource: {kind: foo, name: bar}}}",
    ),
    Case(
        "TestValidateIngress/resource backend with an invalid apiGroup",
        V,
        "spec.defaultBackend.resource.apiGroup",
        "Ingress",
        "spec: {defaultBackend: {service: ~, resource: {apiGroup: Bad_Group, kind: foo, name: bar}}}",
    ),
    Case(
        "TestValidateIngress/resource backend with a slash in its name",
        V,
        "spec.defaultBackend.resource.name",
        "Ingress",
        "spec: {defaultBackend: {service: ~, resource: {kind: foo, name: bar/baz}}}",
    ),
    Case(
        "TestValidateIngress/invalid ingressClassName",
        V,
        "spec.ingressClassName",
        "Ingress",
        "spec: {ingressClassName: Bad_Class}",
    ),
    Case("TestValidateIngressClass/valid name, valid controller", V, ACCEPTED, "IngressClass", ""),
    Case(
        "TestValidateIngressClass/valid name, valid controller, valid params",
        V,
        ACCEPTED,
        "IngressClass",
        "spec: {parameters: {apiGroup: example.com, kind: foo, name: bar}}",
    ),
    Case(
        "TestValidateIngressClass/namespace-scoped parameters",
        V,
        ACCEPTED,
        "IngressClass",
        "spec: {parameters: {kind: foo, name: bar, scope: Namespace, namespace: foo-ns}}",
    ),
    Case(
        "TestValidateIngressClass/valid name, empty controller",
        V,
        "spec.controller",
        "IngressClass",
        "spec: {controller: ''}",
    ),
    Case(
        "TestValidateIngressClass/valid name, controller max length",
        V,
        ACCEPTED,
        "IngressClass",
        "spec: {controller: 'foo.co/" + "a" * 243 + "'}",
    ),
    Case(
        "TestValidateIngressClass/valid name, controller too long",
        V,
        "spec.controller",
        "IngressClass",
        "spec: {controller: 'foo.co/" + "a" * 244 + "'}",
    ),
    Case(
        "TestValidateIngressClass/invalid name",
        V,
        "metadata.name",
        "IngressClass",
        "metadata: {name: test*123}",
    ),
    Case(
        "TestValidateIngressClass/valid name, invalid controller",
        V,
        "spec.controller",
        "IngressClass",
        "spec: {controller: foo}",
    ),
    Case(
        "TestValidateIngressClass/valid name, valid controller, invalid params (no kind)",
        V,
        "spec.parameters.kind",
        "IngressClass",
        "spec: {parameters: {apiGroup: example.com, name: bar}}",
    ),
    Case(
        "TestValidateIngressClass/valid name, valid controller, invalid params (no name)",
        V,
        "spec.parameters.name",
        "IngressClass",
        "spec: {parameters: {kind: foo}}",
    ),
    Case(
        "TestValidateIngressClass/invalid scope",
        V,
        "spec.parameters.scope",
        "IngressClass",
        "spec: {parameters: {kind: foo, name: bar, scope: invalid}}",
    ),
    Case(
        "TestValidateIngressClass/namespace not set when scope is Namespace",
        V,
        "spec.parameters.namespace",
        "IngressClass",
        "spec: {parameters: {kind: foo, name: bar, scope: Namespace}}",
    ),
    Case(
        "TestValidateIngressClass/namespace set when scope is Cluster",
        V,
        "spec.parameters.namespace",
        "IngressClass",
        "spec: {parameters: {kind: foo, name: bar, scope: Cluster, namespace: foo-ns}}",
    ),
    Case("TestValidateNetworkPolicy/valid", V, ACCEPTED, "NetworkPolicy", ""),
    Case("TestValidateNetworkPolicy/no podSelector", "1.30", ACCEPTED, "NetworkPolicy", "spec: {podSelector: ~}"),
    Case(
        "TestValidateNetworkPolicy/valid ports and peers",
        V,
        ACCEPTED,
        "NetworkPolicy",
        """
        spec:
          ingress:
          - ports: [{protocol: TCP, port: 80}, {protocol: UDP, port: dns}, {port: 32000, endPort: 32768}]
            from:
            - {namespaceSelector: {matchLabels: {c: d}}, podSelector: {matchLabels: {e: f}}}
            - {ipBlock: {cidr: 192.168.0.0/16, except: [192.168.3.0/24, 192.168.4.0/24]}}
          policyTypes: [Ingress]
        """,
    ),
    Case(
        "TestValidateNetworkPolicy/legacy CIDR with leading zeros (IsValidCIDRForLegacyField)",
        V,
        ACCEPTED,
        "NetworkPolicy",
        "spec: {egress: [{to: [{ipBlock: {cidr: 010.0.0.0/8, except: [010.001.0.0/16]}}]}]}",
    ),
    Case(
        "TestValidateNetworkPolicy/invalid CIDR",
        V,
        "spec.egress[0].to[0].ipBlock.cidr",
        "NetworkPolicy",
        "spec: {egress: [{to: [{ipBlock: {cidr: 300.0.0.0/8}}]}]}",
    ),
    Case(
        "TestValidateNetworkPolicy/invalid ingress port protocol",
        V,
        "spec.ingress[0].ports[0].protocol",
        "NetworkPolicy",
        "spec: {ingress: [{ports: [{protocol: Bogus, port: 80}]}]}",
    ),
    Case(
        "TestValidateNetworkPolicy/invalid egress port name",
        V,
        "spec.egress[0].ports[0].port",
        "NetworkPolicy",
        "spec: {egress: [{ports: [{port: '!@#$'}]}]}",
    ),
    Case(
        "TestValidateNetworkPolicy/missing peer",
        V,
        "spec.ingress[0].from[0]",
        "NetworkPolicy",
        "spec: {ingress: [{from: [{}]}]}",
    ),
    Case(
        "TestValidateNetworkPolicy/ipBlock with a selector",
        V,
        "spec.ingress[0].from[0]",
        "NetworkPolicy",
        "spec: {ingress: [{from: [{podSelector: {}, ipBlock: {cidr: 10.0.0.0/8}}]}]}",
    ),
    Case(
        "TestValidateNetworkPolicy/except not inside cidr",
        V,
        "spec.ingress[0].from[0].ipBlock.except[0]",
        "NetworkPolicy",
        "spec: {ingress: [{from: [{ipBlock: {cidr: 192.168.8.0/24, except: [192.168.9.1/24]}}]}]}",
    ),
    Case(
        "TestValidateNetworkPolicy/except equal to cidr",
        V,
        "spec.ingress[0].from[0].ipBlock.except[0]",
        "NetworkPolicy",
        "spec: {ingress: [{from: [{ipBlock: {cidr: 192.168.0.0/24, except: [192.168.0.0/24]}}]}]}",
    ),
    Case(
        "TestValidateNetworkPolicy/endPort below port",
        V,
        "spec.egress[0].ports[0].endPort",
        "NetworkPolicy",
        "spec: {egress: [{ports: [{port: 35000, endPort: 32000}]}]}",
    ),
    Case(
        "TestValidateNetworkPolicy/endPort with a named port",
        V,
        "spec.egress[0].ports[0].endPort",
        "NetworkPolicy",
        "spec: {egress: [{ports: [{port: dns, endPort: 32000}]}]}",
    ),
    Case(
        "TestValidateNetworkPolicy/invalid policyTypes",
        V,
        "spec.policyTypes[0]",
        "NetworkPolicy",
        "spec: {policyTypes: [foo]}",
    ),
]

POLICY = [
    Case(
        "TestValidatePodDisruptionBudgetSpec/minAvailable",
        V,
        ACCEPTED,
        "PodDisruptionBudget",
        "spec: {minAvailable: 2}",
    ),
    Case(
        "TestValidatePodDisruptionBudgetSpec/maxUnavailable percent",
        V,
        ACCEPTED,
        "PodDisruptionBudget",
        "spec: {maxUnavailable: '10%', unhealthyPodEvictionPolicy: AlwaysAllow}",
    ),
    Case(
        "TestValidateMinAvailablePodDisruptionBudgetSpec/negative",
        V,
        "spec.minAvailable",
        "PodDisruptionBudget",
        "spec: {minAvailable: -1}",
    ),
    Case(
        "TestValidateMinAvailablePodDisruptionBudgetSpec/above 100%",
        V,
        "spec.minAvailable",
        "PodDisruptionBudget",
        "spec: {minAvailable: '101%'}",
    ),
    Case(
        "TestValidateMinAvailablePodDisruptionBudgetSpec/not a percent",
        V,
        "spec.minAvailable",
        "PodDisruptionBudget",
        "spec: {minAvailable: '10'}",
    ),
    Case(
        "TestValidateMinAvailablePodDisruptionBudgetSpec/both set",
        V,
        "spec",
        "PodDisruptionBudget",
        "spec: {minAvailable: 1, maxUnavailable: 1}",
    ),
    Case(
        "TestValidateUnhealthyPodEvictionPolicyDisruptionBudgetSpec/invalid",
        V,
        "spec.unhealthyPodEvictionPolicy",
        "PodDisruptionBudget",
        "spec: {minAvailable: 1, unhealthyPodEvictionPolicy: Invalid}",
    ),
    Case("TestValidateHorizontalPodAutoscaler/valid", V, ACCEPTED, "HorizontalPodAutoscaler", ""),
    Case(
        "TestValidateHorizontalPodAutoscaler/minReplicas 0",
        V,
        "spec.minReplicas",
        "HorizontalPodAutoscaler",
        "spec: {minReplicas: 0}",
    ),
    Case(
        "TestValidateHorizontalPodAutoscaler/maxReplicas below minReplicas",
        V,
        "spec.maxReplicas",
        "HorizontalPodAutoscaler",
        "spec: {minReplicas: 7, maxReplicas: 5}",
    ),
    Case(
        "TestValidateHorizontalPodAutoscaler/scaleTargetRef kind with a slash",
        V,
        "spec.scaleTargetRef.kind",
        "HorizontalPodAutoscaler",
        "spec: {scaleTargetRef: {kind: ..}}",
    ),
    Case(
        "TestValidateHorizontalPodAutoscaler/stabilizationWindowSeconds above 3600",
        V,
        "spec.behavior.scaleUp.stabilizationWindowSeconds",
        "HorizontalPodAutoscaler",
        "spec: {behavior: {scaleUp: {stabilizationWindowSeconds: 3601}}}",
    ),
    Case(
        "TestValidateHorizontalPodAutoscaler/periodSeconds above 1800",
        V,
        "spec.behavior.scaleDown.policies[0].periodSeconds",
        "HorizontalPodAutoscaler",
        "spec: {behavior: {scaleDown: {policies: [{type: Pods, value: 1, periodSeconds: 1801}]}}}",
    ),
    Case(
        "TestValidateHorizontalPodAutoscaler/valid behavior",
        V,
        ACCEPTED,
        "HorizontalPodAutoscaler",
        "spec: {behavior: {scaleDown: {stabilizationWindowSeconds: 300, selectPolicy: Min, policies: "
        "[{type: Percent, value: 10, periodSeconds: 60}]}}}",
    ),
]

_PODS_METRIC = "{type: Pods, pods: {metric: {name: qps}, target: {type: AverageValue, averageValue: 10}}}"
_OBJECT_METRIC = (
    "{type: Object, object: {describedObject: {apiVersion: networking.k8s.io/v1, kind: Ingress, name: main}, "
    "metric: {name: requests-per-second}, target: {type: Value, value: 2k}}}"
)
_EXTERNAL_METRIC = (
    "{type: External, external: {metric: {name: queue_messages}, target: {type: AverageValue, averageValue: 30}}}"
)
POLICY += [
    Case(
        "TestValidateHorizontalPodAutoscaler/valid pods, object and external metrics",
        V,
        ACCEPTED,
        "HorizontalPodAutoscaler",
        f"spec: {{metrics: [{_PODS_METRIC}, {_OBJECT_METRIC}, {_EXTERNAL_METRIC}]}}",
    ),
    Case(
        "TestValidateHorizontalPodAutoscaler/pods metric without averageValue",
        V,
        "spec.metrics[0].pods.target.averageValue",
        "HorizontalPodAutoscaler",
        "spec: {metrics: [{type: Pods, pods: {metric: {name: qps}, target: {type: Value, value: 10}}}]}",
    ),
    Case(
        "TestValidateHorizontalPodAutoscaler/object metric without a target value",
        V,
        "spec.metrics[0].object.target.averageValue",
        "HorizontalPodAutoscaler",
        "spec: {metrics: [{type: Object, object: {describedObject: {kind: Ingress, name: main}, "
        "metric: {name: rps}, target: {type: Value}}}]}",
    ),
    Case(
        "TestValidateHorizontalPodAutoscaler/object metric without a described object name",
        V,
        "spec.metrics[0].object.describedObject.name",
        "HorizontalPodAutoscaler",
        "spec: {metrics: [{type: Object, object: {describedObject: {kind: Ingress}, "
        "metric: {name: rps}, target: {type: Value, value: 1}}}]}",
    ),
    Case(
        "TestValidateHorizontalPodAutoscaler/external metric with value and averageValue",
        V,
        "spec.metrics[0].external.target.value",
        "HorizontalPodAutoscaler",
        "spec: {metrics: [{type: External, external: {metric: {name: q}, target: {type: Value, value: 1, "
        "averageValue: 1}}}]}",
    ),
    Case(
        "TestValidateHorizontalPodAutoscaler/metric name with a slash",
        V,
        "spec.metrics[0].external.metric.name",
        "HorizontalPodAutoscaler",
        "spec: {metrics: [{type: External, external: {metric: {name: a/b}, target: {type: Value, value: 1}}}]}",
    ),
]

_HPA_V1 = (
    "apiVersion: autoscaling/v1\nspec: {metrics: ~, scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, "
    "name: web}, maxReplicas: 3"
)
POLICY += [
    Case(
        "TestValidateHorizontalPodAutoscaler/autoscaling/v1 with a CPU target",
        V,
        ACCEPTED,
        "HorizontalPodAutoscaler",
        _HPA_V1 + ", minReplicas: 1, targetCPUUtilizationPercentage: 70}",
    ),
    Case(
        "TestValidateHorizontalPodAutoscaler/autoscaling/v1 with a zero CPU target",
        V,
        "spec.targetCPUUtilizationPercentage",
        "HorizontalPodAutoscaler",
        _HPA_V1 + ", targetCPUUtilizationPercentage: 0}",
    ),
    Case(
        "TestValidateHorizontalPodAutoscaler/autoscaling/v1 with maxReplicas below minReplicas",
        V,
        "spec.maxReplicas",
        "HorizontalPodAutoscaler",
        _HPA_V1 + ", minReplicas: 4}",
    ),
]

RBAC = [
    Case("TestValidateRole/valid", V, ACCEPTED, "Role", ""),
    Case(
        "TestValidatePolicyRule/no verbs",
        V,
        "rules[0].verbs",
        "Role",
        "rules: [{verbs: [], apiGroups: [''], resources: [pods]}]",
    ),
    Case(
        "TestValidatePolicyRule/no api groups",
        V,
        "rules[0].apiGroups",
        "Role",
        "rules: [{verbs: [get], resources: [pods]}]",
    ),
    Case(
        "TestValidatePolicyRule/no resources",
        V,
        "rules[0].resources",
        "Role",
        "rules: [{verbs: [get], apiGroups: ['']}]",
    ),
    Case(
        "TestValidatePolicyRule/non-resource URLs in a namespaced Role",
        V,
        "rules[0].nonResourceURLs",
        "Role",
        "rules: [{verbs: [get], nonResourceURLs: [/]}]",
    ),
    Case(
        "TestValidatePolicyRule/non-resource URLs in a ClusterRole",
        V,
        ACCEPTED,
        "ClusterRole",
        "rules: [{verbs: [get], nonResourceURLs: [/healthz, /metrics]}]",
    ),
    Case(
        "TestValidatePolicyRule/non-resource URLs with resources",
        V,
        "rules[0].nonResourceURLs",
        "ClusterRole",
        "rules: [{verbs: [get], nonResourceURLs: [/], resources: [pods]}]",
    ),
    Case(
        "TestValidateClusterRole/aggregation rule",
        V,
        ACCEPTED,
        "ClusterRole",
        "metadata: {name: 'system:aggregate-to-view'}\n"
        "aggregationRule: {clusterRoleSelectors: [{matchLabels: {rbac.example.com/aggregate-to-view: 'true'}}]}\n"
        "rules: []",
    ),
    Case(
        "TestValidateClusterRole/empty aggregation rule",
        V,
        "aggregationRule.clusterRoleSelectors",
        "ClusterRole",
        "aggregationRule: {clusterRoleSelectors: []}",
    ),
    Case(
        "TestValidateClusterRole/invalid aggregation selector",
        V,
        "aggregationRule.clusterRoleSelectors[0].matchLabels['foo/bar/baz']",
        "ClusterRole",
        "aggregationRule: {clusterRoleSelectors: [{matchLabels: {'foo/bar/baz': x}}]}",
    ),
    Case("TestValidateRoleBinding/valid", V, ACCEPTED, "RoleBinding", ""),
    Case(
        "TestValidateRoleBinding/valid ClusterRole reference and user",
        V,
        ACCEPTED,
        "RoleBinding",
        "roleRef: {kind: ClusterRole, name: view}\nsubjects: [{kind: User, name: alice}, {kind: Group, "
        "name: 'system:authenticated', apiGroup: rbac.authorization.k8s.io}]",
    ),
    Case(
        "TestValidateRoleBinding/roleRef apiGroup defaulted",
        "1.30",
        ACCEPTED,
        "RoleBinding",
        "roleRef: {apiGroup: ~}",
    ),
    Case(
        "TestValidateRoleBinding/bad group",
        V,
        "roleRef.apiGroup",
        "RoleBinding",
        "roleRef: {apiGroup: rbac.GroupName.foo}",
    ),
    Case("TestValidateRoleBinding/bad kind", V, "roleRef.kind", "RoleBinding", "roleRef: {kind: Type}"),
    Case(
        "TestValidateRoleBinding/reference bad name",
        V,
        "roleRef.name",
        "RoleBinding",
        "roleRef: {name: 'valid/name'}",
    ),
    Case(
        "TestValidateRoleBinding/bad subject kind",
        V,
        "subjects[0].kind",
        "RoleBinding",
        "subjects: [{name: subject, kind: Bogus}]",
    ),
    Case(
        "TestValidateRoleBinding/bad subject name",
        V,
        "subjects[0].name",
        "RoleBinding",
        "subjects: [{namespace: foo, name: subject:bad, kind: ServiceAccount}]",
    ),
    Case(
        "TestValidateRoleBinding/missing subject name",
        V,
        "subjects[0].name",
        "RoleBinding",
        "subjects: [{kind: ServiceAccount, name: ''}]",
    ),
    Case(
        "TestValidateRoleBindingSubject/ServiceAccount with the RBAC apiGroup",
        V,
        "subjects[0].apiGroup",
        "RoleBinding",
        "subjects: [{kind: ServiceAccount, name: sa, apiGroup: rbac.authorization.k8s.io}]",
    ),
    Case(
        "TestValidateRoleBindingSubject/User with the core apiGroup",
        V,
        "subjects[0].apiGroup",
        "RoleBinding",
        "subjects: [{kind: User, name: alice, apiGroup: foo}]",
    ),
    Case("TestValidateClusterRoleBinding/valid", V, ACCEPTED, "ClusterRoleBinding", ""),
    Case(
        "TestValidateClusterRoleBinding/bad kind",
        V,
        "roleRef.kind",
        "ClusterRoleBinding",
        "roleRef: {kind: Role}",
    ),
    Case(
        "TestValidateClusterRoleBinding/ServiceAccount without namespace",
        V,
        "subjects[0].namespace",
        "ClusterRoleBinding",
        "subjects: [{name: sa, kind: ServiceAccount}]",
    ),
]

STORAGE = [
    Case("TestValidateStorageClass/valid", V, ACCEPTED, "StorageClass", ""),
    Case(
        "TestValidateStorageClass/valid with parameters and Retain",
        V,
        ACCEPTED,
        "StorageClass",
        "provisioner: ebs.csi.aws.com\nparameters: {type: gp3, fsType: ext4}\nreclaimPolicy: Retain\n"
        "volumeBindingMode: WaitForFirstConsumer\nallowVolumeExpansion: true",
    ),
    Case(
        "TestValidateStorageClass/reclaimPolicy and volumeBindingMode defaulted",
        V,
        ACCEPTED,
        "StorageClass",
        "reclaimPolicy: ~\nvolumeBindingMode: ~",
    ),
    Case(
        "TestValidateStorageClass/invalid provisioner",
        V,
        "provisioner",
        "StorageClass",
        "provisioner: 'kubernetes.io/invalid/provisioner'",
    ),
    Case("TestValidateStorageClass/empty provisioner", V, "provisioner", "StorageClass", "provisioner: ''"),
    Case(
        "TestValidateStorageClass/invalid empty parameter name",
        V,
        "parameters",
        "StorageClass",
        "parameters: {'': value}",
    ),
    Case(
        "TestValidateStorageClass/invalid reclaimpolicy",
        V,
        "reclaimPolicy",
        "StorageClass",
        "reclaimPolicy: invalid",
    ),
    Case(
        "TestValidateVolumeBindingModeForStorageClass/invalid mode",
        V,
        "volumeBindingMode",
        "StorageClass",
        "volumeBindingMode: foo",
    ),
    Case(
        "TestValidateAllowedTopologies/valid",
        V,
        ACCEPTED,
        "StorageClass",
        "allowedTopologies: [{matchLabelExpressions: [{key: failure-domain.beta.kubernetes.io/zone, "
        "values: [zone1]}, {key: kubernetes.io/hostname, values: [node1]}]}]",
    ),
    Case(
        "TestValidateAllowedTopologies/empty values",
        V,
        "allowedTopologies[0].matchLabelExpressions[0].values",
        "StorageClass",
        "allowedTopologies: [{matchLabelExpressions: [{key: kubernetes.io/hostname, values: []}]}]",
    ),
    Case(
        "TestValidateAllowedTopologies/invalid key",
        V,
        "allowedTopologies[0].matchLabelExpressions[0].key",
        "StorageClass",
        "allowedTopologies: [{matchLabelExpressions: [{key: /invalidkey, values: [zone1]}]}]",
    ),
    Case(
        "TestValidateAllowedTopologies/duplicate value",
        V,
        "allowedTopologies[0].matchLabelExpressions[0].values[1]",
        "StorageClass",
        "allowedTopologies: [{matchLabelExpressions: [{key: zone, values: [zone1, zone1]}]}]",
    ),
    Case(
        "TestValidateAllowedTopologies/duplicate key",
        V,
        "allowedTopologies[0].matchLabelExpressions[1].key",
        "StorageClass",
        "allowedTopologies: [{matchLabelExpressions: [{key: zone, values: [zone1]}, {key: zone, values: [zone2]}]}]",
    ),
    Case(
        "TestValidateAllowedTopologies/duplicate term",
        V,
        "allowedTopologies[1].matchLabelExpressions",
        "StorageClass",
        "allowedTopologies: [{matchLabelExpressions: [{key: zone, values: [zone1]}]}, "
        "{matchLabelExpressions: [{key: zone, values: [zone1]}]}]",
    ),
    Case("TestValidateStorageClass/invalid name", V, "metadata.name", "StorageClass", "metadata: {name: Foo_Bar}"),
]

SCHEDULING = [
    Case(
        "TestValidatePriorityClass/valid", V, ACCEPTED, "PriorityClass", "preemptionPolicy: Never\nglobalDefault: true"
    ),
    Case("TestValidatePriorityClass/no value (zero)", "1.30", ACCEPTED, "PriorityClass", "value: ~"),
    Case(
        "TestValidatePriorityClass/system cluster critical",
        V,
        ACCEPTED,
        "PriorityClass",
        "metadata: {name: system-cluster-critical}\nvalue: 2000000000",
    ),
    Case(
        "TestValidatePriorityClass/system node critical",
        V,
        ACCEPTED,
        "PriorityClass",
        "metadata: {name: system-node-critical}\nvalue: 2000001000",
    ),
    Case(
        "TestValidatePriorityClass/invalid system name",
        V,
        "metadata.name",
        "PriorityClass",
        "metadata: {name: system-foo}\nvalue: 2000000000",
    ),
    Case(
        "TestValidatePriorityClass/system class with another value",
        V,
        "value",
        "PriorityClass",
        "metadata: {name: system-node-critical}\nvalue: 10",
    ),
    Case(
        "TestValidatePriorityClass/value above the user limit",
        V,
        "value",
        "PriorityClass",
        "value: 1000000001",
    ),
    Case("TestValidatePriorityClass/highest user value", V, ACCEPTED, "PriorityClass", "value: 1000000000"),
    Case(
        "TestValidatePriorityClass/invalid preemptionPolicy",
        V,
        "preemptionPolicy",
        "PriorityClass",
        "preemptionPolicy: Sometimes",
    ),
    Case("TestValidatePriorityClass/invalid name", V, "metadata.name", "PriorityClass", "metadata: {name: tier/1}"),
]


def _hook(kind: str, overlay: str) -> str:
    """An overlay replacing the base configuration's webhook by that webhook merged with ``overlay``."""
    hook = merge(BASES[kind]["webhooks"][0], yaml.safe_load(textwrap.dedent(overlay)) or {})
    return yaml.safe_dump({"webhooks": [hook]})


_VW = "ValidatingWebhookConfiguration"
_MW = "MutatingWebhookConfiguration"

WEBHOOKS = [
    Case("TestValidateValidatingWebhookConfiguration/valid", V, ACCEPTED, _VW, ""),
    Case("TestValidateMutatingWebhookConfiguration/valid", V, ACCEPTED, _MW, ""),
    Case(
        "TestValidateValidatingWebhookConfiguration/all fields",
        V,
        ACCEPTED,
        _VW,
        _hook(
            _VW,
            """
            failurePolicy: Ignore
            matchPolicy: Exact
            timeoutSeconds: 30
            namespaceSelector: {matchExpressions: [{key: runlevel, operator: NotIn, values: ['0', '1']}]}
            objectSelector: {matchLabels: {a: b}}
            clientConfig: {service: {name: w, namespace: ns, port: 8443, path: /validate-v1-pod}}
            rules: [{operations: ['*'], apiGroups: ['*'], apiVersions: ['*'], resources: ['*/*'], scope: Namespaced}]
            matchConditions: [{name: exclude-leases, expression: '!(request.resource.group == "coordination.k8s.io")'}]
            admissionReviewVersions: [v1, v1beta1]
            """,
        ),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/should fail on bad name",
        V,
        "webhooks[0].name",
        _VW,
        _hook(_VW, "name: foo"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/webhook names must be unique",
        V,
        "webhooks[1].name",
        _VW,
        yaml.safe_dump({"webhooks": [BASES[_VW]["webhooks"][0]] * 2}),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/Operations must not be empty or nil",
        V,
        "webhooks[0].rules[0].operations",
        _VW,
        _hook(_VW, "rules: [{operations: [], apiGroups: [a], apiVersions: [a], resources: [a]}]"),
    ),
    Case(
        'TestValidateValidatingWebhookConfiguration/"" is NOT a valid operation',
        V,
        "webhooks[0].rules[0].operations[1]",
        _VW,
        _hook(_VW, "rules: [{operations: [CREATE, ''], apiGroups: [a], apiVersions: [a], resources: [a]}]"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/operation * and others",
        V,
        "webhooks[0].rules[0].operations",
        _VW,
        _hook(_VW, "rules: [{operations: ['*', CREATE], apiGroups: [a], apiVersions: [a], resources: [a]}]"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/API groups must not be empty or nil",
        V,
        "webhooks[0].rules[0].apiGroups",
        _VW,
        _hook(_VW, "rules: [{operations: [CREATE], apiGroups: [], apiVersions: [a], resources: [a]}]"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/API versions must not be empty",
        V,
        "webhooks[0].rules[0].apiVersions[1]",
        _VW,
        _hook(_VW, "rules: [{operations: [CREATE], apiGroups: [a], apiVersions: [a, ''], resources: [a]}]"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/resource */* and others",
        V,
        "webhooks[0].rules[0].resources",
        _VW,
        _hook(_VW, "rules: [{operations: [CREATE], apiGroups: [a], apiVersions: [a], resources: ['*/*', a]}]"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/resource a/* and a/x",
        V,
        "webhooks[0].rules[0].resources[1]",
        _VW,
        _hook(_VW, "rules: [{operations: [CREATE], apiGroups: [a], apiVersions: [a], resources: ['a/*', a/x]}]"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/resource * and a",
        V,
        "webhooks[0].rules[0].resources",
        _VW,
        _hook(_VW, "rules: [{operations: [CREATE], apiGroups: [a], apiVersions: [a], resources: ['*', a]}]"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/resource * and a/x is valid",
        V,
        ACCEPTED,
        _VW,
        _hook(_VW, "rules: [{operations: [CREATE], apiGroups: [a], apiVersions: [a], resources: ['*', a/x]}]"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/invalid scope",
        V,
        "webhooks[0].rules[0].scope",
        _VW,
        _hook(
            _VW, "rules: [{operations: [CREATE], apiGroups: [a], apiVersions: [a], resources: [a], scope: Cluster*}]"
        ),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/FailurePolicy can only be Ignore or Fail",
        V,
        "webhooks[0].failurePolicy",
        _VW,
        _hook(_VW, "failurePolicy: other"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/MatchPolicy can only be Exact or Equivalent",
        V,
        "webhooks[0].matchPolicy",
        _VW,
        _hook(_VW, "matchPolicy: other"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/SideEffects are required",
        V,
        "webhooks[0].sideEffects",
        _VW,
        _hook(_VW, "sideEffects: ~"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/SideEffects Some is not allowed on create",
        V,
        "webhooks[0].sideEffects",
        _VW,
        _hook(_VW, "sideEffects: Some"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/SideEffects Unknown is not allowed on create",
        V,
        "webhooks[0].sideEffects",
        _VW,
        _hook(_VW, "sideEffects: Unknown"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/both service and URL missing",
        V,
        "webhooks[0].clientConfig",
        _VW,
        yaml.safe_dump({"webhooks": [{**BASES[_VW]["webhooks"][0], "clientConfig": {}}]}),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/both service and URL provided",
        V,
        "webhooks[0].clientConfig",
        _VW,
        _hook(_VW, "clientConfig: {url: 'https://example.com'}"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/blank URL",
        V,
        "webhooks[0].clientConfig.url",
        _VW,
        yaml.safe_dump({"webhooks": [{**BASES[_VW]["webhooks"][0], "clientConfig": {"url": ""}}]}),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/wrong scheme",
        V,
        "webhooks[0].clientConfig.url",
        _VW,
        yaml.safe_dump({"webhooks": [{**BASES[_VW]["webhooks"][0], "clientConfig": {"url": "http://example.com"}}]}),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/missing host",
        V,
        "webhooks[0].clientConfig.url",
        _VW,
        yaml.safe_dump(
            {"webhooks": [{**BASES[_VW]["webhooks"][0], "clientConfig": {"url": "https:///fancy/webhook"}}]}
        ),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/fragment",
        V,
        "webhooks[0].clientConfig.url",
        _VW,
        yaml.safe_dump(
            {"webhooks": [{**BASES[_VW]["webhooks"][0], "clientConfig": {"url": "https://example.com/#bookmark"}}]}
        ),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/query",
        V,
        "webhooks[0].clientConfig.url",
        _VW,
        yaml.safe_dump(
            {"webhooks": [{**BASES[_VW]["webhooks"][0], "clientConfig": {"url": "https://example.com?arg=value"}}]}
        ),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/user password",
        V,
        "webhooks[0].clientConfig.url",
        _VW,
        yaml.safe_dump(
            {"webhooks": [{**BASES[_VW]["webhooks"][0], "clientConfig": {"url": "https://bob:pw@example.com/"}}]}
        ),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/path must start with slash",
        V,
        "webhooks[0].clientConfig.service.path",
        _VW,
        _hook(_VW, "clientConfig: {service: {path: foo/}}"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/path accepts slash",
        V,
        ACCEPTED,
        _VW,
        _hook(_VW, "clientConfig: {service: {path: /}}"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/path accepts no trailing slash",
        V,
        ACCEPTED,
        _VW,
        _hook(_VW, "clientConfig: {service: {path: /foo}}"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/path fails //",
        V,
        "webhooks[0].clientConfig.service.path",
        _VW,
        _hook(_VW, "clientConfig: {service: {path: //}}"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/path no empty step",
        V,
        "webhooks[0].clientConfig.service.path",
        _VW,
        _hook(_VW, "clientConfig: {service: {path: /foo//bar/}}"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/path no non-subdomain",
        V,
        "webhooks[0].clientConfig.service.path",
        _VW,
        _hook(_VW, "clientConfig: {service: {path: /apis/foo.bar/v1alpha1/--bad}}"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/invalid port 0",
        V,
        "webhooks[0].clientConfig.service.port",
        _VW,
        _hook(_VW, "clientConfig: {service: {port: 0}}"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/service without namespace",
        V,
        "webhooks[0].clientConfig.service.namespace",
        _VW,
        yaml.safe_dump({"webhooks": [{**BASES[_VW]["webhooks"][0], "clientConfig": {"service": {"name": "w"}}}]}),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/timeout seconds cannot be greater than 30",
        V,
        "webhooks[0].timeoutSeconds",
        _VW,
        _hook(_VW, "timeoutSeconds: 31"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/timeout seconds cannot be smaller than 1",
        V,
        "webhooks[0].timeoutSeconds",
        _VW,
        _hook(_VW, "timeoutSeconds: 0"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/timeout seconds must be positive",
        V,
        "webhooks[0].timeoutSeconds",
        _VW,
        _hook(_VW, "timeoutSeconds: -1"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/admissionReviewVersions are required",
        V,
        "webhooks[0].admissionReviewVersions",
        _VW,
        _hook(_VW, "admissionReviewVersions: ~"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/admissionReviewVersions with invalid versions",
        V,
        "webhooks[0].admissionReviewVersions",
        _VW,
        _hook(_VW, "admissionReviewVersions: [v2, invalid-v1]"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/admissionReviewVersions with a duplicate",
        V,
        "webhooks[0].admissionReviewVersions[1]",
        _VW,
        _hook(_VW, "admissionReviewVersions: [v1, v1]"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/admissionReviewVersions with invalid DNS-1035 format",
        V,
        "webhooks[0].admissionReviewVersions[1]",
        _VW,
        _hook(_VW, "admissionReviewVersions: [v1, invalid_v2]"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/invalid namespaceSelector",
        V,
        "webhooks[0].namespaceSelector.matchExpressions[0].values",
        _VW,
        _hook(_VW, "namespaceSelector: {matchExpressions: [{key: a, operator: In}]}"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/matchConditions with an invalid name",
        V,
        "webhooks[0].matchConditions[0].name",
        _VW,
        _hook(_VW, "matchConditions: [{name: 'invalid name!', expression: 'true'}]"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/matchConditions with a duplicate name",
        V,
        "webhooks[0].matchConditions[1].name",
        _VW,
        _hook(_VW, "matchConditions: [{name: a, expression: 'true'}, {name: a, expression: 'false'}]"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/should pass on mix of accepted and unaccepted "
        "AdmissionReviewVersion",
        V,
        ACCEPTED,
        _VW,
        _hook(_VW, "admissionReviewVersions: [v1beta1, invalid-version]"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/should fail on bad AdmissionReviewVersion value",
        V,
        "webhooks[0].admissionReviewVersions[0]",
        _VW,
        _hook(_VW, "admissionReviewVersions: [0v]"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/all Webhooks must have a fully qualified name",
        V,
        "webhooks[0].name",
        _VW,
        _hook(_VW, "name: ''"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/operation must be either create/update/delete/connect",
        V,
        "webhooks[0].rules[0].operations[0]",
        _VW,
        _hook(_VW, "rules: [{operations: [PATCH], apiGroups: [a], apiVersions: [a], resources: [a]}]"),
    ),
    Case(
        'TestValidateValidatingWebhookConfiguration/resource "*" can co-exist with resources that have subresources',
        V,
        ACCEPTED,
        _VW,
        _hook(
            _VW,
            "rules: [{operations: [CREATE], apiGroups: [a], apiVersions: [a], resources: ['*', a/b, 'a/*', '*/b']}]",
        ),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/resource a/* can mix with a",
        V,
        ACCEPTED,
        _VW,
        _hook(_VW, "rules: [{operations: [CREATE], apiGroups: [a], apiVersions: [a], resources: ['a/*', a]}]"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/resource */a cannot mix with x/a",
        V,
        "webhooks[0].rules[0].resources[1]",
        _VW,
        _hook(_VW, "rules: [{operations: [CREATE], apiGroups: [a], apiVersions: [a], resources: ['*/a', x/a]}]"),
    ),
    Case(
        "TestValidateValidatingWebhookConfiguration/just totally wrong",
        V,
        "webhooks[0].clientConfig.url",
        _VW,
        yaml.safe_dump(
            {
                "webhooks": [
                    {
                        **BASES[_VW]["webhooks"][0],
                        "clientConfig": {"url": "arg#backwards=thisis?html.index/port:host//:https"},
                    }
                ]
            }
        ),
    ),
    Case(
        "TestValidateMutatingWebhookConfiguration/reinvocationPolicy IfNeeded",
        V,
        ACCEPTED,
        _MW,
        _hook(_MW, "reinvocationPolicy: IfNeeded"),
    ),
    Case(
        "TestValidateMutatingWebhookConfiguration/invalid reinvocationPolicy",
        V,
        "webhooks[0].reinvocationPolicy",
        _MW,
        _hook(_MW, "reinvocationPolicy: invalid"),
    ),
    Case(
        "TestValidateMutatingWebhookConfiguration/should fail on bad name",
        V,
        "webhooks[0].name",
        _MW,
        _hook(_MW, "name: example.com"),
    ),
    Case(
        "TestValidateMutatingWebhookConfiguration/url with port and path",
        V,
        ACCEPTED,
        _MW,
        _hook(_MW, "clientConfig: {url: 'https://webhook.example.com:8443/mutate/pods'}"),
    ),
]

CASES = APPS + BATCH + NETWORKING + POLICY + RBAC + STORAGE + SCHEDULING + WEBHOOKS


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.go_test)
def test_the_server_verdict(case: Case) -> None:
    assert_server_verdict(manifest(case), case.kube_version, case.expected)


def test_cases_cover_every_area_both_ways() -> None:
    for area in (APPS, BATCH, NETWORKING, POLICY, RBAC, STORAGE, SCHEDULING, WEBHOOKS):
        assert {c.expected == ACCEPTED for c in area} == {True, False}
    assert len({c.go_test for c in CASES}) == len(CASES), "each case is named once"


def test_the_bases_are_valid_at_every_version() -> None:
    from k8slab.validation.schema import supported_versions

    for version in supported_versions():
        for kind, base in BASES.items():
            report = check([base], kube_version=version, cross_checks=False)
            assert report.problems == [], (version, kind, report.problems)
