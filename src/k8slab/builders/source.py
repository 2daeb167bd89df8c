"""What Secret and Config share: keys, and the ways an App uses them (``env``, ``mount``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from .base import Renderable
    from .config import Config
    from .mounts import Env, Mount
    from .secret import Secret

__all__ = ["KeyedSource"]


class KeyedSource:
    """Methods of a builder whose data is a set of keys (Secret, Config)."""

    if TYPE_CHECKING:
        name: str
        data: Mapping[str, object]
        existing: bool
        keys_known: Sequence[str]

    def keys(self) -> tuple[str, ...]:
        """The keys this object is known to hold (for a reference: the declared ones)."""
        return tuple(sorted(self.data)) if not self.existing else tuple(self.keys_known)

    def env(self, keys: Mapping[str, str] | None = None, *, prefix: str = "") -> Env:
        """Use as environment variables: all keys, or ``{ENV_NAME: key}`` for chosen keys."""
        from .mounts import Env

        return Env(cast("Secret | Config", self), keys=keys, prefix=prefix)

    def mount(self, path: str, *, items: Mapping[str, str] | None = None, default_mode: int | None = None) -> Mount:
        """Mount the keys as files in a directory at ``path`` (see ``Mount``)."""
        from .mounts import Mount

        return Mount(cast("Secret | Config", self), path, items=items, default_mode=default_mode)

    def dependencies(self) -> Sequence[Renderable]:
        """A Secret or Config references nothing."""
        return ()
