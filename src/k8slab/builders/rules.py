"""Typed Prometheus rules: ``AlertRule`` and ``RecordRule``, rendered into a PrometheusRule group.

See https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/ and
https://prometheus.io/docs/prometheus/latest/configuration/recording_rules/
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import KW_ONLY
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from .._model import builder, spec_error
from ..types import Duration

__all__ = ["AlertRule", "MetricName", "PromLabelName", "RecordRule", "Severity", "check_expr"]

_ALERTING = "https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/"
_RECORDING = "https://prometheus.io/docs/prometheus/latest/configuration/recording_rules/"
_NAMING = "https://prometheus.io/docs/concepts/data_model/#metric-names-and-labels"
_METRIC_NAME = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*")
_LABEL_NAME = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*")
_PAIRS = {")": "(", "]": "[", "}": "{"}
_RESERVED = ("severity", "alertname")

Severity = Literal["critical", "warning", "info"]
"""Alert severities; the kube-prometheus-stack's Alertmanager inhibits by these three."""


def _metric_name(value: Any) -> str:
    if not isinstance(value, str) or not _METRIC_NAME.fullmatch(value):
        raise PydanticCustomError(
            "metric_name", "must be a Prometheus metric name: letters, digits, '_' and ':', not starting with a digit"
        )
    return value


def _label_name(value: Any) -> str:
    if not isinstance(value, str) or not _LABEL_NAME.fullmatch(value) or value.startswith("__"):
        raise PydanticCustomError(
            "label_name",
            "must be a Prometheus label name: letters, digits and '_', not starting with a digit or '__'",
        )
    return value


def check_expr(expr: str) -> str:
    """Raise ValueError unless ``expr`` is non-empty PromQL with balanced brackets and closed quotes.

    A cheap sanity check, not a parser: the operator's admission webhook parses the query.
    """
    if not expr.strip():
        raise ValueError("must be a non-empty PromQL expression")
    stack: list[str] = []
    quote = ""
    escaped = False
    for char in expr:
        if quote:
            if escaped:
                escaped = False
            elif char == "\\" and quote != "`":
                escaped = True
            elif char == quote:
                quote = ""
            continue
        if char in "\"'`":
            quote = char
        elif char in "([{":
            stack.append(char)
        elif char in _PAIRS and (not stack or stack.pop() != _PAIRS[char]):
            raise ValueError("has an unbalanced ')', ']' or '}'")
    if quote:
        raise ValueError("has an unterminated string")
    if stack:
        raise ValueError("has an unclosed '(', '[' or '{'")
    return expr


MetricName = Annotated[str, BeforeValidator(_metric_name)]
"""A metric (or alert, or record) name: ``[a-zA-Z_:][a-zA-Z0-9_:]*``. https://prometheus.io/docs/concepts/data_model/"""
PromLabelName = Annotated[str, BeforeValidator(_label_name)]
"""A Prometheus label name: ``[a-zA-Z_][a-zA-Z0-9_]*``, not starting with ``__``."""
Expr = Annotated[str, AfterValidator(check_expr)]
PromLabels = Annotated[Mapping[PromLabelName, str], AfterValidator(lambda m: dict(sorted(m.items())))]


@builder
class AlertRule:
    """An alerting rule: fires when ``expr`` has returned results for ``for_``.

    ``AlertRule("WebDown", 'up{job="web"} == 0', for_="5m", severity="critical", summary="web is down")``
    See https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/
    """

    name: MetricName = Field(description=f"The alert name (metric-name syntax). See {_NAMING}")
    expr: Expr = Field(description=f"The PromQL expression; every result is an alert. See {_ALERTING}")
    _: KW_ONLY
    for_: Duration = Field(
        default="5m",
        description=f"How long expr must hold before the alert fires ('for'). Default: '5m'. See {_ALERTING}",
    )
    keep_firing_for: Duration | None = Field(
        default=None,
        description=f"How long the alert keeps firing after expr clears. Default: None (not kept). See {_ALERTING}",
    )
    severity: Severity = Field(
        default="warning",
        description=f"The 'severity' label Alertmanager routes and inhibits by. Default: 'warning'. See {_ALERTING}",
    )
    summary: str | None = Field(
        default=None, description=f"The 'summary' annotation, one line. Default: None. See {_ALERTING}#templating"
    )
    description: str | None = Field(
        default=None, description=f"The 'description' annotation. Default: None. See {_ALERTING}#templating"
    )
    runbook_url: str | None = Field(
        default=None,
        description=f"The 'runbook_url' annotation, an http(s) URL. Default: None. See {_ALERTING}#templating",
    )
    labels: PromLabels = Field(
        default_factory=dict, description=f"Extra labels on the alert. Default: {{}}. See {_ALERTING}"
    )
    annotations: Mapping[PromLabelName, str] = Field(
        default_factory=dict, description=f"Extra annotations. Default: {{}}. See {_ALERTING}"
    )

    def __post_init__(self) -> None:
        owner = f"AlertRule/{self.name}"
        for key in self.labels:
            if key in _RESERVED:
                raise spec_error(owner, f"labels[{key!r}]", f"{key!r} is set by k8slab (use the severity field)")
        for key in self.annotations:
            if key in ("summary", "description", "runbook_url"):
                raise spec_error(owner, f"annotations[{key!r}]", f"use the {key} field")
        if self.runbook_url is not None and not re.fullmatch(r"https?://\S+", self.runbook_url):
            raise spec_error(owner, "runbook_url", "must be an http:// or https:// URL")

    def render(self) -> dict[str, Any]:
        """The ``spec.groups[].rules[]`` entry."""
        annotations = dict(self.annotations)
        for key in ("summary", "description", "runbook_url"):
            if getattr(self, key) is not None:
                annotations[key] = getattr(self, key)
        out: dict[str, Any] = {
            "alert": self.name,
            "expr": self.expr,
            "for": self.for_,
            "labels": {**self.labels, "severity": self.severity},
        }
        if self.keep_firing_for is not None:
            out["keep_firing_for"] = self.keep_firing_for
        if annotations:
            out["annotations"] = dict(sorted(annotations.items()))
        return out


@builder
class RecordRule:
    """A recording rule: stores ``expr`` as the series ``name``.

    ``RecordRule("job:http_requests:rate5m", 'sum by (job) (rate(http_requests_total[5m]))')``
    See https://prometheus.io/docs/prometheus/latest/configuration/recording_rules/
    """

    name: MetricName = Field(description=f"The recorded series name (metric-name syntax). See {_RECORDING}")
    expr: Expr = Field(description=f"The PromQL expression to record. See {_RECORDING}")
    _: KW_ONLY
    labels: PromLabels = Field(
        default_factory=dict, description=f"Labels added to the recorded series. Default: {{}}. See {_RECORDING}"
    )

    def render(self) -> dict[str, Any]:
        """The ``spec.groups[].rules[]`` entry."""
        out: dict[str, Any] = {"expr": self.expr, "record": self.name}
        if self.labels:
            out["labels"] = dict(self.labels)
        return out
