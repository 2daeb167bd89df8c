"""CSIDrivers, CSINodes, VolumeAttachments, CSIStorageCapacities and VolumeAttributesClasses (storage.k8s.io/v1).

From the API server's ``pkg/apis/storage/validation``. ``ValidateCSIDriver`` and
``validateCSIDriverSpec``: a DNS-1123 subdomain as name; fsGroupPolicy ReadWriteOnceWithFSType,
File or None; token requests with unique audiences and an expiration from 10 minutes to 2^32
seconds; volume lifecycle modes Persistent or Ephemeral. The required booleans (attachRequired,
podInfoOnMount, storageCapacity, seLinuxMount) are defaulted by the server before validation.
``ValidateCSINode``: a node name (a DNS-1123 subdomain); drivers with unique CSI driver names, a
node ID of at most 256 characters, unique non-empty topology keys that are qualified names, a
non-negative allocatable count. ``ValidateVolumeAttachment`` and ``ValidateVolumeAttachmentV1``: an
attacher that is a CSI driver name, a node name, exactly one of persistentVolumeName (a DNS-1123
subdomain) and inlineVolumeSpec. ``ValidateCSIStorageCapacity``: a valid nodeTopology selector, a
DNS-1123 subdomain as storageClassName, a capacity that is not negative. ``ValidateVolumeAttributesClass``
(served from 1.34): a driverName that is a qualified name (in lower case), and parameters: at least
one, at most 512, no empty key, 256 KiB in all.
"""

from __future__ import annotations

from ...errors import Problem
from ...syntax import check_dns_subdomain, check_label_key
from ._base import REQUIRED, Findings, Obj, Path, entries, integer, is_map, mapping, quantity, rule_message, seq, text
from ._labels import check_selector
from ._names import csi_driver_name_problem, subdomain_name_problem
from .metadata import name_rule

__all__ = [
    "check_csi_driver",
    "check_csi_node",
    "check_storage_capacity",
    "check_volume_attachment",
    "check_volume_attributes_class",
]

_API_VERSION = "storage.k8s.io/v1"
_FS_GROUP_POLICIES = ("File", "None", "ReadWriteOnceWithFSType")
_LIFECYCLE_MODES = ("Persistent", "Ephemeral")
_MIN_EXPIRATION = 600
_MAX_EXPIRATION = 1 << 32


def check_csi_driver(obj: Obj, kube_version: str) -> list[Problem]:
    """ValidateCSIDriver of a storage.k8s.io/v1 CSIDriver."""
    if obj.get("kind") != "CSIDriver" or obj.get("apiVersion") != _API_VERSION:
        return []
    found = Findings(obj, kube_version)
    message = subdomain_name_problem(obj) if name_rule("CSIDriver", _API_VERSION, found.minor) is None else None
    if message:  # ValidateCSIDriverName
        found.add(("metadata", "name"), message)
    spec = mapping(obj.get("spec"))
    found.one_of(("spec", "fsGroupPolicy"), spec.get("fsGroupPolicy"), _FS_GROUP_POLICIES)  # validateFSGroupPolicy
    audiences: set[str] = set()
    for i, request in entries(spec.get("tokenRequests")):  # validateTokenRequests
        where = ("spec", "tokenRequests", i)
        audience = text(request.get("audience"))
        if audience in audiences:
            found.add((*where, "audience"), "must be unique among the token requests")
            continue
        audiences.add(audience)
        seconds = integer(request.get("expirationSeconds"))
        if seconds is not None and seconds < _MIN_EXPIRATION:
            found.add((*where, "expirationSeconds"), "must be at least 600 (10 minutes)")
        elif seconds is not None and seconds > _MAX_EXPIRATION:
            found.add((*where, "expirationSeconds"), "must be at most 2^32 seconds")
    for mode in seq(spec.get("volumeLifecycleModes")):  # validateVolumeLifecycleModes
        found.one_of(("spec", "volumeLifecycleModes"), mode, _LIFECYCLE_MODES)
    return found.problems


_MAX_NODE_ID = 256  # csiNodeIDLongerMaxLength; 192 when the server does not allow long IDs


def _driver_name(found: Findings, name: str, path: Path) -> None:
    message = csi_driver_name_problem(name)
    if message:
        found.add(path, message)


def _subdomain(found: Findings, value: str, path: Path) -> None:
    message = rule_message(check_dns_subdomain, value)
    if message:
        found.add(path, message)


def check_csi_node(obj: Obj, kube_version: str) -> list[Problem]:
    """ValidateCSINode of a storage.k8s.io/v1 CSINode."""
    if obj.get("kind") != "CSINode" or obj.get("apiVersion") != _API_VERSION:
        return []
    found = Findings(obj, kube_version)
    message = subdomain_name_problem(obj) if name_rule("CSINode", _API_VERSION, found.minor) is None else None
    if message:  # ValidateNodeName
        found.add(("metadata", "name"), message)
    names: set[str] = set()
    for i, driver in entries(mapping(obj.get("spec")).get("drivers")):  # validateCSINodeDriver
        where = ("spec", "drivers", i)
        name = text(driver.get("name"))
        _driver_name(found, name, (*where, "name"))
        if name in names:
            found.add((*where, "name"), "must be unique among the drivers")
        names.add(name)
        node_id = text(driver.get("nodeID"))
        if not node_id:
            found.add((*where, "nodeID"), REQUIRED)
        elif len(node_id) > _MAX_NODE_ID:
            found.add((*where, "nodeID"), f"must have at most {_MAX_NODE_ID} characters")
        count = integer(mapping(driver.get("allocatable")).get("count"))
        if count is not None and count < 0:
            found.add((*where, "allocatable", "count"), "must be greater than or equal to 0")
        keys: set[str] = set()
        for key in seq(driver.get("topologyKeys")):
            if not isinstance(key, str):
                continue
            message = rule_message(check_label_key, key) if key else REQUIRED
            if message or key in keys:  # Go reports these at the driver
                found.add(where, "must have unique topology keys that are qualified names")
            keys.add(key)
    return found.problems


def check_volume_attachment(obj: Obj, kube_version: str) -> list[Problem]:
    """ValidateVolumeAttachment and ValidateVolumeAttachmentV1 of a storage.k8s.io/v1 VolumeAttachment."""
    if obj.get("kind") != "VolumeAttachment" or obj.get("apiVersion") != _API_VERSION:
        return []
    found = Findings(obj, kube_version)
    message = subdomain_name_problem(obj) if name_rule("VolumeAttachment", _API_VERSION, found.minor) is None else None
    if message:
        found.add(("metadata", "name"), message)
    spec = mapping(obj.get("spec"))
    _driver_name(found, text(spec.get("attacher")), ("spec", "attacher"))
    if isinstance(spec.get("nodeName"), str):  # validateNodeName (ValidateNodeName, also when empty)
        message = rule_message(check_dns_subdomain, spec["nodeName"])
        if message:
            found.add(("spec", "nodeName"), message)
    source = mapping(spec.get("source"))
    volume, inline = source.get("persistentVolumeName"), source.get("inlineVolumeSpec")
    if (volume is None and inline is None) or (
        volume is not None and inline is not None
    ):  # validateVolumeAttachmentSource
        found.add(("spec", "source"), "must set exactly one of inlineVolumeSpec and persistentVolumeName")
    elif isinstance(volume, str):
        if not volume:
            found.add(("spec", "source", "persistentVolumeName"), REQUIRED)
        else:
            _subdomain(found, volume, ("spec", "source", "persistentVolumeName"))
    elif is_map(inline) and inline.get("csi") is None:  # ValidatePersistentVolumeSpec, inline
        found.add(("spec", "source", "inlineVolumeSpec", "csi"), "is required for an inline volume")
    return found.problems


def check_storage_capacity(obj: Obj, kube_version: str) -> list[Problem]:
    """ValidateCSIStorageCapacity of a storage.k8s.io/v1 CSIStorageCapacity."""
    if obj.get("kind") != "CSIStorageCapacity" or obj.get("apiVersion") != _API_VERSION:
        return []
    found = Findings(obj, kube_version)
    message = (
        subdomain_name_problem(obj) if name_rule("CSIStorageCapacity", _API_VERSION, found.minor) is None else None
    )
    if message:
        found.add(("metadata", "name"), message)
    if obj.get("nodeTopology") is not None:
        check_selector(found, obj.get("nodeTopology"), ("nodeTopology",))
    storage_class = text(obj.get("storageClassName"))
    message = REQUIRED if not storage_class else rule_message(check_dns_subdomain, storage_class)
    if message:  # ValidateClassName, also when empty
        found.add(("storageClassName",), message)
    if obj.get("capacity") is not None:  # ValidateNonnegativeQuantity
        quantity(found, obj.get("capacity"), ("capacity",))
    return found.problems


_MAX_PARAMETERS = 512
_MAX_PARAMETER_BYTES = 256 * 1024


def check_volume_attributes_class(obj: Obj, kube_version: str) -> list[Problem]:
    """ValidateVolumeAttributesClass of a storage.k8s.io/v1 VolumeAttributesClass (served from 1.34)."""
    if obj.get("kind") != "VolumeAttributesClass" or obj.get("apiVersion") != _API_VERSION:
        return []
    found = Findings(obj, kube_version)
    message = (
        subdomain_name_problem(obj) if name_rule("VolumeAttributesClass", _API_VERSION, found.minor) is None else None
    )
    if message:  # ValidateClassName
        found.add(("metadata", "name"), message)
    driver = text(obj.get("driverName"))
    message = REQUIRED if not driver else rule_message(check_label_key, driver.lower())
    if message:  # validateProvisioner
        found.add(("driverName",), message.replace("a label key", "a driver name"))
    parameters = mapping(obj.get("parameters"))  # validateParameters, empty not allowed
    if len(parameters) > _MAX_PARAMETERS:
        found.add(("parameters",), f"must have at most {_MAX_PARAMETERS} entries")
    elif not parameters:
        found.add(("parameters",), "must have at least one key and value")
    elif "" in parameters:
        found.add(("parameters",), "must not have an empty key")
    elif sum(len(str(k)) + len(text(v)) for k, v in parameters.items()) > _MAX_PARAMETER_BYTES:
        found.add(("parameters",), "must have at most 256 KiB of keys and values")
    return found.problems
