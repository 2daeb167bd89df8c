"""Seed goal 6: a StatefulSet with a volume per pod at /app/db, started in parallel."""

import k8slab as kl

app = kl.Stateful(
    "python-app",
    image="sh3b0/app_python:1.0",
    port=8080,
    replicas=3,
    service="NodePort",
    volumes=[kl.Claim("db", "/app/db", size="256Mi")],
    pod_management_policy="Parallel",
)

stack = kl.Stack("goal6", app, namespace="lab")
