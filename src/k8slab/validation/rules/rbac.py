"""Roles, ClusterRoles and their bindings (rbac.authorization.k8s.io/v1).

From the API server's ``pkg/apis/rbac/validation``: every rule has verbs, and either
non-resource URLs (ClusterRoles only, never together with API groups, resources or resource
names) or API groups and resources; an aggregation rule has valid, non-empty selectors. A
binding's roleRef is in the RBAC API group, names a Role or ClusterRole (a ClusterRoleBinding
only a ClusterRole) by a path-segment name; each subject is a ServiceAccount (a valid name, no
API group, a namespace in a ClusterRoleBinding), a User or a Group (the RBAC API group).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import Problem
from ...syntax import check_dns_subdomain
from ._base import REQUIRED, Findings, Obj, Path, entries, mapping, rule_message, seq, text
from ._labels import check_selector
from ._names import path_segment_problem

__all__ = ["check_rbac"]

GROUP = "rbac.authorization.k8s.io"
_API_VERSION = f"{GROUP}/v1"
_KINDS = ("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding")


def _policy_rule(found: Findings, rule: Mapping[str, Any], path: Path, *, namespaced: bool) -> None:
    """ValidatePolicyRule."""
    if not seq(rule.get("verbs")):
        found.add((*path, "verbs"), "must contain at least one verb")
    if seq(rule.get("nonResourceURLs")):
        if namespaced:
            found.add((*path, "nonResourceURLs"), "must not be set in a namespaced Role")
        if any(seq(rule.get(field)) for field in ("apiGroups", "resources", "resourceNames")):
            found.add((*path, "nonResourceURLs"), "must not be set together with apiGroups, resources or resourceNames")
        return
    if not seq(rule.get("apiGroups")):
        found.add((*path, "apiGroups"), 'must contain at least one API group ("" is the core group)')
    if not seq(rule.get("resources")):
        found.add((*path, "resources"), "must contain at least one resource")


def _role(found: Findings, obj: Obj, *, namespaced: bool) -> None:
    """ValidateRole and ValidateClusterRole."""
    for i, rule in entries(obj.get("rules")):
        _policy_rule(found, rule, ("rules", i), namespaced=namespaced)
    aggregation = obj.get("aggregationRule")
    if namespaced or aggregation is None:
        return
    selectors = seq(mapping(aggregation).get("clusterRoleSelectors"))
    if not selectors:
        found.add(("aggregationRule", "clusterRoleSelectors"), "must have at least one selector")
    for i, selector in entries(selectors):
        check_selector(found, selector, ("aggregationRule", "clusterRoleSelectors", i))


def _subject(found: Findings, subject: Mapping[str, Any], path: Path, *, namespaced: bool) -> None:
    """ValidateRoleBindingSubject (after SetDefaults_Subject gave Users and Groups the RBAC API group)."""
    name, kind, group = text(subject.get("name")), subject.get("kind"), text(subject.get("apiGroup"))
    if not name:
        found.add((*path, "name"), REQUIRED)
    if kind == "ServiceAccount":
        message = rule_message(check_dns_subdomain, name) if name else None
        if message:
            found.add((*path, "name"), message)
        if group:
            found.add((*path, "apiGroup"), "must be empty for a ServiceAccount")
        if not namespaced and not text(subject.get("namespace")):
            found.add((*path, "namespace"), "is required for a ServiceAccount in a ClusterRoleBinding")
    elif kind in ("User", "Group"):
        if group != GROUP:
            found.add((*path, "apiGroup"), f"must be {GROUP} for a {kind}")
    elif isinstance(kind, str | None):
        found.add((*path, "kind"), "must be one of: ServiceAccount, User, Group")


def _binding(found: Findings, obj: Obj, *, namespaced: bool) -> None:
    """ValidateRoleBinding and ValidateClusterRoleBinding."""
    role = mapping(obj.get("roleRef"))
    if text(role.get("apiGroup")) != GROUP:
        found.add(("roleRef", "apiGroup"), f"must be {GROUP}")
    kinds = ("Role", "ClusterRole") if namespaced else ("ClusterRole",)
    if role.get("kind") not in kinds and isinstance(role.get("kind"), str | None):
        found.add(("roleRef", "kind"), "must be one of: " + ", ".join(kinds))
    name = text(role.get("name"))
    problem = path_segment_problem(name) if name else REQUIRED
    if problem:
        found.add(("roleRef", "name"), problem)
    for i, subject in entries(obj.get("subjects")):
        _subject(found, subject, ("subjects", i), namespaced=namespaced)


def check_rbac(obj: Obj, kube_version: str) -> list[Problem]:
    """The rules of rbac.authorization.k8s.io/v1 Roles, ClusterRoles, RoleBindings and ClusterRoleBindings."""
    kind = obj.get("kind")
    if obj.get("apiVersion") != _API_VERSION or kind not in _KINDS:
        return []
    found = Findings(obj, kube_version)
    if kind in ("Role", "ClusterRole"):
        _role(found, obj, namespaced=kind == "Role")
    else:
        _binding(found, obj, namespaced=kind == "RoleBinding")
    return found.problems
