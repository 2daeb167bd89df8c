"""Writing generated modules: atomically, and never over a file k8slab did not write."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .. import provenance
from ..errors import UsageError

__all__ = ["write_modules"]


def write_modules(modules: Mapping[str, str], outdir: str | Path) -> list[Path]:
    """Write ``NAME.py`` for each module into ``outdir``; return the paths, sorted.

    Raises UsageError (and writes nothing) if a target exists and bears no k8slab mark. Each
    file is written to a temporary file in ``outdir`` and moved into place (``os.replace``);
    no other file in ``outdir`` is touched.
    """
    root = Path(outdir)
    targets = {root / f"{name}.py": text for name, text in sorted(modules.items())}
    for path in targets:
        if path.is_symlink() or (path.exists() and provenance.read(path) is None):
            raise UsageError(f"{path}: exists and was not written by k8slab; not overwritten (move it away first)")
    root.mkdir(parents=True, exist_ok=True)
    written = []
    for path, text in targets.items():
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=root)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        written.append(path)
    return written
