"""The ``builder`` decorator: frozen pydantic dataclasses whose errors are SpecErrors.

A builder is a value: validated once at construction, immutable afterwards.
Construction errors from pydantic are translated into one ``SpecError`` that lists
every invalid field with its path; pydantic's own traceback never reaches the user.

Each builder also records where the user built it (``origin_of``: the first frame outside
k8slab, as ``file:line``) and which fields were given explicitly (``was_given``), so that a
problem found later, at ``Stack.objects()``, points at the user's line and can say when the
offending value was k8slab's default.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from types import FrameType
from typing import Any, TypeVar, dataclass_transform

import pydantic
from pydantic import ConfigDict, ValidationError
from pydantic.dataclasses import dataclass

from .errors import Problem, SpecError, format_path
from .types import NAME_LABEL_RULE

__all__ = [
    "Checks",
    "builder",
    "caller_file",
    "caller_location",
    "caller_origin",
    "origin_of",
    "spec_error",
    "was_given",
]

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


_SHOULD = re.compile(r"^(Input|String|List|Value|Dictionary|Tuple|Object|Data|Decimal) should (be )?")
_MESSAGES = {
    "greater_than_equal": "must be at least {ge}",
    "less_than_equal": "must be at most {le}",
    "greater_than": "must be greater than {gt}",
    "less_than": "must be less than {lt}",
    "missing": "is required",
    "missing_argument": "is required",
    "missing_keyword_only_argument": "is required",
    "unexpected_keyword_argument": "is not an argument of this builder",
    "unexpected_positional_argument": "is one positional argument too many",
    "int_type": "must be an integer",
    "int_parsing": "must be an integer",
    "int_from_float": "must be a whole number",
    "bool_type": "must be True or False",
    "bool_parsing": "must be True or False",
    "string_type": "must be a string",
}


def _message(item: Any) -> str:
    """pydantic's message in k8slab's words (``must be at least 0``), never quoting the input."""
    template = _MESSAGES.get(item["type"])
    if template is not None:
        try:
            return template.format(**(item.get("ctx") or {}))
        except (KeyError, IndexError):
            pass
    message: str = item["msg"].removeprefix("Value error, ")
    found = _SHOULD.match(message)
    return f"must {'be ' if found.group(2) else ''}{message[found.end() :]}" if found else message


_SHAPE_ERRORS = {
    "missing",
    "missing_argument",
    "missing_keyword_only_argument",
    "unexpected_keyword_argument",
    "unexpected_positional_argument",
}


def _closest_members(items: list[Any]) -> list[Any]:
    """For a value that matches no builder of a union, only the errors of the builder it came closest to.

    Closest: the fewest arguments missing or unknown (the value has that builder's shape), then
    the fewest errors.
    """
    scores: dict[tuple[Any, ...], dict[str, tuple[int, int]]] = {}
    where: list[tuple[tuple[Any, ...], str] | None] = []
    for item in items:
        loc = item["loc"]
        at = next((i for i, p in enumerate(loc) if isinstance(p, str) and p in _BUILDER_NAMES), None)
        if at is None:
            where.append(None)
            continue
        prefix, member = tuple(loc[:at]), loc[at]
        where.append((prefix, member))
        shape, total = scores.setdefault(prefix, {}).get(member, (0, 0))
        scores[prefix][member] = (shape + (item["type"] in _SHAPE_ERRORS), total + 1)
    best = {prefix: min(members.values()) for prefix, members in scores.items()}
    return [
        item for item, key in zip(items, where, strict=True) if key is None or scores[key[0]][key[1]] == best[key[0]]
    ]


def _problems(err: ValidationError, cls: type, owner: str) -> list[Problem]:
    positional = _positional_fields(cls)
    problems: dict[str, Problem] = {}
    for item in _closest_members(err.errors(include_input=False, include_url=False)):
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
                problems.setdefault(path + p.message, Problem(p.obj if not loc else owner, path, p.message, p.origin))
            continue
        message = _message(item)
        if about_key:
            message = f"the key {message}"
        path = format_path(loc)
        earlier = problems.get(path)  # the members of a union fail at one path: report them as one problem
        if earlier is not None and earlier.message != message and earlier.obj == owner:
            message = f"{earlier.message}, or {message[:1].lower()}{message[1:]}"
        problems[path] = Problem(owner, path, message)
    return list(problems.values())


def spec_error(owner: str, path: str, message: str) -> SpecError:
    """Build a one-problem ``SpecError`` (for checks that span several fields), located at the user's call."""
    return SpecError([Problem(owner, path, message, caller_origin())])


class Checks:
    """Collects every problem of one builder's cross-field checks, raised together by ``done``."""

    def __init__(self, owner: str) -> None:
        self.owner = owner
        self.problems: list[Problem] = []

    def add(self, path: str, message: str) -> None:
        """Record one problem at ``path``."""
        self.problems.append(Problem(self.owner, path, message))

    def name_label(self, name: str) -> None:
        """Record a problem when ``name`` is too long to be the value of the ``app.kubernetes.io/name`` label."""
        if len(name) > 63:
            self.add("name", NAME_LABEL_RULE)

    def run(self, check: Callable[[], object]) -> None:
        """Run a check that may raise SpecError, keeping its problems and going on."""
        try:
            check()
        except SpecError as err:
            self.problems += err.problems

    def done(self) -> None:
        """Raise one SpecError with every problem recorded, if any."""
        if self.problems:
            raise SpecError(list(dict.fromkeys(self.problems)))


_PACKAGE = os.path.dirname(os.path.abspath(__file__)) + os.sep
_INTERNAL = (_PACKAGE, os.path.dirname(os.path.abspath(pydantic.__file__)) + os.sep)
_internal_cache: dict[str, bool] = {}


def _is_internal(filename: str) -> bool:
    found = _internal_cache.get(filename)
    if found is None:
        found = filename.startswith("<") or os.path.abspath(filename).startswith(_INTERNAL)
        _internal_cache[filename] = found
    return found


def caller_location() -> tuple[str, int] | None:
    """(file, line) of the innermost frame outside k8slab (and pydantic): the user's call."""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None and _is_internal(frame.f_code.co_filename):
        frame = frame.f_back
    return (frame.f_code.co_filename, frame.f_lineno) if frame is not None else None


@functools.lru_cache(maxsize=256)
def _is_file(name: str) -> bool:
    """Whether a code object's file name is a real file (not ``<stdin>`` or a name given to ``compile``)."""
    return os.path.isfile(name)


def caller_file() -> str | None:
    """The file of the user's call (see ``caller_location``); None in an interactive session."""
    found = caller_location()
    return found[0] if found is not None and _is_file(found[0]) else None


def _display(file: str, line: int) -> str:
    """``file:line``, the file relative to the current directory when it lies below it."""
    try:
        rel = os.path.relpath(file)
    except ValueError:  # another drive (Windows)
        rel = file
    return f"{rel if not rel.startswith('..') else file}:{line}"


def caller_origin() -> str:
    """The user's call as ``file:line`` (see ``caller_location``); empty when it is not in a file."""
    where = caller_location()
    return _display(*where) if where is not None and _is_file(where[0]) else ""


def origin_of(obj: object) -> str:
    """Where the user built ``obj``, as ``file:line``; empty when unknown."""
    found = getattr(obj, "__dict__", {}).get("_origin", "")
    return found if isinstance(found, str) else ""


def was_given(obj: object, field: str) -> bool:
    """Whether ``field`` was passed explicitly when ``obj`` was built (False: k8slab's default)."""
    given = getattr(obj, "__dict__", {}).get("_given")
    return given is None or field in given


def _bad_text(value: Any, path: list[str | int]) -> Iterator[list[str | int]]:
    """Paths of strings that cannot be written as UTF-8 (lone surrogates), below plain values."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            yield path
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _bad_text(key, path)
            yield from _bad_text(item, [*path, key] if isinstance(key, str | int) else path)
    elif isinstance(value, tuple | list):
        for i, item in enumerate(value):
            yield from _bad_text(item, [*path, i])


def _text_problems(obj: Any, owner: str) -> list[Problem]:
    problems = []
    for f in dataclasses.fields(obj):
        for path in _bad_text(getattr(obj, f.name, None), [f.name]):
            problems.append(Problem(owner, format_path(path), "must be valid Unicode text (no lone surrogates)"))
    return problems


@dataclass_transform(frozen_default=True, field_specifiers=(pydantic.Field,))
def builder(cls: type[_T]) -> type[_T]:
    """Turn ``cls`` into a frozen, validated pydantic dataclass raising ``SpecError``."""
    made: Any = dataclass(frozen=True, config=_CONFIG)(cls)
    _BUILDER_NAMES.add(cls.__name__)
    original: Callable[..., None] = made.__init__

    positional = _positional_fields(cls)

    @functools.wraps(original)
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        origin = caller_origin()
        # Only a field called ``name`` names the object: another first field (a URL, a key) could be anything.
        name = args[0] if args and positional[:1] == ["name"] else kwargs.get("name")
        owner = f"{cls.__name__}/{name}" if isinstance(name, str) else cls.__name__
        try:
            original(self, *args, **kwargs)
            problems = _text_problems(self, owner)
        except ValidationError as err:
            problems = _problems(err, cls, owner)
            # Checks that need only some fields run even when others failed: all problems at once.
            early: Callable[[str, dict[str, Any]], list[Problem]] | None = getattr(cls, "_early_problems", None)
            if early is not None:
                given = dict(zip(positional, args, strict=False)) | kwargs
                taken = {p.path for p in problems}
                problems += [p for p in early(owner, given) if p.path not in taken]
        if not problems:
            object.__setattr__(self, "_origin", origin)
            object.__setattr__(self, "_given", frozenset(positional[: len(args)]) | frozenset(kwargs))
            return
        # Raised outside the except block: pydantic's error quotes the input (Secret data
        # included) and must not even be reachable as the SpecError's __context__.
        raise SpecError([p.at(origin) for p in problems])

    made.__init__ = __init__
    return made  # type: ignore[no-any-return]
