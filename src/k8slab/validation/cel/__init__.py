"""CEL validation rules (``x-kubernetes-validations``) of custom resources, checked offline.

Built on ``common-expression-language`` (Python bindings of the Rust ``cel`` crate), with
Kubernetes' libraries added as Python functions: :mod:`.strings` (extended strings, format,
lists, regex, sets), :mod:`.network` (URL, IP, CIDR, quantity) and the optional syntax
(:mod:`.source`). :class:`CelValidator` compiles a CRD version's rules once and evaluates them
on defaulted objects; :mod:`.cost` bounds every evaluation. See docs/guides/cel.md.
"""

from __future__ import annotations

from .cost import PER_CALL_LIMIT, RUNTIME_BUDGET
from .validator import FUNCTIONS, CelValidator, evaluate

__all__ = ["FUNCTIONS", "PER_CALL_LIMIT", "RUNTIME_BUDGET", "CelValidator", "evaluate"]
