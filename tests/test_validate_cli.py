"""``k8slab validate``: exit codes, the problem-line format, JSON output, stdin, directories, YAML errors."""

from __future__ import annotations

import io
import json
import re
import subprocess
from pathlib import Path

import pytest

from k8slab.cli import main

from .conftest import EXAMPLES, SHARED_CRDS, find_tool

FIXTURES = Path(__file__).parent / "fixtures" / "validate"


@pytest.fixture(autouse=True)
def _validators_of_a_fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """``k8slab validate`` runs in a process of its own: CRDs that other tests registered on the
    shared validators (``validator_for``) are unknown to it, so each test here starts without them."""
    from functools import lru_cache

    from k8slab.validation import schema

    monkeypatch.setattr(schema, "_shared", lru_cache(maxsize=32)(schema.SchemaValidator))


LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): document (?P<doc>\d+): "
    r"(?P<obj>[A-Za-z]+/[^:]+): (?P<path>[^ ]+): (?P<message>.+)$"
)

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports: [{containerPort: %s}]
"""
SECRET_VALUE = "hunter2-Secret!Value"
BAD_SECRET = f"""\
apiVersion: v1
kind: Secret
metadata: {{name: Bad_Name}}
type: kubernetes.io/tls
data:
  tls.crt: "{SECRET_VALUE}"
stringData:
  bad key: "{SECRET_VALUE}"
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_valid_files_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(FIXTURES / "valid" / "helm4-create-demo.yaml")]) == 0
    assert capsys.readouterr().out == "4 documents valid\n"


def test_problems_exit_1_one_line_each(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "web.yaml", "---\n# Source: chart/a.yaml\n---\n" + DEPLOYMENT % 70000)
    assert main(["validate", str(path)]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    match = LINE.match(line)
    assert match is not None
    assert match["file"] == str(path)
    assert match["doc"] == "2"  # the empty document counts: numbers follow the --- separators
    assert (match["line"], match["column"]) == ("18", "20")  # containerPort in `ports: [{containerPort: 70000}]`
    assert match["obj"] == "Deployment/web"
    assert match["path"] == "spec.template.spec.containers[0].ports[0].containerPort"


def test_every_problem_of_a_document_is_listed(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "invalid" / "hpa-metric-source-mismatch.yaml"
    assert main(["validate", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [LINE.match(line)["path"] for line in lines] == ["spec.metrics[0].pods", "spec.metrics[0].resource"]  # type: ignore[index]


def test_a_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    valid = FIXTURES / "valid" / "services.yaml"
    assert main(["validate", str(valid), str(tmp_path / "nope.yaml")]) == 2
    err = capsys.readouterr().err
    assert "nope.yaml: cannot read" in err


def test_yaml_errors_exit_2_with_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data: {a: 1}\n")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:5:2: YAML error" in err


def test_json_errors_exit_2_with_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "broken.json", '{\n  "apiVersion": "v1",\n  "kind": ConfigMap\n}\n')
    assert main(["validate", str(path)]) == 2
    assert f"{path}:3:11: JSON error" in capsys.readouterr().err


def test_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(
        tmp_path, "web.yaml", DEPLOYMENT % 0 + "---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n"
    )
    assert main(["validate", "--output", "json", str(path)]) == 1
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert set(report) == {"kubeVersion", "valid", "documents", "problems", "unchecked", "errors"}
    assert report["valid"] is False and report["documents"] == 2 and report["errors"] == []
    assert report["problems"] == [
        {
            "file": str(path),
            "document": 1,
            "line": 15,
            "column": 20,
            "object": "Deployment/web",
            "path": "spec.template.spec.containers[0].ports[0].containerPort",
            "message": "must be a port number from 1 to 65535",
        }
    ]
    (unchecked,) = report["unchecked"]
    assert unchecked["object"] == "Widget/w" and unchecked["document"] == 2 and unchecked["line"] == 17
    assert "Widget/w: not checked" in captured.err


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(DEPLOYMENT % 8080 + "---\n" + DEPLOYMENT % 99999))
    assert main(["validate", "-"]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith(
        "<stdin>:31:20: document 2: Deployment/web: spec.template.spec.containers[0].ports[0].containerPort: "
    )


def test_directories_are_searched_recursively(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path, "a.yaml", DEPLOYMENT % 8080)
    _write(tmp_path, "nested/deeper/b.yml", DEPLOYMENT % 0)
    _write(tmp_path, "nested/c.json", json.dumps({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "C"}}))
    _write(tmp_path, "nested/notes.txt", "not: [a manifest")
    _write(tmp_path, ".git/d.yaml", "not: [a manifest")
    assert main(["validate", str(tmp_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [Path(LINE.match(line)["file"]).name for line in lines] == ["c.json", "b.yml"]  # type: ignore[index]


def test_an_empty_directory_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path)]) == 2
    assert "holds no *.yaml" in capsys.readouterr().err


def test_unknown_kinds_are_noted_unless_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "w.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n")
    assert main(["validate", str(path)]) == 0
    captured = capsys.readouterr()
    assert "0 documents valid, 1 not checked" in captured.out
    assert f"{path}:1:1: document 1: Widget/w: not checked" in captured.err
    assert main(["validate", "--strict-kinds", str(path)]) == 1
    assert f"{path}:2:1: document 1: Widget/w: kind: has no known schema" in capsys.readouterr().out
    config = _write(tmp_path, ".pre-commit-config.yaml", "repos:\n  - repo: local\n")  # YAML, but no manifest
    assert main(["validate", str(config)]) == 0
    assert "not checked: is not a Kubernetes object" in capsys.readouterr().err


def test_crds_make_custom_resources_checkable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    crd = """\
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets, singular: widget}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec: {type: object, properties: {size: {type: integer}}}
"""
    widget = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: big}\n"
    crd_file = _write(tmp_path, "crd.yaml", crd)
    widget_file = _write(tmp_path, "w.yaml", widget)
    assert main(["validate", "--strict-kinds", "--crd", str(crd_file), str(widget_file)]) == 1
    assert "Widget/w: spec.size: must be of type integer" in capsys.readouterr().out
    together = _write(tmp_path, "both/all.yaml", crd + "---\n" + widget.replace("w}", "w2}"))
    assert main(["validate", "--strict-kinds", str(together)]) == 1
    assert "all.yaml:21:8: document 2: Widget/w2: spec.size: must be of type integer" in capsys.readouterr().out
    assert main(["validate", "--strict-kinds", "--crd", str(tmp_path), str(widget_file)]) == 1  # a directory of CRDs
    assert "w.yaml:4:8: document 1: Widget/w: spec.size" in capsys.readouterr().out
    assert main(["validate", "--crd", str(widget_file), str(crd_file)]) == 2
    assert "holds no CustomResourceDefinition" in capsys.readouterr().err


def test_a_secret_value_is_never_printed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "secret.yaml", BAD_SECRET)
    for output in ("text", "json"):
        assert main(["validate", "--output", output, str(path)]) == 1
        captured = capsys.readouterr()
        assert "Secret/Bad_Name" in captured.out
        assert SECRET_VALUE not in captured.out + captured.err
        for where in ("metadata.name", "data['tls.crt']", "data['tls.key']", "stringData['bad key']"):
            assert where in captured.out


def test_the_kube_version_selects_the_rules(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(FIXTURES / "valid" / "relaxed-names-1.36.yaml")
    assert main(["validate", "--kube-version", "1.36", path]) == 0
    assert main(["validate", "--kube-version", "1.31", path]) == 1
    assert "env[0].name" in capsys.readouterr().out
    assert main(["validate", "--kube-version", "9.99", path]) == 2
    assert "no schemas for Kubernetes version" in capsys.readouterr().err


def test_cross_checks_are_opt_in(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (DEPLOYMENT % 8080).replace(
        "image: nginx:1.27", "image: nginx:1.27\n          envFrom: [{secretRef: {name: absent}}]"
    )
    path = _write(tmp_path, "web.yaml", text)
    assert main(["validate", str(path)]) == 0
    assert main(["validate", "--cross-checks", str(path)]) == 1
    assert "envFrom[0].secretRef: Secret 'absent' is not defined" in capsys.readouterr().out


def test_a_document_that_is_not_an_object(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "list.yaml", "- a\n- b\n")
    assert main(["validate", str(path)]) == 1
    assert f"{path}:1:1: document 1: must be a Kubernetes object" in capsys.readouterr().out


def test_every_example_output_passes(capsys: pytest.CaptureFixture[str]) -> None:
    crds = ["--crd", str(SHARED_CRDS / "cert-manager"), "--crd", str(SHARED_CRDS / "gateway-api")]
    assert main(["validate", "--strict-kinds", *crds, str(EXAMPLES / "expected")]) == 0
    assert capsys.readouterr().out.endswith("documents valid\n")


@pytest.mark.parametrize("helm", ["helm", "helm3"])
def test_live_helm_create_output_passes(helm: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    binary = find_tool(helm)
    subprocess.run([binary, "create", "demo"], cwd=tmp_path, check=True, capture_output=True, timeout=120)
    for extra in ([], ["--set", "ingress.enabled=true", "--set", "autoscaling.enabled=true"]):
        rendered = subprocess.run(
            [binary, "template", "demo", "./demo", *extra],
            cwd=tmp_path,
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout
        out = _write(tmp_path, "rendered.yaml", rendered)
        assert main(["validate", "--strict-kinds", str(out)]) == 0, capsys.readouterr().out


def test_cross_check_problems_point_at_the_right_file_by_namespace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def config(ns: str) -> str:
        return f"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: same, namespace: {ns}}}\n"

    (tmp_path / "a.yaml").write_text(config("a"))
    (tmp_path / "b.yaml").write_text(config("b") + "---\n" + config("b"))
    assert main(["validate", str(tmp_path), "--cross-checks"]) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if "same name" in line]
    assert len(lines) == 1 and lines[0].startswith(f"{tmp_path / 'b.yaml'}:7:12: document 2: ")
