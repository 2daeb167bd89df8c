"""InitFetch: an init container that downloads a URL into a volume the app's containers share.

See https://kubernetes.io/docs/concepts/workloads/pods/init-containers/
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import KW_ONLY
from typing import Any
from urllib.parse import urlsplit

from pydantic import Field

from .._model import Checks, builder
from ..types import ConfigKey, DNSLabel, Image, is_absolute_path
from .base import RenderContext
from .limits import Limits
from .security import CONTAINER_SECURITY, Security

__all__ = ["InitFetch"]

_DOCS = "https://kubernetes.io/docs/concepts/workloads/pods/init-containers/"
DEFAULT_IMAGE = "curlimages/curl:8.11.1"

# The download script reads everything from environment variables, so no user value is
# ever spliced into shell code. It writes to a temporary name and renames only after the
# optional checksum passed: the app never sees a partial or unverified file.
_SCRIPT = """set -eu
part="$FETCH_DIR/.$FETCH_FILE.part"
curl --fail --silent --show-error --location --proto '=https,http' \\
  --retry "$FETCH_RETRIES" --retry-all-errors --connect-timeout 10 --max-time "$FETCH_TIMEOUT" \\
  --output "$part" "$FETCH_URL"
if [ -n "$FETCH_SHA256" ]; then echo "$FETCH_SHA256  $part" | sha256sum -c -; fi
mv "$part" "$FETCH_DIR/$FETCH_FILE"
"""


@builder
class InitFetch:
    """Download ``url`` before the app starts; the file appears at ``path`` in the app's containers.

    ``InitFetch(url="https://example.com/index.html", path="/app/static")``
    """

    url: str = Field(description=f"The http(s) URL to download. See {_DOCS}")
    path: str = Field(description="Directory in the app's containers where the file lands (read-only there).")
    _: KW_ONLY
    filename: ConfigKey | None = Field(
        default=None, description="The file's name in ``path``. Default: None (the URL's last path segment)."
    )
    sha256: str | None = Field(
        default=None, pattern=r"^[0-9a-f]{64}$", description="Expected sha256 (hex) of the file. Default: None."
    )
    image: Image = Field(default=DEFAULT_IMAGE, description=f"Image with curl and sh. Default: '{DEFAULT_IMAGE}'.")
    retries: int = Field(default=3, ge=0, le=20, description="Retries after a failed attempt. Default: 3.")
    timeout_seconds: int = Field(default=60, ge=1, le=3600, description="Time limit per attempt. Default: 60.")
    name: DNSLabel | None = Field(
        default=None, description="Init container and volume name. Default: None ('fetch-N' by position)."
    )
    limits: Limits = Field(
        default_factory=lambda: Limits(cpu="100m", memory="64Mi"),
        description="Resources of the init container. Default: Limits(cpu='100m', memory='64Mi').",
    )

    def __post_init__(self) -> None:
        checks = Checks("InitFetch")
        try:
            parts = urlsplit(self.url)
            ok = parts.scheme in ("http", "https") and bool(parts.hostname) and not any(c.isspace() for c in self.url)
        except ValueError:  # e.g. an invalid IPv6 host or port
            ok = False
        if not ok:
            checks.add("url", "must be an http:// or https:// URL with a host")
        if not is_absolute_path(self.path):
            checks.add("path", "must be an absolute, normalized directory (e.g. '/app/static')")
        if ok and self.file_name() == "":
            checks.add("filename", "is required when the URL has no file name")
        checks.done()

    def file_name(self) -> str:
        """The downloaded file's name."""
        if self.filename:
            return self.filename
        last = posixpath.basename(urlsplit(self.url).path)
        return last if re.fullmatch(r"[-._a-zA-Z0-9]+", last) and last not in (".", "..") else ""

    def container_name(self, index: int) -> str:
        """The init container's (and its volume's) name."""
        return self.name or f"fetch-{index}"

    def render_container(self, index: int, security: Security, ctx: RenderContext) -> dict[str, Any]:
        """The init container."""
        env = {
            "FETCH_DIR": self.path,
            "FETCH_FILE": self.file_name(),
            "FETCH_RETRIES": str(self.retries),
            "FETCH_SHA256": self.sha256 or "",
            "FETCH_TIMEOUT": str(self.timeout_seconds),
            "FETCH_URL": ctx.value(f"initFetch.{self.container_name(index)}.url", self.url, type="string"),
        }
        return {
            "command": ["sh", "-c", _SCRIPT],
            "env": [{"name": k, "value": v} for k, v in env.items()],
            "image": self.image,
            "imagePullPolicy": "Always",
            "name": self.container_name(index),
            "resources": self.limits.render(),
            "securityContext": ctx.value(
                "containerSecurityContext", security.container_context(), **CONTAINER_SECURITY
            ),
            "volumeMounts": [{"mountPath": self.path, "name": self.container_name(index)}],
        }

    def render_volume(self, index: int) -> dict[str, Any]:
        """The shared emptyDir volume."""
        return {"emptyDir": {"sizeLimit": "256Mi"}, "name": self.container_name(index)}

    def render_mount(self, index: int) -> dict[str, Any]:
        """The app container's read-only mount of the fetched file's directory."""
        return {"mountPath": self.path, "name": self.container_name(index), "readOnly": True}
