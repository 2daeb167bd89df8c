"""Job and CronJob (batch/v1): pods that run to completion, once or on a schedule.

They share the pod of every workload (``PodSpec``): image, command and args, env, Secrets,
Configs, limits, init containers and the restricted security defaults.

    kl.Job("migrate", image="ghcr.io/example/shop:2.4.1", command=["./migrate"], backoff_limit=2)
    kl.CronJob("report", image="...", schedule="0 3 * * *", time_zone="Europe/Berlin")

See https://kubernetes.io/docs/concepts/workloads/controllers/job/ and
https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/
"""

from __future__ import annotations

import zoneinfo
from dataclasses import KW_ONLY
from functools import cache
from typing import Any, Literal

from pydantic import Field

from .._model import Checks, builder
from ..errors import Problem
from ..types import INT32_MAX
from ..validation.rules.batch import cron_problem
from .base import Manifest, RenderContext
from .pod import PodSpec
from .sidecar import NATIVE_SIDECARS

__all__ = ["CronJob", "Job"]

_JOB = "https://kubernetes.io/docs/concepts/workloads/controllers/job/"
_CRON = "https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/"
_NO_PROBES = "a Job's pod runs to completion: there is no long-running process to probe"


@cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@builder
class Job(PodSpec):
    """A Job: one container run to completion, retried up to ``backoff_limit`` times.

    Like every k8slab workload its pods get a NetworkPolicy; a Job serves nothing, so it admits no ingress.

    ``Job("migrate", image="ghcr.io/example/shop:2.4.1", command=["./migrate"])``
    """

    _: KW_ONLY
    restart_policy: Literal["OnFailure", "Never"] = Field(
        default="OnFailure",
        description="'OnFailure' restarts the container in place; 'Never' makes a new pod per retry "
        f"(failed pods stay for their logs). Default: 'OnFailure'. See {_JOB}#pod-backoff-failure-policy",
    )
    backoff_limit: int = Field(
        default=6, ge=0, le=INT32_MAX, description="Retries before the Job fails. Default: 6 (Kubernetes')."
    )
    active_deadline_seconds: int | None = Field(
        default=None,
        ge=1,
        le=2**63 - 1,
        description="The Job fails when it runs longer. Default: None (no deadline). "
        f"See {_JOB}#job-termination-and-cleanup",
    )
    ttl_seconds_after_finished: int | None = Field(
        default=None,
        ge=0,
        le=INT32_MAX,
        description="Delete the finished Job (and its pods) after this many seconds. Default: None (kept). "
        "See https://kubernetes.io/docs/concepts/workloads/controllers/ttlafterfinished/",
    )
    completions: int | None = Field(
        default=None,
        ge=1,
        le=INT32_MAX,
        description=f"Successful pods needed. Default: None (1). See {_JOB}#parallel-jobs",
    )
    parallelism: int | None = Field(
        default=None, ge=1, le=INT32_MAX, description="Pods run at once. Default: None (1)."
    )

    def _more_checks(self, checks: Checks) -> None:
        # ValidateJob: the generated selector puts the Job's name into a label value of its pods
        if len(self.name) > 63:
            checks.add("name", "must be at most 63 characters: a Job's name is a label value of its pods")

    def _version_problems(self, minor: int) -> list[Problem]:
        """Before native sidecars (1.29) a sidecar would keep a Job's pod running forever."""
        if self.sidecars and minor < NATIVE_SIDECARS:
            kind = type(self).__name__
            return [Problem(f"{kind}/{self.name}", "sidecars", "a Job's sidecars need Kubernetes 1.29 or later")]
        return []

    def pod_extras(self, ctx: RenderContext) -> dict[str, Any]:
        """The pod's restartPolicy: a Job's pods must end."""
        return {"restartPolicy": self.restart_policy}

    def skip_reasons(self) -> dict[str, str]:
        """checkov's probe checks do not apply to pods that run to completion."""
        return {"CKV_K8S_8": _NO_PROBES, "CKV_K8S_9": _NO_PROBES}

    def job_spec(self, ctx: RenderContext) -> dict[str, Any]:
        """The JobSpec (also a CronJob's jobTemplate.spec)."""
        spec: dict[str, Any] = {
            "backoffLimit": ctx.value("backoffLimit", self.backoff_limit, type="integer", minimum=0),
            "template": self.pod_template(ctx),
        }
        optional = {
            "activeDeadlineSeconds": self.active_deadline_seconds,
            "completions": self.completions,
            "parallelism": self.parallelism,
            "ttlSecondsAfterFinished": self.ttl_seconds_after_finished,
        }
        spec.update({k: v for k, v in optional.items() if v is not None})
        return dict(sorted(spec.items()))

    def render(self, ctx: RenderContext) -> list[Manifest]:
        """The Job."""
        meta = self.workload_metadata(ctx)
        job: Manifest = {"apiVersion": "batch/v1", "kind": "Job", "metadata": meta, "spec": self.job_spec(ctx)}
        return [job, *self.render_network_policy(ctx)]


@builder
class CronJob(Job):
    """A CronJob: a Job on a schedule.

    ``CronJob("report", image="ghcr.io/example/report:1.2.0", schedule="0 3 * * *", time_zone="Europe/Berlin")``
    """

    _: KW_ONLY
    schedule: str = Field(
        description="A five-field cron line ('0 3 * * *') or a descriptor ('@daily', '@every 1h'). "
        f"See {_CRON}#schedule-syntax"
    )
    time_zone: str | None = Field(
        default=None,
        description=f"An IANA time zone for the schedule ('Europe/Berlin'). Default: None (the controller's, "
        f"usually UTC). See {_CRON}#time-zones",
    )
    concurrency_policy: Literal["Allow", "Forbid", "Replace"] = Field(
        default="Forbid",
        description=f"What a run does while the previous one still runs. Default: 'Forbid' (skip it). "
        f"See {_CRON}#concurrency-policy",
    )
    suspend: bool = Field(default=False, description="Suspend future runs. Default: False.")
    starting_deadline_seconds: int | None = Field(
        default=None,
        ge=0,
        le=2**63 - 1,
        description=f"A run missed by more than this is skipped. Default: None. See {_CRON}#job-creation",
    )
    successful_jobs_history_limit: int = Field(
        default=3, ge=0, le=INT32_MAX, description="Finished Jobs kept. Default: 3 (Kubernetes')."
    )
    failed_jobs_history_limit: int = Field(
        default=1, ge=0, le=INT32_MAX, description="Failed Jobs kept. Default: 1 (Kubernetes')."
    )

    def _more_checks(self, checks: Checks) -> None:
        # ValidateCronJob: the controller appends an 11-character suffix to the name of each Job
        if len(self.name) > 52:
            checks.add("name", "must be at most 52 characters for a CronJob")
        if "TZ" in self.schedule:
            checks.add("schedule", "must not set TZ or CRON_TZ: use time_zone")
        else:
            problem = cron_problem(self.schedule)
            if problem:
                checks.add("schedule", problem)
        if self.time_zone is not None:
            zones = _zones()
            # validateTimeZone: time.LoadLocation of an explicit IANA name ('Local' is refused)
            if self.time_zone.lower() == "local" or (zones and self.time_zone not in zones) or not self.time_zone:
                checks.add("time_zone", "must be an IANA time zone such as 'Europe/Berlin' or 'Etc/UTC'")

    def _version_problems(self, minor: int) -> list[Problem]:
        """timeZone is GA since Kubernetes 1.27 (and a Job's sidecars need 1.29)."""
        problems = super()._version_problems(minor)
        if self.time_zone is not None and minor < 27:
            problems.append(Problem(f"CronJob/{self.name}", "time_zone", "needs Kubernetes 1.27 or later"))
        return problems

    def render(self, ctx: RenderContext) -> list[Manifest]:
        """The CronJob, with its Job template."""
        spec: dict[str, Any] = {
            "concurrencyPolicy": self.concurrency_policy,
            "failedJobsHistoryLimit": self.failed_jobs_history_limit,
            "jobTemplate": {"spec": self.job_spec(ctx)},
            "schedule": ctx.value("schedule", self.schedule, type="string", minLength=1),
            "successfulJobsHistoryLimit": self.successful_jobs_history_limit,
            "suspend": ctx.value("suspend", self.suspend, type="boolean"),
        }
        if self.starting_deadline_seconds is not None:
            spec["startingDeadlineSeconds"] = self.starting_deadline_seconds
        if self.time_zone is not None:
            spec["timeZone"] = self.time_zone
        cron: Manifest = {
            "apiVersion": "batch/v1",
            "kind": "CronJob",
            "metadata": self.workload_metadata(ctx),
            "spec": dict(sorted(spec.items())),
        }
        return [cron, *self.render_network_policy(ctx)]
