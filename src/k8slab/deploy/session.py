"""One stack against one cluster: the connection, discovery, its ApplySet, members and namespaces.

``apply``, ``delete``, ``diff`` and ``status`` all start here, so they agree on which
objects belong to a stack's set and where they live.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Conflict, UsageError
from . import applyset as aset
from .applyset import ApplySet, Parent, group_kind
from .client import APPLY_PATCH, FIELD_MANAGER, Cluster, connect
from .discovery import Discovery, Resource
from .inventory import Live, identity, list_legacy, list_members, ref, stamp
from .result import Change
from .sources import Manifests, as_manifests

__all__ = ["Planned", "Session", "open_session"]


@dataclass(frozen=True)
class Planned:
    """One object of the stack: labelled, namespaced, and the Resource serving it (None: not served yet)."""

    obj: dict[str, Any]
    resource: Resource | None
    note: str = ""
    """Why the object is applied differently than asked (a Namespace kept out of the set)."""

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
    applyset: ApplySet | None = None
    """The stack's set; None for objects applied without a name (no inventory)."""
    parent: Parent = field(default_factory=Parent)
    """What the live parent recorded when the session opened."""
    legacy: bool = False
    """Whether objects of the old ``k8slab.io/stack`` label count: until the parent first exists (then adopted)."""
    _namespaces: dict[str, bool] = field(default_factory=dict)
    _ours: set[str] = field(default_factory=set)
    _spanned: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        """The stack's name, for messages."""
        return self.bundle.name or "(unnamed)"

    @property
    def selector(self) -> str:
        """The label selector of this set's members (``part-of``)."""
        return self.applyset.selector if self.applyset else ""

    def require_set(self, what: str) -> ApplySet:
        """The set; UsageError saying how to name it when there is none (``what``: prune, delete, ...)."""
        if self.applyset is None:
            raise UsageError(
                f"{what} needs the name of the stack's ApplySet, and these manifests carry none (no k8slab mark);"
                " pass --name NAME (name=... in Python), the name the objects were applied under"
            )
        return self.applyset

    def set_namespaces(self, planned: Sequence[Planned] = ()) -> set[str]:
        """The namespaces the set spans: the parent's, those it records, and those of ``planned``."""
        found = {self.applyset.namespace if self.applyset else self.namespace, *self.parent.namespaces}
        for p in planned:
            if p.resource is None or p.resource.namespaced:
                found.add(str(p.obj["metadata"].get("namespace") or self.namespace))
        self._spanned |= found
        return found

    def members(self, planned: Sequence[Planned] = ()) -> list[Live]:
        """The set's live members: ``part-of`` in the recorded and planned kinds, plus objects of the old label."""
        if self.applyset is None:
            return []
        namespaces = self.set_namespaces(planned)
        kinds = {group_kind(str(p.obj["apiVersion"]), str(p.obj["kind"])) for p in planned} | self.parent.group_kinds
        found = list_members(self.cluster, self.discovery, self.applyset, kinds, namespaces)
        if self.legacy:
            pairs = {(str(p.obj["apiVersion"]).rpartition("/")[0], str(p.obj["kind"])) for p in planned}
            found += list_legacy(self.cluster, self.discovery, self.applyset.name, sorted(pairs), namespaces)
        unique: dict[tuple[str, str, str, str], Live] = {}
        for live in found:
            unique.setdefault(identity(live.obj), live)
        return list(unique.values())

    def is_member(self, obj: Mapping[str, Any] | None) -> bool:
        """Whether live ``obj`` belongs to this set (``part-of`` its ID, or the old label in its namespaces)."""
        if obj is None or self.applyset is None:
            return False
        meta = obj.get("metadata") or {}
        labels = meta.get("labels") or {}
        if labels.get(aset.PART_OF) == self.applyset.id:
            return True
        if not self.legacy or labels.get(aset.LEGACY_LABEL) != self.applyset.name:
            return False
        where = meta.get("namespace") or (meta.get("name") if obj.get("kind") == "Namespace" else None)
        return where in self.set_namespaces() | self._spanned

    def write_parent(self, group_kinds: set[str], namespaces: set[str], *, dry_run: bool) -> list[Change]:
        """Apply the parent recording ``group_kinds`` and ``namespaces`` (kubectl's ``updateParent``).

        A conflict on the parent's fields is retried with force, as kubectl does. In a dry run
        whose namespace does not exist yet, nothing is sent. Returns the namespace's and the
        parent's creation, if they were created.
        """
        if self.applyset is None:
            return []
        a = self.applyset
        made: list[Change] = []
        if not self.namespace_exists(a.namespace):
            if dry_run:
                return []
            made += [c for c in [self.ensure_namespace(a.namespace)] if c is not None]
        body = a.parent_body(group_kinds, namespaces)
        query = {"fieldManager": aset.FIELD_MANAGER}
        if dry_run:
            query["dryRun"] = "All"
        for force in (False, True):
            try:
                self.cluster.request(
                    "PATCH",
                    a.parent_path,
                    query={**query, "force": "true"} if force else query,
                    body=body,
                    content_type=APPLY_PATCH,
                    obj=a.parent_ref,
                )
                break
            except Conflict:
                if force:  # pragma: no cover - a forced apply does not conflict
                    raise
        if not self.parent.exists:
            self.parent = Parent(True, frozenset(group_kinds), frozenset(namespaces - {a.namespace}))
            made.append(Change(a.parent_ref, "created", f"the ApplySet parent, {aset.ID_LABEL}={a.id}"))
        return made

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
        obj = stamp(raw, self.applyset, resource, self.namespace)
        if self.applyset is not None and kind == "Namespace" and obj["metadata"]["name"] not in self._ours:
            live = self.cluster.get(resource.path(None, obj["metadata"]["name"]), obj=ref(obj))
            if live is not None and not self.is_member(live):
                del obj["metadata"]["labels"][
                    aset.PART_OF
                ]  # never claim (so never delete) a namespace it did not create
                return Planned(obj, resource, "it existed before: not made part of the set, so never deleted with it")
        return Planned(obj, resource)

    def namespace_exists(self, name: str) -> bool:
        """Whether namespace ``name`` exists (asked once)."""
        if name not in self._namespaces:
            self._namespaces[name] = self.cluster.get(f"/api/v1/namespaces/{name}", obj=f"Namespace {name}") is not None
        return self._namespaces[name]

    def note_namespace(self, name: str, *, exists: bool, ours: bool = False) -> None:
        """Record that namespace ``name`` was just created (in a dry run: is still missing); ``ours``: by the set."""
        self._namespaces[name] = exists
        if ours:
            self._ours.add(name)

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
    mutate: bool = True,
) -> Session:
    """A Session for ``target`` (Stack, Manifests or list of objects) on ``cluster`` or a new connection.

    The set's parent lives in ``namespace``, else the stack's, else the one namespace the objects
    name, else the context's (or ``default``). It is read at once; with ``mutate``, another
    tool's set is refused (ApplyError).
    """
    bundle = as_manifests(target, name=name, namespace=namespace)
    cluster = cluster or connect(context=context, kubeconfig=kubeconfig)
    cluster.redact.add_objects(bundle.objects)
    default = namespace or bundle.namespace or cluster.namespace or "default"
    session = Session(cluster, bundle, default, cluster.discovery())
    if bundle.name is not None:
        from .. import __version__  # k8slab's __init__ imports this package before it sets __version__

        named = {str(o["metadata"]["namespace"]) for o in bundle.objects if o["metadata"].get("namespace")}
        home = namespace or bundle.namespace or (named.pop() if len(named) == 1 else default)
        session.applyset = ApplySet(bundle.name, home, __version__)
        live = cluster.get(session.applyset.parent_path, obj=session.applyset.parent_ref)
        session.parent = session.applyset.read_parent(live, mutate=mutate)
        session.legacy = not session.parent.exists
        _check_inputs(session)
    return session


def _check_inputs(session: Session) -> None:
    """Refuse objects that would clash with the set's bookkeeping (kubectl's ``ApplySet.AddLabels``)."""
    assert session.applyset is not None
    for obj in session.bundle.objects:
        labels = (obj.get("metadata") or {}).get("labels") or {}
        if aset.PART_OF in labels and labels[aset.PART_OF] != session.applyset.id:
            raise UsageError(f"{ref(obj)}: the ApplySet label {aset.PART_OF} is already set in the input")
        meta = obj.get("metadata") or {}
        same = (meta.get("name"), meta.get("namespace") or session.namespace) == (
            session.applyset.parent_name,
            session.applyset.namespace,
        )
        if obj.get("kind") == "Secret" and same:
            raise UsageError(f"{ref(obj)}: the name is taken by the stack's ApplySet parent; rename the Secret")
