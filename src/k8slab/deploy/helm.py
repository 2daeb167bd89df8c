"""The helm binary: render a chart directory, or install/upgrade a release with ``--wait``.

helm is looked up as $K8SLAB_HELM, then on PATH, then in ``./.tools/bin`` (where
``scripts/tools.sh`` installs it). Helm 3 and Helm 4 both work.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, TextIO, runtime_checkable

from ..errors import HelmFailed, UsageError
from ..validation.documents import parse_text

__all__ = ["HelmRelease", "find_helm", "helm_template", "helm_upgrade", "release_args", "with_defaults"]


@runtime_checkable
class HelmRelease(Protocol):
    """Anything that knows its helm arguments, e.g. ``["upgrade", "--install", "monitoring", CHART, ...]``."""

    def helm_args(self) -> list[str]:
        """The arguments after ``helm``."""
        ...


def find_helm() -> str:
    """The helm binary to run; HelmFailed when there is none."""
    for candidate in (os.environ.get("K8SLAB_HELM"), shutil.which("helm"), str(Path(".tools/bin/helm").resolve())):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise HelmFailed("helm is not installed: put it on PATH (or set K8SLAB_HELM to its path)", returncode=127)


def _error_lines(lines: Sequence[str]) -> str:
    """helm's ``Error:`` message as one line (Helm 4 continues it on indented lines); else its last line."""
    found: list[str] = []
    for line in lines:
        if line.startswith("Error:"):
            found = [line.removeprefix("Error:").strip()]
        elif found and line.startswith((" ", "\t")) and line.strip():
            found.append(line.strip())
        elif found and found[-1] != "":
            found.append("")  # the message ended
    message = " ".join(part for part in found if part)
    return message or next((line.strip() for line in reversed(lines) if line.strip()), "no output")


def helm_template(
    chart: str | Path, *, release: str, namespace: str | None = None, values: Sequence[str | Path] = ()
) -> list[dict[str, Any]]:
    """The objects ``helm template`` renders for ``chart`` (offline; no cluster is contacted)."""
    argv = [find_helm(), "template", release, str(chart)]
    if namespace:
        argv += ["--namespace", namespace]
    for file in values:
        argv += ["--values", str(file)]
    run = subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)
    if run.returncode != 0:
        raise HelmFailed(
            f"helm template {chart} failed: {_error_lines(run.stderr.splitlines())}", returncode=run.returncode
        )
    docs, error = parse_text(f"helm template {chart}", run.stdout)  # errors never quote rendered Secret lines
    if error is not None:
        raise HelmFailed(f"helm template {chart} wrote YAML that does not parse: {error}")
    return [d.body for d in docs if isinstance(d.body, dict)]


def release_args(chart: str | Path, *, release: str, namespace: str, values: Sequence[str | Path] = ()) -> list[str]:
    """``upgrade --install`` arguments for a local chart directory."""
    args = ["upgrade", "--install", release, str(chart), "--namespace", namespace, "--create-namespace"]
    for file in values:
        args += ["--values", str(file)]
    return args


def with_defaults(
    args: Sequence[str],
    *,
    kubeconfig: str | Path | None,
    context: str | None,
    timeout: float,
    wait: bool = True,
    dry_run: bool = False,
) -> list[str]:
    """``args`` plus ``--wait`` (unless ``wait`` is False or given), ``--timeout``, kubeconfig and context.

    ``dry_run`` adds a server-side dry run that hides Secrets: helm would otherwise print them.
    """
    out = list(args)
    if dry_run:
        out += ["--dry-run=server", "--hide-secret"]
    if wait and not any(a == "--wait" or a.startswith("--wait=") for a in out):
        out.append("--wait")
    if "--timeout" not in out and not any(a.startswith("--timeout=") for a in out):
        out += ["--timeout", f"{max(1, int(timeout))}s"]
    if kubeconfig is not None:
        out += ["--kubeconfig", str(kubeconfig)]
    if context is not None:
        out += ["--kube-context", context]
    return out


def helm_upgrade(
    args: Sequence[str],
    *,
    kubeconfig: str | Path | None = None,
    context: str | None = None,
    timeout: float = 300.0,
    output: TextIO | None = None,
    helm: str | None = None,
    wait: bool = True,
    dry_run: bool = False,
) -> None:
    """Run ``helm ARGS`` (adding ``--wait``, ``--timeout``, the kubeconfig and context), streaming its output.

    Raises HelmFailed with helm's own ``Error:`` message when helm fails or outlives ``timeout``
    by more than a minute (then it is killed).
    """
    if not args:
        raise UsageError("helm_upgrade needs helm arguments, e.g. ['upgrade', '--install', NAME, CHART]")
    argv = [
        helm or find_helm(),
        *with_defaults(args, kubeconfig=kubeconfig, context=context, timeout=timeout, wait=wait, dry_run=dry_run),
    ]
    tail: deque[str] = deque(maxlen=200)
    process = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, stdin=subprocess.DEVNULL
    )

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            tail.append(line.rstrip("\n"))
            if output is not None:
                output.write(f"helm: {line}" if line.endswith("\n") else f"helm: {line}\n")
                output.flush()

    reader = threading.Thread(target=pump, name="helm-output", daemon=True)
    reader.start()
    try:
        code = process.wait(timeout=timeout + 60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise HelmFailed(f"helm {args[0]} did not finish within {int(timeout) + 60}s and was stopped") from None
    finally:
        reader.join(timeout=5)
    if code != 0:
        raise HelmFailed(f"helm {args[0]} failed: {_error_lines(list(tail))}", returncode=code)
