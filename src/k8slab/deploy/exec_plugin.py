"""Kubeconfig exec plugins (``users[].user.exec``), run with a timeout and failing with one clear error.

The ``kubernetes`` client runs the plugin itself (``kubernetes.config.exec_provider.ExecProvider``)
but waits forever for a plugin that hangs, and turns a failure into a bare ``ERROR:root:`` log
line, going on without credentials. k8slab puts its own runner in the client's place while the
client loads or refreshes credentials: the plugin gets ``K8SLAB_EXEC_TIMEOUT`` seconds (30 by
default), and a failure (not found, non-zero exit, a hang, output that is not an
ExecCredential) becomes a KubeconfigError naming the context and the plugin's command.

The protocol follows client-go (``plugin/pkg/client/auth/exec/exec.go``): the plugin gets
``KUBERNETES_EXEC_INFO`` and prints an ExecCredential whose ``status`` holds a ``token`` or a
``clientCertificateData``/``clientKeyData`` pair.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import threading
from collections.abc import Callable, Iterator
from typing import Any

from ..errors import KubeconfigError

__all__ = ["TIMEOUT_ENV", "ExecRunner", "timeout"]

TIMEOUT_ENV = "K8SLAB_EXEC_TIMEOUT"
"""The environment variable holding the seconds an exec plugin may take (default 30)."""
_DEFAULT_TIMEOUT = 30.0
_LOCK = threading.Lock()


def timeout() -> float:
    """The seconds an exec plugin may take: ``$K8SLAB_EXEC_TIMEOUT``, or 30."""
    try:
        return max(0.1, float(os.environ.get(TIMEOUT_ENV) or _DEFAULT_TIMEOUT))
    except ValueError:
        return _DEFAULT_TIMEOUT


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return (lines[-1][:200] + ("..." if len(lines[-1]) > 200 else "")) if lines else ""


class ExecRunner:
    """Runs the exec plugin of one context, standing in for the client's ExecProvider; keeps the first failure."""

    def __init__(self, context: str) -> None:
        self.context = context
        self.error: KubeconfigError | None = None

    def provider(self, exec_config: Any, cwd: str | None, cluster: Any = None) -> _Provider:
        """What the client calls in place of ``ExecProvider(exec_config, cwd, cluster)``."""
        return _Provider(self, exec_config, cwd, cluster)

    def fail(self, command: str, reason: str) -> KubeconfigError:
        """Record (and return) the error for ``command``."""
        error = KubeconfigError(f"context {self.context!r}: the exec plugin {command!r} {reason}")
        self.error = self.error or error
        return error

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        """Within this block the client runs plugins through this runner, and logs nothing of its own."""
        import kubernetes.config.kube_config

        kube_config: Any = kubernetes.config.kube_config  # untyped; its ExecProvider is looked up at each use
        with _LOCK:
            original, level = kube_config.ExecProvider, logging.root.manager.disable
            kube_config.ExecProvider = self.provider
            logging.disable(logging.CRITICAL)  # the client logs the failure it swallows; the runner raises it
            try:
                yield
            finally:
                kube_config.ExecProvider = original
                logging.disable(level)

    def check(self) -> None:
        """Raise the failure, if the plugin failed."""
        if self.error is not None:
            error, self.error = self.error, None
            raise error

    def guard(self, hook: Callable[[Any], None] | None) -> Callable[[Any], None] | None:
        """The client's credential refresh hook, running plugins through this runner and raising its failure."""
        if hook is None:
            return None

        def refresh(configuration: Any) -> None:
            with self.installed():
                hook(configuration)
            self.check()

        return refresh


class _Provider:
    def __init__(self, runner: ExecRunner, exec_config: Any, cwd: str | None, cluster: Any) -> None:
        self.runner, self.cwd = runner, cwd or None
        self.command = str(exec_config.safe_get("command") or "")
        self.api_version = str(exec_config.safe_get("apiVersion") or "")
        self.args = [self.command, *[str(a) for a in exec_config.safe_get("args") or []]]
        self.env = {**os.environ, **{str(e["name"]): str(e["value"]) for e in exec_config.safe_get("env") or []}}
        self.cluster = cluster.value if cluster is not None and exec_config.safe_get("provideClusterInfo") else None

    def run(self, previous_response: Any = None) -> dict[str, Any]:
        """Run the plugin; its ExecCredential ``status``. Mirrors client-go's ``Authenticator.refreshCredsLocked``."""
        from kubernetes.config.config_exception import ConfigException

        try:
            return self._run()
        except KubeconfigError as err:
            raise ConfigException(str(err)) from None

    def _run(self) -> dict[str, Any]:
        if not self.command or not self.api_version:
            raise self.runner.fail(self.command, "is malformed in the kubeconfig: it needs command and apiVersion")
        spec: dict[str, Any] = {"interactive": False}
        if self.cluster is not None:
            spec["cluster"] = self.cluster
        info = {"apiVersion": self.api_version, "kind": "ExecCredential", "spec": spec}
        env = {**self.env, "KUBERNETES_EXEC_INFO": json.dumps(info)}
        seconds = timeout()
        try:
            process = subprocess.Popen(
                self.args,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                cwd=self.cwd,
                env=env,
                text=True,
                start_new_session=True,  # a timeout ends the plugin and whatever it started
            )
        except OSError as err:
            raise self.runner.fail(self.command, f"cannot be run: {err.strerror or err}") from None
        try:
            stdout, stderr = process.communicate(timeout=seconds)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(OSError):
                os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            hint = f"set {TIMEOUT_ENV} to wait longer"
            raise self.runner.fail(self.command, f"gave no answer within {seconds:g}s ({hint})") from None
        if process.returncode != 0:
            said = _last_line(stderr)
            raise self.runner.fail(
                self.command, f"exited with code {process.returncode}" + (f": {said}" if said else "")
            )
        return self._status(stdout)

    def _status(self, stdout: str) -> dict[str, Any]:
        try:
            data = json.loads(stdout)
        except ValueError:
            raise self.runner.fail(self.command, "printed something other than an ExecCredential (not JSON)") from None
        if (
            not isinstance(data, dict)
            or data.get("kind") != "ExecCredential"
            or not isinstance(data.get("status"), dict)
        ):
            raise self.runner.fail(self.command, "printed JSON that is not an ExecCredential with a status")
        if data.get("apiVersion") != self.api_version:
            raise self.runner.fail(
                self.command,
                f"answered in {data.get('apiVersion')!r}, but the kubeconfig asks for {self.api_version!r}",
            )
        status: dict[str, Any] = data["status"]
        if not status.get("token") and not (status.get("clientCertificateData") and status.get("clientKeyData")):
            raise self.runner.fail(self.command, "gave neither a token nor a client certificate and key")
        return status
