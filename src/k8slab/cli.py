"""The ``k8slab`` command line; each subcommand lives in ``k8slab.commands``.

Exit codes: 0 success; 1 invalid builders or objects (every problem is listed), or a
failure talking to the cluster or helm (one line, no traceback); 2 unusable input (missing
file, a program that fails or defines no Stack); 3 a check answered no (``diff --exit-code``
found differences, ``status`` found objects not ready).
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import re
import sys
from collections.abc import Iterable, Sequence
from types import ModuleType

from . import __version__, commands
from .errors import K8slabError, SpecError, UsageError, ValidationFailed

__all__ = ["main"]


def _command_names() -> dict[str, str]:
    """Each command's name and the module (in ``k8slab.commands``) that runs it."""
    found = {}
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        if not info.name.startswith("_"):
            found[info.name.removesuffix("_").replace("_", "-")] = f"{commands.__name__}.{info.name}"
    return found


def plain(text: str | None) -> str | None:
    """Docstring text for a terminal: reStructuredText literals (````x````) and roles (``:func:`x```) as plain text."""
    if text is None:
        return None
    text = re.sub(r":[a-z]+:`~?([^`]+)`", r"\1", text)
    return re.sub(r"``([^`]+)``", r"\1", text)


def _chosen(argv: Sequence[str], names: Iterable[str]) -> str | None:
    """The command ``argv`` names: its first word that is not an option (None for ``--help`` alone)."""
    first = next((a for a in argv if not a.startswith("-")), None)
    return first if first in set(names) else None


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, told the terminal's width as argparse would learn it from ``shutil``.

    argparse builds a formatter for every argument it adds (to check its metavar), and each one
    imports ``shutil`` (with bz2, lzma and zlib) only to ask for the width.
    """

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        super().__init__(prog, indent_increment, max_help_position, _width() - 2 if width is None else width)


def _width() -> int:
    """``shutil.get_terminal_size().columns``: ``$COLUMNS``, else the size of stdout's terminal, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
        columns = columns or 80
    return columns


def _parser(names: dict[str, str], chosen: str | None = None) -> tuple[argparse.ArgumentParser, dict[str, ModuleType]]:
    """The parser and the command modules it was built from.

    With no ``chosen`` command, every command with its arguments; with ``chosen=""``
    (``k8slab --help``), every command's help line but no arguments (a command's arguments may
    import what it checks against: ``validate`` its schema); with a command's name, only that
    command's module is imported, and the others are listed by name alone.
    """
    parser = argparse.ArgumentParser(
        prog="k8slab", description="Typed Kubernetes manifests from Python.", formatter_class=_Formatter
    )
    parser.add_argument("--version", action="version", version=f"k8slab {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    modules = {}
    for name, module_name in names.items():
        if chosen and name != chosen:
            sub.add_parser(name, formatter_class=_Formatter)
            continue
        module = modules[name] = importlib.import_module(module_name)
        command = sub.add_parser(
            name, help=plain(module.HELP), description=plain(module.__doc__), formatter_class=_Formatter
        )
        if chosen is None or name == chosen:
            module.add_arguments(command)
    return parser, modules


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    names = _command_names()
    parser, modules = _parser(names, _chosen(argv, names) or "")  # "": --help lists the commands alone
    args = parser.parse_args(argv)
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
