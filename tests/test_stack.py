"""The composer: collection, namespace and labels, validation on every way out, atomic synthesis."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import k8slab as kl


def _app(**kw: object) -> kl.App:
    return kl.App("web", image="nginx:1.27", port=8080, **kw)  # type: ignore[arg-type]


def test_referenced_builders_are_included_once() -> None:
    creds = kl.Secret("creds", data={"user": "u"})
    a = kl.App("a", image="nginx:1.27", port=8080, secrets=[creds])
    b = kl.App("b", image="nginx:1.27", port=8080, secrets=[creds.env({"USER": "user"})])
    stack = kl.Stack("s", a, b, creds, namespace="team")
    kinds = [(o["kind"], o["metadata"]["name"]) for o in stack.objects()]
    assert kinds.count(("Secret", "creds")) == 1


def test_namespace_and_labels_on_every_object() -> None:
    stack = kl.Stack("shop", _app(), namespace="team-a")
    objects = stack.objects()
    assert objects[0]["kind"] == "Namespace" and objects[0]["metadata"]["name"] == "team-a"
    for obj in objects[1:]:
        assert obj["metadata"]["namespace"] == "team-a"
        labels = obj["metadata"]["labels"]
        assert labels["app.kubernetes.io/instance"] == "shop"
        assert labels["app.kubernetes.io/managed-by"] == "k8slab"
        assert labels["app.kubernetes.io/name"] == "web"


def test_names_are_the_users_without_hashes() -> None:
    names = {o["metadata"]["name"] for o in kl.Stack("s", _app(), namespace="n").objects()}
    assert names == {"n", "web"}


def test_objects_come_in_apply_order() -> None:
    cfg = kl.Config("cfg", data={"a": "b"})
    lr = kl.Limits.range(container=kl.LimitItem(max={"cpu": "1"}))
    kinds = [o["kind"] for o in kl.Stack("s", _app(configs=[cfg]), lr, namespace="n").objects()]
    assert kinds == ["Namespace", "ConfigMap", "LimitRange", "Service", "Deployment", "NetworkPolicy"]


@pytest.mark.parametrize("namespace", ["default", "kube-system"])
def test_default_namespaces_are_refused(namespace: str) -> None:
    with pytest.raises(kl.SpecError) as err:
        kl.Stack("s", _app(), namespace=namespace)
    assert err.value.path == "namespace"


def test_invalid_stack_name_and_argument() -> None:
    with pytest.raises(kl.SpecError) as err:
        kl.Stack("Bad_Name", namespace="n")
    assert err.value.path == "name"
    with pytest.raises(kl.SpecError) as err:
        kl.Stack("s", "not a builder", namespace="n")  # type: ignore[arg-type]
    assert err.value.path == "builders[0]"


def test_relaxed_security_lowers_the_namespace_enforce_level() -> None:
    relaxed = kl.App(
        "web", image="nginx:1.27", port=8080, security=kl.Security(run_as_non_root=False, reason="legacy image")
    )
    ns = kl.Stack("s", relaxed, namespace="n").objects()[0]
    assert ns["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "baseline"


def test_a_reference_is_external_and_not_rendered() -> None:
    existing = kl.Secret.ref("vault-creds", keys=["token"])
    stack = kl.Stack("s", _app(secrets=[existing.env({"TOKEN": "token"})]), namespace="n")
    assert ("Secret", "vault-creds") in stack.external()
    assert all(o["kind"] != "Secret" for o in stack.objects())


def test_two_objects_of_one_kind_with_one_name_are_refused() -> None:
    a = kl.Config("cfg", data={"a": "1"})
    b = kl.Config("cfg", data={"a": "2"})
    with pytest.raises(kl.ValidationFailed) as err:
        kl.Stack("s", a, b, namespace="n").objects()
    assert any(p.path == "metadata.name" and p.obj == "ConfigMap/cfg" for p in err.value.problems)


def test_container_requests_must_fit_the_limit_range() -> None:
    lr = kl.Limits.range(container=kl.LimitItem(max={"cpu": "200m", "memory": "128Mi"}))
    with pytest.raises(kl.ValidationFailed) as err:
        kl.Stack("s", _app(limits=kl.Limits(cpu="500m", memory="64Mi")), lr, namespace="n").objects()
    # reported on the App's field that sets the value, with the value and the bound
    messages = {p.path: p.message for p in err.value.problems}
    assert messages == {
        "limits.cpu": "500m is above the maximum 200m of LimitRange/limits",
        "limits.request_cpu": "500m (k8slab's default: the cpu limit; set Limits(request_cpu=...)) "
        "is above the maximum 200m of LimitRange/limits",
    }
    assert {p.obj for p in err.value.problems} == {"App/web"}
    assert all(p.origin.startswith("tests/test_stack.py:") for p in err.value.problems)


def test_a_default_that_breaks_a_limit_range_says_so() -> None:
    lr = kl.Limits.range("cpu-mem", container=kl.LimitItem(max={"cpu": "1", "memory": "128Mi"}))
    with pytest.raises(kl.ValidationFailed) as err:
        kl.Stack("s", _app(), lr, namespace="n").objects()
    assert (
        "App/web: limits.memory: 256Mi (k8slab's default; set Limits(memory=...)) is above the maximum 128Mi "
        "of LimitRange/cpu-mem" in str(err.value)
    )
    init = kl.InitFetch(url="https://example.com/f.txt", path="/data")
    small = kl.Limits.range("cpu-mem", container=kl.LimitItem(max={"cpu": "1", "memory": "32Mi"}))
    with pytest.raises(kl.ValidationFailed) as err:
        kl.Stack("s", _app(limits=kl.Limits(memory="32Mi"), init=[init]), small, namespace="n").objects()
    assert {p.path for p in err.value.problems} == {"init[0].limits.memory", "init[0].limits.request_memory"}
    assert "set InitFetch(limits=Limits(memory=...))" in str(err.value)
    disk = kl.Limits.range("disk", container=kl.LimitItem(max={"ephemeral-storage": "1Gi"}))
    with pytest.raises(kl.ValidationFailed) as err:
        kl.Stack("s", _app(), disk, namespace="n").objects()
    assert [str(p).split(": ", 1)[1] for p in err.value.problems] == [
        "App/web: limits.ephemeral_storage: must be set: LimitRange/disk has a maximum for it "
        "(k8slab's default is none; set Limits(ephemeral_storage=...))"
    ]


def test_to_yaml_equals_the_synthesized_file(tmp_path: Path) -> None:
    stack = kl.Stack("s", _app(), namespace="n")
    text = stack.to_yaml()
    (written,) = stack.synth(tmp_path / "dist")
    assert written.name == "s.k8s.yaml"
    assert (
        written.read_text()
        == '# Generated by k8slab; do not edit (the next run overwrites it). {"namespace":"n","stack":"s"}\n' + text
    )
    assert [d["kind"] for d in yaml.safe_load_all(text)] == ["Namespace", "Service", "Deployment", "NetworkPolicy"]


def test_failed_validation_writes_nothing_and_keeps_old_output(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    out.mkdir()
    (out / "old.yaml").write_text("kept: true\n")
    lr = kl.Limits.range(container=kl.LimitItem(max={"cpu": "100m"}))
    with pytest.raises(kl.ValidationFailed):
        kl.Stack("s", _app(), lr, namespace="n").synth(out)
    assert sorted(p.name for p in out.iterdir()) == ["old.yaml"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist"]  # no staging directory left behind


def test_synth_writes_its_file_and_keeps_every_other(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    out.mkdir()
    (out / "stale.k8s.yaml").write_text("x: 1\n")  # not k8slab's: never touched
    files = kl.Stack("s", _app(), namespace="n").synth(out)
    assert [f.name for f in files] == ["s.k8s.yaml"]
    assert sorted(p.name for p in out.iterdir()) == ["s.k8s.yaml", "stale.k8s.yaml"]
    assert (out / "stale.k8s.yaml").read_text() == "x: 1\n"
    assert (
        files[0]
        .read_text()
        .startswith('# Generated by k8slab; do not edit (the next run overwrites it). {"namespace":"n","stack":"s"}\n')
    )


def test_invalid_objects_found_while_cdk8s_writes_leave_nothing(tmp_path: Path) -> None:
    # validation runs beside synthesis; a failure must still discard what cdk8s wrote
    out = tmp_path / "dist"
    lr = kl.Limits.range(container=kl.LimitItem(max={"cpu": "100m"}))
    apps = [kl.App(f"web-{i}", image="nginx:1.27", port=8080) for i in range(30)]
    with pytest.raises(kl.ValidationFailed) as err:
        kl.Stack("s", *apps, lr, namespace="n").synth(out)
    assert len(err.value.problems) >= 30
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("security", "level"),
    [
        (kl.Security(), "restricted"),
        (kl.Security(run_as_non_root=False, run_as_user=0, reason="legacy"), "baseline"),
        (kl.Security(add_capabilities=["NET_ADMIN"], reason="vpn"), "privileged"),
        (kl.Security(seccomp_profile="Unconfined", reason="debugging"), "privileged"),
    ],
)
def test_namespace_enforces_the_level_its_pods_meet(security: kl.Security, level: str) -> None:
    app = kl.App("web", image="nginx:1.27", port=8080, security=security)
    ns = kl.Stack("s", app, namespace="n").objects()[0]
    assert ns["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == level


def test_uid_zero_contradicts_run_as_non_root() -> None:
    with pytest.raises(kl.SpecError) as err:
        kl.Security(run_as_user=0)
    assert "run_as_user 0 contradicts run_as_non_root" in str(err.value)
