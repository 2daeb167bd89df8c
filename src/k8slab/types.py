"""Constrained string and number types shared by every builder.

Each type is an ``Annotated`` alias: to mypy it is a plain ``str`` or ``int``; to
pydantic it carries the API server's rule, and a violation is reported with a
message that names the rule (never the rejected value).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from .quantity import QUANTITY_RULE, is_quantity, parse_quantity
from .syntax import (
    CONFIG_KEY_RULE,
    DURATION_REGEX,
    ENV_NAME_RULE,
    IMAGE_RULE,
    LABEL_VALUE_RULE,
    PORT_RULE,
    RuleError,
    check_dns1035_label,
    check_dns_label,
    check_dns_subdomain,
    check_label_key,
    check_label_value,
    check_port_name,
    duration_ms,
    is_absolute_path,
    is_config_key,
    is_env_name,
    is_port,
)

__all__ = [
    "ENV_NAME_RULE",
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
    "LABEL_VALUE_RULE",
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

NAME_LABEL_RULE = "must be at most 63 characters: the name is also the value of the label app.kubernetes.io/name"

_T = TypeVar("_T")

INT32_MAX = 2**31 - 1
"""The largest value of an int32 API field (replicas, probe periods, ...)."""
INT64_MAX = 2**63 - 1
"""The largest value of an int64 API field (tolerationSeconds, ...)."""
MAX_ANNOTATIONS_BYTES = 256 * 1024
"""The most bytes an object's annotations may hold, keys and values together (``ValidateAnnotationsSize``)."""


def _fail(kind: str, rule: str) -> PydanticCustomError:
    return PydanticCustomError(kind, rule)


def _rule(check: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``check`` (a ``k8slab.syntax`` check) for pydantic: a broken rule is reported as its kind and message."""

    def run(value: Any) -> Any:
        try:
            return check(value)
        except RuleError as err:
            raise _fail(err.kind, err.rule) from None

    return run


def _check_duration(value: str) -> str:
    _rule(duration_ms)(value)
    return value


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
    return _rule(check_dns_subdomain)(value) if value else value


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


DNSLabel = Annotated[str, BeforeValidator(_strict_str), AfterValidator(_rule(check_dns_label))]
"""A DNS-1123 label: the name rule for most objects. https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-label-names"""
ServiceName = Annotated[str, BeforeValidator(_strict_str), AfterValidator(_rule(check_dns1035_label))]
"""A DNS-1035 label: the name rule for Services and anything named after one."""
DNSSubdomain = Annotated[str, BeforeValidator(_strict_str), AfterValidator(_rule(check_dns_subdomain))]
"""A DNS-1123 subdomain. https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-subdomain-names"""
LabelKey = Annotated[str, BeforeValidator(_strict_str), AfterValidator(_rule(check_label_key))]
"""A label or annotation key. https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set"""
LabelValue = Annotated[str, BeforeValidator(_strict_str), AfterValidator(_rule(check_label_value))]
"""A label value."""
EnvName = Annotated[str, BeforeValidator(_strict_str), AfterValidator(_check_env_name)]
"""An environment variable name. https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/"""
ConfigKey = Annotated[str, BeforeValidator(_strict_str), AfterValidator(_check_config_key)]
"""A key of a ConfigMap or Secret. https://kubernetes.io/docs/concepts/configuration/configmap/"""
PortName = Annotated[str, BeforeValidator(_strict_str), AfterValidator(_rule(check_port_name))]
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
