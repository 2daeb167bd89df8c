"""The emulator's objects: server-side apply, delete, list, status updates, and the event log watches read."""

from __future__ import annotations

import base64
import copy
import datetime
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import fields
from .kinds import BUILTIN, Kind, kinds_of_crd

ObjectKey = tuple[str, str, str]  # (kind key, namespace or "", name)


class ApiError(Exception):
    """An error answer: HTTP status, Status reason, message and details."""

    def __init__(self, code: int, reason: str, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code, self.reason, self.message, self.details = code, reason, message, details or {}

    def status(self) -> dict[str, Any]:
        """The ``Status`` object the API server would send."""
        body: dict[str, Any] = {
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Failure",
            "message": self.message,
            "reason": self.reason,
            "code": self.code,
        }
        if self.details:
            body["details"] = self.details
        return body


@dataclass
class Entry:
    """One managedFields entry."""

    manager: str
    operation: str
    api_version: str
    paths: set[fields.Path] = field(default_factory=set)


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _spec_part(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if k not in ("metadata", "status")}


class Store:
    """Objects by (kind, namespace, name), their field managers, and every change as a numbered event."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.version = 100
        self.kinds: dict[str, Kind] = {k.key: k for k in BUILTIN}
        self.objects: dict[ObjectKey, dict[str, Any]] = {}
        self.managers: dict[ObjectKey, list[Entry]] = {}
        self.events: list[tuple[int, str, str, dict[str, Any]]] = []
        self.validators: list[Callable[[Kind, dict[str, Any]], None]] = [_no_negative_replicas]

    # ---- reading -------------------------------------------------------------------------------

    def kind(self, key: str) -> Kind | None:
        return self.kinds.get(key)

    def render(self, kind: Kind, key: ObjectKey) -> dict[str, Any]:
        obj = copy.deepcopy(self.objects[key])
        obj["metadata"]["managedFields"] = [
            {
                "manager": e.manager,
                "operation": e.operation,
                "apiVersion": e.api_version,
                "time": obj["metadata"].get("creationTimestamp"),
                "fieldsType": "FieldsV1",
                "fieldsV1": fields.fields_v1(e.paths),
            }
            for e in self.managers.get(key, [])
        ]
        return {"apiVersion": kind.api_version, "kind": kind.kind, **obj}

    def get(self, kind: Kind, namespace: str, name: str) -> dict[str, Any] | None:
        with self.changed:
            key = (kind.key, namespace, name)
            return self.render(kind, key) if key in self.objects else None

    def select(self, kind: Kind, namespace: str, match: Callable[[dict[str, Any]], bool]) -> list[dict[str, Any]]:
        with self.changed:
            return [
                self.render(kind, key)
                for key in sorted(self.objects)
                if key[0] == kind.key and (not namespace or key[1] == namespace)
                if match(self.objects[key])
            ]

    # ---- writing -------------------------------------------------------------------------------

    def _emit(self, kind: Kind, kind_of_event: str, key: ObjectKey) -> None:
        self.events.append((self.version, kind.key, kind_of_event, self.render(kind, key)))
        self.changed.notify_all()

    def _bump(self) -> str:
        self.version += 1
        return str(self.version)

    def _check_namespace(self, kind: Kind, namespace: str) -> None:
        if kind.namespaced and ("namespaces", "", namespace) not in self.objects:
            raise ApiError(
                404, "NotFound", f'namespaces "{namespace}" not found', {"name": namespace, "kind": "namespaces"}
            )

    def apply(
        self,
        kind: Kind,
        namespace: str,
        name: str,
        body: dict[str, Any],
        *,
        manager: str,
        force: bool = False,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Server-side apply ``body`` as ``manager``: create or merge, with conflicts per field manager."""
        meta = body.get("metadata") or {}
        if body.get("kind") != kind.kind or body.get("apiVersion") != kind.api_version:
            raise ApiError(400, "BadRequest", f"the body is a {body.get('kind')}, the URL names a {kind.kind}")
        if meta.get("name") != name or meta.get("namespace", namespace) != namespace:
            raise ApiError(400, "BadRequest", "the name or namespace in the body does not match the URL")
        with self.changed:
            self._check_namespace(kind, namespace)
            for validate in self.validators:
                validate(kind, body)
            key = (kind.key, namespace, name)
            live = self.objects.get(key)
            entries = copy.deepcopy(self.managers.get(key, []))
            applied = fields.leaves(body)
            conflicts = [
                (e, path)
                for e in entries
                if not (e.manager == manager and e.operation == "Apply")
                for path in sorted(applied & e.paths)
                if live is not None and fields.get(live, path) != fields.get(body, path)
            ]
            if conflicts and not force:
                raise _conflict_error(kind, name, conflicts)
            for e, path in conflicts:
                e.paths.discard(path)
            mine = next((e for e in entries if e.manager == manager and e.operation == "Apply"), None)
            merged = copy.deepcopy(live) if live is not None else {"metadata": {}}
            if mine is not None:
                others = set().union(*(e.paths for e in entries if e is not mine))
                for path in mine.paths - applied - others:
                    fields.remove(merged, path)
            for path in applied:
                fields.put(merged, path, fields.get(body, path))
            if mine is None:
                mine = Entry(manager, "Apply", kind.api_version)
                entries.append(mine)
            mine.paths = applied
            entries = [e for e in entries if e.paths]
            _convert_string_data(kind, merged)
            if live is not None and merged == live and _same(entries, self.managers.get(key, [])):
                return self.render(kind, key)
            return self._store(kind, key, merged, live, entries, dry_run)

    def _store(
        self,
        kind: Kind,
        key: ObjectKey,
        merged: dict[str, Any],
        live: dict[str, Any] | None,
        entries: list[Entry],
        dry_run: bool,
    ) -> dict[str, Any]:
        meta = merged.setdefault("metadata", {})
        meta["name"] = key[2]
        if kind.namespaced:
            meta["namespace"] = key[1]
        if live is None:
            meta.update(uid=str(uuid.uuid4()), creationTimestamp=_now(), generation=1)
            merged.setdefault("status", _initial_status(kind))
        elif _spec_part(merged) != _spec_part(live):
            meta["generation"] = int(live["metadata"].get("generation", 1)) + 1
        if dry_run:
            saved_obj, saved_entries = self.objects.get(key), self.managers.get(key)
            self.objects[key], self.managers[key] = merged, entries
            try:
                return self.render(kind, key)
            finally:
                if saved_obj is None:
                    del self.objects[key], self.managers[key]
                else:
                    self.objects[key], self.managers[key] = saved_obj, saved_entries or []
        meta["resourceVersion"] = self._bump()
        self.objects[key], self.managers[key] = merged, entries
        if kind.kind == "CustomResourceDefinition":
            for added in kinds_of_crd(merged):
                self.kinds[added.key] = added
        self._emit(kind, "ADDED" if live is None else "MODIFIED", key)
        return self.render(kind, key)

    def set_status(self, kind: Kind, namespace: str, name: str, status: dict[str, Any]) -> None:
        """Replace an object's status, as a controller would (a new resourceVersion, a MODIFIED event)."""
        with self.changed:
            key = (kind.key, namespace, name)
            self.objects[key]["status"] = copy.deepcopy(status)
            self.objects[key]["metadata"]["resourceVersion"] = self._bump()
            self._emit(kind, "MODIFIED", key)

    def delete(self, kind: Kind, namespace: str, name: str, *, dry_run: bool = False) -> dict[str, Any]:
        """Delete an object (a namespace takes its objects with it)."""
        with self.changed:
            key = (kind.key, namespace, name)
            if key not in self.objects:
                raise ApiError(404, "NotFound", f'{kind.key} "{name}" not found', {"name": name, "kind": kind.plural})
            answer = self.render(kind, key)
            if dry_run:
                return answer
            if kind.kind == "Namespace":
                for inner in [k for k in self.objects if k[1] == name]:
                    self._remove(self.kinds[inner[0]], inner)
            self._remove(kind, key)
            return answer

    def _remove(self, kind: Kind, key: ObjectKey) -> None:
        self.objects[key]["metadata"]["resourceVersion"] = self._bump()
        self._emit(kind, "DELETED", key)
        del self.objects[key]
        self.managers.pop(key, None)


def _same(a: list[Entry], b: list[Entry]) -> bool:
    return [(e.manager, e.operation, e.paths) for e in a] == [(e.manager, e.operation, e.paths) for e in b]


def _initial_status(kind: Kind) -> dict[str, Any]:
    if kind.kind == "Namespace":
        return {"phase": "Active"}
    if kind.kind == "PersistentVolumeClaim":
        return {"phase": "Pending"}
    return {}


def _convert_string_data(kind: Kind, obj: dict[str, Any]) -> None:
    if kind.kind == "Secret" and obj.get("stringData"):
        data = obj.setdefault("data", {})
        for k, v in obj.pop("stringData").items():
            data[k] = base64.b64encode(str(v).encode()).decode()


def _conflict_error(kind: Kind, name: str, conflicts: list[tuple[Entry, fields.Path]]) -> ApiError:
    causes = [
        {
            "type": "FieldManagerConflict",
            "message": f'conflict with "{e.manager}" using {e.api_version}',
            "field": fields.dotted(path),
        }
        for e, path in conflicts
    ]
    lines = "\n".join(f"{c['message']}: {c['field']}" for c in causes)
    noun = "conflict" if len(causes) == 1 else "conflicts"
    return ApiError(409, "Conflict", f"Apply failed with {len(causes)} {noun}: {lines}", {"causes": causes})


def _no_negative_replicas(kind: Kind, body: dict[str, Any]) -> None:
    replicas = (body.get("spec") or {}).get("replicas")
    if isinstance(replicas, int) and replicas < 0:
        name = (body.get("metadata") or {}).get("name")
        group = f".{kind.group}" if kind.group else ""
        message = f"Invalid value: {replicas}: must be greater than or equal to 0"
        raise ApiError(
            422,
            "Invalid",
            f'{kind.kind}{group} "{name}" is invalid: spec.replicas: {message}',
            {
                "name": name,
                "group": kind.group,
                "kind": kind.plural,
                "causes": [{"reason": "FieldValueInvalid", "message": message, "field": "spec.replicas"}],
            },
        )
