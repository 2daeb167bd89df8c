"""Containers: names, images, ports, environment variables and resource requests and limits.

From the API server's container validation: names are DNS-1123 labels, unique across containers
and init containers; an image is required; ports are 1-65535 with IANA_SVC_NAME names, unique per
container, over TCP, UDP or SCTP; env names follow the rule of the version (any printable ASCII
but '=' from 1.32, a C-identifier-like name before); ``value`` and ``valueFrom`` never both set;
quantities follow the exact grammar and are never negative; requests are at most limits.

``validateResourceRequirements``: huge pages come in whole pages of their size and need a cpu or
memory request or limit beside them. ``validateResizePolicy`` (from 1.33, when in-place resize
is on by default): cpu or memory, once each, NotRequired or RestartContainer, and only
NotRequired in a pod whose restartPolicy is Never. ``resourceFieldRef`` in env: a known resource
and divisor (``validateContainerResourceFieldSelector``).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_CEILING, Decimal
from typing import Any

from ...errors import Problem
from ...quantity import parse_quantity
from ...syntax import (
    CONFIG_KEY_RULE,
    ENV_NAME_RULE,
    PORT_RULE,
    check_dns_label,
    check_dns_subdomain,
    check_port_name,
    is_config_key,
    is_env_name,
    is_port,
)
from ._base import (
    REQUIRED,
    Findings,
    Obj,
    Path,
    containers,
    entries,
    integer,
    is_map,
    is_sidecar,
    mapping,
    pod_spec,
    quantity,
    rule_message,
    text,
)
from .volume_sources import check_resource_field_ref

__all__ = ["check_containers", "config_key_problem", "env_name_problem", "resources_problems"]

PROTOCOLS = ("TCP", "UDP", "SCTP")
RELAXED_ENV_NAME_RULE = "must be an environment variable name: printable ASCII characters other than '='"
_STANDARD_RESOURCES = ("cpu", "memory", "ephemeral-storage")
_QOS_RESOURCES = ("cpu", "memory")
_RESIZE_POLICIES = ("NotRequired", "RestartContainer")
_ENV_SOURCES = "must specify exactly one of: fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef"


def env_name_problem(name: str, minor: int) -> str | None:
    """Why ``name`` is not an environment variable name in Kubernetes 1.``minor`` (None when it is)."""
    if not name:
        return REQUIRED
    if minor >= 32:
        return None if all(" " <= c <= "~" and c != "=" for c in name) else RELAXED_ENV_NAME_RULE
    return None if is_env_name(name) else ENV_NAME_RULE


def config_key_problem(key: str) -> str | None:
    """Why ``key`` is not a ConfigMap or Secret key (None when it is)."""
    if not key:
        return REQUIRED
    if not is_config_key(key):
        return CONFIG_KEY_RULE
    return None


def _is_extended(resource: str) -> bool:
    """Extended resources (``example.com/gpu``) cannot be overcommitted and come in whole units."""
    return "/" in resource and not resource.startswith(("kubernetes.io/", "requests."))


def _is_fixed(resource: str) -> bool:
    """Resources that cannot be overcommitted: a request equals its limit (extended resources, huge pages)."""
    return _is_extended(resource) or resource.startswith("hugepages-")


def _huge_page_problem(resource: str, number: Decimal) -> str | None:
    """validateResourceQuantityHugePageValue and IsHugePageResourceValueDivisible: whole pages only."""
    try:
        page = parse_quantity(resource.removeprefix("hugepages-"))
    except ValueError:
        return "must name a page size, such as hugepages-2Mi"
    if page <= 0 or page != page.to_integral_value():
        return "must name a page size, such as hugepages-2Mi"
    if number.to_integral_value(rounding=ROUND_CEILING) % page != 0:
        return "must be a whole multiple of the page size"
    return None


def resources_problems(found: Findings, resources: Mapping[str, Any], path: Path, *, container: bool) -> None:
    """Requests and limits: names, quantities, whole units for extended resources, requests at most limits."""
    values: dict[str, dict[str, Decimal]] = {"limits": {}, "requests": {}}
    for field in ("limits", "requests"):
        for resource, raw in mapping(resources.get(field)).items():
            where = (*path, field, resource)
            if not isinstance(resource, str):
                continue
            if (
                container
                and "/" not in resource
                and not (resource in _STANDARD_RESOURCES or resource.startswith("hugepages-"))
            ):
                found.add(where, "must be cpu, memory, ephemeral-storage, hugepages-<size> or a qualified name")
                continue
            number = quantity(found, raw, where)
            if number is None:
                continue
            if _is_extended(resource) and number != number.to_integral_value():
                found.add(where, "must be an integer")
            huge = container and resource.startswith("hugepages-")  # pod-level resources: gated, and cpu/memory only
            message = _huge_page_problem(resource, number) if huge else None
            if message:
                found.add(where, message)
            values[field][resource] = number
    names = {r for field in ("limits", "requests") for r in mapping(resources.get(field)) if isinstance(r, str)}
    if container and any(r.startswith("hugepages-") for r in names) and not names & set(_QOS_RESOURCES):
        found.add(path, "must request or limit cpu or memory when it asks for huge pages")
    limits = values["limits"]
    for resource, request in values["requests"].items():
        limit = limits.get(resource)
        where = (*path, "requests", resource)
        if _is_fixed(resource):
            if limit is None:
                found.add((*path, "limits", resource), "must be set: this resource cannot be overcommitted")
            elif request != limit:
                found.add(where, "must equal the limit: this resource cannot be overcommitted")
        elif limit is not None and request > limit:
            found.add(where, "must be less than or equal to the limit")


def _check_ports(
    found: Findings, container: Mapping[str, Any], path: Path, host_ports: set[tuple[str, str, int]]
) -> None:
    names: set[str] = set()
    for j, port in entries(container.get("ports")):
        where = (*path, "ports", j)
        number = integer(port.get("containerPort"))
        if number is not None and not is_port(number):
            found.add((*where, "containerPort"), PORT_RULE)
        host = integer(port.get("hostPort"))
        if host and not is_port(host):
            found.add((*where, "hostPort"), PORT_RULE)
        name = text(port.get("name"))
        if name:
            message = rule_message(check_port_name, name)
            if message:
                found.add((*where, "name"), message)
            elif name in names:
                found.add((*where, "name"), "must be unique among the container's ports")
            names.add(name)
        protocol = port.get("protocol")
        found.one_of((*where, "protocol"), protocol, PROTOCOLS)
        if host:
            key = (text(port.get("hostIP")), protocol if isinstance(protocol, str) else "TCP", host)
            if key in host_ports:
                found.add((*where, "hostPort"), "must be unique: another port of the pod uses it")
            host_ports.add(key)


def _check_key_ref(found: Findings, ref: Mapping[str, Any], path: Path) -> None:
    message = rule_message(check_dns_subdomain, text(ref.get("name")))
    if message:
        found.add((*path, "name"), message)
    message = config_key_problem(text(ref.get("key")))
    if message:
        found.add((*path, "key"), message)


def _check_env(found: Findings, container: Mapping[str, Any], path: Path) -> None:
    for j, env in entries(container.get("env")):
        where = (*path, "env", j)
        message = env_name_problem(text(env.get("name")), found.minor)
        if message:
            found.add((*where, "name"), message)
        value_from = env.get("valueFrom")
        if not is_map(value_from):
            continue
        sources = [key for key, source in value_from.items() if source is not None]
        if text(env.get("value")):
            found.add((*where, "valueFrom"), "must not be set when value is not empty")
        elif len(sources) != 1:
            found.add((*where, "valueFrom"), _ENV_SOURCES)
        for ref in ("secretKeyRef", "configMapKeyRef"):
            if is_map(value_from.get(ref)):
                _check_key_ref(found, value_from[ref], (*where, "valueFrom", ref))
        if is_map(value_from.get("resourceFieldRef")):
            check_resource_field_ref(
                found, value_from["resourceFieldRef"], (*where, "valueFrom", "resourceFieldRef"), volume=False
            )
    for j, env_from in entries(container.get("envFrom")):
        where = (*path, "envFrom", j)
        prefix = text(env_from.get("prefix"))
        message = env_name_problem(prefix, found.minor) if prefix else None
        if message:
            found.add((*where, "prefix"), message)
        refs = [r for r in ("configMapRef", "secretRef") if env_from.get(r) is not None]
        if len(refs) != 1:
            found.add(where, "must specify exactly one of: configMapRef, secretRef")
        for ref in refs:
            message = rule_message(check_dns_subdomain, text(mapping(env_from[ref]).get("name")))
            if message:
                found.add((*where, ref, "name"), message)


def _check_resize_policy(found: Findings, container: Mapping[str, Any], path: Path, pod_policy: Any) -> None:
    # validateResizePolicy (InPlacePodVerticalScaling is beta and on by default from 1.33; the field is dropped before)
    seen: set[str] = set()
    for j, policy in entries(container.get("resizePolicy")):
        where = (*path, "resizePolicy", j)
        resource, restart = policy.get("resourceName"), policy.get("restartPolicy")
        if resource in (None, ""):
            found.add((*where, "resourceName"), REQUIRED)
        elif isinstance(resource, str) and resource in seen:
            found.add((*where, "resourceName"), "must be unique among the container's resize policies")
        else:
            found.one_of((*where, "resourceName"), resource, _QOS_RESOURCES)
        if isinstance(resource, str):
            seen.add(resource)
        if restart in (None, ""):
            found.add((*where, "restartPolicy"), REQUIRED)
        else:
            found.one_of((*where, "restartPolicy"), restart, _RESIZE_POLICIES)
            if pod_policy == "Never" and restart in _RESIZE_POLICIES and restart != "NotRequired":
                found.add((*where, "restartPolicy"), "must be NotRequired when the pod's restartPolicy is Never")


def check_containers(obj: Obj, kube_version: str) -> list[Problem]:
    """Every container and init container of a Pod or workload's pod spec."""
    located = pod_spec(obj)
    if located is None:
        return []
    prefix, spec = located
    found = Findings(obj, kube_version)
    if not any(True for _ in entries(spec.get("containers"))):
        found.add((*prefix, "containers"), "must have at least one container")
    names: set[str] = set()
    host_ports: set[tuple[str, str, int]] = set()
    for field, i, container in containers(spec):
        path = (*prefix, field, i)
        name = text(container.get("name"))
        message = REQUIRED if not name else rule_message(check_dns_label, name)
        if message:
            found.add((*path, "name"), message)
        elif name in names:
            found.add((*path, "name"), "must be unique among the pod's containers and init containers")
        names.add(name)
        image = text(container.get("image"))
        if not image:
            found.add((*path, "image"), REQUIRED)
        elif obj.get("kind") == "Pod" and image != image.strip():
            found.add((*path, "image"), "must not have leading or trailing whitespace")
        _check_ports(found, container, path, host_ports if field == "containers" else set())
        _check_env(found, container, path)
        resources = container.get("resources")
        if is_map(resources):
            resources_problems(found, resources, (*path, "resources"), container=True)
        if found.minor >= 33 and (field == "containers" or is_sidecar(field, container, found.minor)):
            _check_resize_policy(found, container, path, spec.get("restartPolicy"))
    if is_map(spec.get("resources")):
        resources_problems(found, spec["resources"], (*prefix, "resources"), container=False)
    for resource, raw in mapping(spec.get("overhead")).items():
        quantity(found, raw, (*prefix, "overhead", resource))
    return found.problems
