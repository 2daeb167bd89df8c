"""Find the cluster to talk to: a kubeconfig context (minikube's included) or the in-cluster service account.

The official ``kubernetes`` client reads the kubeconfig (certificates, tokens, exec plugins);
k8slab only chooses the file and the context, runs exec plugins with a timeout (``exec_plugin``),
and turns every failure into one KubeconfigError.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import KubeconfigError
from .exec_plugin import ExecRunner

__all__ = ["Connection", "load"]

_IN_CLUSTER_NAMESPACE = Path("/var/run/secrets/kubernetes.io/serviceaccount/namespace")


@dataclass(frozen=True)
class Connection:
    """Where the API server is and how to authenticate to it."""

    host: str
    """The API server's URL, e.g. ``https://192.168.49.2:8443``."""
    configuration: Any
    """The ``kubernetes.client.Configuration`` holding TLS settings and credentials."""
    context: str
    """The kubeconfig context in use, or ``in-cluster``."""
    namespace: str | None
    """The context's default namespace, when it sets one."""
    kubeconfig: str | None = None
    """The kubeconfig file(s) the context came from (None in a pod); helm is given the same."""


def _files(kubeconfig: str | Path | None) -> str | None:
    """The kubeconfig path list to read (``:``-separated like KUBECONFIG), or None when none exists."""
    if kubeconfig is not None:
        path = Path(kubeconfig).expanduser()
        if not path.is_file():
            raise KubeconfigError(f"{path}: no such kubeconfig file")
        return str(path)
    env = os.environ.get("KUBECONFIG", "")
    paths = [p for p in env.split(os.pathsep) if p] if env else [str(Path("~/.kube/config").expanduser())]
    existing = [p for p in paths if Path(p).expanduser().is_file()]
    return os.pathsep.join(existing) if existing else None


def _config_module() -> Any:
    """``kubernetes.config``, typed as Any: its functions carry no annotations."""
    import kubernetes.config

    module: Any = kubernetes.config
    return module


def _new_configuration() -> Any:
    from kubernetes.client import Configuration

    # type.__call__ skips the default-copy metaclass of older client versions.
    return type.__call__(Configuration)


def _in_cluster() -> Connection:
    kc = _config_module()
    configuration = _new_configuration()
    try:
        kc.load_incluster_config(client_configuration=configuration)
    except kc.ConfigException as err:
        raise KubeconfigError(f"in-cluster configuration is unusable: {err}") from None
    namespace = _IN_CLUSTER_NAMESPACE.read_text().strip() if _IN_CLUSTER_NAMESPACE.is_file() else None
    return Connection(configuration.host, configuration, "in-cluster", namespace or None)


def load(kubeconfig: str | Path | None = None, context: str | None = None) -> Connection:
    """Load ``context`` (default: the current one) from ``kubeconfig`` (default: $KUBECONFIG, ~/.kube/config).

    Without any kubeconfig file, inside a pod, the pod's service account is used.
    Raises KubeconfigError naming the file and the context when they cannot be used.
    """
    kc = _config_module()
    failures = (kc.ConfigException, OSError, ValueError, TypeError, AttributeError, yaml.YAMLError)
    files = _files(kubeconfig)
    if files is None:
        if os.environ.get("KUBERNETES_SERVICE_HOST") and context is None:
            return _in_cluster()
        raise KubeconfigError(
            "no kubeconfig found (KUBECONFIG is unset and ~/.kube/config does not exist);"
            " start a cluster (e.g. `minikube start`) or pass --kubeconfig"
        )
    try:
        contexts, current = kc.list_kube_config_contexts(config_file=files)
    except failures as err:
        raise KubeconfigError(f"{files}: not a usable kubeconfig: {err}") from None
    names = [str(c.get("name")) for c in contexts or []]
    chosen = context or (current or {}).get("name")
    if not chosen:
        raise KubeconfigError(f"{files}: no current context; pass --context (one of: {', '.join(names) or 'none'})")
    if chosen not in names:
        raise KubeconfigError(f"context {chosen!r} is not in {files} (known: {', '.join(names) or 'none'})")
    entry = next(c for c in contexts if c.get("name") == chosen)
    namespace = (entry.get("context") or {}).get("namespace")
    configuration = _new_configuration()
    runner = ExecRunner(chosen)
    try:
        with runner.installed():
            kc.load_kube_config(config_file=files, context=chosen, client_configuration=configuration)
    except failures as err:
        runner.check()
        raise KubeconfigError(f"context {chosen!r} in {files} is unusable: {err}") from None
    runner.check()
    configuration.refresh_api_key_hook = runner.guard(configuration.refresh_api_key_hook)
    if not configuration.host:
        raise KubeconfigError(f"context {chosen!r} in {files} names no server")
    return Connection(configuration.host, configuration, chosen, namespace, files)
