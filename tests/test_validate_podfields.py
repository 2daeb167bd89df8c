"""Object-metadata and pod-level rules (rules.metadata, rules.podfields, rules.podmeta) on their edges.

The fixtures in tests/fixtures/validate hold one rejected and one accepted case per rule; here the
edges of each grammar and the Kubernetes versions that gate a rule, through the engine.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from k8slab.validation.engine import check_object

COST = "controller.kubernetes.io/pod-deletion-cost"


def _pod(**spec: Any) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "web"},
        "spec": {"containers": [{"name": "web", "image": "nginx:1.27"}], **spec},
    }


def _paths(obj: dict[str, Any], version: str = "1.33") -> set[str]:
    return {p.path for p in check_object(obj, kube_version=version) or []}


def _with_cost(value: str) -> dict[str, Any]:
    pod = _pod()
    pod["metadata"]["annotations"] = {COST: value}
    return pod


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("0", True),
        ("-0", True),
        ("-5", True),
        ("-007", True),  # only the first character is checked before strconv.ParseInt
        ("2147483647", True),
        ("-2147483648", True),
        ("", False),
        ("+1", False),
        ("007", False),
        ("2147483648", False),
        ("-2147483649", False),
        ("1_000", False),
        (" 1", False),
        ("1.5", False),
        ("-", False),
    ],
)
def test_the_deletion_cost_is_a_32_bit_integer(value: str, ok: bool) -> None:
    assert (_paths(_with_cost(value)) == set()) is ok


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=-(2**40), max_value=2**40))
def test_any_integer_in_32_bits_is_a_deletion_cost(number: int) -> None:
    in_range = -(2**31) <= number < 2**31
    assert (_paths(_with_cost(str(number))) == set()) is in_range
    if number > 0:
        assert _paths(_with_cost("0" + str(number))) != set()  # leading zeros
        assert _paths(_with_cost("+" + str(number))) != set()


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("", True),  # empty: not read at all
        ("null", True),
        ("[]", True),
        ('[{"key": "a", "effect": "NoSchedule"}]', True),
        ('[{"KEY": "a", "tolerationSeconds": -3, "other": {"x": 1}}]', True),  # case-insensitive, unknown ignored
        ("{}", False),
        ("[1]", False),
        ('[{"key": 1}]', False),
        ('[{"tolerationSeconds": 1.5}]', False),
        ('[{"tolerationSeconds": NaN}]', False),
        ("[{", False),
    ],
)
def test_the_alpha_tolerations_annotation_decodes(value: str, ok: bool) -> None:
    pod = _pod()
    pod["metadata"]["annotations"] = {"scheduler.alpha.kubernetes.io/tolerations": value}
    assert (_paths(pod) == set()) is ok


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("ContainerUser", True),
        ("NT AUTHORITY\\system", True),
        ("example.com\\svc-web", True),
        ("CORP\\web", True),
        ("", False),
        ("a\\b\\c", False),
        ("\\web", False),  # a domain, but an empty one
        (".corp\\web", False),
        ("u" * 105, False),
        ("...", False),
        ("web@corp", False),
        ("web\x07", False),
    ],
)
def test_windows_user_names(name: str, ok: bool) -> None:
    pod = _pod(securityContext={"windowsOptions": {"runAsUserName": name}})
    assert (_paths(pod) == set()) is ok


@pytest.mark.parametrize(
    ("api_version", "ok"),
    [("v1", True), ("apps/v1", True), ("/v1", True), ("apps/", False), ("a/b/c", False), ("/", False)],
)
def test_owner_reference_api_versions(api_version: str, ok: bool) -> None:
    config = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}}
    config["metadata"]["ownerReferences"] = [{"apiVersion": api_version, "kind": "X", "name": "x", "uid": "1"}]
    assert (_paths(config) == set()) is ok


def test_unqualified_finalizers_are_refused_on_built_in_kinds_only() -> None:
    config = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "finalizers": ["cleanup"]}}
    assert _paths(config) == {"metadata.finalizers[0]"}
    for standard in ("kubernetes", "orphan", "foregroundDeletion"):
        config["metadata"]["finalizers"] = [standard]
        assert _paths(config) == set()
    rule = {
        "apiVersion": "monitoring.coreos.com/v1",
        "kind": "PrometheusRule",
        "metadata": {"name": "r", "finalizers": ["cleanup"]},
        "spec": {},
    }
    assert _paths(rule) == set()  # custom resources only get a warning
    rule["metadata"]["finalizers"] = ["clean up"]
    assert _paths(rule) == {"metadata.finalizers"}


def test_generate_name_alone_names_any_kind() -> None:
    job = {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {"generateName": "migrate-" + "x" * 70 + "-"},
        "spec": {"template": {"spec": {"restartPolicy": "Never", "containers": [{"name": "m", "image": "busybox"}]}}},
    }
    assert _paths(job) == set()
    job["metadata"] = {}
    assert _paths(job) == {"metadata.name"}


def test_host_users_rules_wait_for_user_namespaces() -> None:
    pod = _pod(hostUsers=False, hostNetwork=True, hostPID=True)
    assert _paths(pod, "1.33") == {"spec.hostNetwork", "spec.HostPID"}
    assert _paths(pod, "1.32") == set()  # hostUsers is dropped while UserNamespacesSupport is off
    windows = _pod(os={"name": "windows"}, hostUsers=True)
    assert _paths(windows, "1.33") == {"spec.hostUsers"}
    assert _paths(windows, "1.32") == set()


def test_host_network_ports() -> None:
    pod = _pod(hostNetwork=True)
    pod["spec"]["containers"][0]["ports"] = [{"containerPort": 80}, {"containerPort": 81, "hostPort": 8081}]
    assert _paths(pod, "1.33") == {"spec.containers[0].ports[1].hostPort"}
    assert _paths(pod, "1.27") == {"spec.containers[0].ports[1].containerPort"}
    init = _pod(hostNetwork=True)
    init["spec"]["initContainers"] = [{"name": "i", "image": "busybox", "ports": [{"containerPort": 1, "hostPort": 2}]}]
    assert _paths(init) == set()  # only regular containers are checked
    del pod["spec"]["hostNetwork"]
    assert _paths(pod) == set()


def test_scheduling_gates_wait_for_their_feature() -> None:
    pod = _pod(schedulingGates=[{"name": "a b"}], nodeName="node-1")
    assert _paths(pod, "1.33") == {"spec.schedulingGates[0]", "spec.nodeName"}
    assert _paths(pod, "1.26") == set()


def test_ephemeral_containers_are_never_created() -> None:
    pod = _pod(ephemeralContainers=[{"name": "debug", "image": "busybox"}])
    (problem,) = check_object(pod) or []
    assert (problem.path, problem.message) == ("spec.ephemeralContainers", "cannot be set on create")


def test_apparmor_fields_and_annotations_agree() -> None:
    pod = _pod()
    pod["metadata"]["annotations"] = {"container.apparmor.security.beta.kubernetes.io/web": "unconfined"}
    pod["spec"]["securityContext"] = {"appArmorProfile": {"type": "RuntimeDefault"}}
    assert _paths(pod) == {"spec.containers[0].securityContext.appArmorProfile.type"}
    assert _paths(pod, "1.29") == {"spec.securityContext.appArmorProfile"}  # not served yet: the schema's
    windows = copy.deepcopy(pod)
    windows["spec"]["os"] = {"name": "windows"}
    assert _paths(windows) == {"spec.securityContext.appArmorProfile"}  # forbidden on windows, match skipped
    pod["metadata"]["annotations"]["container.apparmor.security.beta.kubernetes.io/web"] = "runtime/default"
    assert _paths(pod) == set()


def test_messages_never_carry_values() -> None:
    secret = "hunter2-Not_A_Name"
    pod = _pod(nodeName=secret, runtimeClassName=secret, readinessGates=[{"conditionType": secret + " x"}])
    pod["metadata"]["annotations"] = {COST: secret, "seccomp.security.alpha.kubernetes.io/pod": secret}
    pod["metadata"]["finalizers"] = [secret]
    problems = check_object(pod) or []
    assert len(problems) >= 5
    assert not any("hunter2" in p.message for p in problems)


def test_a_negative_termination_grace_period_is_accepted() -> None:
    # ValidatePodSpec only requires the field; CheckGracefulDelete turns a negative period into 1
    assert _paths(_pod(terminationGracePeriodSeconds=-1)) == set()


def test_host_sysctls_wait_for_their_rule() -> None:
    pod = _pod(hostNetwork=True, securityContext={"sysctls": [{"name": "net.core.somaxconn", "value": "1024"}]})
    assert _paths(pod, "1.29") == {"spec.securityContext.sysctls[0].name"}
    assert _paths(pod, "1.28") == set()
    pod["spec"]["hostNetwork"] = False
    pod["spec"]["hostIPC"] = True
    assert _paths(pod, "1.33") == set()  # net.* is only the network namespace's


_ANY = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
_READ = (
    ("metadata", "ownerReferences"),
    ("metadata", "finalizers"),
    ("metadata", "generateName"),
    ("metadata", "annotations"),
    ("spec", "os"),
    ("spec", "nodeName"),
    ("spec", "runtimeClassName"),
    ("spec", "readinessGates"),
    ("spec", "schedulingGates"),
    ("spec", "hostUsers"),
    ("spec", "securityContext"),
    ("spec", "ephemeralContainers"),
    ("spec", "containers"),
)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_READ), _ANY, st.sampled_from(["1.25", "1.29", "1.33", "1.37"]))
def test_the_rules_take_any_value_where_they_read(where: tuple[str, str], value: Any, version: str) -> None:
    pod = _pod(hostNetwork=True, os={"name": "windows"})
    pod["metadata"]["annotations"] = {COST: "1"}
    pod[where[0]][where[1]] = value
    problems = check_object(pod, kube_version=version)
    assert problems is not None and all(p.message for p in problems)
