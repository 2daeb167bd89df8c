"""k8slab inside cdk8s: a cdk8s-plus construct in the same Chart, and the real `cdk8s synth` CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import k8slab as kl
from k8slab.render.synth import cdk8s

from .conftest import EXAMPLES, find_tool

kplus = pytest.importorskip("cdk8s_plus_33")


def _chart(outdir: Path) -> tuple[object, object]:
    app = cdk8s.App(outdir=str(outdir))
    stack = kl.Stack("mix", kl.App("web", image="nginx:1.27", port=8080), namespace="mix")
    return app, stack.chart(app)


def test_cdk8s_plus_construct_coexists(tmp_path: Path) -> None:
    app, chart = _chart(tmp_path)
    kplus.ConfigMap(chart, "flags", metadata=cdk8s.ApiObjectMetadata(name="flags", namespace="mix"), data={"a": "b"})
    app.synth()  # type: ignore[attr-defined]
    docs = list(yaml.safe_load_all((tmp_path / "mix.k8s.yaml").read_text()))
    assert [(d["kind"], d["metadata"]["name"]) for d in docs] == [
        ("Namespace", "mix"),
        ("ConfigMap", "flags"),
        ("Service", "web"),
        ("Deployment", "web"),
        ("NetworkPolicy", "web"),
    ]


def test_validation_covers_cdk8s_constructs(tmp_path: Path) -> None:
    app, chart = _chart(tmp_path / "out")
    bad = cdk8s.ApiObject(chart, "bad", api_version="v1", kind="ConfigMap", metadata=cdk8s.ApiObjectMetadata(name="x"))
    bad.add_json_patch(cdk8s.JsonPatch.add("/bogus", 1))
    with pytest.raises(Exception, match=r'ConfigMap/x: bogus: unknown field "bogus"'):
        app.synth()  # type: ignore[attr-defined]
    assert not (tmp_path / "out" / "mix.k8s.yaml").exists()


def test_cdk8s_plus_service_selecting_nothing_is_caught(tmp_path: Path) -> None:
    app, chart = _chart(tmp_path / "out")
    kplus.Service(
        chart,
        "orphan",
        metadata=cdk8s.ApiObjectMetadata(name="orphan", namespace="mix"),
        selector=kplus.Pods.select(chart, "sel", labels={"app": "none"}),
        ports=[kplus.ServicePort(port=80)],
    )
    with pytest.raises(Exception, match=r"Service/orphan: spec.selector: selects no pods"):
        app.synth()  # type: ignore[attr-defined]


def test_real_cdk8s_cli_synth(tmp_path: Path) -> None:
    cli = find_tool("cdk8s")
    project = tmp_path / "cdk8s-app"
    shutil.copytree(EXAMPLES / "cdk8s-app", project, ignore=shutil.ignore_patterns("dist", "node_modules"))
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("JSII_NODE", None)
    run = subprocess.run([cli, "synth"], cwd=project, capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode == 0, run.stdout + run.stderr
    docs = list(yaml.safe_load_all((project / "dist" / "shop.k8s.yaml").read_text()))
    kinds = {(d["kind"], d["metadata"]["name"]) for d in docs}
    assert {("Deployment", "web"), ("ConfigMap", "feature-flags"), ("Namespace", "shop")} <= kinds
    assert kl.check(docs).problems == []


def test_constructs_without_a_namespace_get_the_stacks(tmp_path: Path) -> None:
    app, chart = _chart(tmp_path)
    kplus.ConfigMap(chart, "flags", metadata=cdk8s.ApiObjectMetadata(name="flags"), data={"a": "b"})
    app.synth()  # type: ignore[attr-defined]
    docs = {d["metadata"]["name"]: d for d in yaml.safe_load_all((tmp_path / "mix.k8s.yaml").read_text())}
    assert docs["flags"]["metadata"]["namespace"] == "mix"
