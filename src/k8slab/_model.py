"""The ``builder`` decorator: frozen pydantic dataclasses whose errors are SpecErrors.

A builder is a value: validated once at construction, immutable afterwards.
Construction errors from pydantic are translated into one ``SpecError`` that lists
every invalid field with its path; pydantic's own traceback never reaches the user.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform

import pydantic
from pydantic import ConfigDict, ValidationError
from pydantic.dataclasses import dataclass

from .errors import Problem, SpecError, format_path

__all__ = ["builder", "spec_error"]

_T = TypeVar("_T")

_CONFIG = ConfigDict(extra="forbid", arbitrary_types_allowed=False, revalidate_instances="never")


def _positional_fields(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls) if f.init and not f.kw_only]


_BUILDER_NAMES: set[str] = set()
_PLAIN_TAGS = {"str", "bytes", "int", "float", "bool", "none", "lax-or-strict", "json-or-python"}


def _is_tag(part: str | int) -> bool:
    """Parts of a pydantic location that name a union member or a validator, not a field."""
    if not isinstance(part, str):
        return False
    bracketed = "[" in part and part != "[key]"  # e.g. literal['Recreate'], function-after[...]
    return part in _PLAIN_TAGS or part in _BUILDER_NAMES or part.startswith("function-") or bracketed


def _problems(err: ValidationError, cls: type, owner: str) -> list[Problem]:
    positional = _positional_fields(cls)
    problems: dict[str, Problem] = {}
    for item in err.errors(include_input=False, include_url=False):
        loc: list[str | int] = [p for p in item["loc"] if not _is_tag(p)]
        about_key = bool(loc) and loc[-1] == "[key]"
        if about_key:
            loc.pop()
        if loc and isinstance(loc[0], int) and loc[0] < len(positional):
            loc[0] = positional[loc[0]]
        cause = (item.get("ctx") or {}).get("error")
        if isinstance(cause, SpecError):
            # A check in __post_init__ raised its own SpecError: keep its paths, under this loc.
            prefix = format_path(loc)
            for p in cause.problems:
                joint = "." if prefix and p.path and not p.path.startswith("[") else ""
                path = prefix + joint + p.path
                problems.setdefault(path + p.message, Problem(p.obj if not loc else owner, path, p.message))
            continue
        message = item["msg"].removeprefix("Value error, ")
        if about_key:
            message = f"the key {message}"
        path = format_path(loc)
        earlier = problems.get(path)  # the members of a union fail at one path: report them as one problem
        if earlier is not None and earlier.message != message and earlier.obj == owner:
            message = f"{earlier.message}, or {message[:1].lower()}{message[1:]}"
        problems[path] = Problem(owner, path, message)
    return list(problems.values())


def spec_error(owner: str, path: str, message: str) -> SpecError:
    """Build a one-problem ``SpecError`` (for checks that span several fields)."""
    return SpecError([Problem(owner, path, message)])


@dataclass_transform(frozen_default=True, field_specifiers=(pydantic.Field,))
def builder(cls: type[_T]) -> type[_T]:
    """Turn ``cls`` into a frozen, validated pydantic dataclass raising ``SpecError``."""
    made: Any = dataclass(frozen=True, config=_CONFIG)(cls)
    _BUILDER_NAMES.add(cls.__name__)
    original: Callable[..., None] = made.__init__

    @functools.wraps(original)
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        try:
            original(self, *args, **kwargs)
            return
        except ValidationError as err:
            # Only a field called ``name`` names the object: another first field (a URL, a key) could be anything.
            name = args[0] if args and _positional_fields(cls)[:1] == ["name"] else kwargs.get("name")
            owner = f"{cls.__name__}/{name}" if isinstance(name, str) else cls.__name__
            problems = _problems(err, cls, owner)
        # Raised outside the except block: pydantic's error quotes the input (Secret data
        # included) and must not even be reachable as the SpecError's __context__.
        raise SpecError(problems)

    made.__init__ = __init__
    return made  # type: ignore[no-any-return]
