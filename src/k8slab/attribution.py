"""Point each problem of a stack's rendered objects at the builder the user must change.

``Stack.objects()`` finds problems in rendered objects (``Deployment/web: spec.template...``).
Each rendered object remembers the builder that made it, so every problem gets that builder's
``file:line``. A container's resources are the user's ``limits`` field: a problem there is
reported on the builder's field (``App/web: limits.memory``), with the value, and says when the
value was k8slab's default and how to set it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from ._model import origin_of, was_given
from .builders.base import Manifest, Renderable
from .builders.pod import PodSpec
from .errors import Problem
from .validation.walk import object_label

__all__ = ["attribute", "owners"]

_RESOURCES = re.compile(
    r"^spec\.template\.spec\.(?P<list>containers|initContainers)\[(?P<index>[0-9]+)\]\.resources"
    r"\.(?P<kind>requests|limits)\.(?P<resource>cpu|memory|ephemeral-storage)$"
)
_LIMIT_FIELDS = {"cpu": "cpu", "memory": "memory", "ephemeral-storage": "ephemeral_storage"}
_REQUEST_FIELDS = {"cpu": "request_cpu", "memory": "request_memory", "ephemeral-storage": "ephemeral_storage"}


def owners(builders: Sequence[Renderable], rendered: Mapping[int, Sequence[Manifest]]) -> dict[str, Renderable]:
    """``Kind/name`` of each rendered object -> the builder that rendered it (``rendered``: by builder index)."""
    out: dict[str, Renderable] = {}
    for i, b in enumerate(builders):
        for obj in rendered.get(i, ()):
            # the last wins: of two objects with one name, the later one carries the duplicate-name problem
            out[object_label(obj)] = b
    return out


def _dig(obj: Any, path: str) -> Any:
    for part in re.findall(r"[^.\[\]]+", path):
        if isinstance(obj, Mapping):
            obj = obj.get(part)
        elif isinstance(obj, list) and part.isdigit() and int(part) < len(obj):
            obj = obj[int(part)]
        else:
            return None
    return obj


def _resource_problem(problem: Problem, workload: PodSpec, obj: Manifest) -> Problem | None:
    """A container-resources problem as one of the workload's ``limits`` fields; None when it is not one."""
    found = _RESOURCES.match(problem.path)
    if found is None:
        return None
    index = int(found["index"])
    holder: object = workload
    owner_field, limits = "limits", workload.limits
    if found["list"] == "initContainers":
        if index >= len(workload.init):
            return None
        holder = workload.init[index]
        owner_field, limits = f"init[{index}].limits", workload.init[index].limits
    elif index != 0:
        return None
    resource, kind = found["resource"], found["kind"]
    field = (_LIMIT_FIELDS if kind == "limits" else _REQUEST_FIELDS)[resource]
    value = _dig(obj, problem.path)
    note = ""
    if not was_given(holder, "limits") or not was_given(limits, field):
        if value is None:
            note = f" (k8slab's default is none; set Limits({field}=...))"
        elif kind == "requests" and resource != "ephemeral-storage" and getattr(limits, field) is None:
            note = f" (k8slab's default: the {resource} limit; set Limits({field}=...))"
        else:
            note = f" (k8slab's default; set Limits({field}=...))"
        if found["list"] == "initContainers" and not was_given(holder, "limits"):
            note = note.replace("set Limits(", "set InitFetch(limits=Limits(").replace("...))", "...)))")
    # "256Mi (k8slab's default; ...) is above the maximum 128Mi of ...", or "must be set: ... (... is none)"
    message = f"{value}{note} {problem.message}" if value is not None else f"{problem.message}{note}"
    owner = f"{type(workload).__name__}/{workload.name}"
    return replace(problem, obj=owner, path=f"{owner_field}.{field}", message=message)


def attribute(
    problems: Sequence[Problem], objects: Sequence[Manifest], by_label: Mapping[str, Renderable], fallback: str
) -> list[Problem]:
    """Each problem located at the user's line of the builder that rendered its object (``fallback`` else)."""
    index = {object_label(o): o for o in objects}
    out: list[Problem] = []
    for problem in problems:
        builder = by_label.get(problem.obj)
        obj = index.get(problem.obj)
        if isinstance(builder, PodSpec) and obj is not None:
            problem = _resource_problem(problem, builder, obj) or problem
        out.append(problem.at(origin_of(builder) if builder is not None else fallback))
    return list(dict.fromkeys(out))
