"""HTTP to one API server: JSON requests and watch streams, with bounded retries and clear errors.

TLS, client certificates, proxies and tokens come from the official ``kubernetes`` client's
configuration (see ``kubeconfig.py``); requests go through its urllib3 pool. Transient failures
(5xx, 429, connection resets and refusals, timeouts) are retried with exponential backoff, a
bounded number of times; every other failure becomes one k8slab error (see ``failures.py``).
"""

from __future__ import annotations

import contextlib
import datetime
import json
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import urllib3

from ..errors import ApplyError, ClusterUnreachable, UsageError
from .discovery import Discovery
from .failures import describe, error_from_status
from .kubeconfig import Connection, load
from .secrets import Redactor

__all__ = ["APPLY_PATCH", "FIELD_MANAGER", "Cluster", "Retries", "WatchStream", "connect"]

FIELD_MANAGER = "k8slab"
"""The field manager name k8slab's server-side applies use."""
APPLY_PATCH = "application/apply-patch+yaml"
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Retries:
    """How transient failures are retried: ``attempts`` tries in all, sleeping ``backoff * 2**n`` (≤ ``max_sleep``)."""

    attempts: int = 4
    backoff: float = 0.25
    max_sleep: float = 5.0

    def sleep(self, attempt: int, retry_after: str | None = None) -> None:
        """Sleep before try ``attempt + 1``; a Retry-After header is honoured up to ``max_sleep``."""
        delay = self.backoff * 2**attempt
        if retry_after and retry_after.isdigit():
            delay = max(delay, float(retry_after))
        time.sleep(min(delay, self.max_sleep))


def _network_reason(err: Exception) -> str:
    text = str(err).lower()
    unresolved = getattr(urllib3.exceptions, "NameResolutionError", ())  # urllib3 2 only
    if isinstance(err, unresolved) or "name or service not known" in text:
        return "its host name does not resolve"
    if "refused" in text:
        return "connection refused"
    if isinstance(err, urllib3.exceptions.ReadTimeoutError):
        return "no answer in time"
    if isinstance(err, urllib3.exceptions.ConnectTimeoutError):
        return "connection timed out"
    if isinstance(err, urllib3.exceptions.ProtocolError) or "reset" in text:
        return "connection reset"
    return type(err).__name__


def _json_value(value: Any) -> str:
    """YAML reads unquoted dates as dates; the API server, like kubectl, gets them as strings."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    raise UsageError(f"a value of type {type(value).__name__} cannot be sent to the API server")


class WatchStream:
    """The events of one watch request, one decoded JSON object per line."""

    def __init__(self, response: Any) -> None:
        self._response = response

    def __iter__(self) -> Iterator[dict[str, Any]]:
        buffer = b""
        try:
            for chunk in self._response.stream(8192, decode_content=True):
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                for line in lines:
                    if line.strip():
                        yield json.loads(line)
        except (urllib3.exceptions.HTTPError, OSError, ValueError):
            return  # the stream ended early; the watcher lists again
        finally:
            self.close()  # never hand a connection with unread stream data back to the pool

    def close(self) -> None:
        """End the stream and its connection, also from another thread."""
        with contextlib.suppress(AttributeError, ValueError, RuntimeError, OSError):
            self._response.shutdown()  # wakes a thread blocked reading it (urllib3 ≥ 2.3)
        with contextlib.suppress(OSError):
            self._response.close()


class Cluster:
    """One API server, as reached through a kubeconfig context."""

    def __init__(self, connection: Connection, *, retries: Retries | None = None) -> None:
        from kubernetes.client.rest import RESTClientObject

        self.connection = connection
        self.retries = retries or Retries()
        self.redact = Redactor()
        """Masks the values of every Secret this cluster object was asked to apply."""
        self._pool = RESTClientObject(connection.configuration).pool_manager
        self._discovery: Discovery | None = None

    def discovery(self) -> Discovery:
        """The cluster's resource discovery, shared by every stack applied through this object.

        What the cluster serves is read once per group version; what it did not serve is
        read again for each new stack, since CRDs may have been installed in between.
        """
        if self._discovery is None:
            self._discovery = Discovery(self)
        else:
            self._discovery.forget_missing()
        return self._discovery

    @property
    def host(self) -> str:
        """The API server's URL."""
        return self.connection.host

    @property
    def namespace(self) -> str | None:
        """The context's default namespace, when it sets one."""
        return self.connection.namespace

    def __repr__(self) -> str:
        return f"Cluster({self.host!r}, context={self.connection.context!r})"

    def _headers(self, content_type: str | None) -> dict[str, str]:
        headers = {"Accept": "application/json", "User-Agent": "k8slab"}
        for setting in self.connection.configuration.auth_settings().values():
            if setting.get("in") == "header" and setting.get("value"):
                headers[setting["key"]] = setting["value"]
        if content_type:
            headers["Content-Type"] = content_type
        return headers

    def _send(
        self,
        method: str,
        path: str,
        query: Mapping[str, str],
        body: bytes | None,
        content_type: str | None,
        read_timeout: float,
        stream: bool,
    ) -> Any:
        url = self.host.rstrip("/") + path + (f"?{urlencode(query)}" if query else "")
        timeout = urllib3.Timeout(connect=10.0, read=read_timeout)
        last, retry_after = "", None
        for attempt in range(self.retries.attempts):
            try:
                response = self._pool.request(
                    method,
                    url,
                    body=body,
                    headers=self._headers(content_type),
                    timeout=timeout,
                    retries=False,
                    preload_content=not stream,
                )
            except urllib3.exceptions.SSLError as err:
                raise ClusterUnreachable(
                    f"TLS with the API server at {self.host} (context {self.connection.context}) failed: {err}"
                ) from None
            except (urllib3.exceptions.HTTPError, OSError) as err:
                last = _network_reason(err)
            else:
                if response.status not in _RETRY_STATUSES or attempt + 1 == self.retries.attempts:
                    return response
                last, retry_after = f"{response.status} {response.reason}", response.headers.get("Retry-After")
                response.drain_conn()
                response.release_conn()
            if attempt + 1 < self.retries.attempts:
                self.retries.sleep(attempt, retry_after)
        verb, resource = describe(method, path, query)
        raise ClusterUnreachable(
            f"cannot reach the API server at {self.host} (context {self.connection.context}): {last},"
            f" {self.retries.attempts} tries, when trying to {verb} {resource}; is the cluster running"
            " (e.g. `minikube start`)?"
        )

    def _raise_for(self, response: Any, method: str, path: str, query: Mapping[str, str], obj: str) -> None:
        verb, resource = describe(method, path, query)
        raise error_from_status(
            response.status,
            str(response.reason or ""),
            response.data or b"",
            verb=verb,
            resource=resource,
            obj=obj,
            secret=obj.startswith("Secret "),
            redact=self.redact,
        )

    def server_apply(
        self, path: str, obj: Mapping[str, Any], *, ref: str, force: bool = False, dry_run: bool = False
    ) -> dict[str, Any] | None:
        """Server-side apply ``obj`` at ``path`` as field manager ``k8slab``; the server's answer."""
        query = {"fieldManager": FIELD_MANAGER}
        if force:
            query["force"] = "true"
        if dry_run:
            query["dryRun"] = "All"
        return self.request("PATCH", path, query=query, body=obj, content_type=APPLY_PATCH, obj=ref)

    def request(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, str] | None = None,
        body: Mapping[str, Any] | None = None,
        content_type: str | None = None,
        obj: str = "",
        missing_ok: bool = False,
        timeout: float = 60.0,
    ) -> dict[str, Any] | None:
        """Send one request; the decoded JSON answer, or None for a 404 when ``missing_ok``.

        ``obj`` names the object concerned (``Kind namespace/name``) in any error raised.
        """
        query = dict(query or {})
        data = json.dumps(body, default=_json_value).encode() if body is not None else None
        if data is not None and content_type is None:
            content_type = "application/json"
        response = self._send(method, path, query, data, content_type, timeout, stream=False)
        if response.status == 404 and missing_ok:
            return None
        if not 200 <= response.status < 300:
            self._raise_for(response, method, path, query, obj)
        try:
            answer = json.loads(response.data or b"{}")
        except ValueError:
            raise ApplyError(f"the API server at {self.host} answered {path} with something other than JSON") from None
        return answer if isinstance(answer, dict) else {}

    def get(self, path: str, *, obj: str = "", query: Mapping[str, str] | None = None) -> dict[str, Any] | None:
        """GET ``path``; None when it does not exist."""
        return self.request("GET", path, query=query, obj=obj, missing_ok=True)

    def watch(self, path: str, query: Mapping[str, str], *, seconds: int) -> WatchStream:
        """Open a watch on the collection at ``path``; the server ends it after ``seconds``."""
        query = {**query, "watch": "true", "timeoutSeconds": str(max(1, seconds)), "allowWatchBookmarks": "true"}
        response = self._send("GET", path, query, None, None, seconds + 15.0, stream=True)
        if not 200 <= response.status < 300:
            response.read()
            self._raise_for(response, "GET", path, query, "")
        return WatchStream(response)


def connect(
    *, context: str | None = None, kubeconfig: str | Path | None = None, retries: Retries | None = None
) -> Cluster:
    """A Cluster for ``context`` of ``kubeconfig`` (defaults: the current context of $KUBECONFIG or ~/.kube/config).

    Inside a pod without a kubeconfig, the pod's service account is used.
    Raises KubeconfigError when the file or the context cannot be used; no request is sent yet.
    """
    return Cluster(load(kubeconfig, context), retries=retries)
