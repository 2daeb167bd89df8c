"""Secret: credentials from literals, files or environment variables, never shown in output.

See https://kubernetes.io/docs/concepts/configuration/secret/
"""

from __future__ import annotations

import base64
import os
from collections.abc import Mapping, Sequence
from dataclasses import KW_ONLY
from pathlib import Path
from typing import Literal

from pydantic import Field

from .._model import builder, spec_error
from ..types import ConfigKey, DNSSubdomain, FrozenList
from .base import Manifest, RenderContext, metadata
from .source import KeyedSource

__all__ = ["Secret"]

_DOCS = "https://kubernetes.io/docs/concepts/configuration/secret/"
MAX_SIZE = 1024 * 1024
# In a chart each key is a required value (k8slab.render.chart_params), never a default in values.yaml.
_DATA_SCHEMA = {"type": "object", "additionalProperties": {"type": "string"}, "x-k8slab-render": "base64"}
SecretType = Literal[
    "Opaque",
    "kubernetes.io/basic-auth",
    "kubernetes.io/ssh-auth",
    "kubernetes.io/tls",
    "kubernetes.io/dockerconfigjson",
]
_REQUIRED_KEYS: dict[str, tuple[str, ...]] = {
    "kubernetes.io/basic-auth": (),
    "kubernetes.io/ssh-auth": ("ssh-privatekey",),
    "kubernetes.io/tls": ("tls.crt", "tls.key"),
    "kubernetes.io/dockerconfigjson": (".dockerconfigjson",),
}


@builder
class Secret(KeyedSource):
    """A Secret. Its values never appear in a repr, a log or an error message.

    Build it from literals (``Secret("db", data={...})``), from files (``Secret.from_files``),
    from environment variables (``Secret.from_env``), or refer to one that already exists
    (``Secret.ref``). Use it in an App as environment variables or as mounted files.
    """

    name: DNSSubdomain = Field(description=f"The Secret's name (a DNS-1123 subdomain). See {_DOCS}")
    _: KW_ONLY
    data: Mapping[ConfigKey, str | bytes] = Field(
        default_factory=dict, repr=False, description="Keys and their secret values. Default: empty."
    )
    type: SecretType = Field(
        default="Opaque",
        description=f"The Secret type; typed Secrets need their keys. Default: 'Opaque'. See {_DOCS}#secret-types",
    )
    existing: bool = Field(
        default=False, description="A reference to a Secret that exists already: nothing is rendered. Default: False."
    )
    keys_known: FrozenList[ConfigKey] = Field(
        default=(), description="For a reference: the keys it is known to hold, checked against uses. Default: ()."
    )
    immutable: bool = Field(
        default=False, description=f"Mark the Secret immutable. Default: False. See {_DOCS}#secret-immutable"
    )

    def __post_init__(self) -> None:
        owner = f"Secret/{self.name}"
        if self.existing and self.data:
            raise spec_error(owner, "data", "a reference to an existing Secret cannot carry data")
        size = sum(len(k) + len(v.encode() if isinstance(v, str) else v) for k, v in self.data.items())
        if size > MAX_SIZE:
            raise spec_error(owner, "data", "total size must be at most 1 MiB")
        if self.type == "kubernetes.io/basic-auth" and not {"username", "password"} & set(self.data):
            raise spec_error(owner, "data", "a basic-auth Secret needs 'username' or 'password'")
        for key in _REQUIRED_KEYS.get(self.type, ()):
            if not self.existing and key not in self.data:
                raise spec_error(owner, f"data[{key!r}]", f"a {self.type} Secret needs the key {key!r}")

    def __repr__(self) -> str:
        return f"Secret({self.name!r}, keys={sorted(self.keys())!r}, existing={self.existing})"

    __str__ = __repr__

    @classmethod
    def ref(cls, name: str, keys: Sequence[str] = ()) -> Secret:
        """Refer to a Secret that exists in the cluster already; ``keys`` lets uses be checked."""
        return cls(name, existing=True, keys_known=keys)

    @classmethod
    def from_files(cls, name: str, files: Mapping[str, str | Path], *, type: SecretType = "Opaque") -> Secret:
        """Like ``kubectl create secret generic NAME --from-file=key=path``: one key per file."""
        data: dict[str, str | bytes] = {}
        for key, path in files.items():
            try:
                raw = Path(path).read_bytes()
            except OSError as err:
                raise spec_error(f"Secret/{name}", f"files[{key!r}]", f"cannot read file: {err.strerror}") from None
            try:
                data[key] = raw.decode()
            except UnicodeDecodeError:
                data[key] = raw
        return cls(name, data=data, type=type)

    @classmethod
    def from_env(cls, name: str, variables: Mapping[str, str] | Sequence[str]) -> Secret:
        """Read values from environment variables: ``{key: VARIABLE}``, or a list of variables used as keys."""
        mapping = dict(variables) if isinstance(variables, Mapping) else {v: v for v in variables}
        data = {}
        for key, variable in mapping.items():
            if variable not in os.environ:
                raise spec_error(f"Secret/{name}", f"variables[{key!r}]", f"environment variable {variable} is not set")
            data[key] = os.environ[variable]
        return cls(name, data=data)

    def render(self, ctx: RenderContext) -> list[Manifest]:
        """The Secret object, with base64 ``data``; nothing for a reference."""
        if self.existing:
            return []
        encoded = {
            k: base64.b64encode(v.encode() if isinstance(v, str) else v).decode() for k, v in sorted(self.data.items())
        }
        obj: Manifest = {"apiVersion": "v1", "kind": "Secret", "metadata": metadata(self.name, ctx), "type": self.type}
        if encoded:
            obj["data"] = ctx.value("data", encoded, **_DATA_SCHEMA)
        if self.immutable:
            obj["immutable"] = True
        return [ctx.when(obj, "existingSecret", negate=True)]
