"""Built-in API versions the target version does not serve, and unknown kinds of built-in groups."""

from __future__ import annotations

import pytest

from k8slab.validation.engine import check
from k8slab.validation.schema import supported_versions, validator_for
from k8slab.validation.served import REMOVED, group_of


@pytest.mark.parametrize("version", supported_versions())
def test_the_removal_table_agrees_with_each_versions_schemas(version: str) -> None:
    known = validator_for(version).builtin_kinds()
    minor = int(version.split(".")[1])
    for key, (release, _) in REMOVED.items():
        if minor >= int(release.split(".")[1]):
            assert key not in known, (version, key)
            obj = {"apiVersion": key[0], "kind": key[1], "metadata": {"name": "x"}}
            (problem,) = check([obj], kube_version=version).problems
            advice = problem.message.rsplit("; ", 1)[1]
            assert advice.startswith("use ") == (key[1] != "PodSecurityPolicy"), (version, key)
            if advice.startswith("use "):  # the advice names a version that serves the kind
                assert (advice.removeprefix("use "), key[1]) in known, (version, key)


@pytest.mark.parametrize("version", supported_versions())
def test_a_removed_version_is_a_problem_at_every_version(version: str) -> None:
    obj = {"apiVersion": "extensions/v1beta1", "kind": "Deployment", "metadata": {"name": "web"}}
    report = check([obj], kube_version=version)
    assert [(p.path, p.message) for p in report.problems] == [
        ("apiVersion", "extensions/v1beta1 Deployment is not served since 1.16; use apps/v1")
    ]
    assert report.unchecked == []


def test_custom_groups_stay_unchecked() -> None:
    """Groups the version does not have, even under k8s.io, are custom: not checked (names no test registers)."""
    objects = [
        {"apiVersion": "unregistered.k8slab.test/v1", "kind": "Widget", "metadata": {"name": "w"}},
        {"apiVersion": "unregistered.networking.k8s.io/v1", "kind": "Route", "metadata": {"name": "r"}},
    ]
    report = check(objects, cross_checks=False)
    assert report.problems == []
    assert report.unchecked == ["Widget/w", "Route/r"]


def test_a_kind_served_only_by_a_later_version_names_the_served_one() -> None:
    obj = {"apiVersion": "flowcontrol.apiserver.k8s.io/v1", "kind": "FlowSchema", "metadata": {"name": "f"}}
    (problem,) = check([obj], kube_version="1.28").problems
    assert problem.message == (
        "flowcontrol.apiserver.k8s.io/v1 FlowSchema is not served by 1.28; "
        "use flowcontrol.apiserver.k8s.io/v1beta2 or flowcontrol.apiserver.k8s.io/v1beta3"
    )
    assert all(p.path != "apiVersion" for p in check([obj], kube_version="1.29").problems)


def test_group_of() -> None:
    assert group_of("v1") == ""
    assert group_of("apps/v1") == "apps"
    assert group_of("networking.k8s.io/v1beta1") == "networking.k8s.io"
