"""A ServiceAccount with a Role: a worker that reads its ConfigMaps and one Secret, and nothing else.

Its pods mount the service-account token because the account has permissions; pods of
workloads without one never do.
"""

import k8slab as kl

reader = kl.ServiceAccount(
    "config-reader",
    rules=[
        kl.Rule(resources=["configmaps"], verbs=["get", "list", "watch"]),
        kl.Rule(resources=["secrets"], verbs=["get"], resource_names=["feature-flags"]),
    ],
)

events = kl.Role("event-writer", rules=[kl.Rule(resources=["events"], verbs=["create", "patch"])])
lister = kl.ClusterRole(
    "node-lister", rules=[kl.Rule(resources=["nodes"], verbs=["get", "list"])], labels={"team": "shop"}
)
watcher = kl.ServiceAccount("node-watcher")

worker = kl.App(
    "config-watcher",
    image="ghcr.io/example/config-watcher:0.9.2",
    port=8080,
    service_account=reader,
)

stack = kl.Stack(
    "rbac",
    worker,
    kl.RoleBinding("config-reader-events", role=events, subjects=[reader]),
    kl.ClusterRoleBinding("node-watcher", role=lister, subjects=[watcher]),
    namespace="shop",
)
