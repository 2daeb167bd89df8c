"""Config: a ConfigMap from a dict (as JSON), from strings, or from the files in a directory.

See https://kubernetes.io/docs/concepts/configuration/configmap/
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import KW_ONLY
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import Field

from .._model import Checks, builder, spec_error
from ..types import ConfigKey, DNSSubdomain, FrozenList
from .base import Manifest, RenderContext, metadata
from .files import TooLargeError, read_limited, regular_files, resolve
from .uses import UsableSource

__all__ = ["Config"]

_DOCS = "https://kubernetes.io/docs/concepts/configuration/configmap/"
MAX_SIZE = 1024 * 1024

ConfigValue = str | dict[str, Any] | list[Any]


def _text(value: ConfigValue) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@builder
class Config(UsableSource):
    """A ConfigMap. A dict or list value is written as JSON (sorted keys), a string as it is.

    ``Config("app-config", data={"config.json": {"key": "value"}})`` gives a ``config.json``
    file when mounted with ``Mount(config, "/app/config")``.
    """

    kind: ClassVar[Literal["Secret", "ConfigMap"]] = "ConfigMap"
    name: DNSSubdomain = Field(description=f"The ConfigMap's name (a DNS-1123 subdomain). See {_DOCS}")
    _: KW_ONLY
    data: Mapping[ConfigKey, ConfigValue] = Field(
        default_factory=dict, description="Keys and their contents; dicts and lists become JSON. Default: empty."
    )
    existing: bool = Field(
        default=False,
        description="A reference to a ConfigMap that exists already: nothing is rendered. Default: False.",
    )
    keys_known: FrozenList[ConfigKey] = Field(
        default=(), description="For a reference: the keys it is known to hold, checked against uses. Default: ()."
    )
    immutable: bool = Field(
        default=False, description=f"Mark the ConfigMap immutable. Default: False. See {_DOCS}#configmap-immutable"
    )

    def __post_init__(self) -> None:
        checks = Checks(f"Config/{self.name}")
        if self.existing and self.data:
            checks.add("data", "a reference to an existing ConfigMap cannot carry data")
        if not self.existing:
            checks.name_label(self.name)
        try:
            # ValidateConfigMap counts the values; dicts and lists are written as JSON
            if sum(len(_text(v).encode("utf-8")) for v in self.data.values()) > MAX_SIZE:
                checks.add("data", "total size must be at most 1 MiB")
        except (TypeError, ValueError):
            checks.add(
                "data", "dict and list values must be JSON data (strings, numbers, booleans, null, lists, dicts)"
            )
        checks.done()

    @classmethod
    def ref(cls, name: str, keys: Sequence[str] = ()) -> Config:
        """Refer to a ConfigMap that exists in the cluster already."""
        return cls(name, existing=True, keys_known=keys)

    @classmethod
    def from_dir(cls, name: str, directory: str | Path) -> Config:
        """One key per regular file in ``directory`` (like ``kubectl create configmap --from-file=DIR``).

        Symlinks are skipped, as kubectl skips them, so nothing outside the directory is read.
        A relative directory is found from the calling program's directory; more than 1 MiB fails before reading.
        """
        root = resolve(directory)
        owner = f"Config/{name}"
        if not root.is_dir():
            raise spec_error(owner, "directory", f"must be an existing directory (tried {root})")
        data: dict[str, ConfigValue] = {}
        budget = MAX_SIZE
        for path in regular_files(root):
            try:
                raw = read_limited(path, budget, follow_symlinks=False)
                data[path.name] = raw.decode("utf-8")
            except TooLargeError:
                raise spec_error(
                    owner, f"data[{path.name!r}]", f"{path} is too large: a ConfigMap holds at most 1 MiB"
                ) from None
            except (OSError, UnicodeDecodeError):
                raise spec_error(owner, f"data[{path.name!r}]", f"{path} must be a readable UTF-8 text file") from None
            budget -= len(raw)
        return cls(name, data=data)

    def render(self, ctx: RenderContext) -> list[Manifest]:
        """The ConfigMap object; nothing for a reference."""
        if self.existing:
            return []
        obj: Manifest = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": metadata(self.name, ctx)}
        if self.data:
            data = {k: _text(v) for k, v in sorted(self.data.items())}
            obj["data"] = ctx.value("data", data, type="object", additionalProperties={"type": "string"})
        if self.immutable:
            obj["immutable"] = True
        return [ctx.when(obj, "existingConfigMap", negate=True)]
