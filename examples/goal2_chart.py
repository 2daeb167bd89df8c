"""Seed goal 2: a Helm chart made from the same typed code as the plain manifests.

    k8slab chart examples/goal2_chart.py -o charts/ --include-secret-values
    helm install --set image=sh3b0/app_nodejs:latest my-chart ./charts/app-deployment

values.yaml carries every parameter (image, replicas, service type and port, resources,
env, the config file, security contexts...), and values.schema.json makes Helm refuse a
wrong type or an unknown key. The Secret's values are required values of the chart (given
with --set-string, a values file, or an existingSecret); the lab writes them into
values.yaml, which only --include-secret-values does.
"""

import k8slab as kl

creds = kl.Secret("db-creds", data={"username": "admin", "password": "change-me"})
config = kl.Config("app-config", data={"config.json": {"key": "value"}})
app = kl.App(
    "app",
    image="sh3b0/app_python:1.0",
    port=8080,
    replicas=3,
    service="LoadBalancer",
    env={"LOG_LEVEL": "info"},
    secrets=[creds.env({"DB_USER": "username", "DB_PASSWORD": "password"})],
    configs=[kl.Mount(config, "/app/config")],
    limits=kl.Limits(cpu="500m", memory="128Mi"),
)

stack = kl.Stack("app-deployment", app, namespace="lab")
