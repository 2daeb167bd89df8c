"""Job and CronJob: the shared pod with its security defaults, the batch fields, the schedule
checked at construction, and the chart equal to the plain YAML under Helm 4 and Helm 3."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import k8slab as kl

from .pss import hardening_violations, restricted_violations
from .test_chart import HELMS, by_key, plain_objects, template, write

IMAGE = "ghcr.io/example/shop:2.4.1"
DB = kl.Secret("db", data={"url": "postgres://db"})


def _objects(*builders: Any, **stack: Any) -> dict[tuple[str, str], dict[str, Any]]:
    objects = kl.Stack("s", *builders, namespace="shop", **stack).objects()
    return {(o["kind"], o["metadata"]["name"]): o for o in objects}


def test_a_job_runs_the_shared_pod_to_completion() -> None:
    job = kl.Job(
        "migrate",
        image=IMAGE,
        command=["./migrate"],
        args=["--all"],
        secrets=[DB],
        backoff_limit=2,
        active_deadline_seconds=600,
        ttl_seconds_after_finished=60,
        completions=3,
        parallelism=2,
        restart_policy="Never",
    )
    objects = _objects(job)
    spec = objects[("Job", "migrate")]["spec"]
    assert {k: v for k, v in spec.items() if k != "template"} == {
        "activeDeadlineSeconds": 600,
        "backoffLimit": 2,
        "completions": 3,
        "parallelism": 2,
        "ttlSecondsAfterFinished": 60,
    }
    pod = spec["template"]["spec"]
    assert pod["restartPolicy"] == "Never"
    assert pod["containers"][0]["command"] == ["./migrate"] and pod["containers"][0]["args"] == ["--all"]
    assert pod["containers"][0]["envFrom"] == [{"secretRef": {"name": "db"}}]
    assert ("Secret", "db") in objects  # the Secret comes along, as with an App
    assert objects[("NetworkPolicy", "migrate")]["spec"]["ingress"] == []  # serves nothing: closed
    docs = list(objects.values())
    assert [v for d in docs for v in restricted_violations(d)] == []
    assert hardening_violations(docs) == []


def test_a_cron_job_wraps_the_job_template() -> None:
    cron = kl.CronJob(
        "report",
        image=IMAGE,
        schedule="*/15 9-17 * * MON-FRI",
        time_zone="Europe/Berlin",
        suspend=True,
        starting_deadline_seconds=120,
        successful_jobs_history_limit=1,
        failed_jobs_history_limit=2,
        init=[kl.InitFetch("https://example.com/report.tmpl", "/templates")],
    )
    spec = _objects(cron)[("CronJob", "report")]["spec"]
    assert {k: v for k, v in spec.items() if k != "jobTemplate"} == {
        "concurrencyPolicy": "Forbid",
        "failedJobsHistoryLimit": 2,
        "schedule": "*/15 9-17 * * MON-FRI",
        "startingDeadlineSeconds": 120,
        "successfulJobsHistoryLimit": 1,
        "suspend": True,
        "timeZone": "Europe/Berlin",
    }
    pod = spec["jobTemplate"]["spec"]["template"]["spec"]
    assert pod["restartPolicy"] == "OnFailure"
    assert pod["initContainers"][0]["securityContext"]["runAsNonRoot"] is True


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"schedule": "0 3 * *"}, "schedule"),
        ({"schedule": "61 * * * *"}, "schedule"),
        ({"schedule": "@fortnightly"}, "schedule"),
        ({"schedule": "TZ=UTC 0 3 * * *"}, "schedule"),
        ({"schedule": "0 3 * * *", "time_zone": "Mars/Olympus"}, "time_zone"),
        ({"schedule": "0 3 * * *", "time_zone": "Local"}, "time_zone"),
        ({"schedule": "0 3 * * *", "concurrency_policy": "Sometimes"}, "concurrency_policy"),
        ({"schedule": "0 3 * * *", "successful_jobs_history_limit": -1}, "successful_jobs_history_limit"),
        ({"schedule": "0 3 * * *", "restart_policy": "Always"}, "restart_policy"),
        ({"schedule": "0 3 * * *", "name": "x" * 53}, "name"),
    ],
)
def test_invalid_cron_jobs_are_refused(kwargs: dict[str, Any], path: str) -> None:
    with pytest.raises(kl.SpecError) as err:
        kl.CronJob(**{"name": "report", "image": IMAGE, **kwargs})
    assert path in [p.path for p in err.value.problems], err.value.problems


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"backoff_limit": -1}, "backoff_limit"),
        ({"backoff_limit": 2**31}, "backoff_limit"),
        ({"active_deadline_seconds": 0}, "active_deadline_seconds"),
        ({"completions": 0}, "completions"),
        ({"parallelism": 0}, "parallelism"),
        ({"image": "shop:latest"}, "image"),
        ({"port": 8080}, "port"),  # a Job has no ports nor Service: not a field
    ],
)
def test_invalid_jobs_are_refused(kwargs: dict[str, Any], path: str) -> None:
    with pytest.raises(kl.SpecError) as err:
        kl.Job(**{"name": "migrate", "image": IMAGE, **kwargs})
    assert path in [p.path for p in err.value.problems], err.value.problems


def test_time_zone_needs_kubernetes_1_27() -> None:
    cron = kl.CronJob("report", image=IMAGE, schedule="@daily", time_zone="Etc/UTC")
    with pytest.raises(kl.SpecError, match=r"1\.27"):
        kl.Stack("s", cron, namespace="shop", kube_version="1.26")
    assert ("CronJob", "report") in _objects(cron, kube_version="1.27")


@pytest.mark.parametrize("helm", HELMS)
def test_job_charts_equal_plain_yaml_and_the_schedule_is_a_parameter(helm: str, tmp_path: Path) -> None:
    stack = kl.Stack(
        "batch",
        kl.Job("migrate", image=IMAGE, command=["./migrate"], secrets=[DB]),
        kl.CronJob("report", image=IMAGE, schedule="0 3 * * *"),
        namespace="shop",
    )
    chart = write(stack, tmp_path / "batch")
    assert by_key(template(helm, chart, "batch", "shop", "--skip-tests")) == by_key(plain_objects(stack))
    changed = template(
        helm, chart, "batch", "shop", "--skip-tests", "--set", "report.schedule=@hourly", "--set", "migrate.image=x:2"
    )
    by_kind = {o["kind"]: o for o in changed}
    assert by_kind["CronJob"]["spec"]["schedule"] == "@hourly"
    assert by_kind["Job"]["spec"]["template"]["spec"]["containers"][0]["image"] == "x:2"
