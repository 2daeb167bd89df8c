"""Pod-spec fields the other rule modules leave: names of nodes and classes, gates, host namespaces, the OS.

From the API server's ValidatePodSpec (pkg/apis/core/validation/validation.go): nodeName
(ValidateNodeName) and runtimeClassName (ValidateRuntimeClassName) are DNS-1123 subdomains;
preemptionPolicy takes its known values (ValidatePreemptionPolicy); readiness-gate condition
types and scheduling gates are qualified names, the gates unique (validateReadinessGates,
validateSchedulingGates); with hostNetwork a container's hostPort, when set, equals its
containerPort (validatePodHostNetworkDeps), and a pod sharing the host's network or IPC
namespace sets none of its sysctls (ValidateHostSysctl); a pod with hostUsers false shares no
host namespace (validateHostUsers); os.name is linux or windows (validateOS), a linux pod sets no
Windows options (validateLinux) and a windows pod none of the Linux-only fields
(validateWindows); Windows options name valid credential specs and user names
(validateWindowsSecurityContextOptions) and HostProcess pods are all HostProcess and on the host
network (validateWindowsHostProcessPod).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from ...errors import Problem
from ...syntax import check_dns_subdomain, check_label_key
from ._base import REQUIRED, Findings, Obj, Path, entries, integer, is_map, mapping, pod_spec, rule_message, seq, text

__all__ = ["check_pod_fields"]

_ALL_CONTAINERS = ("initContainers", "containers", "ephemeralContainers")
"""The order of podshelper.VisitContainersWithPath."""
_PREEMPTION_POLICIES = ("PreemptLowerPriority", "Never")
_FORBIDDEN_WINDOWS = "cannot be set for a windows pod"
_GMSA_MAX_BYTES = 64 * 1024
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_NETBIOS = re.compile(r'[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}')
_DNS_DOMAIN = re.compile(
    r"[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*"
)
_SHARED_BY = {"net": "hostNetwork", "ipc": "hostIPC"}
_USER_CHARS = re.compile(r'["/\\:;|=,+*?<>@\[\]]')
_DOTS_SPACES = re.compile(r"[. ]+")


def _all_containers(spec: Mapping[str, Any], prefix: Path) -> Iterator[tuple[Path, Mapping[str, Any]]]:
    for field in _ALL_CONTAINERS:
        for i, container in entries(spec.get(field)):
            yield (*prefix, field, i), container


def _names(found: Findings, spec: Mapping[str, Any], prefix: Path) -> None:
    # ValidatePodSpec: ValidateNodeName, ValidateRuntimeClassName (a set pointer, even empty, is checked)
    node = text(spec.get("nodeName"))
    message = rule_message(check_dns_subdomain, node) if node else None
    if message:
        found.add((*prefix, "nodeName"), message)
    runtime_class = spec.get("runtimeClassName")
    if isinstance(runtime_class, str):
        message = rule_message(check_dns_subdomain, runtime_class)
        if message:
            found.add((*prefix, "runtimeClassName"), message)
    # ValidatePreemptionPolicy
    found.one_of((*prefix, "preemptionPolicy"), spec.get("preemptionPolicy"), _PREEMPTION_POLICIES)


def _gates(found: Findings, spec: Mapping[str, Any], prefix: Path) -> None:
    # validateReadinessGates
    for i, gate in entries(spec.get("readinessGates")):
        message = rule_message(check_label_key, text(gate.get("conditionType")))
        if message:
            found.add(
                (*prefix, "readinessGates", i, "conditionType"), message.replace("a label key", "a qualified name")
            )
    # validateSchedulingGates; the field exists from 1.26 and its gate (PodSchedulingReadiness) is on from 1.27
    if found.minor < 27:
        return
    seen: set[str] = set()
    for i, gate in entries(spec.get("schedulingGates")):
        name = text(gate.get("name"))
        message = rule_message(check_label_key, name)
        if message:
            found.add((*prefix, "schedulingGates", i), message.replace("a label key", "a qualified name"))
        elif name in seen:
            found.add((*prefix, "schedulingGates", i), "must not be duplicated")
        seen.add(name)


def _host_namespaces(found: Findings, spec: Mapping[str, Any], prefix: Path) -> None:
    # validatePodHostNetworkDeps (1.28+; before, validateHostNetwork reported the containerPort):
    # a hostPort of 0 is defaulted to the containerPort, any other must equal it
    if spec.get("hostNetwork") is True:
        for i, container in entries(spec.get("containers")):
            for j, port in entries(container.get("ports")):
                host, own = integer(port.get("hostPort")), integer(port.get("containerPort"))
                if host and own is not None and host != own:
                    where = (*prefix, "containers", i, "ports", j)
                    if found.minor >= 28:
                        found.add((*where, "hostPort"), "must match containerPort when hostNetwork is true")
                    else:
                        found.add((*where, "containerPort"), "must match hostPort when hostNetwork is true")
    # ValidateHostSysctl (from 1.29): no namespaced sysctl of a namespace the pod shares with the host
    if found.minor >= 29:
        for i, sysctl in entries(mapping(spec.get("securityContext")).get("sysctls")):
            shared = _SHARED_BY.get(_sysctl_namespace(text(sysctl.get("name"))) or "")
            if shared and spec.get(shared) is True:
                where = (*prefix, "securityContext", "sysctls", i, "name")
                found.add(where, f"may not be specified when {shared} is true")
    # validateHostUsers; hostUsers is dropped while UserNamespacesSupport is off (on by default from 1.33)
    if found.minor >= 33 and spec.get("hostUsers") is False:
        for field, reported in (("hostNetwork", "hostNetwork"), ("hostPID", "HostPID"), ("hostIPC", "HostIPC")):
            if spec.get(field) is True:
                found.add((*prefix, reported), "must not be true when hostUsers is false")


def _sysctl_namespace(name: str) -> str | None:
    """utilsysctl.GetNamespace after NormalizeName: ``ipc``, ``net`` or None (not namespaced, or unknown)."""
    dot, slash = name.find("."), name.find("/")
    if slash != -1 and (dot == -1 or slash < dot):
        name = name.translate(str.maketrans("./", "/."))
    if name == "kernel.sem" or name.startswith(("kernel.shm", "kernel.msg", "fs.mqueue.")):
        return "ipc"
    return "net" if name.startswith("net.") else None


def _windows_options(found: Findings, options: Any, path: Path) -> None:
    # validateWindowsSecurityContextOptions
    if not is_map(options):
        return
    spec_name = options.get("gmsaCredentialSpecName")
    if isinstance(spec_name, str):
        message = rule_message(check_dns_subdomain, spec_name)
        if message:
            found.add((*path, "gmsaCredentialSpecName"), message)
    credential_spec = options.get("gmsaCredentialSpec")
    if isinstance(credential_spec, str) and not 0 < len(credential_spec.encode()) <= _GMSA_MAX_BYTES:
        found.add((*path, "gmsaCredentialSpec"), "must not be empty and must be under 64 KiB")
    user = options.get("runAsUserName")
    if isinstance(user, str):
        problem = _user_name_problem(user)
        if problem:
            found.add((*path, "runAsUserName"), problem)


def _user_name_problem(value: str) -> str | None:
    if not value:
        return "must not be empty"
    if _CONTROL.search(value):
        return "must not contain control characters"
    parts = value.split("\\")
    if len(parts) > 2:
        return "must not contain more than one backslash"
    domain, user = (parts[0], parts[1]) if len(parts) == 2 else ("", parts[0])
    if len(domain.encode()) >= 256:
        return "must have a domain under 256 characters"
    if len(parts) == 2 and not (_NETBIOS.fullmatch(domain) or _DNS_DOMAIN.fullmatch(domain)):
        return "must have a domain in NetBios or DNS format"
    if not user or len(user.encode()) > 104:
        return "must have a user of 1 to 104 characters"
    if _DOTS_SPACES.fullmatch(user) or _USER_CHARS.search(user):
        return 'must have a user that is not only periods or spaces and has none of "/\\:;|=,+*?<>@[]'
    return None


def _host_process(found: Findings, spec: Mapping[str, Any], prefix: Path) -> None:
    # validateWindowsHostProcessPod (the cluster-policy check on privileged pods is left out)
    pod_value = mapping(mapping(spec.get("securityContext")).get("windowsOptions")).get("hostProcess")
    total = host_process = 0
    for path, container in _all_containers(spec, prefix):
        total += 1
        value = mapping(mapping(container.get("securityContext")).get("windowsOptions")).get("hostProcess")
        if isinstance(pod_value, bool) and isinstance(value, bool) and pod_value != value:
            where = (*path, "securityContext", "windowsOptions", "hostProcess")
            found.add(where, "must equal the pod's hostProcess when both are set")
        if value is True or (value is None and pod_value is True):
            host_process += 1
    if host_process:
        if host_process != total:
            found.add(prefix, "must make all containers HostProcess containers if any is one")
        if spec.get("hostNetwork") is not True:
            found.add((*prefix, "hostNetwork"), "must be true if the pod contains HostProcess containers")


def _windows_fields(minor: int) -> tuple[str, ...]:
    # validateWindows: pod security-context fields; newer ones only once their field is served
    fields = ["seLinuxOptions", "seccompProfile", "fsGroup", "fsGroupChangePolicy", "sysctls", "runAsUser"]
    fields += ["runAsGroup", "supplementalGroups"]
    if minor >= 30:
        fields.append("appArmorProfile")
    if minor >= 33:
        fields += ["supplementalGroupsPolicy", "seLinuxChangePolicy"]
    return tuple(fields)


_WINDOWS_CONTAINER_FIELDS = (
    "seLinuxOptions",
    "seccompProfile",
    "capabilities",
    "readOnlyRootFilesystem",
    "privileged",
    "allowPrivilegeEscalation",
    "procMount",
    "runAsUser",
    "runAsGroup",
)


def _os(found: Findings, spec: Mapping[str, Any], prefix: Path) -> None:
    # validateOS, then validateLinux or validateWindows
    os = spec.get("os")
    if not is_map(os):
        return
    name = os.get("name")
    if name is None or name == "":
        found.add((*prefix, "os", "name"), REQUIRED)
        return
    if name not in ("linux", "windows"):
        if isinstance(name, str):
            found.add((*prefix, "os"), "must have a name of: linux, windows")
        return
    context = mapping(spec.get("securityContext"))
    if name == "linux":
        if context.get("windowsOptions") is not None:
            found.add((*prefix, "securityContext", "windowsOptions"), "cannot be set for a linux pod")
        for path, container in _all_containers(spec, prefix):
            if mapping(container.get("securityContext")).get("windowsOptions") is not None:
                found.add((*path, "securityContext", "windowsOptions"), "cannot be set for a linux pod")
        return
    for field in _windows_fields(found.minor):
        value = context.get(field)
        if value is not None and not (field == "sysctls" and not seq(value)):
            found.add((*prefix, "securityContext", field), _FORBIDDEN_WINDOWS)
    if found.minor >= 33 and spec.get("hostUsers") is not None:
        found.add((*prefix, "hostUsers"), _FORBIDDEN_WINDOWS)
    for field in ("hostPID", "hostIPC"):
        if spec.get(field) is True:
            found.add((*prefix, field), _FORBIDDEN_WINDOWS)
    if spec.get("shareProcessNamespace") is not None:
        found.add((*prefix, "shareProcessNamespace"), _FORBIDDEN_WINDOWS)
    container_fields = _WINDOWS_CONTAINER_FIELDS + (("appArmorProfile",) if found.minor >= 30 else ())
    for path, container in _all_containers(spec, prefix):
        container_context = mapping(container.get("securityContext"))
        for field in container_fields:
            if container_context.get(field) is not None:
                found.add((*path, "securityContext", field), _FORBIDDEN_WINDOWS)


def check_pod_fields(obj: Obj, kube_version: str) -> list[Problem]:
    """Node and class names, gates, host namespaces, the OS and Windows options of a pod spec."""
    located = pod_spec(obj)
    if located is None:
        return []
    prefix, spec = located
    found = Findings(obj, kube_version)
    _names(found, spec, prefix)
    _gates(found, spec, prefix)
    _host_namespaces(found, spec, prefix)
    _windows_options(
        found,
        mapping(spec.get("securityContext")).get("windowsOptions"),
        (*prefix, "securityContext", "windowsOptions"),
    )
    for path, container in _all_containers(spec, prefix):
        options = mapping(container.get("securityContext")).get("windowsOptions")
        _windows_options(found, options, (*path, "securityContext", "windowsOptions"))
    _host_process(found, spec, prefix)
    _os(found, spec, prefix)
    return found.problems
