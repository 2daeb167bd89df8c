"""Seed goal 7: an init container downloads a file that the app then serves."""

import k8slab as kl

page = kl.InitFetch(url="https://example.com/index.html", path="/usr/share/nginx/html")
app = kl.App(
    "web",
    image="nginxinc/nginx-unprivileged:1.27-alpine",
    port=8080,
    init=[page],
)

stack = kl.Stack("goal7", app, namespace="lab")
