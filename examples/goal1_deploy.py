"""Seed goal 1: the app behind a LoadBalancer Service on port 8080, with 3 replicas.

The lab's `kubectl create deployment` + `kubectl expose --type=LoadBalancer --port=8080`.
"""

import k8slab as kl

app = kl.App("python-app", image="sh3b0/app_python:1.0", port=8080, replicas=3, service="LoadBalancer")

stack = kl.Stack("goal1", app, namespace="lab")
