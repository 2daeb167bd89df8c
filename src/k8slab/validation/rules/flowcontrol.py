"""FlowSchemas and PriorityLevelConfigurations (flowcontrol.apiserver.k8s.io v1, v1beta3, v1beta2).

From the API server's ``pkg/apis/flowcontrol/validation`` (``ValidateFlowSchemaSpec``,
``ValidateFlowSchemaPolicyRulesWithSubjects``, ``ValidateFlowSchemaSubject``,
``ValidateFlowSchemaResourcePolicyRule``, ``ValidateFlowSchemaNonResourcePolicyRule``,
``ValidateNonResourceURLPath``, ``ValidatePriorityLevelConfigurationSpec``,
``ValidateLimitedPriorityLevelConfiguration``, ``ValidateLimitResponse``,
``ValidatePriorityLevelQueuingConfiguration``), after the group's defaulting (matchingPrecedence
1000, concurrency shares 30, queues 64, hand size 8, queue length 50 when unset or zero).

A FlowSchema has DNS-1123 subdomain names; matchingPrecedence 1-10000, 1 only for ``exempt``; a
distinguisher ByUser or ByNamespace; a priority level named by a DNS-1123 subdomain; rules with
subjects (a ServiceAccount with a name and a namespace, a User or a Group with a name, and nothing
of the other kinds) and resource or non-resource rules (known verbs, '*' alone, groups, resources,
namespaces that are DNS-1123 labels unless cluster-scoped, URL paths). A PriorityLevelConfiguration
is of type Exempt exactly when named ``exempt``; a Limited one has limits with non-negative shares,
lendablePercent 0-100, a non-negative borrowingLimitPercent, and a limit response (Queue with queuing
whose hand size fits the queues and 60 bits of entropy, or Reject without it). The fixed specs of
the mandatory objects (``exempt``, ``catch-all``) are not compared.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from ...errors import Problem
from ...syntax import check_dns_label, check_dns_subdomain
from ._base import REQUIRED, Findings, Obj, Path, entries, integer, is_map, mapping, rule_message, seq, text
from ._names import subdomain_name_problem
from .metadata import name_rule

__all__ = ["check_flow_schema", "check_priority_level"]

_API_VERSIONS = tuple(f"flowcontrol.apiserver.k8s.io/{v}" for v in ("v1", "v1beta3", "v1beta2"))
_VERBS = ("get", "list", "create", "update", "delete", "deletecollection", "patch", "watch", "proxy")
_SUBJECT_KINDS = ("ServiceAccount", "Group", "User")
_SUBJECT_FIELDS = {"ServiceAccount": "serviceAccount", "User": "user", "Group": "group"}
_MAX_PRECEDENCE = 10000
_MAX_QUEUES = 10_000_000
_MAX_HASH_BITS = 60
_ALONE = "must not list anything else when it lists '*'"


def _name(found: Findings, obj: Obj) -> None:
    """ValidateFlowSchemaName and ValidatePriorityLevelConfigurationName (NameIsDNSSubdomain)."""
    kind, api_version = text(obj.get("kind")), text(obj.get("apiVersion"))
    message = subdomain_name_problem(obj) if name_rule(kind, api_version, found.minor) is None else None
    if message:
        found.add(("metadata", "name"), message)


def _verbs(found: Findings, verbs: Sequence[Any], path: Path) -> None:
    if not verbs:
        found.add(path, REQUIRED)
    elif "*" in verbs:
        if len(verbs) > 1:
            found.add(path, _ALONE)
    elif any(isinstance(v, str) and v not in _VERBS for v in verbs):
        found.add(path, "must list only: " + ", ".join(_VERBS))


def _url_problem(url: str) -> str | None:
    """ValidateNonResourceURLPath."""
    if not url:
        return REQUIRED
    if url == "/":
        return None
    if not url.startswith("/"):
        return "must start with '/'"
    if " " in url:
        return "must not contain white space"
    if "//" in url:
        return "must not contain '//'"
    stars = url.count("*")
    if stars > 1 or (stars == 1 and not url.endswith("/*")):
        return "may only end with '/*' as a wildcard"
    return None


def _resource_rule(found: Findings, rule: Mapping[str, Any], path: Path) -> None:
    """ValidateFlowSchemaResourcePolicyRule."""
    _verbs(found, seq(rule.get("verbs")), (*path, "verbs"))
    for field in ("apiGroups", "resources"):
        values = seq(rule.get(field))
        if not values:
            found.add((*path, field), REQUIRED)
        elif len(values) > 1 and "*" in values:
            found.add((*path, field), _ALONE)
    namespaces = seq(rule.get("namespaces"))
    if not namespaces and rule.get("clusterScope") is not True:
        found.add((*path, "namespaces"), "is required unless clusterScope is true")
    elif "*" in namespaces:
        if len(namespaces) > 1:
            found.add((*path, "namespaces"), _ALONE)
    else:
        for i, namespace in enumerate(namespaces):
            if isinstance(namespace, str):
                message = rule_message(check_dns_label, namespace)
                if message:
                    found.add((*path, "namespaces", i), "must be '*' or a DNS-1123 label: " + message)


def _non_resource_rule(found: Findings, rule: Mapping[str, Any], path: Path) -> None:
    """ValidateFlowSchemaNonResourcePolicyRule."""
    _verbs(found, seq(rule.get("verbs")), (*path, "verbs"))
    urls = seq(rule.get("nonResourceURLs"))
    if not urls:
        found.add((*path, "nonResourceURLs"), REQUIRED)
    elif "*" in urls:
        if len(urls) > 1:
            found.add((*path, "nonResourceURLs"), _ALONE)
    else:
        for i, url in enumerate(urls):
            message = _url_problem(url) if isinstance(url, str) else None
            if message:
                found.add((*path, "nonResourceURLs", i), message)


def _subject(found: Findings, subject: Mapping[str, Any], path: Path) -> None:
    """ValidateFlowSchemaSubject and its ServiceAccount, User and Group checks."""
    kind = subject.get("kind")
    if kind not in _SUBJECT_KINDS:
        found.one_of((*path, "kind"), text(kind), _SUBJECT_KINDS)
        return
    field = _SUBJECT_FIELDS[text(kind)]
    for other in _SUBJECT_FIELDS.values():
        if other != field and subject.get(other) is not None:
            found.add((*path, other), f"must not be set for a subject of kind {kind}")
    body = subject.get(field)
    if not is_map(body):
        found.add((*path, field), f"is required for a subject of kind {kind}")
        return
    name = text(body.get("name"))
    if not name:
        found.add((*path, field, "name"), REQUIRED)
    elif kind == "ServiceAccount" and name != "*":
        message = rule_message(check_dns_subdomain, name)
        if message:
            found.add((*path, field, "name"), message)
    if kind == "ServiceAccount":
        namespace = text(body.get("namespace"))
        message = REQUIRED if not namespace else rule_message(check_dns_label, namespace)
        if message:
            found.add((*path, field, "namespace"), message)


def check_flow_schema(obj: Obj, kube_version: str) -> list[Problem]:
    """ValidateFlowSchema of a FlowSchema (its status and the mandatory schemas' fixed specs aside)."""
    if obj.get("kind") != "FlowSchema" or obj.get("apiVersion") not in _API_VERSIONS:
        return []
    found = Findings(obj, kube_version)
    _name(found, obj)
    spec = mapping(obj.get("spec"))
    precedence = integer(spec.get("matchingPrecedence"))
    if precedence is not None and precedence != 0:  # 0 (unset) is defaulted to 1000
        if not 0 < precedence <= _MAX_PRECEDENCE:
            found.add(("spec", "matchingPrecedence"), f"must be from 1 to {_MAX_PRECEDENCE}")
        elif precedence == 1 and text(mapping(obj.get("metadata")).get("name")) != "exempt":
            found.add(("spec", "matchingPrecedence"), "may be 1 only for the schema named 'exempt'")
    if is_map(spec.get("distinguisherMethod")):
        method = spec["distinguisherMethod"].get("type")
        found.one_of(("spec", "distinguisherMethod", "type"), text(method), ("ByNamespace", "ByUser"))
    level = text(mapping(spec.get("priorityLevelConfiguration")).get("name"))
    message = REQUIRED if not level else rule_message(check_dns_subdomain, level)
    if message:
        found.add(("spec", "priorityLevelConfiguration", "name"), message)
    for i, rule in entries(spec.get("rules")):
        where = ("spec", "rules", i)
        subjects = seq(rule.get("subjects"))
        if not subjects:
            found.add((*where, "subjects"), REQUIRED)
        for j, subject in entries(subjects):
            _subject(found, subject, (*where, "subjects", j))
        if not seq(rule.get("resourceRules")) and not seq(rule.get("nonResourceRules")):
            found.add(where, "must have resourceRules or nonResourceRules")
        for j, resource_rule in entries(rule.get("resourceRules")):
            _resource_rule(found, resource_rule, (*where, "resourceRules", j))
        for j, non_resource_rule in entries(rule.get("nonResourceRules")):
            _non_resource_rule(found, non_resource_rule, (*where, "nonResourceRules", j))
    return found.problems


def _percent(found: Findings, limits: Mapping[str, Any], path: Path) -> None:
    """The share and percentage checks of the limited and exempt configurations (v1beta3 and v1)."""
    for field in ("nominalConcurrencyShares", "assuredConcurrencyShares"):
        shares = integer(limits.get(field))
        if shares is not None and shares < 0:
            found.add((*path, field), "must not be negative")
    lendable = integer(limits.get("lendablePercent"))
    if lendable is not None and not 0 <= lendable <= 100:
        found.add((*path, "lendablePercent"), "must be from 0 to 100")
    borrowing = integer(limits.get("borrowingLimitPercent"))
    if borrowing is not None and borrowing < 0:
        found.add((*path, "borrowingLimitPercent"), "must not be negative")


def _queuing(found: Findings, queuing: Mapping[str, Any], path: Path) -> None:
    """ValidatePriorityLevelQueuingConfiguration, after SetDefaults_QueuingConfiguration."""
    length = integer(queuing.get("queueLengthLimit")) or 50
    queues = integer(queuing.get("queues")) or 64
    hand = integer(queuing.get("handSize")) or 8
    if length < 0:
        found.add((*path, "queueLengthLimit"), "must be positive")
    if queues < 0:
        found.add((*path, "queues"), "must be positive")
    elif queues > _MAX_QUEUES:
        found.add((*path, "queues"), f"must be at most {_MAX_QUEUES}")
    if hand < 0:
        found.add((*path, "handSize"), "must be positive")
    elif queues > 0 and hand > queues:
        found.add((*path, "handSize"), "must not be greater than queues")
    elif queues > 0 and math.ceil(math.log2(queues) * hand) > _MAX_HASH_BITS:  # shufflesharding.RequiredEntropyBits
        found.add((*path, "handSize"), f"must keep the shuffle-sharding entropy within {_MAX_HASH_BITS} bits")


def check_priority_level(obj: Obj, kube_version: str) -> list[Problem]:
    """ValidatePriorityLevelConfiguration (its status and the mandatory levels' fixed specs aside)."""
    if obj.get("kind") != "PriorityLevelConfiguration" or obj.get("apiVersion") not in _API_VERSIONS:
        return []
    found = Findings(obj, kube_version)
    _name(found, obj)
    spec = mapping(obj.get("spec"))
    kind = spec.get("type")
    exempt_name = text(mapping(obj.get("metadata")).get("name")) == "exempt"
    if isinstance(kind, str | None) and exempt_name != (kind == "Exempt"):
        found.add(("spec", "type"), "must be Exempt if and only if the name is 'exempt'")
    if kind == "Exempt":
        if spec.get("limited") is not None:
            found.add(("spec", "limited"), "must not be set when the type is Exempt")
        if is_map(spec.get("exempt")):
            _percent(found, spec["exempt"], ("spec", "exempt"))
    elif kind == "Limited":
        limited = spec.get("limited")
        if spec.get("exempt") is not None:
            found.add(("spec", "exempt"), "must not be set when the type is Limited")
        if not is_map(limited):
            found.add(("spec", "limited"), "is required when the type is Limited")
        else:
            _percent(found, limited, ("spec", "limited"))
            response = mapping(limited.get("limitResponse"))
            where = ("spec", "limited", "limitResponse")
            response_type = response.get("type")
            if response_type == "Reject" and response.get("queuing") is not None:
                found.add((*where, "queuing"), "must not be set when the type is Reject")
            elif response_type == "Queue":
                if not is_map(response.get("queuing")):
                    found.add((*where, "queuing"), "is required when the type is Queue")
                else:
                    _queuing(found, response["queuing"], (*where, "queuing"))
            elif isinstance(response_type, str | None):
                found.one_of((*where, "type"), text(response_type), ("Queue", "Reject"))
    elif isinstance(kind, str | None):
        found.one_of(("spec", "type"), text(kind), ("Exempt", "Limited"))
    return found.problems
