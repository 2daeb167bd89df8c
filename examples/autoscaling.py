"""Autoscaling and a disruption budget: 2 to 10 pods on CPU and memory, at most one drained at a time.

The Deployment has no replicas field: the HorizontalPodAutoscaler owns the pod count.
"""

import k8slab as kl

web = kl.App(
    "web",
    image="nginx:1.27",
    port=8080,
    limits=kl.Limits(cpu="500m", memory="256Mi", request_cpu="250m", request_memory="128Mi"),
    autoscale=kl.Autoscale(
        min=2,
        max=10,
        cpu=70,
        memory=80,
        scale_down=kl.Scaling(stabilization_seconds=300, max_percent=50, period_seconds=60),
    ),
    disruption_budget=kl.DisruptionBudget(max_unavailable=1),
)

stack = kl.Stack("autoscaling", web, namespace="shop")
