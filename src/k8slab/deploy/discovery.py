"""Which URL serves each kind: the API server's discovery documents, read once per group version."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import quote

from ..errors import ApplyError

__all__ = ["Discovery", "Resource"]


@dataclass(frozen=True)
class Resource:
    """One kind as the API server serves it."""

    group: str
    version: str
    plural: str
    kind: str
    namespaced: bool
    listable: bool = field(default=True, compare=False)
    """Whether the server lists it (its discovery verbs include ``list``)."""

    @property
    def api_version(self) -> str:
        """``apps/v1``, or ``v1`` for the core group."""
        return f"{self.group}/{self.version}" if self.group else self.version

    def path(self, namespace: str | None = None, name: str | None = None) -> str:
        """The URL path of the collection (in ``namespace``) or of the object ``name``."""
        base = f"/apis/{self.group}/{self.version}" if self.group else f"/api/{self.version}"
        if self.namespaced and namespace:
            base += f"/namespaces/{quote(namespace, safe='')}"
        base += f"/{self.plural}"
        return f"{base}/{quote(name, safe='')}" if name else base


def _split(api_version: str) -> tuple[str, str]:
    group, _, version = api_version.rpartition("/")
    return group, version


class Getter(Protocol):
    """What discovery needs of a Cluster: GET a path, None for 404 (so this module does not import client)."""

    def get(self, path: str, *, obj: str = "", query: Mapping[str, str] | None = None) -> dict[str, Any] | None: ...


class Discovery:
    """Resolves (apiVersion, kind) to a Resource, caching each group version's resource list."""

    def __init__(self, cluster: Getter) -> None:
        self.cluster = cluster
        self._lists: dict[str, dict[str, Resource] | None] = {}
        self._groups: dict[str, list[str]] | None = None

    def _group_versions(self) -> dict[str, list[str]]:
        """Group → its served versions, preferred first (from ``/apis``; the core group is ``v1``)."""
        if self._groups is None:
            groups: dict[str, list[str]] = {"": ["v1"]}
            for item in (self.cluster.get("/apis") or {}).get("groups") or []:
                preferred = str((item.get("preferredVersion") or {}).get("version") or "")
                versions = [str(v.get("version")) for v in item.get("versions") or []]
                groups[str(item.get("name"))] = [v for v in dict.fromkeys([preferred, *versions]) if v]
            self._groups = groups
        return self._groups

    def find_kind(self, group: str, kind: str) -> Resource | None:
        """The Resource serving ``kind`` of ``group`` in its preferred served version, or None."""
        for version in self._group_versions().get(group, []):
            found = self.find(f"{group}/{version}" if group else version, kind)
            if found is not None:
                return found
        return None

    def namespaced(self) -> list[Resource]:
        """Every namespaced kind the cluster serves, each in its group's preferred version."""
        out: dict[tuple[str, str], Resource] = {}
        for group, versions in self._group_versions().items():
            for version in versions:
                for resource in (self._load(f"{group}/{version}" if group else version) or {}).values():
                    if resource.namespaced and resource.listable:
                        out.setdefault((group, resource.kind), resource)
        return list(out.values())

    def _load(self, api_version: str) -> dict[str, Resource] | None:
        if api_version not in self._lists:
            group, version = _split(api_version)
            path = f"/apis/{group}/{version}" if group else f"/api/{version}"
            answer = self.cluster.get(path)
            kinds: dict[str, Resource] | None = None
            if answer is not None:
                kinds = {}
                for item in answer.get("resources") or []:
                    name = str(item.get("name", ""))
                    if name and "/" not in name:
                        verbs = item.get("verbs")
                        listable = not isinstance(verbs, list) or "list" in verbs
                        kinds[str(item.get("kind"))] = Resource(
                            group, version, name, str(item.get("kind")), bool(item.get("namespaced")), listable
                        )
            self._lists[api_version] = kinds
        return self._lists[api_version]

    def find(self, api_version: str, kind: str) -> Resource | None:
        """The Resource serving ``kind`` in ``api_version``, or None when the cluster does not serve it."""
        kinds = self._load(api_version)
        return kinds.get(kind) if kinds else None

    def forget_missing(self) -> None:
        """Read again the group versions the cluster did not serve (a helm release may have added CRDs)."""
        self._lists = {k: v for k, v in self._lists.items() if v is not None}
        self._groups = None

    def forget(self, api_version: str) -> None:
        """Read ``api_version`` again next time (after a CustomResourceDefinition was applied)."""
        self._lists.pop(api_version, None)
        self._groups = None

    def resolve(self, api_version: str, kind: str, *, obj: str = "", wait: float = 0.0) -> Resource:
        """Like ``find``, but raises ApplyError; with ``wait`` > 0, polls that long for a new CRD to be served."""
        deadline = time.monotonic() + wait
        delay = 0.2
        while True:
            found = self.find(api_version, kind)
            if found is not None:
                return found
            if time.monotonic() >= deadline:
                raise ApplyError(
                    f"the cluster does not serve {kind} in {api_version}; install its CustomResourceDefinition first",
                    obj=obj,
                )
            time.sleep(delay)
            delay = min(delay * 2, 2.0)
            self.forget(api_version)
