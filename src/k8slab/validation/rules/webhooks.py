"""Validating and mutating admission webhook configurations (admissionregistration.k8s.io/v1).

From the API server's ``pkg/apis/admissionregistration/validation`` (``validateValidatingWebhook``,
``validateMutatingWebhook``, ``validateRuleWithOperations``, ``validateAdmissionReviewVersions``)
and ``k8s.io/apiserver`` ``pkg/util/webhook`` (``ValidateWebhookURL``, ``ValidateWebhookService``),
as run on create: each webhook has a unique, fully qualified name (three or more DNS parts);
``sideEffects`` None or NoneOnDryRun; ``admissionReviewVersions`` unique DNS-1035 labels including
v1 or v1beta1; ``failurePolicy``, ``matchPolicy`` and ``reinvocationPolicy`` of their known values;
``timeoutSeconds`` 1-30; valid selectors; exactly one of a URL (https, a host, no user, query or
fragment) or a Service (name, namespace, port 1-65535, a path of DNS-subdomain segments); rules
with operations, API groups, versions and resources, ``*`` alone where it stands for all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from ...errors import Problem
from ...syntax import PORT_RULE, check_dns1035_label, check_dns_subdomain, check_label_key, is_port
from ._base import REQUIRED, Findings, Obj, Path, entries, integer, is_map, mapping, rule_message, seq, text
from ._labels import check_selector
from ._names import fully_qualified_name_problem, subdomain_name_problem
from .metadata import name_rule

__all__ = ["check_rule_with_operations", "check_webhook_configuration"]

_API_VERSION = "admissionregistration.k8s.io/v1"
_KINDS = ("ValidatingWebhookConfiguration", "MutatingWebhookConfiguration")
_OPERATIONS = ("*", "CREATE", "UPDATE", "DELETE", "CONNECT")
_REVIEW_VERSIONS = ("v1", "v1beta1")
_ALONE = "must not list anything else when it lists '*'"


def _list_with_wildcard(found: Findings, values: Sequence[Any], path: Path) -> None:
    if not values:
        found.add(path, REQUIRED)
    elif len(values) > 1 and "*" in values:
        found.add(path, _ALONE)


def _resources(found: Findings, resources: Sequence[Any], path: Path) -> None:
    """validateResources: subresources allowed, '*/*' alone, 'x/*' and '*/x' not combined with what they cover."""
    if not resources:
        found.add(path, REQUIRED)
    wildcard_subresources: set[str] = set()
    wildcard_resources: set[str] = set()
    plain = False
    for i, item in enumerate(resources):
        if not isinstance(item, str):
            continue
        if not item:
            found.add((*path, i), REQUIRED)
            continue
        resource, slash, sub = item.partition("/")
        if not slash:
            plain = item != "*"
            continue
        if resource in wildcard_subresources or sub in wildcard_resources:
            found.add((*path, i), "must not be listed with a wildcard entry that covers it")
        if sub == "*":
            wildcard_subresources.add(resource)
        if resource == "*":
            wildcard_resources.add(sub)
    if len(resources) > 1 and "*/*" in resources:
        found.add(path, "must not list anything else when it lists '*/*'")
    if "*" in resources and plain:
        found.add(path, "must not list other resources without subresources when it lists '*'")


def _rule(found: Findings, rule: Mapping[str, Any], path: Path) -> None:
    """validateRuleWithOperations and validateRule."""
    operations = seq(rule.get("operations"))
    _list_with_wildcard(found, operations, (*path, "operations"))
    for i, operation in enumerate(operations):
        found.one_of((*path, "operations", i), operation, _OPERATIONS)
    _list_with_wildcard(found, seq(rule.get("apiGroups")), (*path, "apiGroups"))
    versions = seq(rule.get("apiVersions"))
    _list_with_wildcard(found, versions, (*path, "apiVersions"))
    for i, version in enumerate(versions):
        if version == "":
            found.add((*path, "apiVersions", i), REQUIRED)
    _resources(found, seq(rule.get("resources")), (*path, "resources"))
    found.one_of((*path, "scope"), rule.get("scope"), ("Cluster", "Namespaced", "*"))


def check_rule_with_operations(found: Findings, rule: Mapping[str, Any], path: Path) -> None:
    """validateRuleWithOperations, for the admission policies' match resources."""
    _rule(found, rule, path)


def _url(found: Findings, url: str, path: Path) -> None:
    """ValidateWebhookURL with https forced."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        found.add(path, "must be a valid URL such as https://host/path")
        return
    if parts.scheme != "https":
        found.add(path, "must use the https scheme")
    if not host and not parts.netloc.rpartition("@")[2]:
        found.add(path, "must name a host")
    if "@" in parts.netloc:
        found.add(path, "must not contain user information")
    if parts.fragment:
        found.add(path, "must not contain a fragment")
    if parts.query:
        found.add(path, "must not contain query parameters")


def _service(found: Findings, service: Mapping[str, Any], path: Path) -> None:
    """ValidateWebhookService (port defaults to 443)."""
    for field in ("name", "namespace"):
        if not text(service.get(field)):
            found.add((*path, field), REQUIRED)
    port = integer(service.get("port"))
    if port is not None and not is_port(port):
        found.add((*path, "port"), PORT_RULE)
    url_path = service.get("path")
    if not isinstance(url_path, str) or url_path in ("", "/"):
        return
    if not url_path.startswith("/"):
        found.add((*path, "path"), "must start with '/'")
    steps = url_path[1:].removesuffix("/").split("/") if url_path != "//" else [""]
    if not all(step and rule_message(check_dns_subdomain, step) is None for step in steps):
        found.add((*path, "path"), "must be made of non-empty segments that are DNS-1123 subdomains")


def _review_versions(found: Findings, versions: Sequence[Any], path: Path) -> None:
    """validateAdmissionReviewVersions: required, unique DNS-1035 labels, one the server understands."""
    if not versions:
        found.add(path, "must list v1 or v1beta1")
        return
    for i, version in enumerate(versions):
        if not isinstance(version, str):
            continue
        if version in versions[:i]:
            found.add((*path, i), "must not be a duplicate")
            continue
        message = rule_message(check_dns1035_label, version)
        if message:
            found.add((*path, i), message)
    if not any(v in _REVIEW_VERSIONS for v in versions):
        found.add(path, "must include v1 or v1beta1")


def _match_conditions(found: Findings, conditions: Sequence[Any], path: Path) -> None:
    """validateMatchConditions, without compiling the CEL expressions: at most 64, unique qualified names."""
    if len(conditions) > 64:
        found.add(path, "must have at most 64 entries")
    names: set[str] = set()
    for i, condition in entries(conditions):
        name = text(condition.get("name"))
        message = rule_message(check_label_key, name) if name else REQUIRED
        if message:
            found.add((*path, i, "name"), message)
        elif name in names:
            found.add((*path, i, "name"), "must not be a duplicate")
        names.add(name)
        if not text(condition.get("expression")).strip():
            found.add((*path, i, "expression"), REQUIRED)


def _webhook(found: Findings, hook: Mapping[str, Any], path: Path, *, mutating: bool) -> None:
    problem = fully_qualified_name_problem(text(hook.get("name")))
    if problem:
        found.add((*path, "name"), problem)
    for i, rule in entries(hook.get("rules")):
        _rule(found, rule, (*path, "rules", i))
    found.one_of((*path, "failurePolicy"), hook.get("failurePolicy"), ("Ignore", "Fail"))
    found.one_of((*path, "matchPolicy"), hook.get("matchPolicy"), ("Exact", "Equivalent"))
    effects = hook.get("sideEffects")
    if effects is None:
        found.add((*path, "sideEffects"), "must be None or NoneOnDryRun")
    found.one_of((*path, "sideEffects"), effects, ("None", "NoneOnDryRun"))
    timeout = integer(hook.get("timeoutSeconds"))
    if timeout is not None and not 1 <= timeout <= 30:
        found.add((*path, "timeoutSeconds"), "must be from 1 to 30 seconds")
    for field in ("namespaceSelector", "objectSelector"):
        if hook.get(field) is not None:
            check_selector(found, hook[field], (*path, field))
    if mutating:
        found.one_of((*path, "reinvocationPolicy"), hook.get("reinvocationPolicy"), ("Never", "IfNeeded"))
    config = mapping(hook.get("clientConfig"))
    url, service = config.get("url"), config.get("service")
    if (url is None) == (service is None):
        found.add((*path, "clientConfig"), "must set exactly one of url or service")
    elif isinstance(url, str):
        _url(found, url, (*path, "clientConfig", "url"))
    elif is_map(service):
        _service(found, service, (*path, "clientConfig", "service"))
    if found.minor >= 28:  # AdmissionWebhookMatchConditions: beta (on) in 1.28
        _match_conditions(found, seq(hook.get("matchConditions")), (*path, "matchConditions"))
    _review_versions(found, seq(hook.get("admissionReviewVersions")), (*path, "admissionReviewVersions"))


def check_webhook_configuration(obj: Obj, kube_version: str) -> list[Problem]:
    """ValidateValidatingWebhookConfiguration and ValidateMutatingWebhookConfiguration (v1, on create)."""
    kind = obj.get("kind")
    if kind not in _KINDS or obj.get("apiVersion") != _API_VERSION:
        return []
    found = Findings(obj, kube_version)
    message = subdomain_name_problem(obj) if name_rule(str(kind), _API_VERSION, found.minor) is None else None
    if message:  # NameIsDNSSubdomain, while the metadata rules do not know the kind
        found.add(("metadata", "name"), message)
    names: set[str] = set()
    for i, hook in entries(obj.get("webhooks")):
        _webhook(found, hook, ("webhooks", i), mutating=kind == "MutatingWebhookConfiguration")
        name = text(hook.get("name"))
        if name and name in names:
            found.add(("webhooks", i, "name"), "must be unique within the configuration")
        names.add(name)
    return found.problems
