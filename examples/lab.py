"""The whole lab in one stack: seed goals 1 and 3-7 together.

- goal 1: the app, 3 replicas behind a LoadBalancer on 8080;
- goal 3: DB credentials from a Secret as environment variables;
- goal 4: a LimitRange (500m, 128Mi) and container resources within it;
- goal 5: a JSON ConfigMap mounted at /app/config;
- goal 6: a StatefulSet with a volume per pod at /app/db, Parallel;
- goal 7: an init container that downloads the page the app serves.
"""

import os

import k8slab as kl

creds = kl.Secret(
    "db-user-pass",
    data={
        "username": os.environ.get("DB_USERNAME", "admin"),
        "password": os.environ.get("DB_PASSWORD", "change-me"),
    },
)
config = kl.Config("app-config", data={"config.json": {"key": "value"}})
resources = kl.Limits(cpu="500m", memory="128Mi", request_cpu="250m", request_memory="64Mi")
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
    replicas=3,
    service="LoadBalancer",
    secrets=[creds.env({"DB_USER": "username", "DB_PASSWORD": "password"})],
    configs=[kl.Mount(config, "/app/config")],
    limits=resources,
)

visits = kl.Stateful(
    "visits",
    image="sh3b0/app_python:1.0",
    port=8080,
    replicas=3,
    service="ClusterIP",
    volumes=[kl.Claim("db", "/app/db", size="256Mi")],
    pod_management_policy="Parallel",
    limits=resources,
)

web = kl.App(
    "web",
    image="nginxinc/nginx-unprivileged:1.27-alpine",
    port=8080,
    init=[kl.InitFetch(url="https://example.com/index.html", path="/usr/share/nginx/html")],
    limits=resources,
)

stack = kl.Stack("lab", app, visits, web, limit_range, namespace="lab")
