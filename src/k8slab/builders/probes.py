"""Readiness, liveness and startup probes, with one handler each.

See https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
"""

from __future__ import annotations

from dataclasses import KW_ONLY
from typing import Any, Literal, TypedDict

from pydantic import Field
from typing_extensions import Unpack

from .._model import Checks, builder
from ..types import INT32_MAX, FrozenList, PortName, PortNumber

__all__ = ["Probe", "Timing"]

_DOCS = "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/"


class Timing(TypedDict, total=False):
    """Timing options shared by every probe handler (see ``Probe`` for defaults)."""

    initial_delay_seconds: int
    period_seconds: int
    timeout_seconds: int
    failure_threshold: int
    success_threshold: int


@builder
class Probe:
    """A container probe. Use the named constructors ``Probe.http``, ``Probe.tcp`` and ``Probe.exec``."""

    handler: Literal["http", "tcp", "exec"] = Field(description=f"How the probe checks the container. See {_DOCS}")
    _: KW_ONLY
    port: PortNumber | PortName | None = Field(
        default=None, description="Port number or port name probed by http and tcp handlers. Default: None."
    )
    path: str = Field(default="/", pattern=r"^/", description="HTTP path for the http handler. Default: '/'.")
    command: FrozenList[str] = Field(default=(), description="Command run by the exec handler. Default: ().")
    initial_delay_seconds: int = Field(
        default=0, ge=0, le=INT32_MAX, description="Seconds before the first probe. Default: 0."
    )
    period_seconds: int = Field(default=10, ge=1, le=INT32_MAX, description="Seconds between probes. Default: 10.")
    timeout_seconds: int = Field(
        default=1, ge=1, le=INT32_MAX, description="Seconds before a probe times out. Default: 1."
    )
    failure_threshold: int = Field(
        default=3, ge=1, le=INT32_MAX, description="Failures in a row that count as failed. Default: 3."
    )
    success_threshold: int = Field(
        default=1,
        ge=1,
        le=INT32_MAX,
        description="Successes in a row that count as passed; must be 1 for liveness. Default: 1.",
    )

    def __post_init__(self) -> None:
        checks = Checks("Probe")
        if self.handler in ("http", "tcp") and self.port is None:
            checks.add("port", f"a {self.handler} probe needs a port")
        if self.handler == "exec" and not self.command:
            checks.add("command", "an exec probe needs a command")
        checks.done()

    @classmethod
    def http(cls, path: str = "/", port: int | str = "http", **timing: Unpack[Timing]) -> Probe:
        """An HTTP GET probe on ``path`` at ``port`` (a number or a port name)."""
        return cls(handler="http", path=path, port=port, **timing)

    @classmethod
    def tcp(cls, port: int | str = "http", **timing: Unpack[Timing]) -> Probe:
        """A TCP connect probe on ``port``."""
        return cls(handler="tcp", port=port, **timing)

    @classmethod
    def exec(cls, *command: str, **timing: Unpack[Timing]) -> Probe:
        """A probe that runs ``command`` in the container; exit code 0 passes."""
        return cls(handler="exec", command=command, **timing)

    def render(self) -> dict[str, Any]:
        """The probe as the Kubernetes ``Probe`` object."""
        out: dict[str, Any]
        if self.handler == "http":
            out = {"httpGet": {"path": self.path, "port": self.port}}
        elif self.handler == "tcp":
            out = {"tcpSocket": {"port": self.port}}
        else:
            out = {"exec": {"command": list(self.command)}}
        out.update(
            failureThreshold=self.failure_threshold,
            initialDelaySeconds=self.initial_delay_seconds,
            periodSeconds=self.period_seconds,
            successThreshold=self.success_threshold,
            timeoutSeconds=self.timeout_seconds,
        )
        return dict(sorted(out.items()))
