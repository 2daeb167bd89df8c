"""The CEL runtime: the Rust extension of ``common-expression-language``, loaded on its own.

The package's ``__init__`` imports its interactive command line (prompt_toolkit, rich, typer),
about 0.4 s of start-up that validation never needs. The compiled extension ``cel/cel*.so``
holds everything k8slab uses (``compile``, ``Context``, ``OptionalValue``), so it is loaded
directly, under its own name ``cel.cel`` (a later ``import cel`` reuses it). If that fails,
the package is imported the ordinary way.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

__all__ = ["Context", "OptionalValue", "compile_program"]


def _load() -> ModuleType:
    loaded = sys.modules.get("cel.cel")
    if loaded is not None:
        return loaded
    spec = importlib.util.find_spec("cel")  # finds the package without running its __init__
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = Path(folder) / f"cel{suffix}"
            extension = importlib.util.spec_from_file_location("cel.cel", path) if path.is_file() else None
            if extension is not None and extension.loader is not None:
                module = importlib.util.module_from_spec(extension)
                extension.loader.exec_module(module)
                sys.modules["cel.cel"] = module
                return module
    import cel  # pragma: no cover - a layout without the extension beside __init__

    return cel  # pragma: no cover


_CEL: Any = _load()
Context: Any = _CEL.Context
"""cel.Context: variables and Python functions for evaluation."""
OptionalValue: Any = _CEL.OptionalValue
"""cel.OptionalValue: CEL's optional type (``optional.of``, ``optional.none``)."""


def compile_program(source: str) -> Any:
    """A compiled cel.Program; ValueError on a syntax error."""
    return _CEL.compile(source)
