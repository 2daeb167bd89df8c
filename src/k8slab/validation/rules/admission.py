"""ValidatingAdmissionPolicies and their bindings (admissionregistration.k8s.io/v1 and v1beta1).

From the API server's ``pkg/apis/admissionregistration/validation``
(``validateValidatingAdmissionPolicySpec``, ``validateParamKind``, ``validateMatchResources``,
``validateNamedRuleWithOperations``, ``validateMatchConditions``, ``validateVariable``,
``validateValidation``, ``validateAuditAnnotation``, ``validateValidatingAdmissionPolicyBindingSpec``,
``validateParamRef``, ``validateValidationActions``), as run on create: DNS-1123 subdomains as
names; failurePolicy Fail or Ignore; a paramKind with a group/version and a kind; matchConstraints
with at least one resource rule, a known matchPolicy, valid selectors and rules (resource names
unique path segments); at most 64 match conditions with unique qualified names and an expression;
variables named as CEL identifiers, with an expression; at least one validation or audit
annotation; validations with an expression, a one-line message, a known reason; at most 20 audit
annotations with unique keys (``<policy name>/<key>`` a qualified name) and a value expression of
at most 5 KiB. A binding names a policy (a DNS-1123 subdomain), a paramRef with a name (a path
segment) or a selector but not both and parameterNotFoundAction Allow or Deny, and unique
validation actions among Deny, Warn and Audit, at least one, not both Deny and Warn.

MutatingAdmissionPolicies (v1beta1 from 1.34, v1 from 1.36) share the policy checks above (no
validations or audit annotations): at least one mutation, each with patchType ApplyConfiguration or
JSONPatch and that patch's expression, and a reinvocationPolicy Never or IfNeeded; their bindings
name a policy and a paramRef as above. These follow the API's documented rules: the Go source of
their validation was not at hand, so only what the API documents as required is checked.

The server defaults failurePolicy (Fail), matchPolicy (Equivalent) and the selectors (empty) before
validation. CEL expressions are not compiled here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ...errors import Problem
from ...syntax import check_dns1035_label, check_dns_subdomain, check_label_key
from ._base import REQUIRED, Findings, Obj, Path, entries, is_map, mapping, rule_message, seq, text
from ._labels import check_selector
from ._names import path_segment_problem, subdomain_name_problem
from .metadata import name_rule
from .webhooks import check_rule_with_operations

__all__ = [
    "check_admission_policy",
    "check_admission_policy_binding",
    "check_mutating_policy",
    "check_mutating_policy_binding",
]

_API_VERSIONS = ("admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1beta1")
_FAILURE_POLICIES = ("Fail", "Ignore")
_MATCH_POLICIES = ("Exact", "Equivalent")
_REASONS = ("Unauthorized", "Forbidden", "Invalid", "RequestEntityTooLarge")
_ACTIONS = ("Deny", "Warn", "Audit")
_NOT_FOUND_ACTIONS = ("Deny", "Allow")
_MAX_MATCH_CONDITIONS = 64
_MAX_AUDIT_ANNOTATIONS = 20
_MAX_VALUE_EXPRESSION = 5 * 1024
_CEL_IDENTIFIER = re.compile(r"[_a-zA-Z][_a-zA-Z0-9]*")
_CEL_RESERVED = frozenset(
    [
        "true",
        "false",
        "null",
        "in",
        "as",
        "break",
        "const",
        "continue",
        "else",
        "for",
        "function",
        "if",
        "import",
        "let",
        "loop",
        "package",
        "namespace",
        "return",
        "var",
        "void",
        "while",
    ]
)


def _name(found: Findings, obj: Obj) -> None:
    """NameIsDNSSubdomain, while the metadata rules do not know the kind."""
    kind, api_version = text(obj.get("kind")), text(obj.get("apiVersion"))
    message = subdomain_name_problem(obj) if name_rule(kind, api_version, found.minor) is None else None
    if message:
        found.add(("metadata", "name"), message)


def _param_kind(found: Findings, param_kind: Mapping[str, Any], path: Path) -> None:
    """validateParamKind: a group/version (a DNS-1123 subdomain and a DNS-1035 label) and a kind."""
    api_version = text(param_kind.get("apiVersion"))
    if not api_version:
        found.add((*path, "apiVersion"), REQUIRED)
    elif api_version != "/":  # parseGroupVersion reads "/" as empty
        parts = api_version.split("/")
        if len(parts) > 2:
            found.add((*path, "apiVersion"), "must be a group/version, such as example.com/v1")
        else:
            group, version = ("", parts[0]) if len(parts) == 1 else (parts[0], parts[1])
            message = rule_message(check_dns_subdomain, group) if group else None
            if not version:
                message = "must name a version"
            elif message is None:
                message = rule_message(check_dns1035_label, version)
            if message:
                found.add((*path, "apiVersion"), message)
    kind = text(param_kind.get("kind"))
    message = REQUIRED if not kind else rule_message(check_dns1035_label, kind.lower())
    if message:
        found.add((*path, "kind"), message)


def _match_resources(found: Findings, match: Mapping[str, Any], path: Path) -> None:
    """validateMatchResources and validateNamedRuleWithOperations (matchPolicy and selectors defaulted)."""
    found.one_of((*path, "matchPolicy"), match.get("matchPolicy"), _MATCH_POLICIES)
    for field in ("namespaceSelector", "objectSelector"):
        if match.get(field) is not None:
            check_selector(found, match.get(field), (*path, field))
    for field in ("resourceRules", "excludeResourceRules"):
        for i, rule in entries(match.get(field)):
            where = (*path, field, i)
            names: set[str] = set()
            for j, name in enumerate(seq(rule.get("resourceNames"))):
                if not isinstance(name, str):
                    continue
                message = path_segment_problem(name) if name else None
                if message:
                    found.add((*where, "resourceNames", j), message)
                if name in names:
                    found.add((*where, "resourceNames", j), "must not be a duplicate")
                names.add(name)
            check_rule_with_operations(found, rule, where)


def _match_conditions(found: Findings, conditions: Sequence[Any], path: Path) -> None:
    """validateMatchConditions and validateMatchCondition."""
    if len(conditions) > _MAX_MATCH_CONDITIONS:
        found.add(path, f"must have at most {_MAX_MATCH_CONDITIONS} items")
    names: set[str] = set()
    for i, condition in entries(conditions):
        if not text(condition.get("expression")).strip():
            found.add((*path, i, "expression"), REQUIRED)
        name = text(condition.get("name"))
        message = REQUIRED if not name else rule_message(check_label_key, name)
        if message:
            found.add((*path, i, "name"), message.replace("a label key", "a qualified name"))
        if name and name in names:
            found.add((*path, i, "name"), "must be unique among the match conditions")
        names.add(name)


def _variables(found: Findings, variables: Any, path: Path) -> None:
    """validateVariable: a CEL identifier as name and an expression (not compiled here)."""
    for i, variable in entries(variables):
        name = text(variable.get("name"))
        if not name.strip():
            found.add((*path, i, "name"), REQUIRED)
        elif not _CEL_IDENTIFIER.fullmatch(name) or name in _CEL_RESERVED:
            found.add((*path, i, "name"), "must be a CEL identifier (letters, digits and '_', not a reserved word)")
        if not text(variable.get("expression")).strip():
            found.add((*path, i, "expression"), REQUIRED)


def _validations(found: Findings, validations: Any, path: Path) -> None:
    """validateValidation (its expressions are not compiled here)."""
    for i, validation in entries(validations):
        where = (*path, i)
        if not text(validation.get("expression")).strip():
            found.add((*where, "expression"), REQUIRED)
        message_expression = text(validation.get("messageExpression"))
        if message_expression and not message_expression.strip():
            found.add((*where, "messageExpression"), "must not be blank when set")
        message = text(validation.get("message"))
        if message and not message.strip():
            found.add((*where, "message"), "must not be blank when set")
        elif "\n" in message.strip() or "\r" in message.strip():
            found.add((*where, "message"), "must not contain line breaks")
        found.one_of((*where, "reason"), validation.get("reason"), _REASONS)


def _audit_annotations(found: Findings, annotations: Sequence[Any], policy: str, path: Path) -> None:
    """The audit-annotation part of validateValidatingAdmissionPolicySpec and validateAuditAnnotation."""
    if len(annotations) > _MAX_AUDIT_ANNOTATIONS:
        found.add(path, f"must have at most {_MAX_AUDIT_ANNOTATIONS} items")
    keys: set[str] = set()
    for i, annotation in entries(annotations):
        where = (*path, i)
        key = text(annotation.get("key"))
        if policy:
            message = rule_message(check_label_key, f"{policy}/{key}")
            if message:
                found.add((*where, "key"), "must make '<policy name>/<key>' a qualified name")
        value = text(annotation.get("valueExpression")).strip()
        if not value:
            found.add((*where, "valueExpression"), REQUIRED)
        elif len(value.encode()) > _MAX_VALUE_EXPRESSION:
            found.add((*where, "valueExpression"), f"must have at most {_MAX_VALUE_EXPRESSION} bytes")
        if key in keys:
            found.add((*where, "key"), "must be unique among the audit annotations")
        keys.add(key)


def _policy_spec(found: Findings, spec: Mapping[str, Any]) -> None:
    """The checks the validating and mutating policies share (validateValidatingAdmissionPolicySpec's first half)."""
    found.one_of(("spec", "failurePolicy"), spec.get("failurePolicy"), _FAILURE_POLICIES)
    if is_map(spec.get("paramKind")):
        _param_kind(found, spec["paramKind"], ("spec", "paramKind"))
    match = spec.get("matchConstraints")
    if not is_map(match):
        found.add(("spec", "matchConstraints"), REQUIRED)
    else:
        _match_resources(found, match, ("spec", "matchConstraints"))
        if not seq(match.get("resourceRules")):  # the resource rules give the expressions their types
            found.add(("spec", "matchConstraints", "resourceRules"), REQUIRED)
    _match_conditions(found, seq(spec.get("matchConditions")), ("spec", "matchConditions"))
    _variables(found, spec.get("variables"), ("spec", "variables"))


def check_admission_policy(obj: Obj, kube_version: str) -> list[Problem]:
    """validateValidatingAdmissionPolicy of a ValidatingAdmissionPolicy, as on create."""
    if obj.get("kind") != "ValidatingAdmissionPolicy" or obj.get("apiVersion") not in _API_VERSIONS:
        return []
    found = Findings(obj, kube_version)
    _name(found, obj)
    spec = mapping(obj.get("spec"))
    _policy_spec(found, spec)
    validations, annotations = seq(spec.get("validations")), seq(spec.get("auditAnnotations"))
    if not validations and not annotations:
        found.add(("spec", "validations"), "must have at least one item, or auditAnnotations must")
    else:
        _validations(found, validations, ("spec", "validations"))
        policy = text(mapping(obj.get("metadata")).get("name"))
        _audit_annotations(found, annotations, policy, ("spec", "auditAnnotations"))
    return found.problems


def _param_ref(found: Findings, ref: Mapping[str, Any], path: Path) -> None:
    """validateParamRef (a missing parameterNotFoundAction is left alone: some versions default it)."""
    name, selector = text(ref.get("name")), ref.get("selector")
    if name:
        message = path_segment_problem(name)
        if message:
            found.add((*path, "name"), message)
    if selector is not None:
        check_selector(found, selector, (*path, "selector"))
        if name:
            found.add((*path, "selector"), "must not be set together with name")
    if not name and selector is None:
        found.add(path, "must set name or selector")
    action = ref.get("parameterNotFoundAction")
    if action == "":
        found.add((*path, "parameterNotFoundAction"), REQUIRED)
    else:
        found.one_of((*path, "parameterNotFoundAction"), action, _NOT_FOUND_ACTIONS)


def _validation_actions(found: Findings, actions: Sequence[Any], path: Path) -> None:
    """validateValidationActions."""
    seen: set[str] = set()
    for i, action in enumerate(actions):
        found.one_of((*path, i), action, _ACTIONS)
        if isinstance(action, str) and action in seen:
            found.add((*path, i), "must not be a duplicate")
        if isinstance(action, str):
            seen.add(action)
    if {"Deny", "Warn"} <= seen:
        found.add(path, "must not contain both Deny and Warn")
    if not seen:
        found.add(path, "must have at least one validation action")


def check_admission_policy_binding(obj: Obj, kube_version: str) -> list[Problem]:
    """validateValidatingAdmissionPolicyBinding of a ValidatingAdmissionPolicyBinding, as on create."""
    if obj.get("kind") != "ValidatingAdmissionPolicyBinding" or obj.get("apiVersion") not in _API_VERSIONS:
        return []
    found = Findings(obj, kube_version)
    spec = _binding(found, obj)
    _validation_actions(found, seq(spec.get("validationActions")), ("spec", "validationActions"))
    return found.problems


def _binding(found: Findings, obj: Obj) -> Mapping[str, Any]:
    """What validating and mutating policy bindings share: the name, the policy name, paramRef
    and match resources (validateValidatingAdmissionPolicyBinding); the spec, for the rest."""
    _name(found, obj)
    spec = mapping(obj.get("spec"))
    policy = text(spec.get("policyName"))
    message = REQUIRED if not policy else rule_message(check_dns_subdomain, policy)
    if message:
        found.add(("spec", "policyName"), message)
    if is_map(spec.get("paramRef")):
        _param_ref(found, spec["paramRef"], ("spec", "paramRef"))
    if is_map(spec.get("matchResources")):  # Go reports these under "matchResouces"
        _match_resources(found, spec["matchResources"], ("spec", "matchResources"))
    return spec


_PATCH_FIELDS = {"ApplyConfiguration": "applyConfiguration", "JSONPatch": "jsonPatch"}


def check_mutating_policy(obj: Obj, kube_version: str) -> list[Problem]:
    """A MutatingAdmissionPolicy, as its API documents its required fields (see the module's note)."""
    if obj.get("kind") != "MutatingAdmissionPolicy" or obj.get("apiVersion") not in _API_VERSIONS:
        return []
    found = Findings(obj, kube_version)
    _name(found, obj)
    spec = mapping(obj.get("spec"))
    _policy_spec(found, spec)
    mutations = seq(spec.get("mutations"))
    if not mutations:
        found.add(("spec", "mutations"), "must have at least one mutation")
    for i, mutation in entries(mutations):
        patch_type = mutation.get("patchType")
        found.one_of(("spec", "mutations", i, "patchType"), patch_type, tuple(_PATCH_FIELDS))
        field = _PATCH_FIELDS.get(text(patch_type))
        if field and not text(mapping(mutation.get(field)).get("expression")).strip():
            found.add(("spec", "mutations", i, field, "expression"), REQUIRED)
    found.one_of(("spec", "reinvocationPolicy"), spec.get("reinvocationPolicy"), ("Never", "IfNeeded"))
    return found.problems


def check_mutating_policy_binding(obj: Obj, kube_version: str) -> list[Problem]:
    """A MutatingAdmissionPolicyBinding: a policy name, a paramRef and match resources as for validating bindings."""
    if obj.get("kind") != "MutatingAdmissionPolicyBinding" or obj.get("apiVersion") not in _API_VERSIONS:
        return []
    found = Findings(obj, kube_version)
    _binding(found, obj)
    return found.problems
