"""Name grammars of the API groups beyond the core: domain-prefixed paths, path segments, fully qualified names.

From ``k8s.io/apimachinery`` ``pkg/util/validation`` (``IsDomainPrefixedPath``,
``IsFullyQualifiedName``) and ``pkg/api/validation/path`` (``IsValidPathSegmentName``). Each
function returns why a value breaks its rule, or None; messages never contain the value.
"""

from __future__ import annotations

import re

from ...syntax import check_dns_subdomain
from ._base import Obj, mapping, rule_message, text

__all__ = [
    "csi_driver_name_problem",
    "domain_prefixed_path_problem",
    "fully_qualified_name_problem",
    "path_segment_problem",
    "subdomain_name_problem",
]

_HTTP_PATH = re.compile(r"[A-Za-z0-9/\-._~%!$&'()*+,;=:]+")


def domain_prefixed_path_problem(value: str) -> str | None:
    """IsDomainPrefixedPath: ``example.com/some/path``, a DNS-1123 subdomain, '/', then an HTTP path."""
    if not value:
        return "is required"
    host, slash, path = value.partition("/")
    if not slash or not host or not path:
        return "must be a domain-prefixed path such as 'example.com/controller'"
    message = rule_message(check_dns_subdomain, host)
    if message:
        return "must start with a DNS-1123 subdomain: " + message
    if not _HTTP_PATH.fullmatch(path):
        return "must have a path after the domain made of URL path characters"
    return None


def csi_driver_name_problem(value: str) -> str | None:
    """ValidateCSIDriverName (pkg/apis/core/validation): required, at most 63 characters, a
    DNS-1123 subdomain once lower-cased."""
    if not value:
        return "is required"
    if len(value) > 63:
        return "must have at most 63 characters"
    return rule_message(check_dns_subdomain, value.lower())


def path_segment_problem(value: str) -> str | None:
    """IsValidPathSegmentName: not '.' or '..', no '/' and no '%'."""
    if value in (".", "..") or "/" in value or "%" in value:
        return "must not be '.' or '..' and must not contain '/' or '%'"
    return None


def fully_qualified_name_problem(value: str) -> str | None:
    """IsFullyQualifiedName: a DNS-1123 subdomain of at least three dot-separated parts."""
    if not value:
        return "is required"
    message = rule_message(check_dns_subdomain, value)
    if message:
        return message
    if len(value.split(".")) < 3:
        return "must be a domain of at least three parts separated by dots, such as 'check.example.com'"
    return None


def subdomain_name_problem(obj: Obj) -> str | None:
    """NameIsDNSSubdomain for ``metadata.name``, for the kinds whose name rule the metadata rules do not know."""
    name = text(mapping(obj.get("metadata")).get("name"))
    return rule_message(check_dns_subdomain, name) if name else None
