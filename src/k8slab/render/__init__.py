"""Rendering: turning k8slab builders into Kubernetes manifests through cdk8s."""
