"""Writing generated modules through the owned-output writer: all or nothing, never over foreign files."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..render.output import check_output_dir, write_files

__all__ = ["write_modules"]


def write_modules(modules: Mapping[str, str], outdir: str | Path) -> list[Path]:
    """Write ``NAME.py`` for each module into ``outdir``; return the paths, sorted.

    Raises UsageError (and writes nothing) if a target exists and bears no k8slab mark, or
    ``outdir`` is a file. Every file is staged beside its target and moved into place, all or
    none (``k8slab.render.output.write_files``); no other file in ``outdir`` is touched.
    """
    root = check_output_dir(outdir)
    targets = {root / f"{name}.py": text.encode("utf-8") for name, text in sorted(modules.items())}
    return sorted(write_files(targets))
