"""Where pods may run: tolerations, node affinity, pod affinity and anti-affinity.

See https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import KW_ONLY
from typing import Any, Literal

from pydantic import Field

from .._model import Checks, builder, spec_error
from ..types import INT64_MAX, LABEL_VALUE_RULE, FrozenList, LabelKey, Labels, check_label_value

__all__ = ["NodeAffinity", "PodAffinity", "Toleration", "render_affinity"]


def _is_label_value(value: str) -> bool:
    try:
        check_label_value(value)
    except ValueError:
        return False
    return True


@builder
class Toleration:
    """Lets pods run on nodes with a matching taint.

    See https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
    """

    key: LabelKey | None = Field(
        default=None, description="The taint key; None with Exists matches every taint. Default: None."
    )
    _: KW_ONLY
    operator: Literal["Equal", "Exists"] = Field(
        default="Equal", description="How the value is matched. Default: 'Equal'."
    )
    value: str | None = Field(default=None, description="The taint value for Equal. Default: None.")
    effect: Literal["NoSchedule", "PreferNoSchedule", "NoExecute"] | None = Field(
        default=None, description="The taint effect matched; None matches all. Default: None."
    )
    seconds: int | None = Field(
        default=None,
        ge=0,
        le=INT64_MAX,
        description="For NoExecute: how long the pod stays after the taint appears. Default: None.",
    )

    def __post_init__(self) -> None:
        checks = Checks("Toleration")
        if self.operator == "Exists" and self.value:
            checks.add("value", "a toleration with operator Exists must not have a value")
        if self.key is None and self.operator != "Exists":
            checks.add("operator", "a toleration without a key must use operator Exists")
        if self.seconds is not None and self.effect != "NoExecute":
            checks.add("seconds", "seconds applies only to the NoExecute effect")
        if self.value and not _is_label_value(self.value):  # ValidateTolerations: the value is a label value
            checks.add("value", LABEL_VALUE_RULE)
        checks.done()

    def render(self) -> dict[str, Any]:
        """The Kubernetes ``Toleration``."""
        out: dict[str, Any] = {"operator": self.operator}
        if self.key is not None:
            out["key"] = self.key
        if self.value is not None:
            out["value"] = self.value
        if self.effect is not None:
            out["effect"] = self.effect
        if self.seconds is not None:
            out["tolerationSeconds"] = self.seconds
        return dict(sorted(out.items()))


@builder
class NodeAffinity:
    """A node-label expression the pod requires (or prefers, with a weight).

    See https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#node-affinity
    """

    key: LabelKey = Field(description="The node label key, e.g. 'topology.kubernetes.io/zone'.")
    operator: Literal["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"] = Field(
        default="In", description="How values are matched. Default: 'In'."
    )
    values: FrozenList[str] = Field(default=(), description="Values for In/NotIn (one integer for Gt/Lt). Default: ().")
    required: bool = Field(default=True, description="Required for scheduling (True) or only preferred. Default: True.")
    weight: int = Field(default=100, ge=1, le=100, description="Weight of a preferred term, 1-100. Default: 100.")

    def __post_init__(self) -> None:
        checks = Checks("NodeAffinity")
        if self.operator in ("In", "NotIn") and not self.values:
            checks.add("values", f"operator {self.operator} needs at least one value")
        if self.operator in ("Exists", "DoesNotExist") and self.values:
            checks.add("values", f"operator {self.operator} takes no values")
        # ValidateNodeSelectorRequirement: Gt and Lt take one value that strconv.ParseInt reads as an int64
        one_integer = (
            len(self.values) == 1
            and re.fullmatch(r"[-+]?[0-9]+", self.values[0]) is not None
            and -INT64_MAX - 1 <= int(self.values[0]) <= INT64_MAX
        )
        if self.operator in ("Gt", "Lt") and not one_integer:
            checks.add("values", f"operator {self.operator} needs exactly one integer value (64-bit)")
        for i, value in enumerate(self.values):
            if self.operator in ("In", "NotIn") and not _is_label_value(value):  # node labels hold label values only
                checks.add(f"values[{i}]", LABEL_VALUE_RULE)
        checks.done()

    def expression(self) -> dict[str, Any]:
        """The ``NodeSelectorRequirement``."""
        out: dict[str, Any] = {"key": self.key, "operator": self.operator}
        if self.values:
            out["values"] = list(self.values)
        return out


@builder
class PodAffinity:
    """Run near (or, with ``anti=True``, away from) pods with these labels.

    See https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity
    """

    labels: Labels = Field(description="Labels of the other pods.")
    topology_key: LabelKey = Field(
        default="kubernetes.io/hostname", description="Node label that defines 'near'. Default: hostname."
    )
    anti: bool = Field(default=False, description="Anti-affinity: keep away instead of close. Default: False.")
    required: bool = Field(default=False, description="Required (True) or only preferred. Default: False.")
    weight: int = Field(default=100, ge=1, le=100, description="Weight of a preferred term, 1-100. Default: 100.")

    def __post_init__(self) -> None:
        if not self.labels:
            raise spec_error("PodAffinity", "labels", "pod affinity needs at least one label to match")

    def term(self) -> dict[str, Any]:
        """The ``PodAffinityTerm``."""
        return {"labelSelector": {"matchLabels": dict(self.labels)}, "topologyKey": self.topology_key}


def render_affinity(nodes: Sequence[NodeAffinity], pods: Sequence[PodAffinity]) -> dict[str, Any]:
    """The pod ``affinity`` block; empty when there is nothing to say."""
    out: dict[str, Any] = {}
    required = [n.expression() for n in nodes if n.required]
    preferred = [
        {"preference": {"matchExpressions": [n.expression()]}, "weight": n.weight} for n in nodes if not n.required
    ]
    node: dict[str, Any] = {}
    if preferred:
        node["preferredDuringSchedulingIgnoredDuringExecution"] = preferred
    if required:
        node["requiredDuringSchedulingIgnoredDuringExecution"] = {"nodeSelectorTerms": [{"matchExpressions": required}]}
    if node:
        out["nodeAffinity"] = node
    for anti, key in ((False, "podAffinity"), (True, "podAntiAffinity")):
        chosen = [p for p in pods if p.anti is anti]
        block: dict[str, Any] = {}
        pref = [{"podAffinityTerm": p.term(), "weight": p.weight} for p in chosen if not p.required]
        req = [p.term() for p in chosen if p.required]
        if pref:
            block["preferredDuringSchedulingIgnoredDuringExecution"] = pref
        if req:
            block["requiredDuringSchedulingIgnoredDuringExecution"] = req
        if block:
            out[key] = block
    return out
