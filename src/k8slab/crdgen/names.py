"""Python names for CRD fields and schema nodes: snake_case fields, PascalCase classes, modules per group."""

from __future__ import annotations

import builtins
import keyword
import re

from pydantic import BaseModel

__all__ = ["class_part", "field_name", "module_name", "version_suffix"]

_WORDS = re.compile(r"[A-Z]{2,}s(?![a-z])|[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+")
_RESERVED = (
    set(keyword.kwlist)
    | set(keyword.softkwlist)
    | set(dir(builtins))
    | {n for n in dir(BaseModel) if not n.startswith("__")}
    | {"to_dict", "model_config"}
)


def _words(name: str) -> list[str]:
    return _WORDS.findall(name)


def field_name(name: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """``backendRefs`` -> ``backend_refs``; keywords, builtins and pydantic's names get ``_`` (``from_``)."""
    words = _words(name)
    snake = "_".join(w.lower() for w in words) or "field"
    if snake[0].isdigit():
        snake = f"f_{snake}"
    if snake in _RESERVED or snake in taken:
        snake += "_"
    while snake in taken:
        snake += "_"
    return snake


def class_part(name: str) -> str:
    """``backendRefs`` -> ``BackendRefs``; ``http01`` -> ``Http01`` (words keep their inner capitals)."""
    return "".join(w[:1].upper() + w[1:] for w in _words(name)) or "Field"


def version_suffix(version: str) -> str:
    """``v1beta1`` -> ``V1beta1``."""
    return class_part(version)


def module_name(group: str) -> str:
    """``gateway.networking.k8s.io`` -> ``gateway_networking_k8s_io``."""
    name = re.sub(r"[^0-9a-zA-Z]+", "_", group).strip("_").lower()
    return f"g_{name}" if name[:1].isdigit() or keyword.iskeyword(name) else name
