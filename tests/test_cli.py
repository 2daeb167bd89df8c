"""`k8slab synth`: output, exit codes, one clear error, and an untouched output directory on failure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from k8slab.cli import main

from .conftest import EXAMPLES

VALID = """
import k8slab as kl
stack = kl.Stack("demo", kl.App("web", image="nginx:1.27", port=8080), namespace="demo")
"""


def _write(tmp_path: Path, text: str) -> Path:
    program = tmp_path / "program.py"
    program.write_text(text)
    return program


def _untouched(out: Path) -> None:
    assert sorted(p.name for p in out.iterdir()) == ["keep.yaml"]


@pytest.fixture
def out(tmp_path: Path) -> Path:
    d = tmp_path / "out"
    d.mkdir()
    (d / "keep.yaml").write_text("a: 1\n")
    return d


def test_synth_writes_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["synth", str(_write(tmp_path, VALID)), "-o", str(tmp_path / "dist")]) == 0
    assert (tmp_path / "dist" / "demo.k8s.yaml").is_file()
    assert "demo.k8s.yaml (4 objects, namespace demo)" in capsys.readouterr().out


def test_missing_file(tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["synth", str(tmp_path / "nope.py"), "-o", str(out)]) == 2
    assert "nope.py: no such file" in capsys.readouterr().err
    _untouched(out)


def test_program_without_stack(tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    program = _write(tmp_path, "import k8slab as kl\napp = kl.App('web', image='nginx:1.27', port=80)\n")
    assert main(["synth", str(program), "-o", str(out)]) == 2
    assert "defines no k8slab Stack" in capsys.readouterr().err
    _untouched(out)


def test_invalid_builder_lists_the_field(tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    program = _write(tmp_path, "import k8slab as kl\nkl.App('Web_App', image='nginx:1.27', port=70000)\n")
    assert main(["synth", str(program), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "App/Web_App: name: must be a DNS-1035 label" in err
    assert "App/Web_App: port: must be a port number from 1 to 65535" in err
    assert "Traceback" not in err
    _untouched(out)


def test_invalid_objects_write_nothing(tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    program = _write(
        tmp_path,
        VALID + "stack = kl.Stack('demo', kl.App('web', image='nginx:1.27', port=8080),"
        " kl.Limits.range(container=kl.LimitItem(max={'cpu': '100m'})), namespace='demo')\n",
    )
    assert main(["synth", str(program), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    line = VALID.count("\n") + 1
    # the problem points at the App's line, names its field, and says the value was k8slab's default
    assert (
        f"{program}:{line}: App/web: limits.cpu: 500m (k8slab's default; set Limits(cpu=...)) "
        "is above the maximum 100m of LimitRange/limits\n"
    ) in err
    _untouched(out)


def test_program_that_raises(tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    program = _write(tmp_path, "x = 1\nraise RuntimeError('boom')\n")
    assert main(["synth", str(program), "-o", str(out)]) == 2
    assert "program.py:2: RuntimeError: boom" in capsys.readouterr().err
    _untouched(out)


def test_secret_values_never_reach_the_terminal(tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    program = _write(
        tmp_path,
        "import k8slab as kl\ns = kl.Secret('creds', data={'bad/key': 'hunter2-very-secret'})\n",
    )
    assert main(["synth", str(program), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert "hunter2-very-secret" not in captured.err + captured.out
    assert "data['bad/key']" in captured.err


def test_console_script_runs_the_lab(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "k8slab.cli", "synth", str(EXAMPLES / "lab.py"), "-o", str(tmp_path / "dist")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "dist" / "lab.k8s.yaml").is_file()
    assert "end-of-life" not in run.stderr.lower()


def test_program_errors_name_the_line_for_relative_paths(
    tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, "x = 1\nraise RuntimeError('boom')\n")
    monkeypatch.chdir(tmp_path)
    assert main(["synth", "program.py", "-o", str(out)]) == 2
    assert "program.py:2: RuntimeError: boom" in capsys.readouterr().err
