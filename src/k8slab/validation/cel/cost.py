"""The cost budget of CEL rules: an estimate taken before a rule runs, so none runs unbounded.

The API server meters each evaluation (cel-go's actual cost) against two limits from
k8s.io/apiserver/pkg/apis/cel/config.go: ``PerCallLimit`` (1,000,000 per rule evaluation) and
``RuntimeCELCostBudget`` (10,000,000 per object, shared by all its rules). The CEL runtime
k8slab uses does not meter, so the cost of one evaluation is estimated from the rule and the
value bound to ``self``:

    cost = tokens(rule) * (1 + largest list or map size under self) ** comprehension depth

A rule with no comprehension costs its token count; ``self.all(a, self.exists_one(b, ...))``
over 64 listeners costs tokens * 65². The estimate grows like cel-go's cost for the nested
loops that make rules expensive, and stays within a small factor of it for the Gateway API
rules. A rule whose estimate is over the per-call limit is reported and not run; once an
object's budget is spent, no further rule is run.
"""

from __future__ import annotations

from typing import Any

from .source import Scan

__all__ = ["PER_CALL_LIMIT", "RUNTIME_BUDGET", "Extents", "estimate"]

PER_CALL_LIMIT = 1_000_000
"""celconfig.PerCallLimit: the most one evaluation of one rule may cost."""
RUNTIME_BUDGET = 10_000_000
"""celconfig.RuntimeCELCostBudget: the most all rules of one object may cost together."""


class Extents:
    """The largest list or map size under each value, computed once per value of one object."""

    def __init__(self) -> None:
        self._known: dict[int, int] = {}
        self._keep: list[Any] = []  # keeps ids stable while the object is validated

    def of(self, value: Any) -> int:
        """The size of the largest list or map in ``value`` (itself included); 0 for scalars."""
        if not isinstance(value, list | dict):
            return 0
        known = self._known.get(id(value))
        if known is None:
            children = value.values() if isinstance(value, dict) else value
            known = max([len(value), *(self.of(child) for child in children)])
            self._known[id(value)] = known
            self._keep.append(value)
        return known


def estimate(rule: Scan, extent: int) -> int:
    """The estimated cost of one evaluation of ``rule`` on a value whose largest collection is ``extent``."""
    cost: int = max(rule.tokens, 1) * (1 + extent) ** rule.depth
    return cost
