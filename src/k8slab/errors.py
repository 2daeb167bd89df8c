"""The one exception hierarchy of k8slab.

    K8slabError                      base of everything k8slab raises on purpose
     ├── SpecError (ValueError)      a builder was given an invalid value
     ├── ValidationFailed            rendered objects break a schema or API-server rule
     ├── SynthError                  output could not be written (nothing was written)
     ├── UsageError                  the command line or a user file was unusable
     └── ApplyError                  talking to a cluster (or to helm) failed
          ├── KubeconfigError        no kubeconfig, an unknown context, unusable credentials
          ├── ClusterUnreachable     no connection (refused, reset, TLS, timeout) after bounded retries
          ├── Forbidden              401 or 403; names the verb and the resource
          ├── Conflict               409: fields owned by another field manager (hint: force conflicts)
          ├── Invalid                422: the server's field errors, as problems
          ├── ServerError            5xx or 429 still failing after bounded retries; other statuses
          ├── WaitTimeout            objects not ready in time; names each one and its last reason
          └── HelmFailed             the helm binary failed; carries helm's own message

Every problem carries a field path (a builder's field such as ``configs[0].path``, or the API
server's notation such as ``spec.template.spec.containers[0].ports[0].containerPort``) and,
where known, the user's ``file:line`` that built the object at fault; it prints as
``lab.py:12: App/web: replicas: must be at least 0``. Messages never quote the offending
value, so Secret data cannot leak through an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

__all__ = [
    "ApplyError",
    "ClusterUnreachable",
    "Conflict",
    "Forbidden",
    "HelmFailed",
    "Invalid",
    "K8slabError",
    "KubeconfigError",
    "Problem",
    "ServerError",
    "SpecError",
    "SynthError",
    "UsageError",
    "ValidationFailed",
    "WaitFailed",
    "WaitTimeout",
    "format_path",
]


def format_path(parts: Iterable[str | int]) -> str:
    """Join path parts as ``a.b[0].c``; string parts that are not identifiers are quoted."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part and all(c.isalnum() or c in "_-" for c in part):
            out += f".{part}" if out else part
        else:
            out += f"[{part!r}]"
    return out


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one object: where it is and what rule it breaks."""

    obj: str
    """The object as ``Kind/name`` (or the builder as ``App/name``); empty when unknown."""
    path: str
    """Field path in the API server's notation, e.g. ``spec.replicas``."""
    message: str
    """A one-line message naming the rule; never the offending value."""
    origin: str = ""
    """Where the user built the object at fault, as ``file:line`` (the first frame outside k8slab); or empty."""

    def __str__(self) -> str:
        where = ": ".join(p for p in (self.origin, self.obj, self.path) if p)
        return f"{where}: {self.message}" if where else self.message

    def at(self, origin: str) -> Problem:
        """This problem located at ``origin`` (``file:line``), unless it has a location already."""
        return self if self.origin or not origin else replace(self, origin=origin)


class K8slabError(Exception):
    """Base class of every error k8slab raises on purpose."""


class _ProblemsError(K8slabError):
    """An error that carries one or more problems, all reported together."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self._summary())

    def _summary(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems)} problems:"]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)

    @property
    def path(self) -> str:
        """The field path of the first problem."""
        return self.problems[0].path if self.problems else ""


class SpecError(_ProblemsError, ValueError):
    """A builder was constructed with a value that breaks a rule.

    Raised at construction time; ``.problems`` lists every invalid field, each with
    its path (for example ``ports[0].port``) and a message naming the rule.
    """


class ValidationFailed(_ProblemsError):
    """Rendered objects break the OpenAPI schema, an API-server rule or a cross-object check."""


class SynthError(K8slabError):
    """Output could not be written; the output directory was left untouched."""


class UsageError(K8slabError):
    """A command-line argument or user program could not be used."""


class ApplyError(K8slabError):
    """Talking to the cluster (or running helm) failed; the message is one line per fact, with no Secret data.

    ``obj`` names the object concerned as ``Kind namespace/name`` when there is one.
    """

    def __init__(self, message: str, *, obj: str = "") -> None:
        self.obj = obj
        super().__init__(f"{obj}: {message}" if obj else message)


class KubeconfigError(ApplyError):
    """No kubeconfig was found, the context is unknown, or its credentials cannot be used."""


class ClusterUnreachable(ApplyError):
    """The API server could not be reached (refused, reset, TLS failure, timeout), after bounded retries."""


class Forbidden(ApplyError):
    """The server answered 401 (credentials rejected) or 403 (not allowed); ``status`` tells which."""

    def __init__(self, message: str, *, obj: str = "", status: int = 403) -> None:
        self.status = status
        super().__init__(message, obj=obj)


class Conflict(ApplyError):
    """Server-side apply found fields owned by another field manager (409).

    ``managers`` names the other managers and ``fields`` the contested field paths;
    apply again with ``force_conflicts=True`` (``--force-conflicts``) to take them over.
    """

    def __init__(
        self, message: str, *, obj: str = "", managers: Sequence[str] = (), fields: Sequence[str] = ()
    ) -> None:
        self.managers: tuple[str, ...] = tuple(managers)
        self.fields: tuple[str, ...] = tuple(fields)
        super().__init__(message, obj=obj)


class Invalid(ApplyError):
    """The server rejected an object as invalid (422); ``problems`` holds its field errors."""

    def __init__(self, message: str, *, obj: str = "", problems: Sequence[Problem] = ()) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        lines = [message] + [f"  - {p.path}: {p.message}" if p.path else f"  - {p.message}" for p in self.problems]
        super().__init__("\n".join(lines), obj=obj)


class ServerError(ApplyError):
    """The server kept failing (5xx, 429) after bounded retries, or answered an unexpected status."""

    def __init__(self, message: str, *, obj: str = "", status: int = 0) -> None:
        self.status = status
        super().__init__(message, obj=obj)


class WaitTimeout(ApplyError):
    """Objects were not ready in time; ``pending`` pairs each one with its last known reason."""

    def __init__(self, message: str, *, pending: Sequence[tuple[str, str]] = ()) -> None:
        self.pending: tuple[tuple[str, str], ...] = tuple(pending)
        lines = [message] + [f"  - {obj}: {reason}" for obj, reason in self.pending]
        super().__init__("\n".join(lines))


class WaitFailed(WaitTimeout):
    """Objects reached a final failed state while waited for (a Job's Failed condition); ``pending`` says why."""


class HelmFailed(ApplyError):
    """The helm binary exited with an error; the message is helm's own ``Error:`` line."""

    def __init__(self, message: str, *, returncode: int = 1) -> None:
        self.returncode = returncode
        super().__init__(message)
