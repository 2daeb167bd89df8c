"""Turn an API server's error answer (a ``Status`` object) into one clear k8slab error.

Each message names what was tried (verb and resource), keeps the server's own explanation,
and passes through the Redactor, so a Secret value the server might echo is never shown.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import unquote

from ..errors import ApplyError, Conflict, Forbidden, Invalid, Problem, ServerError
from .secrets import mask_invalid_values

__all__ = ["describe", "error_from_status"]

_MANAGER = re.compile(r'conflict with "([^"]*)"')
_MAX_MESSAGE = 400
_MAX_BODY = 1 << 20  # a non-JSON error body is read this far, and redacted, before it is clipped


def describe(method: str, path: str, query: Mapping[str, str] | None = None) -> tuple[str, str]:
    """(verb, resource) of a request, e.g. ``("patch", 'deployments.apps "web" in namespace "lab"')``."""
    parts = [unquote(p) for p in path.strip("/").split("/")]
    if parts[:1] == ["api"]:
        group, rest = "", parts[2:]
    elif parts[:1] == ["apis"] and len(parts) >= 3:
        group, rest = parts[1], parts[3:]
    else:
        return method.lower(), path
    if not rest:
        return method.lower(), f"the API discovery document {path}"
    namespace = None
    if len(rest) >= 3 and rest[0] == "namespaces":
        namespace, rest = rest[1], rest[2:]
    plural = rest[0] if rest else ""
    name = rest[1] if len(rest) > 1 else None
    resource = f"{plural}.{group}" if group else plural
    if name:
        resource += f' "{name}"'
    if namespace:
        resource += f' in namespace "{namespace}"'
    verbs = {"PATCH": "patch", "DELETE": "delete", "POST": "create", "PUT": "update"}
    if method == "GET":
        verb = "watch" if (query or {}).get("watch") in ("true", "1") else ("get" if name else "list")
    else:
        verb = verbs.get(method, method.lower())
    return verb, resource


def _status(body: bytes) -> dict[str, Any]:
    try:
        parsed = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return {}
    return parsed if isinstance(parsed, dict) else {}


def _manager(cause: Mapping[str, Any]) -> str:
    found = _MANAGER.search(str(cause.get("message", "")))
    return found.group(1) if found else "unknown"


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 3] + "..."


def error_from_status(
    status: int,
    reason: str,
    body: bytes,
    *,
    verb: str,
    resource: str,
    obj: str = "",
    secret: bool = False,
    redact: Callable[[str], str] = lambda s: s,
) -> ApplyError:
    """The k8slab error for an HTTP error answer; ``secret`` marks a Secret, whose echoed values are dropped."""
    parsed = _status(body)

    def clean(text: str) -> str:  # mask first: truncation and re-spacing come after, so no value is cut in half
        return _clip(redact(mask_invalid_values(text) if secret else text))

    message = clean(str(parsed.get("message") or body[:_MAX_BODY].decode("utf-8", "replace") or reason))
    causes = [c for c in (parsed.get("details") or {}).get("causes") or [] if isinstance(c, dict)]
    attempt = f"{verb} {resource}"
    if status == 401:
        return Forbidden(
            f"the API server rejected the credentials (401 Unauthorized) when trying to {attempt};"
            " log in again or check the kubeconfig user",
            obj=obj,
            status=401,
        )
    if status == 403:
        return Forbidden(f"not allowed to {attempt} (403 Forbidden): {message}", obj=obj, status=403)
    if status == 409:
        conflicts = [c for c in causes if c.get("type") == "FieldManagerConflict"]
        if not conflicts:
            return Conflict(f"conflict when trying to {attempt} (409): {message}", obj=obj)
        managers = sorted({_manager(c) for c in conflicts})
        fields = [str(c.get("field", "")) for c in conflicts]
        owned = ", ".join(f'{c.get("field", "")} (manager "{_manager(c)}")' for c in conflicts)
        noun = "field is" if len(conflicts) == 1 else "fields are"
        return Conflict(
            f"{len(conflicts)} {noun} owned by another field manager: {owned};"
            " apply with --force-conflicts (force_conflicts=True) to take them over",
            obj=obj,
            managers=managers,
            fields=fields,
        )
    if status == 422:
        problems = [
            Problem(obj, str(c.get("field") or "").lstrip("."), clean(str(c.get("message") or ""))) for c in causes
        ] or [Problem(obj, "", message)]
        return Invalid("the API server rejected it as invalid (422):", obj=obj, problems=problems)
    if status == 404:
        return ApplyError(f"not found when trying to {attempt}: {message}", obj=obj)
    if status == 429 or status >= 500:
        return ServerError(
            f"the API server kept failing ({status} {reason}) when trying to {attempt}: {message}",
            obj=obj,
            status=status,
        )
    return ServerError(
        f"unexpected answer {status} {reason} when trying to {attempt}: {message}", obj=obj, status=status
    )
