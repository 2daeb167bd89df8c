"""Custom resources next to an App: a cert-manager Certificate and a Gateway API HTTPRoute.

The classes in ``imports/`` were generated from the CRDs by ``k8slab import`` (see
imports/__init__.py). Each instance is checked against its CRD as it is built, and the
Stack validates the custom resources against their CRDs without being given ``crds=``.
"""

from imports import cert_manager_io as cm
from imports import gateway_networking_k8s_io as gw

import k8slab as kl

app = kl.App("web", image="sh3b0/app_python:1.0", port=8080, replicas=2)

# Typed classes, snake_case fields...
certificate = cm.Certificate(
    "web-tls",
    spec=cm.CertificateSpec(
        secret_name="web-tls",
        dns_names=["web.example.com"],
        issuer_ref=cm.CertificateSpecIssuerRef(name="letsencrypt", kind="ClusterIssuer"),
        private_key=cm.CertificateSpecPrivateKey(algorithm="ECDSA", size=256, rotation_policy="Always"),
    ),
)

# ... or YAML-shaped dicts, camelCase as in the CRD: both are checked the same way.
route = gw.HTTPRoute(
    "web",
    spec={
        "parentRefs": [{"name": "public", "namespace": "gateway-system", "sectionName": "https"}],
        "hostnames": ["web.example.com"],
        "rules": [
            {
                "matches": [{"path": {"type": "PathPrefix", "value": "/"}}],
                "backendRefs": [{"name": "web", "port": 8080}],
            }
        ],
    },
)

stack = kl.Stack("custom-resources", app, certificate, route, namespace="web")
