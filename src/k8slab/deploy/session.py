"""One stack against one cluster: the connection, discovery, labelled objects and namespaces.

``apply``, ``delete``, ``diff`` and ``status`` all start here, so they agree on which
objects belong to a stack and where they live.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .client import APPLY_PATCH, FIELD_MANAGER, Cluster, connect
from .discovery import Discovery, Resource
from .inventory import Live, identity, list_inventory, ref, selector, stamp
from .result import Change
from .sources import Manifests, as_manifests

__all__ = ["Planned", "Session", "open_session"]


@dataclass(frozen=True)
class Planned:
    """One object of the stack: labelled, namespaced, and the Resource serving it (None: not served yet)."""

    obj: dict[str, Any]
    resource: Resource | None

    @property
    def ref(self) -> str:
        """``Kind namespace/name``."""
        return ref(self.obj)

    @property
    def path(self) -> str:
        """The object's URL path."""
        assert self.resource is not None
        meta = self.obj["metadata"]
        return self.resource.path(meta.get("namespace"), meta["name"])


@dataclass
class Session:
    """A stack (``bundle``) and the cluster it goes to."""

    cluster: Cluster
    bundle: Manifests
    namespace: str
    """Where namespaced objects without a namespace go."""
    discovery: Discovery
    _namespaces: dict[str, bool] = field(default_factory=dict)

    @property
    def selector(self) -> str:
        """The label selector of this stack's objects."""
        return selector(self.bundle.name)

    def crd_groups(self) -> set[str]:
        """API groups defined by CustomResourceDefinitions of the stack itself."""
        return {
            str((o.get("spec") or {}).get("group"))
            for o in self.bundle.objects
            if o.get("kind") == "CustomResourceDefinition"
        }

    def plan(self, raw: Mapping[str, Any], *, wait_for_crd: float = 0.0) -> Planned:
        """``raw`` labelled and namespaced; its Resource is None if a CRD of this stack must come first."""
        api_version, kind = str(raw["apiVersion"]), str(raw["kind"])
        resource = self.discovery.find(api_version, kind)
        if resource is None:
            if api_version.rpartition("/")[0] not in self.crd_groups():
                self.discovery.resolve(api_version, kind, obj=ref(raw))  # raises: not served
            elif wait_for_crd > 0:
                resource = self.discovery.resolve(api_version, kind, obj=ref(raw), wait=wait_for_crd)
        if resource is None:
            labelled = dict(raw, metadata={**raw["metadata"]})
            labelled["metadata"].setdefault("namespace", self.namespace)
            return Planned(labelled, None)
        return Planned(stamp(raw, self.bundle.name, resource, self.namespace), resource)

    def namespace_exists(self, name: str) -> bool:
        """Whether namespace ``name`` exists (asked once)."""
        if name not in self._namespaces:
            self._namespaces[name] = self.cluster.get(f"/api/v1/namespaces/{name}", obj=f"Namespace {name}") is not None
        return self._namespaces[name]

    def note_namespace(self, name: str, *, exists: bool) -> None:
        """Record that namespace ``name`` was just created (or, in a dry run, is still missing)."""
        self._namespaces[name] = exists

    def ensure_namespace(self, name: str) -> Change | None:
        """Create namespace ``name`` (unlabelled: prune never removes it) when it is missing."""
        if self.namespace_exists(name):
            return None
        body = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}}
        query = {"fieldManager": FIELD_MANAGER}
        self.cluster.request(
            "PATCH",
            f"/api/v1/namespaces/{name}",
            query=query,
            body=body,
            content_type=APPLY_PATCH,
            obj=f"Namespace {name}",
        )
        self._namespaces[name] = True
        return Change(f"Namespace {name}", "created", "it did not exist")

    def inventory(self, kinds: set[tuple[str, str]] | None = None) -> list[Live]:
        """The objects in the cluster labelled for this stack."""
        kinds = kinds or {(str(o["apiVersion"]), str(o["kind"])) for o in self.bundle.objects}
        namespaces = {
            self.namespace,
            *(str((o.get("metadata") or {}).get("namespace") or "") for o in self.bundle.objects),
        }
        return list_inventory(
            self.cluster, self.discovery, self.bundle.name, kinds=sorted(kinds), namespaces=namespaces - {""}
        )

    def identities(self, planned: list[Planned]) -> set[tuple[str, str, str, str]]:
        """The identities of ``planned`` objects, to tell which live objects are still part of the stack."""
        return {identity(p.obj) for p in planned}


def open_session(
    target: Any,
    *,
    name: str | None,
    namespace: str | None,
    context: str | None,
    kubeconfig: str | Path | None,
    cluster: Cluster | None,
) -> Session:
    """A Session for ``target`` (Stack, Manifests or list of objects) on ``cluster`` or a new connection."""
    bundle = as_manifests(target, name=name, namespace=namespace)
    cluster = cluster or connect(context=context, kubeconfig=kubeconfig)
    cluster.redact.add_objects(bundle.objects)
    default = namespace or bundle.namespace or cluster.namespace or "default"
    return Session(cluster, bundle, default, cluster.discovery())
