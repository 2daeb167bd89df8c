"""Files read from disk (issue 9 §5): no symlinks out of a directory, sizes checked before reading,
relative paths from the program's own directory, and no byte of an undecodable variable shown."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import k8slab as kl
from k8slab.cli import main

MIB = 1024 * 1024


def _sparse(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that allocates none (like ``truncate -s``)."""
    with open(path, "wb") as f:
        f.truncate(size)
    return path


def test_from_dir_skips_symlinks_as_kubectl_does(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("not for the ConfigMap")
    root = tmp_path / "conf"
    root.mkdir()
    (root / "app.conf").write_text("x = 1\n")
    (root / "escape").symlink_to(outside)
    (root / "inside").symlink_to(root / "app.conf")
    (root / "sub").mkdir()
    assert kl.Config.from_dir("conf", root).keys() == ("app.conf",)
    assert kl.Secret.from_dir("conf", root).keys() == ("app.conf",)


def test_a_huge_file_fails_before_it_is_read(tmp_path: Path) -> None:
    huge = _sparse(tmp_path / "huge.bin", 3 * 1024**3)  # 3 GB, nothing allocated
    with pytest.raises(kl.SpecError) as info:
        kl.Secret.from_files("big", {"blob": huge})
    assert info.value.path == "files['blob']"
    assert f"{huge} is too large: a Secret holds at most 1 MiB" in str(info.value)
    root = tmp_path / "dir"
    root.mkdir()
    _sparse(root / "huge.txt", 3 * 1024**3)
    for build in (kl.Config.from_dir, kl.Secret.from_dir):
        with pytest.raises(kl.SpecError, match="too large"):
            build("big", root)


def test_the_budget_is_the_sum_of_the_files(tmp_path: Path) -> None:
    a = _sparse(tmp_path / "a", MIB // 2 + 1)
    b = _sparse(tmp_path / "b", MIB // 2)
    with pytest.raises(kl.SpecError) as info:
        kl.Secret.from_files("big", {"a": a, "b": b})
    assert info.value.path == "files['b']"
    assert kl.Secret.from_files("ok", {"a": b, "b": b}).keys() == ("a", "b")  # exactly 1 MiB


def test_a_device_or_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(kl.SpecError, match="cannot read"):
        kl.Secret.from_files("s", {"k": tmp_path})
    if Path("/dev/zero").exists():
        with pytest.raises(kl.SpecError, match="cannot read /dev/zero: not a regular file"):
            kl.Secret.from_files("s", {"k": "/dev/zero"})


def test_relative_paths_resolve_against_the_program(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "project"
    (project / "creds").mkdir(parents=True)
    (project / "creds" / "password.txt").write_text("s3cret")
    (project / "conf").mkdir()
    (project / "conf" / "app.json").write_text("{}")
    program = project / "lab.py"
    program.write_text(
        "import k8slab as kl\n"
        "creds = kl.Secret.from_files('creds', {'password': 'creds/password.txt'})\n"
        "conf = kl.Config.from_dir('conf', 'conf')\n"
        "app = kl.App('web', image='nginx:1.27', port=8080, secrets=[creds], configs=[conf])\n"
        "stack = kl.Stack('demo', app, namespace='demo')\n"
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run = subprocess.run(
        [sys.executable, "-m", "k8slab.cli", "synth", str(program), "-o", "out"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert (elsewhere / "out" / "demo.k8s.yaml").is_file()
    # the error shows the path that was tried
    program.write_text("import k8slab as kl\ncreds = kl.Secret.from_files('creds', {'password': 'missing.txt'})\n")
    assert main(["synth", str(program), "-o", str(tmp_path / "out2")]) == 1
    err = capsys.readouterr().err
    assert f"{program}:2: Secret/creds: files['password']: cannot read {project / 'missing.txt'}" in err


def test_from_env_with_undecodable_bytes_names_the_variable_only(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = b"QZ\xffJX\xfeVW"
    monkeypatch.setitem(os.environ, "K8SLAB_BAD", raw.decode("utf-8", "surrogateescape"))
    with pytest.raises(kl.SpecError) as info:
        kl.Secret.from_env("s", {"password": "K8SLAB_BAD"})
    (problem,) = info.value.problems
    assert (problem.path, problem.message) == (
        "variables['password']",
        "environment variable K8SLAB_BAD is not valid UTF-8",
    )
    assert not any(part in str(info.value) for part in ("QZ", "JX", "VW", "\\x", "\\u"))
