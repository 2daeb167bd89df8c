"""A Job and a CronJob: a one-off database migration and a nightly report.

Both use the same pod as an App: Secrets, limits and the restricted security defaults.
"""

import k8slab as kl

db = kl.Secret("shop-db", data={"url": "postgres://shop@db:5432/shop"})

migrate = kl.Job(
    "migrate",
    image="ghcr.io/example/shop:2.4.1",
    command=["./manage", "migrate"],
    secrets=[db.env({"DATABASE_URL": "url"})],
    backoff_limit=2,
    active_deadline_seconds=600,
    ttl_seconds_after_finished=3600,
)

report = kl.CronJob(
    "nightly-report",
    image="ghcr.io/example/shop:2.4.1",
    command=["./manage", "report"],
    args=["--since", "24h"],
    secrets=[db.env({"DATABASE_URL": "url"})],
    schedule="0 3 * * *",
    time_zone="Europe/Berlin",
    restart_policy="Never",
    starting_deadline_seconds=600,
    limits=kl.Limits(cpu="250m", memory="128Mi"),
)

stack = kl.Stack("jobs", migrate, report, namespace="shop")
