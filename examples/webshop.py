"""A real application: a web shop.

- ``web``: the storefront, behind an Ingress over TLS, autoscaled from 2 to 10 pods, with a
  disruption budget so a node drain never takes more than one pod at a time;
- ``worker``: the order queue worker, with a metrics exporter as a (native) sidecar and a
  ServiceAccount whose Role lets it read its ConfigMaps;
- ``cleanup``: a nightly CronJob;
- a ResourceQuota as a raw object: k8slab has no builder for it.
"""

import k8slab as kl

db = kl.Secret("shop-db", data={"url": "postgres://shop@db.shop.svc:5432/shop"})
settings = kl.Config("shop-settings", data={"shop.toml": "currency = 'EUR'\nqueue = 'orders'\n"})
cert = kl.Secret.tls("shop-tls", cert="tls/shop.crt", key="tls/shop.key")

web = kl.App(
    "web",
    image="ghcr.io/example/shop-web:2.4.1",
    port=8080,
    secrets=[db.env({"DATABASE_URL": "url"})],
    configs=[kl.Mount(settings, "/etc/shop")],
    limits=kl.Limits(cpu="500m", memory="256Mi", request_cpu="250m", request_memory="192Mi"),
    autoscale=kl.Autoscale(min=2, max=10, cpu=70, scale_down=kl.Scaling(stabilization_seconds=300)),
    disruption_budget=kl.DisruptionBudget(max_unavailable=1),
)

ingress = kl.Ingress(
    "shop",
    rules=[kl.IngressRule(web, host="shop.example.com")],
    class_name="nginx",
    tls=cert,
)

worker_account = kl.ServiceAccount("worker", rules=[kl.Rule(resources=["configmaps"], verbs=["get", "list", "watch"])])

worker = kl.App(
    "worker",
    image="ghcr.io/example/shop-worker:2.4.1",
    port=8081,
    replicas=2,
    secrets=[db.env({"DATABASE_URL": "url"})],
    configs=[kl.Mount(settings, "/etc/shop")],
    service=None,
    service_account=worker_account,
    sidecars=[
        kl.Sidecar(
            "exporter",
            image="ghcr.io/example/queue-exporter:0.7.0",
            args=["--config", "/etc/shop/shop.toml"],
            port=9100,
            mounts=["/etc/shop"],
            limits=kl.Limits(cpu="50m", memory="64Mi"),
        )
    ],
)

cleanup = kl.CronJob(
    "cleanup",
    image="ghcr.io/example/shop-web:2.4.1",
    command=["./manage", "cleanup-carts"],
    secrets=[db.env({"DATABASE_URL": "url"})],
    schedule="30 3 * * *",
    time_zone="Europe/Berlin",
    ttl_seconds_after_finished=86400,
    limits=kl.Limits(cpu="250m", memory="128Mi"),
)

quota = {
    "apiVersion": "v1",
    "kind": "ResourceQuota",
    "metadata": {"name": "shop"},
    "spec": {"hard": {"limits.cpu": "10", "limits.memory": "8Gi", "pods": "30"}},
}

stack = kl.Stack("webshop", ingress, worker, cleanup, quota, namespace="shop")
