"""Many documents are checked on two cores: problems, their order, output and exit code stay the serial ones."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from k8slab.cli import main
from k8slab.validation import engine, forked

from .conftest import SHARED_CRDS

FIXTURES = Path(__file__).parent / "fixtures" / "validate"


def _documents() -> list[Any]:
    """Every fixture document, valid and invalid, custom resources included, twice over."""
    docs: list[Any] = []
    for path in sorted(FIXTURES.rglob("*.yaml")):
        try:
            docs += [d for d in yaml.safe_load_all(path.read_text()) if d is not None]
        except yaml.YAMLError:
            continue
    unknown = {"apiVersion": "unknown.example.com/v1", "kind": "Unknown", "metadata": {"name": "u"}}
    return [*docs, *docs, unknown, 42, "not an object"]


@pytest.fixture
def parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "PARALLEL_MIN", 2)
    monkeypatch.setattr(forked, "can_fork", lambda: hasattr(os, "fork"))


def test_two_processes_find_what_one_finds(parallel: None) -> None:
    docs = _documents()
    assert len(docs) >= 2 * engine.PARALLEL_MIN
    forked = engine.check_objects(docs)
    assert forked == [engine.check_object(d) for d in docs]
    assert any(found for found in forked) and None in forked  # problems, and unknown kinds, came back


def test_a_failing_copy_is_replaced_by_this_process(parallel: None, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _documents()
    monkeypatch.setattr(forked.Forked, "result", lambda self: (self.stop(), None)[1])
    assert engine.check_objects(docs) == [engine.check_object(d) for d in docs]


def test_few_documents_stay_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: Any) -> None:
        raise AssertionError("forked")

    monkeypatch.setattr(forked, "Forked", refuse)
    docs = _documents()[: engine.PARALLEL_MIN - 1]
    assert engine.check_objects(docs) == [engine.check_object(d) for d in docs]


def test_the_command_prints_the_same_either_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stream = tmp_path / "all.yaml"
    stream.write_text(yaml.safe_dump_all(_documents()[:-3]))
    args = ["validate", "--crd", str(SHARED_CRDS / "cert-manager"), str(stream), str(FIXTURES / "invalid")]
    serial_code = main(args)
    serial = capsys.readouterr()
    monkeypatch.setattr(engine, "PARALLEL_MIN", 2)
    monkeypatch.setattr(forked, "can_fork", lambda: hasattr(os, "fork"))
    assert main(args) == serial_code == 1
    assert capsys.readouterr() == serial
    assert main([*args, "-o", "json"]) == 1
    forked_json = capsys.readouterr()
    monkeypatch.setattr(engine, "PARALLEL_MIN", 10**9)
    main([*args, "-o", "json"])
    assert capsys.readouterr() == forked_json
