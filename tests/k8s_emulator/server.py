"""A Kubernetes API emulator over real HTTP, on 127.0.0.1 only, for tests.

It serves discovery (/api, /apis, resource lists; CRDs add kinds), GET and LIST with label and
field selectors, WATCH as a chunked stream of events, server-side apply PATCH (create or
merge, conflicts per field manager, ``force``), ``dryRun=All``, and DELETE. Tests inject
failures (401/403/422/5xx, connection resets) and move objects' status as a controller would.
"""

from __future__ import annotations

import ssl
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

from .handler import TOKEN, Handler
from .kinds import Kind
from .store import Store
from .tls import Certs


@dataclass
class Fault:
    """Answer matching requests with ``status`` (or reset the connection), ``times`` times."""

    method: str
    path: str  # a regular expression searched in the URL path
    status: int | str  # an HTTP status, or "reset"
    times: int = 1
    causes: tuple[dict[str, str], ...] = ()
    message: str = ""


@dataclass(frozen=True)
class Request:
    """What the emulator received, for assertions."""

    method: str
    path: str
    query: dict[str, str]
    content_type: str


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that hang up mid-watch (as a finished wait does) are not errors."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


class Emulator:
    """The server; use as a context manager, then ``kubeconfig(tmp_path)`` for a client."""

    def __init__(self, *, tls: Certs | None = None) -> None:
        self.store = Store()
        self.tls = tls
        self.faults: list[Fault] = []
        self.requests: list[Request] = []
        self.on_watch: list[Callable[[Kind, str], None]] = []
        self.stopping = False
        self._server = _Server(("127.0.0.1", 0), Handler)
        if tls is not None:  # HTTPS that asks for a client certificate, as minikube's API server does
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(tls.server_cert, tls.server_key)
            context.load_verify_locations(tls.ca)
            context.verify_mode = ssl.CERT_OPTIONAL
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        self._server.emulator = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, name="k8s-emulator", daemon=True
        )

    @property
    def url(self) -> str:
        scheme = "https" if self.tls else "http"
        return f"{scheme}://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> Emulator:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping = True
        with self.store.changed:
            self.store.changed.notify_all()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def kubeconfig(
        self, directory: Path, *, token: str = TOKEN, namespace: str | None = None, ca: Path | None = None
    ) -> Path:
        """Write a kubeconfig whose context ``emulator`` points here; returns its path.

        With TLS, the user is a client certificate (as minikube writes it) and ``ca`` may
        replace the emulator's CA (to test a certificate that does not verify).
        """
        context: dict[str, Any] = {"cluster": "emulator", "user": "tester"}
        if namespace:
            context["namespace"] = namespace
        cluster: dict[str, Any] = {"server": self.url}
        user: dict[str, Any] = {"token": token}
        if self.tls is not None:
            cluster["certificate-authority"] = str(ca or self.tls.ca)
            user = {"client-certificate": str(self.tls.client_cert), "client-key": str(self.tls.client_key)}
        config = {
            "apiVersion": "v1",
            "kind": "Config",
            "clusters": [{"name": "emulator", "cluster": cluster}],
            "users": [{"name": "tester", "user": user}],
            "contexts": [{"name": "emulator", "context": context}],
            "current-context": "emulator",
        }
        path = directory / "kubeconfig"
        path.write_text(yaml.safe_dump(config))
        return path

    # ---- helpers for tests ---------------------------------------------------------------------

    def kind(self, key: str) -> Kind:
        """A served kind by ``plural.group`` (``deployments.apps``, ``configmaps``)."""
        found = self.store.kind(key)
        assert found is not None, key
        return found

    def get(self, key: str, namespace: str, name: str) -> dict[str, Any] | None:
        return self.store.get(self.kind(key), namespace if self.kind(key).namespaced else "", name)

    def seed(self, obj: dict[str, Any], *, manager: str = "kubectl") -> dict[str, Any]:
        """Create or update an object (status included) as another field manager would; no k8slab label."""
        group = str(obj["apiVersion"]).rpartition("/")[0]
        kind = next(k for k in self.store.kinds.values() if k.kind == obj["kind"] and k.group == group)
        meta = obj["metadata"]
        namespace = meta.get("namespace", "") if kind.namespaced else ""
        if namespace and self.get("namespaces", "", namespace) is None:
            ns = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": namespace}}
            self.store.apply(self.kind("namespaces"), "", namespace, ns, manager=manager)
        self.store.apply(kind, namespace, meta["name"], obj, manager=manager)
        if obj.get("status"):
            self.store.set_status(kind, namespace, meta["name"], obj["status"])
        found = self.store.get(kind, namespace, meta["name"])
        assert found is not None
        return found

    def set_status(self, key: str, namespace: str, name: str, status: dict[str, Any]) -> None:
        self.store.set_status(self.kind(key), namespace, name, status)

    def make_ready(self, key: str, namespace: str, name: str) -> None:
        """Give an object the status its controller reports once it is ready."""
        obj = self.get(key, namespace, name)
        assert obj is not None
        self.set_status(key, namespace, name, ready_status(obj))

    def ready_when_watched(self) -> None:
        """Make every object of a kind ready as soon as a watch on it opens (after the initial list)."""

        def hook(kind: Kind, namespace: str) -> None:
            for obj in self.store.select(kind, namespace, lambda o: True):
                status = ready_status(obj)
                if status is not None and status != obj.get("status"):
                    self.store.set_status(kind, obj["metadata"].get("namespace", ""), obj["metadata"]["name"], status)

        self.on_watch.append(hook)

    def record(self, method: str, path: str, query: dict[str, str], content_type: str) -> None:
        """Keep what a request asked for, for assertions."""
        self.requests.append(Request(method, path, query, content_type))

    def fail(self, method: str, path: str, status: int | str, *, times: int = 1, **kw: Any) -> Fault:
        """Inject a failure for the next ``times`` matching requests."""
        fault = Fault(method, path, status, times, **kw)
        self.faults.append(fault)
        return fault


def ready_status(obj: dict[str, Any]) -> dict[str, Any]:
    """The status a healthy controller would report for ``obj``."""
    kind, spec = obj["kind"], obj.get("spec") or {}
    generation = obj["metadata"].get("generation", 1)
    replicas = spec.get("replicas", 1)
    if kind == "Deployment":
        return {
            "observedGeneration": generation,
            "replicas": replicas,
            "updatedReplicas": replicas,
            "readyReplicas": replicas,
            "availableReplicas": replicas,
            "conditions": [{"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable"}],
        }
    if kind == "StatefulSet":
        return {
            "observedGeneration": generation,
            "replicas": replicas,
            "readyReplicas": replicas,
            "updatedReplicas": replicas,
            "currentRevision": f"{obj['metadata']['name']}-1",
            "updateRevision": f"{obj['metadata']['name']}-1",
        }
    if kind == "DaemonSet":
        return {
            "observedGeneration": generation,
            "desiredNumberScheduled": 3,
            "currentNumberScheduled": 3,
            "updatedNumberScheduled": 3,
            "numberReady": 3,
            "numberAvailable": 3,
        }
    if kind == "Job":
        done = spec.get("completions", 1)
        return {"succeeded": done, "conditions": [{"type": "Complete", "status": "True", "reason": "Completed"}]}
    if kind == "Ingress":
        return {"loadBalancer": {"ingress": [{"hostname": "shop.example.com"}]}}
    if kind == "PersistentVolumeClaim":
        return {"phase": "Bound"}
    if kind == "Service" and spec.get("type") == "LoadBalancer":
        return {"loadBalancer": {"ingress": [{"ip": "192.0.2.10"}]}}
    return dict(obj.get("status") or {})
