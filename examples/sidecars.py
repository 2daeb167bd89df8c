"""A worker with a sidecar: a metrics exporter next to the main container, sharing its config.

On Kubernetes 1.29 and later (this stack targets 1.33) the sidecar is a native sidecar:
an init container with restartPolicy Always, started before the worker and stopped after it.
"""

import k8slab as kl

config = kl.Config("worker-config", data={"worker.toml": "queue = 'orders'\nconcurrency = 4\n"})

worker = kl.App(
    "worker",
    image="ghcr.io/example/shop-worker:2.4.1",
    port=8080,
    configs=[kl.Mount(config, "/etc/worker")],
    sidecars=[
        kl.Sidecar(
            "exporter",
            image="ghcr.io/example/queue-exporter:0.7.0",
            args=["--config", "/etc/worker/worker.toml"],
            port=9100,
            mounts=["/etc/worker"],
            limits=kl.Limits(cpu="50m", memory="64Mi"),
        )
    ],
)

stack = kl.Stack("sidecars", worker, namespace="shop")
