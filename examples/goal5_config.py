"""Seed goal 5: a ConfigMap holding JSON, mounted as a volume at /app/config."""

import k8slab as kl

config = kl.Config("app-config", data={"config.json": {"key": "value"}})
app = kl.App(
    "python-app",
    image="sh3b0/app_python:1.0",
    port=8080,
    configs=[kl.Mount(config, "/app/config")],
)

stack = kl.Stack("goal5", app, namespace="lab")
