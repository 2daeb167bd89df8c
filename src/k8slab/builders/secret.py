"""Secret: credentials from literals, files or environment variables, never shown in output.

See https://kubernetes.io/docs/concepts/configuration/secret/
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import KW_ONLY
from pathlib import Path
from typing import ClassVar, Literal

from pydantic import Field

from .._model import Checks, builder, spec_error
from ..types import ConfigKey, DNSSubdomain, FrozenList
from .base import Manifest, RenderContext, metadata
from .files import TooLargeError, read_limited, regular_files, resolve
from .pem import CERTIFICATE_TYPES, KEY_TYPES, pem_problem
from .uses import UsableSource

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


def _bytes(value: str | bytes) -> bytes:
    return value.encode("utf-8", "surrogatepass") if isinstance(value, str) else value


def _is_json_object(raw: bytes) -> bool:
    try:
        return isinstance(json.loads(raw), dict)
    except ValueError:
        return False


def _check_type(checks: Checks, kind: str, data: Mapping[str, str | bytes]) -> None:
    """The keys a typed Secret needs, as the API server's ``ValidateSecret`` checks them."""
    if kind == "kubernetes.io/basic-auth" and not {"username", "password"} & set(data):
        checks.add("data", "a basic-auth Secret needs 'username' or 'password'")
    for key in _REQUIRED_KEYS.get(kind, ()):
        if key not in data:
            checks.add(f"data[{key!r}]", f"a {kind} Secret needs the key {key!r}")
        elif key == "ssh-privatekey" and not data[key]:
            checks.add(f"data[{key!r}]", "must not be empty")
        elif key == ".dockerconfigjson" and not _is_json_object(_bytes(data[key])):
            checks.add(f"data[{key!r}]", "must be a JSON object (a Docker config.json)")


@builder
class Secret(UsableSource):
    """A Secret. Its values never appear in a repr, a log or an error message.

    Build it from literals (``Secret("db", data={...})``), from files (``Secret.from_files``),
    from environment variables (``Secret.from_env``), or refer to one that already exists
    (``Secret.ref``). Use it in an App as environment variables or as mounted files.
    """

    kind: ClassVar[Literal["Secret", "ConfigMap"]] = "Secret"
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
        checks = Checks(f"Secret/{self.name}")
        if self.existing and self.data:
            checks.add("data", "a reference to an existing Secret cannot carry data")
        if not self.existing:
            checks.name_label(self.name)
        size = sum(len(_bytes(v)) for v in self.data.values())  # ValidateSecret counts the values
        if size > MAX_SIZE:
            checks.add("data", "total size must be at most 1 MiB")
        if not self.existing:
            _check_type(checks, self.type, self.data)
        checks.done()

    def __repr__(self) -> str:
        return f"Secret({self.name!r}, keys={sorted(self.keys())!r}, existing={self.existing})"

    __str__ = __repr__

    @classmethod
    def ref(cls, name: str, keys: Sequence[str] = ()) -> Secret:
        """Refer to a Secret that exists in the cluster already; ``keys`` lets uses be checked."""
        return cls(name, existing=True, keys_known=keys)

    @classmethod
    def from_files(cls, name: str, files: Mapping[str, str | Path], *, type: SecretType = "Opaque") -> Secret:
        """Like ``kubectl create secret generic NAME --from-file=key=path``: one key per file.

        A relative path is read from the directory of the program that calls this, not the
        current directory. Sizes are checked before reading: more than 1 MiB in all fails at once.
        """
        data = _read_files(f"Secret/{name}", "files", {k: resolve(p) for k, p in files.items()})
        return cls(name, data=data, type=type)

    @classmethod
    def from_dir(cls, name: str, directory: str | Path, *, type: SecretType = "Opaque") -> Secret:
        """Like ``kubectl create secret generic NAME --from-file=DIR``: one key per regular file, symlinks skipped."""
        root = resolve(directory)
        if not root.is_dir():
            raise spec_error(f"Secret/{name}", "directory", f"must be an existing directory (tried {root})")
        data = _read_files(f"Secret/{name}", "data", {p.name: p for p in regular_files(root)}, follow_symlinks=False)
        return cls(name, data=data, type=type)

    @classmethod
    def tls(cls, name: str, *, cert: str | Path, key: str | Path) -> Secret:
        """A ``kubernetes.io/tls`` Secret (``tls.crt``, ``tls.key``), like ``kubectl create secret tls``.

        ``cert`` and ``key`` are PEM text, or files holding it (a ``Path``, or a string that is
        not PEM text; relative paths are read from the calling program's directory). The
        certificate must hold CERTIFICATE blocks (the chain, leaf first) and the key exactly one
        unencrypted PRIVATE KEY block; neither value ever appears in an error.
        See https://kubernetes.io/docs/concepts/configuration/secret/#tls-secrets
        """
        owner = f"Secret/{name}"
        data: dict[str, str | bytes] = {}
        for field, key_name, value, types, single in (
            ("cert", "tls.crt", cert, CERTIFICATE_TYPES, False),
            ("key", "tls.key", key, KEY_TYPES, True),
        ):
            if isinstance(value, str) and "-----BEGIN" in value:
                text: str | bytes = value
            else:
                text = _read_files(owner, field, {key_name: resolve(value)})[key_name]
            problem = pem_problem(text, types, single=single) if isinstance(text, str) else "must be PEM text"
            if problem:
                raise spec_error(owner, field, problem)
            data[key_name] = text
        return cls(name, data=data, type="kubernetes.io/tls")

    @classmethod
    def from_env(cls, name: str, variables: Mapping[str, str] | Sequence[str]) -> Secret:
        """Read values from environment variables: ``{key: VARIABLE}``, or a list of variables used as keys."""
        mapping = dict(variables) if isinstance(variables, Mapping) else {v: v for v in variables}
        data = {}
        for key, variable in mapping.items():
            if variable not in os.environ:
                raise spec_error(f"Secret/{name}", f"variables[{key!r}]", f"environment variable {variable} is not set")
            value = os.environ[variable]
            try:
                value.encode("utf-8")  # os.environ keeps undecodable bytes as lone surrogates
            except UnicodeEncodeError:
                raise spec_error(
                    f"Secret/{name}", f"variables[{key!r}]", f"environment variable {variable} is not valid UTF-8"
                ) from None
            data[key] = value
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


def _read_files(
    owner: str, field: str, files: Mapping[str, Path], *, follow_symlinks: bool = True
) -> dict[str, str | bytes]:
    """Each file's text (bytes when it is not UTF-8), within the 1 MiB budget of one object."""
    data: dict[str, str | bytes] = {}
    budget = MAX_SIZE
    for key, path in files.items():
        try:
            raw = read_limited(path, budget, follow_symlinks=follow_symlinks)
        except TooLargeError:
            raise spec_error(owner, f"{field}[{key!r}]", f"{path} is too large: a Secret holds at most 1 MiB") from None
        except OSError as err:
            raise spec_error(owner, f"{field}[{key!r}]", f"cannot read {path}: {err.strerror}") from None
        budget -= len(raw)
        try:
            data[key] = raw.decode()
        except UnicodeDecodeError:
            data[key] = raw
    return data
