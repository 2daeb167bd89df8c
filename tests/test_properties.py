"""Properties over generated builder inputs.

Valid inputs: every object passes strict schema validation and the cross-checks, synthesis is
byte-identical across runs, and the YAML round-trips to the same objects.
Invalid inputs: construction fails with a SpecError whose path is non-empty.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import k8slab as kl

from .yamlio import load_all

dns1035 = st.from_regex(r"\A[a-z]([a-z0-9-]{0,20}[a-z0-9])?\Z")
env_name = st.from_regex(r"\A[A-Z_][A-Z0-9_]{0,15}\Z")
config_key = st.from_regex(r"\A[a-z][a-z0-9._-]{0,20}\Z").filter(lambda k: k not in (".", ".."))
port = st.integers(min_value=1, max_value=65535)
cpu = st.sampled_from(["100m", "250m", "500m", "1", "2"])
memory = st.sampled_from(["64Mi", "128Mi", "256Mi", "1Gi"])
text = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=30)


@st.composite
def apps(draw: st.DrawFn) -> tuple[Any, ...]:
    name = draw(dns1035)
    secret = kl.Secret(f"{name}-creds", data=draw(st.dictionaries(config_key, text, min_size=1, max_size=3)))
    config = kl.Config(
        f"{name}-cfg",
        data=draw(
            st.dictionaries(config_key, st.one_of(text, st.fixed_dictionaries({"k": text})), min_size=1, max_size=3)
        ),
    )
    secret_use = draw(st.sampled_from(["env", "keys", "mount"]))
    uses: list[Any] = {
        "env": [secret],
        "keys": [secret.env({draw(env_name): sorted(secret.keys())[0]})],
        "mount": [kl.Mount(secret, "/etc/creds")],
    }[secret_use]
    common: dict[str, Any] = dict(
        image=draw(st.sampled_from(["nginx:1.27", "ghcr.io/org/app:v2.1.0", "registry:5000/app:1"])),
        port=draw(port),
        env=draw(st.dictionaries(env_name, text, max_size=3)),
        secrets=uses,
        configs=[kl.Mount(config, "/app/config")],
        limits=kl.Limits(cpu=draw(cpu), memory=draw(memory)),
    )
    if draw(st.booleans()):
        workload: Any = kl.App(
            name,
            replicas=draw(st.integers(0, 10)),
            service=draw(st.sampled_from(["ClusterIP", "NodePort", "LoadBalancer", "Headless", None])),
            strategy=draw(st.sampled_from([kl.Rolling(), kl.Rolling(max_surge=1, max_unavailable=0), "Recreate"])),
            **common,
        )
    else:
        workload = kl.Stateful(
            name[:50],
            replicas=draw(st.integers(0, 5)),
            volumes=[kl.Claim("data", "/data", size=draw(st.sampled_from(["1Gi", "500Mi"])))],
            pod_management_policy=draw(st.sampled_from(["OrderedReady", "Parallel"])),
            **common,
        )
    return (workload,)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(apps(), dns1035)
def test_valid_inputs_give_valid_objects(builders: tuple[Any, ...], namespace: str) -> None:
    stack = kl.Stack("prop", *builders, namespace=namespace if namespace != "default" else "ns")
    objects = stack.render()
    report = stack.check(objects)  # schema, API-server rules and cross-checks
    assert report.problems == [] and report.unchecked == []
    assert list(yaml.safe_load_all(yaml.safe_dump_all(objects))) == objects


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(apps())
def test_synthesis_is_deterministic_and_round_trips(builders: tuple[Any, ...]) -> None:
    stack = kl.Stack("prop", *builders, namespace="ns")
    first = stack.to_yaml()
    assert kl.Stack("prop", *builders, namespace="ns").to_yaml() == first
    assert load_all(first) == stack.objects()


invalid_cases = st.one_of(
    st.builds(lambda n: {"name": n}, st.from_regex(r"\A[A-Z_][A-Za-z_]{0,10}\Z")),
    st.builds(lambda p: {"port": p}, st.one_of(st.integers(max_value=0), st.integers(min_value=65536))),
    st.builds(lambda r: {"replicas": r}, st.integers(max_value=-1)),
    st.builds(lambda c: {"limits": {"cpu": c}}, st.sampled_from(["500 m", "1.2.3", "Mi", "-1", "1mi", "abc"])),
    st.builds(lambda i: {"image": i}, st.sampled_from(["nginx", "nginx:latest", "nginx@sha256:abc", " nginx:1"])),
    st.builds(
        lambda s: {"service": s}, text.filter(lambda s: s not in ("ClusterIP", "NodePort", "LoadBalancer", "Headless"))
    ),
)


@settings(max_examples=100, deadline=None)
@given(invalid_cases)
def test_invalid_inputs_raise_spec_error_with_a_path(case: dict[str, Any]) -> None:
    args: dict[str, Any] = {"name": "web", "image": "nginx:1.27", "port": 8080}
    args.update(case)
    name = args.pop("name")
    with pytest.raises(kl.SpecError) as err:
        if "limits" in args:
            args["limits"] = kl.Limits(**args["limits"])
        kl.App(name, **args)
    assert err.value.problems
    assert all(p.path for p in err.value.problems)
