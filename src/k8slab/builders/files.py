"""Reading a user's files for Secret and Config: relative to the program, bounded in size, no symlinks out.

- A relative path resolves against the directory of the program that names it (the first
  frame outside k8slab), not the shell's current directory; errors show the path tried.
- Sizes are checked with ``stat`` before anything is read, and reads are bounded, so a
  3 GB file (or a device that never ends) fails at once instead of filling memory.
- A directory yields its regular files only; symlinks are skipped, as ``kubectl create
  configmap --from-file=DIR`` does (kubectl's ``handleConfigMapFromFileSources`` keeps an
  entry only when ``item.Type().IsRegular()``, the type of the link itself), so no link can
  reach a file outside the directory.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .._model import caller_file

__all__ = ["TooLargeError", "read_limited", "regular_files", "resolve"]


class TooLargeError(Exception):
    """The file holds more bytes than the budget left."""


def resolve(path: str | Path) -> Path:
    """``path``, made absolute against the calling program's directory when it is relative."""
    given = Path(path).expanduser()
    if given.is_absolute():
        return given
    program = caller_file()
    base = Path(program).resolve().parent if program is not None else Path.cwd()
    return base / given


def read_limited(path: Path, budget: int, *, follow_symlinks: bool = True) -> bytes:
    """The bytes of the regular file ``path``; TooLargeError when it holds more than ``budget`` bytes.

    The size is checked with ``stat`` first, and at most ``budget + 1`` bytes are ever read.
    With ``follow_symlinks=False`` a symlink is refused even if it replaced the file after the
    directory was listed. Raises OSError when the file cannot be opened or is not a regular file.
    """
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | (0 if follow_symlinks else getattr(os, "O_NOFOLLOW", 0))
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EISDIR if stat.S_ISDIR(info.st_mode) else errno.EINVAL, "not a regular file")
        if info.st_size > budget:
            raise TooLargeError
        data = handle.read(budget + 1)
    if len(data) > budget:  # the file grew while it was read
        raise TooLargeError
    return data


def regular_files(root: Path) -> list[Path]:
    """The regular files directly in ``root``, sorted by name; symlinks and directories are skipped."""
    with os.scandir(root) as entries:
        return sorted(Path(e.path) for e in entries if e.is_file(follow_symlinks=False))
