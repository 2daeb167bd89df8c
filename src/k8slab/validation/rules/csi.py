"""CSIDrivers (storage.k8s.io/v1).

From the API server's ``pkg/apis/storage/validation`` ``ValidateCSIDriver`` and
``validateCSIDriverSpec``: a DNS-1123 subdomain as name; fsGroupPolicy ReadWriteOnceWithFSType,
File or None; token requests with unique audiences and an expiration from 10 minutes to 2^32
seconds; volume lifecycle modes Persistent or Ephemeral. The required booleans (attachRequired,
podInfoOnMount, storageCapacity, seLinuxMount) are defaulted by the server before validation.
"""

from __future__ import annotations

from ...errors import Problem
from ._base import Findings, Obj, entries, integer, mapping, seq, text
from ._names import subdomain_name_problem
from .metadata import name_rule

__all__ = ["check_csi_driver"]

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
