"""The ``k8slab`` command line; each subcommand lives in ``k8slab.commands``.

Exit codes: 0 success; 1 invalid builders or objects (every problem is listed), or a
failure talking to the cluster or helm (one line, no traceback); 2 unusable input (missing
file, a program that fails or defines no Stack); 3 a check answered no (``diff --exit-code``
found differences, ``status`` found objects not ready).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import sys
from collections.abc import Sequence
from types import ModuleType

from . import __version__, commands
from .errors import K8slabError, SpecError, UsageError, ValidationFailed

__all__ = ["main"]


def _commands() -> dict[str, ModuleType]:
    found = {}
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        if not info.name.startswith("_"):
            found[info.name.removesuffix("_").replace("_", "-")] = importlib.import_module(
                f"{commands.__name__}.{info.name}"
            )
    return found


def plain(text: str | None) -> str | None:
    """Docstring text for a terminal: reStructuredText literals (````x````) and roles (``:func:`x```) as plain text."""
    if text is None:
        return None
    text = re.sub(r":[a-z]+:`~?([^`]+)`", r"\1", text)
    return re.sub(r"``([^`]+)``", r"\1", text)


def _parser(modules: dict[str, ModuleType]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="k8slab", description="Typed Kubernetes manifests from Python.")
    parser.add_argument("--version", action="version", version=f"k8slab {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module in modules.items():
        command = sub.add_parser(name, help=plain(module.HELP), description=plain(module.__doc__))
        module.add_arguments(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    modules = _commands()
    args = _parser(modules).parse_args(argv)
    try:
        code: int = modules[args.command].run(args)
        return code
    except (SpecError, ValidationFailed) as err:
        kind = "invalid builder" if isinstance(err, SpecError) else "invalid objects"
        print(f"k8slab: {kind}: nothing was written", file=sys.stderr)
        for problem in err.problems:  # file:line: Kind/name: field: message, which editors make clickable
            print(problem, file=sys.stderr)
        return 1
    except UsageError as err:
        print(f"k8slab: error: {err}", file=sys.stderr)
        return 2
    except K8slabError as err:
        print(f"k8slab: error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("k8slab: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
