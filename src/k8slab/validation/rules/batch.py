"""Jobs and CronJobs.

From the API server's batch validation: counts are not negative; the template's restartPolicy is
OnFailure or Never (a Job's pods must end); a Job's selector is generated unless
``manualSelector`` is true, so its name becomes a label value (at most 63 characters); a
CronJob's name is at most 52 characters, its schedule is a standard five-field cron line or a
descriptor such as ``@daily``, and its policies take their known values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ...errors import Problem
from ._base import REQUIRED, Findings, Obj, Path, integer, mapping, text
from .workloads import check_selector_and_template, nonnegative

__all__ = ["check_batch", "cron_problem"]

_DESCRIPTORS = ("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly")
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {name: i + 1 for i, name in enumerate(_MONTH_NAMES)}
_DAYS = {name: i for i, name in enumerate(("sun", "mon", "tue", "wed", "thu", "fri", "sat"))}
_FIELDS: tuple[tuple[str, int, int, Mapping[str, int]], ...] = (
    ("minute", 0, 59, {}),
    ("hour", 0, 23, {}),
    ("day of month", 1, 31, {}),
    ("month", 1, 12, _MONTHS),
    ("day of week", 0, 6, _DAYS),
)
_NUMBER = re.compile(r"[+-]?[0-9]+")


def _number(part: str, names: Mapping[str, int]) -> int | None:
    if part.lower() in names:
        return names[part.lower()]
    return int(part) if _NUMBER.fullmatch(part) and int(part) >= 0 else None


def _field_problem(field: str, name: str, low: int, high: int, names: Mapping[str, int]) -> str | None:
    for expr in (p for p in field.split(",") if p):
        span, *steps = expr.split("/")
        bounds = span.split("-")
        if len(steps) > 1 or len(bounds) > 2:
            return f"must have a {name} field made of values, ranges (a-b) and steps (/n)"
        if bounds[0] in ("*", "?"):
            start, end = low, high
        else:
            first = _number(bounds[0], names)
            last = _number(bounds[1], names) if len(bounds) == 2 else first
            if first is None or last is None:
                return f"must have a {name} field made of numbers or names"
            start, end = first, (high if steps and len(bounds) == 1 else last)
        if steps:
            step = _number(steps[0], {})
            if not step:
                return f"must have a {name} step that is a positive number"
        if start < low or end > high:
            return f"must have the {name} field within {low}-{high}"
        if start > end:
            return f"must have {name} ranges that end after they start"
    return None


def cron_problem(schedule: str) -> str | None:
    """Why ``schedule`` is not a schedule the API server parses (None when it is one)."""
    if not schedule:
        return REQUIRED
    if schedule.startswith("@"):
        if schedule in _DESCRIPTORS or (schedule.startswith("@every ") and len(schedule) > 7):
            return None
        return "must be a cron schedule of five fields or a descriptor such as @daily"
    fields = schedule.split()
    if len(fields) != 5:
        return "must have exactly five fields: minute, hour, day of month, month, day of week"
    for value, (name, low, high, names) in zip(fields, _FIELDS, strict=True):
        problem = _field_problem(value, name, low, high, names)
        if problem:
            return problem
    return None


def _job_spec(found: Findings, spec: Mapping[str, Any], prefix: Path, *, in_cron_job: bool) -> None:
    nonnegative(found, spec, prefix, ("parallelism", "completions", "backoffLimit", "ttlSecondsAfterFinished"))
    mode = spec.get("completionMode")
    if isinstance(mode, str) and mode not in ("NonIndexed", "Indexed"):
        found.add((*prefix, "completionMode"), "must be one of: NonIndexed, Indexed")
    if mode == "Indexed" and integer(spec.get("completions")) is None:
        found.add((*prefix, "completions"), "is required when completionMode is Indexed")
    policy = mapping(mapping(spec.get("template")).get("spec")).get("restartPolicy")
    if policy not in ("OnFailure", "Never"):
        found.add((*prefix, "template", "spec", "restartPolicy"), "must be OnFailure or Never for a Job")
    manual = spec.get("manualSelector") is True
    if in_cron_job:
        if manual:
            found.add((*prefix, "manualSelector"), "must not be true in a CronJob's job template")
        if spec.get("selector") is not None:
            found.add((*prefix, "selector"), "must not be set: the Job's selector is generated")
    elif manual:
        check_selector_and_template(found, spec, "Job", prefix)
    elif spec.get("selector") is not None:
        found.add((*prefix, "selector"), "must not be set unless manualSelector is true: the selector is generated")


def _cron_job(found: Findings, obj: Obj, spec: Mapping[str, Any]) -> None:
    name = text(mapping(obj.get("metadata")).get("name"))
    if len(name) > 52:
        found.add(("metadata", "name"), "must be at most 52 characters for a CronJob")
    schedule = spec.get("schedule")
    problem = cron_problem(text(schedule)) if "TZ" not in text(schedule) else None
    if problem and isinstance(schedule, str | None):
        found.add(("spec", "schedule"), problem)
    zone = spec.get("timeZone")
    if isinstance(zone, str) and (not zone or zone.lower() == "local"):
        found.add(("spec", "timeZone"), "must be an explicit IANA time zone such as 'Europe/Berlin'")
    policy = spec.get("concurrencyPolicy")
    if isinstance(policy, str) and policy not in ("Allow", "Forbid", "Replace"):
        found.add(("spec", "concurrencyPolicy"), "must be one of: Allow, Forbid, Replace")
    nonnegative(
        found, spec, ("spec",), ("startingDeadlineSeconds", "successfulJobsHistoryLimit", "failedJobsHistoryLimit")
    )
    job = mapping(mapping(spec.get("jobTemplate")).get("spec"))
    _job_spec(found, job, ("spec", "jobTemplate", "spec"), in_cron_job=True)


def check_batch(obj: Obj, kube_version: str) -> list[Problem]:
    """The spec rules of a batch/v1 Job or CronJob."""
    kind = obj.get("kind")
    if kind not in ("Job", "CronJob") or obj.get("apiVersion") != "batch/v1":
        return []
    found = Findings(obj, kube_version)
    spec = mapping(obj.get("spec"))
    if kind == "CronJob":
        _cron_job(found, obj, spec)
        return found.problems
    _job_spec(found, spec, ("spec",), in_cron_job=False)
    name = text(mapping(obj.get("metadata")).get("name"))
    if len(name) > 63 and spec.get("manualSelector") is not True:
        found.add(("metadata", "name"), "must be at most 63 characters: a Job's name becomes a label value of its pods")
    return found.problems
