"""Jobs and CronJobs.

From the API server's ``pkg/apis/batch/validation`` (``ValidateJob``, ``validateJobSpec``,
``validatePodFailurePolicy``, ``validateSuccessPolicy``, ``validateCronJobSpec``): counts are not
negative; the template's restartPolicy is OnFailure or Never (Never with a pod failure policy); a
Job's selector is generated unless ``manualSelector`` is true, so its name becomes a label value
(at most 63 characters) and a hand-written selector may only name the generated labels; the
per-index limits and success policies need Indexed mode, whose pod hostnames stay DNS labels;
pod failure policy rules, ``podReplacementPolicy`` and ``managedBy`` take their known forms. A
CronJob's name is at most 52 characters, its schedule is a standard five-field cron line or a
descriptor such as ``@daily`` (with no ``TZ=`` from 1.27), its time zone a known IANA name, and
its policies take their known values. Fields of features that are off in a version are dropped
by the server before validation, so their rules follow ``kube_version``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from ...errors import Problem
from ...syntax import check_dns_label, check_label_key
from ._base import (
    CONTAINER_FIELDS,
    NONNEGATIVE,
    REQUIRED,
    Findings,
    Obj,
    Path,
    entries,
    integer,
    is_map,
    mapping,
    rule_message,
    seq,
    text,
)
from ._labels import check_selector, selector_matches
from ._names import domain_prefixed_path_problem
from .workloads import nonnegative

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
_ZONE_PART = re.compile(r"[A-Za-z.\-_0-9+]{1,14}")
_MAX_INDEXED_PARALLELISM = 100_000
_COMPLETIONS_SOFT_LIMIT = 100_000
_HIGH_COMPLETIONS_LIMIT = 10_000
_UID = "<uid assigned by the API server>"
_UID_LABELS = ("controller-uid", "batch.kubernetes.io/controller-uid")
_NAME_LABELS = ("job-name", "batch.kubernetes.io/job-name")


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


def _nonnegative_job_counts(found: Findings, spec: Mapping[str, Any], prefix: Path) -> None:
    counts = ("parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished")
    nonnegative(found, spec, prefix, counts)
    if found.minor >= 29:  # JobBackoffLimitPerIndex: beta (on) in 1.29; the fields are dropped before
        nonnegative(found, spec, prefix, ("backoffLimitPerIndex", "maxFailedIndexes"))


def _indexed_rules(found: Findings, spec: Mapping[str, Any], prefix: Path) -> None:
    """validateJobSpec: completion mode and the per-index limits that need Indexed mode."""
    mode = spec.get("completionMode")
    found.one_of((*prefix, "completionMode"), mode, ("NonIndexed", "Indexed"))
    completions, parallelism = integer(spec.get("completions")), integer(spec.get("parallelism"))
    per_index = spec.get("backoffLimitPerIndex") if found.minor >= 29 else None
    max_failed = integer(spec.get("maxFailedIndexes")) if found.minor >= 29 else None
    if max_failed is not None and per_index is None:
        found.add((*prefix, "backoffLimitPerIndex"), "is required when maxFailedIndexes is set")
    if mode == "Indexed":
        if spec.get("completions") is None:
            found.add((*prefix, "completions"), "is required when completionMode is Indexed")
        if parallelism is not None and parallelism > _MAX_INDEXED_PARALLELISM:
            found.add((*prefix, "parallelism"), "must be at most 100000 when completionMode is Indexed")
        if max_failed is not None and completions is not None and max_failed > completions:
            found.add((*prefix, "maxFailedIndexes"), "must be at most completions")
        elif max_failed is not None and max_failed > _MAX_INDEXED_PARALLELISM:
            found.add((*prefix, "maxFailedIndexes"), "must be at most 100000")
        if completions is not None and completions > _COMPLETIONS_SOFT_LIMIT and per_index is not None:
            if max_failed is None:
                found.add((*prefix, "maxFailedIndexes"), "is required when completions is above 100000")
            elif max_failed > _HIGH_COMPLETIONS_LIMIT:
                found.add((*prefix, "maxFailedIndexes"), "must be at most 10000 when completions is above 100000")
            if parallelism is not None and parallelism > _HIGH_COMPLETIONS_LIMIT:
                found.add((*prefix, "parallelism"), "must be at most 10000 when completions is above 100000")
    elif mode in (None, "NonIndexed"):
        for field, value in (("backoffLimitPerIndex", per_index), ("maxFailedIndexes", max_failed)):
            if value is not None:
                found.add((*prefix, field), "requires completionMode Indexed")


def _index_count(indexes: str, completions: int) -> int | None:
    """validateIndexesFormat: how many indexes ``1,3-5`` names; None when it is malformed or out of range."""
    total, last = 0, -1
    for interval in indexes.split(","):
        bounds = interval.split("-")
        if len(bounds) > 2 or not all(_NUMBER.fullmatch(b) for b in bounds):
            return None
        low, high = int(bounds[0]), int(bounds[-1])
        if high >= completions or low >= completions or (len(bounds) == 2 and low >= high) or low <= last:
            return None
        total, last = total + high - low + 1, high
    return total


def _success_policy(found: Findings, spec: Mapping[str, Any], prefix: Path) -> None:
    """validateSuccessPolicy (JobSuccessPolicy, beta from 1.31): only for Indexed Jobs, 1 to 20 rules."""
    policy = spec.get("successPolicy")
    if policy is None or found.minor < 31:
        return
    path = (*prefix, "successPolicy")
    if spec.get("completionMode") != "Indexed":
        found.add(path, "requires completionMode Indexed")
        return
    rules = seq(mapping(policy).get("rules"))
    if not rules:
        found.add((*path, "rules"), "must have at least one rule")
    elif len(rules) > 20:
        found.add((*path, "rules"), "must have at most 20 rules")
    completions = integer(spec.get("completions"))
    for i, rule in entries(rules):
        where = (*path, "rules", i)
        count, indexes = integer(rule.get("succeededCount")), rule.get("succeededIndexes")
        if rule.get("succeededCount") is None and indexes is None:
            found.add(where, "must set succeededCount or succeededIndexes")
        total = None
        if isinstance(indexes, str) and completions is not None:
            if len(indexes) > 64 * 1024:
                found.add((*where, "succeededIndexes"), "must be at most 65536 characters")
            total = _index_count(indexes, completions) if indexes else 0
            if total is None:
                found.add((*where, "succeededIndexes"), "must be ascending indexes and ranges below completions")
        if count is not None and completions is not None:
            if count < 0:
                found.add((*where, "succeededCount"), NONNEGATIVE)
            elif count > completions:
                found.add((*where, "succeededCount"), "must be at most completions")
            elif isinstance(indexes, str) and count > (total or 0):
                found.add((*where, "succeededCount"), "must be at most the number of succeededIndexes")


def _exit_codes(found: Findings, codes: Mapping[str, Any], path: Path, names: set[str]) -> None:
    """validatePodFailurePolicyRuleOnExitCodes: a known operator, a known container, 1-255 sorted unique values."""
    operator = codes.get("operator")
    if not operator:
        found.add((*path, "operator"), REQUIRED)
    found.one_of((*path, "operator"), operator or "In", ("In", "NotIn"))
    container = codes.get("containerName")
    if isinstance(container, str) and container not in names:
        found.add((*path, "containerName"), "must name a container or init container of the pod template")
    values = [v for v in seq(codes.get("values")) if integer(v) is not None]
    if not seq(codes.get("values")):
        found.add((*path, "values"), "must have at least one value")
    elif len(values) > 255:
        found.add((*path, "values"), "must have at most 255 values")
    for j, value in enumerate(values):
        if operator == "In" and value == 0:
            found.add((*path, "values", j), "must not be 0 for the In operator")
        if value in values[:j]:
            found.add((*path, "values", j), "must not be a duplicate")
    if values != sorted(values):
        found.add((*path, "values"), "must be in ascending order")


def _pod_failure_policy(found: Findings, spec: Mapping[str, Any], prefix: Path) -> None:
    """validatePodFailurePolicy (JobPodFailurePolicy, beta from 1.26): at most 20 rules, each well formed."""
    path = (*prefix, "podFailurePolicy")
    rules = seq(mapping(spec.get("podFailurePolicy")).get("rules"))
    if len(rules) > 20:
        found.add((*path, "rules"), "must have at most 20 rules")
    template = mapping(mapping(spec.get("template")).get("spec"))
    names = {text(c.get("name")) for field in CONTAINER_FIELDS for _, c in entries(template.get(field))}
    per_index = found.minor >= 29 and spec.get("backoffLimitPerIndex") is not None
    for i, rule in entries(rules):
        where = (*path, "rules", i)
        action = rule.get("action")
        if not action:
            found.add((*where, "action"), REQUIRED)
        elif action == "FailIndex" and found.minor >= 28:
            if not per_index:
                found.add((*where, "action"), "requires backoffLimitPerIndex to be set")
        else:
            found.one_of((*where, "action"), action, ("Count", "FailJob", "Ignore"))
        codes, conditions = rule.get("onExitCodes"), seq(rule.get("onPodConditions"))
        if is_map(codes):
            _exit_codes(found, codes, (*where, "onExitCodes"), names)
        if len(conditions) > 20:
            found.add((*where, "onPodConditions"), "must have at most 20 patterns")
        for j, pattern in entries(conditions):
            message = rule_message(check_label_key, text(pattern.get("type")))
            if message:
                found.add((*where, "onPodConditions", j, "type"), message)
            status = pattern.get("status")
            if not status:
                found.add((*where, "onPodConditions", j, "status"), REQUIRED)
            found.one_of((*where, "onPodConditions", j, "status"), status or "True", ("True", "False", "Unknown"))
        if codes is not None and conditions:
            found.add(where, "must not set both onExitCodes and onPodConditions")
        elif codes is None and not conditions:
            found.add(where, "must set onExitCodes or onPodConditions")


def _job_spec(found: Findings, spec: Mapping[str, Any], prefix: Path, *, in_cron_job: bool) -> None:
    """validateJobSpec, and ValidateJobTemplateSpec for a CronJob's job template."""
    _nonnegative_job_counts(found, spec, prefix)
    _indexed_rules(found, spec, prefix)
    managed = spec.get("managedBy")
    if isinstance(managed, str) and found.minor >= 32:  # JobManagedBy: beta (on) in 1.32
        problem = domain_prefixed_path_problem(managed)
        if problem:
            found.add((*prefix, "managedBy"), problem)
        elif len(managed) > 63:
            found.add((*prefix, "managedBy"), "must be at most 63 characters")
    failure_policy = spec.get("podFailurePolicy") is not None and found.minor >= 26
    if failure_policy:
        _pod_failure_policy(found, spec, prefix)
    _success_policy(found, spec, prefix)
    replacement = spec.get("podReplacementPolicy")
    if found.minor >= 29 and isinstance(replacement, str):  # JobPodReplacementPolicy: beta (on) in 1.29
        allowed = ("Failed",) if failure_policy else ("Failed", "TerminatingOrFailed")
        found.one_of((*prefix, "podReplacementPolicy"), replacement, allowed)
    policy = mapping(mapping(spec.get("template")).get("spec")).get("restartPolicy")
    if policy not in ("OnFailure", "Never"):
        found.add((*prefix, "template", "spec", "restartPolicy"), "must be OnFailure or Never for a Job")
    elif failure_policy and policy != "Never":
        found.add((*prefix, "template", "spec", "restartPolicy"), "must be Never when podFailurePolicy is set")
    manual = spec.get("manualSelector") is True
    if in_cron_job:
        if manual:
            found.add((*prefix, "manualSelector"), "must not be true in a CronJob's job template")
        if spec.get("selector") is not None:
            found.add((*prefix, "selector"), "must not be set: the Job's selector is generated")
    elif manual:  # ValidateJobSpec: a required, valid selector matching the template (an empty one matches all)
        selector = spec.get("selector")
        labels = mapping(mapping(mapping(spec.get("template")).get("metadata")).get("labels"))
        if selector is None:
            found.add((*prefix, "selector"), REQUIRED)
        elif check_selector(found, selector, (*prefix, "selector")) and not selector_matches(selector, labels):
            found.add((*prefix, "template", "metadata", "labels"), "must match spec.selector")


def _generated_selector(found: Findings, obj: Obj, spec: Mapping[str, Any]) -> None:
    """validateGeneratedSelector and ValidateJobSpec for a Job without manualSelector.

    The server labels the template with the Job's name and uid (keeping labels already set) and
    adds the uid to the selector; the selector must then select exactly those generated labels
    and the template's labels. A uid label set by hand can never match the uid the server assigns.
    """
    name = text(mapping(obj.get("metadata")).get("name"))
    uid_keys = _UID_LABELS if found.minor >= 27 else _UID_LABELS[:1]
    name_keys = _NAME_LABELS if found.minor >= 27 else _NAME_LABELS[:1]
    labels = dict(mapping(mapping(mapping(spec.get("template")).get("metadata")).get("labels")))
    for key in uid_keys:
        if key in labels:
            found.add(("spec", "template", "metadata", "labels"), "must not set the generated controller-uid labels")
            return
        labels[key] = _UID
    for key in name_keys:
        if labels.setdefault(key, name) != name:
            found.add(("spec", "template", "metadata", "labels"), "must give the job-name labels the Job's name")
            return
    selector = spec.get("selector")
    if selector is None:
        return
    if not check_selector(found, selector, ("spec", "selector")):
        return
    generated = dict(mapping(selector))
    generated["matchLabels"] = {**mapping(generated.get("matchLabels")), uid_keys[-1]: _UID} | {
        k: v for k, v in mapping(generated.get("matchLabels")).items() if k == uid_keys[-1]
    }
    expected = {key: _UID for key in uid_keys} | {key: name for key in name_keys}
    if not selector_matches(generated, expected):
        found.add(("spec", "selector"), "must not be set unless manualSelector is true: the selector is generated")
    elif not selector_matches(generated, labels):
        found.add(("spec", "template", "metadata", "labels"), "must match spec.selector")


def _schedule(found: Findings, schedule: str, zone: Any) -> None:
    """validateScheduleFormat on create: a cron line; TZ= or CRON_TZ= never with timeZone, and not at all from 1.27."""
    path = ("spec", "schedule")
    if "TZ" in schedule:
        if zone is not None:
            found.add(path, "must not use TZ or CRON_TZ together with the timeZone field")
            return
        if found.minor >= 27:
            found.add(path, "must not use TZ or CRON_TZ: set the timeZone field instead")
            return
        prefix, _, schedule = schedule.partition(" ")
        if not re.fullmatch(r"(CRON_)?TZ=\S+", prefix):
            found.add(path, "must be a cron schedule of five fields or a descriptor such as @daily")
            return
    problem = cron_problem(schedule)
    if problem:
        found.add(path, problem)


@lru_cache(maxsize=1)
def _time_zones() -> frozenset[str]:
    import zoneinfo  # read only when a CronJob names a time zone

    return frozenset(zoneinfo.available_timezones())


def _known_time_zone(zone: str) -> bool:
    """validateTimeZone: IANA name parts of 1-14 letters, digits, '.', '-', '_', '+', and a zone Go can load."""
    if not zone or zone.lower() == "local":
        return False
    if not all(_ZONE_PART.fullmatch(part) and part not in (".", "..") for part in zone.split("/")):
        return False
    known = _time_zones()
    return not known or zone == "UTC" or zone in known


def _cron_job(found: Findings, obj: Obj, spec: Mapping[str, Any]) -> None:
    name = text(mapping(obj.get("metadata")).get("name"))
    if len(name) > 52:
        found.add(("metadata", "name"), "must be at most 52 characters for a CronJob")
    schedule = spec.get("schedule")
    if isinstance(schedule, str | None):
        _schedule(found, text(schedule), spec.get("timeZone"))
    zone = spec.get("timeZone")
    if isinstance(zone, str) and not _known_time_zone(zone):
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
    elif spec.get("manualSelector") is not True:
        _generated_selector(found, obj, spec)
    completions = integer(spec.get("completions")) or 0
    indexed = spec.get("completionMode") == "Indexed" and completions > 0 and bool(name) and found.minor >= 28
    if indexed and rule_message(check_dns_label, f"{name}-{completions - 1}"):
        # ValidateJob: the pod hostname of the last index, name-(completions-1), is a DNS-1123 label
        found.add(("metadata", "name"), "must leave room for the pod hostname suffix '-<index>' (a DNS-1123 label)")
    return found.problems
