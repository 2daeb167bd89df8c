"""Limits: container requests and limits, and the namespace LimitRange (``Limits.range``).

See https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/ and
https://kubernetes.io/docs/concepts/policy/limit-range/
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import KW_ONLY
from typing import Any, Literal

from pydantic import Field

from .._model import Checks, builder, spec_error
from ..quantity import parse_quantity
from ..types import DNSSubdomain, Quantity
from .base import Manifest, Renderable, RenderContext, metadata

__all__ = ["LimitItem", "LimitRange", "Limits", "ResourceName"]

_RESOURCES = "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"
_LIMITRANGE = "https://kubernetes.io/docs/concepts/policy/limit-range/"

ResourceName = Literal["cpu", "memory", "ephemeral-storage"]
ResourceList = Mapping[ResourceName, Quantity]


@builder
class Limits:
    """A container's resource limits and requests. Requests default to the limits (Guaranteed QoS).

    ``Limits(cpu="500m", memory="128Mi")``; see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
    """

    _: KW_ONLY
    cpu: Quantity = Field(default="500m", description=f"CPU limit. Default: '500m'. See {_RESOURCES}")
    memory: Quantity = Field(default="256Mi", description=f"Memory limit. Default: '256Mi'. See {_RESOURCES}")
    request_cpu: Quantity | None = Field(default=None, description="CPU request. Default: None (the CPU limit).")
    request_memory: Quantity | None = Field(
        default=None, description="Memory request. Default: None (the memory limit)."
    )
    ephemeral_storage: Quantity | None = Field(
        default=None, description="Ephemeral-storage limit (and request). Default: None (not set)."
    )

    def __post_init__(self) -> None:
        for field, request, limit in (
            ("request_cpu", self.request_cpu, self.cpu),
            ("request_memory", self.request_memory, self.memory),
        ):
            if request is not None and parse_quantity(request) > parse_quantity(limit):
                raise spec_error(
                    "Limits", field, f"request must be at most the limit ({field.removeprefix('request_')})"
                )

    def requests(self) -> dict[str, str]:
        """The ``resources.requests`` map."""
        out = {"cpu": self.request_cpu or self.cpu, "memory": self.request_memory or self.memory}
        if self.ephemeral_storage:
            out["ephemeral-storage"] = self.ephemeral_storage
        return out

    def limits(self) -> dict[str, str]:
        """The ``resources.limits`` map."""
        out = {"cpu": self.cpu, "memory": self.memory}
        if self.ephemeral_storage:
            out["ephemeral-storage"] = self.ephemeral_storage
        return out

    def render(self) -> dict[str, Any]:
        """The container ``resources`` block."""
        return {"limits": self.limits(), "requests": self.requests()}

    @staticmethod
    def range(name: str = "limits", *, container: LimitItem | None = None, pod: LimitItem | None = None) -> LimitRange:
        """A namespace LimitRange; see ``LimitRange``."""
        return LimitRange(name, container=container, pod=pod)


@builder
class LimitItem:
    """Bounds for one LimitRange type. The API server's ordering rule is enforced:
    min ≤ default_request ≤ default ≤ max, for each resource. See https://kubernetes.io/docs/concepts/policy/limit-range/
    """

    _: KW_ONLY
    min: ResourceList = Field(default_factory=dict, description="Smallest allowed request. Default: none.")
    max: ResourceList = Field(default_factory=dict, description="Largest allowed limit. Default: none.")
    default: ResourceList = Field(
        default_factory=dict,
        description="Limit given to containers that set none (Container type only). Default: none.",
    )
    default_request: ResourceList = Field(
        default_factory=dict,
        description="Request given to containers that set none (Container type only). Default: none.",
    )
    max_limit_request_ratio: ResourceList = Field(
        default_factory=dict, description="Largest allowed limit/request ratio. Default: none."
    )

    def __post_init__(self) -> None:
        order = ("min", "default_request", "default", "max")
        for resource in ("cpu", "memory", "ephemeral-storage"):
            seen: list[tuple[str, Any]] = []
            for field in order:
                value = getattr(self, field).get(resource)
                if value is None:
                    continue
                for lower_field, lower in seen:
                    if parse_quantity(lower) > parse_quantity(value):
                        raise spec_error("LimitItem", f"{lower_field}[{resource!r}]", f"must be at most {field}")
                seen.append((field, value))
            ratio = self.max_limit_request_ratio.get(resource)
            if ratio is not None and parse_quantity(ratio) < 1:
                raise spec_error("LimitItem", f"max_limit_request_ratio[{resource!r}]", "must be at least 1")

    def render(self, kind: str) -> dict[str, Any]:
        """The ``limits[]`` item of the given type."""
        out: dict[str, Any] = {"type": kind}
        for field, key in (
            ("default", "default"),
            ("default_request", "defaultRequest"),
            ("max", "max"),
            ("max_limit_request_ratio", "maxLimitRequestRatio"),
            ("min", "min"),
        ):
            value = getattr(self, field)
            if value:
                out[key] = dict(sorted(value.items()))
        return out


@builder
class LimitRange:
    """A namespace LimitRange with Container and Pod bounds. See https://kubernetes.io/docs/concepts/policy/limit-range/"""

    name: DNSSubdomain = Field(
        default="limits", description=f"The LimitRange's name. Default: 'limits'. See {_LIMITRANGE}"
    )
    _: KW_ONLY
    container: LimitItem | None = Field(default=None, description="Bounds per container. Default: None.")
    pod: LimitItem | None = Field(default=None, description="Bounds per pod (sum of its containers). Default: None.")

    def __post_init__(self) -> None:
        checks = Checks(f"LimitRange/{self.name}")
        checks.name_label(self.name)
        if self.container is None and self.pod is None:
            checks.add("container", "a LimitRange needs container or pod bounds")
        if self.pod is not None and (self.pod.default or self.pod.default_request):
            checks.add("pod.default", "Pod-type limits cannot carry default or default_request")
        checks.done()

    def dependencies(self) -> Sequence[Renderable]:
        """A LimitRange references nothing."""
        return ()

    def render(self, ctx: RenderContext) -> list[Manifest]:
        """The LimitRange object."""
        items = []
        if self.container is not None:
            items.append(self.container.render("Container"))
        if self.pod is not None:
            items.append(self.pod.render("Pod"))
        return [
            {
                "apiVersion": "v1",
                "kind": "LimitRange",
                "metadata": metadata(self.name, ctx),
                "spec": {"limits": ctx.value("limits", items, type="array", minItems=1)},
            }
        ]

    def bounds(self, kind: Literal["Container", "Pod"]) -> LimitItem | None:
        """The bounds of one type, if set."""
        return self.container if kind == "Container" else self.pod
