"""Each command imports only what it runs: ``--help`` and ``validate`` never load the builders,
pydantic, deploy or cdk8s; ``synth`` never loads deploy; ``import k8slab`` loads no builder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import EXAMPLES

_PROBE = """
import json, sys
argv = json.loads(sys.argv[1])
if argv is None:
    import k8slab
else:
    from k8slab.cli import main
    try:
        main(argv)
    except SystemExit:
        pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _modules(argv: list[str] | None, cwd: Path | None = None) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(argv)], capture_output=True, text=True, check=False, cwd=cwd
    )
    loaded: list[str] = json.loads(done.stderr.strip().splitlines()[-1])
    return set(loaded)


def _under(modules: set[str], *roots: str) -> set[str]:
    return {m for m in modules if any(m == r or m.startswith(r + ".") for r in roots)}


HEAVY = ("k8slab.builders", "k8slab.deploy", "pydantic", "cdk8s", "jsii", "k8slab.render.synth")


def test_import_k8slab_loads_no_builder() -> None:
    assert _under(_modules(None), *HEAVY, "k8slab.validation") == set()


def test_help_loads_no_command_dependencies() -> None:
    assert _under(_modules(["--help"]), *HEAVY, "k8slab.validation") == set()


def test_validate_loads_neither_builders_nor_cdk8s() -> None:
    loaded = _modules(["validate", str(EXAMPLES / "expected" / "lab.k8s.yaml")])
    assert "k8slab.validation.engine" in loaded
    assert _under(loaded, *HEAVY) == set()


def test_synth_loads_no_deploy(tmp_path: Path) -> None:
    loaded = _modules(["synth", str(EXAMPLES / "lab.py"), "-o", str(tmp_path / "out")])
    assert (tmp_path / "out" / "lab.k8s.yaml").is_file()
    assert _under(loaded, "k8slab.deploy", "k8slab.builders.custom") == set()


def test_synth_leaves_cdk8s_and_the_validators_to_its_worker(tmp_path: Path) -> None:
    """``k8slab synth`` imports the builders; cdk8s (jsii, Node) and the validators run in the worker it starts."""
    loaded = _modules(["synth", str(EXAMPLES / "lab.py"), "-o", str(tmp_path / "out")])
    assert (tmp_path / "out" / "lab.k8s.yaml").is_file()
    assert "k8slab.builders.app" in loaded
    assert "k8slab.render.remote" in loaded
    assert _under(loaded, "cdk8s", "jsii", "k8slab.render.synth", "k8slab.validation.engine", "jsonschema_rs") == set()
    assert _under(loaded, "yaml") == set()  # the release builders write YAML only when asked for a values file


def test_validate_loads_no_email_package() -> None:
    """jsonschema_rs would load email.utils (and socket) for its build date; see k8slab.validation.jsonschema_import."""
    loaded = _modules(["validate", str(EXAMPLES / "expected" / "lab.k8s.yaml")])
    assert "jsonschema_rs" in loaded
    assert _under(loaded, "email.utils", "socket") == set()


def test_validate_help_loads_no_schema() -> None:
    loaded = _modules(["validate", "--help"])
    assert "k8slab.commands.validate" in loaded
    assert _under(loaded, "k8slab.validation.schema", "jsonschema_rs", "yaml") == set()


def test_public_names_still_resolve_lazily() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import k8slab as kl, sys; kl.App; print('k8slab.builders.app' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "True"


def test_help_lists_every_command_with_its_help_line(capsys: pytest.CaptureFixture[str]) -> None:
    from k8slab.cli import main

    with pytest.raises(SystemExit):
        main(["--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "validate validate manifests offline" in out
    assert "synth validate a program's stacks" in out


def test_validate_loads_neither_shutil_nor_difflib() -> None:
    """argparse imports shutil (bz2, lzma, zlib) for the terminal's width; k8slab's formatter asks os."""
    loaded = _modules(["validate", str(EXAMPLES / "expected" / "lab.k8s.yaml")])
    assert _under(loaded, "shutil", "bz2", "lzma", "difflib", "importlib.resources") == set()


@pytest.mark.parametrize("columns", ["30", "80", "157", "", "x"])
def test_help_is_as_wide_as_argparse_makes_it(columns: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import argparse

    from k8slab import cli

    monkeypatch.setenv("COLUMNS", columns)
    for parser in (cli._parser(cli._command_names(), "validate")[0], _subparser(cli, "validate")):
        ours = parser.format_help()
        parser.formatter_class = argparse.HelpFormatter
        assert ours == parser.format_help()


def _subparser(cli: Any, name: str) -> Any:
    parser = cli._parser(cli._command_names(), name)[0]
    return next(a for a in parser._actions if a.choices and name in a.choices).choices[name]


def test_import_k8slab_is_light_and_keeps_errors_reachable() -> None:
    assert _under(_modules(None), "k8slab.errors", "dataclasses", "inspect") == set()
    done = subprocess.run(
        [sys.executable, "-c", "import k8slab; print(k8slab.errors.K8slabError.__name__)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "K8slabError"
