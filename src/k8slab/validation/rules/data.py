"""ConfigMaps and Secrets: keys, encodings, total size and the keys each Secret type requires.

From the API server's ``ValidateConfigMap`` and ``ValidateSecret``: keys are at most 253 letters,
digits, '-', '_' and '.', and neither '.' nor starting with '..'; a ConfigMap key is never in both
data and binaryData; the data of one object stays within 1 MiB; Secret data and binaryData are
base64; typed Secrets carry their required keys. Messages name keys, never values.
"""

from __future__ import annotations

import binascii
import json
from base64 import b64decode
from collections.abc import Mapping
from typing import Any

from ...errors import Problem
from ._base import REQUIRED, Findings, Obj, mapping, text
from .containers import config_key_problem

__all__ = ["MAX_DATA_BYTES", "check_data"]

MAX_DATA_BYTES = 1024 * 1024
"""The most data a ConfigMap or Secret may hold."""
_TOO_LARGE = f"must hold at most {MAX_DATA_BYTES} bytes of data in total"
_REQUIRED_KEYS = {
    "kubernetes.io/tls": ("tls.crt", "tls.key"),
    "kubernetes.io/dockerconfigjson": (".dockerconfigjson",),
    "kubernetes.io/dockercfg": (".dockercfg",),
    "kubernetes.io/ssh-auth": ("ssh-privatekey",),
}
_JSON_KEYS = (".dockerconfigjson", ".dockercfg")


def _decoded(value: Any) -> bytes | None:
    """The bytes of a base64 value (line breaks ignored, as Go does); None when it is not base64."""
    if value is None:
        return b""
    if not isinstance(value, str):
        return None
    try:
        return b64decode(value.replace("\r", "").replace("\n", ""), validate=True)
    except (binascii.Error, ValueError):
        return None


def _keys(found: Findings, values: Mapping[Any, Any], field: str) -> None:
    for key in values:
        if isinstance(key, str):
            message = config_key_problem(key)
            if message:
                found.add((field, key), message)


def _config_map(found: Findings, obj: Obj) -> None:
    data, binary = mapping(obj.get("data")), mapping(obj.get("binaryData"))
    _keys(found, data, "data")
    _keys(found, binary, "binaryData")
    size = 0
    for key, value in data.items():
        if key in binary:
            found.add(("data", key), "must not also be a key of binaryData")
        size += len(text(value).encode())
    for key, value in binary.items():
        decoded = _decoded(value)
        if decoded is None:
            found.add(("binaryData", key), "must be base64-encoded")
        else:
            size += len(decoded)
    if size > MAX_DATA_BYTES:
        found.add(("data",), _TOO_LARGE)


def _secret(found: Findings, obj: Obj) -> None:
    data, plain = mapping(obj.get("data")), mapping(obj.get("stringData"))
    _keys(found, data, "data")
    _keys(found, plain, "stringData")
    contents: dict[str, bytes] = {}
    for key, value in data.items():
        decoded = _decoded(value)
        if decoded is None:
            found.add(("data", key), "must be base64-encoded")
        else:
            contents[str(key)] = decoded
    for key, value in plain.items():
        contents[str(key)] = text(value).encode()
    if sum(len(v) for v in contents.values()) > MAX_DATA_BYTES:
        found.add(("data",), _TOO_LARGE)
    kind = text(obj.get("type"))
    known = set(data) | set(plain)
    for key in _REQUIRED_KEYS.get(kind, ()):
        if key not in known:
            found.add(("data", key), f"{REQUIRED} for a Secret of type {kind}")
        elif key == "ssh-privatekey" and key in contents and not contents[key]:
            found.add(("data", key), "must not be empty")
        elif key in _JSON_KEYS and key in contents and not _is_json_object(contents[key]):
            found.add(("data", key), "must be a JSON object")
    if kind == "kubernetes.io/basic-auth" and not known & {"username", "password"}:
        for key in ("username", "password"):
            found.add(("data", key), "is required for a Secret of type kubernetes.io/basic-auth (username or password)")
    if kind == "kubernetes.io/service-account-token":
        annotations = mapping(mapping(obj.get("metadata")).get("annotations"))
        if not text(annotations.get("kubernetes.io/service-account.name")):
            found.add(("metadata", "annotations", "kubernetes.io/service-account.name"), REQUIRED)


def _is_json_object(raw: bytes) -> bool:
    try:
        return isinstance(json.loads(raw), dict)
    except ValueError:
        return False


def check_data(obj: Obj, kube_version: str) -> list[Problem]:
    """The keys, encoding, size and required keys of a ConfigMap or Secret."""
    kind = obj.get("kind")
    if kind not in ("ConfigMap", "Secret") or obj.get("apiVersion") != "v1":
        return []
    found = Findings(obj, kube_version)
    (_config_map if kind == "ConfigMap" else _secret)(found, obj)
    return found.problems
