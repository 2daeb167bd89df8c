"""StorageClasses (storage.k8s.io/v1).

From the API server's ``pkg/apis/storage/validation`` ``ValidateStorageClass``: a provisioner
that is a qualified name; at most 512 parameters, none with an empty key, within 256 KiB;
``reclaimPolicy`` Delete or Retain; ``volumeBindingMode`` Immediate or WaitForFirstConsumer;
allowed topologies whose label expressions have valid keys (unique per term), at least one
value each, no repeated value and no repeated term.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import Problem
from ...syntax import check_label_key
from ._base import REQUIRED, Findings, Obj, entries, mapping, rule_message, seq, text
from ._names import subdomain_name_problem
from .metadata import name_rule

__all__ = ["check_storage_class"]

_API_VERSION = "storage.k8s.io/v1"
_MAX_PARAMETERS = 512
_MAX_PARAMETER_BYTES = 256 * 1024


def _topology_term(found: Findings, term: Mapping[str, Any], index: int) -> dict[str, frozenset[Any]]:
    """ValidateTopologySelectorTerm: the term's expressions as key -> values, problems recorded."""
    expressions: dict[str, frozenset[Any]] = {}
    for j, expr in entries(term.get("matchLabelExpressions")):
        where = ("allowedTopologies", index, "matchLabelExpressions", j)
        values = seq(expr.get("values"))
        if not values:
            found.add((*where, "values"), REQUIRED)
        for k, value in enumerate(values):
            if value in values[:k]:
                found.add((*where, "values", k), "must not be a duplicate")
        key = text(expr.get("key"))
        message = rule_message(check_label_key, key) if key else REQUIRED
        if message:
            found.add((*where, "key"), message)
        if key in expressions:
            found.add((*where, "key"), "must not repeat a key of the same term")
        expressions[key] = frozenset(v for v in values if isinstance(v, str))
    return expressions


def check_storage_class(obj: Obj, kube_version: str) -> list[Problem]:
    """ValidateStorageClass of a storage.k8s.io/v1 StorageClass."""
    if obj.get("kind") != "StorageClass" or obj.get("apiVersion") != _API_VERSION:
        return []
    found = Findings(obj, kube_version)
    message = subdomain_name_problem(obj) if name_rule("StorageClass", _API_VERSION, found.minor) is None else None
    if message:  # ValidateClassName, while the metadata rules do not know the kind
        found.add(("metadata", "name"), message)
    provisioner = obj.get("provisioner")
    if isinstance(provisioner, str):
        message = rule_message(check_label_key, provisioner.lower()) if provisioner else REQUIRED
        if message:
            found.add(("provisioner",), message.replace("a label key", "a provisioner"))
    parameters = mapping(obj.get("parameters"))
    if len(parameters) > _MAX_PARAMETERS:
        found.add(("parameters",), f"must have at most {_MAX_PARAMETERS} entries")
    elif "" in parameters:
        found.add(("parameters",), "must not have an empty key")
    elif sum(len(str(k)) + len(text(v)) for k, v in parameters.items()) > _MAX_PARAMETER_BYTES:
        found.add(("parameters",), "must have at most 256 KiB of keys and values")
    reclaim = obj.get("reclaimPolicy")
    if reclaim:  # validateReclaimPolicy: an empty policy is allowed
        found.one_of(("reclaimPolicy",), reclaim, ("Delete", "Retain"))
    mode = obj.get("volumeBindingMode", "Immediate")  # SetDefaults_StorageClass: Immediate when unset
    found.one_of(("volumeBindingMode",), mode, ("Immediate", "WaitForFirstConsumer"))
    terms: list[dict[str, frozenset[Any]]] = []
    for i, term in entries(obj.get("allowedTopologies")):
        expressions = _topology_term(found, term, i)
        if expressions in terms:
            found.add(("allowedTopologies", i, "matchLabelExpressions"), "must not repeat another term")
        terms.append(expressions)
    return found.problems
