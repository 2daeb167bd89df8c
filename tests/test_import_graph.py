"""The builders import one another one way: the intra-package import graph of builders/ has no cycle.

Every import counts: at module level, under ``if TYPE_CHECKING``, and inside functions (a
function-body import is the usual way to hide a circle, not to break it).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BUILDERS = Path(__file__).resolve().parent.parent / "src" / "k8slab" / "builders"
PACKAGE = "k8slab.builders"


def _module_name(path: Path) -> str:
    return PACKAGE if path.name == "__init__.py" else f"{PACKAGE}.{path.stem}"


def _imported(path: Path, tree: ast.AST) -> set[str]:
    """The modules of builders/ that ``path`` imports, anywhere in its AST."""
    is_package = path.name == "__init__.py"
    base = PACKAGE.split(".") if is_package else _module_name(path).split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parent = base[: len(base) - (node.level - 1)]
                module = ".".join([*parent, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            found.add(module)
            # ``from . import mounts`` imports the submodule mounts.
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the modules of ``root`` (a builders/ directory) it imports."""
    files = {_module_name(p): p for p in sorted(root.glob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        imported = _imported(path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        graph[name] = {m for m in imported if m in files and m != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle (``[a, b, ..., a]``), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_builders_import_graph_has_no_cycle() -> None:
    graph = import_graph(BUILDERS)
    assert f"{PACKAGE}.mounts" in graph and graph[f"{PACKAGE}.pod"], "the graph must see the builders' imports"
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


def test_leaves_sit_below_secret_and_config() -> None:
    graph = import_graph(BUILDERS)
    for leaf in ("source", "mounts"):
        for builder in ("secret", "config"):
            assert f"{PACKAGE}.{builder}" not in graph[f"{PACKAGE}.{leaf}"]


@pytest.mark.parametrize(
    ("files", "cycle"),
    [
        ({"a.py": "from .b import x\n", "b.py": "def f():\n    from .a import y\n"}, True),
        (
            {
                "a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .b import x\n",
                "b.py": "from . import a\n",
            },
            True,
        ),
        ({"a.py": "import k8slab.builders.b\n", "b.py": "from .c import z\n", "c.py": "from .a import q\n"}, True),
        ({"a.py": "from .b import x\n", "b.py": "from .c import z\n", "c.py": "from ..types import q\n"}, False),
    ],
)
def test_the_cycle_finder_sees_every_kind_of_import(tmp_path: Path, files: dict[str, str], cycle: bool) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert (find_cycle(import_graph(tmp_path)) is not None) is cycle
