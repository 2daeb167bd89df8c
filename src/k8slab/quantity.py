"""Kubernetes resource quantities (``500m``, ``128Mi``, ``1e3``) parsed exactly.

The grammar is the API server's (k8s.io/apimachinery ``resource.Quantity``):
a signed decimal number followed by a binary-SI suffix (Ki, Mi, Gi, Ti, Pi, Ei),
a decimal-SI suffix (n, u, m, k, M, G, T, P, E) or a decimal exponent (e3, E-2).
See https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

__all__ = ["QUANTITY_RULE", "is_quantity", "parse_quantity"]

QUANTITY_RULE = (
    "must be a Kubernetes quantity: a number with an optional suffix "
    "(m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or an exponent such as e3), e.g. '500m' or '128Mi'"
)

_QUANTITY = re.compile(
    r"^(?P<num>[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))"
    r"(?P<suffix>Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$"
)

_BINARY = {"Ki": 1, "Mi": 2, "Gi": 3, "Ti": 4, "Pi": 5, "Ei": 6}
_DECIMAL = {"n": -9, "u": -6, "m": -3, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}


@lru_cache(maxsize=4096)
def parse_quantity(text: str) -> Decimal:
    """Return the exact value of a quantity; raise ``ValueError`` if the grammar is broken."""
    match = _QUANTITY.fullmatch(text)
    if match is None:
        raise ValueError(QUANTITY_RULE)
    number = Decimal(match["num"])
    suffix = match["suffix"] or ""
    if suffix in _BINARY:
        return number * (Decimal(1024) ** _BINARY[suffix])
    if suffix in _DECIMAL:
        return number.scaleb(_DECIMAL[suffix])
    if suffix:
        return number.scaleb(int(suffix[1:]))
    return number


def is_quantity(text: str) -> bool:
    """True when ``text`` follows the quantity grammar."""
    return _QUANTITY.fullmatch(text) is not None
