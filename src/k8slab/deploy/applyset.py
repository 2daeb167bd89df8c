"""The inventory: a Kubernetes ApplySet (KEP-3659), as ``kubectl apply --prune --applyset`` keeps it.

A stack named ``web`` in namespace ``team-a`` is the ApplySet whose parent is the Secret
``team-a/applyset-web``. The parent carries the set's ID as the label
``applyset.kubernetes.io/id``, the tool that manages it (``applyset.kubernetes.io/tooling:
k8slab/v<version>``), every group-kind the set holds (``contains-group-kinds``) and the
namespaces besides its own (``additional-namespaces``). Each member carries
``applyset.kubernetes.io/part-of: <ID>``. The ID hashes the parent's name, namespace, kind and
group, so two stacks named ``web`` in two namespaces are two sets that never see each other.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import ApplyError, UsageError

__all__ = [
    "ADDITIONAL_NAMESPACES",
    "CONTAINS_GROUP_KINDS",
    "FIELD_MANAGER",
    "ID_LABEL",
    "LEGACY_LABEL",
    "PARENT_PREFIX",
    "PART_OF",
    "TOOL",
    "TOOLING",
    "ApplySet",
    "Parent",
    "applyset_id",
    "check_name",
    "group_kind",
    "parse_group_kind",
]

ID_LABEL = "applyset.kubernetes.io/id"
"""The parent's label holding the set's ID."""
PART_OF = "applyset.kubernetes.io/part-of"
"""The members' label holding the set's ID."""
TOOLING = "applyset.kubernetes.io/tooling"
"""The parent's annotation naming the tool that manages the set (``<tool>/<semver>``)."""
CONTAINS_GROUP_KINDS = "applyset.kubernetes.io/contains-group-kinds"
"""The parent's annotation listing the set's group-kinds, sorted, comma-separated (``ConfigMap,Deployment.apps``)."""
ADDITIONAL_NAMESPACES = "applyset.kubernetes.io/additional-namespaces"
"""The parent's annotation listing the set's namespaces other than the parent's own."""
LEGACY_LABEL = "k8slab.io/stack"
"""The label earlier k8slab versions used as inventory; objects carrying it are adopted on the next apply."""
TOOL = "k8slab"
"""The tool name in the tooling annotation."""
FIELD_MANAGER = "k8slab-applyset"
"""The field manager of the parent and of adoptions (kubectl's is ``kubectl-applyset``)."""
PARENT_PREFIX = "applyset-"
"""The parent Secret of set ``NAME`` is named ``applyset-NAME``."""

_SUBDOMAIN = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")


def applyset_id(name: str, namespace: str, kind: str = "Secret", group: str = "") -> str:
    """The ID of the set whose parent is ``kind.group`` ``namespace/name``.

    Mirrors kubectl's ``ApplySet.ID`` (pkg/cmd/apply/applyset.go): ``applyset-`` +
    base64url without padding of sha256(``<name>.<namespace>.<kind>.<group>``) + ``-v1``.
    """
    digest = hashlib.sha256(".".join([name, namespace, kind, group]).encode()).digest()
    return f"applyset-{base64.urlsafe_b64encode(digest).rstrip(b'=').decode()}-v1"


def group_kind(api_version: str, kind: str) -> str:
    """``Kind.group``, or ``Kind`` for the core group (Go's ``schema.GroupKind.String``)."""
    group = api_version.rpartition("/")[0]
    return f"{kind}.{group}" if group else kind


def parse_group_kind(text: str) -> tuple[str, str]:
    """(group, kind) of ``Deployment.apps`` or ``ConfigMap`` (Go's ``schema.ParseGroupKind``)."""
    kind, _, group = text.partition(".")
    return group, kind


def check_name(name: str) -> str:
    """``name`` if it can name a set (its parent Secret is ``applyset-NAME``); UsageError otherwise."""
    if not (_SUBDOMAIN.fullmatch(name) and len(PARENT_PREFIX + name) <= 253):
        raise UsageError(
            f"{name!r} cannot name a stack: it names the ApplySet parent Secret {PARENT_PREFIX}NAME, so it must be"
            " lowercase letters, digits, '-' and '.', starting and ending with a letter or digit"
        )
    return name


def _split(value: str | None) -> set[str]:
    return {v for v in (value or "").split(",") if v}


@dataclass(frozen=True)
class Parent:
    """What the live parent records (empty when it does not exist yet)."""

    exists: bool = False
    group_kinds: frozenset[str] = frozenset()
    namespaces: frozenset[str] = frozenset()
    """The additional namespaces (the parent's own is implied)."""


@dataclass(frozen=True)
class ApplySet:
    """One set: its name and namespace, hence its parent Secret and its ID."""

    name: str
    namespace: str
    version: str = field(default="", compare=False)
    """k8slab's version, for the tooling annotation."""

    @property
    def parent_name(self) -> str:
        """The parent Secret's name."""
        return PARENT_PREFIX + self.name

    @property
    def parent_ref(self) -> str:
        """``Secret namespace/applyset-NAME``."""
        return f"Secret {self.namespace}/{self.parent_name}"

    @property
    def parent_path(self) -> str:
        """The parent's URL path."""
        return f"/api/v1/namespaces/{self.namespace}/secrets/{self.parent_name}"

    @property
    def id(self) -> str:
        """The set's ID, the value of ``applyset.kubernetes.io/id`` and ``part-of``."""
        return applyset_id(self.parent_name, self.namespace)

    @property
    def selector(self) -> str:
        """The label selector of the members."""
        return f"{PART_OF}={self.id}"

    @property
    def tooling(self) -> str:
        """``k8slab/v<version>``, as kubectl writes ``kubectl/v1.33.0``."""
        return f"{TOOL}/v{self.version or '0.0.0'}"

    def read_parent(self, live: Mapping[str, Any] | None, *, mutate: bool) -> Parent:
        """What the live parent records; ApplyError if it is not this tool's parent of this set.

        Mirrors kubectl's ``ApplySet.fetchParent``: the tooling annotation must name this tool
        (only checked when ``mutate``: reading another tool's set is fine) and the ID label must match.
        """
        if live is None:
            return Parent()
        meta = live.get("metadata") or {}
        labels, annotations = meta.get("labels") or {}, meta.get("annotations") or {}
        tooling = annotations.get(TOOLING)
        if labels.get(ID_LABEL) != self.id and tooling is None:
            raise ApplyError(
                f"exists but is not an ApplySet parent (no {ID_LABEL} label); rename the stack or remove the Secret",
                obj=self.parent_ref,
            )
        if mutate and tooling is None:
            raise ApplyError(
                f"is an ApplySet parent without the {TOOLING} annotation; k8slab changes only its own sets",
                obj=self.parent_ref,
            )
        manager = "/".join(str(tooling).split("/")[:-1]) if "/" in str(tooling) else str(tooling)  # toolingBaseName
        if mutate and manager != TOOL:
            raise ApplyError(
                f"is the ApplySet parent of another tool ({TOOLING}: {tooling!r}); k8slab changes only its own sets",
                obj=self.parent_ref,
            )
        if labels.get(ID_LABEL) != self.id:
            raise ApplyError(
                f"has {ID_LABEL}={labels.get(ID_LABEL)!r} but this set's ID is {self.id}", obj=self.parent_ref
            )
        return Parent(
            True,
            frozenset(_split(annotations.get(CONTAINS_GROUP_KINDS))),
            frozenset(_split(annotations.get(ADDITIONAL_NAMESPACES)) - {self.namespace}),
        )

    def parent_body(self, group_kinds: Iterable[str], namespaces: Iterable[str]) -> dict[str, Any]:
        """The parent as applied: kubectl's ``buildParentPatch``, with every annotation always present."""
        return {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {
                "name": self.parent_name,
                "namespace": self.namespace,
                "labels": {ID_LABEL: self.id},
                "annotations": {
                    TOOLING: self.tooling,
                    CONTAINS_GROUP_KINDS: ",".join(sorted(set(group_kinds))),
                    ADDITIONAL_NAMESPACES: ",".join(sorted(set(namespaces) - {self.namespace, ""})),
                },
            },
        }
