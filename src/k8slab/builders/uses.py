"""The ways an App uses a Secret or a Config, as methods of both: ``env()`` and ``mount()``.

Above ``mounts.py`` (Env, Mount) and below ``secret.py``/``config.py``, whose builders
inherit these methods from ``UsableSource``.
"""

from __future__ import annotations

from collections.abc import Mapping

from .mounts import Env, Mount
from .source import KeyedSource

__all__ = ["UsableSource"]


class UsableSource(KeyedSource):
    """A Secret or Config that an App reads as environment variables or as files."""

    def env(self, keys: Mapping[str, str] | None = None, *, prefix: str = "") -> Env:
        """Use as environment variables: all keys, or ``{ENV_NAME: key}`` for chosen keys."""
        return Env(self, keys=keys, prefix=prefix)

    def mount(self, path: str, *, items: Mapping[str, str] | None = None, default_mode: int | None = None) -> Mount:
        """Mount the keys as files in a directory at ``path`` (see ``Mount``)."""
        return Mount(self, path, items=items, default_mode=default_mode)
