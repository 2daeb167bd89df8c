"""The API server's syntax rules for names, labels, ports and durations, as plain checks.

A leaf module without pydantic, so that ``k8slab validate`` loads only what it runs; the
builders' constrained types (``k8slab.types``) are built on these checks. A failed check
raises :class:`RuleError`, a ``ValueError`` whose text is the rule (never the value).
"""

from __future__ import annotations

import posixpath
import re

__all__ = [
    "DNS1035_RULE",
    "DNS_LABEL_RULE",
    "DNS_SUBDOMAIN_RULE",
    "DURATION_REGEX",
    "DURATION_RULE",
    "LABEL_KEY_RULE",
    "LABEL_VALUE_RULE",
    "PORT_NAME_RULE",
    "PORT_RULE",
    "RuleError",
    "check_dns1035_label",
    "check_dns_label",
    "check_dns_subdomain",
    "check_label_key",
    "check_label_value",
    "check_port_name",
    "duration_ms",
    "is_absolute_path",
    "is_config_key",
    "is_env_name",
    "is_port",
]

_DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
_DNS1035_LABEL = re.compile(r"^[a-z]([-a-z0-9]*[a-z0-9])?$")
_DNS_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
_QUALIFIED_NAME = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")
_ENV_NAME = re.compile(r"^[-._a-zA-Z][-._a-zA-Z0-9]*$")
_CONFIG_KEY = re.compile(r"^[-._a-zA-Z0-9]+$")
_PORT_NAME = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")
DURATION_REGEX = re.compile(
    r"(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?"
)
_DURATION_MS = (365 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1)

DNS_LABEL_RULE = (
    "must be a DNS-1123 label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit"
)
DNS1035_RULE = (
    "must be a DNS-1035 label: at most 63 lowercase letters, digits and '-', starting with a "
    "letter and ending with a letter or digit"
)
DNS_SUBDOMAIN_RULE = (
    "must be a DNS-1123 subdomain: at most 253 lowercase letters, digits, '-' and '.', each "
    "part starting and ending with a letter or digit"
)
LABEL_VALUE_RULE = (
    "must be a label value: empty, or at most 63 letters, digits, '-', '_' and '.', starting "
    "and ending with a letter or digit"
)
LABEL_KEY_RULE = (
    "must be a label key: an optional DNS-1123 subdomain prefix and '/', then a name of at "
    "most 63 letters, digits, '-', '_' and '.'"
)
ENV_NAME_RULE = "must be an environment variable name: letters, digits, '_', '-' and '.', not starting with a digit"
CONFIG_KEY_RULE = (
    "must be a ConfigMap or Secret key: at most 253 letters, digits, '-', '_' and '.', not '.', not starting with '..'"
)
PORT_NAME_RULE = (
    "must be an IANA service name: at most 15 lowercase letters, digits and '-', with at least "
    "one letter, no '--', and no '-' at either end"
)
PORT_RULE = "must be a port number from 1 to 65535"
DURATION_RULE = (
    "must be a Prometheus duration: a number and a unit (y, w, d, h, m, s, ms), units in that "
    "decreasing order and each at most once, e.g. '30s', '1m30s', '5m', '1h' or '0'"
)
IMAGE_RULE = "must be an image reference such as 'repo/name:1.0' or 'repo/name@sha256:<64 hex digits>'"


class RuleError(ValueError):
    """A value broke a syntax rule; ``kind`` names the rule, the text is its message."""

    def __init__(self, kind: str, rule: str) -> None:
        super().__init__(rule)
        self.kind = kind
        self.rule = rule


def _fail(kind: str, rule: str) -> RuleError:
    return RuleError(kind, rule)


def check_dns_label(value: str) -> str:
    """Raise unless ``value`` is a DNS-1123 label (most object names, Namespaces)."""
    if len(value) > 63 or not _DNS_LABEL.fullmatch(value):
        raise _fail("dns_label", DNS_LABEL_RULE)
    return value


def check_dns1035_label(value: str) -> str:
    """Raise unless ``value`` is a DNS-1035 label (Service names)."""
    if len(value) > 63 or not _DNS1035_LABEL.fullmatch(value):
        raise _fail("dns1035_label", DNS1035_RULE)
    return value


def check_dns_subdomain(value: str) -> str:
    """Raise unless ``value`` is a DNS-1123 subdomain (ConfigMap, Secret names)."""
    if len(value) > 253 or not _DNS_SUBDOMAIN.fullmatch(value):
        raise _fail("dns_subdomain", DNS_SUBDOMAIN_RULE)
    return value


def check_label_value(value: str) -> str:
    """Raise unless ``value`` is a valid label value."""
    if value and (len(value) > 63 or not _QUALIFIED_NAME.fullmatch(value)):
        raise _fail("label_value", LABEL_VALUE_RULE)
    return value


def check_label_key(value: str) -> str:
    """Raise unless ``value`` is a qualified name: ``[prefix/]name``."""
    prefix, _, name = value.rpartition("/")
    if "/" in value and (not prefix or len(prefix) > 253 or not _DNS_SUBDOMAIN.fullmatch(prefix)):
        raise _fail("label_key", LABEL_KEY_RULE)
    if not name or len(name) > 63 or not _QUALIFIED_NAME.fullmatch(name):
        raise _fail("label_key", LABEL_KEY_RULE)
    return value


def check_port_name(value: str) -> str:
    """Raise unless ``value`` follows the IANA_SVC_NAME rules used for port names."""
    ok = (
        len(value) <= 15
        and _PORT_NAME.fullmatch(value) is not None
        and "--" not in value
        and any(c.isalpha() for c in value)
    )
    if not ok:
        raise _fail("port_name", PORT_NAME_RULE)
    return value


def duration_ms(value: str) -> int:
    """Milliseconds in a Prometheus duration (``1m30s`` -> 90000); raise ValueError if it is not one.

    The syntax of Prometheus's ``model.ParseDuration``: https://prometheus.io/docs/prometheus/latest/configuration/configuration/#configuration-file
    """
    if value == "0":
        return 0
    match = DURATION_REGEX.fullmatch(value)
    if not value or match is None:
        raise _fail("duration", DURATION_RULE)
    return sum(int(part) * unit for part, unit in zip(match.groups(), _DURATION_MS, strict=True) if part)


def is_absolute_path(value: str) -> bool:
    """An absolute, normalized container path: starts with '/', no '.', '..' or '//' segments, no trailing '/'."""
    return value.startswith("/") and posixpath.normpath(value) == value


def is_env_name(value: str) -> bool:
    """The portable environment-variable name rule (the API server's before 1.32): no '.' alone, no '..' prefix."""
    return _ENV_NAME.fullmatch(value) is not None and value != "." and not value.startswith("..")


def is_config_key(value: str) -> bool:
    """The ConfigMap and Secret key rule: at most 253 of [-._a-zA-Z0-9], not '.', not starting with '..'."""
    return (
        len(value) <= 253 and _CONFIG_KEY.fullmatch(value) is not None and value != "." and not value.startswith("..")
    )


def is_port(value: int) -> bool:
    """A TCP/UDP port number: 1 to 65535."""
    return 1 <= value <= 65535
