"""A DaemonSet: a node agent on every node, control-plane nodes included, updated one node at a time.

It serves its metrics port to the cluster; it needs no Service, so it has none.
"""

import k8slab as kl

agent = kl.DaemonSet(
    "node-agent",
    image="fluent/fluent-bit:3.2.2",
    ports=[kl.Port(2020, name="metrics")],
    tolerations=[
        kl.Toleration("node-role.kubernetes.io/control-plane", effect="NoSchedule"),
    ],
    strategy=kl.Rolling(max_surge=0, max_unavailable="10%"),
    limits=kl.Limits(cpu="100m", memory="64Mi"),
    min_ready_seconds=10,
)

stack = kl.Stack("daemonset", agent, namespace="monitoring-agents")
