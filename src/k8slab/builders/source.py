"""What Secret and Config share: keys, the kind a pod refers to, and the ``source`` type of Env and Mount.

A leaf: it imports no builder. ``mounts.py`` (Env, Mount) types its ``source`` by ``SecretOrConfig``
(a ``KeyedSource``, checked with ``isinstance``), ``uses.py`` adds ``env()``/``mount()`` on
top of mounts, and Secret and Config sit above both, so every import points one way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import PlainValidator

if TYPE_CHECKING:
    from .base import Manifest, Renderable, RenderContext

__all__ = ["SOURCE_RULE", "KeyedSource", "SecretOrConfig"]


class KeyedSource:
    """Methods of a builder whose data is a set of keys (Secret, Config)."""

    kind: ClassVar[Literal["Secret", "ConfigMap"]]
    """The Kubernetes kind a pod refers to (``Secret`` or ``ConfigMap``)."""

    if TYPE_CHECKING:
        name: str
        data: Mapping[str, object]
        existing: bool
        keys_known: Sequence[str]

        def render(self, ctx: RenderContext) -> list[Manifest]:
            """The Secret's or ConfigMap's object (none for a reference)."""
            ...

    def keys(self) -> tuple[str, ...]:
        """The keys this object is known to hold (for a reference: the declared ones)."""
        return tuple(sorted(self.data)) if not self.existing else tuple(self.keys_known)

    def dependencies(self) -> Sequence[Renderable]:
        """A Secret or Config references nothing."""
        return ()


SOURCE_RULE = "must be a Secret or a Config"


def _is_source(value: object) -> KeyedSource:
    """Accept only a Secret or a Config (the only ``KeyedSource`` builders), as they are."""
    if not isinstance(value, KeyedSource):
        raise ValueError(SOURCE_RULE)  # pydantic turns a ValueError (not a TypeError) into a field error
    return value


SecretOrConfig = Annotated[KeyedSource, PlainValidator(_is_source)]
"""The ``source`` of an Env or a Mount: a Secret or a Config (narrow with ``isinstance``)."""
