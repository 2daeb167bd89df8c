"""Owned output: k8slab writes and removes only files it provably wrote, all or nothing.

Every writer (``Stack.synth``, ``k8slab synth``, ``Stack.helm``, ``k8slab chart``,
``KubePrometheusStack.write_values``) hands the finished bytes of every file of a run to
``write_files``, which

1. checks every target first, without changing anything: a target that exists must be a
   regular file bearing k8slab's mark (``k8slab.provenance``), and no part of its directory
   may be a file; otherwise it raises ``UsageError`` (exit 2) and nothing is touched;
2. creates missing directories (existing ones keep their mode; none is ever removed, renamed
   or replaced), and removes the temporary files an earlier, killed run left in them;
3. writes each file to ``.k8slab-tmp-*`` beside its target (mode 0600 while it is written),
   then, once every temporary file is complete, renames each over its target in one quick
   pass (``os.replace``: a reader sees the old file or the new one, never a part);
4. on any failure, puts every earlier file back byte for byte (the old inode, kept as a hard
   link until the run succeeded) and removes what it created.

A new file gets the mode an ordinary ``open()`` gives (0666 minus the umask, 0644 usually),
as ``helm template --output-dir``, ``cdk8s synth`` and ``kubectl ... > file`` do; a file that
exists keeps its mode, so a ``chmod 600`` on a Secret's YAML survives every later run.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from .. import provenance
from ..errors import UsageError

__all__ = ["TMP_PREFIX", "check_output_dir", "marked_files", "remove_debris", "write_files"]

TMP_PREFIX = ".k8slab-tmp-"
"""Every temporary file k8slab creates beside a target starts with this; later runs remove them."""


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def check_output_dir(path: str | Path, *, what: str = "-o") -> Path:
    """``path`` as an absolute directory path; UsageError if it, or a parent, exists and is not a directory."""
    target = Path(os.path.abspath(path))
    for part in (target, *target.parents):
        if os.path.lexists(part):
            if not part.is_dir():
                kind = "a file" if part.is_file() else "not a directory"
                raise UsageError(f"{part}: is {kind}; {what} names a directory to write into (nothing was written)")
            break
    return target


def _check_target(target: Path) -> bool:
    """Whether ``target`` exists (and is k8slab's); UsageError if it may not be written."""
    check_output_dir(target.parent, what="the output")
    if not os.path.lexists(target):
        return False
    if target.is_symlink():
        raise UsageError(f"{target}: is a symbolic link; k8slab writes no file through a link (nothing was written)")
    if target.is_dir():
        raise UsageError(f"{target}: is a directory where k8slab writes a file (nothing was written)")
    if provenance.read(target) is None:
        raise UsageError(
            f"{target}: exists and was not written by k8slab (no '{provenance.MARK}' mark on its first lines); "
            "move it away or choose another output directory (nothing was written)"
        )
    return True


def _running(pid: int) -> bool:
    """Whether process ``pid`` runs (this one counts: its other writers may be at work)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError, ValueError):
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def _owner(name: str) -> int | None:
    """The process id in a temporary file's name (``.k8slab-tmp-PID-RANDOM``), if it has one."""
    pid = name.removeprefix(TMP_PREFIX).split("-", 1)[0]
    return int(pid) if pid.isdigit() else None


def remove_debris(directory: Path) -> list[Path]:
    """Remove the ``.k8slab-tmp-*`` regular files (never links or directories) an interrupted run left.

    A temporary file whose writer still runs (a concurrent k8slab) is left alone.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(TMP_PREFIX) or not entry.is_file(follow_symlinks=False):
            continue
        pid = _owner(entry.name)
        if pid is None or not _running(pid):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def marked_files(
    directory: str | Path, *, recursive: bool = False, keep: Callable[[provenance.Provenance], bool] | None = None
) -> list[Path]:
    """Regular files (no links) in ``directory`` that bear k8slab's mark (and satisfy ``keep``), sorted."""
    root = Path(directory)
    if not root.is_dir():
        return []
    candidates = root.rglob("*") if recursive else root.iterdir()
    found = []
    for path in candidates:
        if path.name.startswith(TMP_PREFIX) or path.is_symlink() or not path.is_file():
            continue
        mark = provenance.read(path)
        if mark is not None and (keep is None or keep(mark)):
            found.append(path)
    return sorted(found)


def _name(directory: Path) -> Path:
    return directory / f"{TMP_PREFIX}{os.getpid()}-{secrets.token_hex(8)}"


def _stage(target: Path, data: bytes, mode: int) -> Path:
    """Write ``data`` to a new private temporary file beside ``target``; give it ``mode`` once complete."""
    while True:
        tmp = _name(target.parent)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
            os.fchmod(out.fileno(), mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def _backup(target: Path) -> Path:
    """Keep ``target``'s current content under a temporary name (a hard link, else a copy)."""
    while True:
        backup = _name(target.parent)
        try:
            os.link(target, backup)
            return backup
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links: copy bytes and mode
            info = target.stat()
            return _stage(backup, target.read_bytes(), stat.S_IMODE(info.st_mode))


def write_files(files: Mapping[Path, bytes] | Mapping[str, bytes], *, remove: Sequence[Path] = ()) -> list[Path]:
    """Write every file of ``files`` (path -> bytes) and remove the marked files ``remove``; all or nothing.

    Returns the written paths (absolute, in the order given). Raises UsageError, having changed
    nothing, if a target exists and is not k8slab's, or a directory in the way is a file.
    """
    targets = [(Path(os.path.abspath(p)), data) for p, data in files.items()]
    exists = {t: _check_target(t) for t, _ in targets}
    removals = [Path(os.path.abspath(p)) for p in remove if Path(os.path.abspath(p)) not in exists]
    for path in removals:
        if provenance.read(path) is None:
            raise UsageError(f"{path}: not removed: it was not written by k8slab (nothing was changed)")
    umask = _umask()
    created: list[Path] = []
    staged: list[tuple[Path, Path]] = []
    backups: dict[Path, Path] = {}
    replaced: list[Path] = []
    removed: list[tuple[Path, Path]] = []
    try:
        for directory in dict.fromkeys(t.parent for t, _ in targets):
            missing = [d for d in (directory, *directory.parents) if not os.path.lexists(d)]
            for d in reversed(missing):
                try:
                    d.mkdir()
                except FileExistsError:  # made meanwhile by someone else: not ours to remove
                    continue
                created.append(d)
        for directory in dict.fromkeys([*(t.parent for t, _ in targets), *(p.parent for p in removals)]):
            remove_debris(directory)
        for target, data in targets:
            mode = stat.S_IMODE(target.stat().st_mode) if exists[target] else 0o666 & ~umask
            staged.append((_stage(target, data, mode), target))
        for target, present in exists.items():
            if present:
                backups[target] = _backup(target)
        for path in removals:
            backups[path] = _backup(path)
        for tmp, target in staged:  # the quick pass: every file is complete on disk already
            os.replace(tmp, target)
            replaced.append(target)
        for path in removals:
            os.unlink(path)
            removed.append((path, backups[path]))
    except BaseException:
        _roll_back(replaced, removed, backups, staged, created)
        raise
    for backup in backups.values():
        with contextlib.suppress(OSError):
            os.unlink(backup)
    return [t for t, _ in targets]


def _roll_back(
    replaced: Iterable[Path],
    removed: Iterable[tuple[Path, Path]],
    backups: Mapping[Path, Path],
    staged: Iterable[tuple[Path, Path]],
    created: Sequence[Path],
) -> None:
    """Put back every file as it was before the run, and remove what the run created."""
    for path, backup in removed:
        with contextlib.suppress(OSError):
            os.replace(backup, path)
    for target in replaced:
        with contextlib.suppress(OSError):
            if target in backups:
                os.replace(backups[target], target)
            else:
                os.unlink(target)
    for tmp in [*(tmp for tmp, _ in staged), *backups.values()]:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    for directory in reversed(created):  # only directories this run made, and only if empty
        with contextlib.suppress(OSError):
            directory.rmdir()
