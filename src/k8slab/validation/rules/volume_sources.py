"""The checks of each pod volume source, after the API server's ``validateVolumeSource``.

Each function mirrors one Go validator of pkg/apis/core/validation/validation.go, named in its
comment. :func:`check_source` is the entry point; :mod:`.volumes` calls it for every volume.
Paths follow the API server's notation, except where Go reports at a parent or sibling field by
mistake (noted in the comment): there the field that is wrong is named.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ...quantity import parse_quantity
from ...syntax import check_dns_label, check_dns_subdomain
from ._base import REQUIRED, Findings, Path, entries, integer, is_map, mapping, quantity, rule_message, seq, text
from ._labels import check_annotations, check_labels
from ._names import csi_driver_name_problem
from .claims import check_claim_spec

__all__ = ["check_resource_field_ref", "check_source", "local_path_problem", "no_backsteps"]

MODE_RULE = "must be a file mode from 0 to 0777 (octal; 511 in decimal)"
_HOST_PATH_TYPES = ("", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice")
_PULL_POLICIES = ("Always", "Never", "IfNotPresent")
_AZURE_CACHING = ("None", "ReadOnly", "ReadWrite")
_AZURE_KINDS = ("Shared", "Dedicated", "Managed")
# iscsiInitiatorIqnRegex (searched, anchored only at its end), iscsiInitiatorEuiRegex, iscsiInitiatorNaaRegex
_ISCSI_FORMATS = {
    "iqn": re.compile(r"iqn\.[0-9]{4}-[0-9]{2}\.[A-Za-z0-9.-]+:[^,;*&$|\t\n\f\r ]+\Z"),
    "eui": re.compile(r"eui.[A-Za-z0-9]{16}\Z"),
    "naa": re.compile(r"naa.[A-Za-z0-9]{32}\Z"),
}
# Sources whose Go validator only requires some fields (validateRBDVolumeSource, validateCinderVolumeSource, ...).
_REQUIRED: dict[str, tuple[str, ...]] = {
    "rbd": ("monitors", "image"),
    "cephfs": ("monitors",),
    "glusterfs": ("endpoints", "path"),
    "cinder": ("volumeID",),
    "awsElasticBlockStore": ("volumeID",),
    "gcePersistentDisk": ("pdName",),
    "azureFile": ("secretName", "shareName"),
    "azureDisk": ("diskName", "diskURI"),
    "vsphereVolume": ("volumePath",),
    "photonPersistentDisk": ("pdID",),
    "portworxVolume": ("volumeID",),
    "scaleIO": ("gateway", "system", "volumeName"),
    "flexVolume": ("driver",),
    "quobyte": ("registry", "volume"),
    "iscsi": ("targetPortal", "iqn"),
    "nfs": ("server", "path"),
    "gitRepo": ("repository",),
}
_RESOURCE_FIELDS = frozenset(
    {
        "limits.cpu",
        "limits.memory",
        "limits.ephemeral-storage",
        "requests.cpu",
        "requests.memory",
        "requests.ephemeral-storage",
    }
)
_BYTE_DIVISORS = frozenset(
    {Decimal(1)} | {Decimal(1000**n) for n in range(1, 7)} | {Decimal(1024**n) for n in range(1, 7)}
)
_CPU_DIVISORS = frozenset({Decimal("0.001"), Decimal(1)})


def no_backsteps(path: str) -> bool:
    """validatePathNoBacksteps: no '..' element (after turning backslashes into slashes)."""
    return ".." not in path.replace("\\", "/").split("/")


def local_path_problem(path: str, *, reserved: bool = True) -> str | None:
    """validateLocalDescendingPath (and, when ``reserved``, ValidateLocalNonReservedPath): why ``path`` fails."""
    if path.startswith("/"):
        return "must be a relative path"
    if not no_backsteps(path):
        return "must not contain '..'"
    if reserved and path.startswith(".."):
        return "must not start with '..'"
    return None


def _mode(found: Findings, value: Any, path: Path) -> None:
    mode = integer(value)
    if mode is not None and not 0 <= mode <= 0o777:
        found.add(path, MODE_RULE)


def _item_path(found: Findings, item: Mapping[str, Any], path: Path) -> str:
    target = text(item.get("path"))
    problem = REQUIRED if not target else local_path_problem(target)
    if problem:
        found.add((*path, "path"), problem)
    return target


def _key_to_paths(found: Findings, items: Any, path: Path, seen: set[str] | None = None) -> None:
    # validateKeyToPath (and, in projections, the duplicate paths of validateProjectionSources)
    for j, item in entries(items):
        where = (*path, j)
        if not text(item.get("key")):
            found.add((*where, "key"), REQUIRED)
        _unique_path(found, _item_path(found, item, where), (*where, "path"), seen)
        _mode(found, item.get("mode"), (*where, "mode"))


def _unique_path(found: Findings, target: str, path: Path, seen: set[str] | None) -> None:
    # Go reports "conflicting duplicate paths" at the projected source; the repeated path is named here
    if seen is None or not target:
        return
    if target in seen:
        found.add(path, "must be unique among the projected files (conflicting duplicate paths)")
    seen.add(target)


def check_resource_field_ref(found: Findings, ref: Mapping[str, Any], path: Path, *, volume: bool) -> None:
    """validateContainerResourceFieldSelector and validateContainerResourceDivisor (env or volume files)."""
    resource = text(ref.get("resource"))
    if volume and not text(ref.get("containerName")):
        found.add((*path, "containerName"), REQUIRED)
    elif not resource:
        found.add((*path, "resource"), REQUIRED)
    elif resource not in _RESOURCE_FIELDS and not resource.startswith(("requests.hugepages-", "limits.hugepages-")):
        found.add((*path, "resource"), "must be one of: " + ", ".join(sorted(_RESOURCE_FIELDS)))
    raw = ref.get("divisor")
    if not isinstance(raw, str | int) or isinstance(raw, bool):
        return
    try:
        divisor = parse_quantity(str(raw))
    except ValueError:
        return  # the schema reports the grammar
    scope, _, kind = resource.partition(".")
    named = kind in ("cpu", "memory", "ephemeral-storage") or kind.startswith("hugepages-")
    checked = scope in ("limits", "requests") and named
    allowed = _CPU_DIVISORS if kind == "cpu" else _BYTE_DIVISORS
    if checked and divisor != 0 and divisor not in allowed:
        units = "1m or 1" if kind == "cpu" else "1 or a power of 1000 or 1024 up to E/Ei (1k, 1Mi, ...)"
        found.add((*path, "divisor"), f"must be {units} for this resource")


def _downward_files(found: Findings, items: Any, path: Path, seen: set[str] | None = None) -> None:
    # validateDownwardAPIVolumeFile (field paths themselves are checked by the pods rules)
    for j, item in entries(items):
        where = (*path, j)
        _unique_path(found, _item_path(found, item, where), (*where, "path"), seen)
        field_ref, resource_ref = item.get("fieldRef"), item.get("resourceFieldRef")
        if field_ref is not None and resource_ref is not None:
            found.add(where, "must not set both fieldRef and resourceFieldRef")
        elif field_ref is None and resource_ref is None:
            found.add(where, "must set one of fieldRef and resourceFieldRef")
        elif is_map(resource_ref):
            check_resource_field_ref(found, resource_ref, (*where, "resourceFieldRef"), volume=True)
        _mode(found, item.get("mode"), (*where, "mode"))


def _projected(found: Findings, source: Mapping[str, Any], path: Path) -> None:
    # validateProjectedVolumeSource and validateProjectionSources (clusterTrustBundle's gate is off by default)
    _mode(found, source.get("defaultMode"), (*path, "defaultMode"))
    seen: set[str] = set()
    for j, projection in entries(source.get("sources")):
        where = (*path, "sources", j)
        kinds = [key for key, value in projection.items() if value is not None]
        if len(kinds) > 1:
            found.add((*where, kinds[1]), "must not be set: each projected source has exactly one type")
        for kind in ("secret", "configMap"):
            if is_map(projection.get(kind)):
                if not text(projection[kind].get("name")):
                    found.add((*where, kind, "name"), REQUIRED)
                _key_to_paths(found, projection[kind].get("items"), (*where, kind, "items"), seen)
        if is_map(projection.get("downwardAPI")):
            _downward_files(found, projection["downwardAPI"].get("items"), (*where, "downwardAPI", "items"), seen)
        if is_map(projection.get("serviceAccountToken")):
            _token(found, projection["serviceAccountToken"], (*where, "serviceAccountToken"))


def _token(found: Findings, token: Mapping[str, Any], path: Path) -> None:
    # validateProjectionSources, serviceAccountToken (Go reports a bad path at projected.path)
    seconds = integer(token.get("expirationSeconds"))
    if seconds is not None and not 600 <= seconds <= 2**32:
        found.add((*path, "expirationSeconds"), "must be from 600 (10 minutes) to 2^32")
    target = text(token.get("path"))
    problem = REQUIRED if not target else local_path_problem(target)
    if problem:
        found.add((*path, "path"), problem)


def _host_path(found: Findings, source: Mapping[str, Any], path: Path) -> None:
    # validateHostPathVolumeSource and validateHostPathType
    host = text(source.get("path"))
    if not host:
        found.add((*path, "path"), REQUIRED)
        return
    if not no_backsteps(host):
        found.add((*path, "path"), "must not contain '..'")
    kind = source.get("type")
    if isinstance(kind, str) and kind not in _HOST_PATH_TYPES:
        found.add((*path, "type"), "must be empty or one of: " + ", ".join(_HOST_PATH_TYPES[1:]))


def _csi(found: Findings, source: Mapping[str, Any], path: Path) -> None:
    # validateCSIVolumeSource and ValidateCSIDriverName (Go reports a bad secret name at csi.name)
    message = csi_driver_name_problem(text(source.get("driver")))
    if message:
        found.add((*path, "driver"), message)
    secret = source.get("nodePublishSecretRef")
    if is_map(secret):
        name = text(secret.get("name"))
        message = REQUIRED if not name else rule_message(check_dns_subdomain, name)
        if message:
            found.add((*path, "nodePublishSecretRef", "name"), message)


def _ephemeral(found: Findings, source: Mapping[str, Any], path: Path) -> None:
    # validateEphemeralVolumeSource, ValidatePersistentVolumeClaimTemplate and ValidateTemplateObjectMeta
    template = source.get("volumeClaimTemplate")
    if not is_map(template):
        found.add((*path, "volumeClaimTemplate"), REQUIRED)
        return
    where = (*path, "volumeClaimTemplate")
    meta = mapping(template.get("metadata"))
    check_labels(found, meta.get("labels"), (*where, "metadata", "labels"))
    check_annotations(found, meta.get("annotations"), (*where, "metadata", "annotations"))
    for field, value in meta.items():
        if field not in ("labels", "annotations") and value not in (None, "", 0, [], {}):
            found.add((*where, "metadata", field), "cannot be set: a claim template takes only labels and annotations")
    check_claim_spec(found, template.get("spec"), (*where, "spec"))


def _is_host_port(pair: str) -> bool:
    """net.SplitHostPort accepts it: ``host:port`` or ``[v6]:port`` (either part may be empty)."""
    if pair.startswith("["):
        end = pair.find("]")
        return end > 0 and pair[end + 1 : end + 2] == ":" and not any(c in pair[end + 2 :] for c in "[]")
    host, colon, port = pair.rpartition(":")
    return bool(colon) and not any(c in host for c in ":[]") and not any(c in port for c in "[]")


def _quobyte(found: Findings, source: Mapping[str, Any], path: Path) -> None:
    # validateQuobyteVolumeSource: a tenant of at most 64 characters, registries as host:port pairs
    registry, tenant = text(source.get("registry")), text(source.get("tenant"))
    if not registry:
        return  # the required-field check reports it
    if len(tenant) >= 65:
        found.add((*path, "tenant"), "must be a UUID of at most 64 characters")
    elif not all(_is_host_port(pair) for pair in registry.split(",")):
        found.add((*path, "registry"), "must be a host:port pair or several separated by commas")


def _iscsi_name_problem(name: str) -> str | None:
    prefix = name[:3]
    if prefix not in _ISCSI_FORMATS:
        return "must start with iqn, eui or naa"
    pattern = _ISCSI_FORMATS[prefix]
    found = pattern.search(name) if prefix == "iqn" else pattern.match(name)
    return None if found else f"must be a valid {prefix} name"


def _iscsi(found: Findings, source: Mapping[str, Any], path: Path) -> None:
    # validateISCSIVolumeSource: the IQN and initiator name formats, a secret for CHAP authentication
    iqn = text(source.get("iqn"))
    problem = _iscsi_name_problem(iqn) if iqn else None
    if problem:
        found.add((*path, "iqn"), problem)
    initiator = source.get("initiatorName")
    if isinstance(initiator, str):
        problem = _iscsi_name_problem(initiator)
        if problem:  # Go names the field in lower case
            found.add((*path, "initiatorname"), problem)
    chap = source.get("chapAuthDiscovery") is True or source.get("chapAuthSession") is True
    if chap and source.get("secretRef") is None:
        found.add((*path, "secretRef"), "is required for CHAP authentication")


def _in_tree(found: Findings, kind: str, source: Mapping[str, Any], path: Path) -> None:
    # validateNFSVolumeSource, validateGitRepoVolumeSource, validateISCSIVolumeSource, validateFCVolumeSource,
    # validateGCEPersistentDiskVolumeSource, validateAWSElasticBlockStoreVolumeSource, validateAzureDisk,
    # validateFlexVolumeSource, validateFlockerVolumeSource, validateStorageOSVolumeSource
    if kind == "nfs" and text(source.get("path")) and not text(source.get("path")).startswith("/"):
        found.add((*path, "path"), "must be an absolute path")
    elif kind == "gitRepo" and text(source.get("directory")):
        problem = local_path_problem(text(source.get("directory")), reserved=False)
        if problem:
            found.add((*path, "directory"), problem)
    elif kind in ("gcePersistentDisk", "awsElasticBlockStore", "iscsi"):
        field = "lun" if kind == "iscsi" else "partition"
        number = integer(source.get(field))
        if number is not None and not 0 <= number <= 255:
            found.add((*path, field), "must be from 0 to 255")
        if kind == "iscsi":
            _iscsi(found, source, path)
    elif kind == "fc":
        _fc(found, source, path)
    elif kind == "azureDisk":
        _azure_disk(found, source, path)
    elif kind == "flexVolume":
        for key in mapping(source.get("options")):
            prefix = "." + str(key).split("/", 1)[0].lower() if "/" in str(key) else "." + str(key).lower()
            if prefix.endswith((".kubernetes.io", ".k8s.io")):
                found.add((*path, "options", str(key)), "must not use the kubernetes.io or k8s.io namespaces")
    elif kind == "quobyte":
        _quobyte(found, source, path)
    elif kind == "flocker":
        name, uuid = text(source.get("datasetName")), text(source.get("datasetUUID"))
        if bool(name) == bool(uuid):
            found.add(path, "must set exactly one of datasetName and datasetUUID")
        if "/" in name:
            found.add((*path, "datasetName"), "must not contain '/'")
    elif kind == "storageos":
        for field in ("volumeName", "volumeNamespace"):
            value = text(source.get(field))
            message = rule_message(check_dns_label, value) if value else None
            if field == "volumeName" and not value:
                message = REQUIRED
            if message:
                found.add((*path, field), message)


def _fc(found: Findings, source: Mapping[str, Any], path: Path) -> None:
    # validateFCVolumeSource
    wwns, wwids = seq(source.get("targetWWNs")), seq(source.get("wwids"))
    if not wwns and not wwids:
        found.add((*path, "targetWWNs"), "must set either targetWWNs or wwids")
    elif wwns and wwids:
        found.add((*path, "targetWWNs"), "must not be set together with wwids")
    if wwns:
        lun = source.get("lun")
        if lun is None:
            found.add((*path, "lun"), "is required when targetWWNs is set")
        elif integer(lun) is not None and not 0 <= lun <= 255:
            found.add((*path, "lun"), "must be from 0 to 255")


def _azure_disk(found: Findings, source: Mapping[str, Any], path: Path) -> None:
    # validateAzureDisk (kind defaults to Shared, cachingMode to ReadWrite; a missing value is not checked)
    found.one_of((*path, "cachingMode"), source.get("cachingMode"), _AZURE_CACHING)
    kind = source.get("kind")
    found.one_of((*path, "kind"), kind, _AZURE_KINDS)
    uri = text(source.get("diskURI"))
    if isinstance(kind, str) and kind in _AZURE_KINDS and uri:
        managed = kind == "Managed"
        if not uri.startswith("/subscriptions/" if managed else "https://"):
            where = "an ARM ID (/subscriptions/...)" if managed else "a blob URL (https://...)"
            found.add((*path, "diskURI"), f"must be {where} for this kind")


def check_source(found: Findings, kind: str, source: Mapping[str, Any], path: Path) -> None:
    """Checks of one volume source, at ``path`` (``...volumes[0].secret``); the minor version gates new sources."""
    for field in _REQUIRED.get(kind, ()):
        value = source.get(field)
        if value in (None, "", []):
            found.add((*path, field), REQUIRED)
    if kind in ("secret", "configMap"):  # validateSecretVolumeSource, validateConfigMapVolumeSource
        named = "secretName" if kind == "secret" else "name"
        if not text(source.get(named)):
            found.add((*path, named), REQUIRED)
        _mode(found, source.get("defaultMode"), (*path, "defaultMode"))
        _key_to_paths(found, source.get("items"), (*path, "items"))
    elif kind == "persistentVolumeClaim" and not text(source.get("claimName")):  # validatePersistentClaimVolumeSource
        found.add((*path, "claimName"), REQUIRED)
    elif kind == "downwardAPI":  # validateDownwardAPIVolumeSource
        _mode(found, source.get("defaultMode"), (*path, "defaultMode"))
        _downward_files(found, source.get("items"), (*path, "items"))
    elif kind == "projected":
        _projected(found, source, path)
    elif kind == "hostPath":
        _host_path(found, source, path)
    elif kind == "emptyDir" and source.get("sizeLimit") is not None:  # validateVolumeSource, emptyDir
        quantity(found, source.get("sizeLimit"), (*path, "sizeLimit"))
    elif kind == "csi":
        _csi(found, source, path)
    elif kind == "ephemeral":
        _ephemeral(found, source, path)
    elif kind == "image" and found.minor >= 31:  # validateImageVolumeSource (the field exists from 1.31)
        if not text(source.get("reference")):
            found.add((*path, "reference"), REQUIRED)
        found.one_of((*path, "pullPolicy"), source.get("pullPolicy") or None, _PULL_POLICIES)
    else:
        _in_tree(found, kind, source, path)
