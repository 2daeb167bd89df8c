"""Probes of containers, and the handler actions probes and lifecycle hooks share.

From the API server's probe validation (validateProbe, validateHandler and its actions): a probe
has exactly one handler (exec, httpGet, tcpSocket or grpc); exec has a command; httpGet header
names are HTTP tokens; its numbers are not negative; liveness and startup probes need
successThreshold 1; a readiness probe has no terminationGracePeriodSeconds; handler ports are
1-65535 or IANA port names. Plain init containers have no probes and no lifecycle; sidecars
(init containers with ``restartPolicy: Always``, from 1.29) may have them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ...errors import Problem
from ...syntax import PORT_RULE, check_port_name, is_port
from ._base import (
    NONNEGATIVE,
    REQUIRED,
    Findings,
    Obj,
    Path,
    containers,
    entries,
    integer,
    is_map,
    is_sidecar,
    pod_spec,
    rule_message,
    seq,
    text,
)

__all__ = ["check_action", "check_port_or_name", "check_probes"]

PROBES = ("livenessProbe", "readinessProbe", "startupProbe")
HANDLERS = ("exec", "httpGet", "tcpSocket", "grpc")
_COUNTS = ("initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold")
_HEADER_NAME = re.compile(r"[-A-Za-z0-9]+")
_PLAIN_INIT = "must not be set on an init container unless its restartPolicy is Always (a sidecar)"


def check_port_or_name(found: Findings, value: Any, path: Path, *, required: bool = True) -> None:
    """An int-or-string port: a number from 1 to 65535 or an IANA_SVC_NAME port name."""
    if value is None or value == "":
        if required:
            found.add(path, REQUIRED)
        return
    number = integer(value)
    if number is not None:
        if not is_port(number):
            found.add(path, PORT_RULE)
    elif isinstance(value, str):
        message = rule_message(check_port_name, value)
        if message:
            found.add(path, f"{PORT_RULE} or {message.removeprefix('must be ')}")


def check_action(found: Findings, kind: str, handler: Mapping[str, Any], path: Path) -> None:
    """One handler action of a probe or lifecycle hook, at ``path`` (``...livenessProbe.httpGet``)."""
    if kind == "exec" and not seq(handler.get("command")):  # validateExecAction
        found.add((*path, "command"), REQUIRED)
    if kind in ("httpGet", "tcpSocket"):  # validateHTTPGetAction, validateTCPSocketAction
        check_port_or_name(found, handler.get("port"), (*path, "port"))
    if kind == "httpGet":
        scheme = handler.get("scheme")
        if isinstance(scheme, str) and scheme not in ("HTTP", "HTTPS"):
            found.add((*path, "scheme"), "must be one of: HTTP, HTTPS")
        for j, header in entries(handler.get("httpHeaders")):
            if not _HEADER_NAME.fullmatch(text(header.get("name"))):  # validation.IsHTTPHeaderName
                found.add((*path, "httpHeaders", j, "name"), "must be an HTTP header name: letters, digits and '-'")
    if kind == "grpc":  # validateGRPCAction
        port = integer(handler.get("port"))
        if port is not None and not is_port(port):
            found.add((*path, "port"), PORT_RULE)


def _probe(found: Findings, name: str, probe: Mapping[str, Any], path: Path) -> None:
    handlers = [h for h in HANDLERS if probe.get(h) is not None]
    if not handlers:
        found.add(path, "must have exactly one handler: exec, httpGet, tcpSocket or grpc")
    elif len(handlers) > 1:
        found.add((*path, handlers[1]), "must not be set: a probe has exactly one handler")
    for kind in handlers:
        if is_map(probe[kind]):
            check_action(found, kind, probe[kind], (*path, kind))
    for field in _COUNTS:
        number = integer(probe.get(field))
        if number is not None and number < 0:
            found.add((*path, field), NONNEGATIVE)
    success = integer(probe.get("successThreshold"))
    if name != "readinessProbe" and success not in (None, 0, 1):  # 0 is defaulted to 1
        found.add((*path, "successThreshold"), "must be 1 for liveness and startup probes")
    grace = integer(probe.get("terminationGracePeriodSeconds"))
    if grace is not None:
        if name == "readinessProbe":
            found.add((*path, "terminationGracePeriodSeconds"), "must not be set on a readiness probe")
        elif grace <= 0:
            found.add((*path, "terminationGracePeriodSeconds"), "must be greater than 0")


def check_probes(obj: Obj, kube_version: str) -> list[Problem]:
    """Every probe of every container, and probes or lifecycle hooks on plain init containers."""
    located = pod_spec(obj)
    if located is None:
        return []
    prefix, spec = located
    found = Findings(obj, kube_version)
    for field, i, container in containers(spec):
        path = (*prefix, field, i)
        plain_init = field == "initContainers" and not is_sidecar(field, container, found.minor)
        if field == "initContainers" and found.minor >= 29:  # 1.28 drops the field (its feature gate is off)
            policy = container.get("restartPolicy")
            if isinstance(policy, str) and policy != "Always":
                found.add((*path, "restartPolicy"), "must be Always (the only value for init containers)")
        for name in PROBES:
            probe = container.get(name)
            if probe is None:
                continue
            if plain_init:
                found.add((*path, name), _PLAIN_INIT)
            elif is_map(probe):
                _probe(found, name, probe, (*path, name))
        if plain_init and container.get("lifecycle") is not None:
            found.add((*path, "lifecycle"), _PLAIN_INIT)
    return found.problems
