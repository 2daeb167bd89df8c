"""Kubernetes' CEL format library: named string formats and their ``validate``.

Mirrors k8s.io/apiserver/pkg/cel/library/format.go (Kubernetes 1.31+):
``format.named('dns1123Label')`` gives an optional format, ``format.dns1123Label()`` the format
itself, and ``fmt.validate(s)`` gives ``optional.none()`` when ``s`` is valid, else
``optional.of([errors])``, with apimachinery's messages (pkg/util/validation).
"""

from __future__ import annotations

import base64
import binascii
import re
import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from .runtime import OptionalValue
from .strings import CelError

__all__ = ["FORMATS", "FUNCTIONS"]

_TAG = "__k8s_format__"
_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
_SUBDOMAIN = r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"
_DNS1035 = "[a-z]([-a-z0-9]*[a-z0-9])?"
_NAME = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
_VALUE = "(" + _NAME + ")?"
_LOWER = "lower case alphanumeric characters"
_ALNUM = "alphanumeric characters, '-', '_' or '.'"
_ENDS = "start and end with an alphanumeric character"


def _regex_error(what: str, pattern: str, *examples: str) -> str:
    """apimachinery's RegexError: ``<what> (e.g. 'a',  or 'b', regex used for validation is '<re>')``."""
    shown = ",  or ".join(f"'{e}'" for e in examples)
    return f"{what} (e.g. {shown}, regex used for validation is '{pattern}')"


def _dns_label(text: str) -> list[str]:
    """IsDNS1123Label."""
    errors = ["must be no more than 63 characters"] if len(text) > 63 else []
    if not re.fullmatch(_LABEL, text):
        what = f"a lowercase RFC 1123 label must consist of {_LOWER} or '-', and must {_ENDS}"
        errors.append(_regex_error(what, _LABEL, "my-name", "123-abc"))
    return errors


def _dns_subdomain(text: str) -> list[str]:
    """IsDNS1123Subdomain."""
    errors = ["must be no more than 253 characters"] if len(text) > 253 else []
    if not re.fullmatch(_SUBDOMAIN, text):
        what = f"a lowercase RFC 1123 subdomain must consist of {_LOWER}, '-' or '.', and must {_ENDS}"
        errors.append(_regex_error(what, _SUBDOMAIN, "example.com"))
    return errors


def _dns1035(text: str) -> list[str]:
    """IsDNS1035Label."""
    errors = ["must be no more than 63 characters"] if len(text) > 63 else []
    if not re.fullmatch(_DNS1035, text):
        what = f"a DNS-1035 label must consist of {_LOWER} or '-', start with an alphabetic character, "
        what += "and end with an alphanumeric character"
        errors.append(_regex_error(what, _DNS1035, "my-name", "abc-123"))
    return errors


def _prefix(check: Callable[[str], list[str]]) -> Callable[[str], list[str]]:
    """NameIsDNSLabel(name, prefix=true): a trailing dash is allowed (maskTrailingDash)."""
    return lambda text: check(text[:-1] + "a" if len(text) > 1 and text.endswith("-") else text)


def _qualified_name(text: str) -> list[str]:
    """IsQualifiedName: ``[prefix/]name``."""
    parts = text.split("/")
    if len(parts) > 2:
        what = f"a qualified name must consist of {_ALNUM}, and must {_ENDS}"
        tail = " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
        return [_regex_error(what, _NAME, "MyName", "my.name", "123-abc") + tail]
    name, errors = parts[-1], []
    if len(parts) == 2:
        if not parts[0]:
            errors.append("prefix part must be non-empty")
        else:
            errors += [f"prefix part {e}" for e in _dns_subdomain(parts[0])]
    if not name:
        errors.append("name part must be non-empty")
    elif len(name) > 63:
        errors.append("name part must be no more than 63 characters")
    if name and not re.fullmatch(_NAME, name):
        what = f"name part must consist of {_ALNUM}, and must {_ENDS}"
        errors.append(_regex_error(what, _NAME, "MyName", "my.name", "123-abc"))
    return errors


def _label_value(text: str) -> list[str]:
    """IsValidLabelValue."""
    errors = ["must be no more than 63 characters"] if len(text) > 63 else []
    if not re.fullmatch(_VALUE, text):
        what = f"a valid label must be an empty string or consist of {_ALNUM}, and must {_ENDS}"
        errors.append(_regex_error(what, _VALUE, "MyValue", "my_value", "12345"))
    return errors


def _uri(text: str) -> list[str]:
    from .network import is_url  # url.ParseRequestURI, as the url() function uses it

    return [] if is_url(text) else [f'parse "{text}": invalid URI for request']


def _uuid(text: str) -> list[str]:
    ok = re.fullmatch(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", text)
    return [] if ok and uuid.UUID(text) else ["does not match the UUID format"]


def _byte(text: str) -> list[str]:
    try:
        base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return ["invalid base64"]
    return []


def _date(text: str) -> list[str]:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(text)
        date.fromisoformat(text)
    except ValueError:
        return ["invalid date"]
    return []


def _datetime(text: str) -> list[str]:
    pattern = r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})"
    try:
        if not re.fullmatch(pattern, text):
            raise ValueError(text)
        datetime.fromisoformat(re.sub(r"[Zz]$", "+00:00", re.sub(r"(\.\d{6})\d+", r"\1", text)))
    except ValueError:
        return ["invalid datetime"]
    return []


FORMATS: dict[str, Callable[[str], list[str]]] = {
    "dns1123Label": _dns_label,
    "dns1123Subdomain": _dns_subdomain,
    "dns1035Label": _dns1035,
    "qualifiedName": _qualified_name,
    "dns1123LabelPrefix": _prefix(_dns_label),
    "dns1123SubdomainPrefix": _prefix(_dns_subdomain),
    "dns1035LabelPrefix": _prefix(_dns1035),
    "labelValue": _label_value,
    "uri": _uri,
    "uuid": _uuid,
    "byte": _byte,
    "date": _date,
    "datetime": _datetime,
}
"""ConstantFormats: name -> the errors of a string (empty when valid)."""


def named(name: Any) -> Any:
    """``format.named('dns1123Label')``: optional.of the format, optional.none() for an unknown name."""
    return OptionalValue.of({_TAG: name}) if isinstance(name, str) and name in FORMATS else OptionalValue.none()


def validate(fmt: Any, text: Any) -> Any:
    """``fmt.validate(s)``: optional.none() when valid, else optional.of(the error messages)."""
    if not (isinstance(fmt, dict) and fmt.keys() == {_TAG} and isinstance(text, str)):
        raise CelError("no such overload: validate")
    errors = FORMATS[fmt[_TAG]](text)
    return OptionalValue.of(errors) if errors else OptionalValue.none()


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "format.named": named,
    "validate": validate,
    **{f"format.{name}": (lambda name=name: {_TAG: name}) for name in FORMATS},
}
"""CEL name -> implementation of the format library."""
