"""What apply, delete, diff and status report back."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .health import Health

__all__ = ["ApplyResult", "Change", "DiffResult", "ObjectDiff", "StatusReport"]

_UNCHANGED = ("unchanged", "absent", "skipped")
_ORDER = ("created", "configured", "upgraded", "unchanged", "pruned", "deleted", "absent", "skipped")


@dataclass(frozen=True)
class Change:
    """What happened (or, in a dry run, would happen) to one object."""

    obj: str
    """The object, as ``Kind namespace/name``."""
    action: str
    """created, configured, unchanged, pruned, deleted, absent (nothing to delete), skipped, upgraded."""
    note: str = ""
    """Why, when it is not obvious (e.g. a namespace that does not exist yet in a dry run)."""

    def __str__(self) -> str:
        return f"{self.obj} {self.action}" + (f" ({self.note})" if self.note else "")

    def line(self, dry_run: bool) -> str:
        """The progress line for this change, marked when nothing was persisted."""
        return f"{self} (dry run)" if dry_run else str(self)


@dataclass(frozen=True)
class ApplyResult:
    """The outcome of ``apply`` or ``delete`` for one stack."""

    name: str
    """The stack's name (with its namespace, it names the stack's ApplySet)."""
    changes: tuple[Change, ...]
    """One entry per object, in the order they were handled."""
    dry_run: bool = False
    """True when nothing was persisted."""
    health: tuple[tuple[str, Health], ...] = ()
    """Each waited-for object and its final state."""

    @property
    def changed(self) -> bool:
        """Whether anything was (or would be) created, changed or deleted."""
        return any(c.action not in _UNCHANGED for c in self.changes)

    def summary(self) -> str:
        """One line: ``lab: 2 created, 5 unchanged`` or ``lab: no changes (7 objects unchanged)``."""
        counts = Counter(c.action for c in self.changes)
        tail = " (dry run: nothing was changed)" if self.dry_run else ""
        if not self.changed:
            return f"{self.name}: no changes ({len(self.changes)} objects unchanged){tail}"
        ordered = sorted(counts.items(), key=lambda item: _ORDER.index(item[0]) if item[0] in _ORDER else len(_ORDER))
        return f"{self.name}: " + ", ".join(f"{n} {action}" for action, n in ordered) + tail


@dataclass(frozen=True)
class ObjectDiff:
    """The unified diff of one object, live (``-``) against what apply would make of it (``+``)."""

    obj: str
    text: str


@dataclass(frozen=True)
class DiffResult:
    """The outcome of ``diff`` for one stack; Secret values are masked."""

    name: str
    diffs: tuple[ObjectDiff, ...]
    """Objects that differ; unchanged objects are left out."""
    unchanged: int = 0
    """How many objects are the same."""

    @property
    def changed(self) -> bool:
        """Whether any object differs."""
        return bool(self.diffs)

    def __str__(self) -> str:
        if not self.diffs:
            return f"{self.name}: no differences ({self.unchanged} objects unchanged)"
        return "".join(d.text for d in self.diffs)


@dataclass(frozen=True)
class StatusReport:
    """What is deployed for a stack (the members of its ApplySet) and how healthy it is."""

    name: str
    rows: tuple[tuple[str, Health], ...] = field(default=())
    """Each object and its state; objects of the stack missing from the cluster show as ``missing``."""

    @property
    def healthy(self) -> bool:
        """True when every object is deployed and ready (a pending external IP counts as ready)."""
        return bool(self.rows) and all(h.done for _, h in self.rows)

    def __str__(self) -> str:
        if not self.rows:
            return f"{self.name}: nothing deployed"
        width = max(len(obj) for obj, _ in self.rows)
        lines = [f"{obj.ljust(width)}  {h}" for obj, h in self.rows]
        verdict = "healthy" if self.healthy else "not healthy"
        return "\n".join([*lines, f"{self.name}: {verdict} ({len(self.rows)} objects)"])
