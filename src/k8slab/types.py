"""Constrained string and number types shared by every builder.

Each type is an ``Annotated`` alias: to mypy it is a plain ``str`` or ``int``; to
pydantic it carries the API server's rule, and a violation is reported with a
message that names the rule (never the rejected value).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping, Sequence
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from .quantity import QUANTITY_RULE, is_quantity, parse_quantity

__all__ = [
    "INT32_MAX",
    "INT64_MAX",
    "Annotations",
    "ConfigKey",
    "DNSLabel",
    "DURATION_REGEX",
    "Duration",
    "DNSSubdomain",
    "EnvName",
    "FrozenList",
    "Image",
    "LabelKey",
    "LabelValue",
    "Labels",
    "PortName",
    "PortNumber",
    "PositiveQuantity",
    "Quantity",
    "StorageClassName",
    "ServiceName",
    "check_dns_label",
    "check_dns_subdomain",
    "check_label_key",
    "check_label_value",
    "check_port_name",
    "duration_ms",
    "is_absolute_path",
    "is_port",
    "is_config_key",
    "is_env_name",
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
NAME_LABEL_RULE = "must be at most 63 characters: the name is also the value of the label app.kubernetes.io/name"
PORT_RULE = "must be a port number from 1 to 65535"
DURATION_RULE = (
    "must be a Prometheus duration: a number and a unit (y, w, d, h, m, s, ms), units in that "
    "decreasing order and each at most once, e.g. '30s', '1m30s', '5m', '1h' or '0'"
)
IMAGE_RULE = "must be an image reference such as 'repo/name:1.0' or 'repo/name@sha256:<64 hex digits>'"

_T = TypeVar("_T")

INT32_MAX = 2**31 - 1
"""The largest value of an int32 API field (replicas, probe periods, ...)."""
INT64_MAX = 2**63 - 1
"""The largest value of an int64 API field (tolerationSeconds, ...)."""
MAX_ANNOTATIONS_BYTES = 256 * 1024
"""The most bytes an object's annotations may hold, keys and values together (``ValidateAnnotationsSize``)."""


def _fail(kind: str, rule: str) -> PydanticCustomError:
    return PydanticCustomError(kind, rule)


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


def _check_duration(value: str) -> str:
    duration_ms(value)
    return value


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


def _check_env_name(value: str) -> str:
    if not is_env_name(value):
        raise _fail("env_name", ENV_NAME_RULE)
    return value


def _check_config_key(value: str) -> str:
    if not is_config_key(value):
        raise _fail("config_key", CONFIG_KEY_RULE)
    return value


def _check_quantity(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise _fail("quantity", QUANTITY_RULE)
    text = str(value)
    if not is_quantity(text) or text.startswith("-"):
        raise _fail("quantity", QUANTITY_RULE + " and not negative")
    return text


def _check_image(value: str) -> str:
    if not value or any(c.isspace() for c in value) or value != value.strip("/:@"):
        raise _fail("image", IMAGE_RULE)
    if "@" in value:
        _, _, digest = value.partition("@")
        algo, _, hexpart = digest.partition(":")
        if algo != "sha256" or len(hexpart) != 64 or not all(c in "0123456789abcdef" for c in hexpart):
            raise _fail("image", IMAGE_RULE)
    return value


def _check_positive_quantity(value: Any) -> str:
    text = _check_quantity(value)
    if parse_quantity(text) <= 0:  # ValidatePersistentVolumeClaimSpec: storage must be greater than zero
        raise _fail("quantity", "must be a quantity greater than zero, e.g. '1Gi'")
    return text


def _check_storage_class(value: str) -> str:
    # ValidatePersistentVolumeClaimSpec: a non-empty storageClassName is a DNS-1123 subdomain ("" disables provisioning)
    return check_dns_subdomain(value) if value else value


def is_port(value: int) -> bool:
    """A TCP/UDP port number: 1 to 65535."""
    return 1 <= value <= 65535


def _check_port(value: int) -> int:
    if not is_port(value):
        raise _fail("port", PORT_RULE)
    return value


def _frozen_list(value: Sequence[_T]) -> Sequence[_T]:
    return tuple(value)


def _frozen_map(value: Mapping[str, _T]) -> Mapping[str, _T]:
    return dict(sorted(value.items()))


def _strict_str(value: Any) -> Any:
    if not isinstance(value, str):
        raise _fail("string_type", "must be a string")
    return value


DNSLabel = Annotated[str, BeforeValidator(_strict_str), AfterValidator(check_dns_label)]
"""A DNS-1123 label: the name rule for most objects. https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-label-names"""
ServiceName = Annotated[str, BeforeValidator(_strict_str), AfterValidator(check_dns1035_label)]
"""A DNS-1035 label: the name rule for Services and anything named after one."""
DNSSubdomain = Annotated[str, BeforeValidator(_strict_str), AfterValidator(check_dns_subdomain)]
"""A DNS-1123 subdomain. https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-subdomain-names"""
LabelKey = Annotated[str, BeforeValidator(_strict_str), AfterValidator(check_label_key)]
"""A label or annotation key. https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set"""
LabelValue = Annotated[str, BeforeValidator(_strict_str), AfterValidator(check_label_value)]
"""A label value."""
EnvName = Annotated[str, BeforeValidator(_strict_str), AfterValidator(_check_env_name)]
"""An environment variable name. https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/"""
ConfigKey = Annotated[str, BeforeValidator(_strict_str), AfterValidator(_check_config_key)]
"""A key of a ConfigMap or Secret. https://kubernetes.io/docs/concepts/configuration/configmap/"""
PortName = Annotated[str, BeforeValidator(_strict_str), AfterValidator(check_port_name)]
"""A port name (IANA_SVC_NAME). https://kubernetes.io/docs/concepts/services-networking/service/#multi-port-services"""
PortNumber = Annotated[int, Field(strict=True), AfterValidator(_check_port)]
"""A TCP/UDP port number, 1 to 65535."""
Quantity = Annotated[str, BeforeValidator(_check_quantity)]
"""A resource quantity such as ``500m`` or ``128Mi``. https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/"""
PositiveQuantity = Annotated[str, BeforeValidator(_check_positive_quantity)]
"""A quantity greater than zero, such as a volume's size ``1Gi``."""
StorageClassName = Annotated[str, BeforeValidator(_strict_str), AfterValidator(_check_storage_class)]
"""A StorageClass name (a DNS-1123 subdomain), or '' for no class. https://kubernetes.io/docs/concepts/storage/storage-classes/"""
Duration = Annotated[str, BeforeValidator(_strict_str), AfterValidator(_check_duration)]
"""A Prometheus duration such as ``30s``, ``1m30s`` or ``0``. https://prometheus.io/docs/prometheus/latest/configuration/configuration/#configuration-file"""
Image = Annotated[str, BeforeValidator(_strict_str), AfterValidator(_check_image)]
"""A container image reference. https://kubernetes.io/docs/concepts/containers/images/"""
Labels = Annotated[Mapping[LabelKey, LabelValue], AfterValidator(_frozen_map)]
"""Labels: keys and values checked by the label rules, stored sorted."""


def _check_annotations(value: Mapping[str, str]) -> Mapping[str, str]:
    # apimachinery ValidateAnnotations: every key is a qualified name; ValidateAnnotationsSize: 256 KiB in total
    if sum(len(k) + len(v) for k, v in value.items()) > MAX_ANNOTATIONS_BYTES:
        raise _fail("annotations_size", "must hold at most 262144 bytes in total (keys and values)")
    return dict(sorted(value.items()))


Annotations = Annotated[
    Mapping[LabelKey, Annotated[str, BeforeValidator(_strict_str)]], AfterValidator(_check_annotations)
]
"""Annotations: keys checked by the label-key rule, at most 256 KiB in all, stored sorted."""
FrozenList = Annotated[Sequence[_T], AfterValidator(_frozen_list)]
"""A sequence stored as a tuple, so a builder cannot be changed after construction."""
