"""Broad inputs for every builder, derived from the builder's own pydantic fields, and the verdict on each.

``arguments(cls)`` draws keyword arguments for a builder from its fields' annotations: for
each field, omitted (its default) or drawn from a strategy of its type. Every text field mixes
values that are often right (names, images, paths, quantities, durations) with arbitrary
text, every integer field small and boundary values with arbitrary integers, nested builders
are themselves drawn from their fields (or are a wrong value altogether). A new field is
therefore fuzzed without any change here.

``attempt(cls, kwargs, kube_version)`` is the invariant of issue 10: construction raises
SpecError whose every problem has a path, or the builder's objects, placed in a Stack (value
objects inside the builder that uses them), pass ``Stack.objects()`` at that Kubernetes
version. Any other outcome is a violation. The property tests assert there is none; the
``bench/bench_construction.py`` run counts them over many more examples.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args, get_origin

from hypothesis import strategies as st

import k8slab as kl
from k8slab.builders.source import KeyedSource
from k8slab.validation.engine import check
from k8slab.validation.schema import supported_versions

__all__ = ["BUILDERS", "Outcome", "arguments", "attempt", "kube_versions"]

BUILDERS: tuple[type, ...] = (
    kl.App,
    kl.Stateful,
    kl.Secret,
    kl.Config,
    kl.Limits,
    kl.LimitRange,
    kl.LimitItem,
    kl.InitFetch,
    kl.Probe,
    kl.Port,
    kl.Rolling,
    kl.Env,
    kl.Mount,
    kl.Claim,
    kl.Toleration,
    kl.NodeAffinity,
    kl.PodAffinity,
    kl.Security,
    kl.Monitoring,
    kl.AlertRule,
    kl.RecordRule,
    kl.HttpMetrics,
    kl.Alertmanager,
    kl.Receiver,
    kl.Route,
    kl.SecretKey,
    kl.Slack,
    kl.Webhook,
    kl.Storage,
    kl.PrometheusServer,
    kl.KubePrometheusStack,
    kl.Ingress,
    kl.IngressRule,
    kl.Autoscale,
    kl.Scaling,
    kl.DisruptionBudget,
    kl.Job,
    kl.CronJob,
    kl.DaemonSet,
    kl.Rule,
    kl.Role,
    kl.ClusterRole,
    kl.ServiceAccount,
    kl.RoleBinding,
    kl.ClusterRoleBinding,
    kl.Sidecar,
)
"""Every builder and value object of issue 10's scope, and those of issue 13."""

# Values that are often right somewhere, and their near misses; no field is special-cased.
_TEXT = [
    "web", "db", "a", "app-config", "data", "http", "metrics", "x" * 52, "x" * 63, "x" * 64, "a.b", "a..b",
    "nginx:1.27", "ghcr.io/org/app:v2.1.0", "nginx", "nginx:latest", "app@sha256:" + "a" * 64, "registry:5000/app:1",
    "/app", "/app/config", "/data", "/", "/a/../b", "relative", "/a:b", "a/b", "../x", "f.txt",
    "1Gi", "500m", "128Mi", "0", "1", "-1", "1e3", "10 GB", "0.5", "30s", "5m", "1h30m", "0s", "10d", "120h",
    "https://example.com/index.html", "https://example.com/", "http://h", "ftp://x", "oci://r/c", "https://",
    "up == 0", 'up{job="web"} == 0', "sum(rate(x[5m]))", "(", "job:x:rate5m", "http_requests_total", "code",
    "example.com/key", "k8s.io/x", "kubernetes.io/hostname", "app.kubernetes.io/name", "release",
    "username", "password", "ssh-privatekey", ".dockerconfigjson", "tls.crt", "tls.key", '{"auths": {}}', "{}",
    "25%", "100%", "101%", "0%", "In", "Exists", "Gt", "NoExecute", "TCP", "UDP", "ReadWriteOnce", "88.6.4",
    "severity = \"critical\"", "A_B", "FOO", "a=b", "bad key!", "", " ", "-", ".", "..", "é", "日本", "\t", "\x00",
    "a\nb", "%s", "{{ .Values }}",
]  # fmt: skip
_INTS = [0, 1, -1, 2, 3, 10, 80, 443, 8080, 65535, 65536, 30000, 32767, 32768, 100, 101, 0o440, 0o777, 0o1000,
         65532, 2**31 - 1, 2**31, 2**40, 2**63 - 1, 2**63, -(2**31) - 1]  # fmt: skip

_pool = st.sampled_from(_TEXT)
text = st.one_of(_pool, _pool, _pool, st.text(max_size=70), st.from_regex(r"\A[a-z][a-z0-9.-]{0,70}\Z"))
integers = st.one_of(st.sampled_from(_INTS), st.sampled_from(_INTS), st.integers())
anything = st.one_of(text, integers, st.none(), st.booleans(), st.floats(allow_nan=True), st.just([]), st.just({}))

_SAMPLE_SECRET = kl.Secret("creds", data={"username": "admin", "password": "pw", "url": "https://hooks.example.com/x"})
_SAMPLE_CONFIG = kl.Config("app-config", data={"config.json": {"key": "value"}, "a": "b"})
_SAMPLE_RULE = kl.Rule(resources=["configmaps"], verbs=["get"])
_SAMPLE_SA = kl.ServiceAccount("worker")
_SAMPLE_APP = kl.App("web", image="nginx:1.27", port=8080)
_SAMPLES: dict[type, list[Any]] = {
    kl.App: [_SAMPLE_APP],
    kl.Stateful: [kl.Stateful("db", image="postgres:17.2", port=5432)],
    kl.Secret: [_SAMPLE_SECRET, kl.Secret.ref("ext", keys=["k"]), kl.Secret.ref("ext2")],
    kl.Config: [_SAMPLE_CONFIG, kl.Config.ref("ext-config", keys=["a"])],
    kl.SecretKey: [kl.SecretKey(_SAMPLE_SECRET, "url")],
    kl.Receiver: [kl.Receiver("team")],
}


def _builder_type(tp: Any) -> bool:
    return isinstance(tp, type) and hasattr(tp, "__pydantic_fields__")


def _strategy(tp: Any, depth: int) -> st.SearchStrategy[Any]:
    """Values for an annotation, broad: the type's own values and some of every other type."""
    origin = get_origin(tp)
    if origin is typing.Annotated:
        return _strategy(get_args(tp)[0], depth)
    if origin is Literal:
        return st.one_of(st.sampled_from(get_args(tp)), text)
    if origin in (Union, types.UnionType):
        return st.one_of(*(_strategy(arg, depth) for arg in get_args(tp)))
    if tp is type(None):
        return st.none()
    if tp is bool:
        return st.booleans()
    if tp is int:
        return integers
    if tp is float:
        return st.floats()
    if tp is str:
        return text
    if tp is bytes:
        return st.binary(max_size=20)
    if tp is Any:
        return anything
    if origin is not None and isinstance(origin, type) and issubclass(origin, Mapping):
        key, value = get_args(tp) or (Any, Any)
        return st.dictionaries(_strategy(key, depth), _strategy(value, depth), max_size=3)
    if origin is not None and isinstance(origin, type) and issubclass(origin, Sequence):
        (item, *_) = get_args(tp) or (Any,)
        return st.lists(_strategy(item, depth), max_size=3)
    if tp is KeyedSource:  # Env and Mount take a Secret or a Config (typed by their common base)
        return st.one_of(_nested(kl.Secret, depth + 1), _nested(kl.Config, depth + 1))
    if _builder_type(tp):
        return _nested(tp, depth + 1)
    return anything


def _nested(cls: type, depth: int) -> st.SearchStrategy[Any]:
    """A nested builder: a known-good sample, one drawn from its own fields, or a wrong value."""
    options: list[st.SearchStrategy[Any]] = []
    if cls in _SAMPLES:
        options.append(st.sampled_from(_SAMPLES[cls]))
    if depth <= 2:
        built = arguments(cls, depth).map(lambda kwargs: _build_or_none(cls, kwargs))
        options.append(built.filter(lambda v: v is not None))
    default = _build_or_none(cls, {})
    if default is not None:
        options.append(st.just(default))
    return st.one_of(*options, st.sampled_from(["wrong", 0]))


def _build_or_none(cls: type, kwargs: dict[str, Any]) -> Any:
    try:
        return cls(**kwargs)
    except kl.SpecError:
        return None


def _seeds() -> dict[type, dict[str, Any]]:
    """A valid set of arguments per builder that has required fields: the start that mutations perturb."""
    key = kl.SecretKey(_SAMPLE_SECRET, "url")
    return {
        kl.App: {"name": "web", "image": "nginx:1.27", "port": 8080},
        kl.Stateful: {"name": "db", "image": "postgres:17.2", "port": 5432},
        kl.Secret: {"name": "creds", "data": {"username": "admin"}},
        kl.Config: {"name": "app-config", "data": {"a": "b"}},
        kl.InitFetch: {"url": "https://example.com/index.html", "path": "/app/static"},
        kl.Probe: {"handler": "tcp", "port": 8080},
        kl.Port: {"port": 8080},
        kl.Env: {"source": _SAMPLE_CONFIG},
        kl.Mount: {"source": _SAMPLE_CONFIG, "path": "/etc/config"},
        kl.Claim: {"name": "data", "path": "/data"},
        kl.NodeAffinity: {"key": "topology.kubernetes.io/zone", "values": ["a"]},
        kl.PodAffinity: {"labels": {"app": "web"}},
        kl.AlertRule: {"name": "WebDown", "expr": "up == 0"},
        kl.RecordRule: {"name": "job:x:rate5m", "expr": "sum(rate(x[5m]))"},
        kl.Receiver: {"name": "team"},
        kl.Route: {"receiver": "team"},
        kl.SecretKey: {"secret": _SAMPLE_SECRET, "key": "url"},
        kl.Slack: {"api_url_secret": key},
        kl.Webhook: {"url": "https://hooks.example.com/x"},
        kl.KubePrometheusStack: {
            "grafana_admin": kl.Secret.ref("grafana-admin", keys=["admin-user", "admin-password"])
        },
        kl.Autoscale: {"min": 2, "max": 10, "cpu": 70},
        kl.Sidecar: {"name": "proxy", "image": "envoyproxy/envoy:v1.32.1", "port": 9901},
        kl.Rule: {"resources": ["configmaps"], "verbs": ["get"]},
        kl.Role: {"name": "reader", "rules": [_SAMPLE_RULE]},
        kl.ClusterRole: {"name": "reader", "rules": [_SAMPLE_RULE]},
        kl.ServiceAccount: {"name": "worker", "rules": [_SAMPLE_RULE]},
        kl.RoleBinding: {"name": "b", "role": kl.Role("reader", rules=[_SAMPLE_RULE]), "subjects": [_SAMPLE_SA]},
        kl.ClusterRoleBinding: {
            "name": "b",
            "role": kl.ClusterRole("reader", rules=[_SAMPLE_RULE]),
            "subjects": [_SAMPLE_SA],
        },
        kl.DaemonSet: {"name": "agent", "image": "nginx:1.27", "port": 2020},
        kl.Job: {"name": "migrate", "image": "nginx:1.27", "command": ["true"]},
        kl.CronJob: {"name": "report", "image": "nginx:1.27", "schedule": "0 3 * * *"},
        kl.DisruptionBudget: {"min_available": 1},
        kl.IngressRule: {"backend": _SAMPLE_APP, "host": "shop.example.com"},
        kl.Ingress: {"name": "shop", "rules": [kl.IngressRule(_SAMPLE_APP, host="shop.example.com")]},
    }


def _field_strategies(cls: type, depth: int) -> tuple[dict[str, st.SearchStrategy[Any]], set[str]]:
    """A strategy per pydantic field of ``cls`` (from its annotation), and the names of the required ones."""
    fields = cls.__pydantic_fields__  # type: ignore[attr-defined]
    strategies = {
        name: st.deferred(lambda a=info.annotation, d=depth: _strategy(a, d)) for name, info in fields.items()
    }
    return strategies, {name for name, info in fields.items() if info.is_required()}


def arguments(cls: type, depth: int = 0) -> st.SearchStrategy[dict[str, Any]]:
    """Keyword arguments for ``cls``, derived from its pydantic fields.

    Half of the draws set every field at random (required ones always, optional ones or not);
    the other half start from a valid seed and replace up to four fields, any of them, with
    random values (mostly one or two), so that inputs near the valid ones, where holes hide, are common.
    """
    strategies, required = _field_strategies(cls, depth)
    wild = st.fixed_dictionaries(
        {n: s for n, s in strategies.items() if n in required},
        optional={n: s for n, s in strategies.items() if n not in required},
    )
    seed = _seeds().get(cls, {})

    @st.composite
    def near(draw: st.DrawFn) -> dict[str, Any]:
        kwargs = dict(seed)
        most = draw(st.sampled_from([1, 1, 2, 4]))  # mostly one or two fields away from a valid input
        chosen = draw(st.lists(st.sampled_from(sorted(strategies)), max_size=most, unique=True))
        for name in chosen:
            kwargs[name] = draw(strategies[name])
        return kwargs

    return st.one_of(wild, near())


def kube_versions() -> st.SearchStrategy[str]:
    """Every Kubernetes version with bundled schemas."""
    return st.sampled_from(supported_versions())


@dataclass
class Outcome:
    """The verdict on one input."""

    verdict: Literal["refused", "constructed", "violation"]
    detail: str = ""
    objects: tuple[dict[str, Any], ...] = ()


_APP: dict[str, Any] = {"image": "nginx:1.27", "port": 8080}


def _owner(value: Any) -> tuple[list[Any], Callable[[], list[dict[str, Any]]] | None]:
    """The builders that place a value object in a Stack (or a release, for its parts)."""
    cls = type(value)
    app = _APP
    in_app: dict[type, Callable[[Any], Any]] = {
        kl.Limits: lambda v: kl.App("fuzz", limits=v, **app),
        kl.InitFetch: lambda v: kl.App("fuzz", init=[v], **app),
        kl.Probe: lambda v: kl.App(
            "fuzz", readiness=v, ports=[kl.Port(8080), kl.Port(80, name="web")], image="nginx:1.27"
        ),
        kl.Port: lambda v: kl.App("fuzz", ports=[v], image="nginx:1.27"),
        kl.Rolling: lambda v: kl.App("fuzz", strategy=v, **app),
        kl.Env: lambda v: kl.App("fuzz", **{"secrets" if isinstance(v.source, kl.Secret) else "configs": [v]}, **app),
        kl.Mount: lambda v: kl.App("fuzz", **{"secrets" if isinstance(v.source, kl.Secret) else "configs": [v]}, **app),
        kl.Claim: lambda v: kl.Stateful("fuzz", volumes=[v], **app),
        kl.Toleration: lambda v: kl.App("fuzz", tolerations=[v], **app),
        kl.NodeAffinity: lambda v: kl.App("fuzz", node_affinity=[v], **app),
        kl.PodAffinity: lambda v: kl.App("fuzz", pod_affinity=[v], **app),
        kl.Security: lambda v: kl.App("fuzz", security=v, **app),
        kl.Monitoring: lambda v: kl.App("fuzz", monitoring=v, **app),
        kl.AlertRule: lambda v: kl.App("fuzz", monitoring=kl.Monitoring(rules=[v]), **app),
        kl.RecordRule: lambda v: kl.App("fuzz", monitoring=kl.Monitoring(rules=[v]), **app),
        kl.HttpMetrics: lambda v: kl.App("fuzz", monitoring=kl.Monitoring(http=v), **app),
        kl.LimitItem: lambda v: kl.LimitRange(container=v),
        kl.IngressRule: lambda v: kl.Ingress("fuzz", rules=[v]),
        kl.Rule: lambda v: kl.ServiceAccount("fuzz", rules=[v]),
        kl.Sidecar: lambda v: kl.App("fuzz", sidecars=[v], **app),
        kl.Autoscale: lambda v: kl.App("fuzz", autoscale=v, **app),
        kl.Scaling: lambda v: kl.App("fuzz", autoscale=kl.Autoscale(max=3, scale_down=v, scale_up=v), **app),
        kl.DisruptionBudget: lambda v: kl.App("fuzz", replicas=3, disruption_budget=v, **app),
    }
    in_release: dict[type, Callable[[Any], Any]] = {
        kl.KubePrometheusStack: lambda v: v,
        kl.PrometheusServer: lambda v: kl.KubePrometheusStack(grafana=False, prometheus=v),
        kl.Storage: lambda v: kl.KubePrometheusStack(grafana=False, prometheus=kl.PrometheusServer(storage=v)),
        kl.Alertmanager: lambda v: kl.KubePrometheusStack(grafana=False, alertmanager=v),
        kl.Receiver: lambda v: kl.KubePrometheusStack(grafana=False, alertmanager=kl.Alertmanager(receivers=[v])),
        kl.Route: lambda v: kl.KubePrometheusStack(
            grafana=False, alertmanager=kl.Alertmanager(receivers=[kl.Receiver("team"), kl.Receiver("b")], route=v)
        ),
        kl.Webhook: lambda v: kl.KubePrometheusStack(
            grafana=False, alertmanager=kl.Alertmanager(receivers=[kl.Receiver("r", webhooks=[v])])
        ),
        kl.Slack: lambda v: kl.KubePrometheusStack(
            grafana=False, alertmanager=kl.Alertmanager(receivers=[kl.Receiver("r", slack=[v])])
        ),
        kl.SecretKey: lambda v: kl.KubePrometheusStack(
            grafana=False, alertmanager=kl.Alertmanager(receivers=[kl.Receiver("r", slack=[kl.Slack(v)])])
        ),
    }
    if cls in in_release:
        release = in_release[cls](value)
        return [], lambda: [*release.objects()]
    if cls in in_app:
        return [in_app[cls](value)], None
    return [value], None


def attempt(cls: type, kwargs: dict[str, Any], kube_version: str | Sequence[str]) -> Outcome:
    """Construct ``cls(**kwargs)``; refused with paths, or its objects valid at ``kube_version`` (or at each one)."""
    if not isinstance(kube_version, str):
        outcome = Outcome("refused")
        for version in kube_version:
            outcome = attempt(cls, kwargs, version)
            if outcome.verdict != "constructed":
                return outcome
        return outcome
    try:
        value = cls(**kwargs)
    except kl.SpecError as err:
        if not err.problems or not all(p.path for p in err.problems):
            return Outcome("violation", f"SpecError without a path: {err}")
        return Outcome("refused")
    except Exception as err:  # anything but SpecError is a crash
        return Outcome("violation", f"construction raised {type(err).__name__}: {err}")
    try:
        builders, release = _owner(value)
    except kl.SpecError as err:  # the owner refused the value: still a SpecError with paths
        if not all(p.path for p in err.problems):
            return Outcome("violation", f"owner's SpecError without a path: {err}")
        return Outcome("refused")
    except Exception as err:
        return Outcome("violation", f"placing the value raised {type(err).__name__}: {err}")
    try:
        if release is not None:
            objects = release()
            report = check(objects, kube_version=kube_version)
            if report.problems:
                raise kl.ValidationFailed(report.problems)
        else:
            objects = kl.Stack("fuzz", *builders, namespace="fuzz", kube_version=kube_version).objects()
    except kl.SpecError as err:  # the Stack refused a builder valid only at other Kubernetes versions
        if not all(p.path for p in err.problems):
            return Outcome("violation", f"Stack's SpecError without a path: {err}")
        return Outcome("refused")
    except kl.ValidationFailed as err:
        return Outcome("violation", f"objects() failed: {err}")
    except Exception as err:
        return Outcome("violation", f"objects() raised {type(err).__name__}: {err}")
    return Outcome("constructed", objects=tuple(objects))
