"""Real-world fixtures: charts rendered by Helm (``helm create``, and charts in the community style).

Each is accepted, with no problem and nothing unchecked, at every supported Kubernetes version
that serves all of its built-in kinds; the community-style chart still renders to its fixture.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from k8slab.validation.documents import parse_text
from k8slab.validation.engine import check
from k8slab.validation.schema import supported_versions, validator_for
from k8slab.validation.served import group_of

FIXTURES = Path(__file__).parent / "fixtures"
REAL_WORLD = sorted(
    p for p in (FIXTURES / "validate" / "valid").glob("*.yaml") if p.name.startswith(("helm", "community-"))
)
CHARTS = FIXTURES / "charts"
HELM = Path(__file__).parents[1] / ".tools" / "bin" / "helm"


def _documents(path: Path) -> list[Any]:
    documents, error = parse_text(path.name, path.read_text())
    assert error is None
    return [d.body for d in documents if d.body is not None]


def _serves(version: str, docs: list[Any]) -> bool:
    known = validator_for(version).builtin_kinds()
    builtin_groups = {group_of(v) for v, _ in known}
    crd_groups = {d["spec"]["group"] for d in docs if d.get("kind") == "CustomResourceDefinition"}
    return all(
        (d["apiVersion"], d["kind"]) in known
        for d in docs
        if group_of(d["apiVersion"]) in builtin_groups and group_of(d["apiVersion"]) not in crd_groups
    )


def test_there_are_real_world_fixtures() -> None:
    names = {p.name for p in REAL_WORLD}
    assert {"helm3-create-demo-ingress-hpa.yaml", "helm4-create-demo-ingress-hpa.yaml"} <= names
    assert {"community-warehouse.yaml", "community-warehouse-lb.yaml", "community-operator.yaml"} <= names


@pytest.mark.parametrize("path", REAL_WORLD, ids=lambda p: p.stem)
def test_each_real_world_fixture_is_accepted_at_every_version_that_serves_it(path: Path) -> None:
    docs = _documents(path)
    crds = [d for d in docs if d.get("kind") == "CustomResourceDefinition"]
    versions = [v for v in supported_versions() if _serves(v, docs)]
    assert "1.33" in versions
    for version in versions:
        report = check(docs, kube_version=version, crds=crds, cross_checks=False)
        assert report.problems == [], version
        assert report.unchecked == [], version


@pytest.mark.skipif(not HELM.exists() or os.environ.get("K8SLAB_NO_HELM"), reason="no helm in .tools/bin")
@pytest.mark.parametrize("name", ["community-warehouse.yaml", "community-warehouse-lb.yaml", "community-operator.yaml"])
def test_each_community_chart_still_renders_to_its_fixture(name: str, tmp_path: Path) -> None:
    fixture = FIXTURES / "validate" / "valid" / name
    header, _, rendered = fixture.read_text().partition("\n")
    source, options = header.split(" --include-crds", 1)
    chart = tmp_path / source.rsplit("/", 1)[1]
    shutil.copytree(CHARTS / chart.name, chart)
    command = [str(HELM), "template", "demo", str(chart), "--include-crds", *options.split()]
    result = subprocess.run(command, capture_output=True, text=True, check=True, timeout=120)
    assert result.stdout == rendered
