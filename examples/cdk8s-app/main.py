"""k8slab inside a cdk8s app: `cdk8s synth` writes dist/shop.k8s.yaml.

A cdk8s-plus construct sits in the same Chart as the k8slab builders, and k8slab's
validation covers both: an invalid object fails the synth and nothing is written.
"""

import k8slab as kl  # import first: it points jsii at a supported Node

import cdk8s  # isort: skip
import cdk8s_plus_33 as kplus  # isort: skip

app = cdk8s.App()
stack = kl.Stack("shop", kl.App("web", image="nginxinc/nginx-unprivileged:1.27-alpine", port=8080), namespace="shop")
chart = stack.chart(app)
kplus.ConfigMap(
    chart,
    "feature-flags",
    metadata=cdk8s.ApiObjectMetadata(name="feature-flags", namespace="shop"),
    data={"checkout": "on"},
)
app.synth()
