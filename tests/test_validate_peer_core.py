"""Cases of the API server's own core-group validation tests, as manifests, with the server's verdict.

Each case names the Go test it comes from (kubernetes/kubernetes
``pkg/apis/core/validation/validation_test.go``) and the case's name there. The Go tests build
internal objects that already carry what the server adds on create (a uid, a resourceVersion,
defaulted fields); here each case is the manifest a user would send, so those parts are left out
and the server's defaulting (``k8slab.validation.defaults``) adds them back. Where a Go case
relies on a field being unset that v1 defaulting sets (an empty ``terminationMessagePolicy``, an
``httpGet`` without a path, a Service without a type), the manifest is accepted and the case says so.
An accepted case must produce no problem at all; a rejected one must name the field the server
names (other problems may follow).

A case is ``(go_test, kube_version, expected, kind, overlay)``: the overlay (YAML) is merged into
a valid base object of ``kind``: mappings merge, other values replace, ``~`` removes the field.
The format is the one of ``tests/test_validate_peer_cases.py``.
"""

from __future__ import annotations

import base64
from typing import Any

import pytest
import yaml

from k8slab.validation.engine import check
from tests.peer import ACCEPTED, Case, assert_server_verdict, overlaid

_CONTAINER = {"name": "abc", "image": "image", "imagePullPolicy": "IfNotPresent"}
_POD_SPEC = {"containers": [_CONTAINER], "restartPolicy": "Always", "dnsPolicy": "ClusterFirst"}
_TEMPLATE = {"metadata": {"labels": {"a": "b"}}, "spec": _POD_SPEC}

BASES: dict[str, dict[str, Any]] = {
    "Pod": {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "abc", "namespace": "default"},
        "spec": _POD_SPEC,
    },
    "PodTemplate": {
        "apiVersion": "v1",
        "kind": "PodTemplate",
        "metadata": {"name": "abc", "namespace": "default"},
        "template": _TEMPLATE,
    },
    "ReplicationController": {
        "apiVersion": "v1",
        "kind": "ReplicationController",
        "metadata": {"name": "abc", "namespace": "default"},
        "spec": {"replicas": 1, "selector": {"a": "b"}, "template": _TEMPLATE},
    },
    "Service": {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": "valid", "namespace": "default"},
        "spec": {
            "selector": {"key": "val"},
            "sessionAffinity": "None",
            "type": "ClusterIP",
            "ports": [{"name": "p", "protocol": "TCP", "port": 8675, "targetPort": 8675}],
        },
    },
    "PersistentVolumeClaim": {
        "apiVersion": "v1",
        "kind": "PersistentVolumeClaim",
        "metadata": {"name": "foo", "namespace": "ns"},
        "spec": {"accessModes": ["ReadWriteOnce", "ReadOnlyMany"], "resources": {"requests": {"storage": "10G"}}},
    },
    "ConfigMap": {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "validname", "namespace": "validns"},
        "data": {"key": "value"},
    },
    "Secret": {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {"name": "valid", "namespace": "default"},
        "data": {"data-1": "YmFy"},
    },
    "Namespace": {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "abc"}},
    "ServiceAccount": {
        "apiVersion": "v1",
        "kind": "ServiceAccount",
        "metadata": {"name": "abc", "namespace": "default"},
    },
    "LimitRange": {
        "apiVersion": "v1",
        "kind": "LimitRange",
        "metadata": {"name": "abc", "namespace": "foo"},
        "spec": {"limits": [{"type": "Container", "max": {"cpu": "100m", "memory": "10000"}}]},
    },
    "ResourceQuota": {
        "apiVersion": "v1",
        "kind": "ResourceQuota",
        "metadata": {"name": "abc", "namespace": "foo"},
        "spec": {"hard": {"cpu": "100", "memory": "10000", "pods": "10"}},
    },
}


def manifest(case: Case) -> dict[str, Any]:
    """The case's object: its overlay merged into the valid base of its kind."""
    return overlaid(BASES[case.kind], case.overlay)


def _spec(fields: str) -> str:
    """A Pod overlay setting pod-spec fields (YAML flow mapping content)."""
    return f"spec: {{{fields}}}"


def _ctr(fields: str = "", *, field: str = "containers", extra: str = "") -> str:
    """A Pod overlay whose one container (of list ``field``) is ``ctr`` with ``fields``; ``extra`` "
    "adds pod-spec fields."""
    body = "name: ctr, image: image" + (", " + fields if fields else "")
    return f"spec: {{{field}: [{{{body}}}]{', ' + extra if extra else ''}}}"


def _vol(source: str, *, name: str = "vol") -> str:
    """A Pod overlay with one volume named ``name`` (``source`` is the volume's YAML flow content)."""
    return f"spec: {{volumes: [{{name: {name}, {source}}}]}}"


V = "1.33"
P = "Pod"

_PS = "TestValidatePodSpec/"
POD_SPEC = [
    Case(_PS + "populate basic fields, leave defaults for most", V, ACCEPTED, P, _vol("hostPath: {path: /mnt/path}")),
    Case(
        _PS + "populate all fields",
        V,
        ACCEPTED,
        P,
        _spec("nodeSelector: {key: value}, nodeName: foobar, activeDeadlineSeconds: 30, serviceAccountName: acct"),
    ),
    Case(
        _PS + "populate all fields with larger active deadline",
        V,
        ACCEPTED,
        P,
        _spec("activeDeadlineSeconds: 2147483647"),
    ),
    Case(
        _PS + "populate HostNetwork",
        V,
        ACCEPTED,
        P,
        _ctr("ports: [{containerPort: 8080, hostPort: 8080, protocol: TCP}]", extra="hostNetwork: true"),
    ),
    Case(
        _PS + "populate HostNetwork, hostPort defaulted to containerPort",
        V,
        ACCEPTED,
        P,
        _ctr("ports: [{containerPort: 8080, protocol: TCP}]", extra="hostNetwork: true"),
    ),
    Case(
        _PS + "populate RunAsUser SupplementalGroups FSGroup with minID 0",
        V,
        ACCEPTED,
        P,
        _spec("securityContext: {supplementalGroups: [0], runAsUser: 0, fsGroup: 0}"),
    ),
    Case(
        _PS + "populate RunAsUser SupplementalGroups FSGroup with maxID 2147483647",
        V,
        ACCEPTED,
        P,
        _spec("securityContext: {supplementalGroups: [2147483647], runAsUser: 2147483647, fsGroup: 2147483647}"),
    ),
    Case(_PS + "populate HostIPC", V, ACCEPTED, P, _spec("hostIPC: true")),
    Case(_PS + "populate HostPID", V, ACCEPTED, P, _spec("hostPID: true")),
    Case(
        _PS + "populate Affinity Tolerations",
        V,
        ACCEPTED,
        P,
        _spec("tolerations: [{key: key1, operator: Equal, value: value1, effect: NoSchedule}]"),
    ),
    Case(_PS + "populate ShareProcessNamespace", V, ACCEPTED, P, _spec("shareProcessNamespace: true")),
    Case(_PS + "populate RuntimeClassName", V, ACCEPTED, P, _spec("runtimeClassName: valid-sandbox")),
    Case(_PS + "populate PreemptionPolicy", V, ACCEPTED, P, _spec("preemptionPolicy: PreemptLowerPriority")),
    Case(_PS + "populate PriorityClassName", V, ACCEPTED, P, _spec("priorityClassName: valid-name")),
    Case(_PS + "populate DNSPolicy Default", V, ACCEPTED, P, _spec("dnsPolicy: Default")),
    Case(
        _PS + "populate DNSPolicy ClusterFirstWithHostNet",
        V,
        ACCEPTED,
        P,
        _spec("dnsPolicy: ClusterFirstWithHostNet, hostNetwork: true"),
    ),
    Case(
        _PS + "populate DNSPolicy None with DNSConfig",
        V,
        ACCEPTED,
        P,
        _spec("dnsPolicy: None, dnsConfig: {nameservers: [1.2.3.4], searches: [ns.svc.cluster.local]}"),
    ),
    Case(_PS + "populate subdomain and hostname", V, ACCEPTED, P, _spec("hostname: abc, subdomain: def")),
    Case(
        _PS + "populate fsGroupChangePolicy OnRootMismatch",
        V,
        ACCEPTED,
        P,
        _spec("securityContext: {fsGroupChangePolicy: OnRootMismatch}"),
    ),
    Case(
        _PS + "populate fsGroupChangePolicy Always",
        V,
        ACCEPTED,
        P,
        _spec("securityContext: {fsGroupChangePolicy: Always}"),
    ),
    Case(_PS + "populate terminationGracePeriodSeconds 0", V, ACCEPTED, P, _spec("terminationGracePeriodSeconds: 0")),
    Case(_PS + "populate enableServiceLinks false", V, ACCEPTED, P, _spec("enableServiceLinks: false")),
    Case(_PS + "populate hostUsers false", V, ACCEPTED, P, _spec("hostUsers: false")),
    Case(
        _PS + "populate readinessGates", V, ACCEPTED, P, _spec("readinessGates: [{conditionType: 'example.com/ready'}]")
    ),
    Case(_PS + "populate schedulingGates", V, ACCEPTED, P, _spec("schedulingGates: [{name: example.com/gate}]")),
    Case(_PS + "populate os linux", V, ACCEPTED, P, _spec("os: {name: linux}")),
    Case(_PS + "populate setHostnameAsFQDN", V, ACCEPTED, P, _spec("setHostnameAsFQDN: true, hostname: abc")),
    Case(_PS + "bad volume", V, "spec.volumes[0].name", P, "spec: {volumes: [{emptyDir: {}}]}"),
    Case(_PS + "no containers", V, "spec.containers", P, "spec: {containers: []}"),
    Case(_PS + "bad container", V, "spec.containers[0].name", P, "spec: {containers: [{image: image}]}"),
    Case(
        _PS + "bad init container",
        V,
        "spec.initContainers[0].name",
        P,
        "spec: {initContainers: [{image: image}]}",
    ),
    Case(_PS + "bad DNS policy", V, "spec.dnsPolicy", P, _spec("dnsPolicy: invalid")),
    Case(_PS + "bad service account name", V, "spec.serviceAccountName", P, _spec("serviceAccountName: invalid@name")),
    Case(_PS + "bad restart policy", V, "spec.restartPolicy", P, _spec("restartPolicy: UnknowPolicy")),
    Case(
        _PS + "with hostNetwork hostPort not equal to containerPort",
        V,
        "spec.containers[0].ports[0].hostPort",
        P,
        _ctr("ports: [{containerPort: 8080, hostPort: 8081, protocol: TCP}]", extra="hostNetwork: true"),
    ),
    Case(
        _PS + "with hostAliases with invalid IP",
        V,
        "spec.hostAliases[0].ip",
        P,
        _spec("hostAliases: [{ip: 999.999.999.999, hostnames: [host1]}]"),
    ),
    Case(
        _PS + "with hostAliases with invalid hostname",
        V,
        "spec.hostAliases[0].hostnames[0]",
        P,
        _spec("hostAliases: [{ip: 12.34.56.78, hostnames: ['@#$^#@#$']}]"),
    ),
    Case(
        _PS + "bad supplementalGroups large than math.MaxInt32",
        V,
        "spec.securityContext.supplementalGroups[0]",
        P,
        _spec("securityContext: {supplementalGroups: [2147483648, 1234]}"),
    ),
    Case(
        _PS + "bad supplementalGroups less than 0",
        V,
        "spec.securityContext.supplementalGroups[0]",
        P,
        _spec("securityContext: {supplementalGroups: [-1, 1234]}"),
    ),
    Case(
        _PS + "bad runAsUser large than math.MaxInt32",
        V,
        "spec.securityContext.runAsUser",
        P,
        _spec("securityContext: {runAsUser: 2147483648}"),
    ),
    Case(
        _PS + "bad runAsUser less than 0",
        V,
        "spec.securityContext.runAsUser",
        P,
        _spec("securityContext: {runAsUser: -1}"),
    ),
    Case(
        _PS + "bad fsGroup large than math.MaxInt32",
        V,
        "spec.securityContext.fsGroup",
        P,
        _spec("securityContext: {fsGroup: 2147483648}"),
    ),
    Case(
        _PS + "bad fsGroup less than 0", V, "spec.securityContext.fsGroup", P, _spec("securityContext: {fsGroup: -1}")
    ),
    Case(
        _PS + "bad runAsGroup less than 0",
        V,
        "spec.securityContext.runAsGroup",
        P,
        _spec("securityContext: {runAsGroup: -1}"),
    ),
    Case(_PS + "bad-active-deadline-seconds", V, "spec.activeDeadlineSeconds", P, _spec("activeDeadlineSeconds: 0")),
    Case(
        _PS + "active-deadline-seconds-too-large",
        V,
        "spec.activeDeadlineSeconds",
        P,
        _spec("activeDeadlineSeconds: 2147483648"),
    ),
    Case(_PS + "bad nodeName", V, "spec.nodeName", P, _spec("nodeName: node name")),
    Case(_PS + "bad PriorityClassName", V, "spec.priorityClassName", P, _spec("priorityClassName: InvalidName")),
    Case(
        _PS + "ShareProcessNamespace and HostPID both set",
        V,
        "spec.shareProcessNamespace",
        P,
        _spec("shareProcessNamespace: true, hostPID: true"),
    ),
    Case(_PS + "bad RuntimeClassName", V, "spec.runtimeClassName", P, _spec("runtimeClassName: invalid/sandbox")),
    Case(
        _PS + "bad empty fsGroupchangepolicy",
        V,
        "spec.securityContext.fsGroupChangePolicy",
        P,
        _spec("securityContext: {fsGroupChangePolicy: ''}"),
    ),
    Case(
        _PS + "bad invalid fsgroupchangepolicy",
        V,
        "spec.securityContext.fsGroupChangePolicy",
        P,
        _spec("securityContext: {fsGroupChangePolicy: invalid}"),
    ),
    Case(
        _PS + "resize policy on a plain init container is allowed from 1.33 (AllowSidecarResizePolicy)",
        V,
        ACCEPTED,
        P,
        _ctr("resizePolicy: [{resourceName: cpu, restartPolicy: NotRequired}]", field="initContainers"),
    ),
    Case(_PS + "bad preemptionPolicy", V, "spec.preemptionPolicy", P, _spec("preemptionPolicy: Sometimes")),
    Case(_PS + "bad dnsPolicy None without dnsConfig", V, "spec.dnsConfig", P, _spec("dnsPolicy: None")),
    Case(
        _PS + "bad dnsConfig nameserver",
        V,
        "spec.dnsConfig.nameservers[0]",
        P,
        _spec("dnsConfig: {nameservers: [invalid]}"),
    ),
    Case(
        _PS + "bad dnsConfig too many nameservers",
        V,
        "spec.dnsConfig.nameservers",
        P,
        _spec("dnsConfig: {nameservers: [1.2.3.4, 1.2.3.5, 1.2.3.6, 1.2.3.7]}"),
    ),
    Case(
        _PS + "bad dnsConfig search",
        V,
        "spec.dnsConfig.searches[0]",
        P,
        _spec("dnsConfig: {searches: ['custom_search']}"),
    ),
    Case(
        _PS + "bad dnsConfig option without name",
        V,
        "spec.dnsConfig.options[0].name",
        P,
        _spec("dnsConfig: {options: [{value: '2'}]}"),
    ),
    Case(_PS + "bad hostname", V, "spec.hostname", P, _spec("hostname: Bad_Name")),
    Case(_PS + "bad subdomain", V, "spec.subdomain", P, _spec("subdomain: bad.sub")),
    Case(
        _PS + "bad readinessGate conditionType",
        V,
        "spec.readinessGates[0].conditionType",
        P,
        _spec("readinessGates: [{conditionType: invalid/custom/condition}]"),
    ),
    Case(_PS + "bad os name", V, "spec.os", P, _spec("os: {name: macos}")),
    Case(
        _PS + "bad hostUsers false with hostNetwork",
        V,
        "spec.hostNetwork",
        P,
        _spec("hostUsers: false, hostNetwork: true"),
    ),
    Case(
        _PS + "bad sysctl name",
        V,
        "spec.securityContext.sysctls[0].name",
        P,
        _spec("securityContext: {sysctls: [{name: 'kernel.msg..max', value: '1'}]}"),
    ),
    Case(
        _PS + "bad duplicate sysctl",
        V,
        "spec.securityContext.sysctls[1].name",
        P,
        _spec("securityContext: {sysctls: [{name: kernel.msgmax, value: '1'}, {name: kernel.msgmax, value: '2'}]}"),
    ),
    Case(
        _PS + "bad duplicate scheduling gate",
        V,
        "spec.schedulingGates[1]",
        P,
        _spec("schedulingGates: [{name: foo}, {name: foo}]"),
    ),
    Case(
        _PS + "bad pod with a schedulingGate and a nodeName",
        V,
        "spec.nodeName",
        P,
        _spec("schedulingGates: [{name: foo}], nodeName: node"),
    ),
]

_VP = "TestValidatePod/"
PODS = [
    Case(_VP + "basic fields", V, ACCEPTED, P, ""),
    Case(_VP + "just about everything", V, ACCEPTED, P, _spec("nodeSelector: {key: value}, nodeName: foobar")),
    Case(_VP + "bad name", V, "metadata.name", P, "metadata: {name: ''}"),
    Case(_VP + "image whitespace", V, "spec.containers[0].image", P, _ctr().replace("image: image", "image: ' '")),
    Case(
        _VP + "image leading and trailing whitespace",
        V,
        "spec.containers[0].image",
        P,
        _ctr().replace("image: image", "image: ' something '"),
    ),
    Case(
        _VP + "bad deletion cost annotation",
        V,
        "metadata.annotations['controller.kubernetes.io/pod-deletion-cost']",
        P,
        "metadata: {annotations: {controller.kubernetes.io/pod-deletion-cost: text}}",
    ),
    Case(
        _VP + "valid deletion cost annotation",
        V,
        ACCEPTED,
        P,
        "metadata: {annotations: {controller.kubernetes.io/pod-deletion-cost: '10'}}",
    ),
    Case(
        _VP + "bad mirror pod annotation without nodeName",
        V,
        "metadata.annotations['kubernetes.io/config.mirror']",
        P,
        "metadata: {annotations: {kubernetes.io/config.mirror: mirror}}",
    ),
    Case(
        _VP + "valid seccomp annotation runtime/default",
        V,
        ACCEPTED,
        P,
        "metadata: {annotations: {seccomp.security.alpha.kubernetes.io/pod: runtime/default}}",
    ),
    Case(
        _VP + "invalid seccomp annotation profile",
        V,
        "metadata.annotations['seccomp.security.alpha.kubernetes.io/pod']",
        P,
        "metadata: {annotations: {seccomp.security.alpha.kubernetes.io/pod: not-a-profile}}",
    ),
    Case(
        _VP + "invalid ephemeral containers on create",
        V,
        "spec.ephemeralContainers",
        P,
        _spec("ephemeralContainers: [{name: debugger, image: image, imagePullPolicy: IfNotPresent}]"),
    ),
    Case(
        _VP + "invalid node selector requirement in node affinity, operator can't be null",
        V,
        "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
        ".matchExpressions[0].operator",
        P,
        _spec(
            "affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: "
            "[{matchExpressions: [{key: key1}]}]}}}"
        ),
    ),
    Case(
        _VP + "invalid node selector requirement in node affinity, key is invalid",
        V,
        "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
        ".matchExpressions[0].key",
        P,
        _spec(
            "affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: "
            "[{matchExpressions: [{key: 'invalid key ___@#', operator: Exists}]}]}}}"
        ),
    ),
    Case(
        _VP + "invalid node field selector requirement in node affinity, more values for field selector",
        V,
        "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
        ".matchFields[0].values",
        P,
        _spec(
            "affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: "
            "[{matchFields: [{key: metadata.name, operator: In, values: [host1, host2]}]}]}}}"
        ),
    ),
    Case(
        _VP + "invalid node field selector requirement in node affinity, invalid operator",
        V,
        "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
        ".matchFields[0].operator",
        P,
        _spec(
            "affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: "
            "[{matchFields: [{key: metadata.name, operator: Exists}]}]}}}"
        ),
    ),
    Case(
        _VP + "invalid node field selector requirement in node affinity, invalid key",
        V,
        "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
        ".matchFields[0].key",
        P,
        _spec(
            "affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: "
            "[{matchFields: [{key: metadata.namespace, operator: In, values: [ns1]}]}]}}}"
        ),
    ),
    Case(
        _VP + "invalid preferredSchedulingTerm in node affinity, weight should be in range 1-100",
        V,
        "spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight",
        P,
        _spec(
            "affinity: {nodeAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 199, "
            "preference: {matchExpressions: [{key: foo, operator: In, values: [bar]}]}}]}}"
        ),
    ),
    Case(
        _VP + "invalid requiredDuringSchedulingIgnoredDuringExecution node selector, nodeSelectorTerms must have at "
        "least one term",
        V,
        "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms",
        P,
        _spec("affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: []}}}"),
    ),
    Case(
        _VP + "invalid node selector requirement, Gt with two values",
        V,
        "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
        ".matchExpressions[0].values",
        P,
        _spec(
            "affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: "
            "[{matchExpressions: [{key: foo, operator: Gt, values: ['1', '2']}]}]}}}"
        ),
    ),
    Case(
        _VP + "valid node affinity with empty nodeSelectorTerm matchExpressions",
        V,
        ACCEPTED,
        P,
        _spec(
            "affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: "
            "[{matchExpressions: [{key: key2, operator: In, values: [value1, value2]}]}, {matchFields: [{key: "
            "metadata.name, operator: NotIn, values: [host1]}]}]}}}"
        ),
    ),
    Case(
        _VP + "serialized node affinity requirements",
        V,
        ACCEPTED,
        P,
        _spec(
            "affinity: {nodeAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 10, preference: "
            "{matchExpressions: [{key: foo, operator: In, values: [bar]}]}}, {weight: 1, preference: "
            "{matchExpressions: [{key: num, operator: Gt, values: ['10']}]}}]}}"
        ),
    ),
    Case(
        _VP + "serialized pod affinity in affinity requirements in annotations",
        V,
        ACCEPTED,
        P,
        _spec(
            "affinity: {podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: "
            "{matchExpressions: [{key: key2, operator: In, values: [value1, value2]}]}, topologyKey: zone, "
            "namespaces: [ns]}], preferredDuringSchedulingIgnoredDuringExecution: [{weight: 10, podAffinityTerm: "
            "{labelSelector: {matchExpressions: [{key: key2, operator: NotIn, values: [value1, value2]}]}, "
            "namespaces: [ns], topologyKey: region}}]}}"
        ),
    ),
    Case(
        _VP + "serialized pod anti affinity with different Label Operators in affinity requirements in annotations",
        V,
        ACCEPTED,
        P,
        _spec(
            "affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: "
            "{matchExpressions: [{key: key2, operator: Exists}]}, topologyKey: zone, namespaceSelector: {}}], "
            "preferredDuringSchedulingIgnoredDuringExecution: [{weight: 10, podAffinityTerm: {labelSelector: "
            "{matchExpressions: [{key: key2, operator: DoesNotExist}]}, topologyKey: region}}]}}"
        ),
    ),
    Case(
        _VP + "invalid weight in preferredDuringSchedulingIgnoredDuringExecution in pod affinity annotations, "
        "weight should be in range 1-100",
        V,
        "spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight",
        P,
        _spec(
            "affinity: {podAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 109, "
            "podAffinityTerm: {labelSelector: {matchExpressions: [{key: key2, operator: NotIn, values: [value1]}]}, "
            "topologyKey: region}}]}}"
        ),
    ),
    Case(
        _VP + "invalid labelSelector in preferredDuringSchedulingIgnoredDuringExecution in podaffinity "
        "annotations, values should be empty if the operator is Exists",
        V,
        "spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm"
        ".labelSelector.matchExpressions[0].values",
        P,
        _spec(
            "affinity: {podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 10, "
            "podAffinityTerm: {labelSelector: {matchExpressions: [{key: key2, operator: Exists, values: [value1]}]}, "
            "topologyKey: region}}]}}"
        ),
    ),
    Case(
        _VP + "invalid namespaceSelector in preferredDuringSchedulingIgnoredDuringExecution in podaffinity, "
        "In operator must include Values",
        V,
        "spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm"
        ".namespaceSelector.matchExpressions[0].values",
        P,
        _spec(
            "affinity: {podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 10, "
            "podAffinityTerm: {namespaceSelector: {matchExpressions: [{key: key2, operator: In}]}, "
            "topologyKey: region}}]}}"
        ),
    ),
    Case(
        _VP + "invalid name space in preferredDuringSchedulingIgnoredDuringExecution in podaffinity annotations, "
        "namespace should be valid",
        V,
        "spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.namespaces[0]",
        P,
        _spec(
            "affinity: {podAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 10, "
            "podAffinityTerm: {labelSelector: {matchExpressions: [{key: key2, operator: Exists}]}, "
            "namespaces: ['INVALID_NAMESPACE'], topologyKey: region}}]}}"
        ),
    ),
    Case(
        _VP + "invalid hard pod affinity, empty topologyKey is not allowed for hard pod affinity",
        V,
        "spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey",
        P,
        _spec(
            "affinity: {podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: "
            "{matchExpressions: [{key: key2, operator: In, values: [value1]}]}, namespaces: [ns]}]}}"
        ),
    ),
    Case(
        _VP + "invalid hard pod anti-affinity, empty topologyKey is not allowed for hard pod anti-affinity",
        V,
        "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey",
        P,
        _spec(
            "affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: "
            "{matchExpressions: [{key: key2, operator: In, values: [value1]}]}, namespaces: [ns]}]}}"
        ),
    ),
    Case(
        _VP + "invalid soft pod affinity, empty topologyKey is not allowed for soft pod affinity",
        V,
        "spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey",
        P,
        _spec(
            "affinity: {podAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 10, "
            "podAffinityTerm: {labelSelector: {matchExpressions: [{key: key2, operator: NotIn, values: [value1]}]}, "
            "namespaces: [ns]}}]}}"
        ),
    ),
    Case(
        _VP + "invalid soft pod anti-affinity, empty topologyKey is not allowed for soft pod anti-affinity",
        V,
        "spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey",
        P,
        _spec(
            "affinity: {podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 10, "
            "podAffinityTerm: {labelSelector: {matchExpressions: [{key: key2, operator: NotIn, values: [value1]}]}, "
            "namespaces: [ns]}}]}}"
        ),
    ),
    Case(
        _VP + "invalid toleration key",
        V,
        "spec.tolerations[0].key",
        P,
        _spec("tolerations: [{key: 'nospecialchars^=@', operator: Equal, value: bar, effect: NoSchedule}]"),
    ),
    Case(
        _VP + "invalid toleration operator",
        V,
        "spec.tolerations[0].operator",
        P,
        _spec("tolerations: [{key: foo, operator: In, value: bar, effect: NoSchedule}]"),
    ),
    Case(
        _VP + "value must be empty when `operator` is 'Exists'",
        V,
        "spec.tolerations[0].operator",
        P,
        _spec("tolerations: [{key: foo, operator: Exists, value: bar, effect: NoSchedule}]"),
    ),
    Case(
        _VP + "operator must be 'Exists' when `key` is empty",
        V,
        "spec.tolerations[0].operator",
        P,
        _spec("tolerations: [{operator: Equal, value: bar, effect: NoSchedule}]"),
    ),
    Case(
        _VP + "effect must be 'NoExecute' when `TolerationSeconds` is set",
        V,
        "spec.tolerations[0].effect",
        P,
        _spec(
            "tolerations: [{key: node.kubernetes.io/not-ready, operator: Exists, effect: NoSchedule, "
            "tolerationSeconds: 20}]"
        ),
    ),
    Case(
        _VP + "invalid toleration effect",
        V,
        "spec.tolerations[0].effect",
        P,
        _spec("tolerations: [{key: foo, operator: Exists, effect: Bogus}]"),
    ),
    Case(
        _VP + "populate forgiveness tolerations with exists operator in annotations.",
        V,
        ACCEPTED,
        P,
        _spec("tolerations: [{key: foo, operator: Exists, value: '', effect: NoExecute, tolerationSeconds: 60}]"),
    ),
    Case(
        _VP + "populate forgiveness tolerations with equal operator in annotations.",
        V,
        ACCEPTED,
        P,
        _spec("tolerations: [{key: foo, operator: Equal, value: bar, effect: NoExecute, tolerationSeconds: 60}]"),
    ),
    Case(
        _VP + "populate tolerations exists operator in annotations.",
        V,
        ACCEPTED,
        P,
        _spec("tolerations: [{key: foo, operator: Exists, effect: NoSchedule}]"),
    ),
    Case(
        _VP + "empty key with Exists operator is OK for toleration, empty toleration key means match all taint keys.",
        V,
        ACCEPTED,
        P,
        _spec("tolerations: [{operator: Exists, effect: NoSchedule}]"),
    ),
    Case(
        _VP + "empty operator is OK for toleration, defaults to Equal.",
        V,
        ACCEPTED,
        P,
        _spec("tolerations: [{key: foo, value: bar, effect: NoSchedule}]"),
    ),
    Case(
        _VP + "empty effect is OK for toleration, empty toleration effect means match all taint effects.",
        V,
        ACCEPTED,
        P,
        _spec("tolerations: [{key: foo, operator: Equal, value: bar}]"),
    ),
    Case(
        _VP + "negative tolerationSeconds is OK for toleration.",
        V,
        ACCEPTED,
        P,
        _spec(
            "tolerations: [{key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, "
            "tolerationSeconds: -2}]"
        ),
    ),
    Case(
        _VP + "runtime default seccomp profile",
        V,
        ACCEPTED,
        P,
        _spec("securityContext: {seccompProfile: {type: RuntimeDefault}}"),
    ),
    Case(
        _VP + "localhost seccomp profile",
        V,
        ACCEPTED,
        P,
        _spec("securityContext: {seccompProfile: {type: Localhost, localhostProfile: foo.json}}"),
    ),
    Case(
        _VP + "invalid seccomp profile type",
        V,
        "spec.securityContext.seccompProfile.type",
        P,
        _spec("securityContext: {seccompProfile: {type: Bogus}}"),
    ),
    Case(
        _VP + "localhost seccomp profile without a localhostProfile",
        V,
        "spec.securityContext.seccompProfile.localhostProfile",
        P,
        _spec("securityContext: {seccompProfile: {type: Localhost}}"),
    ),
    Case(
        _VP + "runtime default seccomp profile with a localhostProfile",
        V,
        "spec.securityContext.seccompProfile.localhostProfile",
        P,
        _spec("securityContext: {seccompProfile: {type: RuntimeDefault, localhostProfile: foo.json}}"),
    ),
    Case(
        _VP + "localhost apparmor profile",
        V,
        ACCEPTED,
        P,
        _spec("securityContext: {appArmorProfile: {type: Localhost, localhostProfile: foo}}"),
    ),
    Case(
        _VP + "localhost apparmor profile without a localhostProfile",
        V,
        "spec.securityContext.appArmorProfile.localhostProfile",
        P,
        _spec("securityContext: {appArmorProfile: {type: Localhost}}"),
    ),
    Case(
        _VP + "invalid apparmor profile type",
        V,
        "spec.securityContext.appArmorProfile.type",
        P,
        _spec("securityContext: {appArmorProfile: {type: Bogus}}"),
    ),
    Case(
        _VP + "valid sysctls",
        V,
        ACCEPTED,
        P,
        _spec(
            "securityContext: {sysctls: [{name: kernel.shmmni, value: '32768'}, {name: "
            "kernel.shmmax, value: '1000000000'}, {name: net.ipv4.ip_local_port_range, value: '1024 65535'}]}"
        ),
    ),
    Case(
        _VP + "sysctl with slashes",
        V,
        ACCEPTED,
        P,
        _spec("securityContext: {sysctls: [{name: net/ipv4/conf/eno2/forwarding, value: '1'}]}"),
    ),
    Case(
        _VP + "net sysctl with hostNetwork",
        V,
        "spec.securityContext.sysctls[0].name",
        P,
        _spec(
            "hostNetwork: true, securityContext: {sysctls: [{name: net.ipv4.ip_local_port_range, value: '1024 65535'}]}"
        ),
    ),
    Case(
        _VP + "windows pod with a linux-only field",
        V,
        "spec.securityContext.seLinuxOptions",
        P,
        _spec("os: {name: windows}, securityContext: {seLinuxOptions: {role: dummy}}"),
    ),
    Case(
        _VP + "windows pod with hostPID",
        V,
        "spec.hostPID",
        P,
        _spec("os: {name: windows}, hostPID: true"),
    ),
    Case(
        _VP + "windows pod with windowsOptions",
        V,
        ACCEPTED,
        P,
        _spec(
            "os: {name: windows}, securityContext: {windowsOptions: {runAsUserName: 'NT AUTHORITY\\NETWORK SERVICE'}}"
        ),
    ),
    Case(
        _VP + "linux pod with windowsOptions",
        V,
        "spec.securityContext.windowsOptions",
        P,
        _spec("os: {name: linux}, securityContext: {windowsOptions: {runAsUserName: user}}"),
    ),
]

_VC = "TestValidateContainers/"
_C0 = "spec.containers[0]."
CONTAINERS = [
    Case(_VC + "valid simple", V, ACCEPTED, P, _ctr("imagePullPolicy: IfNotPresent, terminationMessagePolicy: File")),
    Case(
        _VC + "resources-test",
        V,
        ACCEPTED,
        P,
        _ctr("resources: {limits: {cpu: '10', memory: '10G', my.org/resource: '10'}}"),
    ),
    Case(
        _VC + "resources-test-with-request-and-limit",
        V,
        ACCEPTED,
        P,
        _ctr("resources: {requests: {cpu: '10', memory: '10G'}, limits: {cpu: '10', memory: '10G'}}"),
    ),
    Case(
        _VC + "resources-request-limit-simple",
        V,
        ACCEPTED,
        P,
        _ctr("resources: {requests: {cpu: '8'}, limits: {cpu: '10'}}"),
    ),
    Case(
        _VC + "resources-request-limit-edge",
        V,
        ACCEPTED,
        P,
        _ctr(
            "resources: {requests: {cpu: '10', memory: '10G', my.org/resource: '10'}, limits: {cpu: "
            "'10', memory: '10G', my.org/resource: '10'}}"
        ),
    ),
    Case(
        _VC + "resources-request-limit-partials",
        V,
        ACCEPTED,
        P,
        _ctr("resources: {requests: {cpu: '9.5', memory: '10G'}, limits: {cpu: '10', my.org/resource: '10'}}"),
    ),
    Case(_VC + "resources-request", V, ACCEPTED, P, _ctr("resources: {requests: {cpu: '9.5', memory: '10G'}}")),
    Case(
        _VC + "resources-resize-policy",
        V,
        ACCEPTED,
        P,
        _ctr(
            "resizePolicy: [{resourceName: cpu, restartPolicy: NotRequired}, {resourceName: memory, "
            "restartPolicy: RestartContainer}]"
        ),
    ),
    Case(
        _VC + "same-host-port-different-protocol",
        V,
        ACCEPTED,
        P,
        _ctr(
            "ports: [{containerPort: 80, hostPort: 80, protocol: TCP}, {containerPort: 80, hostPort: "
            "80, protocol: UDP}]"
        ),
    ),
    Case(
        _VC + "fallback-to-logs-termination-message-policy",
        V,
        ACCEPTED,
        P,
        _ctr("terminationMessagePolicy: FallbackToLogsOnError"),
    ),
    Case(_VC + "file-termination-message-policy", V, ACCEPTED, P, _ctr("terminationMessagePolicy: File")),
    Case(
        _VC + "empty-termination-message-policy is defaulted to File",
        V,
        ACCEPTED,
        P,
        _ctr("terminationMessagePolicy: ''"),
    ),
    Case(_VC + "privilege disabled", V, ACCEPTED, P, _ctr("securityContext: {privileged: false}")),
    Case(_VC + "privileged", V, ACCEPTED, P, _ctr("securityContext: {privileged: true}")),
    Case(
        _VC + "env-from-source",
        V,
        ACCEPTED,
        P,
        _ctr("envFrom: [{configMapRef: {name: test}}]"),
    ),
    Case(
        _VC + "lifecycle handlers",
        V,
        ACCEPTED,
        P,
        _ctr(
            "lifecycle: {preStop: {exec: {command: [ls, -l]}}, postStart: {httpGet: {path: /, port: "
            "80, host: localhost}}}"
        ),
    ),
    Case(
        _VC + "lifecycle httpGet without a path, defaulted",
        V,
        ACCEPTED,
        P,
        _ctr("lifecycle: {preStop: {httpGet: {port: 80}}}"),
    ),
    Case(_VC + "lifecycle sleep", V, ACCEPTED, P, _ctr("lifecycle: {preStop: {sleep: {seconds: 1}}}")),
    Case(
        _VC + "lifecycle tcpSocket",
        V,
        ACCEPTED,
        P,
        _ctr("lifecycle: {postStart: {tcpSocket: {port: 8080}}}"),
    ),
    Case(_VC + "command and args", V, ACCEPTED, P, _ctr("command: [ls], args: [-l], workingDir: /tmp")),
    Case(_VC + "stdin tty", V, ACCEPTED, P, _ctr("stdin: true, stdinOnce: true, tty: true")),
    Case(_VC + "zero-length name", V, _C0 + "name", P, "spec: {containers: [{name: '', image: image}]}"),
    Case(_VC + "zero-length-image", V, _C0 + "image", P, "spec: {containers: [{name: abc, image: ''}]}"),
    Case(
        _VC + "name > 63 characters", V, _C0 + "name", P, "spec: {containers: [{name: " + "a" * 64 + ", image: image}]}"
    ),
    Case(_VC + "name not a DNS label", V, _C0 + "name", P, "spec: {containers: [{name: a.b.c, image: image}]}"),
    Case(
        _VC + "name not unique",
        V,
        "spec.containers[1].name",
        P,
        "spec: {containers: [{name: abc, image: image}, {name: abc, image: image}]}",
    ),
    Case(
        _VC + "name not unique across init containers",
        V,
        "spec.initContainers[0].name",
        P,
        "spec: {initContainers: [{name: abc, image: image}], containers: [{name: abc, image: image}]}",
    ),
    Case(
        _VC + "host port not unique",
        V,
        "spec.containers[1].ports[0].hostPort",
        P,
        "spec: {containers: [{name: abc, image: image, ports: [{containerPort: 80, hostPort: 80, protocol: TCP}]}, "
        "{name: def, image: image, ports: [{containerPort: 81, hostPort: 80, protocol: TCP}]}]}",
    ),
    Case(
        _VC + "invalid env var name",
        "1.30",
        _C0 + "env[0].name",
        P,
        _ctr("env: [{name: 'ev!1'}]"),
    ),
    Case(_VC + "relaxed env var name", V, ACCEPTED, P, _ctr("env: [{name: 'ev!1'}]")),
    Case(_VC + "env var name with =", V, _C0 + "env[0].name", P, _ctr("env: [{name: 'a=b'}]")),
    Case(
        _VC + "unknown volume name",
        V,
        _C0 + "volumeMounts[0].name",
        P,
        _ctr("volumeMounts: [{name: anything, mountPath: /foo}]"),
    ),
    Case(
        _VC + "invalid lifecycle, no exec command.",
        V,
        _C0 + "lifecycle.preStop.exec.command",
        P,
        _ctr("lifecycle: {preStop: {exec: {}}}"),
    ),
    Case(
        _VC + "invalid lifecycle, no http port.",
        V,
        _C0 + "lifecycle.preStop.httpGet.port",
        P,
        _ctr("lifecycle: {preStop: {httpGet: {path: /, port: 0}}}"),
    ),
    Case(
        _VC + "invalid lifecycle, invalid http port name.",
        V,
        _C0 + "lifecycle.preStop.httpGet.port",
        P,
        _ctr("lifecycle: {preStop: {httpGet: {path: /, port: 'Not_A_Port'}}}"),
    ),
    Case(
        _VC + "invalid lifecycle, invalid http scheme.",
        V,
        _C0 + "lifecycle.preStop.httpGet.scheme",
        P,
        _ctr("lifecycle: {preStop: {httpGet: {path: /, port: 80, scheme: FTP}}}"),
    ),
    Case(
        _VC + "invalid lifecycle, no tcp socket port.",
        V,
        _C0 + "lifecycle.preStop.tcpSocket.port",
        P,
        _ctr("lifecycle: {preStop: {tcpSocket: {port: 0}}}"),
    ),
    Case(
        _VC + "invalid lifecycle, zero tcp socket port.",
        V,
        _C0 + "lifecycle.preStop.tcpSocket.port",
        P,
        _ctr("lifecycle: {preStop: {tcpSocket: {port: 65536}}}"),
    ),
    Case(
        _VC + "invalid lifecycle, no action.",
        V,
        _C0 + "lifecycle.preStop",
        P,
        _ctr("lifecycle: {preStop: {}}"),
    ),
    Case(
        _VC + "invalid lifecycle, more than one action.",
        V,
        _C0 + "lifecycle.postStart.tcpSocket",
        P,
        _ctr("lifecycle: {postStart: {exec: {command: [ls]}, tcpSocket: {port: 80}}}"),
    ),
    Case(
        _VC + "invalid lifecycle, sleep beyond the grace period.",
        V,
        _C0 + "lifecycle.preStop.sleep.seconds",
        P,
        _ctr("lifecycle: {preStop: {sleep: {seconds: 60}}}", extra="terminationGracePeriodSeconds: 30"),
    ),
    Case(
        _VC + "invalid readiness probe, terminationGracePeriodSeconds set.",
        V,
        _C0 + "readinessProbe.terminationGracePeriodSeconds",
        P,
        _ctr("readinessProbe: {tcpSocket: {port: 80}, terminationGracePeriodSeconds: 10}"),
    ),
    Case(
        _VC + "invalid liveness probe, no tcp socket port.",
        V,
        _C0 + "livenessProbe.tcpSocket.port",
        P,
        _ctr("livenessProbe: {tcpSocket: {port: 0}}"),
    ),
    Case(_VC + "invalid liveness probe, no action.", V, _C0 + "livenessProbe", P, _ctr("livenessProbe: {}")),
    Case(
        _VC + "invalid liveness probe, successThreshold.",
        V,
        _C0 + "livenessProbe.successThreshold",
        P,
        _ctr("livenessProbe: {tcpSocket: {port: 80}, successThreshold: 2}"),
    ),
    Case(
        _VC + "invalid liveness probe, negative numbers.",
        V,
        _C0 + "livenessProbe.initialDelaySeconds",
        P,
        _ctr("livenessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: -1}"),
    ),
    Case(
        _VC + "invalid liveness probe, negative timeoutSeconds.",
        V,
        _C0 + "livenessProbe.timeoutSeconds",
        P,
        _ctr("livenessProbe: {tcpSocket: {port: 80}, timeoutSeconds: -1}"),
    ),
    Case(
        _VC + "invalid liveness probe, negative terminationGracePeriodSeconds.",
        V,
        _C0 + "livenessProbe.terminationGracePeriodSeconds",
        P,
        _ctr("livenessProbe: {tcpSocket: {port: 80}, terminationGracePeriodSeconds: 0}"),
    ),
    Case(
        _VC + "invalid readiness probe, negative numbers.",
        V,
        _C0 + "readinessProbe.periodSeconds",
        P,
        _ctr("readinessProbe: {tcpSocket: {port: 80}, periodSeconds: -1}"),
    ),
    Case(
        _VC + "invalid startup probe, successThreshold.",
        V,
        _C0 + "startupProbe.successThreshold",
        P,
        _ctr("startupProbe: {tcpSocket: {port: 80}, successThreshold: 2}"),
    ),
    Case(
        _VC + "invalid startup probe, no action.",
        V,
        _C0 + "startupProbe",
        P,
        _ctr("startupProbe: {failureThreshold: 3}"),
    ),
    Case(
        _VC + "invalid liveness probe, more than one action.",
        V,
        _C0 + "livenessProbe.tcpSocket",
        P,
        _ctr("livenessProbe: {tcpSocket: {port: 80}, exec: {command: [ls]}}"),
    ),
    Case(
        _VC + "invalid liveness probe, grpc port out of range.",
        V,
        _C0 + "livenessProbe.grpc.port",
        P,
        _ctr("livenessProbe: {grpc: {port: 65536}}"),
    ),
    Case(
        _VC + "invalid liveness probe, httpGet header name.",
        V,
        _C0 + "livenessProbe.httpGet.httpHeaders[0].name",
        P,
        _ctr("livenessProbe: {httpGet: {path: /, port: 80, httpHeaders: [{name: 'X Header', value: v}]}}"),
    ),
    Case(
        _VC + "valid probes",
        V,
        ACCEPTED,
        P,
        _ctr(
            "livenessProbe: {httpGet: {path: /healthz, port: 8080, httpHeaders: [{name: X-Custom, value: v}]}, "
            "initialDelaySeconds: 3, periodSeconds: 3, terminationGracePeriodSeconds: 10}, readinessProbe: "
            "{exec: {command: [cat, /tmp/ready]}, successThreshold: 3}, startupProbe: {grpc: {port: 9090}, "
            "failureThreshold: 30}"
        ),
    ),
    Case(
        _VC + "valid named port probe",
        V,
        ACCEPTED,
        P,
        _ctr("ports: [{name: http, containerPort: 80}], readinessProbe: {httpGet: {path: /, port: http}}"),
    ),
    Case(
        _VC + "invalid message termination policy",
        V,
        _C0 + "terminationMessagePolicy",
        P,
        _ctr("terminationMessagePolicy: Unknown"),
    ),
    Case(_VC + "invalid image pull policy", V, _C0 + "imagePullPolicy", P, _ctr("imagePullPolicy: Sometimes")),
    Case(
        _VC + "invalid compute resource",
        V,
        _C0 + "resources.limits.disk",
        P,
        _ctr("resources: {limits: {disk: 10G}}"),
    ),
    Case(
        _VC + "Resource CPU invalid",
        V,
        _C0 + "resources.limits.cpu",
        P,
        _ctr("resources: {limits: {cpu: '-10'}}"),
    ),
    Case(
        _VC + "Resource Requests CPU invalid",
        V,
        _C0 + "resources.requests.cpu",
        P,
        _ctr("resources: {requests: {cpu: '-10'}}"),
    ),
    Case(
        _VC + "Resource Memory invalid",
        V,
        _C0 + "resources.limits.memory",
        P,
        _ctr("resources: {limits: {memory: '-10'}}"),
    ),
    Case(
        _VC + "Resource quantity grammar invalid",
        V,
        _C0 + "resources.limits.memory",
        P,
        _ctr("resources: {limits: {memory: 10GB}}"),
    ),
    Case(
        _VC + "Request limit simple invalid",
        V,
        _C0 + "resources.requests.cpu",
        P,
        _ctr("resources: {limits: {cpu: '5'}, requests: {cpu: '6'}}"),
    ),
    Case(
        _VC + "Request limit multiple invalid",
        V,
        _C0 + "resources.requests.cpu",
        P,
        _ctr("resources: {limits: {cpu: '5', memory: '6'}, requests: {cpu: '6', memory: '7'}}"),
    ),
    Case(
        _VC + "Invalid env from",
        V,
        _C0 + "envFrom[0].configMapRef.name",
        P,
        _ctr("envFrom: [{configMapRef: {name: '$%^&*#'}}]"),
    ),
    Case(
        _VC + "Unsupported restartPolicy on container",
        V,
        _C0 + "restartPolicy",
        P,
        _ctr("restartPolicy: Always"),
    ),
    Case(
        _VC + "invalid resize policy, duplicate resource",
        V,
        _C0 + "resizePolicy[1].resourceName",
        P,
        _ctr(
            "resizePolicy: [{resourceName: cpu, restartPolicy: NotRequired}, {resourceName: cpu, "
            "restartPolicy: NotRequired}]"
        ),
    ),
    Case(
        _VC + "invalid resize policy, unknown resource",
        V,
        _C0 + "resizePolicy[0].resourceName",
        P,
        _ctr("resizePolicy: [{resourceName: gpu, restartPolicy: NotRequired}]"),
    ),
    Case(
        _VC + "invalid resize policy, unknown restart policy",
        V,
        _C0 + "resizePolicy[0].restartPolicy",
        P,
        _ctr("resizePolicy: [{resourceName: cpu, restartPolicy: Sometimes}]"),
    ),
]

_VI = "TestValidateInitContainers/"
_I0 = "spec.initContainers[0]."
INIT_CONTAINERS = [
    Case(_VI + "valid init container", V, ACCEPTED, P, _ctr(field="initContainers")),
    Case(
        _VI + "valid restartable init container",
        V,
        ACCEPTED,
        P,
        _ctr(
            "restartPolicy: Always, livenessProbe: {tcpSocket: {port: 80}}, readinessProbe: {tcpSocket: {port: 80}}, "
            "startupProbe: {tcpSocket: {port: 80}}, lifecycle: {preStop: {exec: {command: [ls]}}}",
            field="initContainers",
        ),
    ),
    Case(
        _VI + "empty name",
        V,
        _I0 + "name",
        P,
        "spec: {initContainers: [{name: '', image: image}]}",
    ),
    Case(
        _VI + "name collision with regular container",
        V,
        _I0 + "name",
        P,
        "spec: {initContainers: [{name: abc, image: image}]}",
    ),
    Case(
        _VI + "duplicate ports",
        V,
        "spec.initContainers[0].ports[1].name",
        P,
        _ctr("ports: [{name: p, containerPort: 8080}, {name: p, containerPort: 8081}]", field="initContainers"),
    ),
    Case(
        _VI + "uses disallowed field: Lifecycle",
        V,
        _I0 + "lifecycle",
        P,
        _ctr("lifecycle: {preStop: {exec: {command: [ls]}}}", field="initContainers"),
    ),
    Case(
        _VI + "uses disallowed field: LivenessProbe",
        V,
        _I0 + "livenessProbe",
        P,
        _ctr("livenessProbe: {tcpSocket: {port: 80}}", field="initContainers"),
    ),
    Case(
        _VI + "uses disallowed field: ReadinessProbe",
        V,
        _I0 + "readinessProbe",
        P,
        _ctr("readinessProbe: {tcpSocket: {port: 80}}", field="initContainers"),
    ),
    Case(
        _VI + "uses disallowed field: StartupProbe",
        V,
        _I0 + "startupProbe",
        P,
        _ctr("startupProbe: {tcpSocket: {port: 80}}", field="initContainers"),
    ),
    Case(
        _VI + "invalid restartPolicy OnFailure",
        V,
        _I0 + "restartPolicy",
        P,
        _ctr("restartPolicy: OnFailure", field="initContainers"),
    ),
    Case(
        _VI + "invalid restartPolicy Never",
        V,
        _I0 + "restartPolicy",
        P,
        _ctr("restartPolicy: Never", field="initContainers"),
    ),
    Case(
        _VI + "invalid restartPolicy invalid",
        V,
        _I0 + "restartPolicy",
        P,
        _ctr("restartPolicy: invalid", field="initContainers"),
    ),
    Case(
        _VI + "valid readiness probe, successThreshold on restartable init container",
        V,
        ACCEPTED,
        P,
        _ctr(
            "restartPolicy: Always, readinessProbe: {tcpSocket: {port: 80}, successThreshold: 2}",
            field="initContainers",
        ),
    ),
    Case(
        _VI + "invalid liveness probe, successThreshold on restartable init container",
        V,
        _I0 + "livenessProbe.successThreshold",
        P,
        _ctr(
            "restartPolicy: Always, livenessProbe: {tcpSocket: {port: 80}, successThreshold: 2}", field="initContainers"
        ),
    ),
    Case(
        _VI + "invalid image",
        V,
        _I0 + "image",
        P,
        "spec: {initContainers: [{name: init, image: ''}]}",
    ),
]

_VEC = "TestValidateEphemeralContainers/"
EPHEMERAL = [
    Case(
        _VEC + "ephemeral containers are not allowed on create",
        V,
        "spec.ephemeralContainers",
        P,
        _spec("ephemeralContainers: [{name: debugger, image: debian, imagePullPolicy: IfNotPresent}]"),
    ),
]

_VE = "TestValidateEnv/"
_E0 = "spec.containers[0].env[0]."


def _env(item: str) -> str:
    return _ctr(f"env: [{item}]")


ENV = [
    Case(_VE + "abc", V, ACCEPTED, P, _env("{name: abc, value: value}")),
    Case(_VE + "ABC", V, ACCEPTED, P, _env("{name: ABC, value: value}")),
    Case(_VE + "AbC_123", V, ACCEPTED, P, _env("{name: AbC_123, value: value}")),
    Case(_VE + "abc.123", "1.30", ACCEPTED, P, _env("{name: abc.123, value: value}")),
    Case(_VE + "-abc", "1.30", ACCEPTED, P, _env("{name: '-abc', value: value}")),
    Case(_VE + "empty value", V, ACCEPTED, P, _env("{name: abc, value: ''}")),
    Case(
        _VE + "valueFrom fieldRef metadata.annotations",
        V,
        ACCEPTED,
        P,
        _env("{name: abc, valueFrom: {fieldRef: {apiVersion: v1, fieldPath: \"metadata.annotations['key']\"}}}"),
    ),
    Case(
        _VE + "valueFrom fieldRef metadata.labels",
        V,
        ACCEPTED,
        P,
        _env("{name: abc, valueFrom: {fieldRef: {apiVersion: v1, fieldPath: \"metadata.labels['key']\"}}}"),
    ),
    Case(
        _VE + "valueFrom fieldRef metadata.name",
        V,
        ACCEPTED,
        P,
        _env("{name: abc, valueFrom: {fieldRef: {apiVersion: v1, fieldPath: metadata.name}}}"),
    ),
    Case(
        _VE + "valueFrom fieldRef metadata.namespace",
        V,
        ACCEPTED,
        P,
        _env("{name: abc, valueFrom: {fieldRef: {apiVersion: v1, fieldPath: metadata.namespace}}}"),
    ),
    Case(
        _VE + "valueFrom fieldRef metadata.uid",
        V,
        ACCEPTED,
        P,
        _env("{name: abc, valueFrom: {fieldRef: {apiVersion: v1, fieldPath: metadata.uid}}}"),
    ),
    Case(
        _VE + "valueFrom fieldRef spec.nodeName",
        V,
        ACCEPTED,
        P,
        _env("{name: abc, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}"),
    ),
    Case(
        _VE + "valueFrom fieldRef spec.serviceAccountName",
        V,
        ACCEPTED,
        P,
        _env("{name: abc, valueFrom: {fieldRef: {fieldPath: spec.serviceAccountName}}}"),
    ),
    Case(
        _VE + "valueFrom fieldRef status.hostIP",
        V,
        ACCEPTED,
        P,
        _env("{name: abc, valueFrom: {fieldRef: {fieldPath: status.hostIP}}}"),
    ),
    Case(
        _VE + "valueFrom fieldRef status.podIP",
        V,
        ACCEPTED,
        P,
        _env("{name: abc, valueFrom: {fieldRef: {fieldPath: status.podIP}}}"),
    ),
    Case(
        _VE + "valueFrom fieldRef status.podIPs",
        V,
        ACCEPTED,
        P,
        _env("{name: abc, valueFrom: {fieldRef: {fieldPath: status.podIPs}}}"),
    ),
    Case(
        _VE + "valueFrom resourceFieldRef limits.cpu",
        V,
        ACCEPTED,
        P,
        _env("{name: abc, valueFrom: {resourceFieldRef: {resource: limits.cpu}}}"),
    ),
    Case(
        _VE + "valueFrom resourceFieldRef requests.memory with a divisor",
        V,
        ACCEPTED,
        P,
        _env(
            "{name: abc, valueFrom: {resourceFieldRef: {containerName: ctr, resource: requests.memory, divisor: 1Mi}}}"
        ),
    ),
    Case(
        _VE + "valueFrom resourceFieldRef limits.ephemeral-storage",
        V,
        ACCEPTED,
        P,
        _env("{name: abc, valueFrom: {resourceFieldRef: {resource: limits.ephemeral-storage}}}"),
    ),
    Case(
        _VE + "valueFrom configMapKeyRef",
        V,
        ACCEPTED,
        P,
        _env("{name: abc, valueFrom: {configMapKeyRef: {name: some-config-map, key: some-key}}}"),
    ),
    Case(
        _VE + "valueFrom secretKeyRef",
        V,
        ACCEPTED,
        P,
        _env("{name: abc, valueFrom: {secretKeyRef: {name: some-secret, key: some-key, optional: true}}}"),
    ),
    Case(
        _VE + "missing APIVersion on ObjectFieldSelector is defaulted",
        V,
        ACCEPTED,
        P,
        _env("{name: abc, valueFrom: {fieldRef: {fieldPath: metadata.name}}}"),
    ),
    Case(_VE + "zero-length name", V, _E0 + "name", P, _env("{name: ''}")),
    Case(_VE + "illegal character", "1.30", _E0 + "name", P, _env("{name: a!b}")),
    Case(
        _VE + "value and valueFrom",
        V,
        _E0 + "valueFrom",
        P,
        _env("{name: abc, value: foo, valueFrom: {fieldRef: {apiVersion: v1, fieldPath: metadata.name}}}"),
    ),
    Case(_VE + "valueFrom without a source", V, _E0 + "valueFrom", P, _env("{name: abc, valueFrom: {}}")),
    Case(
        _VE + "valueFrom.fieldRef and valueFrom.secretKeyRef",
        V,
        _E0 + "valueFrom",
        P,
        _env(
            "{name: abc, valueFrom: {fieldRef: {apiVersion: v1, fieldPath: metadata.name}, "
            "secretKeyRef: {name: a-secret, key: a-key}}}"
        ),
    ),
    Case(
        _VE + "valueFrom.fieldRef and valueFrom.configMapKeyRef",
        V,
        _E0 + "valueFrom",
        P,
        _env(
            "{name: abc, valueFrom: {fieldRef: {apiVersion: v1, fieldPath: metadata.name}, "
            "configMapKeyRef: {name: some-config-map, key: some-key}}}"
        ),
    ),
    Case(
        _VE + "valueFrom.secretKeyRef.name invalid",
        V,
        _E0 + "valueFrom.secretKeyRef.name",
        P,
        _env("{name: abc, valueFrom: {secretKeyRef: {name: '$%^&*#', key: a-key}}}"),
    ),
    Case(
        _VE + "valueFrom.configMapKeyRef.name invalid",
        V,
        _E0 + "valueFrom.configMapKeyRef.name",
        P,
        _env("{name: abc, valueFrom: {configMapKeyRef: {name: '$%^&*#', key: some-key}}}"),
    ),
    Case(
        _VE + "missing secret key",
        V,
        _E0 + "valueFrom.secretKeyRef.key",
        P,
        _env("{name: abc, valueFrom: {secretKeyRef: {name: a-secret, key: ''}}}"),
    ),
    Case(
        _VE + "invalid secret key",
        V,
        _E0 + "valueFrom.secretKeyRef.key",
        P,
        _env("{name: abc, valueFrom: {secretKeyRef: {name: a-secret, key: '$%^&*#'}}}"),
    ),
    Case(
        _VE + "invalid config map key",
        V,
        _E0 + "valueFrom.configMapKeyRef.key",
        P,
        _env("{name: abc, valueFrom: {configMapKeyRef: {name: some-config-map, key: '$%^&*#'}}}"),
    ),
    Case(
        _VE + "missing FieldPath on ObjectFieldSelector",
        V,
        _E0 + "valueFrom.fieldRef.fieldPath",
        P,
        _env("{name: abc, valueFrom: {fieldRef: {apiVersion: v1}}}"),
    ),
    Case(
        _VE + "invalid fieldPath",
        V,
        _E0 + "valueFrom.fieldRef.fieldPath",
        P,
        _env("{name: abc, valueFrom: {fieldRef: {apiVersion: v1, fieldPath: metadata.whoops}}}"),
    ),
    Case(
        _VE + "metadata.name with subscript",
        V,
        _E0 + "valueFrom.fieldRef.fieldPath",
        P,
        _env("{name: abc, valueFrom: {fieldRef: {apiVersion: v1, fieldPath: \"metadata.name['key']\"}}}"),
    ),
    Case(
        _VE + "metadata.labels without subscript",
        V,
        _E0 + "valueFrom.fieldRef.fieldPath",
        P,
        _env("{name: labels, valueFrom: {fieldRef: {apiVersion: v1, fieldPath: metadata.labels}}}"),
    ),
    Case(
        _VE + "metadata.annotations without subscript",
        V,
        _E0 + "valueFrom.fieldRef.fieldPath",
        P,
        _env("{name: abc, valueFrom: {fieldRef: {apiVersion: v1, fieldPath: metadata.annotations}}}"),
    ),
    Case(
        _VE + "metadata.annotations with invalid key",
        V,
        _E0 + "valueFrom.fieldRef.fieldPath",
        P,
        _env(
            "{name: abc, valueFrom: {fieldRef: {apiVersion: v1, fieldPath: \"metadata.annotations['invalid~key']\"}}}"
        ),
    ),
    Case(
        _VE + "metadata.labels with invalid key",
        V,
        _E0 + "valueFrom.fieldRef.fieldPath",
        P,
        _env("{name: abc, valueFrom: {fieldRef: {apiVersion: v1, fieldPath: \"metadata.labels['Www.k8s.io/test']\"}}}"),
    ),
    Case(
        _VE + "unsupported fieldPath",
        V,
        _E0 + "valueFrom.fieldRef.fieldPath",
        P,
        _env("{name: abc, valueFrom: {fieldRef: {apiVersion: v1, fieldPath: status.phase}}}"),
    ),
    Case(
        _VE + "unsupported fieldRef apiVersion",
        V,
        _E0 + "valueFrom.fieldRef.apiVersion",
        P,
        _env("{name: abc, valueFrom: {fieldRef: {apiVersion: v2, fieldPath: metadata.name}}}"),
    ),
    Case(
        _VE + "invalid resourceFieldRef resource",
        V,
        _E0 + "valueFrom.resourceFieldRef.resource",
        P,
        _env("{name: abc, valueFrom: {resourceFieldRef: {resource: limits.gpu}}}"),
    ),
    Case(
        _VE + "invalid resourceFieldRef divisor",
        V,
        _E0 + "valueFrom.resourceFieldRef.divisor",
        P,
        _env("{name: abc, valueFrom: {resourceFieldRef: {resource: limits.cpu, divisor: '2'}}}"),
    ),
]

_VEF = "TestValidateEnvFrom/"
_F0 = "spec.containers[0].envFrom[0]"


def _env_from(item: str) -> str:
    return _ctr(f"envFrom: [{item}]")


ENV_FROM = [
    Case(_VEF + "configMapRef", V, ACCEPTED, P, _env_from("{configMapRef: {name: abc}}")),
    Case(_VEF + "configMapRef with prefix", V, ACCEPTED, P, _env_from("{prefix: pre_, configMapRef: {name: abc}}")),
    Case(
        _VEF + "configMapRef with dotted prefix",
        "1.30",
        ACCEPTED,
        P,
        _env_from("{prefix: a.b, configMapRef: {name: abc}}"),
    ),
    Case(_VEF + "secretRef", V, ACCEPTED, P, _env_from("{secretRef: {name: abc}}")),
    Case(
        _VEF + "secretRef with prefix",
        V,
        ACCEPTED,
        P,
        _env_from("{prefix: pre_, secretRef: {name: abc, optional: true}}"),
    ),
    Case(
        _VEF + "zero-length configMapRef name",
        V,
        _F0 + ".configMapRef.name",
        P,
        _env_from("{configMapRef: {name: ''}}"),
    ),
    Case(
        _VEF + "invalid configMapRef name", V, _F0 + ".configMapRef.name", P, _env_from("{configMapRef: {name: '$'}}")
    ),
    Case(
        _VEF + "invalid prefix",
        "1.30",
        _F0 + ".prefix",
        P,
        _env_from("{prefix: 'a!b', configMapRef: {name: abc}}"),
    ),
    Case(_VEF + "zero-length secretRef name", V, _F0 + ".secretRef.name", P, _env_from("{secretRef: {name: ''}}")),
    Case(_VEF + "invalid secretRef name", V, _F0 + ".secretRef.name", P, _env_from("{secretRef: {name: '&'}}")),
    Case(
        _VEF + "invalid secretRef prefix",
        "1.30",
        _F0 + ".prefix",
        P,
        _env_from("{prefix: 'a!b', secretRef: {name: abc}}"),
    ),
    Case(_VEF + "no refs", V, _F0, P, _env_from("{prefix: a}")),
    Case(
        _VEF + "multiple refs",
        V,
        _F0,
        P,
        _env_from("{secretRef: {name: abc}, configMapRef: {name: abc}}"),
    ),
]

_VPO = "TestValidatePorts/"
_P0 = "spec.containers[0].ports"


def _ports(items: str) -> str:
    return _ctr(f"ports: [{items}]")


PORTS = [
    Case(
        _VPO + "valid ports",
        V,
        ACCEPTED,
        P,
        _ports(
            "{name: abc, containerPort: 80, hostPort: 80, protocol: TCP}, {name: easy, containerPort: 82, "
            "protocol: TCP}, {name: as, containerPort: 83, protocol: UDP}, {name: do-re-me, containerPort: 84, "
            "protocol: SCTP}, {containerPort: 85, protocol: TCP}"
        ),
    ),
    Case(_VPO + "protocol defaulted", V, ACCEPTED, P, _ports("{containerPort: 80}")),
    Case(_VPO + "hostIP", V, ACCEPTED, P, _ports("{containerPort: 80, hostPort: 8080, hostIP: 10.0.0.1}")),
    Case(_VPO + "name with 15 characters", V, ACCEPTED, P, _ports("{name: " + "a" * 15 + ", containerPort: 80}")),
    Case(_VPO + "name > 15 characters", V, _P0 + "[0].name", P, _ports("{name: " + "a" * 16 + ", containerPort: 80}")),
    Case(_VPO + "name contains invalid characters", V, _P0 + "[0].name", P, _ports("{name: a.b.c, containerPort: 80}")),
    Case(_VPO + "name is a number", V, _P0 + "[0].name", P, _ports("{name: '80', containerPort: 80}")),
    Case(_VPO + "name with two hyphens", V, _P0 + "[0].name", P, _ports("{name: a--b, containerPort: 80}")),
    Case(
        _VPO + "name not unique",
        V,
        _P0 + "[1].name",
        P,
        _ports("{name: abc, containerPort: 80}, {name: abc, containerPort: 81}"),
    ),
    Case(_VPO + "zero container port", V, _P0 + "[0].containerPort", P, _ports("{containerPort: 0}")),
    Case(_VPO + "invalid container port", V, _P0 + "[0].containerPort", P, _ports("{containerPort: 65536}")),
    Case(_VPO + "invalid host port", V, _P0 + "[0].hostPort", P, _ports("{containerPort: 80, hostPort: 65536}")),
    Case(_VPO + "invalid protocol case", V, _P0 + "[0].protocol", P, _ports("{containerPort: 80, protocol: tcp}")),
    Case(_VPO + "invalid protocol", V, _P0 + "[0].protocol", P, _ports("{containerPort: 80, protocol: ICMP}")),
    Case(
        _VPO + "duplicate containerPort and protocol",
        V,
        ACCEPTED,
        P,
        _ports("{containerPort: 80, protocol: TCP}, {containerPort: 80, protocol: TCP}"),
    ),
]

_VV = "TestValidateVolumes/"
_V0 = "spec.volumes[0]."
VOLUMES = [
    Case(_VV + "valid alpha name", V, ACCEPTED, P, _vol("emptyDir: {}", name="empty")),
    Case(_VV + "valid num name", V, ACCEPTED, P, _vol("emptyDir: {}", name="'123'")),
    Case(_VV + "valid alphanum name", V, ACCEPTED, P, _vol("emptyDir: {}", name="empty-123")),
    Case(_VV + "valid numalpha name", V, ACCEPTED, P, _vol("emptyDir: {}", name="123-empty")),
    Case(
        _VV + "emptyDir medium Memory with sizeLimit",
        V,
        ACCEPTED,
        P,
        _vol("emptyDir: {medium: Memory, sizeLimit: 1Gi}"),
    ),
    Case(_VV + "zero-length name", V, _V0 + "name", P, _vol("emptyDir: {}", name="''")),
    Case(_VV + "name > 63 characters", V, _V0 + "name", P, _vol("emptyDir: {}", name="a" * 64)),
    Case(_VV + "name has dots", V, _V0 + "name", P, _vol("emptyDir: {}", name="a.b.c")),
    Case(_VV + "name not a DNS label", V, _V0 + "name", P, _vol("emptyDir: {}", name="Not_A_Label")),
    Case(
        _VV + "name not unique",
        V,
        "spec.volumes[1].name",
        P,
        "spec: {volumes: [{name: abc, emptyDir: {}}, {name: abc, emptyDir: {}}]}",
    ),
    Case(_VV + "no volume source, emptyDir defaulted", V, ACCEPTED, P, "spec: {volumes: [{name: vol}]}"),
    Case(
        _VV + "multiple volume sources",
        V,
        "spec.volumes[0].hostPath",
        P,
        _vol("emptyDir: {}, hostPath: {path: /mnt/path}"),
    ),
    Case(_VV + "valid HostPath", V, ACCEPTED, P, _vol("hostPath: {path: /mnt/path, type: DirectoryOrCreate}")),
    Case(_VV + "valid HostPath socket", V, ACCEPTED, P, _vol("hostPath: {path: /var/run/x.sock, type: Socket}")),
    Case(_VV + "valid HostPath empty type", V, ACCEPTED, P, _vol("hostPath: {path: /mnt/path, type: ''}")),
    Case(
        _VV + "invalid HostPath backsteps",
        V,
        _V0 + "hostPath.path",
        P,
        _vol("hostPath: {path: /mnt/path/.., type: Directory}"),
    ),
    Case(
        _VV + "invalid HostPath type", V, _V0 + "hostPath.type", P, _vol("hostPath: {path: /mnt/path, type: invalid}")
    ),
    Case(
        _VV + "valid ISCSI",
        V,
        ACCEPTED,
        P,
        _vol("iscsi: {targetPortal: 127.0.0.1, iqn: 'iqn.2015-02.example.com:test', lun: 1, fsType: ext4}"),
    ),
    Case(
        _VV + "valid IQN: eui format",
        V,
        ACCEPTED,
        P,
        _vol("iscsi: {targetPortal: 127.0.0.1, iqn: eui.0123456789ABCDEF, lun: 1}"),
    ),
    Case(
        _VV + "valid IQN: naa format",
        V,
        ACCEPTED,
        P,
        _vol("iscsi: {targetPortal: 127.0.0.1, iqn: naa.62004567BA64678D0123456789ABCDEF, lun: 1}"),
    ),
    Case(
        _VV + "empty portal",
        V,
        _V0 + "iscsi.targetPortal",
        P,
        _vol("iscsi: {targetPortal: '', iqn: 'iqn.2015-02.example.com:test', lun: 1}"),
    ),
    Case(_VV + "empty iqn", V, _V0 + "iscsi.iqn", P, _vol("iscsi: {targetPortal: 127.0.0.1, iqn: '', lun: 1}")),
    Case(
        _VV + "invalid IQN: iqn format",
        V,
        _V0 + "iscsi.iqn",
        P,
        _vol("iscsi: {targetPortal: 127.0.0.1, iqn: 'iqn.2015-02.example.com:test;ls;', lun: 1}"),
    ),
    Case(
        _VV + "invalid IQN: eui format",
        V,
        _V0 + "iscsi.iqn",
        P,
        _vol("iscsi: {targetPortal: 127.0.0.1, iqn: eui.0123456789ABCDEFGHIJ, lun: 1}"),
    ),
    Case(
        _VV + "invalid IQN: naa format",
        V,
        _V0 + "iscsi.iqn",
        P,
        _vol("iscsi: {targetPortal: 127.0.0.1, iqn: naa.62004567BA_4-78D.123456789ABCDEF, lun: 1}"),
    ),
    Case(
        _VV + "valid initiatorName",
        V,
        ACCEPTED,
        P,
        _vol(
            "iscsi: {targetPortal: 127.0.0.1, iqn: 'iqn.2015-02.example.com:test', lun: 1, "
            "initiatorName: 'iqn.2015-02.example.com:init'}"
        ),
    ),
    Case(
        _VV + "invalid initiatorName",
        V,
        _V0 + "iscsi.initiatorname",
        P,
        _vol(
            "iscsi: {targetPortal: 127.0.0.1, iqn: 'iqn.2015-02.example.com:test', lun: 1, "
            "initiatorName: 'iqn.2015-02.example.com:init;ls;'}"
        ),
    ),
    Case(
        _VV + "empty secret with chapAuthDiscovery",
        V,
        _V0 + "iscsi.secretRef",
        P,
        _vol("iscsi: {targetPortal: 127.0.0.1, iqn: 'iqn.2015-02.example.com:test', lun: 1, chapAuthDiscovery: true}"),
    ),
    Case(
        _VV + "empty secret with chapAuthSession",
        V,
        _V0 + "iscsi.secretRef",
        P,
        _vol("iscsi: {targetPortal: 127.0.0.1, iqn: 'iqn.2015-02.example.com:test', lun: 1, chapAuthSession: true}"),
    ),
    Case(_VV + "valid Secret", V, ACCEPTED, P, _vol("secret: {secretName: my-secret}")),
    Case(
        _VV + "valid Secret with defaultMode",
        V,
        ACCEPTED,
        P,
        _vol("secret: {secretName: my-secret, defaultMode: 0644}"),
    ),
    Case(
        _VV + "valid Secret with projection and mode",
        V,
        ACCEPTED,
        P,
        _vol("secret: {secretName: my-secret, items: [{key: key, path: filename, mode: 0644}]}"),
    ),
    Case(
        _VV + "valid Secret with subdir projection",
        V,
        ACCEPTED,
        P,
        _vol("secret: {secretName: my-secret, items: [{key: key, path: dir/filename}]}"),
    ),
    Case(
        _VV + "secret with missing path",
        V,
        _V0 + "secret.items[0].path",
        P,
        _vol("secret: {secretName: s, items: [{key: key, path: ''}]}"),
    ),
    Case(
        _VV + "secret with leading ..",
        V,
        _V0 + "secret.items[0].path",
        P,
        _vol("secret: {secretName: s, items: [{key: key, path: ../foo}]}"),
    ),
    Case(
        _VV + "secret with .. inside",
        V,
        _V0 + "secret.items[0].path",
        P,
        _vol("secret: {secretName: s, items: [{key: key, path: foo/../../../bar}]}"),
    ),
    Case(
        _VV + "secret with absolute path",
        V,
        _V0 + "secret.items[0].path",
        P,
        _vol("secret: {secretName: s, items: [{key: key, path: /etc/foo}]}"),
    ),
    Case(
        _VV + "secret with invalid positive defaultMode",
        V,
        _V0 + "secret.defaultMode",
        P,
        _vol("secret: {secretName: s, defaultMode: 01000}"),
    ),
    Case(
        _VV + "secret with invalid negative defaultMode",
        V,
        _V0 + "secret.defaultMode",
        P,
        _vol("secret: {secretName: s, defaultMode: -1}"),
    ),
    Case(
        _VV + "secret with invalid item mode",
        V,
        _V0 + "secret.items[0].mode",
        P,
        _vol("secret: {secretName: s, items: [{key: key, path: p, mode: 01000}]}"),
    ),
    Case(_VV + "secret with empty secretName", V, _V0 + "secret.secretName", P, _vol("secret: {secretName: ''}")),
    Case(_VV + "valid ConfigMap", V, ACCEPTED, P, _vol("configMap: {name: my-cfgmap}")),
    Case(
        _VV + "valid ConfigMap with defaultMode",
        V,
        ACCEPTED,
        P,
        _vol("configMap: {name: my-cfgmap, defaultMode: 0644}"),
    ),
    Case(
        _VV + "valid ConfigMap with projection and mode",
        V,
        ACCEPTED,
        P,
        _vol("configMap: {name: my-cfgmap, items: [{key: key, path: filename, mode: 0644}]}"),
    ),
    Case(
        _VV + "valid ConfigMap with subdir projection",
        V,
        ACCEPTED,
        P,
        _vol("configMap: {name: my-cfgmap, items: [{key: key, path: dir/filename}]}"),
    ),
    Case(
        _VV + "configmap with missing path",
        V,
        _V0 + "configMap.items[0].path",
        P,
        _vol("configMap: {name: c, items: [{key: key, path: ''}]}"),
    ),
    Case(
        _VV + "configmap with leading ..",
        V,
        _V0 + "configMap.items[0].path",
        P,
        _vol("configMap: {name: c, items: [{key: key, path: ../foo}]}"),
    ),
    Case(
        _VV + "configmap with .. inside",
        V,
        _V0 + "configMap.items[0].path",
        P,
        _vol("configMap: {name: c, items: [{key: key, path: foo/../../../bar}]}"),
    ),
    Case(
        _VV + "configmap with invalid positive defaultMode",
        V,
        _V0 + "configMap.defaultMode",
        P,
        _vol("configMap: {name: c, defaultMode: 01000}"),
    ),
    Case(
        _VV + "configmap with invalid negative defaultMode",
        V,
        _V0 + "configMap.defaultMode",
        P,
        _vol("configMap: {name: c, defaultMode: -1}"),
    ),
    Case(_VV + "configmap with empty name", V, _V0 + "configMap.name", P, _vol("configMap: {name: ''}")),
    Case(_VV + "valid Glusterfs", V, ACCEPTED, P, _vol("glusterfs: {endpoints: host1, path: path}")),
    Case(_VV + "empty hosts", V, _V0 + "glusterfs.endpoints", P, _vol("glusterfs: {endpoints: '', path: path}")),
    Case(_VV + "empty path", V, _V0 + "glusterfs.path", P, _vol("glusterfs: {endpoints: host, path: ''}")),
    Case(_VV + "valid RBD", V, ACCEPTED, P, _vol("rbd: {monitors: [foo], image: bar, fsType: ext4}")),
    Case(_VV + "empty rbd monitors", V, _V0 + "rbd.monitors", P, _vol("rbd: {monitors: [], image: bar}")),
    Case(_VV + "empty image", V, _V0 + "rbd.image", P, _vol("rbd: {monitors: [foo], image: ''}")),
    Case(
        _VV + "valid Cinder",
        V,
        ACCEPTED,
        P,
        _vol("cinder: {volumeID: 29ea5088-4f60-4757-962e-dba678767887, fsType: ext4, readOnly: false}"),
    ),
    Case(_VV + "empty Cinder volumeID", V, _V0 + "cinder.volumeID", P, _vol("cinder: {volumeID: ''}")),
    Case(_VV + "valid CephFS", V, ACCEPTED, P, _vol("cephfs: {monitors: [foo]}")),
    Case(_VV + "empty cephfs monitors", V, _V0 + "cephfs.monitors", P, _vol("cephfs: {monitors: []}")),
    Case(
        _VV + "valid DownwardAPI",
        V,
        ACCEPTED,
        P,
        _vol(
            "downwardAPI: {items: [{path: labels, fieldRef: {apiVersion: v1, fieldPath: metadata.labels}}, "
            "{path: labels with subscript, fieldRef: {apiVersion: v1, fieldPath: \"metadata.labels['key']\"}}, "
            "{path: annotations, fieldRef: {apiVersion: v1, fieldPath: metadata.annotations}}, "
            "{path: namespace, fieldRef: {apiVersion: v1, fieldPath: metadata.namespace}}, "
            "{path: name, fieldRef: {apiVersion: v1, fieldPath: metadata.name}}, "
            "{path: path/with/subdirs, fieldRef: {apiVersion: v1, fieldPath: metadata.labels}}, "
            "{path: path/./withdot, fieldRef: {apiVersion: v1, fieldPath: metadata.labels}}, "
            "{path: path/with/embedded..dotdot, fieldRef: {apiVersion: v1, fieldPath: metadata.labels}}, "
            "{path: path/with/leading/..dotdot, fieldRef: {apiVersion: v1, fieldPath: metadata.labels}}, "
            "{path: cpu_limit, resourceFieldRef: {containerName: ctr, resource: limits.cpu}}, "
            "{path: cpu_request, resourceFieldRef: {containerName: ctr, resource: requests.cpu}}, "
            "{path: memory_limit, resourceFieldRef: {containerName: ctr, resource: limits.memory}}]}"
        ),
    ),
    Case(
        _VV + "hugepages-downwardAPI-enabled",
        V,
        ACCEPTED,
        P,
        _vol(
            "downwardAPI: {items: [{path: hugepages_request, resourceFieldRef: {containerName: ctr, "
            "resource: requests.hugepages-2Mi}}, {path: hugepages_limit, resourceFieldRef: {containerName: ctr, "
            "resource: limits.hugepages-2Mi}}]}"
        ),
    ),
    Case(_VV + "downapi valid defaultMode", V, ACCEPTED, P, _vol("downwardAPI: {defaultMode: 0644}")),
    Case(
        _VV + "downapi valid item mode",
        V,
        ACCEPTED,
        P,
        _vol(
            "downwardAPI: {items: [{mode: 0644, path: path, fieldRef: {apiVersion: v1, fieldPath: metadata.labels}}]}"
        ),
    ),
    Case(
        _VV + "downapi invalid positive item mode",
        V,
        _V0 + "downwardAPI.items[0].mode",
        P,
        _vol(
            "downwardAPI: {items: [{mode: 01000, path: path, fieldRef: {apiVersion: v1, fieldPath: metadata.labels}}]}"
        ),
    ),
    Case(
        _VV + "downapi invalid negative item mode",
        V,
        _V0 + "downwardAPI.items[0].mode",
        P,
        _vol("downwardAPI: {items: [{mode: -1, path: path, fieldRef: {apiVersion: v1, fieldPath: metadata.labels}}]}"),
    ),
    Case(
        _VV + "downapi empty metatdata path",
        V,
        _V0 + "downwardAPI.items[0].path",
        P,
        _vol("downwardAPI: {items: [{path: '', fieldRef: {apiVersion: v1, fieldPath: metadata.labels}}]}"),
    ),
    Case(
        _VV + "downapi absolute path",
        V,
        _V0 + "downwardAPI.items[0].path",
        P,
        _vol("downwardAPI: {items: [{path: /absolutepath, fieldRef: {apiVersion: v1, fieldPath: metadata.labels}}]}"),
    ),
    Case(
        _VV + "downapi dot dot path",
        V,
        _V0 + "downwardAPI.items[0].path",
        P,
        _vol("downwardAPI: {items: [{path: ../../passwd, fieldRef: {apiVersion: v1, fieldPath: metadata.labels}}]}"),
    ),
    Case(
        _VV + "downapi dot dot file name",
        V,
        _V0 + "downwardAPI.items[0].path",
        P,
        _vol("downwardAPI: {items: [{path: ..badFileName, fieldRef: {apiVersion: v1, fieldPath: metadata.labels}}]}"),
    ),
    Case(
        _VV + "downapi dot dot first level dirent",
        V,
        _V0 + "downwardAPI.items[0].path",
        P,
        _vol(
            "downwardAPI: {items: [{path: ..badDirName/goodFileName, fieldRef: {apiVersion: v1, "
            "fieldPath: metadata.labels}}]}"
        ),
    ),
    Case(
        _VV + "downapi fieldRef and ResourceFieldRef together",
        V,
        _V0 + "downwardAPI.items[0]",
        P,
        _vol(
            "downwardAPI: {items: [{path: test, fieldRef: {apiVersion: v1, fieldPath: metadata.labels}, "
            "resourceFieldRef: {containerName: ctr, resource: requests.memory}}]}"
        ),
    ),
    Case(
        _VV + "downapi invalid positive defaultMode",
        V,
        _V0 + "downwardAPI.defaultMode",
        P,
        _vol("downwardAPI: {defaultMode: 01000}"),
    ),
    Case(
        _VV + "downapi invalid negative defaultMode",
        V,
        _V0 + "downwardAPI.defaultMode",
        P,
        _vol("downwardAPI: {defaultMode: -1}"),
    ),
    Case(
        _VV + "downapi unsupported fieldPath",
        V,
        _V0 + "downwardAPI.items[0].fieldRef.fieldPath",
        P,
        _vol("downwardAPI: {items: [{path: p, fieldRef: {apiVersion: v1, fieldPath: spec.nodeName}}]}"),
    ),
    Case(
        _VV + "downapi resourceFieldRef without containerName",
        V,
        _V0 + "downwardAPI.items[0].resourceFieldRef.containerName",
        P,
        _vol("downwardAPI: {items: [{path: p, resourceFieldRef: {resource: limits.cpu}}]}"),
    ),
    Case(
        _VV + "FC valid targetWWNs and lun", V, ACCEPTED, P, _vol("fc: {targetWWNs: [some_wwn], lun: 1, fsType: ext4}")
    ),
    Case(_VV + "FC valid wwids", V, ACCEPTED, P, _vol("fc: {wwids: [some_wwid], fsType: ext4}")),
    Case(
        _VV + "FC empty targetWWNs and wwids",
        V,
        _V0 + "fc.targetWWNs",
        P,
        _vol("fc: {targetWWNs: [], lun: 1, wwids: []}"),
    ),
    Case(
        _VV + "FC invalid: both targetWWNs and wwids simultaneously",
        V,
        _V0 + "fc.targetWWNs",
        P,
        _vol("fc: {targetWWNs: [some_wwn], lun: 1, wwids: [some_wwid]}"),
    ),
    Case(_VV + "FC valid targetWWNs and empty lun", V, _V0 + "fc.lun", P, _vol("fc: {targetWWNs: [wwn]}")),
    Case(_VV + "FC valid targetWWNs and invalid lun", V, _V0 + "fc.lun", P, _vol("fc: {targetWWNs: [wwn], lun: 256}")),
    Case(_VV + "valid AzureFile", V, ACCEPTED, P, _vol("azureFile: {secretName: key, shareName: share}")),
    Case(
        _VV + "AzureFile empty secret",
        V,
        _V0 + "azureFile.secretName",
        P,
        _vol("azureFile: {secretName: '', shareName: share}"),
    ),
    Case(
        _VV + "AzureFile empty share",
        V,
        _V0 + "azureFile.shareName",
        P,
        _vol("azureFile: {secretName: name, shareName: ''}"),
    ),
    Case(
        _VV + "valid AzureDisk",
        V,
        ACCEPTED,
        P,
        _vol("azureDisk: {diskName: foo, diskURI: 'https://blob/vhds/bar.vhd'}"),
    ),
    Case(
        _VV + "AzureDisk empty disk name",
        V,
        _V0 + "azureDisk.diskName",
        P,
        _vol("azureDisk: {diskName: '', diskURI: 'https://blob/vhds/bar.vhd'}"),
    ),
    Case(
        _VV + "AzureDisk empty disk uri",
        V,
        _V0 + "azureDisk.diskURI",
        P,
        _vol("azureDisk: {diskName: foo, diskURI: ''}"),
    ),
    Case(_VV + "valid NFS", V, ACCEPTED, P, _vol("nfs: {server: my-server, path: /tmp}")),
    Case(_VV + "NFS relative path", V, _V0 + "nfs.path", P, _vol("nfs: {server: my-server, path: tmp}")),
    Case(_VV + "NFS empty server", V, _V0 + "nfs.server", P, _vol("nfs: {server: '', path: /tmp}")),
    Case(
        _VV + "valid GCEPersistentDisk",
        V,
        ACCEPTED,
        P,
        _vol("gcePersistentDisk: {pdName: my-PD, fsType: ext4, partition: 1}"),
    ),
    Case(
        _VV + "GCEPersistentDisk empty pdName",
        V,
        _V0 + "gcePersistentDisk.pdName",
        P,
        _vol("gcePersistentDisk: {pdName: ''}"),
    ),
    Case(
        _VV + "valid AWSElasticBlockStore",
        V,
        ACCEPTED,
        P,
        _vol("awsElasticBlockStore: {volumeID: my-PD, fsType: ext4, partition: 1}"),
    ),
    Case(
        _VV + "AWSElasticBlockStore empty volumeID",
        V,
        _V0 + "awsElasticBlockStore.volumeID",
        P,
        _vol("awsElasticBlockStore: {volumeID: ''}"),
    ),
    Case(
        _VV + "valid GitRepo",
        V,
        ACCEPTED,
        P,
        _vol("gitRepo: {repository: my-repo, revision: hashstring, directory: target}"),
    ),
    Case(_VV + "GitRepo empty repository", V, _V0 + "gitRepo.repository", P, _vol("gitRepo: {repository: ''}")),
    Case(
        _VV + "GitRepo target directory with ..",
        V,
        _V0 + "gitRepo.directory",
        P,
        _vol("gitRepo: {repository: my-repo, directory: ../dots/bar}"),
    ),
    Case(
        _VV + "GitRepo absolute target directory",
        V,
        _V0 + "gitRepo.directory",
        P,
        _vol("gitRepo: {repository: my-repo, directory: /abstarget}"),
    ),
    Case(_VV + "valid FlexVolume", V, ACCEPTED, P, _vol("flexVolume: {driver: kubernetes.io/blue, fsType: ext4}")),
    Case(_VV + "FlexVolume empty driver", V, _V0 + "flexVolume.driver", P, _vol("flexVolume: {driver: ''}")),
    Case(
        _VV + "valid CSI",
        V,
        ACCEPTED,
        P,
        _vol("csi: {driver: com.google.gcepd, volumeAttributes: {foo: bar}, nodePublishSecretRef: {name: s}}"),
    ),
    Case(_VV + "CSI empty driver", V, _V0 + "csi.driver", P, _vol("csi: {driver: ''}")),
    Case(_VV + "CSI invalid driver name", V, _V0 + "csi.driver", P, _vol("csi: {driver: 'com google gcepd'}")),
    Case(
        _VV + "CSI empty nodePublishSecretRef name",
        V,
        _V0 + "csi.nodePublishSecretRef.name",
        P,
        _vol("csi: {driver: com.google.gcepd, nodePublishSecretRef: {name: ''}}"),
    ),
    Case(
        _VV + "valid Projected",
        V,
        ACCEPTED,
        P,
        _vol(
            "projected: {sources: [{secret: {name: s, items: [{key: a, path: a}]}}, {configMap: {name: c, items: "
            "[{key: b, path: b}]}}, {downwardAPI: {items: [{path: n, fieldRef: {apiVersion: v1, fieldPath: "
            "metadata.name}}]}}, {serviceAccountToken: {path: token, expirationSeconds: 3600, audience: api}}]}"
        ),
    ),
    Case(
        _VV + "ProjectedVolumeSource more than one projection in a source",
        V,
        "spec.volumes[0].projected.sources[0].configMap",
        P,
        _vol("projected: {sources: [{secret: {name: s}, configMap: {name: c}}]}"),
    ),
    Case(
        _VV + "projected service account token with expirationSeconds below 600",
        V,
        _V0 + "projected.sources[0].serviceAccountToken.expirationSeconds",
        P,
        _vol("projected: {sources: [{serviceAccountToken: {path: token, expirationSeconds: 599}}]}"),
    ),
    Case(
        _VV + "projected service account token with an absolute path",
        V,
        _V0 + "projected.sources[0].serviceAccountToken.path",
        P,
        _vol("projected: {sources: [{serviceAccountToken: {path: /token}}]}"),
    ),
    Case(
        _VV + "projected conflicting paths",
        V,
        _V0 + "projected.sources[1].configMap.items[0].path",
        P,
        _vol(
            "projected: {sources: [{secret: {name: s, items: [{key: a, path: same}]}}, "
            "{configMap: {name: c, items: [{key: b, path: same}]}}]}"
        ),
    ),
    Case(
        _VV + "projected invalid defaultMode",
        V,
        _V0 + "projected.defaultMode",
        P,
        _vol("projected: {sources: [], defaultMode: 01000}"),
    ),
    Case(
        _VV + "valid PersistentVolumeClaim",
        V,
        ACCEPTED,
        P,
        _vol("persistentVolumeClaim: {claimName: my-pvc, readOnly: true}"),
    ),
    Case(
        _VV + "PersistentVolumeClaim empty claimName",
        V,
        _V0 + "persistentVolumeClaim.claimName",
        P,
        _vol("persistentVolumeClaim: {claimName: ''}"),
    ),
    Case(
        _VV + "valid ephemeral",
        V,
        ACCEPTED,
        P,
        _vol(
            "ephemeral: {volumeClaimTemplate: {metadata: {labels: {a: b}}, spec: {accessModes: [ReadWriteOnce], "
            "resources: {requests: {storage: 10Gi}}}}}"
        ),
    ),
    Case(
        _VV + "ephemeral without a template",
        V,
        _V0 + "ephemeral.volumeClaimTemplate",
        P,
        _vol("ephemeral: {}"),
    ),
    Case(
        _VV + "ephemeral template with a name",
        V,
        _V0 + "ephemeral.volumeClaimTemplate.metadata.name",
        P,
        _vol(
            "ephemeral: {volumeClaimTemplate: {metadata: {name: foo}, spec: {accessModes: [ReadWriteOnce], "
            "resources: {requests: {storage: 10Gi}}}}}"
        ),
    ),
    Case(
        _VV + "ephemeral template without access modes",
        V,
        _V0 + "ephemeral.volumeClaimTemplate.spec.accessModes",
        P,
        _vol("ephemeral: {volumeClaimTemplate: {spec: {resources: {requests: {storage: 10Gi}}}}}"),
    ),
    Case(
        _VV + "valid ScaleIO",
        V,
        ACCEPTED,
        P,
        _vol(
            "scaleIO: {gateway: 'http://abcd/efg', system: test-system, volumeName: test-vol-1, secretRef: {name: s}}"
        ),
    ),
    Case(
        _VV + "ScaleIO with empty name",
        V,
        _V0 + "scaleIO.volumeName",
        P,
        _vol("scaleIO: {gateway: 'http://abcd/efg', system: test-system, volumeName: '', secretRef: {name: s}}"),
    ),
    Case(
        _VV + "ScaleIO with empty gateway",
        V,
        _V0 + "scaleIO.gateway",
        P,
        _vol("scaleIO: {gateway: '', system: test-system, volumeName: v, secretRef: {name: s}}"),
    ),
    Case(
        _VV + "ScaleIO with empty system",
        V,
        _V0 + "scaleIO.system",
        P,
        _vol("scaleIO: {gateway: 'http://abcd/efg', system: '', volumeName: v, secretRef: {name: s}}"),
    ),
    Case(
        _VV + "valid vsphereVolume",
        V,
        ACCEPTED,
        P,
        _vol("vsphereVolume: {volumePath: '[datastore] volumes/myDisk.vmdk', fsType: ext4}"),
    ),
    Case(
        _VV + "vsphereVolume empty volumePath",
        V,
        _V0 + "vsphereVolume.volumePath",
        P,
        _vol("vsphereVolume: {volumePath: ''}"),
    ),
    Case(
        _VV + "valid portworxVolume",
        V,
        ACCEPTED,
        P,
        _vol("portworxVolume: {volumeID: pxvol, fsType: ext4}"),
    ),
    Case(
        _VV + "portworxVolume empty volumeID",
        V,
        _V0 + "portworxVolume.volumeID",
        P,
        _vol("portworxVolume: {volumeID: ''}"),
    ),
    Case(
        _VV + "valid storageos",
        V,
        ACCEPTED,
        P,
        _vol("storageos: {volumeName: vol, volumeNamespace: default}"),
    ),
    Case(
        _VV + "storageos invalid volumeNamespace",
        V,
        _V0 + "storageos.volumeNamespace",
        P,
        _vol("storageos: {volumeName: vol, volumeNamespace: 'Not_Valid'}"),
    ),
    Case(
        _VV + "valid photonPersistentDisk",
        V,
        ACCEPTED,
        P,
        _vol("photonPersistentDisk: {pdID: pd1}"),
    ),
    Case(
        _VV + "photonPersistentDisk empty pdID",
        V,
        _V0 + "photonPersistentDisk.pdID",
        P,
        _vol("photonPersistentDisk: {pdID: ''}"),
    ),
    Case(_VV + "valid quobyte", V, ACCEPTED, P, _vol("quobyte: {registry: 'registry:7861', volume: vol}")),
    Case(
        _VV + "quobyte empty volume",
        V,
        _V0 + "quobyte.volume",
        P,
        _vol("quobyte: {registry: 'registry:7861', volume: ''}"),
    ),
    Case(_VV + "valid flocker datasetName", V, ACCEPTED, P, _vol("flocker: {datasetName: datasetName}")),
    Case(
        _VV + "valid flocker datasetUUID",
        V,
        ACCEPTED,
        P,
        _vol("flocker: {datasetUUID: d846b09d-223d-43df-ab5b-d6db2206a0e4}"),
    ),
    Case(_VV + "both empty", V, _V0 + "flocker", P, _vol("flocker: {}")),
    Case(
        _VV + "both specified",
        V,
        _V0 + "flocker",
        P,
        _vol("flocker: {datasetName: datasetName, datasetUUID: d846b09d-223d-43df-ab5b-d6db2206a0e4}"),
    ),
    Case(
        _VV + "slash in flocker datasetName", V, _V0 + "flocker.datasetName", P, _vol("flocker: {datasetName: foo/bar}")
    ),
]

_VM = "TestValidateVolumeMounts/"
_M = "spec.containers[0].volumeMounts"
_MVOLS = (
    "volumes: [{name: abc, persistentVolumeClaim: {claimName: testclaim1}}, {name: abc-123, "
    "persistentVolumeClaim: {claimName: testclaim2}}, {name: '123', hostPath: {path: /foo/baz}}]"
)


def _mounts(items: str, *, ctr: str = "", extra: str = "") -> str:
    fields = f"volumeMounts: [{items}]" + (", " + ctr if ctr else "")
    return _ctr(fields, extra=_MVOLS + (", " + extra if extra else ""))


VOLUME_MOUNTS = [
    Case(
        _VM + "valid mounts",
        V,
        ACCEPTED,
        P,
        _mounts(
            "{name: abc, mountPath: /foo}, {name: '123', mountPath: /bar}, {name: abc-123, mountPath: /baz}, "
            "{name: abc-123, mountPath: /baa, subPath: ''}, {name: abc-123, mountPath: /bab, subPath: baz}, "
            "{name: abc-123, mountPath: /bac, subPath: '.baz'}, {name: abc-123, mountPath: /bad, subPath: '..baz'}"
        ),
    ),
    Case(
        _VM + "valid subPathExpr",
        V,
        ACCEPTED,
        P,
        _mounts("{name: abc, mountPath: /foo, subPathExpr: $(POD_NAME)}"),
    ),
    Case(
        _VM + "valid mountPropagation HostToContainer",
        V,
        ACCEPTED,
        P,
        _mounts("{name: abc, mountPath: /foo, mountPropagation: HostToContainer}"),
    ),
    Case(
        _VM + "valid mountPropagation Bidirectional when privileged",
        V,
        ACCEPTED,
        P,
        _mounts(
            "{name: abc, mountPath: /foo, mountPropagation: Bidirectional}", ctr="securityContext: {privileged: true}"
        ),
    ),
    Case(
        _VM + "valid recursiveReadOnly Enabled",
        V,
        ACCEPTED,
        P,
        _mounts("{name: abc, mountPath: /foo, readOnly: true, recursiveReadOnly: Enabled}"),
    ),
    Case(
        _VM + "valid recursiveReadOnly IfPossible",
        V,
        ACCEPTED,
        P,
        _mounts("{name: abc, mountPath: /foo, readOnly: true, recursiveReadOnly: IfPossible}"),
    ),
    Case(_VM + "empty name", V, _M + "[0].name", P, _mounts("{name: '', mountPath: /foo}")),
    Case(
        _VM + "name not found", V, _M + "[0].name", P, _mounts("{name: '', mountPath: /foo}".replace("''", "notfound"))
    ),
    Case(_VM + "empty mountpath", V, _M + "[0].mountPath", P, _mounts("{name: abc, mountPath: ''}")),
    Case(
        _VM + "mountpath collision",
        V,
        _M + "[1].mountPath",
        P,
        _mounts("{name: abc, mountPath: /path/a}, {name: abc-123, mountPath: /path/a}"),
    ),
    Case(_VM + "absolute subpath", V, _M + "[0].subPath", P, _mounts("{name: abc, mountPath: /bar, subPath: /baz}")),
    Case(_VM + "subpath in ..", V, _M + "[0].subPath", P, _mounts("{name: abc, mountPath: /bar, subPath: ../baz}")),
    Case(
        _VM + "subpath contains ..",
        V,
        _M + "[0].subPath",
        P,
        _mounts("{name: abc, mountPath: /bar, subPath: baz/../bat}"),
    ),
    Case(_VM + "subpath ends in ..", V, _M + "[0].subPath", P, _mounts("{name: abc, mountPath: /bar, subPath: ./..}")),
    Case(
        _VM + "subpath and subpathexpr both specified",
        V,
        _M + "[0].subPathExpr",
        P,
        _mounts("{name: abc, mountPath: /bar, subPath: baz, subPathExpr: $(POD_NAME)}"),
    ),
    Case(
        _VM + "absolute subPathExpr",
        V,
        _M + "[0].subPathExpr",
        P,
        _mounts("{name: abc, mountPath: /bar, subPathExpr: /$(POD_NAME)}"),
    ),
    Case(
        _VM + "invalid mountPropagation",
        V,
        _M + "[0].mountPropagation",
        P,
        _mounts("{name: abc, mountPath: /foo, mountPropagation: foo}"),
    ),
    Case(
        _VM + "Bidirectional mountPropagation without privileged",
        V,
        _M + "[0].mountPropagation",
        P,
        _mounts("{name: abc, mountPath: /foo, mountPropagation: Bidirectional}"),
    ),
    Case(
        _VM + "recursiveReadOnly without readOnly",
        V,
        _M + "[0].recursiveReadOnly",
        P,
        _mounts("{name: abc, mountPath: /foo, recursiveReadOnly: Enabled}"),
    ),
    Case(
        _VM + "recursiveReadOnly with mountPropagation",
        V,
        _M + "[0].recursiveReadOnly",
        P,
        _mounts(
            "{name: abc, mountPath: /foo, readOnly: true, recursiveReadOnly: Enabled, "
            "mountPropagation: HostToContainer}"
        ),
    ),
    Case(
        _VM + "invalid recursiveReadOnly",
        V,
        _M + "[0].recursiveReadOnly",
        P,
        _mounts("{name: abc, mountPath: /foo, readOnly: true, recursiveReadOnly: Always}"),
    ),
    Case(
        _VM + "name exists in volumeDevice",
        V,
        _M + "[0].name",
        P,
        _mounts("{name: abc, mountPath: /foo}", ctr="volumeDevices: [{name: abc, devicePath: /dev/xvda}]"),
    ),
    Case(
        _VM + "mountpath exists in volumeDevice",
        V,
        _M + "[0].mountPath",
        P,
        _mounts("{name: abc, mountPath: /dev/xvda}", ctr="volumeDevices: [{name: abc-123, devicePath: /dev/xvda}]"),
    ),
]

_VD = "TestValidateVolumeDevices/"
VOLUME_DEVICES = [
    Case(
        _VD + "valid volumeDevice",
        V,
        ACCEPTED,
        P,
        _ctr("volumeDevices: [{name: abc, devicePath: /foo}]", extra=_MVOLS),
    ),
    Case(
        _VD + "invalid volumeDevice devicePath with ..",
        V,
        "spec.containers[0].volumeDevices[0].devicePath",
        P,
        _ctr("volumeDevices: [{name: abc, devicePath: /foo/../bar}]", extra=_MVOLS),
    ),
    Case(
        _VD + "invalid volumeDevice on a hostPath volume",
        V,
        "spec.containers[0].volumeDevices[0].name",
        P,
        _ctr("volumeDevices: [{name: '123', devicePath: /foo}]", extra=_MVOLS),
    ),
    Case(
        _VD + "duplicate devicePath",
        V,
        "spec.containers[0].volumeDevices[1].devicePath",
        P,
        _ctr("volumeDevices: [{name: abc, devicePath: /foo}, {name: abc-123, devicePath: /foo}]", extra=_MVOLS),
    ),
    Case(
        _VD + "empty devicePath",
        V,
        "spec.containers[0].volumeDevices[0].devicePath",
        P,
        _ctr("volumeDevices: [{name: abc, devicePath: ''}]", extra=_MVOLS),
    ),
]

_VR = "TestValidateResourceRequirements/"
_R = "spec.containers[0].resources"
RESOURCES = [
    Case(
        _VR + "limits and requests of hugepage resource are equal",
        V,
        ACCEPTED,
        P,
        _ctr("resources: {limits: {cpu: '10', hugepages-2Mi: 2Mi}, requests: {cpu: '10', hugepages-2Mi: 2Mi}}"),
    ),
    Case(
        _VR + "limits and requests of memory resource are equal",
        V,
        ACCEPTED,
        P,
        _ctr("resources: {limits: {memory: 2Mi}, requests: {memory: 2Mi}}"),
    ),
    Case(
        _VR + "limits and requests of cpu resource are equal",
        V,
        ACCEPTED,
        P,
        _ctr("resources: {limits: {cpu: '10'}, requests: {cpu: '10'}}"),
    ),
    Case(
        _VR + "only limits of hugepages with cpu",
        V,
        ACCEPTED,
        P,
        _ctr("resources: {limits: {cpu: '1', hugepages-1Gi: 2Gi}}"),
    ),
    Case(
        _VR + "ephemeral-storage and extended resources",
        V,
        ACCEPTED,
        P,
        _ctr(
            "resources: {limits: {ephemeral-storage: 1Gi, example.com/dongle: '2'}, requests: "
            "{example.com/dongle: '2'}}"
        ),
    ),
    Case(
        _VR + "hugepage resource without cpu or memory",
        V,
        _R,
        P,
        _ctr("resources: {limits: {hugepages-2Mi: 2Mi}, requests: {hugepages-2Mi: 2Mi}}"),
    ),
    Case(
        _VR + "hugepage requests not equal to limits",
        V,
        _R + ".requests.hugepages-2Mi",
        P,
        _ctr("resources: {limits: {cpu: '1', hugepages-2Mi: 4Mi}, requests: {cpu: '1', hugepages-2Mi: 2Mi}}"),
    ),
    Case(
        _VR + "hugepage not a multiple of its page size",
        V,
        _R + ".limits.hugepages-2Mi",
        P,
        _ctr("resources: {limits: {cpu: '1', hugepages-2Mi: 3Mi}}"),
    ),
    Case(
        _VR + "extended resource requests not equal to limits",
        V,
        _R + ".requests['example.com/dongle']",
        P,
        _ctr("resources: {limits: {example.com/dongle: '2'}, requests: {example.com/dongle: '1'}}"),
    ),
    Case(
        _VR + "extended resource request without a limit",
        V,
        _R + ".limits['example.com/dongle']",
        P,
        _ctr("resources: {requests: {example.com/dongle: '1'}}"),
    ),
    Case(
        _VR + "fractional extended resource",
        V,
        _R + ".limits['example.com/dongle']",
        P,
        _ctr("resources: {limits: {example.com/dongle: 500m}, requests: {example.com/dongle: 500m}}"),
    ),
    Case(
        _VR + "invalid resource name",
        V,
        _R + ".limits.my_resource",
        P,
        _ctr("resources: {limits: {my_resource: '1'}}"),
    ),
    Case(
        _VR + "kubernetes.io prefixed resource is a native resource",
        V,
        ACCEPTED,
        P,
        _ctr("resources: {limits: {kubernetes.io/foo: '1'}}"),
    ),
    Case(
        _VR + "storage is not a container resource",
        V,
        _R + ".limits.storage",
        P,
        _ctr("resources: {limits: {storage: 1Gi}}"),
    ),
]

_VSC = "TestValidateSecurityContext/"
_S = "spec.containers[0].securityContext"
SECURITY = [
    Case(_VSC + "no caps", V, ACCEPTED, P, _ctr("securityContext: {privileged: false}")),
    Case(
        _VSC + "with caps",
        V,
        ACCEPTED,
        P,
        _ctr("securityContext: {capabilities: {add: [foo], drop: [bar]}, privileged: false}"),
    ),
    Case(_VSC + "no run as user", V, ACCEPTED, P, _ctr("securityContext: {runAsNonRoot: true}")),
    Case(_VSC + "with run as user", V, ACCEPTED, P, _ctr("securityContext: {runAsUser: 1, runAsGroup: 0}")),
    Case(
        _VSC + "allowPrivilegeEscalation false without privileged",
        V,
        ACCEPTED,
        P,
        _ctr("securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true}"),
    ),
    Case(
        _VSC + "procMount Default",
        V,
        ACCEPTED,
        P,
        _ctr("securityContext: {procMount: Default}"),
    ),
    Case(
        _VSC + "seLinuxOptions",
        V,
        ACCEPTED,
        P,
        _ctr(
            "securityContext: {seLinuxOptions: {user: system_u, role: system_r, type: "
            "svirt_lxc_net_t, level: 's0:c123,c456'}}"
        ),
    ),
    Case(_VSC + "negative RunAsUser", V, _S + ".runAsUser", P, _ctr("securityContext: {runAsUser: -1}")),
    Case(_VSC + "RunAsUser too large", V, _S + ".runAsUser", P, _ctr("securityContext: {runAsUser: 2147483648}")),
    Case(_VSC + "negative RunAsGroup", V, _S + ".runAsGroup", P, _ctr("securityContext: {runAsGroup: -1}")),
    Case(
        _VSC + "with CAP_SYS_ADMIN and allowPrivilegeEscalation false",
        V,
        _S,
        P,
        _ctr("securityContext: {allowPrivilegeEscalation: false, capabilities: {add: [CAP_SYS_ADMIN]}}"),
    ),
    Case(
        _VSC + "with privileged and allowPrivilegeEscalation false",
        V,
        _S,
        P,
        _ctr("securityContext: {allowPrivilegeEscalation: false, privileged: true}"),
    ),
    Case(
        _VSC + "invalid procMount",
        V,
        _S + ".procMount",
        P,
        _ctr("securityContext: {procMount: bogus}"),
    ),
    Case(
        _VSC + "container seccomp localhost without a profile",
        V,
        _S + ".seccompProfile.localhostProfile",
        P,
        _ctr("securityContext: {seccompProfile: {type: Localhost}}"),
    ),
    Case(
        _VSC + "container seccomp localhost profile with ..",
        V,
        _S + ".seccompProfile.localhostProfile",
        P,
        _ctr("securityContext: {seccompProfile: {type: Localhost, localhostProfile: ../foo.json}}"),
    ),
    Case(
        _VSC + "container seccomp unconfined",
        V,
        ACCEPTED,
        P,
        _ctr("securityContext: {seccompProfile: {type: Unconfined}}"),
    ),
    Case(
        _VSC + "container apparmor runtime default",
        V,
        ACCEPTED,
        P,
        _ctr("securityContext: {appArmorProfile: {type: RuntimeDefault}}"),
    ),
    Case(
        _VSC + "container apparmor unconfined with a localhostProfile",
        V,
        _S + ".appArmorProfile.localhostProfile",
        P,
        _ctr("securityContext: {appArmorProfile: {type: Unconfined, localhostProfile: foo}}"),
    ),
    Case(
        _VSC + "windows runAsUserName too long",
        V,
        _S + ".windowsOptions.runAsUserName",
        P,
        _ctr("securityContext: {windowsOptions: {runAsUserName: " + "a" * 257 + "}}", extra="os: {name: windows}"),
    ),
    Case(
        _VSC + "windows hostProcess without hostNetwork",
        V,
        "spec.hostNetwork",
        P,
        _ctr("securityContext: {windowsOptions: {hostProcess: true}}", extra="os: {name: windows}"),
    ),
    Case(
        _VSC + "windows hostProcess with hostNetwork",
        V,
        ACCEPTED,
        P,
        _ctr(
            "securityContext: {windowsOptions: {hostProcess: true}}",
            extra="os: {name: windows}, hostNetwork: true, securityContext: {windowsOptions: {hostProcess: true}}",
        ),
    ),
]

_VTS = "TestValidateTopologySpreadConstraints/"
_T = "spec.topologySpreadConstraints"


def _tsc(items: str) -> str:
    return _spec(f"topologySpreadConstraints: [{items}]")


TOPOLOGY = [
    Case(
        _VTS + "all required fields ok",
        V,
        ACCEPTED,
        P,
        _tsc("{maxSkew: 1, topologyKey: k8s.io/zone, whenUnsatisfiable: DoNotSchedule, minDomains: 3}"),
    ),
    Case(
        _VTS + "with labelSelector",
        V,
        ACCEPTED,
        P,
        _tsc(
            "{maxSkew: 1, topologyKey: k8s.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: "
            "{matchLabels: {a: b}}}"
        ),
    ),
    Case(
        _VTS + "missing MaxSkew",
        V,
        _T + "[0].maxSkew",
        P,
        _tsc("{maxSkew: 0, topologyKey: k8s.io/zone, whenUnsatisfiable: DoNotSchedule}"),
    ),
    Case(
        _VTS + "negative MaxSkew",
        V,
        _T + "[0].maxSkew",
        P,
        _tsc("{maxSkew: -1, topologyKey: k8s.io/zone, whenUnsatisfiable: DoNotSchedule}"),
    ),
    Case(
        _VTS + "can use MaxSkew greater than 1 when whenUnsatisfiable=ScheduleAnyway",
        V,
        ACCEPTED,
        P,
        _tsc("{maxSkew: 2, topologyKey: k8s.io/zone, whenUnsatisfiable: ScheduleAnyway}"),
    ),
    Case(
        _VTS + "invalid MinDomains when whenUnsatisfiable=ScheduleAnyway",
        V,
        _T + "[0].minDomains",
        P,
        _tsc("{maxSkew: 1, topologyKey: k8s.io/zone, whenUnsatisfiable: ScheduleAnyway, minDomains: 3}"),
    ),
    Case(
        _VTS + "negative minDomains is invalid",
        V,
        _T + "[0].minDomains",
        P,
        _tsc("{maxSkew: 1, topologyKey: k8s.io/zone, whenUnsatisfiable: DoNotSchedule, minDomains: -1}"),
    ),
    Case(
        _VTS + "zero minDomains is invalid",
        V,
        _T + "[0].minDomains",
        P,
        _tsc("{maxSkew: 1, topologyKey: k8s.io/zone, whenUnsatisfiable: DoNotSchedule, minDomains: 0}"),
    ),
    Case(
        _VTS + "missing TopologyKey",
        V,
        _T + "[0].topologyKey",
        P,
        _tsc("{maxSkew: 1, whenUnsatisfiable: DoNotSchedule}"),
    ),
    Case(
        _VTS + "missing scheduling mode",
        V,
        _T + "[0].whenUnsatisfiable",
        P,
        _tsc("{maxSkew: 1, topologyKey: k8s.io/zone, whenUnsatisfiable: ''}"),
    ),
    Case(
        _VTS + "unsupported scheduling mode",
        V,
        _T + "[0].whenUnsatisfiable",
        P,
        _tsc("{maxSkew: 1, topologyKey: k8s.io/zone, whenUnsatisfiable: N/A}"),
    ),
    Case(
        _VTS + "multiple constraints ok with all required fields",
        V,
        ACCEPTED,
        P,
        _tsc(
            "{maxSkew: 1, topologyKey: k8s.io/zone, whenUnsatisfiable: DoNotSchedule}, "
            "{maxSkew: 2, topologyKey: k8s.io/node, whenUnsatisfiable: ScheduleAnyway}"
        ),
    ),
    Case(
        _VTS + "multiple constraints missing TopologyKey on partial ones",
        V,
        _T + "[1].topologyKey",
        P,
        _tsc(
            "{maxSkew: 1, topologyKey: k8s.io/zone, whenUnsatisfiable: ScheduleAnyway}, "
            "{maxSkew: 2, whenUnsatisfiable: DoNotSchedule}"
        ),
    ),
    Case(
        _VTS + "duplicate constraints",
        V,
        _T + "[1].topologyKey",
        P,
        _tsc(
            "{maxSkew: 1, topologyKey: k8s.io/zone, whenUnsatisfiable: DoNotSchedule}, "
            "{maxSkew: 2, topologyKey: k8s.io/zone, whenUnsatisfiable: DoNotSchedule}"
        ),
    ),
    Case(
        _VTS + "supported policy name set on NodeAffinityPolicy and NodeTaintsPolicy",
        V,
        ACCEPTED,
        P,
        _tsc(
            "{maxSkew: 1, topologyKey: k8s.io/zone, whenUnsatisfiable: DoNotSchedule, nodeAffinityPolicy: Honor, "
            "nodeTaintsPolicy: Ignore}"
        ),
    ),
    Case(
        _VTS + "invalid NodeAffinityPolicy",
        V,
        _T + "[0].nodeAffinityPolicy",
        P,
        _tsc("{maxSkew: 1, topologyKey: k8s.io/zone, whenUnsatisfiable: DoNotSchedule, nodeAffinityPolicy: Honor1}"),
    ),
    Case(
        _VTS + "invalid NodeTaintsPolicy",
        V,
        _T + "[0].nodeTaintsPolicy",
        P,
        _tsc("{maxSkew: 1, topologyKey: k8s.io/zone, whenUnsatisfiable: DoNotSchedule, nodeTaintsPolicy: Ignore1}"),
    ),
    Case(
        _VTS + "valid matchLabelKeys",
        V,
        ACCEPTED,
        P,
        _tsc(
            "{maxSkew: 1, topologyKey: k8s.io/zone, whenUnsatisfiable: DoNotSchedule, matchLabelKeys: [foo, bar], "
            "labelSelector: {matchLabels: {a: b}}}"
        ),
    ),
    Case(
        _VTS + "key in MatchLabelKeys isn't correctly defined",
        V,
        _T + "[0].matchLabelKeys[0]",
        P,
        _tsc(
            "{maxSkew: 1, topologyKey: k8s.io/zone, whenUnsatisfiable: DoNotSchedule, matchLabelKeys: [/simple], "
            "labelSelector: {matchLabels: {a: b}}}"
        ),
    ),
    Case(
        _VTS + "key exists in both matchLabelKeys and labelSelector",
        V,
        _T + "[0].matchLabelKeys[0]",
        P,
        _tsc(
            "{maxSkew: 1, topologyKey: k8s.io/zone, whenUnsatisfiable: DoNotSchedule, matchLabelKeys: [foo], "
            "labelSelector: {matchExpressions: [{key: foo, operator: NotIn, values: [value1]}]}}"
        ),
    ),
    Case(
        _VTS + "key in MatchLabelKeys is forbidden to be specified when labelSelector is not set",
        V,
        _T + "[0].matchLabelKeys",
        P,
        _tsc("{maxSkew: 1, topologyKey: k8s.io/zone, whenUnsatisfiable: DoNotSchedule, matchLabelKeys: [foo]}"),
    ),
    Case(
        _VTS + "invalid labelSelector",
        V,
        _T + "[0].labelSelector.matchLabels.-bad",
        P,
        _tsc(
            "{maxSkew: 1, topologyKey: k8s.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: "
            "{matchLabels: {'-bad': b}}}"
        ),
    ),
]

_VS = "TestValidateServiceCreate/"
S = "Service"
SERVICES = [
    Case(_VS + "valid", V, ACCEPTED, S, ""),
    Case(_VS + "nil selector", V, ACCEPTED, S, "spec: {selector: ~}"),
    Case(_VS + "missing name", V, "metadata.name", S, "metadata: {name: ''}"),
    Case(_VS + "invalid name", V, "metadata.name", S, "metadata: {name: -123}"),
    Case(_VS + "too long name", V, "metadata.name", S, "metadata: {name: " + "a" * 64 + "}"),
    Case(
        _VS + "invalid label",
        V,
        "metadata.labels['NoUppercaseOrSpecialCharsLike=Equals']",
        S,
        "metadata: {labels: {'NoUppercaseOrSpecialCharsLike=Equals': bar}}",
    ),
    Case(
        _VS + "invalid annotation",
        V,
        "metadata.annotations['NoSpecialCharsLike=Equals']",
        S,
        "metadata: {annotations: {'NoSpecialCharsLike=Equals': bar}}",
    ),
    Case(
        _VS + "invalid selector",
        V,
        "spec.selector['NoUppercaseOrSpecialCharsLike=Equals']",
        S,
        "spec: {selector: {'NoUppercaseOrSpecialCharsLike=Equals': bar}}",
    ),
    Case(_VS + "missing session affinity is defaulted", V, ACCEPTED, S, "spec: {sessionAffinity: ~}"),
    Case(_VS + "missing type is defaulted", V, ACCEPTED, S, "spec: {type: ~}"),
    Case(_VS + "missing ports", V, "spec.ports", S, "spec: {ports: []}"),
    Case(_VS + "missing ports but headless", V, ACCEPTED, S, "spec: {ports: [], clusterIP: None}"),
    Case(
        _VS + "empty port[0] name",
        V,
        "spec.ports[0].name",
        S,
        "spec: {ports: [{name: '', protocol: TCP, port: 12345, targetPort: 12345}, {name: q, port: 12346}]}",
    ),
    Case(
        _VS + "empty port[1] name",
        V,
        "spec.ports[1].name",
        S,
        "spec: {ports: [{name: p, protocol: TCP, port: 12345}, {name: '', protocol: TCP, port: 12346}]}",
    ),
    Case(
        _VS + "empty multi-port port[0] name",
        V,
        "spec.ports[0].name",
        S,
        "spec: {ports: [{name: '', port: 12345}, {name: p, port: 12346}]}",
    ),
    Case(
        _VS + "invalid port name",
        V,
        "spec.ports[0].name",
        S,
        "spec: {ports: [{name: INVALID, protocol: TCP, port: 8675}]}",
    ),
    Case(_VS + "missing protocol is defaulted", V, ACCEPTED, S, "spec: {ports: [{name: p, port: 8675}]}"),
    Case(
        _VS + "invalid protocol",
        V,
        "spec.ports[0].protocol",
        S,
        "spec: {ports: [{name: p, protocol: INVALID, port: 8675}]}",
    ),
    Case(_VS + "invalid cluster ip", V, "spec.clusterIP", S, "spec: {clusterIP: invalid}"),
    Case(_VS + "missing port", V, "spec.ports[0].port", S, "spec: {ports: [{name: p, protocol: TCP, port: 0}]}"),
    Case(_VS + "invalid port", V, "spec.ports[0].port", S, "spec: {ports: [{name: p, protocol: TCP, port: 65536}]}"),
    Case(
        _VS + "invalid targetport int",
        V,
        "spec.ports[0].targetPort",
        S,
        "spec: {ports: [{name: p, protocol: TCP, port: 8675, targetPort: 65536}]}",
    ),
    Case(
        _VS + "invalid targetport name",
        V,
        "spec.ports[0].targetPort",
        S,
        "spec: {ports: [{name: p, protocol: TCP, port: 8675, targetPort: 'Not_A_Name'}]}",
    ),
    Case(
        _VS + "valid named targetPort",
        V,
        ACCEPTED,
        S,
        "spec: {ports: [{name: p, protocol: TCP, port: 8675, targetPort: http}]}",
    ),
    Case(_VS + "valid port headless", V, ACCEPTED, S, "spec: {clusterIP: None}"),
    Case(_VS + "invalid publicIPs localhost", V, "spec.externalIPs[0]", S, "spec: {externalIPs: [127.0.0.1]}"),
    Case(_VS + "invalid publicIPs unspecified", V, "spec.externalIPs[0]", S, "spec: {externalIPs: [0.0.0.0]}"),
    Case(_VS + "invalid publicIPs", V, "spec.externalIPs[0]", S, "spec: {externalIPs: [myhost.mydomain]}"),
    Case(_VS + "valid publicIPs", V, ACCEPTED, S, "spec: {externalIPs: [1.2.3.4, '2001:db8::1']}"),
    Case(
        _VS + "dup port name",
        V,
        "spec.ports[1].name",
        S,
        "spec: {ports: [{name: p, port: 1, targetPort: 1}, {name: p, port: 2, targetPort: 2}]}",
    ),
    Case(
        _VS + "valid load balancer protocol UDP 1",
        V,
        ACCEPTED,
        S,
        "spec: {type: LoadBalancer, ports: [{name: p, protocol: UDP, port: 12345, targetPort: 12345}]}",
    ),
    Case(
        _VS + "valid load balancer protocol UDP 2",
        V,
        ACCEPTED,
        S,
        "spec: {type: LoadBalancer, ports: [{name: p, protocol: UDP, port: 12345, targetPort: 12345}, "
        "{name: q, protocol: UDP, port: 12346, targetPort: 12346}]}",
    ),
    Case(
        _VS + "load balancer with mix protocol",
        V,
        ACCEPTED,
        S,
        "spec: {type: LoadBalancer, ports: [{name: p, protocol: TCP, port: 12345}, {name: q, "
        "protocol: UDP, port: 12345}]}",
    ),
    Case(
        _VS + "valid 1",
        V,
        ACCEPTED,
        S,
        "spec: {ports: [{name: p, port: 1, targetPort: 1}, {name: q, port: 2, targetPort: 2}]}",
    ),
    Case(
        _VS + "valid 2",
        V,
        ACCEPTED,
        S,
        "spec: {ports: [{name: p, protocol: TCP, port: 1, targetPort: 1}, {name: q, protocol: TCP, port: 2, "
        "targetPort: 2}]}",
    ),
    Case(_VS + "valid external load balancer", V, ACCEPTED, S, "spec: {type: LoadBalancer}"),
    Case(
        _VS + "valid external load balancer 2 ports",
        V,
        ACCEPTED,
        S,
        "spec: {type: LoadBalancer, ports: [{name: p, port: 12345}, {name: q, port: 12346}]}",
    ),
    Case(
        _VS + "duplicate nodeports",
        V,
        "spec.ports[1].nodePort",
        S,
        "spec: {type: NodePort, ports: [{name: r, protocol: TCP, port: 1, nodePort: 30001}, "
        "{name: s, protocol: TCP, port: 2, nodePort: 30001}]}",
    ),
    Case(
        _VS + "duplicate nodeports (different protocols)",
        V,
        ACCEPTED,
        S,
        "spec: {type: NodePort, ports: [{name: r, protocol: TCP, port: 1, nodePort: 30001}, "
        "{name: s, protocol: UDP, port: 2, nodePort: 30001}, {name: t, protocol: SCTP, port: 3, nodePort: 30001}]}",
    ),
    Case(
        _VS + "invalid duplicate ports (with same protocol)",
        V,
        "spec.ports[1]",
        S,
        "spec: {ports: [{name: q, protocol: TCP, port: 1, targetPort: 8080}, {name: r, protocol: TCP, port: 1, "
        "targetPort: 80}]}",
    ),
    Case(
        _VS + "valid duplicate ports (with different protocols)",
        V,
        ACCEPTED,
        S,
        "spec: {ports: [{name: q, protocol: TCP, port: 1, targetPort: 8080}, {name: r, protocol: UDP, port: 1, "
        "targetPort: 80}, {name: s, protocol: SCTP, port: 1, targetPort: 8088}]}",
    ),
    Case(_VS + "valid type - cluster", V, ACCEPTED, S, "spec: {type: ClusterIP}"),
    Case(_VS + "valid type - loadbalancer", V, ACCEPTED, S, "spec: {type: LoadBalancer}"),
    Case(
        _VS + "valid type loadbalancer with NodePort",
        V,
        ACCEPTED,
        S,
        "spec: {type: LoadBalancer, ports: [{name: p, port: 12345, nodePort: 30123}]}",
    ),
    Case(
        _VS + "valid type=NodePort service with NodePort",
        V,
        ACCEPTED,
        S,
        "spec: {type: NodePort, ports: [{name: p, port: 12345, nodePort: 30123}]}",
    ),
    Case(_VS + "valid type=NodePort service without NodePort", V, ACCEPTED, S, "spec: {type: NodePort}"),
    Case(
        _VS + "invalid cluster service with NodePort",
        V,
        "spec.ports[0].nodePort",
        S,
        "spec: {type: ClusterIP, ports: [{name: p, port: 12345, nodePort: 30123}]}",
    ),
    Case(_VS + "invalid type", V, "spec.type", S, "spec: {type: InvalidType}"),
    Case(
        _VS + "valid LoadBalancer source range annotation",
        V,
        ACCEPTED,
        S,
        "{metadata: {annotations: {service.beta.kubernetes.io/load-balancer-source-ranges: '1.2.3.4/8,  5.6.7.8/16'}}, "
        "spec: {type: LoadBalancer}}",
    ),
    Case(
        _VS + "valid empty LoadBalancer source range annotation",
        V,
        ACCEPTED,
        S,
        "{metadata: {annotations: {service.beta.kubernetes.io/load-balancer-source-ranges: ''}}, "
        "spec: {type: LoadBalancer}}",
    ),
    Case(
        _VS + "invalid LoadBalancer source range annotation (hostname)",
        V,
        "metadata.annotations['service.beta.kubernetes.io/load-balancer-source-ranges']",
        S,
        "{metadata: {annotations: {service.beta.kubernetes.io/load-balancer-source-ranges: foo.bar}}, "
        "spec: {type: LoadBalancer}}",
    ),
    Case(
        _VS + "invalid LoadBalancer source range annotation (invalid CIDR)",
        V,
        "metadata.annotations['service.beta.kubernetes.io/load-balancer-source-ranges']",
        S,
        "{metadata: {annotations: {service.beta.kubernetes.io/load-balancer-source-ranges: 1.2.3.4/33}}, "
        "spec: {type: LoadBalancer}}",
    ),
    Case(
        _VS + "valid LoadBalancer source range",
        V,
        ACCEPTED,
        S,
        "spec: {type: LoadBalancer, loadBalancerSourceRanges: ['1.2.3.4/8', ' 5.6.7.8/16']}",
    ),
    Case(
        _VS + "invalid LoadBalancer source range",
        V,
        "spec.loadBalancerSourceRanges[0]",
        S,
        "spec: {type: LoadBalancer, loadBalancerSourceRanges: [foo.bar]}",
    ),
    Case(
        _VS + "invalid source range for non LoadBalancer type service",
        V,
        "spec.loadBalancerSourceRanges",
        S,
        "spec: {loadBalancerSourceRanges: ['1.2.3.4/8']}",
    ),
    Case(
        _VS + "valid ExternalName",
        V,
        ACCEPTED,
        S,
        "spec: {type: ExternalName, externalName: foo.bar.example.com, selector: ~, ports: ~}",
    ),
    Case(
        _VS + "valid ExternalName (trailing dot)",
        V,
        ACCEPTED,
        S,
        "spec: {type: ExternalName, externalName: foo.bar.example.com., selector: ~}",
    ),
    Case(
        _VS + "invalid ExternalName clusterIP (valid IP)",
        V,
        "spec.clusterIP",
        S,
        "spec: {type: ExternalName, externalName: foo.bar.example.com, clusterIP: 1.2.3.4}",
    ),
    Case(
        _VS + "invalid ExternalName clusterIP (None)",
        V,
        "spec.clusterIP",
        S,
        "spec: {type: ExternalName, externalName: foo.bar.example.com, clusterIP: None}",
    ),
    Case(
        _VS + "invalid ExternalName (not a DNS name)",
        V,
        "spec.externalName",
        S,
        "spec: {type: ExternalName, externalName: -123}",
    ),
    Case(_VS + "invalid ExternalName (empty)", V, "spec.externalName", S, "spec: {type: ExternalName}"),
    Case(
        _VS + "LoadBalancer type cannot have None ClusterIP",
        V,
        "spec.clusterIP",
        S,
        "spec: {type: LoadBalancer, clusterIP: None}",
    ),
    Case(
        _VS + "invalid node port with clusterIP None",
        V,
        "spec.clusterIP",
        S,
        "spec: {type: NodePort, clusterIP: None, ports: [{name: p, port: 1, nodePort: 30123}]}",
    ),
    Case(
        _VS + "valid cluster service with clusterIP None and multiple ports",
        V,
        ACCEPTED,
        S,
        "spec: {clusterIP: None, ports: [{name: p, port: 1}, {name: q, port: 2}]}",
    ),
    Case(
        _VS + "sessionAffinity ClientIP with default config",
        V,
        ACCEPTED,
        S,
        "spec: {sessionAffinity: ClientIP}",
    ),
    Case(
        _VS + "valid timeoutSeconds",
        V,
        ACCEPTED,
        S,
        "spec: {sessionAffinity: ClientIP, sessionAffinityConfig: {clientIP: {timeoutSeconds: 86400}}}",
    ),
    Case(
        _VS + "invalid timeoutSeconds",
        V,
        "spec.sessionAffinityConfig.clientIP.timeoutSeconds",
        S,
        "spec: {sessionAffinity: ClientIP, sessionAffinityConfig: {clientIP: {timeoutSeconds: 86401}}}",
    ),
    Case(
        _VS + "sessionAffinityConfig can't be set when session affinity is None (v1 defaulting clears it)",
        V,
        ACCEPTED,
        S,
        "spec: {sessionAffinity: None, sessionAffinityConfig: {clientIP: {timeoutSeconds: 90}}}",
    ),
    Case(_VS + "invalid sessionAffinity", V, "spec.sessionAffinity", S, "spec: {sessionAffinity: Sometimes}"),
    Case(
        _VS + "invalid externalTraffic field",
        V,
        "spec.externalTrafficPolicy",
        S,
        "spec: {type: LoadBalancer, externalTrafficPolicy: invalid}",
    ),
    Case(
        _VS + "valid LoadBalancer with externalTrafficPolicy Local and healthCheckNodePort",
        V,
        ACCEPTED,
        S,
        "spec: {type: LoadBalancer, externalTrafficPolicy: Local, healthCheckNodePort: 30111}",
    ),
    Case(
        _VS + "cannot set healthCheckNodePort field on loadBalancer service with externalTraffic Cluster",
        V,
        "spec.healthCheckNodePort",
        S,
        "spec: {type: LoadBalancer, externalTrafficPolicy: Cluster, healthCheckNodePort: 30111}",
    ),
    Case(
        _VS + "invalid healthCheckNodePort",
        V,
        "spec.healthCheckNodePort",
        S,
        "spec: {type: LoadBalancer, externalTrafficPolicy: Local, healthCheckNodePort: -1}",
    ),
    Case(
        _VS + "externalTrafficPolicy on a ClusterIP service",
        V,
        "spec.externalTrafficPolicy",
        S,
        "spec: {type: ClusterIP, externalTrafficPolicy: Local}",
    ),
    Case(
        _VS + "externalTrafficPolicy on a ClusterIP service with externalIPs",
        V,
        ACCEPTED,
        S,
        "spec: {type: ClusterIP, externalTrafficPolicy: Local, externalIPs: [1.2.3.4]}",
    ),
    Case(
        _VS + "valid internalTrafficPolicy Local",
        V,
        ACCEPTED,
        S,
        "spec: {internalTrafficPolicy: Local}",
    ),
    Case(
        _VS + "invalid internalTrafficPolicy",
        V,
        "spec.internalTrafficPolicy",
        S,
        "spec: {internalTrafficPolicy: invalid}",
    ),
    Case(_VS + "valid ipFamilies IPv6", V, ACCEPTED, S, "spec: {ipFamilies: [IPv6]}"),
    Case(
        _VS + "valid dual stack",
        V,
        ACCEPTED,
        S,
        "spec: {ipFamilyPolicy: PreferDualStack, ipFamilies: [IPv4, IPv6]}",
    ),
    Case(_VS + "invalid ipFamilies", V, "spec.ipFamilies[0]", S, "spec: {ipFamilies: [IPv5]}"),
    Case(
        _VS + "duplicate ipFamilies",
        V,
        "spec.ipFamilies[1]",
        S,
        "spec: {ipFamilyPolicy: RequireDualStack, ipFamilies: [IPv4, IPv4]}",
    ),
    Case(
        _VS + "SingleStack with two ipFamilies",
        V,
        "spec.ipFamilyPolicy",
        S,
        "spec: {ipFamilyPolicy: SingleStack, ipFamilies: [IPv4, IPv6]}",
    ),
    Case(_VS + "invalid ipFamilyPolicy", V, "spec.ipFamilyPolicy", S, "spec: {ipFamilyPolicy: Dual}"),
    Case(
        _VS + "clusterIPs[0] not equal to clusterIP",
        V,
        "spec.clusterIPs[0]",
        S,
        "spec: {clusterIP: 10.0.0.1, clusterIPs: [10.0.0.2]}",
    ),
    Case(
        _VS + "valid clusterIP and clusterIPs",
        V,
        ACCEPTED,
        S,
        "spec: {clusterIP: 10.0.0.1, clusterIPs: [10.0.0.1]}",
    ),
    Case(
        _VS + "allocateLoadBalancerNodePorts on a ClusterIP service",
        V,
        "spec.allocateLoadBalancerNodePorts",
        S,
        "spec: {type: ClusterIP, allocateLoadBalancerNodePorts: true}",
    ),
    Case(
        _VS + "valid allocateLoadBalancerNodePorts false",
        V,
        ACCEPTED,
        S,
        "spec: {type: LoadBalancer, allocateLoadBalancerNodePorts: false}",
    ),
    Case(
        _VS + "valid LoadBalancerClass",
        V,
        ACCEPTED,
        S,
        "spec: {type: LoadBalancer, loadBalancerClass: test.com/test-load-balancer-class}",
    ),
    Case(
        _VS + "invalid LoadBalancerClass",
        V,
        "spec.loadBalancerClass",
        S,
        "spec: {type: LoadBalancer, loadBalancerClass: Bad/LoadBalancerclass}",
    ),
    Case(
        _VS + "invalid set loadBalancerClass when type is not LoadBalancer",
        V,
        "spec.loadBalancerClass",
        S,
        "spec: {type: ClusterIP, loadBalancerClass: test.com/test-load-balancer-class}",
    ),
    Case(_VS + "valid appProtocol", V, ACCEPTED, S, "spec: {ports: [{name: p, port: 12345, appProtocol: http}]}"),
    Case(
        _VS + "valid custom appProtocol",
        V,
        ACCEPTED,
        S,
        "spec: {ports: [{name: p, port: 12345, appProtocol: example.com/protocol}]}",
    ),
    Case(
        _VS + "invalid appProtocol",
        V,
        "spec.ports[0].appProtocol",
        S,
        "spec: {ports: [{name: p, port: 12345, appProtocol: 'example.com/protocol_with{invalid}[characters]'}]}",
    ),
    Case(_VS + "valid trafficDistribution", V, ACCEPTED, S, "spec: {trafficDistribution: PreferClose}"),
    Case(_VS + "invalid trafficDistribution", V, "spec.trafficDistribution", S, "spec: {trafficDistribution: Random}"),
    Case(
        _VS + "valid publishNotReadyAddresses",
        V,
        ACCEPTED,
        S,
        "spec: {publishNotReadyAddresses: true, clusterIP: None}",
    ),
]

_VPVC = "TestValidatePersistentVolumeClaim/"
C = "PersistentVolumeClaim"
CLAIMS = [
    Case(_VPVC + "good-claim", V, ACCEPTED, C, "spec: {selector: {matchExpressions: [{key: key2, operator: Exists}]}}"),
    Case(_VPVC + "good-claim-with-storage-class", V, ACCEPTED, C, "spec: {storageClassName: valid}"),
    Case(_VPVC + "valid-volume-mode Block", V, ACCEPTED, C, "spec: {volumeMode: Block}"),
    Case(_VPVC + "with-read-write-once-pod", V, ACCEPTED, C, "spec: {accessModes: [ReadWriteOncePod]}"),
    Case(_VPVC + "with-volume-name", V, ACCEPTED, C, "spec: {volumeName: pv-1}"),
    Case(
        _VPVC + "valid-dataSource",
        V,
        ACCEPTED,
        C,
        "spec: {dataSource: {kind: PersistentVolumeClaim, name: pvc1}}",
    ),
    Case(
        _VPVC + "valid-snapshot-dataSource",
        V,
        ACCEPTED,
        C,
        "spec: {dataSource: {apiGroup: snapshot.storage.k8s.io, kind: VolumeSnapshot, name: snap1}}",
    ),
    Case(
        _VPVC + "valid-dataSourceRef",
        V,
        ACCEPTED,
        C,
        "spec: {dataSourceRef: {apiGroup: example.com, kind: Foo, name: foo1}}",
    ),
    Case(
        _VPVC + "invalid-claim-zero-capacity",
        V,
        "spec.resources.requests.storage",
        C,
        "spec: {resources: {requests: {storage: '0'}}}",
    ),
    Case(_VPVC + "no-access-modes", V, "spec.accessModes", C, "spec: {accessModes: []}"),
    Case(_VPVC + "no-resource-requests", V, "spec.resources.requests.storage", C, "spec: {resources: {requests: ~}}"),
    Case(
        _VPVC + "invalid-resource-requests",
        V,
        "spec.resources.requests.storage",
        C,
        "spec: {resources: {requests: {storage: ~, memory: 10G}}}",
    ),
    Case(
        _VPVC + "negative-storage-request",
        V,
        "spec.resources.requests.storage",
        C,
        "spec: {resources: {requests: {storage: '-10G'}}}",
    ),
    Case(
        _VPVC + "invalid-label-selector",
        V,
        "spec.selector.matchExpressions[0].operator",
        C,
        "spec: {selector: {matchExpressions: [{key: key2, operator: InValid, values: [value1]}]}}",
    ),
    Case(_VPVC + "invalid-accessmode", V, "spec.accessModes[0]", C, "spec: {accessModes: [fakemode]}"),
    Case(
        _VPVC + "with-read-write-once-pod-and-others",
        V,
        "spec.accessModes",
        C,
        "spec: {accessModes: [ReadWriteOncePod, ReadWriteMany]}",
    ),
    Case(_VPVC + "invalid-storage-class-name", V, "spec.storageClassName", C, "spec: {storageClassName: -invalid-}"),
    Case(_VPVC + "invalid-volume-mode", V, "spec.volumeMode", C, "spec: {volumeMode: fakeVolumeMode}"),
    Case(_VPVC + "missing-name", V, "metadata.name", C, "metadata: {name: ''}"),
    Case(
        _VPVC + "invalid-dataSource missing name",
        V,
        "spec.dataSource.name",
        C,
        "spec: {dataSource: {kind: PersistentVolumeClaim}}",
    ),
    Case(
        _VPVC + "dataSource of another core kind is dropped by the claim strategy",
        V,
        ACCEPTED,
        C,
        "spec: {dataSource: {kind: Pod, name: p}}",
    ),
    Case(
        _VPVC + "mismatch-dataSource-and-dataSourceRef",
        V,
        "spec.dataSource",
        C,
        "spec: {dataSource: {kind: PersistentVolumeClaim, name: pvc1}, dataSourceRef: {kind: PersistentVolumeClaim, "
        "name: pvc2}}",
    ),
]

_VCM = "TestValidateConfigMap/"
CM = "ConfigMap"
CONFIG_MAPS = [
    Case(_VCM + "valid", V, ACCEPTED, CM, "data: {key1: value1, key_2: value2, key-3: value3, .key4: value4}"),
    Case(_VCM + "valid binaryData", V, ACCEPTED, CM, "binaryData: {bin: AAE=}"),
    Case(_VCM + "valid immutable", V, ACCEPTED, CM, "immutable: true"),
    Case(_VCM + "leading dot key", V, ACCEPTED, CM, "data: {.dot-leading-key: value}"),
    Case(_VCM + "invalid name", V, "metadata.name", CM, "metadata: {name: 'NoUppercaseOrSpecialCharsLike=Equals'}"),
    Case(_VCM + "empty name", V, "metadata.name", CM, "metadata: {name: ''}"),
    Case(_VCM + "invalid key", V, "data['a*b']", CM, "data: {'a*b': value}"),
    Case(_VCM + "dot key", V, "data['.']", CM, "data: {'.': value}"),
    Case(_VCM + "double dot key", V, "data['..']", CM, "data: {'..': value}"),
    Case(_VCM + "dot-dot leading key", V, "data['..dot-leading-key']", CM, "data: {'..dot-leading-key': value}"),
    Case(_VCM + "key in data and binaryData", V, "data.key", CM, "binaryData: {key: AAE=}"),
    Case(_VCM + "invalid binaryData key", V, "binaryData['a b']", CM, "binaryData: {'a b': AAE=}"),
    Case(_VCM + "over max size", V, "data", CM, yaml.safe_dump({"data": {"key": "a" * (1024 * 1024 + 1)}})),
]

_VSE = "TestValidateSecret/"
SE = "Secret"
SECRETS = [
    Case(_VSE + "valid", V, ACCEPTED, SE, ""),
    Case(_VSE + "valid stringData", V, ACCEPTED, SE, "stringData: {key: value}"),
    Case(_VSE + "leading dot key", V, ACCEPTED, SE, "data: {.dotfile: YmFy}"),
    Case(_VSE + "invalid name", V, "metadata.name", SE, "metadata: {name: '++123'}"),
    Case(_VSE + "empty data key", V, "data['']", SE, "data: {'': YmFy}"),
    Case(_VSE + "invalid key", V, "data['a*b']", SE, "data: {'a*b': YmFy}"),
    Case(_VSE + "dot key", V, "data['.']", SE, "data: {'.': YmFy}"),
    Case(_VSE + "double dot key", V, "data['..']", SE, "data: {'..': YmFy}"),
    Case(_VSE + "over max size", V, "data", SE, yaml.safe_dump({"data": {"key": "YWFh" * (1024 * 1024 // 3 + 2)}})),
    Case(
        _VSE + "valid dockercfg",
        V,
        ACCEPTED,
        SE,
        "{type: kubernetes.io/dockercfg, data: {.dockercfg: e30=}}",
    ),
    Case(_VSE + "dockercfg missing key", V, "data['.dockercfg']", SE, "type: kubernetes.io/dockercfg"),
    Case(
        _VSE + "dockercfg invalid JSON",
        V,
        "data['.dockercfg']",
        SE,
        "{type: kubernetes.io/dockercfg, data: {.dockercfg: bm90IGpzb24=}}",
    ),
    Case(
        _VSE + "valid dockerconfigjson",
        V,
        ACCEPTED,
        SE,
        "{type: kubernetes.io/dockerconfigjson, data: {.dockerconfigjson: e30=}}",
    ),
    Case(
        _VSE + "dockerconfigjson missing key",
        V,
        "data['.dockerconfigjson']",
        SE,
        "type: kubernetes.io/dockerconfigjson",
    ),
    Case(_VSE + "valid basic-auth", V, ACCEPTED, SE, "{type: kubernetes.io/basic-auth, data: {username: YmFy}}"),
    Case(_VSE + "basic-auth missing keys", V, "data.username", SE, "type: kubernetes.io/basic-auth"),
    Case(_VSE + "valid ssh-auth", V, ACCEPTED, SE, "{type: kubernetes.io/ssh-auth, data: {ssh-privatekey: YmFy}}"),
    Case(_VSE + "ssh-auth missing key", V, "data.ssh-privatekey", SE, "type: kubernetes.io/ssh-auth"),
    Case(
        _VSE + "valid tls",
        V,
        ACCEPTED,
        SE,
        "{type: kubernetes.io/tls, data: {tls.crt: YmFy, tls.key: YmFy}}",
    ),
    Case(_VSE + "tls missing key", V, "data['tls.key']", SE, "{type: kubernetes.io/tls, data: {tls.crt: YmFy}}"),
    Case(_VSE + "tls missing crt", V, "data['tls.crt']", SE, "{type: kubernetes.io/tls, data: {tls.key: YmFy}}"),
    Case(
        _VSE + "valid service-account-token",
        V,
        ACCEPTED,
        SE,
        "{type: kubernetes.io/service-account-token, metadata: {annotations: "
        "{kubernetes.io/service-account.name: sa}}}",
    ),
    Case(
        _VSE + "service-account-token without the name annotation",
        V,
        "metadata.annotations['kubernetes.io/service-account.name']",
        SE,
        "type: kubernetes.io/service-account-token",
    ),
    Case(_VSE + "opaque custom type", V, ACCEPTED, SE, "type: example.com/custom"),
    Case(_VSE + "data not base64", V, "data.data-1", SE, "data: {data-1: '!!!notbase64'}"),
]

_VNS = "TestValidateNamespace/"
NS = "Namespace"
NAMESPACES = [
    Case(_VNS + "valid", V, ACCEPTED, NS, "metadata: {name: abc-123}"),
    Case(_VNS + "valid finalizers", V, ACCEPTED, NS, "spec: {finalizers: [kubernetes, example.com/foo]}"),
    Case(_VNS + "invalid name with dots", V, "metadata.name", NS, "metadata: {name: abc.123}"),
    Case(_VNS + "invalid name uppercase", V, "metadata.name", NS, "metadata: {name: Abc}"),
    Case(_VNS + "invalid name too long", V, "metadata.name", NS, "metadata: {name: " + "a" * 64 + "}"),
    Case(_VNS + "empty name", V, "metadata.name", NS, "metadata: {name: ''}"),
    Case(_VNS + "invalid finalizer, unqualified", V, "spec.finalizers", NS, "spec: {finalizers: [foo]}"),
    Case(_VNS + "invalid finalizer, two slashes", V, "spec.finalizers", NS, "spec: {finalizers: [a/b/c]}"),
    Case(_VNS + "invalid finalizer, bad prefix", V, "spec.finalizers", NS, "spec: {finalizers: ['-bad-/foo']}"),
    Case(_VNS + "invalid metadata finalizer", V, "metadata.finalizers", NS, "metadata: {finalizers: ['a/b/c']}"),
]

_VSA = "TestValidateServiceAccount/"
SA = "ServiceAccount"
SERVICE_ACCOUNTS = [
    Case(_VSA + "valid", V, ACCEPTED, SA, ""),
    Case(
        _VSA + "valid with secrets and image pull secrets",
        V,
        ACCEPTED,
        SA,
        "{secrets: [{name: s1}], imagePullSecrets: [{name: p1}], automountServiceAccountToken: false}",
    ),
    Case(_VSA + "valid dotted name", V, ACCEPTED, SA, "metadata: {name: a.b.c}"),
    Case(_VSA + "invalid name", V, "metadata.name", SA, "metadata: {name: a_b}"),
    Case(_VSA + "empty name", V, "metadata.name", SA, "metadata: {name: ''}"),
    Case(_VSA + "invalid label", V, "metadata.labels.-a", SA, "metadata: {labels: {'-a': b}}"),
]

_VLR = "TestValidateLimitRange/"
LR = "LimitRange"
LIMIT_RANGES = [
    Case(
        _VLR + "all-fields-valid",
        V,
        ACCEPTED,
        LR,
        "spec: {limits: [{type: Pod, max: {cpu: '100m', memory: '10000'}, min: {cpu: '5m', memory: '100'}, "
        "maxLimitRequestRatio: {cpu: '10'}}, {type: Container, max: {cpu: '100m', memory: '10000'}, min: {cpu: '5m', "
        "memory: '100'}, default: {cpu: '50m', memory: '500'}, defaultRequest: {cpu: '10m', memory: '200'}, "
        "maxLimitRequestRatio: {cpu: '10'}}, {type: PersistentVolumeClaim, max: {storage: 10Gi}, "
        "min: {storage: 5Gi}}]}",
    ),
    Case(
        _VLR + "pvc-min-only",
        V,
        ACCEPTED,
        LR,
        "spec: {limits: [{type: PersistentVolumeClaim, min: {storage: 5Gi}}]}",
    ),
    Case(
        _VLR + "pvc-max-only",
        V,
        ACCEPTED,
        LR,
        "spec: {limits: [{type: PersistentVolumeClaim, max: {storage: 10Gi}}]}",
    ),
    Case(
        _VLR + "all-fields-valid-big-numbers",
        V,
        ACCEPTED,
        LR,
        "spec: {limits: [{type: Container, max: {cpu: '100m', memory: '10000T'}, min: {cpu: '5m', memory: '100Mi'}, "
        "default: {cpu: '50m', memory: '500Mi'}, defaultRequest: {cpu: '10m', memory: '200Mi'}, "
        "maxLimitRequestRatio: {cpu: '20'}}]}",
    ),
    Case(
        _VLR + "thirdparty-fields-all-valid-standard-container-resources",
        V,
        ACCEPTED,
        LR,
        "spec: {limits: [{type: thirdparty.com/foo, max: {cpu: '100m'}, min: {cpu: '5m'}, default: {cpu: '50m'}, "
        "defaultRequest: {cpu: '10m'}}]}",
    ),
    Case(
        _VLR + "thirdparty-fields-all-valid-storage-resources",
        V,
        ACCEPTED,
        LR,
        "spec: {limits: [{type: thirdparty.com/foo, max: {storage: 10Gi}, min: {storage: 1Gi}, default: "
        "{storage: 5Gi}, defaultRequest: {storage: 2Gi}}]}",
    ),
    Case(_VLR + "zero-length-name", V, "metadata.name", LR, "metadata: {name: ''}"),
    Case(_VLR + "invalid Name", V, "metadata.name", LR, "metadata: {name: '^Invalid'}"),
    Case(
        _VLR + "duplicate-limit-type",
        V,
        "spec.limits[1].type",
        LR,
        "spec: {limits: [{type: Pod, max: {cpu: '100m'}}, {type: Pod, min: {cpu: '5m'}}]}",
    ),
    Case(
        _VLR + "default-limit-type-pod",
        V,
        "spec.limits[0].default",
        LR,
        "spec: {limits: [{type: Pod, max: {cpu: '100m'}, min: {cpu: '0m'}, default: {cpu: '10m'}}]}",
    ),
    Case(
        _VLR + "default-request-limit-type-pod",
        V,
        "spec.limits[0].defaultRequest",
        LR,
        "spec: {limits: [{type: Pod, max: {cpu: '100m'}, defaultRequest: {cpu: '10m'}}]}",
    ),
    Case(
        _VLR + "min value 100m is greater than max value 10m",
        V,
        "spec.limits[0].min.cpu",
        LR,
        "spec: {limits: [{type: Pod, max: {cpu: '10m'}, min: {cpu: '100m'}}]}",
    ),
    Case(
        _VLR + "invalid spec default outside range",
        V,
        "spec.limits[0].default.cpu",
        LR,
        "spec: {limits: [{type: Container, max: {cpu: '1'}, min: {cpu: '100m'}, default: {cpu: '2'}}]}",
    ),
    Case(
        _VLR + "invalid spec defaultrequest outside range",
        V,
        "spec.limits[0].defaultRequest.cpu",
        LR,
        "spec: {limits: [{type: Container, max: {cpu: '1'}, min: {cpu: '100m'}, defaultRequest: {cpu: '2'}}]}",
    ),
    Case(
        _VLR + "invalid spec defaultrequest greater than default",
        V,
        "spec.limits[0].defaultRequest.cpu",
        LR,
        "spec: {limits: [{type: Container, max: {cpu: '2'}, min: {cpu: '100m'}, default: {cpu: '500m'}, "
        "defaultRequest: {cpu: '800m'}}]}",
    ),
    Case(
        _VLR + "invalid spec maxLimitRequestRatio less than 1",
        V,
        "spec.limits[0].maxLimitRequestRatio.memory",
        LR,
        "spec: {limits: [{type: Pod, maxLimitRequestRatio: {memory: 800m}}]}",
    ),
    Case(
        _VLR + "invalid spec maxLimitRequestRatio greater than max/min",
        V,
        "spec.limits[0].maxLimitRequestRatio.memory",
        LR,
        "spec: {limits: [{type: Container, max: {memory: 10Gi}, min: {memory: 250Mi}, maxLimitRequestRatio: "
        "{memory: 50}}]}",
    ),
    Case(
        _VLR + "invalid non standard limit type",
        V,
        "spec.limits[0].type",
        LR,
        "spec: {limits: [{type: foo, max: {foo/bar: '1'}}]}",
    ),
    Case(
        _VLR + "min and max values missing, one required",
        V,
        "spec.limits[0].min",
        LR,
        "spec: {limits: [{type: PersistentVolumeClaim}]}",
    ),
    Case(
        _VLR + "invalid min greater than max (pvc)",
        V,
        "spec.limits[0].min.storage",
        LR,
        "spec: {limits: [{type: PersistentVolumeClaim, min: {storage: 10Gi}, max: {storage: 1Gi}}]}",
    ),
    Case(
        _VLR + "negative quantity",
        V,
        "spec.limits[0].max.cpu",
        LR,
        "spec: {limits: [{type: Container, max: {cpu: '-1'}}]}",
    ),
]

_VRQ = "TestValidateResourceQuota/"
RQ = "ResourceQuota"
QUOTAS = [
    Case(
        _VRQ + "valid",
        V,
        ACCEPTED,
        RQ,
        "spec: {hard: {cpu: '100', memory: '10000', requests.cpu: '100', requests.memory: '10000', limits.cpu: '100', "
        "limits.memory: '10000', pods: '10', services: '0', replicationcontrollers: '10', resourcequotas: '10', "
        "persistentvolumeclaims: '10', requests.storage: 10G, count/deployments.apps: '5', "
        "requests.nvidia.com/gpu: '4'}}",
    ),
    Case(
        _VRQ + "valid terminating scope",
        V,
        ACCEPTED,
        RQ,
        "spec: {hard: {cpu: '100', pods: '10'}, scopes: [Terminating]}",
    ),
    Case(
        _VRQ + "valid best effort scope",
        V,
        ACCEPTED,
        RQ,
        "spec: {hard: {cpu: ~, memory: ~, pods: '10'}, scopes: [BestEffort]}",
    ),
    Case(
        _VRQ + "valid scope selector",
        V,
        ACCEPTED,
        RQ,
        "spec: {hard: {pods: '10'}, scopeSelector: {matchExpressions: [{scopeName: PriorityClass, operator: In, "
        "values: [cluster-services]}]}}",
    ),
    Case(_VRQ + "zero-length Name", V, "metadata.name", RQ, "metadata: {name: ''}"),
    Case(_VRQ + "invalid Name", V, "metadata.name", RQ, "metadata: {name: '^Invalid'}"),
    Case(_VRQ + "negative-limits", V, "spec.hard.cpu", RQ, "spec: {hard: {cpu: '-100'}}"),
    Case(_VRQ + "fractional-api-resource", V, "spec.hard.pods", RQ, "spec: {hard: {pods: 500m}}"),
    Case(
        _VRQ + "invalid-quota-resource",
        V,
        "spec.hard.my-resource",
        RQ,
        "spec: {hard: {my-resource: '10'}}",
    ),
    Case(_VRQ + "invalid-quota-scope-name", V, "spec.scopes", RQ, "spec: {scopes: [foo]}"),
    Case(
        _VRQ + "invalid-quota-terminating-pair",
        V,
        "spec.scopes",
        RQ,
        "spec: {hard: {pods: '10'}, scopes: [Terminating, NotTerminating]}",
    ),
    Case(
        _VRQ + "invalid-quota-besteffort",
        V,
        "spec.scopes",
        RQ,
        "spec: {hard: {cpu: '100'}, scopes: [BestEffort]}",
    ),
    Case(
        _VRQ + "invalid-quota-scope-selector-operator",
        V,
        "spec.scopeSelector.matchExpressions.operator",
        RQ,
        "spec: {scopeSelector: {matchExpressions: [{scopeName: PriorityClass, operator: Bogus, values: [a]}]}}",
    ),
    Case(
        _VRQ + "invalid-quota-scope-selector-exists-with-values",
        V,
        "spec.scopeSelector.matchExpressions.values",
        RQ,
        "spec: {scopeSelector: {matchExpressions: [{scopeName: Terminating, operator: Exists, values: [a]}]}}",
    ),
    Case(
        _VRQ + "invalid-quota-scope-selector-in-without-values",
        V,
        "spec.scopeSelector.matchExpressions.values",
        RQ,
        "spec: {scopeSelector: {matchExpressions: [{scopeName: PriorityClass, operator: In}]}}",
    ),
]

_VRC = "TestValidateReplicationController/"
RC = "ReplicationController"
_RCT = "spec.template.spec."
CONTROLLERS = [
    Case(_VRC + "valid", V, ACCEPTED, RC, ""),
    Case(_VRC + "valid zero replicas", V, ACCEPTED, RC, "spec: {replicas: 0}"),
    Case(_VRC + "valid selector defaulted from the template", V, ACCEPTED, RC, "spec: {selector: ~}"),
    Case(
        _VRC + "valid read-only persistent disk with > 1 pod",
        V,
        ACCEPTED,
        RC,
        "spec: {replicas: 2, template: {spec: {volumes: [{name: gcepd, gcePersistentDisk: {pdName: my-PD, "
        "fsType: ext4, partition: 1, readOnly: true}}]}}}",
    ),
    Case(_VRC + "zero-length ID", V, "metadata.name", RC, "metadata: {name: ''}"),
    Case(_VRC + "selector_doesnt_match", V, "spec.template.metadata.labels", RC, "spec: {selector: {foo: bar}}"),
    Case(
        _VRC + "read-write persistent disk with > 1 pod",
        V,
        "spec.template.spec.volumes[0].gcePersistentDisk.readOnly",
        RC,
        "spec: {replicas: 2, template: {spec: {volumes: [{name: gcepd, gcePersistentDisk: {pdName: my-PD, "
        "fsType: ext4, partition: 1, readOnly: false}}]}}}",
    ),
    Case(_VRC + "negative_replicas", V, "spec.replicas", RC, "spec: {replicas: -1}"),
    Case(_VRC + "negative minReadySeconds", V, "spec.minReadySeconds", RC, "spec: {minReadySeconds: -1}"),
    Case(
        _VRC + "invalid_label",
        V,
        "metadata.labels['NoUppercaseOrSpecialCharsLike=Equals']",
        RC,
        "metadata: {labels: {'NoUppercaseOrSpecialCharsLike=Equals': bar}}",
    ),
    Case(
        _VRC + "invalid_label 2",
        V,
        "spec.template.metadata.labels['NoUppercaseOrSpecialCharsLike=Equals']",
        RC,
        "spec: {selector: ~, template: {metadata: {labels: {'NoUppercaseOrSpecialCharsLike=Equals': bar}}}}",
    ),
    Case(
        _VRC + "invalid_annotation",
        V,
        "metadata.annotations['NoUppercaseOrSpecialCharsLike=Equals']",
        RC,
        "metadata: {annotations: {'NoUppercaseOrSpecialCharsLike=Equals': bar}}",
    ),
    Case(
        _VRC + "invalid restart policy 1",
        V,
        _RCT + "restartPolicy",
        RC,
        "spec: {template: {spec: {restartPolicy: OnFailure}}}",
    ),
    Case(
        _VRC + "invalid restart policy 2",
        V,
        _RCT + "restartPolicy",
        RC,
        "spec: {template: {spec: {restartPolicy: Never}}}",
    ),
    Case(
        _VRC + "activeDeadlineSeconds is not supported",
        V,
        _RCT + "activeDeadlineSeconds",
        RC,
        "spec: {template: {spec: {activeDeadlineSeconds: 10}}}",
    ),
    Case(
        _VRC + "template with an invalid container name",
        V,
        _RCT + "containers[0].name",
        RC,
        "spec: {template: {spec: {containers: [{name: Bad_Name, image: image}]}}}",
    ),
    Case(
        _VRC + "template with a bad container port",
        V,
        _RCT + "containers[0].ports[0].containerPort",
        RC,
        "spec: {template: {spec: {containers: [{name: abc, image: image, ports: [{containerPort: 0}]}]}}}",
    ),
    Case(
        _VRC + "template with invalid tolerations",
        V,
        _RCT + "tolerations[0].operator",
        RC,
        "spec: {template: {spec: {tolerations: [{key: foo, operator: Exists, value: bar}]}}}",
    ),
]

_VPT = "TestValidatePodTemplate/"
PT = "PodTemplate"
_PTS = "template.spec."
POD_TEMPLATES = [
    Case(_VPT + "valid", V, ACCEPTED, PT, ""),
    Case(_VPT + "valid restartPolicy Never", V, ACCEPTED, PT, "template: {spec: {restartPolicy: Never}}"),
    Case(_VPT + "valid activeDeadlineSeconds", V, ACCEPTED, PT, "template: {spec: {activeDeadlineSeconds: 10}}"),
    Case(_VPT + "invalid name", V, "metadata.name", PT, "metadata: {name: 'Bad Name'}"),
    Case(
        _VPT + "invalid template label",
        V,
        "template.metadata.labels.-bad",
        PT,
        "template: {metadata: {labels: {'-bad': b}}}",
    ),
    Case(_VPT + "invalid restartPolicy", V, _PTS + "restartPolicy", PT, "template: {spec: {restartPolicy: Sometimes}}"),
    Case(
        _VPT + "invalid container name",
        V,
        _PTS + "containers[0].name",
        PT,
        "template: {spec: {containers: [{name: Bad_Name, image: image}]}}",
    ),
    Case(
        _VPT + "invalid volume",
        V,
        _PTS + "volumes[0].hostPath.path",
        PT,
        "template: {spec: {volumes: [{name: v, hostPath: {path: /a/..}}]}}",
    ),
    Case(
        _VPT + "invalid dnsPolicy",
        V,
        _PTS + "dnsPolicy",
        PT,
        "template: {spec: {dnsPolicy: Bogus}}",
    ),
    Case(
        _VPT + "ephemeral containers in a template",
        V,
        _PTS + "ephemeralContainers",
        PT,
        "template: {spec: {ephemeralContainers: [{name: debugger, image: image}]}}",
    ),
]


_VPC = "TestValidatePodCreate/"
_AA = "container.apparmor.security.beta.kubernetes.io/"
_SC = "seccomp.security.alpha.kubernetes.io/pod"
_AFF_TERM = (
    "{labelSelector: {matchExpressions: [{key: key, operator: NotIn, values: [value1, value2]}]}, "
    "topologyKey: k8s.io/zone"
)
POD_CREATE = [
    Case(
        _VPC + "unsupported container AppArmor profile type",
        V,
        "spec.containers[0].securityContext.appArmorProfile.type",
        P,
        _ctr("securityContext: {appArmorProfile: {type: test}}"),
    ),
    Case(
        _VPC + "missing pod AppArmor profile type",
        V,
        "spec.securityContext.appArmorProfile.type",
        P,
        _spec("securityContext: {appArmorProfile: {type: ''}}"),
    ),
    Case(
        _VPC + "empty AppArmor localhost profile",
        V,
        "spec.securityContext.appArmorProfile.localhostProfile",
        P,
        _spec("securityContext: {appArmorProfile: {type: Localhost, localhostProfile: ''}}"),
    ),
    Case(
        _VPC + "invalid AppArmor localhost profile type",
        V,
        "spec.securityContext.appArmorProfile.localhostProfile",
        P,
        _spec("securityContext: {appArmorProfile: {type: RuntimeDefault, localhostProfile: foo-bar}}"),
    ),
    Case(
        _VPC + "invalid AppArmor localhost profile",
        V,
        "spec.securityContext.appArmorProfile.localhostProfile",
        P,
        _spec("securityContext: {appArmorProfile: {type: Localhost, localhostProfile: 'foo-bar '}}"),
    ),
    Case(
        _VPC + "too long AppArmor localhost profile",
        V,
        "spec.securityContext.appArmorProfile.localhostProfile",
        P,
        _spec("securityContext: {appArmorProfile: {type: Localhost, localhostProfile: " + "a" * 4096 + "}}"),
    ),
    Case(
        _VPC + "mismatched AppArmor field and annotation types",
        V,
        "spec.containers[0].securityContext.appArmorProfile.type",
        P,
        "{metadata: {annotations: {"
        + _AA
        + "ctr: runtime/default}}, "
        + _ctr("securityContext: {appArmorProfile: {type: Unconfined}}")
        + "}",
    ),
    Case(
        _VPC + "mismatched AppArmor localhost profiles",
        V,
        "spec.containers[0].securityContext.appArmorProfile.localhostProfile",
        P,
        "{metadata: {annotations: {"
        + _AA
        + "ctr: localhost/foo}}, "
        + _ctr("securityContext: {appArmorProfile: {type: Localhost, localhostProfile: bar}}")
        + "}",
    ),
    Case(
        _VPC + "matching AppArmor field and annotation",
        V,
        ACCEPTED,
        P,
        "{metadata: {annotations: {"
        + _AA
        + "ctr: localhost/foo}}, "
        + _ctr("securityContext: {appArmorProfile: {type: Localhost, localhostProfile: foo}}")
        + "}",
    ),
    Case(
        _VPC + "invalid extended resource name in container request",
        V,
        "spec.containers[0].resources.limits.invalid-name",
        P,
        _ctr("resources: {limits: {invalid-name: '2'}, requests: {invalid-name: '2'}}"),
    ),
    Case(
        _VPC + "invalid extended resource requirement: request must be == limit",
        V,
        "spec.containers[0].resources.requests['example.com/a']",
        P,
        _ctr("resources: {limits: {example.com/a: '2'}, requests: {example.com/a: '1'}}"),
    ),
    Case(
        _VPC + "invalid fractional extended resource in init container request",
        V,
        "spec.initContainers[0].resources.requests['example.com/a']",
        P,
        _ctr("resources: {requests: {example.com/a: 500m}}", field="initContainers"),
    ),
    Case(
        _VPC + "invalid fractional extended resource in container limit",
        V,
        "spec.containers[0].resources.limits['example.com/a']",
        P,
        _ctr("resources: {requests: {example.com/a: '5'}, limits: {example.com/a: '2.5'}}"),
    ),
    Case(
        _VPC + "mirror-pod present without nodeName",
        V,
        "metadata.annotations['kubernetes.io/config.mirror']",
        P,
        "metadata: {annotations: {kubernetes.io/config.mirror: ''}}",
    ),
    Case(
        _VPC + "mirror-pod with nodeName",
        V,
        ACCEPTED,
        P,
        "{metadata: {annotations: {kubernetes.io/config.mirror: foo}}, spec: {nodeName: node}}",
    ),
    Case(
        _VPC + "final PVC name for ephemeral volume must be valid",
        V,
        "spec.volumes[0].name",
        P,
        "{metadata: {name: "
        + "p" * 200
        + "}, spec: {volumes: [{name: "
        + "v" * 63
        + ", ephemeral: {volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce], "
        "resources: {requests: {storage: 1Gi}}}}}}]}}",
    ),
    Case(
        _VPC + "PersistentVolumeClaimVolumeSource must not reference a generated PVC",
        V,
        "spec.volumes[0].persistentVolumeClaim.claimName",
        P,
        "spec: {volumes: [{name: pvc-volume, persistentVolumeClaim: {claimName: abc-ephemeral-volume}}, "
        "{name: ephemeral-volume, ephemeral: {volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce], "
        "resources: {requests: {storage: 1Gi}}}}}}]}",
    ),
    Case(
        _VPC + "invalid leading zeros pod-deletion-cost",
        V,
        "metadata.annotations['controller.kubernetes.io/pod-deletion-cost']",
        P,
        "metadata: {annotations: {controller.kubernetes.io/pod-deletion-cost: '008'}}",
    ),
    Case(
        _VPC + "invalid leading plus sign pod-deletion-cost",
        V,
        "metadata.annotations['controller.kubernetes.io/pod-deletion-cost']",
        P,
        "metadata: {annotations: {controller.kubernetes.io/pod-deletion-cost: '+10'}}",
    ),
    Case(
        _VPC + "valid negative pod-deletion-cost",
        V,
        ACCEPTED,
        P,
        "metadata: {annotations: {controller.kubernetes.io/pod-deletion-cost: '-10'}}",
    ),
    Case(
        _VPC + "invalid required node affinity, value of NodeSelectorRequirement should be a valid label value",
        V,
        "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
        ".matchExpressions[0].values[0]",
        P,
        _spec(
            "affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: "
            "[{matchExpressions: [{key: foo, operator: In, values: ['-1']}]}]}}}"
        ),
    ),
    Case(
        _VPC + "invalid hard pod affinity, key in MismatchLabelKeys isn't correctly defined",
        V,
        "spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].mismatchLabelKeys[0]",
        P,
        _spec(
            "affinity: {podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: ["
            + _AFF_TERM
            + ", mismatchLabelKeys: [/simple]}]}}"
        ),
    ),
    Case(
        _VPC + "invalid soft pod anti-affinity, key in MismatchLabelKeys isn't correctly defined",
        V,
        "spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm"
        ".mismatchLabelKeys[0]",
        P,
        _spec(
            "affinity: {podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 10, "
            "podAffinityTerm: " + _AFF_TERM + ", mismatchLabelKeys: [/simple]}}]}}"
        ),
    ),
    Case(
        _VPC + "invalid hard pod affinity, key in MatchLabelKeys isn't correctly defined",
        V,
        "spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].matchLabelKeys[0]",
        P,
        _spec(
            "affinity: {podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: ["
            + _AFF_TERM
            + ", matchLabelKeys: [/simple]}]}}"
        ),
    ),
    Case(
        _VPC + "invalid hard pod affinity, key exists in both MatchLabelKeys and MismatchLabelKeys",
        V,
        "spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].mismatchLabelKeys[0]",
        P,
        _spec(
            "affinity: {podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: ["
            + _AFF_TERM
            + ", matchLabelKeys: [samekey], mismatchLabelKeys: [samekey]}]}}"
        ),
    ),
    Case(
        _VPC + "valid pod affinity with matchLabelKeys and mismatchLabelKeys",
        V,
        ACCEPTED,
        P,
        _spec(
            "affinity: {podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: ["
            + _AFF_TERM
            + ", matchLabelKeys: [a], mismatchLabelKeys: [b]}]}}"
        ),
    ),
    Case(
        _VPC + "must be a valid pod seccomp profile",
        V,
        "metadata.annotations['seccomp.security.alpha.kubernetes.io/pod']",
        P,
        "metadata: {annotations: {" + _SC + ": foo}}",
    ),
    Case(
        _VPC + "must be a valid container seccomp profile",
        V,
        "metadata.annotations['container.seccomp.security.alpha.kubernetes.io/abc']",
        P,
        "metadata: {annotations: {container.seccomp.security.alpha.kubernetes.io/abc: foo}}",
    ),
    Case(
        _VPC + "must be a non-empty container profile in seccomp annotation",
        V,
        "metadata.annotations['container.seccomp.security.alpha.kubernetes.io/abc']",
        P,
        "metadata: {annotations: {container.seccomp.security.alpha.kubernetes.io/abc: ''}}",
    ),
    Case(
        _VPC + "must match seccomp profile type and pod annotation",
        V,
        "spec.securityContext.seccompProfile.type",
        P,
        "{metadata: {annotations: {" + _SC + ": unconfined}}, spec: {securityContext: {seccompProfile: "
        "{type: RuntimeDefault}}}}",
    ),
    Case(
        _VPC + "must match seccomp profile type and container annotation",
        V,
        "spec.containers[0].securityContext.seccompProfile.type",
        P,
        "{metadata: {annotations: {container.seccomp.security.alpha.kubernetes.io/ctr: unconfined}}, "
        + _ctr("securityContext: {seccompProfile: {type: RuntimeDefault}}")
        + "}",
    ),
    Case(
        _VPC + "must be a relative path in a node-local seccomp profile annotation",
        V,
        "metadata.annotations['seccomp.security.alpha.kubernetes.io/pod']",
        P,
        "metadata: {annotations: {" + _SC + ": localhost//foo}}",
    ),
    Case(
        _VPC + "must not start with '../'",
        V,
        "metadata.annotations['seccomp.security.alpha.kubernetes.io/pod']",
        P,
        "metadata: {annotations: {" + _SC + ": localhost/../foo}}",
    ),
    Case(
        _VPC + "AppArmor profile must apply to a container",
        V,
        "metadata.annotations['container.apparmor.security.beta.kubernetes.io/fake-ctr']",
        P,
        "metadata: {annotations: {" + _AA + "abc: runtime/default, " + _AA + "fake-ctr: runtime/default}}",
    ),
    Case(
        _VPC + "AppArmor profile format must be valid",
        V,
        "metadata.annotations['container.apparmor.security.beta.kubernetes.io/abc']",
        P,
        "metadata: {annotations: {" + _AA + "abc: bad-name}}",
    ),
    Case(
        _VPC + "only default AppArmor profile may start with runtime/",
        V,
        "metadata.annotations['container.apparmor.security.beta.kubernetes.io/abc']",
        P,
        "metadata: {annotations: {" + _AA + "abc: runtime/foo}}",
    ),
    Case(
        _VPC + "valid AppArmor localhost profile name with slashes (not a path below a root)",
        V,
        ACCEPTED,
        P,
        _spec("securityContext: {appArmorProfile: {type: Localhost, localhostProfile: /etc/apparmor.d/k8s-deny}}"),
    ),
    Case(
        _VPC + "valid preferred node affinity value that is no label value",
        V,
        ACCEPTED,
        P,
        _spec(
            "affinity: {nodeAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 1, preference: "
            "{matchExpressions: [{key: foo, operator: In, values: ['a/b']}]}}]}}"
        ),
    ),
    Case(
        _VPC + "required node affinity values are not checked before 1.33",
        "1.31",
        ACCEPTED,
        P,
        _spec(
            "affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: "
            "[{matchExpressions: [{key: foo, operator: In, values: ['-1']}]}]}}}"
        ),
    ),
    Case(
        _VPC + "valid AppArmor annotations",
        V,
        ACCEPTED,
        P,
        "metadata: {annotations: {" + _AA + "abc: localhost/foo}}",
    ),
]

POD_CREATE_ACCEPTED = [
    Case(
        _VPC + "just about everything",
        V,
        ACCEPTED,
        P,
        "{metadata: {name: abc.123.do-re-mi}, spec: {initContainers: [{name: ictr, image: image}], "
        "volumes: [{name: vol, emptyDir: {}}], nodeSelector: {key: value}, "
        "nodeName: foobar, serviceAccountName: acct}}",
    ),
    Case(
        _VPC + "serialized node affinity requirements, II",
        V,
        ACCEPTED,
        P,
        _spec(
            "affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: "
            "[{matchExpressions: []}]}, preferredDuringSchedulingIgnoredDuringExecution: [{weight: 10, "
            "preference: {matchExpressions: []}}]}}"
        ),
    ),
    Case(_VPC + "docker default seccomp profile", V, ACCEPTED, P, "metadata: {annotations: {" + _SC + ": unconfined}}"),
    Case(_VPC + "localhost seccomp profile", V, ACCEPTED, P, "metadata: {annotations: {" + _SC + ": localhost/foo}}"),
    Case(
        _VPC + "localhost seccomp profile for a container",
        V,
        ACCEPTED,
        P,
        "metadata: {annotations: {container.seccomp.security.alpha.kubernetes.io/abc: localhost/foo}}",
    ),
    Case(
        _VPC + "localhost seccomp profile for a container, II",
        V,
        ACCEPTED,
        P,
        _ctr("securityContext: {seccompProfile: {type: Localhost, localhostProfile: filename.json}}"),
    ),
    Case(
        _VPC + "default AppArmor annotation for an init container",
        V,
        ACCEPTED,
        P,
        "{metadata: {annotations: {" + _AA + "init-ctr: runtime/default}}, spec: {initContainers: "
        "[{name: init-ctr, image: image}]}}",
    ),
    Case(
        _VPC + "localhost AppArmor profile for a pod",
        V,
        ACCEPTED,
        P,
        _spec("securityContext: {appArmorProfile: {type: Localhost, localhostProfile: example-org/application-foo}}"),
    ),
    Case(
        _VPC + "localhost AppArmor profile for a container field",
        V,
        ACCEPTED,
        P,
        _ctr("securityContext: {appArmorProfile: {type: Localhost, localhostProfile: example-org/application-foo}}"),
    ),
    Case(
        _VPC + "matching AppArmor pod field and annotations",
        V,
        ACCEPTED,
        P,
        "{metadata: {annotations: {" + _AA + "abc: localhost/foo}}, spec: {securityContext: {appArmorProfile: "
        "{type: Localhost, localhostProfile: foo}}}}",
    ),
    Case(
        _VPC + "unconfined AppArmor profile for a pod",
        V,
        ACCEPTED,
        P,
        _spec("securityContext: {appArmorProfile: {type: Unconfined}}"),
    ),
    Case(
        _VPC + "syntactically valid sysctls",
        V,
        ACCEPTED,
        P,
        _spec(
            "securityContext: {sysctls: [{name: kernel.shmmni, value: '32768'}, {name: kernel.shmmax, "
            "value: '1000000000'}, {name: knet.ipv4.route.min_pmtu, value: '1000'}]}"
        ),
    ),
    Case(
        _VPC + "valid extended resources for init container",
        V,
        ACCEPTED,
        P,
        _ctr("resources: {limits: {example.com/a: '10'}, requests: {example.com/a: '10'}}", field="initContainers"),
    ),
    Case(
        _VPC + "valid serviceaccount token projected volume with serviceaccount name specified",
        V,
        ACCEPTED,
        P,
        "spec: {serviceAccountName: some-service-account, volumes: [{name: projected-volume, projected: {sources: "
        "[{serviceAccountToken: {audience: foo-audience, expirationSeconds: 6000, path: foo-path}}]}}]}",
    ),
    Case(
        _VPC + "ephemeral volume + PVC, no conflict between them",
        V,
        ACCEPTED,
        P,
        "spec: {volumes: [{name: pvc, persistentVolumeClaim: {claimName: my-pvc}}, {name: ephemeral, ephemeral: "
        "{volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 10G}}}}}}]}",
    ),
    Case(
        _VPC + "positive pod-deletion-cost",
        V,
        ACCEPTED,
        P,
        "metadata: {annotations: {controller.kubernetes.io/pod-deletion-cost: '100'}}",
    ),
    Case(
        _VPC + "LabelSelector can have the same key as MismatchLabelKeys",
        V,
        ACCEPTED,
        P,
        _spec(
            "affinity: {podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: "
            "{matchExpressions: [{key: key, operator: NotIn, values: [value1, value2]}, {key: key2, operator: In, "
            "values: [value1]}, {key: key2, operator: NotIn, values: [value1]}]}, topologyKey: k8s.io/zone, "
            "mismatchLabelKeys: [key2]}]}}"
        ),
    ),
    Case(
        _PS + "populate HostAliases",
        V,
        ACCEPTED,
        P,
        _spec("hostAliases: [{ip: 12.34.56.78, hostnames: [host1, host2]}]"),
    ),
    Case(
        _PS + "populate HostAliases with `foo.bar` hostnames",
        V,
        ACCEPTED,
        P,
        _spec("hostAliases: [{ip: 12.34.56.78, hostnames: [host1.foo, host2.bar]}]"),
    ),
    Case(
        _PS + "populate HostAliases with HostNetwork",
        V,
        ACCEPTED,
        P,
        _spec("hostNetwork: true, hostAliases: [{ip: 12.34.56.78, hostnames: [host1.foo, host2.bar]}]"),
    ),
    Case(
        _PS + "populate HostAliases with an IPv6 address",
        V,
        ACCEPTED,
        P,
        _spec("hostAliases: [{ip: '2001:db8::1', hostnames: [host1]}]"),
    ),
    Case(_PS + "populate Overhead", V, ACCEPTED, P, _spec("overhead: {}")),
    Case(
        _PS + "resources resize policy for containers",
        V,
        ACCEPTED,
        P,
        _ctr("resizePolicy: [{resourceName: cpu, restartPolicy: NotRequired}]"),
    ),
    Case(
        _PS + "bad service account name with uppercase",
        V,
        "spec.serviceAccountName",
        P,
        _spec("serviceAccountName: invalidName"),
    ),
]

_LBSR = "service.beta.kubernetes.io/load-balancer-source-ranges"
SERVICES_MORE = [
    Case(_VS + "invalid namespace", V, "metadata.namespace", S, "metadata: {namespace: '-123'}"),
    Case(_VS + "invalid generateName", V, "metadata.generateName", S, "metadata: {name: ~, generateName: '-123'}"),
    Case(
        _VS + "too long generateName",
        V,
        "metadata.generateName",
        S,
        "metadata: {name: ~, generateName: " + "a" * 64 + "}",
    ),
    Case(
        _VS + "invalid port headless 1 (tolerated in v1)",
        V,
        ACCEPTED,
        S,
        "spec: {clusterIP: None, ports: [{name: p, port: 11722, targetPort: 11721}]}",
    ),
    Case(
        _VS + "invalid port headless 2 (tolerated in v1)",
        V,
        ACCEPTED,
        S,
        "spec: {clusterIP: None, ports: [{name: p, port: 11722, targetPort: target}]}",
    ),
    Case(_VS + "valid cluster ip - empty", V, ACCEPTED, S, "spec: {ports: [{name: p, port: 8675, targetPort: http}]}"),
    Case(
        _VS + "valid port type=LoadBalancer",
        V,
        ACCEPTED,
        S,
        "spec: {type: LoadBalancer, ports: [{name: p, port: 8675}, {name: kubelet, port: 10250, targetPort: 12345}]}",
    ),
    Case(
        _VS + "valid whitespace-only LoadBalancer source range annotation",
        V,
        ACCEPTED,
        S,
        "{metadata: {annotations: {" + _LBSR + ": '  '}}, spec: {type: LoadBalancer}}",
    ),
    Case(
        _VS + "invalid LoadBalancer source range annotation for non LoadBalancer type service",
        V,
        "metadata.annotations['" + _LBSR + "']",
        S,
        "metadata: {annotations: {" + _LBSR + ": 1.2.3.0/24}}",
    ),
    Case(
        _VS + "invalid empty-but-set LoadBalancer source range annotation for non LoadBalancer type service",
        V,
        "metadata.annotations['" + _LBSR + "']",
        S,
        "metadata: {annotations: {" + _LBSR + ": ''}}",
    ),
    Case(
        _VS + "valid LoadBalancer source range with whitespace",
        V,
        ACCEPTED,
        S,
        "spec: {type: LoadBalancer, loadBalancerSourceRanges: ['1.2.3.0/24  ', ' 5.6.0.0/16']}",
    ),
    Case(
        _VS + "invalid empty LoadBalancer source range",
        V,
        "spec.loadBalancerSourceRanges[0]",
        S,
        "spec: {type: LoadBalancer, loadBalancerSourceRanges: ['   ']}",
    ),
    Case(
        _VS + "invalid LoadBalancer source range (invalid CIDR)",
        V,
        "spec.loadBalancerSourceRanges[0]",
        S,
        "spec: {type: LoadBalancer, loadBalancerSourceRanges: [1.2.3.4/33]}",
    ),
    Case(
        _VS + "invalid source range annotation ignored with valid source range field",
        V,
        ACCEPTED,
        S,
        "{metadata: {annotations: {" + _LBSR + ": foo.bar}}, spec: {type: LoadBalancer, "
        "loadBalancerSourceRanges: [1.2.3.0/24, 5.6.0.0/16]}}",
    ),
    Case(_VS + "valid type - nodeport", V, ACCEPTED, S, "spec: {type: NodePort}"),
    Case(
        _VS + "invalid public service with duplicate NodePort",
        V,
        "spec.ports[2].nodePort",
        S,
        "spec: {type: NodePort, ports: [{name: p, port: 8675}, {name: p1, port: 1, nodePort: 30001}, "
        "{name: p2, port: 2, nodePort: 30001}]}",
    ),
]

_RDS = "ipFamilyPolicy: RequireDualStack"
SERVICES_IP = [
    Case(
        _VS + "internalTrafficPolicy field is set when type is ExternalName",
        V,
        ACCEPTED,
        S,
        "spec: {type: ExternalName, externalName: foo.bar.com, internalTrafficPolicy: Cluster, selector: ~}",
    ),
    Case(
        _VS + "valid healthCheckNodePort field",
        V,
        ACCEPTED,
        S,
        "spec: {type: LoadBalancer, externalTrafficPolicy: Local, healthCheckNodePort: 31100}",
    ),
    Case(
        _VS + "invalid timeoutSeconds field",
        V,
        "spec.sessionAffinityConfig.clientIP.timeoutSeconds",
        S,
        "spec: {sessionAffinity: ClientIP, sessionAffinityConfig: {clientIP: {timeoutSeconds: -1}}}",
    ),
    Case(
        _VS + "invalid, service with invalid ipFamilies (2nd)",
        V,
        "spec.ipFamilies[1]",
        S,
        "spec: {" + _RDS + ", ipFamilies: [IPv4, not-a-valid-ip-family]}",
    ),
    Case(
        _VS + "valid, IPFamilyPolicy(preferDualStack) is set for two families",
        V,
        ACCEPTED,
        S,
        "spec: {ipFamilyPolicy: PreferDualStack, ipFamilies: [IPv4, IPv6]}",
    ),
    Case(
        _VS + "invalid, service with 2+ ipFamilies",
        V,
        "spec.ipFamilies",
        S,
        "spec: {" + _RDS + ", ipFamilies: [IPv4, IPv6, IPv4]}",
    ),
    Case(
        _VS + "invalid, service with same ip families",
        V,
        "spec.ipFamilies[1]",
        S,
        "spec: {" + _RDS + ", ipFamilies: [IPv6, IPv6]}",
    ),
    Case(
        _VS + "valid, service with valid ipFamilies(v6,v4)",
        V,
        ACCEPTED,
        S,
        "spec: {" + _RDS + ", ipFamilies: [IPv6, IPv4]}",
    ),
    Case(
        _VS + "valid, service preferred dual stack with single family",
        V,
        ACCEPTED,
        S,
        "spec: {ipFamilyPolicy: PreferDualStack, ipFamilies: [IPv6]}",
    ),
    Case(
        _VS + "invalid, garbage first ip",
        V,
        "spec.clusterIP",
        S,
        "spec: {" + _RDS + ", clusterIP: garbage-ip, clusterIPs: [garbage-ip, '2001::1']}",
    ),
    Case(
        _VS + "invalid, garbage second ip",
        V,
        "spec.clusterIPs[1]",
        S,
        "spec: {" + _RDS + ", clusterIP: '2001::1', clusterIPs: ['2001::1', garbage-ip]}",
    ),
    Case(
        _VS + "invalid, NONE + IP",
        V,
        "spec.clusterIPs",
        S,
        "spec: {" + _RDS + ", clusterIP: None, clusterIPs: [None, '2001::1']}",
    ),
    Case(
        _VS + "invalid, IP + NONE",
        V,
        "spec.clusterIPs",
        S,
        "spec: {" + _RDS + ", clusterIP: '2001::1', clusterIPs: ['2001::1', None]}",
    ),
    Case(
        _VS + "invalid, IP + EMPTY STRING",
        V,
        "spec.clusterIPs[1]",
        S,
        "spec: {" + _RDS + ", clusterIP: '2001::1', clusterIPs: ['2001::1', '']}",
    ),
    Case(
        _VS + "invalid, same ip family (v4)",
        V,
        "spec.clusterIPs[1]",
        S,
        "spec: {" + _RDS + ", clusterIP: 10.0.0.1, clusterIPs: [10.0.0.1, 10.0.0.10], ipFamilies: [IPv4, IPv6]}",
    ),
    Case(
        _VS + "invalid, more than two ips",
        V,
        "spec.clusterIPs",
        S,
        "spec: {" + _RDS + ", clusterIP: 10.0.0.1, clusterIPs: [10.0.0.1, '2001::1', 10.0.0.10], "
        "ipFamilies: [IPv4, IPv6]}",
    ),
    Case(
        _VS + "valid, headless-no-selector + multi family",
        V,
        ACCEPTED,
        S,
        "spec: {" + _RDS + ", clusterIP: None, clusterIPs: [None], ipFamilies: [IPv4, IPv6], selector: ~}",
    ),
    Case(
        _VS + "valid, multi ip, single ipfamilies preferDualStack",
        V,
        ACCEPTED,
        S,
        "spec: {ipFamilyPolicy: PreferDualStack, clusterIP: 10.0.0.1, clusterIPs: [10.0.0.1, '2001::1'], "
        "ipFamilies: [IPv4]}",
    ),
    Case(
        _VS + "valid, multi ip, single ipfamilies (must match when provided) + requireDualStack",
        V,
        ACCEPTED,
        S,
        "spec: {" + _RDS + ", clusterIP: 10.0.0.1, clusterIPs: [10.0.0.1, '2001::1'], ipFamilies: [IPv4]}",
    ),
    Case(
        _VS + "invalid, families don't match (v4=>v6)",
        V,
        "spec.clusterIPs[0]",
        S,
        "spec: {clusterIP: 10.0.0.1, clusterIPs: [10.0.0.1], ipFamilies: [IPv6]}",
    ),
    Case(
        _VS + "invalid, families don't match (v6=>v4)",
        V,
        "spec.clusterIPs[0]",
        S,
        "spec: {clusterIP: '2001::1', clusterIPs: ['2001::1'], ipFamilies: [IPv4]}",
    ),
    Case(
        _VS + "valid, single ip + single family",
        V,
        ACCEPTED,
        S,
        "spec: {ipFamilyPolicy: SingleStack, clusterIP: '2001::1', clusterIPs: ['2001::1'], ipFamilies: [IPv6]}",
    ),
    Case(
        _VS + "valid, single ip, multi ipfamilies",
        V,
        ACCEPTED,
        S,
        "spec: {" + _RDS + ", clusterIP: 10.0.0.1, clusterIPs: [10.0.0.1], ipFamilies: [IPv4, IPv6]}",
    ),
    Case(
        _VS + "valid, ips, multi ipfamilies (6,4)",
        V,
        ACCEPTED,
        S,
        "spec: {" + _RDS + ", clusterIP: '2001::1', clusterIPs: ['2001::1', 10.0.0.1], ipFamilies: [IPv6, IPv4]}",
    ),
    Case(_VS + "valid, dual stack", V, ACCEPTED, S, "spec: {" + _RDS + "}"),
]

_NEG = "tcpSocket: {port: 80}, initialDelaySeconds: -1, timeoutSeconds: -1, periodSeconds: -1, successThreshold: -1, "
_NEG += "failureThreshold: -1, terminationGracePeriodSeconds: -1"
PROBES_MORE = [
    Case(
        _VC + "invalid lifecycle, no http scheme (v1 defaulting sets HTTP)",
        V,
        ACCEPTED,
        P,
        _ctr("lifecycle: {preStop: {httpGet: {path: /, port: 80}}}"),
    ),
    Case(
        _VC + "invalid lifecycle, no http port (missing)",
        V,
        _C0 + "lifecycle.preStop.httpGet.port",
        P,
        _ctr("lifecycle: {preStop: {httpGet: {path: /}}}"),
    ),
    Case(
        _VC + "invalid lifecycle, no tcp socket port (missing)",
        V,
        _C0 + "lifecycle.preStop.tcpSocket.port",
        P,
        _ctr("lifecycle: {preStop: {tcpSocket: {}}}"),
    ),
    Case(
        _VC + "live-123 with successThreshold 1",
        V,
        ACCEPTED,
        P,
        _ctr("livenessProbe: {tcpSocket: {port: 80}, successThreshold: 1}"),
    ),
    Case(
        _VC + "resize-policy-cpu-and-mem",
        V,
        ACCEPTED,
        P,
        _ctr(
            "resizePolicy: [{resourceName: memory, restartPolicy: NotRequired}, "
            "{resourceName: cpu, restartPolicy: RestartContainer}]"
        ),
    ),
]
for _field in (
    "initialDelaySeconds",
    "timeoutSeconds",
    "periodSeconds",
    "successThreshold",
    "failureThreshold",
    "terminationGracePeriodSeconds",
):
    PROBES_MORE.append(
        Case(
            _VC + "invalid liveness probe, negative numbers: " + _field,
            V,
            _C0 + "livenessProbe." + _field,
            P,
            _ctr("livenessProbe: {" + _NEG + "}"),
        )
    )
for _field in ("initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"):
    PROBES_MORE.append(
        Case(
            _VC + "invalid readiness probe, negative numbers: " + _field,
            V,
            _C0 + "readinessProbe." + _field,
            P,
            _ctr("readinessProbe: {" + _NEG.replace(", terminationGracePeriodSeconds: -1", "") + "}"),
        )
    )

VOLUMES_MORE = [
    Case(
        _VV + "valid Quobyte",
        V,
        ACCEPTED,
        P,
        _vol(
            "quobyte: {registry: 'registry:7861', volume: volume, user: root, group: root, "
            "tenant: ThisIsSomeTenantUUID}"
        ),
    ),
    Case(
        _VV + "empty registry quobyte",
        V,
        _V0 + "quobyte.registry",
        P,
        _vol("quobyte: {registry: '', volume: /test, tenant: ThisIsSomeTenantUUID}"),
    ),
    Case(
        _VV + "wrong format registry quobyte",
        V,
        _V0 + "quobyte.registry",
        P,
        _vol("quobyte: {registry: registry7861, volume: /test, tenant: ThisIsSomeTenantUUID}"),
    ),
    Case(
        _VV + "wrong format multiple registries quobyte",
        V,
        _V0 + "quobyte.registry",
        P,
        _vol("quobyte: {registry: 'registry:7861,reg2', volume: /test, tenant: ThisIsSomeTenantUUID}"),
    ),
    Case(
        _VV + "valid multiple registries quobyte",
        V,
        ACCEPTED,
        P,
        _vol("quobyte: {registry: 'registry:7861,reg2:7861', volume: /test}"),
    ),
    Case(
        _VV + "empty tenant quobyte",
        V,
        ACCEPTED,
        P,
        _vol("quobyte: {registry: 'registry:7861', volume: /test, tenant: ''}"),
    ),
    Case(
        _VV + "too long tenant quobyte",
        V,
        _V0 + "quobyte.tenant",
        P,
        _vol("quobyte: {registry: 'registry:7861', volume: /test, tenant: " + "t" * 66 + "}"),
    ),
    Case(
        _VV + "ProjectedVolumeSource more than one projection in the second source",
        V,
        _V0 + "projected.sources[1].downwardAPI",
        P,
        _vol("projected: {sources: [{secret: {name: foo}}, {secret: {name: foo}, downwardAPI: {}}]}"),
    ),
    Case(
        _VV + "valid scaleio volume without a secret name check",
        V,
        ACCEPTED,
        P,
        _vol(
            "scaleIO: {gateway: 'http://abcd/efg', system: test-system, volumeName: test-vol-1, "
            "secretRef: {name: s}, sslEnabled: true, storageMode: ThinProvisioned}"
        ),
    ),
]

TOPOLOGY_MORE = [
    Case(
        _VTS + "can use MinDomains with ScheduleAnyway, when MinDomains = nil",
        V,
        ACCEPTED,
        P,
        _tsc("{maxSkew: 1, topologyKey: k8s.io/zone, whenUnsatisfiable: ScheduleAnyway, minDomains: ~}"),
    ),
    Case(
        _VTS + "use negative MinDomains with ScheduleAnyway(invalid)",
        V,
        _T + "[0].minDomains",
        P,
        _tsc("{maxSkew: 1, topologyKey: k8s.io/zone, whenUnsatisfiable: ScheduleAnyway, minDomains: -1}"),
    ),
    Case(
        _VTS + "key in MatchLabelKeys isn't correctly defined (empty labelSelector)",
        V,
        _T + "[0].matchLabelKeys[0]",
        P,
        _tsc(
            "{maxSkew: 1, topologyKey: k8s.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {}, "
            "matchLabelKeys: [/simple]}"
        ),
    ),
    Case(
        _VTS + "matchLabelKeys with an empty labelSelector",
        V,
        ACCEPTED,
        P,
        _tsc(
            "{maxSkew: 1, topologyKey: k8s.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {}, "
            "matchLabelKeys: [pod-template-hash]}"
        ),
    ),
    Case(
        _VTS
        + "invalid matchLabels set on labelSelector when AllowInvalidTopologySpreadConstraintLabelSelector is false",
        V,
        "spec.topologySpreadConstraints[0].labelSelector.matchLabels['NoUppercaseOrSpecialCharsLike=Equals']",
        P,
        _tsc(
            "{maxSkew: 1, topologyKey: k8s.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: "
            "{matchLabels: {'NoUppercaseOrSpecialCharsLike=Equals': foo}}}"
        ),
    ),
    Case(
        _VTS + "valid matchLabels set on labelSelector",
        V,
        ACCEPTED,
        P,
        _tsc(
            "{maxSkew: 1, topologyKey: k8s.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: "
            "{matchLabels: {foo: foo}}}"
        ),
    ),
    Case(
        _VTS + "matchLabelKeys with a labelSelector at 1.34",
        "1.34",
        ACCEPTED,
        P,
        _tsc(
            "{maxSkew: 1, topologyKey: k8s.io/zone, whenUnsatisfiable: DoNotSchedule, matchLabelKeys: [app], "
            "labelSelector: {matchLabels: {a: b}}}"
        ),
    ),
    Case(
        "TestValidateOverhead/Valid Overhead for CPU + Memory",
        V,
        ACCEPTED,
        P,
        _spec("overhead: {cpu: '10', memory: 10G}"),
    ),
]

_SAN = "kubernetes.io/service-account.name"
DATA_MORE = [
    Case(
        _VSE + "invalid namespace",
        V,
        "metadata.namespace",
        SE,
        "metadata: {namespace: 'NoUppercaseOrSpecialCharsLike=Equals'}",
    ),
    Case(
        _VSE + "empty service-account-token annotation",
        V,
        "metadata.annotations['" + _SAN + "']",
        SE,
        "{type: kubernetes.io/service-account-token, metadata: {annotations: {" + _SAN + ": ''}}}",
    ),
    Case(
        "TestValidateDockerConfigSecret/valid dockercfg with an auth entry",
        V,
        ACCEPTED,
        SE,
        yaml.safe_dump(
            {
                "type": "kubernetes.io/dockercfg",
                "data": {
                    ".dockercfg": base64.b64encode(
                        b'{"https://index.docker.io/v1/": '
                        b'{"auth": "Y2x1ZWRyb29sZXIwMDAxOnBhc3N3b3Jk","email": "a@b.c"}}'
                    ).decode()
                },
            }
        ),
    ),
    Case(
        "TestValidateDockerConfigSecret/empty dockercfg",
        V,
        "data['.dockercfg']",
        SE,
        "{type: kubernetes.io/dockercfg, data: {.dockercfg: ''}}",
    ),
    Case(
        "TestValidateDockerConfigSecret/invalid config.json",
        V,
        "data['.dockerconfigjson']",
        SE,
        "{type: kubernetes.io/dockerconfigjson, data: {.dockerconfigjson: YmFk}}",
    ),
    Case(
        "TestValidateDockerConfigSecret/empty config.json",
        V,
        "data['.dockerconfigjson']",
        SE,
        "{type: kubernetes.io/dockerconfigjson, data: {.dockerconfigjson: ''}}",
    ),
    Case(
        "TestValidateBasicAuthSecret/valid",
        V,
        ACCEPTED,
        SE,
        "{type: kubernetes.io/basic-auth, data: {username: dXNlcm5hbWU=, password: cGFzc3dvcmQ=}}",
    ),
    Case(
        "TestValidateSSHAuthSecret/valid",
        V,
        ACCEPTED,
        SE,
        "{type: kubernetes.io/ssh-auth, data: {ssh-privatekey: Zm9vLWJhci1iYXo=}}",
    ),
    Case(
        "TestValidateNamespaceFinalizeUpdate/uppercase unqualified finalizer",
        V,
        "spec.finalizers",
        NS,
        "spec: {finalizers: [Foo]}",
    ),
    Case(
        "TestValidateNamespaceFinalizeUpdate/empty finalizer",
        V,
        "spec.finalizers",
        NS,
        "spec: {finalizers: ['', foo.com/bar]}",
    ),
    Case(
        "TestValidateNamespaceFinalizeUpdate/qualified finalizers",
        V,
        ACCEPTED,
        NS,
        "spec: {finalizers: [foo.com/bar, what.com/bar]}",
    ),
]

QUOTAS_MORE = [
    Case(
        _VRQ + "unsupported scope applied to resource (storage with NotTerminating)",
        V,
        "spec.scopes",
        RQ,
        "spec: {hard: {cpu: ~, memory: ~, pods: '10', requests.storage: 10Gi}, scopes: [NotTerminating]}",
    ),
    Case(
        _VRQ + "unsupported scope applied to resource (ephemeral-storage with PriorityClass)",
        V,
        "spec.scopeSelector.matchExpressions",
        RQ,
        "spec: {hard: {ephemeral-storage: 10Gi}, scopeSelector: {matchExpressions: [{scopeName: PriorityClass, "
        "operator: In, values: [high]}]}}",
    ),
    Case(
        _VRQ + "valid compute resources with PriorityClass",
        V,
        ACCEPTED,
        RQ,
        "spec: {hard: {requests.cpu: '4', limits.memory: 8Gi}, scopeSelector: {matchExpressions: "
        "[{scopeName: PriorityClass, operator: In, values: [high]}]}}",
    ),
    Case(
        _VRQ + "valid extended resource quota without scopes",
        V,
        ACCEPTED,
        RQ,
        "spec: {hard: {requests.nvidia.com/gpu: '4', count/deployments.apps: '3', services.loadbalancers: '1'}}",
    ),
]

_EPH = (
    "ephemeral: {volumeClaimTemplate: {metadata: {%s}, spec: {accessModes: [ReadWriteOnce], "
    "resources: {requests: {storage: 10G}}}}}"
)
_ETM = "spec.volumes[0].ephemeral.volumeClaimTemplate.metadata."
CLAIMS_MORE = [
    Case(_VPVC + "with-generate-name", V, ACCEPTED, C, "metadata: {generateName: pvc-}"),
    Case(_VPVC + "with-finalizers", V, ACCEPTED, C, "metadata: {finalizers: [example.com/foo]}"),
    Case(_VPVC + "with-good-labels", V, ACCEPTED, C, "metadata: {labels: {apps.kubernetes.io/name: test}}"),
    Case(
        _VPVC + "with-bad-labels",
        V,
        "metadata.labels.hello-world",
        C,
        "metadata: {labels: {hello-world: hyphen not allowed}}",
    ),
    Case(
        _VPVC + "with-owner-references",
        V,
        ACCEPTED,
        C,
        "metadata: {ownerReferences: [{apiVersion: v1, kind: pod, name: foo, "
        "uid: ac051fac-2ead-46d9-b8b4-4e0fbeb7455d}]}",
    ),
    Case(
        _VPVC + "invalid-resource-requests (memory only)",
        V,
        "spec.resources.requests.storage",
        C,
        "spec: {resources: {requests: {storage: ~, memory: 10G}}}",
    ),
    Case(
        "TestValidatePersistentVolumeClaim/ephemeral good-claim with labels",
        V,
        ACCEPTED,
        P,
        _vol(_EPH % "labels: {apps.kubernetes.io/name: test}, annotations: {foo: bar}"),
    ),
    Case(
        "TestValidatePersistentVolumeClaim/ephemeral with-generate-name",
        V,
        _ETM + "generateName",
        P,
        _vol(_EPH % "generateName: pvc-"),
    ),
    Case(
        "TestValidatePersistentVolumeClaim/ephemeral with-finalizers",
        V,
        _ETM + "finalizers",
        P,
        _vol(_EPH % "finalizers: [example.com/foo]"),
    ),
    Case(
        "TestValidatePersistentVolumeClaim/ephemeral with-owner-references",
        V,
        _ETM + "ownerReferences",
        P,
        _vol(
            _EPH % "ownerReferences: [{apiVersion: v1, kind: pod, name: foo, "
            "uid: ac051fac-2ead-46d9-b8b4-4e0fbeb7455d}]"
        ),
    ),
    Case(
        "TestValidatePersistentVolumeClaim/ephemeral with-namespace",
        V,
        _ETM + "namespace",
        P,
        _vol(_EPH % "namespace: ns"),
    ),
    Case(
        "TestValidatePersistentVolumeClaim/ephemeral with-bad-labels",
        V,
        _ETM + "labels.hello-world",
        P,
        _vol(_EPH % "labels: {hello-world: hyphen not allowed}"),
    ),
    Case(
        "TestAlphaVolumeSnapshotDataSource/snapshot without a name",
        V,
        "spec.dataSource.name",
        C,
        "spec: {dataSource: {apiGroup: snapshot.storage.k8s.io, kind: VolumeSnapshot, name: ''}}",
    ),
    Case(
        "TestAlphaVolumeSnapshotDataSource/snapshot without a kind",
        V,
        "spec.dataSourceRef.kind",
        C,
        "spec: {dataSourceRef: {apiGroup: snapshot.storage.k8s.io, kind: '', name: test_snapshot}}",
    ),
    Case(
        "TestVolumeAttributesClass/an empty volumeAttributesClassName",
        "1.34",
        ACCEPTED,
        C,
        "spec: {storageClassName: csi-plugin, volumeAttributesClassName: ''}",
    ),
    Case(
        "TestVolumeAttributesClass/valid volumeAttributesClassName",
        "1.34",
        ACCEPTED,
        C,
        "spec: {storageClassName: csi-plugin, volumeAttributesClassName: foo}",
    ),
    Case(
        "TestVolumeAttributesClass/invalid volumeAttributesClassName",
        "1.34",
        "spec.volumeAttributesClassName",
        C,
        "spec: {storageClassName: csi-plugin, volumeAttributesClassName: -invalid-}",
    ),
]

_DEV = "spec.containers[0].volumeDevices"
DEVICES_MORE = [
    Case(
        "TestAlphaValidateVolumeDevices/valid ephemeral device",
        V,
        ACCEPTED,
        P,
        _ctr("volumeDevices: [{name: eph, devicePath: /disk}]", extra="volumes: [{name: eph, " + _EPH % "" + "}]"),
    ),
    Case(
        "TestAlphaValidateVolumeDevices/duplicate name",
        V,
        _DEV + "[1].name",
        P,
        _ctr("volumeDevices: [{name: abc, devicePath: /foo}, {name: abc, devicePath: /foo/bar}]", extra=_MVOLS),
    ),
    Case(
        "TestAlphaValidateVolumeDevices/name not found",
        V,
        _DEV + "[0].name",
        P,
        _ctr("volumeDevices: [{name: not-found, devicePath: /usr/share/test}]", extra=_MVOLS),
    ),
    Case(
        "TestAlphaValidateVolumeDevices/empty name",
        V,
        _DEV + "[0].name",
        P,
        _ctr("volumeDevices: [{name: '', devicePath: /foo}]", extra=_MVOLS),
    ),
    Case(
        "TestValidateMountPropagation/non-privileged container + None",
        V,
        ACCEPTED,
        P,
        _mounts("{name: abc, mountPath: /foo, mountPropagation: None}"),
    ),
    Case(
        "TestValidateMountPropagation/explicitly non-privileged container + Bidirectional",
        V,
        _M + "[0].mountPropagation",
        P,
        _mounts(
            "{name: abc, mountPath: /foo, mountPropagation: Bidirectional}", ctr="securityContext: {privileged: false}"
        ),
    ),
    Case(
        "TestValidateMountPropagation/privileged container + invalid mount propagation",
        V,
        _M + "[0].mountPropagation",
        P,
        _mounts("{name: abc, mountPath: /foo, mountPropagation: invalid}", ctr="securityContext: {privileged: true}"),
    ),
    Case(
        "TestValidateVolumeMounts/rro-bad1 IfPossible without readOnly",
        V,
        _M + "[0].recursiveReadOnly",
        P,
        _mounts("{name: '123', mountPath: /rro-bad1, readOnly: false, recursiveReadOnly: IfPossible}"),
    ),
    Case(
        "TestValidateVolumeMounts/recursiveReadOnly Disabled without readOnly",
        V,
        ACCEPTED,
        P,
        _mounts("{name: '123', mountPath: /rro-ok, recursiveReadOnly: Disabled}"),
    ),
    Case(
        "Test_validateProbe/terminationGracePeriodSeconds 1",
        V,
        ACCEPTED,
        P,
        _ctr("livenessProbe: {exec: {command: [echo]}, terminationGracePeriodSeconds: 1}"),
    ),
    Case(
        "TestValidateProbe/positive fields",
        V,
        ACCEPTED,
        P,
        _ctr(
            "livenessProbe: {exec: {command: [echo]}, initialDelaySeconds: 10, timeoutSeconds: 10, periodSeconds: 10, "
            "failureThreshold: 10}"
        ),
    ),
]

_VH = "TestValidateHandler/"
_LP = "spec.containers[0].livenessProbe"
HANDLERS = [
    Case(_VH + "httpGet port 1", V, ACCEPTED, P, _ctr("livenessProbe: {httpGet: {path: /, port: 1, scheme: HTTP}}")),
    Case(
        _VH + "httpGet port 65535 with host",
        V,
        ACCEPTED,
        P,
        _ctr("livenessProbe: {httpGet: {path: /foo, port: 65535, host: host, scheme: HTTP}}"),
    ),
    Case(_VH + "httpGet named port", V, ACCEPTED, P, _ctr("livenessProbe: {httpGet: {path: /, port: port}}")),
    Case(
        _VH + "httpGet Host header",
        V,
        ACCEPTED,
        P,
        _ctr("livenessProbe: {httpGet: {path: /, port: port, httpHeaders: [{name: Host, value: foo.example.com}]}}"),
    ),
    Case(
        _VH + "httpGet repeated headers",
        V,
        ACCEPTED,
        P,
        _ctr(
            "livenessProbe: {httpGet: {path: /, port: port, httpHeaders: [{name: X-Forwarded-For, value: 1.2.3.4}, "
            "{name: X-Forwarded-For, value: 5.6.7.8}]}}"
        ),
    ),
    Case(
        _VH + "httpGet HTTPS scheme",
        V,
        ACCEPTED,
        P,
        _ctr("livenessProbe: {httpGet: {path: /, port: 443, scheme: HTTPS}}"),
    ),
    Case(_VH + "exec with an empty command", V, _LP + ".exec.command", P, _ctr("livenessProbe: {exec: {command: []}}")),
    Case(
        _VH + "httpGet port 65536",
        V,
        _LP + ".httpGet.port",
        P,
        _ctr("livenessProbe: {httpGet: {path: /foo, port: 65536}}"),
    ),
    Case(
        _VH + "httpGet empty port name",
        V,
        _LP + ".httpGet.port",
        P,
        _ctr("livenessProbe: {httpGet: {path: '', port: ''}}"),
    ),
    Case(
        _VH + "httpGet header name with a colon",
        V,
        _LP + ".httpGet.httpHeaders[0].name",
        P,
        _ctr("livenessProbe: {httpGet: {path: /, port: port, httpHeaders: [{name: 'Host:', value: foo.example.com}]}}"),
    ),
    Case(
        _VH + "httpGet header name with underscores",
        V,
        _LP + ".httpGet.httpHeaders[0].name",
        P,
        _ctr("livenessProbe: {httpGet: {path: /, port: port, httpHeaders: [{name: X_Forwarded_For, value: v}]}}"),
    ),
    Case(_VH + "tcpSocket named port", V, ACCEPTED, P, _ctr("readinessProbe: {tcpSocket: {port: http}}")),
    Case(
        _VH + "tcpSocket invalid port name",
        V,
        "spec.containers[0].readinessProbe.tcpSocket.port",
        P,
        _ctr("readinessProbe: {tcpSocket: {port: Not_A_Port}}"),
    ),
    Case(_VH + "grpc with a service", V, ACCEPTED, P, _ctr("readinessProbe: {grpc: {port: 9090, service: health}}")),
    Case(
        "TestValidateResizePolicy/ValidMemoryCPUPolicyWithPodRestartPolicy",
        V,
        ACCEPTED,
        P,
        _ctr(
            "resizePolicy: [{resourceName: cpu, restartPolicy: NotRequired}, {resourceName: memory, "
            "restartPolicy: NotRequired}]",
            extra="restartPolicy: Never",
        ),
    ),
    Case(
        "TestValidateResizePolicy/InvalidCPUPolicyWithPodRestartPolicy",
        V,
        "spec.containers[0].resizePolicy[1].restartPolicy",
        P,
        _ctr(
            "resizePolicy: [{resourceName: cpu, restartPolicy: NotRequired}, {resourceName: memory, "
            "restartPolicy: RestartContainer}]",
            extra="restartPolicy: Never",
        ),
    ),
    Case(
        "TestValidateResizePolicy/ValidResourceNameMissingPolicy",
        V,
        "spec.containers[0].resizePolicy[0].restartPolicy",
        P,
        _ctr("resizePolicy: [{resourceName: memory, restartPolicy: ''}]"),
    ),
    Case("TestValidatePullPolicy/Always", V, ACCEPTED, P, _ctr("imagePullPolicy: Always")),
    Case("TestValidatePullPolicy/Never", V, ACCEPTED, P, _ctr("imagePullPolicy: Never")),
    Case(
        "TestValidateEphemeralContainers/whitespace padded image name on create",
        V,
        "spec.ephemeralContainers",
        P,
        _spec("ephemeralContainers: [{name: debug, image: ' image'}]"),
    ),
]

_TAH = "service.kubernetes.io/topology-aware-hints"
_TM = "service.kubernetes.io/topology-mode"
SERVICES_TOPOLOGY = [
    Case(
        "TestValidateServiceUpdate/topology annotations are mismatched",
        V,
        "metadata.annotations['" + _TAH + "']",
        S,
        "metadata: {annotations: {" + _TAH + ": original, " + _TM + ": different}}",
    ),
    Case(
        _VS + "topology annotations that match",
        V,
        ACCEPTED,
        S,
        "metadata: {annotations: {" + _TAH + ": Auto, " + _TM + ": Auto}}",
    ),
    Case(
        _VS + "topology annotations are not compared before 1.27",
        "1.26",
        ACCEPTED,
        S,
        "metadata: {annotations: {" + _TAH + ": auto, " + _TM + ": Auto}}",
    ),
    Case(
        "TestValidateServiceUpdate/update to invalid app protocol",
        V,
        "spec.ports[0].appProtocol",
        S,
        "spec: {ports: [{name: a, port: 443, targetPort: 3000, appProtocol: '~https'}]}",
    ),
    Case(
        "TestValidateServiceUpdate/update to valid app protocol",
        V,
        ACCEPTED,
        S,
        "spec: {ports: [{name: a, port: 443, targetPort: 3000, appProtocol: https}]}",
    ),
    Case(
        _VS + "set LoadBalancerClass on an ExternalName service",
        V,
        "spec.loadBalancerClass",
        S,
        "spec: {type: ExternalName, externalName: foo.bar, selector: ~, loadBalancerClass: test.com/lb}",
    ),
]

_RELAXED = ["!\"#$%&'()", "* +,-./0123456789", ":;<>?@", "[\\]^_`{}|~"]
ENV_RELAXED = [Case(_VE + "a-b-c", "1.30", ACCEPTED, P, _env("{name: a-b-c, value: value}"))]
for _i, _name in enumerate(_RELAXED):
    _item = yaml.safe_dump({"name": _name, "value": "value"}, default_flow_style=True).strip()
    ENV_RELAXED.append(
        Case(_VE + f"relaxed name {_i + 1} (AllowRelaxedEnvironmentVariableValidation)", V, ACCEPTED, P, _env(_item))
    )
    ENV_RELAXED.append(Case(_VE + f"invalid name {'abcd'[_i]} before 1.32", "1.30", _E0 + "name", P, _env(_item)))

_KP = "TestValidateKeyToPath/"
_CSI = "TestValidateCSIVolumeSource/"
VOLUME_SOURCES_MORE = [
    Case(_KP + "nested path", V, ACCEPTED, P, _vol("secret: {secretName: s, items: [{key: k, path: p/p/p/p}]}")),
    Case(
        _KP + "dots inside names",
        V,
        ACCEPTED,
        P,
        _vol("secret: {secretName: s, items: [{key: k, path: p/..p/p../p..p}]}"),
    ),
    Case(
        _KP + "empty key",
        V,
        _V0 + "secret.items[0].key",
        P,
        _vol("secret: {secretName: s, items: [{key: '', path: p}]}"),
    ),
    Case(
        _KP + "leading ..",
        V,
        _V0 + "configMap.items[0].path",
        P,
        _vol("configMap: {name: c, items: [{key: k, path: ..p}]}"),
    ),
    Case(
        _KP + "trailing ..",
        V,
        _V0 + "configMap.items[0].path",
        P,
        _vol("configMap: {name: c, items: [{key: k, path: p/..}]}"),
    ),
    Case(
        _KP + "negative mode",
        V,
        _V0 + "configMap.items[0].mode",
        P,
        _vol("configMap: {name: c, items: [{key: k, path: p, mode: -1}]}"),
    ),
    Case(
        "TestValidateNFSVolumeSource/missing path", V, _V0 + "nfs.path", P, _vol("nfs: {server: my-server, path: ''}")
    ),
    Case(
        "TestValidateGlusterfs/missing endpointname and path",
        V,
        _V0 + "glusterfs.endpoints",
        P,
        _vol("glusterfs: {endpoints: '', path: ''}"),
    ),
    Case(_CSI + "all required fields ok", V, ACCEPTED, P, _vol("csi: {driver: test-driver}")),
    Case(_CSI + "driver name: ok no punctuations", V, ACCEPTED, P, _vol("csi: {driver: comgooglestoragecsigcepd}")),
    Case(_CSI + "driver name: ok dash only", V, ACCEPTED, P, _vol("csi: {driver: io-kubernetes-storage-csi-flex}")),
    Case(
        _CSI + "driver name: ok beginning with number",
        V,
        ACCEPTED,
        P,
        _vol("csi: {driver: 2io.kubernetes.storage-csi.flex}"),
    ),
    Case(_CSI + "driver name: ok length 1", V, ACCEPTED, P, _vol("csi: {driver: a}")),
    Case(
        _CSI + "driver name: invalid underscore",
        V,
        _V0 + "csi.driver",
        P,
        _vol("csi: {driver: io_kubernetes_storage_csi_flex}"),
    ),
    Case(
        _CSI + "driver name: invalid dot underscores",
        V,
        _V0 + "csi.driver",
        P,
        _vol("csi: {driver: io.kubernetes.storage_csi.flex}"),
    ),
    Case(_CSI + "driver name: invalid length > 63", V, _V0 + "csi.driver", P, _vol("csi: {driver: " + "g" * 65 + "}")),
    Case(
        _CSI + "driver name: invalid start char",
        V,
        _V0 + "csi.driver",
        P,
        _vol("csi: {driver: _comgooglestoragecsigcepd}"),
    ),
    Case(
        _CSI + "driver name: invalid end char",
        V,
        _V0 + "csi.driver",
        P,
        _vol("csi: {driver: comgooglestoragecsigcepd/}"),
    ),
    Case(
        _CSI + "driver name: invalid separators",
        V,
        _V0 + "csi.driver",
        P,
        _vol("csi: {driver: com/google/storage/csi~gcepd}"),
    ),
]

MISC = [
    Case("TestValidateOS/empty OS field", V, "spec.os.name", P, _spec("os: {}")),
    Case("TestValidateOS/OS field, valid OS windows", V, ACCEPTED, P, _spec("os: {name: windows}")),
    Case("TestValidateOS/OS field, invalid OS", V, "spec.os", P, _spec("os: {name: dummyOS}")),
    Case(
        "TestValidateAppArmorProfileFormat/localhost profile with a path",
        V,
        ACCEPTED,
        P,
        "metadata: {annotations: {" + _AA + "abc: localhost//usr/sbin/ntpd}}",
    ),
    Case(
        "TestValidateAppArmorProfileFormat/unconfined",
        V,
        ACCEPTED,
        P,
        "metadata: {annotations: {" + _AA + "abc: unconfined}}",
    ),
    Case(
        "TestValidateAppArmorProfileFormat/missing local prefix",
        V,
        "metadata.annotations['" + _AA + "abc']",
        P,
        "metadata: {annotations: {" + _AA + "abc: baz}}",
    ),
]

CASES = (
    POD_SPEC
    + PODS
    + POD_CREATE
    + POD_CREATE_ACCEPTED
    + CONTAINERS
    + PROBES_MORE
    + HANDLERS
    + INIT_CONTAINERS
    + EPHEMERAL
    + ENV
    + ENV_RELAXED
    + ENV_FROM
    + PORTS
    + VOLUMES
    + VOLUMES_MORE
    + VOLUME_SOURCES_MORE
    + VOLUME_MOUNTS
    + VOLUME_DEVICES
    + DEVICES_MORE
    + RESOURCES
    + SECURITY
    + TOPOLOGY
    + TOPOLOGY_MORE
    + SERVICES
    + SERVICES_MORE
    + SERVICES_IP
    + SERVICES_TOPOLOGY
    + CLAIMS
    + CLAIMS_MORE
    + CONFIG_MAPS
    + SECRETS
    + DATA_MORE
    + NAMESPACES
    + SERVICE_ACCOUNTS
    + LIMIT_RANGES
    + QUOTAS
    + QUOTAS_MORE
    + CONTROLLERS
    + POD_TEMPLATES
    + MISC
)
AREAS = (
    POD_SPEC,
    PODS,
    POD_CREATE,
    CONTAINERS,
    INIT_CONTAINERS,
    ENV,
    ENV_FROM,
    PORTS,
    VOLUMES,
    VOLUME_MOUNTS,
    VOLUME_DEVICES,
    RESOURCES,
    SECURITY,
    TOPOLOGY,
    SERVICES,
    CLAIMS,
    CONFIG_MAPS,
    SECRETS,
    NAMESPACES,
    SERVICE_ACCOUNTS,
    LIMIT_RANGES,
    QUOTAS,
    CONTROLLERS,
    POD_TEMPLATES,
)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.go_test)
def test_the_server_verdict(case: Case) -> None:
    assert_server_verdict(manifest(case), case.kube_version, case.expected)


def test_cases_cover_every_area_both_ways() -> None:
    for area in AREAS:
        assert {c.expected == ACCEPTED for c in area} == {True, False}
    assert len({c.go_test for c in CASES}) == len(CASES), "each case is named once"


def test_the_bases_are_valid_at_every_version() -> None:
    from k8slab.validation.schema import supported_versions

    for version in supported_versions():
        for kind, base in BASES.items():
            report = check([base], kube_version=version, cross_checks=False)
            assert report.problems == [], (version, kind, report.problems)
