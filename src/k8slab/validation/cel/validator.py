"""Evaluating a CRD version's ``x-kubernetes-validations`` rules on one custom resource.

Mirrors the CEL validator of apiextensions-apiserver (pkg/apiserver/schema/cel/validation.go,
``Validator.validate`` / ``validateExpressions`` / ``validateMap`` / ``validateArray``):

- rules sit at any schema level; ``self`` is the value at that level, evaluated per element of
  arrays (``items``) and per value of maps (``additionalProperties``), and in ``allOf`` branches;
- a null value is not validated; rules that read ``oldSelf`` (transition rules) are skipped, as
  on create; with ``optionalOldSelf: true`` they run with ``oldSelf`` = ``optional.none()``;
- a false rule gives ``<path>: Invalid value: "<type>": <message>`` (``fieldPath`` extends the
  path, ``reason`` picks Forbidden / Required / Duplicate, ``messageExpression`` the message);
- an evaluation error gives ``<error> evaluating rule: <message>``.

Programs are compiled once per CRD version (:class:`CelValidator`). The cost budget is
:mod:`k8slab.validation.cel.cost`'s estimate, taken before a rule runs.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .cost import PER_CALL_LIMIT, RUNTIME_BUDGET, Extents, estimate
from .extras import FUNCTIONS as EXTRAS
from .formats import FUNCTIONS as FORMATS
from .macros import FUNCTIONS as MACROS
from .macros import expand
from .network import FUNCTIONS as NETWORK
from .runtime import Context, OptionalValue, compile_program
from .source import Scan, rewrite, scan
from .strings import FUNCTIONS as STRINGS
from .values import escape, to_cel, to_cel_root

__all__ = ["FUNCTIONS", "CelValidator", "evaluate"]

Path = list[str | int]
PathMessage = tuple[Path, str]

# The runtime logs every exception raised by a Python function; those are CEL error values here.
logging.getLogger("cel").addHandler(logging.NullHandler())
logging.getLogger("cel").propagate = False

OUT_OF_BUDGET = "validation failed due to running out of cost budget, no further validation rules will be run"
NO_OVERLOAD = "call arguments did not match a supported operator, function or macro signature"
MAX_MESSAGE = 5 * 1024
"""celconfig.MaxEvaluatedMessageExpressionSizeBytes."""


def _optional(value: Any) -> Any:
    if isinstance(value, OptionalValue):
        return value.value() if value.has_value() else _NONE
    return value


_NONE = object()


def opt_select(value: Any, name: str) -> Any:
    """``x.?name``: optional.of(x.name) when present, else optional.none(); chains on optionals."""
    target = _optional(value)
    if isinstance(target, dict) and name in target:
        return OptionalValue.of(target[name])
    return OptionalValue.none()


def opt_index(value: Any, key: Any) -> Any:
    """``x[?key]`` on a map or list."""
    target = _optional(value)
    if isinstance(target, dict) and key in target:
        return OptionalValue.of(target[key])
    if isinstance(target, list) and type(key) is int and 0 <= key < len(target):
        return OptionalValue.of(target[key])
    return OptionalValue.none()


FUNCTIONS: dict[str, Callable[..., Any]] = {
    **STRINGS,
    **NETWORK,
    **EXTRAS,
    **FORMATS,
    **MACROS,
    "_k8s_opt_select": opt_select,
    "_k8s_opt_index": opt_index,
}
"""Every Kubernetes library function added to the CEL runtime's own."""


@dataclass
class Rule:
    """One compiled ``x-kubernetes-validations`` entry."""

    source: str
    message: str
    program: Any = None
    error: str | None = None
    message_program: Any = None
    field_path: Path = field(default_factory=list)
    reason: str | None = None
    uses_old_self: bool = False
    optional_old_self: bool = False
    scan: Scan = field(default_factory=lambda: Scan(0, 0))
    functions: dict[str, Callable[..., Any]] = field(default_factory=dict)
    """The library functions the rule (and its messageExpression) calls: only those are registered."""


@dataclass
class Node:
    """The rules of one schema node and the nodes below it that carry rules."""

    type: str
    rules: list[Rule]
    escaped: bool
    properties: dict[str, Node]
    items: Node | None
    additional: Node | None
    all_of: list[Node]


_OPTIONAL_ENTRY = re.compile(r"[\[{,]\s*\?")
"""An optional list element or map entry (``[?x]``, ``{?'k': v}``) of cel-go's optional syntax."""

_FIELD_PATH = re.compile(r"\.([A-Za-z0-9_-]+)|\['((?:\\.|[^'\\])*)'\]|\[(\d+)\]")


def _field_path(text: str) -> Path:
    """``.spec.ports['x']`` -> ``["spec", "ports", "x"]``; ValueError if malformed (ValidFieldPath)."""
    parts: Path = []
    at = 0
    while at < len(text):
        match = _FIELD_PATH.match(text, at)
        if match is None:
            raise ValueError(f"fieldPath {text!r} is not a valid JSON path")
        name, quoted, index = match.groups()
        parts.append(int(index) if index is not None else name if name is not None else re.sub(r"\\(.)", r"\1", quoted))
        at = match.end()
    return parts


def _library(program: Any) -> dict[str, Callable[..., Any]]:
    """The library functions a compiled program may call (``ip.isCanonical`` shows as ``isCanonical``)."""
    called, names = set(program.functions()), set(program.variables())
    return {
        name: function
        for name, function in FUNCTIONS.items()
        if name in called or (name.rpartition(".")[2] in called and name.partition(".")[0] in names)
    }


@lru_cache(maxsize=4096)
def _compile(source: str) -> tuple[Any, str | None]:
    """The compiled program of a rule's source, or its first error line; once per source (the
    versions of a CRD, and the CRD check and its custom resources, share their rules)."""
    try:
        return compile_program(expand(rewrite(source))), None
    except ValueError as err:
        return None, str(err).splitlines()[0]


def _rule(entry: Mapping[str, Any]) -> Rule:
    source = str(entry.get("rule") or "")
    rule = Rule(source, str(entry.get("message") or "").strip(), reason=entry.get("reason"))
    rule.optional_old_self = entry.get("optionalOldSelf") is True
    if not source.strip():
        return rule  # an empty rule is no rule (compiled.Program == nil)
    rule.program, rule.error = _compile(source)
    if rule.program is None and _OPTIONAL_ENTRY.search(source):
        rule.error = None  # [?x] and {?k: v}, which the parser here cannot read: the rule is not run
    if rule.program is not None:
        rule.uses_old_self = "oldSelf" in rule.program.variables()
        rule.scan = scan(source)
        rule.functions = _library(rule.program)
    if entry.get("messageExpression"):
        rule.message_program, error = _compile(str(entry["messageExpression"]))
        if rule.message_program is not None:
            rule.functions.update(_library(rule.message_program))
        rule.error = rule.error or (f"messageExpression compile error: {error}" if error else None)
    if entry.get("fieldPath"):
        try:
            rule.field_path = _field_path(str(entry["fieldPath"]))
        except ValueError as err:
            rule.error = rule.error or str(err)
    return rule


def compile_node(schema: Mapping[str, Any] | None) -> Node | None:
    """The rule tree of a schema; None when no rule is anywhere below it."""
    if not isinstance(schema, Mapping):
        return None
    entries = schema.get("x-kubernetes-validations")
    rules = [_rule(e) for e in entries if isinstance(e, Mapping)] if isinstance(entries, list) else []
    properties = schema.get("properties")
    children = {}
    if isinstance(properties, Mapping):
        children = {k: n for k, s in properties.items() if (n := compile_node(s)) is not None}
    items, additional = compile_node(schema.get("items")), compile_node(schema.get("additionalProperties"))
    branches = schema.get("allOf")
    all_of = [n for s in branches if (n := compile_node(s)) is not None] if isinstance(branches, list) else []
    if not (rules or children or items or additional or all_of):
        return None
    kind = "" if schema.get("x-kubernetes-int-or-string") else str(schema.get("type") or "")
    escaped = isinstance(properties, Mapping) and bool(properties)
    return Node(kind, rules, escaped, children, items, additional, all_of)


def evaluate(source: str, **variables: Any) -> Any:
    """Evaluate one CEL expression in the Kubernetes environment (optional syntax and libraries).

    Raises ValueError when it does not compile and the runtime's exception when it fails.
    """
    return compile_program(expand(rewrite(source))).execute(Context(variables=variables, functions=FUNCTIONS))


class _BudgetError(Exception):
    """The cost budget ran out: no further rule is run."""


def _error_text(err: Exception) -> str:
    """cel-go's wording for an evaluation error of the runtime."""
    text = str(err)
    if isinstance(err, KeyError):
        return f"no such key: {err.args[0] if err.args else text}"
    if isinstance(err, ZeroDivisionError):
        return "division by zero"
    if isinstance(err, OverflowError):
        return "integer overflow"
    if isinstance(err, TypeError) and text.startswith("No such overload"):
        return "no such overload"
    if match := re.search(r"Python function call failed: \w+: (.*?)\. Check function arguments", text, re.S):
        return match.group(1)
    return text.split(". Check")[0]


class _Run:
    """The state of validating one object: problems found and the remaining budget."""

    def __init__(self, omit_type: bool = False) -> None:
        self.omit_type = omit_type
        self.found: list[PathMessage] = []
        self.budget = RUNTIME_BUDGET
        self.extents = Extents()

    def invalid(self, path: Path, node: Node, detail: str) -> None:
        self.found.append((path, f'Invalid value: "{node.type}": {detail}'))

    def rules(self, node: Node, value: Any, path: Path) -> None:
        """validateExpressions: every rule of one node, ``self`` bound to ``value``."""
        context: Any = None
        for rule in node.rules:
            label = rule.message or rule.source.strip()
            if rule.error is not None:
                self.invalid(path, node, f"rule compile error: {rule.error}")
                continue
            if rule.program is None or (rule.uses_old_self and not rule.optional_old_self):
                continue  # empty, or a transition rule: there is no old object on create
            if self.budget <= 0:
                self.invalid(path, node, OUT_OF_BUDGET)
                raise _BudgetError
            cost = estimate(rule.scan, self.extents.of(value))
            if cost > PER_CALL_LIMIT:
                self.invalid(
                    path,
                    node,
                    "'operation cancelled: actual cost limit exceeded': no further validation rules will be run "
                    f"due to call cost exceeds limit for rule: {label}",
                )
                raise _BudgetError
            if cost > self.budget:
                self.invalid(path, node, OUT_OF_BUDGET)
                raise _BudgetError
            self.budget -= cost
            if context is None:  # registering Python functions costs: only those the node's rules call
                functions = {k: f for r in node.rules for k, f in r.functions.items()}
                context = Context(variables={"self": value, "oldSelf": OptionalValue.none()}, functions=functions)
            try:
                result = rule.program.execute(context)
            except Exception as err:  # the runtime raises many kinds; each is an error value
                text = _error_text(err)
                if text == "no such overload":
                    detail = f"'{text}': {NO_OVERLOAD} for rule: {label}"
                else:
                    detail = f"{text} evaluating rule: {label}"
                self.invalid(path, node, detail)
                continue
            if result is True:
                continue
            self.failed(rule, node, value, path, context)

    def failed(self, rule: Rule, node: Node, value: Any, path: Path, context: Any) -> None:
        """The problem of a rule that evaluated to false (fieldErrorForReason)."""
        where = [*path, *rule.field_path]
        detail = rule.message or f"failed rule: {rule.source.strip()}"
        if rule.message_program is not None:
            try:
                text = rule.message_program.execute(context)
            except Exception:  # falls back to the static message, as the server does
                text = None
            if isinstance(text, str) and text.strip() and "\n" not in text.strip() and len(text.strip()) <= MAX_MESSAGE:
                detail = text.strip()
        if rule.reason == "FieldValueForbidden":
            self.found.append((where, f"Forbidden: {detail}"))
        elif rule.reason == "FieldValueRequired":
            self.found.append((where, f"Required value: {detail}"))
        elif rule.reason == "FieldValueDuplicate":
            self.found.append((where, f"Duplicate value: {self._value(node)}".rstrip(": ")))
        else:
            self.found.append((where, f"Invalid value: {self._value(node)}{detail}"))

    def _value(self, node: Node) -> str:
        """How the failed value is shown: its type, quoted; nothing for objects and arrays from 1.35.

        Up to Kubernetes 1.34 the server shows the schema type (``"object"``) for every value;
        from 1.35 objects and arrays are omitted and scalars shown as they are (k8slab keeps
        the type for scalars, so no value, Secret data included, reaches a message).
        """
        if self.omit_type and node.type in ("object", "array"):
            return ""
        return f'"{node.type}": '

    def walk(self, node: Node, raw: Any, value: Any, path: Path) -> None:
        """Validator.validate: this node's rules, its allOf branches, then the values below."""
        if raw is None:
            return
        self.rules(node, value, path)
        for branch in node.all_of:
            self.walk(branch, raw, value, path)
        if isinstance(raw, list) and node.items is not None:
            for index, item in enumerate(raw):
                self.walk(node.items, item, value[index], [*path, index])
        elif isinstance(raw, dict):
            for key, item in raw.items():
                sub = node.properties.get(key)
                if sub is not None:
                    self.walk(sub, item, value.get(escape(key) if node.escaped else key), [*path, key])
                elif node.additional is not None and not node.escaped:
                    self.walk(node.additional, item, value.get(key), [*path, key])


class CelValidator:
    """The compiled rules of one CRD version's schema, reused for every object of that version."""

    def __init__(self, schema: Mapping[str, Any], *, kube_version: str = "1.33") -> None:
        """Compile every rule of ``schema`` (an openAPIV3Schema); compile errors surface per object.

        ``kube_version`` (``"1.35"``) picks the server's message shape for failed rules.
        """
        self._schema = schema
        self._root = compile_node(schema)
        minor = re.fullmatch(r"v?1\.(\d+)(?:\.\d+)?", kube_version.strip())
        self._omit_type = minor is not None and int(minor[1]) >= 35

    @property
    def has_rules(self) -> bool:
        """Whether the schema carries any rule at all."""
        return self._root is not None

    @property
    def rules(self) -> list[Rule]:
        """Every compiled rule, in schema order."""
        out: list[Rule] = []
        pending = [self._root] if self._root else []
        while pending:
            node = pending.pop(0)
            out += node.rules
            pending += [*node.properties.values(), *(n for n in (node.items, node.additional) if n), *node.all_of]
        return out

    def problems(self, obj: Mapping[str, Any]) -> list[PathMessage]:
        """The (path, message) of every rule ``obj`` breaks; ``obj`` must be defaulted already."""
        if self._root is None:
            return []
        run = _Run(self._omit_type)
        with contextlib.suppress(_BudgetError):
            run.walk(self._root, dict(obj), to_cel_root(obj, self._schema), [])
        return run.found

    def problems_of(self, value: Any) -> list[PathMessage]:
        """The (path, message) of every rule a value of this schema breaks: a ``default``, say (not a whole object)."""
        if self._root is None:
            return []
        run = _Run(self._omit_type)
        with contextlib.suppress(_BudgetError):
            run.walk(self._root, value, to_cel(value, self._schema), [])
        return run.found
