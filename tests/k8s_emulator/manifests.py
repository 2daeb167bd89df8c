"""Small Kubernetes objects for the apply tests."""

from __future__ import annotations

import base64
from typing import Any

NS = "lab"


def namespace(name: str = NS) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}}


def configmap(name: str = "cfg", data: dict[str, str] | None = None, ns: str = NS) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": name, "namespace": ns},
        "data": data or {"a": "1"},
    }


def secret(name: str = "creds", value: str = "hunter2-very-secret", ns: str = NS) -> dict[str, Any]:
    encoded = base64.b64encode(value.encode()).decode()
    return {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {"name": name, "namespace": ns},
        "data": {"password": encoded},
    }


def deployment(name: str = "web", replicas: int = 2, ns: str = NS, image: str = "nginx:1.27") -> dict[str, Any]:
    labels = {"app": name}
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "namespace": ns},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": labels},
            "template": {"metadata": {"labels": labels}, "spec": {"containers": [{"name": "app", "image": image}]}},
        },
    }


def statefulset(name: str = "db", replicas: int = 1, ns: str = NS) -> dict[str, Any]:
    obj = deployment(name, replicas, ns)
    obj["kind"] = "StatefulSet"
    obj["spec"]["serviceName"] = name
    return obj


def service(name: str = "web", type: str = "ClusterIP", ns: str = NS) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": name, "namespace": ns},
        "spec": {"type": type, "selector": {"app": name}, "ports": [{"port": 80, "targetPort": 8080}]},
    }


def pvc(name: str = "data", ns: str = NS) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "PersistentVolumeClaim",
        "metadata": {"name": name, "namespace": ns},
        "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}},
    }


def crd(group: str = "example.com", kind: str = "Widget", plural: str = "widgets") -> dict[str, Any]:
    return {
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": {"name": f"{plural}.{group}"},
        "spec": {
            "group": group,
            "scope": "Namespaced",
            "names": {"plural": plural, "kind": kind, "singular": kind.lower()},
            "versions": [
                {"name": "v1", "served": True, "storage": True, "schema": {"openAPIV3Schema": {"type": "object"}}}
            ],
        },
    }


def widget(name: str = "w", ns: str = NS) -> dict[str, Any]:
    return {
        "apiVersion": "example.com/v1",
        "kind": "Widget",
        "metadata": {"name": name, "namespace": ns},
        "spec": {"size": 1},
    }


def pod(name: str, app: str, *, waiting: str | None = None, ns: str = NS) -> dict[str, Any]:
    status: dict[str, Any] = {"phase": "Pending"}
    if waiting:
        status["containerStatuses"] = [
            {
                "name": "app",
                "ready": False,
                "restartCount": 3,
                "state": {"waiting": {"reason": waiting, "message": "x"}},
            }
        ]
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name, "namespace": ns, "labels": {"app": app}},
        "spec": {"containers": [{"name": "app", "image": "nginx:1.27"}]},
        "status": status,
    }


def event(name: str, involved: dict[str, Any], reason: str, message: str, ns: str = NS) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Event",
        "metadata": {"name": name, "namespace": ns},
        "involvedObject": {"kind": involved["kind"], "name": involved["metadata"]["name"], "namespace": ns},
        "type": "Warning",
        "reason": reason,
        "message": message,
        "lastTimestamp": "2025-01-01T00:00:00Z",
    }
