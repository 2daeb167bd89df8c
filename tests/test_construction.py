"""Construction implies validity: the inputs issue 10 found accepted and then failing at objects().

Each case used to construct without error and break ``Stack.objects()`` (or the API server) on
a field the user never saw; each must now fail at construction, with the field's path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import k8slab as kl
from k8slab.cli import main

CFG = kl.Config("cfg", data={"a": "b"})
APP: dict[str, Any] = {"image": "nginx:1.27", "port": 8080}


def _fails(build: Callable[[], object]) -> kl.SpecError:
    with pytest.raises(kl.SpecError) as info:
        build()
    err = info.value
    assert err.problems and all(p.path for p in err.problems)
    return err


@pytest.mark.parametrize(
    ("build", "path"),
    [
        (lambda: kl.App("web", annotations={"bad key!": "v"}, **APP), "annotations"),
        (lambda: kl.App("web", annotations={"": "v"}, **APP), "annotations"),
        (lambda: kl.App("web", annotations={"a=b": "v"}, **APP), "annotations"),
        (lambda: kl.App("web", annotations={"k": "x" * (256 * 1024)}, **APP), "annotations"),
        (lambda: kl.Env(CFG, prefix="a=b "), "prefix"),
        (lambda: kl.Claim("data", "/d", storage_class="Bad Class!"), "storage_class"),
        (lambda: kl.Claim("data", "/d", size="0"), "size"),
        (lambda: kl.Claim("data", "/d", access_modes=("ReadWriteOncePod", "ReadWriteOnce")), "access_modes"),
        (lambda: kl.Storage(access_modes=("ReadWriteOncePod", "ReadWriteOnce")), "access_modes"),
        (lambda: kl.Storage("0"), "size"),
        (lambda: kl.Storage(storage_class="Bad Class!"), "storage_class"),
        (lambda: kl.Secret("a" * 64, data={"k": "v"}), "name"),
        (lambda: kl.Config("a." * 100 + "b"), "name"),
        (lambda: kl.Limits.range("a" * 64, container=kl.LimitItem(max={"cpu": "1"})), "name"),
        (lambda: kl.Secret("s", type="kubernetes.io/ssh-auth", data={"ssh-privatekey": ""}), "data['ssh-privatekey']"),
        (
            lambda: kl.Secret("s", type="kubernetes.io/dockerconfigjson", data={".dockerconfigjson": "not json"}),
            "data['.dockerconfigjson']",
        ),
        (
            lambda: kl.Secret("s", type="kubernetes.io/dockerconfigjson", data={".dockerconfigjson": "[1]"}),
            "data['.dockerconfigjson']",
        ),
        (
            lambda: kl.App(
                "web", image="nginx:1.27", ports=[kl.Port(80, service_port=90), kl.Port(81, name="b", service_port=90)]
            ),
            "ports",
        ),
        (
            lambda: kl.App(
                "web",
                image="nginx:1.27",
                service="NodePort",
                ports=[kl.Port(80, node_port=30001), kl.Port(81, name="b", node_port=30001)],
            ),
            "ports",
        ),
        (lambda: kl.App("web", replicas=2**40, **APP), "replicas"),
        (lambda: kl.App("web", replicas=2**31, **APP), "replicas"),
        (lambda: kl.App("web", revision_history_limit=2**40, **APP), "revision_history_limit"),
        (lambda: kl.Stateful("web", replicas=2**40, **APP), "replicas"),
        (lambda: kl.Probe.tcp(8080, period_seconds=2**40), "period_seconds"),
        (lambda: kl.Probe.tcp(8080, initial_delay_seconds=2**31), "initial_delay_seconds"),
        (lambda: kl.Probe.tcp(70000), "port"),
        (lambda: kl.Rolling(max_surge=2**40), "max_surge"),
        (lambda: kl.Toleration("k", effect="NoExecute", seconds=2**63), "seconds"),
        (lambda: kl.Toleration("k", value="not a label value!"), "value"),
        (lambda: kl.NodeAffinity("k", "Gt", ["9" * 30]), "values"),
        (lambda: kl.PrometheusServer(replicas=2**31), "replicas"),
        (lambda: kl.App("web", env={"A": "\ud800"}, **APP), "env.A"),
        (
            lambda: kl.App("web", secrets=[kl.Secret("c", data={"a": "1"}), kl.Secret("c", data={"b": "2"})], **APP),
            "secrets[1]",
        ),
        (lambda: kl.Secret("s", data={"k": "\udcff"}), "data.k"),
    ],
)
def test_each_hole_fails_at_construction(build: Callable[[], object], path: str) -> None:
    assert _fails(build).path.startswith(path)


def test_the_valid_neighbours_still_construct_and_validate() -> None:
    secret = kl.Secret("a" * 63, data={"k": "v"})
    docker = kl.Secret("pull", type="kubernetes.io/dockerconfigjson", data={".dockerconfigjson": '{"auths": {}}'})
    ssh = kl.Secret("ssh", type="kubernetes.io/ssh-auth", data={"ssh-privatekey": "key"})
    app = kl.App(
        "web",
        image="nginx:1.27",
        ports=[kl.Port(80, service_port=90), kl.Port(81, name="udp", protocol="UDP", service_port=90)],
        replicas=2**31 - 1,
        annotations={"example.com/note": "v"},
        configs=[CFG.env(prefix="CFG_")],
        secrets=[secret],
        tolerations=[kl.Toleration("k", effect="NoExecute", seconds=2**63 - 1)],
    )
    db = kl.Stateful("db", image="postgres:17", port=5432, volumes=[kl.Claim("data", "/d", storage_class="")])
    kl.Stack("s", app, db, docker, ssh, namespace="n").objects()


def test_all_of_a_builders_problems_at_once() -> None:
    err = _fails(lambda: kl.App("web", image="nginx", port=8080, replicas=-1))
    assert [(p.path, p.message) for p in err.problems] == [
        ("replicas", "must be at least 0"),
        (
            "image",
            "image must have a pinned tag or digest, not ':latest' or none "
            "(allow it with Security(allow_latest_image=True))",
        ),
    ]
    # checks that span fields are collected too, not only the first
    err = _fails(
        lambda: kl.App(
            "web", image="nginx:1.27", port=8080, ports=[kl.Port(80)], service="NodePort", liveness=kl.Probe.tcp("nope")
        )
    )
    assert {p.path for p in err.problems} == {"port", "liveness.port"}


def test_problems_carry_the_users_line() -> None:
    err = _fails(lambda: kl.App("web", replicas=-1, **APP))
    assert err.problems[0].origin == f"tests/test_construction.py:{_line('replicas=-1, **APP))')}"
    assert str(err) == f"{err.problems[0].origin}: App/web: replicas: must be at least 0"


def test_a_value_objects_problem_names_its_field_and_its_owner() -> None:
    alone = _fails(lambda: kl.Mount(CFG, "relative"))
    assert str(alone.problems[0]).endswith(
        "Mount: path: must be an absolute, normalized path without ':' (e.g. '/app/config')"
    )
    inside = _fails(lambda: kl.App("web", configs=[{"source": CFG, "path": "relative"}], **APP))  # type: ignore[list-item]
    # of the builders the union allows, only the one the value came closest to (Mount) speaks
    assert [str(p).split(": ", 1)[1] for p in inside.problems] == [
        "App/web: configs[0].path: must be an absolute, normalized path without ':' (e.g. '/app/config')"
    ]
    # an owner's check on its value objects uses the full path
    err = _fails(lambda: kl.App("web", configs=[CFG.mount("/c", items={"nope": "f"})], **APP))
    assert err.problems[0].obj == "App/web" and err.problems[0].path == "configs[0].items"


def test_a_cross_object_problem_points_at_the_builder_line() -> None:
    app = kl.App("web", **APP)
    dup = kl.App("web", replicas=2, **APP)
    line = _line('dup = kl.App("web", replicas=2, **APP)')
    with pytest.raises(kl.ValidationFailed) as info:
        kl.Stack("s", app, dup, namespace="n").objects()
    # the second App, the one whose name is taken, is where to look
    assert {p.origin for p in info.value.problems} == {f"tests/test_construction.py:{line}"}


def _line(text: str) -> int:
    """The line of this file that holds ``text``."""
    with open(__file__, encoding="utf-8") as f:
        return next(i for i, line in enumerate(f, 1) if text in line and "_line(" not in line)


RELEASE = """\
import k8slab as kl
admin = kl.Secret.ref("grafana-admin", keys=["admin-user", "admin-password"])
kps = kl.KubePrometheusStack("monitoring", grafana_admin=admin)
app = kl.App("web", image="nginx:1.27", port=8080, monitoring=kl.Monitoring({release!r}))
stack = kl.Stack("demo", app, namespace="demo")
"""


def test_a_release_name_that_matches_no_release_of_the_program_is_refused(
    tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    program = tmp_path / "lab.py"
    program.write_text(RELEASE.format(release="prometheus"))
    assert main(["synth", str(program), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert (
        f"{program}:4: App/web: monitoring.release: names the release 'prometheus', but this program's "
        "KubePrometheusStack is 'monitoring'"
    ) in err
    assert not (tmp_path / "out").exists()
    program.write_text(RELEASE.format(release="monitoring"))
    assert main(["synth", str(program), "-o", str(tmp_path / "out")]) == 0


def test_a_release_name_is_accepted_when_the_program_defines_no_release(tmp_path: Any) -> None:
    program = tmp_path / "lab.py"
    program.write_text(
        "import k8slab as kl\n"
        "stack = kl.Stack('demo', kl.App('web', image='nginx:1.27', port=8080, "
        "monitoring=kl.Monitoring('prometheus')), namespace='demo')\n"
    )
    assert main(["synth", str(program), "-o", str(tmp_path / "out")]) == 0


def test_validate_refuses_an_int32_overflow(tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    manifest = tmp_path / "d.yaml"
    manifest.write_text(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2147483648\n"
        "  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n"
        "    spec: {containers: [{name: web, image: 'nginx:1.27'}]}\n"
    )
    assert main(["validate", str(manifest)]) == 1
    assert "spec.replicas: must be a 32-bit integer (-2147483648 to 2147483647)" in capsys.readouterr().out
    manifest.write_text(manifest.read_text().replace("2147483648", "2147483647"))
    assert main(["validate", str(manifest)]) == 0


@pytest.mark.parametrize("command", ["synth", "validate", "apply", "chart"])
def test_help_shows_no_restructuredtext(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    assert "``" not in out and f"k8slab {command}" in out


def test_a_stack_error_carries_the_stack_line() -> None:
    with pytest.raises(kl.SpecError) as info:
        kl.Stack("s", kl.App("web", **APP), namespace="default")
    line = _line('namespace="default")')
    assert info.value.problems[0].origin == f"tests/test_construction.py:{line}"


def test_a_builder_valid_only_at_newer_versions_is_refused_by_the_stack() -> None:
    claim = kl.Claim("data", "/d", access_modes=("ReadWriteOncePod",))
    db = kl.Stateful("db", image="postgres:17.2", port=5432, volumes=[claim])
    line = _line('db = kl.Stateful("db", image="postgres:17.2", port=5432, volumes=[claim])')
    with pytest.raises(kl.SpecError) as info:
        kl.Stack("s", db, namespace="n", kube_version="1.26")
    assert str(info.value) == (
        f"tests/test_construction.py:{line}: Stateful/db: volumes[0].access_modes: "
        "ReadWriteOncePod needs Kubernetes 1.27 or later"
    )
    kl.Stack("s", db, namespace="n", kube_version="1.27").objects()
