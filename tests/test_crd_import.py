"""``k8slab import``: typed classes from the prometheus-operator, Gateway API and cert-manager CRDs.

The generated modules import, pass ruff and ``mypy --strict`` (and so does code using them),
are byte-identical on every run, build every Gateway API example from its YAML and give the
same object back, and refuse invalid values with a SpecError at the right path.
"""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

import k8slab as kl
from k8slab.builders.custom import CustomResource, crd_data
from k8slab.cli import main
from k8slab.crdgen import CrdSource, generate, read_crds, write_modules
from k8slab.crdgen.names import field_name
from k8slab.provenance import read

from .conftest import EXAMPLES, ROOT, SHARED_CRDS

CRDS = SHARED_CRDS
SETS = {
    "gateway-api": sorted((CRDS / "gateway-api").glob("*.yaml")),
    "cert-manager": sorted((CRDS / "cert-manager").glob("*.yaml")),
    "prometheus-operator": sorted((CRDS / "prometheus-operator").glob("*.yaml")),
}
ALL = [f for files in SETS.values() for f in files]
EXAMPLE_FILES = [
    f
    for f in sorted((CRDS / "gateway-api" / "examples").rglob("*.yaml"))
    if any(d and d["kind"] != "Namespace" for d in yaml.safe_load_all(f.read_text()))
]


@pytest.fixture(scope="module")
def modules() -> dict[str, str]:
    sources, _ = read_crds(ALL)
    return generate(sources)


@pytest.fixture(scope="module")
def imported(modules: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, ModuleType]]:
    out = tmp_path_factory.mktemp("imports") / "crdimports"
    write_modules(modules, out)
    (out / "__init__.py").write_text("")
    sys.path.insert(0, str(out.parent))
    try:
        yield {name: importlib.import_module(f"crdimports.{name}") for name in modules}
    finally:
        sys.path.remove(str(out.parent))


def _kinds(module: ModuleType) -> dict[tuple[str, str], type[CustomResource]]:
    found = {}
    for name in module.__all__:
        cls = getattr(module, name)
        if isinstance(cls, type) and issubclass(cls, CustomResource):
            found[(cls.api_version, cls.kind)] = cls
    return found


def test_one_module_per_group_with_every_kind(modules: dict[str, str], imported: dict[str, ModuleType]) -> None:
    assert sorted(modules) == [
        "acme_cert_manager_io",
        "cert_manager_io",
        "gateway_networking_k8s_io",
        "monitoring_coreos_com",
    ]
    gateway = _kinds(imported["gateway_networking_k8s_io"])
    assert {k for _, k in gateway} == {
        "BackendTLSPolicy", "GRPCRoute", "Gateway", "GatewayClass", "HTTPRoute", "ListenerSet", "ReferenceGrant",
        "TCPRoute", "TLSRoute", "UDPRoute",
    }  # fmt: skip
    assert {k for _, k in _kinds(imported["cert_manager_io"])} == {
        "Certificate", "CertificateRequest", "ClusterIssuer", "Issuer",
    }  # fmt: skip
    assert {k for _, k in _kinds(imported["acme_cert_manager_io"])} == {"Challenge", "Order"}
    assert {k for _, k in _kinds(imported["monitoring_coreos_com"])} == {
        "PodMonitor",
        "PrometheusRule",
        "ServiceMonitor",
    }
    header = modules["gateway_networking_k8s_io"].split('"""', 2)[1]
    for file in SETS["gateway-api"][:-1]:  # the last file is a ValidatingAdmissionPolicy, not a CRD
        name = yaml.safe_load(file.read_text())["metadata"]["name"]
        assert f"``{name}``" in header
    assert header.count("\n  sha256 ") == 10


def test_storage_version_is_plain_and_others_carry_a_suffix(imported: dict[str, ModuleType]) -> None:
    gw = imported["gateway_networking_k8s_io"]
    assert gw.HTTPRoute.api_version == "gateway.networking.k8s.io/v1"
    assert gw.HTTPRouteV1beta1.api_version == "gateway.networking.k8s.io/v1beta1"
    assert gw.ReferenceGrant.api_version == "gateway.networking.k8s.io/v1beta1"  # the storage version there
    assert gw.ReferenceGrantV1.api_version == "gateway.networking.k8s.io/v1"
    # v1beta1's schema equals v1's: the classes are shared, so are their names
    assert gw.HTTPRouteV1beta1.model_fields["spec"].annotation is gw.HTTPRouteSpec
    assert "HTTPRouteV1beta1Spec" not in gw.__all__
    assert hasattr(gw, "HTTPRouteSpecRulesMatches") and hasattr(gw, "HTTPRouteSpecRulesFiltersRequestMirror")
    # unserved versions get no class
    assert not any(n.endswith(("V1alpha2", "V1alpha3")) for n in gw.__all__ if n.startswith(("TCPRoute", "TLSRoute")))


def test_cluster_scoped_kinds(imported: dict[str, ModuleType]) -> None:
    gw = imported["gateway_networking_k8s_io"]
    assert gw.GatewayClass.namespaced is False and gw.Gateway.namespaced is True
    cls = gw.GatewayClass("example", spec={"controllerName": "example.com/gateway-controller"})
    [obj] = cls.render(kl.Stack("s", namespace="lab").context)
    assert "namespace" not in obj["metadata"]
    with pytest.raises(kl.SpecError, match=r"metadata\.namespace: the kind is cluster-scoped"):
        gw.GatewayClass("example", spec={"controllerName": "example.com/x"}, namespace="lab")


@pytest.mark.parametrize("file", EXAMPLE_FILES, ids=lambda f: str(f.relative_to(CRDS / "gateway-api" / "examples")))
def test_every_gateway_example_round_trips(imported: dict[str, ModuleType], file: Path) -> None:
    kinds = _kinds(imported["gateway_networking_k8s_io"])
    documents = [d for d in yaml.safe_load_all(file.read_text()) if d and d["kind"] != "Namespace"]
    assert documents
    for doc in documents:
        made = kinds[(doc["apiVersion"], doc["kind"])].from_manifest(doc)
        assert made.manifest() == doc
        assert yaml.safe_dump(made.manifest()) == yaml.safe_dump(doc)  # the same types too (no 1 -> 1.0)


def test_from_manifest_checks_api_version_and_kind(imported: dict[str, ModuleType]) -> None:
    gw = imported["gateway_networking_k8s_io"]
    route = {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "GRPCRoute", "metadata": {"name": "r"}, "spec": {}}
    with pytest.raises(kl.SpecError) as err:
        gw.HTTPRoute.from_manifest(route)
    assert err.value.path == "kind" and 'must be "HTTPRoute"' in str(err.value)
    with pytest.raises(kl.SpecError, match=r'apiVersion: must be "gateway\.networking\.k8s\.io/v1beta1"'):
        gw.HTTPRouteV1beta1.from_manifest({**route, "kind": "HTTPRoute"})
    with pytest.raises(kl.SpecError, match=r"metadata\.finalizers: is not supported"):
        gw.GRPCRoute.from_manifest({**route, "metadata": {"name": "r", "finalizers": ["x"]}})
    with pytest.raises(kl.SpecError, match=r"metadata\.name: .*lowercase"):
        gw.GRPCRoute.from_manifest({**route, "metadata": {"name": "Not_A_Name"}})


@pytest.mark.parametrize(
    ("spec", "path", "message"),
    [
        ({"rules": [{"matches": [{"path": {"type": "Nope"}}]}]}, "spec.rules[0].matches[0].path.type", "'Exact'"),
        ({"rules": [{"backendRefs": [{"name": "x", "port": 70000}]}]}, "spec.rules[0].backendRefs[0].port", "65535"),
        ({"rules": [{"timeouts": {"request": "1x"}}]}, "spec.rules[0].timeouts.request", "pattern"),
        ({"hostnames": "example.com"}, "spec.hostnames", "Sequence"),
        ({"rules": [{"backendRefs": [{"port": 80}]}]}, "spec.rules[0].backendRefs[0].name", "required"),
        ({"parentRefs": [{"name": "gw", "colour": "red"}]}, "spec.parentRefs[0].colour", "not permitted"),
        ({"rules": [{"backendRefs": [{"name": "x", "port": "80"}]}]}, "spec.rules[0].backendRefs[0].port", "integer"),
        ({"rules": [{}] * 17}, "spec.rules", "at most 16"),
    ],
)
def test_invalid_values_raise_spec_error_with_their_path(
    imported: dict[str, ModuleType], spec: dict[str, Any], path: str, message: str
) -> None:
    gw = imported["gateway_networking_k8s_io"]
    with pytest.raises(kl.SpecError) as err:
        gw.HTTPRoute("web", spec=spec)
    assert [p.path for p in err.value.problems] == [path], err.value
    assert message in err.value.problems[0].message
    assert err.value.problems[0].obj == "HTTPRoute/web"


def test_nested_classes_and_dicts_mix(imported: dict[str, ModuleType]) -> None:
    gw = imported["gateway_networking_k8s_io"]
    typed = gw.HTTPRoute(
        "web",
        spec=gw.HTTPRouteSpec(
            parent_refs=[gw.HTTPRouteSpecParentRefs(name="gw", section_name="https")],
            rules=[{"backendRefs": [{"name": "web", "port": 80}]}],
        ),
    )
    pasted = gw.HTTPRoute.from_manifest(typed.manifest())
    assert pasted == typed
    assert isinstance(typed.spec.rules[0], gw.HTTPRouteSpecRules)  # a dict became its class
    assert typed.spec.parent_refs[0].group == "gateway.networking.k8s.io"  # the CRD default, readable...
    assert "group" not in typed.manifest()["spec"]["parentRefs"][0]  # ...but not written: the server fills it in
    with pytest.raises(kl.SpecError, match=r"HTTPRouteSpecParentRefs: port: Input should be less than or equal"):
        gw.HTTPRouteSpecParentRefs(name="gw", port=70000)
    with pytest.raises(Exception, match="frozen"):
        typed.spec = None  # type: ignore[misc]


_FEATURES = {
    "apiVersion": "apiextensions.k8s.io/v1",
    "kind": "CustomResourceDefinition",
    "metadata": {"name": "widgets.import.k8slab.test"},
    "spec": {
        "group": "import.k8slab.test",
        "names": {"kind": "Widget", "plural": "widgets", "singular": "widget", "listKind": "WidgetList"},
        "scope": "Cluster",
        "versions": [
            {
                "name": "v1",
                "served": True,
                "storage": True,
                "schema": {
                    "openAPIV3Schema": {
                        "type": "object",
                        "description": 'A widget, with "quotes", a backslash \\ and caf\u00e9 \u2019.',
                        "properties": {
                            "apiVersion": {"type": "string"},
                            "kind": {"type": "string"},
                            "metadata": {"type": "object"},
                            "data": {"type": "object", "additionalProperties": {"type": "string"}},
                            "spec": {
                                "type": "object",
                                "required": ["from"],
                                "minProperties": 1,
                                "properties": {
                                    "from": {"type": "string", "minLength": 1},
                                    "continue": {"type": "boolean", "default": False},
                                    "type": {"type": "string", "enum": ["A", "B"], "default": "A"},
                                    "json": {"type": "integer", "minimum": 0, "maximum": 10},
                                    "hostIPs": {"type": "array", "items": {"type": "string", "format": "ipv4"}},
                                    "port": {"x-kubernetes-int-or-string": True},
                                    "extra": {"x-kubernetes-preserve-unknown-fields": True},
                                    "free": {"type": "object", "x-kubernetes-preserve-unknown-fields": True},
                                    "template": {
                                        "type": "object",
                                        "x-kubernetes-embedded-resource": True,
                                        "x-kubernetes-preserve-unknown-fields": True,
                                    },
                                    "ratio": {"type": "number"},
                                    "when": {"type": "string", "format": "date-time", "nullable": True},
                                    "items": {
                                        "type": "array",
                                        "maxItems": 2,
                                        "items": {"type": "object", "properties": {"id": {"type": "string"}}},
                                    },
                                    "maps": {
                                        "type": "object",
                                        "additionalProperties": {
                                            "type": "object",
                                            "properties": {"size": {"type": "integer"}},
                                        },
                                    },
                                },
                            },
                            "status": {"type": "object", "properties": {"ready": {"type": "boolean"}}},
                        },
                    }
                },
            }
        ],
    },
}


@pytest.fixture(scope="module")
def widgets(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    out = tmp_path_factory.mktemp("widgets")
    crd = out / "widgets.yaml"
    crd.write_text(yaml.safe_dump(_FEATURES))
    sources, _ = read_crds([crd])
    write_modules(generate(sources), out / "pkg_widgets")
    (out / "pkg_widgets" / "__init__.py").write_text("")
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module("pkg_widgets.import_k8slab_test")
    finally:
        sys.path.remove(str(out))


def test_keywords_and_builtins_get_an_underscore(widgets: ModuleType) -> None:
    fields = widgets.WidgetSpec.model_fields
    assert {"from_", "continue_", "type_", "json_", "host_ips"} <= set(fields)
    assert field_name("class") == "class_" and field_name("model_dump") == "model_dump_"
    assert field_name("URIs") == "uris" and field_name("IPAddresses") == "ip_addresses"
    assert field_name("1x") == "f_1x" and field_name("fooBar", {"foo_bar"}) == "foo_bar_"
    spec = widgets.WidgetSpec(from_="a", continue_=True, type_="B", json_=3, host_ips=["10.0.0.1"])
    assert spec.to_dict() == {"from": "a", "continue": True, "type": "B", "json": 3, "hostIPs": ["10.0.0.1"]}
    assert widgets.WidgetSpec(**{"from": "a", "hostIPs": []}) == widgets.WidgetSpec(from_="a", host_ips=[])


def test_schema_features(widgets: ModuleType) -> None:
    manifest = {
        "apiVersion": "import.k8slab.test/v1",
        "kind": "Widget",
        "metadata": {"name": "w", "labels": {"a": "b"}},
        "data": {"k": "v"},
        "spec": {
            "from": "x",
            "port": "http",
            "extra": [1, {"a": None}],
            "free": {"any": {"thing": [True]}},
            "template": {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"x": "y"}},
            "ratio": 1,
            "when": None,
            "items": [{"id": "1"}],
            "maps": {"m": {"size": 3}},
        },
    }
    widget = widgets.Widget.from_manifest({**manifest, "status": {"ready": True}})
    assert widget.manifest() == manifest
    assert yaml.safe_dump(widget.manifest()) == yaml.safe_dump(manifest)  # ratio stays 1, not 1.0
    assert widgets.Widget("w", spec={"from": "x", "port": 8080}).spec.port == 8080
    assert isinstance(widget.spec.maps["m"], widgets.WidgetSpecMaps)
    assert "status" not in widgets.Widget.model_fields
    assert widgets.Widget.namespaced is False
    assert widgets.Widget.__doc__.startswith('A widget, with "quotes", a backslash \\ and caf\u00e9 \u2019.')
    assert widgets.WidgetSpec.model_fields["from_"].is_required()
    bad = [
        ({"from": ""}, "spec.from", "at least 1"),
        ({"from": "x", "hostIPs": ["300.1.1.1"]}, "spec.hostIPs[0]", "valid ipv4"),
        ({"from": "x", "when": "yesterday"}, "spec.when", "valid date-time"),
        ({"from": "x", "items": [{}, {}, {}]}, "spec.items", "at most 2"),
        ({"from": "x", "port": 1.5}, "spec.port", "integer"),
        ({"from": "x", "type": "C"}, "spec.type", "'A' or 'B'"),
        ({"from": "x", "json": 11}, "spec.json", "less than or equal to 10"),
        ({"from": "x", "maps": {"m": {"size": "3"}}}, "spec.maps.m.size", "integer"),
    ]
    for spec, path, message in bad:
        with pytest.raises(kl.SpecError) as err:
            widgets.Widget("w", spec=spec)
        assert (err.value.path, message in str(err.value)) == (path, True), (spec, str(err.value))


def test_the_crd_schema_is_checked_too(widgets: ModuleType) -> None:
    """What the classes do not model (minProperties here) is caught by the CRD's own schema."""
    crd = widgets.Widget.crd
    assert crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["properties"]["spec"]["minProperties"] == 1
    assert "description" not in crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]
    ok = widgets.Widget("w", spec={"from": "x"})
    assert ok.manifest()["spec"] == {"from": "x"}


def test_several_crds_of_one_group_make_one_module(tmp_path: Path) -> None:
    certificates = CRDS / "cert-manager" / "cert-manager.io_certificates.yaml"
    issuers = CRDS / "cert-manager" / "cert-manager.io_issuers.yaml"
    together = tmp_path / "all.yaml"  # helm template --include-crds style: one stream, other kinds mixed in
    together.write_text(
        certificates.read_text()
        + "\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n---\n"
        + issuers.read_text()
    )
    sources, notes = read_crds([together])
    assert [s.kind for s in sources] == ["Certificate", "Issuer"]
    assert notes == [f"{together}: document 2 (ConfigMap) is not a CustomResourceDefinition: skipped"]
    [(name, text)] = generate(sources).items()
    assert name == "cert_manager_io"
    assert "class Certificate(CustomResource):" in text and "class Issuer(CustomResource):" in text
    assert generate(read_crds([issuers, certificates])[0]) == {name: text}  # input order does not matter


def test_groups_that_would_share_a_module_are_refused() -> None:
    one = {**_FEATURES, "spec": {**_FEATURES["spec"], "group": "a-b.io"}, "metadata": {"name": "widgets.a-b.io"}}
    two = {**_FEATURES, "spec": {**_FEATURES["spec"], "group": "a.b.io"}, "metadata": {"name": "widgets.a.b.io"}}
    with pytest.raises(kl.UsageError, match=r"a-b\.io and a\.b\.io would both be written to a_b_io\.py"):
        generate([CrdSource(one, "one.yaml"), CrdSource(two, "two.yaml")])


def test_output_is_deterministic(modules: dict[str, str]) -> None:
    again = generate(read_crds(list(reversed(ALL)))[0])
    assert again == modules


def test_generated_code_passes_ruff(modules: dict[str, str], tmp_path: Path) -> None:
    write_modules(modules, tmp_path)
    ruff = [sys.executable, "-m", "ruff"]
    config = ["--config", str(ROOT / "pyproject.toml")]
    check = subprocess.run([*ruff, "check", *config, str(tmp_path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout[-3000:]
    fmt = subprocess.run([*ruff, "format", "--check", *config, str(tmp_path)], capture_output=True, text=True)
    assert fmt.returncode == 0, fmt.stdout[-3000:]


_USER_CODE = """
    import k8slab as kl
    from crdimports import cert_manager_io as cm
    from crdimports import gateway_networking_k8s_io as gw

    route = gw.HTTPRoute(
        "web",
        spec=gw.HTTPRouteSpec(
            parent_refs=[gw.HTTPRouteSpecParentRefs(name="gw"), {"name": "other", "sectionName": "https"}],
            rules=[{"backendRefs": [{"name": "web", "port": 8080}]}],
        ),
        labels={"team": "a"},
    )
    cert = cm.Certificate("tls", spec={"secretName": "tls", "issuerRef": {"name": "ca"}})
    again: gw.HTTPRoute = gw.HTTPRoute.from_manifest(route.manifest())
    name: str = route.spec.parent_refs[0].name if route.spec.parent_refs else ""
    stack = kl.Stack("s", route, cert, again, namespace="lab")
"""
_BAD_CODE = """
    from crdimports import gateway_networking_k8s_io as gw

    gw.HTTPRouteSpecRulesMatchesPath(type_="Everything")
    gw.HTTPRoute("web", spec=gw.HTTPRouteSpec(), colour="red")
"""


@pytest.fixture(scope="module")
def mypy_run(modules: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, float]:
    """One ``mypy --strict`` run over the generated modules and two user programs (it is slow)."""
    import time

    root = tmp_path_factory.mktemp("mypy")
    write_modules(modules, root / "crdimports")
    (root / "crdimports" / "__init__.py").write_text("")
    (root / "user_ok.py").write_text(textwrap.dedent(_USER_CODE))
    (root / "user_bad.py").write_text(textwrap.dedent(_BAD_CODE))
    (root / "pyproject.toml").write_text('[tool.mypy]\nstrict = true\nplugins = ["pydantic.mypy"]\n')
    start = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "crdimports", "user_ok.py", "user_bad.py"],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=900,
    )
    return run.returncode, run.stdout, time.monotonic() - start


def test_generated_modules_and_user_code_pass_mypy_strict(mypy_run: tuple[int, str, float]) -> None:
    _, out, seconds = mypy_run
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert [e for e in errors if not e.startswith("user_bad.py")] == [], out[-3000:]
    print(f"mypy --strict on the generated modules: {seconds:.1f}s")


def test_mypy_catches_misuse(mypy_run: tuple[int, str, float]) -> None:
    code, out, _ = mypy_run
    assert code == 1
    assert 'user_bad.py:4: error: Argument "type_" to "HTTPRouteSpecRulesMatchesPath" has incompatible type' in out
    assert 'user_bad.py:5: error: Unexpected keyword argument "colour" for "HTTPRoute"' in out


def test_custom_resources_in_a_stack(imported: dict[str, ModuleType]) -> None:
    gw, cm = imported["gateway_networking_k8s_io"], imported["cert_manager_io"]
    route = gw.HTTPRoute("web", spec={"rules": [{"backendRefs": [{"name": "web", "port": 80}]}]}, labels={"team": "a"})
    cert = cm.Certificate("tls", spec={"secretName": "tls", "issuerRef": {"name": "ca"}})
    app = kl.App("web", image="nginx:1.27", port=80)
    stack = kl.Stack("shop", app, route, cert, namespace="shop")
    assert {c["metadata"]["name"] for c in stack.crds} == {
        "httproutes.gateway.networking.k8s.io",
        "certificates.cert-manager.io",
    }
    objects = {o["kind"]: o for o in stack.objects()}
    assert objects["HTTPRoute"]["metadata"] == {
        "name": "web",
        "namespace": "shop",
        "labels": {
            "app.kubernetes.io/instance": "shop",
            "app.kubernetes.io/managed-by": "k8slab",
            "app.kubernetes.io/name": "web",
            "team": "a",
        },
    }
    assert objects["Certificate"]["spec"] == {"secretName": "tls", "issuerRef": {"name": "ca"}}
    report = stack.check()
    assert report.problems == [] and report.unchecked == []
    with pytest.raises(kl.SpecError, match=r"labels\['bad key'\]: must be a label key"):
        gw.HTTPRoute("web", spec={}, labels={"bad key": "x"})
    with pytest.raises(kl.SpecError, match="differs from the stack's"):
        kl.Stack("other", gw.HTTPRoute("web", spec={}, namespace="elsewhere"), namespace="shop").objects()


def test_the_stack_validates_against_the_embedded_crd(imported: dict[str, ModuleType]) -> None:
    gw = imported["gateway_networking_k8s_io"]
    route = gw.HTTPRoute("web", spec={})
    objects = kl.Stack("shop", route, namespace="shop").render()
    objects[-1]["spec"]["hostnames"] = ["UPPER.example.com"]  # as if changed after rendering
    report = kl.Stack("shop", route, namespace="shop").check(objects)
    assert [(p.path, "pattern" in p.message) for p in report.problems] == [("spec.hostnames[0]", True)]


def test_crd_data_restores_shared_schemas() -> None:
    crd = crd_data('{"spec":{"versions":[{"name":"v1","schema":{"openAPIV3Schema":{"type":"object"}}},', '{"name":"v2",'
                   '"schema":{"openAPIV3Schema":{"$same":"v1"}}}]}}')  # fmt: skip
    assert crd["spec"]["versions"][1]["schema"]["openAPIV3Schema"] == {"type": "object"}


def test_import_command_writes_only_its_own_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "imports"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    files = [*SETS["gateway-api"], str(CRDS / "gateway-api" / "examples" / "basic-http.yaml")]
    assert main(["import", *map(str, files), "-o", str(out), "--kind", "HTTPRoute"]) == 0
    captured = capsys.readouterr()
    assert "document 1 (ValidatingAdmissionPolicy) is not a CustomResourceDefinition: skipped" in captured.err
    assert "basic-http.yaml: document 3 (HTTPRoute) is not a CustomResourceDefinition: skipped" in captured.err
    module = out / "gateway_networking_k8s_io.py"
    assert read(module) is not None and "class HTTPRoute(CustomResource)" in module.read_text()
    assert "class Gateway(" not in module.read_text()  # --kind HTTPRoute only
    header = module.read_text().split('"""', 2)[1]
    assert "``httproutes.gateway.networking.k8s.io``" in header and "gateways.gateway" not in header
    first = module.read_bytes()
    assert main(["import", *map(str, files), "-o", str(out), "--kind", "HTTPRoute"]) == 0  # its own file: overwritten
    assert module.read_bytes() == first
    assert sorted(p.name for p in out.iterdir()) == ["gateway_networking_k8s_io.py", "keep.txt"]
    module.write_text("# my own code\n")
    assert main(["import", *map(str, files), "-o", str(out)]) == 2
    assert "was not written by k8slab" in capsys.readouterr().err
    assert module.read_text() == "# my own code\n"
    assert main(["import", str(CRDS / "gateway-api" / "examples" / "basic-http.yaml"), "-o", str(out)]) == 2
    assert main(["import", *map(str, files), "-o", str(out), "--kind", "Nope"]) == 2


def test_example_imports_are_reproducible() -> None:
    """examples/imports/ is exactly what ``k8slab import`` makes (the command is in its __init__.py)."""
    sources, _ = read_crds([*SETS["gateway-api"], *SETS["cert-manager"]])
    made = generate(sources, ["Certificate", "HTTPRoute"])
    committed = {p.stem: p.read_text() for p in (EXAMPLES / "imports").glob("*.py") if p.name != "__init__.py"}
    assert made == committed


def test_the_guide_shows_the_example_and_its_output() -> None:
    """docs/guides/custom-resources.md: its Python block is the example, its YAML is in the example's output."""
    page = (ROOT / "docs" / "guides" / "custom-resources.md").read_text()
    blocks = re.findall(r"^```(\w+)\n(.*?)^```$", page, flags=re.M | re.S)
    [python] = [text for lang, text in blocks if lang == "python"]
    example = (EXAMPLES / "custom_resources.py").read_text()
    assert example.split('"""', 2)[2].strip() == python.strip()
    expected = {
        (d["kind"], d["metadata"]["name"]): d
        for d in yaml.safe_load_all((EXAMPLES / "expected" / "custom-resources.k8s.yaml").read_text())
    }
    shown = [d for lang, text in blocks if lang == "yaml" for d in yaml.safe_load_all(text)]
    assert [(d["kind"], d["metadata"]["name"]) for d in shown] == [("Certificate", "web-tls"), ("HTTPRoute", "web")]
    for doc in shown:
        assert expected[(doc["kind"], doc["metadata"]["name"])] == doc


def test_cel_rules_are_checked_at_construction(imported: dict[str, ModuleType]) -> None:
    """A value the schema allows but a CRD's CEL rule refuses fails when the object is built."""
    gw = imported["gateway_networking_k8s_io"]
    spec = {"rules": [{"matches": [{"path": {"type": "PathPrefix", "value": "no-slash"}}]}]}
    with pytest.raises(kl.SpecError) as err:
        gw.HTTPRoute("web", spec=spec)
    problems = err.value.problems
    assert [p.path for p in problems] == ["spec.rules[0].matches[0].path"], err.value
    assert "must be an absolute path" in problems[0].message
    gw.HTTPRoute("web", spec={"rules": [{"matches": [{"path": {"type": "PathPrefix", "value": "/ok"}}]}]})


INVALID_CUSTOM = sorted((ROOT / "tests" / "fixtures" / "validate" / "invalid" / "custom").glob("*.yaml"))


def test_invalid_fixtures_are_refused_at_construction(imported: dict[str, ModuleType]) -> None:
    """Each invalid custom-resource fixture fails ``from_manifest`` with exactly the problems validate reports."""
    kinds = {key: cls for module in imported.values() for key, cls in _kinds(module).items()}
    checked = 0
    for file in INVALID_CUSTOM:
        expected = re.findall(r"^# expect: (.+)$", file.read_text(), re.M)
        (obj,) = [d for d in yaml.safe_load_all(file.read_text()) if d]
        cls = kinds.get((obj["apiVersion"], obj["kind"]))
        if cls is None:  # a version no class is generated for (e.g. one the CRD does not serve)
            continue
        with pytest.raises(kl.SpecError) as err:
            cls.from_manifest(obj)
        found = sorted(f"{p.obj}: {p.path}: {p.message}" for p in err.value.problems)
        assert found == sorted(expected), file.name
        checked += 1
    assert checked >= len(INVALID_CUSTOM) - 2
