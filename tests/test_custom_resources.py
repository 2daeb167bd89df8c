"""Custom resources against real CRDs: every Gateway API example accepted, every invalid fixture refused.

The CRDs and examples are the read-only copies in ``../shared/crds`` (beside the repository).
Each file in tests/fixtures/validate/invalid/custom names the problems expected, one
``# expect: Kind/name: path: message`` line each; ``k8slab validate --crd`` and
:func:`validate_custom` must both report exactly those.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Mapping
from contextlib import redirect_stdout
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from k8slab.cli import main
from k8slab.errors import Problem
from k8slab.validation.crds import load_crd_file
from k8slab.validation.custom import validate_custom
from k8slab.validation.engine import check

from .conftest import SHARED_CRDS

REPO = Path(__file__).parents[1]


CRDS = SHARED_CRDS
GATEWAY = CRDS / "gateway-api"
EXAMPLES = sorted((GATEWAY / "examples").rglob("*.yaml"))
FIXTURES = sorted((Path(__file__).parent / "fixtures" / "validate" / "invalid" / "custom").glob("*.yaml"))
VALID = sorted((Path(__file__).parent / "fixtures" / "validate" / "valid" / "custom").glob("*.yaml"))
EXPECTED_OUTPUTS = sorted((REPO / "examples" / "expected").glob("*.yaml"))


@cache
def _crds(*folders: str) -> list[Mapping[str, Any]]:
    """The CRDs of some folders of ../shared/crds, parsed once."""
    return [crd for folder in folders for crd in load_crd_file(CRDS / folder)]


ALL_CRDS = _crds("gateway-api", "cert-manager", "prometheus-operator")
BY_KIND = {(crd["spec"]["group"], crd["spec"]["names"]["kind"]): crd for crd in ALL_CRDS}


def _documents(path: Path) -> list[dict[str, Any]]:
    return [d for d in yaml.safe_load_all(path.read_text()) if isinstance(d, dict)]


def _expected(path: Path) -> list[str]:
    return re.findall(r"^# expect: (.+)$", path.read_text(), re.M)


def test_the_shared_material_is_there() -> None:
    assert len(EXAMPLES) == 81, "../shared/crds/gateway-api/examples should hold the 81 upstream examples"
    assert len(FIXTURES) >= 30


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(GATEWAY / "examples")))
def test_gateway_api_example_is_accepted(path: Path) -> None:
    objects = _documents(path)
    report = check(objects, crds=_crds("gateway-api"), cross_checks=False)
    assert report.problems == []
    assert report.unchecked == []  # every Gateway API kind (and Namespace) was really checked


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_fixture_with_nulls_and_defaults_is_accepted(path: Path) -> None:
    (obj,) = _documents(path)
    crd = BY_KIND[(obj["apiVersion"].partition("/")[0], obj["kind"])]
    assert validate_custom(obj, crd) == []
    assert check([obj], crds=ALL_CRDS, cross_checks=False).problems == []


@pytest.mark.parametrize("path", EXAMPLES[:10], ids=lambda p: p.name)
def test_gateway_api_example_through_validate_custom(path: Path) -> None:
    for obj in _documents(path):
        group = obj["apiVersion"].partition("/")[0]
        if (group, obj["kind"]) in BY_KIND:
            assert validate_custom(obj, BY_KIND[(group, obj["kind"])]) == []


@pytest.fixture(scope="module")
def command_output() -> dict[str, list[str]]:
    """One ``k8slab validate --crd ... FIXTURES...`` run: the problem lines of each fixture file."""
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["validate", "--crd", str(GATEWAY), "--crd", str(CRDS / "cert-manager"), *map(str, FIXTURES)])
    assert code == 1
    found: dict[str, list[str]] = {}
    for line in out.getvalue().splitlines():  # FILE:LINE:COLUMN: document N: Kind/name: path: message
        match = re.fullmatch(r"(?P<file>.+?):\d+:\d+: document \d+: (?P<problem>.+)", line)
        assert match is not None, line
        found.setdefault(match["file"], []).append(match["problem"])
    return found


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_invalid_fixture_is_refused_by_the_command(path: Path, command_output: dict[str, list[str]]) -> None:
    expected = _expected(path)
    assert expected, f"{path.name} names no expected problem"
    assert sorted(command_output.get(str(path), [])) == sorted(expected)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_invalid_fixture_is_refused_by_validate_custom(path: Path) -> None:
    (obj,) = _documents(path)
    crd = BY_KIND[(obj["apiVersion"].partition("/")[0], obj["kind"])]
    before = yaml.safe_dump(obj)
    assert sorted(str(p) for p in validate_custom(obj, crd)) == sorted(_expected(path))
    assert yaml.safe_dump(obj) == before  # the user's object is never changed (defaults go to a copy)


def test_fixtures_cover_every_rule_family() -> None:
    families = {f for path in FIXTURES for f in re.findall(r"^# family: (.+)$", path.read_text(), re.M)[0].split(", ")}
    assert {"listeners", "TLS", "hostnames", "path matches", "filters", "backend references", "timeouts"} <= families
    assert {"addresses", "parent references", "backend TLS", "GRPC method matches", "rules"} <= families


def test_crds_in_the_same_input_are_used(tmp_path: Path) -> None:
    fixture = next(p for p in FIXTURES if p.stem == "httproute-path-not-absolute")
    crd = (GATEWAY / "gateway.networking.k8s.io_httproutes.yaml").read_text()
    combined = tmp_path / "all.yaml"
    combined.write_text(crd + "\n---\n" + fixture.read_text())
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["validate", str(combined)]) == 1
    assert "start with '/' when type one of" in out.getvalue()


@pytest.mark.parametrize("path", EXPECTED_OUTPUTS, ids=lambda p: p.name)
def test_expected_outputs_still_accepted_with_all_crds(path: Path) -> None:
    report = check(_documents(path), crds=ALL_CRDS, cross_checks=False)
    assert report.problems == []


def test_cert_manager_certificate_with_defaults_is_accepted() -> None:
    crd = BY_KIND[("cert-manager.io", "Certificate")]
    certificate = {
        "apiVersion": "cert-manager.io/v1",
        "kind": "Certificate",
        "metadata": {"name": "web", "namespace": "shop"},
        "spec": {"secretName": "web-tls", "dnsNames": ["web.example.com"], "issuerRef": {"name": "letsencrypt"}},
    }
    assert validate_custom(certificate, crd) == []
    broken = {**certificate, "spec": {**certificate["spec"], "privateKey": None, "duration": 5}}
    assert validate_custom(broken, crd) == [Problem("Certificate/web", "spec.duration", "must be of type string")]


def test_unknown_version_and_other_kind() -> None:
    crd = BY_KIND[("gateway.networking.k8s.io", "HTTPRoute")]
    route = {"apiVersion": "gateway.networking.k8s.io/v9", "kind": "HTTPRoute", "metadata": {"name": "r"}}
    (problem,) = validate_custom(route, crd)
    assert problem.path == "apiVersion"
    assert "gateway.networking.k8s.io/v1" in problem.message
    (problem,) = validate_custom({**route, "kind": "Gateway"}, crd)
    assert problem.path == "kind"


def test_stack_checks_custom_resources_with_its_crds() -> None:
    from k8slab import Stack

    fixture = next(p for p in FIXTURES if p.stem == "httproute-timeouts-backend-longer")
    (route,) = _documents(fixture)
    route["metadata"]["namespace"] = "shop"
    stack = Stack("shop", namespace="shop", crds=_crds("gateway-api"))
    report = stack.check([route])
    assert [str(p) for p in report.problems] == _expected(fixture)
    valid = _documents(GATEWAY / "examples" / "httproute.yaml")
    assert stack.check(valid).problems == []


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a JSON value, parents first."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


SCALARS = st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.text(max_size=8) | st.floats(allow_nan=False)
ROUTES = [d for p in EXAMPLES for d in _documents(p) if d.get("kind") in ("HTTPRoute", "Gateway", "GRPCRoute")]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(ROUTES), st.data())
def test_mutated_examples_never_crash_the_check(example: dict[str, Any], data: st.DataObject) -> None:
    obj = copy.deepcopy(example)
    for _ in range(data.draw(st.integers(1, 4))):
        path = data.draw(st.sampled_from(_paths(obj)[1:]))
        parent = obj
        for part in path[:-1]:
            parent = parent[part]
        replacement = data.draw(SCALARS | st.lists(SCALARS, max_size=3) | st.just({}))
        if data.draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = replacement
        if not _paths(obj)[1:]:
            break
    crd = BY_KIND.get((str(obj.get("apiVersion", "")).partition("/")[0], str(obj.get("kind"))))
    if crd is None:
        return
    found = validate_custom(obj, crd)
    assert all(isinstance(p, Problem) and "\n" not in p.message for p in found)
