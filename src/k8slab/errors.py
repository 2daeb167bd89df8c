"""The one exception hierarchy of k8slab.

    K8slabError                      base of everything k8slab raises on purpose
     ├── SpecError (ValueError)      a builder was given an invalid value
     ├── ValidationFailed            rendered objects break a schema or API-server rule
     ├── SynthError                  output could not be written (nothing was written)
     └── UsageError                  the command line or a user file was unusable

Every problem carries a field path in the API server's notation, for example
``spec.template.spec.containers[0].ports[0].containerPort``. Messages never quote
the offending value, so Secret data cannot leak through an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "K8slabError",
    "Problem",
    "SpecError",
    "SynthError",
    "UsageError",
    "ValidationFailed",
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

    def __str__(self) -> str:
        where = ": ".join(p for p in (self.obj, self.path) if p)
        return f"{where}: {self.message}" if where else self.message


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
