"""An Ingress over TLS: two hosts' paths routed to two Apps, the certificate from files.

The rule names the App itself, so a missing Service or port fails when the rule is built.
The certificate in examples/tls/ is self-signed, for this example only.
"""

import k8slab as kl

web = kl.App("web", image="nginx:1.27", port=8080)
api = kl.App("api", image="ghcr.io/example/shop-api:2.4.1", ports=[kl.Port(9000, name="http")])

cert = kl.Secret.tls("shop-tls", cert="tls/shop.crt", key="tls/shop.key")

ingress = kl.Ingress(
    "shop",
    rules=[
        kl.IngressRule(web, host="shop.example.com"),
        kl.IngressRule(api, host="shop.example.com", path="/api"),
        kl.IngressRule(api, host="api.example.com", port="http"),
    ],
    class_name="nginx",
    tls=cert,
)

stack = kl.Stack("ingress", ingress, namespace="shop")
