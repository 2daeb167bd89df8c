"""Seed goal 3: database credentials in a Secret, injected into the pods as environment variables.

The lab's `kubectl create secret generic db-user-pass --from-file=...`; here the values come
from the environment when set (DB_USERNAME, DB_PASSWORD), so no credential lives in the code.
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
app = kl.App(
    "python-app",
    image="sh3b0/app_python:1.0",
    port=8080,
    secrets=[creds.env({"DB_USER": "username", "DB_PASSWORD": "password"})],
)

stack = kl.Stack("goal3", app, namespace="lab")
