"""Seed goal 4: a LimitRange of 500m CPU and 128Mi memory, and container resources that fit it."""

import k8slab as kl

limit_range = kl.Limits.range(
    "cpu-mem",
    container=kl.LimitItem(
        max={"cpu": "500m", "memory": "128Mi"},
        default={"cpu": "500m", "memory": "128Mi"},
        default_request={"cpu": "250m", "memory": "64Mi"},
    ),
)
app = kl.App(
    "python-app",
    image="sh3b0/app_python:1.0",
    port=8080,
    limits=kl.Limits(cpu="500m", memory="128Mi"),
)

stack = kl.Stack("goal4", app, limit_range, namespace="lab")
