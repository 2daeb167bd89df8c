"""Shared fixtures: the real external tools (helm, kubectl, cdk8s, checkov), example programs, a Kubernetes emulator."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from k8slab.deploy import Cluster, Retries, connect

from .k8s_emulator import Emulator

pytest.register_assert_rewrite("tests.peer")  # the peer cases' shared assertions report their values

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TOOLS = ROOT / ".tools" / "bin"


def _shared() -> Path:
    """``shared/`` beside the repository, as CI lays it out; for a git worktree, beside one of its parents."""
    for parent in ROOT.parents:
        if (parent / "shared" / "crds").is_dir():
            return parent / "shared"
    return ROOT.parent / "shared"


SHARED = _shared()
"""The project's read-only shared material (CRDs, the seed lab)."""
SHARED_CRDS = SHARED / "crds"


def find_tool(name: str) -> str:
    """Path of a real tool from .tools/bin (installed by scripts/tools.sh) or PATH.

    scripts/test.sh sets K8SLAB_REQUIRE_TOOLS=1, so a missing tool fails the run there;
    elsewhere the test is skipped with the reason.
    """
    candidate = TOOLS / name
    found = str(candidate) if candidate.exists() else shutil.which(name)
    if found:
        return found
    message = f"{name} is not installed: run scripts/tools.sh"
    if os.environ.get("K8SLAB_REQUIRE_TOOLS") == "1":
        pytest.fail(message)
    pytest.skip(message)


def checkov_scan(directory: Path) -> tuple[list[str], int]:
    """Run the real checkov on every manifest under ``directory``: (failed checks, passed count)."""
    run = subprocess.run(
        [find_tool("checkov"), "-d", str(directory), "--framework", "kubernetes", "-o", "json", "--skip-download",
         "--quiet"],
        capture_output=True,
        text=True,
        timeout=600,
        env={"PATH": "/usr/bin:/bin", "BC_SKIP_MAPPING": "TRUE", "HOME": str(directory)},
    )  # fmt: skip
    report = json.loads(run.stdout)
    reports = report if isinstance(report, list) else [report]
    failed = [
        f"{c['resource']}: {c['check_id']} {c['check_name']}"
        for r in reports
        for c in r.get("results", {}).get("failed_checks", [])
    ]
    return failed, sum(r.get("summary", {}).get("passed", 0) for r in reports)


@pytest.fixture(autouse=True)
def _no_credentials_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Examples read DB_USERNAME/DB_PASSWORD when set; tests use their documented defaults."""
    monkeypatch.delenv("DB_USERNAME", raising=False)
    monkeypatch.delenv("DB_PASSWORD", raising=False)


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    """A Kubernetes API emulator over real HTTP on 127.0.0.1, stopped after the test."""
    with Emulator() as emu:
        yield emu


@pytest.fixture
def kubeconfig(emulator: Emulator, tmp_path: Path) -> Path:
    """A kubeconfig whose current context (``emulator``) points at the emulator."""
    return emulator.kubeconfig(tmp_path)


@pytest.fixture
def cluster(kubeconfig: Path) -> Cluster:
    """A Cluster on the emulator that retries quickly (3 tries, 10 ms backoff)."""
    return connect(kubeconfig=kubeconfig, retries=Retries(attempts=3, backoff=0.01))
