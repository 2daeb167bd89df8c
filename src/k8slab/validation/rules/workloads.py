"""Pods, the apps workloads (Deployment, ReplicaSet, StatefulSet, DaemonSet) and ReplicationControllers.

From the API server's pod-spec and apps validation: counts are not negative; the selector is
valid, not empty, and matches the template's labels; the template's restartPolicy is Always and
it sets no activeDeadlineSeconds; rolling updates never have both maxSurge and maxUnavailable at
0 and keep maxUnavailable within 100% (a DaemonSet: exactly one of them non-zero, both within
100%); a StatefulSet's policies take their known values and, from 1.33, its serviceName is a
DNS-1123 label. For a StatefulSet the API server checks only the template's labels; k8slab
checks its whole pod spec too, because its controller cannot create pods from a broken one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import Problem
from ...syntax import check_dns_label, check_dns_subdomain
from ._base import (
    NONNEGATIVE,
    REQUIRED,
    Findings,
    Obj,
    Path,
    entries,
    int_or_percent,
    integer,
    is_map,
    mapping,
    pod_spec,
    rule_message,
    text,
)
from ._labels import check_labels, check_selector, is_empty_selector, selector_matches
from ._names import subdomain_name_problem
from .metadata import name_rule

__all__ = [
    "check_controller_revision",
    "check_pod_spec",
    "check_selector_and_template",
    "check_workload",
    "nonnegative",
]

_APPS = ("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet")
_DNS_POLICIES = ("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None")
_RESTART_POLICIES = ("Always", "OnFailure", "Never")


def nonnegative(found: Findings, spec: Mapping[str, Any], prefix: Path, fields: tuple[str, ...]) -> None:
    """Each of ``fields`` of ``spec``, when set, is at least 0."""
    for field in fields:
        number = integer(spec.get(field))
        if number is not None and number < 0:
            found.add((*prefix, field), NONNEGATIVE)


def check_selector_and_template(found: Findings, spec: Mapping[str, Any], kind: str, prefix: Path = ("spec",)) -> None:
    """A required, valid, non-empty selector that matches the template's labels."""
    selector = spec.get("selector")
    if selector is None:
        found.add((*prefix, "selector"), REQUIRED)
        return
    valid = check_selector(found, selector, (*prefix, "selector"))
    if is_empty_selector(selector):
        found.add((*prefix, "selector"), f"must not be empty: a {kind} needs a selector naming its pods' labels")
        return
    labels = mapping(mapping(mapping(spec.get("template")).get("metadata")).get("labels"))
    if valid and not selector_matches(selector, labels):
        found.add((*prefix, "template", "metadata", "labels"), "must match spec.selector")


def check_pod_spec(found: Findings, spec: Mapping[str, Any], prefix: Path) -> None:
    """Pod-spec fields outside the containers: restartPolicy, dnsPolicy, names, nodeSelector, the active deadline."""
    policy = spec.get("restartPolicy")
    found.one_of((*prefix, "restartPolicy"), policy, _RESTART_POLICIES)
    dns = spec.get("dnsPolicy")
    found.one_of((*prefix, "dnsPolicy"), dns, _DNS_POLICIES)
    if dns == "None" and spec.get("dnsConfig") is not None and not mapping(spec.get("dnsConfig")).get("nameservers"):
        found.add((*prefix, "dnsConfig", "nameservers"), "must list at least one nameserver when dnsPolicy is None")
    for field, check in (
        ("serviceAccountName", check_dns_subdomain),
        ("hostname", check_dns_label),
        ("subdomain", check_dns_label),
        ("priorityClassName", check_dns_subdomain),
    ):
        value = text(spec.get(field))
        message = rule_message(check, value) if value else None
        if message:
            found.add((*prefix, field), message)
    check_labels(found, spec.get("nodeSelector"), (*prefix, "nodeSelector"))
    deadline = integer(spec.get("activeDeadlineSeconds"))
    if deadline is not None and not 1 <= deadline <= 2**31 - 1:
        found.add((*prefix, "activeDeadlineSeconds"), "must be from 1 to 2147483647")
    # terminationGracePeriodSeconds may be negative: ValidatePodSpec only requires it (it is
    # defaulted to 30), and a graceful delete treats a negative period as 1 (CheckGracefulDelete)


def _template_rules(found: Findings, spec: Mapping[str, Any], kind: str) -> None:
    template_spec = mapping(mapping(spec.get("template")).get("spec"))
    policy = template_spec.get("restartPolicy")
    if isinstance(policy, str) and policy != "Always":
        found.add(("spec", "template", "spec", "restartPolicy"), f"must be Always for a {kind}")
    if template_spec.get("activeDeadlineSeconds") is not None:
        found.add(("spec", "template", "spec", "activeDeadlineSeconds"), f"must not be set for a {kind}")


def _deployment(found: Findings, spec: Mapping[str, Any]) -> None:
    counts = ("replicas", "minReadySeconds", "revisionHistoryLimit", "progressDeadlineSeconds")
    nonnegative(found, spec, ("spec",), counts)
    deadline = integer(spec.get("progressDeadlineSeconds"))
    deadline = 600 if spec.get("progressDeadlineSeconds") is None else deadline
    if deadline is not None and deadline <= (integer(spec.get("minReadySeconds")) or 0):
        found.add(("spec", "progressDeadlineSeconds"), "must be greater than minReadySeconds")
    strategy = mapping(spec.get("strategy"))
    kind = strategy.get("type") or "RollingUpdate"
    path: Path = ("spec", "strategy")
    if kind == "Recreate":
        if strategy.get("rollingUpdate") is not None:
            found.add((*path, "rollingUpdate"), "must not be set when the strategy type is Recreate")
    elif kind == "RollingUpdate":
        rolling = mapping(strategy.get("rollingUpdate"))
        where = (*path, "rollingUpdate")
        unavailable = int_or_percent(found, rolling.get("maxUnavailable"), (*where, "maxUnavailable"), at_most_100=True)
        surge = int_or_percent(found, rolling.get("maxSurge"), (*where, "maxSurge"), at_most_100=False)
        if unavailable == 0 and surge == 0:
            found.add((*where, "maxUnavailable"), "must not be 0 when maxSurge is 0")
    elif isinstance(kind, str):
        found.add((*path, "type"), "must be one of: Recreate, RollingUpdate")


def _daemon_set(found: Findings, spec: Mapping[str, Any]) -> None:
    nonnegative(found, spec, ("spec",), ("minReadySeconds", "revisionHistoryLimit"))
    strategy = mapping(spec.get("updateStrategy"))
    kind = strategy.get("type") or "RollingUpdate"
    if kind == "RollingUpdate":
        rolling = mapping(strategy.get("rollingUpdate"))
        where = ("spec", "updateStrategy", "rollingUpdate")
        unavailable = int_or_percent(found, rolling.get("maxUnavailable"), (*where, "maxUnavailable"), at_most_100=True)
        surge = int_or_percent(found, rolling.get("maxSurge"), (*where, "maxSurge"), at_most_100=True)
        unavailable = 1 if rolling.get("maxUnavailable") is None else unavailable
        surge = 0 if rolling.get("maxSurge") is None else surge
        if unavailable is not None and surge is not None:
            if unavailable and surge:
                found.add((*where, "maxSurge"), "must be 0 when maxUnavailable is not 0")
            elif not unavailable and not surge:
                found.add((*where, "maxUnavailable"), "must not be 0 when maxSurge is 0")
    elif kind != "OnDelete" and isinstance(kind, str):
        found.add(("spec", "updateStrategy", "type"), "must be one of: RollingUpdate, OnDelete")


def _stateful_set(found: Findings, spec: Mapping[str, Any]) -> None:
    nonnegative(found, spec, ("spec",), ("replicas", "minReadySeconds"))
    if found.minor >= 27:  # StatefulSetStartOrdinal: beta (on) in 1.27; the field is dropped before
        nonnegative(found, mapping(spec.get("ordinals")), ("spec", "ordinals"), ("start",))
    policy = spec.get("podManagementPolicy")
    if isinstance(policy, str) and policy not in ("OrderedReady", "Parallel"):
        found.add(("spec", "podManagementPolicy"), "must be one of: OrderedReady, Parallel")
    strategy = mapping(spec.get("updateStrategy"))
    kind = strategy.get("type") or "RollingUpdate"
    where = ("spec", "updateStrategy")
    if kind == "OnDelete" and strategy.get("rollingUpdate") is not None:
        found.add((*where, "rollingUpdate"), "must only be set when the update strategy type is RollingUpdate")
    elif kind == "RollingUpdate":
        rolling = mapping(strategy.get("rollingUpdate"))
        nonnegative(found, rolling, (*where, "rollingUpdate"), ("partition",))
        if found.minor >= 37 and rolling.get("maxUnavailable") is not None:
            # validateRollingUpdateStatefulSet; MaxUnavailableStatefulSet is on by default from 1.37 (off in
            # 1.36 and from 1.35.4), and the server drops the field while it is off
            path = (*where, "rollingUpdate", "maxUnavailable")
            if int_or_percent(found, rolling["maxUnavailable"], path, at_most_100=True) == 0:
                found.add(path, "must not be 0")
    elif isinstance(kind, str) and kind != "OnDelete":
        found.add((*where, "type"), "must be one of: RollingUpdate, OnDelete")
    # StatefulSetAutoDeletePVC: beta (on) in 1.27; the field is dropped before
    retention = mapping(spec.get("persistentVolumeClaimRetentionPolicy")) if found.minor >= 27 else {}
    for field in ("whenDeleted", "whenScaled"):
        value = retention.get(field)
        if isinstance(value, str) and value not in ("Retain", "Delete"):
            found.add(("spec", "persistentVolumeClaimRetentionPolicy", field), "must be one of: Retain, Delete")
    service = text(spec.get("serviceName"))
    message = rule_message(check_dns_label, service) if service and found.minor >= 33 else None
    if message:
        found.add(("spec", "serviceName"), message)


_BY_KIND = {"Deployment": _deployment, "DaemonSet": _daemon_set, "StatefulSet": _stateful_set}


def _replication_controller(found: Findings, spec: Mapping[str, Any]) -> None:
    # ValidateReplicationControllerSpec and ValidatePodTemplateSpecForRC (SetDefaults_ReplicationController
    # has filled an empty selector from the template's labels, and replicas with 1)
    nonnegative(found, spec, ("spec",), ("replicas", "minReadySeconds"))
    selector = mapping(spec.get("selector"))
    if not selector:
        found.add(("spec", "selector"), "must not be empty: a ReplicationController needs a selector")
    check_labels(found, selector, ("spec", "selector"))
    template = spec.get("template")
    if not is_map(template):
        found.add(("spec", "template"), REQUIRED)
        return
    labels = mapping(mapping(template.get("metadata")).get("labels"))
    if selector and any(labels.get(key) != value for key, value in selector.items()):
        found.add(("spec", "template", "metadata", "labels"), "must match spec.selector")
    _template_rules(found, spec, "ReplicationController")
    replicas = integer(spec.get("replicas"))
    if replicas is not None and replicas > 1:  # ValidateReadOnlyPersistentDisks
        for i, volume in entries(mapping(template.get("spec")).get("volumes")):
            disk = volume.get("gcePersistentDisk")
            if is_map(disk) and disk.get("readOnly") is not True:
                found.add(
                    ("spec", "template", "spec", "volumes", i, "gcePersistentDisk", "readOnly"),
                    "must be true when more than one replica mounts the GCE persistent disk",
                )


def check_workload(obj: Obj, kube_version: str) -> list[Problem]:
    """Pod-spec fields of any workload, and the spec rules of Pods and the apps workloads."""
    located = pod_spec(obj)
    if located is None:
        return []
    found = Findings(obj, kube_version)
    check_pod_spec(found, located[1], located[0])
    kind = str(obj.get("kind"))
    if kind in _APPS and str(obj.get("apiVersion")) == "apps/v1":
        spec = mapping(obj.get("spec"))
        check_selector_and_template(found, spec, kind)
        _template_rules(found, spec, kind)
        if kind == "ReplicaSet":
            nonnegative(found, spec, ("spec",), ("replicas", "minReadySeconds"))
        else:
            _BY_KIND[kind](found, spec)
    elif kind == "ReplicationController" and obj.get("apiVersion") == "v1":
        _replication_controller(found, mapping(obj.get("spec")))
    return found.problems


def check_controller_revision(obj: Obj, kube_version: str) -> list[Problem]:
    """ValidateControllerRevision: data is required, revision is not negative."""
    if obj.get("kind") != "ControllerRevision" or obj.get("apiVersion") != "apps/v1":
        return []
    found = Findings(obj, kube_version)
    message = subdomain_name_problem(obj) if name_rule("ControllerRevision", "apps/v1", found.minor) is None else None
    if message:  # ValidateControllerRevisionName, while the metadata rules do not know the kind
        found.add(("metadata", "name"), message)
    if obj.get("data") is None:
        found.add(("data",), REQUIRED)
    nonnegative(found, obj, (), ("revision",))
    return found.problems
