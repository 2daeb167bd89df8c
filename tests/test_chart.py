"""Helm charts from the typed code, checked with the real helm binaries (Helm 4 and Helm 3).

- every example's chart passes `helm lint --strict`;
- `helm template` with the default values renders exactly the plain objects (semantic
  equality, ignoring Helm's bookkeeping labels), for the examples and for generated stacks;
- overrides that fit values.schema.json still render valid objects; others are refused by helm;
- release-aware names, existingSecret, on/off switches, NOTES.txt, the test hook and checkov.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import k8slab as kl
from k8slab.loader import load_stacks
from k8slab.render.chart import secret_values

from .conftest import EXAMPLES, checkov_scan, find_tool
from .test_properties import apps
from .yamlio import load_all

BOOKKEEPING = {
    "helm.sh/chart",
    "app.kubernetes.io/managed-by",
    "app.kubernetes.io/instance",
    "app.kubernetes.io/version",
}
PROGRAMS = sorted(EXAMPLES.glob("*.py"))
HELMS = ["helm", "helm3"]


def _strip(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _strip(v) for k, v in node.items() if k not in BOOKKEEPING}
    if isinstance(node, list):
        return [_strip(x) for x in node]
    return node


def by_key(objects: list[dict[str, Any]]) -> dict[tuple[str, str], Any]:
    """Objects by (kind, name), without the fields Helm or k8slab add as bookkeeping."""
    return {(o["kind"], o["metadata"]["name"]): _strip(o) for o in objects}


def secrets_file(stack: kl.Stack, chart: Path) -> Path:
    """The chart's required Secret values, in a private values file beside the chart (never logged)."""
    path = chart.parent / f"{chart.name}.secret-values.yaml"
    path.touch(mode=0o600)
    path.write_text(json.dumps(secret_values(stack)))  # JSON: no YAML 1.1 surprises in keys such as n or on
    return path


def write(stack: kl.Stack, chart: Path, **options: Any) -> Path:
    """Write the stack's chart and its secret values file; return the chart."""
    stack.helm(chart, **options)
    secrets_file(stack, chart)
    return chart


def template(
    helm: str, chart: Path, release: str, namespace: str, *args: str, secrets: bool = True
) -> list[dict[str, Any]]:
    """`helm template` output as objects (given the chart's secret values file, if any); raises CalledProcessError."""
    values = chart.parent / f"{chart.name}.secret-values.yaml"
    given = ["-f", str(values)] if secrets and values.is_file() else []
    run = subprocess.run(
        [find_tool(helm), "template", release, str(chart), "-n", namespace, *given, *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if run.returncode != 0:
        raise subprocess.CalledProcessError(run.returncode, "helm template", run.stdout, run.stderr)
    return load_all(run.stdout)


def plain_objects(stack: kl.Stack) -> list[dict[str, Any]]:
    """The stack's plain objects, without its Namespace (a chart does not hold it)."""
    return [o for o in stack.objects() if o["kind"] != "Namespace"]


@pytest.fixture(scope="module")
def charts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[kl.Stack, Path]]:
    out = tmp_path_factory.mktemp("charts")
    made = {}
    for program in PROGRAMS:
        for stack in load_stacks(program):
            write(stack, out / stack.name)
            made[stack.name] = (stack, out / stack.name)
    return made


@pytest.mark.parametrize("helm", HELMS)
def test_every_example_chart_lints_strictly(charts: dict[str, tuple[kl.Stack, Path]], helm: str) -> None:
    for _stack, chart in charts.values():
        run = subprocess.run([find_tool(helm), "lint", "--strict", str(chart)], capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("helm", HELMS)
def test_default_values_render_the_plain_objects(charts: dict[str, tuple[kl.Stack, Path]], helm: str) -> None:
    for name, (stack, chart) in charts.items():
        rendered = template(helm, chart, stack.name, stack.namespace, "--skip-tests")
        assert by_key(rendered) == by_key(plain_objects(stack)), name


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(builders=apps())
def test_generated_stacks_render_equal(builders: tuple[Any, ...], tmp_path_factory: pytest.TempPathFactory) -> None:
    stack = kl.Stack("gen", *builders, namespace="gen")
    chart = write(stack, tmp_path_factory.mktemp("gen") / "chart")
    lint = subprocess.run([find_tool("helm"), "lint", "--strict", str(chart)], capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout
    assert by_key(template("helm", chart, "gen", "gen", "--skip-tests")) == by_key(plain_objects(stack))


def _single_app_chart(tmp_path: Path) -> Path:
    (stack,) = load_stacks(EXAMPLES / "goal2_chart.py")
    return write(stack, tmp_path / "chart")


def test_seed_image_override_at_install_time(tmp_path: Path) -> None:
    chart = _single_app_chart(tmp_path)
    objects = template("helm", chart, "my-chart", "lab", "--set", "image=sh3b0/app_nodejs:latest", "--skip-tests")
    deployment = next(o for o in objects if o["kind"] == "Deployment")
    assert deployment["spec"]["template"]["spec"]["containers"][0]["image"] == "sh3b0/app_nodejs:latest"


overrides = st.fixed_dictionaries(
    {},
    optional={
        "replicas": st.integers(0, 50),
        "service.type": st.sampled_from(["ClusterIP", "NodePort", "LoadBalancer"]),
        "service.port": st.integers(1, 65535),
        "image": st.sampled_from(["nginx:1.27", "ghcr.io/org/app:2.0.1", "sh3b0/app_nodejs:1.2"]),
        "resources": st.builds(
            lambda cpu, mem: {"limits": {"cpu": cpu, "memory": mem}, "requests": {"cpu": cpu, "memory": mem}},
            st.sampled_from(["250m", "1", "2"]),
            st.sampled_from(["64Mi", "1Gi"]),
        ),
        "imagePullPolicy": st.sampled_from(["Always", "IfNotPresent"]),
        "env.LOG_LEVEL": st.sampled_from(["debug", "warn"]),
    },
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=overrides)
def test_overrides_within_the_schema_render_valid_objects(
    values: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    chart = _single_app_chart(tmp_path_factory.mktemp("o"))
    args = []
    for key, value in values.items():
        args += (
            ["--set-string", f"{key}={value}"]
            if isinstance(value, str)
            else ["--set-json", f"{key}={json.dumps(value)}"]
        )
    objects = template("helm", chart, "app-deployment", "lab", *args, "--skip-tests")
    assert kl.check(objects, external={("Secret", "db-creds")}).problems == []
    deployment = next(o for o in objects if o["kind"] == "Deployment")
    if "replicas" in values:
        assert deployment["spec"]["replicas"] == values["replicas"]


@pytest.mark.parametrize("helm", HELMS)
@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("replicas=abc", "replicas"),
        ("replica=2", "replica"),
        ("service.type=Bogus", "type"),
        ("service.port=70000", "port"),
        ("resources.limits.gpu=1", "gpu"),
        ("containerSecurityContext.runAsUsr=1", "runAsUsr"),
        ("podSecurityContext.runAsNonRoot=maybe", "runAsNonRoot"),
    ],
)
def test_overrides_outside_the_schema_are_refused(tmp_path: Path, helm: str, setting: str, message: str) -> None:
    chart = _single_app_chart(tmp_path)
    with pytest.raises(subprocess.CalledProcessError) as err:
        template(helm, chart, "x", "lab", "--set", setting)
    assert message in err.value.stderr


def test_two_releases_in_one_namespace_do_not_collide(tmp_path: Path) -> None:
    chart = _single_app_chart(tmp_path)
    a = {(o["kind"], o["metadata"]["name"]) for o in template("helm", chart, "blue", "lab")}
    b = {(o["kind"], o["metadata"]["name"]) for o in template("helm", chart, "green", "lab")}
    assert a and not a & b
    green = template("helm", chart, "green", "lab", "--skip-tests")
    deployment = next(o for o in green if o["kind"] == "Deployment")
    refs = {
        e["valueFrom"]["secretKeyRef"]["name"]
        for e in deployment["spec"]["template"]["spec"]["containers"][0]["env"]
        if "valueFrom" in e
    }
    assert refs == {"green-db-creds"}
    assert deployment["spec"]["selector"]["matchLabels"]["app.kubernetes.io/instance"] == "green"


def test_existing_secret_replaces_the_chart_secret(tmp_path: Path) -> None:
    chart = _single_app_chart(tmp_path)
    objects = template(
        "helm", chart, "app-deployment", "lab", "--set", "secrets.dbCreds.existingSecret=vault-db", "--skip-tests"
    )
    assert all(o["kind"] != "Secret" for o in objects)
    deployment = next(o for o in objects if o["kind"] == "Deployment")
    refs = {
        e["valueFrom"]["secretKeyRef"]["name"]
        for e in deployment["spec"]["template"]["spec"]["containers"][0]["env"]
        if "valueFrom" in e
    }
    assert refs == {"vault-db"}


def test_switches_turn_objects_off(tmp_path: Path) -> None:
    chart = _single_app_chart(tmp_path)
    kinds = {
        o["kind"]
        for o in template(
            "helm", chart, "x", "lab", "--set", "service.enabled=false,networkPolicy.enabled=false", "--skip-tests"
        )
    }
    assert "Service" not in kinds and "NetworkPolicy" not in kinds and "Deployment" in kinds


def test_secret_values_are_required_values_never_defaults(tmp_path: Path) -> None:
    chart = _single_app_chart(tmp_path)
    values = yaml.safe_load((chart / "values.yaml").read_text())
    assert values["secrets"]["dbCreds"]["data"] == {"username": "", "password": ""}
    for path in chart.rglob("*"):
        assert not path.is_file() or "change-me" not in path.read_text(), path
    with pytest.raises(subprocess.CalledProcessError) as err:
        template("helm", chart, "x", "lab", "--skip-tests", secrets=False)
    assert (
        "set secrets.dbCreds.data.password (with --set-string or a values file), or secrets.dbCreds.existingSecret"
        in (err.value.stderr)
    )
    given = "secrets.dbCreds.data.password=rotated,secrets.dbCreds.data.username=admin"
    objects = template("helm", chart, "x", "lab", "--set-string", given, "--skip-tests", secrets=False)
    secret = next(o for o in objects if o["kind"] == "Secret")
    assert secret["data"] == {"password": "cm90YXRlZA==", "username": "YWRtaW4="}
    kept = template("helm", chart, "x", "lab", "--set", "secrets.dbCreds.existingSecret=vault", secrets=False)
    assert all(o["kind"] != "Secret" for o in kept)


def test_secret_values_are_written_only_when_asked(tmp_path: Path) -> None:
    (stack,) = load_stacks(EXAMPLES / "goal2_chart.py")
    stack.helm(tmp_path / "chart", include_secret_values=True)
    values = yaml.safe_load((tmp_path / "chart" / "values.yaml").read_text())
    assert values["secrets"]["dbCreds"]["data"] == {"username": "admin", "password": "change-me"}
    objects = template("helm", tmp_path / "chart", stack.name, stack.namespace, "--skip-tests", secrets=False)
    assert by_key(objects) == by_key(plain_objects(stack))


@pytest.mark.parametrize("helm", HELMS)
def test_binary_and_empty_secret_values(tmp_path: Path, helm: str) -> None:
    secret = kl.Secret("blob", data={"key.bin": b"\xff\x00\xfe", "empty": "", "tls.crt": "PEM"})
    app = kl.App("web", image="nginx:1.27", port=8080, secrets=[kl.Mount(secret, "/etc/blob")])
    stack = kl.Stack("bin", app, namespace="n")
    chart = tmp_path / "c"
    stack.helm(chart)
    values = yaml.safe_load((chart / "values.yaml").read_text())["secrets"]["blob"]
    assert values == {"binaryData": {"key.bin": ""}, "data": {"empty": "", "tls.crt": ""}, "existingSecret": ""}
    assert "/wAA/g==" not in "".join(p.read_text() for p in chart.rglob("*") if p.is_file())
    with pytest.raises(subprocess.CalledProcessError) as err:
        template(helm, chart, "bin", "n", "--skip-tests", secrets=False)
    assert "secrets.blob." in err.value.stderr
    secrets_file(stack, chart)
    assert by_key(template(helm, chart, "bin", "n", "--skip-tests")) == by_key(plain_objects(stack))


def test_chart_files_and_test_hook(tmp_path: Path) -> None:
    chart = _single_app_chart(tmp_path)
    meta = yaml.safe_load((chart / "Chart.yaml").read_text())
    assert meta["apiVersion"] == "v2" and meta["name"] == "app-deployment" and meta["appVersion"] == "1.0"
    assert {"_helpers.tpl", "NOTES.txt"} <= {p.name for p in (chart / "templates").iterdir()}
    hooks = [
        o
        for o in template("helm", chart, "x", "lab")
        if o["metadata"].get("annotations", {}).get("helm.sh/hook") == "test"
    ]
    (pod,) = hooks
    env = {e["name"]: e["value"] for e in pod["spec"]["containers"][0]["env"]}
    assert env == {"SERVICE_HOST": "x-app", "SERVICE_PORT": "8080"}


def test_notes_tell_how_to_reach_the_app(tmp_path: Path) -> None:
    chart = _single_app_chart(tmp_path)
    values = str(chart.parent / "chart.secret-values.yaml")
    run = subprocess.run(
        [
            find_tool("helm"),
            "install",
            "my",
            str(chart),
            "-n",
            "lab",
            "--dry-run=client",
            "--set",
            "service.port=9090",
            "-f",
            values,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "kubectl port-forward -n lab svc/my-app 9090:9090" in run.stdout


def test_rendered_charts_pass_checkov(charts: dict[str, tuple[kl.Stack, Path]], tmp_path: Path) -> None:
    for stack, chart in charts.values():
        objects = template("helm", chart, stack.name, stack.namespace)
        (tmp_path / f"{stack.name}.yaml").write_text(yaml.safe_dump_all(objects))
    failed, passed = checkov_scan(tmp_path)
    assert failed == []
    assert passed > 100


def test_chart_command(tmp_path: Path) -> None:
    from k8slab.cli import main

    assert main(["chart", str(EXAMPLES / "goal2_chart.py"), "-o", str(tmp_path)]) == 0
    assert (tmp_path / "app-deployment" / "values.schema.json").is_file()


def test_literal_braces_and_yaml11_booleans_survive(tmp_path: Path) -> None:
    cfg = kl.Config("tpl", data={"page.html": "<p>{{ not a template }}</p>\n", "flag": "Y"})
    app = kl.App(
        "web",
        image="nginx:1.27",
        port=8080,
        configs=[kl.Mount(cfg, "/etc/tpl")],
        annotations={"note": "{{ .Values.x }} stays text"},
    )
    stack = kl.Stack("braces", app, namespace="n")
    write(stack, tmp_path / "c")
    assert by_key(template("helm", tmp_path / "c", "braces", "n", "--skip-tests")) == by_key(plain_objects(stack))


def test_secret_env_is_a_named_template_like_the_seeds(tmp_path: Path) -> None:
    chart = _single_app_chart(tmp_path)
    helpers = (chart / "templates" / "_helpers.tpl").read_text()
    assert '{{- define "app-deployment.env.dbCreds" -}}' in helpers
    deployment = (chart / "templates" / "deployment-app.yaml").read_text()
    assert '{{- include "app-deployment.env.dbCreds" $ | nindent 8 }}' in deployment


@pytest.mark.parametrize("helm", HELMS)
def test_strings_that_look_like_numbers_stay_strings(tmp_path: Path, helm: str) -> None:
    tricky = ["1e3", "0o17", "0x1F", "1_000", ".5", "+1", "12:30", "~", "Y", "off", "NULL", "007", "1.0"]
    cfg = kl.Config("tricky", data={f"k{i}": v for i, v in enumerate(tricky)})
    stack = kl.Stack(
        "tricky", kl.App("web", image="nginx:1.27", port=8080, configs=[kl.Mount(cfg, "/etc/t")]), namespace="n"
    )
    write(stack, tmp_path / "c")
    lint = subprocess.run([find_tool(helm), "lint", "--strict", str(tmp_path / "c")], capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout
    assert by_key(template(helm, tmp_path / "c", "tricky", "n", "--skip-tests")) == by_key(plain_objects(stack))


def test_values_keys_are_camel_case_and_the_test_pod_follows_the_service(tmp_path: Path) -> None:
    (stack,) = load_stacks(EXAMPLES / "lab.py")
    write(stack, tmp_path / "lab")
    values = yaml.safe_load((tmp_path / "lab" / "values.yaml").read_text())
    assert values["web"]["initFetch"]["fetch0"]["url"] == "https://example.com/index.html"
    assert values["visits"]["persistence"]["db"]["size"] == "256Mi"
    off = template("helm", tmp_path / "lab", "lab", "lab", "--set", "web.service.enabled=false")
    names = {(o["kind"], o["metadata"]["name"]) for o in off}
    assert ("Service", "web") not in names and ("Pod", "web-test") not in names
    assert ("Pod", "python-app-test") in names


def test_monitoring_objects_are_switched_and_labelled_from_values(charts: dict[str, tuple[kl.Stack, Path]]) -> None:
    stack, chart = charts["goal8"]
    default = template("helm", chart, stack.name, stack.namespace, "--skip-tests")
    monitors = [o for o in default if o["kind"] in ("ServiceMonitor", "PrometheusRule")]
    assert {o["kind"] for o in monitors} == {"ServiceMonitor", "PrometheusRule"}
    assert all(o["metadata"]["labels"]["release"] == "monitoring" for o in monitors)
    relabelled = template("helm", chart, stack.name, stack.namespace, "--set", "monitoring.release=kps", "--skip-tests")
    assert {o["metadata"]["labels"]["release"] for o in relabelled if o["kind"] == "ServiceMonitor"} == {"kps"}
    off = template("helm", chart, stack.name, stack.namespace, "--set", "monitoring.enabled=false", "--skip-tests")
    assert not {"ServiceMonitor", "PrometheusRule"} & {o["kind"] for o in off}
    assert not any(o["metadata"].get("labels", {}).get("grafana_dashboard") for o in off)
