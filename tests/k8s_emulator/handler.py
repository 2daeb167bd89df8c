"""The emulator's HTTP handler: auth, injected faults, discovery, and the resource endpoints."""

from __future__ import annotations

import io
import json
import re
import socket
import struct
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, unquote, urlsplit

import yaml

from .kinds import Kind, group_list, resource_list
from .selectors import SelectorError, field_matcher, label_matcher
from .store import ApiError

if TYPE_CHECKING:
    from .server import Emulator, Fault

TOKEN = "emulator-token"
MAX_WATCH_SECONDS = 30.0


_RESOURCE = re.compile(
    r"^/(?:api/(?P<cv>v1)|apis/(?P<g>[^/]+)/(?P<v>[^/]+))"
    r"(?:/namespaces/(?P<ns>[^/]+)(?=/[^/]+))?/(?P<plural>[^/]+)(?:/(?P<name>[^/]+))?$"
)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as separate writes: no 40 ms delayed-ACK stalls
    server: Any
    _raw = b""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    @property
    def emu(self) -> Emulator:
        return self.server.emulator  # type: ignore[no-any-return]

    # ---- plumbing ------------------------------------------------------------------------------

    def _client_certificate(self) -> bool:
        """Whether the client presented a certificate the CA signed (only over TLS)."""
        getpeercert = getattr(self.connection, "getpeercert", None)
        return bool(getpeercert and getpeercert())

    def _send(self, code: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _reset(self) -> None:
        """Abort the connection with a TCP reset, as a crashing proxy or API server would."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True
        self.wfile = io.BytesIO()  # what the base class still flushes goes nowhere

    def _body(self) -> dict[str, Any]:
        raw = self._raw
        try:
            parsed = json.loads(raw) if raw.strip().startswith(b"{") else yaml.safe_load(raw)
        except (ValueError, yaml.YAMLError):
            raise ApiError(400, "BadRequest", "the body does not parse") from None
        if not isinstance(parsed, dict):
            raise ApiError(400, "BadRequest", "the body is not an object")
        return parsed

    def _dispatch(self, method: str) -> None:
        url = urlsplit(self.path)
        path, query = unquote(url.path), dict(parse_qsl(url.query))
        self.emu.record(method, path, query, self.headers.get("Content-Type", ""))
        length = int(self.headers.get("Content-Length") or 0)
        self._raw = self.rfile.read(length) if length else b""  # read first: keep-alive needs it consumed
        try:
            if self.headers.get("Authorization") != f"Bearer {TOKEN}" and not self._client_certificate():
                raise ApiError(401, "Unauthorized", "Unauthorized")
            fault = next(
                (f for f in self.emu.faults if f.times > 0 and f.method == method and re.search(f.path, path)), None
            )
            if fault is not None:
                fault.times -= 1
                if fault.status == "reset":
                    self._reset()
                    return
                raise _injected(fault, method, path)
            self._route(method, path, query)
        except ApiError as err:
            self._send(err.code, err.status())
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_PATCH(self) -> None:
        self._dispatch("PATCH")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    def do_POST(self) -> None:
        self._dispatch("POST")

    # ---- the API -------------------------------------------------------------------------------

    def _route(self, method: str, path: str, query: dict[str, str]) -> None:
        kinds = list(self.emu.store.kinds.values())
        if method == "GET" and path == "/version":
            return self._send(200, {"major": "1", "minor": "33", "gitVersion": "v1.33.0-emulator"})
        if method == "GET" and path == "/api":
            return self._send(200, {"kind": "APIVersions", "versions": ["v1"]})
        if method == "GET" and path == "/apis":
            return self._send(200, group_list(kinds))
        discovery = re.fullmatch(r"/api/(v1)|/apis/([^/]+)/([^/]+)", path)
        if method == "GET" and discovery:
            group, version = (discovery.group(2) or "", discovery.group(3) or discovery.group(1))
            listing = resource_list(group, version, kinds)
            if listing is None:
                raise ApiError(404, "NotFound", "the server could not find the requested resource")
            return self._send(200, listing)
        match = _RESOURCE.match(path)
        if not match:
            raise ApiError(404, "NotFound", "the server could not find the requested resource")
        group = match["g"] or ""
        version = match["cv"] or match["v"]
        kind = self.emu.store.kind(f"{match['plural']}.{group}" if group else match["plural"])
        if kind is None or kind.version != version:
            raise ApiError(404, "NotFound", "the server could not find the requested resource")
        namespace = match["ns"] or ""
        if kind.namespaced is False and namespace:
            raise ApiError(404, "NotFound", "the server could not find the requested resource")
        name = match["name"]
        dry_run = query.get("dryRun") == "All"
        if method == "GET" and name:
            obj = self.emu.store.get(kind, namespace, name)
            if obj is None:
                raise ApiError(404, "NotFound", f'{kind.key} "{name}" not found', {"name": name, "kind": kind.plural})
            return self._send(200, obj)
        if method == "GET" and query.get("watch") in ("true", "1"):
            return self._watch(kind, namespace, query)
        if method == "GET":
            return self._list(kind, namespace, query)
        if method == "PATCH" and name:
            return self._apply(kind, namespace, name, query, dry_run)
        if method == "DELETE" and name:
            return self._send(200, self.emu.store.delete(kind, namespace, name, dry_run=dry_run))
        raise ApiError(405, "MethodNotAllowed", f"{method} is not supported by the emulator here")

    def _apply(self, kind: Kind, namespace: str, name: str, query: dict[str, str], dry_run: bool) -> None:
        if self.headers.get("Content-Type") != "application/apply-patch+yaml":
            raise ApiError(415, "UnsupportedMediaType", "the emulator only serves server-side apply patches")
        body = self._body()
        manager = query.get("fieldManager")
        if not manager:
            raise ApiError(400, "BadRequest", "PatchOptions.meta.k8s.io is invalid: fieldManager is required for apply")
        force = query.get("force") == "true"
        existed = self.emu.store.get(kind, namespace, name) is not None
        answer = self.emu.store.apply(kind, namespace, name, body, manager=manager, force=force, dry_run=dry_run)
        self._send(200 if existed else 201, answer)

    def _matcher(self, query: dict[str, str]) -> Callable[[dict[str, Any]], bool]:
        try:
            labels = label_matcher(query.get("labelSelector", ""))
            fields = field_matcher(query.get("fieldSelector", ""))
        except SelectorError as err:
            raise ApiError(400, "BadRequest", str(err)) from None
        return lambda obj: labels(obj) and fields(obj)

    def _list(self, kind: Kind, namespace: str, query: dict[str, str]) -> None:
        items = self.emu.store.select(kind, namespace, self._matcher(query))
        if not kind.custom:
            items = [{k: v for k, v in i.items() if k not in ("apiVersion", "kind")} for i in items]
        version = str(self.emu.store.version)
        self._send(
            200,
            {
                "kind": f"{kind.kind}List",
                "apiVersion": kind.api_version,
                "metadata": {"resourceVersion": version},
                "items": items,
            },
        )

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _watch(self, kind: Kind, namespace: str, query: dict[str, str]) -> None:
        match = self._matcher(query)
        store = self.emu.store
        seconds = min(float(query.get("timeoutSeconds") or MAX_WATCH_SECONDS), MAX_WATCH_SECONDS)
        deadline = time.monotonic() + seconds
        since = int(query.get("resourceVersion") or 0)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.wfile.flush()
        if since == 0:
            for obj in store.select(kind, namespace, match):
                self._chunk(json.dumps({"type": "ADDED", "object": obj}).encode() + b"\n")
            since = store.version
        for hook in self.emu.on_watch:
            hook(kind, namespace)
        while not self.emu.stopping:
            with store.changed:
                fresh = [e for e in store.events if e[0] > since and e[1] == kind.key]
                if not fresh:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        break
                    store.changed.wait(remaining)
                    continue
            for number, _, event_type, obj in fresh:
                since = number
                in_namespace = not namespace or obj["metadata"].get("namespace") == namespace
                if in_namespace and match(obj):
                    self._chunk(json.dumps({"type": event_type, "object": obj}).encode() + b"\n")
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()


def _injected(fault: Fault, method: str, path: str) -> ApiError:
    status = int(fault.status)
    plural = path.rstrip("/").split("/")[-2] if path.count("/") > 3 else path.rsplit("/", 1)[-1]
    verb = {"GET": "get", "PATCH": "patch", "DELETE": "delete"}.get(method, method.lower())
    if status == 403:
        message = fault.message or f'{plural} is forbidden: User "tester" cannot {verb} resource "{plural}"'
        return ApiError(403, "Forbidden", message)
    if status == 401:
        return ApiError(401, "Unauthorized", "Unauthorized")
    if status == 422:
        return ApiError(422, "Invalid", fault.message or "the object is invalid", {"causes": list(fault.causes)})
    if status == 409:
        return ApiError(409, "Conflict", fault.message or "conflict", {"causes": list(fault.causes)})
    return ApiError(status, "InternalError" if status == 500 else "ServiceUnavailable", fault.message or "try again")
