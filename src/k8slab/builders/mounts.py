"""How an App uses a Secret or a Config: as environment variables (``Env``) or as files (``Mount``).

See https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets and
https://kubernetes.io/docs/concepts/configuration/configmap/#using-configmaps
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import KW_ONLY
from typing import Any

from pydantic import Field

from .._model import Checks, builder
from ..types import ENV_NAME_RULE, ConfigKey, EnvName, is_absolute_path, is_env_name
from .base import RenderContext
from .source import KeyedSource, SecretOrConfig

__all__ = ["Env", "Mount", "source_name", "volume_name"]


def volume_name(source: KeyedSource) -> str:
    """The pod volume name for a source: ``secret-NAME`` or ``config-NAME``, as a DNS label."""
    prefix = "secret" if source.kind == "Secret" else "config"
    return f"{prefix}-{source.name.replace('.', '-')}"[:63].rstrip("-")


def source_name(source: KeyedSource, ctx: RenderContext) -> str:
    """The name under which a pod refers to a source: a reference keeps its name as given."""
    if source.existing:
        return source.name
    return ctx.reference(source.kind, source.name)


MOUNT_PATH_RULE = "must be an absolute, normalized path without ':' (e.g. '/app/config')"


def _is_item_path(rel: str) -> bool:
    """A relative file path below the volume (the API server's ``validateLocalNonReservedPath``)."""
    return bool(rel) and not rel.startswith("/") and ".." not in rel.split("/") and not rel.startswith("..")


@builder
class Mount:
    """Mount a Secret or Config as files in a directory, e.g. ``Mount(config, "/app/config")``.

    See https://kubernetes.io/docs/concepts/storage/volumes/#configmap
    """

    source: SecretOrConfig = Field(description="The Secret or Config whose keys become files.")
    path: str = Field(description="Absolute directory in the container where the files appear.")
    _: KW_ONLY
    items: Mapping[ConfigKey, str] | None = Field(
        default=None, description="Only these keys, each at a relative file path. Default: None (every key)."
    )
    default_mode: int | None = Field(
        default=None,
        ge=0,
        le=0o777,
        description="File mode bits; None means 0440 for Secrets and the Kubernetes default 0644 for Configs.",
    )

    def __post_init__(self) -> None:
        checks = Checks("Mount")
        if not is_absolute_path(self.path) or ":" in self.path:
            checks.add("path", MOUNT_PATH_RULE)
        for key, rel in (self.items or {}).items():
            if not _is_item_path(rel):
                checks.add(f"items[{key!r}]", "must be a relative file path without '..'")
        checks.done()

    @property
    def volume(self) -> str:
        """The pod volume name used for this mount."""
        return volume_name(self.source)

    def render_volume(self, ctx: RenderContext) -> dict[str, Any]:
        """The pod ``volumes[]`` entry."""
        body: dict[str, Any] = {}
        mode = self.default_mode if self.default_mode is not None else (0o440 if self.source.kind == "Secret" else None)
        if mode is not None:
            body["defaultMode"] = mode
        if self.items:
            body["items"] = [{"key": k, "path": p} for k, p in sorted(self.items.items())]
        if self.source.kind == "Secret":
            body["secretName"] = source_name(self.source, ctx)
            return {"name": self.volume, "secret": dict(sorted(body.items()))}
        body["name"] = source_name(self.source, ctx)
        return {"configMap": dict(sorted(body.items())), "name": self.volume}

    def render_mount(self) -> dict[str, Any]:
        """The container ``volumeMounts[]`` entry (always read-only)."""
        return {"mountPath": self.path, "name": self.volume, "readOnly": True}


@builder
class Env:
    """Expose a Secret or Config as environment variables: all keys, or chosen keys under chosen names.

    See https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/
    """

    source: SecretOrConfig = Field(description="The Secret or Config to read.")
    _: KW_ONLY
    keys: Mapping[EnvName, ConfigKey] | None = Field(
        default=None, description="{ENV_NAME: key}; None exposes every key under its own name. Default: None."
    )
    prefix: str = Field(default="", description="Prefix for variable names when every key is exposed. Default: ''.")

    def __post_init__(self) -> None:
        checks = Checks("Env")
        if self.keys is not None and not self.keys:
            checks.add("keys", "must name at least one key, or be None for all keys")
        if self.keys is not None and self.prefix:
            checks.add("prefix", "applies only when every key is exposed (keys=None)")
        if self.prefix and not is_env_name(self.prefix):  # ValidateEnvFrom: the prefix is an env var name
            checks.add("prefix", ENV_NAME_RULE)
        checks.done()

    def render_env(self, ctx: RenderContext) -> list[dict[str, Any]]:
        """``env[]`` entries for chosen keys."""
        ref = "secretKeyRef" if self.source.kind == "Secret" else "configMapKeyRef"
        return [
            {"name": env, "valueFrom": {ref: {"key": key, "name": source_name(self.source, ctx)}}}
            for env, key in sorted((self.keys or {}).items())
        ]

    def render_env_from(self, ctx: RenderContext) -> dict[str, Any] | None:
        """The ``envFrom[]`` entry when every key is exposed."""
        if self.keys is not None:
            return None
        ref = "secretRef" if self.source.kind == "Secret" else "configMapRef"
        out: dict[str, Any] = {ref: {"name": source_name(self.source, ctx)}}
        if self.prefix:
            out["prefix"] = self.prefix
        return out

    def used_keys(self) -> tuple[str, ...]:
        """The keys this use reads (empty when it reads them all)."""
        return tuple(sorted((self.keys or {}).values()))
