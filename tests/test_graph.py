"""``k8slab graph``: the references it draws on the examples, broken ones red, and every format deterministic."""

from __future__ import annotations

import copy
import json
import random
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from k8slab import provenance
from k8slab.cli import main
from k8slab.commands.graph import render
from k8slab.graph import Release, build_graph, to_dot, to_json, to_mermaid
from k8slab.graph.dot import BROKEN
from k8slab.loader import load_program, load_stacks
from k8slab.validation.crossref import cross_check

from .conftest import EXAMPLES, find_tool

TYPOS = EXAMPLES / "broken" / "typos.yaml"


def _json(path: Path | str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render(str(path), "json"))
    return data


def _edges(data: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(e["source"], e["target"]): e for e in data["edges"]}


def test_lab_graph_has_every_object_and_reference() -> None:
    (stack,) = load_stacks(EXAMPLES / "lab.py")
    data = _json(EXAMPLES / "lab.py")
    objects = {f"{o['kind']}/lab/{o['metadata']['name']}" for o in stack.render()}
    nodes = {n["id"] for n in data["nodes"]}
    assert objects <= nodes
    assert nodes - objects == {"PersistentVolumeClaim/lab/db-visits-N"}  # the volume-claim template
    edges = _edges(data)
    assert set(edges) == {
        ("Deployment/lab/python-app", "ConfigMap/lab/app-config"),
        ("Deployment/lab/python-app", "Secret/lab/db-user-pass"),
        ("LimitRange/lab/cpu-mem", "Deployment/lab/python-app"),
        ("LimitRange/lab/cpu-mem", "Deployment/lab/web"),
        ("LimitRange/lab/cpu-mem", "StatefulSet/lab/visits"),
        ("NetworkPolicy/lab/python-app", "Deployment/lab/python-app"),
        ("NetworkPolicy/lab/visits", "StatefulSet/lab/visits"),
        ("NetworkPolicy/lab/web", "Deployment/lab/web"),
        ("Service/lab/python-app", "Deployment/lab/python-app"),
        ("Service/lab/visits", "StatefulSet/lab/visits"),
        ("Service/lab/visits-headless", "StatefulSet/lab/visits"),
        ("Service/lab/web", "Deployment/lab/web"),
        ("StatefulSet/lab/visits", "PersistentVolumeClaim/lab/db-visits-N"),
    }
    assert edges[("Deployment/lab/python-app", "Secret/lab/db-user-pass")]["label"] == "env DB_PASSWORD\nenv DB_USER"
    assert edges[("Service/lab/python-app", "Deployment/lab/python-app")]["label"] == "selects :http"
    assert not any(e["broken"] for e in data["edges"])
    assert {n["namespace"] for n in data["nodes"]} == {"lab"}


def test_goal8_monitor_edges_through_the_release_label() -> None:
    edges = _edges(_json(EXAMPLES / "goal8_monitoring.py"))
    release = "Prometheus/monitoring/monitoring (helm release)"
    assert (release, "ServiceMonitor/lab/python-app") in edges
    assert (release, "PrometheusRule/lab/python-app") in edges
    assert edges[("ServiceMonitor/lab/python-app", "Service/lab/python-app")]["label"] == "scrapes :http"
    assert ("Service/lab/python-app", "Deployment/lab/python-app") in edges
    assert not any(e["broken"] for e in edges.values())


def test_a_monitor_no_release_selects_is_broken() -> None:
    stacks, releases = load_program(EXAMPLES / "goal8_monitoring.py")
    objects = stacks[0].render()
    other = [Release("other", "monitoring")]
    graph = build_graph(objects, releases=other)
    broken = [e for e in graph.sorted_edges() if e.broken]
    assert {(e.source, e.target) for e in broken} == {
        ("Prometheus/lab/release=monitoring", "ServiceMonitor/lab/python-app"),
        ("Prometheus/lab/release=monitoring", "PrometheusRule/lab/python-app"),
    }
    assert graph.nodes["Prometheus/lab/release=monitoring"].state == "missing"
    everything = build_graph(objects, releases=[Release("other", "monitoring", select_all=True)])
    assert not any(e.broken for e in everything.sorted_edges())
    assert releases and releases[0].release == "monitoring"


def test_broken_references_are_those_the_cross_checks_report() -> None:
    data = _json(TYPOS)
    broken = sorted((e["source"], e["reason"]) for e in data["edges"] if e["broken"])
    from k8slab.validation.documents import load_paths

    documents, errors = load_paths([str(TYPOS)])
    assert not errors
    problems = cross_check([d.body for d in documents if d.body is not None])
    assert broken == sorted((f"{p.obj.split('/')[0]}/shop/{p.obj.split('/')[1]}", p.message) for p in problems)
    assert len(broken) == 3
    missing = [n for n in data["nodes"] if n["state"] == "missing"]
    assert [m["id"] for m in missing] == ["pods/shop/app=shop-web"]
    ingress = _edges(data)[("Ingress/shop/shop", "Service/shop/shop")]
    assert ingress == {**ingress, "broken": False, "label": "routes shop.example/ :http"}


def test_a_broken_reference_is_drawn_red_in_svg() -> None:
    find_tool("dot")
    svg = render(str(TYPOS), "svg")
    groups = re.findall(r'<g id="edge\d+" class="edge">\s*<title>(.*?)</title>(.*?)</g>', svg, re.S)
    assert len(groups) == 4
    colours = {title.replace("&#45;&gt;", "->"): BROKEN in body for title, body in groups}
    assert colours == {
        "Deployment/shop/shop->Secret/shop/db": True,
        "Ingress/shop/shop->Service/shop/shop": False,
        "Service/shop/shop->pods/shop/app=shop&#45;web": True,
        "ServiceMonitor/shop/shop->Service/shop/shop": True,
    }
    assert "Secret &#39;db&#39; has no key &#39;pasword&#39;" in svg  # the check's message is on the edge


def test_a_selector_typo_in_a_stack_breaks_its_edge() -> None:
    (stack,) = load_stacks(EXAMPLES / "goal1_deploy.py")
    objects = stack.render()
    good = build_graph(objects)
    assert not any(e.broken for e in good.sorted_edges())
    service = next(o for o in objects if o["kind"] == "Service")
    service["spec"]["selector"]["app.kubernetes.io/name"] = "pyhton-app"
    bad = build_graph(objects)
    (edge,) = [e for e in bad.sorted_edges() if e.source == "Service/lab/python-app"]
    assert edge.broken and edge.reason == "selects no pods of any workload in this set"
    assert bad.nodes[edge.target].state == "missing"
    index = bad.sorted_edges().index(edge)
    assert f"linkStyle {index} stroke:{BROKEN}" in to_mermaid(bad)


@pytest.mark.parametrize("fmt", ["dot", "mermaid", "json", "svg"])
@pytest.mark.parametrize("example", ["lab.py", "goal8_monitoring.py", "broken/typos.yaml"])
def test_every_format_is_deterministic(fmt: str, example: str) -> None:
    if fmt == "svg":
        find_tool("dot")
    first = render(str(EXAMPLES / example), fmt)
    assert render(str(EXAMPLES / example), fmt) == first
    assert provenance.read_text(first) is not None  # the mark is on the first two lines


def test_object_order_does_not_change_the_output() -> None:
    (stack,) = load_stacks(EXAMPLES / "lab.py")
    objects = stack.render()
    shuffled = copy.deepcopy(objects)
    random.Random(7).shuffle(shuffled)
    for writer in (to_dot, to_mermaid, to_json):
        assert writer(build_graph(shuffled)) == writer(build_graph(objects))


def test_cli_writes_marked_files_and_never_replaces_a_foreign_one(tmp_path: Path, capsys: Any) -> None:
    out = tmp_path / "lab.dot"
    assert main(["graph", str(EXAMPLES / "lab.py"), "--format", "dot", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("// Generated by k8slab")
    assert main(["graph", str(EXAMPLES / "lab.py"), "--format", "dot", "-o", str(out)]) == 0  # its own: replaced
    mine = tmp_path / "mine.svg"
    mine.write_text("<svg>my drawing</svg>\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["graph", str(EXAMPLES / "lab.py"), "--format", "json", "-o", str(mine)]) == 2
    assert "not written by k8slab" in capsys.readouterr().err
    assert mine.read_text(encoding="utf-8") == "<svg>my drawing</svg>\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lab.dot", "mine.svg"]


def test_cli_prints_to_stdout_and_reads_directories(tmp_path: Path, capsys: Any) -> None:
    (tmp_path / "a.yaml").write_text(TYPOS.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["graph", str(tmp_path), "--format", "mermaid"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("%% Generated by k8slab") and "flowchart LR" in text
    assert main(["graph", str(tmp_path / "missing.yaml")]) == 2
    assert main(["graph", str(tmp_path / "nothing.py")]) == 2


_KINDS = ["Service", "Deployment", "StatefulSet", "Ingress", "ServiceMonitor", "PodMonitor", "Prometheus",
          "HorizontalPodAutoscaler", "PodDisruptionBudget", "RoleBinding", "NetworkPolicy", "LimitRange", "Secret",
          "ConfigMap", "Namespace", None, 3]  # fmt: skip
_SCALARS = st.none() | st.booleans() | st.integers(-3, 70000) | st.text(max_size=6) | st.sampled_from(["app", "x"])
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(
        ["spec", "selector", "matchLabels", "template", "metadata", "labels", "name", "containers", "env",
         "valueFrom", "secretKeyRef", "key", "ports", "port", "targetPort", "volumes", "secret", "secretName",
         "rules", "http", "paths", "backend", "service", "number", "podSelector", "ingress", "scaleTargetRef",
         "kind", "roleRef", "subjects", "limits", "type", "endpoints", "namespace", "app"]), inner, max_size=4),
    max_leaves=25,
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.fixed_dictionaries({"kind": st.sampled_from(_KINDS), "spec": _VALUES, "metadata": _VALUES}),
                max_size=6))  # fmt: skip
def test_malformed_objects_are_drawn_without_crashing(objects: list[dict[str, Any]]) -> None:
    for obj in objects:
        obj["apiVersion"] = "monitoring.coreos.com/v1" if obj["kind"] in ("ServiceMonitor", "PodMonitor") else "v1"
    graph = build_graph(objects)
    for edge in graph.sorted_edges():
        assert edge.source in graph.nodes and edge.target in graph.nodes
        assert edge.broken == bool(edge.reason)
    assert json.loads(to_json(graph))["nodes"] == json.loads(to_json(build_graph(list(reversed(objects)))))["nodes"]
