"""Pod-spec fields beyond containers and scheduling: DNS config, host aliases, sysctls, downward API.

From the API server's pod-spec validation (pkg/apis/core/validation/validation.go):
validatePodDNSConfig, ValidateHostAliases, validateSysctls, validateObjectFieldSelector (with
validEnvDownwardAPIFieldPathExpressions and validVolumeDownwardAPIFieldPathExpressions), and
validateEphemeralContainers (names unique across all containers, no ports, probes or lifecycle),
validatePullPolicy and the container enums the schema does not carry.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ...errors import Problem
from ...syntax import check_dns_subdomain, check_label_key
from ._base import REQUIRED, Findings, Obj, Path, entries, mapping, pod_spec, rule_message, seq, text
from ._net import parse_ip

__all__ = ["check_pod_extras"]

MAX_NAMESERVERS = 3
MAX_SEARCHES = 32
MAX_SEARCH_CHARS = 2048
_SYSCTL = re.compile(r"([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?")
_ENV_FIELDS = frozenset(
    {
        "metadata.name",
        "metadata.namespace",
        "metadata.uid",
        "spec.nodeName",
        "spec.serviceAccountName",
        "status.hostIP",
        "status.hostIPs",
        "status.podIP",
        "status.podIPs",
    }
)
_VOLUME_FIELDS = frozenset(
    {"metadata.name", "metadata.namespace", "metadata.labels", "metadata.annotations", "metadata.uid"}
)
_SUBSCRIPT = re.compile(r"(metadata\.(?:labels|annotations))\['(.*)'\]")
_EPHEMERAL_FORBIDDEN = ("ports", "livenessProbe", "readinessProbe", "startupProbe", "lifecycle", "resources")


def _dns_config(found: Findings, spec: Mapping[str, Any], path: Path) -> None:
    # validatePodDNSConfig (dnsPolicy None without nameservers is reported by the workloads rules)
    config = spec.get("dnsConfig")
    if config is None:
        if spec.get("dnsPolicy") == "None":
            found.add((*path, "dnsConfig"), "must provide `dnsConfig` when `dnsPolicy` is None")
        return
    where = (*path, "dnsConfig")
    nameservers = seq(mapping(config).get("nameservers"))
    if len(nameservers) > MAX_NAMESERVERS:
        found.add((*where, "nameservers"), f"must not have more than {MAX_NAMESERVERS} nameservers")
    for i, server in enumerate(nameservers):
        if isinstance(server, str) and parse_ip(server) is None:
            found.add((*where, "nameservers", i), "must be a valid IP address")
    searches = seq(mapping(config).get("searches"))
    if len(searches) > MAX_SEARCHES:
        found.add((*where, "searches"), f"must not have more than {MAX_SEARCHES} search paths")
    if len(" ".join(s for s in searches if isinstance(s, str))) > MAX_SEARCH_CHARS:
        found.add((*where, "searches"), f"must not have more than {MAX_SEARCH_CHARS} characters (including spaces)")
    for i, search in enumerate(searches):
        if isinstance(search, str) and search != ".":
            message = rule_message(check_dns_subdomain, search.removesuffix("."))
            if message:
                found.add((*where, "searches", i), message)
    for i, option in entries(mapping(config).get("options")):
        if not text(option.get("name")):
            found.add((*where, "options", i, "name"), REQUIRED)


def _host_aliases(found: Findings, aliases: Any, path: Path) -> None:
    # ValidateHostAliases
    for i, alias in entries(aliases):
        if parse_ip(text(alias.get("ip"))) is None:
            found.add((*path, i, "ip"), "must be a valid IP address")
        for j, hostname in enumerate(seq(alias.get("hostnames"))):
            message = rule_message(check_dns_subdomain, hostname) if isinstance(hostname, str) else None
            if message:
                found.add((*path, i, "hostnames", j), message)


def _sysctls(found: Findings, sysctls: Any, path: Path) -> None:
    # validateSysctls: names in sysctl form (dots or slashes), at most 253 characters, unique
    seen: set[str] = set()
    for i, sysctl in entries(sysctls):
        name = text(sysctl.get("name"))
        if not name:
            continue  # the security rules report it
        if len(name) > 253 or not _SYSCTL.fullmatch(name):
            found.add((*path, i, "name"), "must have at most 253 characters and match the sysctl name pattern")
        elif name in seen:
            found.add((*path, i, "name"), "must not be duplicated")
        seen.add(name)


def _field_ref(found: Findings, ref: Mapping[str, Any], path: Path, supported: frozenset[str]) -> None:
    # validateObjectFieldSelector (apiVersion is defaulted to v1 before)
    api_version = text(ref.get("apiVersion")) or "v1"
    if api_version != "v1":
        found.add((*path, "apiVersion"), "must be v1 (the only version of pod field paths)")
    field = text(ref.get("fieldPath"))
    if not field:
        found.add((*path, "fieldPath"), REQUIRED)
        return
    subscripted = _SUBSCRIPT.fullmatch(field)
    if subscripted is not None:
        # subscripted labels and annotations are valid in env and in volume files alike; the
        # annotation key is lowered first, the label key is not
        key = subscripted[2].lower() if subscripted[1] == "metadata.annotations" else subscripted[2]
        message = rule_message(check_label_key, key)
        if message:
            found.add((*path, "fieldPath"), message)
    elif field not in supported:
        found.add((*path, "fieldPath"), "must be one of: " + ", ".join(sorted(supported)))


def _ephemeral(found: Findings, spec: Mapping[str, Any], path: Path) -> None:
    # validateEphemeralContainers
    names = {text(c.get("name")) for field in ("containers", "initContainers") for _, c in entries(spec.get(field))}
    for i, container in entries(spec.get("ephemeralContainers")):
        where = (*path, "ephemeralContainers", i)
        name = text(container.get("name"))
        if name and name in names:
            found.add((*where, "name"), "must be unique among all containers of the pod")
        names.add(name)
        for field in _EPHEMERAL_FORBIDDEN:
            if container.get(field) and field != "resources":
                found.add((*where, field), "may not be set for ephemeral containers")
        if mapping(container.get("resources")).get("limits") or mapping(container.get("resources")).get("requests"):
            found.add((*where, "resources"), "may not be set for ephemeral containers")


_PULL_POLICIES = ("Always", "Never", "IfNotPresent")
_MESSAGE_POLICIES = ("File", "FallbackToLogsOnError")


def _container_enums(found: Findings, field: str, container: Mapping[str, Any], path: Path) -> None:
    # validatePullPolicy; validateContainerCommon (terminationMessagePolicy); validateContainers and
    # validateEphemeralContainers: restartPolicy is for init containers only (empty values are defaulted before)
    pull = container.get("imagePullPolicy")
    found.one_of((*path, "imagePullPolicy"), pull, _PULL_POLICIES)
    message = container.get("terminationMessagePolicy")
    found.one_of((*path, "terminationMessagePolicy"), message, _MESSAGE_POLICIES)
    if field != "initContainers" and container.get("restartPolicy") is not None:
        found.add((*path, "restartPolicy"), "may not be set for non-init containers")


def check_pod_extras(obj: Obj, kube_version: str) -> list[Problem]:
    """DNS config, host aliases, sysctls, downward-API field paths and ephemeral containers of a pod spec."""
    located = pod_spec(obj)
    if located is None:
        return []
    path, spec = located
    found = Findings(obj, kube_version)
    _dns_config(found, spec, path)
    _host_aliases(found, spec.get("hostAliases"), (*path, "hostAliases"))
    _sysctls(found, mapping(spec.get("securityContext")).get("sysctls"), (*path, "securityContext", "sysctls"))
    for field in ("containers", "initContainers", "ephemeralContainers"):
        for i, container in entries(spec.get(field)):
            _container_enums(found, field, container, (*path, field, i))
            for j, env in entries(container.get("env")):
                ref = mapping(env.get("valueFrom")).get("fieldRef")
                if ref is not None:
                    where = (*path, field, i, "env", j, "valueFrom", "fieldRef")
                    _field_ref(found, mapping(ref), where, _ENV_FIELDS)
    for i, volume in entries(spec.get("volumes")):
        sources = [((*path, "volumes", i, "downwardAPI"), mapping(volume.get("downwardAPI")))]
        sources += [
            ((*path, "volumes", i, "projected", "sources", j, "downwardAPI"), mapping(source.get("downwardAPI")))
            for j, source in entries(mapping(volume.get("projected")).get("sources"))
        ]
        for where, source in sources:
            for k, item in entries(source.get("items")):
                ref = item.get("fieldRef")
                if ref is not None:
                    _field_ref(found, mapping(ref), (*where, "items", k, "fieldRef"), _VOLUME_FIELDS)
    _ephemeral(found, spec, path)
    return found.problems
