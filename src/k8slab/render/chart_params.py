"""The chart-mode ``Parameters``: placeholders while rendering, values and their schema after.

Rendering a stack for Helm goes through the builders' ordinary render path with a
``ChartParameters`` in the context. Each ``ctx.value``/``ctx.name``/... call returns a
token such as ``__K8SLAB_7__`` and records what it stands for; ``k8slab.render.chart``
then replaces each token in the dumped YAML with its Helm expression. Values land in one
nested values tree, and every parameter's JSON schema in one nested schema that refuses
unknown keys, so a typo in ``--set`` fails loudly.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..builders.base import Manifest
from ..validation.definitions import definition_schema
from ..validation.schema import DEFAULT_KUBE_VERSION

__all__ = ["ChartParameters", "Token", "WHEN_KEY", "camel"]

WHEN_KEY = "__k8slab_when__"
"""Key under which an object carries the conditions that switch its template on."""

_SECTIONS = {"Secret": "secrets", "Config": "configs", "LimitRange": "limitRanges", "Ingress": "ingresses"}
_WORKLOADS = ("App", "Stateful", "Job", "CronJob", "DaemonSet")


def camel(name: str) -> str:
    """``db-user-pass`` -> ``dbUserPass``: a values key usable as ``.Values.dbUserPass``."""
    head, *rest = re.split(r"[-.]", name)
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


@dataclass(frozen=True)
class Token:
    """What one placeholder stands for."""

    kind: str
    """scalar, string, block, env, secret, optional, name, reference, labels or selector."""
    expr: str = ""
    """The Helm expression (``.Values.x`` or an ``include``)."""
    extra: Mapping[str, str] = field(default_factory=dict)
    """For labels: static labels written after the include."""


@dataclass
class _State:
    chart: str
    single_workload: bool
    kube_version: str
    tokens: dict[str, Token] = field(default_factory=dict)
    keys: dict[tuple[str, str, tuple[tuple[str, str], ...]], str] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    schema: dict[str, Any] = field(default_factory=lambda: {"type": "object", "additionalProperties": False})
    snippets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    include_secret_values: bool = False
    secret_values: dict[tuple[str, ...], str] = field(default_factory=dict)


class ChartParameters:
    """Parameters of one chart; ``scoped`` gives each builder its own section of values."""

    def __init__(
        self,
        chart: str,
        *,
        single_workload: bool,
        kube_version: str = DEFAULT_KUBE_VERSION,
        include_secret_values: bool = False,
        _state: _State | None = None,
        _scope: str = "",
    ) -> None:
        self._state = _state or _State(
            chart, single_workload, kube_version, include_secret_values=include_secret_values
        )
        self._scope = _scope

    @property
    def values(self) -> dict[str, Any]:
        """The default values (values.yaml)."""
        return self._state.values

    @property
    def schema(self) -> dict[str, Any]:
        """The values' JSON schema (values.schema.json); unknown keys are refused."""
        return self._state.schema

    @property
    def snippets(self) -> Mapping[str, list[dict[str, Any]]]:
        """Named templates to define in _helpers.tpl: template name -> its list entries."""
        return self._state.snippets

    @property
    def secret_values(self) -> Mapping[tuple[str, ...], str]:
        """Every Secret value of the chart by its values path: what ``--set-string`` must give."""
        return self._state.secret_values

    @property
    def tokens(self) -> Mapping[str, Token]:
        """Every placeholder issued so far."""
        return self._state.tokens

    def _token(self, token: Token) -> str:
        identity = (token.kind, token.expr, tuple(sorted(token.extra.items())))
        key = self._state.keys.get(identity)
        if key is None:  # one placeholder per distinct meaning, found in constant time
            key = self._state.keys[identity] = f"__K8SLAB_{len(self._state.tokens)}__"
            self._state.tokens[key] = token
        return key

    def _path(self, path: str) -> list[str]:
        return [camel(p) for p in f"{self._scope}.{path}".split(".") if p]

    def _expr(self, parts: list[str]) -> str:
        if all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", p) for p in parts):
            return "$.Values." + ".".join(parts)
        return "(index $.Values " + " ".join(f'"{p}"' for p in parts) + ")"

    def _record(self, parts: list[str], default: Any, schema: Mapping[str, Any]) -> None:
        definition = schema.get("x-k8s-definition")
        if isinstance(definition, str):  # a whole Kubernetes structure: its official schema
            schema = definition_schema(definition, self._state.kube_version)
        values, node = self._state.values, self._state.schema
        for part in parts[:-1]:
            values = values.setdefault(part, {})
            node = node.setdefault("properties", {}).setdefault(part, {"type": "object", "additionalProperties": False})
        values[parts[-1]] = default
        node.setdefault("properties", {})[parts[-1]] = {k: v for k, v in schema.items() if not k.startswith("x-")}

    def value(self, path: str, default: Any, schema: Mapping[str, Any]) -> Any:
        """Record the parameter ``path`` and return its placeholder."""
        parts = self._path(path)
        render = schema.get("x-k8slab-render")
        if render == "base64":
            return self._secret_data(parts, default)
        self._record(parts, default, schema)
        expr = self._expr(parts)
        if render == "env":
            return self._token(Token("env", expr, {"chart": self._state.chart}))
        if "null" in (schema.get("type") or ()):
            kind = "optional"
        elif isinstance(default, (dict, list)):
            kind = "block"
        else:
            kind = "string" if isinstance(default, str) else "scalar"
        return self._token(Token(kind, expr))

    def _secret_data(self, parts: list[str], encoded: Mapping[str, str]) -> str:
        """A Secret's ``data``: one value per key, required unless empty, never a default (unless asked).

        Text values live at ``...data.KEY`` (the template base64-encodes them), other bytes at
        ``...binaryData.KEY`` as base64. values.yaml holds ``''`` for each, so ``helm template``
        without the values fails with a message naming the key, or with the real values when
        the chart was written with ``include_secret_values``.
        """
        existing = ".".join([*parts[:-1], "existingSecret"])
        entries = {}
        for key, b64 in sorted(encoded.items()):
            raw = base64.b64decode(b64)
            try:
                value, section, pipe = raw.decode(), parts[-1], "b64enc | quote"
            except UnicodeDecodeError:
                value, section, pipe = b64, "binaryData", "quote"
            where = [*parts[:-1], section, key]
            self._state.secret_values[tuple(where)] = value
            self._record(where, value if self._state.include_secret_values else "", {"type": "string"})
            expr = self._expr(where)
            if value:
                shown = ".".join([*where[:-1], key.replace(".", "\\.")])
                message = json.dumps(f"set {shown} (with --set-string or a values file), or {existing}")
                expr = f"required {message} {expr}"
            entries[key] = f"{expr} | {pipe}"
        return self._token(Token("secret", "", entries))

    def text(self, path: str) -> str:
        """A placeholder for an already recorded value at ``path``, written as a quoted string."""
        return self._token(Token("string", self.expression(path)))

    def expression(self, path: str) -> str:
        """The Helm expression of the value at ``path`` in this scope (e.g. ``$.Values.web.service.port``)."""
        return self._expr(self._path(path))

    def name(self, name: str) -> str:
        """A release-scoped object name."""
        return self._token(Token("name", f'include "{self._state.chart}.fullname" (list $ "{name}")', {"name": name}))

    def plain_name(self, token: str) -> str:
        """The name as written in Python behind a name token (or the text itself)."""
        found = self._state.tokens.get(token)
        return str(found.extra["name"]) if found is not None and found.kind == "name" else token

    def release_namespace(self) -> str:
        """The release namespace."""
        return self._token(Token("string", "$.Release.Namespace"))

    def reference(self, kind: str, name: str) -> str:
        """An owned Secret/ConfigMap name, replaced by its ``existing...`` value when set."""
        section = "secrets" if kind == "Secret" else "configs"
        override = "existingSecret" if kind == "Secret" else "existingConfigMap"
        existing = self._expr([section, camel(name), override])
        own = f'include "{self._state.chart}.fullname" (list $ "{name}")'
        return self._token(Token("reference", f"{existing} | default ({own})"))

    def instance(self) -> str:
        """The release name."""
        return self._token(Token("string", "$.Release.Name"))

    def labels(self, name: str, extra: Mapping[str, str]) -> Any:
        """The chart's standard labels for app ``name``, plus static ``extra`` labels."""
        return self._token(Token("labels", f'include "{self._state.chart}.labels" (list $ "{name}")', dict(extra)))

    def selector(self, name: str) -> Any:
        """The selector labels for app ``name``."""
        return self._token(Token("labels", f'include "{self._state.chart}.selectorLabels" (list $ "{name}")'))

    def scoped(self, kind: str, name: str) -> ChartParameters:
        """The parameters of one builder."""
        if kind in _WORKLOADS:
            scope = "" if self._state.single_workload else camel(name)
        elif kind in _SECTIONS:
            scope = f"{_SECTIONS[kind]}.{camel(name)}"
        else:
            scope = self._scope
        return ChartParameters(
            self._state.chart, single_workload=self._state.single_workload, _state=self._state, _scope=scope
        )

    def snippet(self, group: str, name: str, entries: list[dict[str, Any]]) -> str:
        """Define ``entries`` once as the named template ``CHART.GROUP.NAME``; return its include."""
        base = f"{self._state.chart}.{group}.{camel(name)}"
        template, n = base, 1
        while self._state.snippets.setdefault(template, entries) != entries:
            n += 1
            template = f"{base}{n}"
        return self._token(Token("snippet", f'include "{template}" $'))

    def when(self, obj: Manifest, path: str, *, negate: bool = False) -> Manifest:
        """Switch ``obj`` on with a boolean value (default true), or off with a string value (default '')."""
        parts = self._path(path)
        if negate:
            self._record(parts, "", {"type": "string"})
        else:
            self._record(parts, True, {"type": "boolean"})
        condition = ("not " if negate else "") + self._expr(parts)
        return {**obj, WHEN_KEY: [*obj.get(WHEN_KEY, []), condition]}
