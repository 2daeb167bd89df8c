"""Where a pod may run: node and pod affinity, tolerations and topology spread constraints.

From the API server's pod-spec validation (pkg/apis/core/validation/validation.go):
validateAffinity -> ValidateNodeSelector, ValidateNodeSelectorTerm, ValidateNodeSelectorRequirement,
validateNodeFieldSelectorRequirement, validatePreferredSchedulingTerms, validatePodAffinityTerm,
validateWeightedPodAffinityTerms; ValidateTolerations; validateTopologySpreadConstraints.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import Problem
from ...syntax import check_dns_label, check_label_key, check_label_value
from ._base import REQUIRED, Findings, Obj, Path, entries, integer, mapping, pod_spec, rule_message, seq, text
from ._labels import check_selector

__all__ = ["check_node_selector", "check_scheduling", "check_tolerations"]

_NODE_OPERATORS = ("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt")
_EFFECTS = ("NoSchedule", "PreferNoSchedule", "NoExecute")
_UNSATISFIABLE = ("DoNotSchedule", "ScheduleAnyway")
_WEIGHT = "must be in the range 1-100"


def _qualified(found: Findings, value: Any, path: Path, *, empty: str = REQUIRED) -> None:
    """A required label key (qualified name)."""
    key = text(value)
    message = empty if not key else rule_message(check_label_key, key)
    if message:
        found.add(path, message)


def _node_requirement(found: Findings, requirement: Mapping[str, Any], path: Path) -> None:
    # ValidateNodeSelectorRequirement
    operator, values = requirement.get("operator"), seq(requirement.get("values"))
    if operator in ("In", "NotIn"):
        if not values:
            found.add((*path, "values"), "must be specified when `operator` is 'In' or 'NotIn'")
    elif operator in ("Exists", "DoesNotExist"):
        if values:
            found.add((*path, "values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'")
    elif operator in ("Gt", "Lt"):
        if len(values) != 1:
            found.add((*path, "values"), "must be specified single value when `operator` is 'Lt' or 'Gt'")
    elif isinstance(operator, str | None):
        found.add((*path, "operator"), "must be one of: " + ", ".join(_NODE_OPERATORS))
    _qualified(found, requirement.get("key"), (*path, "key"))


def _field_requirement(found: Findings, requirement: Mapping[str, Any], path: Path) -> None:
    # validateNodeFieldSelectorRequirement: only metadata.name, with In or NotIn and exactly one value
    if requirement.get("key") != "metadata.name":
        found.add((*path, "key"), "must be one of: metadata.name")
    operator = requirement.get("operator")
    if operator in ("In", "NotIn"):
        if len(seq(requirement.get("values"))) != 1:
            found.add((*path, "values"), "must be exactly one value when `operator` is 'In' or 'NotIn'")
    elif isinstance(operator, str | None):
        found.add((*path, "operator"), "must be one of: In, NotIn (for node field selectors)")


def _node_term(found: Findings, term: Mapping[str, Any], path: Path) -> None:
    # ValidateNodeSelectorTerm
    for i, requirement in entries(term.get("matchExpressions")):
        _node_requirement(found, requirement, (*path, "matchExpressions", i))
    for i, requirement in entries(term.get("matchFields")):
        _field_requirement(found, requirement, (*path, "matchFields", i))


def check_node_selector(found: Findings, selector: Any, path: Path) -> None:
    """ValidateNodeSelector: at least one term, each term's requirements valid (label values are not checked)."""
    terms = seq(mapping(selector).get("nodeSelectorTerms"))
    if not terms:
        found.add((*path, "nodeSelectorTerms"), "must have at least one node selector term")
    for i, term in entries(terms):
        _node_term(found, term, (*path, "nodeSelectorTerms", i))


def _weight(found: Findings, item: Mapping[str, Any], path: Path) -> None:
    weight = integer(item.get("weight"))
    if weight is None or not 1 <= weight <= 100:
        found.add((*path, "weight"), _WEIGHT)


def _pod_term(found: Findings, term: Mapping[str, Any], path: Path) -> None:
    # validatePodAffinityTerm: selectors, namespaces (DNS labels), a required topologyKey
    if term.get("labelSelector") is not None:
        check_selector(found, term.get("labelSelector"), (*path, "labelSelector"))
    if term.get("namespaceSelector") is not None:
        check_selector(found, term.get("namespaceSelector"), (*path, "namespaceSelector"))
    for i, namespace in enumerate(seq(term.get("namespaces"))):
        message = rule_message(check_dns_label, namespace) if isinstance(namespace, str) else None
        if message:
            found.add((*path, "namespaces", i), message)
    _qualified(found, term.get("topologyKey"), (*path, "topologyKey"), empty="can not be empty")


def _affinity(found: Findings, affinity: Mapping[str, Any], path: Path) -> None:
    node = mapping(affinity.get("nodeAffinity"))
    required = node.get("requiredDuringSchedulingIgnoredDuringExecution")
    if required is not None:
        check_node_selector(found, required, (*path, "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution"))
    where = (*path, "nodeAffinity", "preferredDuringSchedulingIgnoredDuringExecution")
    for i, preferred in entries(node.get("preferredDuringSchedulingIgnoredDuringExecution")):
        _weight(found, preferred, (*where, i))  # validatePreferredSchedulingTerms
        _node_term(found, mapping(preferred.get("preference")), (*where, i, "preference"))
    for kind in ("podAffinity", "podAntiAffinity"):
        pod = mapping(affinity.get(kind))
        where = (*path, kind, "requiredDuringSchedulingIgnoredDuringExecution")
        for i, term in entries(pod.get("requiredDuringSchedulingIgnoredDuringExecution")):
            _pod_term(found, term, (*where, i))
        where = (*path, kind, "preferredDuringSchedulingIgnoredDuringExecution")
        for i, weighted in entries(pod.get("preferredDuringSchedulingIgnoredDuringExecution")):
            _weight(found, weighted, (*where, i))  # validateWeightedPodAffinityTerms
            _pod_term(found, mapping(weighted.get("podAffinityTerm")), (*where, i, "podAffinityTerm"))


def _tolerations(found: Findings, tolerations: Any, path: Path) -> None:
    # ValidateTolerations
    for i, toleration in entries(tolerations):
        where = (*path, i)
        key, operator, value = text(toleration.get("key")), text(toleration.get("operator")), toleration.get("value")
        if key:
            _qualified(found, key, (*where, "key"))
        elif operator != "Exists":
            found.add((*where, "operator"), "must be Exists when `key` is empty (which matches all keys and values)")
        effect = text(toleration.get("effect"))
        if toleration.get("tolerationSeconds") is not None and effect != "NoExecute":
            found.add((*where, "effect"), "must be 'NoExecute' when `tolerationSeconds` is set")
        if operator in ("", "Equal"):
            message = rule_message(check_label_value, value) if isinstance(value, str) and value else None
            if message:
                found.add((*where, "value"), message)
        elif operator == "Exists":
            if text(value):
                found.add((*where, "value"), "must be empty when `operator` is 'Exists'")
        else:
            found.add((*where, "operator"), "must be one of: Equal, Exists")
        if effect and effect not in _EFFECTS:
            found.add((*where, "effect"), "must be one of: " + ", ".join(_EFFECTS))


def check_tolerations(found: Findings, tolerations: Any, path: Path) -> None:
    """ValidateTolerations, for the kinds beyond pods that carry tolerations (RuntimeClasses)."""
    _tolerations(found, tolerations, path)


def _topology_spread(found: Findings, constraints: Any, path: Path) -> None:
    # validateTopologySpreadConstraints
    seen: set[tuple[str, str]] = set()
    for i, constraint in entries(constraints):
        where = (*path, i)
        skew = integer(constraint.get("maxSkew"))
        if skew is None or skew <= 0:
            found.add((*where, "maxSkew"), "must be greater than zero")
        key = text(constraint.get("topologyKey"))
        _qualified(found, key, (*where, "topologyKey"), empty="can not be empty")
        action = constraint.get("whenUnsatisfiable")
        if action not in _UNSATISFIABLE:
            found.add((*where, "whenUnsatisfiable"), "must be one of: " + ", ".join(_UNSATISFIABLE))
        elif (key, str(action)) in seen:
            found.add((*where, "topologyKey"), "must not repeat another constraint's topologyKey and whenUnsatisfiable")
        seen.add((key, str(action)))
        domains = integer(constraint.get("minDomains"))
        if domains is not None:  # validateMinDomains
            if domains <= 0:
                found.add((*where, "minDomains"), "must be greater than 0")
            if action != "DoNotSchedule":
                found.add((*where, "minDomains"), "can only be used when whenUnsatisfiable is DoNotSchedule")
        for policy in ("nodeAffinityPolicy", "nodeTaintsPolicy"):
            value = constraint.get(policy)
            if isinstance(value, str) and value not in ("Honor", "Ignore"):
                found.add((*where, policy), "must be one of: Honor, Ignore")
        if constraint.get("labelSelector") is not None:
            check_selector(found, constraint.get("labelSelector"), (*where, "labelSelector"))


def check_scheduling(obj: Obj, kube_version: str) -> list[Problem]:
    """Affinity, tolerations and topology spread constraints of a Pod or a workload's pod template."""
    located = pod_spec(obj)
    if located is None:
        return []
    path, spec = located
    found = Findings(obj, kube_version)
    if spec.get("affinity") is not None:
        _affinity(found, mapping(spec.get("affinity")), (*path, "affinity"))
    _tolerations(found, spec.get("tolerations"), (*path, "tolerations"))
    _topology_spread(found, spec.get("topologySpreadConstraints"), (*path, "topologySpreadConstraints"))
    return found.problems
