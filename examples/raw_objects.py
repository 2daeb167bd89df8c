"""Raw objects: plain manifests next to builders, for kinds k8slab has no builder for.

The ResourceQuota and the PriorityClass get the stack's labels (the quota its namespace too),
are validated with the rest, and in the chart keep every field as written.
"""

import k8slab as kl

app = kl.App("web", image="nginx:1.27", port=8080)

quota = {
    "apiVersion": "v1",
    "kind": "ResourceQuota",
    "metadata": {"name": "compute", "labels": {"team": "shop"}},
    "spec": {"hard": {"limits.cpu": "4", "limits.memory": "8Gi", "pods": "20"}},
}

priority = {
    "apiVersion": "scheduling.k8s.io/v1",
    "kind": "PriorityClass",
    "metadata": {"name": "shop-high"},
    "value": 100000,
    "globalDefault": False,
    "description": "Pods of the shop that must survive node pressure.",
}

stack = kl.Stack("raw-objects", app, quota, priority, namespace="shop")
